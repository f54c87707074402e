/**
 * Standard INQUIRY data (SPC-5), returned by INQUIRY with EVPD = 0.
 *
 * Bytes 0-35 are decoded into fields; bytes 36-n are kept so that they round-trip: vendor specific
 * 36-55 (`vendorSpecific`), VERSION DESCRIPTORs 58-73 (`versionDescriptors`) and vendor specific
 * parameters 96-n (`vendorSpecificParameters`). Bytes 56-57 and 74-95 are reserved (byte 56 bits
 * 3:0 are the obsolete SPI CLOCKING/QAS/IUS bits: ignored).
 *
 * Obsolete bits (byte 3 bits 7:6, byte 6 bits 7 and 3:0, byte 7 bits 7:2) are ignored by the
 * decoder (strict mode does not reject them: they are obsolete, not reserved) and written as zero.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';

const STRUCTURE = 'StandardInquiryData';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Bytes 0-35: the part every standard INQUIRY data has and the decoder needs. @remarks Since 0.1.0 */
export const STANDARD_INQUIRY_DATA_MIN_LENGTH = 36;

/** Largest standard INQUIRY data: ADDITIONAL LENGTH (u8) + 5. @remarks Since 0.1.0 */
export const STANDARD_INQUIRY_DATA_MAX_LENGTH = 260;

/** Bytes in the vendor specific field 36-55. @remarks Since 0.1.0 */
export const INQUIRY_VENDOR_SPECIFIC_LENGTH = 20;

/** Number of VERSION DESCRIPTOR fields (bytes 58-73). @remarks Since 0.1.0 */
export const INQUIRY_VERSION_DESCRIPTOR_COUNT = 8;

/**
 * VERSION DESCRIPTOR values ("no version claimed" codes) for the standards a block device with a
 * third-party copy manager implements. Others are listed in the SPC-5 "Version descriptor values"
 * table.
 *
 * @see SPC-5, "Version descriptor values" table
 * @remarks Since 0.2.0
 */
export const VERSION_DESCRIPTOR = {
  /** SAM-5 (no version claimed). */
  SAM_5: 0x00a0,
  /** SAM-6 (no version claimed). */
  SAM_6: 0x00c0,
  /** SPC-4 (no version claimed). */
  SPC_4: 0x0460,
  /** SPC-5 (no version claimed). */
  SPC_5: 0x05c0,
  /** SBC-3 (no version claimed). */
  SBC_3: 0x04c0,
  /** SBC-4 (no version claimed). */
  SBC_4: 0x0600,
  /** iSCSI (no version claimed). */
  ISCSI: 0x0960,
} as const;

const VS_END = 56;
const VD_START = 58;
const VD_END = 74;
const VSP_START = 96;

/**
 * Standard INQUIRY data.
 *
 * The ASCII fields keep every byte as a char code, padding included (no trimming), so they
 * round-trip; the encoder pads shorter strings with spaces (20h).
 *
 * @see SPC-5, "Standard INQUIRY data format" table
 * @remarks Since 0.1.0
 */
