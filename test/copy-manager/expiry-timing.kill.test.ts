/**
 * When an elapsed token stops counting (issue 17, fifth session): the once-a-second sweep expires
 * it, and a POPULATE TOKEN that finds the live-token share full expires elapsed tokens first, so
 * a token that elapsed since the last sweep does not hold a slot; exactly at lastUse + timeout a
 * token has not elapsed yet. Through `execute()` and the engine's census.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });
const FULL = { key: 0x05, asc: 0x55, ascq: 0x0d };

describe('expiry between sweeps', () => {
  test('the sweep expires an elapsed token: the census counts no live token', () => {
    const { cm, clock } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 1 }));
    expect(engineOf(cm).census().liveTokens).toBe(1);
    clock.advance(2_000);
    expectGood(h.run(0, TUR)); // this command's sweep
    expect(engineOf(cm).census().liveTokens).toBe(0);
  });

  test('a token elapsed since the last sweep does not hold the nexus share', () => {
    const { cm, clock } = makeCm({ maxTokensPerNexus: 1 });
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 1 })); // sweeps at T0
    clock.advance(1_000);
    expectGood(h.run(0, TUR)); // sweeps at T0 + 1 s: the token has not elapsed (1000 ms is not > 1000 ms)
    clock.advance(500); // elapsed now, no sweep before the next second
    expectGood(h.populate(0, 2, [{ lba: 1, count: 1 }], { inactivityTimeout: 60 }));
    expect(cm.liveTokenCount).toBe(1);
  });

  test('exactly at lastUse + timeout the token still holds its slot', () => {
    const { cm, clock } = makeCm({ maxTokensPerNexus: 1 });
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 1 }));
    clock.advance(1_000);
    expectSense(h.populate(0, 2, [{ lba: 1, count: 1 }], { inactivityTimeout: 60 }), FULL);
  });
});
