/**
 * REPORT TARGET PORT GROUPS CDB: MAINTENANCE IN (A3h), service action 0Ah. 12 bytes: byte 0
 * OPERATION CODE; byte 1 bits 7:5 PARAMETER DATA FORMAT, 4:0 SERVICE ACTION; bytes 2-5 reserved;
 * bytes 6-9 ALLOCATION LENGTH; byte 10 reserved; byte 11 CONTROL.
 *
 * @see SPC-5 "REPORT TARGET PORT GROUPS command" (CDB table)
 * @packageDocumentation
 */
import { MAINTENANCE_IN_SA, OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/**
 * PARAMETER DATA FORMAT values of REPORT TARGET PORT GROUPS.
 *
 * @see SPC-5 "PARAMETER DATA FORMAT field" table (REPORT TARGET PORT GROUPS)
 * @remarks Since 0.2.0
 */
export const RTPG_PARAMETER_DATA_FORMAT = {
  /** RETURN DATA LENGTH then the target port group descriptors. */
  LENGTH_ONLY: 0,
  /** RETURN DATA LENGTH, FORMAT TYPE 001b, IMPLICIT TRANSITION TIME, then the descriptors. */
  EXTENDED: 1,
} as const;

/** Decoded REPORT TARGET PORT GROUPS CDB. @remarks Since 0.2.0 */
export interface ReportTargetPortGroupsCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'REPORT TARGET PORT GROUPS';
  /** PARAMETER DATA FORMAT (byte 1 bits 7:5): see {@link RTPG_PARAMETER_DATA_FORMAT}. */
  readonly parameterDataFormat: number;
  /** ALLOCATION LENGTH (bytes 6-9). */
  readonly allocationLength: number;
  /** CONTROL (byte 11). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a REPORT TARGET PORT GROUPS CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT TARGET PORT GROUPS command"
 * @remarks Since 0.2.0
 */
export function encodeReportTargetPortGroupsCdb(cdb: CdbInput<ReportTargetPortGroupsCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter(
      'ReportTargetPortGroupsCdb',
      12,
      OPCODE.MAINTENANCE_IN,
      MAINTENANCE_IN_SA.REPORT_TARGET_PORT_GROUPS,
    );
    checkCommand(w, cdb.kind, 'REPORT TARGET PORT GROUPS');
    w.bits(1, 7, 5, cdb.parameterDataFormat, 'parameterDataFormat');
    w.u32(6, cdb.allocationLength, 'allocationLength');
    w.u8(11, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportTargetPortGroupsCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a REPORT TARGET PORT GROUPS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REPORT TARGET PORT GROUPS command"
 * @remarks Since 0.2.0
 */
export function decodeReportTargetPortGroupsCdb(bytes: Uint8Array, options?: DecodeOptions): ReportTargetPortGroupsCdb {
  try {
    // Byte 1 bits 7:5 are PARAMETER DATA FORMAT here, not reserved: check the service action alone.
    const r = cdbReader(bytes, 'ReportTargetPortGroupsCdb', options, 12, OPCODE.MAINTENANCE_IN);
    r.expectBits(1, 4, 0, MAINTENANCE_IN_SA.REPORT_TARGET_PORT_GROUPS, 'serviceAction');
    r.reservedBytes(2, 4);
    r.reservedBytes(10, 1);
    return {
      kind: 'REPORT TARGET PORT GROUPS',
      parameterDataFormat: r.bits(1, 7, 5, 'parameterDataFormat'),
      allocationLength: r.u32(6, 'allocationLength'),
      control: r.u8(11, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReportTargetPortGroupsCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
