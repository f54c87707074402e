/**
 * RECEIVE COPY STATUS (LID4) parameter data (84h/05h): the copy status header and SENSE DATA;
 * nothing follows the sense data.
 *
 * @see SPC-5 "RECEIVE COPY STATUS (LID4) parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';
import {
  COPY_STATUS_HEADER_LENGTH,
  type CopyStatusHeader,
  readCopyStatusHeader,
  senseFieldLengths,
  writeCopyStatusHeader,
} from './copy-status-header.js';

/** Decoded RECEIVE COPY STATUS (LID4) parameter data. @remarks Since 0.1.0 */
export interface CopyStatusLid4 extends CopyStatusHeader {
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY STATUS (LID4) parameter data (lengths computed).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeCopyStatusLid4(v: CopyStatusLid4): Uint8Array<ArrayBuffer> {
  try {
    const { sense, field } = senseFieldLengths(new ByteWriter(0, 'CopyStatusLid4'), v);
    const w = new ByteWriter(COPY_STATUS_HEADER_LENGTH + field, 'CopyStatusLid4');
    w.u32(0, COPY_STATUS_HEADER_LENGTH - 4 + field, 'availableData');
    writeCopyStatusHeader(w, v, sense, field);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyStatusLid4', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY STATUS (LID4) parameter data. AVAILABLE DATA other than 28 + LENGTH OF THE
 * SENSE DATA FIELD is an issue (strict: thrown).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 32-byte header is missing; strict:
 * `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.1.0
 */
export function decodeCopyStatusLid4(bytes: Uint8Array, options?: DecodeOptions): CopyStatusLid4 {
  try {
    const { r, end, truncated, declaredEnd } = openStatus(bytes, 'CopyStatusLid4', options, COPY_STATUS_HEADER_LENGTH);
    const { header, afterSense } = readCopyStatusHeader(r, end, 0x80);
    if (declaredEnd !== afterSense) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'availableData',
        0,
        `AVAILABLE DATA ${declaredEnd - 4} disagrees with the sense data field (expected ${afterSense - 4})`,
      );
    }
    return { ...header, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'CopyStatusLid4', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole RECEIVE COPY STATUS (LID4) data: AVAILABLE DATA + 4.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredCopyStatusLid4Length(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'CopyStatusLid4');
  } catch (e) {
    throw inputFault(e, 'CopyStatusLid4', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
