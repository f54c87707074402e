/**
 * The per-nexus share of the live-token limit and the moment a token counts as expired (issue 17,
 * fifth session). Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { ROD_TYPE } from '../../src/constants/rod-type.js';
import { A1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';

const IR = 0x05;

describe('maxTokensPerNexus after one of the nexus tokens died', () => {
  test('2 per nexus: 2 live, one deleted, one more made, the next refused (55h/0Dh)', () => {
    const { cm } = makeCm({ maxTokensPerNexus: 2 });
    const h = new Host(cm, A1);
    const t1 = h.token(0, 1, [{ lba: 0, count: 1 }]);
    h.token(0, 2, [{ lba: 1, count: 1 }]);
    expectGood(h.wut(0, 3, t1, [{ lba: 100, count: 1 }], { delTkn: true }));
    expect(cm.liveTokenCount).toBe(1);
    h.token(0, 4, [{ lba: 2, count: 1 }]);
    expect(cm.liveTokenCount).toBe(2);
    expectSense(h.populate(0, 5, [{ lba: 3, count: 1 }]), { key: IR, asc: 0x55, ascq: 0x0d });
    expect(cm.liveTokenCount).toBe(2);
  });
});

describe('a token invalidated exactly when its inactivity timeout elapses', () => {
  test('cancelled by a write at lastUse + timeout: CANCELLED, not EXPIRED (expired only past it)', () => {
    const { cm, clock } = makeCm();
    const h = new Host(cm, A1);
    const cv = ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE;
    const t = h.token(0, 1, [{ lba: 0, count: 4 }], { rtv: true, rodType: cv, inactivityTimeout: 60 });
    clock.advance(60_000);
    expectGood(h.write(0, 1, pattern(1, 512, 5), 512));
    expectSense(h.wut(0, 2, t, [{ lba: 100, count: 4 }]), { key: IR, asc: 0x23, ascq: 0x08 });
  });
});
