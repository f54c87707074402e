/**
 * CRC32C (Castagnoli, reflected polynomial 82F63B78h), the iSCSI header and data digest.
 *
 * @packageDocumentation
 */
import { ScsiCodecError } from '../../errors.js';
import { show } from '../../internal/byte-writer.js';
import { asUint8Array, notBytes } from '../../internal/contract.js';

/** Reflected CRC32C polynomial. */
const POLY = 0x82f6_3b78;

/** The eight slicing tables, made on first use. */
interface Tables {
  readonly t0: Int32Array;
  readonly t1: Int32Array;
  readonly t2: Int32Array;
  readonly t3: Int32Array;
  readonly t4: Int32Array;
  readonly t5: Int32Array;
  readonly t6: Int32Array;
  readonly t7: Int32Array;
  /** The platform stores integers little-endian (so 32-bit words can be read from the bytes). */
  readonly littleEndian: boolean;
}

let tables: Tables | undefined;

function makeTables(): Tables {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let s = 1; s < 8; s++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[s * 256 + n] = c;
    }
  }
  const part = (s: number): Int32Array => t.subarray(s * 256, s * 256 + 256);
  return {
    t0: part(0),
    t1: part(1),
    t2: part(2),
    t3: part(3),
    t4: part(4),
    t5: part(5),
    t6: part(6),
    t7: part(7),
    littleEndian: new Uint8Array(Uint32Array.of(1).buffer)[0] === 1,
  };
}

/**
 * The CRC32C of `bytes[start, end)`, continuing from `previous` (the value returned for the bytes
 * before: pass it to digest a segment in pieces; 0 to start). The value is the CRC as RFC 3720
 * appendix B.4 defines it: register preset to all ones, result complemented. iSCSI sends it
 * least significant byte first (see {@link writeIscsiDigest}). Slicing-by-8 over 32-bit words
 * (8 KiB of tables, made on first use).
 *
 * @example
 * ```ts
 * crc32c(new Uint8Array(32)); // 0x8a9136aa: on the wire aa 36 91 8a (RFC 3720 appendix B.4)
 * ```
 * @see RFC 7143 section 13.1; RFC 3720 appendix B.4
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` naming the argument if `bytes` is not a
 *   `Uint8Array`, `previous` not an integer in 0..2^32-1, or not `0 <= start <= end <= length`.
 * @remarks Since 0.2.0
 */
export function crc32c(bytes: Uint8Array, previous = 0, start = 0, end?: number): number {
  const b = digestInput('crc32c', bytes, previous, start, end);
  const T = tables ?? makeTables();
  tables = T;
  return run(T, b, previous, start, end ?? b.length, T.littleEndian);
}

/** {@link crc32c} without the word reads (what a big-endian platform runs). @internal */
export function crc32cBytewise(bytes: Uint8Array, previous = 0, start = 0, end?: number): number {
  const b = digestInput('crc32c', bytes, previous, start, end);
  const T = tables ?? makeTables();
  tables = T;
  return run(T, b, previous, start, end ?? b.length, false);
}

function argError(structure: string, field: string, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, 0, detail);
}

function isU32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff;
}

/** `bytes` as a Uint8Array of this realm, or ERR_FIELD_RANGE naming the argument at fault. */
function digestInput(structure: string, bytes: Uint8Array, previous: number, start: number, end?: number): Uint8Array {
  const b = asUint8Array(bytes);
  if (b === undefined) throw argError(structure, 'bytes', `${show(bytes)} is ${notBytes(bytes)}`);
  if (!isU32(previous)) throw argError(structure, 'previous', `${show(previous)} is not an integer in 0..2^32-1`);
  const e = end ?? b.length;
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e > b.length) {
    throw argError(structure, 'end', `${show(end)} is not an integer in 0..${b.length}`);
  }
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0 || start > e) {
    throw argError(structure, 'start', `${show(start)} is not an integer in 0..${e}`);
  }
  return b;
}

