/**
 * Sense data codec, exact texts and edges (issue 17, third mutation session): the issue each
 * lenient check records (field, offset, message), the encoder's errors with their structure,
 * field and offset, the 252-byte limit exactly, requiredSenseDataLength and isDeferredSense.
 * Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeSenseData,
  encodeSenseData,
  type FixedSenseData,
  isDeferredSense,
  requiredSenseDataLength,
  type SenseData,
} from '../../src/sense/index.js';
import { err, h } from './kill-helpers.js';

const issues = (b: Uint8Array) =>
  (decodeSenseData(b).issues ?? []).map((i) => [i.code, i.structure, i.field, i.offset, i.message]);
const FIXED = h('70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00');
const fixed = decodeSenseData(FIXED) as FixedSenseData;

describe('lenient issues, exactly', () => {
  it('fewer than 8 bytes (either format)', () => {
    for (const rc of ['70', '72']) {
      expect(issues(h(`${rc} 00 05`))).toEqual([
        ['ERR_TRUNCATED', 'SenseData', 'additionalSenseLength', 3, 'sense data is 3 bytes, need at least 8'],
      ]);
    }
    expect(decodeSenseData(h('72 00 05 00 00 00 00 00'))).toEqual({
      kind: 'descriptor',
      responseCode: 0x72,
      senseKey: 0,
      additionalSenseCode: 5,
      additionalSenseCodeQualifier: 0,
      sdatOvfl: false,
      descriptors: [],
    });
  });
  it('ADDITIONAL SENSE LENGTH: above 244, beyond the buffer, below the fixed format’s 18 bytes', () => {
    const big = new Uint8Array(8 + 245);
    big.set(h('72 00 05 00 00 00 00'));
    big[7] = 245;
    big[8] = 0x80; // a vendor descriptor filling the rest
    big[9] = 243;
    expect(issues(big)).toEqual([
      ['ERR_INVALID_VALUE', 'SenseData', 'additionalSenseLength', 7, '245 exceeds the maximum of 244'],
    ]);
    const at244 = big.slice(0, 8 + 244);
    at244[7] = 244;
    at244[9] = 242;
    expect(issues(at244)).toEqual([]);
    expect(issues(h('70 00 05 00 00 00 00 0c 00 00 00 00 24 00 00 00 00 00 00'))).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'additionalSenseLength', 7, 'declares 20 bytes of sense data, only 19 present'],
    ]);
    expect(issues(h('70 00 05 00 00 00 00 04 00 00 00 00'))).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'SenseData',
        'additionalSenseLength',
        7,
        'sense data is 12 bytes, the format needs 18; missing fields read as zero',
      ],
    ]);
    expect(issues(FIXED)).toEqual([]);
  });
  it('descriptor list: a 1-byte header fragment, a descriptor running past the end', () => {
    expect(issues(h('72 00 05 00 00 00 00 01 00'))).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'descriptorType', 8, 'a 1-byte fragment of a descriptor header; dropped'],
    ]);
    expect(issues(h('72 00 05 00 00 00 00 03 00 0a 00'))).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'additionalLength', 9, 'descriptor 0x00 declares 10 bytes, only 1 left; dropped'],
    ]);
    // Exactly filling the sense data: no issue.
    expect(issues(h('72 00 05 00 00 00 00 04 80 02 ab cd'))).toEqual([]);
  });
  it('a response code outside 70h-73h', () => {
    expect(err(() => decodeSenseData(h('74 00 05 00 00 00 00 00')))).toMatchObject({
      code: 'ERR_UNSUPPORTED',
      field: 'responseCode',
      offset: 0,
      detail: 'response code 0x74 is not 70h-73h (fixed or descriptor sense data)',
    });
  });
});

describe('encoder errors and the size limit', () => {
  const descriptorSense: SenseData = {
    kind: 'descriptor',
    responseCode: 0x72,
    senseKey: 0,
    additionalSenseCode: 0,
    additionalSenseCodeQualifier: 0,
    sdatOvfl: false,
    descriptors: [],
  };
  it.each([
    [
      { ...fixed, responseCode: 0x72 },
      'FixedSenseData',
      'responseCode',
      0,
      'fixed format needs response code 70h or 71h, got 114',
    ],
    [
      { ...descriptorSense, responseCode: 0x70 },
      'DescriptorSenseData',
      'responseCode',
      0,
      'descriptor format needs response code 72h or 73h, got 112',
    ],
    [{ ...fixed, additionalSenseBytes: [1] }, 'FixedSenseData', 'additionalSenseBytes', 18, 'not a Uint8Array'],
    [{ ...fixed, kind: 'x' }, 'SenseData', 'kind', 0, "kind must be 'fixed' or 'descriptor'"],
    [null, 'SenseData', 'kind', 0, 'not an object'],
    [5, 'SenseData', 'kind', 0, 'not an object'],
    [{ ...descriptorSense, descriptors: 5 }, 'DescriptorSenseData', 'descriptors', 8, 'not an array'],
    [
      { ...fixed, additionalSenseBytes: new Uint8Array(235) },
      'FixedSenseData',
      'additionalSenseLength',
      7,
      'sense data would be 253 bytes; at most 252 (ADDITIONAL SENSE LENGTH ≤ 244)',
    ],
  ])('%#: %s.%s at %i', (value, structure, field, offset, detail) => {
    expect(err(() => encodeSenseData(value as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure,
      field,
      offset,
      detail,
    });
  });
  it('252 bytes (ADDITIONAL SENSE LENGTH 244) is the largest', () => {
    const b = encodeSenseData({ ...fixed, additionalSenseBytes: new Uint8Array(234).fill(7) });
    expect(b.length).toBe(252);
    expect(b[7]).toBe(244);
    expect(decodeSenseData(b, { strict: true })).toEqual({
      ...fixed,
      additionalSenseBytes: new Uint8Array(234).fill(7),
    });
  });
});

describe('requiredSenseDataLength and isDeferredSense', () => {
  it('8 + ADDITIONAL SENSE LENGTH, 8 while the header is incomplete', () => {
    expect(requiredSenseDataLength(h('70 00 05 00 00 00 00'))).toBe(8);
    expect(requiredSenseDataLength(h('70 00 05 00 00 00 00 0a'))).toBe(18);
    expect(requiredSenseDataLength(h('72 00 05 00 00 00 00 f4 ff'))).toBe(252);
    expect(err(() => requiredSenseDataLength([1] as never))).toMatchObject({
      code: 'ERR_UNEXPECTED_VALUE',
      structure: 'SenseData',
    });
  });
  it('71h and 73h are deferred, 70h and 72h are not', () => {
    expect(
      [0x70, 0x71, 0x72, 0x73].map((responseCode) => isDeferredSense({ ...fixed, responseCode } as never)),
    ).toEqual([false, true, false, true]);
    expect(err(() => isDeferredSense(null as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'isDeferredSense',
      detail: 'not a well-formed isDeferredSense',
    });
  });
});
