/**
 * Designation (identification) descriptor: the Device Identification VPD page (83h) descriptor,
 * also used by the ROD token's TARGET DEVICE DESCRIPTOR and (header only) by the E4h
 * Identification Descriptor CSCD descriptor.
 *
 * @packageDocumentation
 */

import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, unknownVariant } from '../internal/byte-writer.js';
import { arrayField, inputFault, isUint8Array } from '../internal/contract.js';
import { readDesignatorView } from './designator.js';
import type { DesignatorView } from './designator-types.js';

/**
 * A designation descriptor (4-byte header + designator).
 *
 * The raw `designator` bytes are the source of truth, so `encode(decode(b))` equals `b` for
 * every `b` that decodes (reserved bits excepted: byte 1 bit 6 and byte 2 are written as zero).
 * Use {@link designatorViewOf} for the typed view of the designator.
 *
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @remarks Since 0.1.0
 */
export interface DesignationDescriptor {
  /** PROTOCOL IDENTIFIER: byte 0 bits 7:4 (meaningful when `piv` and the association is port or target device). */
  readonly protocolIdentifier: number;
  /** CODE SET: byte 0 bits 3:0 (1h binary, 2h ASCII, 3h UTF-8). */
  readonly codeSet: number;
  /** PIV (protocol identifier valid): byte 1 bit 7. */
  readonly piv: boolean;
  /** ASSOCIATION: byte 1 bits 5:4 (0 LU, 1 target port, 2 target device). */
  readonly association: number;
  /** DESIGNATOR TYPE: byte 1 bits 3:0, see {@link DESIGNATOR_TYPE}. */
  readonly designatorType: number;
  /** DESIGNATOR: bytes 4..n (a copy); its length is the DESIGNATOR LENGTH (≤ 255). */
  readonly designator: Uint8Array;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

const S = 'DesignationDescriptor';

/**
 * Read one designation descriptor from reader `r` starting at relative offset `off`; returns it
 * and its encoded length (4 + DESIGNATOR LENGTH). Issues go to `r`'s sink (no `issues` field).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the header or the designator is cut short; in strict
 *   mode also `ERR_RESERVED_NONZERO`, `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_UNSUPPORTED`.
 * @internal
 */
export function readDesignationDescriptor(r: ByteReader, off = 0): DesignationDescriptor {
  r.needAt(off, 4, 'designatorLength');
  const len = r.u8(off + 3, 'designatorLength');
  r.needAt(off + 4, len, 'designator');
  const piv = r.bit(off + 1, 7, 'piv');
  const association = r.bits(off + 1, 5, 4, 'association');
  const protocolIdentifier = r.bits(off, 7, 4, 'protocolIdentifier');
  const d: DesignationDescriptor = {
    protocolIdentifier,
    codeSet: r.bits(off, 3, 0, 'codeSet'),
    piv,
    association,
    designatorType: r.bits(off + 1, 3, 0, 'designatorType'),
    designator: r.bytes(off + 4, len, 'designator'),
  };
  r.reserved(off + 1, 0x40);
  r.reservedBytes(off + 2, 1);
  if (association === 3) r.tolerate('ERR_UNSUPPORTED', 'association', off + 1, 'association 3h is reserved', 5);
  if (association === 0 || association === 3) {
    // PIV and PROTOCOL IDENTIFIER are reserved unless the association is target port/device.
    r.reserved(off + 1, 0x80, 'piv');
  }
  if (!piv || association === 0 || association === 3) r.reserved(off, 0xf0, 'protocolIdentifier');
  // The typed view is read only to validate (its issues and trace entries). A well-formed binary NAA
  // or EUI-64 designator yields neither, so without a trace the common case skips building it.
  if (r.trace !== undefined || !plainDesignator(r, off + 4, len, d.designatorType, d.codeSet)) {
    readDesignatorView(r.sub(off + 4, len, 'Designator'), d);
  }
  return d;
}

/** True for a binary NAA (2h/3h/5h: 8 bytes, 6h: 16 bytes) or EUI-64 (8/12/16 bytes) designator. */
function plainDesignator(r: ByteReader, off: number, len: number, type: number, codeSet: number): boolean {
  if (codeSet !== 1) return false;
  if (type === 2) return len === 8 || len === 12 || len === 16;
  if (type !== 3 || len === 0) return false;
  const naa = r.u8(off) >> 4;
  return naa === 6 ? len === 16 : (naa === 2 || naa === 3 || naa === 5) && len === 8;
}

/**
 * Encoded length of a designation descriptor: 4 + designator length.
 *
 * @internal
 */
export function encodedDesignationDescriptorLength(d: DesignationDescriptor): number {
  if (typeof d !== 'object' || d === null) throw unknownVariant('DesignationDescriptor', 'designationDescriptor', 0, d);
  return 4 + byteFieldLength('DesignationDescriptor', 'designator', 4, d.designator);
}

/**
 * Write a designation descriptor at `off` of `w` (DESIGNATOR LENGTH computed).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a field does not fit (designator > 255 bytes, ...).
 * @internal
 */
export function writeDesignationDescriptor(w: ByteWriter, off: number, d: DesignationDescriptor): void {
  if (typeof d !== 'object' || d === null) throw w.error('designationDescriptor', off, 'not a designation descriptor');
  w.bits(off, 7, 4, d.protocolIdentifier, 'protocolIdentifier');
  w.bits(off, 3, 0, d.codeSet, 'codeSet');
  w.bit(off + 1, 7, d.piv, 'piv');
  w.bits(off + 1, 5, 4, d.association, 'association');
  w.bits(off + 1, 3, 0, d.designatorType, 'designatorType');
  if (!isUint8Array(d.designator)) throw w.error('designator', off + 4, 'not a Uint8Array');
  w.u8(off + 3, d.designator.length, 'designatorLength');
  w.bytes(off + 4, d.designator, 'designator');
}

/**
 * Decode one designation descriptor. Bytes after the descriptor are an `ERR_LENGTH_MISMATCH`
 * issue (strict: thrown).
 *
 * @example
 * ```ts
 * const d = decodeDesignationDescriptor(Uint8Array.of(0x01, 0x03, 0x00, 0x08, 0x50, 0, 0xc5, 0, 0x30, 0x11, 0xcb, 0x2b));
 * d.designatorType; // 3 (NAA)
 * ```
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @throws {ScsiCodecError} `ERR_TRUNCATED`; strict: `ERR_RESERVED_NONZERO`, `ERR_LENGTH_MISMATCH`,
 *   `ERR_INVALID_VALUE`, `ERR_UNSUPPORTED`.
 * @remarks Since 0.1.0
 */
export function decodeDesignationDescriptor(bytes: Uint8Array, options?: DecodeOptions): DesignationDescriptor {
  try {
    const r = new ByteReader(bytes, S, options);
    const d = readDesignationDescriptor(r, 0);
    const n = encodedDesignationDescriptorLength(d);
    if (r.length > n)
      r.tolerate('ERR_LENGTH_MISMATCH', undefined, n, `${r.length - n} byte(s) after the ${n}-byte descriptor`);
    return r.issues.length === 0 ? d : { ...d, issues: r.issues };
  } catch (e) {
    throw inputFault(e, 'DesignationDescriptor', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode one designation descriptor.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` (with `field`) if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeDesignationDescriptor(d: DesignationDescriptor): Uint8Array<ArrayBuffer> {
  try {
    const designator = d?.designator;
    const n = isUint8Array(designator) ? 4 + designator.length : 4;
    const w = new ByteWriter(n, S);
    writeDesignationDescriptor(w, 0, d);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'DesignationDescriptor', [d], 'ERR_FIELD_RANGE');
  }
}

/**
 * A run of designation descriptors, e.g. the body of the Device Identification VPD page (83h)
 * after its 4-byte header.
 *
 * @remarks Since 0.1.0
 */
export interface DesignationDescriptorList {
  readonly descriptors: readonly DesignationDescriptor[];
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Read descriptors filling reader `r` from `off` to its end. A descriptor cut short at the end
 * is an `ERR_TRUNCATED` issue in lenient mode (it is dropped: data-in cut by ALLOCATION
 * LENGTH is normal) and thrown in strict mode.
 *
 * @internal
 */
export function readDesignationDescriptors(r: ByteReader, off = 0): DesignationDescriptor[] {
  const out: DesignationDescriptor[] = [];
  let p = off;
  while (p < r.length) {
    const headerFits = r.has(p, 4);
    if (!headerFits || !r.has(p + 4, r.u8(p + 3))) {
      r.tolerate('ERR_TRUNCATED', 'designator', p, `descriptor at ${r.abs(p)} is cut short by the end of the list`);
      break;
    }
    const d = readDesignationDescriptor(r, p);
    out.push(d);
    p += encodedDesignationDescriptorLength(d);
  }
  return out;
}

/**
 * Encoded length of a descriptor list.
 *
 * @internal
 */
export function encodedDesignationDescriptorsLength(list: readonly DesignationDescriptor[]): number {
  let n = 0;
  for (const d of list) n += encodedDesignationDescriptorLength(d);
  return n;
}

/**
 * Write descriptors back to back from `off`.
 *
 * @internal
 */
export function writeDesignationDescriptors(w: ByteWriter, off: number, list: readonly DesignationDescriptor[]): void {
  let p = off;
  for (const d of list) {
    writeDesignationDescriptor(w, p, d);
    p += encodedDesignationDescriptorLength(d);
  }
}

/**
 * Decode a run of designation descriptors filling `bytes` (no page header).
 *
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @throws {ScsiCodecError} strict: anything {@link decodeDesignationDescriptor} throws, and
 *   `ERR_TRUNCATED` for a descriptor cut short at the end (lenient: an issue, descriptor dropped).
 * @remarks Since 0.1.0
 */
export function decodeDesignationDescriptorList(bytes: Uint8Array, options?: DecodeOptions): DesignationDescriptorList {
  try {
    const r = new ByteReader(bytes, 'DesignationDescriptorList', options);
    const descriptors = readDesignationDescriptors(r, 0);
    return { descriptors, ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'DesignationDescriptorList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode a run of designation descriptors (no page header).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeDesignationDescriptorList(list: DesignationDescriptorList): Uint8Array<ArrayBuffer> {
  try {
    const descriptors = typeof list === 'object' && list !== null ? list.descriptors : undefined;
    // At most 65535 / 4 descriptors fit any length field that carries a list (VPD 83h PAGE LENGTH).
    const all = arrayField('DesignationDescriptorList', 'descriptors', 0, descriptors, 0x3fff);
    let n = 0;
    for (const d of all) n += isUint8Array(d?.designator) ? 4 + d.designator.length : 4;
    const w = new ByteWriter(n, 'DesignationDescriptorList');
    writeDesignationDescriptors(w, 0, all);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'DesignationDescriptorList', [list], 'ERR_FIELD_RANGE');
  }
}

/**
 * The typed view of a descriptor's designator (lenient: never throws for content; per-type
 * violations give a `malformed` view or are ignored). The raw `designator` bytes remain the
 * source of truth.
 *
 * @example
 * ```ts
 * const v = designatorViewOf(decodeDesignationDescriptor(bytes));
 * if (v.kind === 'naa' && v.naa === 5) console.log(v.ieeeCompanyId.toString(16), v.vendorSpecificIdentifier);
 * ```
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @remarks Since 0.1.0
 */
export function designatorViewOf(d: DesignationDescriptor): DesignatorView {
  try {
    const r = new ByteReader(d.designator, 'Designator', undefined, 4);
    return readDesignatorView(r, d);
  } catch (e) {
    throw inputFault(e, 'Designator', [d], 'ERR_UNEXPECTED_VALUE');
  }
}
