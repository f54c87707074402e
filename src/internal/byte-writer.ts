/**
 * Offset-addressed big-endian writer with width checks: values that do not fit their field
 * throw ERR_FIELD_RANGE, never masked.
 *
 * @internal
 */
import { ScsiCodecError } from '../errors.js';
import { hex } from './byte-reader.js';
import { asUint8Array, notBytes } from './contract.js';

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The buffer of every zero-length writer (nothing can be written into it). */
const EMPTY: Uint8Array<ArrayBuffer> = new Uint8Array(0);

/** @internal */
export class ByteWriter {
  // `declare` fields, all assigned in the constructor: V8 makes an instance several times faster
  // from plain assignments than from class field definitions, and a writer is made per structure.
  declare readonly buf: Uint8Array<ArrayBuffer>;
  /** Offset of this writer's byte 0 within `buf` (sub-writers share the buffer). */
  declare readonly start: number;
  declare readonly length: number;
  declare readonly structure: string;
  /** The top-level writer (itself, or the one this sub-writer was made from): holds the shared DataView. */
  declare private readonly root: ByteWriter;
  /** Lazily made DataView over `buf` (only 64/128-bit fields may use it), shared with sub-writers. */
  declare private dv: DataView | undefined;
  /** 64-bit words written without the DataView so far (a few are cheaper without making one). */
  declare private words: number;

  /** @param root internal: the writer a sub-writer belongs to (shares its DataView). */
  constructor(
    length: number | Uint8Array<ArrayBuffer>,
    structure: string,
    start = 0,
    windowLength?: number,
    root?: ByteWriter,
  ) {
    // `new ByteWriter(0, name)` is how encoders make a writer just to build errors: no allocation.
    this.buf = typeof length === 'number' ? (length === 0 ? EMPTY : new Uint8Array(length)) : length;
    this.start = start;
    this.length = windowLength ?? this.buf.byteLength - start;
    this.structure = structure;
    this.root = root ?? this;
    this.dv = undefined;
    this.words = 0;
  }

  /** A DataView over the whole of `buf` (made on first use; offsets are `start`-based like `buf`'s). */
  get view(): DataView {
    const r = this.root;
    if (r.dv === undefined) r.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return r.dv;
  }

  /**
   * Store the u64 `v` (already checked) big-endian at absolute index `i`: the first few words of a
   * writer that fit a double go through numbers, the rest through the (then made) DataView.
   */
  private put64(i: number, v: bigint): void {
    const r = this.root;
    if (r.dv === undefined && r.words < 4 && v <= MAX_SAFE) {
      r.words++;
      const n = Number(v);
      const hi = Math.floor(n / 0x1_0000_0000);
      put32(this.buf, i, hi);
      put32(this.buf, i + 4, n - hi * 0x1_0000_0000);
    } else {
      this.view.setBigUint64(i, v);
    }
  }

  error(field: string | undefined, off: number, detail: string, bit?: number): ScsiCodecError {
    return new ScsiCodecError('ERR_FIELD_RANGE', this.structure, field, this.start + off, detail, { bit });
  }

  /** A writer over [off, off+len) of the same buffer, for nested structures. */
  sub(off: number, len: number, structure: string = this.structure): ByteWriter {
    this.room(off, len, undefined);
    return new ByteWriter(this.buf, structure, this.start + off, len, this.root);
  }

  private room(off: number, len: number, field: string | undefined): void {
    if (off < 0 || off + len > this.length) {
      throw this.error(field, off, `field does not fit the ${this.length}-byte structure`);
    }
  }

  /** Check `value` is an integer in 0..max (max = 2^(8*bytes) - 1) and that the field fits. */
  private uint(off: number, value: number, bytes: number, max: number, field: string): void {
    if (typeof value !== 'number' || !(value >= 0 && value <= max) || !Number.isInteger(value)) {
      throw this.error(field, off, `${show(value)} is not an integer in 0..${2 ** (8 * bytes) - 1}`);
    }
    this.room(off, bytes, field);
  }

