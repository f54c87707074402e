import { describe, expect, test } from 'vitest';
import { A1, B2, expectGood, Host, makeCm, pattern } from './helpers.js';

describe('copy manager smoke', () => {
  test('dual-server flow: A populates on LUN 0, B writes on LUN 1 through another port', () => {
    const { cm } = makeCm();
    const a = new Host(cm, A1);
    const b = new Host(cm, B2);
    const data = pattern(16, 512, 3);
    expectGood(a.write(0, 100, data, 512));
    const token = a.token(0, 7, [{ lba: 100, count: 16 }]);
    expect(token.length).toBe(512);
    expectGood(b.wut(1, 9, token, [{ lba: 10, count: 2 }]));
    const info = b.rrti(1, 9);
    expect(info.copyOperationStatus).toBe(1);
    expect(info.transferCount).toBe(2n);
    const back = b.read(1, 10, 2);
    expectGood(back);
    expect(back.dataIn).toEqual(data);
  });
});
