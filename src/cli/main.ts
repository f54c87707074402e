#!/usr/bin/env node
/**
 * `scsi-odx`: decode, encode and fuzz-corpus tool for SCSI offloaded data transfer structures.
 * Zero runtime dependencies (node:util parseArgs); `corpus` loads fast-check on demand.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { captureFormat } from '../capture/file.js';
import { isScsiCodecError } from '../errors.js';
import type { TraceEntry } from '../internal/byte-reader.js';
import { annotate } from './annotate.js';
import { decodeCapture } from './capture.js';
import { CHECK_HELP } from './check-help.js';
import { renderDump } from './dump.js';
import { expandEmbedded } from './embedded.js';
import { type FrameContext, unwrapFrame } from './frame.js';
import { type HexSection, InputError, looksBinary, parseHexSections, resolveElided, toHexLines } from './input.js';
import { fromJsonValue, JsonInputError, toJsonValue } from './json.js';
import { JSON_SCHEMAS } from './json-schema.js';
import {
  codecOf,
  declaredLength,
  detectKind,
  isKind,
  KIND_TITLES,
  KINDS,
  type Kind,
  structureLength,
} from './kinds.js';
import { cmdServe, SERVE_HELP, ServeUsageError } from './serve.js';
import { summarize } from './summary.js';

/** Exit codes. */
const EXIT_OK = 0;
const EXIT_DECODE = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const KIND_LIST = KINDS.map((k) => `  ${k.padEnd(26)}${KIND_TITLES[k]}`).join('\n');

const HELP: Record<string, string> = {
  serve: SERVE_HELP,
  check: CHECK_HELP,
  main: `scsi-odx: decode and encode SCSI offloaded data transfer (ODX) structures

Usage:
  scsi-odx decode [--as KIND] [--json | --check] [--strict] [HEX... | --in FILE | -]
  scsi-odx encode --as KIND [--binary] [FILE | -]
  scsi-odx corpus --kind KIND --count N --out DIR [--seed S] [--force] [--invalid-ratio R] [--dict FILE]
  scsi-odx check --corpus DIR [--target MODULE]
  scsi-odx kinds
  scsi-odx --version
  scsi-odx <command> --help

Kinds:
${KIND_LIST}

Exit status: 0 ok, 1 bad input (decode/encode error) or a file that cannot be written,
2 usage error (also an input file that cannot be read), 70 internal error. Errors are one line on stderr; --debug (or SCSI_ODX_DEBUG=1) adds the
stack trace of an internal error.
`,
  decode: `Usage: scsi-odx decode [--as KIND] [--json | --check] [--strict] [HEX... | --in FILE | -]

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
`,
  encode: `Usage: scsi-odx encode --as KIND [--binary] [FILE | -]

Read the JSON that "decode --json" prints (one value, or JSON lines) and print the encoded
bytes as hex (16 bytes per line), or raw with --binary. decode --json | encode gives the
input bytes back for canonical input.

Options:
  --as KIND      what the JSON describes (required)
  --binary       write raw bytes to stdout
  -h, --help     this help

Examples:
  scsi-odx decode --json --as cdb 83 10 00 00 00 00 00 00 00 01 00 00 00 20 00 00 > cdb.json
  scsi-odx encode --as cdb cdb.json
  scsi-odx decode --json --in token.bin | scsi-odx encode --as rod-token --binary > copy.bin
`,
  corpus: `Usage: scsi-odx corpus --kind KIND --count N --out DIR [--seed S] [--force] [--invalid-ratio R]
                       [--dict FILE] [--capacity BLOCKS] [--block-size N]

Write a deterministic fuzz corpus: one binary file per case (KIND-NNNNNN.bin) in DIR, and
beside DIR (not in it: fuzzers read every file there) DIR.manifest.jsonl and DIR.dict. The
manifest's first line names the logical unit and limits the cases assume (the reference copy
manager's defaults, one LU); then one JSON line per case: file, kind, valid or the mutation,
and for kinds a device server receives (cdb, PT/WUT lists, ROD tokens) the device-server rule
and the conforming responses. Valid cases of those kinds get GOOD from such a device server
("scsi-odx check" replays them). Same seed, same bytes.
Needs the fast-check package (an optional peer dependency): npm install --save-dev fast-check

Options:
  --kind KIND          structure kind, or "all" for every kind in turn
  --count N            number of cases
  --seed S             integer seed (default: a random one, printed so the run can be repeated)
  --out DIR            output directory: created, or empty (an existing file or a non-empty
                       directory is refused)
  --force              replace the contents of DIR if an earlier corpus run wrote it (its
                       manifest beside it names it)
  --invalid-ratio R    fraction of near-miss cases, 0..1 (default 0.5)
  --dict FILE          the AFL/libFuzzer dictionary (opcodes, service actions, ROD types, magic
                       lengths); default DIR.dict
  --capacity BLOCKS    capacity of the logical unit the cases assume (default 4294967296)
  --block-size N       its logical block length in bytes (default 512)
  -q, --quiet          no progress or summary
  -h, --help           this help

Examples:
  scsi-odx corpus --kind write-using-token-params --count 10000 --seed 1 --out corpus/wut
  scsi-odx corpus --kind all --count 500 --seed 7 --out corpus/all --dict odx.dict
`,
};

