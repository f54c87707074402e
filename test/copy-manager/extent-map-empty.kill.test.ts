/**
 * ExtentMap: zeroing or pasting 0 bytes inside an extent changes nothing, not even how the bytes
 * are split into extents (issue 17, fifth session). `extentCount` is the store's diagnostic.
 */
import { describe, expect, test } from 'vitest';
import { ExtentMap, zeroImage } from '../../src/copy-manager/extent-map.js';

describe('ExtentMap, 0-byte ranges', () => {
  test('zero(pos, 0) in the middle of an extent keeps one extent', () => {
    const m = new ExtentMap();
    m.write(0n, new Uint8Array(1024).fill(7));
    m.zero(512n, 0n);
    expect([m.extentCount, m.mappedBytes]).toEqual([1, 1024n]);
  });

  test('paste of 0 bytes in the middle of an extent keeps one extent', () => {
    const m = new ExtentMap();
    m.write(0n, new Uint8Array(1024).fill(7));
    m.paste(512n, zeroImage(512n), 0n, 0n);
    expect([m.extentCount, m.mappedBytes]).toEqual([1, 1024n]);
    expect(m.read(0n, 1024)).toEqual(new Uint8Array(1024).fill(7));
  });
});
