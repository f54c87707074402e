/**
 * Kill tests for the EXTENDED COPY (LID1 and LID4) parameter-list codec (issue 17, mutation
 * testing): a hand-built list of every descriptor kind with descriptors at index >= 2 (so each
 * `off + n` and running offset is pinned), its bytes written out from the SPC-4 tables, its trace,
 * and every decoder and encoder error with its code, structure, field, absolute offset, bit and
 * text, at each limit and one past it. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  type CscdDescriptor,
  cscdDescriptorLength,
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  type ExtendedCopyLid1ParameterList,
  type ExtendedCopyLid4ParameterList,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  type OtherCscdDescriptor,
  type SegmentDescriptor,
} from '../../src/parameter-list/index.js';
import { decodeIdentificationDescriptorCscd } from '../../src/rod-token/index.js';
import { h } from '../designation/inhex.js';

/** The `ScsiCodecError` `fn` throws; fails if it throws anything else or nothing. */
function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}

/** The parts of an error the contract fixes. */
const parts = (e: ScsiCodecError) => ({
  code: e.code,
  structure: e.structure,
  field: e.field,
  offset: e.offset,
  bit: e.bit,
  detail: e.detail,
  rule: e.rule,
});

const L1 = 'ExtendedCopyLid1ParameterList';
const L4 = 'ExtendedCopyLid4ParameterList';

