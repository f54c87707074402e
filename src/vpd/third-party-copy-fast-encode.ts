/**
 * The lean encode path of the Third-party Copy VPD page (8Fh): the page's size computed once, one
 * buffer, every field checked and stored by index, without a {@link ByteWriter} per descriptor.
 *
 * It makes no error of its own: on any value the writer-based encode (third-party-copy.ts) would
 * reject, and on anything it does not handle, {@link encodePageFast} returns `undefined` and the
 * caller encodes the page the writer-based way, which throws with the exact structure, field and
 * offset. Descriptor kinds without a lean writer here are written the writer-based way into the
 * same buffer. The bytes are the writer-based encode's (checked by test/vpd/fast-encode.test.ts on
 * random and damaged values).
 *
 * @see SPC-5, "Third-party Copy VPD page" table; SBC-4, "Block Device ROD Limits descriptor"
 * @internal
 */
import { TPC_DESCRIPTOR_TYPE, VPD_PAGE_CODE } from '../constants/vpd.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { asUint8Array } from '../internal/contract.js';
import type { Layout } from '../internal/layout.js';
import { pad4 } from './third-party-copy-codec.js';
import {
  encodedThirdPartyCopyDescriptorLength,
  writeThirdPartyCopyDescriptor,
} from './third-party-copy-descriptors.js';
import {
  BLOCK_DEVICE_ROD_LIMITS,
  GENERAL_COPY_OPERATIONS,
  ROD_TOKEN_FEATURES,
  ROD_TYPE_DESCRIPTOR,
  SUPPORTED_COMMANDS,
  SUPPORTED_ROD_TOKEN_AND_ROD_TYPES,
} from './third-party-copy-layouts.js';
import { ROD_FEATURES_LENGTH, ROD_FEATURES_PDT } from './third-party-copy-rod.js';
import type {
  BlockDeviceRodLimitsDescriptor,
  GeneralCopyOperationsDescriptor,
  RodDeviceTypeSpecificFeaturesDescriptor,
  RodTokenFeaturesDescriptor,
  SupportedCommandsDescriptor,
  SupportedRodTokenAndRodTypesDescriptor,
  ThirdPartyCopyDescriptor,
  ThirdPartyCopyVpdPage,
} from './third-party-copy-types.js';
import { VPD_MAX_PAGE_LENGTH, VPD_PAGE_HEADER_LENGTH } from './vpd-page-header.js';

const STRUCTURE = 'ThirdPartyCopyVpdPage';
const U64_MAX = (1n << 64n) - 1n;

// Checks (never running the caller's code: `typeof` first) and big-endian stores by index.
const isU8 = (v: unknown): v is number => typeof v === 'number' && (v & 0xff) === v;
const isU16 = (v: unknown): v is number => typeof v === 'number' && (v & 0xffff) === v;
const isU32 = (v: unknown): v is number => typeof v === 'number' && v >>> 0 === v;
const isU64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
const isFlag = (v: unknown): v is boolean => typeof v === 'boolean';

function put16(b: Uint8Array, i: number, v: number): void {
  b[i] = v >>> 8;
  b[i + 1] = v;
}
function put32(b: Uint8Array, i: number, v: number): void {
  b[i] = v >>> 24;
  b[i + 1] = v >>> 16;
  b[i + 2] = v >>> 8;
  b[i + 3] = v;
}
/** Eight bytes for the u64 values of 2^32 and more. */
const SCRATCH = new DataView(new ArrayBuffer(8));
/** Store a checked u64 into a zeroed buffer. */
function put64(b: Uint8Array, i: number, v: bigint): void {
  if (v <= 0xffff_ffffn) {
    put32(b, i + 4, Number(v));
    return;
  }
  SCRATCH.setBigUint64(0, v);
  put32(b, i, SCRATCH.getUint32(0));
  put32(b, i + 4, SCRATCH.getUint32(4));
}

