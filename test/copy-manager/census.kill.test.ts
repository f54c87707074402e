/**
 * What the copy manager keeps, counted by `engineOf(cm).census()` (the diagnostic the memory and
 * soak tests use), through a sequence of commands and task management calls: each count exact,
 * and a reset of a LUN that addresses no logical unit keeps nothing (issue 17, fourth session).
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { A1, B1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });
const NONE = {
  liveTokens: 0,
  liveTokenImages: 0,
  invalidationRecords: 0,
  deadTokensPinning: 0,
  tokenOwners: 0,
  nexuses: 0,
  itlNexuses: 0,
  results: 0,
  resultsWithDeadToken: 0,
  unitAttentions: 0,
  running: 0,
};

describe('census, step by step', () => {
  test('tokens, results, nexuses, unit attentions and running copies', () => {
    const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
    const engine = engineOf(cm);
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expect(engine.census()).toEqual(NONE);
    expectGood(a.run(0, TUR));
    expect(engine.census()).toEqual({ ...NONE, nexuses: 1, itlNexuses: 1 });
    expectGood(a.populate(0, 1, [{ lba: 0, count: 4 }]));
    // A change-vulnerable token has no image; it reads its source ranges when used.
    expectGood(b.populate(1, 2, [{ lba: 0, count: 1 }], { rtv: true, rodType: 0x0080_0001 }));
    const two = { liveTokens: 2, liveTokenImages: 1, tokenOwners: 2, nexuses: 2, itlNexuses: 2, results: 2 };
    expect(engine.census()).toEqual({ ...NONE, ...two });

    // A reset of a LUN no logical unit has is ignored: no state is made for it.
    cm.logicalUnitReset(7);
    expect(engine.census()).toEqual({ ...NONE, ...two });

    // LU 1 reset: B1's result there goes; both nexuses get a unit attention on LU 1 (A1 a new
    // I_T_L nexus for it). Tokens stay.
    cm.logicalUnitReset(1);
    expect(engine.census()).toEqual({ ...NONE, ...two, itlNexuses: 3, results: 1, unitAttentions: 2 });
    expectSense(b.run(1, TUR), { key: 0x06, asc: 0x29, ascq: 0x03 });
    expect(engine.census()).toEqual({ ...NONE, ...two, itlNexuses: 3, results: 1, unitAttentions: 1 });

    // Writing over the change-vulnerable token's block cancels it: an invalidation record.
    expectGood(b.write(1, 0, new Uint8Array(4096), 4096));
    const one = { liveTokens: 1, liveTokenImages: 1, tokenOwners: 1, nexuses: 2, itlNexuses: 3, results: 1 };
    expect(engine.census()).toEqual({ ...NONE, ...one, invalidationRecords: 1, unitAttentions: 1 });

    // A background WRITE USING TOKEN: running until the clock has moved 4 blocks.
    const t = a.rrti(0, 1).token as Uint8Array; // RRTI of all the data discards A1's result
    expectGood(a.wut(0, 3, t, [{ lba: 100, count: 4 }], { immed: true }));
    expect(engine.census()).toEqual({ ...NONE, ...one, invalidationRecords: 1, unitAttentions: 1, running: 1 });
    clock.advance(4_000);
    expect(cm.runningCopies).toBe(0);
    expect(engine.census()).toEqual({ ...NONE, ...one, invalidationRecords: 1, unitAttentions: 1 });

    // I_T nexus loss of A1: its state goes (results, the 29h/03h pending on LU 1), then it gets
    // 29h/07h on each of the two LUs.
    cm.itNexusLoss(A1);
    expect(engine.census()).toEqual({
      ...NONE,
      ...one,
      itlNexuses: 3,
      results: 0,
      invalidationRecords: 1,
      unitAttentions: 2,
    });
  });
});
