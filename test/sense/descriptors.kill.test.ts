/**
 * Sense data descriptors, generic part (issue 17, third mutation session): ADDITIONAL LENGTH
 * checks of fixed-size and variable types with their exact issue texts, descriptors kept raw,
 * the encoder's errors for an unknown kind or raw bytes of the wrong type, and the ATA status
 * return descriptor's LBA byte order (SAT). Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  type DescriptorSenseData,
  decodeSenseData,
  encodeSenseData,
  type SenseDataDescriptor,
} from '../../src/sense/index.js';
import { err, h, withDescriptors } from './kill-helpers.js';

const decoded = (b: Uint8Array) => decodeSenseData(b) as DescriptorSenseData;
const header = {
  kind: 'descriptor',
  responseCode: 0x72,
  senseKey: 5,
  additionalSenseCode: 0x24,
  additionalSenseCodeQualifier: 0,
  sdatOvfl: false,
} as const;

describe('ADDITIONAL LENGTH of a descriptor', () => {
  it('fixed-size type, one byte short: kept raw with the exact issue', () => {
    const b = withDescriptors('00 09 80 00 00 00 00 00 00 00 2a');
    const s = decoded(b);
    expect(s.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0, bytes: h('80 00 00 00 00 00 00 00 2a') }]);
    expect(s.issues?.map((i) => [i.code, i.structure, i.field, i.offset, i.message])).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'SenseDataDescriptor',
        'additionalLength',
        9,
        'descriptor 0x00 must have ADDITIONAL LENGTH 0x0a, got 0x09; kept raw',
      ],
    ]);
    expect(encodeSenseData(s)).toEqual(b);
  });
  it('fixed-size type, one byte long: decoded, the issue says no more', () => {
    const s = decoded(withDescriptors('00 0b 80 00 00 00 00 00 00 00 00 2a 00'));
    expect(s.descriptors).toEqual([{ kind: 'information', valid: true, information: 42n }]);
    expect(s.issues?.map((i) => i.message)).toEqual(['descriptor 0x00 must have ADDITIONAL LENGTH 0x0a, got 0x0b']);
  });
  it('fixed-size type, exact: no issue', () => {
    expect(decoded(withDescriptors('00 0a 80 00 00 00 00 00 00 00 00 2a')).issues).toBeUndefined();
  });
  it('variable types below their minimum are kept raw; at the minimum decoded', () => {
    for (const [type, min] of [
      ['0b', 2],
      ['0c', 2],
      ['0e', 2],
    ] as const) {
      const s = decoded(withDescriptors(`${type} 01 00`));
      expect(s.descriptors, type).toEqual([
        { kind: 'unknown', descriptorType: Number.parseInt(type, 16), bytes: h('00') },
      ]);
      expect(
        s.issues?.map((i) => [i.field, i.offset, i.message]),
        type,
      ).toEqual([['additionalLength', 9, `descriptor 0x${type} needs at least ${min}; kept raw`]]);
    }
    // OSD descriptors have no minimum.
    expect(decoded(withDescriptors('06 01 00')).descriptors).toEqual([
      { kind: 'osdObjectIdentification', bytes: h('00') },
    ]);
  });
  it('unknown and vendor types are kept raw without an issue', () => {
    const s = decoded(withDescriptors('10 02 ab cd 80 00'));
    expect(s.descriptors).toEqual([
      { kind: 'unknown', descriptorType: 0x10, bytes: h('ab cd') },
      { kind: 'unknown', descriptorType: 0x80, bytes: new Uint8Array(0) },
    ]);
    expect(s.issues).toBeUndefined();
  });
});

describe('encoding descriptors', () => {
  const encode = (descriptors: unknown[]) => encodeSenseData({ ...header, descriptors } as never);
  it('an unknown kind is named with its offset', () => {
    expect(err(() => encode([{ kind: 'nope' }]))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'kind',
      offset: 8,
      detail: 'unknown descriptor kind "nope"',
    });
    expect(
      err(() => encode([{ kind: 'information', valid: true, information: 1n }, { kind: 'toString' }])),
    ).toMatchObject({ field: 'kind', offset: 20, detail: 'unknown descriptor kind "toString"' });
  });
  it('raw descriptor bytes must be a Uint8Array; written after the header', () => {
    expect(err(() => encode([{ kind: 'unknown', descriptorType: 0x80, bytes: [1] }]))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'data',
      offset: 10,
      detail: 'not a Uint8Array',
    });
    expect(encode([{ kind: 'unknown', descriptorType: 0x81, bytes: h('0102') }])).toEqual(
      withDescriptors('81 02 01 02'),
    );
  });
});

describe('ATA status return descriptor (09h): LBA in SAT byte order', () => {
  const bytes = withDescriptors('09 0c 01 02 03 04 a1 b1 a2 b2 a3 b3 40 50');
  const ata: SenseDataDescriptor = {
    kind: 'ataStatusReturn',
    extend: true,
    error: 2,
    count: 0x0304,
    lba: 0xa3a2a1_b3b2b1,
    device: 0x40,
    status: 0x50,
  };
  it('bytes 6, 8, 10 hold LBA bits 23:0 of the high half; 7, 9, 11 the low half', () => {
    expect(decoded(bytes).descriptors).toEqual([ata]);
    expect(decodeSenseData(bytes, { strict: true })).toEqual({ ...header, descriptors: [ata] });
    expect(encodeSenseData({ ...header, descriptors: [ata] })).toEqual(bytes);
  });
  it('the largest LBA fits; 2^48 does not', () => {
    const max = { ...ata, lba: 2 ** 48 - 1 };
    const b = encodeSenseData({ ...header, descriptors: [max] });
    expect([...b.subarray(14, 20)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(decoded(b).descriptors).toEqual([max]);
    expect(err(() => encodeSenseData({ ...header, descriptors: [{ ...ata, lba: 2 ** 48 }] }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'lba',
      offset: 14,
    });
  });
});
