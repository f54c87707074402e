/**
 * Sense data types and constants: fixed format (response codes 70h/71h), descriptor format
 * (72h/73h) and every sense data descriptor type of SPC/SBC/SSC/SAT/OSD.
 *
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @packageDocumentation
 */
import type { DesignationDescriptor } from '../designation/designation-descriptor.js';
import type { DecodeIssue } from '../errors.js';
import type { SenseKeySpecific } from './sense-key-specific.js';

/** Largest sense data SPC allows: 252 bytes (ADDITIONAL SENSE LENGTH ≤ 244). @remarks Since 0.1.0 */
export const MAX_SENSE_DATA_LENGTH = 252;

/** Length of fixed-format sense data with no additional sense bytes (ADDITIONAL SENSE LENGTH 0Ah). @remarks Since 0.1.0 */
export const FIXED_SENSE_DATA_LENGTH = 18;

/**
 * RESPONSE CODE values (byte 0 bits 6:0).
 *
 * @see SPC-5 fixed format sense data; SPC-5 descriptor format sense data
 * @remarks Since 0.1.0
 */
export const SENSE_RESPONSE_CODE = {
  FIXED_CURRENT: 0x70,
  FIXED_DEFERRED: 0x71,
  DESCRIPTOR_CURRENT: 0x72,
  DESCRIPTOR_DEFERRED: 0x73,
} as const;

/**
 * Fixed-format sense data (response code 70h current, 71h deferred).
 *
 * Encoding always writes the 18-byte layout plus {@link FixedSenseData.additionalSenseBytes};
 * ADDITIONAL SENSE LENGTH is computed.
 *
 * @see SPC-5 fixed format sense data
 * @remarks Since 0.1.0
 */
export interface FixedSenseData {
  readonly kind: 'fixed';
  /** RESPONSE CODE: 70h current error, 71h deferred error. */
  readonly responseCode: 0x70 | 0x71;
  /** VALID: byte 0 bit 7; INFORMATION holds a value defined by the standard. */
  readonly valid: boolean;
  /** Byte 1: obsolete (was SEGMENT NUMBER); kept so that old devices' sense re-encodes exactly. */
  readonly segmentNumber: number;
  /** FILEMARK: byte 2 bit 7. */
  readonly filemark: boolean;
  /** EOM: byte 2 bit 6. */
  readonly eom: boolean;
  /** ILI: byte 2 bit 5. */
  readonly ili: boolean;
  /** SDAT_OVFL: byte 2 bit 4 (sense data was truncated by the device server). */
  readonly sdatOvfl: boolean;
  /** SENSE KEY: byte 2 bits 3:0. */
  readonly senseKey: number;
  /** INFORMATION: bytes 3-6. */
  readonly information: number;
  /** COMMAND-SPECIFIC INFORMATION: bytes 8-11. */
  readonly commandSpecificInformation: number;
  /** ADDITIONAL SENSE CODE: byte 12. */
  readonly additionalSenseCode: number;
  /** ADDITIONAL SENSE CODE QUALIFIER: byte 13. */
  readonly additionalSenseCodeQualifier: number;
  /** FIELD REPLACEABLE UNIT CODE: byte 14 (0 = none identified). */
  readonly fieldReplaceableUnitCode: number;
  /** SKSV + SENSE KEY SPECIFIC: bytes 15-17, decoded as the sense key selects. */
  readonly senseKeySpecific: SenseKeySpecific;
  /** Additional sense bytes: bytes 18..n (copy). */
  readonly additionalSenseBytes: Uint8Array;
  /** Lenient decoding only: what strict mode would have rejected. */
  readonly issues?: readonly DecodeIssue[];
}

/** Information descriptor (00h). @remarks Since 0.1.0 */
export interface InformationSenseDescriptor {
  readonly kind: 'information';
  /** VALID: byte 2 bit 7. */
  readonly valid: boolean;
  /** INFORMATION: bytes 4-11. */
  readonly information: bigint;
}

/** Command-specific information descriptor (01h). @remarks Since 0.1.0 */
export interface CommandSpecificInformationSenseDescriptor {
  readonly kind: 'commandSpecificInformation';
  /** COMMAND-SPECIFIC INFORMATION: bytes 4-11. */
  readonly commandSpecificInformation: bigint;
}

/** Sense key specific descriptor (02h); the variant follows the sense data's SENSE KEY. @remarks Since 0.1.0 */
export interface SenseKeySpecificSenseDescriptor {
  readonly kind: 'senseKeySpecific';
  /** SKSV + SENSE KEY SPECIFIC: bytes 4-6. */
  readonly senseKeySpecific: SenseKeySpecific;
}

/** Field replaceable unit descriptor (03h). @remarks Since 0.1.0 */
export interface FieldReplaceableUnitSenseDescriptor {
  readonly kind: 'fieldReplaceableUnit';
  /** FIELD REPLACEABLE UNIT CODE: byte 3. */
  readonly fieldReplaceableUnitCode: number;
}

