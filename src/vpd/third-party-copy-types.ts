/**
 * Third-party Copy VPD page (8Fh) types: the page and every third-party copy descriptor.
 *
 * @see SPC-5, "Third-party Copy VPD page" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import type { VpdPageHeaderFields } from './vpd-page-header.js';

/**
 * Block Device ROD Limits descriptor (0000h, 36 bytes). Windows requires it before it uses ODX.
 *
 * @see SBC-4, "Block Device ROD Limits descriptor" table
 * @remarks Since 0.1.0
 */
export interface BlockDeviceRodLimitsDescriptor {
  readonly kind: 'blockDeviceRodLimits';
  /** Vendor specific: bytes 4-9 (6 bytes, kept so pages round-trip). */
  readonly vendorSpecific: Uint8Array;
  /** MAXIMUM RANGE DESCRIPTORS: bytes 10-11 (0 = not reported). */
  readonly maximumRangeDescriptors: number;
  /** MAXIMUM INACTIVITY TIMEOUT (seconds): bytes 12-15 (0 = not reported, FFFFFFFFh = no maximum). */
  readonly maximumInactivityTimeout: number;
  /** DEFAULT INACTIVITY TIMEOUT (seconds): bytes 16-19 (0 = not reported). */
  readonly defaultInactivityTimeout: number;
  /** MAXIMUM TOKEN TRANSFER SIZE (logical blocks): bytes 20-27 (0 = not reported). */
  readonly maximumTokenTransferSize: bigint;
  /** OPTIMAL TRANSFER COUNT (logical blocks): bytes 28-35 (0 = not reported). */
  readonly optimalTransferCount: bigint;
}

/**
 * One command support descriptor of the Supported Commands descriptor.
 *
 * @see SPC-5, "Command support descriptor format" table
 * @remarks Since 0.1.0
 */
export interface CommandSupportDescriptor {
  /** SUPPORTED OPERATION CODE: byte 0. */
  readonly operationCode: number;
  /** Supported service actions, one per byte (SUPPORTED SERVICE ACTIONS LIST LENGTH = length). */
  readonly serviceActions: readonly number[];
}

/**
 * Supported Commands descriptor (0001h).
 *
 * @see SPC-5, "Supported Commands third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface SupportedCommandsDescriptor {
  readonly kind: 'supportedCommands';
  /** The command support descriptors (COMMANDS SUPPORTED LIST LENGTH is computed). */
  readonly commands: readonly CommandSupportDescriptor[];
}

/**
 * Parameter Data descriptor (0004h, 32 bytes). Type 0004h is Parameter Data, 0008h is
 * Supported Descriptors.
 *
 * @see SPC-5, "Parameter Data third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface ParameterDataDescriptor {
  readonly kind: 'parameterData';
  /** MAXIMUM CSCD DESCRIPTOR COUNT: bytes 8-9. */
  readonly maximumCscdDescriptorCount: number;
  /** MAXIMUM SEGMENT DESCRIPTOR COUNT: bytes 10-11. */
  readonly maximumSegmentDescriptorCount: number;
  /** MAXIMUM DESCRIPTOR LIST LENGTH: bytes 12-15. */
  readonly maximumDescriptorListLength: number;
  /** MAXIMUM INLINE DATA LENGTH: bytes 16-19 (sg3_utils reads 17-20: its bug). */
  readonly maximumInlineDataLength: number;
}

/**
 * Supported Descriptors descriptor (0008h): segment and CSCD descriptor type codes.
 *
 * @see SPC-5, "Supported Descriptors third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface SupportedDescriptorsDescriptor {
  readonly kind: 'supportedDescriptors';
  /** One descriptor type code per byte (SUPPORTED DESCRIPTOR LIST LENGTH is computed). */
  readonly descriptorTypeCodes: readonly number[];
}

/**
 * Supported CSCD IDs descriptor (000Ch).
 *
 * @see SPC-5, "Supported CSCD IDs third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface SupportedCscdIdsDescriptor {
  readonly kind: 'supportedCscdIds';
  /** CSCD IDs, u16 each (SUPPORTED CSCD IDS LIST LENGTH is computed). */
  readonly cscdIds: readonly number[];
}

/**
 * Copy Group Identifier descriptor (000Dh). Layout UNCONFIRMED (sg3_utils decoder and vector):
 * byte 4 = length of the designator that follows.
 *
 * @remarks Since 0.1.0
 */
export interface CopyGroupIdentifierDescriptor {
  readonly kind: 'copyGroupIdentifier';
  /** The designator bytes (e.g. `10h 00h` + 16-byte locally assigned UUID). */
  readonly copyGroupIdentifier: Uint8Array;
}

