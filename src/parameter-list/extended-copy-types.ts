/**
 * The constants and decoded shapes of the EXTENDED COPY parameter lists (LID1 and LID4), their CSCD
 * descriptors and segment descriptors; the layouts are described, and the codecs live, in
 * `extended-copy.ts`, which re-exports all of this.
 *
 * @see SPC-4 "EXTENDED COPY (LID1) parameter list", "EXTENDED COPY(LID4) parameter list" (table 126),
 *   "CSCD descriptors", "Segment descriptors"
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import type { IdentificationDescriptorCscd } from '../rod-token/identification-descriptor-cscd.js';

/** Length of the EXTENDED COPY (LID1) parameter list header. @remarks Since 0.2.0 */
export const EXTENDED_COPY_LID1_HEADER_LENGTH = 16;
/** Length of the EXTENDED COPY (LID4) parameter list header. @remarks Since 0.2.0 */
export const EXTENDED_COPY_LID4_HEADER_LENGTH = 48;
/** LIST FORMAT of the LID4 parameter list (SPC-5). @remarks Since 0.2.0 */
export const EXTENDED_COPY_LID4_LIST_FORMAT = 0x01;
/**
 * HEADER CSCD DESCRIPTOR LIST LENGTH of the LID4 parameter list: 0020h, the 32 bytes 16-47 of the
 * header seen as one SPC-3 target descriptor (SPC-4 table 126). @remarks Since 0.2.0
 */
export const EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH = 0x20;
/** HEADER CSCD DESCRIPTOR TYPE CODE of the LID4 parameter list: FFh (SPC-4 table 126). @remarks Since 0.2.0 */
export const EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_TYPE_CODE = 0xff;
/** Length of every CSCD descriptor (SPC-4 "CSCD descriptors"). @remarks Since 0.2.0 */
export const CSCD_DESCRIPTOR_LENGTH = 32;

/** CSCD descriptor types 64 bytes long: IPv6 (EAh) and IP copy service (EBh) (SPC-4 "CSCD descriptors"). @remarks Since 0.2.0 */
export const CSCD_64_BYTE_TYPES: readonly number[] = [0xea, 0xeb];

/** Length of a CSCD descriptor of type `descriptorTypeCode`: 64 for EAh and EBh, else 32. @remarks Since 0.2.0 */
export function cscdDescriptorLength(descriptorTypeCode: number): number {
  return CSCD_64_BYTE_TYPES.includes(descriptorTypeCode) ? 2 * CSCD_DESCRIPTOR_LENGTH : CSCD_DESCRIPTOR_LENGTH;
}

/** LIST ID USAGE values (byte 1 bits 4:3). @remarks Since 0.2.0 */
export const LIST_ID_USAGE = {
  /** 00b: LIST IDENTIFIER valid; the copy manager holds data for RECEIVE COPY RESULTS. */
  HOLD: 0,
  /** 10b: LIST IDENTIFIER valid; no data held for RECEIVE COPY RESULTS. */
  NO_HOLD: 2,
  /** 11b: LIST IDENTIFIER not used (it shall be zero); allowed only if SNLID = 1. */
  NO_LIST_ID: 3,
} as const;

/** Segment descriptor type codes decoded field by field (SPC-4 "Segment descriptors"). @remarks Since 0.2.0 */
export const SEGMENT_DESCRIPTOR_TYPE = {
  /** 02h block device to block device. */
  BLOCK_TO_BLOCK: 0x02,
  /** 0Ah block device with offset to block device with offset. */
  BLOCK_TO_BLOCK_WITH_OFFSETS: 0x0a,
} as const;

/** DESCRIPTOR LENGTH of the 02h segment descriptor. @remarks Since 0.2.0 */
export const BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH = 0x18;
/** DESCRIPTOR LENGTH of the 0Ah segment descriptor. @remarks Since 0.2.0 */
export const BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH = 0x1c;

/** An Identification Descriptor CSCD descriptor (E4h) in a CSCD descriptor list. @remarks Since 0.2.0 */
export interface IdentificationCscdDescriptor extends IdentificationDescriptorCscd {
  readonly kind: 'identification';
}

/**
 * Any other CSCD descriptor type (Fibre Channel, SAS, IPv4, IPv6, ROD, extension, vendor): the
 * common fields decoded, the parameters raw.
 *
 * @remarks Since 0.2.0
 */
