/**
 * `scsi-odx decode`: every structure of the inputs decoded in turn (each by the length its own
 * header declares), printed as an annotated dump, as JSON, or as the list of what strict
 * decoding would reject (--check). Capture files go to the capture decoder.
 */
import { parseArgs } from 'node:util';
import { captureFormat } from '../capture/file.js';
import { isScsiCodecError } from '../errors.js';
import type { TraceEntry } from '../internal/byte-reader.js';
import { annotate } from './annotate.js';
import { decodeCapture } from './capture.js';
import { gatherRaw, inputsOf, type NamedInput, window } from './decode-input.js';
import { renderDump } from './dump.js';
import { expandEmbedded } from './embedded.js';
import { DecodeFailure, EXIT_DECODE, EXIT_OK, UsageError } from './exit.js';
import { toJsonValue } from './json.js';
import { codecOf, detectKind, type Kind, structureLength } from './kinds.js';
import { byteCountOption, kindOption } from './options.js';
import { writeErr, writeOut } from './stdio.js';
import { summarize } from './summary.js';

/** Help text of `scsi-odx decode`. */
export const DECODE_HELP = `Usage: scsi-odx decode [--as KIND] [--json | --check] [--strict] [HEX... | --in FILE | -]

Decode one or more structures and print an annotated dump (default) or JSON.

Input: hex arguments, --in FILE (repeatable; binary or text) or stdin ("-" or a pipe).
Text may be plain hex (spaces, colons, commas, 0x prefixes optional), an sg3_utils inhex
file with # comments, a dump from xxd, xxd -i, hexdump (-C or default 16-bit words), od
(-t x1, -x, -An), sg3_utils -H or sg_raw -vvv, tshark -x (one or several frames) or
Wireshark (Hex + ASCII, C array). Several structures in one input (back to back, or one
per line) are decoded in turn, each by the length its own header declares; zero bytes
after the last one are reported as padding.

Options:
  --as KIND      what the bytes are (default: detected; the guess is printed)
  --json         print the decoded value as JSON (bigint as decimal strings, bytes as hex)
  --strict       strict decoding: reserved bits, length disagreements and unknown formats are errors
  --check        list what strict decoding would reject (one line per issue); exit 1 if any
  --in FILE      read FILE (repeatable)
  --offset N     skip N bytes of each input first (decimal or 0x hex)
  --length N     decode only N bytes (from --offset)

Capture files (pcap, pcapng; recognised by their magic number): the timeline of SCSI
exchanges over iSCSI (time, connection, initiator port, LUN, ITT, command, status), ODX
exchanges decoded in full, ROD tokens followed from RRTI to WRITE USING TOKEN.
  --port N       iSCSI target TCP port (repeatable; default 3260)
  --lun N        only exchanges with this LUN
  --command C    only this command: a name (e.g. "write using token") or opcode[/SA] in hex
  --list-id N    only third-party copy commands with this LIST IDENTIFIER
  --json         one JSON object per exchange
  -h, --help     this help

Examples:
  scsi-odx decode 70 00 05 00 00 00 00 0a 00 00 00 00 26 00 00 c0 00 02
  scsi-odx decode --as cdb 0x83,0x10,0,0,0,0,0,0,0,1,0,0,0,0x20,0,0
  scsi-odx decode --json --in sense.bin
  scsi-odx decode --check --in vpd_tpc.hex
  scsi-odx decode --in odx.pcapng --command "write using token"
  xxd token.bin | scsi-odx decode --as rod-token
  sg_raw -vvv ... 2>&1 | scsi-odx decode --strict -
`;

/** One decoded structure. */
interface Decoded {
  readonly kind: Kind;
  readonly reason: string | undefined;
  readonly start: number;
  readonly length: number;
  readonly value: unknown;
  readonly trace: TraceEntry[];
  /** Zero bytes after the structure (reported as padding, not decoded). */
  readonly padding: number;
}

/** Decode every structure of `input`; on a failure, `failure` is set and `decoded` holds those before it. */
function decodeAll(
  input: NamedInput,
  as: Kind | undefined,
  strict: boolean,
  multi: boolean,
): { decoded: Decoded[]; failure?: DecodeFailure } {
  const out: Decoded[] = [];
  try {
    decodeInto(out, input, as, strict, multi);
    return { decoded: out };
  } catch (e) {
    if (e instanceof DecodeFailure && out.length > 0) return { decoded: out, failure: e };
    throw e;
  }
}

