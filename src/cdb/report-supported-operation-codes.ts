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
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

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
 * Encode a REPORT SUPPORTED OPERATION CODES CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT SUPPORTED OPERATION CODES command"
 * @remarks Since 0.2.0
 */
export function encodeReportSupportedOperationCodesCdb(
  cdb: CdbInput<ReportSupportedOperationCodesCdb>,
): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter(
      'ReportSupportedOperationCodesCdb',
      12,
      OPCODE.MAINTENANCE_IN,
      MAINTENANCE_IN_SA.REPORT_SUPPORTED_OPERATION_CODES,
    );
    checkCommand(w, cdb.kind, 'REPORT SUPPORTED OPERATION CODES');
    w.bit(2, 7, cdb.rctd, 'rctd');
    w.bits(2, 2, 0, cdb.reportingOptions, 'reportingOptions');
    w.u8(3, cdb.requestedOperationCode, 'requestedOperationCode');
    w.u16(4, cdb.requestedServiceAction, 'requestedServiceAction');
    w.u32(6, cdb.allocationLength, 'allocationLength');
    w.u8(11, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportSupportedOperationCodesCdb', [cdb], 'ERR_FIELD_RANGE');
  }
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
  try {
    const r = cdbReader(
      bytes,
      'ReportSupportedOperationCodesCdb',
      options,
      12,
      OPCODE.MAINTENANCE_IN,
      MAINTENANCE_IN_SA.REPORT_SUPPORTED_OPERATION_CODES,
    );
    r.reserved(2, 0x78);
    r.reservedBytes(10, 1);
    return {
      kind: 'REPORT SUPPORTED OPERATION CODES',
      rctd: r.bit(2, 7, 'rctd'),
      reportingOptions: r.bits(2, 2, 0, 'reportingOptions'),
      requestedOperationCode: r.u8(3, 'requestedOperationCode'),
      requestedServiceAction: r.u16(4, 'requestedServiceAction'),
      allocationLength: r.u32(6, 'allocationLength'),
      control: r.u8(11, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReportSupportedOperationCodesCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
