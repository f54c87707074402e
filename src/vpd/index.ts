/**
 * VPD pages: Supported VPD Pages (00h), Device Identification (83h), Third-party Copy (8Fh),
 * Block Limits (B0h), Block Device Characteristics (B1h), and a dispatcher for any page.
 *
 * @packageDocumentation
 */
export {
  BLOCK_DEVICE_CHARACTERISTICS_PAGE_LENGTH,
  BLOCK_DEVICE_ZERO_ROD_TYPE,
  BLOCK_LIMITS_PAGE_LENGTH,
  BLOCK_LIMITS_SHORT_PAGE_LENGTH,
  CSCD_ID,
  REMOTE_TOKENS,
  TPC_DESCRIPTOR_TYPE,
  type TpcDescriptorType,
  VPD_PAGE_CODE,
  type VpdPageCode,
} from '../constants/vpd.js';
export {
  type BlockDeviceCharacteristicsVpdPage,
  decodeBlockDeviceCharacteristicsVpdPage,
  encodeBlockDeviceCharacteristicsVpdPage,
  MEDIUM_ROTATION_RATE,
} from './block-device-characteristics.js';
export {
  type BlockLimitsExtendedFields,
  type BlockLimitsVpdPage,
  decodeBlockLimitsVpdPage,
  encodeBlockLimitsVpdPage,
} from './block-limits.js';
export {
  type DeviceIdentificationVpdPage,
  decodeDeviceIdentificationVpdPage,
  encodeDeviceIdentificationVpdPage,
} from './device-identification.js';
export {
  decodeSupportedVpdPagesVpdPage,
  encodeSupportedVpdPagesVpdPage,
  type SupportedVpdPagesVpdPage,
} from './supported-vpd-pages.js';
export {
  type BlockDeviceRodLimitsDescriptor,
  type BlockRodFeaturesDescriptor,
  type CommandSupportDescriptor,
  type CopyGroupIdentifierDescriptor,
  type CopyManagerRodFeaturesDescriptor,
  decodeThirdPartyCopyDescriptor,
  decodeThirdPartyCopyVpdPage,
  encodedThirdPartyCopyVpdPageLength,
  encodeThirdPartyCopyDescriptor,
  encodeThirdPartyCopyVpdPage,
  type GeneralCopyOperationsDescriptor,
  type HeldDataDescriptor,
  type ParameterDataDescriptor,
  type RodDeviceTypeSpecificFeaturesDescriptor,
  type RodTokenFeaturesDescriptor,
  type RodTypeDescriptor,
  type StreamCopyOperationsDescriptor,
  type StreamRodFeaturesDescriptor,
  type SupportedCommandsDescriptor,
  type SupportedCscdIdsDescriptor,
  type SupportedDescriptorsDescriptor,
  type SupportedRodTokenAndRodTypesDescriptor,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyDescriptor,
  type ThirdPartyCopyVpdPage,
  thirdPartyCopyDescriptorType,
  type UnknownRodFeaturesDescriptor,
  type UnknownThirdPartyCopyDescriptor,
} from './third-party-copy.js';
export {
  type ValidateThirdPartyCopyVpdPageOptions,
  type VpdValidationIssue,
  validateThirdPartyCopyVpdPage,
} from './validate-third-party-copy.js';
export { decodeVpdPage, encodeVpdPage, type UnknownVpdPage, type VpdPage } from './vpd-page.js';
export { requiredVpdPageLength, VPD_PAGE_HEADER_LENGTH, type VpdPageHeaderFields } from './vpd-page-header.js';
