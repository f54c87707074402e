/**
 * Kill tests for the EXTENDED COPY (LID1 and LID4) encoders (issue 17): every error with its
 * code, structure, field, absolute offset in the output, bit and text; each descriptor's error
 * at its own offset (descriptors at index >= 2); each list length and count at its limit and one
 * past. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import type { CscdDescriptor, OtherCscdDescriptor, SegmentDescriptor } from '../../src/parameter-list/index.js';
import { b2b, b2bo, e4, err, FORMATS, fc0, fc1, hexOf, ipv6, oth, oth0, parts, REL } from './extended-copy-fixtures.js';

type Fmt = (typeof FORMATS)[number];

/** The format's list with its CSCD descriptors, segment descriptors or inline data replaced. */
const withBody = (f: Fmt, body: { cscd?: unknown[]; seg?: unknown[]; inline?: unknown }) => ({
  ...f.list,
  ...('cscd' in body ? { cscdDescriptors: body.cscd } : {}),
  ...('seg' in body ? { segmentDescriptors: body.seg } : {}),
  ...('inline' in body ? { inlineData: body.inline } : {}),
});
/** The fixture's CSCD descriptors with index 2 replaced (the 64-byte EAh there: at REL.ipv6). */
const cscd2 = (d: unknown) => [e4, fc0, d, fc1];
/** The fixture's segment descriptors with index 2 replaced (at REL.b2b). */
const seg2 = (s: unknown) => [oth, b2bo, s, oth0];

/** The error of encoding `list` in format `f`: code ERR_FIELD_RANGE, the format's structure. */
function encErr(f: Fmt, list: unknown) {
  const e = parts(err(() => f.encode(list)));
  expect(e.code).toBe('ERR_FIELD_RANGE');
  expect(e.structure).toBe(f.structure);
  expect(e.rule).toBeUndefined();
  return { field: e.field, offset: e.offset, bit: e.bit, detail: e.detail };
}

/** A detached `Uint8Array` subclass: a genuine Uint8Array whose memory is gone. */
function detached(): Uint8Array {
  class Sub extends Uint8Array {}
  const ab = new ArrayBuffer(3);
  const v = new Sub(ab);
  structuredClone(ab, { transfer: [ab] });
  return v;
}

