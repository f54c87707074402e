/**
 * Sense data: fixed format (response codes 70h/71h) and descriptor format (72h/73h), with every
 * sense data descriptor type of SPC/SBC/SSC/SAT/OSD.
 *
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @packageDocumentation
 */

import {
  type DesignationDescriptor,
  encodedDesignationDescriptorLength,
  readDesignationDescriptor,
  writeDesignationDescriptor,
} from '../designation/designation-descriptor.js';
import { type DecodeIssue, isScsiCodecError, ScsiCodecError } from '../errors.js';
import { ByteReader, type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, isUint8Array, objectList } from '../internal/contract.js';
import { readSenseKeySpecific, type SenseKeySpecific, writeSenseKeySpecific } from './sense-key-specific.js';

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
 * One sense data descriptor, discriminated by `type`.
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
 * Sense data in either format, discriminated by `format`.
 *
 * @see SPC-5 sense data format
 * @remarks Since 0.1.0
 */
export type SenseData = FixedSenseData | DescriptorSenseData;

/** DESCRIPTOR TYPE codes by descriptor `type` name. @remarks Since 0.1.0 */
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

/** ADDITIONAL LENGTH of the fixed-size descriptor types. */
const FIXED_ADDITIONAL_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x00, 0x0a],
  [0x01, 0x0a],
  [0x02, 0x06],
  [0x03, 0x02],
  [0x04, 0x02],
  [0x05, 0x02],
  [0x09, 0x0c],
  [0x0a, 0x06],
  [0x0d, 0x16],
  [0x0f, 0x06],
]);
/** Minimum ADDITIONAL LENGTH of the variable-size known types. */
const MIN_ADDITIONAL_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x0b, 0x02],
  [0x0c, 0x02],
  [0x0e, 0x02],
]);
const OSD_TYPES = ['osdObjectIdentification', 'osdResponseIntegrityCheckValue', 'osdAttributeIdentification'] as const;

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Decode sense data of either format.
 *
 * Lenient (default): an ADDITIONAL SENSE LENGTH beyond the buffer is clamped, fixed sense shorter
 * than 18 bytes reads missing fields as zero, a descriptor whose ADDITIONAL LENGTH is wrong for its
 * type is decoded as far as possible (or kept raw as `kind: 'unknown'` when too short), a cut-off
 * descriptor is dropped; each of these is reported in `issues`. Bytes after ADDITIONAL SENSE LENGTH
 * (e.g. the rest of a 96-byte sense buffer) are ignored in both modes.
 *
 * Strict: the same conditions throw, as do reserved bits set and ADDITIONAL SENSE LENGTH > 244.
 *
 * A RESPONSE CODE other than 70h-73h (e.g. 7Fh vendor specific) throws `ERR_UNSUPPORTED` in both
 * modes: nothing after byte 0 has a standard layout.
 *
 * Unknown and vendor-specific descriptor types are accepted in both modes and kept byte-exact.
 *
 * @example
 * ```ts
 * const s = decodeSenseData(Uint8Array.of(0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0));
 * s.senseKey; // 5 (ILLEGAL REQUEST)
 * ```
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (empty buffer, or strict and short), `ERR_UNSUPPORTED`
 *   (response code), and in strict mode `ERR_LENGTH_MISMATCH`, `ERR_RESERVED_NONZERO`, `ERR_INVALID_VALUE`.
 * @remarks Since 0.1.0
 */
