/**
 * Field-by-field comparison of a ROD token we decoded with what `ddptctl --info --rtf` printed
 * (shared by rod-tokens.interop.ts and the copy manager's interop test).
 */
import type { RodToken } from '../../src/rod-token/index.js';
import { rodTypeName } from '../../src/rod-token/index.js';
import { compareDesignatorText } from './compare-designator.js';
import { normRodTypeName } from './compare-vpd-tpc.js';
import type { Comparison } from './harness.js';
import type { ParsedRodToken } from './oracles/ddptctl.js';

const LBPPBE_NOTE =
  'spec 6.4 / 10.14: ddptctl reads LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT from token byte 102 bits 3:0; RC16 byte 13 = token byte 101 bits 3:0';
const CREATOR_LEN_NOTE =
  'ddptctl decodes the creator designator with the length byte 23 even when it exceeds the 20-byte field (reads into bytes 44+)';

const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u64 = (b: Uint8Array, o: number) => (BigInt(u32(b, o)) << 32n) | BigInt(u32(b, o + 4));

/** ddptctl's classification of a ROD type (rod_type_str). */
function ddptName(t: number): string {
  if (t >= 0xffff_fff0) return 'vendor specific';
  const known: Record<number, string> = {
    0: 'copy manager internal',
    65536: 'access upon reference',
    8388608: 'point in time copy - default',
    8388609: 'point in time copy - change vulnerable',
    8388610: 'point in time copy - persistent',
    8388611: 'point in time copy - copy on write',
    8454143: 'point in time copy - any',
    4294901761: 'block device zero',
  };
  return known[t] ?? (t >= 0xff00_0000 ? 'device type specific' : 'reserved');
}