describe('CSCD descriptors: each error at the descriptor’s own offset', () => {
  for (const f of FORMATS) {
    const at = f.start + REL.ipv6; // index 2
    it(`${f.name}: not an object (also a hole in the array)`, () => {
      for (const bad of [null, undefined, 7, 'x']) {
        expect(encErr(f, withBody(f, { cscd: cscd2(bad) }))).toEqual({
          field: 'cscdDescriptor',
          offset: at,
          bit: undefined,
          detail: 'not a CSCD descriptor',
        });
      }
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point
      const sparse = [e4, fc0, , fc1];
      expect(encErr(f, withBody(f, { cscd: sparse }))).toMatchObject({ field: 'cscdDescriptor', offset: at });
    });
    it(`${f.name}: an unknown kind; E4h written as 'other'`, () => {
      expect(encErr(f, withBody(f, { cscd: cscd2({ ...fc0, kind: 'bogus' }) }))).toEqual({
        field: 'cscdDescriptor',
        offset: at,
        bit: undefined,
        detail: 'kind is neither identification nor other',
      });
      expect(encErr(f, withBody(f, { cscd: cscd2({ ...fc0, descriptorTypeCode: 0xe4 }) }))).toEqual({
        field: 'descriptorTypeCode',
        offset: at,
        bit: undefined,
        detail: 'E4h is written from an identification descriptor',
      });
    });
    it(`${f.name}: each field of an 'other' descriptor out of range`, () => {
      const cases: [Partial<Record<keyof OtherCscdDescriptor, unknown>>, string, number, number | undefined][] = [
        [{ descriptorTypeCode: 0x100 }, 'descriptorTypeCode', 0, undefined],
        [{ descriptorTypeCode: -1 }, 'descriptorTypeCode', 0, undefined],
        [{ luIdType: 4 }, 'luIdType', 1, 7],
        [{ nul: 1 }, 'nul', 1, 5],
        [{ peripheralDeviceType: 32 }, 'peripheralDeviceType', 1, 4],
        [{ relativeInitiatorPortIdentifier: 0x10000 }, 'relativeInitiatorPortIdentifier', 2, undefined],
        [{ cscdParameters: new Uint8Array(23) }, 'cscdParameters', 4, undefined],
        [{ cscdParameters: new Uint8Array(25) }, 'cscdParameters', 4, undefined],
        [{ deviceTypeSpecificParameters: new Uint8Array(5) }, 'deviceTypeSpecificParameters', 28, undefined],
        [{ moreParameters: new Uint8Array(31) }, 'moreParameters', 32, undefined],
        [{ moreParameters: new Uint8Array(33) }, 'moreParameters', 32, undefined],
      ];
      for (const [change, field, rel, bit] of cases) {
        expect(encErr(f, withBody(f, { cscd: cscd2({ ...ipv6, ...change }) }))).toMatchObject({
          field,
          offset: at + rel,
          bit,
        });
      }
      expect(encErr(f, withBody(f, { cscd: cscd2({ ...ipv6, cscdParameters: new Uint8Array(23) }) })).detail).toBe(
        'must be exactly 24 bytes, got 23',
      );
    });
    it(`${f.name}: moreParameters missing on EAh/EBh, present on a 32-byte type`, () => {
      for (const t of [0xea, 0xeb]) {
        const { moreParameters: _, ...noMore } = { ...ipv6, descriptorTypeCode: t };
        expect(encErr(f, withBody(f, { cscd: cscd2(noMore) }))).toEqual({
          field: 'moreParameters',
          offset: at + 32,
          bit: undefined,
          detail: 'missing (64-byte type)',
        });
      }
      // fc1 at index 3, after the 64-byte EAh: at REL.fc1.
      const extra: OtherCscdDescriptor = { ...fc1, moreParameters: new Uint8Array(32) };
      expect(encErr(f, withBody(f, { cscd: [e4, fc0, ipv6, extra] }))).toEqual({
        field: 'moreParameters',
        offset: f.start + REL.fc1 + 32,
        bit: undefined,
        detail: 'only for EAh and EBh',
      });
    });
    it(`${f.name}: an E4h descriptor's own error, at its offset`, () => {
      const longDesignator: CscdDescriptor = {
        ...(e4 as CscdDescriptor & { kind: 'identification' }),
        designationDescriptor: {
          ...(e4 as CscdDescriptor & { kind: 'identification' }).designationDescriptor,
          designator: new Uint8Array(21),
        },
      };
      expect(encErr(f, withBody(f, { cscd: cscd2(longDesignator) }))).toMatchObject({
        field: 'designatorLength',
        offset: at + 7,
      });
    });
  }
});

