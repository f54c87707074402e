/**
 * RECEIVE COPY OPERATING PARAMETERS parameter data (84h/03h).
 *
 * Layout: 0-3 AVAILABLE DATA (n-3); 4 bit 0 SNLID; 5-7 reserved; 8-9 MAXIMUM CSCD DESCRIPTOR
 * COUNT; 10-11 MAXIMUM SEGMENT DESCRIPTOR COUNT; 12-15 MAXIMUM DESCRIPTOR LIST LENGTH; 16-19
 * MAXIMUM SEGMENT LENGTH; 20-23 MAXIMUM INLINE DATA LENGTH; 24-27 HELD DATA LIMIT; 28-31 MAXIMUM
 * STREAM DEVICE TRANSFER SIZE; 32-33 reserved; 34-35 TOTAL CONCURRENT COPIES; 36 MAXIMUM
 * CONCURRENT COPIES; 37 DATA SEGMENT GRANULARITY; 38 INLINE DATA GRANULARITY; 39 HELD DATA
 * GRANULARITY; 40-42 reserved; 43 IMPLEMENTED DESCRIPTOR LIST LENGTH (n-43); 44-n codes.
 *
 * @see SPC-4 "RECEIVE COPY OPERATING PARAMETERS parameter data" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';

/** Length of the fixed part (bytes 0-43). @remarks Since 0.1.0 */
export const COPY_OPERATING_PARAMETERS_FIXED_LENGTH = 44;

