/**
 * READ CAPACITY (16) parameter data (SBC-4): 32 bytes, no length field.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { truncatedOf } from './common.js';

const STRUCTURE = 'ReadCapacity16ParameterData';

/** Length of the READ CAPACITY (16) parameter data. @remarks Since 0.1.0 */
export const READ_CAPACITY_16_PARAMETER_DATA_LENGTH = 32;

/**
 * Bytes the decoder needs (0-15: every defined field); bytes 16-31 are reserved.
 *
 * @remarks Since 0.1.0
 */
export const READ_CAPACITY_16_PARAMETER_DATA_MIN_LENGTH = 16;

/**
 * RC BASIS values (byte 12 bits 5:4): what the RETURNED LOGICAL BLOCK ADDRESS is based on.
 *
 * @see SBC-4, "RC BASIS field" table
 * @remarks Since 0.1.0
 */
export const RC_BASIS = {
  /**
   * The RETURNED LOGICAL BLOCK ADDRESS is the highest LBA of the contiguous range of zones, from
   * the first zone, that are not sequential write required zones (zoned block devices).
   */
  NOT_SEQUENTIAL_WRITE_REQUIRED_ZONES: 0,
  /** The RETURNED LOGICAL BLOCK ADDRESS is the LBA of the last logical block on the logical unit. */
  LAST_LOGICAL_BLOCK: 1,
} as const;

/** A defined {@link RC_BASIS} value. @remarks Since 0.1.0 */
export type RcBasis = (typeof RC_BASIS)[keyof typeof RC_BASIS];

/**
 * READ CAPACITY (16) parameter data.
 *
 * @see SBC-4, "READ CAPACITY (16) parameter data" table
 * @remarks Since 0.1.0
 */
export interface ReadCapacity16ParameterData {
  /** RETURNED LOGICAL BLOCK ADDRESS: bytes 0-7 (normally the LBA of the last logical block). */
  readonly returnedLogicalBlockAddress: bigint;
  /** LOGICAL BLOCK LENGTH IN BYTES: bytes 8-11. */
  readonly logicalBlockLengthInBytes: number;
  /** RC BASIS: byte 12 bits 5:4 (see {@link RC_BASIS}; 2 and 3 are reserved codes, kept as is). */
  readonly rcBasis: number;
  /** P_TYPE (protection type - 1 when PROT_EN is set): byte 12 bits 3:1. */
  readonly pType: number;
  /** PROT_EN: byte 12 bit 0. */
  readonly protEn: boolean;
  /** P_I_EXPONENT: byte 13 bits 7:4. */
  readonly pIExponent: number;
  /** LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT: byte 13 bits 3:0. */
  readonly logicalBlocksPerPhysicalBlockExponent: number;
  /** LBPME (logical block provisioning management enabled): byte 14 bit 7. */
  readonly lbpme: boolean;
  /** LBPRZ (logical block provisioning read zeros): byte 14 bit 6. */
  readonly lbprz: boolean;
  /** LOWEST ALIGNED LOGICAL BLOCK ADDRESS: bytes 14-15, 14 bits (byte 14 bits 5:0 are the MSBs). */
  readonly lowestAlignedLogicalBlockAddress: number;
  /** Data cut short by ALLOCATION LENGTH (fewer than 32 bytes, at least 16). */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode READ CAPACITY (16) parameter data (32 bytes, reserved bytes zero).
 *
 * @see SBC-4, "READ CAPACITY (16) parameter data" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeReadCapacity16ParameterData(value: ReadCapacity16ParameterData): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(READ_CAPACITY_16_PARAMETER_DATA_LENGTH, STRUCTURE);
    w.u64(0, value.returnedLogicalBlockAddress, 'returnedLogicalBlockAddress');
    w.u32(8, value.logicalBlockLengthInBytes, 'logicalBlockLengthInBytes');
    w.bits(12, 5, 4, value.rcBasis, 'rcBasis');
    w.bits(12, 3, 1, value.pType, 'pType');
    w.bit(12, 0, value.protEn, 'protEn');
    w.bits(13, 7, 4, value.pIExponent, 'pIExponent');
    w.bits(13, 3, 0, value.logicalBlocksPerPhysicalBlockExponent, 'logicalBlocksPerPhysicalBlockExponent');
    const lowest = value.lowestAlignedLogicalBlockAddress;
    if (typeof lowest !== 'number' || !Number.isInteger(lowest) || lowest < 0 || lowest > 0x3fff) {
      throw w.error('lowestAlignedLogicalBlockAddress', 14, `${show(lowest)} does not fit 14 bits (0..0x3fff)`, 5);
    }
    w.u16(14, lowest, 'lowestAlignedLogicalBlockAddress');
    w.bit(14, 7, value.lbpme, 'lbpme');
    w.bit(14, 6, value.lbprz, 'lbprz');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReadCapacity16ParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * LOWEST ALIGNED LOGICAL BLOCK ADDRESS (byte 14 bits 5:0 and byte 15): traced as the 14-bit
 * value, not the 16 bits that also hold LBPME and LBPRZ (SBC-5 READ CAPACITY (16) parameter data).
 */
function lowestAligned(r: ByteReader): number {
  const v = r.u16(14) & 0x3fff;
  r.trace?.push({
    structure: r.structure,
    field: 'lowestAlignedLogicalBlockAddress',
    offset: r.abs(14),
    length: 2,
    value: v,
  });
  return v;
}

/**
 * Decode READ CAPACITY (16) parameter data. Bytes 0-15 must be present; a buffer of 16 to 31
 * bytes (cut by ALLOCATION LENGTH) decodes with `truncated: true` and an `ERR_TRUNCATED` issue
 * (both modes). Bytes after byte 31 are ignored.
 *
 * @see SBC-4, "READ CAPACITY (16) parameter data" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 16 bytes); strict: `ERR_RESERVED_NONZERO`
 *   (byte 12 bits 7:6, bytes 16-31 present).
 * @remarks Since 0.1.0
 */
export function decodeReadCapacity16ParameterData(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReadCapacity16ParameterData {
  try {
    const r = new ByteReader(bytes, STRUCTURE, options);
    r.need(READ_CAPACITY_16_PARAMETER_DATA_MIN_LENGTH);
    const truncated = r.length < READ_CAPACITY_16_PARAMETER_DATA_LENGTH;
    if (truncated) {
      r.note('ERR_TRUNCATED', undefined, r.length, `${r.length} of 32 bytes present (cut short by ALLOCATION LENGTH?)`);
    }
    r.reserved(12, 0xc0);
    const end = Math.min(r.length, READ_CAPACITY_16_PARAMETER_DATA_LENGTH);
    r.reservedBytes(16, end - 16);
    return {
      returnedLogicalBlockAddress: r.u64(0, 'returnedLogicalBlockAddress'),
      logicalBlockLengthInBytes: r.u32(8, 'logicalBlockLengthInBytes'),
      rcBasis: r.bits(12, 5, 4, 'rcBasis'),
      pType: r.bits(12, 3, 1, 'pType'),
      protEn: r.bit(12, 0, 'protEn'),
      pIExponent: r.bits(13, 7, 4, 'pIExponent'),
      logicalBlocksPerPhysicalBlockExponent: r.bits(13, 3, 0, 'logicalBlocksPerPhysicalBlockExponent'),
      lbpme: r.bit(14, 7, 'lbpme'),
      lbprz: r.bit(14, 6, 'lbprz'),
      lowestAlignedLogicalBlockAddress: lowestAligned(r),
      ...truncatedOf(truncated),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReadCapacity16ParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
