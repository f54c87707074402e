/**
 * Per-nexus bookkeeping at its limits (issue 17, mutation testing): the least recently used
 * I_T nexus is the one forgotten beyond `maxNexuses`, a nexus idle for exactly
 * `nexusIdleTimeout` is kept and one idle longer is not, and reset unit attentions replace older
 * ones. Observed through `execute()` and the lifecycle API.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import type { ItNexus } from '../../src/copy-manager/index.js';
import { A1, A2, B1, B2, expectGood, expectSense, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });
const IR = 5;
const UA = 6;

function hasResult(h: Host, lun: number, listId: number): boolean {
  const r = h.rrtiRaw(lun, listId);
  if (r.status === 0) return true;
  expectSense(r, { key: IR, asc: 0x24, ascq: 0 });
  return false;
}

describe('maxNexuses: the least recently used nexus is forgotten', () => {
  test('exactly maxNexuses nexuses keep their state; a new one evicts the one used longest ago', () => {
    const { cm } = makeCm({ maxNexuses: 3 });
    const [a, b, c, d] = [A1, B1, A2, B2].map((n: ItNexus) => new Host(cm, n)) as [Host, Host, Host, Host];
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }]));
    expectGood(b.populate(0, 1, [{ lba: 1, count: 1 }]));
    expectGood(c.populate(0, 1, [{ lba: 2, count: 1 }]));
    expectGood(a.run(0, TUR)); // A1 is now the most recently used; B1 the least
    expectGood(d.run(0, TUR)); // a fourth nexus: B1 goes
    expect(hasResult(a, 0, 1)).toBe(true);
    expect(hasResult(c, 0, 1)).toBe(true);
    expect(hasResult(b, 0, 1)).toBe(false);
  });
  test('with maxNexuses 1 each new nexus replaces the last', () => {
    const { cm } = makeCm({ maxNexuses: 1 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }]));
    expect(hasResult(a, 0, 1)).toBe(true);
    expectGood(b.run(0, TUR));
    expect(hasResult(a, 0, 1)).toBe(false);
  });
});

describe('nexusIdleTimeout at its boundary', () => {
  test('idle for exactly nexusIdleTimeout: kept; one sweep later: forgotten', () => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 10 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 3600 }));
    clock.advance(10_000);
    expectGood(b.run(0, TUR)); // sweeps: A1 has been idle for exactly 10 s
    clock.advance(999);
    expectGood(b.run(0, TUR)); // no sweep within a second of the last one
    expect(hasResult(a, 0, 1)).toBe(true); // A1 used again here
    clock.advance(10_001);
    expectGood(b.run(0, TUR)); // A1 idle for 10.001 s
    expect(hasResult(a, 0, 1)).toBe(false);
  });
  test('nexusIdleTimeout 0 forgets a nexus at the first sweep after any clock time', () => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 0 });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 3600 }));
    clock.advance(1_000);
    expectGood(b.run(0, TUR));
    expect(hasResult(a, 0, 1)).toBe(false);
  });
});

describe('reset unit attentions (SAM-5: a 29h condition replaces older 29h ones)', () => {
  test('two logical unit resets and an I_T nexus loss leave one unit attention, the newest', () => {
    const { cm } = makeCm();
    const a = new Host(cm, A1);
    expectGood(a.run(0, TUR));
    cm.logicalUnitReset(0);
    cm.logicalUnitReset(0);
    expectSense(a.run(0, TUR), { key: UA, asc: 0x29, ascq: 0x03 });
    expectGood(a.run(0, TUR));
    cm.itNexusLoss(A1);
    cm.logicalUnitReset(0);
    expectSense(a.run(0, TUR), { key: UA, asc: 0x29, ascq: 0x03 });
    expectGood(a.run(0, TUR));
    expectSense(a.run(1, TUR), { key: UA, asc: 0x29, ascq: 0x07 });
    expectGood(a.run(1, TUR));
  });
  test('a logical unit reset frees the results on that LU only, for every nexus', () => {
    const { cm } = makeCm();
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }]));
    expectGood(a.populate(1, 2, [{ lba: 0, count: 1 }]));
    expectGood(b.populate(0, 3, [{ lba: 1, count: 1 }]));
    cm.logicalUnitReset(0);
    for (const [h, lun] of [
      [a, 0],
      [a, 1],
      [b, 0],
    ] as const) {
      if (lun === 0) expectSense(h.run(lun, TUR), { key: UA, asc: 0x29, ascq: 0x03 });
    }
    expect(hasResult(a, 0, 1)).toBe(false);
    expect(hasResult(b, 0, 3)).toBe(false);
    expect(hasResult(a, 1, 2)).toBe(true);
  });
});
