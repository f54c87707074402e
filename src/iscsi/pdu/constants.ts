/**
 * iSCSI protocol constants: opcodes, header sizes and the code tables of the PDUs (RFC 7143).
 *
 * @packageDocumentation
 */

/**
 * iSCSI opcodes (byte 0, bits 5-0 of the BHS).
 *
 * @see RFC 7143 section 11.2.1.2 (Opcode)
 * @remarks Since 0.2.0
 */
export const ISCSI_OPCODE = {
  NOP_OUT: 0x00,
  SCSI_COMMAND: 0x01,
  TASK_MANAGEMENT_FUNCTION_REQUEST: 0x02,
  LOGIN_REQUEST: 0x03,
  TEXT_REQUEST: 0x04,
  SCSI_DATA_OUT: 0x05,
  LOGOUT_REQUEST: 0x06,
  SNACK_REQUEST: 0x10,
  NOP_IN: 0x20,
  SCSI_RESPONSE: 0x21,
  TASK_MANAGEMENT_FUNCTION_RESPONSE: 0x22,
  LOGIN_RESPONSE: 0x23,
  TEXT_RESPONSE: 0x24,
  SCSI_DATA_IN: 0x25,
  LOGOUT_RESPONSE: 0x26,
  R2T: 0x31,
  ASYNCHRONOUS_MESSAGE: 0x32,
  REJECT: 0x3f,
} as const;

/** One of the {@link ISCSI_OPCODE} values. @remarks Since 0.2.0 */
export type IscsiOpcodeValue = (typeof ISCSI_OPCODE)[keyof typeof ISCSI_OPCODE];

/**
 * The names of the PDUs, as RFC 7143 section 11 titles them: the discriminant of
 * {@link IscsiPdu}. `'Unknown'` is any other opcode (the vendor-specific ones, 1Ch-1Eh and
 * 3Ch-3Eh, and the unassigned ones).
 *
 * @remarks Since 0.2.0
 */
export type IscsiPduName =
  | 'NOP-Out'
  | 'SCSI Command'
  | 'Task Management Function Request'
  | 'Login Request'
  | 'Text Request'
  | 'SCSI Data-Out'
  | 'Logout Request'
  | 'SNACK Request'
  | 'NOP-In'
  | 'SCSI Response'
  | 'Task Management Function Response'
  | 'Login Response'
  | 'Text Response'
  | 'SCSI Data-In'
  | 'Logout Response'
  | 'R2T'
  | 'Asynchronous Message'
  | 'Reject'
  | 'Unknown';

const NAMES: ReadonlyMap<number, IscsiPduName> = new Map<number, IscsiPduName>([
  [0x00, 'NOP-Out'],
  [0x01, 'SCSI Command'],
  [0x02, 'Task Management Function Request'],
  [0x03, 'Login Request'],
  [0x04, 'Text Request'],
  [0x05, 'SCSI Data-Out'],
  [0x06, 'Logout Request'],
  [0x10, 'SNACK Request'],
  [0x20, 'NOP-In'],
  [0x21, 'SCSI Response'],
  [0x22, 'Task Management Function Response'],
  [0x23, 'Login Response'],
  [0x24, 'Text Response'],
  [0x25, 'SCSI Data-In'],
  [0x26, 'Logout Response'],
  [0x31, 'R2T'],
  [0x32, 'Asynchronous Message'],
  [0x3f, 'Reject'],
]);

/**
 * The PDU name of an opcode (0-63), `'Unknown'` for the vendor-specific and unassigned ones.
 *
 * @see RFC 7143 section 11.2.1.2
 * @remarks Since 0.2.0
 */
export function iscsiPduName(opcode: number): IscsiPduName {
  return NAMES.get(opcode) ?? 'Unknown';
}

/**
 * True for the vendor-specific opcodes: 1Ch-1Eh (initiator) and 3Ch-3Eh (target); false for
 * anything else, a value that is not a number included.
 *
 * @see RFC 7143 section 11.2.1.2
 * @remarks Since 0.2.0
 */
