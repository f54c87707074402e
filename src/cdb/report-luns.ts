/**
 * REPORT LUNS CDB (12 bytes): byte 0 OPERATION CODE A0h; byte 1 reserved; byte 2 SELECT REPORT;
 * bytes 3-5 reserved; 6-9 ALLOCATION LENGTH; byte 10 reserved; byte 11 CONTROL.
 *
 * @see SPC-5 "REPORT LUNS command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded REPORT LUNS CDB. @remarks Since 0.1.0 */
export interface ReportLunsCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'REPORT LUNS';
  /** SELECT REPORT (byte 2): 00h, 01h, 02h, 10h-12h defined; others reserved (kept as is). */
  readonly selectReport: number;
  /** ALLOCATION LENGTH (bytes 6-9). */
  readonly allocationLength: number;
  /** CONTROL (byte 11). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The REPORT LUNS CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const REPORT_LUNS_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'operationCode' | 'reserved' | 'selectReport'
> = defineLayout('ReportLunsCdb', 12, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.REPORT_LUNS },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 3, width: 3, kind: 'reserved' },
  { name: 'reserved', offset: 10, width: 1, kind: 'reserved' },
  { name: 'selectReport', offset: 2, width: 1, kind: 'uint' },
  { name: 'allocationLength', offset: 6, width: 4, kind: 'uint' },
  { name: 'control', offset: 11, width: 1, kind: 'uint' },
]);
const F = REPORT_LUNS_CDB_LAYOUT.field;

/** @internal */
export const REPORT_LUNS_CDB_SPEC: CdbSpec<ReportLunsCdb> = cdbSpec<ReportLunsCdb>(
  'REPORT LUNS',
  REPORT_LUNS_CDB_LAYOUT,
  (r) => ({
    kind: 'REPORT LUNS',
    selectReport: readNumber(r, F.selectReport),
    allocationLength: readNumber(r, F.allocationLength),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeReportLunsCdb,
);

/**
 * Encode a REPORT LUNS CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT LUNS command"
 * @remarks Since 0.1.0
 */
export function encodeReportLunsCdb(cdb: CdbInput<ReportLunsCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(REPORT_LUNS_CDB_SPEC, cdb);
}

/**
 * Decode a REPORT LUNS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REPORT LUNS command"
 * @remarks Since 0.1.0
 */
export function decodeReportLunsCdb(bytes: Uint8Array, options?: DecodeOptions): ReportLunsCdb {
  return decodeCdbWith(REPORT_LUNS_CDB_SPEC, bytes, options);
}