function writeOut(s: string): void {
  process.stdout.write(s);
}
function writeErr(s: string): void {
  process.stderr.write(s);
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function readFile(path: string): Uint8Array {
  try {
    const buf = readFileSync(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function kindOption(value: string | undefined, option: string): Kind | undefined {
  if (value === undefined) return undefined;
  if (!isKind(value)) throw new UsageError(`${option} ${value}: unknown kind (one of: ${KINDS.join(', ')})`);
  return value;
}

interface NamedInput {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** How the text was read (e.g. byte-swapped words), printed with the dump. */
  readonly notes: readonly string[];
  /** What the bytes are, when their container says so (a CDB out of an iSCSI SCSI Command). */
  readonly kind?: Kind | undefined;
  /** Nothing to decode here, and why (a TCP segment in the middle of a PDU). */
  readonly skip?: string | undefined;
}

/** Raw content of every input: files, stdin, or the hex arguments (as text). */
async function gatherRaw(positionals: string[], files: string[] | undefined): Promise<NamedInput[]> {
  const raw: NamedInput[] = [];
  for (const f of files ?? []) raw.push({ name: f, bytes: f === '-' ? await readStdin() : readFile(f), notes: [] });
  if (positionals.length === 1 && positionals[0] === '-') {
    raw.push({ name: 'stdin', bytes: await readStdin(), notes: [] });
  } else if (positionals.length > 0) {
    raw.push({ name: 'arguments', bytes: new TextEncoder().encode(positionals.join(' ')), notes: [] });
  } else if (raw.length === 0) {
    if (process.stdin.isTTY) throw new UsageError('no input: give HEX arguments, --in FILE or pipe data to stdin');
    raw.push({ name: 'stdin', bytes: await readStdin(), notes: [] });
  }
  return raw;
}

/** The byte inputs of one raw input: binary as is, text as its hex sections (each one input). */
function inputsOf(r: NamedInput, as: Kind | undefined, frames: { ports: readonly number[] } | undefined): NamedInput[] {
  let content = r.bytes;
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf && !looksBinary(content.subarray(3))) {
    content = content.subarray(3);
  }
  if (looksBinary(content)) return [{ name: r.name, bytes: content, notes: [] }];
  let text = '';
  for (const b of content) text += String.fromCharCode(b);
  const sections = parseHexSections(text);
  const commands: FrameContext = new Map();
  return sections.flatMap((s, i) => {
    const name =
      sections.length === 1 ? r.name : `${r.name} section ${i + 1}${s.title === undefined ? '' : ` (${s.title})`}`;
    const bytes = resolved(s, name, as);
    // A dumped network frame (tshark -x): the SCSI structures of the iSCSI PDUs in it.
    const parts =
      frames === undefined
        ? undefined
        : unwrapFrame(
            bytes,
            frames.ports,
            /reassembled/i.test(s.title ?? '') || detectKind(bytes) === undefined,
            commands,
          );
    if (parts === undefined) return [{ name, bytes, notes: s.notes }];
    return parts.map((p, j) => ({
      name: parts.length === 1 ? name : `${name} part ${j + 1}`,
      bytes: p.bytes,
      notes: [...s.notes, ...p.notes],
      kind: as ?? p.kind,
      skip: p.skip,
    }));
  });
}

/** The bytes of a section, an `od -An` "*" line resolved by the structure's declared length. */
function resolved(s: HexSection, name: string, as: Kind | undefined): Uint8Array {
  if (s.elided === undefined) return s.bytes;
  const r = resolveElided(s, (b) => {
    const kind = as ?? detectKind(b)?.kind;
    return kind === undefined ? undefined : declaredLength(kind, b);
  });
  if (r === undefined) {
    throw new InputError(
      `${name}: a "*" line without offsets (od -An) hides how many lines repeat, and the structure's length does not say; use od -v`,
    );
  }
  return r.bytes;
}

/** Apply --offset / --length to an input. */
function window(input: NamedInput, offset: number, length: number | undefined): NamedInput {
  if (offset === 0 && length === undefined) return input;
  const n = input.bytes.length;
  if (offset > n) throw new DecodeFailure(`${input.name}: --offset ${offset} is past its ${n} bytes`);
  if (length !== undefined && offset + length > n) {
    throw new DecodeFailure(`${input.name}: --offset ${offset} --length ${length} runs past its ${n} bytes`);
  }
  const end = length === undefined ? n : offset + length;
  return {
    name: input.name,
    bytes: input.bytes.subarray(offset, end),
    notes: [...input.notes, `bytes ${offset}..${end - 1} of the input (--offset/--length)`],
  };
}

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

class DecodeFailure extends Error {
  override readonly name = 'DecodeFailure';
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

function byteCountOption(v: string, name: string): number {
  if (!/^(0[xX][0-9a-fA-F]+|\d+)$/.test(v)) throw new UsageError(`${name} ${v}: not a byte count (decimal or 0x hex)`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${name} ${v}: too large`);
  return n;
}

const hx = (v: number): string => `${v.toString(16).padStart(2, '0')}h`;

function issuesOfValue(
  value: unknown,
): readonly { code: string; message: string; structure: string; field?: string; offset: number; bit?: number }[] {
  if (value === null || typeof value !== 'object') return [];
  const issues = (value as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as never[]) : [];
}

async function cmdDecode(args: string[]): Promise<number> {
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
    writeOut(HELP['decode'] as string);
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
    const num = (v: string | undefined, name: string): number | undefined =>
      v === undefined ? undefined : byteCountOption(v, name);
    const ports = framePorts;
    let code = EXIT_OK;
    for (const c of captures) {
      code = Math.max(
        code,
        decodeCapture(c.bytes, {
          name: c.name,
          json: values.json,
          ports,
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
  // Frames are unwrapped unless --offset/--length say where the structure is.
  const frames =
    values.offset === undefined && values.length === undefined ? { ports: framePorts ?? [3260] } : undefined;
  const all0 = raw.flatMap((r) => inputsOf(r, as, frames)).map((i) => window(i, offset, length));
  for (const i of all0) {
    if (i.skip !== undefined) writeErr(`scsi-odx: ${i.name}: ${i.skip}\n`);
  }
  const inputs = all0.filter((i) => i.skip === undefined);
  if (inputs.length === 0 && all0.length > 0) throw new DecodeFailure('nothing to decode in the dumped frames');
  const results: { input: NamedInput; decoded: Decoded[] }[] = [];
  let failure: DecodeFailure | undefined;
  for (const input of inputs) {
    const r = decodeAll(input, input.kind ?? as, values.strict, inputs.length > 1);
    results.push({ input, decoded: r.decoded });
    if (r.failure !== undefined) {
      failure = r.failure; // print what decoded before it, then fail
      break;
    }
  }
  const all = results.flatMap((r) => r.decoded);
  if (values.check) {
    // Lenient decode, then the list of what strict decoding would reject (zod-style issues).
    let total = 0;
    for (const r of results) {
      for (const d of r.decoded) {
        const where = inputs.length > 1 || r.decoded.length > 1 ? `${r.input.name} byte ${d.start}: ` : '';
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
    if (failure !== undefined) throw failure;
    return total === 0 ? EXIT_OK : EXIT_DECODE;
  }
  if (values.json) {
    for (const r of results) {
      for (const n of r.input.notes) writeErr(`scsi-odx: ${r.input.name}: ${n}\n`);
      for (const d of r.decoded) {
        if (d.reason !== undefined)
          writeErr(`scsi-odx: ${r.input.name} byte ${d.start}: decoding as ${d.kind} (${d.reason})\n`);
        if (d.padding > 0) writeErr(`scsi-odx: ${r.input.name}: ${paddingNote(d)}\n`);
      }
    }
    if (all.length === 1 && failure === undefined) writeOut(`${JSON.stringify(toJsonValue(all[0]?.value), null, 2)}\n`);
    else for (const d of all) writeOut(`${JSON.stringify(toJsonValue(d.value))}\n`);
    if (failure !== undefined) throw failure;
    return EXIT_OK;
  }
  const blocks: string[] = [];
  for (const r of results) {
    for (const d of r.decoded) {
      const how = d.reason === undefined ? `as ${d.kind}` : `as ${d.kind} (detected: ${d.reason})`;
      const where = inputs.length > 1 || r.decoded.length > 1 ? `${r.input.name} byte ${d.start}: ` : '';
      const lines = [`# ${where}${d.length} bytes ${how}${values.strict ? ', strict' : ''}`];
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
  if (failure !== undefined) throw failure;
  return EXIT_OK;
}

/** JSON text to values: one JSON value, or JSON lines. */
function parseJsonValues(text: string): unknown[] {
  const t = text.trim();
  if (t === '') throw new JsonInputError('no JSON input');
  try {
    const v: unknown = JSON.parse(t);
    return [v];
  } catch {
    const out: unknown[] = [];
    t.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        out.push(JSON.parse(line));
      } catch (e) {
        throw new JsonInputError(`JSON line ${i + 1}: ${(e as Error).message}`);
      }
    });
    return out;
  }
}

async function cmdEncode(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      binary: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(HELP['encode'] as string);
    return EXIT_OK;
  }
  const kind = kindOption(values.as, '--as');
  if (kind === undefined) throw new UsageError('encode needs --as KIND');
  if (positionals.length > 1) throw new UsageError('encode takes one FILE (or - for stdin)');
  const codec = codecOf(kind);
  if (codec === undefined) throw new DecodeFailure(`no ${kind} codec in this build`);
  const src = positionals[0];
  let raw: Uint8Array;
  if (src === undefined || src === '-') {
    if (src === undefined && process.stdin.isTTY)
      throw new UsageError('no input: give a JSON FILE or pipe JSON to stdin');
    raw = await readStdin();
  } else raw = readFile(src);
  const text = Buffer.from(raw).toString('utf8');
  const schema = JSON_SCHEMAS[kind] ?? {};
  const outputs: Uint8Array[] = [];
  for (const json of parseJsonValues(text)) {
    const value = fromJsonValue(json, schema);
    try {
      outputs.push(codec.encode(value as never));
    } catch (e) {
      if (isScsiCodecError(e)) throw new DecodeFailure(e.message);
      if (e instanceof TypeError) throw new JsonInputError(`JSON does not describe a ${kind}: ${e.message}`);
      throw e;
    }
  }
  if (values.binary) {
    for (const o of outputs) process.stdout.write(o);
  } else {
    writeOut(`${outputs.map((o) => toHexLines(o)).join('\n\n')}\n`);
  }
  return EXIT_OK;
}

async function cmdCorpus(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      kind: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'invalid-ratio': { type: 'string' },
      dict: { type: 'string' },
      capacity: { type: 'string' },
      'block-size': { type: 'string' },
      force: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(HELP['corpus'] as string);
    return EXIT_OK;
  }
  const kindArg = values.kind;
  if (kindArg === undefined) throw new UsageError('corpus needs --kind KIND (or all)');
  const kinds: Kind[] = kindArg === 'all' ? [...KINDS] : [kindOption(kindArg, '--kind') as Kind];
  const count = intOption(values.count, '--count', 0, 100_000_000);
  const seed =
    values.seed === undefined
      ? (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1
      : intOption(values.seed, '--seed', -(2 ** 31), 2 ** 31 - 1);
  const blockSize =
    values['block-size'] === undefined ? 512 : intOption(values['block-size'], '--block-size', 1, 0xffffff);
  if (values.capacity !== undefined && !/^\d+$/.test(values.capacity)) {
    throw new UsageError(`--capacity ${values.capacity}: not a whole number of blocks`);
  }
  const capacity = values.capacity === undefined ? undefined : BigInt(values.capacity);
  if (capacity !== undefined && (capacity < 1n || capacity > 1n << 64n)) {
    throw new UsageError(`--capacity ${values.capacity}: out of range 1..2^64`);
  }
  if (values.out === undefined) throw new UsageError('corpus needs --out DIR');
  const ratio = values['invalid-ratio'] === undefined ? 0.5 : Number(values['invalid-ratio']);
  if (!(ratio >= 0 && ratio <= 1)) throw new UsageError('--invalid-ratio must be a number in 0..1');
  let corpus: typeof import('./corpus.js');
  try {
    corpus = await import('./corpus.js');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes('fast-check')) {
      writeErr(
        'scsi-odx: corpus needs the fast-check package (an optional peer dependency): npm install --save-dev fast-check\n',
      );
      return EXIT_USAGE;
    }
    throw e;
  }
  try {
    const { DEFAULT_DEVICE_SERVER_PROFILE } = await import('../conformance/profile.js');
    return await corpus.runCorpus({
      kinds,
      count,
      seed,
      out: values.out,
      invalidRatio: ratio,
      dict: values.dict,
      force: values.force,
      profile: { ...DEFAULT_DEVICE_SERVER_PROFILE, blockSize, ...(capacity === undefined ? {} : { capacity }) },
      progress: values.quiet ? undefined : (s: string) => writeErr(s),
      tty: process.stderr.isTTY === true,
    });
  } catch (e) {
    if (e instanceof corpus.CorpusOutError) throw new UsageError(e.message);
    if (e instanceof corpus.CorpusError) throw new DecodeFailure(e.message);
    throw e;
  }
}