export interface OtherCscdDescriptor {
  readonly kind: 'other';
  /** DESCRIPTOR TYPE CODE (byte 0), never E4h. */
  readonly descriptorTypeCode: number;
  /** LU ID TYPE (byte 1 bits 7:6). */
  readonly luIdType: number;
  /** NUL (byte 1 bit 5). */
  readonly nul: boolean;
  /** PERIPHERAL DEVICE TYPE (byte 1 bits 4:0). */
  readonly peripheralDeviceType: number;
  /** RELATIVE INITIATOR PORT IDENTIFIER (bytes 2-3). */
  readonly relativeInitiatorPortIdentifier: number;
  /** CSCD descriptor parameters (bytes 4-27), exactly 24 bytes. */
  readonly cscdParameters: Uint8Array;
  /** Device type specific parameters (bytes 28-31), exactly 4 bytes. */
  readonly deviceTypeSpecificParameters: Uint8Array;
  /** Bytes 32-63 of the 64-byte types (EAh, EBh), exactly 32 bytes; absent for the others. */
  readonly moreParameters?: Uint8Array;
}

/** One CSCD descriptor. @remarks Since 0.2.0 */
export type CscdDescriptor = IdentificationCscdDescriptor | OtherCscdDescriptor;

/** Block device to block device segment descriptor (02h). @remarks Since 0.2.0 */
export interface BlockToBlockSegmentDescriptor {
  readonly kind: 'blockToBlock';
  /** DC (byte 1 bit 1): BLOCK DEVICE NUMBER OF BLOCKS counts destination blocks. */
  readonly dc: boolean;
  /** CAT (byte 1 bit 0). */
  readonly cat: boolean;
  readonly sourceCscdDescriptorId: number;
  readonly destinationCscdDescriptorId: number;
  readonly blockDeviceNumberOfBlocks: number;
  readonly sourceBlockDeviceLogicalBlockAddress: bigint;
  readonly destinationBlockDeviceLogicalBlockAddress: bigint;
}

/** Block device with offset to block device with offset segment descriptor (0Ah). @remarks Since 0.2.0 */
export interface BlockToBlockWithOffsetsSegmentDescriptor {
  readonly kind: 'blockToBlockWithOffsets';
  /** CAT (byte 1 bit 0). */
  readonly cat: boolean;
  readonly sourceCscdDescriptorId: number;
  readonly destinationCscdDescriptorId: number;
  readonly numberOfBytes: number;
  readonly sourceBlockDeviceLogicalBlockAddress: bigint;
  readonly destinationBlockDeviceLogicalBlockAddress: bigint;
  readonly sourceBlockDeviceByteOffset: number;
  readonly destinationBlockDeviceByteOffset: number;
}

/** Any other segment descriptor type, kept raw. @remarks Since 0.2.0 */
export interface OtherSegmentDescriptor {
  readonly kind: 'other';
  /** DESCRIPTOR TYPE CODE (byte 0), never 02h or 0Ah. */
  readonly descriptorTypeCode: number;
  /** Byte 1 (type-specific flags such as DC and CAT). */
  readonly byte1: number;
  /** Bytes 4-n (DESCRIPTOR LENGTH bytes; embedded data, stream parameters, ROD tokens, ...). */
  readonly bytes: Uint8Array;
}

/** One segment descriptor. @remarks Since 0.2.0 */
export type SegmentDescriptor =
  | BlockToBlockSegmentDescriptor
  | BlockToBlockWithOffsetsSegmentDescriptor
  | OtherSegmentDescriptor;

/** Fields common to both list formats. @remarks Since 0.2.0 */
export interface ExtendedCopyListBody {
  /** STR (byte 1 bit 5): sequential striped. */
  readonly str: boolean;
  /** LIST ID USAGE (byte 1 bits 4:3), see {@link LIST_ID_USAGE}. */
  readonly listIdUsage: number;
  /** PRIORITY (byte 1 bits 2:0). */
  readonly priority: number;
  readonly cscdDescriptors: readonly CscdDescriptor[];
  readonly segmentDescriptors: readonly SegmentDescriptor[];
  /** Inline data (INLINE DATA LENGTH bytes after the segment descriptors), a copy. */
  readonly inlineData: Uint8Array;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** Decoded EXTENDED COPY (LID1) parameter list. @remarks Since 0.2.0 */
export interface ExtendedCopyLid1ParameterList extends ExtendedCopyListBody {
  /** LIST IDENTIFIER (byte 0). */
  readonly listIdentifier: number;
}

/** Decoded EXTENDED COPY (LID4) parameter list. @remarks Since 0.2.0 */
export interface ExtendedCopyLid4ParameterList extends ExtendedCopyListBody {
  /** LIST FORMAT (byte 0), 01h in SPC-5. */
  readonly listFormat: number;
  /** G_SENSE (byte 15 bit 1). */
  readonly gSense: boolean;
  /** IMMED (byte 15 bit 0). */
  readonly immed: boolean;
  /** HEADER CSCD DESCRIPTOR LIST LENGTH (bytes 2-3), 0020h in SPC-4 and SPC-5. */
  readonly headerCscdDescriptorListLength: number;
  /** HEADER CSCD DESCRIPTOR TYPE CODE (byte 16), FFh in SPC-4 and SPC-5. */
  readonly headerCscdDescriptorTypeCode: number;
  /** LIST IDENTIFIER (bytes 20-23). */
  readonly listIdentifier: number;
}