export function decodeSenseData(bytes: Uint8Array, options?: DecodeOptions): SenseData {
  try {
    const r = new ByteReader(bytes, 'SenseData', options);
    const s = readSenseData(r);
    const issues = issuesOf(r);
    return issues.issues === undefined ? s : { ...s, ...issues };
  } catch (e) {
    throw inputFault(e, 'SenseData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Read sense data occupying reader `r`'s window (use `r.sub(off, len, 'SenseData')` when nested).
 * The result carries no `issues`: they stay in the reader's shared sink for the caller.
 *
 * @internal
 */
export function readSenseData(r: ByteReader): SenseData {
  r.need(1, 'responseCode');
  const responseCode = r.bits(0, 6, 0, 'responseCode');
  switch (responseCode) {
    case 0x70:
    case 0x71:
      return readFixed(r, responseCode);
    case 0x72:
    case 0x73:
      return readDescriptorFormat(r, responseCode);
    default:
      throw r.error(
        'ERR_UNSUPPORTED',
        'responseCode',
        0,
        `response code ${hex(responseCode, 2)} is not 70h-73h (fixed or descriptor sense data)`,
      );
  }
}

/** End of the sense data: 8 + ADDITIONAL SENSE LENGTH, clamped to the window (lenient). */
function senseEnd(r: ByteReader, minimum: number): number {
  if (r.length < 8) {
    r.tolerate('ERR_TRUNCATED', 'additionalSenseLength', r.length, `sense data is ${r.length} bytes, need at least 8`);
    return r.length;
  }
  const asl = r.u8(7, 'additionalSenseLength');
  if (8 + asl > MAX_SENSE_DATA_LENGTH) {
    r.tolerate('ERR_INVALID_VALUE', 'additionalSenseLength', 7, `${asl} exceeds the maximum of 244`);
  }
  let end = 8 + asl;
  if (end > r.length) {
    r.tolerate(
      'ERR_TRUNCATED',
      'additionalSenseLength',
      7,
      `declares ${end} bytes of sense data, only ${r.length} present`,
    );
    end = r.length;
  }
  if (end < minimum) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalSenseLength',
      Math.min(7, end),
      `sense data is ${end} bytes, the format needs ${minimum}; missing fields read as zero`,
    );
  }
  return end;
}

/** A reader over [0, end), zero-padded to `minimum` bytes if shorter (offsets stay absolute). */
function window(r: ByteReader, end: number, minimum: number): ByteReader {
  if (end >= minimum) return end === r.length ? r : r.sub(0, end); // the whole window: r itself
  const padded = new Uint8Array(minimum);
  padded.set(r.bytes(0, end));
  return new ByteReader(padded, r.structure, { strict: r.strict, trace: r.trace }, r.base, r.issues);
}

function readFixed(r0: ByteReader, responseCode: 0x70 | 0x71): FixedSenseData {
  const end = senseEnd(r0, FIXED_SENSE_DATA_LENGTH);
  const r = window(r0, end, FIXED_SENSE_DATA_LENGTH);
  const senseKey = r.bits(2, 3, 0, 'senseKey');
  return {
    kind: 'fixed',
    responseCode,
    valid: r.bit(0, 7, 'valid'),
    segmentNumber: r.u8(1, 'segmentNumber'),
    filemark: r.bit(2, 7, 'filemark'),
    eom: r.bit(2, 6, 'eom'),
    ili: r.bit(2, 5, 'ili'),
    sdatOvfl: r.bit(2, 4, 'sdatOvfl'),
    senseKey,
    information: r.u32(3, 'information'),
    commandSpecificInformation: r.u32(8, 'commandSpecificInformation'),
    additionalSenseCode: r.u8(12, 'additionalSenseCode'),
    additionalSenseCodeQualifier: r.u8(13, 'additionalSenseCodeQualifier'),
    fieldReplaceableUnitCode: r.u8(14, 'fieldReplaceableUnitCode'),
    senseKeySpecific: readSenseKeySpecific(r, 15, senseKey),
    additionalSenseBytes: r.rest(FIXED_SENSE_DATA_LENGTH, 'additionalSenseBytes'),
  };
}

function readDescriptorFormat(r0: ByteReader, responseCode: 0x72 | 0x73): DescriptorSenseData {
  const end = senseEnd(r0, 8);
  const r = window(r0, end, 8);
  r.reserved(0, 0x80);
  r.reserved(1, 0xf0);
  r.reserved(4, 0x7f);
  r.reservedBytes(5, 2);
  const senseKey = r.bits(1, 3, 0, 'senseKey');
  const descriptors: SenseDataDescriptor[] = [];
  let pos = 8;
  while (pos < r.length) {
    if (pos + 2 > r.length) {
      r.tolerate('ERR_TRUNCATED', 'descriptorType', pos, 'a 1-byte fragment of a descriptor header; dropped');
      break;
    }
    const type = r.u8(pos, 'descriptorType');
    const len = r.u8(pos + 1, 'additionalLength');
    if (pos + 2 + len > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'additionalLength',
        pos + 1,
        `descriptor ${hex(type, 2)} declares ${len} bytes, only ${r.length - pos - 2} left; dropped`,
      );
      break;
    }
    descriptors.push(readDescriptor(r.sub(pos, 2 + len, 'SenseDataDescriptor'), type, len, senseKey));
    pos += 2 + len;
  }
  return {
    kind: 'descriptor',
    responseCode,
    senseKey,
    additionalSenseCode: r.u8(2, 'additionalSenseCode'),
    additionalSenseCodeQualifier: r.u8(3, 'additionalSenseCodeQualifier'),
    sdatOvfl: r.bit(4, 7, 'sdatOvfl'),
    descriptors,
  };
}

