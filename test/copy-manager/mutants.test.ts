/**
 * Copy-manager tests aimed at mutation survivors listed in issue 17: the FIELD POINTER of a range
 * descriptor at several indices (16 * i), constructor option checks at their limits, and the
 * per-nexus token cap exactly at its limit.
 */
import { describe, expect, it } from 'vitest';
import { CopyManager } from '../../src/copy-manager/index.js';
import { A1, Host, makeCm, senseSummary } from './helpers.js';

describe('FIELD POINTER of the offending range descriptor', () => {
  it('moves by 16 bytes per descriptor index', () => {
    const pointers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { cm } = makeCm();
      const h = new Host(cm, A1);
      const ranges = Array.from({ length: 4 }, (_, k) => ({ lba: k * 100, count: 8 }));
      ranges[i] = { lba: 2 ** 20, count: 8 }; // beyond the 2^20-block capacity of LUN 0
      const r = h.populate(0, 10 + i, ranges);
      expect(r.status).toBe(2);
      const s = senseSummary(r.senseData as Uint8Array);
      expect([s.key, s.asc]).toEqual([5, 0x21]);
      pointers.push(s.pointer?.field ?? -1);
    }
    expect(pointers.map((p) => p - (pointers[0] as number))).toEqual([0, 16, 32, 48]);
    expect(pointers[0]).toBe(16);
  });
});

describe('constructor option checks at their limits', () => {
  const make = (lu: Record<string, unknown>) => () =>
    new CopyManager({ logicalUnits: [{ blockSize: 512, capacity: 8n, ...lu }] as never });
  it('LUN 0..16383, unique', () => {
    expect(make({ lun: 16383 })).not.toThrow();
    expect(make({ lun: 0 })).not.toThrow();
    expect(make({ lun: 16384 })).toThrow(RangeError);
    expect(make({ lun: -1 })).toThrow(RangeError);
    expect(make({ lun: 1.5 })).toThrow(RangeError);
    expect(
      () =>
        new CopyManager({
          logicalUnits: [
            { lun: 3, blockSize: 512, capacity: 8n },
            { lun: 3, blockSize: 512, capacity: 8n },
          ],
        }),
    ).toThrow('invalid or duplicate LUN 3');
  });
  it('block size 1..FFFFFFh, capacity 1..2^64 blocks', () => {
    expect(make({ blockSize: 1 })).not.toThrow();
    expect(make({ blockSize: 0xffffff })).not.toThrow();
    expect(make({ blockSize: 0 })).toThrow('invalid block size 0');
    expect(make({ blockSize: 0x1000000 })).toThrow(RangeError);
    expect(make({ blockSize: 2.5 })).toThrow(RangeError);
    expect(make({ capacity: 1n })).not.toThrow();
    expect(make({ capacity: 1n << 64n })).not.toThrow();
    expect(make({ capacity: 0n })).toThrow('invalid capacity 0');
    expect(make({ capacity: (1n << 64n) + 1n })).toThrow(RangeError);
    expect(make({ capacity: 8 })).toThrow(RangeError);
  });
});

describe('per-nexus token cap', () => {
  it('exactly maxTokensPerNexus live tokens per nexus; the next POPULATE TOKEN is refused', () => {
    const { cm } = makeCm({ maxTokensPerNexus: 16 });
    const h = new Host(cm, A1);
    for (let id = 1; id <= 16; id++) expect(h.populate(0, id, [{ lba: id * 10, count: 1 }]).status).toBe(0);
    const r = h.populate(0, 17, [{ lba: 500, count: 1 }]);
    expect(r.status).toBe(2);
    expect(h.rrtiRaw(0, 1).status).toBe(0);
    expect(h.rrtiRaw(0, 16).status).toBe(0);
  });
});
