/**
 * Shared plumbing for the fixed-length CDB codecs.
 *
 * @internal
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import type { FieldLayout, StructureLayout } from '../internal/layout.js';
import { checkReserved, writeFields } from '../internal/layout-codec.js';

/**
 * The input an `encodeXCdb` function takes: the decoded shape, with the `kind` discriminant
 * optional (it is implied by the function) and `issues` ignored.
 *
 * @remarks Since 0.1.0
 */
export type CdbInput<T extends { readonly kind: string }> = Omit<T, 'kind' | 'issues'> & {
  readonly kind?: T['kind'];
  readonly issues?: readonly DecodeIssue[];
};

/** Throw ERR_FIELD_RANGE if the caller passed a `kind` that is not this encoder's. @internal */
export function checkCommand(w: ByteWriter, given: string | undefined, expected: string): void {
  if (given !== undefined && given !== expected) {
    throw w.error('kind', 0, `encoder for '${expected}' was given kind ${show(given)}`);
  }
}

/**
 * One fixed-length CDB: its `kind`, its layout table (the whole CDB: OPERATION CODE and SERVICE
 * ACTION as `fixed` fields, reserved fields in the order strict decoding checks them, value fields
 * in the order the encoder writes them) and the function that names the decoded fields.
 *
 * @internal
 */
export interface CdbSpec<T extends { readonly kind: string }> {
  readonly kind: T['kind'];
  readonly layout: StructureLayout;
  readonly operationCode: number;
  /** SERVICE ACTION (byte 1 bits 4:0), for the opcodes that have one. */
  readonly serviceAction: number | undefined;
  readonly serviceActionField: FieldLayout | undefined;
  readonly reserved: readonly FieldLayout[];
  /** The decoded value from a reader whose length, codes and reserved bits were checked. */
  readonly read: (r: ByteReader) => T;
  /**
   * The command's own decoder (`decodeRead16Cdb`, ...): `decodeCdb` dispatches to it rather than
   * to {@link decodeCdbWith}, because V8 specializes each command's decoder for its spec (measured:
   * the shared generic call was a third slower on the any-CDB benchmark row).
   */
  readonly decode: (bytes: Uint8Array, options?: DecodeOptions) => T;
  /** A rule across fields the encoder enforces after writing them (e.g. INQUIRY's PAGE CODE with EVPD 0). */
  readonly check?: ((w: ByteWriter, cdb: CdbInput<T>) => void) | undefined;
}

/** Build a {@link CdbSpec}: the codes and reserved fields come from the layout. @internal */
export function cdbSpec<T extends { readonly kind: string }>(
  kind: T['kind'],
  layout: StructureLayout,
  read: (r: ByteReader) => T,
  decode: (bytes: Uint8Array, options?: DecodeOptions) => T,
  check?: (w: ByteWriter, cdb: CdbInput<T>) => void,
): CdbSpec<T> {
  const op = layout.fields.find((f) => f.name === 'operationCode');
  const sa = layout.fields.find((f) => f.name === 'serviceAction');
  if (op?.fixed === undefined) throw new Error(`CDB layout ${layout.structure}: no fixed operationCode`);
  return {
    kind,
    layout,
    operationCode: op.fixed,
    serviceAction: sa?.fixed,
    serviceActionField: sa,
    reserved: layout.fields.filter((f) => f.kind === 'reserved'),
    read,
    decode,
    check,
  };
}

/**
 * Decode a CDB by its spec: ERR_TRUNCATED if shorter than the layout; bytes after the CDB are an
 * ERR_LENGTH_MISMATCH issue (strict: thrown); OPERATION CODE and SERVICE ACTION checked; reserved
 * bits checked in strict mode; then the spec names the fields.
 *
 * @internal
 */
export function decodeCdbWith<T extends { readonly kind: string }>(
  spec: CdbSpec<T>,
  bytes: Uint8Array,
  options: DecodeOptions | undefined,
): T {
  const { layout } = spec;
  try {
    const r = new ByteReader(bytes, layout.structure, options);
    const length = layout.length;
    r.need(length, 'operationCode');
    if (r.length > length) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        undefined,
        length,
        `${r.length - length} byte(s) after the ${length}-byte CDB (${hex(spec.operationCode, 2)})`,
      );
    }
    r.expectU8(0, spec.operationCode, 'operationCode');
    const sa = spec.serviceActionField;
    if (sa !== undefined) r.expectBits(sa.offset, sa.hi as number, sa.lo as number, sa.fixed as number, sa.name);
    checkReserved(r, spec.reserved);
    return spec.read(r);
  } catch (e) {
    throw inputFault(e, layout.structure, [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode a CDB by its spec: `kind` checked, then every field of the layout written in table order
 * (codes from the table, values from `cdb`), then the spec's cross-field rule.
 *
 * @internal
 */
export function encodeCdbWith<T extends { readonly kind: string }>(
  spec: CdbSpec<T>,
  cdb: CdbInput<T>,
): Uint8Array<ArrayBuffer> {
  const { layout } = spec;
  try {
    const w = new ByteWriter(layout.length, layout.structure);
    checkCommand(w, cdb.kind, spec.kind);
    writeFields(w, layout.fields, cdb);
    spec.check?.(w, cdb);
    return w.finish();
  } catch (e) {
    throw inputFault(e, layout.structure, [cdb], 'ERR_FIELD_RANGE');
  }
}
