/**
 * READ CAPACITY (16) CDB: SERVICE ACTION IN (16) (9Eh), service action 10h. 16 bytes: byte 0
 * OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION; bytes 2-9 LOGICAL BLOCK ADDRESS
 * (obsolete in SBC-4, kept for captured traffic); 10-13 ALLOCATION LENGTH; byte 14 bits 7:1
 * reserved, bit 0 PMI (obsolete); byte 15 CONTROL.
 *
 * @see SBC-4 "READ CAPACITY (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, SERVICE_ACTION_IN_16_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readBigint, readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded READ CAPACITY (16) CDB. @remarks Since 0.1.0 */
export interface ReadCapacity16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'READ CAPACITY (16)';
  /** LOGICAL BLOCK ADDRESS (bytes 2-9; obsolete, normally 0). */
  readonly logicalBlockAddress: bigint;
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** PMI (byte 14 bit 0; obsolete, normally false). */
  readonly pmi: boolean;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The READ CAPACITY (16) CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const READ_CAPACITY_16_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'logicalBlockAddress' | 'operationCode' | 'pmi' | 'reserved' | 'serviceAction'
> = defineLayout('ReadCapacity16Cdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.SERVICE_ACTION_IN_16 },
  {
    name: 'serviceAction',
    offset: 1,
    width: 1,
    kind: 'bits',
    hi: 4,
    lo: 0,
    fixed: SERVICE_ACTION_IN_16_SA.READ_CAPACITY_16,
  },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'logicalBlockAddress', offset: 2, width: 8, kind: 'bigint' },
  { name: 'allocationLength', offset: 10, width: 4, kind: 'uint' },
  { name: 'pmi', offset: 14, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = READ_CAPACITY_16_CDB_LAYOUT.field;

/** @internal */
export const READ_CAPACITY_16_CDB_SPEC: CdbSpec<ReadCapacity16Cdb> = cdbSpec<ReadCapacity16Cdb>(
  'READ CAPACITY (16)',
  READ_CAPACITY_16_CDB_LAYOUT,
  (r) => ({
    kind: 'READ CAPACITY (16)',
    logicalBlockAddress: readBigint(r, F.logicalBlockAddress),
    allocationLength: readNumber(r, F.allocationLength),
    pmi: readFlag(r, F.pmi),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeReadCapacity16Cdb,
);

/**
 * Encode a READ CAPACITY (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ CAPACITY (16) command"
 * @remarks Since 0.1.0
 */
export function encodeReadCapacity16Cdb(cdb: CdbInput<ReadCapacity16Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(READ_CAPACITY_16_CDB_SPEC, cdb);
}

/**
 * Decode a READ CAPACITY (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "READ CAPACITY (16) command"
 * @remarks Since 0.1.0
 */
export function decodeReadCapacity16Cdb(bytes: Uint8Array, options?: DecodeOptions): ReadCapacity16Cdb {
  return decodeCdbWith(READ_CAPACITY_16_CDB_SPEC, bytes, options);
}
