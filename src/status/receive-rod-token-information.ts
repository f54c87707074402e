/**
 * RECEIVE ROD TOKEN INFORMATION parameter data (84h/07h): the copy status header and SENSE DATA,
 * then ROD TOKEN DESCRIPTORS LENGTH (x+1..x+4) and ROD token descriptors (2-byte ID FOR CREATING
 * ROD CSCD DESCRIPTOR + the ROD token, kept raw: decode it with `decodeRodToken`).
 *
 * After POPULATE TOKEN with a 512-byte token and no sense data the response is 550 bytes:
 * AVAILABLE DATA 0222h, ROD TOKEN DESCRIPTORS LENGTH 0202h at 32-35, the token at 38-549.
 *
 * @see SPC-5 "RECEIVE ROD TOKEN INFORMATION parameter data", "ROD token descriptor"; SBC-4 RRTI tables
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { asUint8Array, inputFault, isUint8Array, objectList } from '../internal/contract.js';
import { u16, u32, u64 } from '../internal/unchecked-read.js';
import { readSenseData, type SenseData } from '../sense/sense-data.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';
import {
  COPY_STATUS_HEADER_LENGTH,
  type CopyStatusHeader,
  readCopyStatusHeader,
  senseFieldLengths,
  writeCopyStatusHeader,
} from './copy-status-header.js';

/**
 * One ROD token descriptor.
 *
 * @see SPC-5 "ROD token descriptor" table
 * @remarks Since 0.1.0
 */
export interface RodTokenDescriptor {
  /** ID FOR CREATING ROD CSCD DESCRIPTOR (bytes 0-1): 0 after POPULATE TOKEN. */
  readonly idForCreatingRodCscdDescriptor: number;
  /** The ROD token (512 bytes for ODX): a copy; its length is 8 + its own ROD TOKEN LENGTH (bytes 6-7). */
  readonly rodToken: Uint8Array;
}

/**
 * Decoded RECEIVE ROD TOKEN INFORMATION parameter data.
 *
 * @remarks Since 0.1.0
 */
