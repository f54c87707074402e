/**
 * Third-party Copy VPD page (8Fh): the page a copy manager uses to advertise its ODX / EXTENDED
 * COPY limits, and every third-party copy descriptor defined for it.
 *
 * Offsets in the descriptor code below are relative to the descriptor's byte 0 (its TYPE field),
 * exactly like the T10 descriptor tables.
 *
 * @packageDocumentation
 */
import { BLOCK_DEVICE_ZERO_ROD_TYPE, TPC_DESCRIPTOR_TYPE, VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, checkRange, unknownVariant } from '../internal/byte-writer.js';
import { arrayField, inputFault, objectList, ownEntry } from '../internal/contract.js';
import {
  readVpdHeader,
  VPD_MAX_PAGE_LENGTH,
  VPD_PAGE_HEADER_LENGTH,
  type VpdPageHeaderFields,
  writeVpdHeader,
} from './vpd-page-header.js';

const STRUCTURE = 'ThirdPartyCopyVpdPage';

// ---------------------------------------------------------------------------------------------
// Types

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

// ---------------------------------------------------------------------------------------------
// Helpers

/** Round up to a multiple of 4. */
function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Decode context: `lint` turns strict-only reserved checks into recorded issues. @internal */
export interface TpcDecodeContext {
  readonly lint: boolean;
}

/** Reserved bits: strict throws, lint records, lenient ignores. */
function reserved(ctx: TpcDecodeContext, r: ByteReader, off: number, mask: number, field = 'reserved'): void {
  if (!ctx.lint) {
    r.reserved(off, mask, field);
    return;
  }
  if (!r.has(off, 1)) return;
  const v = r.u8(off) & mask;
  if (v !== 0) r.note('ERR_RESERVED_NONZERO', field, off, `reserved bits set (${hex(v, 2)})`, 31 - Math.clz32(v));
}

/** Reserved bytes [off, off+len): strict throws, lint records (first offender), lenient ignores. */
function reservedBytes(ctx: TpcDecodeContext, r: ByteReader, off: number, len: number, field = 'reserved'): void {
  if (!ctx.lint) {
    if (r.has(off, len)) r.reservedBytes(off, len, field);
    return;
  }
  for (let i = 0; i < len && r.has(off + i, 1); i++) {
    const v = r.u8(off + i);
    if (v !== 0) {
      r.note('ERR_RESERVED_NONZERO', field, off + i, `reserved byte is ${hex(v, 2)}`, 31 - Math.clz32(v));
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Descriptor codecs (table keyed by descriptor type)

interface DescriptorCodec<D> {
  readonly type: number;
  readonly name: string;
  /** Fewest content bytes (after the 4-byte header) needed to decode. */
  readonly minContent: number;
  /** Bytes after the 4-byte header before padding. */
  readonly content: (d: D) => number;
  /** `w` spans the whole padded descriptor; offsets are descriptor-relative. */
  readonly write: (w: ByteWriter, d: D) => void;
  /** `r` spans the whole descriptor (header included, clamped to the page). Returns the value and the content bytes used. */
  readonly read: (r: ByteReader, ctx: TpcDecodeContext) => { value: D; used: number };
}

const blockDeviceRodLimits: DescriptorCodec<BlockDeviceRodLimitsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.BLOCK_DEVICE_ROD_LIMITS,
  name: 'BlockDeviceRodLimitsDescriptor',
  minContent: 32,
  content: () => 32,
  write: (w, d) => {
    w.bytes(4, d.vendorSpecific, 'vendorSpecific', 6);
    w.u16(10, d.maximumRangeDescriptors, 'maximumRangeDescriptors');
    w.u32(12, d.maximumInactivityTimeout, 'maximumInactivityTimeout');
    w.u32(16, d.defaultInactivityTimeout, 'defaultInactivityTimeout');
    w.u64(20, d.maximumTokenTransferSize, 'maximumTokenTransferSize');
    w.u64(28, d.optimalTransferCount, 'optimalTransferCount');
  },
  read: (r) => ({
    value: {
      kind: 'blockDeviceRodLimits',
      vendorSpecific: r.bytes(4, 6, 'vendorSpecific'),
      maximumRangeDescriptors: r.u16(10, 'maximumRangeDescriptors'),
      maximumInactivityTimeout: r.u32(12, 'maximumInactivityTimeout'),
      defaultInactivityTimeout: r.u32(16, 'defaultInactivityTimeout'),
      maximumTokenTransferSize: r.u64(20, 'maximumTokenTransferSize'),
      optimalTransferCount: r.u64(28, 'optimalTransferCount'),
    },
    used: 32,
  }),
};

/** The commands of a Supported Commands descriptor, shapes checked (each list fits its u8 length). */
function commandList(d: SupportedCommandsDescriptor): readonly CommandSupportDescriptor[] {
  const S = 'SupportedCommandsDescriptor';
  const list = objectList(S, 'commands', 5, d.commands, 0xff);
  for (const c of list) arrayField(S, 'serviceActions', 5, c.serviceActions, 0xff);
  return list;
}

const supportedCommands: DescriptorCodec<SupportedCommandsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_COMMANDS,
  name: 'SupportedCommandsDescriptor',
  minContent: 1,
  content: (d) => 1 + commandList(d).reduce((n, c) => n + 2 + c.serviceActions.length, 0),
  write: (w, d) => {
    const listLength = commandList(d).reduce((n, c) => n + 2 + c.serviceActions.length, 0);
    w.u8(4, listLength, 'commandsSupportedListLength');
    let off = 5;
    for (const c of d.commands) {
      w.u8(off, c.operationCode, 'operationCode');
      w.u8(off + 1, c.serviceActions.length, 'supportedServiceActionsListLength');
      for (let i = 0; i < c.serviceActions.length; i++) {
        w.u8(off + 2 + i, c.serviceActions[i] as number, 'serviceAction');
      }
      off += 2 + c.serviceActions.length;
    }
  },
  read: (r) => {
    let listLength = r.u8(4, 'commandsSupportedListLength');
    if (5 + listLength > r.length) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'commandsSupportedListLength',
        4,
        `list of ${listLength} bytes does not fit the descriptor (clamped to ${r.length - 5})`,
      );
      listLength = r.length - 5;
    }
    const end = 5 + listLength;
    const commands: CommandSupportDescriptor[] = [];
    let off = 5;
    while (off < end) {
      if (off + 2 > end) {
        r.tolerate('ERR_LENGTH_MISMATCH', 'commandsSupportedListLength', off, 'partial command support descriptor');
        break;
      }
      const operationCode = r.u8(off, 'operationCode');
      let k = r.u8(off + 1, 'supportedServiceActionsListLength');
      if (off + 2 + k > end) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'supportedServiceActionsListLength',
          off + 1,
          `service action list of ${k} bytes runs past the commands list (clamped)`,
        );
        k = end - off - 2;
      }
      const serviceActions: number[] = [];
      for (let i = 0; i < k; i++) serviceActions.push(r.u8(off + 2 + i, 'serviceAction'));
      commands.push({ operationCode, serviceActions });
      off += 2 + k;
    }
    return { value: { kind: 'supportedCommands', commands }, used: 1 + listLength };
  },
};

