/**
 * RECEIVE COPY STATUS (LID1) parameter data (84h/00h), 12 bytes: 0-3 AVAILABLE DATA (00000008h);
 * 4 bit 7 HDD, bits 6:0 COPY COMMAND STATUS; 5-6 SEGMENTS PROCESSED; 7 TRANSFER COUNT UNITS; 8-11
 * TRANSFER COUNT.
 *
 * @see SPC-4 "RECEIVE COPY STATUS (LID1) parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { openStatus, truncatedOf } from './common.js';

/** Decoded RECEIVE COPY STATUS (LID1) data. @remarks Since 0.1.0 */
export interface CopyStatusLid1 {
  /** HDD (byte 4 bit 7): held data discarded. */
  readonly hdd: boolean;
  /** COPY COMMAND STATUS (byte 4 bits 6:0), see `COPY_COMMAND_STATUS_LID1`. */
  readonly copyCommandStatus: number;
  /** SEGMENTS PROCESSED (bytes 5-6). */
  readonly segmentsProcessed: number;
  /** TRANSFER COUNT UNITS (byte 7), see `TRANSFER_COUNT_UNITS`. */
  readonly transferCountUnits: number;
  /** TRANSFER COUNT (bytes 8-11). */
  readonly transferCount: number;
  /** Always absent: the 12 bytes are the fixed part (shorter data throws ERR_TRUNCATED). */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY STATUS (LID1) data.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeCopyStatusLid1(v: CopyStatusLid1): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(12, 'CopyStatusLid1');
    w.u32(0, 8, 'availableData');
    w.bit(4, 7, v.hdd, 'hdd');
    w.bits(4, 6, 0, v.copyCommandStatus, 'copyCommandStatus');
    w.u16(5, v.segmentsProcessed, 'segmentsProcessed');
    w.u8(7, v.transferCountUnits, 'transferCountUnits');
    w.u32(8, v.transferCount, 'transferCount');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyStatusLid1', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY STATUS (LID1) data. AVAILABLE DATA other than 8 is an issue (strict: thrown).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if shorter than 12 bytes; strict `ERR_LENGTH_MISMATCH`.
 * @remarks Since 0.1.0
 */
export function decodeCopyStatusLid1(bytes: Uint8Array, options?: DecodeOptions): CopyStatusLid1 {
  try {
    const { r, truncated, declaredEnd } = openStatus(bytes, 'CopyStatusLid1', options, 12);
    const available = declaredEnd - 4;
    if (available > 8)
      r.tolerate('ERR_LENGTH_MISMATCH', 'availableData', 0, `AVAILABLE DATA is ${available}, expected 8`);
    return {
      hdd: r.bit(4, 7, 'hdd'),
      copyCommandStatus: r.bits(4, 6, 0, 'copyCommandStatus'),
      segmentsProcessed: r.u16(5, 'segmentsProcessed'),
      transferCountUnits: r.u8(7, 'transferCountUnits'),
      transferCount: r.u32(8, 'transferCount'),
      ...truncatedOf(truncated),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'CopyStatusLid1', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