export function isVendorSpecificIscsiOpcode(opcode: number): boolean {
  if (typeof opcode !== 'number') return false;
  return (opcode >= 0x1c && opcode <= 0x1e) || (opcode >= 0x3c && opcode <= 0x3e);
}

/** Length of the Basic Header Segment. @see RFC 7143 section 11.2.1 @remarks Since 0.2.0 */
export const ISCSI_BHS_LENGTH = 48;

/** Length of a CRC32C header or data digest. @see RFC 7143 section 11.1 @remarks Since 0.2.0 */
export const ISCSI_DIGEST_LENGTH = 4;

/** Largest DataSegmentLength (24 bits). @see RFC 7143 section 11.2.1.4 @remarks Since 0.2.0 */
export const ISCSI_MAX_DATA_SEGMENT_LENGTH = 0xff_ffff;

/** Largest total AHS length in bytes (TotalAHSLength is in 4-byte words, one byte). @remarks Since 0.2.0 */
export const ISCSI_MAX_AHS_LENGTH: number = 255 * 4;

/** The reserved tag value 0xFFFFFFFF (ITT of unsolicited PDUs, TTT "none"). @see RFC 7143 section 11.2.1 @remarks Since 0.2.0 */
export const ISCSI_RESERVED_TAG = 0xffff_ffff;

/**
 * AHSType codes.
 *
 * @see RFC 7143 section 11.2.1.2 (AHS)
 * @remarks Since 0.2.0
 */
export const ISCSI_AHS_TYPE = {
  EXTENDED_CDB: 1,
  BIDIRECTIONAL_READ_DATA_LENGTH: 2,
} as const;

/**
 * SCSI Command ATTR (task attribute) codes.
 *
 * @see RFC 7143 section 11.3.1.3
 * @remarks Since 0.2.0
 */
export const ISCSI_TASK_ATTRIBUTE = {
  UNTAGGED: 0,
  SIMPLE: 1,
  ORDERED: 2,
  HEAD_OF_QUEUE: 3,
  ACA: 4,
} as const;

/**
 * SCSI Response "Response" codes.
 *
 * @see RFC 7143 section 11.4.3
 * @remarks Since 0.2.0
 */
export const ISCSI_SCSI_RESPONSE = {
  COMMAND_COMPLETED_AT_TARGET: 0x00,
  TARGET_FAILURE: 0x01,
} as const;

/**
 * Task Management Function codes.
 *
 * @see RFC 7143 section 11.5.1
 * @remarks Since 0.2.0
 */
export const ISCSI_TMF_FUNCTION = {
  ABORT_TASK: 1,
  ABORT_TASK_SET: 2,
  CLEAR_ACA: 3,
  CLEAR_TASK_SET: 4,
  LOGICAL_UNIT_RESET: 5,
  TARGET_WARM_RESET: 6,
  TARGET_COLD_RESET: 7,
  TASK_REASSIGN: 8,
} as const;

/**
 * Task Management Function Response codes.
 *
 * @see RFC 7143 section 11.6.1
 * @remarks Since 0.2.0
 */
export const ISCSI_TMF_RESPONSE = {
  FUNCTION_COMPLETE: 0,
  TASK_DOES_NOT_EXIST: 1,
  LUN_DOES_NOT_EXIST: 2,
  TASK_STILL_ALLEGIANT: 3,
  TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED: 4,
  FUNCTION_NOT_SUPPORTED: 5,
  FUNCTION_AUTHORIZATION_FAILED: 6,
  FUNCTION_REJECTED: 255,
} as const;

/**
 * AsyncEvent codes of the Asynchronous Message.
 *
 * @see RFC 7143 section 11.9.1
 * @remarks Since 0.2.0
 */
