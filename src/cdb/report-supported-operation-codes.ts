/**
 * REPORT SUPPORTED OPERATION CODES CDB: MAINTENANCE IN (A3h), service action 0Ch. 12 bytes: byte 0
 * OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION; byte 2 bit 7 RCTD, bits 6:3
 * reserved, bits 2:0 REPORTING OPTIONS; byte 3 REQUESTED OPERATION CODE; bytes 4-5 REQUESTED
 * SERVICE ACTION; bytes 6-9 ALLOCATION LENGTH; byte 10 reserved; byte 11 CONTROL.
 *
 * @see SPC-5 "REPORT SUPPORTED OPERATION CODES command" (CDB table)
 * @packageDocumentation
 */
import { MAINTENANCE_IN_SA, OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/**
 * REPORTING OPTIONS values of REPORT SUPPORTED OPERATION CODES.
 *
 * @see SPC-5 "REPORTING OPTIONS field" table
 * @remarks Since 0.2.0
 */
export const RSOC_REPORTING_OPTIONS = {
  /** All commands (all_commands parameter data); REQUESTED fields ignored. */
  ALL: 0,
  /** One command by REQUESTED OPERATION CODE; an opcode with service actions is 24h/00h. */
  OPCODE: 1,
  /** One command by REQUESTED OPERATION CODE and SERVICE ACTION; an opcode without service actions is 24h/00h. */
  OPCODE_AND_SERVICE_ACTION: 2,
  /** One command: REQUESTED SERVICE ACTION used only when the opcode has service actions. */
  OPCODE_AND_SERVICE_ACTION_IF_ANY: 3,
} as const;

/** Decoded REPORT SUPPORTED OPERATION CODES CDB. @remarks Since 0.2.0 */
export interface ReportSupportedOperationCodesCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'REPORT SUPPORTED OPERATION CODES';
  /** RCTD (byte 2 bit 7): return command timeouts descriptors. */
  readonly rctd: boolean;
  /** REPORTING OPTIONS (byte 2 bits 2:0): see {@link RSOC_REPORTING_OPTIONS}. */
  readonly reportingOptions: number;
  /** REQUESTED OPERATION CODE (byte 3). */
  readonly requestedOperationCode: number;
  /** REQUESTED SERVICE ACTION (bytes 4-5). */
  readonly requestedServiceAction: number;
  /** ALLOCATION LENGTH (bytes 6-9). */
  readonly allocationLength: number;
  /** CONTROL (byte 11). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The REPORT SUPPORTED OPERATION CODES CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const REPORT_SUPPORTED_OPERATION_CODES_CDB_LAYOUT: Layout<
  | 'allocationLength'
  | 'control'
  | 'operationCode'
  | 'rctd'
  | 'reportingOptions'
  | 'requestedOperationCode'
  | 'requestedServiceAction'
  | 'reserved'
  | 'serviceAction'
> = defineLayout('ReportSupportedOperationCodesCdb', 12, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.MAINTENANCE_IN },
  {
    name: 'serviceAction',
    offset: 1,
    width: 1,
    kind: 'bits',
    hi: 4,
    lo: 0,
    fixed: MAINTENANCE_IN_SA.REPORT_SUPPORTED_OPERATION_CODES,
  },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x78 },
  { name: 'reserved', offset: 10, width: 1, kind: 'reserved' },
  { name: 'rctd', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'reportingOptions', offset: 2, width: 1, kind: 'bits', hi: 2, lo: 0 },
  { name: 'requestedOperationCode', offset: 3, width: 1, kind: 'uint' },
  { name: 'requestedServiceAction', offset: 4, width: 2, kind: 'uint' },
  { name: 'allocationLength', offset: 6, width: 4, kind: 'uint' },
  { name: 'control', offset: 11, width: 1, kind: 'uint' },
]);
const F = REPORT_SUPPORTED_OPERATION_CODES_CDB_LAYOUT.field;

/** @internal */
export const REPORT_SUPPORTED_OPERATION_CODES_CDB_SPEC: CdbSpec<ReportSupportedOperationCodesCdb> =
  cdbSpec<ReportSupportedOperationCodesCdb>(
    'REPORT SUPPORTED OPERATION CODES',
    REPORT_SUPPORTED_OPERATION_CODES_CDB_LAYOUT,
    (r) => ({
      kind: 'REPORT SUPPORTED OPERATION CODES',
      rctd: readFlag(r, F.rctd),
      reportingOptions: readNumber(r, F.reportingOptions),
      requestedOperationCode: readNumber(r, F.requestedOperationCode),
      requestedServiceAction: readNumber(r, F.requestedServiceAction),
      allocationLength: readNumber(r, F.allocationLength),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decodeReportSupportedOperationCodesCdb,
  );

/**
 * Encode a REPORT SUPPORTED OPERATION CODES CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT SUPPORTED OPERATION CODES command"
 * @remarks Since 0.2.0
 */
export function encodeReportSupportedOperationCodesCdb(
  cdb: CdbInput<ReportSupportedOperationCodesCdb>,
): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(REPORT_SUPPORTED_OPERATION_CODES_CDB_SPEC, cdb);
}

/**
 * Decode a REPORT SUPPORTED OPERATION CODES CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REPORT SUPPORTED OPERATION CODES command"
 * @remarks Since 0.2.0
 */
export function decodeReportSupportedOperationCodesCdb(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReportSupportedOperationCodesCdb {
  return decodeCdbWith(REPORT_SUPPORTED_OPERATION_CODES_CDB_SPEC, bytes, options);
}
