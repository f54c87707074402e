/**
 * The inputs of `scsi-odx decode`: files, stdin or hex arguments, binary taken as is and text
 * read as hex sections (dumps of many tools), dumped network frames unwrapped to the SCSI
 * structures they carry, and the --offset/--length window.
 */
import { DecodeFailure, UsageError } from './exit.js';
import { type FrameContext, unwrapFrame } from './frame.js';
import { type HexSection, InputError, looksBinary, parseHexSections, resolveElided } from './input.js';
import { declaredLength, detectKind, type Kind } from './kinds.js';
import { readFile, readStdin } from './stdio.js';

/** One input to decode, named for messages (a file, stdin, the arguments, a section of them). */
export interface NamedInput {
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
export async function gatherRaw(positionals: string[], files: string[] | undefined): Promise<NamedInput[]> {
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
export function inputsOf(
  r: NamedInput,
  as: Kind | undefined,
  frames: { ports: readonly number[] } | undefined,
): NamedInput[] {
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
export function window(input: NamedInput, offset: number, length: number | undefined): NamedInput {
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
