/**
 * Identification Descriptor CSCD descriptor (E4h), 32 bytes: the ROD token's CREATOR LOGICAL
 * UNIT DESCRIPTOR (token bytes 16-47).
 *
 * @packageDocumentation
 */
import {
  type DesignationDescriptor,
  readDesignationDescriptor,
  writeDesignationDescriptor,
} from '../designation/designation-descriptor.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';

/** DESCRIPTOR TYPE CODE of the Identification Descriptor CSCD descriptor. @remarks Since 0.1.0 */
export const IDENTIFICATION_DESCRIPTOR_CSCD_TYPE = 0xe4;
/** Length of the Identification Descriptor CSCD descriptor. @remarks Since 0.1.0 */
export const IDENTIFICATION_DESCRIPTOR_CSCD_LENGTH = 32;
/** Maximum designator length inside the E4h CSCD (zero padded to 20 bytes). @remarks Since 0.1.0 */
export const CSCD_MAX_DESIGNATOR_LENGTH = 20;

/**
 * Identification Descriptor CSCD descriptor (E4h).
 *
 * The embedded `designationDescriptor` uses the VPD 83h header; its PROTOCOL IDENTIFIER and PIV
 * are reserved here (kept so that tokens from implementations that copy a whole VPD 83h header,
 * such as FreeBSD, round-trip; strict decoding rejects them). Its designator is at most 20 bytes.
 *
 * @see SPC-5 Identification Descriptor CSCD descriptor
 * @remarks Since 0.1.0
 */
