/**
 * RECEIVE COPY DATA (LID1) parameter data (84h/01h): 0-3 AVAILABLE DATA (n-3); 4-n HELD DATA.
 *
 * @see SPC-4 "RECEIVE COPY DATA (LID1) parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';

/** Decoded RECEIVE COPY DATA (LID1) data. @remarks Since 0.1.0 */
export interface CopyDataLid1 {
  /** HELD DATA (bytes 4-n), a copy; as much as is present when truncated. */
  readonly heldData: Uint8Array;
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY DATA (LID1) data.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `heldData` is not a Uint8Array.
 * @remarks Since 0.1.0
 */
export function encodeCopyDataLid1(v: CopyDataLid1): Uint8Array<ArrayBuffer> {
  try {
    const held = v.heldData;
    const w = new ByteWriter(4 + (isUint8Array(held) ? held.length : 0), 'CopyDataLid1');
    w.bytes(4, held, 'heldData');
    w.u32(0, held.length, 'availableData');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyDataLid1', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY DATA (LID1) data.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function decodeCopyDataLid1(bytes: Uint8Array, options?: DecodeOptions): CopyDataLid1 {
  try {
    const { r, end, truncated } = openStatus(bytes, 'CopyDataLid1', options, 4);
    return { heldData: r.bytes(4, end - 4, 'heldData'), ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'CopyDataLid1', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches all of the RECEIVE COPY DATA (LID1) data: AVAILABLE DATA + 4.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredCopyDataLid1Length(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'CopyDataLid1');
  } catch (e) {
    throw inputFault(e, 'CopyDataLid1', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