export interface StandardInquiryData {
  /** PERIPHERAL QUALIFIER: byte 0 bits 7:5. */
  readonly peripheralQualifier: number;
  /** PERIPHERAL DEVICE TYPE: byte 0 bits 4:0. */
  readonly peripheralDeviceType: number;
  /** RMB (removable medium): byte 1 bit 7. */
  readonly rmb: boolean;
  /** LU_CONG (logical unit conglomerate): byte 1 bit 6. */
  readonly luCong: boolean;
  /**
   * HOT PLUGGABLE: byte 1 bits 5:4 (SPC-6; reserved in SPC-5, so 0 from SPC-5 devices):
   * 0 = no information, 1 = designed to be inserted and removed, 2 = not, 3 = reserved code.
   */
  readonly hotPluggable: number;
  /** VERSION: byte 2 (e.g. 07h = SPC-5, 06h = SPC-4). */
  readonly version: number;
  /** NORMACA: byte 3 bit 5. */
  readonly normaca: boolean;
  /** HISUP (hierarchical support): byte 3 bit 4. */
  readonly hisup: boolean;
  /** RESPONSE DATA FORMAT: byte 3 bits 3:0 (shall be 2h; other values are kept, never rejected). */
  readonly responseDataFormat: number;
  /** SCCS: byte 5 bit 7. */
  readonly sccs: boolean;
  /** ACC: byte 5 bit 6. */
  readonly acc: boolean;
  /** TPGS (target port group support): byte 5 bits 5:4. */
  readonly tpgs: number;
  /**
   * 3PC (third-party copy): byte 5 bit 3. Named `threePc` because an identifier cannot start
   * with a digit.
   */
  readonly threePc: boolean;
  /** PROTECT: byte 5 bit 0. */
  readonly protect: boolean;
  /** ENCSERV (enclosure services): byte 6 bit 6. */
  readonly encserv: boolean;
  /** VS (vendor specific): byte 6 bit 5. */
  readonly vs1: boolean;
  /** MULTIP (multiple SCSI ports): byte 6 bit 4. */
  readonly multip: boolean;
  /** CMDQUE (command queuing): byte 7 bit 1. */
  readonly cmdque: boolean;
  /** VS (vendor specific): byte 7 bit 0. */
  readonly vs2: boolean;
  /** T10 VENDOR IDENTIFICATION: bytes 8-15, 8 ASCII characters. */
  readonly t10VendorIdentification: string;
  /** PRODUCT IDENTIFICATION: bytes 16-31, 16 ASCII characters. */
  readonly productIdentification: string;
  /** PRODUCT REVISION LEVEL: bytes 32-35, 4 ASCII characters. */
  readonly productRevisionLevel: string;
  /**
   * Vendor specific bytes 36-55 that are present (1 to 20 bytes; absent when the data ends at
   * byte 35). Must be 20 bytes when `versionDescriptors` or `vendorSpecificParameters` follow.
   */
  readonly vendorSpecific?: Uint8Array;
  /**
   * VERSION DESCRIPTOR 1-8 (bytes 58-73) that are present, zeros included (1 to 8; absent when
   * the data ends before byte 60). Must be all 8 when `vendorSpecificParameters` follow.
   */
  readonly versionDescriptors?: readonly number[];
  /** Vendor specific parameters: bytes 96-n (absent when the data ends at or before byte 95). */
  readonly vendorSpecificParameters?: Uint8Array;
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** Where the encoded data ends, from the optional tail fields (validated). */
function encodedLength(w: ByteWriter, v: StandardInquiryData): number {
  const vs = v.vendorSpecific;
  const vds = v.versionDescriptors;
  const vsp = v.vendorSpecificParameters;
  if (vs !== undefined && (!isUint8Array(vs) || vs.length > INQUIRY_VENDOR_SPECIFIC_LENGTH)) {
    throw w.error('vendorSpecific', 36, 'must be a Uint8Array of at most 20 bytes');
  }
  if (vds !== undefined && (!Array.isArray(vds) || vds.length > INQUIRY_VERSION_DESCRIPTOR_COUNT)) {
    throw w.error('versionDescriptors', VD_START, 'must be an array of at most 8 VERSION DESCRIPTORs');
  }
  if (vsp !== undefined && !isUint8Array(vsp)) {
    throw w.error('vendorSpecificParameters', VSP_START, 'not a Uint8Array');
  }
  const vsLength = vs?.length ?? 0;
  const vdCount = vds?.length ?? 0;
  const vspLength = vsp?.length ?? 0;
  if ((vdCount > 0 || vspLength > 0) && vsLength !== INQUIRY_VENDOR_SPECIFIC_LENGTH) {
    throw w.error('vendorSpecific', 36, `must be exactly 20 bytes when later fields follow, got ${vsLength}`);
  }
  if (vspLength > 0) {
    if (vdCount !== INQUIRY_VERSION_DESCRIPTOR_COUNT) {
      throw w.error(
        'versionDescriptors',
        VD_START,
        `must hold all 8 VERSION DESCRIPTORs when vendorSpecificParameters follow, got ${vdCount}`,
      );
    }
    checkRange(STRUCTURE, 'additionalLength', 4, VSP_START + vspLength - 5, 0xff);
    return VSP_START + vspLength;
  }
  if (vdCount > 0) return VD_START + 2 * vdCount;
  return 36 + vsLength;
}

/**
 * Encode standard INQUIRY data; ADDITIONAL LENGTH is computed from the fields present (36 bytes
 * when there is no tail).
 *
 * @see SPC-5, "Standard INQUIRY data format" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field, an ASCII field is
 *   too long or holds a character above FFh, or the tail fields are inconsistent (see
 *   {@link StandardInquiryData.vendorSpecific}) or make the data longer than 260 bytes.
 * @remarks Since 0.1.0
 */
export function encodeStandardInquiryData(value: StandardInquiryData): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, STRUCTURE);
    const length = encodedLength(probe, value);
    const w = new ByteWriter(length, STRUCTURE);
    w.bits(0, 7, 5, value.peripheralQualifier, 'peripheralQualifier');
    w.bits(0, 4, 0, value.peripheralDeviceType, 'peripheralDeviceType');
    w.bit(1, 7, value.rmb, 'rmb');
    w.bit(1, 6, value.luCong, 'luCong');
    w.bits(1, 5, 4, value.hotPluggable, 'hotPluggable');
    w.u8(2, value.version, 'version');
    w.bit(3, 5, value.normaca, 'normaca');
    w.bit(3, 4, value.hisup, 'hisup');
    w.bits(3, 3, 0, value.responseDataFormat, 'responseDataFormat');
    w.u8(4, length - 5, 'additionalLength');
    w.bit(5, 7, value.sccs, 'sccs');
    w.bit(5, 6, value.acc, 'acc');
    w.bits(5, 5, 4, value.tpgs, 'tpgs');
    w.bit(5, 3, value.threePc, 'threePc');
    w.bit(5, 0, value.protect, 'protect');
    w.bit(6, 6, value.encserv, 'encserv');
    w.bit(6, 5, value.vs1, 'vs1');
    w.bit(6, 4, value.multip, 'multip');
    w.bit(7, 1, value.cmdque, 'cmdque');
    w.bit(7, 0, value.vs2, 'vs2');
    w.ascii(8, 8, value.t10VendorIdentification, 't10VendorIdentification');
    w.ascii(16, 16, value.productIdentification, 'productIdentification');
    w.ascii(32, 4, value.productRevisionLevel, 'productRevisionLevel');
    if (value.vendorSpecific !== undefined) w.bytes(36, value.vendorSpecific, 'vendorSpecific');
    value.versionDescriptors?.forEach((d, i) => {
      w.u16(VD_START + 2 * i, d, 'versionDescriptor');
    });
    if (value.vendorSpecificParameters !== undefined && value.vendorSpecificParameters.length > 0) {
      w.bytes(VSP_START, value.vendorSpecificParameters, 'vendorSpecificParameters');
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'StandardInquiryData', [value], 'ERR_FIELD_RANGE');
  }
}

