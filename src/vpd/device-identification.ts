/**
 * Device Identification VPD page (83h): the page header and a list of designation descriptors
 * (shared codec in src/designation).
 *
 * @packageDocumentation
 */
import { VPD_PAGE_CODE } from '../constants/vpd.js';
import {
  type DesignationDescriptor,
  encodedDesignationDescriptorsLength,
  readDesignationDescriptors,
  writeDesignationDescriptors,
} from '../designation/designation-descriptor.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { inputFault, objectList } from '../internal/contract.js';
import {
  issuesFrom,
  readVpdHeader,
  VPD_MAX_PAGE_LENGTH,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

const STRUCTURE = 'DeviceIdentificationVpdPage';

/**
 * Device Identification VPD page (83h).
 *
 * @see SPC-5, "Device Identification VPD page" table; "Designation descriptor" table
 * @remarks Since 0.1.0
 */
export interface DeviceIdentificationVpdPage extends VpdPageHeaderFields {
  readonly kind: 'deviceIdentification';
  /** Designation descriptors in wire order (PAGE LENGTH is computed). */
  readonly designationDescriptors: readonly DesignationDescriptor[];
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a Device Identification VPD page (83h).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or the PAGE LENGTH does not fit.
 * @remarks Since 0.1.0
 */
export function encodeDeviceIdentificationVpdPage(page: DeviceIdentificationVpdPage): Uint8Array<ArrayBuffer> {
  try {
    const list = objectList(STRUCTURE, 'designationDescriptors', 4, page.designationDescriptors, VPD_MAX_PAGE_LENGTH);
    const body = encodedDesignationDescriptorsLength(list);
    checkRange(STRUCTURE, 'pageLength', 2, body, VPD_MAX_PAGE_LENGTH);
    const w = new ByteWriter(VPD_PAGE_HEADER_LENGTH + body, STRUCTURE);
    writeVpdHeader(w, page, VPD_PAGE_CODE.DEVICE_IDENTIFICATION, body);
    writeDesignationDescriptors(w, VPD_PAGE_HEADER_LENGTH, list);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'DeviceIdentificationVpdPage', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a Device Identification VPD page (83h). Lenient: a PAGE LENGTH longer than the bytes
 * present is clamped and a descriptor cut short at the end is dropped, both reported in
 * `issues`; strict: both throw, as do the designation codec's strict checks.
 *
 * @see SPC-5, "Device Identification VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (PAGE CODE not 83h); strict:
 *   `ERR_LENGTH_MISMATCH`, `ERR_TRUNCATED`, `ERR_RESERVED_NONZERO`, `ERR_INVALID_VALUE`, `ERR_UNSUPPORTED`.
 * @remarks Since 0.1.0
 */
export function decodeDeviceIdentificationVpdPage(
  bytes: Uint8Array,
  options?: DecodeOptions,
): DeviceIdentificationVpdPage {
  try {
    const root = new ByteReader(bytes, STRUCTURE, options);
    const { header, page: r } = readVpdHeader(root, VPD_PAGE_CODE.DEVICE_IDENTIFICATION);
    const list = r.sub(VPD_PAGE_HEADER_LENGTH, r.length - VPD_PAGE_HEADER_LENGTH, 'DesignationDescriptor');
    const designationDescriptors = readDesignationDescriptors(list, 0);
    return { kind: 'deviceIdentification', ...header, designationDescriptors, ...issuesFrom(root.issues) };
  } catch (e) {
    throw inputFault(e, 'DeviceIdentificationVpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