function unknown(d: ByteReader, type: number): UnknownSenseDescriptor {
  return { kind: 'unknown', descriptorType: type, bytes: d.rest(2, 'descriptorData') };
}

/** Read one descriptor; `d` is exactly the descriptor (2 + len bytes). */
function readDescriptor(d: ByteReader, type: number, len: number, senseKey: number): SenseDataDescriptor {
  const fixed = FIXED_ADDITIONAL_LENGTH.get(type);
  if (fixed !== undefined && len !== fixed) {
    d.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalLength',
      1,
      `descriptor ${hex(type, 2)} must have ADDITIONAL LENGTH ${hex(fixed, 2)}, got ${hex(len, 2)}${len < fixed ? '; kept raw' : ''}`,
    );
    if (len < fixed) return unknown(d, type);
  }
  // (the two tables have no type in common: no second lookup for a fixed-length type)
  const min = fixed === undefined ? MIN_ADDITIONAL_LENGTH.get(type) : undefined;
  if (min !== undefined && len < min) {
    d.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalLength',
      1,
      `descriptor ${hex(type, 2)} needs at least ${min}; kept raw`,
    );
    return unknown(d, type);
  }
  switch (type) {
    case 0x00:
      d.reserved(2, 0x7f);
      d.reservedBytes(3, 1);
      return { kind: 'information', valid: d.bit(2, 7, 'valid'), information: d.u64(4, 'information') };
    case 0x01:
      d.reservedBytes(2, 2);
      return { kind: 'commandSpecificInformation', commandSpecificInformation: d.u64(4, 'commandSpecificInformation') };
    case 0x02: {
      d.reservedBytes(2, 2);
      const senseKeySpecific = readSenseKeySpecific(d, 4, senseKey);
      d.reservedBytes(7, 1);
      return { kind: 'senseKeySpecific', senseKeySpecific };
    }
    case 0x03:
      d.reservedBytes(2, 1);
      return { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: d.u8(3, 'fieldReplaceableUnitCode') };
    case 0x04:
      d.reservedBytes(2, 1);
      d.reserved(3, 0x1f);
      return {
        kind: 'streamCommands',
        filemark: d.bit(3, 7, 'filemark'),
        eom: d.bit(3, 6, 'eom'),
        ili: d.bit(3, 5, 'ili'),
      };
    case 0x05:
      d.reservedBytes(2, 1);
      d.reserved(3, 0xdf);
      return { kind: 'blockCommands', ili: d.bit(3, 5, 'ili') };
    case 0x06:
    case 0x07:
    case 0x08:
      return { kind: OSD_TYPES[type - 6] as OsdSenseDescriptor['kind'], bytes: d.rest(2, 'descriptorData') };
    case 0x09: {
      d.reserved(2, 0xfe);
      const hi = d.u8(10, 'lba') * 0x10000 + d.u8(8, 'lba') * 0x100 + d.u8(6, 'lba');
      const lo = d.u8(11, 'lba') * 0x10000 + d.u8(9, 'lba') * 0x100 + d.u8(7, 'lba');
      return {
        kind: 'ataStatusReturn',
        extend: d.bit(2, 0, 'extend'),
        error: d.u8(3, 'error'),
        count: d.u16(4, 'count'),
        lba: hi * 0x1000000 + lo,
        device: d.u8(12, 'device'),
        status: d.u8(13, 'status'),
      };
    }
    case 0x0a:
      d.reserved(2, 0xf0);
      d.reservedBytes(5, 1);
      return {
        kind: 'anotherProgressIndication',
        senseKey: d.bits(2, 3, 0, 'senseKey'),
        additionalSenseCode: d.u8(3, 'additionalSenseCode'),
        additionalSenseCodeQualifier: d.u8(4, 'additionalSenseCodeQualifier'),
        progressIndication: d.u16(6, 'progressIndication'),
      };
    case 0x0b:
      return readReferral(d);
    case 0x0c:
      return readForwarded(d, len);
    case 0x0d: {
      d.reserved(2, 0x5f);
      d.reservedBytes(3, 1);
      return {
        kind: 'directAccessBlockDevice',
        valid: d.bit(2, 7, 'valid'),
        ili: d.bit(2, 5, 'ili'),
        senseKeySpecific: readSenseKeySpecific(d, 4, senseKey),
        fieldReplaceableUnitCode: d.u8(7, 'fieldReplaceableUnitCode'),
        information: d.u64(8, 'information'),
        commandSpecificInformation: d.u64(16, 'commandSpecificInformation'),
      };
    }
    case 0x0e:
      return readDeviceDesignation(d, len);
    case 0x0f:
      d.reservedBytes(2, 4);
      return { kind: 'microcodeActivation', microcodeActivationTime: d.u16(6, 'microcodeActivationTime') };
    default:
      return unknown(d, type);
  }
}

