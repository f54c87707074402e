/**
 * Block Device Characteristics VPD page (B1h, SBC).
 *
 * @packageDocumentation
 */
import { BLOCK_DEVICE_CHARACTERISTICS_PAGE_LENGTH, VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import {
  issuesFrom,
  readVpdHeader,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

const STRUCTURE = 'BlockDeviceCharacteristicsVpdPage';

/** Bytes of the page up to and including DEPOPULATION TIME (the last field SBC defines). */
const DEFINED_LENGTH = 16;

/**
 * MEDIUM ROTATION RATE values with a meaning of their own (other values 0401h..FFFEh are the
 * nominal rotation rate in revolutions per minute; 0002h..0400h and FFFFh are reserved).
 *
 * @see SBC-4, "MEDIUM ROTATION RATE field" table
 * @remarks Since 0.2.0
 */
export const MEDIUM_ROTATION_RATE = {
  NOT_REPORTED: 0x0000,
  NON_ROTATING: 0x0001,
} as const;

/**
 * Block Device Characteristics VPD page (B1h). PAGE LENGTH is 003Ch; bytes 16 to 63 are
 * reserved.
 *
 * @see SBC-4, "Block Device Characteristics VPD page" table
 * @remarks Since 0.2.0
 */
export interface BlockDeviceCharacteristicsVpdPage extends VpdPageHeaderFields {
  readonly kind: 'blockDeviceCharacteristics';
  /** MEDIUM ROTATION RATE: bytes 4-5 (0001h: non-rotating medium, see {@link MEDIUM_ROTATION_RATE}). */
  readonly mediumRotationRate: number;
  /** PRODUCT TYPE: byte 6 (00h: not indicated; F0h-FFh vendor specific). */
  readonly productType: number;
  /** WABEREQ (write after block erase required): byte 7 bits 7:6. */
  readonly wabereq: number;
  /** WACEREQ (write after cryptographic erase required): byte 7 bits 5:4. */
  readonly wacereq: number;
  /** NOMINAL FORM FACTOR: byte 7 bits 3:0 (0h: not reported). */
  readonly nominalFormFactor: number;
  /** MACT (multiple actuators, SBC-5): byte 8 bit 6. */
  readonly mact: boolean;
  /** ZONED: byte 8 bits 5:4 (00b: not reported; 01b host aware; 10b device managed). */
  readonly zoned: number;
  /** RBWZ: byte 8 bit 3. */
  readonly rbwz: boolean;
  /** BOCS (background operation control supported): byte 8 bit 2. */
  readonly bocs: boolean;
  /** FUAB (force unit access behavior): byte 8 bit 1. */
  readonly fuab: boolean;
  /** VBULS (verify byte check unmapped LBA supported): byte 8 bit 0. */
  readonly vbuls: boolean;
  /** DEPOPULATION TIME in seconds: bytes 12-15 (0: not reported). */
  readonly depopulationTime: number;
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a Block Device Characteristics VPD page (B1h): 64 bytes, PAGE LENGTH 003Ch.
 *
 * @see SBC-4, "Block Device Characteristics VPD page" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.2.0
 */
export function encodeBlockDeviceCharacteristicsVpdPage(
  page: BlockDeviceCharacteristicsVpdPage,
): Uint8Array<ArrayBuffer> {
  try {
    const pageLength = BLOCK_DEVICE_CHARACTERISTICS_PAGE_LENGTH;
    const w = new ByteWriter(VPD_PAGE_HEADER_LENGTH + pageLength, STRUCTURE);
    writeVpdHeader(w, page, VPD_PAGE_CODE.BLOCK_DEVICE_CHARACTERISTICS, pageLength);
    w.u16(4, page.mediumRotationRate, 'mediumRotationRate');
    w.u8(6, page.productType, 'productType');
    w.bits(7, 7, 6, page.wabereq, 'wabereq');
    w.bits(7, 5, 4, page.wacereq, 'wacereq');
    w.bits(7, 3, 0, page.nominalFormFactor, 'nominalFormFactor');
    w.bit(8, 6, page.mact, 'mact');
    w.bits(8, 5, 4, page.zoned, 'zoned');
    w.bit(8, 3, page.rbwz, 'rbwz');
    w.bit(8, 2, page.bocs, 'bocs');
    w.bit(8, 1, page.fuab, 'fuab');
    w.bit(8, 0, page.vbuls, 'vbuls');
    w.u32(12, page.depopulationTime, 'depopulationTime');
    return w.finish();
  } catch (e) {
    throw inputFault(e, STRUCTURE, [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a Block Device Characteristics VPD page (B1h). A PAGE LENGTH other than 003Ch is
 * tolerated in lenient mode (an issue; the fields wholly present through DEPOPULATION TIME are
 * needed) and refused in strict mode, as are reserved bits set.
 *
 * @see SBC-4, "Block Device Characteristics VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 16 bytes), `ERR_UNEXPECTED_VALUE` (PAGE
 *   CODE not B1h); strict: `ERR_LENGTH_MISMATCH`, `ERR_RESERVED_NONZERO`.
 * @remarks Since 0.2.0
 */
export function decodeBlockDeviceCharacteristicsVpdPage(
  bytes: Uint8Array,
  options?: DecodeOptions,
): BlockDeviceCharacteristicsVpdPage {
  try {
    const root = new ByteReader(bytes, STRUCTURE, options);
    const { header, pageLength, page: r } = readVpdHeader(root, VPD_PAGE_CODE.BLOCK_DEVICE_CHARACTERISTICS);
    if (pageLength !== BLOCK_DEVICE_CHARACTERISTICS_PAGE_LENGTH) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'pageLength', 2, `PAGE LENGTH ${hex(pageLength, 4)} is not 003Ch`);
    }
    r.need(DEFINED_LENGTH, 'depopulationTime');
    r.reserved(8, 0x80);
    r.reservedBytes(9, 3);
    r.reservedBytes(DEFINED_LENGTH, r.length - DEFINED_LENGTH);
    return {
      kind: 'blockDeviceCharacteristics',
      ...header,
      mediumRotationRate: r.u16(4, 'mediumRotationRate'),
      productType: r.u8(6, 'productType'),
      wabereq: r.bits(7, 7, 6, 'wabereq'),
      wacereq: r.bits(7, 5, 4, 'wacereq'),
      nominalFormFactor: r.bits(7, 3, 0, 'nominalFormFactor'),
      mact: r.bit(8, 6, 'mact'),
      zoned: r.bits(8, 5, 4, 'zoned'),
      rbwz: r.bit(8, 3, 'rbwz'),
      bocs: r.bit(8, 2, 'bocs'),
      fuab: r.bit(8, 1, 'fuab'),
      vbuls: r.bit(8, 0, 'vbuls'),
      depopulationTime: r.u32(12, 'depopulationTime'),
      ...issuesFrom(root.issues),
    };
  } catch (e) {
    throw inputFault(e, STRUCTURE, [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