function decodeInto(out: Decoded[], input: NamedInput, as: Kind | undefined, strict: boolean, multi: boolean): void {
  const { bytes } = input;
  if (bytes.length === 0) throw new DecodeFailure(`${input.name}: no bytes`);
  let pos = 0;
  while (pos < bytes.length) {
    const rest = bytes.subarray(pos);
    const where = multi || pos > 0 ? `${input.name}, structure at input byte ${pos}: ` : '';
    let kind = as;
    let reason: string | undefined;
    if (kind === undefined) {
      const d = detectKind(rest);
      if (d === undefined) {
        throw new DecodeFailure(
          `${where}cannot tell what these ${rest.length} bytes are (first byte ${hx(rest[0] ?? 0)}); say --as KIND`,
        );
      }
      kind = d.kind;
      reason = d.reason;
    }
    const codec = codecOf(kind);
    if (codec === undefined) throw new DecodeFailure(`${where}no ${kind} codec in this build`);
    const length = structureLength(kind, rest);
    const slice = rest.subarray(0, length);
    const trace: TraceEntry[] = [];
    let value: unknown;
    try {
      value = codec.decode(slice, { strict, trace });
    } catch (e) {
      if (isScsiCodecError(e)) throw new DecodeFailure(`${where}${e.message}`);
      throw e;
    }
    expandEmbedded(slice, trace);
    out.push({
      kind,
      reason,
      start: pos,
      length,
      value,
      trace: pos === 0 ? trace : trace.map((t) => ({ ...t, offset: t.offset + pos })),
      padding: 0,
    });
    pos += length;
    // Zeros after a structure whose own length ended it: the buffer's padding (SG_IO sense
    // buffers, iSCSI data segment padding), never more structures.
    if (pos < bytes.length && bytes.subarray(pos).every((b) => b === 0)) {
      const last = out.pop() as Decoded;
      out.push({ ...last, padding: bytes.length - pos });
      return;
    }
  }
}

function paddingNote(d: Decoded): string {
  const end = d.start + d.length;
  return `${d.padding} zero bytes after the structure (bytes ${end}..${end + d.padding - 1}): padding, not decoded`;
}

const hx = (v: number): string => `${v.toString(16).padStart(2, '0')}h`;

function issuesOfValue(
  value: unknown,
): readonly { code: string; message: string; structure: string; field?: string; offset: number; bit?: number }[] {
  if (value === null || typeof value !== 'object') return [];
  const issues = (value as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as never[]) : [];
}

/** An input and the structures decoded from it. */
interface InputResult {
  readonly input: NamedInput;
  readonly decoded: Decoded[];
}

/** Run `scsi-odx decode`; returns the exit code. */
export async function cmdDecode(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      in: { type: 'string', multiple: true },
      offset: { type: 'string' },
      length: { type: 'string' },
      port: { type: 'string', multiple: true },
      lun: { type: 'string' },
      command: { type: 'string' },
      'list-id': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(DECODE_HELP);
    return EXIT_OK;
  }
  const as = kindOption(values.as, '--as');
  const offset = values.offset === undefined ? 0 : byteCountOption(values.offset, '--offset');
  const length = values.length === undefined ? undefined : byteCountOption(values.length, '--length');
  const raw = await gatherRaw(positionals, values.in);
  const framePorts = values.port?.map((p) => {
    const n = byteCountOption(p, '--port');
    if (n < 1 || n > 65535) throw new UsageError(`--port ${p}: not a TCP port`);
    return n;
  });
  const captures = raw.filter((r) => captureFormat(r.bytes) !== undefined);
  if (captures.length > 0) {
    if (captures.length !== raw.length) throw new UsageError('decode a capture file on its own (no other inputs)');
    return decodeCaptures(captures, { ...values, ports: framePorts });
  }
  // Frames are unwrapped unless --offset/--length say where the structure is.
  const frames =
    values.offset === undefined && values.length === undefined ? { ports: framePorts ?? [3260] } : undefined;
  const all0 = raw.flatMap((r) => inputsOf(r, as, frames)).map((i) => window(i, offset, length));
  for (const i of all0) {
    if (i.skip !== undefined) writeErr(`scsi-odx: ${i.name}: ${i.skip}\n`);
  }
  const inputs = all0.filter((i) => i.skip === undefined);
  if (inputs.length === 0 && all0.length > 0) throw new DecodeFailure('nothing to decode in the dumped frames');
  const results: InputResult[] = [];
  let failure: DecodeFailure | undefined;
  for (const input of inputs) {
    const r = decodeAll(input, input.kind ?? as, values.strict, inputs.length > 1);
    results.push({ input, decoded: r.decoded });
    if (r.failure !== undefined) {
      failure = r.failure; // print what decoded before it, then fail
      break;
    }
  }
  const multi = inputs.length > 1;
  const code = values.check
    ? printCheck(results, multi)
    : values.json
      ? printJson(results, failure !== undefined)
      : printDump(results, multi, values.strict);
  if (failure !== undefined) throw failure;
  return code;
}

