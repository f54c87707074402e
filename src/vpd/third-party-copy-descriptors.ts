/**
 * The third-party copy descriptor codec table (keyed by descriptor type and by `kind`) with the
 * codecs of the descriptors that are not about ROD tokens, and the generic descriptor
 * encode/decode built on the table.
 *
 * @see SPC-5, "Third-party Copy VPD page" table
 * @internal
 */
import { TPC_DESCRIPTOR_TYPE } from '../constants/vpd.js';
import { type ByteReader, hex } from '../internal/byte-reader.js';
import { type ByteWriter, byteFieldLength, checkRange, unknownVariant } from '../internal/byte-writer.js';
import { arrayField, inputFault, objectList } from '../internal/contract.js';
import { readBigint, readField, readNumber, writeField } from '../internal/layout-codec.js';
import {
  type DescriptorCodec,
  fixedDescriptor,
  pad4,
  reservedBytes,
  type TpcDecodeContext,
} from './third-party-copy-codec.js';
import {
  BLOCK_DEVICE_ROD_LIMITS,
  GENERAL_COPY_OPERATIONS,
  HELD_DATA,
  PARAMETER_DATA,
  STREAM_COPY_OPERATIONS,
} from './third-party-copy-layouts.js';
import { rodTokenFeatures, supportedRodTokenAndRodTypes } from './third-party-copy-rod.js';
import type {
  BlockDeviceRodLimitsDescriptor,
  CommandSupportDescriptor,
  CopyGroupIdentifierDescriptor,
  GeneralCopyOperationsDescriptor,
  HeldDataDescriptor,
  ParameterDataDescriptor,
  StreamCopyOperationsDescriptor,
  SupportedCommandsDescriptor,
  SupportedCscdIdsDescriptor,
  SupportedDescriptorsDescriptor,
  ThirdPartyCopyDescriptor,
  UnknownThirdPartyCopyDescriptor,
} from './third-party-copy-types.js';
import { VPD_MAX_PAGE_LENGTH } from './vpd-page-header.js';

const STRUCTURE = 'ThirdPartyCopyVpdPage';
const LIMITS = BLOCK_DEVICE_ROD_LIMITS.field;
const blockDeviceRodLimits = fixedDescriptor<BlockDeviceRodLimitsDescriptor>(
  TPC_DESCRIPTOR_TYPE.BLOCK_DEVICE_ROD_LIMITS,
  BLOCK_DEVICE_ROD_LIMITS,
  (r, at) => ({
    kind: 'blockDeviceRodLimits',
    vendorSpecific: readField(r, LIMITS.vendorSpecific, at) as Uint8Array,
    maximumRangeDescriptors: readNumber(r, LIMITS.maximumRangeDescriptors, at),
    maximumInactivityTimeout: readNumber(r, LIMITS.maximumInactivityTimeout, at),
    defaultInactivityTimeout: readNumber(r, LIMITS.defaultInactivityTimeout, at),
    maximumTokenTransferSize: readBigint(r, LIMITS.maximumTokenTransferSize, at),
    optimalTransferCount: readBigint(r, LIMITS.optimalTransferCount, at),
  }),
  (w, d) => {
    writeField(w, LIMITS.vendorSpecific, d.vendorSpecific);
    writeField(w, LIMITS.maximumRangeDescriptors, d.maximumRangeDescriptors);
    writeField(w, LIMITS.maximumInactivityTimeout, d.maximumInactivityTimeout);
    writeField(w, LIMITS.defaultInactivityTimeout, d.defaultInactivityTimeout);
    writeField(w, LIMITS.maximumTokenTransferSize, d.maximumTokenTransferSize);
    writeField(w, LIMITS.optimalTransferCount, d.optimalTransferCount);
  },
);

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
  fixed: false,
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
  read: (r, ctx) => {
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
      const serviceActions = new Array<number>(k);
      for (let i = 0; i < k; i++) serviceActions[i] = r.u8(off + 2 + i, 'serviceAction');
      commands.push({ operationCode, serviceActions });
      off += 2 + k;
    }
    ctx.used = 1 + listLength;
    return { kind: 'supportedCommands', commands };
  },
};

