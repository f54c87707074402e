/**
 * The invalidation log (a ring of 64-byte slots with binary search for in-order identifiers)
 * against a plain model: records in insertion order, the oldest forgotten beyond `max`, a sweep
 * forgets those past their time. Identifiers come in any order (mostly ascending, or shuffled),
 * byte counts past 2^53 and odd secrets take the side maps, `max` from 1 to past the first growth.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { InvalidationLog, type InvalidationRule } from '../../src/copy-manager/invalidation-log.js';
import { type Lu, TOKEN_SECRET_LENGTH, type TokenBytesOf } from '../../src/copy-manager/types.js';

const RULES: InvalidationRule[] = ['spc.rod-token.expired', 'spc.rod-token.cancelled', 'spc.rod-token.deleted'];
const LUS = [0, 1, 2].map((lun) => ({ lun }) as unknown as Lu);

/** A secret of one-byte chars from 80h up (kept in the ring, not the odd-secret map). */
const HIGH_SECRET = String.fromCharCode(...Array.from({ length: TOKEN_SECRET_LENGTH }, (_, i) => 0x80 + i));

/** A dead token's fields for identifier `id` (each of them derived from it), with `over` laid on. */
function rec(id: number, over: Partial<TokenBytesOf> = {}): TokenBytesOf {
  return {
    id,
    secret: String.fromCharCode(0x61 + (id % 26)).repeat(TOKEN_SECRET_LENGTH),
    rodType: id % 0x1_0000,
    lu: LUS[id % 3] as Lu,
    bytes: BigInt(id),
    ...over,
  };
}

interface Rec extends TokenBytesOf {
  rule: InvalidationRule;
  until: number;
}

const secret = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
      minLength: TOKEN_SECRET_LENGTH,
      maxLength: TOKEN_SECRET_LENGTH,
    }),
  },
  // odd: another length, or a char over 0xff (among one-byte chars, at the full length)
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ unit: 'binary', minLength: TOKEN_SECRET_LENGTH, maxLength: TOKEN_SECRET_LENGTH }),
        fc.nat({ max: TOKEN_SECRET_LENGTH - 1 }),
        fc.integer({ min: 0x100, max: 0xffff }),
      )
      .map(([base, at, c]) => {
        const chars = [...base].map((x) => String.fromCharCode(x.charCodeAt(0) & 0xff)).slice(0, TOKEN_SECRET_LENGTH);
        while (chars.length < TOKEN_SECRET_LENGTH) chars.push('a');
        chars[at] = String.fromCharCode(c);
        return chars.join('');
      }),
  },
);
const bytes = fc.oneof(fc.bigInt({ min: 0n, max: 1n << 20n }), fc.bigInt({ min: (1n << 53n) - 2n, max: 1n << 70n }));
const op = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      rule: fc.constantFrom(...RULES),
      until: fc.integer({ min: 0, max: 1000 }),
      bytes,
      secret,
      lu: fc.constantFrom(...LUS),
      rodType: fc.integer({ min: 0, max: 0xffff_ffff }),
      // out of order: a new identifier below the largest so far
      back: fc.integer({ min: 0, max: 9 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), now: fc.integer({ min: 0, max: 1000 }) }) },
);