/** `bytes` as a Uint8Array of this realm if bytes [offset, offset + 4) are in it, else ScsiCodecError. */
function digestAt(structure: string, bytes: Uint8Array, offset: number): Uint8Array {
  const b = asUint8Array(bytes);
  if (b === undefined) throw argError(structure, 'bytes', `${show(bytes)} is ${notBytes(bytes)}`);
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset + 4 > b.length) {
    throw new ScsiCodecError(
      'ERR_TRUNCATED',
      structure,
      'offset',
      0,
      `${show(offset)}: a digest needs 4 bytes at an integer offset in 0..${b.length - 4}`,
    );
  }
  return b;
}

function run(T: Tables, bytes: Uint8Array, previous: number, start: number, end: number, words: boolean): number {
  const { t0, t1, t2, t3, t4, t5, t6, t7 } = T;
  let c = ~previous;
  let i = start;
  if (words) {
    // Bytes up to a 4-byte boundary, then 8 bytes at a time as two little-endian words.
    while (i < end && ((bytes.byteOffset + i) & 3) !== 0) {
      c = (t0[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
      i++;
    }
    const pairs = (end - i) >>> 3;
    if (pairs > 0) {
      const w = new Int32Array(bytes.buffer, bytes.byteOffset + i, pairs * 2);
      for (let k = 0; k < w.length; k += 2) {
        c ^= w[k] as number;
        const d = w[k + 1] as number;
        c =
          (t7[c & 0xff] as number) ^
          (t6[(c >>> 8) & 0xff] as number) ^
          (t5[(c >>> 16) & 0xff] as number) ^
          (t4[c >>> 24] as number) ^
          (t3[d & 0xff] as number) ^
          (t2[(d >>> 8) & 0xff] as number) ^
          (t1[(d >>> 16) & 0xff] as number) ^
          (t0[d >>> 24] as number);
      }
      i += pairs * 8;
    }
  } else {
    const end8 = i + ((end - i) & ~7);
    while (i < end8) {
      c ^=
        (bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24);
      c =
        (t7[c & 0xff] as number) ^
        (t6[(c >>> 8) & 0xff] as number) ^
        (t5[(c >>> 16) & 0xff] as number) ^
        (t4[c >>> 24] as number) ^
        (t3[bytes[i + 4] as number] as number) ^
        (t2[bytes[i + 5] as number] as number) ^
        (t1[bytes[i + 6] as number] as number) ^
        (t0[bytes[i + 7] as number] as number);
      i += 8;
    }
  }
  while (i < end) {
    c = (t0[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/**
 * Store a digest value at `offset` of `out` in iSCSI's byte order (least significant byte
 * first, so the bytes of RFC 3720 appendix B.4's examples come out as printed there).
 *
 * @see RFC 3720 appendix B.4
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `out` is not a `Uint8Array` or `value` not an
 *   integer in 0..2^32-1, `ERR_TRUNCATED` unless bytes `offset` to `offset + 3` are in `out`.
 * @remarks Since 0.2.0
 */
export function writeIscsiDigest(out: Uint8Array, offset: number, value: number): void {
  const o = digestAt('writeIscsiDigest', out, offset);
  if (!isU32(value)) throw argError('writeIscsiDigest', 'value', `${show(value)} is not an integer in 0..2^32-1`);
  o[offset] = value;
  o[offset + 1] = value >>> 8;
  o[offset + 2] = value >>> 16;
  o[offset + 3] = value >>> 24;
}

/**
 * Read a digest written by {@link writeIscsiDigest}.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `bytes` is not a `Uint8Array`, `ERR_TRUNCATED`
 *   unless bytes `offset` to `offset + 3` are in it.
 * @remarks Since 0.2.0
 */
export function readIscsiDigest(bytes: Uint8Array, offset: number): number {
  const b = digestAt('readIscsiDigest', bytes, offset);
  return (
    ((b[offset] as number) |
      ((b[offset + 1] as number) << 8) |
      ((b[offset + 2] as number) << 16) |
      ((b[offset + 3] as number) << 24)) >>>
    0
  );
}