const parameterData: DescriptorCodec<ParameterDataDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.PARAMETER_DATA,
  name: 'ParameterDataDescriptor',
  minContent: 28,
  content: () => 28,
  write: (w, d) => {
    w.u16(8, d.maximumCscdDescriptorCount, 'maximumCscdDescriptorCount');
    w.u16(10, d.maximumSegmentDescriptorCount, 'maximumSegmentDescriptorCount');
    w.u32(12, d.maximumDescriptorListLength, 'maximumDescriptorListLength');
    w.u32(16, d.maximumInlineDataLength, 'maximumInlineDataLength');
  },
  read: (r, ctx) => {
    reservedBytes(ctx, r, 4, 4);
    reservedBytes(ctx, r, 20, 12);
    return {
      value: {
        kind: 'parameterData',
        maximumCscdDescriptorCount: r.u16(8, 'maximumCscdDescriptorCount'),
        maximumSegmentDescriptorCount: r.u16(10, 'maximumSegmentDescriptorCount'),
        maximumDescriptorListLength: r.u32(12, 'maximumDescriptorListLength'),
        // bytes 16-19 per SPC; sg3_utils reads 17-20 (off by one)
        maximumInlineDataLength: r.u32(16, 'maximumInlineDataLength'),
      },
      used: 28,
    };
  },
};

const supportedDescriptors: DescriptorCodec<SupportedDescriptorsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_DESCRIPTORS,
  name: 'SupportedDescriptorsDescriptor',
  minContent: 1,
  content: (d) =>
    1 + arrayField('SupportedDescriptorsDescriptor', 'descriptorTypeCodes', 5, d.descriptorTypeCodes, 0xff).length,
  write: (w, d) => {
    w.u8(4, d.descriptorTypeCodes.length, 'supportedDescriptorListLength');
    d.descriptorTypeCodes.forEach((c, i) => {
      w.u8(5 + i, c, 'descriptorTypeCode');
    });
  },
  read: (r) => {
    let n = r.u8(4, 'supportedDescriptorListLength');
    if (5 + n > r.length) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'supportedDescriptorListLength',
        4,
        `list of ${n} bytes does not fit (clamped)`,
      );
      n = r.length - 5;
    }
    const descriptorTypeCodes: number[] = [];
    for (let i = 0; i < n; i++) descriptorTypeCodes.push(r.u8(5 + i, 'descriptorTypeCode'));
    return { value: { kind: 'supportedDescriptors', descriptorTypeCodes }, used: 1 + n };
  },
};

const supportedCscdIds: DescriptorCodec<SupportedCscdIdsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_CSCD_IDS,
  name: 'SupportedCscdIdsDescriptor',
  minContent: 2,
  content: (d) => 2 + 2 * arrayField('SupportedCscdIdsDescriptor', 'cscdIds', 6, d.cscdIds, 0x7fff).length,
  write: (w, d) => {
    w.u16(4, 2 * d.cscdIds.length, 'supportedCscdIdsListLength');
    d.cscdIds.forEach((id, i) => {
      w.u16(6 + 2 * i, id, 'cscdId');
    });
  },
  read: (r) => {
    let n = r.u16(4, 'supportedCscdIdsListLength');
    if (6 + n > r.length) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'supportedCscdIdsListLength', 4, `list of ${n} bytes does not fit (clamped)`);
      n = r.length - 6;
    }
    if (n % 2 !== 0) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'supportedCscdIdsListLength', 4, `list length ${n} is not a multiple of 2`);
    }
    const cscdIds: number[] = [];
    for (let i = 0; i + 2 <= n; i += 2) cscdIds.push(r.u16(6 + i, 'cscdId'));
    return { value: { kind: 'supportedCscdIds', cscdIds }, used: 2 + n };
  },
};

