/**
 * Any VPD page: dispatch on PAGE CODE.
 *
 * @packageDocumentation
 */
import { VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, checkRange, unknownVariant } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import {
  type BlockDeviceCharacteristicsVpdPage,
  decodeBlockDeviceCharacteristicsVpdPage,
  encodeBlockDeviceCharacteristicsVpdPage,
} from './block-device-characteristics.js';
import { type BlockLimitsVpdPage, decodeBlockLimitsVpdPage, encodeBlockLimitsVpdPage } from './block-limits.js';
import {
  type DeviceIdentificationVpdPage,
  decodeDeviceIdentificationVpdPage,
  encodeDeviceIdentificationVpdPage,
} from './device-identification.js';
import {
  decodeSupportedVpdPagesVpdPage,
  encodeSupportedVpdPagesVpdPage,
  type SupportedVpdPagesVpdPage,
} from './supported-vpd-pages.js';
import {
  decodeThirdPartyCopyVpdPage,
  encodeThirdPartyCopyVpdPage,
  type ThirdPartyCopyVpdPage,
} from './third-party-copy.js';
import {
  issuesFrom,
  readVpdHeader,
  VPD_MAX_PAGE_LENGTH,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

/**
 * A VPD page this package does not decode: header and the page body kept byte-exact.
 *
 * @remarks Since 0.1.0
 */
export interface UnknownVpdPage extends VpdPageHeaderFields {
  readonly kind: 'unknown';
  /** PAGE CODE: byte 1. */
  readonly pageCode: number;
  /** Bytes 4.. (PAGE LENGTH = `bytes.length`). */
  readonly bytes: Uint8Array;
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Any VPD page, discriminated by `kind`.
 *
 * @remarks Since 0.1.0
 */
export type VpdPage =
  | SupportedVpdPagesVpdPage
  | DeviceIdentificationVpdPage
  | ThirdPartyCopyVpdPage
  | BlockLimitsVpdPage
  | BlockDeviceCharacteristicsVpdPage
  | UnknownVpdPage;

function decodeUnknownVpdPage(bytes: Uint8Array, options?: DecodeOptions): UnknownVpdPage {
  const root = new ByteReader(bytes, 'VpdPage', options);
  const { header, pageCode, page: r } = readVpdHeader(root);
  return {
    kind: 'unknown',
    ...header,
    pageCode,
    bytes: r.rest(VPD_PAGE_HEADER_LENGTH, 'raw'),
    ...issuesFrom(root.issues),
  };
}

function encodeUnknownVpdPage(page: UnknownVpdPage): Uint8Array<ArrayBuffer> {
  checkRange('VpdPage', 'pageLength', 2, byteFieldLength('VpdPage', 'raw', 4, page.bytes), VPD_MAX_PAGE_LENGTH);
  const w = new ByteWriter(VPD_PAGE_HEADER_LENGTH + page.bytes.length, 'VpdPage');
  writeVpdHeader(w, page, page.pageCode, page.bytes.length);
  w.bytes(VPD_PAGE_HEADER_LENGTH, page.bytes, 'raw');
  return w.finish();
}

/**
 * Decode any VPD page, dispatching on PAGE CODE (byte 1): 00h, 83h, 8Fh, B0h and B1h (since
 * 0.2.0) are decoded; other
 * pages come back as {@link UnknownVpdPage} (header + raw bytes).
 *
 * @see SPC-5, "Vital product data parameters"
 * @throws {ScsiCodecError} as the page's own decoder; `ERR_TRUNCATED` if fewer than 4 bytes.
 * @remarks Since 0.1.0
 */
export function decodeVpdPage(bytes: Uint8Array, options?: DecodeOptions): VpdPage {
  try {
    const r = new ByteReader(bytes, 'VpdPage', options);
    r.need(VPD_PAGE_HEADER_LENGTH, 'pageCode');
    switch (r.u8(1)) {
      case VPD_PAGE_CODE.SUPPORTED_VPD_PAGES:
        return decodeSupportedVpdPagesVpdPage(bytes, options);
      case VPD_PAGE_CODE.DEVICE_IDENTIFICATION:
        return decodeDeviceIdentificationVpdPage(bytes, options);
      case VPD_PAGE_CODE.THIRD_PARTY_COPY:
        return decodeThirdPartyCopyVpdPage(bytes, options);
      case VPD_PAGE_CODE.BLOCK_LIMITS:
        return decodeBlockLimitsVpdPage(bytes, options);
      case VPD_PAGE_CODE.BLOCK_DEVICE_CHARACTERISTICS:
        return decodeBlockDeviceCharacteristicsVpdPage(bytes, options);
      default:
        return decodeUnknownVpdPage(bytes, options);
    }
  } catch (e) {
    throw inputFault(e, 'VpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode any VPD page (inverse of {@link decodeVpdPage}).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or a computed length does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeVpdPage(page: VpdPage): Uint8Array<ArrayBuffer> {
  try {
    switch (page.kind) {
      case 'supportedVpdPages':
        return encodeSupportedVpdPagesVpdPage(page);
      case 'deviceIdentification':
        return encodeDeviceIdentificationVpdPage(page);
      case 'thirdPartyCopy':
        return encodeThirdPartyCopyVpdPage(page);
      case 'blockLimits':
        return encodeBlockLimitsVpdPage(page);
      case 'blockDeviceCharacteristics':
        return encodeBlockDeviceCharacteristicsVpdPage(page);
      case 'unknown':
        return encodeUnknownVpdPage(page);
      default:
        throw unknownVariant('VpdPage', 'kind', 0, (page as { kind?: unknown } | null)?.kind);
    }
  } catch (e) {
    throw inputFault(e, 'VpdPage', [page], 'ERR_FIELD_RANGE');
  }
}