describe('segment descriptors: each error at the descriptor’s own offset', () => {
  for (const f of FORMATS) {
    const at = f.start + REL.b2b; // index 2
    it(`${f.name}: not an object (also a hole), an unknown kind`, () => {
      for (const bad of [null, undefined, 0, 'x']) {
        expect(encErr(f, withBody(f, { seg: seg2(bad) }))).toEqual({
          field: 'segmentDescriptor',
          offset: at,
          bit: undefined,
          detail: 'not a segment descriptor',
        });
      }
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point
      const sparse = [oth, b2bo, , oth0];
      expect(encErr(f, withBody(f, { seg: sparse }))).toMatchObject({ field: 'segmentDescriptor', offset: at });
      expect(encErr(f, withBody(f, { seg: seg2({ ...b2b, kind: 'blockToStream' }) }))).toEqual({
        field: 'segmentDescriptor',
        offset: at,
        bit: undefined,
        detail: 'unknown kind',
      });
    });
    it(`${f.name}: 'other' parameters: not bytes, detached, 65536 bytes`, () => {
      expect(encErr(f, withBody(f, { seg: seg2({ ...oth, bytes: [1, 2] }) }))).toEqual({
        field: 'parameters',
        offset: at + 4,
        bit: undefined,
        detail: 'not a Uint8Array',
      });
      // A genuine Uint8Array (so it is sized as 0 bytes) that cannot be copied.
      expect(encErr(f, withBody(f, { seg: seg2({ ...oth, bytes: detached() }) }))).toMatchObject({
        field: 'parameters',
        offset: at + 4,
      });
      expect(encErr(f, withBody(f, { seg: seg2({ ...oth, bytes: new Uint8Array(0x10000) }) }))).toEqual({
        field: 'descriptorLength',
        offset: at + 2,
        bit: undefined,
        detail: 'parameters exceed 65535 bytes',
      });
    });
    it(`${f.name}: 'other' with the type of 02h or 0Ah, or fields out of range`, () => {
      for (const t of [0x02, 0x0a]) {
        expect(encErr(f, withBody(f, { seg: seg2({ ...oth, descriptorTypeCode: t }) }))).toEqual({
          field: 'descriptorTypeCode',
          offset: at,
          bit: undefined,
          detail: `0x${t.toString(16).padStart(2, '0')} is written from its own kind`,
        });
      }
      expect(encErr(f, withBody(f, { seg: seg2({ ...oth, descriptorTypeCode: 0x100 }) }))).toMatchObject({
        field: 'descriptorTypeCode',
        offset: at,
      });
      expect(encErr(f, withBody(f, { seg: seg2({ ...oth, byte1: 0x100 }) }))).toMatchObject({
        field: 'byte1',
        offset: at + 1,
      });
    });
    it(`${f.name}: each field of 02h and 0Ah out of range`, () => {
      const cases: [SegmentDescriptor, Record<string, unknown>, string, number, number | undefined][] = [
        [b2b, { dc: 1 }, 'dc', 1, 1],
        [b2b, { cat: 0 }, 'cat', 1, 0],
        [b2b, { sourceCscdDescriptorId: 0x10000 }, 'sourceCscdDescriptorId', 4, undefined],
        [b2b, { destinationCscdDescriptorId: -1 }, 'destinationCscdDescriptorId', 6, undefined],
        [b2b, { blockDeviceNumberOfBlocks: 0x10000 }, 'blockDeviceNumberOfBlocks', 10, undefined],
        [
          b2b,
          { sourceBlockDeviceLogicalBlockAddress: 1n << 64n },
          'sourceBlockDeviceLogicalBlockAddress',
          12,
          undefined,
        ],
        [
          b2b,
          { destinationBlockDeviceLogicalBlockAddress: -1n },
          'destinationBlockDeviceLogicalBlockAddress',
          20,
          undefined,
        ],
        [b2bo, { cat: 'yes' }, 'cat', 1, 0],
        [b2bo, { sourceCscdDescriptorId: 0x10000 }, 'sourceCscdDescriptorId', 4, undefined],
        [b2bo, { destinationCscdDescriptorId: 0.5 }, 'destinationCscdDescriptorId', 6, undefined],
        [b2bo, { numberOfBytes: 2 ** 32 }, 'numberOfBytes', 8, undefined],
        [
          b2bo,
          { sourceBlockDeviceLogicalBlockAddress: 1n << 64n },
          'sourceBlockDeviceLogicalBlockAddress',
          12,
          undefined,
        ],
        [
          b2bo,
          { destinationBlockDeviceLogicalBlockAddress: 1 },
          'destinationBlockDeviceLogicalBlockAddress',
          20,
          undefined,
        ],
        [b2bo, { sourceBlockDeviceByteOffset: 0x10000 }, 'sourceBlockDeviceByteOffset', 28, undefined],
        [b2bo, { destinationBlockDeviceByteOffset: 0x10000 }, 'destinationBlockDeviceByteOffset', 30, undefined],
      ];
      for (const [base, change, field, rel, bit] of cases) {
        expect(encErr(f, withBody(f, { seg: seg2({ ...base, ...change }) }))).toMatchObject({
          field,
          offset: at + rel,
          bit,
        });
      }
    });
  }
});

