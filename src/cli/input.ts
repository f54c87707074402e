/**
 * Input parsing for the CLI: every form people paste hex in.
 *
 * - plain hex, with or without spaces, colons, commas, `0x`/`\x` prefixes, C-array braces;
 *   tokens of one or two hex digits are one byte each (sg3_utils inhex writes `72 6 18 7`);
 *   longer even-length tokens are several bytes;
 * - sg3_utils inhex files: `#` starts a comment running to the end of the line;
 * - offset-prefixed dumps: `xxd`, `hexdump -C` (with `*` repeat lines), default `hexdump` and
 *   `od -x` (16-bit little-endian words), `od -t x1` (octal or hex offsets), sg3_utils `-H`
 *   (2-digit offsets), Wireshark "Copy as Hex + ASCII" and `tshark -x` (offsets, trailing ASCII
 *   column), several of them under title lines (tshark -x over several frames, sg_raw -vvv);
 * - C arrays: `xxd -i`, Wireshark "Copy as C array";
 * - `od -An` (no offsets, `*` repeat lines resolved by the structure's own length);
 * - raw binary (any byte outside printable ASCII and line whitespace).
 */

/** Thrown for input that is neither hex nor a dump; `line` is 1-based. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.line = line;
  }
}

/** True if `bytes` look like binary rather than text hex. */
export function looksBinary(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) continue;
    if (b < 0x20 || b > 0x7e) return true;
  }
  return false;
}

/** Bytes from a file's or stdin's content: binary as is, text parsed as hex. */
export function parseInputBytes(content: Uint8Array): Uint8Array {
  // A text file saved with a UTF-8 byte order mark is still text.
  const bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  if (bom && !looksBinary(content.subarray(3))) return parseInputBytes(content.subarray(3));
  if (looksBinary(content)) return content;
  let s = '';
  for (const b of content) s += String.fromCharCode(b);
  return parseHexText(s);
}

/** Offset-prefixed dump line: 4-16 digit offset (xxd, hexdump, od, tshark, Wireshark). */
const OFFSET_LINE = /^\s*([0-9a-fA-F]{4,16})(:?)(?=\s|$)(.*)$/;
/** sg3_utils `-H` line: a 2-3 digit offset, then at least three spaces before the bytes. */
const SG3_OFFSET_LINE = /^\s*([0-9a-fA-F]{2,3})(?=\s{3,}\S)(.*)$/;

