/**
 * RECEIVE ROD TOKEN INFORMATION CDB: THIRD-PARTY COPY IN (84h), service action receive rod token information.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-5 LIST IDENTIFIER; 6-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "RECEIVE ROD TOKEN INFORMATION command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeOptions } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { type CdbInput, type CdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';
import { type ReceiveCopyCdbFields, type ReceiveCopyLayoutField, receiveCopyCdbSpec } from './receive-copy.js';

/**
 * Decoded RECEIVE ROD TOKEN INFORMATION CDB: the same fields as the RECEIVE COPY CDBs with a
 * LIST IDENTIFIER (LIST IDENTIFIER bytes 2-5, ALLOCATION LENGTH bytes 10-13, CONTROL byte 15;
 * {@link ReceiveCopyCdbFields}).
 *
 * @remarks Since 0.1.0
 */
export interface ReceiveRodTokenInformationCdb extends ReceiveCopyCdbFields<'RECEIVE ROD TOKEN INFORMATION'> {}

/**
 * The RECEIVE ROD TOKEN INFORMATION CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const RECEIVE_ROD_TOKEN_INFORMATION_CDB_LAYOUT: Layout<ReceiveCopyLayoutField> = defineLayout(
  'ReceiveRodTokenInformationCdb',
  16,
  [
    { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_IN },
    {
      name: 'serviceAction',
      offset: 1,
      width: 1,
      kind: 'bits',
      hi: 4,
      lo: 0,
      fixed: TPC_IN_SA.RECEIVE_ROD_TOKEN_INFORMATION,
    },
    { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
    { name: 'reserved', offset: 6, width: 4, kind: 'reserved' },
    { name: 'reserved', offset: 14, width: 1, kind: 'reserved' },
    { name: 'listIdentifier', offset: 2, width: 4, kind: 'uint' },
    { name: 'allocationLength', offset: 10, width: 4, kind: 'uint' },
    { name: 'control', offset: 15, width: 1, kind: 'uint' },
  ],
);
/** @internal */
export const RECEIVE_ROD_TOKEN_INFORMATION_CDB_SPEC: CdbSpec<ReceiveRodTokenInformationCdb> = receiveCopyCdbSpec(
  'RECEIVE ROD TOKEN INFORMATION',
  RECEIVE_ROD_TOKEN_INFORMATION_CDB_LAYOUT,
  decodeReceiveRodTokenInformationCdb,
);

/**
 * Encode a RECEIVE ROD TOKEN INFORMATION CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "RECEIVE ROD TOKEN INFORMATION command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReceiveRodTokenInformationCdb(
  cdb: CdbInput<ReceiveRodTokenInformationCdb>,
): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(RECEIVE_ROD_TOKEN_INFORMATION_CDB_SPEC, cdb);
}

/**
 * Decode a RECEIVE ROD TOKEN INFORMATION CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "RECEIVE ROD TOKEN INFORMATION command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReceiveRodTokenInformationCdb(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReceiveRodTokenInformationCdb {
  return decodeCdbWith(RECEIVE_ROD_TOKEN_INFORMATION_CDB_SPEC, bytes, options);
}
