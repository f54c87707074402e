/**
 * Annotated dump over a decoder's trace (cborg `bin2diag` style): the bytes on the left, the
 * field they encode, its value and meaning on the right. Nested structures are indented; bytes
 * no decoder read (reserved, padding) are shown too, so the dump covers every input byte.
 */
import type { TraceEntry } from '../internal/byte-reader.js';

/**
 * Explains a traced value: e.g. `ILLEGAL REQUEST`, `60 s`. `previous` holds the entries shown
 * before this one, `all` the whole trace (for a flag that follows the field it qualifies).
 */
export type Annotator = (
  entry: TraceEntry,
  previous: readonly TraceEntry[],
  all: readonly TraceEntry[],
) => string | undefined;

interface Node {
  readonly e: TraceEntry;
  readonly children: Node[];
}

function hexBytes(bytes: Uint8Array, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) parts.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(' ');
}

function contains(outer: TraceEntry, inner: TraceEntry): boolean {
  if (outer.bits !== undefined) return false;
  const oe = outer.offset + outer.length;
  const ie = inner.offset + inner.length;
  if (inner.offset < outer.offset || ie > oe) return false;
  // Same span: the byte/bytes entry contains bit fields of it, a byte string contains the
  // structure decoded from it (an EUI-64 designator's eui64); two plain entries are siblings.
  if (inner.offset === outer.offset && ie === oe) {
    return (
      (inner.bits !== undefined && outer.length === 1) ||
      (outer.value instanceof Uint8Array && inner.structure !== outer.structure)
    );
  }
  return true;
}

/** A byte string in double quotes, printable ASCII as is, anything else as \xNN. */
function quoteBytes(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) out += `\\${s[i]}`;
    else if (c >= 0x20 && c <= 0x7e) out += s[i];
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Render a value for a dump line. */
export function formatValue(v: TraceEntry['value'], length: number): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (length === 1 && v < 10) return String(v);
    return `${v} (0x${v.toString(16).padStart(Math.min(2 * length, 12), '0')})`;
  }
  if (typeof v === 'bigint') return `${v} (0x${v.toString(16).padStart(2 * Math.min(length, 16), '0')})`;
  if (typeof v === 'string') return quoteBytes(v);
  return `${v.length} byte${v.length === 1 ? '' : 's'}`;
}

/**
 * One entry per field: a field read twice (by a structure and again by the embedded structure
 * decoded from its bytes, e.g. a ROD token's ROD TOKEN LENGTH) keeps the last reading, the
 * innermost structure's, so it is shown under that structure's heading only.
 */
function dedupe(trace: readonly TraceEntry[]): TraceEntry[] {
  const last = new Map<string, number>();
  trace.forEach((e, i) => {
    last.set(`${e.offset}/${e.length}/${e.bits?.join(':') ?? ''}/${e.field}`, i);
  });
  return trace.filter((e, i) => last.get(`${e.offset}/${e.length}/${e.bits?.join(':') ?? ''}/${e.field}`) === i);
}

function buildTree(trace: readonly TraceEntry[]): Node[] {
  const sorted = dedupe(trace)
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.offset - b.e.offset ||
        b.e.length - a.e.length ||
        (a.e.bits === undefined ? -1 : 0) - (b.e.bits === undefined ? -1 : 0) ||
        (b.e.bits?.[0] ?? 8) - (a.e.bits?.[0] ?? 8) ||
        a.i - b.i,
    );
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const { e } of sorted) {
    while (stack.length > 0 && !contains((stack[stack.length - 1] as Node).e, e)) stack.pop();
    const node: Node = { e, children: [] };
    const parent = stack[stack.length - 1];
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
    stack.push(node);
  }
  return roots;
}

const CODE_FIELD = /(Code|Type|Action|Status|Qualifier|Key|Identifier|Flags)$|^(asc|ascq)$/;

/** One line of a dump before formatting: `off` -1 for a line without bytes. */
interface Row {
  readonly off: number;
  readonly hex: string;
  readonly depth: number;
  readonly text: string;
}

/**
 * Render an annotated dump of `bytes` from the decoder's `trace`. `start`/`end` bound the
 * structure within `bytes` (for several structures in one input).
 */
export function renderDump(
  bytes: Uint8Array,
  trace: readonly TraceEntry[],
  annotate: Annotator,
  start = 0,
  end = bytes.length,
): string[] {
  const d = new Dump(bytes, trace, annotate);
  d.walk(buildTree(trace.filter((e) => e.offset >= start && e.offset < end)), start, end, 0);
  const offWidth = Math.max(4, Math.max(1, end - 1).toString(16).length);
  const hexWidth = Math.max(...d.rows.map((r) => r.hex.length), 2);
  return d.rows.map((r) => {
    const o = r.off < 0 ? ' '.repeat(offWidth) : r.off.toString(16).padStart(offWidth, '0');
    return `${o}  ${r.hex.padEnd(hexWidth)}  # ${'  '.repeat(r.depth)}${r.text}`.trimEnd();
  });
}