function readReferral(d: ByteReader): UserDataSegmentReferralSenseDescriptor {
  d.reserved(2, 0xfe);
  d.reservedBytes(3, 1);
  const notAllR = d.bit(2, 0, 'notAllR');
  const userDataSegmentReferrals: UserDataSegmentReferral[] = [];
  let pos = 4;
  while (pos < d.length) {
    if (!d.has(pos, 20)) {
      d.tolerate('ERR_LENGTH_MISMATCH', 'userDataSegmentReferral', pos, 'partial referral descriptor; dropped');
      break;
    }
    const k = d.u8(pos + 3, 'numberOfTargetPortGroupDescriptors');
    if (!d.has(pos, 20 + 4 * k)) {
      d.tolerate(
        'ERR_LENGTH_MISMATCH',
        'numberOfTargetPortGroupDescriptors',
        pos + 3,
        `${k} target port group descriptors do not fit the descriptor; referral dropped`,
      );
      break;
    }
    d.reservedBytes(pos, 3);
    const targetPortGroups: ReferralTargetPortGroupDescriptor[] = [];
    for (let i = 0; i < k; i++) {
      const t = pos + 20 + 4 * i;
      d.reserved(t, 0xf0);
      d.reservedBytes(t + 1, 1);
      targetPortGroups.push({
        asymmetricAccessState: d.bits(t, 3, 0, 'asymmetricAccessState'),
        targetPortGroup: d.u16(t + 2, 'targetPortGroup'),
      });
    }
    userDataSegmentReferrals.push({
      firstUserDataSegmentLba: d.u64(pos + 4, 'firstUserDataSegmentLba'),
      lastUserDataSegmentLba: d.u64(pos + 12, 'lastUserDataSegmentLba'),
      targetPortGroups,
    });
    pos += 20 + 4 * k;
  }
  return { kind: 'userDataSegmentReferral', notAllR, userDataSegmentReferrals };
}