export interface RodTokenInformation extends CopyStatusHeader {
  /** ROD token descriptors; empty unless the copy completed without errors (and always after WRITE USING TOKEN). */
  readonly rodTokenDescriptors: readonly RodTokenDescriptor[];
  /** Data cut short by ALLOCATION LENGTH: what is present was decoded, partial parts dropped. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** Check a raw token for the encoder and return its length. @internal */
function tokenLength(w: ByteWriter, off: number, token: Uint8Array): number {
  if (!isUint8Array(token) || token.length < 8) throw w.error('rodToken', off, 'a ROD token is at least 8 bytes');
  const declared = 8 + (((token[6] as number) << 8) | (token[7] as number));
  if (declared !== token.length) {
    throw w.error('rodToken', off, `token is ${token.length} bytes but its ROD TOKEN LENGTH says ${declared}`);
  }
  return token.length;
}

/**
 * Encode RECEIVE ROD TOKEN INFORMATION parameter data; AVAILABLE DATA, LENGTH OF THE SENSE DATA
 * FIELD (sense length rounded up to a multiple of 4), SENSE DATA LENGTH and ROD TOKEN DESCRIPTORS
 * LENGTH are computed.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, the sense data is over 252
 * bytes, or a token's length disagrees with its ROD TOKEN LENGTH field.
 * @remarks Since 0.1.0
 */
export function encodeRodTokenInformation(v: RodTokenInformation): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, 'RodTokenInformation');
    const { sense, field } = senseFieldLengths(probe, v);
    const descs = v.rodTokenDescriptors;
    objectList('RodTokenInformation', 'rodTokenDescriptors', COPY_STATUS_HEADER_LENGTH + field + 4, descs, 0xffff);
    const afterSense = COPY_STATUS_HEADER_LENGTH + field;
    let listLength = 0;
    for (const d of descs) listLength += 2 + tokenLength(probe, afterSense + 4 + listLength + 2, d.rodToken);
    const w = new ByteWriter(afterSense + 4 + listLength, 'RodTokenInformation');
    w.u32(0, afterSense + listLength, 'availableData');
    writeCopyStatusHeader(w, v, sense, field);
    w.u32(afterSense, listLength, 'rodTokenDescriptorsLength');
    let off = afterSense + 4;
    for (const d of descs) {
      w.u16(off, d.idForCreatingRodCscdDescriptor, 'idForCreatingRodCscdDescriptor');
      w.bytes(off + 2, d.rodToken, 'rodToken');
      off += 2 + d.rodToken.length;
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'RodTokenInformation', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE ROD TOKEN INFORMATION parameter data. The token list is found through LENGTH OF
 * THE SENSE DATA FIELD (byte 13), never byte 14. Each descriptor is 2 + (8 + the token's ROD TOKEN
 * LENGTH) bytes.
 *
 * Lengths that disagree (AVAILABLE DATA vs ROD TOKEN DESCRIPTORS LENGTH, a list that is not made of
 * whole descriptors, SENSE DATA LENGTH > byte 13, byte 13 not a multiple of 4) are issues, thrown in
 * strict mode. Data cut short by ALLOCATION LENGTH gives `truncated: true` in both modes.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 32-byte header is missing; strict:
 * `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_RESERVED_NONZERO`, and sense data errors.
 * @remarks Since 0.1.0
 */
export function decodeRodTokenInformation(bytes: Uint8Array, options?: DecodeOptions): RodTokenInformation {
  try {
    if (options?.strict !== true && options?.trace === undefined) {
      const lean = readLean(bytes, options);
      if (lean !== undefined) return lean;
    }
    const { r, end, truncated, declaredEnd } = openStatus(
      bytes,
      'RodTokenInformation',
      options,
      COPY_STATUS_HEADER_LENGTH,
    );
    const { header, afterSense } = readCopyStatusHeader(r, end, 0x80);
    const descriptors: RodTokenDescriptor[] = [];
    if (afterSense + 4 <= end) {
      const listLength = r.u32(afterSense, 'rodTokenDescriptorsLength');
      const listStart = afterSense + 4;
      if (listStart + listLength !== declaredEnd) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'rodTokenDescriptorsLength',
          afterSense,
          `ROD TOKEN DESCRIPTORS LENGTH ${listLength} disagrees with AVAILABLE DATA ${declaredEnd - 4} (expected ${declaredEnd - listStart})`,
        );
      }
      const listEnd = Math.min(listStart + listLength, end);
      let off = listStart;
      while (off + 10 <= listEnd) {
        const size = 8 + r.u16(off + 8, 'rodTokenLength');
        if (off + 2 + size > listEnd) break;
        descriptors.push({
          idForCreatingRodCscdDescriptor: r.u16(off, 'idForCreatingRodCscdDescriptor'),
          rodToken: r.bytes(off + 2, size, 'rodToken'),
        });
        off += 2 + size;
      }
      if (off < listEnd && listEnd === listStart + listLength) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'rodTokenDescriptorsLength',
          afterSense,
          `${listEnd - off} byte(s) at ${r.abs(off)} do not form a whole ROD token descriptor (ignored)`,
        );
      }
    } else if (!truncated) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'availableData',
        0,
        `AVAILABLE DATA ends before ROD TOKEN DESCRIPTORS LENGTH (at ${afterSense})`,
      );
    }
    if (header.unparsedSenseData !== undefined || truncated || r.issues.length !== 0) {
      return { ...header, rodTokenDescriptors: descriptors, ...truncatedOf(truncated), ...issuesOf(r) };
    }
    // Common case built as one literal (same keys, same order), cheaper than spreading the header.
    return {
      responseToServiceAction: header.responseToServiceAction,
      copyOperationStatus: header.copyOperationStatus,
      operationCounter: header.operationCounter,
      estimatedStatusUpdateDelay: header.estimatedStatusUpdateDelay,
      extendedCopyCompletionStatus: header.extendedCopyCompletionStatus,
      senseData: header.senseData,
      transferCountUnits: header.transferCountUnits,
      transferCount: header.transferCount,
      segmentsProcessed: header.segmentsProcessed,
      rodTokenDescriptors: descriptors,
    };
  } catch (e) {
    throw inputFault(e, 'RodTokenInformation', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * The lean decode (lenient, untraced) of parameter data whose lengths all agree: the header and
 * the ROD token descriptors read by index, the result built once, the SENSE DATA through the sense
 * decoder as in {@link readCopyStatusHeader} (whose offsets these are). `undefined` when the
 * reader-based decode would record an issue, note or `truncated` (it then runs and records them),
 * also for the SENSE DATA: so no issue or error is made here. Checked to agree with the
 * reader-based decode by test/status/rrti-lean.test.ts.
 *
 * @internal
 */
export function readLean(bytes: Uint8Array, options: DecodeOptions | undefined): RodTokenInformation | undefined {
  // (not a genuine Uint8Array: the reader-based decode makes the error)
  const a = asUint8Array(bytes);
  if (a === undefined || a.length < COPY_STATUS_HEADER_LENGTH) return undefined;
  const end = 4 + u32(a, 0);
  // (an AVAILABLE DATA short of the header fails the list test below)
  if (end > a.length) return undefined;
  const fieldLength = a[13] as number;
  const senseLength = a[14] as number;
  if (fieldLength % 4 !== 0 || senseLength > fieldLength) return undefined;
  const afterSense = COPY_STATUS_HEADER_LENGTH + fieldLength;
  if (afterSense + 4 > end || afterSense + 4 + u32(a, afterSense) !== end) return undefined;
  const descriptors: RodTokenDescriptor[] = [];
  let off = afterSense + 4;
  while (off + 10 <= end) {
    const size = 8 + u16(a, off + 8);
    if (off + 2 + size > end) break;
    descriptors.push({ idForCreatingRodCscdDescriptor: u16(a, off), rodToken: a.slice(off + 2, off + 2 + size) });
    off += 2 + size;
  }
  if (off !== end) return undefined;
  let senseData: SenseData | undefined;
  if (senseLength !== 0) {
    // The reader `readEmbeddedSense` makes for the SENSE DATA (window at byte 32), without the
    // parameter data's own reader; an error or an issue in it sends the decode the reader-based way.
    const r = new ByteReader(
      a,
      'SenseData',
      options,
      COPY_STATUS_HEADER_LENGTH,
      [],
      COPY_STATUS_HEADER_LENGTH,
      senseLength,
    );
    try {
      senseData = readSenseData(r);
    } catch {
      return undefined;
    }
    if (r.issues.length !== 0) return undefined;
  }
  return {
    responseToServiceAction: (a[4] as number) & 0x1f,
    copyOperationStatus: (a[5] as number) & 0x7f,
    operationCounter: u16(a, 6),
    estimatedStatusUpdateDelay: u32(a, 8),
    extendedCopyCompletionStatus: a[12] as number,
    senseData,
    transferCountUnits: a[15] as number,
    transferCount: u64(a, 16),
    segmentsProcessed: u16(a, 24),
    rodTokenDescriptors: descriptors,
  };
}

/**
 * The ALLOCATION LENGTH that fetches the whole RRTI parameter data, from its first 4 bytes
 * (AVAILABLE DATA + 4; 550 after a POPULATE TOKEN without sense data).
 *
 * @example
 * ```ts
 * requiredRodTokenInformationLength(Uint8Array.of(0, 0, 0x02, 0x22)); // 550
 * ```
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredRodTokenInformationLength(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'RodTokenInformation');
  } catch (e) {
    throw inputFault(e, 'RodTokenInformation', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
