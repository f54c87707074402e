/**
 * TokenTable's invalidation records: beyond `maxInvalidationRecords` the oldest record still held is
 * forgotten, also when `sweep` has already forgotten records in the middle or at the front, and
 * whatever order the tokens die in (not their identifier order).
 */
import { describe, expect, test } from 'vitest';
import { FaultError } from '../../src/copy-manager/fault.js';
import { TokenTable } from '../../src/copy-manager/tokens.js';
import {
  type CopyManagerLimits,
  TOKEN_SECRET_LENGTH,
  type TokenFormat,
  type TokenRec,
} from '../../src/copy-manager/types.js';

const format: TokenFormat = {
  encode: (rec) => Uint8Array.of(rec.id & 0xff, rec.id >> 8),
  classify: () => ({ kind: 'zero' }),
};

function setup(maxInvalidationRecords: number) {
  let now = 0;
  const clock = { now: () => now };
  const limits = { maxLiveTokens: 1 << 20, maxTokensPerNexus: 1 << 20, maxInvalidationRecords } as CopyManagerLimits;
  const table = new TokenTable(limits, clock, format, () => {});
  const lu = { cvTokens: new Set() };
  /** A live token dying (DEL_TKN) now; `inactivityMs` sets how long its record lasts (2x, at least 60 s). */
  const make = (inactivityMs: number): TokenRec => {
    const rec = {
      id: table.newId(),
      owner: 'n',
      lu,
      lastUse: now,
      inactivityMs,
      secret: 's'.repeat(TOKEN_SECRET_LENGTH),
      bytes: 0n,
      rodType: 0,
    } as unknown as TokenRec;
    table.add(rec);
    return rec;
  };
  const kill = (rec: TokenRec) => table.invalidate(rec, 'spc.rod-token.deleted', now);
  /** The rule a presentation of the dead token's exact bytes answers with. */
  const ruleOf = (rec: TokenRec): string => {
    try {
      table.presented(rec.id, format.encode(rec), now);
    } catch (e) {
      if (e instanceof FaultError) return e.fault.rule ?? '';
      throw e;
    }
    return 'live';
  };
  return {
    table,
    make,
    kill,
    ruleOf,
    advance: (ms: number) => {
      now += ms;
    },
    sweep: () => table.sweep(now),
  };
}

describe('TokenTable invalidation records', () => {
  test('the oldest record still held is forgotten, in the order the tokens died', () => {
    const { make, kill, ruleOf, table } = setup(3);
    const [a, b, c, d] = [make(1000), make(1000), make(1000), make(1000)] as [TokenRec, TokenRec, TokenRec, TokenRec];
    // die out of identifier order: c, a, d, b
    for (const t of [c, a, d]) kill(t);
    expect([c, a, d].map(ruleOf)).toEqual(Array(3).fill('spc.rod-token.deleted'));
    kill(b); // 4 records, room for 3: c (the first to die) goes
    expect(ruleOf(c)).toBe('spc.rod-token.unknown');
    expect([a, d, b].map(ruleOf)).toEqual(Array(3).fill('spc.rod-token.deleted'));
    expect(table.census().invalid).toBe(3);
  });

  test('records swept before the limit is reached are passed over, the next oldest goes', () => {
    const { make, kill, ruleOf, advance, sweep, table } = setup(3);
    const short = make(1000); // record kept 60 s
    const long1 = make(100_000); // record kept 200 s
    const long2 = make(100_000);
    kill(short);
    kill(long1);
    kill(long2);
    advance(60_001);
    sweep(); // forgets `short` (the front of the order)
    expect(table.census().invalid).toBe(2);
    const x = make(100_000);
    const y = make(100_000);
    kill(x); // 3 records: no trim
    expect([long1, long2, x].map(ruleOf)).toEqual(Array(3).fill('spc.rod-token.deleted'));
    kill(y); // 4 records: long1 goes, not a record already swept
    expect(ruleOf(long1)).toBe('spc.rod-token.unknown');
    expect([long2, x, y].map(ruleOf)).toEqual(Array(3).fill('spc.rod-token.deleted'));
    expect(table.census().invalid).toBe(3);
  });

  test('many records, sweeps in between: the same records as a list model', () => {
    const limit = 50;
    const { make, kill, ruleOf, advance, sweep, table } = setup(limit);
    let now = 0;
    /** The model: records in the order the tokens died, each with the time it lasts until. */
    let model: { t: TokenRec; until: number }[] = [];
    const dead: TokenRec[] = [];
    for (let i = 0; i < 2000; i++) {
      // every 7th record is short-lived; a sweep every 100 deaths forgets the expired ones
      const ms = i % 7 === 0 ? 1000 : 10_000_000;
      const t = make(ms);
      kill(t);
      dead.push(t);
      model.push({ t, until: now + Math.max(2 * ms, 60_000) });
      if (model.length > limit) model.shift();
      if (i % 100 === 99) {
        advance(60_001);
        now += 60_001;
        sweep();
        model = model.filter((m) => m.until >= now);
      }
      expect(table.census().invalid).toBe(model.length);
    }
    const kept = new Set(model.map((m) => m.t));
    for (const t of dead) expect(ruleOf(t)).toBe(kept.has(t) ? 'spc.rod-token.deleted' : 'spc.rod-token.unknown');
  });
});
