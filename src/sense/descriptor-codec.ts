/**
 * The shape of a sense data descriptor codec (the entries of the table keyed by DESCRIPTOR TYPE in
 * descriptors.ts) and what the codecs share: the descriptor header layout and raw keeping.
 *
 * @see SPC-5 sense data descriptors
 * @internal
 */
import { ScsiCodecError } from '../errors.js';
import type { ByteReader } from '../internal/byte-reader.js';
import type { ByteWriter } from '../internal/byte-writer.js';
import { isUint8Array } from '../internal/contract.js';
import { defineLayout, type FieldLayout, type Layout, type StructureLayout } from '../internal/layout.js';
import type { SenseData, SenseDataDescriptor, UnknownSenseDescriptor } from './types.js';

export const S = 'SenseDataDescriptor';

/**
 * The sense data codec, passed in for the forwarded sense data descriptor (0Ch), which nests sense
 * data (the sense data module imports this one, not the other way round).
 *
 * @internal
 */
export interface NestedSenseCodec {
  readonly read: (r: ByteReader) => SenseData;
  readonly write: (w: ByteWriter, off: number, s: SenseData, len: number) => void;
  readonly length: (s: SenseData, offset: number) => number;
}

export type Named = Exclude<SenseDataDescriptor, UnknownSenseDescriptor>;

/** One descriptor type. `d` spans exactly the descriptor (2 + ADDITIONAL LENGTH bytes). */
export interface DescriptorCodec<D extends Named> {
  readonly kind: D['kind'];
  /** ADDITIONAL LENGTH: the only one allowed (fixed-size types) or the least (variable ones). */
  readonly additionalLength: number;
  readonly variable: boolean;
  /** The fixed-offset fields (for variable types: the fixed part), header included. */
  readonly layout?: StructureLayout;
  /**
   * `at` is where the descriptor's byte 0 lies in `d`. A variable-length type always gets a reader
   * spanning exactly the descriptor (`at` 0); a fixed-size one may get the enclosing sense data's
   * reader, when its ADDITIONAL LENGTH is right and the read can neither fail, record an issue nor
   * trace (lenient, untraced): then it must not use `d.length`.
   */
  readonly read: (d: ByteReader, at: number, len: number, senseKey: number, nested: NestedSenseCodec) => D;
  /** Variable types: ADDITIONAL LENGTH for `d` (shapes checked); `offset` = the descriptor's absolute offset. */
  readonly dataLength?: (d: D, offset: number, nested: NestedSenseCodec) => number;
  /** `w` spans the whole descriptor, header already written; `n` = ADDITIONAL LENGTH. */
  readonly write: (w: ByteWriter, d: D, n: number, nested: NestedSenseCodec) => void;
}

/** Header of every descriptor: DESCRIPTOR TYPE and ADDITIONAL LENGTH (counting from byte 2). */
export const HEADER: readonly [
  FieldLayout & { readonly name: 'descriptorType' },
  FieldLayout & { readonly name: 'additionalLength' },
] = [
  { name: 'descriptorType', offset: 0, width: 1, kind: 'uint' },
  { name: 'additionalLength', offset: 1, width: 1, kind: 'uint', countsFrom: 2 },
];

type HeaderName = (typeof HEADER)[number]['name'];

/** A fixed-size descriptor's layout: header, then `fields` (reserved ones in the order checked). */
export function layout<const N extends string>(
  name: string,
  additionalLength: number,
  fields: readonly (FieldLayout & { readonly name: N })[],
): Layout<N | HeaderName> {
  return defineLayout<N | HeaderName>(name, 2 + additionalLength, [...HEADER, ...fields] as (FieldLayout & {
    name: N | HeaderName;
  })[]);
}

/** An ERR_FIELD_RANGE error. */
export function fieldRange(structure: string, field: string, offset: number, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, detail);
}

export function bytesOf(v: unknown, structure: string, field: string, offset: number): Uint8Array {
  if (!isUint8Array(v)) throw fieldRange(structure, field, offset, 'not a Uint8Array');
  return v;
}

export function unknown(d: ByteReader, type: number): UnknownSenseDescriptor {
  return { kind: 'unknown', descriptorType: type, bytes: d.rest(2, 'descriptorData') };
}