/** How a dump renders one byte in its ASCII column. */
function asciiOf(b: number): string {
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

function stripComment(line: string): string {
  const i = line.indexOf('#');
  return i < 0 ? line : line.slice(0, i);
}

/**
 * One run of bytes found in a text input. Several come from one text when it holds several dumps
 * (tshark -x over several frames, sg3_utils output with titles, several C arrays).
 */
export interface HexSection {
  readonly bytes: Uint8Array;
  /** The title line the dump came under (e.g. `Frame (74 bytes):`), if any. */
  readonly title: string | undefined;
  /** What was recognised and how it was read (e.g. 16-bit words byte-swapped). */
  readonly notes: readonly string[];
  /**
   * `od -An` hides how often a `*` line repeats: the bytes are `bytes[0, at)`, then `line`
   * repeated an unknown number of times, then `bytes[at, ...)`. See {@link resolveElided}.
   */
  readonly elided?: { readonly at: number; readonly line: Uint8Array } | undefined;
}

/**
 * Parse text hex in any supported form into bytes (all sections concatenated). Throws
 * {@link InputError} naming the line of the first token that is not hex.
 */
export function parseHexText(text: string): Uint8Array {
  const sections = parseHexSections(text);
  if (sections.length === 1) {
    const s = sections[0] as HexSection;
    if (s.elided !== undefined) throw new InputError(ELIDED_UNRESOLVED);
    return s.bytes;
  }
  const out: number[] = [];
  for (const s of sections) {
    if (s.elided !== undefined) throw new InputError(ELIDED_UNRESOLVED);
    out.push(...s.bytes);
  }
  return Uint8Array.from(out);
}

const ELIDED_UNRESOLVED =
  'a "*" line without offsets (od -An) hides how many lines repeat; use od -v, or keep the offsets';

/**
 * Every section of a text input: a C array (xxd -i, Wireshark "Copy as C array"), one dump,
 * several dumps under title lines or separated by blank lines (tshark -x, sg3_utils -H and
 * sg_raw -vvv output), or plain hex.
 */
export function parseHexSections(text: string): HexSection[] {
  const raw = text.split(/\r?\n/);
  const c = parseCArrays(text);
  if (c !== undefined) return c;
  const lines = raw.map((l) => (/^\s*#/.test(l) ? '' : l));
  const dump = parseDump(lines);
  if (dump !== undefined) return [{ bytes: dump.bytes, title: undefined, notes: dump.notes }];
  const blocks = splitBlocks(raw);
  if (blocks !== undefined) return blocks;
  const out: number[] = [];
  let elided: { at: number; line: Uint8Array } | undefined;
  let prev: number[] = [];
  raw.map(stripComment).forEach((line, i) => {
    if (/^\s*\*\s*$/.test(line)) {
      if (elided !== undefined || prev.length === 0)
        throw new InputError('"*" repeat line with nothing before it to repeat', i + 1);
      elided = { at: out.length, line: Uint8Array.from(prev) };
      return;
    }
    const before = out.length;
    parsePlainLine(line, i + 1, out);
    if (out.length > before) prev = out.slice(before);
  });
  const notes = elided === undefined ? [] : ['od -An: a "*" line repeats the line before it'];
  return [{ bytes: Uint8Array.from(out), title: undefined, notes, elided }];
}

/**
 * Resolve an `od -An` `*` line: the smallest repeat count for which `lengthOf` (the declared
 * length of the structure the bytes start with) fits the bytes. Undefined if none up to 1 MiB.
 */
export function resolveElided(
  section: HexSection,
  lengthOf: (bytes: Uint8Array) => number | undefined,
): { bytes: Uint8Array; repeats: number } | undefined {
  const e = section.elided;
  if (e === undefined) return { bytes: section.bytes, repeats: 0 };
  const head = section.bytes.subarray(0, e.at);
  const tail = section.bytes.subarray(e.at);
  // od prints "*" for one or more repeats of the line before.
  for (let k = 1; k * e.line.length <= 1 << 20; k++) {
    const b = new Uint8Array(head.length + k * e.line.length + tail.length);
    b.set(head, 0);
    for (let i = 0; i < k; i++) b.set(e.line, head.length + i * e.line.length);
    b.set(tail, head.length + k * e.line.length);
    const want = lengthOf(b);
    if (want !== undefined && want <= b.length && want > head.length + (k - 1) * e.line.length) {
      return { bytes: b, repeats: k };
    }
  }
  return undefined;
}

/** C arrays (`xxd -i`, Wireshark "Copy as C array"): the bytes inside each `{ ... }`. */
function parseCArrays(text: string): HexSection[] | undefined {
  if (!/\bchar\b[^{;]*\[\s*\d*\s*\]\s*=\s*\{/.test(text)) return undefined;
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const out: HexSection[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*(\d*)\s*\]\s*=\s*\{([^}]*)\}/g;
  for (let m = re.exec(noComments); m !== null; m = re.exec(noComments)) {
    const name = m[1] as string;
    const bytes: number[] = [];
    for (const tok of (m[3] as string).split(',')) {
      const t = tok.trim();
      if (t === '') continue;
      const v = /^0[xX]([0-9a-fA-F]{1,2})$/.exec(t) ?? /^(\d{1,3})$/.exec(t);
      if (v === null) throw new InputError(`C array ${name}: not a byte: ${JSON.stringify(t)}`);
      const n = Number.parseInt(v[1] as string, t.startsWith('0') && /[xX]/.test(t) ? 16 : 10);
      if (n > 255) throw new InputError(`C array ${name}: not a byte: ${JSON.stringify(t)}`);
      bytes.push(n);
    }
    const declared = m[2] === '' ? undefined : Number(m[2]);
    const lenVar = new RegExp(`\\b${name}_len\\s*=\\s*(\\d+)`).exec(noComments);
    const stated = declared ?? (lenVar === null ? undefined : Number(lenVar[1]));
    if (stated !== undefined && stated !== bytes.length) {
      throw new InputError(`C array ${name}: declares ${stated} bytes but holds ${bytes.length}`);
    }
    out.push({ bytes: Uint8Array.from(bytes), title: name, notes: [`C array ${name}`] });
  }
  return out.length === 0 ? undefined : out;
}

/** A line of text that is neither hex nor a dump line: a title such as `Frame (74 bytes):`. */
function isTitle(line: string): boolean {
  const t = stripComment(line).trim();
  if (t === '') return false;
  if (OFFSET_LINE.test(t) || SG3_OFFSET_LINE.test(line)) return false;
  return /[A-Za-z]{3,}/.test(t) && t.split(/\s+/).some((w) => /[g-zG-Z]/.test(w) && /[A-Za-z]{3,}/.test(w));
}

/**
 * Text holding several dumps: split at title lines and blank lines, each block read as a dump
 * (or as plain hex under a title). Undefined if the text is not like that.
 */
function splitBlocks(raw: readonly string[]): HexSection[] | undefined {
  const blocks: { title: string | undefined; lines: string[]; first: number }[] = [];
  let title: string | undefined;
  let cur: { title: string | undefined; lines: string[]; first: number } | undefined;
  let titles = 0;
  raw.forEach((line, i) => {
    if (/^\s*#/.test(line)) return;
    if (/^\s*$/.test(line)) {
      cur = undefined;
      return;
    }
    if (isTitle(line)) {
      titles++;
      cur = undefined;
      title = line.trim();
      // `cdb to send: [83 10 ...]` (sg_raw -vvv): the bracketed bytes are a section of their own.
      const br = /\[((?:\s*[0-9a-fA-F]{2})+)\s*\]/.exec(line);
      if (br !== null) {
        blocks.push({ title, lines: [br[1] as string], first: i });
        title = undefined;
      }
      return;
    }
    const offset = OFFSET_LINE.exec(line) ?? SG3_OFFSET_LINE.exec(line);
    if (cur !== undefined && offset !== null && Number.parseInt(offset[1] as string, 16) === 0) cur = undefined;
    if (cur === undefined) {
      cur = { title, lines: [], first: i };
      title = undefined;
      blocks.push(cur);
    }
    cur.lines.push(line);
  });
  if (blocks.length === 0) return undefined;
  const out: HexSection[] = [];
  let dumps = 0;
  for (const b of blocks) {
    const d = parseDump(b.lines);
    if (d !== undefined) {
      dumps++;
      out.push({ bytes: d.bytes, title: b.title, notes: d.notes });
      continue;
    }
    if (titles === 0) return undefined;
    const bytes: number[] = [];
    b.lines.forEach((l, j) => {
      parsePlainLine(stripComment(l), b.first + j + 1, bytes);
    });
    out.push({ bytes: Uint8Array.from(bytes), title: b.title, notes: [] });
  }
  if (titles === 0 && dumps < 2) return undefined;
  return out;
}

function parsePlainLine(line: string, lineNo: number, out: number[]): void {
  const cleaned = line
    .replace(/\b0[xX](?=[0-9a-fA-F])/g, ' ')
    .replace(/\\[xX](?=[0-9a-fA-F])/g, ' ')
    .replace(/[,:;{}()[\]"'`|-]/g, ' ');
  for (const tok of cleaned.split(/\s+/)) {
    if (tok === '') continue;
    const t = /^[0-9a-fA-F]+[hH]$/.test(tok) && tok.length <= 3 ? tok.slice(0, -1) : tok;
    if (!/^[0-9a-fA-F]+$/.test(t)) throw new InputError(`not hex: ${JSON.stringify(tok)}`, lineNo);
    if (t.length <= 2) {
      out.push(Number.parseInt(t, 16));
    } else if (t.length % 2 === 0) {
      for (let j = 0; j < t.length; j += 2) out.push(Number.parseInt(t.slice(j, j + 2), 16));
    } else {
      throw new InputError(`odd number of hex digits in ${JSON.stringify(tok)}`, lineNo);
    }
  }
}

interface DumpLine {
  readonly lineNo: number;
  /** undefined for a `*` repeat marker. */
  readonly offsetText: string | undefined;
  readonly colon: boolean;
  readonly rest: string;
}

/**
 * Hex bytes of a dump line's data area (tokens of even length), ASCII column removed. With
 * `words`, 4-digit tokens are 16-bit little-endian words (hexdump's and od -x's default).
 */
function dumpLineBytes(
  rest: string,
  expected: number | undefined,
  words: boolean,
  exact = false,
): number[] | undefined {
  let body = rest;
  const bar = /\|[^|]*\|\s*$/.exec(body) ?? />[^<]*<\s*$/.exec(body); // hexdump -C, od -t x1z
  if (bar !== null) body = body.slice(0, bar.index);
  const tokens: { text: string; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) tokens.push({ text: m[0], end: m.index + m[0].length });
  const bytes: number[] = [];
  const ends: number[] = [];
  for (const t of tokens) {
    if (words) {
      if (!/^[0-9a-fA-F]{4}$/.test(t.text)) break;
      const w = Number.parseInt(t.text, 16);
      bytes.push(w & 0xff, w >> 8);
    } else {
      if (!/^([0-9a-fA-F]{2})+$/.test(t.text)) break;
      for (let j = 0; j < t.text.length; j += 2) bytes.push(Number.parseInt(t.text.slice(j, j + 2), 16));
    }
    ends.push(bytes.length);
    if (expected !== undefined && bytes.length >= expected && !exact) break;
  }
  if (expected !== undefined) {
    if (bytes.length < expected || ((words || exact) && bytes.length > expected + 1)) return undefined;
    if (exact && !words && bytes.length !== expected) return undefined;
    return bytes.slice(0, expected);
  }
  if (bar !== null || words) return bytes;
  // Last line of an xxd / tshark / Wireshark dump: the ASCII column (if any) renders exactly the
  // line's bytes. Take the longest token prefix whose rendering is what follows it.
  for (let k = ends.length; k >= 1; k--) {
    const n = ends[k - 1] as number;
    const tail = body.slice(tokens[k - 1]?.end as number);
    const ascii = bytes.slice(0, n).map(asciiOf).join('').trim();
    const shown = tail.trim();
    if (/^\s{2,}/.test(tail) && shown.length > 0 && shown === ascii) return bytes.slice(0, n);
  }
  for (let k = ends.length; k >= 1; k--) {
    if (/^\s*$/.test(body.slice(tokens[k - 1]?.end as number))) return bytes.slice(0, ends[k - 1] as number);
  }
  return ends.length === 0 ? [] : undefined;
}

/**
 * Offset-prefixed dump, or undefined if the text is not one. A dump needs every non-blank
 * line to start with an offset (4-16 hex digits, or the 2-3 digits of sg3_utils `-H`) or be
 * `*`, offsets that start at 0 and agree with the byte counts (hexadecimal, or octal as `od`
 * prints them by default), and either two or more lines or an xxd colon / verified ASCII column.
 * `hexdump` and `od -x` print 16-bit words in the machine's (little-endian) order: four-digit
 * words without an xxd colon are read that way, and said so in the notes.
 */
function parseDump(lines: readonly string[]): { bytes: Uint8Array; notes: string[] } | undefined {
  const rows: DumpLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*$/.test(line)) continue;
    if (/^\s*\*\s*$/.test(line)) {
      rows.push({ lineNo: i + 1, offsetText: undefined, colon: false, rest: '' });
      continue;
    }
    const m = OFFSET_LINE.exec(line);
    if (m !== null) {
      rows.push({ lineNo: i + 1, offsetText: m[1] as string, colon: m[2] === ':', rest: m[3] as string });
      continue;
    }
    const s = SG3_OFFSET_LINE.exec(line);
    if (s === null) return undefined;
    rows.push({ lineNo: i + 1, offsetText: s[1] as string, colon: false, rest: s[2] as string });
  }
  const first = rows[0];
  if (first === undefined || first.offsetText === undefined || Number.parseInt(first.offsetText, 16) !== 0) {
    return undefined;
  }
  const firstTokens = first.rest.trim().split(/\s+/);
  const words =
    !first.colon &&
    first.offsetText.length >= 6 &&
    firstTokens.length >= 1 &&
    firstTokens.every((t) => /^[0-9a-fA-F]{4}$/.test(t));
  const octal = rows.every((r) => r.offsetText === undefined || /^[0-7]+$/.test(r.offsetText));
  const hexResult = readRows(rows, 16, words);
  const octResult = octal && first.offsetText.length >= 6 ? readRows(rows, 8, words) : undefined;
  // GNU od prints 7-digit octal offsets by default; hexdump 7-digit hex ones with 16-bit words. When
  // both readings fit (only a "*" line can make them), bytes suggest od, words hexdump.
  const preferOctal = octResult !== undefined && (hexResult === undefined || (!words && first.offsetText.length === 7));
  const result = preferOctal ? octResult : hexResult;
  if (result === undefined) return undefined;
  const notes: string[] = [];
  if (preferOctal) notes.push('offsets are octal (od default)');
  const other = preferOctal ? hexResult : octResult;
  if (other !== undefined && other.length !== result.length) {
    notes.push(
      `offsets read as ${preferOctal ? 'octal' : 'hexadecimal'}; as ${preferOctal ? 'hexadecimal' : 'octal'} they would give ${other.length} bytes`,
    );
  }
  if (words)
    notes.push(
      '16-bit words printed byte-swapped (hexdump / od -x default on a little-endian machine): read back in byte order',
    );
  if (rows.length === 1) {
    const row = first;
    const hasAscii = /\S\s{2,}\S/.test(row.rest.trim()) || /(\|[^|]*\||>[^<]*<)\s*$/.test(row.rest);
    // A hex column padded to its full 16-byte width and then blank: the ASCII column of a dump tool
    // rendering only spaces (e.g. tshark -x of one 20h byte). Plain pasted hex is not padded like that.
    const paddedColumn = row.rest.length >= 48 && /\S\s{20,}$/.test(row.rest);
    if (!row.colon && !hasAscii && !paddedColumn) return undefined;
  }
  return { bytes: result, notes };
}

function readRows(rows: readonly DumpLine[], radix: number, words: boolean): Uint8Array | undefined {
  const out: number[] = [];
  let prev: number[] = [];
  let anyData = false;
  const offsetOf = (r: DumpLine | undefined): number | undefined =>
    r?.offsetText === undefined ? undefined : Number.parseInt(r.offsetText, radix);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DumpLine;
    const next = rows[i + 1];
    const off = offsetOf(row);
    if (off === undefined) {
      // `*`: the previous line repeats up to the next offset.
      const target = offsetOf(next);
      if (target === undefined || prev.length === 0) return undefined;
      while (out.length < target) out.push(...prev.slice(0, Math.min(prev.length, target - out.length)));
      continue;
    }
    if (Number.isNaN(off)) return undefined;
    if (off !== out.length) {
      // hexdump / od -x pad an odd length to a whole word; the closing offset says where it ends.
      if (words && next === undefined && off === out.length - 1 && /^\s*$/.test(row.rest)) {
        out.length = off;
        break;
      }
      return undefined;
    }
    const nextOff = offsetOf(next);
    const expected = nextOff !== undefined ? nextOff - off : undefined;
    // od and hexdump print no ASCII column (od -t x1z's is removed first): every token is data.
    const bytes = dumpLineBytes(row.rest, expected, words, radix === 8 || words);
    if (bytes === undefined) return undefined;
    if (bytes.length > 0) anyData = true;
    out.push(...bytes);
    if (bytes.length > 0) prev = bytes;
  }
  if (!anyData) return undefined;
  return Uint8Array.from(out);
}

/** Lowercase hex, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Lowercase hex bytes separated by spaces, `perLine` bytes per line. */
export function toHexLines(bytes: Uint8Array, perLine = 16): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    lines.push(Array.from(bytes.subarray(i, i + perLine), (b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return lines.join('\n');
}