/** The offset of every field of a layout, by name (see third-party-copy-fast-decode.ts). */
function offsetsOf<N extends string>(layout: Layout<N>): { readonly [K in N]: number } {
  const o = {} as { [K in N]: number };
  for (const f of layout.fields) o[f.name] = f.offset;
  return o;
}

const LIMITS = offsetsOf(BLOCK_DEVICE_ROD_LIMITS);
const VENDOR_SPECIFIC_WIDTH = BLOCK_DEVICE_ROD_LIMITS.field.vendorSpecific.width;
/** Write a Block Device ROD Limits descriptor's fields at `at`; false if a value is not valid. */
function blockDeviceRodLimits(b: Uint8Array, at: number, d: BlockDeviceRodLimitsDescriptor): boolean {
  const vs = asUint8Array(d.vendorSpecific);
  const { maximumRangeDescriptors: mrd, maximumInactivityTimeout: mit, defaultInactivityTimeout: dit } = d;
  const { maximumTokenTransferSize: mtts, optimalTransferCount: otc } = d;
  if (vs === undefined || vs.length !== VENDOR_SPECIFIC_WIDTH || !isU16(mrd) || !isU32(mit) || !isU32(dit)) {
    return false;
  }
  if (!isU64(mtts) || !isU64(otc)) return false;
  b.set(vs, at + LIMITS.vendorSpecific);
  put16(b, at + LIMITS.maximumRangeDescriptors, mrd);
  put32(b, at + LIMITS.maximumInactivityTimeout, mit);
  put32(b, at + LIMITS.defaultInactivityTimeout, dit);
  put64(b, at + LIMITS.maximumTokenTransferSize, mtts);
  put64(b, at + LIMITS.optimalTransferCount, otc);
  return true;
}

const GCO = offsetsOf(GENERAL_COPY_OPERATIONS);
function generalCopyOperations(b: Uint8Array, at: number, d: GeneralCopyOperationsDescriptor): boolean {
  const { totalConcurrentCopies: tcc, maximumIdentifiedConcurrentCopies: micc, maximumSegmentLength: msl } = d;
  const { dataSegmentGranularity: dsg, inlineDataGranularity: idg } = d;
  if (!isU32(tcc) || !isU32(micc) || !isU32(msl) || !isU8(dsg) || !isU8(idg)) return false;
  put32(b, at + GCO.totalConcurrentCopies, tcc);
  put32(b, at + GCO.maximumIdentifiedConcurrentCopies, micc);
  put32(b, at + GCO.maximumSegmentLength, msl);
  b[at + GCO.dataSegmentGranularity] = dsg;
  b[at + GCO.inlineDataGranularity] = idg;
  return true;
}

const SC_HEAD = SUPPORTED_COMMANDS.length;
const SC_LIST_LENGTH = SUPPORTED_COMMANDS.field.commandsSupportedListLength.offset;
/** COMMANDS SUPPORTED LIST LENGTH of a Supported Commands descriptor, or -1 if its shape is not valid. */
function commandsListLength(d: SupportedCommandsDescriptor): number {
  const commands = d.commands;
  if (!Array.isArray(commands) || commands.length > 0xff) return -1;
  let n = 0;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (typeof c !== 'object' || c === null) return -1;
    const sa = c.serviceActions;
    if (!Array.isArray(sa) || sa.length > 0xff) return -1;
    n += 2 + sa.length;
  }
  return n > 0xff ? -1 : n;
}
/** Write a Supported Commands descriptor's list of `listLength` bytes at `at`; false if a value is not valid. */
function supportedCommands(b: Uint8Array, at: number, d: SupportedCommandsDescriptor, listLength: number): boolean {
  b[at + SC_LIST_LENGTH] = listLength;
  const commands = d.commands;
  let p = at + SC_HEAD;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i] as SupportedCommandsDescriptor['commands'][number];
    const op = c.operationCode;
    const sa = c.serviceActions;
    if (!isU8(op)) return false;
    b[p] = op;
    b[p + 1] = sa.length;
    for (let k = 0; k < sa.length; k++) {
      const v = sa[k];
      if (!isU8(v)) return false;
      b[p + 2 + k] = v;
    }
    p += 2 + sa.length;
  }
  // the list must not have changed since its length was taken
  return p === at + SC_HEAD + listLength;
}

