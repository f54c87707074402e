/**
 * REPORT LUNS parameter data (SPC-5): 0-3 LUN LIST LENGTH (n-7); 4-7 reserved; 8-n LUNs, 8 bytes
 * each, kept as 64-bit bigints (byte 0 is the most significant byte).
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ScsiCodecError } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, checkRange, show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { truncatedOf } from './common.js';

const STRUCTURE = 'ReportLunsParameterData';

/** Length of the REPORT LUNS parameter data header (LUN LIST LENGTH + reserved). @remarks Since 0.1.0 */
export const REPORT_LUNS_HEADER_LENGTH = 8;

/** Bytes in one LUN of the list. @remarks Since 0.1.0 */
export const LUN_LENGTH = 8;

/** Largest number of LUNs a LUN LIST LENGTH (u32) can describe. @internal */
const MAX_LUNS = Math.floor(0xffff_ffff / LUN_LENGTH);

/**
 * REPORT LUNS parameter data.
 *
 * @see SPC-5, "REPORT LUNS parameter data format" table
 * @remarks Since 0.1.0
 */
export interface ReportLunsParameterData {
  /**
   * The LUN list: each 8-byte LUN as a 64-bit bigint, byte 0 most significant (SAM-6 LUN
   * structure; {@link lunFromNumber} / {@link lunToNumber} convert the simple single-level forms).
   */
  readonly luns: readonly bigint[];
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode REPORT LUNS parameter data; LUN LIST LENGTH is computed (8 × number of LUNs).
 *
 * @see SPC-5, "REPORT LUNS parameter data format" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `luns` is not an array, is too long for LUN LIST
 *   LENGTH, or a LUN is not a bigint in 0..2^64-1.
 * @remarks Since 0.1.0
 */
export function encodeReportLunsParameterData(value: ReportLunsParameterData): Uint8Array<ArrayBuffer> {
  try {
    const luns = value.luns;
    checkRange(STRUCTURE, 'luns', REPORT_LUNS_HEADER_LENGTH, Array.isArray(luns) ? luns.length : -1, MAX_LUNS);
    const w = new ByteWriter(REPORT_LUNS_HEADER_LENGTH + LUN_LENGTH * luns.length, STRUCTURE);
    w.u32(0, LUN_LENGTH * luns.length, 'lunListLength');
    luns.forEach((lun, i) => {
      w.u64(REPORT_LUNS_HEADER_LENGTH + LUN_LENGTH * i, lun, 'lun');
    });
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportLunsParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode REPORT LUNS parameter data. The 8-byte header must be present. A LUN LIST LENGTH that is
 * not a multiple of 8 is an `ERR_LENGTH_MISMATCH` issue (strict: thrown) and the partial LUN is
 * dropped. A list cut short by ALLOCATION LENGTH gives the complete LUNs present, `truncated:
 * true` and an `ERR_TRUNCATED` issue (both modes). Bytes after LUN LIST LENGTH + 8 are ignored.
 *
 * @see SPC-5, "REPORT LUNS parameter data format" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 8 bytes); strict: `ERR_RESERVED_NONZERO`
 *   (bytes 4-7), `ERR_LENGTH_MISMATCH`.
 * @remarks Since 0.1.0
 */
export function decodeReportLunsParameterData(bytes: Uint8Array, options?: DecodeOptions): ReportLunsParameterData {
  try {
    const r = new ByteReader(bytes, STRUCTURE, options);
    r.need(REPORT_LUNS_HEADER_LENGTH);
    const lunListLength = r.u32(0, 'lunListLength');
    r.reservedBytes(4, 4);
    if (lunListLength % LUN_LENGTH !== 0) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'lunListLength', 0, `LUN LIST LENGTH ${lunListLength} is not a multiple of 8`);
    }
    const declaredEnd = REPORT_LUNS_HEADER_LENGTH + lunListLength;
    const truncated = declaredEnd > r.length;
    if (truncated) {
      r.note(
        'ERR_TRUNCATED',
        'lunListLength',
        0,
        `LUN LIST LENGTH says ${declaredEnd} bytes, only ${r.length} present (cut short by ALLOCATION LENGTH?)`,
      );
    }
    const end = Math.min(declaredEnd, r.length);
    const luns: bigint[] = [];
    for (let off = REPORT_LUNS_HEADER_LENGTH; off + LUN_LENGTH <= end; off += LUN_LENGTH) {
      luns.push(r.u64(off, 'lun'));
    }
    return { luns, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'ReportLunsParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole REPORT LUNS parameter data: LUN LIST LENGTH + 8.
 *
 * @see SPC-5, "REPORT LUNS parameter data format" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredReportLunsParameterDataLength(headerBytes: Uint8Array): number {
  try {
    const r = new ByteReader(headerBytes, STRUCTURE);
    r.need(4, 'lunListLength');
    return REPORT_LUNS_HEADER_LENGTH + r.u32(0, 'lunListLength');
  } catch (e) {
    throw inputFault(e, 'ReportLunsParameterData', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}

/** Largest LUN number {@link lunFromNumber} accepts (flat space addressing, 14 bits). @remarks Since 0.1.0 */
export const MAX_SIMPLE_LUN = 0x3fff;

/**
 * The 8-byte single-level LUN for a LUN number, as a bigint: 0-255 use the peripheral device
 * addressing method (byte 0 = 00h, byte 1 = LUN), 256-16383 the flat space addressing method
 * (byte 0 = 40h | LUN bits 13:8, byte 1 = LUN bits 7:0); bytes 2-7 are zero.
 *
 * @example
 * ```ts
 * lunFromNumber(5);    // 0x0005_0000_0000_0000n
 * lunFromNumber(300);  // 0x412c_0000_0000_0000n
 * ```
 * @see SAM-6, "Peripheral device addressing method" and "Flat space addressing method"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `n` is not an integer in 0..16383.
 * @remarks Since 0.1.0
 */
export function lunFromNumber(n: number): bigint {
  try {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_SIMPLE_LUN) {
      throw new ScsiCodecError('ERR_FIELD_RANGE', 'Lun', 'lun', 0, `${show(n)} is not an integer in 0..16383`);
    }
    const first16 = n < 256 ? n : 0x4000 | n;
    return BigInt(first16) << 48n;
  } catch (e) {
    throw inputFault(e, 'lunFromNumber', [n], 'ERR_FIELD_RANGE');
  }
}

/**
 * The LUN number of a single-level LUN in the peripheral device (bus identifier 0) or flat space
 * addressing form with bytes 2-7 zero, else `undefined` (other addressing methods, multi-level
 * LUNs, the REPORT LUNS well-known LUN...). Inverse of {@link lunFromNumber} on its range; also
 * accepts numbers 0-255 written in flat space form.
 *
 * @see SAM-6, "Peripheral device addressing method" and "Flat space addressing method"
 * @remarks Since 0.1.0
 */
export function lunToNumber(lun: bigint): number | undefined {
  try {
    if (typeof lun !== 'bigint' || lun < 0n || lun > 0xffff_ffff_ffff_ffffn) return undefined;
    if ((lun & 0xffff_ffff_ffffn) !== 0n) return undefined;
    const first16 = Number(lun >> 48n);
    const method = first16 >> 14;
    if (method === 0) return first16 <= 0xff ? first16 : undefined; // bus identifier must be 0
    if (method === 1) return first16 & 0x3fff;
    return undefined;
  } catch (e) {
    throw inputFault(e, 'lunToNumber', [lun], 'ERR_FIELD_RANGE');
  }
}
