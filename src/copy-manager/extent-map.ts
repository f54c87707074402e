/**
 * Thin, copy-on-write byte store: an ordered array of extents, each pointing into an immutable
 * `Uint8Array` segment. Bytes not covered by an extent read as zero. A segment is never mutated
 * once an image shares it, so an extent list cut out of a store (an {@link Image}) stays valid forever:
 * copies and point-in-time images are metadata operations whose cost grows with the number of
 * extents touched, never with the number of bytes.
 *
 * Positions are byte addresses as `bigint` (a 2^64-block LU of 4096-byte blocks is 2^76 bytes).
 *
 * @internal
 */

/** One run of stored bytes: `[start, end)` maps to `data[off .. off + (end - start))`. */
export interface Extent {
  readonly start: bigint;
  readonly end: bigint;
  readonly data: Uint8Array;
  readonly off: number;
}

/** An immutable run of bytes `[0, length)` described by extents (gaps are zero). */
export interface Image {
  readonly length: bigint;
  readonly extents: readonly Extent[];
}

/** The all-zero image of `length` bytes (costs nothing). */
export function zeroImage(length: bigint): Image {
  return { length, extents: [] };
}

/**
 * A piece of a segment becomes its own copy when it is under 1/{@link COMPACT_RATIO} of the segment's
 * buffer, so a small piece never keeps a large segment alive: every extent pins at most
 * COMPACT_RATIO times its own length, which bounds memory by the bytes stores and images describe.
 * Copying costs at most the piece's bytes, and only for pieces much smaller than their segment.
 */
export const COMPACT_RATIO = 8;

function piece(start: bigint, end: bigint, data: Uint8Array, off: number): Extent {
  const len = Number(end - start);
  if (len * COMPACT_RATIO < data.buffer.byteLength) return { start, end, data: data.slice(off, off + len), off: 0 };
  return { start, end, data, off };
}

function clip(e: Extent, from: bigint, to: bigint, shift: bigint): Extent {
  const s = e.start > from ? e.start : from;
  const t = e.end < to ? e.end : to;
  return piece(s + shift, t + shift, e.data, e.off + Number(s - e.start));
}