const copyGroupIdentifier: DescriptorCodec<CopyGroupIdentifierDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.COPY_GROUP_IDENTIFIER,
  name: 'CopyGroupIdentifierDescriptor',
  minContent: 1,
  content: (d) => 1 + byteFieldLength('CopyGroupIdentifierDescriptor', 'copyGroupIdentifier', 5, d.copyGroupIdentifier),
  write: (w, d) => {
    w.u8(4, d.copyGroupIdentifier.length, 'copyGroupIdentifierLength');
    w.bytes(5, d.copyGroupIdentifier, 'copyGroupIdentifier');
  },
  read: (r) => {
    let n = r.u8(4, 'copyGroupIdentifierLength');
    if (5 + n > r.length) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'copyGroupIdentifierLength',
        4,
        `identifier of ${n} bytes does not fit (clamped)`,
      );
      n = r.length - 5;
    }
    return {
      value: { kind: 'copyGroupIdentifier', copyGroupIdentifier: r.bytes(5, n, 'copyGroupIdentifier') },
      used: 1 + n,
    };
  },
};

/** ROD device type specific features descriptor length (48 bytes, DESCRIPTOR LENGTH 002Ch). */
const ROD_FEATURES_LENGTH = 48;

const ROD_FEATURES_PDT = { block: 0x00, stream: 0x01, copyManager: 0x03 } as const;

function rodFeaturesLength(d: RodDeviceTypeSpecificFeaturesDescriptor): number {
  return d.kind === 'unknown'
    ? 4 + byteFieldLength('RodDeviceTypeSpecificFeaturesDescriptor', 'raw', 4, d.bytes)
    : ROD_FEATURES_LENGTH;
}

function writeRodFeatures(w: ByteWriter, off: number, d: RodDeviceTypeSpecificFeaturesDescriptor): void {
  if (d.kind === 'unknown') {
    w.bits(off, 7, 5, d.descriptorFormat, 'descriptorFormat');
    w.bits(off, 4, 0, d.peripheralDeviceType, 'peripheralDeviceType');
    w.u8(off + 1, d.byte1, 'byte1');
    w.u16(off + 2, d.bytes.length, 'descriptorLength');
    w.bytes(off + 4, d.bytes, 'raw');
    return;
  }
  const pdt = ownEntry(ROD_FEATURES_PDT, d.kind);
  if (pdt === undefined) throw unknownVariant('RodDeviceTypeSpecificFeaturesDescriptor', 'kind', w.start + off, d.kind);
  w.bits(off, 4, 0, pdt, 'peripheralDeviceType');
  w.u16(off + 2, ROD_FEATURES_LENGTH - 4, 'descriptorLength');
  switch (d.kind) {
    case 'block':
      w.u16(off + 6, d.optimalBlockRodLengthGranularity, 'optimalBlockRodLengthGranularity');
      w.u64(off + 8, d.maximumBytesInBlockRod, 'maximumBytesInBlockRod');
      w.u64(off + 16, d.optimalBytesInBlockRodTransfer, 'optimalBytesInBlockRodTransfer');
      w.u64(off + 24, d.optimalBytesToTokenPerSegment, 'optimalBytesToTokenPerSegment');
      w.u64(off + 32, d.optimalBytesFromTokenPerSegment, 'optimalBytesFromTokenPerSegment');
      break;
    case 'stream':
      w.u64(off + 8, d.maximumBytesInStreamRod, 'maximumBytesInStreamRod');
      w.u64(off + 16, d.optimalBytesInStreamRodTransfer, 'optimalBytesInStreamRodTransfer');
      break;
    case 'copyManager':
      w.u64(off + 8, d.maximumBytesInProcessorRod, 'maximumBytesInProcessorRod');
      w.u64(off + 16, d.optimalBytesInProcessorRodTransfer, 'optimalBytesInProcessorRodTransfer');
      break;
  }
}

/** `r` spans exactly one ROD device type specific descriptor (header included). */
function readRodFeatures(r: ByteReader, ctx: TpcDecodeContext): RodDeviceTypeSpecificFeaturesDescriptor {
  const descriptorFormat = r.bits(0, 7, 5, 'descriptorFormat');
  const peripheralDeviceType = r.bits(0, 4, 0, 'peripheralDeviceType');
  const known =
    descriptorFormat === 0 &&
    r.length === ROD_FEATURES_LENGTH &&
    (peripheralDeviceType === 0x00 || peripheralDeviceType === 0x01 || peripheralDeviceType === 0x03);
  if (!known) {
    return {
      kind: 'unknown',
      descriptorFormat,
      peripheralDeviceType,
      byte1: r.u8(1, 'byte1'),
      bytes: r.bytes(4, r.length - 4, 'raw'),
    };
  }
  reservedBytes(ctx, r, 1, 1);
  if (peripheralDeviceType === 0x00) {
    reservedBytes(ctx, r, 4, 2);
    reservedBytes(ctx, r, 40, 8);
    return {
      kind: 'block',
      optimalBlockRodLengthGranularity: r.u16(6, 'optimalBlockRodLengthGranularity'),
      maximumBytesInBlockRod: r.u64(8, 'maximumBytesInBlockRod'),
      optimalBytesInBlockRodTransfer: r.u64(16, 'optimalBytesInBlockRodTransfer'),
      optimalBytesToTokenPerSegment: r.u64(24, 'optimalBytesToTokenPerSegment'),
      optimalBytesFromTokenPerSegment: r.u64(32, 'optimalBytesFromTokenPerSegment'),
    };
  }
  reservedBytes(ctx, r, 4, 4);
  reservedBytes(ctx, r, 24, 24);
  if (peripheralDeviceType === 0x01) {
    return {
      kind: 'stream',
      maximumBytesInStreamRod: r.u64(8, 'maximumBytesInStreamRod'),
      optimalBytesInStreamRodTransfer: r.u64(16, 'optimalBytesInStreamRodTransfer'),
    };
  }
  return {
    kind: 'copyManager',
    maximumBytesInProcessorRod: r.u64(8, 'maximumBytesInProcessorRod'),
    optimalBytesInProcessorRodTransfer: r.u64(16, 'optimalBytesInProcessorRodTransfer'),
  };
}

