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
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

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
 * Encode a REPORT LUNS CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT LUNS command"
 * @remarks Since 0.1.0
 */
export function encodeReportLunsCdb(cdb: CdbInput<ReportLunsCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReportLunsCdb', 12, OPCODE.REPORT_LUNS);
    checkCommand(w, cdb.kind, 'REPORT LUNS');
    w.u8(2, cdb.selectReport, 'selectReport');
    w.u32(6, cdb.allocationLength, 'allocationLength');
    w.u8(11, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportLunsCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a REPORT LUNS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REPORT LUNS command"
 * @remarks Since 0.1.0
 */
export function decodeReportLunsCdb(bytes: Uint8Array, options?: DecodeOptions): ReportLunsCdb {
  try {
    const r = cdbReader(bytes, 'ReportLunsCdb', options, 12, OPCODE.REPORT_LUNS);
    r.reservedBytes(1, 1);
    r.reservedBytes(3, 3);
    r.reservedBytes(10, 1);
    return {
      kind: 'REPORT LUNS',
      selectReport: r.u8(2, 'selectReport'),
      allocationLength: r.u32(6, 'allocationLength'),
      control: r.u8(11, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReportLunsCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