/** Index of the first extent in `exts` whose end is > pos. */
function firstAfter(exts: readonly Extent[], pos: bigint): number {
  let lo = 0;
  let hi = exts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((exts[mid] as Extent).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Extents of `exts` overlapping [from, to), clipped and shifted by `shift`. */
function cut(exts: readonly Extent[], from: bigint, to: bigint, shift: bigint, out: Extent[]): void {
  for (let i = firstAfter(exts, from); i < exts.length; i++) {
    const e = exts[i] as Extent;
    if (e.start >= to) break;
    out.push(clip(e, from, to, shift));
  }
}

/** Read `len` bytes at `pos` of an extent list into `dst` at `dstOff` (dst must be zeroed). */
function readInto(exts: readonly Extent[], pos: bigint, len: number, dst: Uint8Array, dstOff: number): void {
  const to = pos + BigInt(len);
  for (let i = firstAfter(exts, pos); i < exts.length; i++) {
    const e = exts[i] as Extent;
    if (e.start >= to) break;
    const s = e.start > pos ? e.start : pos;
    const t = e.end < to ? e.end : to;
    const srcOff = e.off + Number(s - e.start);
    const n = Number(t - s);
    dst.set(e.data.subarray(srcOff, srcOff + n), dstOff + Number(s - pos));
  }
}

/** The sub-image `[from, from + length)` of `img` (metadata only). */
export function subImage(img: Image, from: bigint, length: bigint): Image {
  const out: Extent[] = [];
  cut(img.extents, from, from + length, -from, out);
  return { length, extents: out };
}

/** Concatenate images (metadata only). */
export function concatImages(parts: readonly Image[]): Image {
  // (images are immutable: one part is its own concatenation, no extent copied)
  if (parts.length === 1) return parts[0] as Image;
  const out: Extent[] = [];
  let at = 0n;
  for (const p of parts) {
    for (const e of p.extents) out.push({ start: e.start + at, end: e.end + at, data: e.data, off: e.off });
    at += p.length;
  }
  return { length: at, extents: out };
}

/** Read bytes `[pos, pos + len)` of an image. */
export function readImage(img: Image, pos: bigint, len: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(len);
  readInto(img.extents, pos, len, out, 0);
  return out;
}

/**
 * Buffers of the segments an image was cut from, whatever the store: an image (and any store it
 * is pasted into) may hold them forever, so they are never written again. A segment not in it is
 * referenced by one store alone, each of its bytes by at most one extent (a split keeps disjoint
 * pieces), so that store may overwrite it in place.
 */
const SHARED = new WeakSet<ArrayBufferLike>();

/**
 * A mutable thin byte store. Mutations replace extents; a segment is written again only while no
 * image shares it (see {@link ExtentMap.write}).
 */
export class ExtentMap {
  private exts: Extent[] = [];

  /** Number of extents (for diagnostics and tests). */
  get extentCount(): number {
    return this.exts.length;
  }

  /** Bytes held by extents (counted per extent; shared segments are counted once per reference). */
  get mappedBytes(): bigint {
    let n = 0n;
    for (const e of this.exts) n += e.end - e.start;
    return n;
  }

  /** Read `len` bytes at `pos` (a fresh buffer). */
  read(pos: bigint, len: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(len);
    readInto(this.exts, pos, len, out, 0);
    return out;
  }

  /** The image of `[pos, pos + length)` (metadata only). */
  image(pos: bigint, length: bigint): Image {
    const out: Extent[] = [];
    cut(this.exts, pos, pos + length, -pos, out);
    for (const e of out) SHARED.add(e.data.buffer);
    return { length, extents: out };
  }

  /**
   * Replace `[pos, pos + length)` by the given extents (already positioned in store coordinates,
   * sorted, inside the range). Everything else in the range becomes zero.
   */
  private replace(pos: bigint, length: bigint, inserted: readonly Extent[]): void {
    if (length === 0n) return;
    const to = pos + length;
    const exts = this.exts;
    const i = firstAfter(exts, pos);
    let j = i;
    const keep: Extent[] = [];
    // Left remainder of the first overlapping extent.
    if (j < exts.length && (exts[j] as Extent).start < pos) {
      const e = exts[j] as Extent;
      keep.push(piece(e.start, pos, e.data, e.off));
    }
    let tail: Extent | undefined;
    while (j < exts.length && (exts[j] as Extent).start < to) {
      const e = exts[j] as Extent;
      if (e.end > to) tail = piece(to, e.end, e.data, e.off + Number(to - e.start));
      j++;
    }
    for (const e of inserted) keep.push(e);
    if (tail !== undefined) keep.push(tail);
    exts.splice(i, j - i, ...keep);
  }

  /**
   * Write `bytes` at `pos`. The bytes are copied (the caller's buffer is not retained): in place
   * when one extent whose segment no image shares covers the whole range (an overwrite costs no
   * allocation), else into a new segment.
   */
  write(pos: bigint, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const e = this.exts[firstAfter(this.exts, pos)];
    if (e !== undefined && e.start <= pos && pos + BigInt(bytes.length) <= e.end && !SHARED.has(e.data.buffer)) {
      e.data.set(bytes, e.off + Number(pos - e.start));
      return;
    }
    const data = bytes.slice();
    this.replace(pos, BigInt(data.length), [{ start: pos, end: pos + BigInt(data.length), data, off: 0 }]);
  }

  /** Zero `[pos, pos + length)` (drops extents: metadata only). */
  zero(pos: bigint, length: bigint): void {
    this.replace(pos, length, []);
  }

  /** Put bytes `[from, from + length)` of `img` at `pos` (metadata only). */
  paste(pos: bigint, img: Image, from: bigint, length: bigint): void {
    const ins: Extent[] = [];
    cut(img.extents, from, from + length, pos - from, ins);
    this.replace(pos, length, ins);
  }
}
