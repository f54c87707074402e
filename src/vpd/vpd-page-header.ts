/**
 * The 4-byte header shared by every VPD page.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, hex } from '../internal/byte-reader.js';
import type { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';

/** Bytes in the VPD page header (PERIPHERAL QUALIFIER/DEVICE TYPE, PAGE CODE, PAGE LENGTH). @remarks Since 0.1.0 */
export const VPD_PAGE_HEADER_LENGTH = 4;

/** Largest PAGE LENGTH (u16). @internal */
export const VPD_MAX_PAGE_LENGTH = 0xffff;

/**
 * Fields of the VPD page header every page object carries.
 *
 * @see SPC-5, "VPD page format" table
 * @remarks Since 0.1.0
 */
export interface VpdPageHeaderFields {
  /** PERIPHERAL QUALIFIER: byte 0 bits 7:5. */
  readonly peripheralQualifier: number;
  /** PERIPHERAL DEVICE TYPE: byte 0 bits 4:0. */
  readonly peripheralDeviceType: number;
}

/**
 * Bytes needed for the whole VPD page whose header is given: PAGE LENGTH + 4. Use it to retry
 * INQUIRY with a large enough ALLOCATION LENGTH after a first short read.
 *
 * @example
 * ```ts
 * const first = inquiry(0x8f, 4);            // any transport
 * const again = inquiry(0x8f, requiredVpdPageLength(first));
 * ```
 * @see SPC-5, "VPD page format" table (PAGE LENGTH)
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredVpdPageLength(headerBytes: Uint8Array): number {
  try {
    const r = new ByteReader(headerBytes, 'VpdPageHeader');
    r.need(VPD_PAGE_HEADER_LENGTH, 'pageLength');
    return r.u16(2, 'pageLength') + VPD_PAGE_HEADER_LENGTH;
  } catch (e) {
    throw inputFault(e, 'VpdPage', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}

/** Result of reading a page header: the fields and a reader clamped to the page. @internal */
export interface ReadVpdHeader {
  readonly header: VpdPageHeaderFields;
  readonly pageCode: number;
  /** Declared PAGE LENGTH. */
  readonly pageLength: number;
  /** Reader over bytes [0, 4 + min(PAGE LENGTH, available - 4)). */
  readonly page: ByteReader;
}

/**
 * Read the header; if `expectedPageCode` is given, the PAGE CODE must match. A PAGE LENGTH
 * longer than the bytes present is clamped (tolerated); extra bytes after the page are ignored.
 *
 * @internal
 */
export function readVpdHeader(r: ByteReader, expectedPageCode?: number): ReadVpdHeader {
  r.need(VPD_PAGE_HEADER_LENGTH);
  const header: VpdPageHeaderFields = {
    peripheralQualifier: r.bits(0, 7, 5, 'peripheralQualifier'),
    peripheralDeviceType: r.bits(0, 4, 0, 'peripheralDeviceType'),
  };
  const pageCode = r.u8(1, 'pageCode');
  if (expectedPageCode !== undefined && pageCode !== expectedPageCode) {
    throw r.error(
      'ERR_UNEXPECTED_VALUE',
      'pageCode',
      1,
      `expected ${hex(expectedPageCode, 2)}, got ${hex(pageCode, 2)}`,
    );
  }
  const pageLength = r.u16(2, 'pageLength');
  let end = VPD_PAGE_HEADER_LENGTH + pageLength;
  if (end > r.length) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'pageLength',
      2,
      `PAGE LENGTH ${hex(pageLength, 4)} needs ${end} bytes but only ${r.length} are present (clamped)`,
    );
    end = r.length;
  }
  return { header, pageCode, pageLength, page: end === r.length ? r : r.sub(0, end) };
}

/** Write the header for a page whose body is `bodyLength` bytes. @internal */
export function writeVpdHeader(w: ByteWriter, h: VpdPageHeaderFields, pageCode: number, bodyLength: number): void {
  w.bits(0, 7, 5, h.peripheralQualifier, 'peripheralQualifier');
  w.bits(0, 4, 0, h.peripheralDeviceType, 'peripheralDeviceType');
  w.u8(1, pageCode, 'pageCode');
  w.u16(2, bodyLength, 'pageLength');
}

/** `issues` of a reader's sink, or nothing. @internal */
export function issuesFrom(issues: readonly DecodeIssue[]): { issues?: readonly DecodeIssue[] } {
  return issues.length === 0 ? {} : { issues };
}