  // Writes store into `buf` directly (big-endian): no DataView has to be made per writer.
  u8(off: number, value: number, field: string): void {
    this.uint(off, value, 1, 0xff, field);
    this.buf[this.start + off] = value;
  }
  u16(off: number, value: number, field: string): void {
    this.uint(off, value, 2, 0xffff, field);
    const b = this.buf;
    const i = this.start + off;
    b[i] = value >>> 8;
    b[i + 1] = value;
  }
  u24(off: number, value: number, field: string): void {
    this.uint(off, value, 3, 0xff_ffff, field);
    const b = this.buf;
    const i = this.start + off;
    b[i] = value >>> 16;
    b[i + 1] = value >>> 8;
    b[i + 2] = value;
  }
  u32(off: number, value: number, field: string): void {
    this.uint(off, value, 4, 0xffff_ffff, field);
    put32(this.buf, this.start + off, value);
  }
  u48(off: number, value: number, field: string): void {
    this.uint(off, value, 6, 0xffff_ffff_ffff, field);
    const b = this.buf;
    const i = this.start + off;
    const hi = Math.floor(value / 0x1_0000_0000);
    b[i] = hi >>> 8;
    b[i + 1] = hi;
    put32(b, i + 2, value - hi * 0x1_0000_0000);
  }
  u64(off: number, value: bigint, field: string): void {
    if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
      throw this.error(field, off, `${show(value)} is not a bigint in 0..2^64-1`);
    }
    this.room(off, 8, field);
    this.put64(this.start + off, value);
  }
  u128(off: number, value: bigint, field: string): void {
    if (typeof value !== 'bigint' || value < 0n || value > U128_MAX) {
      throw this.error(field, off, `${show(value)} is not a bigint in 0..2^128-1`);
    }
    this.room(off, 16, field);
    this.put64(this.start + off, value >> 64n);
    this.put64(this.start + off + 8, value & U64_MAX);
  }
  /** Set or clear one bit (`bit` 0 = LSB); other bits of the byte are kept. */
  bit(off: number, bit: number, value: boolean, field: string): void {
    if (typeof value !== 'boolean') throw this.error(field, off, `${show(value)} is not a boolean`, bit);
    this.room(off, 1, field);
    const i = this.start + off;
    const b = this.buf[i] as number;
    this.buf[i] = value ? b | (1 << bit) : b & ~(1 << bit);
  }
  /** Write bits hi..lo (inclusive) of byte `off`; other bits are kept. */
  bits(off: number, hi: number, lo: number, value: number, field: string): void {
    const width = hi - lo + 1;
    const max = (1 << width) - 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      throw this.error(field, off, `${show(value)} does not fit ${width} bit(s) (0..${hex(max, 2)})`, hi);
    }
    this.room(off, 1, field);
    const i = this.start + off;
    const mask = max << lo;
    this.buf[i] = ((this.buf[i] as number) & ~mask) | (value << lo);
  }
  /** Copy `src` to `off`; `exactLength` (if given) must equal `src.length`. */
  bytes(off: number, src: Uint8Array, field: string, exactLength?: number): void {
    const bytes = asUint8Array(src);
    if (bytes === undefined) throw this.error(field, off, notBytes(src));
    if (exactLength !== undefined && bytes.length !== exactLength) {
      throw this.error(field, off, `must be exactly ${exactLength} bytes, got ${bytes.length}`);
    }
    this.room(off, bytes.length, field);
    this.buf.set(bytes, this.start + off);
  }
  /** Write a byte string (each char code must be 0..255) into exactly `len` bytes, padding with `pad`. */
  ascii(off: number, len: number, text: string, field: string, pad = 0x20): void {
    if (typeof text !== 'string' || text.length > len) throw this.error(field, off, `text longer than ${len} bytes`);
    this.room(off, len, field);
    for (let i = 0; i < len; i++) {
      const c = i < text.length ? text.charCodeAt(i) : pad;
      if (c > 0xff) throw this.error(field, off + i, `character ${hex(c, 4)} is not a byte`);
      this.buf[this.start + off + i] = c;
    }
  }

  /** The finished bytes. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.buf;
  }
}

/** Store u32 `v` big-endian at absolute index `i` of `b` (Uint8Array stores truncate to 8 bits). @internal */
export function put32(b: Uint8Array, i: number, v: number): void {
  b[i] = v >>> 24;
  b[i + 1] = v >>> 16;
  b[i + 2] = v >>> 8;
  b[i + 3] = v;
}

/** Check a count/length against a field width before sizing a buffer. @internal */
export function checkRange(structure: string, field: string, offset: number, value: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, `${show(value)} does not fit (0..${max})`);
  }
}

/**
 * Render any value for an error message without invoking user code (a hostile or odd object's
 * `toString` could throw and let a TypeError escape instead of our ScsiCodecError).
 * @internal
 */
export function show(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    default:
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  }
}

/**
 * Length of a byte field, or ERR_FIELD_RANGE naming the field if the value is not a Uint8Array
 * (for length computations that run before a ByteWriter exists).
 * @internal
 */
export function byteFieldLength(structure: string, field: string, offset: number, value: unknown): number {
  const bytes = asUint8Array(value);
  if (bytes === undefined) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, `${show(value)} is ${notBytes(value)}`);
  }
  return bytes.length;
}

/**
 * ERR_FIELD_RANGE for a discriminant (`kind`, `format`, ...) that names no known variant.
 * @internal
 */
export function unknownVariant(structure: string, field: string, offset: number, value: unknown): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, `${show(value)} is not a known ${field}`);
}
