/**
 * Fixtures of the EXTENDED COPY kill tests (`extended-copy*.kill.test.ts`): a LID1 and a LID4
 * list holding every descriptor kind, descriptors at index >= 2, and their bytes written out from
 * the SPC-4 tables (not from the encoder).
 */
import type { ScsiCodecError } from '../../src/errors.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  type CscdDescriptor,
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  type ExtendedCopyLid1ParameterList,
  type ExtendedCopyLid4ParameterList,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  type OtherCscdDescriptor,
  type SegmentDescriptor,
} from '../../src/parameter-list/index.js';
import { h } from '../designation/inhex.js';

export { err } from '../codec-error.js';

export { h };

/** The parts of an error the contract fixes. */
export const parts = (e: ScsiCodecError) => ({
  code: e.code,
  structure: e.structure,
  field: e.field,
  offset: e.offset,
  bit: e.bit,
  detail: e.detail,
  rule: e.rule,
});

export const L1 = 'ExtendedCopyLid1ParameterList';
export const L4 = 'ExtendedCopyLid4ParameterList';

/** `n` bytes counting up from `from`. */
export const seq = (n: number, from: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
export const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export const NAA = h('6001405000000000000000000000abcd');

export const e4: CscdDescriptor = {
  kind: 'identification',
  luIdType: 0,
  peripheralDeviceType: 0,
  relativeInitiatorPortIdentifier: 5,
  designationDescriptor: {
    protocolIdentifier: 0,
    codeSet: 1,
    piv: false,
    association: 0,
    designatorType: 3,
    designator: NAA,
  },
  pad: true,
  fixed: false,
  diskBlockLength: 0x200,
};
export const E4_HEX = `e4 00 0005 01 03 00 10 ${hexOf(NAA)} 00000000 04 000200`;
export const fc0: OtherCscdDescriptor = {
  kind: 'other',
  descriptorTypeCode: 0xe0,
  luIdType: 2,
  nul: true,
  peripheralDeviceType: 0x11,
  relativeInitiatorPortIdentifier: 0x1234,
  cscdParameters: seq(24, 0x40),
  deviceTypeSpecificParameters: seq(4, 0x80),
};
export const FC0_HEX = `e0 b1 1234 ${hexOf(seq(24, 0x40))} 80818283`;
export const ipv6: OtherCscdDescriptor = {
  kind: 'other',
  descriptorTypeCode: 0xea,
  luIdType: 1,
  nul: false,
  peripheralDeviceType: 0x0c,
  relativeInitiatorPortIdentifier: 0xabcd,
  cscdParameters: seq(24, 0x10),
  deviceTypeSpecificParameters: seq(4, 0x30),
  moreParameters: seq(32, 0xa0),
};
export const IPV6_HEX = `ea 4c abcd ${hexOf(seq(24, 0x10))} 30313233 ${hexOf(seq(32, 0xa0))}`;
export const fc1: OtherCscdDescriptor = {
  kind: 'other',
  descriptorTypeCode: 0xe1,
  luIdType: 3,
  nul: true,
  peripheralDeviceType: 0x1f,
  relativeInitiatorPortIdentifier: 0xffff,
  cscdParameters: new Uint8Array(24).fill(0xee),
  deviceTypeSpecificParameters: h('00000200'),
};
export const FC1_HEX = `e1 ff ffff ${'ee'.repeat(24)} 00000200`;

export const oth: SegmentDescriptor = { kind: 'other', descriptorTypeCode: 0x04, byte1: 0xc3, bytes: h('010203') };
export const OTH_HEX = '04 c3 0003 010203';
export const b2bo: SegmentDescriptor = {
  kind: 'blockToBlockWithOffsets',
  cat: true,
  sourceCscdDescriptorId: 3,
  destinationCscdDescriptorId: 4,
  numberOfBytes: 0x01020304,
  sourceBlockDeviceLogicalBlockAddress: 0x0102030405060708n,
  destinationBlockDeviceLogicalBlockAddress: 0x1112131415161718n,
  sourceBlockDeviceByteOffset: 0x0506,
  destinationBlockDeviceByteOffset: 0x0708,
};
export const B2BO_HEX = '0a 01 001c 0003 0004 01020304 0102030405060708 1112131415161718 0506 0708';
export const b2b: SegmentDescriptor = {
  kind: 'blockToBlock',
  dc: true,
  cat: true,
  sourceCscdDescriptorId: 1,
  destinationCscdDescriptorId: 2,
  blockDeviceNumberOfBlocks: 0x0102,
  sourceBlockDeviceLogicalBlockAddress: 0x1122334455667788n,
  destinationBlockDeviceLogicalBlockAddress: 0x99aabbccddeeff00n,
};
export const B2B_HEX = '02 03 0018 0001 0002 0000 0102 1122334455667788 99aabbccddeeff00';
export const oth0: SegmentDescriptor = { kind: 'other', descriptorTypeCode: 0x0b, byte1: 0, bytes: new Uint8Array(0) };
export const OTH0_HEX = '0b 00 0000';

export const cscdDescriptors = [e4, fc0, ipv6, fc1];
export const segmentDescriptors = [oth, b2bo, b2b, oth0];
export const inlineData = h('deadbe');
/** Body offsets, relative to the first CSCD descriptor. */
export const REL = {
  e4: 0,
  fc0: 32,
  ipv6: 64,
  fc1: 128,
  oth: 160,
  b2bo: 167,
  b2b: 199,
  oth0: 227,
  inline: 231,
  end: 234,
};
export const BODY_HEX = [E4_HEX, FC0_HEX, IPV6_HEX, FC1_HEX, OTH_HEX, B2BO_HEX, B2B_HEX, OTH0_HEX, 'deadbe'].join('');

export const LIST1: ExtendedCopyLid1ParameterList = {
  listIdentifier: 0x5a,
  str: true,
  listIdUsage: 2,
  priority: 5,
  cscdDescriptors,
  segmentDescriptors,
  inlineData,
};
export const HEADER1_HEX = '5a 35 00a0 00000000 00000047 00000003';

export const LIST4: ExtendedCopyLid4ParameterList = {
  listFormat: 1,
  str: true,
  listIdUsage: 2,
  priority: 5,
  headerCscdDescriptorListLength: 0x20,
  gSense: true,
  immed: true,
  headerCscdDescriptorTypeCode: 0xff,
  listIdentifier: 0xdeadbeef,
  cscdDescriptors,
  segmentDescriptors,
  inlineData,
};
export const HEADER4_HEX = `01 35 0020 ${'00'.repeat(11)} 03 ff 000000 deadbeef ${'00'.repeat(18)} 00a0 0047 0003`;

export const bytes1 = h(HEADER1_HEX + BODY_HEX);
export const bytes4 = h(HEADER4_HEX + BODY_HEX);

export const FORMATS = [
  {
    name: 'LID1',
    structure: L1,
    start: 16,
    list: LIST1 as ExtendedCopyLid1ParameterList | ExtendedCopyLid4ParameterList,
    bytes: bytes1,
    encode: (l: unknown) => encodeExtendedCopyLid1ParameterList(l as ExtendedCopyLid1ParameterList),
    decode: decodeExtendedCopyLid1ParameterList as (
      b: Uint8Array,
      o?: { strict?: boolean; trace?: TraceEntry[] },
    ) => ExtendedCopyLid1ParameterList | ExtendedCopyLid4ParameterList,
    lengths: { cscd: 2, segments: 8, inline: 12 },
  },
  {
    name: 'LID4',
    structure: L4,
    start: 48,
    list: LIST4 as ExtendedCopyLid1ParameterList | ExtendedCopyLid4ParameterList,
    bytes: bytes4,
    encode: (l: unknown) => encodeExtendedCopyLid4ParameterList(l as ExtendedCopyLid4ParameterList),
    decode: decodeExtendedCopyLid4ParameterList as (
      b: Uint8Array,
      o?: { strict?: boolean; trace?: TraceEntry[] },
    ) => ExtendedCopyLid1ParameterList | ExtendedCopyLid4ParameterList,
    lengths: { cscd: 42, segments: 44, inline: 46 },
  },
] as const;

/** A copy of `b` with byte `at` set to `v`. */
export const withByte = (b: Uint8Array, at: number, v: number) => {
  const c = b.slice();
  c[at] = v;
  return c;
};
