/**
 * A background WRITE USING TOKEN (IMMED = 1) into two destination ranges, one block per second
 * (issue 17, fifth session): each tick copies only the bytes the copy reached since the last one,
 * range by range. A block the host writes after the copy passed it keeps the host's data, and the
 * store holds exactly the blocks written (no empty or overlapping extents left by ranges a tick
 * does not reach). Through `execute()`, with the store's diagnostics.
 */
import { describe, expect, test } from 'vitest';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { A1, expectGood, Host, makeCm, pattern } from './helpers.js';

const BS = 512;
const block = (data: Uint8Array, i: number) => data.subarray(i * BS, (i + 1) * BS);

describe('background WRITE USING TOKEN, two destination ranges, 1 block/s', () => {
  test.each([
    ['written at once', false],
    ['written block by block (one extent each)', true],
  ])('each tick copies its own bytes only: source %s', (_, byBlock) => {
    const { cm, clock } = makeCm({ backgroundBytesPerSecond: BS });
    const h = new Host(cm, A1);
    const src = pattern(4, BS, 1);
    const d1 = pattern(4, BS, 2);
    const d2 = pattern(4, BS, 3);
    const hostData = pattern(1, BS, 4);
    if (byBlock) for (let i = 0; i < 4; i++) expectGood(h.write(0, i, block(src, i), BS));
    else expectGood(h.write(0, 0, src, BS));
    expectGood(h.write(0, 100, d1, BS));
    expectGood(h.write(0, 200, d2, BS));
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    const ranges = [
      { lba: 100, count: 2 },
      { lba: 200, count: 2 },
    ];
    expectGood(h.wut(0, 2, t, ranges, { immed: true }));
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      expectGood(h.rcs(0, 2)); // each command brings the copy up to the clock
      if (i === 0) expectGood(h.write(0, 100, hostData, BS)); // after the copy wrote block 100
    }
    expect(cm.runningCopies).toBe(0);
    const read = (lba: number, n: number) => h.read(0, lba, n).dataIn as Uint8Array;
    expect(read(100, 1)).toEqual(hostData);
    expect(read(101, 1)).toEqual(block(src, 1));
    expect(read(102, 2)).toEqual(d1.subarray(2 * BS));
    expect(read(200, 2)).toEqual(src.subarray(2 * BS));
    expect(read(202, 2)).toEqual(d2.subarray(2 * BS));
    const store = engineOf(cm).lus.get(0)?.store;
    // source (4 blocks), destination 1 (4) and destination 2 (4): 12 blocks mapped, no overlap
    expect(store?.mappedBytes).toBe(BigInt(12 * BS));
    // and its extents are non-empty, sorted and disjoint
    const exts = store?.image(0n, 1024n * BigInt(BS)).extents ?? [];
    for (const [i, e] of exts.entries()) {
      expect(e.end > e.start, `extent ${i} is empty or reversed`).toBe(true);
      if (i > 0) expect(e.start >= (exts[i - 1] as { end: bigint }).end, `extent ${i} overlaps`).toBe(true);
    }
  });
});