const PD = PARAMETER_DATA.field;
const parameterData = fixedDescriptor<ParameterDataDescriptor>(
  TPC_DESCRIPTOR_TYPE.PARAMETER_DATA,
  PARAMETER_DATA,
  (r, at) => ({
    kind: 'parameterData',
    maximumCscdDescriptorCount: readNumber(r, PD.maximumCscdDescriptorCount, at),
    maximumSegmentDescriptorCount: readNumber(r, PD.maximumSegmentDescriptorCount, at),
    maximumDescriptorListLength: readNumber(r, PD.maximumDescriptorListLength, at),
    maximumInlineDataLength: readNumber(r, PD.maximumInlineDataLength, at),
  }),
  (w, d) => {
    writeField(w, PD.maximumCscdDescriptorCount, d.maximumCscdDescriptorCount);
    writeField(w, PD.maximumSegmentDescriptorCount, d.maximumSegmentDescriptorCount);
    writeField(w, PD.maximumDescriptorListLength, d.maximumDescriptorListLength);
    writeField(w, PD.maximumInlineDataLength, d.maximumInlineDataLength);
  },
);

const supportedDescriptors: DescriptorCodec<SupportedDescriptorsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_DESCRIPTORS,
  name: 'SupportedDescriptorsDescriptor',
  minContent: 1,
  fixed: false,
  content: (d) =>
    1 + arrayField('SupportedDescriptorsDescriptor', 'descriptorTypeCodes', 5, d.descriptorTypeCodes, 0xff).length,
  write: (w, d) => {
    w.u8(4, d.descriptorTypeCodes.length, 'supportedDescriptorListLength');
    d.descriptorTypeCodes.forEach((c, i) => {
      w.u8(5 + i, c, 'descriptorTypeCode');
    });
  },
  read: (r, ctx) => {
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
    ctx.used = 1 + n;
    return { kind: 'supportedDescriptors', descriptorTypeCodes };
  },
};

const supportedCscdIds: DescriptorCodec<SupportedCscdIdsDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_CSCD_IDS,
  name: 'SupportedCscdIdsDescriptor',
  minContent: 2,
  fixed: false,
  content: (d) => 2 + 2 * arrayField('SupportedCscdIdsDescriptor', 'cscdIds', 6, d.cscdIds, 0x7fff).length,
  write: (w, d) => {
    w.u16(4, 2 * d.cscdIds.length, 'supportedCscdIdsListLength');
    d.cscdIds.forEach((id, i) => {
      w.u16(6 + 2 * i, id, 'cscdId');
    });
  },
  read: (r, ctx) => {
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
    ctx.used = 2 + n;
    return { kind: 'supportedCscdIds', cscdIds };
  },
};

const copyGroupIdentifier: DescriptorCodec<CopyGroupIdentifierDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.COPY_GROUP_IDENTIFIER,
  name: 'CopyGroupIdentifierDescriptor',
  minContent: 1,
  fixed: false,
  content: (d) => 1 + byteFieldLength('CopyGroupIdentifierDescriptor', 'copyGroupIdentifier', 5, d.copyGroupIdentifier),
  write: (w, d) => {
    w.u8(4, d.copyGroupIdentifier.length, 'copyGroupIdentifierLength');
    w.bytes(5, d.copyGroupIdentifier, 'copyGroupIdentifier');
  },
  read: (r, ctx) => {
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
    ctx.used = 1 + n;
    return { kind: 'copyGroupIdentifier', copyGroupIdentifier: r.bytes(5, n, 'copyGroupIdentifier') };
  },
};