export const ISCSI_ASYNC_EVENT = {
  SCSI_ASYNCHRONOUS_EVENT: 0,
  LOGOUT_REQUEST: 1,
  CONNECTION_DROP: 2,
  SESSION_DROP: 3,
  NEGOTIATION_REQUEST: 4,
  TASK_TERMINATION: 5,
  VENDOR_SPECIFIC: 255,
} as const;

/**
 * Login stages (CSG / NSG).
 *
 * @see RFC 7143 section 11.12.3
 * @remarks Since 0.2.0
 */
export const ISCSI_LOGIN_STAGE = {
  SECURITY_NEGOTIATION: 0,
  LOGIN_OPERATIONAL_NEGOTIATION: 1,
  FULL_FEATURE_PHASE: 3,
} as const;

/**
 * Login Response Status-Class and Status-Detail, as one 16-bit number (class << 8 | detail).
 *
 * @see RFC 7143 section 11.13.5
 * @remarks Since 0.2.0
 */
export const ISCSI_LOGIN_STATUS = {
  SUCCESS: 0x0000,
  TARGET_MOVED_TEMPORARILY: 0x0101,
  TARGET_MOVED_PERMANENTLY: 0x0102,
  INITIATOR_ERROR: 0x0200,
  AUTHENTICATION_FAILURE: 0x0201,
  AUTHORIZATION_FAILURE: 0x0202,
  NOT_FOUND: 0x0203,
  TARGET_REMOVED: 0x0204,
  UNSUPPORTED_VERSION: 0x0205,
  TOO_MANY_CONNECTIONS: 0x0206,
  MISSING_PARAMETER: 0x0207,
  CANT_INCLUDE_IN_SESSION: 0x0208,
  SESSION_TYPE_NOT_SUPPORTED: 0x0209,
  SESSION_DOES_NOT_EXIST: 0x020a,
  INVALID_DURING_LOGIN: 0x020b,
  TARGET_ERROR: 0x0300,
  SERVICE_UNAVAILABLE: 0x0301,
  OUT_OF_RESOURCES: 0x0302,
} as const;

/**
 * Logout Request reason codes.
 *
 * @see RFC 7143 section 11.14.1
 * @remarks Since 0.2.0
 */
export const ISCSI_LOGOUT_REASON = {
  CLOSE_SESSION: 0,
  CLOSE_CONNECTION: 1,
  REMOVE_CONNECTION_FOR_RECOVERY: 2,
} as const;

/**
 * Logout Response "Response" codes.
 *
 * @see RFC 7143 section 11.15.1
 * @remarks Since 0.2.0
 */
export const ISCSI_LOGOUT_RESPONSE = {
  CLOSED_SUCCESSFULLY: 0,
  CID_NOT_FOUND: 1,
  CONNECTION_RECOVERY_NOT_SUPPORTED: 2,
  CLEANUP_FAILED: 3,
} as const;

/**
 * SNACK Request Type codes.
 *
 * @see RFC 7143 section 11.16.1
 * @remarks Since 0.2.0
 */
export const ISCSI_SNACK_TYPE = {
  DATA_R2T: 0,
  STATUS: 1,
  DATA_ACK: 2,
  R_DATA: 3,
} as const;

/**
 * Reject reason codes.
 *
 * @see RFC 7143 section 11.17.1
 * @remarks Since 0.2.0
 */
export const ISCSI_REJECT_REASON = {
  DATA_DIGEST_ERROR: 0x02,
  SNACK_REJECT: 0x03,
  PROTOCOL_ERROR: 0x04,
  COMMAND_NOT_SUPPORTED: 0x05,
  IMMEDIATE_COMMAND_REJECT: 0x06,
  TASK_IN_PROGRESS: 0x07,
  INVALID_DATA_ACK: 0x08,
  INVALID_PDU_FIELD: 0x09,
  LONG_OPERATION_REJECT: 0x0a,
  DEPRECATED: 0x0b,
  WAITING_FOR_LOGOUT: 0x0c,
} as const;