/**
 * Block ROD device type specific features descriptor (PERIPHERAL DEVICE TYPE 00h, 48 bytes).
 *
 * @see SBC-4, "Block ROD device type specific features descriptor" table
 * @remarks Since 0.1.0
 */
export interface BlockRodFeaturesDescriptor {
  readonly kind: 'block';
  /** OPTIMAL BLOCK ROD LENGTH GRANULARITY (logical blocks): bytes 6-7. */
  readonly optimalBlockRodLengthGranularity: number;
  /** MAXIMUM BYTES IN BLOCK ROD: bytes 8-15. */
  readonly maximumBytesInBlockRod: bigint;
  /** OPTIMAL BYTES IN BLOCK ROD TRANSFER: bytes 16-23. */
  readonly optimalBytesInBlockRodTransfer: bigint;
  /** OPTIMAL BYTES TO TOKEN PER SEGMENT: bytes 24-31. */
  readonly optimalBytesToTokenPerSegment: bigint;
  /** OPTIMAL BYTES FROM TOKEN PER SEGMENT: bytes 32-39. */
  readonly optimalBytesFromTokenPerSegment: bigint;
}

/**
 * Stream ROD device type specific features descriptor (PERIPHERAL DEVICE TYPE 01h, 48 bytes).
 *
 * @see SSC, "Stream ROD device type specific features descriptor" table
 * @remarks Since 0.1.0
 */
export interface StreamRodFeaturesDescriptor {
  readonly kind: 'stream';
  /** MAXIMUM BYTES IN STREAM ROD: bytes 8-15. */
  readonly maximumBytesInStreamRod: bigint;
  /** OPTIMAL BYTES IN STREAM ROD TRANSFER: bytes 16-23. */
  readonly optimalBytesInStreamRodTransfer: bigint;
}

/**
 * Copy manager ROD device type specific features descriptor (PERIPHERAL DEVICE TYPE 03h, 48 bytes).
 *
 * @see SPC-5, "Copy manager ROD device type specific features descriptor" table
 * @remarks Since 0.1.0
 */
export interface CopyManagerRodFeaturesDescriptor {
  readonly kind: 'copyManager';
  /** MAXIMUM BYTES IN PROCESSOR ROD: bytes 8-15. */
  readonly maximumBytesInProcessorRod: bigint;
  /** OPTIMAL BYTES IN PROCESSOR ROD TRANSFER: bytes 16-23. */
  readonly optimalBytesInProcessorRodTransfer: bigint;
}

/**
 * A ROD device type specific features descriptor of a format or device type this package does
 * not model, kept byte-exact.
 *
 * @remarks Since 0.1.0
 */
export interface UnknownRodFeaturesDescriptor {
  readonly kind: 'unknown';
  /** DESCRIPTOR FORMAT: byte 0 bits 7:5. */
  readonly descriptorFormat: number;
  /** PERIPHERAL DEVICE TYPE: byte 0 bits 4:0. */
  readonly peripheralDeviceType: number;
  /** Byte 1 (reserved in known formats). */
  readonly byte1: number;
  /** Bytes after the 4-byte header (DESCRIPTOR LENGTH = `bytes.length`). */
  readonly bytes: Uint8Array;
}

/**
 * One ROD device type specific features descriptor of the ROD Token Features descriptor.
 *
 * @remarks Since 0.1.0
 */
export type RodDeviceTypeSpecificFeaturesDescriptor =
  | BlockRodFeaturesDescriptor
  | StreamRodFeaturesDescriptor
  | CopyManagerRodFeaturesDescriptor
  | UnknownRodFeaturesDescriptor;

/**
 * ROD Token Features descriptor (0106h).
 *
 * @see SPC-5, "ROD Token Features third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface RodTokenFeaturesDescriptor {
  readonly kind: 'rodTokenFeatures';
  /** REMOTE TOKENS: byte 4 bits 3:0 (see REMOTE_TOKENS). */
  readonly remoteTokens: number;
  /** MINIMUM TOKEN LIFETIME (seconds): bytes 16-19. */
  readonly minimumTokenLifetime: number;
  /** MAXIMUM TOKEN LIFETIME (seconds): bytes 20-23. */
  readonly maximumTokenLifetime: number;
  /** MAXIMUM TOKEN INACTIVITY TIMEOUT (seconds): bytes 24-27. */
  readonly maximumTokenInactivityTimeout: number;
  /** ROD device type specific features descriptors (block, stream, copy manager; in that order). */
  readonly deviceTypeSpecificDescriptors: readonly RodDeviceTypeSpecificFeaturesDescriptor[];
}

/**
 * ROD type descriptor (64 bytes) of the Supported ROD Token and ROD Types descriptor.
 *
 * @see SPC-5, "ROD type descriptor format" table
 * @remarks Since 0.1.0
 */
