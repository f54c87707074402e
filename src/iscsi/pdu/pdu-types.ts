/**
 * The iSCSI PDU types (RFC 7143 section 11): options, the fields common to every PDU, one
 * interface per PDU and the `IscsiPdu` union keyed by `kind`. The codec is in pdu.ts.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../../errors.js';
import type { DecodeOptions } from '../../internal/byte-reader.js';
import type { IscsiAhs } from './ahs.js';

/**
 * Which digests a connection uses (RFC 7143 section 13.1: HeaderDigest / DataDigest = CRC32C).
 * Both default to `false` (None), as during login.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiDigestOptions {
  /** A 4-byte CRC32C follows the BHS and AHS. */
  readonly headerDigest?: boolean | undefined;
  /** A 4-byte CRC32C follows the padded data segment (only when there is a data segment). */
  readonly dataDigest?: boolean | undefined;
}

/**
 * Options of {@link decodeIscsiPdu}.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiPduDecodeOptions extends DecodeOptions, IscsiDigestOptions {
  /**
   * Largest DataSegmentLength accepted (the negotiated MaxRecvDataSegmentLength): a larger one is
   * `ERR_INVALID_VALUE` (field `dataSegmentLength`) before anything is copied. Default 2^24-1.
   */
  readonly maxDataSegmentLength?: number | undefined;
  /**
   * Check the digests (default `true`): a mismatch is `ERR_INVALID_VALUE` with field
   * `headerDigest` or `dataDigest`, in both modes. `false` skips over them (e.g. for a capture).
   */
  readonly verifyDigests?: boolean | undefined;
  /** Return `data` as a view of the input instead of a copy (default `false`: a copy). */
  readonly dataView?: boolean | undefined;
}

