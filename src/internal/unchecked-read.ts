/**
 * Big-endian reads by index with no bounds check, for the lean decode paths (8Fh page, RRTI
 * parameter data) whose callers have checked up front that the bytes are there. Everything else
 * reads through `ByteReader`, which checks each read and names the field.
 *
 * @internal
 * @packageDocumentation
 */

/** Bytes `i`, `i + 1` as an unsigned 16-bit number. @internal */
export function u16(a: Uint8Array, i: number): number {
  return ((a[i] as number) << 8) | (a[i + 1] as number);
}

/** Bytes `i` to `i + 3` as an unsigned 32-bit number. @internal */
export function u32(a: Uint8Array, i: number): number {
  return (
    (((a[i] as number) << 24) | ((a[i + 1] as number) << 16) | ((a[i + 2] as number) << 8) | (a[i + 3] as number)) >>> 0
  );
}

/** Eight bytes for the u64 values of 2^32 and more. */
const SCRATCH = new DataView(new ArrayBuffer(8));

/** Bytes `i` to `i + 7` as an unsigned 64-bit bigint. @internal */
export function u64(a: Uint8Array, i: number): bigint {
  const hi = u32(a, i);
  const lo = u32(a, i + 4);
  // one getBigUint64 makes one bigint where shifting and or-ing BigInts make four (measured)
  if (hi === 0) return BigInt(lo);
  SCRATCH.setUint32(0, hi);
  SCRATCH.setUint32(4, lo);
  return SCRATCH.getBigUint64(0);
}
