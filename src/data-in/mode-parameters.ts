/**
 * Mode parameter data returned by MODE SENSE (6) and MODE SENSE (10): the mode parameter header,
 * the block descriptors and the mode pages.
 *
 * - Mode parameter header (6), 4 bytes: byte 0 MODE DATA LENGTH (n-1); byte 1 MEDIUM TYPE; byte 2
 *   DEVICE-SPECIFIC PARAMETER; byte 3 BLOCK DESCRIPTOR LENGTH.
 * - Mode parameter header (10), 8 bytes: bytes 0-1 MODE DATA LENGTH (n-2); byte 2 MEDIUM TYPE; byte
 *   3 DEVICE-SPECIFIC PARAMETER; byte 4 bits 7:1 reserved, bit 0 LONGLBA; byte 5 reserved; bytes
 *   6-7 BLOCK DESCRIPTOR LENGTH.
 * - Block descriptors, direct-access formats (SBC-4): short LBA (8 bytes: 0-3 NUMBER OF LOGICAL
 *   BLOCKS, 4 reserved, 5-7 LOGICAL BLOCK LENGTH) or, with LONGLBA, long LBA (16 bytes: 0-7 NUMBER
 *   OF LOGICAL BLOCKS, 8-11 reserved, 12-15 LOGICAL BLOCK LENGTH).
 * - Mode pages: byte 0 bit 7 PS, bit 6 SPF, bits 5:0 PAGE CODE; page_0 format: byte 1 PAGE LENGTH;
 *   sub_page format (SPF = 1): byte 1 SUBPAGE CODE, bytes 2-3 PAGE LENGTH. The Caching (08h),
 *   Control (0Ah) and Informational Exceptions Control (1Ch) pages in page_0 format with their
 *   standard PAGE LENGTH decode into fields (table-driven: {@link MODE_PAGE_LAYOUTS}); every other
 *   page is kept raw (`kind: 'unknown'`) and re-encodes byte-identically.
 *
 * Truncation (ALLOCATION LENGTH) follows the data-in policy: the header must be present; complete
 * block descriptors and pages are decoded, `truncated: true` is set and an `ERR_TRUNCATED` issue
 * recorded (both modes). Obsolete bits are ignored and written as zero.
 *
 * @see SPC-5 "Mode parameters" (mode parameter header, mode page formats), "Control mode page",
 *   "Informational Exceptions Control mode page"; SBC-4 "Mode parameter block descriptors",
 *   "Caching mode page", "Mode parameter header device-specific parameter"
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, checkRange, show } from '../internal/byte-writer.js';
import { inputFault, objectList } from '../internal/contract.js';
import { truncatedOf } from './common.js';
import {
  type KnownModePage,
  LAYOUT_BY_KIND,
  LONG_LBA_BLOCK_DESCRIPTOR_LENGTH,
  MODE_PAGE_LAYOUTS,
  MODE_PARAMETER_HEADER_6_LENGTH,
  MODE_PARAMETER_HEADER_10_LENGTH,
  type ModeBlockDescriptor,
  type ModePage,
  type ModePageLayout,
  SHORT_LBA_BLOCK_DESCRIPTOR_LENGTH,
} from './mode-pages.js';

/** Fields common to both mode parameter data formats. @remarks Since 0.2.0 */
export interface ModeParameterDataCommon {
  /** MEDIUM TYPE (00h for direct-access block devices). */
  readonly mediumType: number;
  /** DEVICE-SPECIFIC PARAMETER (direct access: see {@link SBC_DEVICE_SPECIFIC_PARAMETER}). */
  readonly deviceSpecificParameter: number;
  /** The block descriptors (BLOCK DESCRIPTOR LENGTH is computed on encode). */
  readonly blockDescriptors: readonly ModeBlockDescriptor[];
  /** The mode pages, in order. */
  readonly modePages: readonly ModePage[];
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * MODE SENSE (6) parameter data: header (6), short LBA block descriptors, mode pages.
 *
 * @see SPC-5 "Mode parameter header(6)"
 * @remarks Since 0.2.0
 */
export type ModeParameterData6 = ModeParameterDataCommon;

/**
 * MODE SENSE (10) parameter data: header (10), short or (LONGLBA) long LBA block descriptors,
 * mode pages.
 *
 * @see SPC-5 "Mode parameter header(10)"
 * @remarks Since 0.2.0
 */
export interface ModeParameterData10 extends ModeParameterDataCommon {
  /** LONGLBA (byte 4 bit 0): the block descriptors are in long LBA format. */
  readonly longLba: boolean;
}

interface Format {
  readonly structure: string;
  readonly header: number;
  /** Bytes of MODE DATA LENGTH (it counts the bytes after itself). */
  readonly mdlBytes: 1 | 2;
}
const F6: Format = { structure: 'ModeParameterData6', header: MODE_PARAMETER_HEADER_6_LENGTH, mdlBytes: 1 };
const F10: Format = { structure: 'ModeParameterData10', header: MODE_PARAMETER_HEADER_10_LENGTH, mdlBytes: 2 };

// ------------------------------------------------------------------ pages

function readKnownPage(r: ByteReader, layout: ModePageLayout, ps: boolean): KnownModePage {
  for (const [off, mask] of layout.reserved) r.reserved(off, mask);
  const page: Record<string, unknown> = { kind: layout.kind, ps };
  for (const f of layout.fields) {
    if ('bit' in f) page[f.name] = r.bit(f.offset, f.bit, f.name);
    else if ('hi' in f) page[f.name] = r.bits(f.offset, f.hi, f.lo, f.name);
    else if (f.bytes === 1) page[f.name] = r.u8(f.offset, f.name);
    else if (f.bytes === 2) page[f.name] = r.u16(f.offset, f.name);
    else page[f.name] = r.u32(f.offset, f.name);
  }
  return page as unknown as KnownModePage;
}

function writeKnownPage(w: ByteWriter, layout: ModePageLayout, page: KnownModePage): void {
  const values = page as unknown as Record<string, unknown>;
  w.bit(0, 7, page.ps, 'ps');
  w.bits(0, 5, 0, layout.pageCode, 'pageCode');
  w.u8(1, layout.pageLength, 'pageLength');
  for (const f of layout.fields) {
    const v = values[f.name];
    if ('bit' in f) w.bit(f.offset, f.bit, v as boolean, f.name);
    else if ('hi' in f) w.bits(f.offset, f.hi, f.lo, v as number, f.name);
    else if (f.bytes === 1) w.u8(f.offset, v as number, f.name);
    else if (f.bytes === 2) w.u16(f.offset, v as number, f.name);
    else w.u32(f.offset, v as number, f.name);
  }
}

/** Encoded length of one mode page; throws ERR_FIELD_RANGE for an unknown kind or oversized data. */
function pageLength(structure: string, page: ModePage, offset: number): number {
  if (page === null || typeof page !== 'object')
    throw new ByteWriter(0, structure).error('modePages', offset, `not a mode page: ${show(page)}`);
  if (page.kind === 'unknown') {
    const n = byteFieldLength(structure, 'pageData', offset, page.bytes);
    checkRange(structure, 'pageData', offset, n, page.spf ? 0xffff : 0xff);
    return (page.spf ? 4 : 2) + n;
  }
  const layout = LAYOUT_BY_KIND.get((page as { kind?: unknown }).kind as string);
  if (layout === undefined) {
    throw new ByteWriter(0, structure).error(
      'kind',
      offset,
      `unknown mode page kind ${show((page as { kind?: unknown }).kind)}`,
    );
  }
  return 2 + layout.pageLength;
}

function writePage(w: ByteWriter, page: ModePage): void {
  if (page.kind === 'unknown') {
    w.bit(0, 7, page.ps, 'ps');
    w.bit(0, 6, page.spf, 'spf');
    w.bits(0, 5, 0, page.pageCode, 'pageCode');
    if (page.spf) {
      w.u8(1, page.subpageCode, 'subpageCode');
      w.u16(2, page.bytes.length, 'pageLength');
      w.bytes(4, page.bytes, 'pageData');
    } else {
      if (page.subpageCode !== 0) throw w.error('subpageCode', 1, 'SUBPAGE CODE must be 0 when SPF is 0');
      w.u8(1, page.bytes.length, 'pageLength');
      w.bytes(2, page.bytes, 'pageData');
    }
    return;
  }
  const layout = LAYOUT_BY_KIND.get(page.kind) as ModePageLayout;
  writeKnownPage(w.sub(0, 2 + layout.pageLength, layout.structure), layout, page);
}

/** Decode pages in [start, end); `cut` says the data was cut short (so a partial page is normal). */
function readPages(r: ByteReader, start: number, end: number, cut: boolean): ModePage[] {
  const pages: ModePage[] = [];
  let off = start;
  while (off < end) {
    const headerLength = r.bit(off, 6) ? 4 : 2; // peek SPF (untraced)
    if (off + headerLength > end) break;
    const ps = r.bit(off, 7, 'ps');
    const spf = r.bit(off, 6, 'spf');
    const pageCode = r.bits(off, 5, 0, 'pageCode');
    const subpageCode = spf ? r.u8(off + 1, 'subpageCode') : 0;
    const length = spf ? r.u16(off + 2, 'pageLength') : r.u8(off + 1, 'pageLength');
    if (off + headerLength + length > end) {
      if (!cut) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'pageLength',
          off + (spf ? 2 : 1),
          `mode page ${hex(pageCode, 2)} runs past MODE DATA LENGTH`,
        );
      }
      break;
    }
    const layout = spf ? undefined : MODE_PAGE_LAYOUTS.get(pageCode);
    if (layout !== undefined && layout.pageLength === length) {
      pages.push(readKnownPage(r.sub(off, headerLength + length, layout.structure), layout, ps));
    } else {
      const pageData = r.bytes(off + headerLength, length, 'pageData');
      pages.push({ kind: 'unknown', ps, spf, pageCode, subpageCode, bytes: pageData });
    }
    off += headerLength + length;
  }
  return pages;
}

