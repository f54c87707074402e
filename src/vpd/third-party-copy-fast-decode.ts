/**
 * The lean decode path of the Third-party Copy VPD page (8Fh): a lenient, untraced decode of a
 * clean page, read by index from the bytes without a {@link ByteReader} per descriptor.
 *
 * "Clean" means that the reader-based decode (third-party-copy.ts) would record no issue for it:
 * every check below that fails makes {@link readPageFast} return `undefined`, and the caller then
 * decodes the page again the reader-based way, which records the issue (or throws) with its exact
 * code, field, offset and bit. Descriptor types without a lean reader here are read the
 * reader-based way in place (their issues, if any, are returned as the page's). So this path
 * never makes an error or an issue of its own, and it returns what the reader-based decode
 * returns (checked by test/vpd/fast-path.test.ts on random and mutated pages).
 *
 * @see SPC-5, "Third-party Copy VPD page" table; SBC-4, "Block Device ROD Limits descriptor"
 * @internal
 */
import { BLOCK_DEVICE_ZERO_ROD_TYPE, TPC_DESCRIPTOR_TYPE, VPD_PAGE_CODE } from '../constants/vpd.js';
import { ByteReader } from '../internal/byte-reader.js';
import type { Layout } from '../internal/layout.js';
import { u16, u32, u64 } from '../internal/unchecked-read.js';
import { pad4, type TpcDecodeContext } from './third-party-copy-codec.js';
import { readThirdPartyCopyDescriptor } from './third-party-copy-descriptors.js';
import {
  BLOCK_DEVICE_ROD_LIMITS,
  GENERAL_COPY_OPERATIONS,
  ROD_TOKEN_FEATURES,
  ROD_TYPE_DESCRIPTOR,
  SUPPORTED_COMMANDS,
  SUPPORTED_ROD_TOKEN_AND_ROD_TYPES,
} from './third-party-copy-layouts.js';
import { ROD_FEATURES_LENGTH, ROD_FEATURES_ORDER, ROD_FEATURES_PDT } from './third-party-copy-rod.js';
import type {
  BlockDeviceRodLimitsDescriptor,
  CommandSupportDescriptor,
  GeneralCopyOperationsDescriptor,
  RodDeviceTypeSpecificFeaturesDescriptor,
  RodTokenFeaturesDescriptor,
  RodTypeDescriptor,
  SupportedCommandsDescriptor,
  SupportedRodTokenAndRodTypesDescriptor,
  ThirdPartyCopyDescriptor,
  ThirdPartyCopyVpdPage,
} from './third-party-copy-types.js';
import { VPD_PAGE_HEADER_LENGTH } from './vpd-page-header.js';

const STRUCTURE = 'ThirdPartyCopyVpdPage';

/**
 * The offset of every field of a layout, by name: the reads below take their offsets from the
 * tables through these (a plain number per field: reading through the field entries, width
 * included, measured about 50 ns slower per page).
 */
function offsetsOf<N extends string>(layout: Layout<N>): { readonly [K in N]: number } {
  const o = {} as { [K in N]: number };
  for (const f of layout.fields) o[f.name] = f.offset;
  return o;
}

const LIMITS = offsetsOf(BLOCK_DEVICE_ROD_LIMITS);
const LIMITS_LENGTH = BLOCK_DEVICE_ROD_LIMITS.length;
const VENDOR_SPECIFIC_WIDTH = BLOCK_DEVICE_ROD_LIMITS.field.vendorSpecific.width;
function blockDeviceRodLimits(a: Uint8Array, at: number): BlockDeviceRodLimitsDescriptor {
  const vs = at + LIMITS.vendorSpecific;
  return {
    kind: 'blockDeviceRodLimits',
    vendorSpecific: a.slice(vs, vs + VENDOR_SPECIFIC_WIDTH),
    maximumRangeDescriptors: u16(a, at + LIMITS.maximumRangeDescriptors),
    maximumInactivityTimeout: u32(a, at + LIMITS.maximumInactivityTimeout),
    defaultInactivityTimeout: u32(a, at + LIMITS.defaultInactivityTimeout),
    maximumTokenTransferSize: u64(a, at + LIMITS.maximumTokenTransferSize),
    optimalTransferCount: u64(a, at + LIMITS.optimalTransferCount),
  };
}