describe('inline data', () => {
  for (const f of FORMATS) {
    const at = f.start + REL.inline;
    it(`${f.name}: not bytes, or detached: at its own offset`, () => {
      for (const bad of [[1, 2], undefined, new Uint16Array(2)]) {
        expect(encErr(f, withBody(f, { inline: bad }))).toEqual({
          field: 'inlineData',
          offset: at,
          bit: undefined,
          detail: 'not a Uint8Array',
        });
      }
      expect(encErr(f, withBody(f, { inline: detached() }))).toMatchObject({ field: 'inlineData', offset: at });
    });
  }
});

describe('list counts and lengths at their limits', () => {
  const e0 = (i: number): OtherCscdDescriptor => ({ ...fc0, relativeInitiatorPortIdentifier: i });
  for (const f of FORMATS) {
    it(`${f.name}: the arrays: not arrays, 2047 CSCD descriptors, 2048, 65536 segment descriptors`, () => {
      const empty = { cscd: [], seg: [], inline: new Uint8Array(0) };
      expect(encErr(f, withBody(f, { ...empty, cscd: 'x' as unknown as unknown[] }))).toEqual({
        field: 'cscdDescriptors',
        offset: f.start,
        bit: undefined,
        detail: 'not an array',
      });
      expect(encErr(f, withBody(f, { ...empty, seg: {} as unknown[] }))).toEqual({
        field: 'segmentDescriptors',
        offset: f.start,
        bit: undefined,
        detail: 'not an array',
      });
      const max = Array.from({ length: 2047 }, (_, i) => e0(i));
      const b = f.encode(withBody(f, { ...empty, cscd: max }));
      expect(b.length).toBe(f.start + 2047 * 32);
      expect(hexOf(b.subarray(f.lengths.cscd, f.lengths.cscd + 2))).toBe('ffe0');
      expect(b[f.start + 2046 * 32 + 3]).toBe(2046 & 0xff);
      expect(encErr(f, withBody(f, { ...empty, cscd: [...max, e0(0)] }))).toEqual({
        field: 'cscdDescriptors',
        offset: f.start,
        bit: undefined,
        detail: '2048 elements; at most 2047',
      });
      expect(encErr(f, withBody(f, { ...empty, seg: new Array(0x10000) }))).toEqual({
        field: 'segmentDescriptors',
        offset: f.start,
        bit: undefined,
        detail: '65536 elements; at most 65535',
      });
    });
  }
  it('LID1: 65535 segment descriptors; CSCD list of 65504 bytes, and 1024 EAh (65536 bytes)', () => {
    const f = FORMATS[0];
    const b = f.encode(withBody(f, { cscd: [], seg: new Array(0xffff).fill(oth0), inline: new Uint8Array(0) }));
    expect(b.length).toBe(16 + 4 * 0xffff);
    expect(hexOf(b.subarray(8, 12))).toBe('0003fffc');
    const eas = (n: number) => new Array(n).fill(ipv6);
    const ok = f.encode(withBody(f, { cscd: [...eas(1023), fc0], seg: [], inline: new Uint8Array(0) }));
    expect(ok.length).toBe(16 + 65504);
    expect(hexOf(ok.subarray(2, 4))).toBe('ffe0');
    expect(ok[16 + 1023 * 64]).toBe(0xe0);
    expect(encErr(f, withBody(f, { cscd: eas(1024), seg: [], inline: new Uint8Array(0) }))).toEqual({
      field: 'cscdDescriptorListLength',
      offset: 2,
      bit: undefined,
      detail: '65536 bytes exceed 65535',
    });
  });
  it('LID4: each 16-bit list length at 65535 and at 65536', () => {
    const f = FORMATS[1];
    const none = { cscd: [], seg: [], inline: new Uint8Array(0) };
    const eas = (n: number) => new Array(n).fill(ipv6);
    const ok = f.encode(withBody(f, { ...none, cscd: [...eas(1023), fc0] }));
    expect(hexOf(ok.subarray(42, 48))).toBe('ffe000000000');
    expect(encErr(f, withBody(f, { ...none, cscd: eas(1024) }))).toMatchObject({
      field: 'cscdDescriptorListLength',
      offset: 42,
    });
    const seg = (n: number) => [{ ...oth, bytes: new Uint8Array(n) }];
    expect(hexOf(f.encode(withBody(f, { ...none, seg: seg(65531) })).subarray(42, 48))).toBe('0000ffff0000');
    expect(encErr(f, withBody(f, { ...none, seg: seg(65532) }))).toMatchObject({
      field: 'segmentDescriptorListLength',
      offset: 44,
    });
    expect(hexOf(f.encode(withBody(f, { ...none, inline: new Uint8Array(65535) })).subarray(42, 48))).toBe(
      '00000000ffff',
    );
    expect(encErr(f, withBody(f, { ...none, inline: new Uint8Array(65536) }))).toMatchObject({
      field: 'inlineDataLength',
      offset: 46,
    });
  });
});

