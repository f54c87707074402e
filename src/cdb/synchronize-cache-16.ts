/**
 * SYNCHRONIZE CACHE (16) CDB (16 bytes): byte 0 OPERATION CODE 91h; byte 1 bits 7:3 reserved,
 * bit 2 obsolete, bit 1 IMMED, bit 0 reserved; bytes 2-9 LOGICAL BLOCK ADDRESS; bytes 10-13 NUMBER
 * OF LOGICAL BLOCKS (0: through the last LBA); byte 14 bits 7:6 reserved, bits 5:0 GROUP NUMBER;
 * byte 15 CONTROL.
 *
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readBigint, readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded SYNCHRONIZE CACHE (16) CDB. @remarks Since 0.2.0 */
export interface SynchronizeCache16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'SYNCHRONIZE CACHE (16)';
  /** IMMED (byte 1 bit 1): return status as soon as the CDB is validated. */
  readonly immed: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-9). */
  readonly logicalBlockAddress: bigint;
  /** NUMBER OF LOGICAL BLOCKS (bytes 10-13); 0 = from the LBA through the last logical block. */
  readonly numberOfLogicalBlocks: number;
  /** GROUP NUMBER (byte 14 bits 5:0). */
  readonly groupNumber: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The SYNCHRONIZE CACHE (16) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const SYNCHRONIZE_CACHE_16_CDB_LAYOUT: Layout<
  'control' | 'groupNumber' | 'immed' | 'logicalBlockAddress' | 'numberOfLogicalBlocks' | 'operationCode' | 'reserved'
> = defineLayout('SynchronizeCache16Cdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.SYNCHRONIZE_CACHE_16 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xfd },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'immed', offset: 1, width: 1, kind: 'bit', hi: 1, lo: 1 },
  { name: 'logicalBlockAddress', offset: 2, width: 8, kind: 'bigint' },
  { name: 'numberOfLogicalBlocks', offset: 10, width: 4, kind: 'uint' },
  { name: 'groupNumber', offset: 14, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = SYNCHRONIZE_CACHE_16_CDB_LAYOUT.field;

/** @internal */
export const SYNCHRONIZE_CACHE_16_CDB_SPEC: CdbSpec<SynchronizeCache16Cdb> = cdbSpec<SynchronizeCache16Cdb>(
  'SYNCHRONIZE CACHE (16)',
  SYNCHRONIZE_CACHE_16_CDB_LAYOUT,
  (r) => ({
    kind: 'SYNCHRONIZE CACHE (16)',
    immed: readFlag(r, F.immed),
    logicalBlockAddress: readBigint(r, F.logicalBlockAddress),
    numberOfLogicalBlocks: readNumber(r, F.numberOfLogicalBlocks),
    groupNumber: readNumber(r, F.groupNumber),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeSynchronizeCache16Cdb,
);

/**
 * Encode a SYNCHRONIZE CACHE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command"
 * @remarks Since 0.2.0
 */
export function encodeSynchronizeCache16Cdb(cdb: CdbInput<SynchronizeCache16Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(SYNCHRONIZE_CACHE_16_CDB_SPEC, cdb);
}

/**
 * Decode a SYNCHRONIZE CACHE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command"
 * @remarks Since 0.2.0
 */
export function decodeSynchronizeCache16Cdb(bytes: Uint8Array, options?: DecodeOptions): SynchronizeCache16Cdb {
  return decodeCdbWith(SYNCHRONIZE_CACHE_16_CDB_SPEC, bytes, options);
}