function readForwarded(d: ByteReader, len: number): ForwardedSenseDataSenseDescriptor {
  d.reserved(2, 0x70);
  const head = {
    kind: 'forwardedSenseData' as const,
    forwardedSenseDataTruncated: d.bit(2, 7, 'forwardedSenseDataTruncated'),
    senseDataSource: d.bits(2, 3, 0, 'senseDataSource'),
    forwardedStatus: d.u8(3, 'forwardedStatus'),
  };
  if (len === 2) return { ...head, senseData: new Uint8Array(0) };
  const sub = d.sub(4, len - 2, 'ForwardedSenseData');
  if (d.strict) return { ...head, senseData: readForwardedSense(sub) };
  const before = d.issues.length;
  try {
    return { ...head, senseData: readForwardedSense(sub) };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    d.issues.length = before;
    d.note(
      e.code,
      'forwardedSenseData',
      e.offset - d.base,
      `forwarded sense data not decodable (${e.message}); kept raw`,
    );
    return { ...head, senseData: d.rest(4, 'forwardedSenseData') };
  }
}

function readDeviceDesignation(d: ByteReader, len: number): SenseDataDescriptor {
  d.reservedBytes(2, 1);
  const usageReason = d.u8(3, 'usageReason');
  const sub = d.sub(4, len - 2, 'DesignationDescriptor');
  const before = d.issues.length;
  let designationDescriptor: DesignationDescriptor;
  try {
    designationDescriptor = readDesignationDescriptor(sub, 0);
  } catch (e) {
    if (d.strict || !isScsiCodecError(e)) throw e;
    d.issues.length = before;
    d.note(
      e.code,
      'designationDescriptor',
      e.offset - d.base,
      `designation descriptor not decodable (${e.message}); kept raw`,
    );
    return unknown(d, 0x0e);
  }
  const n = encodedDesignationDescriptorLength(designationDescriptor);
  if (n !== sub.length) {
    if (!d.strict) d.issues.length = before;
    sub.tolerate(
      'ERR_LENGTH_MISMATCH',
      'designatorLength',
      3,
      `designation descriptor is ${n} bytes, the sense descriptor holds ${sub.length}; kept raw`,
    );
    return unknown(d, 0x0e);
  }
  // Other lenient findings (e.g. a code set the designator type does not allow) stay as issues:
  // the designator bytes are kept, so the descriptor still re-encodes.
  return { kind: 'deviceDesignation', usageReason, designationDescriptor };
}

/** Nested sense must fill the forwarded sense descriptor exactly (no trailing bytes). */
function readForwardedSense(sub: ByteReader): SenseData {
  const senseData = readSenseData(sub);
  if (sub.length > 8) {
    const used = 8 + sub.u8(7);
    if (used < sub.length) {
      sub.tolerate(
        'ERR_LENGTH_MISMATCH',
        'additionalSenseLength',
        7,
        `forwarded sense data is ${used} bytes but the descriptor holds ${sub.length}; trailing bytes dropped`,
      );
    }
  }
  return senseData;
}

/**
 * Total length of the sense data whose first bytes are `header`: 8 + ADDITIONAL SENSE LENGTH
 * (byte 7), the same for both formats. With fewer than 8 bytes, returns 8 (fetch the header first).
 * Use it to size a REQUEST SENSE allocation or to check that sense data was cut short.
 *
 * @see SPC-5 fixed format sense data; SPC-5 descriptor format sense data
 * @remarks Since 0.1.0
 */
