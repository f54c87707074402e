/**
 * The target-wide pending write budget (limits.maxTargetPendingWriteBytes): WRITEs of several
 * sessions whose data is held back reserve at most the budget together; the command over it is
 * answered BUSY (no command of its nexus in the task set) or TASK SET FULL (one is), SAM-5
 * section 5.3.1; the bytes come back when a task ends or its connection closes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAM_STATUS } from '../../../src/constants/sam-status.js';
import { eventually, pattern, type Running, startTarget, write16 } from './helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.target.close();
  running = undefined;
});

const ABORT_TASK = 1;
const BLOCKS = 768; // 384 KiB of 512-byte blocks
const BYTES = BLOCKS * 512;

describe('iSCSI target: target-wide pending write budget', () => {
  it('caps the write data reserved by all sessions together, answers BUSY / TASK SET FULL, releases on task end and close', async () => {
    const cap = 1024 * 1024;
    running = await startTarget({ limits: { maxTargetPendingWriteBytes: cap } });
    expect(running.target.limits.maxTargetPendingWriteBytes).toBe(cap);
    const target = running.target;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, target.pendingWriteBytes);
    }, 1);
    try {
      const opts = { initialR2T: true, immediateData: false };
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map((n) => running?.connect({ ...opts, initiatorName: `iqn.2026-12.test:${n}` })),
      );
      if (a === undefined || b === undefined || c === undefined) throw new Error('no initiator');
      const held = { dataOut: new Uint8Array(BYTES), answerR2t: false } as const;
      const a1 = a.command(0, write16(0n, BLOCKS), { ...held, itt: 0x100 });
      const b1 = b.command(0, write16(1000n, BLOCKS), held);
      void a1.catch(() => undefined);
      void b1.catch(() => undefined);
      expect(await eventually(() => target.pendingWriteBytes === 2 * BYTES)).toBe(true);
      // 3 x 384 KiB > 1 MiB: c has no command in the task set, so BUSY.
      const c1 = await c.command(0, write16(2000n, BLOCKS), held);
      expect(c1.status).toBe(SAM_STATUS.BUSY);
      // a has one (its held write) on LUN 0, so TASK SET FULL.
      const a2 = await a.command(0, write16(3000n, BLOCKS), held);
      expect(a2.status).toBe(SAM_STATUS.TASK_SET_FULL);
      expect(target.pendingWriteBytes).toBe(2 * BYTES);
      // The first task ends (aborted): its bytes come back and a new write with data succeeds.
      expect(await a.taskManagement(ABORT_TASK, 0, 0x100)).toBe(0);
      expect(target.pendingWriteBytes).toBe(BYTES);
      const data = pattern(BYTES, 7);
      const c2 = await c.command(0, write16(2000n, BLOCKS), { dataOut: data });
      expect(c2.status).toBe(SAM_STATUS.GOOD);
      expect(target.pendingWriteBytes).toBe(BYTES);
      // The other holder's connection closes: the budget is whole again.
      b.close();
      expect(await eventually(() => target.pendingWriteBytes === 0)).toBe(true);
      const c3 = await c.command(0, write16(4000n, 2 * BLOCKS), { dataOut: pattern(2 * BYTES, 9) });
      expect(c3.status).toBe(SAM_STATUS.GOOD);
      expect(peak).toBeLessThanOrEqual(cap);
      expect(peak).toBe(2 * BYTES);
      await Promise.all([a.logout(), c.logout()]);
    } finally {
      clearInterval(sampler);
    }
  });

  it('rejects a negative budget', async () => {
    const { IscsiTarget } = await import('../../../src/iscsi/target/index.js');
    expect(
      () =>
        new IscsiTarget({
          copyManager: { execute: () => ({ status: 0 }) } as never,
          limits: { maxTargetPendingWriteBytes: -1 },
        }),
    ).toThrow(RangeError);
  });
});
