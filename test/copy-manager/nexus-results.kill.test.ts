/**
 * Results of an I_T nexus that was forgotten and came back (issue 17, fourth session): the state of
 * a forgotten nexus is not released result by result, so its tokens still know the POPULATE TOKEN
 * operation that made them. When such a token dies, only that operation's result may go, never
 * the result the returning nexus now keeps under the same list identifier. Through `execute()`.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });

describe('a token of a forgotten nexus dies after the nexus came back', () => {
  test('aged out (nexusIdleTimeout): the new result under the same list identifier stays', () => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 1 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 5 }));
    clock.advance(2_000);
    expectGood(b.run(0, TUR)); // the sweep forgets A1 (idle 2 s > 1 s); its token lives on
    expect(cm.liveTokenCount).toBe(1);
    expectGood(a.populate(0, 1, [{ lba: 1, count: 2 }], { inactivityTimeout: 60 }));
    for (let i = 0; i < 4; i++) {
      clock.advance(1_000); // A1 stays known: a command each second
      expectGood(a.run(0, TUR));
    }
    // The first token expired (6 s > 5 s) at the last sweep.
    const info = a.rrti(0, 1);
    expect(info.transferCount).toBe(2n);
    expect(info.token).toBeDefined();
    expect(cm.liveTokenCount).toBe(1);
  });

  test('evicted (maxNexuses): the same', () => {
    const { cm, clock } = makeCm({ maxNexuses: 1 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 5 }));
    expectGood(b.run(0, TUR)); // B1 evicts A1
    expectGood(a.populate(0, 1, [{ lba: 1, count: 3 }], { inactivityTimeout: 60 }));
    clock.advance(6_000);
    const info = a.rrti(0, 1);
    expect(info.transferCount).toBe(3n);
    expect(cm.liveTokenCount).toBe(1);
  });

  test('forgotten by the sweep of its own next command, or by a nexus loss: its results are gone', () => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 1 });
    const a = new Host(cm, A1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 60 }));
    clock.advance(2_000); // A1 is the nexus used last, and idle for 2 s
    expectSense(a.rrtiRaw(0, 1), { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
    expectGood(a.populate(0, 2, [{ lba: 0, count: 1 }], { inactivityTimeout: 60 }));
    cm.itNexusLoss(A1);
    expectSense(a.run(0, TUR), { key: 6, asc: 0x29, ascq: 0x07 });
    expectSense(a.rrtiRaw(0, 2), { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });
});