const GCO = offsetsOf(GENERAL_COPY_OPERATIONS);
const GCO_LENGTH = GENERAL_COPY_OPERATIONS.length;
function generalCopyOperations(a: Uint8Array, at: number): GeneralCopyOperationsDescriptor {
  return {
    kind: 'generalCopyOperations',
    totalConcurrentCopies: u32(a, at + GCO.totalConcurrentCopies),
    maximumIdentifiedConcurrentCopies: u32(a, at + GCO.maximumIdentifiedConcurrentCopies),
    maximumSegmentLength: u32(a, at + GCO.maximumSegmentLength),
    dataSegmentGranularity: a[at + GCO.dataSegmentGranularity] as number,
    inlineDataGranularity: a[at + GCO.inlineDataGranularity] as number,
  };
}

/** Supported Commands (0001h) of `len` bytes at `at`, or `undefined` if not clean. */
function supportedCommands(a: Uint8Array, at: number, len: number): SupportedCommandsDescriptor | undefined {
  const head = SUPPORTED_COMMANDS.length;
  if (len < head) return undefined;
  const listLength = a[at + SUPPORTED_COMMANDS.field.commandsSupportedListLength.offset] as number;
  // (a list past the descriptor fails this too)
  if (pad4(head + listLength) !== len) return undefined;
  const end = at + head + listLength;
  const commands: CommandSupportDescriptor[] = [];
  let p = at + head;
  while (p < end) {
    if (p + 2 > end) return undefined;
    const operationCode = a[p] as number;
    const k = a[p + 1] as number;
    if (p + 2 + k > end) return undefined;
    const serviceActions = new Array<number>(k);
    for (let i = 0; i < k; i++) serviceActions[i] = a[p + 2 + i] as number;
    commands.push({ operationCode, serviceActions });
    p += 2 + k;
  }
  return { kind: 'supportedCommands', commands };
}

const RTF = offsetsOf(ROD_TOKEN_FEATURES);
const REMOTE_TOKENS = ROD_TOKEN_FEATURES.field.remoteTokens;
const RTF_HEAD = ROD_TOKEN_FEATURES.length;
const REMOTE_TOKENS_SHIFT = REMOTE_TOKENS.lo as number;
const REMOTE_TOKENS_MASK = (1 << ((REMOTE_TOKENS.hi as number) - REMOTE_TOKENS_SHIFT + 1)) - 1;
/**
 * By byte 0 of a ROD device type specific features descriptor (DESCRIPTOR FORMAT 0, PERIPHERAL
 * DEVICE TYPE): its place in the required order, or -1 for a descriptor this codec keeps raw.
 */
const ORDER_BY_BYTE0: readonly number[] = (() => {
  const t = new Array<number>(32).fill(-1);
  for (const [kind, pdt] of Object.entries(ROD_FEATURES_PDT))
    t[pdt] = ROD_FEATURES_ORDER[kind as keyof typeof ROD_FEATURES_PDT];
  return t;
})();