/** The rows of one dump, built by walking the tree of traced fields in byte order. */
class Dump {
  readonly rows: Row[] = [];
  /** Entries shown so far (what the annotator sees as `previous`). */
  private readonly seen: TraceEntry[] = [];
  /** Structures entered so far, innermost last: a structure name seen before closes the ones after it. */
  private readonly structures: string[] = [];
  private readonly bytes: Uint8Array;
  private readonly trace: readonly TraceEntry[];
  private readonly annotate: Annotator;

  constructor(bytes: Uint8Array, trace: readonly TraceEntry[], annotate: Annotator) {
    this.bytes = bytes;
    this.trace = trace;
    this.annotate = annotate;
  }

  private emit(off: number, hex: string, depth: number, text: string): void {
    this.rows.push({ off, hex, depth, text });
  }

  /** Bytes no field covers, 16 to a line. */
  private gap(from: number, to: number, depth: number, insideValue = false): void {
    if (to <= from) return;
    let allZero = true;
    for (let i = from; i < to; i++) if (this.bytes[i] !== 0) allZero = false;
    for (let i = from; i < to; i += 16) {
      // Inside a byte string shown with its value (e.g. an NAA designator), the bytes are part of it.
      const text = i === from ? (insideValue ? '(in the value above)' : allZero ? '(reserved)' : '(not decoded)') : '';
      this.emit(i, hexBytes(this.bytes, i, Math.min(i + 16, to)), depth, text);
    }
  }

  /** The depth of `structure`, with a heading line when it is entered for the first time. */
  private enter(structure: string, outer: number): number {
    const structures = this.structures;
    const i = structures.lastIndexOf(structure);
    if (i >= 0) {
      structures.length = i + 1;
      return i;
    }
    structures.push(structure);
    this.emit(-1, '', outer + structures.length - 1, `${structure}:`);
    return structures.length - 1;
  }

  /** `field [bits] = value  (meaning)` for a traced entry. */
  private label(e: TraceEntry, meaning: string | undefined): string {
    const bitsText =
      e.bits === undefined ? '' : e.bits[0] === e.bits[1] ? ` [bit ${e.bits[0]}]` : ` [bits ${e.bits[0]}:${e.bits[1]}]`;
    let value = formatValue(e.value, e.length);
    if (typeof e.value === 'number' && CODE_FIELD.test(e.field)) {
      const digits = e.bits === undefined ? 2 * Math.min(e.length, 4) : Math.ceil((e.bits[0] - e.bits[1] + 1) / 4);
      value = `0x${e.value.toString(16).padStart(digits, '0')}`;
    }
    return `${e.field}${bitsText} = ${value}${meaning === undefined ? '' : `  (${meaning})`}`;
  }

  private visit(n: Node, outer: number, shownByte: boolean): void {
    const e = n.e;
    const depth = outer + this.enter(e.structure, outer);
    const meaning = this.annotate(e, this.seen, this.trace);
    this.seen.push(e);
    const label = this.label(e, meaning);
    const endOff = e.offset + e.length;
    if (n.children.length > 0) {
      if (e.length === 1 && n.children.every((c) => c.e.offset === e.offset)) {
        // A whole-byte read (e.g. a strict reserved-bit check) under its bit fields: the bit
        // fields say what the byte holds, so the byte line carries no label of its own.
        n.children.forEach((c, i) => {
          this.visit(c, outer, i > 0);
        });
        return;
      }
      const head =
        e.value instanceof Uint8Array ? `${e.field}: ${e.length} bytes` : `${label}  [bytes ${e.offset}-${endOff - 1}]`;
      this.emit(-1, '', depth, e.value instanceof Uint8Array && meaning !== undefined ? `${head}  (${meaning})` : head);
      this.walk(n.children, e.offset, endOff, outer + 1, e.value instanceof Uint8Array && meaning !== undefined);
      return;
    }
    if (shownByte) {
      this.emit(-1, '', depth, label);
      return;
    }
    for (let i = e.offset; i < Math.max(endOff, e.offset + 1); i += 16) {
      this.emit(i, hexBytes(this.bytes, i, Math.min(i + 16, endOff)), depth, i === e.offset ? label : '');
    }
  }

  /** The nodes between `from` and `to`, with the bytes between them. */
  walk(nodes: readonly Node[], from: number, to: number, outer: number, insideValue = false): void {
    let pos = from;
    let lastByte = -1;
    for (const n of nodes) {
      this.gap(pos, n.e.offset, outer + Math.max(0, this.structures.length - 1), insideValue);
      const sameByte = n.e.bits !== undefined && n.e.offset === lastByte;
      this.visit(n, outer, sameByte);
      if (n.e.bits !== undefined) lastByte = n.e.offset;
      pos = Math.max(pos, n.e.offset + n.e.length);
    }
    this.gap(pos, to, outer + Math.max(0, this.structures.length - 1), insideValue);
  }
}
