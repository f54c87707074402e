/**
 * Third-party copy status data: public exports of the status area.
 *
 * @packageDocumentation
 */

export type { CopyDataLid1 } from './receive-copy-data-lid1.js';
export { decodeCopyDataLid1, encodeCopyDataLid1, requiredCopyDataLid1Length } from './receive-copy-data-lid1.js';
export type { CopyOperatingParameters } from './receive-copy-operating-parameters.js';
export {
  COPY_OPERATING_PARAMETERS_FIXED_LENGTH,
  decodeCopyOperatingParameters,
  encodeCopyOperatingParameters,
  requiredCopyOperatingParametersLength,
} from './receive-copy-operating-parameters.js';
export type { CopyStatusLid1 } from './receive-copy-status-lid1.js';
export { decodeCopyStatusLid1, encodeCopyStatusLid1 } from './receive-copy-status-lid1.js';
export type { AllRodTokens } from './report-all-rod-tokens.js';
export {
  decodeAllRodTokens,
  encodeAllRodTokens,
  ROD_MANAGEMENT_TOKEN_LENGTH,
  requiredAllRodTokensLength,
} from './report-all-rod-tokens.js';
