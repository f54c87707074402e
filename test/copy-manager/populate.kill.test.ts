/**
 * POPULATE TOKEN details the earlier kill tests left open (issue 17, fourth session): which ROD
 * types are point in time copies (persistent, and "any", which is made persistent), and range
 * descriptors of 0 blocks (they describe nothing: not counted, not part of a change-vulnerable
 * token's ranges). Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { ROD_TYPE } from '../../src/constants/rod-type.js';
import { A1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';

const IR = 0x05;

describe('point in time ROD types', () => {
  for (const [name, rodType] of [
    ['persistent', ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT],
    ['any (made persistent)', ROD_TYPE.POINT_IN_TIME_COPY_ANY],
    ['default', ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT],
  ] as const) {
    test(`${name}: the token keeps the data as it was when the token was made`, () => {
      const { cm } = makeCm();
      const h = new Host(cm, A1);
      const before = pattern(3, 512, 41);
      expectGood(h.write(0, 20, before, 512));
      const t = h.token(0, 1, [{ lba: 20, count: 3 }], { rtv: true, rodType });
      expectGood(h.write(0, 20, pattern(3, 512, 42), 512)); // the source changes after the token
      expectGood(h.wut(0, 2, t, [{ lba: 300, count: 3 }]));
      expect(h.read(0, 300, 3).dataIn).toEqual(before);
    });
  }

  test('change vulnerable: the token reads the source as it is now, and a write to it cancels the token', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.write(0, 20, pattern(2, 512, 43), 512));
    const t = h.token(0, 1, [{ lba: 20, count: 2 }], {
      rtv: true,
      rodType: ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
    });
    expectGood(h.write(1, 20, pattern(1, 4096, 44), 4096)); // another LU: no effect
    expectGood(h.wut(0, 2, t, [{ lba: 300, count: 2 }]));
    expect(h.read(0, 300, 2).dataIn).toEqual(pattern(2, 512, 43));
    expectGood(h.write(0, 21, pattern(1, 512, 45), 512));
    expectSense(h.wut(0, 3, t, [{ lba: 400, count: 2 }]), { key: IR, asc: 0x23, ascq: 0x08 });
  });
});

describe('range descriptors of 0 blocks', () => {
  test('not counted in OPERATION COUNTER; TRANSFER COUNT is the blocks of the others', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(
      h.populate(0, 1, [
        { lba: 10, count: 2 },
        { lba: 50, count: 0 },
        { lba: 60, count: 3 },
        { lba: 90, count: 0 },
      ]),
    );
    expect(h.rrti(0, 1)).toMatchObject({ operationCounter: 2, transferCount: 5n, copyOperationStatus: 0x01 });
  });

  test('a change-vulnerable token is not cancelled by a write over the LBA of its range of 0 blocks', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const data = pattern(2, 512, 46);
    expectGood(h.write(0, 10, data, 512));
    const t = h.token(
      0,
      1,
      [
        { lba: 10, count: 2 },
        { lba: 50, count: 0 },
      ],
      { rtv: true, rodType: ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE },
    );
    expectGood(h.write(0, 49, new Uint8Array(2 * 512), 512)); // blocks 49 and 50
    expectGood(h.wut(0, 2, t, [{ lba: 200, count: 2 }]));
    expect(h.read(0, 200, 2).dataIn).toEqual(data);
  });
});