export function requiredSenseDataLength(header: Uint8Array): number {
  try {
    const r = new ByteReader(header, 'SenseData');
    return r.length < 8 ? 8 : 8 + r.u8(7, 'additionalSenseLength');
  } catch (e) {
    throw inputFault(e, 'SenseData', [header], 'ERR_UNEXPECTED_VALUE');
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

function fieldRange(structure: string, field: string, offset: number, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, detail);
}

function bytesOf(v: unknown, structure: string, field: string, offset: number): Uint8Array {
  if (!isUint8Array(v)) throw fieldRange(structure, field, offset, 'not a Uint8Array');
  return v;
}

/** Bytes after a descriptor's 2-byte header (its ADDITIONAL LENGTH). */
function descriptorDataLength(d: SenseDataDescriptor, offset: number): number {
  switch (d.kind) {
    case 'information':
    case 'commandSpecificInformation':
      return 0x0a;
    case 'senseKeySpecific':
    case 'anotherProgressIndication':
    case 'microcodeActivation':
      return 0x06;
    case 'fieldReplaceableUnit':
    case 'streamCommands':
    case 'blockCommands':
      return 0x02;
    case 'ataStatusReturn':
      return 0x0c;
    case 'directAccessBlockDevice':
      return 0x16;
    case 'osdObjectIdentification':
    case 'osdResponseIntegrityCheckValue':
    case 'osdAttributeIdentification':
    case 'unknown':
      return bytesOf(d.bytes, 'SenseDataDescriptor', 'data', offset + 2).length;
    case 'userDataSegmentReferral': {
      const S = 'SenseDataDescriptor';
      let n = 2;
      for (const u of objectList(S, 'userDataSegmentReferrals', offset + 4, d.userDataSegmentReferrals, 0xff)) {
        n += 20 + 4 * objectList(S, 'targetPortGroups', offset + 2 + n, u.targetPortGroups, 0xff).length;
      }
      return n;
    }
    case 'forwardedSenseData':
      return 2 + (isUint8Array(d.senseData) ? d.senseData.length : encodedSenseDataLength(d.senseData, offset + 4));
    case 'deviceDesignation':
      if (d.designationDescriptor === null || typeof d.designationDescriptor !== 'object') {
        throw fieldRange('SenseDataDescriptor', 'designationDescriptor', offset + 4, 'not a designation descriptor');
      }
      bytesOf(d.designationDescriptor.designator, 'DesignationDescriptor', 'designator', offset + 8);
      return 2 + encodedDesignationDescriptorLength(d.designationDescriptor);
    default:
      throw fieldRange(
        'SenseDataDescriptor',
        'type',
        offset,
        `unknown descriptor type ${show((d as { type: unknown }).type)}`,
      );
  }
}

/**
 * Encoded length of sense data (fixed: 18 + additional sense bytes; descriptor: 8 + descriptors).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if the value is malformed.
 * @internal
 */
export function encodedSenseDataLength(s: SenseData, offset = 0): number {
  if (s === null || typeof s !== 'object') throw fieldRange('SenseData', 'kind', offset, 'not an object');
  if (s.kind === 'fixed') {
    return (
      FIXED_SENSE_DATA_LENGTH +
      bytesOf(s.additionalSenseBytes, 'FixedSenseData', 'additionalSenseBytes', offset + 18).length
    );
  }
  if (s.kind !== 'descriptor') {
    throw fieldRange('SenseData', 'kind', offset, `kind must be 'fixed' or 'descriptor'`);
  }
  let n = 8;
  const list = objectList('DescriptorSenseData', 'descriptors', offset + 8, s.descriptors, MAX_SENSE_DATA_LENGTH);
  for (const d of list) n += 2 + descriptorDataLength(d, offset + n);
  return n;
}

/**
 * Encode sense data; ADDITIONAL SENSE LENGTH and every descriptor's ADDITIONAL LENGTH are computed.
 *
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field, the response code
 *   does not match the format, or the sense data would exceed 252 bytes.
 * @remarks Since 0.1.0
 */
export function encodeSenseData(sense: SenseData): Uint8Array<ArrayBuffer> {
  try {
    const len = encodedSenseDataLength(sense);
    const w = new ByteWriter(len, sense.kind === 'fixed' ? 'FixedSenseData' : 'DescriptorSenseData');
    writeSenseData(w, 0, sense, len);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'SenseData', [sense], 'ERR_FIELD_RANGE');
  }
}

/**
 * Write sense data at `off` of `w` (room for {@link encodedSenseDataLength} bytes needed; pass that
 * length as `len` if already computed).
 *
 * @internal
 */