/** Stream commands descriptor (04h, SSC). @remarks Since 0.1.0 */
export interface StreamCommandsSenseDescriptor {
  readonly kind: 'streamCommands';
  /** FILEMARK: byte 3 bit 7. */
  readonly filemark: boolean;
  /** EOM: byte 3 bit 6. */
  readonly eom: boolean;
  /** ILI: byte 3 bit 5. */
  readonly ili: boolean;
}

/** Block commands descriptor (05h, SBC). @remarks Since 0.1.0 */
export interface BlockCommandsSenseDescriptor {
  readonly kind: 'blockCommands';
  /** ILI: byte 3 bit 5. */
  readonly ili: boolean;
}

/** OSD descriptors (06h object identification, 07h response integrity check value, 08h attribute identification), kept raw. @remarks Since 0.1.0 */
export interface OsdSenseDescriptor {
  readonly kind: 'osdObjectIdentification' | 'osdResponseIntegrityCheckValue' | 'osdAttributeIdentification';
  /** Bytes 2..n of the descriptor (copy). */
  readonly bytes: Uint8Array;
}

/** ATA status return descriptor (09h, SAT). @remarks Since 0.1.0 */
export interface AtaStatusReturnSenseDescriptor {
  readonly kind: 'ataStatusReturn';
  /** EXTEND: byte 2 bit 0. */
  readonly extend: boolean;
  /** ERROR: byte 3. */
  readonly error: number;
  /** COUNT (15:8 in byte 4, 7:0 in byte 5). */
  readonly count: number;
  /** LBA (48 bits, from the byte pairs 10/8/6 = 47:24 and 11/9/7 = 23:0). */
  readonly lba: number;
  /** DEVICE: byte 12. */
  readonly device: number;
  /** STATUS: byte 13. */
  readonly status: number;
}

/** Another progress indication descriptor (0Ah). @remarks Since 0.1.0 */
export interface AnotherProgressIndicationSenseDescriptor {
  readonly kind: 'anotherProgressIndication';
  /** SENSE KEY: byte 2 bits 3:0. */
  readonly senseKey: number;
  /** ADDITIONAL SENSE CODE: byte 3. */
  readonly additionalSenseCode: number;
  /** ADDITIONAL SENSE CODE QUALIFIER: byte 4. */
  readonly additionalSenseCodeQualifier: number;
  /** PROGRESS INDICATION: bytes 6-7 (fraction of 65536). */
  readonly progressIndication: number;
}

/** Target port group descriptor inside a user data segment referral (4 bytes). @remarks Since 0.1.0 */
export interface ReferralTargetPortGroupDescriptor {
  /** ASYMMETRIC ACCESS STATE: byte 0 bits 3:0. */
  readonly asymmetricAccessState: number;
  /** TARGET PORT GROUP: bytes 2-3. */
  readonly targetPortGroup: number;
}

/** User data segment referral descriptor (20 + 4k bytes). @remarks Since 0.1.0 */
export interface UserDataSegmentReferral {
  /** FIRST USER DATA SEGMENT LBA: bytes 4-11. */
  readonly firstUserDataSegmentLba: bigint;
  /** LAST USER DATA SEGMENT LBA: bytes 12-19. */
  readonly lastUserDataSegmentLba: bigint;
  /** Target port group descriptors (count in byte 3). */
  readonly targetPortGroups: readonly ReferralTargetPortGroupDescriptor[];
}

/** User data segment referral sense data descriptor (0Bh, SBC). @remarks Since 0.1.0 */
export interface UserDataSegmentReferralSenseDescriptor {
  readonly kind: 'userDataSegmentReferral';
  /** NOT_ALL_R: byte 2 bit 0. */
  readonly notAllR: boolean;
  /** User data segment referral descriptors, bytes 4..n. */
  readonly userDataSegmentReferrals: readonly UserDataSegmentReferral[];
}

/** Forwarded sense data descriptor (0Ch, EXTENDED COPY). @remarks Since 0.1.0 */
export interface ForwardedSenseDataSenseDescriptor {
  readonly kind: 'forwardedSenseData';
  /** FSDT: byte 2 bit 7 (forwarded sense data truncated). */
  readonly forwardedSenseDataTruncated: boolean;
  /** SENSE DATA SOURCE: byte 2 bits 3:0 (SPC-5 sense data descriptor types; its bit encoding differs between decoders). */
  readonly senseDataSource: number;
  /** FORWARDED STATUS: byte 3 (SAM status). */
  readonly forwardedStatus: number;
  /**
   * FORWARDED SENSE DATA: bytes 4..n, decoded through the same decoder; a `Uint8Array` copy when
   * empty or (lenient mode) not decodable.
   */
  readonly senseData: SenseData | Uint8Array;
}