/** `n` bytes counting up from `from`. */
const seq = (n: number, from: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

const NAA = h('6001405000000000000000000000abcd');

const e4: CscdDescriptor = {
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
const E4_HEX = `e4 00 0005 01 03 00 10 ${hexOf(NAA)} 00000000 04 000200`;
const fc0: OtherCscdDescriptor = {
  kind: 'other',
  descriptorTypeCode: 0xe0,
  luIdType: 2,
  nul: true,
  peripheralDeviceType: 0x11,
  relativeInitiatorPortIdentifier: 0x1234,
  cscdParameters: seq(24, 0x40),
  deviceTypeSpecificParameters: seq(4, 0x80),
};
const FC0_HEX = `e0 b1 1234 ${hexOf(seq(24, 0x40))} 80818283`;
const ipv6: OtherCscdDescriptor = {
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
const IPV6_HEX = `ea 4c abcd ${hexOf(seq(24, 0x10))} 30313233 ${hexOf(seq(32, 0xa0))}`;
const fc1: OtherCscdDescriptor = {
  kind: 'other',
  descriptorTypeCode: 0xe1,
  luIdType: 3,
  nul: true,
  peripheralDeviceType: 0x1f,
  relativeInitiatorPortIdentifier: 0xffff,
  cscdParameters: new Uint8Array(24).fill(0xee),
  deviceTypeSpecificParameters: h('00000200'),
};
const FC1_HEX = `e1 ff ffff ${'ee'.repeat(24)} 00000200`;

const oth: SegmentDescriptor = { kind: 'other', descriptorTypeCode: 0x04, byte1: 0xc3, bytes: h('010203') };
const OTH_HEX = '04 c3 0003 010203';
const b2bo: SegmentDescriptor = {
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
const B2BO_HEX = '0a 01 001c 0003 0004 01020304 0102030405060708 1112131415161718 0506 0708';
const b2b: SegmentDescriptor = {
  kind: 'blockToBlock',
  dc: true,
  cat: true,
  sourceCscdDescriptorId: 1,
  destinationCscdDescriptorId: 2,
  blockDeviceNumberOfBlocks: 0x0102,
  sourceBlockDeviceLogicalBlockAddress: 0x1122334455667788n,
  destinationBlockDeviceLogicalBlockAddress: 0x99aabbccddeeff00n,
};
const B2B_HEX = '02 03 0018 0001 0002 0000 0102 1122334455667788 99aabbccddeeff00';
const oth0: SegmentDescriptor = { kind: 'other', descriptorTypeCode: 0x0b, byte1: 0, bytes: new Uint8Array(0) };
const OTH0_HEX = '0b 00 0000';

const cscdDescriptors = [e4, fc0, ipv6, fc1];
const segmentDescriptors = [oth, b2bo, b2b, oth0];
const inlineData = h('deadbe');
/** Body offsets, relative to the first CSCD descriptor. */
const REL = {
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
const BODY_HEX = [E4_HEX, FC0_HEX, IPV6_HEX, FC1_HEX, OTH_HEX, B2BO_HEX, B2B_HEX, OTH0_HEX, 'deadbe'].join('');

const LIST1: ExtendedCopyLid1ParameterList = {
  listIdentifier: 0x5a,
  str: true,
  listIdUsage: 2,
  priority: 5,
  cscdDescriptors,
  segmentDescriptors,
  inlineData,
};
const HEADER1_HEX = '5a 35 00a0 00000000 00000047 00000003';

const LIST4: ExtendedCopyLid4ParameterList = {
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
const HEADER4_HEX = `01 35 0020 ${'00'.repeat(11)} 03 ff 000000 deadbeef ${'00'.repeat(18)} 00a0 0047 0003`;

const bytes1 = h(HEADER1_HEX + BODY_HEX);
const bytes4 = h(HEADER4_HEX + BODY_HEX);

const FORMATS = [
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
const withByte = (b: Uint8Array, at: number, v: number) => {
  const c = b.slice();
  c[at] = v;
  return c;
};

describe('the hand-built list: every descriptor kind at its SPC-4 offsets', () => {
  it('sizes: 32-byte CSCD types and the 64-byte EAh/EBh', () => {
    expect([0xea, 0xeb, 0xe0, 0xe4, 0xe9, 0xec, 0xff].map(cscdDescriptorLength)).toEqual([64, 64, 32, 32, 32, 32, 32]);
    expect(bytes1.length).toBe(16 + REL.end);
    expect(bytes4.length).toBe(48 + REL.end);
  });
  for (const f of FORMATS) {
    it(`${f.name}: encodes to the bytes of the tables`, () => {
      expect(hexOf(f.encode(f.list))).toBe(hexOf(f.bytes));
    });
    it(`${f.name}: decodes them back, strictly, with no issues`, () => {
      expect(f.decode(f.bytes)).toEqual(f.list);
      expect(f.decode(f.bytes, { strict: true })).toEqual(f.list);
    });
    it(`${f.name}: empty lists (length 0 everywhere)`, () => {
      const empty = { ...f.list, cscdDescriptors: [], segmentDescriptors: [], inlineData: new Uint8Array(0) };
      const b = f.encode(empty);
      expect(b.length).toBe(f.start);
      expect(hexOf(b.subarray(f.lengths.cscd, f.lengths.cscd + 2))).toBe('0000');
      expect(f.decode(b, { strict: true })).toEqual(empty);
    });
  }
});

/** Expected trace entries of the hand-built body at absolute offset `s` (structure `st`). */
function bodyTrace(st: string, s: number): TraceEntry[] {
  const t: TraceEntry[] = [];
  const e = (field: string, offset: number, length: number, value: TraceEntry['value'], bits?: [number, number]) =>
    t.push(bits === undefined ? { structure: st, field, offset, length, value } : { structure: st, field, offset, length, value, bits });
  // E4h: the type read once by the list and then by the E4h reader (its own trace, shifted).
  e('descriptorTypeCode', s, 1, 0xe4);
  const e4trace: TraceEntry[] = [];
  decodeIdentificationDescriptorCscd(h(E4_HEX), { trace: e4trace });
  expect(e4trace.length).toBeGreaterThan(8);
  // Entries of the E4h's own structure are the list's; nested structures keep their names.
  for (const x of e4trace)
    t.push({ ...x, structure: x.structure === 'IdentificationDescriptorCscd' ? st : x.structure, offset: x.offset + s });
  const other = (o: number, d: OtherCscdDescriptor) => {
    e('descriptorTypeCode', o, 1, d.descriptorTypeCode);
    e('luIdType', o + 1, 1, d.luIdType, [7, 6]);
    e('nul', o + 1, 1, d.nul, [5, 5]);
    e('peripheralDeviceType', o + 1, 1, d.peripheralDeviceType, [4, 0]);
    e('relativeInitiatorPortIdentifier', o + 2, 2, d.relativeInitiatorPortIdentifier);
    e('cscdParameters', o + 4, 24, d.cscdParameters);
    e('deviceTypeSpecificParameters', o + 28, 4, d.deviceTypeSpecificParameters);
    if (d.moreParameters !== undefined) e('moreParameters', o + 32, 32, d.moreParameters);
  };
  other(s + REL.fc0, fc0);
  other(s + REL.ipv6, ipv6);
  other(s + REL.fc1, fc1);
  let o = s + REL.oth;
  e('descriptorTypeCode', o, 1, 0x04);
  e('descriptorLength', o + 2, 2, 3);
  e('byte1', o + 1, 1, 0xc3);
  e('parameters', o + 4, 3, h('010203'));
  o = s + REL.b2bo;
  e('descriptorTypeCode', o, 1, 0x0a);
  e('descriptorLength', o + 2, 2, 0x1c);
  e('cat', o + 1, 1, true, [0, 0]);
  e('sourceCscdDescriptorId', o + 4, 2, 3);
  e('destinationCscdDescriptorId', o + 6, 2, 4);
  e('numberOfBytes', o + 8, 4, 0x01020304);
  e('sourceBlockDeviceLogicalBlockAddress', o + 12, 8, 0x0102030405060708n);
  e('destinationBlockDeviceLogicalBlockAddress', o + 20, 8, 0x1112131415161718n);
  e('sourceBlockDeviceByteOffset', o + 28, 2, 0x0506);
  e('destinationBlockDeviceByteOffset', o + 30, 2, 0x0708);
  o = s + REL.b2b;
  e('descriptorTypeCode', o, 1, 0x02);
  e('descriptorLength', o + 2, 2, 0x18);
  e('dc', o + 1, 1, true, [1, 1]);
  e('cat', o + 1, 1, true, [0, 0]);
  e('sourceCscdDescriptorId', o + 4, 2, 1);
  e('destinationCscdDescriptorId', o + 6, 2, 2);
  e('blockDeviceNumberOfBlocks', o + 10, 2, 0x0102);
  e('sourceBlockDeviceLogicalBlockAddress', o + 12, 8, 0x1122334455667788n);
  e('destinationBlockDeviceLogicalBlockAddress', o + 20, 8, 0x99aabbccddeeff00n);
  o = s + REL.oth0;
  e('descriptorTypeCode', o, 1, 0x0b);
  e('descriptorLength', o + 2, 2, 0);
  e('byte1', o + 1, 1, 0);
  e('parameters', o + 4, 0, new Uint8Array(0));
  e('inlineData', s + REL.inline, 3, inlineData);
  return t;
}

/** Trace entries in a fixed order (the decoders' read order is not part of the contract). */
const sorted = (t: readonly TraceEntry[]) =>
  [...t].sort((a, b) => a.offset - b.offset || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) || (a.bits?.[0] ?? 9) - (b.bits?.[0] ?? 9));

describe('trace: one entry per named field, absolute offsets', () => {
  it('LID1', () => {
    const trace: TraceEntry[] = [];
    decodeExtendedCopyLid1ParameterList(bytes1, { trace });
    const want: TraceEntry[] = [
      { structure: L1, field: 'listIdentifier', offset: 0, length: 1, value: 0x5a },
      { structure: L1, field: 'str', offset: 1, length: 1, value: true, bits: [5, 5] },
      { structure: L1, field: 'listIdUsage', offset: 1, length: 1, value: 2, bits: [4, 3] },
      { structure: L1, field: 'priority', offset: 1, length: 1, value: 5, bits: [2, 0] },
      { structure: L1, field: 'cscdDescriptorListLength', offset: 2, length: 2, value: 160 },
      ...bodyTrace(L1, 16),
    ];
    expect(sorted(trace)).toEqual(sorted(want));
  });
  it('LID4', () => {
    const trace: TraceEntry[] = [];
    decodeExtendedCopyLid4ParameterList(bytes4, { trace });
    const want: TraceEntry[] = [
      { structure: L4, field: 'listFormat', offset: 0, length: 1, value: 1 },
      { structure: L4, field: 'str', offset: 1, length: 1, value: true, bits: [5, 5] },
      { structure: L4, field: 'listIdUsage', offset: 1, length: 1, value: 2, bits: [4, 3] },
      { structure: L4, field: 'priority', offset: 1, length: 1, value: 5, bits: [2, 0] },
      { structure: L4, field: 'headerCscdDescriptorListLength', offset: 2, length: 2, value: 0x20 },
      { structure: L4, field: 'gSense', offset: 15, length: 1, value: true, bits: [1, 1] },
      { structure: L4, field: 'immed', offset: 15, length: 1, value: true, bits: [0, 0] },
      { structure: L4, field: 'headerCscdDescriptorTypeCode', offset: 16, length: 1, value: 0xff },
      { structure: L4, field: 'listIdentifier', offset: 20, length: 4, value: 0xdeadbeef },
      { structure: L4, field: 'cscdDescriptorListLength', offset: 42, length: 2, value: 160 },
      ...bodyTrace(L4, 48),
    ];
    expect(sorted(trace)).toEqual(sorted(want));
  });
});