describe('header fields out of range', () => {
  it('LID1', () => {
    const f = FORMATS[0];
    for (const [change, field, offset, bit] of [
      [{ listIdentifier: 0x100 }, 'listIdentifier', 0, undefined],
      [{ str: 1 }, 'str', 1, 5],
      [{ listIdUsage: 4 }, 'listIdUsage', 1, 4],
      [{ priority: 8 }, 'priority', 1, 2],
    ] as const) {
      expect(encErr(f, { ...f.list, ...change })).toMatchObject({ field, offset, bit });
    }
  });
  it('LID4', () => {
    const f = FORMATS[1];
    for (const [change, field, offset, bit] of [
      [{ listFormat: 0x100 }, 'listFormat', 0, undefined],
      [{ str: 'no' }, 'str', 1, 5],
      [{ listIdUsage: -1 }, 'listIdUsage', 1, 4],
      [{ priority: 8 }, 'priority', 1, 2],
      [{ headerCscdDescriptorListLength: 0x10000 }, 'headerCscdDescriptorListLength', 2, undefined],
      [{ gSense: 1 }, 'gSense', 15, 1],
      [{ immed: null }, 'immed', 15, 0],
      [{ headerCscdDescriptorTypeCode: 0x100 }, 'headerCscdDescriptorTypeCode', 16, undefined],
      [{ listIdentifier: 2 ** 32 }, 'listIdentifier', 20, undefined],
    ] as const) {
      expect(encErr(f, { ...f.list, ...change })).toMatchObject({ field, offset, bit });
    }
  });
});

describe('the caller’s faults', () => {
  for (const f of FORMATS) {
    it(`${f.name}: not an object; a getter that throws (the field named, the cause kept)`, () => {
      for (const bad of [undefined, null]) {
        expect(encErr(f, bad)).toEqual({
          field: undefined,
          offset: 0,
          bit: undefined,
          detail: `not a well-formed ${f.structure}`,
        });
      }
      const boom = new Error('boom');
      const list = Object.defineProperty({ ...f.list }, 'listIdentifier', {
        get() {
          throw boom;
        },
        enumerable: true,
      });
      const e = err(() => f.encode(list));
      expect(parts(e)).toEqual({
        code: 'ERR_FIELD_RANGE',
        structure: f.structure,
        field: 'listIdentifier',
        offset: 0,
        bit: undefined,
        detail: 'reading listIdentifier threw an error of its own (see cause)',
        rule: undefined,
      });
      expect(e.cause).toBe(boom);
      const seg = Object.defineProperty({ ...b2bo }, 'numberOfBytes', {
        get() {
          throw boom;
        },
        enumerable: true,
      });
      expect(parts(err(() => f.encode(withBody(f, { seg: seg2(seg) }))))).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure: f.structure,
        field: 'numberOfBytes',
        detail: 'reading segmentDescriptors[2].numberOfBytes threw an error of its own (see cause)',
      });
    });
  }
});
