/**
 * MODE SENSE (6) CDB (6 bytes): byte 0 OPERATION CODE 1Ah; byte 1 bits 7:4 reserved, bit 3 DBD,
 * bits 2:0 reserved; byte 2 bits 7:6 PC, bits 5:0 PAGE CODE; byte 3 SUBPAGE CODE; byte 4
 * ALLOCATION LENGTH; byte 5 CONTROL.
 *
 * @see SPC-5 "MODE SENSE(6) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/**
 * PC (page control) values of MODE SENSE: which values the mode pages hold.
 *
 * @see SPC-5 "Page control (PC) field"
 * @remarks Since 0.2.0
 */
export const MODE_PAGE_CONTROL = {
  CURRENT: 0,
  CHANGEABLE: 1,
  DEFAULT: 2,
  SAVED: 3,
} as const;

/** Decoded MODE SENSE (6) CDB. @remarks Since 0.2.0 */
export interface ModeSense6Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'MODE SENSE (6)';
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7:6): see {@link MODE_PAGE_CONTROL}. */
  readonly pc: number;
  /** PAGE CODE (byte 2 bits 5:0); 3Fh = all pages. */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3); FFh = all subpages. */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (byte 4). */
  readonly allocationLength: number;
  /** CONTROL (byte 5). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The MODE SENSE (6) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const MODE_SENSE_6_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'dbd' | 'operationCode' | 'pageCode' | 'pc' | 'reserved' | 'subpageCode'
> = defineLayout('ModeSense6Cdb', 6, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.MODE_SENSE_6 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xf7 },
  { name: 'dbd', offset: 1, width: 1, kind: 'bit', hi: 3, lo: 3 },
  { name: 'pc', offset: 2, width: 1, kind: 'bits', hi: 7, lo: 6 },
  { name: 'pageCode', offset: 2, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'subpageCode', offset: 3, width: 1, kind: 'uint' },
  { name: 'allocationLength', offset: 4, width: 1, kind: 'uint' },
  { name: 'control', offset: 5, width: 1, kind: 'uint' },
]);
const F = MODE_SENSE_6_CDB_LAYOUT.field;

/** @internal */
export const MODE_SENSE_6_CDB_SPEC: CdbSpec<ModeSense6Cdb> = cdbSpec<ModeSense6Cdb>(
  'MODE SENSE (6)',
  MODE_SENSE_6_CDB_LAYOUT,
  (r) => ({
    kind: 'MODE SENSE (6)',
    dbd: readFlag(r, F.dbd),
    pc: readNumber(r, F.pc),
    pageCode: readNumber(r, F.pageCode),
    subpageCode: readNumber(r, F.subpageCode),
    allocationLength: readNumber(r, F.allocationLength),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeModeSense6Cdb,
);

/**
 * Encode a MODE SENSE (6) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "MODE SENSE(6) command"
 * @remarks Since 0.2.0
 */
export function encodeModeSense6Cdb(cdb: CdbInput<ModeSense6Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(MODE_SENSE_6_CDB_SPEC, cdb);
}

/**
 * Decode a MODE SENSE (6) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "MODE SENSE(6) command"
 * @remarks Since 0.2.0
 */
export function decodeModeSense6Cdb(bytes: Uint8Array, options?: DecodeOptions): ModeSense6Cdb {
  return decodeCdbWith(MODE_SENSE_6_CDB_SPEC, bytes, options);
}
