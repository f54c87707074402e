/**
 * WRITE (16) CDB (16 bytes).
 *
 * Layout: byte 0 OPERATION CODE; byte 1 bits 7:5 WRPROTECT, 4 DPO, 3 FUA, 2 reserved, 1 obsolete, 0 reserved (SBC-4 DLD2, not modelled); bytes 2-9 LOGICAL BLOCK ADDRESS; 10-13 TRANSFER LENGTH; byte 14 bits 7:6 reserved (SBC-4 DLD1/DLD0, not modelled), 5:0 GROUP NUMBER; byte 15 CONTROL.
 *
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readBigint, readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded WRITE (16) CDB. @remarks Since 0.1.0 */
export interface Write16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'WRITE (16)';
  /** WRPROTECT (byte 1 bits 7:5): protection information checking. */
  readonly wrprotect: number;
  /** DPO (byte 1 bit 4): disable page out. */
  readonly dpo: boolean;
  /** FUA (byte 1 bit 3): force unit access. */
  readonly fua: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-9). */
  readonly logicalBlockAddress: bigint;
  /** TRANSFER LENGTH (bytes 10-13), in logical blocks. */
  readonly transferLength: number;
  /** GROUP NUMBER (byte 14 bits 5:0; 6 bits as in SBC-4). */
  readonly groupNumber: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The WRITE (16) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const WRITE_16_CDB_LAYOUT: Layout<
  | 'control'
  | 'dpo'
  | 'fua'
  | 'groupNumber'
  | 'logicalBlockAddress'
  | 'operationCode'
  | 'reserved'
  | 'transferLength'
  | 'wrprotect'
> = defineLayout('Write16Cdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.WRITE_16 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0x07 },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'wrprotect', offset: 1, width: 1, kind: 'bits', hi: 7, lo: 5 },
  { name: 'dpo', offset: 1, width: 1, kind: 'bit', hi: 4, lo: 4 },
  { name: 'fua', offset: 1, width: 1, kind: 'bit', hi: 3, lo: 3 },
  { name: 'logicalBlockAddress', offset: 2, width: 8, kind: 'bigint' },
  { name: 'transferLength', offset: 10, width: 4, kind: 'uint' },
  { name: 'groupNumber', offset: 14, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = WRITE_16_CDB_LAYOUT.field;

/** @internal */
export const WRITE_16_CDB_SPEC: CdbSpec<Write16Cdb> = cdbSpec<Write16Cdb>(
  'WRITE (16)',
  WRITE_16_CDB_LAYOUT,
  (r) => ({
    kind: 'WRITE (16)',
    wrprotect: readNumber(r, F.wrprotect),
    dpo: readFlag(r, F.dpo),
    fua: readFlag(r, F.fua),
    logicalBlockAddress: readBigint(r, F.logicalBlockAddress),
    transferLength: readNumber(r, F.transferLength),
    groupNumber: readNumber(r, F.groupNumber),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeWrite16Cdb,
);

/**
 * Encode a WRITE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeWrite16Cdb(cdb: CdbInput<Write16Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(WRITE_16_CDB_SPEC, cdb);
}

/**
 * Decode a WRITE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (opcode), and in strict mode
 * `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeWrite16Cdb(bytes: Uint8Array, options?: DecodeOptions): Write16Cdb {
  return decodeCdbWith(WRITE_16_CDB_SPEC, bytes, options);
}