// ------------------------------------------------------------------ whole data

function encode(f: Format, value: ModeParameterDataCommon, longLba: boolean): Uint8Array<ArrayBuffer> {
  const s = f.structure;
  const bds = value.blockDescriptors;
  const pages = value.modePages;
  objectList(s, 'blockDescriptors', f.header, bds, 0xffff);
  // Checked like the block descriptors: a sparse array with a huge length must not be walked.
  objectList(s, 'modePages', f.header, pages, 0xffff);
  const dlen = longLba ? LONG_LBA_BLOCK_DESCRIPTOR_LENGTH : SHORT_LBA_BLOCK_DESCRIPTOR_LENGTH;
  const bdl = bds.length * dlen;
  checkRange(s, 'blockDescriptors', f.header, bdl, f.mdlBytes === 1 ? 0xff : 0xffff);
  let total = f.header + bdl;
  const lengths = pages.map((p) => {
    const n = pageLength(s, p, total);
    total += n;
    return n;
  });
  const mdlMax = f.mdlBytes === 1 ? 0xff : 0xffff;
  checkRange(s, 'modeDataLength', 0, total - f.mdlBytes, mdlMax);
  const w = new ByteWriter(total, s);
  if (f.mdlBytes === 1) {
    w.u8(0, total - 1, 'modeDataLength');
    w.u8(1, value.mediumType, 'mediumType');
    w.u8(2, value.deviceSpecificParameter, 'deviceSpecificParameter');
    w.u8(3, bdl, 'blockDescriptorLength');
  } else {
    w.u16(0, total - 2, 'modeDataLength');
    w.u8(2, value.mediumType, 'mediumType');
    w.u8(3, value.deviceSpecificParameter, 'deviceSpecificParameter');
    w.bit(4, 0, longLba, 'longLba');
    w.u16(6, bdl, 'blockDescriptorLength');
  }
  bds.forEach((d, i) => {
    const off = f.header + i * dlen;
    if (longLba) {
      w.u64(off, d.numberOfLogicalBlocks, 'numberOfLogicalBlocks');
      w.u32(off + 12, d.logicalBlockLength, 'logicalBlockLength');
    } else {
      const n = d.numberOfLogicalBlocks;
      if (typeof n !== 'bigint' || n < 0n || n > 0xffff_ffffn) {
        throw w.error('numberOfLogicalBlocks', off, `${show(n)} does not fit 32 bits (short LBA block descriptor)`);
      }
      w.u32(off, Number(n), 'numberOfLogicalBlocks');
      w.u24(off + 5, d.logicalBlockLength, 'logicalBlockLength');
    }
  });
  let off = f.header + bdl;
  pages.forEach((p, i) => {
    const n = lengths[i] as number;
    writePage(w.sub(off, n), p);
    off += n;
  });
  return w.finish();
}