const ROD_FEATURES_ORDER = { block: 0, stream: 1, copyManager: 2, unknown: 3 } as const;

const rodTokenFeatures: DescriptorCodec<RodTokenFeaturesDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.ROD_TOKEN_FEATURES,
  name: 'RodTokenFeaturesDescriptor',
  minContent: 44,
  content: (d) =>
    44 +
    objectList(
      'RodTokenFeaturesDescriptor',
      'deviceTypeSpecificDescriptors',
      48,
      d.deviceTypeSpecificDescriptors,
      0xffff,
    ).reduce((n, x) => n + rodFeaturesLength(x), 0),
  write: (w, d) => {
    w.bits(4, 3, 0, d.remoteTokens, 'remoteTokens');
    w.u32(16, d.minimumTokenLifetime, 'minimumTokenLifetime');
    w.u32(20, d.maximumTokenLifetime, 'maximumTokenLifetime');
    w.u32(24, d.maximumTokenInactivityTimeout, 'maximumTokenInactivityTimeout');
    const total = d.deviceTypeSpecificDescriptors.reduce((n, x) => n + rodFeaturesLength(x), 0);
    w.u16(46, total, 'rodDeviceTypeSpecificFeaturesDescriptorsLength');
    let off = 48;
    for (const x of d.deviceTypeSpecificDescriptors) {
      writeRodFeatures(w, off, x);
      off += rodFeaturesLength(x);
    }
  },
  read: (r, ctx) => {
    reserved(ctx, r, 4, 0xf0);
    reservedBytes(ctx, r, 5, 11);
    reservedBytes(ctx, r, 28, 18);
    let listLength = r.u16(46, 'rodDeviceTypeSpecificFeaturesDescriptorsLength');
    if (48 + listLength > r.length) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'rodDeviceTypeSpecificFeaturesDescriptorsLength',
        46,
        `list of ${listLength} bytes does not fit the descriptor (clamped to ${r.length - 48})`,
      );
      listLength = r.length - 48;
    }
    const end = 48 + listLength;
    const list: RodDeviceTypeSpecificFeaturesDescriptor[] = [];
    let off = 48;
    let lastOrder = -1;
    while (off < end) {
      if (off + 4 > end) {
        r.tolerate('ERR_LENGTH_MISMATCH', 'rodDeviceTypeSpecificFeaturesDescriptorsLength', off, 'partial descriptor');
        break;
      }
      // Read (and traced) as the descriptor's own field, so a dump shows it under that descriptor.
      let len = 4 + r.sub(off, 4, 'RodDeviceTypeSpecificFeaturesDescriptor').u16(2, 'descriptorLength');
      if (off + len > end) {
        r.tolerate('ERR_LENGTH_MISMATCH', 'descriptorLength', off + 2, `descriptor runs past the list (clamped)`);
        len = end - off;
      }
      const pdt = r.bits(off, 4, 0);
      const format = r.bits(off, 7, 5);
      if (format === 0 && (pdt === 0x00 || pdt === 0x01 || pdt === 0x03) && len !== ROD_FEATURES_LENGTH) {
        r.tolerate(
          'ERR_LENGTH_MISMATCH',
          'descriptorLength',
          off + 2,
          `expected DESCRIPTOR LENGTH 002Ch, got ${hex(len - 4, 4)}`,
        );
      }
      const x = readRodFeatures(r.sub(off, len, 'RodDeviceTypeSpecificFeaturesDescriptor'), ctx);
      const order = ROD_FEATURES_ORDER[x.kind];
      if (x.kind !== 'unknown' && order <= lastOrder) {
        r.tolerate(
          'ERR_INVALID_VALUE',
          'peripheralDeviceType',
          off,
          'descriptors must be block, stream, copy manager: in that order, at most one each',
        );
      }
      if (x.kind !== 'unknown') lastOrder = order;
      list.push(x);
      off += len;
    }
    return {
      value: {
        kind: 'rodTokenFeatures',
        remoteTokens: r.bits(4, 3, 0, 'remoteTokens'),
        minimumTokenLifetime: r.u32(16, 'minimumTokenLifetime'),
        maximumTokenLifetime: r.u32(20, 'maximumTokenLifetime'),
        maximumTokenInactivityTimeout: r.u32(24, 'maximumTokenInactivityTimeout'),
        deviceTypeSpecificDescriptors: list,
      },
      used: 44 + listLength,
    };
  },
};

