/**
 * WRITE (10) CDB (10 bytes).
 *
 * Layout: byte 0 OPERATION CODE; byte 1 bits 7:5 WRPROTECT, 4 DPO, 3 FUA, 2 reserved, 1:0 obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS; byte 6 bits 7:6 reserved, 5:0 GROUP NUMBER; bytes 7-8 TRANSFER LENGTH; byte 9 CONTROL.
 *
 * @see SBC-4 "WRITE (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeOptions } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type WriteCdbFields, type WriteLayoutField, writeCdbSpec } from './block-io.js';
import { type CdbInput, type CdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded WRITE (10) CDB (fields: {@link WriteCdbFields}). @remarks Since 0.1.0 */
export interface Write10Cdb extends WriteCdbFields<'WRITE (10)', number> {}

/**
 * The WRITE (10) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const WRITE_10_CDB_LAYOUT: Layout<WriteLayoutField> = defineLayout('Write10Cdb', 10, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.WRITE_10 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0x07 },
  { name: 'reserved', offset: 6, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'wrprotect', offset: 1, width: 1, kind: 'bits', hi: 7, lo: 5 },
  { name: 'dpo', offset: 1, width: 1, kind: 'bit', hi: 4, lo: 4 },
  { name: 'fua', offset: 1, width: 1, kind: 'bit', hi: 3, lo: 3 },
  { name: 'logicalBlockAddress', offset: 2, width: 4, kind: 'uint' },
  { name: 'transferLength', offset: 7, width: 2, kind: 'uint' },
  { name: 'groupNumber', offset: 6, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'control', offset: 9, width: 1, kind: 'uint' },
]);

/** @internal */
export const WRITE_10_CDB_SPEC: CdbSpec<Write10Cdb> = writeCdbSpec(
  'WRITE (10)',
  WRITE_10_CDB_LAYOUT,
  readNumber,
  decodeWrite10Cdb,
);

/**
 * Encode a WRITE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "WRITE (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeWrite10Cdb(cdb: CdbInput<Write10Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(WRITE_10_CDB_SPEC, cdb);
}

/**
 * Decode a WRITE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (opcode), and in strict mode
 * `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "WRITE (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeWrite10Cdb(bytes: Uint8Array, options?: DecodeOptions): Write10Cdb {
  return decodeCdbWith(WRITE_10_CDB_SPEC, bytes, options);
}
