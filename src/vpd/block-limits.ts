/**
 * Block Limits VPD page (B0h, SBC).
 *
 * @packageDocumentation
 */
import { BLOCK_LIMITS_PAGE_LENGTH, BLOCK_LIMITS_SHORT_PAGE_LENGTH, VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, objectField } from '../internal/contract.js';
import {
  issuesFrom,
  readVpdHeader,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

const STRUCTURE = 'BlockLimitsVpdPage';

/**
 * Fields of the Block Limits page from byte 20 on (SBC-3 and later). Either all present (page
 * length 003Ch) or all absent (the older 0010h page).
 *
 * @remarks Since 0.1.0
 */
export interface BlockLimitsExtendedFields {
  /** MAXIMUM UNMAP LBA COUNT: bytes 20-23. */
  readonly maximumUnmapLbaCount: number;
  /** MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT: bytes 24-27. */
  readonly maximumUnmapBlockDescriptorCount: number;
  /** OPTIMAL UNMAP GRANULARITY: bytes 28-31. */
  readonly optimalUnmapGranularity: number;
  /** UGAVALID: byte 32 bit 7. */
  readonly ugavalid: boolean;
  /** UNMAP GRANULARITY ALIGNMENT: bytes 32-35 bits 30:0. */
  readonly unmapGranularityAlignment: number;
  /** MAXIMUM WRITE SAME LENGTH: bytes 36-43. */
  readonly maximumWriteSameLength: bigint;
  /** MAXIMUM ATOMIC TRANSFER LENGTH: bytes 44-47. */
  readonly maximumAtomicTransferLength: number;
  /** ATOMIC ALIGNMENT: bytes 48-51. */
  readonly atomicAlignment: number;
  /** ATOMIC TRANSFER LENGTH GRANULARITY: bytes 52-55. */
  readonly atomicTransferLengthGranularity: number;
  /** MAXIMUM ATOMIC TRANSFER LENGTH WITH ATOMIC BOUNDARY: bytes 56-59. */
  readonly maximumAtomicTransferLengthWithAtomicBoundary: number;
  /** MAXIMUM ATOMIC BOUNDARY SIZE: bytes 60-63. */
  readonly maximumAtomicBoundarySize: number;
}

/**
 * Block Limits VPD page (B0h). `extended` is absent for the older 20-byte page (PAGE LENGTH
 * 0010h); the encoder then writes the short page.
 *
 * @see SBC-4, "Block Limits VPD page" table
 * @remarks Since 0.1.0
 */
export interface BlockLimitsVpdPage extends VpdPageHeaderFields {
  readonly kind: 'blockLimits';
  /** WSNZ (write same no zero): byte 4 bit 0. */
  readonly wsnz: boolean;
  /** MAXIMUM COMPARE AND WRITE LENGTH: byte 5. */
  readonly maximumCompareAndWriteLength: number;
  /** OPTIMAL TRANSFER LENGTH GRANULARITY: bytes 6-7. */
  readonly optimalTransferLengthGranularity: number;
  /** MAXIMUM TRANSFER LENGTH: bytes 8-11. */
  readonly maximumTransferLength: number;
  /** OPTIMAL TRANSFER LENGTH: bytes 12-15. */
  readonly optimalTransferLength: number;
  /** MAXIMUM PREFETCH LENGTH: bytes 16-19. */
  readonly maximumPrefetchLength: number;
  /** Bytes 20-63 (absent on the older 0010h page). */
  readonly extended?: BlockLimitsExtendedFields;
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a Block Limits VPD page (B0h): PAGE LENGTH 003Ch, or 0010h without `extended`.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeBlockLimitsVpdPage(page: BlockLimitsVpdPage): Uint8Array<ArrayBuffer> {
  try {
    const pageLength = page.extended === undefined ? BLOCK_LIMITS_SHORT_PAGE_LENGTH : BLOCK_LIMITS_PAGE_LENGTH;
    const w = new ByteWriter(VPD_PAGE_HEADER_LENGTH + pageLength, STRUCTURE);
    writeVpdHeader(w, page, VPD_PAGE_CODE.BLOCK_LIMITS, pageLength);
    w.bit(4, 0, page.wsnz, 'wsnz');
    w.u8(5, page.maximumCompareAndWriteLength, 'maximumCompareAndWriteLength');
    w.u16(6, page.optimalTransferLengthGranularity, 'optimalTransferLengthGranularity');
    w.u32(8, page.maximumTransferLength, 'maximumTransferLength');
    w.u32(12, page.optimalTransferLength, 'optimalTransferLength');
    w.u32(16, page.maximumPrefetchLength, 'maximumPrefetchLength');
    const x = page.extended === undefined ? undefined : objectField(STRUCTURE, 'extended', 20, page.extended);
    if (x !== undefined) {
      w.u32(20, x.maximumUnmapLbaCount, 'maximumUnmapLbaCount');
      w.u32(24, x.maximumUnmapBlockDescriptorCount, 'maximumUnmapBlockDescriptorCount');
      w.u32(28, x.optimalUnmapGranularity, 'optimalUnmapGranularity');
      if (!Number.isInteger(x.unmapGranularityAlignment) || x.unmapGranularityAlignment > 0x7fff_ffff) {
        throw w.error('unmapGranularityAlignment', 32, `${show(x.unmapGranularityAlignment)} does not fit 31 bits`);
      }
      w.u32(32, x.unmapGranularityAlignment, 'unmapGranularityAlignment');
      w.bit(32, 7, x.ugavalid, 'ugavalid');
      w.u64(36, x.maximumWriteSameLength, 'maximumWriteSameLength');
      w.u32(44, x.maximumAtomicTransferLength, 'maximumAtomicTransferLength');
      w.u32(48, x.atomicAlignment, 'atomicAlignment');
      w.u32(52, x.atomicTransferLengthGranularity, 'atomicTransferLengthGranularity');
      w.u32(56, x.maximumAtomicTransferLengthWithAtomicBoundary, 'maximumAtomicTransferLengthWithAtomicBoundary');
      w.u32(60, x.maximumAtomicBoundarySize, 'maximumAtomicBoundarySize');
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'BlockLimitsVpdPage', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a Block Limits VPD page (B0h). PAGE LENGTH 003Ch gives every field; 0010h (older
 * devices) gives the first six and no `extended`. Any other length: lenient mode decodes the
 * fields wholly present (extended ones only if all 60 bytes are there) and reports an issue;
 * strict mode throws.
 *
 * @see SBC-4, "Block Limits VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 20 bytes), `ERR_UNEXPECTED_VALUE` (PAGE
 *   CODE not B0h); strict: `ERR_LENGTH_MISMATCH`, `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.1.0
 */
export function decodeBlockLimitsVpdPage(bytes: Uint8Array, options?: DecodeOptions): BlockLimitsVpdPage {
  try {
    const root = new ByteReader(bytes, STRUCTURE, options);
    const { header, pageLength, page: r } = readVpdHeader(root, VPD_PAGE_CODE.BLOCK_LIMITS);
    if (pageLength !== BLOCK_LIMITS_PAGE_LENGTH && pageLength !== BLOCK_LIMITS_SHORT_PAGE_LENGTH) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'pageLength',
        2,
        `PAGE LENGTH ${hex(pageLength, 4)} is neither 003Ch nor the older 0010h`,
      );
    }
    r.need(VPD_PAGE_HEADER_LENGTH + BLOCK_LIMITS_SHORT_PAGE_LENGTH, 'pageLength');
    r.reserved(4, 0xfe);
    const base = {
      kind: 'blockLimits' as const,
      ...header,
      wsnz: r.bit(4, 0, 'wsnz'),
      maximumCompareAndWriteLength: r.u8(5, 'maximumCompareAndWriteLength'),
      optimalTransferLengthGranularity: r.u16(6, 'optimalTransferLengthGranularity'),
      maximumTransferLength: r.u32(8, 'maximumTransferLength'),
      optimalTransferLength: r.u32(12, 'optimalTransferLength'),
      maximumPrefetchLength: r.u32(16, 'maximumPrefetchLength'),
    };
    if (pageLength === BLOCK_LIMITS_SHORT_PAGE_LENGTH || !r.has(0, VPD_PAGE_HEADER_LENGTH + BLOCK_LIMITS_PAGE_LENGTH)) {
      return { ...base, ...issuesFrom(root.issues) };
    }
    const extended: BlockLimitsExtendedFields = {
      maximumUnmapLbaCount: r.u32(20, 'maximumUnmapLbaCount'),
      maximumUnmapBlockDescriptorCount: r.u32(24, 'maximumUnmapBlockDescriptorCount'),
      optimalUnmapGranularity: r.u32(28, 'optimalUnmapGranularity'),
      ugavalid: r.bit(32, 7, 'ugavalid'),
      unmapGranularityAlignment: r.u32(32, 'unmapGranularityAlignment') & 0x7fff_ffff,
      maximumWriteSameLength: r.u64(36, 'maximumWriteSameLength'),
      maximumAtomicTransferLength: r.u32(44, 'maximumAtomicTransferLength'),
      atomicAlignment: r.u32(48, 'atomicAlignment'),
      atomicTransferLengthGranularity: r.u32(52, 'atomicTransferLengthGranularity'),
      maximumAtomicTransferLengthWithAtomicBoundary: r.u32(56, 'maximumAtomicTransferLengthWithAtomicBoundary'),
      maximumAtomicBoundarySize: r.u32(60, 'maximumAtomicBoundarySize'),
    };
    return { ...base, extended, ...issuesFrom(root.issues) };
  } catch (e) {
    throw inputFault(e, 'BlockLimitsVpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