/** Capture files: the timeline of their SCSI exchanges. */
function decodeCaptures(
  captures: readonly NamedInput[],
  values: {
    readonly json: boolean;
    readonly ports: readonly number[] | undefined;
    readonly lun?: string | undefined;
    readonly command?: string | undefined;
    readonly 'list-id'?: string | undefined;
  },
): number {
  const num = (v: string | undefined, name: string): number | undefined =>
    v === undefined ? undefined : byteCountOption(v, name);
  let code = EXIT_OK;
  for (const c of captures) {
    code = Math.max(
      code,
      decodeCapture(c.bytes, {
        name: c.name,
        json: values.json,
        ports: values.ports,
        lun: num(values.lun, '--lun'),
        command: values.command,
        listId: num(values['list-id'], '--list-id'),
        write: writeOut,
        warn: writeErr,
      }),
    );
  }
  return code;
}

/**
 * --check: after the lenient decode, what strict decoding would reject (one line per issue, zod
 * style); exit 1 if anything.
 */
function printCheck(results: readonly InputResult[], multi: boolean): number {
  let total = 0;
  for (const r of results) {
    for (const d of r.decoded) {
      const where = multi || r.decoded.length > 1 ? `${r.input.name} byte ${d.start}: ` : '';
      const issues = [...issuesOfValue(d.value)];
      if (issues.length === 0) {
        // Lenient decoding skips reserved bits silently: a strict pass finds those.
        try {
          codecOf(d.kind)?.decode(r.input.bytes.subarray(d.start, d.start + d.length), { strict: true });
        } catch (e) {
          if (!isScsiCodecError(e)) throw e;
          const f = e.field === undefined ? {} : { field: e.field };
          const b = e.bit === undefined ? {} : { bit: e.bit };
          issues.push({ code: e.code, structure: e.structure, ...f, ...b, offset: e.offset, message: e.detail });
        }
      }
      total += issues.length;
      if (issues.length === 0) writeOut(`${where}${d.kind}: ok\n`);
      for (const i of issues) {
        const field = i.field === undefined ? '' : `.${i.field}`;
        const bit = i.bit === undefined ? '' : ` bit ${i.bit}`;
        writeOut(
          `${where}${d.kind}: ${i.code} ${i.structure}${field} @ byte ${i.offset + d.start}${bit}: ${i.message}\n`,
        );
      }
    }
  }
  return total === 0 ? EXIT_OK : EXIT_DECODE;
}

/**
 * --json: one value pretty-printed, several (or one before a failure) as JSON lines; notes and
 * guesses on stderr.
 */
function printJson(results: readonly InputResult[], failed: boolean): number {
  for (const r of results) {
    for (const n of r.input.notes) writeErr(`scsi-odx: ${r.input.name}: ${n}\n`);
    for (const d of r.decoded) {
      if (d.reason !== undefined)
        writeErr(`scsi-odx: ${r.input.name} byte ${d.start}: decoding as ${d.kind} (${d.reason})\n`);
      if (d.padding > 0) writeErr(`scsi-odx: ${r.input.name}: ${paddingNote(d)}\n`);
    }
  }
  const all = results.flatMap((r) => r.decoded);
  if (all.length === 1 && !failed) writeOut(`${JSON.stringify(toJsonValue(all[0]?.value), null, 2)}\n`);
  else for (const d of all) writeOut(`${JSON.stringify(toJsonValue(d.value))}\n`);
  return EXIT_OK;
}

/** The annotated dump of every structure, blocks separated by an empty line. */
function printDump(results: readonly InputResult[], multi: boolean, strict: boolean): number {
  const blocks: string[] = [];
  for (const r of results) {
    for (const d of r.decoded) {
      const how = d.reason === undefined ? `as ${d.kind}` : `as ${d.kind} (detected: ${d.reason})`;
      const where = multi || r.decoded.length > 1 ? `${r.input.name} byte ${d.start}: ` : '';
      const lines = [`# ${where}${d.length} bytes ${how}${strict ? ', strict' : ''}`];
      const summary = summarize(d.kind, d.value);
      if (summary !== undefined) lines.push(`# ${summary}`);
      if (d.start === 0) for (const n of r.input.notes) lines.push(`# input: ${n}`);
      lines.push(...renderDump(r.input.bytes, d.trace, annotate, d.start, d.start + d.length));
      if (d.padding > 0) lines.push(`# ${paddingNote(d)}`);
      for (const i of issuesOfValue(d.value)) {
        lines.push(
          `# issue: ${i.structure}${i.field === undefined ? '' : `.${i.field}`} @ byte ${i.offset + d.start}: ${i.message}`,
        );
      }
      blocks.push(lines.join('\n'));
    }
  }
  writeOut(`${blocks.join('\n\n')}\n`);
  return EXIT_OK;
}
