/**
 * The 32-byte header + SENSE DATA shared by RECEIVE ROD TOKEN INFORMATION, RECEIVE COPY STATUS
 * (LID4) and RECEIVE COPY DATA (LID4) parameter data.
 *
 * Layout: 0-3 AVAILABLE DATA (n-3); 4 bits 7:5 reserved, 4:0 RESPONSE TO SERVICE ACTION; 5 bit 7
 * reserved (HDD in RECEIVE COPY DATA), bits 6:0 COPY OPERATION STATUS; 6-7 OPERATION COUNTER; 8-11
 * ESTIMATED STATUS UPDATE DELAY; 12 EXTENDED COPY COMPLETION STATUS; 13 LENGTH OF THE SENSE DATA
 * FIELD (x-31); 14 SENSE DATA LENGTH; 15 TRANSFER COUNT UNITS; 16-23 TRANSFER COUNT; 24-25
 * SEGMENTS PROCESSED; 26-31 reserved; 32-x SENSE DATA.
 *
 * @see SPC-5 "RECEIVE ROD TOKEN INFORMATION parameter data", "RECEIVE COPY STATUS (LID4) parameter data"
 * @internal
 */
import { isScsiCodecError } from '../errors.js';
import type { ByteReader } from '../internal/byte-reader.js';
import type { ByteWriter } from '../internal/byte-writer.js';
import { isUint8Array } from '../internal/contract.js';
import { encodedSenseDataLength, readSenseData, type SenseData, writeSenseData } from '../sense/sense-data.js';

/** Length of the fixed header before SENSE DATA. @remarks Since 0.1.0 */
export const COPY_STATUS_HEADER_LENGTH = 32;

/**
 * The fields RRTI, RECEIVE COPY STATUS (LID4) and RECEIVE COPY DATA (LID4) share.
 *
 * @remarks Since 0.1.0
 */
export interface CopyStatusHeader {
  /** RESPONSE TO SERVICE ACTION (byte 4 bits 4:0): 10h after POPULATE TOKEN, 11h after WRITE USING TOKEN. */
  readonly responseToServiceAction: number;
  /** COPY OPERATION STATUS (byte 5 bits 6:0), see `COPY_OPERATION_STATUS`. */
  readonly copyOperationStatus: number;
  /** OPERATION COUNTER (bytes 6-7). */
  readonly operationCounter: number;
  /** ESTIMATED STATUS UPDATE DELAY (bytes 8-11), milliseconds; FFFFFFFEh when complete, FFFFFFFFh = no estimate. */
  readonly estimatedStatusUpdateDelay: number;
  /** EXTENDED COPY COMPLETION STATUS (byte 12): a SAM status byte. */
  readonly extendedCopyCompletionStatus: number;
  /** SENSE DATA (bytes 32-x), decoded; `undefined` when SENSE DATA LENGTH is 0 (or it could not be decoded). */
  readonly senseData: SenseData | undefined;
  /**
   * Lenient mode only: the SENSE DATA bytes when they could not be decoded (an issue says why).
   * The encoder writes them when `senseData` is undefined.
   */
  readonly unparsedSenseData?: Uint8Array;
  /** TRANSFER COUNT UNITS (byte 15), see `TRANSFER_COUNT_UNITS`. */
  readonly transferCountUnits: number;
  /** TRANSFER COUNT (bytes 16-23). */
  readonly transferCount: bigint;
  /** SEGMENTS PROCESSED (bytes 24-25); 0 for POPULATE TOKEN / WRITE USING TOKEN. */
  readonly segmentsProcessed: number;
}

/** Result of {@link readCopyStatusHeader}. @internal */
export interface CopyStatusHeaderRead {
  readonly header: CopyStatusHeader;
  /** Offset right after the SENSE DATA field (32 + LENGTH OF THE SENSE DATA FIELD). */
  readonly afterSense: number;
}

/**
 * Read the header and SENSE DATA of a status structure whose data ends at `end` (exclusive).
 * `byte5Mask` is the reserved mask of byte 5 (80h, or 00h where bit 7 is HDD).
 *
 * @internal
 */