/** Bytes in one ROD type descriptor. */
const ROD_TYPE_DESCRIPTOR_LENGTH = 64;

const supportedRodTokenAndRodTypes: DescriptorCodec<SupportedRodTokenAndRodTypesDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_ROD_TOKEN_AND_ROD_TYPES,
  name: 'SupportedRodTokenAndRodTypesDescriptor',
  minContent: 4,
  content: (d) =>
    4 +
    ROD_TYPE_DESCRIPTOR_LENGTH *
      objectList('SupportedRodTokenAndRodTypesDescriptor', 'rodTypes', 8, d.rodTypes, 0xffff).length,
  write: (w, d) => {
    w.u16(6, ROD_TYPE_DESCRIPTOR_LENGTH * d.rodTypes.length, 'rodTypeDescriptorsLength');
    d.rodTypes.forEach((t, i) => {
      const off = 8 + ROD_TYPE_DESCRIPTOR_LENGTH * i;
      w.u32(off, t.rodType, 'rodType');
      w.bit(off + 4, 7, t.ecpyInt, 'ecpyInt');
      w.bit(off + 4, 1, t.tokenIn, 'tokenIn');
      w.bit(off + 4, 0, t.tokenOut, 'tokenOut');
      w.u16(off + 6, t.preferenceIndicator, 'preferenceIndicator');
    });
  },
  read: (r, ctx) => {
    reservedBytes(ctx, r, 4, 2);
    let n = r.u16(6, 'rodTypeDescriptorsLength');
    if (8 + n > r.length) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'rodTypeDescriptorsLength', 6, `list of ${n} bytes does not fit (clamped)`);
      n = r.length - 8;
    }
    if (n % ROD_TYPE_DESCRIPTOR_LENGTH !== 0) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'rodTypeDescriptorsLength',
        6,
        `${n} is not a multiple of 64 (the partial ROD type descriptor is ignored)`,
      );
    }
    const rodTypes: RodTypeDescriptor[] = [];
    let previous = -1;
    let preferenceSum = 0;
    for (let off = 8; off + ROD_TYPE_DESCRIPTOR_LENGTH <= 8 + n; off += ROD_TYPE_DESCRIPTOR_LENGTH) {
      const t: RodTypeDescriptor = {
        rodType: r.u32(off, 'rodType'),
        ecpyInt: r.bit(off + 4, 7, 'ecpyInt'),
        tokenIn: r.bit(off + 4, 1, 'tokenIn'),
        tokenOut: r.bit(off + 4, 0, 'tokenOut'),
        preferenceIndicator: r.u16(off + 6, 'preferenceIndicator'),
      };
      reserved(ctx, r, off + 4, 0x7c);
      reservedBytes(ctx, r, off + 5, 1);
      reservedBytes(ctx, r, off + 8, 56);
      if (t.rodType <= previous) {
        r.tolerate(
          'ERR_INVALID_VALUE',
          'rodType',
          off,
          `ROD types must be ascending (${hex(t.rodType, 8)} after ${hex(previous, 8)})`,
        );
      }
      if (t.rodType === BLOCK_DEVICE_ZERO_ROD_TYPE && t.tokenOut) {
        r.tolerate(
          'ERR_INVALID_VALUE',
          'tokenOut',
          off + 4,
          'TOKEN_OUT must be zero for the block device zero ROD type FFFF0001h',
          0,
        );
      }
      previous = t.rodType;
      preferenceSum += t.preferenceIndicator;
      rodTypes.push(t);
    }
    if (preferenceSum !== 0 && preferenceSum !== 0xffff) {
      r.tolerate(
        'ERR_INVALID_VALUE',
        'preferenceIndicator',
        8,
        `PREFERENCE INDICATORs sum to ${hex(preferenceSum, 4)}, not 0 or FFFFh`,
      );
    }
    return { value: { kind: 'supportedRodTokenAndRodTypes', rodTypes }, used: 4 + n };
  },
};

const generalCopyOperations: DescriptorCodec<GeneralCopyOperationsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.GENERAL_COPY_OPERATIONS,
  name: 'GeneralCopyOperationsDescriptor',
  minContent: 32,
  content: () => 32,
  write: (w, d) => {
    w.u32(4, d.totalConcurrentCopies, 'totalConcurrentCopies');
    w.u32(8, d.maximumIdentifiedConcurrentCopies, 'maximumIdentifiedConcurrentCopies');
    w.u32(12, d.maximumSegmentLength, 'maximumSegmentLength');
    w.u8(16, d.dataSegmentGranularity, 'dataSegmentGranularity');
    w.u8(17, d.inlineDataGranularity, 'inlineDataGranularity');
  },
  read: (r, ctx) => {
    reservedBytes(ctx, r, 18, 18);
    return {
      value: {
        kind: 'generalCopyOperations',
        totalConcurrentCopies: r.u32(4, 'totalConcurrentCopies'),
        maximumIdentifiedConcurrentCopies: r.u32(8, 'maximumIdentifiedConcurrentCopies'),
        maximumSegmentLength: r.u32(12, 'maximumSegmentLength'),
        dataSegmentGranularity: r.u8(16, 'dataSegmentGranularity'),
        inlineDataGranularity: r.u8(17, 'inlineDataGranularity'),
      },
      used: 32,
    };
  },
};

