/**
 * iSCSI PDUs (RFC 7143 section 11): the 48-byte Basic Header Segment, the AHS, the header digest,
 * the data segment with its padding and the data digest, for every PDU an iSCSI target sends or
 * receives. Encoders and decoders are driven by one layout table per PDU (below), so every PDU
 * gets the same bounds checks, reserved-bit checks (strict mode) and digest handling.
 *
 * Conventions: 32-bit fields (tags, sequence numbers, lengths) are numbers; the 8-byte LUN field
 * is a bigint (byte 8 most significant), like the LUNs of REPORT LUNS: `lunFromNumber` and
 * `lunToNumber` convert the SAM single-level forms. ISID (48 bits) is a number.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, show, unknownVariant } from '../../internal/byte-writer.js';
import { asUint8Array, inputFault, isUint8Array, notBytes } from '../../internal/contract.js';
import { ahsTotalLength, type IscsiAhs, readAhs, writeAhs } from './ahs.js';
import {
  ISCSI_BHS_LENGTH,
  ISCSI_DIGEST_LENGTH,
  ISCSI_MAX_DATA_SEGMENT_LENGTH,
  type IscsiPduName,
  iscsiPduName,
  isVendorSpecificIscsiOpcode,
} from './constants.js';
import { crc32c, readIscsiDigest, writeIscsiDigest } from './crc32c.js';

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

type Kind = 'bit' | 'bits' | 'u8' | 'u16' | 'u32' | 'u48' | 'u64' | 'bytes';
/** [field, kind, offset, a, b]: bit -> a = bit; bits -> a = hi, b = lo; bytes -> a = length. */
type Field = readonly [name: string, kind: Kind, off: number, a?: number, b?: number];
/** A fixed bit pattern: byte `off` & `mask` must equal `value`. */
type Fixed = readonly [name: string, off: number, mask: number, value: number];

interface Layout {
  readonly name: IscsiPduName;
  readonly opcode: number;
  readonly structure: string;
  readonly fields: readonly Field[];
  readonly fixed: readonly Fixed[];
  /** Per BHS byte, the bits that are neither a field, fixed, nor common: reserved. */
  readonly reserved: Uint8Array;
}

const FINAL_1: Fixed = ['final', 1, 0x80, 0x80];
const ITT_ALL_ONES: readonly Fixed[] = [16, 17, 18, 19].map((o) => ['initiatorTaskTag', o, 0xff, 0xff] as const);

function layout(
  name: IscsiPduName,
  opcode: number,
  structure: string,
  fields: readonly Field[],
  fixed: readonly Fixed[] = [],
): Layout {
  const used = new Uint8Array(ISCSI_BHS_LENGTH);
  used[0] = 0x3f;
  used[4] = used[5] = used[6] = used[7] = 0xff;
  for (const [, kind, off, a, b] of fields) {
    switch (kind) {
      case 'bit':
        used[off] = (used[off] as number) | (1 << (a as number));
        break;
      case 'bits':
        for (let i = b as number; i <= (a as number); i++) used[off] = (used[off] as number) | (1 << i);
        break;
      default: {
        const n = kind === 'bytes' ? (a as number) : { u8: 1, u16: 2, u32: 4, u48: 6, u64: 8 }[kind];
        for (let i = 0; i < n; i++) used[off + i] = 0xff;
      }
    }
  }
  for (const [, off, mask] of fixed) used[off] = (used[off] as number) | mask;
  return { name, opcode, structure, fields, fixed, reserved: used.map((u) => ~u & 0xff) };
}

const I: Field = ['immediate', 'bit', 0, 6];
const F: Field = ['final', 'bit', 1, 7];
const LUN: Field = ['lun', 'u64', 8];
const ITT: Field = ['initiatorTaskTag', 'u32', 16];
const TTT: Field = ['targetTransferTag', 'u32', 20];
const TARGET_SNS: readonly Field[] = [
  ['statSn', 'u32', 24],
  ['expCmdSn', 'u32', 28],
  ['maxCmdSn', 'u32', 32],
];

