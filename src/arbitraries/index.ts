/**
 * `scsi-odx/arbitraries`: fast-check arbitraries for every structure, plus near-miss generators
 * for robustness testing of a copy manager. fast-check is an optional peer dependency: install it
 * to use this subpath.
 *
 * @packageDocumentation
 */

export {
  arbCdb,
  arbCopyOperationAbortCdb,
  arbExtendedCopyLid1Cdb,
  arbExtendedCopyLid4Cdb,
  arbInquiryCdb,
  arbModeSense6Cdb,
  arbModeSense10Cdb,
  arbPopulateTokenCdb,
  arbRead10Cdb,
  arbRead16Cdb,
  arbReadCapacity10Cdb,
  arbReadCapacity16Cdb,
  arbReceiveCopyDataLid1Cdb,
  arbReceiveCopyDataLid4Cdb,
  arbReceiveCopyFailureDetailsLid1Cdb,
  arbReceiveCopyOperatingParametersCdb,
  arbReceiveCopyStatusLid1Cdb,
  arbReceiveCopyStatusLid4Cdb,
  arbReceiveRodTokenInformationCdb,
  arbReportAllRodTokensCdb,
  arbReportLunsCdb,
  arbReportSupportedOperationCodesCdb,
  arbReportTargetPortGroupsCdb,
  arbRequestSenseCdb,
  arbSynchronizeCache10Cdb,
  arbSynchronizeCache16Cdb,
  arbTestUnitReadyCdb,
  arbUnknownCdb,
  arbWrite10Cdb,
  arbWrite16Cdb,
  arbWriteUsingTokenCdb,
} from './cdb.js';
export {
  arbAllCommandsParameterData,
  arbModePage,
  arbModeParameterData6,
  arbModeParameterData10,
  arbOneCommandParameterData,
  arbReadCapacity10ParameterData,
  arbReadCapacity16ParameterData,
  arbReportLunsParameterData,
  arbReportTargetPortGroupsParameterData,
  arbStandardInquiryData,
} from './data-in.js';
export type { ArbDesignationDescriptorOptions } from './designation.js';
export { arbDesignationDescriptor, arbDesignationDescriptorList } from './designation.js';
export type { ValidCommand } from './device-server.js';
export {
  arbValidCommand,
  arbValidPopulateTokenParameterList,
  arbValidRangeDescriptors,
  arbValidWriteUsingTokenParameterList,
} from './device-server.js';
export type { ArbExtendedCopyOptions } from './extended-copy.js';
export {
  arbBlockToBlockSegmentDescriptor,
  arbBlockToBlockWithOffsetsSegmentDescriptor,
  arbCscdDescriptor,
  arbExtendedCopyLid1ParameterList,
  arbExtendedCopyLid4ParameterList,
  arbOtherCscdDescriptor,
  arbOtherSegmentDescriptor,
  arbSegmentDescriptor,
} from './extended-copy.js';
export type { ArbIscsiPduOptions } from './iscsi.js';
export {
  arbIscsiAhs,
  arbIscsiAsynchronousMessage,
  arbIscsiLoginRequest,
  arbIscsiLoginResponse,
  arbIscsiLogoutRequest,
  arbIscsiLogoutResponse,
  arbIscsiNopIn,
  arbIscsiNopOut,
  arbIscsiPdu,
  arbIscsiR2t,
  arbIscsiReject,
  arbIscsiScsiCommand,
  arbIscsiScsiDataIn,
  arbIscsiScsiDataOut,
  arbIscsiScsiResponse,
  arbIscsiSnackRequest,
  arbIscsiTaskManagementFunctionRequest,
  arbIscsiTaskManagementFunctionResponse,
  arbIscsiTextPairs,
  arbIscsiTextRequest,
  arbIscsiTextResponse,
  arbIscsiUnknownPdu,
} from './iscsi.js';
export type { NearMiss, NearMissDetection, NearMissKind } from './near-miss.js';
export {
  arbNearMiss,
  arbValidEncoding,
  arbWellFormedEncoding,
  decodeNearMissKindStrict,
  NEAR_MISS_KINDS,
  nearMissReplayCase,
  nearMissSenseFromCodecError,
} from './near-miss.js';
export type { XcopyNearMiss, XcopyNearMissKind } from './near-miss-xcopy.js';
export {
  arbExtendedCopyNearMiss,
  arbValidExtendedCopyList,
  XCOPY_NEAR_MISS_KINDS,
  XCOPY_NEAR_MISS_RULES,
} from './near-miss-xcopy.js';
export {
  arbBlockDeviceRangeDescriptor,
  arbBlockDeviceRangeDescriptors,
  arbPopulateTokenParameterList,
  arbRawRodToken,
  arbWriteUsingTokenParameterList,
} from './parameter-list.js';
export type { ArbRodTokenOptions } from './rod-token.js';
export { arbIdentificationDescriptorCscd, arbRodManagementToken, arbRodToken } from './rod-token.js';
export { arbDescriptorSenseData, arbFixedSenseData, arbSenseData, arbSenseKeySpecific } from './sense.js';
export {
  arbAllRodTokens,
  arbCopyDataLid1,
  arbCopyDataLid4,
  arbCopyFailureDetailsLid1,
  arbCopyOperatingParameters,
  arbCopyOperationStatus,
  arbCopyStatusLid1,
  arbCopyStatusLid4,
  arbRawRodTokenWithLength,
  arbRodTokenDescriptor,
  arbRodTokenInformation,
  arbTransferCountUnits,
} from './status.js';
export {
  arbBlockDeviceCharacteristicsVpdPage,
  arbBlockDeviceRodLimitsDescriptor,
  arbBlockLimitsVpdPage,
  arbCommandSupportDescriptor,
  arbCopyGroupIdentifierDescriptor,
  arbDeviceIdentificationVpdPage,
  arbGeneralCopyOperationsDescriptor,
  arbHeldDataDescriptor,
  arbParameterDataDescriptor,
  arbRodDeviceTypeSpecificFeaturesDescriptor,
  arbRodTokenFeaturesDescriptor,
  arbRodTypeDescriptor,
  arbStreamCopyOperationsDescriptor,
  arbSupportedCommandsDescriptor,
  arbSupportedCscdIdsDescriptor,
  arbSupportedDescriptorsDescriptor,
  arbSupportedRodTokenAndRodTypesDescriptor,
  arbSupportedVpdPagesVpdPage,
  arbThirdPartyCopyDescriptor,
  arbThirdPartyCopyVpdPage,
  arbUnknownThirdPartyCopyDescriptor,
  arbUnknownVpdPage,
  arbVpdPage,
} from './vpd.js';
