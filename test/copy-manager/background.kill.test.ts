/**
 * WRITE USING TOKEN in the background and around change-vulnerable tokens (issue 17, fourth
 * session): ESTIMATED STATUS UPDATE DELAY while a copy runs and after it, the block device zero
 * token with DEL_TKN, and exactly which change-vulnerable tokens a WRITE USING TOKEN cancels.
 * Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { ROD_TYPE } from '../../src/constants/rod-type.js';
import { A1, expectGood, expectSense, Host, makeCm, parseRrti, pattern, zeroToken } from './helpers.js';

const IR = 0x05;
const CV = ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE;

describe('ESTIMATED STATUS UPDATE DELAY', () => {
  test('remaining bytes / rate, rounded up, at most 1000 ms; FFFFFFFEh once the copy is done', () => {
    const { cm, clock } = makeCm({ backgroundBytesPerSecond: 3000 });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.populate(0, 9, [{ lba: 0, count: 1 }]));
    expect(parseRrti(h.rcs(0, 9).dataIn as Uint8Array, false).estimatedStatusUpdateDelay).toBe(0xffff_fffe);
    expectGood(h.wut(0, 2, t, [{ lba: 100, count: 4 }], { immed: true }));
    const poll = () => parseRrti(h.rcs(0, 2).dataIn as Uint8Array, false);
    expect(poll()).toMatchObject({ copyOperationStatus: 0x12, estimatedStatusUpdateDelay: 683 }); // 2048 B
    clock.advance(400); // 1200 bytes of time: 2 blocks (1024 B) copied, 1024 left
    expect(poll()).toMatchObject({ transferCount: 2n, estimatedStatusUpdateDelay: 342 });
    clock.advance(1_000);
    expect(poll()).toMatchObject({ copyOperationStatus: 0x01, estimatedStatusUpdateDelay: 0xffff_fffe });
  });

  test('a copy that needs more than a second says 1000', () => {
    const { cm } = makeCm({ backgroundBytesPerSecond: 1000 });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 2, t, [{ lba: 100, count: 4 }], { immed: true }));
    expect(parseRrti(h.rcs(0, 2).dataIn as Uint8Array, false).estimatedStatusUpdateDelay).toBe(1000);
  });
});

describe('the block device zero ROD token', () => {
  test('with DEL_TKN, at once and in the background: zeros are written, nothing else happens', () => {
    const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
    const h = new Host(cm, A1);
    expectGood(h.write(0, 10, pattern(4, 512, 61), 512));
    const live = h.token(0, 1, [{ lba: 10, count: 4 }]);
    expectGood(h.wut(0, 2, zeroToken(), [{ lba: 10, count: 2 }], { delTkn: true }));
    expectGood(h.wut(0, 3, zeroToken(), [{ lba: 12, count: 2 }], { delTkn: true, immed: true }));
    clock.advance(2_000);
    expect(cm.runningCopies).toBe(0);
    expect((h.read(0, 10, 4).dataIn as Uint8Array).every((b) => b === 0)).toBe(true);
    expect(cm.liveTokenCount).toBe(1);
    expectGood(h.wut(0, 4, live, [{ lba: 20, count: 4 }]));
    expect(h.read(0, 20, 4).dataIn).toEqual(pattern(4, 512, 61));
  });
});

describe('WRITE USING TOKEN over a change-vulnerable token', () => {
  const cases = [
    { name: 'the last block of its range', lba: 13, cancelled: true },
    { name: 'its first block', lba: 10, cancelled: true },
    { name: 'the block after it', lba: 14, cancelled: false },
    { name: 'the block before it', lba: 9, cancelled: false },
  ];
  for (const immed of [false, true]) {
    for (const c of cases) {
      test(`${immed ? 'IMMED = 1' : 'IMMED = 0'}: one block at ${c.name}: ${c.cancelled ? 'cancelled' : 'kept'}`, () => {
        const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
        const h = new Host(cm, A1);
        const cv = h.token(0, 1, [{ lba: 10, count: 4 }], { rtv: true, rodType: CV });
        const src = h.token(0, 2, [{ lba: 500, count: 1 }]);
        expectGood(h.wut(0, 3, src, [{ lba: c.lba, count: 1 }], { immed }));
        clock.advance(1_000);
        expect(cm.runningCopies).toBe(0);
        const r = h.wut(0, 4, cv, [{ lba: 700, count: 4 }]);
        if (c.cancelled) expectSense(r, { key: IR, asc: 0x23, ascq: 0x08 });
        else expectGood(r);
      });
    }
  }
});
