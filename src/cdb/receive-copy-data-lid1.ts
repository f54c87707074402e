/**
 * RECEIVE COPY DATA (LID1) CDB: THIRD-PARTY COPY IN (84h), service action receive copy data lid1.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * byte 2 LIST IDENTIFIER (1 byte); 3-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-4 "RECEIVE COPY DATA (LID1) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeOptions } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { type CdbInput, type CdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';
import { type ReceiveCopyCdbFields, type ReceiveCopyLayoutField, receiveCopyCdbSpec } from './receive-copy.js';

/** Decoded RECEIVE COPY DATA (LID1) CDB (fields: {@link ReceiveCopyCdbFields}). @remarks Since 0.1.0 */
export interface ReceiveCopyDataLid1Cdb extends ReceiveCopyCdbFields<'RECEIVE COPY DATA (LID1)'> {}

/**
 * The RECEIVE COPY DATA (LID1) CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const RECEIVE_COPY_DATA_LID1_CDB_LAYOUT: Layout<ReceiveCopyLayoutField> = defineLayout(
  'ReceiveCopyDataLid1Cdb',
  16,
  [
    { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_IN },
    { name: 'serviceAction', offset: 1, width: 1, kind: 'bits', hi: 4, lo: 0, fixed: TPC_IN_SA.RECEIVE_COPY_DATA_LID1 },
    { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
    { name: 'reserved', offset: 3, width: 7, kind: 'reserved' },
    { name: 'reserved', offset: 14, width: 1, kind: 'reserved' },
    { name: 'listIdentifier', offset: 2, width: 1, kind: 'uint' },
    { name: 'allocationLength', offset: 10, width: 4, kind: 'uint' },
    { name: 'control', offset: 15, width: 1, kind: 'uint' },
  ],
);

/** @internal */
export const RECEIVE_COPY_DATA_LID1_CDB_SPEC: CdbSpec<ReceiveCopyDataLid1Cdb> = receiveCopyCdbSpec(
  'RECEIVE COPY DATA (LID1)',
  RECEIVE_COPY_DATA_LID1_CDB_LAYOUT,
  decodeReceiveCopyDataLid1Cdb,
);

/**
 * Encode a RECEIVE COPY DATA (LID1) CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-4 "RECEIVE COPY DATA (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReceiveCopyDataLid1Cdb(cdb: CdbInput<ReceiveCopyDataLid1Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(RECEIVE_COPY_DATA_LID1_CDB_SPEC, cdb);
}

/**
 * Decode a RECEIVE COPY DATA (LID1) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-4 "RECEIVE COPY DATA (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReceiveCopyDataLid1Cdb(bytes: Uint8Array, options?: DecodeOptions): ReceiveCopyDataLid1Cdb {
  return decodeCdbWith(RECEIVE_COPY_DATA_LID1_CDB_SPEC, bytes, options);
}
