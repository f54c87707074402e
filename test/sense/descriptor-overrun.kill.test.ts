/**
 * Descriptor-format sense data whose last descriptor declares 1-3 bytes more than the sense data
 * holds (issue 17, a survivor of the sense-data.ts mutation run: no test had a descriptor running
 * just past the end). The descriptors before it are kept, the short one is dropped with an issue
 * at its ADDITIONAL LENGTH byte, and strict decoding refuses it there.
 */
import { describe, expect, it } from 'vitest';
import { isScsiCodecError } from '../../src/errors.js';
import { decodeSenseData } from '../../src/sense/index.js';

/** 72h, ILLEGAL REQUEST 24h/00h, a sense key specific descriptor (02h, 8 bytes), then an
 * INFORMATION descriptor (00h, ADDITIONAL LENGTH 0Ah) cut `short` bytes before its end. */
function overrun(short: number): Uint8Array {
  const sks = [0x02, 0x06, 0x00, 0x00, 0xcf, 0x00, 0x02, 0x00];
  const info = [0x00, 0x0a, 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0x12, 0x34].slice(0, 12 - short);
  const body = [...sks, ...info];
  return Uint8Array.from([0x72, 0x05, 0x24, 0x00, 0, 0, 0, body.length, ...body]);
}

describe('descriptor sense: a last descriptor running 1-3 bytes past the end', () => {
  for (const short of [1, 2, 3]) {
    it(`${short} byte(s) short: kept descriptors, one issue at its ADDITIONAL LENGTH (byte 17)`, () => {
      const b = overrun(short);
      const v = decodeSenseData(b);
      if (v.kind !== 'descriptor') throw new Error('expected descriptor format');
      expect(v.descriptors.map((d) => d.kind)).toEqual(['senseKeySpecific']);
      expect((v.issues ?? []).map((i) => [i.code, i.field, i.offset, i.message])).toEqual([
        [
          'ERR_TRUNCATED',
          'additionalLength',
          17,
          `descriptor 0x00 declares 10 bytes, only ${10 - short} left; dropped`,
        ],
      ]);
      let thrown: unknown;
      try {
        decodeSenseData(b, { strict: true });
      } catch (e) {
        thrown = e;
      }
      expect(isScsiCodecError(thrown)).toBe(true);
      if (!isScsiCodecError(thrown)) return;
      expect([thrown.code, thrown.field, thrown.offset]).toEqual(['ERR_TRUNCATED', 'additionalLength', 17]);
    });
  }
  it('exactly filled: both descriptors, no issue', () => {
    const v = decodeSenseData(overrun(0), { strict: true });
    if (v.kind !== 'descriptor') throw new Error('expected descriptor format');
    expect(v.descriptors.map((d) => d.kind)).toEqual(['senseKeySpecific', 'information']);
    expect(v.issues).toBeUndefined();
  });
});