async function cmdCheck(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      corpus: { type: 'string' },
      manifest: { type: 'string' },
      target: { type: 'string' },
      json: { type: 'boolean', default: false },
      'max-failures': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(HELP['check'] as string);
    return EXIT_OK;
  }
  if (values.corpus === undefined) throw new UsageError('check needs --corpus DIR');
  const maxFailures =
    values['max-failures'] === undefined ? 50 : intOption(values['max-failures'], '--max-failures', 0, 2 ** 31 - 1);
  const check = await import('./check.js');
  try {
    return await check.runCheck({
      corpus: values.corpus,
      manifest: values.manifest,
      target: values.target,
      json: values.json,
      maxFailures,
      out: writeOut,
      progress: values.quiet ? undefined : writeErr,
      tty: process.stderr.isTTY === true,
    });
  } catch (e) {
    if (e instanceof check.CheckUsageError) throw new UsageError(e.message);
    throw e;
  }
}

function intOption(v: string | undefined, name: string, min: number, max: number): number {
  if (v === undefined) throw new UsageError(`corpus needs ${name}`);
  if (!/^-?\d+$/.test(v)) throw new UsageError(`${name} ${v}: not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${name} ${v}: out of range ${min}..${max}`);
  return n;
}

/** The package's version, from the package.json next to dist/ (or the checkout's). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run the CLI; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
        writeErr(HELP['main'] as string);
        return EXIT_USAGE;
      case '-h':
      case '--help':
      case 'help':
        if (rest[0] !== undefined && HELP[rest[0]] !== undefined) writeOut(HELP[rest[0]] as string);
        else writeOut(HELP['main'] as string);
        return EXIT_OK;
      case 'kinds':
        writeOut(`${KIND_LIST}\n`);
        return EXIT_OK;
      case '-V':
      case '--version':
      case 'version':
        writeOut(`scsi-odx ${packageVersion()}\n`);
        return EXIT_OK;
      case 'decode':
        return await cmdDecode(rest);
      case 'encode':
        return await cmdEncode(rest);
      case 'corpus':
        return await cmdCorpus(rest);
      case 'serve':
        return await cmdServe(rest);
      case 'check':
        return await cmdCheck(rest);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ServeUsageError ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      writeErr(
        `scsi-odx: ${(e as Error).message}\nTry: scsi-odx ${cmd !== undefined && HELP[cmd] ? `${cmd} ` : ''}--help\n`,
      );
      return EXIT_USAGE;
    }
    if (e instanceof DecodeFailure || e instanceof InputError || e instanceof JsonInputError) {
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    if (isScsiCodecError(e)) {
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    if (isSystemError(e)) {
      // A file that cannot be read or written (ENOENT, EACCES, EEXIST, EISDIR, ENOSPC, ...).
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    throw e;
  }
}

/** A Node.js system error (fs, net): has a string `code` like `EEXIST` and a `syscall`. */
function isSystemError(e: unknown): e is Error & { code: string } {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { syscall?: unknown }).syscall === 'string'
  );
}

/**
 * `--debug` anywhere on the command line (removed before parsing) or SCSI_ODX_DEBUG=1: an internal
 * error prints its stack trace. Otherwise every error is one line on stderr.
 */
const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || process.env['SCSI_ODX_DEBUG'] === '1';

/** One line for an unexpected error (its stack only when debugging). */
function internalError(e: unknown): string {
  if (debug && e instanceof Error && e.stack !== undefined) return `scsi-odx: internal error: ${e.stack}\n`;
  let what: string;
  try {
    what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
  } catch {
    what = 'an unprintable value was thrown';
  }
  return `scsi-odx: internal error: ${what}${debug ? '' : ' (rerun with --debug or SCSI_ODX_DEBUG=1 for the stack trace)'}\n`;
}

main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    writeErr(internalError(e));
    process.exitCode = 70;
  },
);