export function compareToken(c: Comparison, ours: RodToken, bytes: Uint8Array, o: ParsedRodToken): void {
  c.unparsed(o.unparsed);
  c.eq('rodType', ours.rodType, o.rodType);
  // our name vs ddptctl's: same text for named types, same class ("vendor specific (0x...)" vs "vendor specific") otherwise
  c.eq('rodTypeName', normRodTypeName(rodTypeName(ours.rodType)).replace(/ \(0x[0-9a-f]+\)$/, ''), o.rodTypeName);
  c.eq('rodTypeName (ddptctl table)', ddptName(ours.rodType), o.rodTypeName);
  const vendor = ours.rodType >= 0xffff_fff0;
  c.eq('vendor specific note', vendor, o.vendorNote);
  const rtl = ours.rodTokenLength ?? 0x1f8;
  const lengthOk = rtl >= 0x1f8 || vendor;
  c.eq('rodTokenLength >= 01F8h (decode goes on)', lengthOk, o.copyManagerRodTokenIdentifier !== undefined);
  if (!lengthOk) return;
  // bytes 8-15 for every format (opaque and zero tokens: from our body / reserved data)
  const cmId =
    ours.kind === 'generic'
      ? ours.copyManagerRodTokenIdentifier
      : ours.kind === 'opaque'
        ? u64(bytes, 8)
        : ours.reservedData === undefined
          ? 0n
          : u64(ours.reservedData, 0);
  c.eq('copyManagerRodTokenIdentifier', cmId.toString(16).padStart(16, '0'), o.copyManagerRodTokenIdentifier);
  const e4 = bytes[16] === 0xe4;
  c.eq('creator descriptor E4h (decode goes on)', e4 || vendor, o.creator?.peripheralDeviceType !== undefined);
  if (ours.kind !== 'generic') return; // opaque body / zero token: nothing more that we decode
  const cr = ours.creatorLogicalUnitDescriptor;
  if (!e4 || cr === undefined) return;
  c.eq('creator.peripheralDeviceType', cr.peripheralDeviceType, o.creator?.peripheralDeviceType);
  c.eq(
    'creator.relativeInitiatorPortIdentifier',
    cr.relativeInitiatorPortIdentifier,
    o.creator?.relativeInitiatorPortIdentifier,
  );
  const dd = cr.designationDescriptor;
  if (dd.designatorType === 2 || dd.designatorType === 3) {
    const od = o.creator?.designator;
    c.eq('creator.designator printed', true, od !== undefined);
    if (od !== undefined) {
      if (bytes[23]! > 20) c.exclude('creator.designator', CREATOR_LEN_NOTE);
      else compareDesignatorText(c, 'creator.designationDescriptor', dd, od);
    }
  } else {
    c.eq('creator.designatorType (unexpected)', dd.designatorType, o.creator?.unexpectedDesignatorType);
  }
  // NUMBER OF BYTES REPRESENTED, ddptctl's view of bytes 48-63
  const n = ours.numberOfBytesRepresented;
  const hi = n >> 64n;
  const lo = n & ((1n << 64n) - 1n);
  const top = bytes[48]!;
  const expectedN =
    hi === 0n
      ? { kind: 'value', value: lo }
      : top !== 0 && top !== 0xff
        ? { kind: 'huge' }
        : hi === (top === 0xff ? (1n << 64n) - 1n : 0n)
          ? lo === (1n << 64n) - 1n
            ? { kind: 'unknown' }
            : { kind: 'strange' }
          : { kind: 'huge2' };
  c.eq('numberOfBytesRepresented (ddptctl class)', expectedN.kind, o.bytesRepresented?.kind);
  if (expectedN.kind === 'value' && o.bytesRepresented?.kind === 'value') {
    c.eq('numberOfBytesRepresented', n, o.bytesRepresented.value);
  }
  // DEVICE TYPE SPECIFIC DATA, read by ddptctl as block device data (RC16 subset)
  const d = ours.deviceTypeSpecificData;
  const blk =
    d.kind === 'blockDevice'
      ? d
      : {
          logicalBlockLength: u32(d.bytes, 0),
          protEn: (d.bytes[4]! & 1) === 1,
          pType: (d.bytes[4]! >> 1) & 7,
          pIExponent: d.bytes[5]! >> 4,
          logicalBlocksPerPhysicalBlockExponent: d.bytes[5]! & 0xf,
          lbpme: (d.bytes[6]! & 0x80) !== 0,
          lbprz: (d.bytes[6]! & 0x40) !== 0,
          lowestAlignedLogicalBlockAddress: u16(d.bytes, 6) & 0x3fff,
        };
  const p = `deviceTypeSpecificData(${d.kind})`;
  c.eq(`${p}.logicalBlockLength === 0 (skipped)`, blk.logicalBlockLength === 0, o.blockSizeZero === true);
  if (blk.logicalBlockLength !== 0) {
    const b = o.block;
    c.eq(`${p}.logicalBlockLength`, blk.logicalBlockLength, b?.blockSize);
    c.eq(`${p}.protEn`, blk.protEn, b?.protEn);
    c.eq(`${p}.pType`, blk.pType, b?.pType);
    c.eq(`${p}.protection type note`, blk.protEn ? blk.pType + 1 : undefined, b?.protectionTypeNote);
    c.eq(`${p}.pIExponent`, blk.pIExponent, b?.pIExponent);
    c.eq(`${p}.lbpme`, blk.lbpme, b?.lbpme);
    c.eq(`${p}.lbprz`, blk.lbprz, b?.lbprz);
    c.exclude(`${p}.logicalBlocksPerPhysicalBlockExponent`, LBPPBE_NOTE);
    // pin what ddptctl does read instead: token byte 102 bits 3:0
    c.eq(`${p}.ddptctl "LBPPBE" = token byte 102 bits 3:0`, bytes[102]! & 0xf, b?.lbppbe);
    c.eq(`${p}.lowestAlignedLogicalBlockAddress`, blk.lowestAlignedLogicalBlockAddress, b?.lowestAlignedLba);
  }
  const td = ours.targetDeviceDescriptor;
  if ([2, 3, 8].includes(td.designatorType)) {
    c.eq('targetDeviceDescriptor printed', true, o.targetDevice !== undefined);
    if (o.targetDevice !== undefined) {
      compareDesignatorText(c, 'targetDeviceDescriptor', td, o.targetDevice);
    }
  } else {
    c.eq('targetDeviceDescriptor.designatorType (unexpected)', td.designatorType, o.targetDeviceUnexpectedType);
  }
}
