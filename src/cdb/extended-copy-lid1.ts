/**
 * EXTENDED COPY (LID1) CDB: THIRD-PARTY COPY OUT (83h), service action extended copy lid1.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-9 reserved; 10-13 PARAMETER LIST LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-4 "EXTENDED COPY (LID1) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_OUT_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded EXTENDED COPY (LID1) CDB. @remarks Since 0.1.0 */
export interface ExtendedCopyLid1Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'EXTENDED COPY (LID1)';
  /** PARAMETER LIST LENGTH (bytes 10-13). */
  readonly parameterListLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The EXTENDED COPY (LID1) CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const EXTENDED_COPY_LID1_CDB_LAYOUT: Layout<
  'control' | 'operationCode' | 'parameterListLength' | 'reserved' | 'serviceAction'
> = defineLayout('ExtendedCopyLid1Cdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_OUT },
  { name: 'serviceAction', offset: 1, width: 1, kind: 'bits', hi: 4, lo: 0, fixed: TPC_OUT_SA.EXTENDED_COPY_LID1 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 2, width: 8, kind: 'reserved' },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved' },
  { name: 'parameterListLength', offset: 10, width: 4, kind: 'uint' },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = EXTENDED_COPY_LID1_CDB_LAYOUT.field;

/** @internal */
export const EXTENDED_COPY_LID1_CDB_SPEC: CdbSpec<ExtendedCopyLid1Cdb> = cdbSpec<ExtendedCopyLid1Cdb>(
  'EXTENDED COPY (LID1)',
  EXTENDED_COPY_LID1_CDB_LAYOUT,
  (r) => ({
    kind: 'EXTENDED COPY (LID1)',
    parameterListLength: readNumber(r, F.parameterListLength),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeExtendedCopyLid1Cdb,
);

/**
 * Encode a EXTENDED COPY (LID1) CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-4 "EXTENDED COPY (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeExtendedCopyLid1Cdb(cdb: CdbInput<ExtendedCopyLid1Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(EXTENDED_COPY_LID1_CDB_SPEC, cdb);
}

/**
 * Decode a EXTENDED COPY (LID1) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-4 "EXTENDED COPY (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeExtendedCopyLid1Cdb(bytes: Uint8Array, options?: DecodeOptions): ExtendedCopyLid1Cdb {
  return decodeCdbWith(EXTENDED_COPY_LID1_CDB_SPEC, bytes, options);
}