export interface IdentificationDescriptorCscd {
  /** LU ID TYPE: byte 1 bits 7:6 (ignored for E4h). */
  readonly luIdType: number;
  /** PERIPHERAL DEVICE TYPE: byte 1 bits 4:0 (00h = direct access block device). */
  readonly peripheralDeviceType: number;
  /** RELATIVE INITIATOR PORT IDENTIFIER: bytes 2-3 (0 = any). */
  readonly relativeInitiatorPortIdentifier: number;
  /** Bytes 4-27: designation descriptor header + designator (≤ 20 bytes, zero padded). */
  readonly designationDescriptor: DesignationDescriptor;
  /** PAD: byte 28 bit 2 (PDT 00h, 01h, 03h). */
  readonly pad: boolean;
  /** FIXED: byte 28 bit 0 (PDT 01h only; reserved otherwise). */
  readonly fixed: boolean;
  /** DISK BLOCK LENGTH (STREAM BLOCK LENGTH for PDT 01h): bytes 29-31 (u24, 0 = CM determines it). */
  readonly diskBlockLength: number;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Read the 32-byte E4h descriptor at relative offset `off` of `r`. Creator-specific checks
 * (designator type 2h/3h, association 00b) are done by the ROD token decoder, not here.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`; `ERR_UNEXPECTED_VALUE` if byte 0 is not E4h;
 *   `ERR_LENGTH_MISMATCH` if DESIGNATOR LENGTH > 20; strict: `ERR_RESERVED_NONZERO` and the
 *   designation descriptor's checks.
 * @internal
 */
export function readIdentificationDescriptorCscd(r: ByteReader, off: number): IdentificationDescriptorCscd {
  r.needAt(off, IDENTIFICATION_DESCRIPTOR_CSCD_LENGTH);
  r.expectU8(off, IDENTIFICATION_DESCRIPTOR_CSCD_TYPE, 'descriptorTypeCode');
  const peripheralDeviceType = r.bits(off + 1, 4, 0, 'peripheralDeviceType');
  const len = r.u8(off + 7);
  if (len > CSCD_MAX_DESIGNATOR_LENGTH)
    throw r.error('ERR_LENGTH_MISMATCH', 'designatorLength', off + 7, `designator length ${len} exceeds 20`);
  const cscd: IdentificationDescriptorCscd = {
    luIdType: r.bits(off + 1, 7, 6, 'luIdType'),
    peripheralDeviceType,
    relativeInitiatorPortIdentifier: r.u16(off + 2, 'relativeInitiatorPortIdentifier'),
    designationDescriptor: readDesignationDescriptor(r, off + 4),
    pad: r.bit(off + 28, 2, 'pad'),
    fixed: r.bit(off + 28, 0, 'fixed'),
    diskBlockLength: r.u24(off + 29, 'diskBlockLength'),
  };
  r.reserved(off + 1, 0x20, 'obsolete');
  r.reserved(off + 4, 0xf0, 'protocolIdentifier');
  r.reserved(off + 5, 0xc0, 'piv');
  r.reservedBytes(off + 8 + len, CSCD_MAX_DESIGNATOR_LENGTH - len, 'designatorPad');
  r.reserved(off + 28, peripheralDeviceType === 1 ? 0xfa : 0xfb);
  return cscd;
}

/**
 * Write the 32-byte E4h descriptor at `off` of `w`.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit (designator > 20 bytes, ...).
 * @internal
 */
export function writeIdentificationDescriptorCscd(w: ByteWriter, off: number, c: IdentificationDescriptorCscd): void {
  if (typeof c !== 'object' || c === null) throw w.error('creatorLogicalUnitDescriptor', off, 'not an E4h descriptor');
  w.u8(off, IDENTIFICATION_DESCRIPTOR_CSCD_TYPE, 'descriptorTypeCode');
  w.bits(off + 1, 7, 6, c.luIdType, 'luIdType');
  w.bits(off + 1, 4, 0, c.peripheralDeviceType, 'peripheralDeviceType');
  w.u16(off + 2, c.relativeInitiatorPortIdentifier, 'relativeInitiatorPortIdentifier');
  const d = c.designationDescriptor;
  if (typeof d !== 'object' || d === null) throw w.error('designationDescriptor', off + 4, 'missing');
  if (isUint8Array(d.designator) && d.designator.length > CSCD_MAX_DESIGNATOR_LENGTH)
    throw w.error('designatorLength', off + 7, `designator is ${d.designator.length} bytes, max 20`);
  writeDesignationDescriptor(w, off + 4, d);
  w.bit(off + 28, 2, c.pad, 'pad');
  w.bit(off + 28, 0, c.fixed, 'fixed');
  w.u24(off + 29, c.diskBlockLength, 'diskBlockLength');
}

/**
 * Decode a 32-byte Identification Descriptor CSCD descriptor (E4h).
 *
 * @throws {ScsiCodecError} see {@link IdentificationDescriptorCscd}; trailing bytes are an
 *   `ERR_LENGTH_MISMATCH` issue (strict: thrown).
 * @remarks Since 0.1.0
 */
export function decodeIdentificationDescriptorCscd(
  bytes: Uint8Array,
  options?: DecodeOptions,
): IdentificationDescriptorCscd {
  try {
    const r = new ByteReader(bytes, 'IdentificationDescriptorCscd', options);
    const c = readIdentificationDescriptorCscd(r, 0);
    if (r.length > IDENTIFICATION_DESCRIPTOR_CSCD_LENGTH)
      r.tolerate('ERR_LENGTH_MISMATCH', undefined, 32, `${r.length - 32} byte(s) after the 32-byte descriptor`);
    return r.issues.length === 0 ? c : { ...c, issues: r.issues };
  } catch (e) {
    throw inputFault(e, 'IdentificationDescriptorCscd', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode a 32-byte Identification Descriptor CSCD descriptor (E4h).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeIdentificationDescriptorCscd(c: IdentificationDescriptorCscd): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(IDENTIFICATION_DESCRIPTOR_CSCD_LENGTH, 'IdentificationDescriptorCscd');
    writeIdentificationDescriptorCscd(w, 0, c);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'IdentificationDescriptorCscd', [c], 'ERR_FIELD_RANGE');
  }
}
