/**
 * ROD token: public exports of this area.
 *
 * @packageDocumentation
 */
export type { RodType } from '../constants/rod-type.js';
export { isGenericRodType, ROD_TYPE, rodTypeName, VENDOR_SPECIFIC_ROD_TYPE_MIN } from '../constants/rod-type.js';
export type { IdentificationDescriptorCscd } from './identification-descriptor-cscd.js';
export {
  CSCD_MAX_DESIGNATOR_LENGTH,
  decodeIdentificationDescriptorCscd,
  encodeIdentificationDescriptorCscd,
  IDENTIFICATION_DESCRIPTOR_CSCD_LENGTH,
  IDENTIFICATION_DESCRIPTOR_CSCD_TYPE,
} from './identification-descriptor-cscd.js';
export type {
  BlockDeviceRodTokenData,
  BlockDeviceZeroRodToken,
  GenericRodManagementToken,
  GenericRodToken,
  OpaqueRodManagementToken,
  OpaqueRodToken,
  RawDeviceTypeSpecificData,
  RodManagementToken,
  RodToken,
  RodTokenBody,
  RodTokenDecodeOptions,
  RodTokenDeviceTypeSpecificData,
} from './rod-token.js';
export {
  BLOCK_DEVICE_ZERO_ROD_TOKEN,
  blockDeviceZeroRodToken,
  decodeRodManagementToken,
  decodeRodToken,
  encodeRodManagementToken,
  encodeRodToken,
  isBlockDeviceZeroRodToken,
  numberOfBytesRepresentedOf,
  ROD_MANAGEMENT_TOKEN_SIZE,
  ROD_TOKEN_LENGTH,
  ROD_TOKEN_SIZE,
} from './rod-token.js';