function decode(f: Format, bytes: Uint8Array, options: DecodeOptions | undefined) {
  const r = new ByteReader(bytes, f.structure, options);
  r.need(f.header);
  let mediumType: number;
  let deviceSpecificParameter: number;
  let bdl: number;
  let declaredEnd: number;
  let longLba = false;
  if (f.mdlBytes === 1) {
    declaredEnd = r.u8(0, 'modeDataLength') + 1;
    mediumType = r.u8(1, 'mediumType');
    deviceSpecificParameter = r.u8(2, 'deviceSpecificParameter');
    bdl = r.u8(3, 'blockDescriptorLength');
  } else {
    declaredEnd = r.u16(0, 'modeDataLength') + 2;
    mediumType = r.u8(2, 'mediumType');
    deviceSpecificParameter = r.u8(3, 'deviceSpecificParameter');
    r.reserved(4, 0xfe);
    longLba = r.bit(4, 0, 'longLba');
    r.reservedBytes(5, 1);
    bdl = r.u16(6, 'blockDescriptorLength');
  }
  if (declaredEnd < f.header + bdl) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'modeDataLength',
      0,
      `MODE DATA LENGTH (${declaredEnd} bytes in all) is shorter than the header and BLOCK DESCRIPTOR LENGTH ${bdl}`,
    );
  }
  const truncated = declaredEnd > r.length;
  if (truncated) {
    r.note(
      'ERR_TRUNCATED',
      'modeDataLength',
      0,
      `MODE DATA LENGTH says ${declaredEnd} bytes, only ${r.length} present (cut short by ALLOCATION LENGTH?)`,
    );
  }
  const end = Math.max(f.header, Math.min(declaredEnd, r.length));
  const dlen = longLba ? LONG_LBA_BLOCK_DESCRIPTOR_LENGTH : SHORT_LBA_BLOCK_DESCRIPTOR_LENGTH;
  if (bdl % dlen !== 0) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'blockDescriptorLength',
      f.mdlBytes === 1 ? 3 : 6,
      `BLOCK DESCRIPTOR LENGTH ${bdl} is not a multiple of ${dlen}`,
    );
  }
  const bdEnd = Math.min(f.header + bdl, end);
  const blockDescriptors: ModeBlockDescriptor[] = [];
  for (let off = f.header; off + dlen <= bdEnd; off += dlen) {
    if (longLba) {
      r.reservedBytes(off + 8, 4);
      blockDescriptors.push({
        numberOfLogicalBlocks: r.u64(off, 'numberOfLogicalBlocks'),
        logicalBlockLength: r.u32(off + 12, 'logicalBlockLength'),
      });
    } else {
      r.reservedBytes(off + 4, 1);
      blockDescriptors.push({
        numberOfLogicalBlocks: BigInt(r.u32(off, 'numberOfLogicalBlocks')),
        logicalBlockLength: r.u24(off + 5, 'logicalBlockLength'),
      });
    }
  }
  const modePages = readPages(r, f.header + bdl, end, truncated);
  const common = { mediumType, deviceSpecificParameter, blockDescriptors, modePages };
  return { r, common, longLba, truncated };
}

