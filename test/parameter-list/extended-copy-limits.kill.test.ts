/**
 * Kill tests for the EXTENDED COPY encoders' per-descriptor limits and shapes (issue 17): an
 * 'other' segment descriptor with the most parameter bytes its 16-bit DESCRIPTOR LENGTH holds,
 * parameters that are no byte array at all, an identification descriptor carrying a stray
 * `descriptorTypeCode`. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid1ParameterList,
} from '../../src/parameter-list/index.js';
import { e4, err, FORMATS, fc0, hexOf, LIST1, oth, REL } from './extended-copy-fixtures.js';

describe('an other segment descriptor of 65535 parameter bytes', () => {
  it('is encoded with DESCRIPTOR LENGTH FFFFh and decoded back; 65536 bytes are refused', () => {
    const bytes = new Uint8Array(0xffff).fill(0x5a);
    bytes[0xfffe] = 0xa5;
    const list = {
      ...LIST1,
      cscdDescriptors: [],
      segmentDescriptors: [{ ...oth, bytes }],
      inlineData: new Uint8Array(0),
    };
    const b = encodeExtendedCopyLid1ParameterList(list);
    expect(b.length).toBe(16 + 4 + 0xffff);
    expect(hexOf(b.subarray(8, 12))).toBe('00010003');
    expect(hexOf(b.subarray(16, 20))).toBe('04c3ffff');
    expect(b[16 + 4 + 0xfffe]).toBe(0xa5);
    expect(decodeExtendedCopyLid1ParameterList(b, { strict: true })).toEqual(list);
    const more = { ...list, segmentDescriptors: [{ ...oth, bytes: new Uint8Array(0x10000) }] };
    expect(err(() => encodeExtendedCopyLid1ParameterList(more))).toMatchObject({
      field: 'descriptorLength',
      offset: 18,
    });
  });
});

describe('shapes', () => {
  for (const f of FORMATS) {
    it(`${f.name}: other parameters that are not a Uint8Array (undefined, a Uint16Array): named before any length is taken`, () => {
      const at = f.start + REL.b2b;
      for (const bytes of [undefined, null, new Uint16Array(3)]) {
        const list = { ...f.list, segmentDescriptors: [oth, oth, { ...oth, bytes }] };
        // Segments 0 and 1 are 7 bytes each: the third starts 14 bytes into the segment list.
        expect(err(() => f.encode(list))).toMatchObject({
          code: 'ERR_FIELD_RANGE',
          field: 'parameters',
          offset: at - REL.b2b + REL.oth + 14 + 4,
          detail: 'not a Uint8Array',
        });
      }
    });
    it(`${f.name}: an identification descriptor is 32 bytes whatever other keys it carries`, () => {
      const stray = { ...e4, descriptorTypeCode: 0xea };
      const b = f.encode({
        ...f.list,
        cscdDescriptors: [stray, fc0],
        segmentDescriptors: [],
        inlineData: new Uint8Array(0),
      });
      expect(b.length).toBe(f.start + 64);
      expect([b[f.start], b[f.start + 32]]).toEqual([0xe4, 0xe0]);
    });
  }
});
