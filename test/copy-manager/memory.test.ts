/**
 * Issue 17 findings 1 and 2: memory stays bounded by the limits whatever initiators do. Measured
 * as what is reachable from the copy manager's engine (what a GC cannot free).
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import type { ItNexus } from '../../src/copy-manager/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';
import { reach } from './reach.js';

const MiB = 1 << 20;
const BLOCKS = MiB / 512; // 1 MiB regions of 512-byte blocks
const TUR = encodeTestUnitReadyCdb({ control: 0 });

/** Four point-in-time tokens over 1 MiB regions, then every region overwritten. */
function pinnedSetup() {
  const { cm, clock } = makeCm({ maxTransferLength: BLOCKS, maxTokenTransferSize: 1n << 20n });
  const a = new Host(cm, A1);
  for (let i = 0; i < 4; i++) expectGood(a.write(0, i * BLOCKS, pattern(BLOCKS, 512, i), 512));
  for (let i = 0; i < 4; i++) {
    expectGood(a.populate(0, i + 1, [{ lba: i * BLOCKS, count: BLOCKS }], { inactivityTimeout: 5 }));
  }
  for (let i = 0; i < 4; i++) expectGood(a.write(0, i * BLOCKS, pattern(BLOCKS, 512, 10 + i), 512));
  return { cm, clock, a };
}

describe('finding 1: dead point-in-time images are freed', () => {
  test('live tokens pin their images (4 MiB of old data), expired ones and their results do not', () => {
    const { cm, clock, a } = pinnedSetup();
    const engine = engineOf(cm);
    const live = reach(engine).bytes;
    expect(live).toBeGreaterThanOrEqual(8 * MiB); // 4 MiB current data + 4 MiB images
    clock.advance(6_000); // past the 5 s inactivity timeout
    expectGood(a.run(0, TUR)); // a command: the expiry sweep runs
    expect(cm.liveTokenCount).toBe(0);
    const dead = reach(engine).bytes;
    expect(dead).toBeLessThan(4 * MiB + 256 * 1024);
    expect(engine.census()).toMatchObject({ deadTokensPinning: 0, resultsWithDeadToken: 0, results: 0 });
  });

  test('RRTI on the operation of a dead token: 24h/00h, never the dead token with status 01h', () => {
    const { clock, a } = pinnedSetup();
    clock.advance(6_000);
    for (let i = 1; i <= 4; i++) expectSense(a.rrtiRaw(0, i), { key: 5, asc: 0x24, ascq: 0 });
  });

  test('a token deleted by WRITE USING TOKEN (DEL_TKN) frees its image at once', () => {
    const { cm, a } = pinnedSetup();
    const b = new Host(cm, B1);
    const engine = engineOf(cm);
    for (let i = 1; i <= 4; i++) {
      const info = a.rrti(0, i);
      expectGood(b.wut(0, 10 + i, info.token as Uint8Array, [{ lba: 100_000, count: 8 }], { delTkn: true }));
    }
    expect(cm.liveTokenCount).toBe(0);
    expect(reach(engine).bytes).toBeLessThan(4 * MiB + 256 * 1024);
  });
});

describe('finding 2: per-nexus state is capped and aged out', () => {
  function flood(
    cm: ReturnType<typeof makeCm>['cm'],
    clock: ReturnType<typeof makeCm>['clock'],
    from: number,
    to: number,
  ) {
    for (let i = from; i < to; i++) {
      const n: ItNexus = { initiatorPortId: `iqn.flood-${i}`, targetPortId: 1 + (i % 3) };
      const h = new Host(cm, n);
      expectGood(h.populate(i % 2, 1, [{ lba: i % 1000, count: 1 }], { inactivityTimeout: 1 }));
      clock.advance(100);
    }
  }
  test('one POPULATE TOKEN per new I_T nexus: reachable objects do not grow with the number of nexuses', () => {
    const { cm, clock } = makeCm({ maxNexuses: 64, maxLiveTokens: 256 });
    const engine = engineOf(cm);
    flood(cm, clock, 0, 2_000);
    const at2k = reach(engine).objects;
    flood(cm, clock, 2_000, 6_000);
    const at6k = reach(engine).objects;
    expect(at6k).toBeLessThan(at2k * 1.1);
    const c = engine.census();
    expect(c.nexuses).toBeLessThanOrEqual(64);
    expect(c.results).toBeLessThanOrEqual(64);
  });

  test('nexus state is forgotten after nexusIdleTimeout without a command', () => {
    const { cm, clock } = makeCm({ nexusIdleTimeout: 30 });
    const engine = engineOf(cm);
    flood(cm, clock, 0, 50);
    expect(engine.census().nexuses).toBe(50);
    clock.advance(31_000);
    expectGood(new Host(cm, A1).run(0, TUR));
    expect(engine.census()).toMatchObject({ nexuses: 1, results: 0 });
  });
});

describe('nexus limits are checked at construction', () => {
  test('maxNexuses and nexusIdleTimeout: whole numbers (NaN or a fraction would disable the bound)', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => makeCm({ maxNexuses: bad }), String(bad)).toThrow(RangeError);
    }
    for (const bad of [-1, 0.5, Number.NaN]) {
      expect(() => makeCm({ nexusIdleTimeout: bad }), String(bad)).toThrow(RangeError);
    }
    expect(() => makeCm({ powerOnUnitAttention: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(makeCm({ maxNexuses: 1, nexusIdleTimeout: 0 }).cm.limits).toMatchObject({
      maxNexuses: 1,
      nexusIdleTimeout: 0,
    });
  });
});
