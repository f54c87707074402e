/**
 * MODE SENSE (10) CDB (10 bytes): byte 0 OPERATION CODE 5Ah; byte 1 bits 7:5 reserved, bit 4
 * LLBAA, bit 3 DBD, bits 2:0 reserved; byte 2 bits 7:6 PC, bits 5:0 PAGE CODE; byte 3 SUBPAGE
 * CODE; bytes 4-6 reserved; bytes 7-8 ALLOCATION LENGTH; byte 9 CONTROL.
 *
 * @see SPC-5 "MODE SENSE(10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded MODE SENSE (10) CDB. @remarks Since 0.2.0 */
export interface ModeSense10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'MODE SENSE (10)';
  /** LLBAA (byte 1 bit 4): long LBA block descriptors accepted. */
  readonly llbaa: boolean;
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7:6): see {@link MODE_PAGE_CONTROL}. */
  readonly pc: number;
  /** PAGE CODE (byte 2 bits 5:0); 3Fh = all pages. */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3); FFh = all subpages. */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (bytes 7-8). */
  readonly allocationLength: number;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The MODE SENSE (10) CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const MODE_SENSE_10_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'dbd' | 'llbaa' | 'operationCode' | 'pageCode' | 'pc' | 'reserved' | 'subpageCode'
> = defineLayout('ModeSense10Cdb', 10, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.MODE_SENSE_10 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe7 },
  { name: 'reserved', offset: 4, width: 3, kind: 'reserved' },
  { name: 'llbaa', offset: 1, width: 1, kind: 'bit', hi: 4, lo: 4 },
  { name: 'dbd', offset: 1, width: 1, kind: 'bit', hi: 3, lo: 3 },
  { name: 'pc', offset: 2, width: 1, kind: 'bits', hi: 7, lo: 6 },
  { name: 'pageCode', offset: 2, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'subpageCode', offset: 3, width: 1, kind: 'uint' },
  { name: 'allocationLength', offset: 7, width: 2, kind: 'uint' },
  { name: 'control', offset: 9, width: 1, kind: 'uint' },
]);
const F = MODE_SENSE_10_CDB_LAYOUT.field;

/** @internal */
export const MODE_SENSE_10_CDB_SPEC: CdbSpec<ModeSense10Cdb> = cdbSpec<ModeSense10Cdb>(
  'MODE SENSE (10)',
  MODE_SENSE_10_CDB_LAYOUT,
  (r) => ({
    kind: 'MODE SENSE (10)',
    llbaa: readFlag(r, F.llbaa),
    dbd: readFlag(r, F.dbd),
    pc: readNumber(r, F.pc),
    pageCode: readNumber(r, F.pageCode),
    subpageCode: readNumber(r, F.subpageCode),
    allocationLength: readNumber(r, F.allocationLength),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeModeSense10Cdb,
);

/**
 * Encode a MODE SENSE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "MODE SENSE(10) command"
 * @remarks Since 0.2.0
 */
export function encodeModeSense10Cdb(cdb: CdbInput<ModeSense10Cdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(MODE_SENSE_10_CDB_SPEC, cdb);
}

/**
 * Decode a MODE SENSE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "MODE SENSE(10) command"
 * @remarks Since 0.2.0
 */
export function decodeModeSense10Cdb(bytes: Uint8Array, options?: DecodeOptions): ModeSense10Cdb {
  return decodeCdbWith(MODE_SENSE_10_CDB_SPEC, bytes, options);
}
