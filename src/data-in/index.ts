/**
 * Data-in parameter data of the commands a copy manager answers besides third-party copy:
 * standard INQUIRY data, READ CAPACITY (16) parameter data, REPORT LUNS parameter data.
 *
 * @packageDocumentation
 */

export type {
  CachingModePage,
  ControlModePage,
  InformationalExceptionsControlModePage,
  KnownModePage,
  ModeBlockDescriptor,
  ModePage,
  ModePageField,
  ModePageLayout,
  UnknownModePage,
} from './mode-pages.js';
export {
  LONG_LBA_BLOCK_DESCRIPTOR_LENGTH,
  MODE_PAGE_CODE,
  MODE_PAGE_LAYOUTS,
  MODE_PARAMETER_HEADER_6_LENGTH,
  MODE_PARAMETER_HEADER_10_LENGTH,
  MODE_SUBPAGE_ALL,
  SBC_DEVICE_SPECIFIC_PARAMETER,
  SHORT_LBA_BLOCK_DESCRIPTOR_LENGTH,
} from './mode-pages.js';
export type { ModeParameterData6, ModeParameterData10, ModeParameterDataCommon } from './mode-parameters.js';
export {
  decodeModeParameterData6,
  decodeModeParameterData10,
  encodeModeParameterData6,
  encodeModeParameterData10,
  requiredModeParameterDataLength,
} from './mode-parameters.js';
export type { ReadCapacity10ParameterData } from './read-capacity-10-parameter-data.js';
export {
  decodeReadCapacity10ParameterData,
  encodeReadCapacity10ParameterData,
  READ_CAPACITY_10_LBA_OVERFLOW,
  READ_CAPACITY_10_PARAMETER_DATA_LENGTH,
  readCapacity10ReturnedLba,
} from './read-capacity-10-parameter-data.js';
export type { RcBasis, ReadCapacity16ParameterData } from './read-capacity-16-parameter-data.js';
export {
  decodeReadCapacity16ParameterData,
  encodeReadCapacity16ParameterData,
  RC_BASIS,
  READ_CAPACITY_16_PARAMETER_DATA_LENGTH,
  READ_CAPACITY_16_PARAMETER_DATA_MIN_LENGTH,
} from './read-capacity-16-parameter-data.js';
export type { ReportLunsParameterData } from './report-luns-parameter-data.js';
export {
  decodeReportLunsParameterData,
  encodeReportLunsParameterData,
  LUN_LENGTH,
  lunFromNumber,
  lunToNumber,
  MAX_SIMPLE_LUN,
  REPORT_LUNS_HEADER_LENGTH,
  requiredReportLunsParameterDataLength,
} from './report-luns-parameter-data.js';
export type {
  AllCommandsParameterData,
  CommandDescriptor,
  CommandTimeoutsDescriptor,
  OneCommandParameterData,
} from './report-supported-operation-codes-parameter-data.js';
export {
  COMMAND_DESCRIPTOR_LENGTH,
  COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH,
  decodeAllCommandsParameterData,
  decodeOneCommandParameterData,
  encodeAllCommandsParameterData,
  encodeOneCommandParameterData,
  RSOC_SUPPORT,
} from './report-supported-operation-codes-parameter-data.js';
export type {
  ReportTargetPortGroupsParameterData,
  TargetPortGroupDescriptor,
} from './report-target-port-groups-parameter-data.js';
export {
  ASYMMETRIC_ACCESS_STATE,
  decodeReportTargetPortGroupsParameterData,
  encodeReportTargetPortGroupsParameterData,
} from './report-target-port-groups-parameter-data.js';
export type { StandardInquiryData } from './standard-inquiry-data.js';
export {
  decodeStandardInquiryData,
  encodeStandardInquiryData,
  INQUIRY_VENDOR_SPECIFIC_LENGTH,
  INQUIRY_VERSION_DESCRIPTOR_COUNT,
  requiredStandardInquiryDataLength,
  STANDARD_INQUIRY_DATA_MAX_LENGTH,
  STANDARD_INQUIRY_DATA_MIN_LENGTH,
  VERSION_DESCRIPTOR,
} from './standard-inquiry-data.js';
