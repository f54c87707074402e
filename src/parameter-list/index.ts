/**
 * Parameter-list codecs: public exports of the parameter-list area.
 *
 * @packageDocumentation
 */
export type {
  BlockDeviceRangeDescriptor,
  ParameterListDecodeOptions,
  RangeDescriptorIssue,
  RangeDescriptorLimits,
} from './block-device-range-descriptor.js';
export { BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH, validateRangeDescriptors } from './block-device-range-descriptor.js';
export type { PopulateTokenParameterList } from './populate-token.js';
export {
  decodePopulateTokenParameterList,
  encodePopulateTokenParameterList,
  POPULATE_TOKEN_HEADER_LENGTH,
  POPULATE_TOKEN_MINIMUM_DATA_LENGTH,
} from './populate-token.js';
export type { WriteUsingTokenParameterList } from './write-using-token.js';
export {
  decodeWriteUsingTokenParameterList,
  encodeWriteUsingTokenParameterList,
  WRITE_USING_TOKEN_HEADER_LENGTH,
  WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH,
  WRITE_USING_TOKEN_ROD_TOKEN_OFFSET,
} from './write-using-token.js';