/** Fields every PDU carries. @remarks Since 0.2.0 */
export interface IscsiPduCommon {
  /** Additional Header Segments (RFC 7143 section 11.2.2); usually empty. */
  readonly ahs: readonly IscsiAhs[];
  /** The data segment, without its padding (DataSegmentLength bytes). */
  readonly data: Uint8Array;
  /** Findings of a lenient decode (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** NOP-Out. @see RFC 7143 section 11.18 @remarks Since 0.2.0 */
export interface IscsiNopOut extends IscsiPduCommon {
  readonly kind: 'NOP-Out';
  readonly immediate: boolean;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
}

/**
 * SCSI Command. `cdb` is the 16 bytes of the BHS; a longer CDB continues in an extended CDB AHS
 * (see {@link iscsiCommandCdb} and {@link iscsiCommandCdbFields}).
 *
 * @see RFC 7143 section 11.3
 * @remarks Since 0.2.0
 */
export interface IscsiScsiCommand extends IscsiPduCommon {
  readonly kind: 'SCSI Command';
  readonly immediate: boolean;
  readonly final: boolean;
  /** R: data will be read from the target. */
  readonly read: boolean;
  /** W: data will be written to the target. */
  readonly write: boolean;
  /** ATTR: task attribute, see ISCSI_TASK_ATTRIBUTE (3 bits). */
  readonly attr: number;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly expectedDataTransferLength: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
  /** SCSI Command Descriptor Block: exactly 16 bytes (zero padded after a shorter CDB). */
  readonly cdb: Uint8Array;
}

/** Task Management Function Request. @see RFC 7143 section 11.5 @remarks Since 0.2.0 */
export interface IscsiTaskManagementFunctionRequest extends IscsiPduCommon {
  readonly kind: 'Task Management Function Request';
  readonly immediate: boolean;
  /** Function (7 bits), see ISCSI_TMF_FUNCTION. */
  readonly function: number;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly referencedTaskTag: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
  readonly refCmdSn: number;
  readonly expDataSn: number;
}

/** Login Request (the I bit is always 1). @see RFC 7143 section 11.12 @remarks Since 0.2.0 */
export interface IscsiLoginRequest extends IscsiPduCommon {
  readonly kind: 'Login Request';
  /** T: transit to the next stage. */
  readonly transit: boolean;
  /** C: the text continues in the next PDU. */
  readonly continue: boolean;
  /** CSG: current stage (2 bits), see ISCSI_LOGIN_STAGE. */
  readonly csg: number;
  /** NSG: next stage (2 bits). */
  readonly nsg: number;
  readonly versionMax: number;
  readonly versionMin: number;
  /** ISID (48 bits: T, A, B, C, D). */
  readonly isid: number;
  readonly tsih: number;
  readonly initiatorTaskTag: number;
  /** CID. */
  readonly cid: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
}

/** Text Request. @see RFC 7143 section 11.10 @remarks Since 0.2.0 */
export interface IscsiTextRequest extends IscsiPduCommon {
  readonly kind: 'Text Request';
  readonly immediate: boolean;
  readonly final: boolean;
  readonly continue: boolean;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
}

/** SCSI Data-Out. @see RFC 7143 section 11.7 @remarks Since 0.2.0 */
export interface IscsiScsiDataOut extends IscsiPduCommon {
  readonly kind: 'SCSI Data-Out';
  readonly final: boolean;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly expStatSn: number;
  readonly dataSn: number;
  readonly bufferOffset: number;
}

/** Logout Request. @see RFC 7143 section 11.14 @remarks Since 0.2.0 */
export interface IscsiLogoutRequest extends IscsiPduCommon {
  readonly kind: 'Logout Request';
  readonly immediate: boolean;
  /** Reason Code (7 bits), see ISCSI_LOGOUT_REASON. */
  readonly reasonCode: number;
  readonly initiatorTaskTag: number;
  /** CID (for reason codes 1 and 2). */
  readonly cid: number;
  readonly cmdSn: number;
  readonly expStatSn: number;
}

/** SNACK Request. @see RFC 7143 section 11.16 @remarks Since 0.2.0 */
export interface IscsiSnackRequest extends IscsiPduCommon {
  readonly kind: 'SNACK Request';
  /** Type (4 bits), see ISCSI_SNACK_TYPE. */
  readonly type: number;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  /** Target Transfer Tag or SNACK Tag. */
  readonly targetTransferTag: number;
  readonly expStatSn: number;
  readonly begRun: number;
  readonly runLength: number;
}

/** NOP-In. @see RFC 7143 section 11.19 @remarks Since 0.2.0 */
export interface IscsiNopIn extends IscsiPduCommon {
  readonly kind: 'NOP-In';
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
}

/**
 * SCSI Response. The data segment holds SenseLength + sense data + response data
 * (see {@link encodeIscsiSenseSegment} / {@link decodeIscsiSenseSegment}).
 *
 * @see RFC 7143 section 11.4
 * @remarks Since 0.2.0
 */
export interface IscsiScsiResponse extends IscsiPduCommon {
  readonly kind: 'SCSI Response';
  /** o: Bidirectional Read Residual Overflow. */
  readonly bidiReadResidualOverflow: boolean;
  /** u: Bidirectional Read Residual Underflow. */
  readonly bidiReadResidualUnderflow: boolean;
  /** O: Residual Overflow. */
  readonly residualOverflow: boolean;
  /** U: Residual Underflow. */
  readonly residualUnderflow: boolean;
  /** Response, see ISCSI_SCSI_RESPONSE. */
  readonly response: number;
  /** SAM status (valid when response is 0). */
  readonly status: number;
  readonly initiatorTaskTag: number;
  readonly snackTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  readonly expDataSn: number;
  readonly bidirectionalReadResidualCount: number;
  readonly residualCount: number;
}

/** Task Management Function Response. @see RFC 7143 section 11.6 @remarks Since 0.2.0 */
export interface IscsiTaskManagementFunctionResponse extends IscsiPduCommon {
  readonly kind: 'Task Management Function Response';
  /** Response, see ISCSI_TMF_RESPONSE. */
  readonly response: number;
  readonly initiatorTaskTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
}

/** Login Response. @see RFC 7143 section 11.13 @remarks Since 0.2.0 */
export interface IscsiLoginResponse extends IscsiPduCommon {
  readonly kind: 'Login Response';
  readonly transit: boolean;
  readonly continue: boolean;
  readonly csg: number;
  readonly nsg: number;
  readonly versionMax: number;
  readonly versionActive: number;
  readonly isid: number;
  readonly tsih: number;
  readonly initiatorTaskTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  /** Status-Class, see ISCSI_LOGIN_STATUS. */
  readonly statusClass: number;
  readonly statusDetail: number;
}

/** Text Response. @see RFC 7143 section 11.11 @remarks Since 0.2.0 */
export interface IscsiTextResponse extends IscsiPduCommon {
  readonly kind: 'Text Response';
  readonly final: boolean;
  readonly continue: boolean;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
}

/** SCSI Data-In. @see RFC 7143 section 11.7 @remarks Since 0.2.0 */
export interface IscsiScsiDataIn extends IscsiPduCommon {
  readonly kind: 'SCSI Data-In';
  readonly final: boolean;
  /** A: Acknowledge (DataACK SNACK requested). */
  readonly acknowledge: boolean;
  /** O: Residual Overflow (valid with S). */
  readonly residualOverflow: boolean;
  /** U: Residual Underflow (valid with S). */
  readonly residualUnderflow: boolean;
  /** S: the PDU carries the command's status. */
  readonly statusPresent: boolean;
  /** SAM status (valid with S). */
  readonly status: number;
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  readonly dataSn: number;
  readonly bufferOffset: number;
  readonly residualCount: number;
}

/** Logout Response. @see RFC 7143 section 11.15 @remarks Since 0.2.0 */
export interface IscsiLogoutResponse extends IscsiPduCommon {
  readonly kind: 'Logout Response';
  /** Response, see ISCSI_LOGOUT_RESPONSE. */
  readonly response: number;
  readonly initiatorTaskTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  readonly time2Wait: number;
  readonly time2Retain: number;
}

/** Ready To Transfer. @see RFC 7143 section 11.8 @remarks Since 0.2.0 */
export interface IscsiR2t extends IscsiPduCommon {
  readonly kind: 'R2T';
  readonly lun: bigint;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  readonly r2tSn: number;
  readonly bufferOffset: number;
  readonly desiredDataTransferLength: number;
}

/**
 * Asynchronous Message (Initiator Task Tag is always FFFFFFFFh). The data segment holds
 * SenseLength + sense data + iSCSI event data, like the SCSI Response's.
 *
 * @see RFC 7143 section 11.9
 * @remarks Since 0.2.0
 */
export interface IscsiAsynchronousMessage extends IscsiPduCommon {
  readonly kind: 'Asynchronous Message';
  readonly lun: bigint;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  /** AsyncEvent, see ISCSI_ASYNC_EVENT. */
  readonly asyncEvent: number;
  readonly asyncVCode: number;
  readonly parameter1: number;
  readonly parameter2: number;
  readonly parameter3: number;
}

/**
 * Reject (Initiator Task Tag is always FFFFFFFFh). The data segment is the complete header
 * (BHS and AHS) of the rejected PDU.
 *
 * @see RFC 7143 section 11.17
 * @remarks Since 0.2.0
 */
export interface IscsiReject extends IscsiPduCommon {
  readonly kind: 'Reject';
  /** Reason, see ISCSI_REJECT_REASON. */
  readonly reason: number;
  readonly statSn: number;
  readonly expCmdSn: number;
  readonly maxCmdSn: number;
  /** DataSN/R2TSN (for a rejected SNACK). */
  readonly dataSn: number;
}

/**
 * A PDU with an opcode this codec does not know (vendor-specific 1Ch-1Eh, 3Ch-3Eh, or
 * unassigned), kept raw. Strict decoding accepts only the vendor-specific ones.
 *
 * @see RFC 7143 section 11.2.1.2
 * @remarks Since 0.2.0
 */
export interface IscsiUnknownPdu extends IscsiPduCommon {
  readonly kind: 'Unknown';
  /** Opcode (6 bits), one without a variant of its own. */
  readonly opcodeValue: number;
  /** Byte 0 bit 6 (I). */
  readonly immediate: boolean;
  /** BHS bytes 1-3 (opcode-specific, F bit included). */
  readonly headerBytes1To3: Uint8Array;
  /** BHS bytes 8-47 (LUN or opcode-specific, Initiator Task Tag, opcode-specific). */
  readonly headerBytes8To47: Uint8Array;
}

/**
 * Every iSCSI PDU, discriminated by `kind` (a name; {@link ISCSI_OPCODE} has the numbers).
 *
 * @see RFC 7143 section 11
 * @remarks Since 0.2.0
 */
export type IscsiPdu =
  | IscsiNopOut
  | IscsiScsiCommand
  | IscsiTaskManagementFunctionRequest
  | IscsiLoginRequest
  | IscsiTextRequest
  | IscsiScsiDataOut
  | IscsiLogoutRequest
  | IscsiSnackRequest
  | IscsiNopIn
  | IscsiScsiResponse
  | IscsiTaskManagementFunctionResponse
  | IscsiLoginResponse
  | IscsiTextResponse
  | IscsiScsiDataIn
  | IscsiLogoutResponse
  | IscsiR2t
  | IscsiAsynchronousMessage
  | IscsiReject
  | IscsiUnknownPdu;

/** A PDU without the fields a decoder fills in, for building one to encode. @remarks Since 0.2.0 */
export type IscsiPduInput<P extends IscsiPdu = IscsiPdu> = P extends IscsiPdu
  ? Omit<P, 'ahs' | 'data' | 'issues'> & { readonly ahs?: readonly IscsiAhs[]; readonly data?: Uint8Array }
  : never;

// ---------------------------------------------------------------------------------------------
// Layout tables
