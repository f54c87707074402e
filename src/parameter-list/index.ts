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
export type {
  BlockToBlockSegmentDescriptor,
  BlockToBlockWithOffsetsSegmentDescriptor,
  CscdDescriptor,
  ExtendedCopyLid1ParameterList,
  ExtendedCopyLid4ParameterList,
  ExtendedCopyListBody,
  IdentificationCscdDescriptor,
  OtherCscdDescriptor,
  OtherSegmentDescriptor,
  SegmentDescriptor,
} from './extended-copy.js';
export {
  BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH,
  BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH,
  CSCD_64_BYTE_TYPES,
  CSCD_DESCRIPTOR_LENGTH,
  cscdDescriptorLength,
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  EXTENDED_COPY_LID1_HEADER_LENGTH,
  EXTENDED_COPY_LID4_HEADER_LENGTH,
  EXTENDED_COPY_LID4_LIST_FORMAT,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  LIST_ID_USAGE,
  SEGMENT_DESCRIPTOR_TYPE,
} from './extended-copy.js';
export type { RangeListKind } from './layouts.js';
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
