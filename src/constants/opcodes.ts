/**
 * Operation codes and service actions of the commands scsi-odx encodes and decodes.
 *
 * @see SPC-5 "THIRD-PARTY COPY OUT" / "THIRD-PARTY COPY IN" service action tables; SBC-4 command tables
 * @packageDocumentation
 */

/**
 * OPERATION CODE (CDB byte 0) values this package knows.
 *
 * @see SPC-5 / SBC-4 operation code tables
 * @remarks Since 0.1.0
 */
export const OPCODE = {
  TEST_UNIT_READY: 0x00,
  /** REQUEST SENSE (SPC-5). */
  REQUEST_SENSE: 0x03,
  INQUIRY: 0x12,
  /** MODE SELECT (6) (not implemented by the copy manager; named for RSOC and traces). */
  MODE_SELECT_6: 0x15,
  MODE_SENSE_6: 0x1a,
  READ_CAPACITY_10: 0x25,
  READ_10: 0x28,
  WRITE_10: 0x2a,
  SYNCHRONIZE_CACHE_10: 0x35,
  /** MODE SELECT (10) (not implemented by the copy manager; named for RSOC and traces). */
  MODE_SELECT_10: 0x55,
  MODE_SENSE_10: 0x5a,
  /** THIRD-PARTY COPY OUT (was EXTENDED COPY before spc4r34). */
  THIRD_PARTY_COPY_OUT: 0x83,
  /** THIRD-PARTY COPY IN (was RECEIVE COPY RESULTS before spc4r34). */
  THIRD_PARTY_COPY_IN: 0x84,
  READ_16: 0x88,
  WRITE_16: 0x8a,
  SYNCHRONIZE_CACHE_16: 0x91,
  /** SERVICE ACTION IN (16): READ CAPACITY (16) is service action 10h. */
  SERVICE_ACTION_IN_16: 0x9e,
  REPORT_LUNS: 0xa0,
  /** MAINTENANCE IN: REPORT TARGET PORT GROUPS (0Ah), REPORT SUPPORTED OPERATION CODES (0Ch). */
  MAINTENANCE_IN: 0xa3,
} as const;

/** One of the {@link OPCODE} values. @remarks Since 0.1.0 */
export type Opcode = (typeof OPCODE)[keyof typeof OPCODE];

/**
 * Service actions of THIRD-PARTY COPY OUT (83h), CDB byte 1 bits 4:0.
 *
 * @see SPC-5 "THIRD-PARTY COPY OUT service actions"; SBC-4 "POPULATE TOKEN", "WRITE USING TOKEN"
 * @remarks Since 0.1.0
 */
export const TPC_OUT_SA = {
  EXTENDED_COPY_LID1: 0x00,
  EXTENDED_COPY_LID4: 0x01,
  POPULATE_TOKEN: 0x10,
  WRITE_USING_TOKEN: 0x11,
  COPY_OPERATION_ABORT: 0x1c,
} as const;

/** One of the {@link TPC_OUT_SA} values. @remarks Since 0.1.0 */
export type TpcOutServiceAction = (typeof TPC_OUT_SA)[keyof typeof TPC_OUT_SA];

/**
 * Service actions of THIRD-PARTY COPY IN (84h), CDB byte 1 bits 4:0.
 *
 * @see SPC-5 "THIRD-PARTY COPY IN service actions"
 * @remarks Since 0.1.0
 */
export const TPC_IN_SA = {
  RECEIVE_COPY_STATUS_LID1: 0x00,
  RECEIVE_COPY_DATA_LID1: 0x01,
  RECEIVE_COPY_OPERATING_PARAMETERS: 0x03,
  RECEIVE_COPY_FAILURE_DETAILS_LID1: 0x04,
  RECEIVE_COPY_STATUS_LID4: 0x05,
  RECEIVE_COPY_DATA_LID4: 0x06,
  RECEIVE_ROD_TOKEN_INFORMATION: 0x07,
  REPORT_ALL_ROD_TOKENS: 0x08,
} as const;

/** One of the {@link TPC_IN_SA} values. @remarks Since 0.1.0 */
export type TpcInServiceAction = (typeof TPC_IN_SA)[keyof typeof TPC_IN_SA];

/**
 * Service actions of SERVICE ACTION IN (16) (9Eh) that this package knows.
 *
 * @see SBC-4 "READ CAPACITY (16) command"
 * @remarks Since 0.1.0
 */
export const SERVICE_ACTION_IN_16_SA = {
  READ_CAPACITY_16: 0x10,
} as const;

/**
 * Service actions of MAINTENANCE IN (A3h) that this package knows.
 *
 * @see SPC-5 "REPORT TARGET PORT GROUPS command", "REPORT SUPPORTED OPERATION CODES command"
 * @remarks Since 0.2.0
 */
export const MAINTENANCE_IN_SA = {
  REPORT_TARGET_PORT_GROUPS: 0x0a,
  REPORT_SUPPORTED_OPERATION_CODES: 0x0c,
} as const;

/**
 * Operation codes whose CDB byte 1 bits 4:0 hold a SERVICE ACTION (so an unknown CDB with one of
 * these opcodes still reports its service action): PERSISTENT RESERVE IN/OUT (5Eh/5Fh),
 * THIRD-PARTY COPY OUT/IN (83h/84h), SERVICE ACTION IN/OUT (16) (9Eh/9Fh), MAINTENANCE IN/OUT
 * (A3h/A4h). The variable-length CDB (7Fh) keeps its 16-bit SERVICE ACTION in bytes 8-9.
 *
 * @see SPC-5 "Service action" in the CDB format clause
 * @remarks Since 0.1.0
 */
export const SERVICE_ACTION_OPCODES: ReadonlySet<number> = new Set([0x5e, 0x5f, 0x83, 0x84, 0x9e, 0x9f, 0xa3, 0xa4]);

/** The variable-length CDB operation code (service action in bytes 8-9). @remarks Since 0.1.0 */
export const VARIABLE_LENGTH_CDB_OPCODE = 0x7f;