const streamCopyOperations: DescriptorCodec<StreamCopyOperationsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.STREAM_COPY_OPERATIONS,
  name: 'StreamCopyOperationsDescriptor',
  minContent: 12,
  content: () => 12,
  write: (w, d) => {
    w.u32(4, d.maximumStreamDeviceTransferSize, 'maximumStreamDeviceTransferSize');
  },
  read: (r, ctx) => {
    reservedBytes(ctx, r, 8, 8);
    return {
      value: {
        kind: 'streamCopyOperations',
        maximumStreamDeviceTransferSize: r.u32(4, 'maximumStreamDeviceTransferSize'),
      },
      used: 12,
    };
  },
};

const heldData: DescriptorCodec<HeldDataDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.HELD_DATA,
  name: 'HeldDataDescriptor',
  minContent: 28,
  content: () => 28,
  write: (w, d) => {
    w.u32(4, d.heldDataLimit, 'heldDataLimit');
    w.u8(8, d.heldDataGranularity, 'heldDataGranularity');
  },
  read: (r, ctx) => {
    reservedBytes(ctx, r, 9, 23);
    return {
      value: {
        kind: 'heldData',
        heldDataLimit: r.u32(4, 'heldDataLimit'),
        heldDataGranularity: r.u8(8, 'heldDataGranularity'),
      },
      used: 28,
    };
  },
};

type KnownDescriptor = Exclude<ThirdPartyCopyDescriptor, UnknownThirdPartyCopyDescriptor>;

const CODEC_BY_KIND: {
  readonly [K in KnownDescriptor['kind']]: DescriptorCodec<Extract<KnownDescriptor, { kind: K }>>;
} = {
  blockDeviceRodLimits,
  supportedCommands,
  parameterData,
  supportedDescriptors,
  supportedCscdIds,
  copyGroupIdentifier,
  rodTokenFeatures,
  supportedRodTokenAndRodTypes,
  generalCopyOperations,
  streamCopyOperations,
  heldData,
};

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous codec table keyed by descriptor type
const CODEC_BY_TYPE: ReadonlyMap<number, DescriptorCodec<any>> = new Map(
  Object.values(CODEC_BY_KIND).map((c) => [c.type, c]),
);

// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
function codecOf(d: KnownDescriptor): DescriptorCodec<any> {
  const c = typeof d === 'object' && d !== null ? ownEntry(CODEC_BY_KIND, d.kind) : undefined;
  if (c === undefined)
    throw unknownVariant('ThirdPartyCopyDescriptor', 'kind', 0, (d as { kind?: unknown } | null)?.kind);
  return c;
}

/**
 * THIRD-PARTY COPY DESCRIPTOR TYPE code of a descriptor (e.g. 0106h for ROD Token Features).
 *
 * @remarks Since 0.1.0
 */
export function thirdPartyCopyDescriptorType(d: ThirdPartyCopyDescriptor): number {
  try {
    return d.kind === 'unknown' ? d.descriptorType : codecOf(d).type;
  } catch (e) {
    throw inputFault(e, 'thirdPartyCopyDescriptorType', [d], 'ERR_FIELD_RANGE');
  }
}

/**
 * A copy of `descriptors` sorted by descriptor type, as SPC requires on the wire (stable for
 * equal types).
 *
 * @remarks Since 0.1.0
 */
