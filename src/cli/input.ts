/**
 * Input parsing for the CLI: every form people paste hex in.
 *
 * - plain hex, with or without spaces, colons, commas, `0x`/`\x` prefixes, C-array braces;
 *   tokens of one or two hex digits are one byte each (sg3_utils inhex writes `72 6 18 7`);
 *   longer even-length tokens are several bytes;
 * - sg3_utils inhex files: `#` starts a comment running to the end of the line;
 * - offset-prefixed dumps: `xxd`, `hexdump -C` (with `*` repeat lines), `od -A x -t x1`,
 *   Wireshark "Copy as Hex + ASCII" and `tshark -x` (offsets, trailing ASCII column);
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

const OFFSET_LINE = /^\s*([0-9a-fA-F]{4,16})(:?)(?=\s|$)(.*)$/;

/** How a dump renders one byte in its ASCII column. */
function asciiOf(b: number): string {
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

function stripComment(line: string): string {
  const i = line.indexOf('#');
  return i < 0 ? line : line.slice(0, i);
}

/**
 * Parse text hex in any supported form into bytes. Throws {@link InputError} naming the line
 * of the first token that is not hex.
 */
export function parseHexText(text: string): Uint8Array {
  const raw = text.split(/\r?\n/);
  const dump = parseDump(raw.map((l) => (/^\s*#/.test(l) ? '' : l)));
  if (dump !== undefined) return dump;
  const out: number[] = [];
  raw.map(stripComment).forEach((line, i) => {
    parsePlainLine(line, i + 1, out);
  });
  return Uint8Array.from(out);
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
  readonly offset: number | undefined;
  readonly colon: boolean;
  readonly rest: string;
}

/** Hex bytes of a dump line's data area (tokens of even length), ASCII column removed. */
function dumpLineBytes(rest: string, expected: number | undefined): number[] | undefined {
  let body = rest;
  const bar = /\|[^|]*\|\s*$/.exec(body) ?? />[^<]*<\s*$/.exec(body); // hexdump -C, od -t x1z
  if (bar !== null) body = body.slice(0, bar.index);
  const tokens: { text: string; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) tokens.push({ text: m[0], end: m.index + m[0].length });
  const bytes: number[] = [];
  const ends: number[] = [];
  for (const t of tokens) {
    if (!/^([0-9a-fA-F]{2})+$/.test(t.text)) break;
    for (let j = 0; j < t.text.length; j += 2) bytes.push(Number.parseInt(t.text.slice(j, j + 2), 16));
    ends.push(bytes.length);
    if (expected !== undefined && bytes.length >= expected) break;
  }
  if (expected !== undefined) {
    if (bytes.length < expected) return undefined;
    return bytes.slice(0, expected);
  }
  if (bar !== null) return bytes;
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
 * line to start with an offset (4-16 hex digits) or be `*`, offsets that start at 0 and agree
 * with the byte counts, and either two or more lines or an xxd colon / verified ASCII column.
 */
function parseDump(lines: readonly string[]): Uint8Array | undefined {
  const rows: DumpLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*$/.test(line)) continue;
    if (/^\s*\*\s*$/.test(line)) {
      rows.push({ lineNo: i + 1, offset: undefined, colon: false, rest: '' });
      continue;
    }
    const m = OFFSET_LINE.exec(line);
    if (m === null) return undefined;
    rows.push({
      lineNo: i + 1,
      offset: Number.parseInt(m[1] as string, 16),
      colon: m[2] === ':',
      rest: m[3] as string,
    });
  }
  const first = rows[0];
  if (first === undefined || first.offset !== 0) return undefined;
  const out: number[] = [];
  let prev: number[] = [];
  let anyData = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DumpLine;
    const next = rows[i + 1];
    if (row.offset === undefined) {
      // `*`: the previous line repeats up to the next offset.
      const target = next?.offset;
      if (target === undefined || prev.length === 0) return undefined;
      while (out.length < target) out.push(...prev.slice(0, Math.min(prev.length, target - out.length)));
      continue;
    }
    if (row.offset !== out.length) return undefined;
    const expected = next?.offset !== undefined ? next.offset - row.offset : undefined;
    const bytes = dumpLineBytes(row.rest, expected);
    if (bytes === undefined) return undefined;
    if (bytes.length > 0) anyData = true;
    out.push(...bytes);
    if (bytes.length > 0) prev = bytes;
  }
  if (!anyData) return undefined;
  if (rows.length === 1) {
    const row = first;
    const hasAscii = /\S\s{2,}\S/.test(row.rest.trim()) || /(\|[^|]*\||>[^<]*<)\s*$/.test(row.rest);
    // A hex column padded to its full 16-byte width and then blank: the ASCII column of a dump tool
    // rendering only spaces (e.g. tshark -x of one 20h byte). Plain pasted hex is not padded like that.
    const paddedColumn = row.rest.length >= 48 && /\S\s{20,}$/.test(row.rest);
    if (!row.colon && !hasAscii && !paddedColumn) return undefined;
  }
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
