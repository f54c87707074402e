/**
 * READ (16) of blocks in the middle of what one WRITE (16) wrote (issue 17, fifth session): the
 * bytes come from the right offset inside the stored segment. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { A1, expectGood, Host, makeCm, pattern } from './helpers.js';

describe('READ (16) inside one written extent', () => {
  test('blocks 1 and 2 of 4 written at once', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const data = pattern(4, 512, 9);
    expectGood(h.write(0, 10, data, 512));
    const r = h.read(0, 11, 2);
    expectGood(r);
    expect(r.dataIn).toEqual(data.subarray(512, 1536));
  });
});
