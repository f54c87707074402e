/**
 * How long a dead ROD token is remembered (issue 17, fourth session): its invalidation record is
 * kept for twice its inactivity timeout, at least a minute, counted from the moment it died (for
 * an expired token: the moment its timeout elapsed); after that, or beyond
 * `maxInvalidationRecords` (oldest first), the token reads TOKEN UNKNOWN. Each at its exact
 * boundary, through `execute()` only.
 */
import { describe, test } from 'vitest';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const IR = 0x05;
const at16 = { cd: false, field: 16 };
const DELETED = { key: IR, asc: 0x23, ascq: 0x09, pointer: at16 };
const EXPIRED = { key: IR, asc: 0x23, ascq: 0x07, pointer: at16 };
const UNKNOWN = { key: IR, asc: 0x23, ascq: 0x04, pointer: at16 };

function setup(o = {}) {
  const { cm, clock } = makeCm(o);
  return { cm, clock, h: new Host(cm, A1) };
}

describe('invalidation records', () => {
  test('DEL_TKN with a 60 s timeout: remembered for exactly 120 s', () => {
    const { clock, h } = setup();
    const t = h.token(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 60 });
    expectGood(h.wut(0, 2, t, [{ lba: 10, count: 1 }], { delTkn: true }));
    clock.advance(120_000); // this command's tick sweeps the records (a second since the last)
    expectSense(h.wut(0, 3, t, [{ lba: 20, count: 1 }]), DELETED);
    clock.advance(1);
    expectSense(h.wut(0, 4, t, [{ lba: 20, count: 1 }]), UNKNOWN);
  });

  test('a 5 s timeout: remembered for the minimum, 60 s', () => {
    const { clock, h } = setup();
    const t = h.token(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 5 });
    expectGood(h.wut(0, 2, t, [{ lba: 10, count: 1 }], { delTkn: true }));
    clock.advance(60_000);
    expectSense(h.wut(0, 3, t, [{ lba: 20, count: 1 }]), DELETED);
    clock.advance(1_000); // a sweep forgets the record
    expectSense(h.wut(0, 4, t, [{ lba: 20, count: 1 }]), UNKNOWN);
  });

  test('an expired token is remembered from the moment its timeout elapsed, not from when that was noticed', () => {
    const { clock, h } = setup();
    const t = h.token(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 60 });
    clock.advance(100_000); // noticed 40 s after it expired
    expectSense(h.wut(0, 2, t, [{ lba: 10, count: 1 }]), EXPIRED);
    clock.advance(80_000); // 60 s + 120 s after its last use
    expectSense(h.wut(0, 3, t, [{ lba: 10, count: 1 }]), EXPIRED);
    clock.advance(1);
    expectSense(h.wut(0, 4, t, [{ lba: 10, count: 1 }]), UNKNOWN);
  });

  test('maxInvalidationRecords 2: a third dead token makes the oldest record go', () => {
    const { h } = setup({ maxInvalidationRecords: 2 });
    const tokens = [1, 2, 3].map((id) => h.token(0, id, [{ lba: id, count: 1 }]));
    tokens.forEach((t, i) => {
      expectGood(h.wut(0, 10 + i, t, [{ lba: 100 + i, count: 1 }], { delTkn: true }));
    });
    expectSense(h.wut(0, 20, tokens[0] as Uint8Array, [{ lba: 200, count: 1 }]), UNKNOWN);
    expectSense(h.wut(0, 21, tokens[1] as Uint8Array, [{ lba: 200, count: 1 }]), DELETED);
    expectSense(h.wut(0, 22, tokens[2] as Uint8Array, [{ lba: 200, count: 1 }]), DELETED);
  });
});