export function sortThirdPartyCopyDescriptors(
  descriptors: readonly ThirdPartyCopyDescriptor[],
): ThirdPartyCopyDescriptor[] {
  try {
    return objectList(STRUCTURE, 'descriptors', 4, descriptors, VPD_MAX_PAGE_LENGTH)
      .map((d, i) => ({ d, i, t: thirdPartyCopyDescriptorType(d) }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.d);
  } catch (e) {
    throw inputFault(e, 'sortThirdPartyCopyDescriptors', [descriptors], 'ERR_FIELD_RANGE');
  }
}

// ---------------------------------------------------------------------------------------------
// Descriptor encode/decode

/**
 * Encoded length of one third-party copy descriptor, header and pad included.
 *
 * @internal
 */
export function encodedThirdPartyCopyDescriptorLength(d: ThirdPartyCopyDescriptor): number {
  if (typeof d === 'object' && d !== null && d.kind === 'unknown')
    return 4 + byteFieldLength('UnknownThirdPartyCopyDescriptor', 'raw', 4, d.bytes);
  return pad4(4 + codecOf(d).content(d));
}

/**
 * Write one descriptor at `off` (it must fit: size the writer with
 * {@link encodedThirdPartyCopyDescriptorLength}).
 *
 * @internal
 */
export function writeThirdPartyCopyDescriptor(
  w: ByteWriter,
  off: number,
  d: ThirdPartyCopyDescriptor,
  total: number = encodedThirdPartyCopyDescriptorLength(d),
): void {
  if (d.kind === 'unknown') {
    const sw = w.sub(off, total, 'UnknownThirdPartyCopyDescriptor');
    sw.u16(0, d.descriptorType, 'descriptorType');
    sw.u16(2, d.bytes.length, 'descriptorLength');
    sw.bytes(4, d.bytes, 'raw');
    return;
  }
  const c = codecOf(d);
  checkRange(c.name, 'descriptorLength', w.start + off + 2, total - 4, 0xffff);
  const sw = w.sub(off, total, c.name);
  sw.u16(0, c.type, 'descriptorType');
  sw.u16(2, total - 4, 'descriptorLength');
  c.write(sw, d);
}

/** A descriptor kept raw (unknown type, or too short for its type). */
function unknownDescriptor(r: ByteReader, descriptorType: number): UnknownThirdPartyCopyDescriptor {
  return { kind: 'unknown', descriptorType, bytes: r.bytes(4, r.length - 4, 'raw') };
}

/**
 * Read one descriptor from `r` (a reader spanning the descriptor, header included, clamped to
 * the page). Known types too short to decode become `unknown` (tolerated).
 *
 * @internal
 */
export function readThirdPartyCopyDescriptor(
  r: ByteReader,
  ctx: TpcDecodeContext = { lint: false },
): ThirdPartyCopyDescriptor {
  const descriptorType = r.u16(0, 'descriptorType');
  const descriptorLength = r.u16(2, 'descriptorLength');
  const codec = CODEC_BY_TYPE.get(descriptorType);
  if (codec === undefined) {
    if (r.length % 4 !== 0) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'descriptorLength',
        2,
        `descriptor length ${4 + descriptorLength} is not a multiple of 4`,
      );
    }
    return unknownDescriptor(r, descriptorType);
  }
  // Same window, errors named after this descriptor (a sub-reader shares the array: no copy, no subarray).
  const sr = r.sub(0, r.length, codec.name);
  if (r.length < 4 + codec.minContent) {
    sr.tolerate(
      'ERR_LENGTH_MISMATCH',
      'descriptorLength',
      2,
      `${hex(descriptorLength, 4)} is too short for this descriptor (needs at least ${hex(codec.minContent, 4)}); kept raw`,
    );
    return unknownDescriptor(r, descriptorType);
  }
  const { value, used } = codec.read(sr, ctx);
  const canonical = pad4(4 + used);
  if (canonical !== r.length) {
    sr.tolerate(
      'ERR_LENGTH_MISMATCH',
      'descriptorLength',
      2,
      `expected DESCRIPTOR LENGTH ${hex(canonical - 4, 4)} for this content, got ${hex(descriptorLength, 4)}`,
    );
  }
  // zero pad after the content (strict / lint only)
  if (4 + used < r.length) reservedBytes(ctx, sr, 4 + used, Math.min(r.length, canonical) - 4 - used, 'pad');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Page encode/decode

/**
 * Encoded length of the whole page (header included).
 *
 * @remarks Since 0.1.0
 */
