/**
 * Types of the decoded ROD token (the codec is in rod-token.ts).
 *
 * @packageDocumentation
 */

import type { ROD_TYPE } from '../constants/rod-type.js';
import type { DesignationDescriptor } from '../designation/designation-descriptor.js';
import type { DecodeIssue } from '../errors.js';
import type { IdentificationDescriptorCscd } from './identification-descriptor-cscd.js';

/**
 * The body fields (bytes 8-63) shared by a generic ROD token and its management token; see
 * {@link GenericRodToken} for the field documentation.
 *
 * @remarks Since 0.1.0
 */
export interface RodTokenBody {
  readonly copyManagerRodTokenIdentifier: bigint;
  readonly creatorLogicalUnitDescriptor?: IdentificationDescriptorCscd;
  readonly numberOfBytesRepresented: bigint;
}

/**
 * Device type specific data (token bytes 96-127) for a block device creator (PDT 00h): the READ
 * CAPACITY (16) parameter data bytes 8-15 subset; bytes 104-127 are reserved.
 *
 * @see SBC-4 device type specific data of a block device ROD token
 * @remarks Since 0.1.0
 */
export interface BlockDeviceRodTokenData {
  readonly kind: 'blockDevice';
  /** LOGICAL BLOCK LENGTH IN BYTES: bytes 96-99. */
  readonly logicalBlockLength: number;
  /** P_TYPE: byte 100 bits 3:1. */
  readonly pType: number;
  /** PROT_EN: byte 100 bit 0. */
  readonly protEn: boolean;
  /** P_I_EXPONENT: byte 101 bits 7:4. */
  readonly pIExponent: number;
  /** LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT (LBPPBE): byte 101 bits 3:0. */
  readonly logicalBlocksPerPhysicalBlockExponent: number;
  /** LBPME: byte 102 bit 7. */
  readonly lbpme: boolean;
  /** LBPRZ: byte 102 bit 6. */
  readonly lbprz: boolean;
  /** LOWEST ALIGNED LOGICAL BLOCK ADDRESS: bytes 102-103 bits 13:0. */
  readonly lowestAlignedLogicalBlockAddress: number;
}

/**
 * Device type specific data kept as bytes (creator PDT other than 00h, or no creator descriptor).
 *
 * @remarks Since 0.1.0
 */
export interface RawDeviceTypeSpecificData {
  readonly kind: 'raw';
  /** Token bytes 96-127 (32 bytes). */
  readonly bytes: Uint8Array;
}

/** Token bytes 96-127. @remarks Since 0.1.0 */
export type RodTokenDeviceTypeSpecificData = BlockDeviceRodTokenData | RawDeviceTypeSpecificData;

/**
 * A ROD token in the generic SPC layout: ROD types 0001 0000h (access upon reference) and
 * 0080 0000h-0080 0003h (point in time copy).
 *
 * Lenient decoding keeps everything that is not reserved, so `encode(decode(b))` equals `b`
 * unless reserved bits were set (bytes 4-5, 64-95, 104-127, reserved bits of the creator
 * descriptor), which are re-encoded as zero.
 *
 * @see SPC-5 ROD token format
 * @remarks Since 0.1.0
 */
export interface GenericRodToken {
  readonly kind: 'generic';
  /** ROD TYPE: bytes 0-3 (one of the generic types, see {@link isGenericRodType}). */
  readonly rodType: number;
  /** ROD TOKEN LENGTH (bytes 6-7): present only when it is not 01F8h (lenient decode of a bad token). */
  readonly rodTokenLength?: number;
  /** COPY MANAGER ROD TOKEN IDENTIFIER: bytes 8-15. */
  readonly copyManagerRodTokenIdentifier: bigint;
  /** CREATOR LOGICAL UNIT DESCRIPTOR: bytes 16-47; absent when those bytes are all zero. */
  readonly creatorLogicalUnitDescriptor?: IdentificationDescriptorCscd;
  /**
   * NUMBER OF BYTES REPRESENTED: bytes 48-63, exactly as on the wire (u128; all ones =
   * unknown). See {@link numberOfBytesRepresentedOf} for tokens that put a u64 in the wrong half.
   */
  readonly numberOfBytesRepresented: bigint;
  /** Bytes 96-127: parsed for a block device creator (PDT 00h), else raw. */
  readonly deviceTypeSpecificData: RodTokenDeviceTypeSpecificData;
  /** TARGET DEVICE DESCRIPTOR: the designation descriptor at byte 128 (its own length at byte 131). */
  readonly targetDeviceDescriptor: DesignationDescriptor;
  /**
   * EXTENDED ROD TOKEN DATA: from the end of the target device descriptor to byte 511. The
   * encoder zero-fills it if shorter and rejects it if longer.
   */
  readonly extendedRodTokenData: Uint8Array;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The block device zero ROD token (ROD TYPE FFFF 0001h): user data of all zeros. Bytes 8-511 are
 * reserved.
 *
 * @see SBC-4 block device zero ROD token
 * @remarks Since 0.1.0
 */
export interface BlockDeviceZeroRodToken {
  readonly kind: 'blockDeviceZero';
  readonly rodType: typeof ROD_TYPE.BLOCK_DEVICE_ZERO;
  /** ROD TOKEN LENGTH: present only when it is not 01F8h (lenient decode). */
  readonly rodTokenLength?: number;
  /**
   * Bytes 8-511 (504 bytes), present only when not all zero (lenient decode; SBC-5 defines a
   * CRC VALID bit somewhere in this range, position unconfirmed). Absent = all zero.
   */
  readonly reservedData?: Uint8Array;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * A token of any other ROD type (vendor specific FFFF FFF0h+, reserved, device type specific
 * other than FFFF 0001h): header decoded, body kept byte-exact.
 *
 * @remarks Since 0.1.0
 */
export interface OpaqueRodToken {
  readonly kind: 'opaque';
  readonly rodType: number;
  /** ROD TOKEN LENGTH: present only when it differs from `bytes.length`. */
  readonly rodTokenLength?: number;
  /** Everything after the 8-byte header (a copy). */
  readonly bytes: Uint8Array;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/** A decoded ROD token, discriminated by `kind`. @remarks Since 0.1.0 */
export type RodToken = GenericRodToken | BlockDeviceZeroRodToken | OpaqueRodToken;
