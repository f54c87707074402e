/**
 * SENSE KEY SPECIFIC field (issue 17, third mutation session): the variant each of the 16 sense
 * keys selects, each variant's reserved bits in strict decoding, the encoder's errors, and the
 * field-pointer SKS the builders make (omitted when the pointer does not fit, BPV only for a
 * bit 0-7). Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  decodeSenseData,
  encodeSenseData,
  type FixedSenseData,
  type SenseKeySpecific,
  senseKeySpecificKind,
} from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

/** Fixed sense data with sense key `sk` and SKS bytes 15-17 `sks`. */
const fixedBytes = (sk: number, sks: readonly number[]): Uint8Array => {
  const b = Uint8Array.of(0x70, 0, sk, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0);
  b.set(sks, 15);
  return b;
};
const sksOf = (sk: number, sks: readonly number[], strict = true) =>
  (decodeSenseData(fixedBytes(sk, sks), { strict }) as FixedSenseData).senseKeySpecific;

describe('the variant each sense key selects', () => {
  it('all 16 sense keys', () => {
    expect(Array.from({ length: 16 }, (_, k) => senseKeySpecificKind(k))).toEqual([
      'progressIndication',
      'actualRetryCount',
      'progressIndication',
      'actualRetryCount',
      'actualRetryCount',
      'fieldPointer',
      'unitAttentionQueueOverflow',
      'raw',
      'raw',
      'raw',
      'segmentPointer',
      'raw',
      'raw',
      'raw',
      'raw',
      'raw',
    ]);
  });
  it('decoded with every field, byte-exact both ways', () => {
    const cases: [number, number[], SenseKeySpecific][] = [
      [
        5,
        [0xcb, 0x12, 0x34],
        {
          kind: 'fieldPointer',
          sksv: true,
          commandData: true,
          bitPointerValid: true,
          bitPointer: 3,
          fieldPointer: 0x1234,
        },
      ],
      [1, [0x80, 0xab, 0xcd], { kind: 'actualRetryCount', sksv: true, actualRetryCount: 0xabcd }],
      [2, [0x80, 0x80, 0x01], { kind: 'progressIndication', sksv: true, progressIndication: 0x8001 }],
      [
        0x0a,
        [0xaf, 0x00, 0x2a],
        {
          kind: 'segmentPointer',
          sksv: true,
          segmentDescriptor: true,
          bitPointerValid: true,
          bitPointer: 7,
          fieldPointer: 42,
        },
      ],
      [6, [0x81, 0x00, 0x00], { kind: 'unitAttentionQueueOverflow', sksv: true, overflow: true }],
      [7, [0x7f, 0xff, 0xfe], { kind: 'raw', sksv: false, value: 0x7ffffe }],
      [0x0b, [0x81, 0x00, 0x00], { kind: 'raw', sksv: true, value: 0x010000 }],
    ];
    for (const [sk, bytes, want] of cases) {
      const s = decodeSenseData(fixedBytes(sk, bytes), { strict: true }) as FixedSenseData;
      expect(s.senseKeySpecific, `sense key ${sk}`).toEqual(want);
      expect(encodeSenseData(s), `sense key ${sk}`).toEqual(fixedBytes(sk, bytes));
    }
  });
});

