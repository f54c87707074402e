/**
 * Issue 17 findings 6 and 9: the block device zero ROD token's reserved bytes, the sense key of
 * 55h/03h, data-out shorter than PARAMETER LIST LENGTH, and POPULATE TOKEN ranges of zero blocks.
 */
import { describe, expect, test } from 'vitest';
import { encodePopulateTokenCdb, encodeWriteUsingTokenCdb } from '../../src/cdb/index.js';
import { decodeRodToken } from '../../src/rod-token/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm, pattern, ptList, wutList, zeroToken } from './helpers.js';

const IR = 0x5;

function setup(options = {}) {
  const { cm, clock } = makeCm(options);
  return { cm, clock, a: new Host(cm, A1), b: new Host(cm, B1) };
}

describe('block device zero ROD token with non-zero reserved bytes (SBC-4 4.28.4; SPC-5 lets a recipient check)', () => {
  const cases: [number, number, number][] = [
    [4, 0x10, 4],
    [5, 0x01, 0],
    [8, 0x80, 7],
    [300, 0x06, 2],
    [511, 0xff, 7],
  ];
  for (const [at, value, bit] of cases) {
    test(`token byte ${at} = ${value.toString(16)}h: 23h/05h TOKEN CORRUPT at parameter byte ${16 + at} bit ${bit}; nothing written`, () => {
      const { a } = setup();
      const data = pattern(4, 512, 7);
      expectGood(a.write(0, 10, data, 512));
      const tok = zeroToken();
      tok[at] = value;
      expectSense(a.wut(0, 1, tok, [{ lba: 10, count: 4 }]), {
        key: IR,
        asc: 0x23,
        ascq: 0x05,
        pointer: { cd: false, field: 16 + at, bit },
      });
      expect(a.read(0, 10, 4).dataIn).toEqual(data);
    });
  }
  test('the exact zero token still zeroes the destination', () => {
    const { a } = setup();
    expectGood(a.write(0, 10, pattern(4, 512, 7), 512));
    expectGood(a.wut(0, 1, zeroToken(), [{ lba: 10, count: 4 }]));
    expect((a.read(0, 10, 4).dataIn as Uint8Array).every((x) => x === 0)).toBe(true);
  });
  test('a wrong ROD TOKEN LENGTH is still 23h/0Ah (checked first)', () => {
    const { a } = setup();
    const tok = zeroToken();
    tok[7] = 0xf0;
    tok[100] = 1;
    expectSense(a.wut(0, 1, tok, [{ lba: 10, count: 4 }]), { key: IR, asc: 0x23, ascq: 0x0a });
  });
});

describe('data-out shorter than PARAMETER LIST LENGTH', () => {
  test('POPULATE TOKEN: 1Ah/00h at PARAMETER LIST LENGTH (CDB byte 10); no token made', () => {
    const { cm, a } = setup();
    const list = ptList([{ lba: 0, count: 4 }]);
    const cdb = encodePopulateTokenCdb({ listIdentifier: 1, parameterListLength: 48, groupNumber: 0, control: 0 });
    expectSense(a.run(0, cdb, list), { key: IR, asc: 0x1a, ascq: 0, pointer: { cd: true, field: 10 } });
    expectSense(a.run(0, cdb), { key: IR, asc: 0x1a, ascq: 0, pointer: { cd: true, field: 10 } });
    expect(cm.liveTokenCount).toBe(0);
  });
  test('WRITE USING TOKEN: 1Ah/00h at PARAMETER LIST LENGTH (CDB byte 10); nothing written', () => {
    const { a } = setup();
    const data = pattern(2, 512, 3);
    expectGood(a.write(0, 0, data, 512));
    const list = wutList(zeroToken(), [{ lba: 0, count: 2 }]);
    const cdb = encodeWriteUsingTokenCdb({
      listIdentifier: 1,
      parameterListLength: list.length + 16,
      groupNumber: 0,
      control: 0,
    });
    expectSense(a.run(0, cdb, list), { key: IR, asc: 0x1a, ascq: 0, pointer: { cd: true, field: 10 } });
    expect(a.read(0, 0, 2).dataIn).toEqual(data);
  });
  test('more data-out than PARAMETER LIST LENGTH: the extra bytes are not part of the list', () => {
    const { a } = setup();
    const list = ptList([{ lba: 0, count: 4 }]);
    const padded = new Uint8Array(list.length + 64);
    padded.set(list);
    padded.fill(0xee, list.length);
    expectGood(a.populateRaw(0, 1, padded, list.length));
    expect(a.rrti(0, 1).transferCount).toBe(4n);
  });
});

describe('POPULATE TOKEN whose ranges all have zero blocks', () => {
  test('accepted: a token representing 0 bytes; any WRITE USING TOKEN with it → 26h/00h at OFFSET INTO ROD', () => {
    const { a, b } = setup();
    expectGood(a.populate(0, 1, [{ lba: 5, count: 0 }]));
    const info = a.rrti(0, 1);
    expect(info.transferCount).toBe(0n);
    const t = decodeRodToken(info.token as Uint8Array);
    expect(t.kind === 'generic' && t.numberOfBytesRepresented).toBe(0n);
    expectSense(b.wut(0, 2, info.token as Uint8Array, [{ lba: 0, count: 1 }]), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 8 },
    });
  });
});
