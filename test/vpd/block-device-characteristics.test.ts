import { describe, expect, it } from 'vitest';
import { arbBlockDeviceCharacteristicsVpdPage } from '../../src/arbitraries/vpd.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import {
  type BlockDeviceCharacteristicsVpdPage,
  decodeBlockDeviceCharacteristicsVpdPage,
  encodeBlockDeviceCharacteristicsVpdPage,
  MEDIUM_ROTATION_RATE,
} from '../../src/vpd/block-device-characteristics.js';
import { decodeVpdPage, encodeVpdPage } from '../../src/vpd/vpd-page.js';
import { describeLaws } from '../laws.js';
import { h } from './hex.js';

describeLaws({
  name: 'BlockDeviceCharacteristicsVpdPage',
  arb: arbBlockDeviceCharacteristicsVpdPage(),
  encode: encodeBlockDeviceCharacteristicsVpdPage,
  decode: decodeBlockDeviceCharacteristicsVpdPage,
});
describeLaws({
  name: 'VpdPage (B1h)',
  arb: arbBlockDeviceCharacteristicsVpdPage(),
  encode: encodeVpdPage,
  decode: decodeVpdPage,
});

function codecError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const PAGE: BlockDeviceCharacteristicsVpdPage = {
  kind: 'blockDeviceCharacteristics',
  peripheralQualifier: 0,
  peripheralDeviceType: 0,
  mediumRotationRate: 0x1c20, // 7200 rpm
  productType: 0x05,
  wabereq: 1,
  wacereq: 2,
  nominalFormFactor: 3,
  mact: true,
  zoned: 1,
  rbwz: false,
  bocs: true,
  fuab: false,
  vbuls: true,
  depopulationTime: 0x00012345,
};
// byte 7: WABEREQ 01b, WACEREQ 10b, form factor 3h = 63h; byte 8: MACT, ZONED 01b, BOCS, VBULS = 55h
const BYTES = h(`00 b1 00 3c 1c 20 05 63 55 00 00 00 00 01 23 45 ${'00 '.repeat(48)}`);

describe('Block Device Characteristics VPD page (B1h)', () => {
  it('encodes and decodes every field at its SBC-4 position', () => {
    expect(BYTES.length).toBe(64);
    expect(encodeBlockDeviceCharacteristicsVpdPage(PAGE)).toEqual(BYTES);
    expect(decodeBlockDeviceCharacteristicsVpdPage(BYTES, { strict: true })).toEqual(PAGE);
    expect(decodeVpdPage(BYTES)).toEqual(PAGE);
  });

  it('non-rotating medium is 0001h', () => {
    const b = encodeBlockDeviceCharacteristicsVpdPage({
      ...PAGE,
      mediumRotationRate: MEDIUM_ROTATION_RATE.NON_ROTATING,
    });
    expect([b[4], b[5]]).toEqual([0x00, 0x01]);
  });

  it('reserved bits and bytes: strict refuses them (with the offset), lenient ignores them', () => {
    for (const [at, v, bit] of [
      [8, 0x80, 7],
      [9, 0x01, 0],
      [11, 0x40, 6],
      [16, 0x02, 1],
      [63, 0x80, 7],
    ] as const) {
      const b = BYTES.slice();
      b[at] = (b[at] as number) | v;
      const e = codecError(() => decodeBlockDeviceCharacteristicsVpdPage(b, { strict: true }));
      expect(e.code).toBe('ERR_RESERVED_NONZERO');
      expect(e.offset).toBe(at);
      expect(e.bit).toBe(bit);
      expect(decodeBlockDeviceCharacteristicsVpdPage(b)).toEqual(PAGE);
    }
  });

  it('PAGE LENGTH other than 003Ch: an issue when lenient, ERR_LENGTH_MISMATCH when strict', () => {
    const short = BYTES.slice(0, 16);
    short[3] = 0x0c;
    const p = decodeBlockDeviceCharacteristicsVpdPage(short);
    expect(p.depopulationTime).toBe(0x12345);
    expect(p.issues?.map((i) => i.code)).toEqual(['ERR_LENGTH_MISMATCH']);
    expect(codecError(() => decodeBlockDeviceCharacteristicsVpdPage(short, { strict: true })).code).toBe(
      'ERR_LENGTH_MISMATCH',
    );
  });

  it('needs the bytes through DEPOPULATION TIME; refuses another PAGE CODE', () => {
    expect(codecError(() => decodeBlockDeviceCharacteristicsVpdPage(BYTES.slice(0, 15))).code).toBe('ERR_TRUNCATED');
    const b0 = BYTES.slice();
    b0[1] = 0xb0;
    expect(codecError(() => decodeBlockDeviceCharacteristicsVpdPage(b0)).code).toBe('ERR_UNEXPECTED_VALUE');
  });

  it('refuses values that do not fit their fields', () => {
    for (const bad of [
      { mediumRotationRate: 0x10000 },
      { productType: 256 },
      { wabereq: 4 },
      { wacereq: -1 },
      { nominalFormFactor: 16 },
      { zoned: 4 },
      { depopulationTime: 2 ** 32 },
    ]) {
      expect(codecError(() => encodeBlockDeviceCharacteristicsVpdPage({ ...PAGE, ...bad })).code).toBe(
        'ERR_FIELD_RANGE',
      );
    }
  });
});
