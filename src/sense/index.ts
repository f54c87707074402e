/**
 * Sense data: public exports of the sense area (wired into src/index.ts by the lead).
 *
 * @packageDocumentation
 */

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
} from './sense-data.js';
export {
  decodeSenseData,
  encodeSenseData,
  FIXED_SENSE_DATA_LENGTH,
  isDeferredSense,
  MAX_SENSE_DATA_LENGTH,
  SENSE_DESCRIPTOR_TYPE,
  SENSE_RESPONSE_CODE,
} from './sense-data.js';
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
