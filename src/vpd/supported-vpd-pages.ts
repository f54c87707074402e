/**
 * Supported VPD Pages VPD page (00h).
 *
 * @packageDocumentation
 */
import { VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { arrayField, inputFault } from '../internal/contract.js';
import {
  issuesFrom,
  readVpdHeader,
  VPD_MAX_PAGE_LENGTH,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

const STRUCTURE = 'SupportedVpdPagesVpdPage';

/**
 * Supported VPD Pages page (00h): the page codes the logical unit supports, ascending.
 *
 * @see SPC-5, "Supported VPD Pages VPD page" table
 * @remarks Since 0.1.0
 */
export interface SupportedVpdPagesVpdPage extends VpdPageHeaderFields {
  readonly kind: 'supportedVpdPages';
  /** Supported page codes, one byte each (PAGE LENGTH = count). */
  readonly supportedPageCodes: readonly number[];
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a Supported VPD Pages page (00h), in the order given.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeSupportedVpdPagesVpdPage(page: SupportedVpdPagesVpdPage): Uint8Array<ArrayBuffer> {
  try {
    const codes = arrayField(STRUCTURE, 'supportedPageCodes', 4, page.supportedPageCodes, VPD_MAX_PAGE_LENGTH);
    const n = codes.length;
    checkRange(STRUCTURE, 'pageLength', 2, n, VPD_MAX_PAGE_LENGTH);
    const w = new ByteWriter(VPD_PAGE_HEADER_LENGTH + n, STRUCTURE);
    writeVpdHeader(w, page, VPD_PAGE_CODE.SUPPORTED_VPD_PAGES, n);
    codes.forEach((c, i) => {
      w.u8(VPD_PAGE_HEADER_LENGTH + i, c, 'supportedPageCode');
    });
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'SupportedVpdPagesVpdPage', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a Supported VPD Pages page (00h). Strict mode also requires ascending page codes.
 *
 * @see SPC-5, "Supported VPD Pages VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (PAGE CODE not 00h);
 *   strict: `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`.
 * @remarks Since 0.1.0
 */
export function decodeSupportedVpdPagesVpdPage(bytes: Uint8Array, options?: DecodeOptions): SupportedVpdPagesVpdPage {
  try {
    const root = new ByteReader(bytes, STRUCTURE, options);
    const { header, page: r } = readVpdHeader(root, VPD_PAGE_CODE.SUPPORTED_VPD_PAGES);
    const supportedPageCodes: number[] = [];
    let previous = -1;
    for (let off = VPD_PAGE_HEADER_LENGTH; off < r.length; off++) {
      const c = r.u8(off, 'supportedPageCode');
      if (c <= previous) {
        r.tolerate(
          'ERR_INVALID_VALUE',
          'supportedPageCode',
          off,
          `page codes must ascend (${hex(c, 2)} after ${hex(previous, 2)})`,
        );
      }
      previous = Math.max(previous, c);
      supportedPageCodes.push(c);
    }
    return { kind: 'supportedVpdPages', ...header, supportedPageCodes, ...issuesFrom(root.issues) };
  } catch (e) {
    throw inputFault(e, 'SupportedVpdPagesVpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
