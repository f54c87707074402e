/**
 * scsi-odx: encoders and decoders for SCSI offloaded data transfer (ODX).
 *
 * The public API is the union of the area indexes below; each area's `index.ts` names its exports
 * explicitly (and `test/architecture.test.ts` keeps src/ free of circles). The reference copy
 * manager lives in the `scsi-odx/copy-manager` subpath, the fast-check arbitraries in
 * `scsi-odx/arbitraries` and the iSCSI target in `scsi-odx/iscsi`.
 *
 * @packageDocumentation
 */

export * from './capture/index.js';
export * from './cdb/index.js';
export * from './conformance/index.js';
export * from './data-in/index.js';
export * from './designation/index.js';
export type { DecodeIssue, ScsiCodecErrorCode, ScsiCodecErrorOptions } from './errors.js';
export { isScsiCodecError, SCSI_CODEC_ERROR_CODE, ScsiCodecError } from './errors.js';
export type { DecodeOptions, TraceEntry } from './internal/byte-reader.js';
export * from './iscsi/pdu/index.js';
export * from './parameter-list/index.js';
export * from './rod-token/index.js';
export * from './rules/index.js';
export * from './sense/index.js';
export * from './status/index.js';
export * from './vpd/index.js';
