/**
 * Shortcuts of the ODX cycle (bench/suites/copy-manager.mjs), pinned: `execute()` reads the clock
 * once per command (and every reading outside a command is the clock's own), and a WRITE USING
 * TOKEN presenting the token last encoded compares its bytes once, not twice; `equalBytes`
 * compares 4 bytes at a time when both arrays start 4-byte aligned, byte by byte otherwise.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Clock } from '../../src/copy-manager/clock.js';
import { FaultError } from '../../src/copy-manager/fault.js';
import { makeTokenFormat } from '../../src/copy-manager/token-format.js';
import { equalBytes, TokenTable } from '../../src/copy-manager/tokens.js';
import type { CopyManagerLimits, TokenRec } from '../../src/copy-manager/types.js';
import { ROD_TYPE } from '../../src/rod-token/index.js';
import { A1, expectGood, Host, makeCm, zeroToken } from './helpers.js';

/** A clock that counts its readings and moves 1 ms at each. */
function countingClock(): Clock & { reads: number } {
  const c = {
    reads: 0,
    now() {
      c.reads++;
      return 1_000_000 + c.reads;
    },
  };
  return c;
}

describe('execute() reads the clock once per command', () => {
  test('POPULATE TOKEN, RRTI, WRITE USING TOKEN (DEL_TKN), RRTI: one reading each', () => {
    const clock = countingClock();
    const { cm } = makeCm({ clock });
    const h = new Host(cm, A1);
    const before = clock.reads;
    const token = h.token(0, 1, [{ lba: 0, count: 8 }]);
    expect(clock.reads - before).toBe(2);
    expectGood(h.wut(0, 2, token, [{ lba: 100, count: 8 }], { delTkn: true }));
    expect(clock.reads - before).toBe(3);
    expect(h.rrti(0, 2).copyOperationStatus).toBe(1);
    expect(clock.reads - before).toBe(4);
  });

  test('a request of the wrong shape reads nothing; outside a command every reading is the clock’s', () => {
    const clock = countingClock();
    const { cm } = makeCm({ clock });
    const before = clock.reads;
    expect(() => cm.execute({ nexus: A1, lun: 0, cdb: [0] as unknown as Uint8Array })).toThrow();
    expect(clock.reads).toBe(before);
    expect(cm.liveTokenCount).toBe(0);
    expect(cm.liveTokenCount).toBe(0);
    expect(clock.reads).toBe(before + 2);
  });

  test('a command that throws (a failing random source) releases the time too', () => {
    const clock = countingClock();
    let fail = false;
    const { cm } = makeCm({
      clock,
      random: (b) => {
        if (fail) throw new Error('no entropy');
        b.fill(7);
      },
    });
    const h = new Host(cm, A1);
    fail = true;
    expect(() => h.populate(0, 1, [{ lba: 0, count: 1 }])).toThrow('no entropy');
    const before = clock.reads;
    expect(cm.liveTokenCount).toBe(0);
    expect(clock.reads).toBe(before + 1);
  });
});

function setup() {
  const naa = Uint8Array.of(0x31, 1, 2, 3, 4, 5, 0, 0);
  const limits = { maxLiveTokens: 16, maxTokensPerNexus: 16, maxInvalidationRecords: 16 } as CopyManagerLimits;
  const table = new TokenTable(limits, { now: () => 0 }, makeTokenFormat(naa), () => {});
  const rec = {
    op: undefined,
    id: table.newId(),
    secret: 's'.repeat(32),
    rodType: ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
    lu: { naa, blockSize: 512, cvTokens: new Set() },
    bytes: 4096n,
    inactivityMs: 1000,
    lastUse: 0,
    owner: 'n',
  } as unknown as TokenRec;
  table.add(rec);
  const bytes = table.tokenBytes(rec).slice();
  return { table, rec, bytes };
}

describe('TokenTable: the bytes classify has matched are not compared again', () => {
  /** How many times `presented` compares (it encodes, or takes from the cache, the token's bytes for that). */
  function compares(table: TokenTable): () => number {
    const spy = vi.spyOn(table, 'tokenBytes');
    return () => spy.mock.calls.length;
  }

  test('classify hit, then presented with the same array: no second compare, once', () => {
    const { table, rec, bytes } = setup();
    const n = compares(table);
    expect(table.classify(bytes)).toStrictEqual({ kind: 'ours', id: rec.id });
    expect(table.presented(rec.id, bytes, 0)).toBe(rec);
    expect(n()).toBe(0);
    // one use: presenting the same array again compares it
    expect(table.presented(rec.id, bytes, 0)).toBe(rec);
    expect(n()).toBe(1);
  });

  test('another array, or a classify in between that does not match, is compared', () => {
    const { table, rec, bytes } = setup();
    const n = compares(table);
    table.classify(bytes);
    expect(table.presented(rec.id, bytes.slice(), 0)).toBe(rec);
    expect(n()).toBe(1);
    table.classify(bytes);
    expect(table.classify(zeroToken())).toStrictEqual({ kind: 'zero' });
    expect(table.presented(rec.id, bytes, 0)).toBe(rec);
    expect(n()).toBe(2);
  });

  test('a matched array presented for another live token is compared with that token’s bytes', () => {
    const { table, rec, bytes } = setup();
    const other = { ...rec, id: table.newId() } as TokenRec;
    table.add(other);
    const otherBytes = table.tokenBytes(other).slice();
    expect(table.classify(otherBytes)).toStrictEqual({ kind: 'ours', id: other.id });
    expect(() => table.presented(rec.id, otherBytes, 0)).toThrow(FaultError);
    expect(table.presented(rec.id, bytes, 0)).toBe(rec);
  });

  test('a matched array presented for another (dead) identifier is still compared', () => {
    const { table, rec, bytes } = setup();
    table.classify(bytes);
    table.invalidate(rec, 'spc.rod-token.deleted', 0);
    const rule = (() => {
      try {
        table.presented(rec.id, bytes, 0);
      } catch (e) {
        if (e instanceof FaultError) return e.fault.rule;
        throw e;
      }
      return 'live';
    })();
    expect(rule).toBe('spc.rod-token.deleted');
  });
});

describe('equalBytes', () => {
  /** `bytes` at byte offset `at` of a larger buffer. */
  const at = (bytes: Uint8Array, off: number): Uint8Array => {
    const b = new Uint8Array(off + bytes.length + 3);
    b.set(bytes, off);
    return b.subarray(off, off + bytes.length);
  };
  const lengths = [0, 1, 3, 4, 5, 8, 500, 511, 512];

  test('equal and unequal byte strings, aligned or not, any length, a difference anywhere', () => {
    for (const n of lengths) {
      const x = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      for (const offA of [0, 1, 2, 3, 4]) {
        for (const offB of [0, 1, 2, 4]) {
          expect(equalBytes(at(x, offA), at(x, offB))).toBe(true);
          for (const i of new Set([0, 1, 3, 4, n - 4, n - 3, n - 1].filter((k) => k >= 0 && k < n))) {
            const y = x.slice();
            y[i] = (y[i] as number) ^ 0x80;
            expect(equalBytes(at(x, offA), at(y, offB))).toBe(false);
            expect(equalBytes(at(y, offA), at(x, offB))).toBe(false);
          }
        }
      }
      expect(equalBytes(x, x.subarray(0, Math.max(0, n - 1)))).toBe(n === 0);
    }
  });
});
