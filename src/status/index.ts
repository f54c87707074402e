/**
 * Third-party copy status data: public exports of the status area.
 *
 * @packageDocumentation
 */

export type { CopyOperationStatus, TransferCountUnits } from '../constants/copy-status.js';
export {
  COPY_COMMAND_STATUS_LID1,
  COPY_OPERATION_STATUS,
  copyOperationStatusName,
  isCopyCompletedWithoutErrors,
  isCopyInProgress,
  TRANSFER_COUNT_UNITS,
  transferCountInBytes,
  transferCountUnitsName,
} from '../constants/copy-status.js';
export type { CopyStatusHeader } from './copy-status-header.js';
export { COPY_STATUS_HEADER_LENGTH } from './copy-status-header.js';
export type { CopyDataLid1 } from './receive-copy-data-lid1.js';
export { decodeCopyDataLid1, encodeCopyDataLid1, requiredCopyDataLid1Length } from './receive-copy-data-lid1.js';
export type { CopyDataLid4 } from './receive-copy-data-lid4.js';
export { decodeCopyDataLid4, encodeCopyDataLid4, requiredCopyDataLid4Length } from './receive-copy-data-lid4.js';
export type { CopyFailureDetailsLid1 } from './receive-copy-failure-details-lid1.js';
export {
  decodeCopyFailureDetailsLid1,
  encodeCopyFailureDetailsLid1,
  requiredCopyFailureDetailsLid1Length,
} from './receive-copy-failure-details-lid1.js';
export type { CopyOperatingParameters } from './receive-copy-operating-parameters.js';
export {
  COPY_OPERATING_PARAMETERS_FIXED_LENGTH,
  decodeCopyOperatingParameters,
  encodeCopyOperatingParameters,
  requiredCopyOperatingParametersLength,
} from './receive-copy-operating-parameters.js';
export type { CopyStatusLid1 } from './receive-copy-status-lid1.js';
export { decodeCopyStatusLid1, encodeCopyStatusLid1 } from './receive-copy-status-lid1.js';
export type { CopyStatusLid4 } from './receive-copy-status-lid4.js';
export {
  decodeCopyStatusLid4,
  encodeCopyStatusLid4,
  requiredCopyStatusLid4Length,
} from './receive-copy-status-lid4.js';
export type { RodTokenDescriptor, RodTokenInformation } from './receive-rod-token-information.js';
export {
  decodeRodTokenInformation,
  encodeRodTokenInformation,
  requiredRodTokenInformationLength,
} from './receive-rod-token-information.js';
export type { AllRodTokens } from './report-all-rod-tokens.js';
export {
  decodeAllRodTokens,
  encodeAllRodTokens,
  ROD_MANAGEMENT_TOKEN_LENGTH,
  requiredAllRodTokensLength,
} from './report-all-rod-tokens.js';