export interface RodTypeDescriptor {
  /** ROD TYPE: bytes 0-3. */
  readonly rodType: number;
  /** ECPY_INT: byte 4 bit 7. */
  readonly ecpyInt: boolean;
  /** TOKEN_IN: byte 4 bit 1. */
  readonly tokenIn: boolean;
  /** TOKEN_OUT: byte 4 bit 0 (must be zero for the block device zero ROD type FFFF0001h). */
  readonly tokenOut: boolean;
  /** PREFERENCE INDICATOR: bytes 6-7. */
  readonly preferenceIndicator: number;
}

/**
 * Supported ROD Token and ROD Types descriptor (0108h).
 *
 * @see SPC-5, "Supported ROD Token and ROD Types third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface SupportedRodTokenAndRodTypesDescriptor {
  readonly kind: 'supportedRodTokenAndRodTypes';
  /** ROD type descriptors, ascending by ROD TYPE (ROD TYPE DESCRIPTORS LENGTH is computed). */
  readonly rodTypes: readonly RodTypeDescriptor[];
}

/**
 * General Copy Operations descriptor (8001h, 36 bytes).
 *
 * @see SPC-5, "General Copy Operations third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface GeneralCopyOperationsDescriptor {
  readonly kind: 'generalCopyOperations';
  /** TOTAL CONCURRENT COPIES: bytes 4-7. */
  readonly totalConcurrentCopies: number;
  /** MAXIMUM IDENTIFIED CONCURRENT COPIES: bytes 8-11. */
  readonly maximumIdentifiedConcurrentCopies: number;
  /** MAXIMUM SEGMENT LENGTH (bytes): bytes 12-15. */
  readonly maximumSegmentLength: number;
  /** DATA SEGMENT GRANULARITY (log2): byte 16. */
  readonly dataSegmentGranularity: number;
  /** INLINE DATA GRANULARITY (log2): byte 17. */
  readonly inlineDataGranularity: number;
}

/**
 * Stream Copy Operations descriptor (9101h, 16 bytes).
 *
 * @see SPC-5, "Stream Copy Operations third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface StreamCopyOperationsDescriptor {
  readonly kind: 'streamCopyOperations';
  /** MAXIMUM STREAM DEVICE TRANSFER SIZE (bytes): bytes 4-7. */
  readonly maximumStreamDeviceTransferSize: number;
}

/**
 * Held Data descriptor (C001h, 32 bytes).
 *
 * @see SPC-5, "Held Data third-party copy descriptor" table
 * @remarks Since 0.1.0
 */
export interface HeldDataDescriptor {
  readonly kind: 'heldData';
  /** HELD DATA LIMIT (bytes): bytes 4-7. */
  readonly heldDataLimit: number;
  /** HELD DATA GRANULARITY (log2): byte 8. */
  readonly heldDataGranularity: number;
}

/**
 * A third-party copy descriptor of a type this package does not model (or a known type too
 * short to decode), kept byte-exact.
 *
 * @remarks Since 0.1.0
 */
export interface UnknownThirdPartyCopyDescriptor {
  readonly kind: 'unknown';
  /** THIRD-PARTY COPY DESCRIPTOR TYPE: bytes 0-1. */
  readonly descriptorType: number;
  /** Bytes after the 4-byte header, pad included (DESCRIPTOR LENGTH = `bytes.length`). */
  readonly bytes: Uint8Array;
}

/**
 * Any third-party copy descriptor, discriminated by `kind`.
 *
 * @remarks Since 0.1.0
 */
export type ThirdPartyCopyDescriptor =
  | BlockDeviceRodLimitsDescriptor
  | SupportedCommandsDescriptor
  | ParameterDataDescriptor
  | SupportedDescriptorsDescriptor
  | SupportedCscdIdsDescriptor
  | CopyGroupIdentifierDescriptor
  | RodTokenFeaturesDescriptor
  | SupportedRodTokenAndRodTypesDescriptor
  | GeneralCopyOperationsDescriptor
  | StreamCopyOperationsDescriptor
  | HeldDataDescriptor
  | UnknownThirdPartyCopyDescriptor;

/**
 * The Third-party Copy VPD page (8Fh).
 *
 * The encoder writes `descriptors` in the order given (so a page decoded leniently re-encodes
 * byte-exact); SPC requires ascending descriptor types, which strict decoding and
 * {@link validateThirdPartyCopyVpdPage} check. Use {@link sortThirdPartyCopyDescriptors} when
 * building a page.
 *
 * @see SPC-5, "Third-party Copy VPD page" table
 * @remarks Since 0.1.0
 */
export interface ThirdPartyCopyVpdPage extends VpdPageHeaderFields {
  readonly kind: 'thirdPartyCopy';
  /** Third-party copy descriptors, in wire order. */
  readonly descriptors: readonly ThirdPartyCopyDescriptor[];
  /** Discrepancies found by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}
