/**
 * Declarative layout tables: the one place where a fixed-offset part of a structure (a CDB, a
 * parameter-list header, a fixed-size descriptor) says which field lives at which byte and bit.
 * Codecs, the trace/annotation, the near-miss mutations, the copy manager's field pointers and the
 * 8Fh validator read these tables instead of repeating offsets.
 *
 * Variable-length parts (descriptor lists, text) stay hand-written; their headers are laid out here.
 *
 * @packageDocumentation
 */

/**
 * How a field's value is read.
 * - `uint`: unsigned big-endian integer of `width` bytes (1-6), a `number`.
 * - `bigint`: unsigned big-endian integer of 8 or 16 bytes, a `bigint`.
 * - `bits`: bits `hi..lo` (inclusive, 7 = MSB) of the byte at `offset`, a `number`.
 * - `bit`: one bit (`hi === lo`) of the byte at `offset`, a `boolean`.
 * - `bytes`: `width` raw bytes.
 * - `reserved`: reserved; `mask` (per byte, when `width` is 1) says which bits, default all.
 */
export type FieldKind = 'uint' | 'bigint' | 'bits' | 'bit' | 'bytes' | 'reserved';

/** One field of a {@link StructureLayout}. */
export interface FieldLayout {
  /** T10 name in lowerCamelCase (the same name the codec's decoded object and errors use). */
  readonly name: string;
  /** Byte offset from the start of the structure. */
  readonly offset: number;
  /** Width in bytes (1 for `bit`/`bits`). */
  readonly width: number;
  readonly kind: FieldKind;
  /** For `bit`/`bits`: highest and lowest bit (7 = MSB). For `reserved` with `width` 1: the bit mask. */
  readonly hi?: number;
  readonly lo?: number;
  readonly mask?: number;
  /**
   * For a length field: the byte offset where the bytes it counts begin (e.g. DATA LENGTH at 0 counts
   * from byte 2; a descriptor length at 14 counts from 16). Absent for other fields.
   */
  readonly countsFrom?: number;
  /** A fixed value (OPERATION CODE, SERVICE ACTION, PAGE CODE) the decoder checks. */
  readonly fixed?: number;
  /**
   * For `reserved`: the bits are obsolete rather than reserved (e.g. RELADR in SBC-4 CDBs): the
   * decoder ignores them in strict mode too, the encoder writes zero.
   */
  readonly obsolete?: true;
}

/** The fixed-offset part of one structure. */
export interface StructureLayout<Name extends string = string> {
  /** Structure name as carried by `ScsiCodecError.structure`, e.g. `PopulateTokenParameterList`. */
  readonly structure: string;
  /** Length of the fixed part in bytes (a CDB's whole length; a parameter list's header length). */
  readonly length: number;
  readonly fields: readonly (FieldLayout & { readonly name: Name })[];
}

/**
 * Define a layout and index it by field name, checking at load time that no two fields overlap on
 * the same bits and that every field lies inside `length`. A table that breaks either rule throws
 * when the module loads, so a typo cannot ship.
 */
export function defineLayout<const Name extends string>(
  structure: string,
  length: number,
  fields: readonly (FieldLayout & { readonly name: Name })[],
): StructureLayout<Name> & { readonly field: { readonly [K in Name]: FieldLayout } } {
  const used = new Uint8Array(length);
  const field = {} as Record<string, FieldLayout>;
  for (const f of fields) {
    if (f.offset < 0 || f.width < 1 || f.offset + f.width > length) {
      throw new Error(`layout ${structure}.${f.name}: bytes ${f.offset}+${f.width} outside 0..${length - 1}`);
    }
    const bitMask =
      f.kind === 'bit' || f.kind === 'bits'
        ? (0xff >> (7 - (f.hi ?? 7))) & ~((1 << (f.lo ?? 0)) - 1) & 0xff
        : f.kind === 'reserved' && f.width === 1 && f.mask !== undefined
          ? f.mask
          : 0xff;
    for (let i = f.offset; i < f.offset + f.width; i++) {
      if ((used[i] as number) & bitMask) throw new Error(`layout ${structure}.${f.name}: overlaps byte ${i}`);
      used[i] = (used[i] as number) | bitMask;
    }
    if (f.name !== 'reserved' && field[f.name] !== undefined) throw new Error(`layout ${structure}: ${f.name} twice`);
    field[f.name] = f;
  }
  return { structure, length, fields, field: field as { readonly [K in Name]: FieldLayout } };
}

/** What {@link defineLayout} returns: the layout and its fields indexed by name. */
export type Layout<Name extends string> = StructureLayout<Name> & {
  readonly field: { readonly [K in Name]: FieldLayout };
};