/**
 * Encode MODE SENSE (6) parameter data; MODE DATA LENGTH and BLOCK DESCRIPTOR LENGTH are computed.
 *
 * @see SPC-5 "Mode parameter header(6)"; SBC-4 "Short LBA mode parameter block descriptor"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field, a NUMBER OF LOGICAL
 *   BLOCKS needs more than 32 bits, a page kind is unknown, or the data exceeds 256 bytes.
 * @remarks Since 0.2.0
 */
export function encodeModeParameterData6(value: ModeParameterData6): Uint8Array<ArrayBuffer> {
  try {
    return encode(F6, value, false);
  } catch (e) {
    throw inputFault(e, 'ModeParameterData6', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode MODE SENSE (6) parameter data (see the module notes for truncation and unknown pages).
 *
 * @see SPC-5 "Mode parameter header(6)"
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 4 bytes); strict: `ERR_LENGTH_MISMATCH`,
 *   `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.2.0
 */
export function decodeModeParameterData6(bytes: Uint8Array, options?: DecodeOptions): ModeParameterData6 {
  try {
    const d = decode(F6, bytes, options);
    return { ...d.common, ...truncatedOf(d.truncated), ...issuesOf(d.r) };
  } catch (e) {
    throw inputFault(e, 'ModeParameterData6', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode MODE SENSE (10) parameter data; MODE DATA LENGTH and BLOCK DESCRIPTOR LENGTH are
 * computed; `longLba` picks the block descriptor format.
 *
 * @see SPC-5 "Mode parameter header(10)"; SBC-4 "Long LBA mode parameter block descriptor"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field, a short NUMBER OF
 *   LOGICAL BLOCKS needs more than 32 bits, a page kind is unknown, or the data is too long.
 * @remarks Since 0.2.0
 */
export function encodeModeParameterData10(value: ModeParameterData10): Uint8Array<ArrayBuffer> {
  try {
    if (typeof value.longLba !== 'boolean') {
      throw new ByteWriter(0, F10.structure).error('longLba', 4, `not a boolean: ${show(value.longLba)}`, 0);
    }
    return encode(F10, value, value.longLba);
  } catch (e) {
    throw inputFault(e, 'ModeParameterData10', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode MODE SENSE (10) parameter data (see the module notes for truncation and unknown pages).
 *
 * @see SPC-5 "Mode parameter header(10)"
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 8 bytes); strict: `ERR_LENGTH_MISMATCH`,
 *   `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.2.0
 */
export function decodeModeParameterData10(bytes: Uint8Array, options?: DecodeOptions): ModeParameterData10 {
  try {
    const d = decode(F10, bytes, options);
    return { ...d.common, longLba: d.longLba, ...truncatedOf(d.truncated), ...issuesOf(d.r) };
  } catch (e) {
    throw inputFault(e, 'ModeParameterData10', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole mode parameter data: MODE DATA LENGTH + 1 (format 6,
 * 1 byte needed) or + 2 (format 10, 2 bytes needed).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the MODE DATA LENGTH bytes are missing.
 * @remarks Since 0.2.0
 */
export function requiredModeParameterDataLength(headerBytes: Uint8Array, format: 6 | 10): number {
  try {
    const f = format === 6 ? F6 : F10;
    const r = new ByteReader(headerBytes, f.structure);
    r.need(f.mdlBytes, 'modeDataLength');
    return f.mdlBytes === 1 ? r.u8(0, 'modeDataLength') + 1 : r.u16(0, 'modeDataLength') + 2;
  } catch (e) {
    throw inputFault(e, 'ModeParameterData', [headerBytes, format], 'ERR_UNEXPECTED_VALUE');
  }
}
