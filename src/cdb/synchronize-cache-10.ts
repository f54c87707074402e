/**
 * SYNCHRONIZE CACHE (10) CDB (10 bytes): byte 0 OPERATION CODE 35h; byte 1 bits 7:3 reserved,
 * bit 2 obsolete, bit 1 IMMED, bit 0 obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS; byte 6 bits 7:6
 * reserved, bits 5:0 GROUP NUMBER; bytes 7-8 NUMBER OF LOGICAL BLOCKS (0: through the last LBA);
 * byte 9 CONTROL.
 *
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded SYNCHRONIZE CACHE (10) CDB. @remarks Since 0.2.0 */
export interface SynchronizeCache10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'SYNCHRONIZE CACHE (10)';
  /** IMMED (byte 1 bit 1): return status as soon as the CDB is validated. */
  readonly immed: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-5). */
  readonly logicalBlockAddress: number;
  /** GROUP NUMBER (byte 6 bits 5:0). */
  readonly groupNumber: number;
  /** NUMBER OF LOGICAL BLOCKS (bytes 7-8); 0 = from the LBA through the last logical block. */
  readonly numberOfLogicalBlocks: number;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The SYNCHRONIZE CACHE (10) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const SYNCHRONIZE_CACHE_10_CDB_LAYOUT: Layout<
  'control' | 'groupNumber' | 'immed' | 'logicalBlockAddress' | 'numberOfLogicalBlocks' | 'operationCode' | 'reserved'
> = defineLayout('SynchronizeCache10Cdb', 10, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.SYNCHRONIZE_CACHE_10 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0x05, obsolete: true },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xf8 },
  { name: 'reserved', offset: 6, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'immed', offset: 1, width: 1, kind: 'bit', hi: 1, lo: 1 },
  { name: 'logicalBlockAddress', offset: 2, width: 4, kind: 'uint' },
  { name: 'groupNumber', offset: 6, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'numberOfLogicalBlocks', offset: 7, width: 2, kind: 'uint' },
  { name: 'control', offset: 9, width: 1, kind: 'uint' },
]);
const F = SYNCHRONIZE_CACHE_10_CDB_LAYOUT.field;

/** @internal */
export const SYNCHRONIZE_CACHE_10_CDB_SPEC: CdbSpec<SynchronizeCache10Cdb> = cdbSpec<SynchronizeCache10Cdb>(
  'SYNCHRONIZE CACHE (10)',
  SYNCHRONIZE_CACHE_10_CDB_LAYOUT,
  (r) => ({
    kind: 'SYNCHRONIZE CACHE (10)',
    immed: readFlag(r, F.immed),
    logicalBlockAddress: readNumber(r, F.logicalBlockAddress),
    groupNumber: readNumber(r, F.groupNumber),
    numberOfLogicalBlocks: readNumber(r, F.numberOfLogicalBlocks),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeSynchronizeCache10Cdb,
);

/**
 * Encode a SYNCHRONIZE CACHE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command"
 * @remarks Since 0.2.0
 */
export function encodeSynchronizeCache10Cdb(cdb: CdbInput<SynchronizeCache10Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(SYNCHRONIZE_CACHE_10_CDB_SPEC, cdb);
}

/**
 * Decode a SYNCHRONIZE CACHE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command"
 * @remarks Since 0.2.0
 */
export function decodeSynchronizeCache10Cdb(bytes: Uint8Array, options?: DecodeOptions): SynchronizeCache10Cdb {
  return decodeCdbWith(SYNCHRONIZE_CACHE_10_CDB_SPEC, bytes, options);
}
