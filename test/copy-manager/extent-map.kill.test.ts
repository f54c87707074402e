/**
 * ExtentMap keeps no empty extents (issue 17, fourth session): zeroing or pasting over exactly the
 * start or exactly the end of an extent leaves only the part outside the range, so repeated
 * overwrites at extent boundaries cannot grow the extent list. `extentCount` and `mappedBytes` are
 * the store's diagnostics (the large-LU tests use them too).
 */
import { describe, expect, test } from 'vitest';
import { ExtentMap, zeroImage } from '../../src/copy-manager/extent-map.js';

function filled(n: number, v: number): Uint8Array {
  return new Uint8Array(n).fill(v);
}

describe('ExtentMap at extent boundaries', () => {
  test('zeroing the first half of an extent: one extent left, the second half', () => {
    const m = new ExtentMap();
    m.write(0n, filled(1024, 1));
    m.zero(0n, 512n);
    expect([m.extentCount, m.mappedBytes]).toEqual([1, 512n]);
    expect(m.read(0n, 1024)).toEqual(new Uint8Array([...filled(512, 0), ...filled(512, 1)]));
  });

  test('zeroing the second half of an extent: one extent left, the first half', () => {
    const m = new ExtentMap();
    m.write(0n, filled(1024, 1));
    m.zero(512n, 512n);
    expect([m.extentCount, m.mappedBytes]).toEqual([1, 512n]);
    expect(m.read(0n, 1024)).toEqual(new Uint8Array([...filled(512, 1), ...filled(512, 0)]));
  });

  test('a thousand overwrites at the start and at the end of extents keep the list short', () => {
    const m = new ExtentMap();
    m.write(0n, filled(4096, 1));
    for (let i = 0; i < 1000; i++) {
      m.paste(0n, zeroImage(512n), 0n, 512n); // exactly the start of the extent after it
      m.paste(3584n, zeroImage(512n), 0n, 512n); // exactly the end of the extent before it
    }
    expect([m.extentCount, m.mappedBytes]).toEqual([1, 3072n]);
  });

  test('a write inside one unshared extent, from its first byte or to its last, goes in place', () => {
    const m = new ExtentMap();
    m.write(0n, filled(1024, 1));
    const writes: [bigint, Uint8Array][] = [
      [0n, filled(512, 2)], // from the first byte
      [512n, filled(512, 3)], // to the last byte
      [0n, filled(1024, 4)], // all of it
      [100n, filled(10, 5)],
    ];
    for (const [pos, bytes] of writes) {
      m.write(pos, bytes);
      expect([m.extentCount, m.mappedBytes]).toEqual([1, 1024n]);
    }
    const want = filled(1024, 4);
    want.fill(5, 100, 110);
    expect(m.read(0n, 1024)).toEqual(want);
  });

  test('a write over an extent an image shares makes a new segment: the image keeps the old bytes', () => {
    const m = new ExtentMap();
    m.write(0n, filled(1024, 1));
    const img = m.image(0n, 1024n);
    m.write(0n, filled(512, 2));
    expect(m.extentCount).toBe(2);
    const copy = new ExtentMap();
    copy.paste(0n, img, 0n, 1024n);
    expect(copy.read(0n, 1024)).toEqual(filled(1024, 1));
  });
});
