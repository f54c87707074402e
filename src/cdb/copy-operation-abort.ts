/**
 * COPY OPERATION ABORT CDB: THIRD-PARTY COPY OUT (83h), service action copy operation abort.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-5 LIST IDENTIFIER; 6-14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_OUT_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded COPY OPERATION ABORT CDB. @remarks Since 0.1.0 */
export interface CopyOperationAbortCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'COPY OPERATION ABORT';
  /** LIST IDENTIFIER (bytes 2-5) of the copy operation to abort. */
  readonly listIdentifier: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The COPY OPERATION ABORT CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const COPY_OPERATION_ABORT_CDB_LAYOUT: Layout<
  'control' | 'listIdentifier' | 'operationCode' | 'reserved' | 'serviceAction'
> = defineLayout('CopyOperationAbortCdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_OUT },
  { name: 'serviceAction', offset: 1, width: 1, kind: 'bits', hi: 4, lo: 0, fixed: TPC_OUT_SA.COPY_OPERATION_ABORT },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 6, width: 9, kind: 'reserved' },
  { name: 'listIdentifier', offset: 2, width: 4, kind: 'uint' },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = COPY_OPERATION_ABORT_CDB_LAYOUT.field;

/** @internal */
export const COPY_OPERATION_ABORT_CDB_SPEC: CdbSpec<CopyOperationAbortCdb> = cdbSpec<CopyOperationAbortCdb>(
  'COPY OPERATION ABORT',
  COPY_OPERATION_ABORT_CDB_LAYOUT,
  (r) => ({
    kind: 'COPY OPERATION ABORT',
    listIdentifier: readNumber(r, F.listIdentifier),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeCopyOperationAbortCdb,
);

/**
 * Encode a COPY OPERATION ABORT CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeCopyOperationAbortCdb(cdb: CdbInput<CopyOperationAbortCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(COPY_OPERATION_ABORT_CDB_SPEC, cdb);
}

/**
 * Decode a COPY OPERATION ABORT CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeCopyOperationAbortCdb(bytes: Uint8Array, options?: DecodeOptions): CopyOperationAbortCdb {
  return decodeCdbWith(COPY_OPERATION_ABORT_CDB_SPEC, bytes, options);
}