describe('InvalidationLog', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 200 }),
      fc.array(op, { maxLength: 400 }),
      fc.integer({ min: 0, max: 9 }),
      // identifiers small, or near 2^53 (every byte of the float64 key in use)
      fc.constantFrom(1000, 2 ** 52 + 0x1234567),
    ],
    { numRuns: 60 },
  )('agrees with a list model on every identifier', (max, ops, outOfOrderWhen, base) => {
    const log = new InvalidationLog(max);
    let model: Rec[] = [];
    let nextId = base;
    let lowId = base - 1;
    const seen: number[] = [];
    for (const o of ops) {
      if (o.kind === 'sweep') {
        log.sweep(o.now);
        model = model.filter((r) => r.until >= o.now);
      } else {
        // mostly ascending identifiers; `back` below the threshold makes one below all before it
        const id = o.back < outOfOrderWhen ? lowId-- : nextId++;
        const r: Rec = {
          id,
          rule: o.rule,
          until: o.until,
          bytes: o.bytes,
          secret: o.secret,
          lu: o.lu,
          rodType: o.rodType,
        };
        seen.push(id);
        log.add(r, r.rule, r.until);
        model.push(r);
        if (model.length > max) model.shift();
      }
      expect(log.size).toBe(model.length);
    }
    const byId = new Map(model.map((r) => [r.id, r]));
    for (const id of [...seen, 0, 1, 5000, nextId, lowId, base + 0.5]) {
      const want = byId.get(id);
      const got = log.get(id);
      if (want === undefined) expect(got).toBeUndefined();
      else expect(got).toEqual({ ...want });
    }
  });

  test('forgets the oldest at max and finds records again after a growth and a sweep', () => {
    const log = new InvalidationLog(100);
    for (let id = 1; id <= 150; id++) log.add(rec(id), 'spc.rod-token.deleted', id);
    expect(log.size).toBe(100);
    expect(log.get(50)).toBeUndefined();
    // every record kept through the growths (64 -> 100 slots) and the forgetting, field by field
    for (let id = 51; id <= 150; id++) {
      expect(log.get(id)).toEqual({ ...rec(id), rule: 'spc.rod-token.deleted', until: id });
    }
    log.sweep(120);
    expect(log.size).toBe(31);
    expect(log.get(119)).toBeUndefined();
    expect(log.get(120)?.rule).toBe('spc.rod-token.deleted');
    // an identifier below the largest: found through the out-of-order map
    log.add(rec(7), 'spc.rod-token.expired', 500);
    expect(log.get(7)?.rule).toBe('spc.rod-token.expired');
    expect(log.get(150)?.id).toBe(150);
  });

  test('a full ring of large identifiers: writing a slot leaves the next (the oldest) intact', () => {
    const base = 2 ** 52 + 0x1234567; // every byte of the float64 key in use
    const log = new InvalidationLog(3);
    for (let k = 1; k <= 7; k++) {
      log.add(rec(base + k, { secret: HIGH_SECRET }), 'spc.rod-token.deleted', 1);
      for (let j = Math.max(1, k - 2); j <= k; j++)
        expect(log.get(base + j)).toEqual({
          ...rec(base + j, { secret: HIGH_SECRET }),
          rule: 'spc.rod-token.deleted',
          until: 1,
        });
    }
  });

  test('records out of order are found again after a growth (64 -> 128 slots)', () => {
    const log = new InvalidationLog(1000);
    // 100 first, then 1..70 (all below 100: out of order), then 101..110
    for (const id of [100, ...Array.from({ length: 70 }, (_, i) => i + 1), 101, 102, 103]) {
      log.add(rec(id), 'spc.rod-token.deleted', 1);
    }
    expect(log.size).toBe(74);
    for (const id of [100, 1, 35, 70, 101, 103]) expect(log.get(id)?.bytes).toBe(BigInt(id));
    expect(log.get(71)).toBeUndefined();
  });

  test('a record out of order is found in order once a sweep forgets the larger one before it', () => {
    const log = new InvalidationLog(10);
    log.add(rec(1), 'spc.rod-token.deleted', 100);
    log.add(rec(5), 'spc.rod-token.cancelled', 10);
    log.add(rec(3), 'spc.rod-token.deleted', 100); // below 5: out of order
    log.add(rec(4), 'spc.rod-token.expired', 100); // below 5: out of order
    for (const id of [1, 5, 3, 4]) expect(log.get(id)?.rodType).toBe(id);
    log.sweep(50); // forgets 5: 3 and 4 are in order now, in slots 1 and 2
    expect(log.get(5)).toBeUndefined();
    for (const id of [1, 3, 4]) expect(log.get(id)).toMatchObject({ id, rodType: id, lu: LUS[id % 3] });
    expect(log.get(4)?.rule).toBe('spc.rod-token.expired');
    log.add(rec(2), 'spc.rod-token.deleted', 100); // below 4: out of order again
    for (const id of [1, 3, 4, 2]) expect(log.get(id)?.bytes).toBe(BigInt(id));
  });
});