export function writeSenseData(
  w0: ByteWriter,
  off: number,
  s: SenseData,
  len: number = encodedSenseDataLength(s, w0.start + off),
): void {
  if (len > MAX_SENSE_DATA_LENGTH) {
    throw fieldRange(
      w0.structure,
      'additionalSenseLength',
      w0.start + off + 7,
      `sense data would be ${len} bytes; at most ${MAX_SENSE_DATA_LENGTH} (ADDITIONAL SENSE LENGTH ≤ 244)`,
    );
  }
  if (s.kind === 'fixed') {
    const w = w0.sub(off, len, 'FixedSenseData');
    if (s.responseCode !== 0x70 && s.responseCode !== 0x71) {
      throw w.error('responseCode', 0, `fixed format needs response code 70h or 71h, got ${show(s.responseCode)}`);
    }
    w.bit(0, 7, s.valid, 'valid');
    w.bits(0, 6, 0, s.responseCode, 'responseCode');
    w.u8(1, s.segmentNumber, 'segmentNumber');
    w.bit(2, 7, s.filemark, 'filemark');
    w.bit(2, 6, s.eom, 'eom');
    w.bit(2, 5, s.ili, 'ili');
    w.bit(2, 4, s.sdatOvfl, 'sdatOvfl');
    w.bits(2, 3, 0, s.senseKey, 'senseKey');
    w.u32(3, s.information, 'information');
    w.u8(7, len - 8, 'additionalSenseLength');
    w.u32(8, s.commandSpecificInformation, 'commandSpecificInformation');
    w.u8(12, s.additionalSenseCode, 'additionalSenseCode');
    w.u8(13, s.additionalSenseCodeQualifier, 'additionalSenseCodeQualifier');
    w.u8(14, s.fieldReplaceableUnitCode, 'fieldReplaceableUnitCode');
    writeSenseKeySpecific(w, 15, s.senseKeySpecific);
    w.bytes(18, s.additionalSenseBytes, 'additionalSenseBytes');
    return;
  }
  const w = w0.sub(off, len, 'DescriptorSenseData');
  if (s.responseCode !== 0x72 && s.responseCode !== 0x73) {
    throw w.error('responseCode', 0, `descriptor format needs response code 72h or 73h, got ${show(s.responseCode)}`);
  }
  w.bits(0, 6, 0, s.responseCode, 'responseCode');
  w.bits(1, 3, 0, s.senseKey, 'senseKey');
  w.u8(2, s.additionalSenseCode, 'additionalSenseCode');
  w.u8(3, s.additionalSenseCodeQualifier, 'additionalSenseCodeQualifier');
  w.bit(4, 7, s.sdatOvfl, 'sdatOvfl');
  w.u8(7, len - 8, 'additionalSenseLength');
  let pos = 8;
  for (const d of s.descriptors) {
    const n = descriptorDataLength(d, w.start + pos);
    writeDescriptor(w.sub(pos, 2 + n, 'SenseDataDescriptor'), d, n);
    pos += 2 + n;
  }
}