/** Direct-access block device descriptor (0Dh, SBC-3). @remarks Since 0.1.0 */
export interface DirectAccessBlockDeviceSenseDescriptor {
  readonly kind: 'directAccessBlockDevice';
  /** VALID: byte 2 bit 7. */
  readonly valid: boolean;
  /** ILI: byte 2 bit 5. */
  readonly ili: boolean;
  /** SKSV + SENSE KEY SPECIFIC: bytes 4-6. */
  readonly senseKeySpecific: SenseKeySpecific;
  /** FIELD REPLACEABLE UNIT CODE: byte 7. */
  readonly fieldReplaceableUnitCode: number;
  /** INFORMATION: bytes 8-15. */
  readonly information: bigint;
  /** COMMAND-SPECIFIC INFORMATION: bytes 16-23. */
  readonly commandSpecificInformation: bigint;
}

/**
 * Device designation descriptor (0Eh, SPC-5). In lenient mode, bytes 4..n that are not exactly one
 * designation descriptor (cut short, or trailing bytes) make the whole descriptor a raw
 * `kind: 'unknown'` one, with an issue.
 *
 * @remarks Since 0.1.0
 */
export interface DeviceDesignationSenseDescriptor {
  readonly kind: 'deviceDesignation';
  /** USAGE REASON: byte 3. */
  readonly usageReason: number;
  /** The designation descriptor (VPD 83h format), bytes 4..n, decoded by the designation codec. */
  readonly designationDescriptor: DesignationDescriptor;
}

/** Microcode activation descriptor (0Fh, SPC-5). @remarks Since 0.1.0 */
export interface MicrocodeActivationSenseDescriptor {
  readonly kind: 'microcodeActivation';
  /** MICROCODE ACTIVATION TIME: bytes 6-7 (seconds). */
  readonly microcodeActivationTime: number;
}

/**
 * Any other descriptor: vendor specific (80h-FFh), reserved types, and (lenient mode) known
 * types whose ADDITIONAL LENGTH is too short to decode. Re-encodes byte-identically.
 *
 * @remarks Since 0.1.0
 */
export interface UnknownSenseDescriptor {
  readonly kind: 'unknown';
  /** DESCRIPTOR TYPE: byte 0. */
  readonly descriptorType: number;
  /** Bytes 2..n of the descriptor (copy); ADDITIONAL LENGTH = `bytes.length`. */
  readonly bytes: Uint8Array;
}

/**
 * One sense data descriptor, discriminated by `kind`.
 *
 * @see SPC-5 sense data descriptor types
 * @remarks Since 0.1.0
 */
export type SenseDataDescriptor =
  | InformationSenseDescriptor
  | CommandSpecificInformationSenseDescriptor
  | SenseKeySpecificSenseDescriptor
  | FieldReplaceableUnitSenseDescriptor
  | StreamCommandsSenseDescriptor
  | BlockCommandsSenseDescriptor
  | OsdSenseDescriptor
  | AtaStatusReturnSenseDescriptor
  | AnotherProgressIndicationSenseDescriptor
  | UserDataSegmentReferralSenseDescriptor
  | ForwardedSenseDataSenseDescriptor
  | DirectAccessBlockDeviceSenseDescriptor
  | DeviceDesignationSenseDescriptor
  | MicrocodeActivationSenseDescriptor
  | UnknownSenseDescriptor;

/**
 * Descriptor-format sense data (response code 72h current, 73h deferred).
 *
 * @see SPC-5 descriptor format sense data
 * @remarks Since 0.1.0
 */
export interface DescriptorSenseData {
  readonly kind: 'descriptor';
  /** RESPONSE CODE: 72h current error, 73h deferred error. */
  readonly responseCode: 0x72 | 0x73;
  /** SENSE KEY: byte 1 bits 3:0. */
  readonly senseKey: number;
  /** ADDITIONAL SENSE CODE: byte 2. */
  readonly additionalSenseCode: number;
  /** ADDITIONAL SENSE CODE QUALIFIER: byte 3. */
  readonly additionalSenseCodeQualifier: number;
  /** SDAT_OVFL: byte 4 bit 7. */
  readonly sdatOvfl: boolean;
  /** Sense data descriptors, bytes 8..n, in wire order. */
  readonly descriptors: readonly SenseDataDescriptor[];
  /** Lenient decoding only: what strict mode would have rejected. */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Sense data in either format, discriminated by `kind`.
 *
 * @see SPC-5 sense data format
 * @remarks Since 0.1.0
 */
export type SenseData = FixedSenseData | DescriptorSenseData;

/** DESCRIPTOR TYPE codes by descriptor `kind`. @remarks Since 0.1.0 */
export const SENSE_DESCRIPTOR_TYPE = {
  information: 0x00,
  commandSpecificInformation: 0x01,
  senseKeySpecific: 0x02,
  fieldReplaceableUnit: 0x03,
  streamCommands: 0x04,
  blockCommands: 0x05,
  osdObjectIdentification: 0x06,
  osdResponseIntegrityCheckValue: 0x07,
  osdAttributeIdentification: 0x08,
  ataStatusReturn: 0x09,
  anotherProgressIndication: 0x0a,
  userDataSegmentReferral: 0x0b,
  forwardedSenseData: 0x0c,
  directAccessBlockDevice: 0x0d,
  deviceDesignation: 0x0e,
  microcodeActivation: 0x0f,
} as const;