const LAYOUTS: readonly Layout[] = [
  layout('NOP-Out', 0x00, 'IscsiNopOut', [I, LUN, ITT, TTT, ['cmdSn', 'u32', 24], ['expStatSn', 'u32', 28]], [FINAL_1]),
  layout('SCSI Command', 0x01, 'IscsiScsiCommand', [
    I,
    F,
    ['read', 'bit', 1, 6],
    ['write', 'bit', 1, 5],
    ['attr', 'bits', 1, 2, 0],
    LUN,
    ITT,
    ['expectedDataTransferLength', 'u32', 20],
    ['cmdSn', 'u32', 24],
    ['expStatSn', 'u32', 28],
    ['cdb', 'bytes', 32, 16],
  ]),
  layout(
    'Task Management Function Request',
    0x02,
    'IscsiTaskManagementFunctionRequest',
    [
      I,
      ['function', 'bits', 1, 6, 0],
      LUN,
      ITT,
      ['referencedTaskTag', 'u32', 20],
      ['cmdSn', 'u32', 24],
      ['expStatSn', 'u32', 28],
      ['refCmdSn', 'u32', 32],
      ['expDataSn', 'u32', 36],
    ],
    [FINAL_1],
  ),
  layout(
    'Login Request',
    0x03,
    'IscsiLoginRequest',
    [
      ['transit', 'bit', 1, 7],
      ['continue', 'bit', 1, 6],
      ['csg', 'bits', 1, 3, 2],
      ['nsg', 'bits', 1, 1, 0],
      ['versionMax', 'u8', 2],
      ['versionMin', 'u8', 3],
      ['isid', 'u48', 8],
      ['tsih', 'u16', 14],
      ITT,
      ['cid', 'u16', 20],
      ['cmdSn', 'u32', 24],
      ['expStatSn', 'u32', 28],
    ],
    [['immediate', 0, 0x40, 0x40]],
  ),
  layout('Text Request', 0x04, 'IscsiTextRequest', [
    I,
    F,
    ['continue', 'bit', 1, 6],
    LUN,
    ITT,
    TTT,
    ['cmdSn', 'u32', 24],
    ['expStatSn', 'u32', 28],
  ]),
  layout('SCSI Data-Out', 0x05, 'IscsiScsiDataOut', [
    F,
    LUN,
    ITT,
    TTT,
    ['expStatSn', 'u32', 28],
    ['dataSn', 'u32', 36],
    ['bufferOffset', 'u32', 40],
  ]),
  layout(
    'Logout Request',
    0x06,
    'IscsiLogoutRequest',
    [I, ['reasonCode', 'bits', 1, 6, 0], ITT, ['cid', 'u16', 20], ['cmdSn', 'u32', 24], ['expStatSn', 'u32', 28]],
    [FINAL_1],
  ),
  layout(
    'SNACK Request',
    0x10,
    'IscsiSnackRequest',
    [
      ['type', 'bits', 1, 3, 0],
      LUN,
      ITT,
      TTT,
      ['expStatSn', 'u32', 28],
      ['begRun', 'u32', 40],
      ['runLength', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout('NOP-In', 0x20, 'IscsiNopIn', [LUN, ITT, TTT, ...TARGET_SNS], [FINAL_1]),
  layout(
    'SCSI Response',
    0x21,
    'IscsiScsiResponse',
    [
      ['bidiReadResidualOverflow', 'bit', 1, 4],
      ['bidiReadResidualUnderflow', 'bit', 1, 3],
      ['residualOverflow', 'bit', 1, 2],
      ['residualUnderflow', 'bit', 1, 1],
      ['response', 'u8', 2],
      ['status', 'u8', 3],
      ITT,
      ['snackTag', 'u32', 20],
      ...TARGET_SNS,
      ['expDataSn', 'u32', 36],
      ['bidirectionalReadResidualCount', 'u32', 40],
      ['residualCount', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout(
    'Task Management Function Response',
    0x22,
    'IscsiTaskManagementFunctionResponse',
    [['response', 'u8', 2], ITT, ...TARGET_SNS],
    [FINAL_1],
  ),
  layout('Login Response', 0x23, 'IscsiLoginResponse', [
    ['transit', 'bit', 1, 7],
    ['continue', 'bit', 1, 6],
    ['csg', 'bits', 1, 3, 2],
    ['nsg', 'bits', 1, 1, 0],
    ['versionMax', 'u8', 2],
    ['versionActive', 'u8', 3],
    ['isid', 'u48', 8],
    ['tsih', 'u16', 14],
    ITT,
    ...TARGET_SNS,
    ['statusClass', 'u8', 36],
    ['statusDetail', 'u8', 37],
  ]),
  layout('Text Response', 0x24, 'IscsiTextResponse', [F, ['continue', 'bit', 1, 6], LUN, ITT, TTT, ...TARGET_SNS]),
  layout('SCSI Data-In', 0x25, 'IscsiScsiDataIn', [
    F,
    ['acknowledge', 'bit', 1, 6],
    ['residualOverflow', 'bit', 1, 2],
    ['residualUnderflow', 'bit', 1, 1],
    ['statusPresent', 'bit', 1, 0],
    ['status', 'u8', 3],
    LUN,
    ITT,
    TTT,
    ...TARGET_SNS,
    ['dataSn', 'u32', 36],
    ['bufferOffset', 'u32', 40],
    ['residualCount', 'u32', 44],
  ]),
  layout(
    'Logout Response',
    0x26,
    'IscsiLogoutResponse',
    [['response', 'u8', 2], ITT, ...TARGET_SNS, ['time2Wait', 'u16', 40], ['time2Retain', 'u16', 42]],
    [FINAL_1],
  ),
  layout(
    'R2T',
    0x31,
    'IscsiR2t',
    [
      LUN,
      ITT,
      TTT,
      ...TARGET_SNS,
      ['r2tSn', 'u32', 36],
      ['bufferOffset', 'u32', 40],
      ['desiredDataTransferLength', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout(
    'Asynchronous Message',
    0x32,
    'IscsiAsynchronousMessage',
    [
      LUN,
      ...TARGET_SNS,
      ['asyncEvent', 'u8', 36],
      ['asyncVCode', 'u8', 37],
      ['parameter1', 'u16', 38],
      ['parameter2', 'u16', 40],
      ['parameter3', 'u16', 42],
    ],
    [FINAL_1, ...ITT_ALL_ONES],
  ),
  layout(
    'Reject',
    0x3f,
    'IscsiReject',
    [['reason', 'u8', 2], ...TARGET_SNS, ['dataSn', 'u32', 36]],
    [FINAL_1, ...ITT_ALL_ONES],
  ),
];

const BY_OPCODE: readonly (Layout | undefined)[] = (() => {
  const a: (Layout | undefined)[] = new Array(64).fill(undefined);
  for (const l of LAYOUTS) a[l.opcode] = l;
  return a;
})();
const BY_NAME: ReadonlyMap<string, Layout> = new Map(LAYOUTS.map((l) => [l.name, l]));

const UNKNOWN_STRUCTURE = 'IscsiUnknownPdu';
const BHS_STRUCTURE = 'IscsiBhs';

const pad4 = (n: number): number => (n + 3) & ~3;

// ---------------------------------------------------------------------------------------------
// BHS and framing

/**
 * The fields every BHS has, whatever the opcode: enough to route and frame a PDU.
 *
 * @see RFC 7143 section 11.2.1
 * @remarks Since 0.2.0
 */
export interface IscsiBhs {
  /** Opcode (6 bits). */
  readonly opcodeValue: number;
  /** The PDU's name, `'Unknown'` for opcodes without a variant. */
  readonly kind: IscsiPduName;
  /** Byte 0 bit 6 (I). */
  readonly immediate: boolean;
  /** Byte 1 bit 7 (F). */
  readonly final: boolean;
  /** TotalAHSLength, in 4-byte words. */
  readonly totalAhsLength: number;
  /** DataSegmentLength, in bytes, padding excluded. */
  readonly dataSegmentLength: number;
  /** Bytes 8-15 (LUN, or opcode-specific) as a bigint. */
  readonly lunOrOpcodeSpecific: bigint;
  /** Bytes 16-19. */
  readonly initiatorTaskTag: number;
}

/**
 * Decode the 48-byte BHS generically (bytes after 48 are ignored).
 *
 * @see RFC 7143 section 11.2.1
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 48 bytes).
 * @remarks Since 0.2.0
 */
export function decodeIscsiBhs(bytes: Uint8Array, options?: DecodeOptions): IscsiBhs {
  const r = new ByteReader(bytes, BHS_STRUCTURE, options);
  r.need(ISCSI_BHS_LENGTH);
  const opcodeValue = r.bits(0, 5, 0, 'opcode');
  return {
    opcodeValue,
    kind: iscsiPduName(opcodeValue),
    immediate: r.bit(0, 6, 'immediate'),
    final: r.bit(1, 7, 'final'),
    totalAhsLength: r.u8(4, 'totalAhsLength'),
    dataSegmentLength: r.u24(5, 'dataSegmentLength'),
    lunOrOpcodeSpecific: r.u64(8, 'lun'),
    initiatorTaskTag: r.u32(16, 'initiatorTaskTag'),
  };
}

/**
 * Options of {@link iscsiPduLength}.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiFramingOptions extends IscsiDigestOptions {
  /**
   * Largest DataSegmentLength accepted: a larger one throws `ERR_INVALID_VALUE` (field
   * `dataSegmentLength`) so a stream reader never waits for (or allocates) more. Default 2^24-1.
   */
  readonly maxDataSegmentLength?: number | undefined;
}

/**
 * The framer: how many bytes the next PDU of a stream takes, given the bytes received so far
 * (starting at a PDU boundary) and the connection's digest settings. Returns `undefined` while
 * fewer than 48 bytes (a whole BHS) are present; otherwise the PDU's total length (BHS + AHS +
 * header digest + padded data segment + data digest), which may exceed `bytes.length`: wait for
 * that many bytes, then {@link decodeIscsiPdu} exactly them.
 *
 * @example
 * ```ts
 * const n = iscsiPduLength(buffered, { headerDigest: false, dataDigest: false, maxDataSegmentLength: 262144 });
 * if (n !== undefined && buffered.length >= n) handle(decodeIscsiPdu(buffered.subarray(0, n)));
 * ```
 * @see RFC 7143 sections 11.1 and 11.2.1
 * @throws {ScsiCodecError} `ERR_INVALID_VALUE` if DataSegmentLength exceeds `maxDataSegmentLength`.
 * @remarks Since 0.2.0
 */
export function iscsiPduLength(bytes: Uint8Array, options?: IscsiFramingOptions): number | undefined {
  try {
    return framedLength(bytes, options);
  } catch (e) {
    throw inputFault(e, BHS_STRUCTURE, [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

function framedLength(input: Uint8Array, options?: IscsiFramingOptions): number | undefined {
  const bytes = asUint8Array(input);
  if (bytes === undefined) {
    throw new ByteReader(new Uint8Array(0), BHS_STRUCTURE).error(
      'ERR_UNEXPECTED_VALUE',
      undefined,
      0,
      `input is ${notBytes(input)}`,
    );
  }
  if (bytes.length < ISCSI_BHS_LENGTH) return undefined;
  const totalAhs = (bytes[4] as number) * 4;
  const dsl = ((bytes[5] as number) << 16) | ((bytes[6] as number) << 8) | (bytes[7] as number);
  checkMaxDsl(dsl, options?.maxDataSegmentLength, 0);
  return pduLength(totalAhs, dsl, options);
}

function pduLength(totalAhs: number, dsl: number, options: IscsiDigestOptions | undefined): number {
  return (
    ISCSI_BHS_LENGTH +
    totalAhs +
    (options?.headerDigest === true ? ISCSI_DIGEST_LENGTH : 0) +
    (dsl === 0 ? 0 : pad4(dsl) + (options?.dataDigest === true ? ISCSI_DIGEST_LENGTH : 0))
  );
}

function checkMaxDsl(dsl: number, max: number | undefined, base: number): void {
  if (max !== undefined && dsl > max) {
    throw new ByteReader(new Uint8Array(0), BHS_STRUCTURE, undefined, base).error(
      'ERR_INVALID_VALUE',
      'dataSegmentLength',
      5,
      `DataSegmentLength ${dsl} exceeds the limit ${max}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Decode

/**
 * Decode one whole PDU: `bytes` must hold exactly it (frame a stream with
 * {@link iscsiPduLength}; extra bytes after it are `ERR_LENGTH_MISMATCH`, strict: thrown,
 * lenient: an issue). Strict mode also rejects reserved bits, non-zero padding, wrong fixed
 * bits (F = 1 where the RFC fixes it, ITT FFFFFFFFh in Reject and Asynchronous Message; lenient:
 * issues) and non-vendor unknown opcodes.
 *
 * @see RFC 7143 section 11
 * @throws {ScsiCodecError} `ERR_TRUNCATED`; `ERR_INVALID_VALUE` (DataSegmentLength over the
 *   limit, digest mismatch); `ERR_LENGTH_MISMATCH` (an AHS runs past TotalAHSLength); strict:
 *   `ERR_RESERVED_NONZERO`, `ERR_UNEXPECTED_VALUE`, `ERR_UNSUPPORTED`.
 * @remarks Since 0.2.0
 */
export function decodeIscsiPdu(bytes: Uint8Array, options?: IscsiPduDecodeOptions): IscsiPdu {
  // The probe only checks the input and finds the layout (no trace: the PDU's reader records).
  const probe = new ByteReader(bytes, BHS_STRUCTURE);
  probe.need(ISCSI_BHS_LENGTH);
  const opcodeValue = probe.bits(0, 5, 0);
  const lay = BY_OPCODE[opcodeValue];
  const r =
    lay === undefined
      ? new ByteReader(bytes, UNKNOWN_STRUCTURE, options)
      : new ByteReader(bytes, lay.structure, options);
  r.bits(0, 5, 0, 'opcode');
  const totalAhs = r.u8(4, 'totalAhsLength') * 4;
  const dsl = r.u24(5, 'dataSegmentLength');
  checkMaxDsl(dsl, options?.maxDataSegmentLength, 0);
  const total = pduLength(totalAhs, dsl, options);
  r.need(total);
  if (r.length > total)
    r.tolerate('ERR_LENGTH_MISMATCH', 'dataSegmentLength', total, `${r.length - total} bytes after the PDU`);

  const verify = options?.verifyDigests !== false;
  let off = ISCSI_BHS_LENGTH + totalAhs;
  if (options?.headerDigest === true) {
    if (verify) {
      const a = r.u8a;
      if (crc32c(a, 0, 0, off) !== readIscsiDigest(a, off)) {
        throw r.error('ERR_INVALID_VALUE', 'headerDigest', off, 'header digest mismatch');
      }
    }
    off += ISCSI_DIGEST_LENGTH;
  }
  let data: Uint8Array;
  if (dsl === 0) {
    data = EMPTY;
  } else {
    for (let i = off + dsl; i < off + pad4(dsl); i++) {
      if (r.u8(i) !== 0) r.tolerate('ERR_RESERVED_NONZERO', 'padding', i, 'data segment padding byte is not zero');
    }
    if (options?.dataDigest === true && verify) {
      const a = r.u8a;
      const end = off + pad4(dsl);
      if (crc32c(a, 0, off, end) !== readIscsiDigest(a, end)) {
        throw r.error('ERR_INVALID_VALUE', 'dataDigest', end, 'data digest mismatch');
      }
    }
    data = options?.dataView === true ? r.u8a.subarray(off, off + dsl) : r.bytes(off, dsl, 'data');
  }
  const ahs = totalAhs === 0 ? NO_AHS : readAhs(r, ISCSI_BHS_LENGTH, totalAhs);

  r.reserved(0, 0x80);
  if (lay === undefined) {
    if (!isVendorSpecificIscsiOpcode(opcodeValue)) {
      r.tolerate('ERR_UNSUPPORTED', 'opcode', 0, `opcode ${show(opcodeValue)} is not an iSCSI opcode`);
    }
    const pdu: IscsiUnknownPdu = {
      kind: 'Unknown',
      opcodeValue,
      immediate: r.bit(0, 6, 'immediate'),
      headerBytes1To3: r.bytes(1, 3, 'headerBytes1To3'),
      headerBytes8To47: r.bytes(8, 40, 'headerBytes8To47'),
      ahs,
      data,
      ...issuesOf(r),
    };
    return pdu;
  }
  const o: Record<string, unknown> = { kind: lay.name };
  for (const [name, kind, at, a, b] of lay.fields) {
    switch (kind) {
      case 'bit':
        o[name] = r.bit(at, a as number, name);
        break;
      case 'bits':
        o[name] = r.bits(at, a as number, b as number, name);
        break;
      case 'u8':
        o[name] = r.u8(at, name);
        break;
      case 'u16':
        o[name] = r.u16(at, name);
        break;
      case 'u32':
        o[name] = r.u32(at, name);
        break;
      case 'u48':
        o[name] = r.u48(at, name);
        break;
      case 'u64':
        o[name] = r.u64(at, name);
        break;
      case 'bytes':
        o[name] = r.bytes(at, a as number, name);
        break;
    }
  }
  for (const [name, at, mask, value] of lay.fixed) {
    const v = r.u8(at) & mask;
    if (v !== value)
      r.tolerate('ERR_UNEXPECTED_VALUE', name, at, `must be ${show(value)} under mask ${show(mask)}, is ${show(v)}`);
  }
  if (r.strict) {
    const a = r.u8a;
    const res = lay.reserved;
    for (let i = 0; i < ISCSI_BHS_LENGTH; i++) {
      const m = (res[i] as number) & (a[i] as number);
      if (m !== 0) r.reserved(i, res[i] as number);
    }
  }
  o['ahs'] = ahs;
  o['data'] = data;
  if (r.issues.length > 0) o['issues'] = r.issues;
  return o as unknown as IscsiPdu;
}

const EMPTY: Uint8Array = new Uint8Array(0);
const NO_AHS: readonly IscsiAhs[] = Object.freeze([]) as readonly IscsiAhs[];

// ---------------------------------------------------------------------------------------------
// Encode

/**
 * Encode one PDU: BHS, AHS, header digest, data segment with its zero padding and data digest
 * (each digest only when `options` turns it on; no data digest without data). TotalAHSLength and
 * DataSegmentLength are computed. Fixed bits (F = 1, I = 1 in Login Request, ITT FFFFFFFFh in
 * Reject and Asynchronous Message) are set; reserved bits are zero.
 *
 * @see RFC 7143 section 11
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a field does not fit, `kind` is not a PDU name,
 *   the AHS exceed 1020 bytes or the data 2^24-1 bytes.
 * @remarks Since 0.2.0
 */
export function encodeIscsiPdu(pdu: IscsiPdu | IscsiPduInput, options?: IscsiDigestOptions): Uint8Array<ArrayBuffer> {
  try {
    return encodePdu(pdu, options);
  } catch (e) {
    throw inputFault(e, pduStructureOf(pdu), [pdu, options], 'ERR_FIELD_RANGE');
  }
}

/** The structure name of a PDU value's opcode (for errors), without running any of its code. */
function pduStructureOf(pdu: unknown): string {
  try {
    const name = (pdu as { kind?: unknown } | null)?.kind;
    return (typeof name === 'string' ? BY_NAME.get(name)?.structure : undefined) ?? UNKNOWN_STRUCTURE;
  } catch {
    return UNKNOWN_STRUCTURE;
  }
}

function encodePdu(pdu: IscsiPdu | IscsiPduInput, options?: IscsiDigestOptions): Uint8Array<ArrayBuffer> {
  const name = (pdu as { kind?: unknown } | null)?.kind;
  const lay = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  const structure = lay?.structure ?? UNKNOWN_STRUCTURE;
  if (lay === undefined && name !== 'Unknown') throw unknownVariant(structure, 'kind', 0, name);
  const ahsList = pdu.ahs ?? NO_AHS;
  const totalAhs = ahsTotalLength(ahsList, ISCSI_BHS_LENGTH);
  const data = pdu.data ?? EMPTY;
  if (!isUint8Array(data))
    throw new ByteWriter(0, structure).error('data', ISCSI_BHS_LENGTH, `${show(data)} is not a Uint8Array`);
  if (data.length > ISCSI_MAX_DATA_SEGMENT_LENGTH) {
    throw new ByteWriter(0, structure).error('dataSegmentLength', 5, `${data.length} bytes of data exceed 2^24-1`);
  }
  const hd = options?.headerDigest === true;
  const dd = options?.dataDigest === true;
  const total = pduLength(totalAhs, data.length, options);
  const w = new ByteWriter(total, structure);
  if (lay === undefined) {
    const u = pdu as IscsiUnknownPdu;
    w.bits(0, 5, 0, u.opcodeValue, 'opcodeValue');
    if (BY_OPCODE[u.opcodeValue] !== undefined)
      throw w.error('opcodeValue', 0, `opcode ${u.opcodeValue} has its own variant`);
    w.bit(0, 6, u.immediate, 'immediate');
    w.bytes(1, u.headerBytes1To3, 'headerBytes1To3', 3);
    w.bytes(8, u.headerBytes8To47, 'headerBytes8To47', 40);
  } else {
    const o = pdu as unknown as Record<string, unknown>;
    w.buf[0] = lay.opcode;
    for (const [f, kind, at, a, b] of lay.fields) {
      const v = o[f];
      switch (kind) {
        case 'bit':
          w.bit(at, a as number, v as boolean, f);
          break;
        case 'bits':
          w.bits(at, a as number, b as number, v as number, f);
          break;
        case 'u8':
          w.u8(at, v as number, f);
          break;
        case 'u16':
          w.u16(at, v as number, f);
          break;
        case 'u32':
          w.u32(at, v as number, f);
          break;
        case 'u48':
          w.u48(at, v as number, f);
          break;
        case 'u64':
          w.u64(at, v as bigint, f);
          break;
        case 'bytes':
          w.bytes(at, v as Uint8Array, f, a);
          break;
      }
    }
    for (const [, at, mask, value] of lay.fixed) w.buf[at] = ((w.buf[at] as number) & ~mask) | value;
  }
  w.u8(4, totalAhs / 4, 'totalAhsLength');
  w.u24(5, data.length, 'dataSegmentLength');
  writeAhs(w, ISCSI_BHS_LENGTH, ahsList);
  let off = ISCSI_BHS_LENGTH + totalAhs;
  if (hd) {
    writeIscsiDigest(w.buf, off, crc32c(w.buf, 0, 0, off));
    off += ISCSI_DIGEST_LENGTH;
  }
  if (data.length > 0) {
    w.buf.set(data, off);
    const end = off + pad4(data.length);
    if (dd) writeIscsiDigest(w.buf, end, crc32c(w.buf, 0, off, end));
  }
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * The whole CDB of a SCSI Command: the BHS's 16 bytes followed by the extended CDB AHS, if any.
 *
 * @see RFC 7143 sections 11.3.5 and 11.2.2.3
 * @remarks Since 0.2.0
 */
export function iscsiCommandCdb(pdu: Pick<IscsiScsiCommand, 'cdb' | 'ahs'>): Uint8Array {
  try {
    return commandCdb(pdu);
  } catch (e) {
    throw inputFault(e, 'IscsiScsiCommand', [pdu], 'ERR_FIELD_RANGE');
  }
}

function commandCdb(pdu: Pick<IscsiScsiCommand, 'cdb' | 'ahs'>): Uint8Array {
  if (typeof pdu !== 'object' || pdu === null)
    throw new ByteWriter(0, 'IscsiScsiCommand').error(undefined, 0, 'not an object');
  const cdb = asUint8Array(pdu.cdb);
  if (cdb === undefined)
    throw new ByteWriter(0, 'IscsiScsiCommand').error('cdb', 32, `${show(pdu.cdb)} is not a Uint8Array`);
  const ext = pdu.ahs.find((a) => a.kind === 'Extended CDB');
  if (ext === undefined) return pdu.cdb;
  const extended = asUint8Array(ext.extendedCdb);
  if (extended === undefined) {
    throw new ByteWriter(0, 'IscsiScsiCommand').error(
      'extendedCdb',
      48,
      `${show(ext.extendedCdb)} is not a Uint8Array`,
    );
  }
  const out = new Uint8Array(cdb.length + extended.length);
  out.set(cdb);
  out.set(extended, cdb.length);
  return out;
}

/**
 * The `cdb` and `ahs` fields of a SCSI Command for a CDB of any length: up to 16 bytes go in the
 * BHS (zero padded), the rest in an extended CDB AHS.
 *
 * @see RFC 7143 sections 11.3.5 and 11.2.2.3
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `cdb` is empty or too long for the AHS.
 * @remarks Since 0.2.0
 */
export function iscsiCommandCdbFields(input: Uint8Array): { cdb: Uint8Array; ahs: IscsiAhs[] } {
  const cdb = asUint8Array(input) ?? EMPTY;
  const n = cdb === EMPTY ? -1 : cdb.length;
  if (n < 1 || n > 16 + (1020 - 4)) {
    throw new ByteWriter(0, 'IscsiScsiCommand').error('cdb', 32, `CDB length ${n} is not in 1..1032`);
  }
  if (n <= 16) {
    const c = new Uint8Array(16);
    c.set(cdb);
    return { cdb: c, ahs: [] };
  }
  return { cdb: cdb.slice(0, 16), ahs: [{ kind: 'Extended CDB', extendedCdb: cdb.slice(16) }] };
}

/**
 * The data segment of a SCSI Response (or Asynchronous Message) carrying sense data:
 * SenseLength (2 bytes), the sense data, then any response data.
 *
 * @see RFC 7143 section 11.4.7.2
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if the sense data is longer than 65535 bytes.
 * @remarks Since 0.2.0
 */
export function encodeIscsiSenseSegment(senseData: Uint8Array, responseData?: Uint8Array): Uint8Array<ArrayBuffer> {
  const extra = responseData ?? EMPTY;
  const s = 'IscsiSenseSegment';
  const senseLength = byteFieldLength(s, 'senseData', 2, senseData);
  const extraLength = byteFieldLength(s, 'responseData', 2 + senseLength, extra);
  if (senseLength > 0xffff) throw new ByteWriter(0, s).error('senseLength', 0, `${senseLength} is not in 0..65535`);
  const w = new ByteWriter(2 + senseLength + extraLength, s);
  w.u16(0, senseLength, 'senseLength');
  w.bytes(2, senseData, 'senseData');
  w.bytes(2 + senseLength, extra, 'responseData');
  return w.finish();
}

/**
 * Split a SCSI Response (or Asynchronous Message) data segment into sense data and response
 * data (or iSCSI event data). An empty segment gives empty sense data.
 *
 * @see RFC 7143 section 11.4.7.2
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (1 byte, or SenseLength past the end).
 * @remarks Since 0.2.0
 */
export function decodeIscsiSenseSegment(
  data: Uint8Array,
  options?: DecodeOptions,
): { senseData: Uint8Array; responseData: Uint8Array } {
  const r = new ByteReader(data, 'IscsiSenseSegment', options);
  if (r.length === 0) return { senseData: EMPTY, responseData: EMPTY };
  const senseLength = r.u16(0, 'senseLength');
  return { senseData: r.bytes(2, senseLength, 'senseData'), responseData: r.rest(2 + senseLength, 'responseData') };
}

/**
 * The reserved bits of an opcode's BHS (per byte), for tests and fuzzers; `undefined` for an
 * opcode without a layout.
 *
 * @internal
 */
export function iscsiReservedBits(opcodeValue: number): Uint8Array | undefined {
  return BY_OPCODE[opcodeValue]?.reserved.slice();
}