const RTF = offsetsOf(ROD_TOKEN_FEATURES);
const RTF_HEAD = ROD_TOKEN_FEATURES.length;
const REMOTE_TOKENS = ROD_TOKEN_FEATURES.field.remoteTokens;
const REMOTE_TOKENS_SHIFT = REMOTE_TOKENS.lo as number;
const REMOTE_TOKENS_MAX = (1 << ((REMOTE_TOKENS.hi as number) - REMOTE_TOKENS_SHIFT + 1)) - 1;
/** Number of ROD device type specific descriptors, or -1 if one is not of a known kind (or the list not valid). */
function rodFeaturesCount(d: RodTokenFeaturesDescriptor): number {
  const list = d.deviceTypeSpecificDescriptors;
  if (!Array.isArray(list) || list.length * ROD_FEATURES_LENGTH > 0xffff) return -1;
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== 'object' || x === null) return -1;
    const k = x.kind;
    if (k !== 'block' && k !== 'stream' && k !== 'copyManager') return -1;
  }
  return list.length;
}
function rodTokenFeatures(b: Uint8Array, at: number, d: RodTokenFeaturesDescriptor, n: number): boolean {
  const { remoteTokens: rt, minimumTokenLifetime: min, maximumTokenLifetime: max } = d;
  const mtit = d.maximumTokenInactivityTimeout;
  if (!isU8(rt) || rt > REMOTE_TOKENS_MAX || !isU32(min) || !isU32(max) || !isU32(mtit)) {
    return false;
  }
  b[at + RTF.remoteTokens] = rt << REMOTE_TOKENS_SHIFT;
  put32(b, at + RTF.minimumTokenLifetime, min);
  put32(b, at + RTF.maximumTokenLifetime, max);
  put32(b, at + RTF.maximumTokenInactivityTimeout, mtit);
  put16(b, at + RTF.rodDeviceTypeSpecificFeaturesDescriptorsLength, n * ROD_FEATURES_LENGTH);
  const list = d.deviceTypeSpecificDescriptors;
  if (list.length !== n) return false;
  for (let i = 0; i < n; i++) {
    if (!rodFeatures(b, at + RTF_HEAD + i * ROD_FEATURES_LENGTH, list[i] as RodDeviceTypeSpecificFeaturesDescriptor)) {
      return false;
    }
  }
  return true;
}
/** A known ROD device type specific features descriptor at `p` (offsets as in third-party-copy-rod.ts). */
function rodFeatures(b: Uint8Array, p: number, x: RodDeviceTypeSpecificFeaturesDescriptor): boolean {
  put16(b, p + 2, ROD_FEATURES_LENGTH - 4);
  if (x.kind === 'block') {
    const g = x.optimalBlockRodLengthGranularity;
    const { maximumBytesInBlockRod: m, optimalBytesInBlockRodTransfer: o } = x;
    const { optimalBytesToTokenPerSegment: to, optimalBytesFromTokenPerSegment: from } = x;
    if (!isU16(g) || !isU64(m) || !isU64(o) || !isU64(to) || !isU64(from)) return false;
    b[p] = ROD_FEATURES_PDT.block;
    put16(b, p + 6, g);
    put64(b, p + 8, m);
    put64(b, p + 16, o);
    put64(b, p + 24, to);
    put64(b, p + 32, from);
    return true;
  }
  const stream = x.kind === 'stream';
  if (!stream && x.kind !== 'copyManager') return false;
  const m = stream ? x.maximumBytesInStreamRod : x.maximumBytesInProcessorRod;
  const o = stream ? x.optimalBytesInStreamRodTransfer : x.optimalBytesInProcessorRodTransfer;
  if (!isU64(m) || !isU64(o)) return false;
  b[p] = stream ? ROD_FEATURES_PDT.stream : ROD_FEATURES_PDT.copyManager;
  put64(b, p + 8, m);
  put64(b, p + 16, o);
  return true;
}