describe('reserved bits of each variant (strict), ignored when lenient', () => {
  it.each([
    [5, [0x10, 0, 0], 15, 4],
    [5, [0x20, 0, 0], 15, 5],
    [1, [0x01, 0, 0], 15, 0],
    [3, [0x40, 0, 0], 15, 6],
    [0, [0x02, 0, 0], 15, 1],
    [2, [0x7f, 0, 0], 15, 6],
    [0x0a, [0x40, 0, 0], 15, 6],
    [0x0a, [0x10, 0, 0], 15, 4],
    [6, [0x02, 0, 0], 15, 1],
    [6, [0x40, 0, 0], 15, 6],
    [6, [0x80, 0x01, 0], 16, 0],
    [6, [0x80, 0, 0x80], 17, 7],
  ])('sense key %i, SKS %j: byte %i bit %i', (sk, sks, offset, bit) => {
    expect(err(() => decodeSenseData(fixedBytes(sk, sks), { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      field: 'senseKeySpecific.reserved',
      offset,
      bit,
    });
    expect(sksOf(sk, sks, false)).toMatchObject({ kind: senseKeySpecificKind(sk) });
  });
  it('the bits that are fields are not reserved', () => {
    expect(sksOf(5, [0x4f, 0, 0])).toMatchObject({ commandData: true, bitPointerValid: true, bitPointer: 7 });
    expect(sksOf(0x0a, [0x2f, 0, 0])).toMatchObject({ segmentDescriptor: true, bitPointerValid: true, bitPointer: 7 });
    expect(sksOf(6, [0x01, 0, 0])).toEqual({ kind: 'unitAttentionQueueOverflow', sksv: false, overflow: true });
  });
});

describe('encoder errors', () => {
  const base = decodeSenseData(fixedBytes(5, [0, 0, 0])) as FixedSenseData;
  it.each([
    [5, '5 is not an object'],
    [null, 'null is not an object'],
    [{ kind: 'x', sksv: true }, 'unknown sense key specific kind "x"'],
    [{ kind: 'raw', sksv: true, value: -1 }, '-1 does not fit 23 bits (0..0x7fffff)'],
    [{ kind: 'raw', sksv: true, value: 1.5 }, '1.5 does not fit 23 bits (0..0x7fffff)'],
    [{ kind: 'raw', sksv: true, value: 0x800000 }, '8388608 does not fit 23 bits (0..0x7fffff)'],
  ])('%j: %s', (senseKeySpecific, detail) => {
    expect(err(() => encodeSenseData({ ...base, senseKeySpecific: senseKeySpecific as never }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'FixedSenseData',
      field: 'senseKeySpecific',
      offset: 15,
      detail,
    });
  });
  it('raw: 0 and 7FFFFFh fit', () => {
    for (const value of [0, 0x7fffff]) {
      const b = encodeSenseData({ ...base, senseKey: 7, senseKeySpecific: { kind: 'raw', sksv: false, value } });
      expect([...b.subarray(15, 18)]).toEqual([value >>> 16, (value >>> 8) & 0xff, value & 0xff]);
    }
  });
});

describe('the field-pointer SKS of the builders', () => {
  const sksFrom = (fieldPointer: unknown, bitPointer?: unknown) =>
    (buildInvalidFieldInCdbSense({ fieldPointer, bitPointer } as never) as FixedSenseData).senseKeySpecific;
  const none = {
    kind: 'fieldPointer',
    sksv: false,
    commandData: false,
    bitPointerValid: false,
    bitPointer: 0,
    fieldPointer: 0,
  };
  it('a FIELD POINTER outside 0..FFFFh, or none, omits the SKS (never masked)', () => {
    for (const fp of [undefined, -1, 1.5, 0x10000]) expect(sksFrom(fp, 3), String(fp)).toEqual(none);
    expect(sksFrom(0)).toEqual({ ...none, sksv: true, commandData: true });
    expect(sksFrom(0xffff)).toEqual({ ...none, sksv: true, commandData: true, fieldPointer: 0xffff });
  });
  it('BPV only for a BIT POINTER 0-7', () => {
    const at = { sksv: true, commandData: true, fieldPointer: 2 };
    expect(sksFrom(2, 0)).toEqual({ ...none, ...at, bitPointerValid: true, bitPointer: 0 });
    expect(sksFrom(2, 7)).toEqual({ ...none, ...at, bitPointerValid: true, bitPointer: 7 });
    for (const bp of [undefined, -1, 8, 0.5]) expect(sksFrom(2, bp), String(bp)).toEqual({ ...none, ...at });
  });
  it('C/D: 1 for the CDB, 0 for the parameter list', () => {
    const pl = buildInvalidFieldInParameterListSense({ fieldPointer: 9 }) as FixedSenseData;
    expect(pl.senseKeySpecific).toEqual({ ...none, sksv: true, fieldPointer: 9 });
  });
});
