/**
 * scsi-odx: encoders and decoders for SCSI offloaded data transfer (ODX).
 *
 * Every export is named here explicitly: this file is the public API.
 *
 * @packageDocumentation
 */
export type { DecodeIssue, ScsiCodecErrorCode, ScsiCodecErrorOptions } from './errors.js';
export { isScsiCodecError, SCSI_CODEC_ERROR_CODE, ScsiCodecError } from './errors.js';
export type { DecodeOptions, TraceEntry } from './internal/byte-reader.js';
