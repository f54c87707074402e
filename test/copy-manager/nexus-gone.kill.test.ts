/**
 * A ROD token outlives the I_T nexus that made it (issue 17, fifth session): after that nexus is
 * forgotten (aged out), or when it came back with no result kept on the LU, the token's expiry
 * finds no POPULATE TOKEN result to drop and must not fail. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { A1, B1, expectGood, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });

describe('a token expires after its creator nexus was forgotten', () => {
  test.each([
    ['is gone', undefined],
    ['came back on another LU', 1],
    ['came back on the same LU, with no result kept', 0],
  ])('the nexus %s: the sweep that expires the token is GOOD', (_, backOn) => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 1 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 5 }));
    clock.advance(2_000);
    expectGood(b.run(0, TUR)); // the sweep forgets A1 (idle 2 s > 1 s); its token lives on
    expect(cm.liveTokenCount).toBe(1);
    if (backOn !== undefined) expectGood(a.run(backOn, TUR));
    clock.advance(10_000);
    expectGood(b.run(0, TUR)); // this sweep expires the token
    expect(cm.liveTokenCount).toBe(0);
  });
});
