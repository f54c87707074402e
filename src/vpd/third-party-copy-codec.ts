/**
 * The shape of a third-party copy descriptor codec (the 8Fh codec table's entries) and the decode
 * context shared by them.
 *
 * Offsets in the descriptor codecs are relative to the descriptor's byte 0 (its TYPE field),
 * exactly like the T10 descriptor tables.
 *
 * @internal
 */
import { type ByteReader, hex } from '../internal/byte-reader.js';
import type { ByteWriter } from '../internal/byte-writer.js';
import type { FieldLayout, StructureLayout } from '../internal/layout.js';

/** Round up to a multiple of 4. */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Decode context: `lint` turns strict-only reserved checks into recorded issues. @internal */
export interface TpcDecodeContext {
  readonly lint: boolean;
  /**
   * Content bytes (after the 4-byte header) the last descriptor read used: set to the codec's
   * `minContent` before `read`; a variable-length descriptor's `read` sets its own.
   */
  used: number;
}

/** Reserved bits: strict throws, lint records, lenient ignores. */
export function reserved(ctx: TpcDecodeContext, r: ByteReader, off: number, mask: number, field = 'reserved'): void {
  // the lint path is out of line, so that the common one is small enough to inline
  if (ctx.lint) lintReserved(r, off, mask, field);
  else if (r.strict) r.reserved(off, mask, field);
}

function lintReserved(r: ByteReader, off: number, mask: number, field: string): void {
  if (!r.has(off, 1)) return;
  const v = r.u8(off) & mask;
  if (v !== 0) r.note('ERR_RESERVED_NONZERO', field, off, `reserved bits set (${hex(v, 2)})`, 31 - Math.clz32(v));
}

/** Reserved bytes [off, off+len): strict throws, lint records (first offender), lenient ignores. */
export function reservedBytes(
  ctx: TpcDecodeContext,
  r: ByteReader,
  off: number,
  len: number,
  field = 'reserved',
): void {
  if (ctx.lint) lintReservedBytes(r, off, len, field);
  else if (r.strict && r.has(off, len)) r.reservedBytes(off, len, field);
}

function lintReservedBytes(r: ByteReader, off: number, len: number, field: string): void {
  for (let i = 0; i < len && r.has(off + i, 1); i++) {
    const v = r.u8(off + i);
    if (v !== 0) {
      r.note('ERR_RESERVED_NONZERO', field, off + i, `reserved byte is ${hex(v, 2)}`, 31 - Math.clz32(v));
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Descriptor codecs (table keyed by descriptor type)

export interface DescriptorCodec<D> {
  readonly type: number;
  readonly name: string;
  /** Fewest content bytes (after the 4-byte header) needed to decode. */
  readonly minContent: number;
  /** A fixed-size descriptor: its content is always `minContent` bytes. */
  readonly fixed: boolean;
  /** Bytes after the 4-byte header before padding. */
  readonly content: (d: D) => number;
  /** `w` spans the whole padded descriptor; offsets are descriptor-relative. */
  readonly write: (w: ByteWriter, d: D) => void;
  /**
   * `r` spans the whole descriptor (header included, clamped to the page) and `at` is 0; a
   * variable-length descriptor sets `ctx.used` to the content bytes it used. A fixed-size
   * descriptor of its exact length read lenient, untraced and without `lint` (where reading can
   * neither fail, record an issue nor trace) gets the page's reader instead, with `at` the
   * descriptor's offset in it.
   */
  readonly read: (r: ByteReader, ctx: TpcDecodeContext, at: number) => D;
}

/**
 * Reserved fields of a layout checked as {@link reserved} / {@link reservedBytes} do, in table
 * order; `at` is where the structure's byte 0 lies in `r`.
 */
export function reservedFromLayout(ctx: TpcDecodeContext, r: ByteReader, fields: readonly FieldLayout[], at = 0): void {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldLayout;
    if (f.mask !== undefined) reserved(ctx, r, at + f.offset, f.mask);
    else reservedBytes(ctx, r, at + f.offset, f.width);
  }
}

/**
 * The codec of a fixed-size descriptor described by `layout` (header included): its name, content
 * length and reserved fields come from the table. `read` and `write` name the value fields, each
 * read or written through its table entry: a loop over the table was measured slower both ways
 * (decoding stores by computed key, encoding loads by computed key), see `layout-codec.ts`.
 */
export function fixedDescriptor<D>(
  type: number,
  layout: StructureLayout,
  read: (r: ByteReader, at: number) => D,
  write: (w: ByteWriter, d: D) => void,
): DescriptorCodec<D> {
  const reservedFields = layout.fields.filter((f) => f.kind === 'reserved');
  const content = layout.length - 4;
  return {
    type,
    name: layout.structure,
    minContent: content,
    fixed: true,
    content: () => content,
    write,
    read: (r, ctx, at) => {
      reservedFromLayout(ctx, r, reservedFields, at);
      return read(r, at);
    },
  };
}