export function encodedThirdPartyCopyVpdPageLength(page: ThirdPartyCopyVpdPage): number {
  try {
    return objectList(STRUCTURE, 'descriptors', 4, page.descriptors, VPD_MAX_PAGE_LENGTH).reduce(
      (n, d) => n + encodedThirdPartyCopyDescriptorLength(d),
      VPD_PAGE_HEADER_LENGTH,
    );
  } catch (e) {
    throw inputFault(e, 'encodedThirdPartyCopyVpdPageLength', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Encode a Third-party Copy VPD page (8Fh): computes PAGE LENGTH, every DESCRIPTOR LENGTH and
 * list length, and zero-pads every descriptor to a multiple of 4. Descriptors are written in
 * the order given (use {@link sortThirdPartyCopyDescriptors} to get SPC's ascending order).
 *
 * @example
 * ```ts
 * const bytes = encodeThirdPartyCopyVpdPage({
 *   kind: 'thirdPartyCopy', peripheralQualifier: 0, peripheralDeviceType: 0,
 *   descriptors: [{ kind: 'blockDeviceRodLimits', vendorSpecific: new Uint8Array(6),
 *     maximumRangeDescriptors: 8, maximumInactivityTimeout: 60, defaultInactivityTimeout: 30,
 *     maximumTokenTransferSize: 0x800000n, optimalTransferCount: 0x800n }],
 * });
 * ```
 * @see SPC-5, "Third-party Copy VPD page" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or a computed length does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeThirdPartyCopyVpdPage(page: ThirdPartyCopyVpdPage): Uint8Array<ArrayBuffer> {
  try {
    // Each descriptor's length is computed once (it was computed three times).
    const descriptors = objectList(STRUCTURE, 'descriptors', 4, page.descriptors, VPD_MAX_PAGE_LENGTH);
    const lengths: number[] = [];
    let total = VPD_PAGE_HEADER_LENGTH;
    for (const d of descriptors) {
      const n = encodedThirdPartyCopyDescriptorLength(d);
      lengths.push(n);
      total += n;
    }
    checkRange(STRUCTURE, 'pageLength', 2, total - VPD_PAGE_HEADER_LENGTH, VPD_MAX_PAGE_LENGTH);
    const w = new ByteWriter(total, STRUCTURE);
    writeVpdHeader(w, page, VPD_PAGE_CODE.THIRD_PARTY_COPY, total - VPD_PAGE_HEADER_LENGTH);
    let off = VPD_PAGE_HEADER_LENGTH;
    for (let i = 0; i < lengths.length; i++) {
      const n = lengths[i] as number;
      writeThirdPartyCopyDescriptor(w, off, descriptors[i] as ThirdPartyCopyDescriptor, n);
      off += n;
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyVpdPage', [page], 'ERR_FIELD_RANGE');
  }
}

/** Decode result with the absolute offset of every descriptor (for validation paths). @internal */
export interface ThirdPartyCopyDecodeResult {
  readonly page: ThirdPartyCopyVpdPage;
  /** Absolute offset of descriptor i. */
  readonly offsets: readonly number[];
  /** Absolute end offset of descriptor i. */
  readonly ends: readonly number[];
}

/** @internal */
export function decodeThirdPartyCopyVpdPageDetailed(
  bytes: Uint8Array,
  options: DecodeOptions | undefined,
  lint: boolean,
): ThirdPartyCopyDecodeResult {
  const ctx: TpcDecodeContext = { lint };
  const root = new ByteReader(bytes, STRUCTURE, options);
  const { header, page: r } = readVpdHeader(root, VPD_PAGE_CODE.THIRD_PARTY_COPY);
  const descriptors: ThirdPartyCopyDescriptor[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  let off = VPD_PAGE_HEADER_LENGTH;
  let previousType = -1;
  while (off < r.length) {
    if (off + 4 > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'descriptors',
        off,
        `${r.length - off} byte(s) left: too few for a descriptor header`,
      );
      break;
    }
    // no field names here: readThirdPartyCopyDescriptor records these two in the trace
    const type = r.u16(off);
    let len = 4 + r.u16(off + 2);
    if (off + len > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'descriptorLength',
        off + 2,
        `descriptor ${hex(type, 4)} needs ${len} bytes, ${r.length - off} left in the page (clamped)`,
      );
      len = r.length - off;
    }
    if (type <= previousType) {
      r.tolerate(
        'ERR_INVALID_VALUE',
        'descriptorType',
        off,
        `descriptor types must be ascending and unique (${hex(type, 4)} after ${hex(previousType, 4)})`,
      );
    }
    previousType = Math.max(previousType, type);
    offsets.push(r.abs(off));
    ends.push(r.abs(off + len));
    descriptors.push(readThirdPartyCopyDescriptor(r.sub(off, len, 'ThirdPartyCopyDescriptor'), ctx));
    off += len;
  }
  // One literal (cheaper than an object spread), `issues` only when there are some.
  const page: ThirdPartyCopyVpdPage =
    root.issues.length === 0
      ? {
          kind: 'thirdPartyCopy',
          peripheralQualifier: header.peripheralQualifier,
          peripheralDeviceType: header.peripheralDeviceType,
          descriptors,
        }
      : {
          kind: 'thirdPartyCopy',
          peripheralQualifier: header.peripheralQualifier,
          peripheralDeviceType: header.peripheralDeviceType,
          descriptors,
          issues: root.issues,
        };
  return { page, offsets, ends };
}

/**
 * Decode a Third-party Copy VPD page (8Fh).
 *
 * Lenient (default): a PAGE LENGTH longer than the bytes present is clamped, descriptors and
 * lists that run past their container are clamped, known descriptors too short to decode are
 * kept raw, and each such discrepancy is reported in `issues`. Strict: those, descriptors out
 * of ascending order, wrong lengths or pad, non-ascending ROD types, TOKEN_OUT set for the zero
 * ROD type, PREFERENCE INDICATORs not summing to 0 or FFFFh and non-zero reserved bits throw.
 * Unknown descriptor types are kept byte-exact in both modes.
 *
 * @see SPC-5, "Third-party Copy VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (header), `ERR_UNEXPECTED_VALUE` (PAGE CODE not 8Fh);
 *   strict: `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_RESERVED_NONZERO`, `ERR_TRUNCATED`.
 * @remarks Since 0.1.0
 */
export function decodeThirdPartyCopyVpdPage(bytes: Uint8Array, options?: DecodeOptions): ThirdPartyCopyVpdPage {
  try {
    return decodeThirdPartyCopyVpdPageDetailed(bytes, options, false).page;
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyVpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode one third-party copy descriptor on its own (header, computed lengths and zero pad).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or a computed length does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeThirdPartyCopyDescriptor(d: ThirdPartyCopyDescriptor): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(encodedThirdPartyCopyDescriptorLength(d), 'ThirdPartyCopyDescriptor');
    writeThirdPartyCopyDescriptor(w, 0, d);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyDescriptor', [d], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode one third-party copy descriptor on its own (bytes after 4 + DESCRIPTOR LENGTH are
 * ignored; a DESCRIPTOR LENGTH longer than the bytes present is clamped, or throws in strict mode).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes; strict: as {@link decodeThirdPartyCopyVpdPage}.
 * @remarks Since 0.1.0
 */
export function decodeThirdPartyCopyDescriptor(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ThirdPartyCopyDescriptor & { readonly issues?: readonly DecodeIssue[] } {
  try {
    const r = new ByteReader(bytes, 'ThirdPartyCopyDescriptor', options);
    r.need(4, 'descriptorLength');
    let len = 4 + r.u16(2, 'descriptorLength');
    if (len > r.length) {
      r.tolerate('ERR_TRUNCATED', 'descriptorLength', 2, `descriptor needs ${len} bytes, have ${r.length} (clamped)`);
      len = r.length;
    }
    const d = readThirdPartyCopyDescriptor(r.sub(0, len), { lint: false });
    return r.issues.length === 0 ? d : { ...d, issues: r.issues };
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyDescriptor', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
