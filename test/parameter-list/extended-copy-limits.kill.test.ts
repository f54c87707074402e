/**
 * Kill tests for the EXTENDED COPY encoders' per-descriptor limits (issue 17): an 'other' segment
 * descriptor with the most parameter bytes its 16-bit DESCRIPTOR LENGTH holds. Public behaviour
 * only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid1ParameterList,
} from '../../src/parameter-list/index.js';
import { err, hexOf, LIST1, oth } from './extended-copy-fixtures.js';

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
