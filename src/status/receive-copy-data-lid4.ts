/**
 * RECEIVE COPY DATA (LID4) parameter data (84h/06h): the copy status header (byte 5 bit 7 = HDD)
 * and SENSE DATA, then HELD DATA LENGTH (x+1..x+4) and HELD DATA.
 *
 * @see SPC-5 "RECEIVE COPY DATA (LID4) parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';
import {
  COPY_STATUS_HEADER_LENGTH,
  type CopyStatusHeader,
  readCopyStatusHeader,
  senseFieldLengths,
  writeCopyStatusHeader,
} from './copy-status-header.js';

/** Decoded RECEIVE COPY DATA (LID4) parameter data. @remarks Since 0.1.0 */
export interface CopyDataLid4 extends CopyStatusHeader {
  /** HDD (byte 5 bit 7): held data discarded. */
  readonly hdd: boolean;
  /** HELD DATA, a copy; when truncated, the bytes present. */
  readonly heldData: Uint8Array;
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY DATA (LID4) parameter data (lengths computed).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeCopyDataLid4(v: CopyDataLid4): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, 'CopyDataLid4');
    const { sense, field } = senseFieldLengths(probe, v);
    const afterSense = COPY_STATUS_HEADER_LENGTH + field;
    if (!isUint8Array(v.heldData)) throw probe.error('heldData', afterSense + 4, 'not a Uint8Array');
    const w = new ByteWriter(afterSense + 4 + v.heldData.length, 'CopyDataLid4');
    w.u32(0, afterSense + v.heldData.length, 'availableData');
    writeCopyStatusHeader(w, v, sense, field);
    w.bit(5, 7, v.hdd, 'hdd');
    w.u32(afterSense, v.heldData.length, 'heldDataLength');
    w.bytes(afterSense + 4, v.heldData, 'heldData');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyDataLid4', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY DATA (LID4) parameter data.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 32-byte header is missing; strict:
 * `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.1.0
 */
export function decodeCopyDataLid4(bytes: Uint8Array, options?: DecodeOptions): CopyDataLid4 {
  try {
    const { r, end, truncated, declaredEnd } = openStatus(bytes, 'CopyDataLid4', options, COPY_STATUS_HEADER_LENGTH);
    const { header, afterSense } = readCopyStatusHeader(r, end, 0x00);
    const hdd = r.bit(5, 7, 'hdd');
    let heldData = new Uint8Array(0);
    if (afterSense + 4 <= end) {
      const heldLength = r.u32(afterSense, 'heldDataLength');
      if (afterSense + 4 + heldLength !== declaredEnd) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'heldDataLength',
          afterSense,
          `HELD DATA LENGTH ${heldLength} disagrees with AVAILABLE DATA ${declaredEnd - 4}`,
        );
      }
      const heldEnd = Math.min(afterSense + 4 + heldLength, end);
      heldData = r.bytes(afterSense + 4, heldEnd - afterSense - 4, 'heldData');
    } else if (!truncated) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'availableData',
        0,
        `AVAILABLE DATA ends before HELD DATA LENGTH (at ${afterSense})`,
      );
    }
    return { ...header, hdd, heldData, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'CopyDataLid4', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole RECEIVE COPY DATA (LID4) data: AVAILABLE DATA + 4.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredCopyDataLid4Length(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'CopyDataLid4');
  } catch (e) {
    throw inputFault(e, 'CopyDataLid4', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
