/**
 * READ (10) CDB (10 bytes).
 *
 * Layout: byte 0 OPERATION CODE; byte 1 bits 7:5 RDPROTECT, 4 DPO, 3 FUA, 2 RARC, 1:0 obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS; byte 6 bits 7:6 reserved, 5:0 GROUP NUMBER; bytes 7-8 TRANSFER LENGTH; byte 9 CONTROL.
 *
 * @see SBC-4 "READ (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeOptions } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type ReadCdbFields, type ReadLayoutField, readCdbSpec } from './block-io.js';
import { type CdbInput, type CdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded READ (10) CDB (fields: {@link ReadCdbFields}). @remarks Since 0.1.0 */
export interface Read10Cdb extends ReadCdbFields<'READ (10)', number> {}

/**
 * The READ (10) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const READ_10_CDB_LAYOUT: Layout<ReadLayoutField> = defineLayout('Read10Cdb', 10, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.READ_10 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0x03 },
  { name: 'reserved', offset: 6, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'rdprotect', offset: 1, width: 1, kind: 'bits', hi: 7, lo: 5 },
  { name: 'dpo', offset: 1, width: 1, kind: 'bit', hi: 4, lo: 4 },
  { name: 'fua', offset: 1, width: 1, kind: 'bit', hi: 3, lo: 3 },
  { name: 'rarc', offset: 1, width: 1, kind: 'bit', hi: 2, lo: 2 },
  { name: 'logicalBlockAddress', offset: 2, width: 4, kind: 'uint' },
  { name: 'transferLength', offset: 7, width: 2, kind: 'uint' },
  { name: 'groupNumber', offset: 6, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'control', offset: 9, width: 1, kind: 'uint' },
]);

/** @internal */
export const READ_10_CDB_SPEC: CdbSpec<Read10Cdb> = readCdbSpec(
  'READ (10)',
  READ_10_CDB_LAYOUT,
  readNumber,
  decodeRead10Cdb,
);

/**
 * Encode a READ (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeRead10Cdb(cdb: CdbInput<Read10Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(READ_10_CDB_SPEC, cdb);
}

/**
 * Decode a READ (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (opcode), and in strict mode
 * `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "READ (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeRead10Cdb(bytes: Uint8Array, options?: DecodeOptions): Read10Cdb {
  return decodeCdbWith(READ_10_CDB_SPEC, bytes, options);
}
