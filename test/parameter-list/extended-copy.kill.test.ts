/**
 * Kill tests for the EXTENDED COPY (LID1 and LID4) parameter-list codec (issue 17, mutation
 * testing): a hand-built list of every descriptor kind with descriptors at index >= 2 (so each
 * `off + n` and running offset is pinned), its bytes written out from the SPC-4 tables, its trace,
 * and every decoder and encoder error with its code, structure, field, absolute offset, bit and
 * text, at each limit and one past it. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  cscdDescriptorLength,
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  type OtherCscdDescriptor,
} from '../../src/parameter-list/index.js';
import { decodeIdentificationDescriptorCscd } from '../../src/rod-token/index.js';
import {
  bytes1,
  bytes4,
  E4_HEX,
  FORMATS,
  fc0,
  fc1,
  h,
  hexOf,
  inlineData,
  ipv6,
  L1,
  L4,
  REL,
} from './extended-copy-fixtures.js';

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
    t.push(
      bits === undefined
        ? { structure: st, field, offset, length, value }
        : { structure: st, field, offset, length, value, bits },
    );
  // E4h: the type read once by the list and then by the E4h reader (its own trace, shifted).
  e('descriptorTypeCode', s, 1, 0xe4);
  const e4trace: TraceEntry[] = [];
  decodeIdentificationDescriptorCscd(h(E4_HEX), { trace: e4trace });
  expect(e4trace.length).toBeGreaterThan(8);
  // Entries of the E4h's own structure are the list's; nested structures keep their names.
  for (const x of e4trace)
    t.push({
      ...x,
      structure: x.structure === 'IdentificationDescriptorCscd' ? st : x.structure,
      offset: x.offset + s,
    });
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
  [...t].sort(
    (a, b) =>
      a.offset - b.offset ||
      (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) ||
      (a.bits?.[0] ?? 9) - (b.bits?.[0] ?? 9),
  );

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