function writeDescriptor(w: ByteWriter, d: SenseDataDescriptor, n: number): void {
  w.u8(0, d.kind === 'unknown' ? d.descriptorType : SENSE_DESCRIPTOR_TYPE[d.kind], 'descriptorType');
  w.u8(1, n, 'additionalLength');
  switch (d.kind) {
    case 'information':
      w.bit(2, 7, d.valid, 'valid');
      w.u64(4, d.information, 'information');
      return;
    case 'commandSpecificInformation':
      w.u64(4, d.commandSpecificInformation, 'commandSpecificInformation');
      return;
    case 'senseKeySpecific':
      writeSenseKeySpecific(w, 4, d.senseKeySpecific);
      return;
    case 'fieldReplaceableUnit':
      w.u8(3, d.fieldReplaceableUnitCode, 'fieldReplaceableUnitCode');
      return;
    case 'streamCommands':
      w.bit(3, 7, d.filemark, 'filemark');
      w.bit(3, 6, d.eom, 'eom');
      w.bit(3, 5, d.ili, 'ili');
      return;
    case 'blockCommands':
      w.bit(3, 5, d.ili, 'ili');
      return;
    case 'osdObjectIdentification':
    case 'osdResponseIntegrityCheckValue':
    case 'osdAttributeIdentification':
    case 'unknown':
      w.bytes(2, d.bytes, 'data');
      return;
    case 'ataStatusReturn': {
      w.bit(2, 0, d.extend, 'extend');
      w.u8(3, d.error, 'error');
      w.u16(4, d.count, 'count');
      w.u48(6, d.lba, 'lba'); // range check only; rewritten below in the SAT byte order
      const hi = Math.floor(d.lba / 0x1000000);
      const lo = d.lba % 0x1000000;
      w.u8(6, hi & 0xff, 'lba');
      w.u8(7, lo & 0xff, 'lba');
      w.u8(8, (hi >>> 8) & 0xff, 'lba');
      w.u8(9, (lo >>> 8) & 0xff, 'lba');
      w.u8(10, hi >>> 16, 'lba');
      w.u8(11, lo >>> 16, 'lba');
      w.u8(12, d.device, 'device');
      w.u8(13, d.status, 'status');
      return;
    }
    case 'anotherProgressIndication':
      w.bits(2, 3, 0, d.senseKey, 'senseKey');
      w.u8(3, d.additionalSenseCode, 'additionalSenseCode');
      w.u8(4, d.additionalSenseCodeQualifier, 'additionalSenseCodeQualifier');
      w.u16(6, d.progressIndication, 'progressIndication');
      return;
    case 'userDataSegmentReferral': {
      w.bit(2, 0, d.notAllR, 'notAllR');
      let pos = 4;
      for (const u of d.userDataSegmentReferrals) {
        w.u8(pos + 3, u.targetPortGroups.length, 'numberOfTargetPortGroupDescriptors');
        w.u64(pos + 4, u.firstUserDataSegmentLba, 'firstUserDataSegmentLba');
        w.u64(pos + 12, u.lastUserDataSegmentLba, 'lastUserDataSegmentLba');
        pos += 20;
        for (const t of u.targetPortGroups) {
          w.bits(pos, 3, 0, t.asymmetricAccessState, 'asymmetricAccessState');
          w.u16(pos + 2, t.targetPortGroup, 'targetPortGroup');
          pos += 4;
        }
      }
      return;
    }
    case 'forwardedSenseData':
      w.bit(2, 7, d.forwardedSenseDataTruncated, 'forwardedSenseDataTruncated');
      w.bits(2, 3, 0, d.senseDataSource, 'senseDataSource');
      w.u8(3, d.forwardedStatus, 'forwardedStatus');
      if (isUint8Array(d.senseData)) w.bytes(4, d.senseData, 'senseData');
      else writeSenseData(w, 4, d.senseData, n - 2);
      return;
    case 'directAccessBlockDevice':
      w.bit(2, 7, d.valid, 'valid');
      w.bit(2, 5, d.ili, 'ili');
      writeSenseKeySpecific(w, 4, d.senseKeySpecific);
      w.u8(7, d.fieldReplaceableUnitCode, 'fieldReplaceableUnitCode');
      w.u64(8, d.information, 'information');
      w.u64(16, d.commandSpecificInformation, 'commandSpecificInformation');
      return;
    case 'deviceDesignation':
      w.u8(3, d.usageReason, 'usageReason');
      writeDesignationDescriptor(w, 4, d.designationDescriptor);
      return;
    case 'microcodeActivation':
      w.u16(6, d.microcodeActivationTime, 'microcodeActivationTime');
      return;
  }
}

/**
 * True for deferred errors (response codes 71h and 73h).
 *
 * @remarks Since 0.1.0
 */
export function isDeferredSense(sense: SenseData): boolean {
  try {
    return sense.responseCode === 0x71 || sense.responseCode === 0x73;
  } catch (e) {
    throw inputFault(e, 'isDeferredSense', [sense], 'ERR_FIELD_RANGE');
  }
}