/** ROD Token Features (0106h) of `len` bytes at `at`, or `undefined` if not clean. */
function rodTokenFeatures(a: Uint8Array, at: number, len: number): RodTokenFeaturesDescriptor | undefined {
  if (len < RTF_HEAD) return undefined;
  const listLength = u16(a, at + RTF.rodDeviceTypeSpecificFeaturesDescriptorsLength);
  // (a list that is not whole 48-byte descriptors has one running past it)
  if (pad4(RTF_HEAD + listLength) !== len || listLength % ROD_FEATURES_LENGTH !== 0) return undefined;
  // arrays are made at their final size (an empty array grows to 17 slots on its first push)
  const list = new Array<RodDeviceTypeSpecificFeaturesDescriptor>(listLength / ROD_FEATURES_LENGTH);
  let lastOrder = -1;
  for (let i = 0; i < list.length; i++) {
    // only the three known descriptors, each of its exact length, in order: anything else is not clean
    const p = at + RTF_HEAD + i * ROD_FEATURES_LENGTH;
    const b0 = a[p] as number;
    const order = b0 < ORDER_BY_BYTE0.length ? (ORDER_BY_BYTE0[b0] as number) : -1;
    if (u16(a, p + 2) !== ROD_FEATURES_LENGTH - 4 || order <= lastOrder) return undefined;
    lastOrder = order;
    list[i] = rodFeatures(a, p, b0);
  }
  return {
    kind: 'rodTokenFeatures',
    remoteTokens: ((a[at + RTF.remoteTokens] as number) >> REMOTE_TOKENS_SHIFT) & REMOTE_TOKENS_MASK,
    minimumTokenLifetime: u32(a, at + RTF.minimumTokenLifetime),
    maximumTokenLifetime: u32(a, at + RTF.maximumTokenLifetime),
    maximumTokenInactivityTimeout: u32(a, at + RTF.maximumTokenInactivityTimeout),
    deviceTypeSpecificDescriptors: list,
  };
}

/** A known ROD device type specific features descriptor at `p` (offsets as in third-party-copy-rod.ts). */
function rodFeatures(a: Uint8Array, p: number, pdt: number): RodDeviceTypeSpecificFeaturesDescriptor {
  if (pdt === ROD_FEATURES_PDT.block) {
    return {
      kind: 'block',
      optimalBlockRodLengthGranularity: u16(a, p + 6),
      maximumBytesInBlockRod: u64(a, p + 8),
      optimalBytesInBlockRodTransfer: u64(a, p + 16),
      optimalBytesToTokenPerSegment: u64(a, p + 24),
      optimalBytesFromTokenPerSegment: u64(a, p + 32),
    };
  }
  return pdt === ROD_FEATURES_PDT.stream
    ? { kind: 'stream', maximumBytesInStreamRod: u64(a, p + 8), optimalBytesInStreamRodTransfer: u64(a, p + 16) }
    : {
        kind: 'copyManager',
        maximumBytesInProcessorRod: u64(a, p + 8),
        optimalBytesInProcessorRodTransfer: u64(a, p + 16),
      };
}

const RT = offsetsOf(ROD_TYPE_DESCRIPTOR);
const RT_FLAG = ROD_TYPE_DESCRIPTOR.field;
const RT_LENGTH = ROD_TYPE_DESCRIPTOR.length;
const RT_HEAD = SUPPORTED_ROD_TOKEN_AND_ROD_TYPES.length;
const ECPY_INT = RT_FLAG.ecpyInt.lo as number;
const TOKEN_IN = RT_FLAG.tokenIn.lo as number;
const TOKEN_OUT = RT_FLAG.tokenOut.lo as number;

/** Supported ROD Token and ROD Types (0108h) of `len` bytes at `at`, or `undefined` if not clean. */
function rodTypes(a: Uint8Array, at: number, len: number): SupportedRodTokenAndRodTypesDescriptor | undefined {
  if (len < RT_HEAD) return undefined;
  const n = u16(a, at + SUPPORTED_ROD_TOKEN_AND_ROD_TYPES.field.rodTypeDescriptorsLength.offset);
  if (RT_HEAD + n !== len || n % RT_LENGTH !== 0) return undefined;
  const list = new Array<RodTypeDescriptor>(n / RT_LENGTH);
  let previous = -1;
  let preferenceSum = 0;
  for (let i = 0; i < list.length; i++) {
    const p = at + RT_HEAD + i * RT_LENGTH;
    const flags = a[p + RT.tokenOut] as number;
    const t: RodTypeDescriptor = {
      rodType: u32(a, p + RT.rodType),
      ecpyInt: ((flags >> ECPY_INT) & 1) === 1,
      tokenIn: ((flags >> TOKEN_IN) & 1) === 1,
      tokenOut: ((flags >> TOKEN_OUT) & 1) === 1,
      preferenceIndicator: u16(a, p + RT.preferenceIndicator),
    };
    if (t.rodType <= previous || (t.rodType === BLOCK_DEVICE_ZERO_ROD_TYPE && t.tokenOut)) return undefined;
    previous = t.rodType;
    preferenceSum += t.preferenceIndicator;
    list[i] = t;
  }
  if (preferenceSum !== 0 && preferenceSum !== 0xffff) return undefined;
  return { kind: 'supportedRodTokenAndRodTypes', rodTypes: list };
}

