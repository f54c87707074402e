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
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

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
 * The REPORT TARGET PORT GROUPS CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const REPORT_TARGET_PORT_GROUPS_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'operationCode' | 'parameterDataFormat' | 'reserved' | 'serviceAction'
> = defineLayout('ReportTargetPortGroupsCdb', 12, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.MAINTENANCE_IN },
  {
    name: 'serviceAction',
    offset: 1,
    width: 1,
    kind: 'bits',
    hi: 4,
    lo: 0,
    fixed: MAINTENANCE_IN_SA.REPORT_TARGET_PORT_GROUPS,
  },
  // byte 1 bits 7:5 are PARAMETER DATA FORMAT here, not reserved
  { name: 'reserved', offset: 2, width: 4, kind: 'reserved' },
  { name: 'reserved', offset: 10, width: 1, kind: 'reserved' },
  { name: 'parameterDataFormat', offset: 1, width: 1, kind: 'bits', hi: 7, lo: 5 },
  { name: 'allocationLength', offset: 6, width: 4, kind: 'uint' },
  { name: 'control', offset: 11, width: 1, kind: 'uint' },
]);
const F = REPORT_TARGET_PORT_GROUPS_CDB_LAYOUT.field;

/** @internal */
export const REPORT_TARGET_PORT_GROUPS_CDB_SPEC: CdbSpec<ReportTargetPortGroupsCdb> =
  cdbSpec<ReportTargetPortGroupsCdb>(
    'REPORT TARGET PORT GROUPS',
    REPORT_TARGET_PORT_GROUPS_CDB_LAYOUT,
    (r) => ({
      kind: 'REPORT TARGET PORT GROUPS',
      parameterDataFormat: readNumber(r, F.parameterDataFormat),
      allocationLength: readNumber(r, F.allocationLength),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decodeReportTargetPortGroupsCdb,
  );

/**
 * Encode a REPORT TARGET PORT GROUPS CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT TARGET PORT GROUPS command"
 * @remarks Since 0.2.0
 */
export function encodeReportTargetPortGroupsCdb(cdb: CdbInput<ReportTargetPortGroupsCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(REPORT_TARGET_PORT_GROUPS_CDB_SPEC, cdb);
}

/**
 * Decode a REPORT TARGET PORT GROUPS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REPORT TARGET PORT GROUPS command"
 * @remarks Since 0.2.0
 */
export function decodeReportTargetPortGroupsCdb(bytes: Uint8Array, options?: DecodeOptions): ReportTargetPortGroupsCdb {
  return decodeCdbWith(REPORT_TARGET_PORT_GROUPS_CDB_SPEC, bytes, options);
}
