/**
 * Which invalidation record `maxInvalidationRecords` forgets after most records were swept
 * (issue 17, fifth session): the copy manager keeps the records' ages in a queue it rebuilds once
 * swept records dominate it. The oldest record still kept must be the one forgotten, not the
 * oldest one added after the rebuild. Through `execute()` only.
 */
import { describe, test } from 'vitest';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const IR = 0x05;
const at16 = { cd: false, field: 16 };
const DELETED = { key: IR, asc: 0x23, ascq: 0x09, pointer: at16 };
const UNKNOWN = { key: IR, asc: 0x23, ascq: 0x04, pointer: at16 };

describe('invalidation records after a sweep', () => {
  test('the oldest surviving record is forgotten first, whatever was swept before it', () => {
    const max = 100;
    const { cm, clock } = makeCm({ maxInvalidationRecords: max });
    const h = new Host(cm, A1);
    let listId = 1;
    const dead = (inactivityTimeout: number, lba: number): Uint8Array => {
      const t = h.token(0, listId++, [{ lba, count: 1 }], { inactivityTimeout });
      expectGood(h.wut(0, listId++, t, [{ lba: 1000 + lba, count: 1 }], { delTkn: true }));
      return t;
    };
    // two records kept 120 s (60 s timeout), then 70 kept the minimum 60 s (5 s timeout)
    const longLived = [dead(60, 1), dead(60, 2)];
    for (let i = 0; i < 70; i++) dead(5, 10 + i);
    clock.advance(61_000); // the next command's sweep forgets the 70: 2 records are left
    // 99 more: the 101st record makes the oldest one kept (longLived[0]) go
    const later: Uint8Array[] = [];
    for (let i = 0; i < max - 1; i++) later.push(dead(60, 200 + i));
    expectSense(h.wut(0, listId++, longLived[0] as Uint8Array, [{ lba: 500, count: 1 }]), UNKNOWN);
    expectSense(h.wut(0, listId++, longLived[1] as Uint8Array, [{ lba: 500, count: 1 }]), DELETED);
    expectSense(h.wut(0, listId++, later[0] as Uint8Array, [{ lba: 500, count: 1 }]), DELETED);
    expectSense(h.wut(0, listId++, later[max - 2] as Uint8Array, [{ lba: 500, count: 1 }]), DELETED);
  });
});