const GCO = GENERAL_COPY_OPERATIONS.field;
const generalCopyOperations = fixedDescriptor<GeneralCopyOperationsDescriptor>(
  TPC_DESCRIPTOR_TYPE.GENERAL_COPY_OPERATIONS,
  GENERAL_COPY_OPERATIONS,
  (r, at) => ({
    kind: 'generalCopyOperations',
    totalConcurrentCopies: readNumber(r, GCO.totalConcurrentCopies, at),
    maximumIdentifiedConcurrentCopies: readNumber(r, GCO.maximumIdentifiedConcurrentCopies, at),
    maximumSegmentLength: readNumber(r, GCO.maximumSegmentLength, at),
    dataSegmentGranularity: readNumber(r, GCO.dataSegmentGranularity, at),
    inlineDataGranularity: readNumber(r, GCO.inlineDataGranularity, at),
  }),
  (w, d) => {
    writeField(w, GCO.totalConcurrentCopies, d.totalConcurrentCopies);
    writeField(w, GCO.maximumIdentifiedConcurrentCopies, d.maximumIdentifiedConcurrentCopies);
    writeField(w, GCO.maximumSegmentLength, d.maximumSegmentLength);
    writeField(w, GCO.dataSegmentGranularity, d.dataSegmentGranularity);
    writeField(w, GCO.inlineDataGranularity, d.inlineDataGranularity);
  },
);

const SCO = STREAM_COPY_OPERATIONS.field;
const streamCopyOperations = fixedDescriptor<StreamCopyOperationsDescriptor>(
  TPC_DESCRIPTOR_TYPE.STREAM_COPY_OPERATIONS,
  STREAM_COPY_OPERATIONS,
  (r, at) => ({
    kind: 'streamCopyOperations',
    maximumStreamDeviceTransferSize: readNumber(r, SCO.maximumStreamDeviceTransferSize, at),
  }),
  (w, d) => writeField(w, SCO.maximumStreamDeviceTransferSize, d.maximumStreamDeviceTransferSize),
);

const HD = HELD_DATA.field;
const heldData = fixedDescriptor<HeldDataDescriptor>(
  TPC_DESCRIPTOR_TYPE.HELD_DATA,
  HELD_DATA,
  (r, at) => ({
    kind: 'heldData',
    heldDataLimit: readNumber(r, HD.heldDataLimit, at),
    heldDataGranularity: readNumber(r, HD.heldDataGranularity, at),
  }),
  (w, d) => {
    writeField(w, HD.heldDataLimit, d.heldDataLimit);
    writeField(w, HD.heldDataGranularity, d.heldDataGranularity);
  },
);

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

/** Slot of a descriptor type in {@link CODEC_BY_TYPE}: distinct for every known type (checked below). */
const typeSlot = (type: number): number => (type ^ (type >>> 8)) & 0xff;

/**
 * The codecs by descriptor type: a 256-slot array indexed by {@link typeSlot}, each entry checked
 * against the type on lookup (an array index is several times cheaper than a `Map` or an object
 * with sparse integer keys, which showed in the 8Fh decode profile).
 */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous codec table keyed by descriptor type
const CODEC_BY_TYPE: readonly (DescriptorCodec<any> | undefined)[] = (() => {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const table: (DescriptorCodec<any> | undefined)[] = new Array(256).fill(undefined);
  for (const c of Object.values(CODEC_BY_KIND)) {
    if (table[typeSlot(c.type)] !== undefined) throw new Error(`8Fh codec table: slot of ${hex(c.type, 4)} taken`);
    table[typeSlot(c.type)] = c;
  }
  return table;
})();

/** The codec of a known descriptor type, or `undefined`. */
// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
function codecForType(type: number): DescriptorCodec<any> | undefined {
  const c = CODEC_BY_TYPE[typeSlot(type)];
  return c !== undefined && c.type === type ? c : undefined;
}

/** The codecs by `kind` as a `Map`: no prototype keys, and a string lookup cheaper than an own-property check. */
// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
const CODEC_OF_KIND: ReadonlyMap<unknown, DescriptorCodec<any>> = new Map(Object.entries(CODEC_BY_KIND));

// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
function codecOf(d: KnownDescriptor): DescriptorCodec<any> {
  const c = typeof d === 'object' && d !== null ? CODEC_OF_KIND.get(d.kind) : undefined;
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

/** The codec of a descriptor, or `undefined` for an `unknown` one (throws for a bad `kind`). @internal */
// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
export function codecOfDescriptor(d: ThirdPartyCopyDescriptor): DescriptorCodec<any> | undefined {
  return typeof d === 'object' && d !== null && d.kind === 'unknown' ? undefined : codecOf(d as KnownDescriptor);
}

/** {@link encodedThirdPartyCopyDescriptorLength} of a known descriptor whose codec is `c`. @internal */
// biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
export function knownDescriptorLength(c: DescriptorCodec<any>, d: ThirdPartyCopyDescriptor): number {
  return pad4(4 + c.content(d));
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
  // biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
  codec?: DescriptorCodec<any>,
): void {
  if (d.kind === 'unknown') {
    const sw = w.sub(off, total, 'UnknownThirdPartyCopyDescriptor');
    sw.u16(0, d.descriptorType, 'descriptorType');
    sw.u16(2, d.bytes.length, 'descriptorLength');
    sw.bytes(4, d.bytes, 'raw');
    return;
  }
  const c = codec ?? codecOf(d);
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
 * Read one descriptor: bytes [off, off + len) of `page` (header included, clamped to the page).
 * Known types too short to decode become `unknown` (tolerated). The header is read through
 * `headers` (a reader over the same window as `page` named `ThirdPartyCopyDescriptor`), the
 * content under the descriptor's own structure name.
 *
 * @internal
 */
export function readThirdPartyCopyDescriptor(
  page: ByteReader,
  off: number,
  len: number,
  ctx: TpcDecodeContext,
  headers: ByteReader = page,
): ThirdPartyCopyDescriptor {
  const codec = codecForType(page.u16(off));
  // A fixed-size descriptor of its exact length, read lenient, untraced and without lint, can
  // neither fail, record an issue nor trace: it is read in place, without a reader of its own.
  if (codec?.fixed === true && len === 4 + codec.minContent && !ctx.lint && !page.strict && page.trace === undefined) {
    return codec.read(page, ctx, off);
  }
  // One reader per descriptor, named after it: errors and trace entries carry that name.
  const sr = page.sub(off, len, codec === undefined ? 'ThirdPartyCopyDescriptor' : codec.name);
  // The header is read (and traced) through `headers`, the same window under the name every
  // descriptor shares, so an annotated dump shows the descriptors as siblings.
  const descriptorType = headers.u16(off, 'descriptorType');
  const descriptorLength = headers.u16(off + 2, 'descriptorLength');
  if (codec === undefined) {
    if (len % 4 !== 0) {
      sr.tolerate(
        'ERR_LENGTH_MISMATCH',
        'descriptorLength',
        2,
        `descriptor length ${4 + descriptorLength} is not a multiple of 4`,
      );
    }
    return unknownDescriptor(sr, descriptorType);
  }
  if (len < 4 + codec.minContent) {
    sr.tolerate(
      'ERR_LENGTH_MISMATCH',
      'descriptorLength',
      2,
      `${hex(descriptorLength, 4)} is too short for this descriptor (needs at least ${hex(codec.minContent, 4)}); kept raw`,
    );
    return unknownDescriptor(sr, descriptorType);
  }
  ctx.used = codec.minContent;
  const value = codec.read(sr, ctx, 0);
  const used = ctx.used;
  const canonical = pad4(4 + used);
  if (canonical !== len) {
    sr.tolerate(
      'ERR_LENGTH_MISMATCH',
      'descriptorLength',
      2,
      `expected DESCRIPTOR LENGTH ${hex(canonical - 4, 4)} for this content, got ${hex(descriptorLength, 4)}`,
    );
  }
  // zero pad after the content (strict / lint only)
  if (4 + used < len) reservedBytes(ctx, sr, 4 + used, Math.min(len, canonical) - 4 - used, 'pad');
  return value;
}
