/**
 * Sense data: public exports of the sense area (wired into src/index.ts by the lead).
 *
 * @packageDocumentation
 */

export type { AscAscq } from '../constants/asc-ascq.js';
export { ASC_ASCQ, ascAscqName, ascAscqTable } from '../constants/asc-ascq.js';
export type { SamStatus } from '../constants/sam-status.js';
export { SAM_STATUS, samStatusName } from '../constants/sam-status.js';
export type { SenseKey } from '../constants/sense-key.js';
export { SENSE_KEY, senseKeyName } from '../constants/sense-key.js';
export type {
  FieldPointerOptions,
  InvalidTokenOperationReason,
  LbaOutOfRangeOptions,
  ParameterListFieldOptions,
  SenseBuildOptions,
  SenseDataSpec,
  SenseKeyOptions,
} from './builders.js';
export {
  buildCopyTargetDeviceDataUnderrunSense,
  buildInsufficientResourcesToCreateRodSense,
  buildInsufficientResourcesToCreateRodTokenSense,
  buildInvalidCommandOperationCodeSense,
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  buildInvalidTokenOperationSense,
  buildLbaOutOfRangeSense,
  buildOperationInProgressSense,
  buildParameterListLengthErrorSense,
  buildSenseData,
  INVALID_TOKEN_OPERATION,
  senseDataFromCodecError,
} from './builders.js';
export type { NormalizedSenseData } from './normalize.js';
export { normalizeSenseData } from './normalize.js';
export { decodeSenseData, encodeSenseData, isDeferredSense, requiredSenseDataLength } from './sense-data.js';
export type {
  ActualRetryCountSenseKeySpecific,
  FieldPointerSenseKeySpecific,
  ProgressIndicationSenseKeySpecific,
  RawSenseKeySpecific,
  SegmentPointerSenseKeySpecific,
  SenseKeySpecific,
  SenseKeySpecificKind,
  UnitAttentionQueueOverflowSenseKeySpecific,
} from './sense-key-specific.js';
export { senseKeySpecificKind } from './sense-key-specific.js';
export type {
  AnotherProgressIndicationSenseDescriptor,
  AtaStatusReturnSenseDescriptor,
  BlockCommandsSenseDescriptor,
  CommandSpecificInformationSenseDescriptor,
  DescriptorSenseData,
  DeviceDesignationSenseDescriptor,
  DirectAccessBlockDeviceSenseDescriptor,
  FieldReplaceableUnitSenseDescriptor,
  FixedSenseData,
  ForwardedSenseDataSenseDescriptor,
  InformationSenseDescriptor,
  MicrocodeActivationSenseDescriptor,
  OsdSenseDescriptor,
  ReferralTargetPortGroupDescriptor,
  SenseData,
  SenseDataDescriptor,
  SenseKeySpecificSenseDescriptor,
  StreamCommandsSenseDescriptor,
  UnknownSenseDescriptor,
  UserDataSegmentReferral,
  UserDataSegmentReferralSenseDescriptor,
} from './types.js';
export { FIXED_SENSE_DATA_LENGTH, MAX_SENSE_DATA_LENGTH, SENSE_DESCRIPTOR_TYPE, SENSE_RESPONSE_CODE } from './types.js';
