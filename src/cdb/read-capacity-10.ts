/**
 * READ CAPACITY (10) CDB (10 bytes): byte 0 OPERATION CODE 25h; byte 1 bits 7:1 reserved, bit 0
 * obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS (obsolete in SBC-4, kept for captured traffic); bytes
 * 6-7 reserved; byte 8 bits 7:1 reserved, bit 0 PMI (obsolete); byte 9 CONTROL.
 *
 * @see SBC-4 "READ CAPACITY (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded READ CAPACITY (10) CDB. @remarks Since 0.2.0 */
export interface ReadCapacity10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'READ CAPACITY (10)';
  /** LOGICAL BLOCK ADDRESS (bytes 2-5; obsolete, normally 0). */
  readonly logicalBlockAddress: number;
  /** PMI (byte 8 bit 0; obsolete, normally false). */
  readonly pmi: boolean;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The READ CAPACITY (10) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const READ_CAPACITY_10_CDB_LAYOUT: Layout<
  'control' | 'logicalBlockAddress' | 'operationCode' | 'pmi' | 'reserved'
> = defineLayout('ReadCapacity10Cdb', 10, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.READ_CAPACITY_10 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0x01, obsolete: true },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'reserved', offset: 6, width: 2, kind: 'reserved' },
  { name: 'reserved', offset: 8, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'logicalBlockAddress', offset: 2, width: 4, kind: 'uint' },
  { name: 'pmi', offset: 8, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'control', offset: 9, width: 1, kind: 'uint' },
]);
const F = READ_CAPACITY_10_CDB_LAYOUT.field;

/** @internal */
export const READ_CAPACITY_10_CDB_SPEC: CdbSpec<ReadCapacity10Cdb> = cdbSpec<ReadCapacity10Cdb>(
  'READ CAPACITY (10)',
  READ_CAPACITY_10_CDB_LAYOUT,
  (r) => ({
    kind: 'READ CAPACITY (10)',
    logicalBlockAddress: readNumber(r, F.logicalBlockAddress),
    pmi: readFlag(r, F.pmi),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeReadCapacity10Cdb,
);

/**
 * Encode a READ CAPACITY (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ CAPACITY (10) command"
 * @remarks Since 0.2.0
 */
export function encodeReadCapacity10Cdb(cdb: CdbInput<ReadCapacity10Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(READ_CAPACITY_10_CDB_SPEC, cdb);
}

/**
 * Decode a READ CAPACITY (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "READ CAPACITY (10) command"
 * @remarks Since 0.2.0
 */
export function decodeReadCapacity10Cdb(bytes: Uint8Array, options?: DecodeOptions): ReadCapacity10Cdb {
  return decodeCdbWith(READ_CAPACITY_10_CDB_SPEC, bytes, options);
}