/** ASCII data fields hold only 20h-7Eh (SPC-5 "ASCII data field requirements"). */
function checkAscii(r: ByteReader, off: number, len: number, field: string): void {
  for (let i = 0; i < len; i++) {
    const c = r.u8(off + i);
    if (c < 0x20 || c > 0x7e) {
      r.tolerate('ERR_INVALID_VALUE', field, off + i, `byte ${hex(c, 2)} is not a printable ASCII character`);
      return;
    }
  }
}

/**
 * Decode standard INQUIRY data.
 *
 * Bytes 0-35 must be present. The data ends at min(ADDITIONAL LENGTH + 5, buffer length); bytes
 * after ADDITIONAL LENGTH + 5 are ignored. Data cut short by ALLOCATION LENGTH decodes what is
 * complete, with `truncated: true` and an `ERR_TRUNCATED` issue (both modes). An ADDITIONAL
 * LENGTH below 31 (data shorter than 36 bytes declared) is an `ERR_LENGTH_MISMATCH` issue (strict:
 * thrown); so is one ending inside a VERSION DESCRIPTOR. One ending inside reserved bytes 56-57 or
 * 74-95 is legal but does not re-encode to the same length: noted as an `ERR_LENGTH_MISMATCH`
 * issue in both modes. ASCII fields holding bytes outside 20h-7Eh are an `ERR_INVALID_VALUE` issue
 * (strict: thrown).
 *
 * @see SPC-5, "Standard INQUIRY data format" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 36 bytes); strict: `ERR_RESERVED_NONZERO`
 *   (byte 1 bits 3:0, byte 5 bits 2:1, byte 56 bits 7:4, bytes 57 and 74-95),
 *   `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`.
 * @remarks Since 0.1.0
 */
