/**
 * RECEIVE COPY FAILURE DETAILS (LID1) parameter data (84h/04h): 0-3 AVAILABLE DATA (n-3); 4-55
 * reserved; 56 EXTENDED COPY COMMAND STATUS; 57 reserved; 58-59 SENSE DATA LENGTH (n-59); 60-n
 * SENSE DATA.
 *
 * @see SPC-4 "RECEIVE COPY FAILURE DETAILS (LID1) parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { encodedSenseDataLength, type SenseData, writeSenseData } from '../sense/sense-data.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';
import { readEmbeddedSense } from './copy-status-header.js';

/** Decoded RECEIVE COPY FAILURE DETAILS (LID1) data. @remarks Since 0.1.0 */
export interface CopyFailureDetailsLid1 {
  /** EXTENDED COPY COMMAND STATUS (byte 56): a SAM status byte. */
  readonly extendedCopyCommandStatus: number;
  /** SENSE DATA (bytes 60-n), decoded; `undefined` when SENSE DATA LENGTH is 0 or it was cut short. */
  readonly senseData: SenseData | undefined;
  /** Lenient mode only: SENSE DATA that could not be decoded (written back by the encoder). */
  readonly unparsedSenseData?: Uint8Array;
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY FAILURE DETAILS (LID1) data (lengths computed).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeCopyFailureDetailsLid1(v: CopyFailureDetailsLid1): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, 'CopyFailureDetailsLid1');
    let sense = 0;
    if (v.senseData !== undefined) sense = encodedSenseDataLength(v.senseData, 60);
    else if (v.unparsedSenseData !== undefined) {
      if (!isUint8Array(v.unparsedSenseData)) throw probe.error('unparsedSenseData', 60, 'not a Uint8Array');
      sense = v.unparsedSenseData.length;
    }
    const w = new ByteWriter(60 + sense, 'CopyFailureDetailsLid1');
    w.u32(0, 56 + sense, 'availableData');
    w.u8(56, v.extendedCopyCommandStatus, 'extendedCopyCommandStatus');
    w.u16(58, sense, 'senseDataLength');
    if (v.senseData !== undefined) writeSenseData(w, 60, v.senseData);
    else if (v.unparsedSenseData !== undefined) w.bytes(60, v.unparsedSenseData, 'unparsedSenseData');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyFailureDetailsLid1', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY FAILURE DETAILS (LID1) data.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 60-byte fixed part is missing; strict:
 * `ERR_LENGTH_MISMATCH`, `ERR_RESERVED_NONZERO`, sense data errors.
 * @remarks Since 0.1.0
 */
export function decodeCopyFailureDetailsLid1(bytes: Uint8Array, options?: DecodeOptions): CopyFailureDetailsLid1 {
  try {
    const { r, end, truncated, declaredEnd } = openStatus(bytes, 'CopyFailureDetailsLid1', options, 60);
    r.reservedBytes(4, 52);
    r.reservedBytes(57, 1);
    const extendedCopyCommandStatus = r.u8(56, 'extendedCopyCommandStatus');
    const senseLength = r.u16(58, 'senseDataLength');
    if (60 + senseLength !== declaredEnd) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'senseDataLength',
        58,
        `SENSE DATA LENGTH ${senseLength} disagrees with AVAILABLE DATA ${declaredEnd - 4}`,
      );
    }
    const { senseData, unparsed } = readEmbeddedSense(r, 60, senseLength, end);
    return {
      extendedCopyCommandStatus,
      senseData,
      ...(unparsed === undefined ? {} : { unparsedSenseData: unparsed }),
      ...truncatedOf(truncated),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'CopyFailureDetailsLid1', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole RECEIVE COPY FAILURE DETAILS (LID1) data.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredCopyFailureDetailsLid1Length(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'CopyFailureDetailsLid1');
  } catch (e) {
    throw inputFault(e, 'CopyFailureDetailsLid1', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
