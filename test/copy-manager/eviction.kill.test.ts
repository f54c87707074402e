/**
 * Per-nexus result eviction (issue 17): each I_T_L nexus keeps the results of at most
 * `maxResultsPerNexus` list identifiers (16 here: max(16, maxTokensPerNexus)); beyond that the
 * oldest results not of a running background copy are forgotten, so RRTI / RECEIVE COPY STATUS on
 * them answers 24h/00h. Written against `execute()` only; each test fails if eviction is removed,
 * if it starts one result early, or if it evicts the wrong one.
 */
import { describe, expect, test } from 'vitest';
import { A1, A2, expectGood, expectSense, Host, makeCm, parseRrti, zeroToken } from './helpers.js';

const LIMIT = 16;
const IR = 5;

/** A WRITE USING TOKEN of the block device zero token: one result per list identifier, no token. */
function zeroWrite(h: Host, lun: number, listId: number): void {
  expectGood(h.wut(lun, listId, zeroToken(), [{ lba: listId, count: 1 }]));
}

function kept(h: Host, lun: number, listId: number): boolean {
  const r = h.rcs(lun, listId);
  if (r.status === 0) return true;
  expectSense(r, { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  return false;
}

function keptIds(h: Host, lun: number, ids: Iterable<number>): number[] {
  return [...ids].filter((id) => kept(h, lun, id));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('per-nexus result eviction', () => {
  test('exactly maxResultsPerNexus results are kept; the next one evicts the oldest', () => {
    const { cm } = makeCm({ maxTokensPerNexus: LIMIT });
    const h = new Host(cm, A1);
    for (const id of range(1, LIMIT)) zeroWrite(h, 0, id);
    expect(keptIds(h, 0, range(1, LIMIT))).toEqual(range(1, LIMIT));
    zeroWrite(h, 0, LIMIT + 1);
    expect(keptIds(h, 0, range(1, LIMIT + 1))).toEqual(range(2, LIMIT + 1));
    for (const id of range(LIMIT + 2, LIMIT + 5)) zeroWrite(h, 0, id);
    expect(keptIds(h, 0, range(1, LIMIT + 5))).toEqual(range(6, LIMIT + 5));
  });

  test('a list identifier used again replaces its own result and counts once', () => {
    const { cm } = makeCm({ maxTokensPerNexus: LIMIT });
    const h = new Host(cm, A1);
    for (const id of range(1, LIMIT)) zeroWrite(h, 0, id);
    zeroWrite(h, 0, 1); // replaces list 1's result (now the newest)
    expect(keptIds(h, 0, range(1, LIMIT))).toEqual(range(1, LIMIT));
    zeroWrite(h, 0, LIMIT + 1); // evicts the oldest: list 2, not list 1
    expect(keptIds(h, 0, range(1, LIMIT + 1))).toEqual([1, ...range(3, LIMIT + 1)]);
  });

  test('the limit is max(16, maxTokensPerNexus): 20 with maxTokensPerNexus 20', () => {
    const { cm } = makeCm({ maxTokensPerNexus: 20 });
    const h = new Host(cm, A1);
    for (const id of range(1, 21)) zeroWrite(h, 0, id);
    expect(keptIds(h, 0, range(1, 21))).toEqual(range(2, 21));
  });

  test('the result of a running background copy is never evicted; the oldest finished one goes instead', () => {
    const { cm } = makeCm({ maxTokensPerNexus: LIMIT, backgroundBytesPerSecond: 1 << 20 });
    const h = new Host(cm, A1);
    expectGood(h.wut(0, 1, zeroToken(), [{ lba: 5000, count: 2048 }], { immed: true }));
    expect(cm.runningCopies).toBe(1);
    for (const id of range(2, LIMIT + 2)) zeroWrite(h, 0, id);
    expect(keptIds(h, 0, range(1, LIMIT + 2))).toEqual([1, ...range(4, LIMIT + 2)]);
    const r = h.rcs(0, 1);
    expectGood(r);
    expect(parseRrti(r.dataIn as Uint8Array, false).copyOperationStatus).toBe(0x12);
  });

  test('counted per I_T_L nexus: another LU and another nexus keep their own results', () => {
    const { cm } = makeCm({ maxTokensPerNexus: LIMIT });
    const a = new Host(cm, A1);
    const other = new Host(cm, A2);
    for (const id of range(1, LIMIT)) {
      zeroWrite(a, 1, id);
      zeroWrite(other, 0, id);
    }
    for (const id of range(1, LIMIT + 1)) zeroWrite(a, 0, id);
    expect(keptIds(a, 0, range(1, LIMIT + 1))).toEqual(range(2, LIMIT + 1));
    expect(keptIds(a, 1, range(1, LIMIT))).toEqual(range(1, LIMIT));
    expect(keptIds(other, 0, range(1, LIMIT))).toEqual(range(1, LIMIT));
  });

  test('an evicted POPULATE TOKEN result is gone from RRTI, but its ROD token stays usable', () => {
    const { cm } = makeCm({ maxTokensPerNexus: LIMIT });
    const h = new Host(cm, A1);
    const token = h.token(0, 1, [{ lba: 100, count: 4 }]);
    for (const id of range(2, LIMIT + 1)) zeroWrite(h, 0, id);
    expect(kept(h, 0, 1)).toBe(false);
    expectGood(h.wut(0, 99, token, [{ lba: 200, count: 4 }]));
  });
});