export function decodeStandardInquiryData(bytes: Uint8Array, options?: DecodeOptions): StandardInquiryData {
  try {
    const r = new ByteReader(bytes, STRUCTURE, options);
    r.need(STANDARD_INQUIRY_DATA_MIN_LENGTH);
    const declaredEnd = 5 + r.u8(4, 'additionalLength');
    if (declaredEnd < STANDARD_INQUIRY_DATA_MIN_LENGTH) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'additionalLength',
        4,
        `ADDITIONAL LENGTH ${declaredEnd - 5} does not cover bytes 5-35 (at least 31 expected)`,
      );
    }
    const truncated = declaredEnd > r.length;
    if (truncated) {
      r.note(
        'ERR_TRUNCATED',
        'additionalLength',
        4,
        `ADDITIONAL LENGTH says ${declaredEnd} bytes, only ${r.length} present (cut short by ALLOCATION LENGTH?)`,
      );
    }
    const end = Math.max(STANDARD_INQUIRY_DATA_MIN_LENGTH, Math.min(declaredEnd, r.length));
    const out = readFixedFields(r);
    readTail(r, end, out);
    if (!truncated) checkTailEnd(r, end);
    if (truncated) out.truncated = true;
    if (r.issues.length > 0) out.issues = r.issues;
    return out;
  } catch (e) {
    throw inputFault(e, 'StandardInquiryData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/** Bytes 0-35: flags, VERSION and the three ASCII identification fields. */
function readFixedFields(r: ByteReader): Mutable<StandardInquiryData> {
  r.reserved(1, 0x0f);
  r.reserved(5, 0x06);
  checkAscii(r, 8, 8, 't10VendorIdentification');
  checkAscii(r, 16, 16, 'productIdentification');
  checkAscii(r, 32, 4, 'productRevisionLevel');
  return {
    peripheralQualifier: r.bits(0, 7, 5, 'peripheralQualifier'),
    peripheralDeviceType: r.bits(0, 4, 0, 'peripheralDeviceType'),
    rmb: r.bit(1, 7, 'rmb'),
    luCong: r.bit(1, 6, 'luCong'),
    hotPluggable: r.bits(1, 5, 4, 'hotPluggable'),
    version: r.u8(2, 'version'),
    normaca: r.bit(3, 5, 'normaca'),
    hisup: r.bit(3, 4, 'hisup'),
    responseDataFormat: r.bits(3, 3, 0, 'responseDataFormat'),
    sccs: r.bit(5, 7, 'sccs'),
    acc: r.bit(5, 6, 'acc'),
    tpgs: r.bits(5, 5, 4, 'tpgs'),
    threePc: r.bit(5, 3, 'threePc'),
    protect: r.bit(5, 0, 'protect'),
    encserv: r.bit(6, 6, 'encserv'),
    vs1: r.bit(6, 5, 'vs1'),
    multip: r.bit(6, 4, 'multip'),
    cmdque: r.bit(7, 1, 'cmdque'),
    vs2: r.bit(7, 0, 'vs2'),
    t10VendorIdentification: r.ascii(8, 8, 't10VendorIdentification'),
    productIdentification: r.ascii(16, 16, 'productIdentification'),
    productRevisionLevel: r.ascii(32, 4, 'productRevisionLevel'),
  };
}

/** Bytes 36 to `end`: vendor specific, VERSION DESCRIPTORs, vendor specific parameters, reserved gaps. */
function readTail(r: ByteReader, end: number, out: Mutable<StandardInquiryData>): void {
  if (end > 36) out.vendorSpecific = r.bytes(36, Math.min(end, VS_END) - 36, 'vendorSpecific');
  if (end > VS_END) r.reserved(VS_END, 0xf0);
  if (end > VS_END + 1) r.reservedBytes(VS_END + 1, 1);
  const vds: number[] = [];
  for (let off = VD_START; off + 2 <= Math.min(end, VD_END); off += 2) vds.push(r.u16(off, 'versionDescriptor'));
  if (vds.length > 0) out.versionDescriptors = vds;
  if (end > VD_END) r.reservedBytes(VD_END, Math.min(end, VSP_START) - VD_END);
  if (end > VSP_START) out.vendorSpecificParameters = r.bytes(VSP_START, end - VSP_START, 'vendorSpecificParameters');
}

/** Data (not cut short) that ends inside a VERSION DESCRIPTOR or inside reserved bytes. */
function checkTailEnd(r: ByteReader, end: number): void {
  if (end > VD_START && end < VD_END && end % 2 === 1) {
    r.tolerate('ERR_LENGTH_MISMATCH', 'additionalLength', 4, `data ends inside VERSION DESCRIPTOR at byte ${end - 1}`);
  } else if (end === VS_END + 1 || (end > VD_END && end < VSP_START)) {
    r.note(
      'ERR_LENGTH_MISMATCH',
      'additionalLength',
      4,
      `data ends inside reserved bytes (at byte ${end - 1}); re-encoding gives a shorter ADDITIONAL LENGTH`,
    );
  }
}

/**
 * ALLOCATION LENGTH that fetches the whole standard INQUIRY data: ADDITIONAL LENGTH + 5 (needs
 * the first 5 bytes).
 *
 * @see SPC-5, "Standard INQUIRY data format" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 5 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredStandardInquiryDataLength(headerBytes: Uint8Array): number {
  try {
    const r = new ByteReader(headerBytes, STRUCTURE);
    r.need(5, 'additionalLength');
    return 5 + r.u8(4, 'additionalLength');
  } catch (e) {
    throw inputFault(e, 'StandardInquiryData', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
