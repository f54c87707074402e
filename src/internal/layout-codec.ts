/**
 * Reading and writing the fields of a {@link StructureLayout} through the byte layer: the codecs
 * that are built on layout tables read each field from its table entry (offset, width, bits come
 * from the table, never from the codec), check reserved bits from the table and encode
 * generically over it.
 *
 * A decoder names the fields it returns in an object literal and reads each one with
 * {@link readField} (or a typed wrapper) from `layout.field.<name>`: V8 inlines the call and folds
 * the table entry, so such a decoder is as fast as one with literal offsets, while a loop over the
 * table that stores into an object by computed key is about twice as slow (measured on the CDB
 * benchmark rows). Encoders have no such cost and are generic: {@link writeFields}.
 *
 * @internal
 */
import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import type { FieldLayout, StructureLayout } from './layout.js';

/**
 * Read field `f` (any kind but `reserved`) as the type its kind gives. `at` is where the
 * structure's byte 0 lies in `r` (0 when `r` spans exactly the structure).
 *
 * This function and the typed ones below are kept small on purpose: V8 inlines them into the
 * decoders (folding the table entry) only while the decoder's inlining budget, counted in bytecode,
 * lasts.
 *
 * @internal
 */
export function readField(r: ByteReader, f: FieldLayout, at = 0): number | bigint | boolean | Uint8Array {
  const kind = f.kind;
  if (kind === 'uint' || kind === 'bits') return readNumber(r, f, at);
  if (kind === 'bigint') return readBigint(r, f, at);
  if (kind === 'bit') return readFlag(r, f, at);
  return r.bytes(at + f.offset, f.width, f.name);
}

/** {@link readField} of a `uint` or `bits` field. @internal */
export function readNumber(r: ByteReader, f: FieldLayout, at = 0): number {
  const o = at + f.offset;
  if (f.kind === 'bits') return r.bits(o, f.hi as number, f.lo as number, f.name);
  const w = f.width;
  return w === 1
    ? r.u8(o, f.name)
    : w === 2
      ? r.u16(o, f.name)
      : w === 4
        ? r.u32(o, f.name)
        : w === 3
          ? r.u24(o, f.name)
          : r.u48(o, f.name);
}

/** {@link readField} of a `bit` field. @internal */
export function readFlag(r: ByteReader, f: FieldLayout, at = 0): boolean {
  return r.bit(at + f.offset, f.hi as number, f.name);
}

/** {@link readField} of a `bigint` field. @internal */
export function readBigint(r: ByteReader, f: FieldLayout, at = 0): bigint {
  return f.width === 8 ? r.u64(at + f.offset, f.name) : r.u128(at + f.offset, f.name);
}

/**
 * Strict mode only: throw ERR_RESERVED_NONZERO for the first reserved field (in table order) with
 * a bit set (`obsolete` ones are skipped); `at` as in {@link readField}. A one-byte field with a `mask` is checked as bits of that byte, any other as whole
 * reserved bytes.
 *
 * @internal
 */
export function checkReserved(r: ByteReader, reserved: readonly FieldLayout[], at = 0): void {
  // only the `strict` test inlines into lenient decoders
  if (r.strict) strictCheckReserved(r, reserved, at);
}

function strictCheckReserved(r: ByteReader, reserved: readonly FieldLayout[], at: number): void {
  for (let i = 0; i < reserved.length; i++) {
    const f = reserved[i] as FieldLayout;
    if (f.obsolete === true) continue;
    if (f.mask !== undefined) r.reserved(at + f.offset, f.mask);
    else r.reservedBytes(at + f.offset, f.width);
  }
}

/** Write `value` into field `f` (range-checked by the writer). @internal */
export function writeField(w: ByteWriter, f: FieldLayout, value: unknown): void {
  switch (f.kind) {
    case 'uint':
      switch (f.width) {
        case 1:
          w.u8(f.offset, value as number, f.name);
          return;
        case 2:
          w.u16(f.offset, value as number, f.name);
          return;
        case 3:
          w.u24(f.offset, value as number, f.name);
          return;
        case 4:
          w.u32(f.offset, value as number, f.name);
          return;
        default:
          w.u48(f.offset, value as number, f.name);
          return;
      }
    case 'bigint':
      if (f.width === 8) w.u64(f.offset, value as bigint, f.name);
      else w.u128(f.offset, value as bigint, f.name);
      return;
    case 'bits':
      w.bits(f.offset, f.hi as number, f.lo as number, value as number, f.name);
      return;
    case 'bit':
      w.bit(f.offset, f.hi as number, value as boolean, f.name);
      return;
    case 'bytes':
      w.bytes(f.offset, value as Uint8Array, f.name, f.width);
      return;
    default:
      return;
  }
}

/**
 * Write `fields` (a layout's, or a part of them): `fixed` ones with their value, value fields from
 * the property of `value` with the field's name, in order (so the first bad one in that order
 * throws); reserved fields are skipped (a new writer's bytes are zero).
 *
 * @internal
 */
export function writeFields(w: ByteWriter, fields: readonly FieldLayout[], value: object): void {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldLayout;
    if (f.kind === 'reserved') continue;
    writeField(w, f, f.fixed ?? (value as Record<string, unknown>)[f.name]);
  }
}

/** The value fields of a layout (not reserved, not fixed), in table order. @internal */
export function valueFields(layout: StructureLayout): readonly FieldLayout[] {
  return layout.fields.filter((f) => f.kind !== 'reserved' && f.fixed === undefined);
}

/** The reserved fields of a layout, in table order. @internal */
export function reservedFields(layout: StructureLayout): readonly FieldLayout[] {
  return layout.fields.filter((f) => f.kind === 'reserved');
}