export function readCopyStatusHeader(r: ByteReader, end: number, byte5Mask: number): CopyStatusHeaderRead {
  r.reserved(4, 0xe0);
  r.reserved(5, byte5Mask);
  const responseToServiceAction = r.bits(4, 4, 0, 'responseToServiceAction');
  const copyOperationStatus = r.bits(5, 6, 0, 'copyOperationStatus');
  const operationCounter = r.u16(6, 'operationCounter');
  const estimatedStatusUpdateDelay = r.u32(8, 'estimatedStatusUpdateDelay');
  const extendedCopyCompletionStatus = r.u8(12, 'extendedCopyCompletionStatus');
  // LENGTH OF THE SENSE DATA FIELD (byte 13), not SENSE DATA LENGTH (byte 14), locates what follows.
  // what there is to report is out of line, so that the common case is small enough to inline
  const fieldLength = r.u8(13, 'lengthOfTheSenseDataField');
  if (fieldLength % 4 !== 0) badFieldLength(r, fieldLength);
  let senseLength = r.u8(14, 'senseDataLength');
  if (senseLength > fieldLength) senseLength = senseTooLong(r, senseLength, fieldLength);
  const transferCountUnits = r.u8(15, 'transferCountUnits');
  const transferCount = r.u64(16, 'transferCount');
  const segmentsProcessed = r.u16(24, 'segmentsProcessed');
  r.reservedBytes(26, 6);
  const { senseData, unparsed } = readEmbeddedSense(r, COPY_STATUS_HEADER_LENGTH, senseLength, end);
  // Two plain literals (same keys, same order) rather than a spread in the middle, which costs more.
  const header: CopyStatusHeader =
    unparsed === undefined
      ? {
          responseToServiceAction,
          copyOperationStatus,
          operationCounter,
          estimatedStatusUpdateDelay,
          extendedCopyCompletionStatus,
          senseData,
          transferCountUnits,
          transferCount,
          segmentsProcessed,
        }
      : {
          responseToServiceAction,
          copyOperationStatus,
          operationCounter,
          estimatedStatusUpdateDelay,
          extendedCopyCompletionStatus,
          senseData,
          unparsedSenseData: unparsed,
          transferCountUnits,
          transferCount,
          segmentsProcessed,
        };
  return { header, afterSense: COPY_STATUS_HEADER_LENGTH + fieldLength };
}

/** LENGTH OF THE SENSE DATA FIELD not a multiple of 4: an issue. */
function badFieldLength(r: ByteReader, fieldLength: number): void {
  r.tolerate('ERR_INVALID_VALUE', 'lengthOfTheSenseDataField', 13, `${fieldLength} is not a multiple of 4`);
}

/** SENSE DATA LENGTH beyond LENGTH OF THE SENSE DATA FIELD: an issue; the field's length is used. */
function senseTooLong(r: ByteReader, senseLength: number, fieldLength: number): number {
  r.tolerate(
    'ERR_LENGTH_MISMATCH',
    'senseDataLength',
    14,
    `SENSE DATA LENGTH ${senseLength} exceeds LENGTH OF THE SENSE DATA FIELD ${fieldLength}`,
  );
  return fieldLength;
}

/** Bytes the SENSE DATA field takes (sense length rounded up to a multiple of 4). @internal */
export function senseFieldLengths(w: ByteWriter | undefined, h: CopyStatusHeader): { sense: number; field: number } {
  let sense = 0;
  if (h.senseData !== undefined) sense = encodedSenseDataLength(h.senseData, COPY_STATUS_HEADER_LENGTH);
  else if (h.unparsedSenseData !== undefined) {
    if (!isUint8Array(h.unparsedSenseData) && w !== undefined) {
      throw w.error('unparsedSenseData', COPY_STATUS_HEADER_LENGTH, 'not a Uint8Array');
    }
    sense = h.unparsedSenseData.length;
  }
  return { sense, field: (sense + 3) & ~3 };
}

/** Write the header and SENSE DATA (AVAILABLE DATA is the caller's). @internal */
export function writeCopyStatusHeader(w: ByteWriter, h: CopyStatusHeader, sense: number, field: number): void {
  w.bits(4, 4, 0, h.responseToServiceAction, 'responseToServiceAction');
  w.bits(5, 6, 0, h.copyOperationStatus, 'copyOperationStatus');
  w.u16(6, h.operationCounter, 'operationCounter');
  w.u32(8, h.estimatedStatusUpdateDelay, 'estimatedStatusUpdateDelay');
  w.u8(12, h.extendedCopyCompletionStatus, 'extendedCopyCompletionStatus');
  w.u8(13, field, 'lengthOfTheSenseDataField');
  w.u8(14, sense, 'senseDataLength');
  w.u8(15, h.transferCountUnits, 'transferCountUnits');
  w.u64(16, h.transferCount, 'transferCount');
  w.u16(24, h.segmentsProcessed, 'segmentsProcessed');
  if (h.senseData !== undefined) writeSenseData(w, COPY_STATUS_HEADER_LENGTH, h.senseData);
  else if (h.unparsedSenseData !== undefined)
    w.bytes(COPY_STATUS_HEADER_LENGTH, h.unparsedSenseData, 'unparsedSenseData');
}

/**
 * Decode `length` bytes of sense data at `off` if they are all before `end` (cut-short sense data
 * is dropped). Lenient mode turns a sense decoding error into an issue and returns the raw bytes.
 *
 * @internal
 */
export function readEmbeddedSense(
  r: ByteReader,
  off: number,
  length: number,
  end: number,
): { senseData: SenseData | undefined; unparsed: Uint8Array | undefined } {
  if (length === 0 || off + length > end) return { senseData: undefined, unparsed: undefined };
  try {
    return { senseData: readSenseData(r.sub(off, length, 'SenseData')), unparsed: undefined };
  } catch (e) {
    if (r.strict || !isScsiCodecError(e)) throw e;
    r.note(e.code, `senseData.${e.field ?? ''}`, e.offset - r.base, `SENSE DATA not decoded: ${e.detail}`, e.bit);
    return { senseData: undefined, unparsed: r.bytes(off, length, 'unparsedSenseData') };
  }
}
