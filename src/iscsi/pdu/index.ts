/**
 * The iSCSI PDU layer (RFC 7143): PDU codecs, framing, CRC32C digests, text keys and the
 * target's side of text negotiation. No platform API: usable in browsers.
 *
 * @packageDocumentation
 */
export type { IscsiAhs, IscsiBidirectionalReadDataLengthAhs, IscsiExtendedCdbAhs, IscsiUnknownAhs } from './ahs.js';
export type { IscsiOpcodeValue, IscsiPduName } from './constants.js';
export {
  ISCSI_AHS_TYPE,
  ISCSI_ASYNC_EVENT,
  ISCSI_BHS_LENGTH,
  ISCSI_DIGEST_LENGTH,
  ISCSI_LOGIN_STAGE,
  ISCSI_LOGIN_STATUS,
  ISCSI_LOGOUT_REASON,
  ISCSI_LOGOUT_RESPONSE,
  ISCSI_MAX_AHS_LENGTH,
  ISCSI_MAX_DATA_SEGMENT_LENGTH,
  ISCSI_OPCODE,
  ISCSI_REJECT_REASON,
  ISCSI_RESERVED_TAG,
  ISCSI_SCSI_RESPONSE,
  ISCSI_SNACK_TYPE,
  ISCSI_TASK_ATTRIBUTE,
  ISCSI_TMF_FUNCTION,
  ISCSI_TMF_RESPONSE,
  iscsiPduName,
  isVendorSpecificIscsiOpcode,
} from './constants.js';
export { crc32c, readIscsiDigest, writeIscsiDigest } from './crc32c.js';
export type {
  IscsiAuthMethod,
  IscsiDigest,
  IscsiKeyRule,
  IscsiKeyRuleKind,
  IscsiKeyUse,
  IscsiNegotiationError,
  IscsiNegotiationOutcome,
  IscsiNegotiationStage,
  IscsiNegotiationState,
  IscsiNegotiationTarget,
  IscsiOperationalParameters,
  IscsiSessionType,
  IscsiTargetNegotiationConfig,
} from './negotiation.js';
export {
  ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
  ISCSI_KEY_RULES,
  ISCSI_PROTOCOL_LEVEL,
  initialIscsiNegotiationState,
  iscsiSendTargetsReply,
  negotiateIscsiKeys,
} from './negotiation.js';
export type {
  IscsiAsynchronousMessage,
  IscsiBhs,
  IscsiDigestOptions,
  IscsiFramingOptions,
  IscsiLoginRequest,
  IscsiLoginResponse,
  IscsiLogoutRequest,
  IscsiLogoutResponse,
  IscsiNopIn,
  IscsiNopOut,
  IscsiPdu,
  IscsiPduCommon,
  IscsiPduDecodeOptions,
  IscsiPduInput,
  IscsiR2t,
  IscsiReject,
  IscsiScsiCommand,
  IscsiScsiDataIn,
  IscsiScsiDataOut,
  IscsiScsiResponse,
  IscsiSnackRequest,
  IscsiTaskManagementFunctionRequest,
  IscsiTaskManagementFunctionResponse,
  IscsiTextRequest,
  IscsiTextResponse,
  IscsiUnknownPdu,
} from './pdu.js';
export {
  decodeIscsiBhs,
  decodeIscsiPdu,
  decodeIscsiSenseSegment,
  encodeIscsiPdu,
  encodeIscsiSenseSegment,
  iscsiCommandCdb,
  iscsiCommandCdbFields,
  iscsiPduLength,
} from './pdu.js';
export type { IscsiTextKeys, IscsiTextPair } from './text.js';
export {
  decodeIscsiTextKeys,
  encodeIscsiTextKeys,
  ISCSI_MAX_BINARY_VALUE_LENGTH,
  ISCSI_MAX_KEY_LENGTH,
  ISCSI_MAX_VALUE_LENGTH,
  ISCSI_REPEATABLE_KEYS,
  isIscsiStandardLabel,
} from './text.js';
