/**
 * Third-party copy descriptors about ROD tokens: ROD Token Features (0106h) with its ROD device
 * type specific features descriptors, and Supported ROD Token and ROD Types (0108h).
 *
 * @see SPC-5, "ROD token features third-party copy descriptor"; SPC-5, "Supported ROD token and ROD types third-party copy descriptor"
 * @internal
 */
import { BLOCK_DEVICE_ZERO_ROD_TYPE, TPC_DESCRIPTOR_TYPE } from '../constants/vpd.js';
import { type ByteReader, hex } from '../internal/byte-reader.js';
import { type ByteWriter, byteFieldLength, unknownVariant } from '../internal/byte-writer.js';
import { objectList, ownEntry } from '../internal/contract.js';
import { type DescriptorCodec, reserved, reservedBytes, type TpcDecodeContext } from './third-party-copy-codec.js';
import type {
  RodDeviceTypeSpecificFeaturesDescriptor,
  RodTokenFeaturesDescriptor,
  RodTypeDescriptor,
  SupportedRodTokenAndRodTypesDescriptor,
} from './third-party-copy-types.js';

/** ROD device type specific features descriptor length (48 bytes, DESCRIPTOR LENGTH 002Ch). */
export const ROD_FEATURES_LENGTH = 48;

/** PERIPHERAL DEVICE TYPE of each known ROD device type specific features descriptor. */
export const ROD_FEATURES_PDT = { block: 0x00, stream: 0x01, copyManager: 0x03 } as const;

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

/**
 * One ROD device type specific descriptor: `len` bytes at `at` of `r` (header included). `r` spans
 * exactly it (`at` 0), except for a known descriptor of the right length read lenient, untraced
 * and without lint, which is read in place from its parent's reader.
 */
function readRodFeatures(
  r: ByteReader,
  ctx: TpcDecodeContext,
  at: number,
  len: number,
): RodDeviceTypeSpecificFeaturesDescriptor {
  // traced here, so a dump shows it under this descriptor
  r.u16(at + 2, 'descriptorLength');
  const descriptorFormat = r.bits(at, 7, 5, 'descriptorFormat');
  const peripheralDeviceType = r.bits(at, 4, 0, 'peripheralDeviceType');
  if (!knownRodFeatures(descriptorFormat, peripheralDeviceType, len)) {
    return {
      kind: 'unknown',
      descriptorFormat,
      peripheralDeviceType,
      byte1: r.u8(at + 1, 'byte1'),
      bytes: r.bytes(at + 4, len - 4, 'raw'),
    };
  }
  reservedBytes(ctx, r, at + 1, 1);
  if (peripheralDeviceType === 0x00) {
    reservedBytes(ctx, r, at + 4, 2);
    reservedBytes(ctx, r, at + 40, 8);
    return {
      kind: 'block',
      optimalBlockRodLengthGranularity: r.u16(at + 6, 'optimalBlockRodLengthGranularity'),
      maximumBytesInBlockRod: r.u64(at + 8, 'maximumBytesInBlockRod'),
      optimalBytesInBlockRodTransfer: r.u64(at + 16, 'optimalBytesInBlockRodTransfer'),
      optimalBytesToTokenPerSegment: r.u64(at + 24, 'optimalBytesToTokenPerSegment'),
      optimalBytesFromTokenPerSegment: r.u64(at + 32, 'optimalBytesFromTokenPerSegment'),
    };
  }
  reservedBytes(ctx, r, at + 4, 4);
  reservedBytes(ctx, r, at + 24, 24);
  if (peripheralDeviceType === 0x01) {
    return {
      kind: 'stream',
      maximumBytesInStreamRod: r.u64(at + 8, 'maximumBytesInStreamRod'),
      optimalBytesInStreamRodTransfer: r.u64(at + 16, 'optimalBytesInStreamRodTransfer'),
    };
  }
  return {
    kind: 'copyManager',
    maximumBytesInProcessorRod: r.u64(at + 8, 'maximumBytesInProcessorRod'),
    optimalBytesInProcessorRodTransfer: r.u64(at + 16, 'optimalBytesInProcessorRodTransfer'),
  };
}

/** A ROD device type specific descriptor this codec decodes (else it is kept raw). */
function knownRodFeatures(format: number, pdt: number, len: number): boolean {
  return format === 0 && len === ROD_FEATURES_LENGTH && (pdt === 0x00 || pdt === 0x01 || pdt === 0x03);
}

/** The order SPC-5 gives the ROD device type specific features descriptors (unknown ones are not ordered). */
export const ROD_FEATURES_ORDER = { block: 0, stream: 1, copyManager: 2, unknown: 3 } as const;

export const rodTokenFeatures: DescriptorCodec<RodTokenFeaturesDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.ROD_TOKEN_FEATURES,
  name: 'RodTokenFeaturesDescriptor',
  minContent: 44,
  fixed: false,
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
      let len = 4 + r.u16(off + 2);
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
      // in place when reading it can neither fail, record an issue nor trace
      const x =
        knownRodFeatures(format, pdt, len) && !ctx.lint && !r.strict && r.trace === undefined
          ? readRodFeatures(r, ctx, off, len)
          : readRodFeatures(r.sub(off, len, 'RodDeviceTypeSpecificFeaturesDescriptor'), ctx, 0, len);
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
    ctx.used = 44 + listLength;
    return {
      kind: 'rodTokenFeatures',
      remoteTokens: r.bits(4, 3, 0, 'remoteTokens'),
      minimumTokenLifetime: r.u32(16, 'minimumTokenLifetime'),
      maximumTokenLifetime: r.u32(20, 'maximumTokenLifetime'),
      maximumTokenInactivityTimeout: r.u32(24, 'maximumTokenInactivityTimeout'),
      deviceTypeSpecificDescriptors: list,
    };
  },
};

/** Bytes in one ROD type descriptor. */
const ROD_TYPE_DESCRIPTOR_LENGTH = 64;

export const supportedRodTokenAndRodTypes: DescriptorCodec<SupportedRodTokenAndRodTypesDescriptor> = {
  type: TPC_DESCRIPTOR_TYPE.SUPPORTED_ROD_TOKEN_AND_ROD_TYPES,
  name: 'SupportedRodTokenAndRodTypesDescriptor',
  minContent: 4,
  fixed: false,
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
    ctx.used = 4 + n;
    return { kind: 'supportedRodTokenAndRodTypes', rodTypes };
  },
};
