/**
 * Which I_T nexus a request names (issue 17, fourth session): the nexus object's fields at the time
 * of each call decide, also when the caller reuses one object and changes it between calls; a
 * lifecycle call with something that is not an object names no known nexus and does not throw.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { expectGood, expectSense, Host, makeCm } from './helpers.js';

const TUR = encodeTestUnitReadyCdb({ control: 0 });

describe('the nexus of a request', () => {
  test('one nexus object changed between commands names another I_T nexus each time', () => {
    const { cm } = makeCm();
    const nexus = { initiatorPortId: 'iqn.a', targetPortId: 1 };
    const h = new Host(cm, nexus);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }]));
    const unknown = { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } };
    expectGood(h.rrtiRaw(0, 1, 2)); // this nexus has the result (2 bytes: kept)
    nexus.targetPortId = 2;
    expectSense(h.rrtiRaw(0, 1, 2), unknown);
    nexus.targetPortId = 1;
    nexus.initiatorPortId = 'iqn.b';
    expectSense(h.rrtiRaw(0, 1, 2), unknown);
    nexus.initiatorPortId = 'iqn.a';
    expectGood(h.rrtiRaw(0, 1, 2));
  });

  test('itNexusLoss of an object with the same fields is a loss of that nexus', () => {
    const { cm } = makeCm();
    const h = new Host(cm, { initiatorPortId: 'iqn.a', targetPortId: 1 });
    expectGood(h.run(0, TUR));
    cm.itNexusLoss({ initiatorPortId: 'iqn.a', targetPortId: 1 });
    expectSense(h.run(0, TUR), { key: 6, asc: 0x29, ascq: 0x07 });
  });

  test('lifecycle calls with a primitive for the nexus: nothing known, nothing thrown', () => {
    const { cm } = makeCm();
    expect(() => cm.itNexusLoss('iqn.a' as never)).not.toThrow();
    expect(() => cm.abortTaskSet(7 as never, 0)).not.toThrow();
    expect(cm.abortCopy('iqn.a' as never, 0, 1)).toBe(false);
  });
});
