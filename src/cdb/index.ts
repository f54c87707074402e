/**
 * CDB codecs: public exports of the cdb area.
 *
 * @packageDocumentation
 */

export type { Opcode, TpcInServiceAction, TpcOutServiceAction } from '../constants/opcodes.js';
export {
  MAINTENANCE_IN_SA,
  OPCODE,
  SERVICE_ACTION_IN_16_SA,
  SERVICE_ACTION_OPCODES,
  TPC_IN_SA,
  TPC_OUT_SA,
  VARIABLE_LENGTH_CDB_OPCODE,
} from '../constants/opcodes.js';
export type { ReadCdbFields, WriteCdbFields } from './block-io.js';
export type { Cdb, CdbCommand, UnknownCdb } from './cdb.js';
export { decodeCdb, encodeCdb } from './cdb.js';
export type { CdbInput } from './common.js';
export type { CopyOperationAbortCdb } from './copy-operation-abort.js';
export { decodeCopyOperationAbortCdb, encodeCopyOperationAbortCdb } from './copy-operation-abort.js';
export type { ExtendedCopyLid1Cdb } from './extended-copy-lid1.js';
export { decodeExtendedCopyLid1Cdb, encodeExtendedCopyLid1Cdb } from './extended-copy-lid1.js';
export type { ExtendedCopyLid4Cdb } from './extended-copy-lid4.js';
export { decodeExtendedCopyLid4Cdb, encodeExtendedCopyLid4Cdb } from './extended-copy-lid4.js';
export type { InquiryCdb } from './inquiry.js';
export { decodeInquiryCdb, encodeInquiryCdb } from './inquiry.js';
export type { ModeSense6Cdb } from './mode-sense-6.js';
export { decodeModeSense6Cdb, encodeModeSense6Cdb, MODE_PAGE_CONTROL } from './mode-sense-6.js';
export type { ModeSense10Cdb } from './mode-sense-10.js';
export { decodeModeSense10Cdb, encodeModeSense10Cdb } from './mode-sense-10.js';
export type { PopulateTokenCdb } from './populate-token.js';
export { decodePopulateTokenCdb, encodePopulateTokenCdb } from './populate-token.js';
export type { Read10Cdb } from './read-10.js';
export { decodeRead10Cdb, encodeRead10Cdb } from './read-10.js';
export type { Read16Cdb } from './read-16.js';
export { decodeRead16Cdb, encodeRead16Cdb } from './read-16.js';
export type { ReadCapacity10Cdb } from './read-capacity-10.js';
export { decodeReadCapacity10Cdb, encodeReadCapacity10Cdb } from './read-capacity-10.js';
export type { ReadCapacity16Cdb } from './read-capacity-16.js';
export { decodeReadCapacity16Cdb, encodeReadCapacity16Cdb } from './read-capacity-16.js';
export type { ReceiveCopyCdbFields } from './receive-copy.js';
export type { ReceiveCopyDataLid1Cdb } from './receive-copy-data-lid1.js';
export { decodeReceiveCopyDataLid1Cdb, encodeReceiveCopyDataLid1Cdb } from './receive-copy-data-lid1.js';
export type { ReceiveCopyDataLid4Cdb } from './receive-copy-data-lid4.js';
export { decodeReceiveCopyDataLid4Cdb, encodeReceiveCopyDataLid4Cdb } from './receive-copy-data-lid4.js';
export type { ReceiveCopyFailureDetailsLid1Cdb } from './receive-copy-failure-details-lid1.js';
export {
  decodeReceiveCopyFailureDetailsLid1Cdb,
  encodeReceiveCopyFailureDetailsLid1Cdb,
} from './receive-copy-failure-details-lid1.js';
export type { ReceiveCopyOperatingParametersCdb } from './receive-copy-operating-parameters.js';
export {
  decodeReceiveCopyOperatingParametersCdb,
  encodeReceiveCopyOperatingParametersCdb,
} from './receive-copy-operating-parameters.js';
export type { ReceiveCopyStatusLid1Cdb } from './receive-copy-status-lid1.js';
export { decodeReceiveCopyStatusLid1Cdb, encodeReceiveCopyStatusLid1Cdb } from './receive-copy-status-lid1.js';
export type { ReceiveCopyStatusLid4Cdb } from './receive-copy-status-lid4.js';
export { decodeReceiveCopyStatusLid4Cdb, encodeReceiveCopyStatusLid4Cdb } from './receive-copy-status-lid4.js';
export type { ReceiveRodTokenInformationCdb } from './receive-rod-token-information.js';
export {
  decodeReceiveRodTokenInformationCdb,
  encodeReceiveRodTokenInformationCdb,
} from './receive-rod-token-information.js';
export type { ReportAllRodTokensCdb } from './report-all-rod-tokens.js';
export { decodeReportAllRodTokensCdb, encodeReportAllRodTokensCdb } from './report-all-rod-tokens.js';
export type { ReportLunsCdb } from './report-luns.js';
export { decodeReportLunsCdb, encodeReportLunsCdb } from './report-luns.js';
export type { ReportSupportedOperationCodesCdb } from './report-supported-operation-codes.js';
export {
  decodeReportSupportedOperationCodesCdb,
  encodeReportSupportedOperationCodesCdb,
  RSOC_REPORTING_OPTIONS,
} from './report-supported-operation-codes.js';
export type { ReportTargetPortGroupsCdb } from './report-target-port-groups.js';
export {
  decodeReportTargetPortGroupsCdb,
  encodeReportTargetPortGroupsCdb,
  RTPG_PARAMETER_DATA_FORMAT,
} from './report-target-port-groups.js';
export type { RequestSenseCdb } from './request-sense.js';
export { decodeRequestSenseCdb, encodeRequestSenseCdb } from './request-sense.js';
export type { SynchronizeCache10Cdb } from './synchronize-cache-10.js';
export { decodeSynchronizeCache10Cdb, encodeSynchronizeCache10Cdb } from './synchronize-cache-10.js';
export type { SynchronizeCache16Cdb } from './synchronize-cache-16.js';
export { decodeSynchronizeCache16Cdb, encodeSynchronizeCache16Cdb } from './synchronize-cache-16.js';
export type { TestUnitReadyCdb } from './test-unit-ready.js';
export { decodeTestUnitReadyCdb, encodeTestUnitReadyCdb } from './test-unit-ready.js';
export type { Write10Cdb } from './write-10.js';
export { decodeWrite10Cdb, encodeWrite10Cdb } from './write-10.js';
export type { Write16Cdb } from './write-16.js';
export { decodeWrite16Cdb, encodeWrite16Cdb } from './write-16.js';
export type { WriteUsingTokenCdb } from './write-using-token.js';
export { decodeWriteUsingTokenCdb, encodeWriteUsingTokenCdb } from './write-using-token.js';