const RT = offsetsOf(ROD_TYPE_DESCRIPTOR);
const RT_FLAG = ROD_TYPE_DESCRIPTOR.field;
const RT_LENGTH = ROD_TYPE_DESCRIPTOR.length;
const RT_HEAD = SUPPORTED_ROD_TOKEN_AND_ROD_TYPES.length;
const RT_LIST_LENGTH = SUPPORTED_ROD_TOKEN_AND_ROD_TYPES.field.rodTypeDescriptorsLength.offset;
/** Number of ROD type descriptors, or -1 if the list is not valid. */
function rodTypesCount(d: SupportedRodTokenAndRodTypesDescriptor): number {
  const list = d.rodTypes;
  if (!Array.isArray(list) || list.length * RT_LENGTH > 0xffff) return -1;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (typeof t !== 'object' || t === null) return -1;
  }
  return list.length;
}
function rodTypes(b: Uint8Array, at: number, d: SupportedRodTokenAndRodTypesDescriptor, n: number): boolean {
  const list = d.rodTypes;
  if (list.length !== n) return false;
  put16(b, at + RT_LIST_LENGTH, n * RT_LENGTH);
  for (let i = 0; i < n; i++) {
    const t = list[i] as SupportedRodTokenAndRodTypesDescriptor['rodTypes'][number];
    const { rodType, ecpyInt, tokenIn, tokenOut, preferenceIndicator: pi } = t;
    if (!isU32(rodType) || !isFlag(ecpyInt) || !isFlag(tokenIn) || !isFlag(tokenOut) || !isU16(pi)) return false;
    const p = at + RT_HEAD + i * RT_LENGTH;
    put32(b, p + RT.rodType, rodType);
    b[p + RT.tokenOut] =
      ((ecpyInt ? 1 : 0) << (RT_FLAG.ecpyInt.lo as number)) |
      ((tokenIn ? 1 : 0) << (RT_FLAG.tokenIn.lo as number)) |
      ((tokenOut ? 1 : 0) << (RT_FLAG.tokenOut.lo as number));
    put16(b, p + RT.preferenceIndicator, pi);
  }
  return true;
}

/** Not one of the kinds written here: the writer-based way writes it. */
const OTHER = -1;
/** A value the writer-based encode rejects. */
const INVALID = -2;

/** Encoded length of a descriptor of a kind written here, else {@link OTHER} or {@link INVALID}. */
function leanLength(d: ThirdPartyCopyDescriptor): number {
  switch (d.kind) {
    case 'blockDeviceRodLimits':
      return BLOCK_DEVICE_ROD_LIMITS.length;
    case 'generalCopyOperations':
      return GENERAL_COPY_OPERATIONS.length;
    case 'supportedCommands': {
      const n = commandsListLength(d);
      return n < 0 ? INVALID : pad4(SC_HEAD + n);
    }
    case 'rodTokenFeatures': {
      const n = rodFeaturesCount(d);
      const len = RTF_HEAD + n * ROD_FEATURES_LENGTH;
      return n < 0 ? OTHER : len - 4 > 0xffff ? INVALID : len;
    }
    case 'supportedRodTokenAndRodTypes': {
      const n = rodTypesCount(d);
      return n < 0 ? INVALID : RT_HEAD + n * RT_LENGTH;
    }
    default:
      return OTHER;
  }
}

