/**
 * VPD page codes and Third-party Copy VPD page (8Fh) code tables.
 *
 * @packageDocumentation
 */

/**
 * VPD page codes decoded by this package (INQUIRY with EVPD=1).
 *
 * @see SPC-5, "Vital product data parameters" (VPD page codes table); SBC-4 "Block Limits VPD page"
 * @remarks Since 0.1.0
 */
export const VPD_PAGE_CODE = {
  SUPPORTED_VPD_PAGES: 0x00,
  DEVICE_IDENTIFICATION: 0x83,
  THIRD_PARTY_COPY: 0x8f,
  BLOCK_LIMITS: 0xb0,
  /** Since 0.2.0 (SBC-4 "Block Device Characteristics VPD page"). */
  BLOCK_DEVICE_CHARACTERISTICS: 0xb1,
} as const;

/** One of the {@link VPD_PAGE_CODE} values. @remarks Since 0.1.0 */
export type VpdPageCode = (typeof VPD_PAGE_CODE)[keyof typeof VPD_PAGE_CODE];

/**
 * THIRD-PARTY COPY DESCRIPTOR TYPE codes of the Third-party Copy VPD page.
 * Note 0004h = Parameter Data and 0008h = Supported Descriptors (easy to swap).
 *
 * @see SPC-5, "Third-party copy descriptor type codes" table; SBC-4 "Block Device ROD Limits descriptor"
 * @remarks Since 0.1.0
 */
export const TPC_DESCRIPTOR_TYPE = {
  BLOCK_DEVICE_ROD_LIMITS: 0x0000,
  SUPPORTED_COMMANDS: 0x0001,
  PARAMETER_DATA: 0x0004,
  SUPPORTED_DESCRIPTORS: 0x0008,
  SUPPORTED_CSCD_IDS: 0x000c,
  COPY_GROUP_IDENTIFIER: 0x000d,
  ROD_TOKEN_FEATURES: 0x0106,
  SUPPORTED_ROD_TOKEN_AND_ROD_TYPES: 0x0108,
  GENERAL_COPY_OPERATIONS: 0x8001,
  STREAM_COPY_OPERATIONS: 0x9101,
  HELD_DATA: 0xc001,
} as const;

/** One of the {@link TPC_DESCRIPTOR_TYPE} values. @remarks Since 0.1.0 */
export type TpcDescriptorType = (typeof TPC_DESCRIPTOR_TYPE)[keyof typeof TPC_DESCRIPTOR_TYPE];

/**
 * REMOTE TOKENS values of the ROD Token Features descriptor (0106h), byte 4 bits 3:0.
 *
 * @see SPC-5, "ROD Token Features third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export const REMOTE_TOKENS = {
  /** Only tokens created by copy managers in the same SCSI target device. */
  LOCAL_ONLY: 0x0,
  /** Tokens created by any SCSI target device may be used. */
  ANY_TARGET_DEVICE: 0x4,
  /** As 4h, and tokens may also be created for bytes that are not local. */
  ANY_TARGET_DEVICE_CREATE_REMOTE: 0x6,
} as const;

/**
 * Well-known special CSCD IDs listed by the Supported CSCD IDs descriptor (000Ch).
 *
 * @see SPC-5, "Supported CSCD IDs third-party copy descriptor"; "CSCD descriptor ID values" table
 * @remarks Since 0.1.0
 */
export const CSCD_ID = {
  NULL_LOGICAL_UNIT_PDT_0: 0xc000,
  NULL_LOGICAL_UNIT_PDT_1: 0xc001,
  ROD_TOKEN: 0xf800,
  COPY_MANAGER_LOGICAL_UNIT: 0xffff,
} as const;

/**
 * ROD TYPE of the block device zero ROD token: a copy manager may accept it (TOKEN_IN) but
 * never creates it (TOKEN_OUT must be zero in its ROD type descriptor).
 *
 * @see SBC-4, "Block device zero ROD token"
 * @remarks Since 0.1.0
 */
export const BLOCK_DEVICE_ZERO_ROD_TYPE = 0xffff0001;

/** Length of the Block Limits VPD page (B0h) PAGE LENGTH field in SBC-3 and later. @remarks Since 0.1.0 */
export const BLOCK_LIMITS_PAGE_LENGTH = 0x3c;
/** PAGE LENGTH of the older short Block Limits page (SBC-2 era devices). @remarks Since 0.1.0 */
export const BLOCK_LIMITS_SHORT_PAGE_LENGTH = 0x10;
/** PAGE LENGTH of the Block Device Characteristics VPD page (B1h, SBC-4). @remarks Since 0.2.0 */
export const BLOCK_DEVICE_CHARACTERISTICS_PAGE_LENGTH = 0x3c;