/** The lean reader of a descriptor type (`undefined`: not clean), or `null` when there is none. */
function leanDescriptor(
  a: Uint8Array,
  type: number,
  at: number,
  len: number,
): ThirdPartyCopyDescriptor | undefined | null {
  switch (type) {
    case TPC_DESCRIPTOR_TYPE.BLOCK_DEVICE_ROD_LIMITS:
      return len === LIMITS_LENGTH ? blockDeviceRodLimits(a, at) : undefined;
    case TPC_DESCRIPTOR_TYPE.SUPPORTED_COMMANDS:
      return supportedCommands(a, at, len);
    case TPC_DESCRIPTOR_TYPE.ROD_TOKEN_FEATURES:
      return rodTokenFeatures(a, at, len);
    case TPC_DESCRIPTOR_TYPE.SUPPORTED_ROD_TOKEN_AND_ROD_TYPES:
      return rodTypes(a, at, len);
    case TPC_DESCRIPTOR_TYPE.GENERAL_COPY_OPERATIONS:
      return len === GCO_LENGTH ? generalCopyOperations(a, at) : undefined;
    default:
      return null;
  }
}

/**
 * The page in `a` (a genuine Uint8Array) decoded lenient and untraced, or `undefined` when the
 * reader-based decode would record an issue or throw for it (see the module comment).
 *
 * @internal
 */
export function readPageFast(a: Uint8Array): ThirdPartyCopyVpdPage | undefined {
  if (a.length < VPD_PAGE_HEADER_LENGTH || a[1] !== VPD_PAGE_CODE.THIRD_PARTY_COPY) return undefined;
  const end = VPD_PAGE_HEADER_LENGTH + u16(a, 2);
  if (end > a.length) return undefined;
  const descriptors: ThirdPartyCopyDescriptor[] = [];
  // made for the first descriptor without a lean reader: reads it the reader-based way
  let page: ByteReader | undefined;
  let ctx: TpcDecodeContext | undefined;
  let previousType = -1;
  for (let off = VPD_PAGE_HEADER_LENGTH; off < end; ) {
    const type = u16(a, off);
    const len = 4 + u16(a, off + 2);
    // (a partial header fails the first test too: `len` is at least 4)
    if (off + len > end || type <= previousType) return undefined;
    previousType = type;
    let d = leanDescriptor(a, type, off, len);
    if (d === undefined) return undefined;
    if (d === null) {
      page ??= new ByteReader(a, STRUCTURE, undefined, 0, [], 0, end);
      ctx ??= { lint: false, used: 0 };
      d = readThirdPartyCopyDescriptor(page, off, len, ctx);
    }
    descriptors.push(d);
    off += len;
  }
  const b0 = a[0] as number;
  return page === undefined || page.issues.length === 0
    ? { kind: 'thirdPartyCopy', peripheralQualifier: b0 >> 5, peripheralDeviceType: b0 & 0x1f, descriptors }
    : {
        kind: 'thirdPartyCopy',
        peripheralQualifier: b0 >> 5,
        peripheralDeviceType: b0 & 0x1f,
        descriptors,
        issues: page.issues,
      };
}