/** Write a descriptor of a kind written here, `len` bytes at `at` (header included); false if a value is not valid. */
function writeLean(b: Uint8Array, at: number, d: ThirdPartyCopyDescriptor, len: number): boolean {
  put16(b, at + 2, len - 4);
  switch (d.kind) {
    case 'blockDeviceRodLimits':
      put16(b, at, TPC_DESCRIPTOR_TYPE.BLOCK_DEVICE_ROD_LIMITS);
      return blockDeviceRodLimits(b, at, d);
    case 'generalCopyOperations':
      put16(b, at, TPC_DESCRIPTOR_TYPE.GENERAL_COPY_OPERATIONS);
      return generalCopyOperations(b, at, d);
    case 'supportedCommands': {
      put16(b, at, TPC_DESCRIPTOR_TYPE.SUPPORTED_COMMANDS);
      const n = commandsListLength(d);
      return n >= 0 && pad4(SC_HEAD + n) === len && supportedCommands(b, at, d, n);
    }
    case 'rodTokenFeatures':
      put16(b, at, TPC_DESCRIPTOR_TYPE.ROD_TOKEN_FEATURES);
      return rodTokenFeatures(b, at, d, (len - RTF_HEAD) / ROD_FEATURES_LENGTH);
    case 'supportedRodTokenAndRodTypes':
      put16(b, at, TPC_DESCRIPTOR_TYPE.SUPPORTED_ROD_TOKEN_AND_ROD_TYPES);
      return rodTypes(b, at, d, (len - RT_HEAD) / RT_LENGTH);
    default:
      return false;
  }
}

/**
 * The encoded page, or `undefined` when the writer-based encode would throw for it or a value
 * is not a plain one (see the module comment).
 *
 * @internal
 */
export function encodePageFast(page: ThirdPartyCopyVpdPage): Uint8Array<ArrayBuffer> | undefined {
  try {
    return encode(page);
  } catch {
    // the caller's code (a getter, a Proxy trap) threw: the writer-based encode reports it
    return undefined;
  }
}

function encode(page: ThirdPartyCopyVpdPage): Uint8Array<ArrayBuffer> | undefined {
  if (typeof page !== 'object' || page === null) return undefined;
  const { peripheralQualifier: pq, peripheralDeviceType: pdt, descriptors: ds } = page;
  if (typeof pq !== 'number' || (pq & 0x07) !== pq || typeof pdt !== 'number' || (pdt & 0x1f) !== pdt) return undefined;
  if (!Array.isArray(ds) || ds.length > VPD_MAX_PAGE_LENGTH) return undefined;
  let total = VPD_PAGE_HEADER_LENGTH;
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i];
    if (typeof d !== 'object' || d === null) return undefined;
    const n = leanLength(d);
    if (n === INVALID) return undefined;
    total += n === OTHER ? encodedThirdPartyCopyDescriptorLength(d) : n;
  }
  if (total - VPD_PAGE_HEADER_LENGTH > VPD_MAX_PAGE_LENGTH) return undefined;
  const b = new Uint8Array(total);
  b[0] = (pq << 5) | pdt;
  b[1] = VPD_PAGE_CODE.THIRD_PARTY_COPY;
  put16(b, 2, total - VPD_PAGE_HEADER_LENGTH);
  let w: ByteWriter | undefined;
  let off = VPD_PAGE_HEADER_LENGTH;
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i] as ThirdPartyCopyDescriptor;
    let n = leanLength(d);
    if (n === INVALID) return undefined;
    if (n !== OTHER) {
      if (off + n > total || !writeLean(b, off, d, n)) return undefined;
    } else {
      n = encodedThirdPartyCopyDescriptorLength(d);
      if (off + n > total) return undefined;
      w ??= new ByteWriter(b, STRUCTURE);
      writeThirdPartyCopyDescriptor(w, off, d, n);
    }
    off += n;
  }
  // nothing changed size since the sizes were taken
  return off === total ? b : undefined;
}