/** Decoded RECEIVE COPY OPERATING PARAMETERS data. @remarks Since 0.1.0 */
export interface CopyOperatingParameters {
  /** SNLID (byte 4 bit 0): supports no list identifier. */
  readonly snlid: boolean;
  readonly maximumCscdDescriptorCount: number;
  readonly maximumSegmentDescriptorCount: number;
  readonly maximumDescriptorListLength: number;
  readonly maximumSegmentLength: number;
  readonly maximumInlineDataLength: number;
  readonly heldDataLimit: number;
  readonly maximumStreamDeviceTransferSize: number;
  readonly totalConcurrentCopies: number;
  readonly maximumConcurrentCopies: number;
  /** DATA SEGMENT GRANULARITY (log2 bytes). */
  readonly dataSegmentGranularity: number;
  /** INLINE DATA GRANULARITY (log2 bytes). */
  readonly inlineDataGranularity: number;
  /** HELD DATA GRANULARITY (log2 bytes). */
  readonly heldDataGranularity: number;
  /** Implemented descriptor type codes (bytes 44-n), ascending per SPC. */
  readonly implementedDescriptorTypeCodes: readonly number[];
  /** Data cut short by ALLOCATION LENGTH (see the notes' truncation policy). */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode RECEIVE COPY OPERATING PARAMETERS data (AVAILABLE DATA and the list length computed).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, or more than 255 type codes.
 * @remarks Since 0.1.0
 */
export function encodeCopyOperatingParameters(v: CopyOperatingParameters): Uint8Array<ArrayBuffer> {
  try {
    const codes = v.implementedDescriptorTypeCodes;
    checkRange(
      'CopyOperatingParameters',
      'implementedDescriptorTypeCodes',
      43,
      Array.isArray(codes) ? codes.length : -1,
      255,
    );
    const w = new ByteWriter(COPY_OPERATING_PARAMETERS_FIXED_LENGTH + codes.length, 'CopyOperatingParameters');
    w.u32(0, 40 + codes.length, 'availableData');
    w.bit(4, 0, v.snlid, 'snlid');
    w.u16(8, v.maximumCscdDescriptorCount, 'maximumCscdDescriptorCount');
    w.u16(10, v.maximumSegmentDescriptorCount, 'maximumSegmentDescriptorCount');
    w.u32(12, v.maximumDescriptorListLength, 'maximumDescriptorListLength');
    w.u32(16, v.maximumSegmentLength, 'maximumSegmentLength');
    w.u32(20, v.maximumInlineDataLength, 'maximumInlineDataLength');
    w.u32(24, v.heldDataLimit, 'heldDataLimit');
    w.u32(28, v.maximumStreamDeviceTransferSize, 'maximumStreamDeviceTransferSize');
    w.u16(34, v.totalConcurrentCopies, 'totalConcurrentCopies');
    w.u8(36, v.maximumConcurrentCopies, 'maximumConcurrentCopies');
    w.u8(37, v.dataSegmentGranularity, 'dataSegmentGranularity');
    w.u8(38, v.inlineDataGranularity, 'inlineDataGranularity');
    w.u8(39, v.heldDataGranularity, 'heldDataGranularity');
    w.u8(43, codes.length, 'implementedDescriptorListLength');
    codes.forEach((c, i) => {
      w.u8(44 + i, c, 'implementedDescriptorTypeCodes');
    });
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyOperatingParameters', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode RECEIVE COPY OPERATING PARAMETERS data. Type codes not in ascending order are an
 * `ERR_INVALID_VALUE` issue (strict: thrown); a list running past AVAILABLE DATA is an
 * `ERR_LENGTH_MISMATCH` issue (strict: thrown).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 44-byte fixed part is missing; strict:
 * `ERR_RESERVED_NONZERO`, `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`.
 * @remarks Since 0.1.0
 */
export function decodeCopyOperatingParameters(bytes: Uint8Array, options?: DecodeOptions): CopyOperatingParameters {
  try {
    const { r, end, truncated, declaredEnd } = openStatus(
      bytes,
      'CopyOperatingParameters',
      options,
      COPY_OPERATING_PARAMETERS_FIXED_LENGTH,
    );
    r.reserved(4, 0xfe);
    r.reservedBytes(5, 3);
    r.reservedBytes(32, 2);
    r.reservedBytes(40, 3);
    const listLength = r.u8(43, 'implementedDescriptorListLength');
    if (44 + listLength !== declaredEnd) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'implementedDescriptorListLength',
        43,
        `list length ${listLength} disagrees with AVAILABLE DATA ${declaredEnd - 4} (expected ${declaredEnd - 44})`,
      );
    }
    const listEnd = Math.min(44 + listLength, end);
    const codes: number[] = [];
    for (let off = 44; off < listEnd; off++) {
      const c = r.u8(off, 'implementedDescriptorTypeCode');
      const prev = codes[codes.length - 1];
      if (prev !== undefined && c <= prev) {
        r.tolerate(
          'ERR_INVALID_VALUE',
          'implementedDescriptorTypeCode',
          off,
          `${hex(c, 2)} is not above ${hex(prev, 2)}`,
        );
      }
      codes.push(c);
    }
    return {
      snlid: r.bit(4, 0, 'snlid'),
      maximumCscdDescriptorCount: r.u16(8, 'maximumCscdDescriptorCount'),
      maximumSegmentDescriptorCount: r.u16(10, 'maximumSegmentDescriptorCount'),
      maximumDescriptorListLength: r.u32(12, 'maximumDescriptorListLength'),
      maximumSegmentLength: r.u32(16, 'maximumSegmentLength'),
      maximumInlineDataLength: r.u32(20, 'maximumInlineDataLength'),
      heldDataLimit: r.u32(24, 'heldDataLimit'),
      maximumStreamDeviceTransferSize: r.u32(28, 'maximumStreamDeviceTransferSize'),
      totalConcurrentCopies: r.u16(34, 'totalConcurrentCopies'),
      maximumConcurrentCopies: r.u8(36, 'maximumConcurrentCopies'),
      dataSegmentGranularity: r.u8(37, 'dataSegmentGranularity'),
      inlineDataGranularity: r.u8(38, 'inlineDataGranularity'),
      heldDataGranularity: r.u8(39, 'heldDataGranularity'),
      implementedDescriptorTypeCodes: codes,
      ...truncatedOf(truncated),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'CopyOperatingParameters', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole RECEIVE COPY OPERATING PARAMETERS data: AVAILABLE DATA + 4.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredCopyOperatingParametersLength(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'CopyOperatingParameters');
  } catch (e) {
    throw inputFault(e, 'CopyOperatingParameters', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
