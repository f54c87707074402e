/**
 * iSCSI target: ODX over iSCSI, CHAP, task management, several sessions, digests, re-login.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  encodePopulateTokenCdb,
  encodeReceiveRodTokenInformationCdb,
  encodeWriteUsingTokenCdb,
} from '../../../src/cdb/index.js';
import type { ItNexus } from '../../../src/copy-manager/index.js';
import { ISCSI_TMF_FUNCTION, ISCSI_TMF_RESPONSE } from '../../../src/iscsi/pdu/index.js';
import { IscsiInitiatorError, IscsiTarget } from '../../../src/iscsi/target/index.js';
import { parseRrti, ptList, wutList } from '../../copy-manager/helpers.js';
import { eventually, inquiry, pattern, type Running, read16, startTarget, write16 } from './helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.target.close();
  running = undefined;
});

const CHAP = { user: 'alice', secret: 'secret-of-alice' };
const MUTUAL = { user: 'target', secret: 'secret-of-target' };

const rrtiCdb = (listIdentifier: number): Uint8Array =>
  encodeReceiveRodTokenInformationCdb({ listIdentifier, allocationLength: 1024, control: 0 });

describe('iSCSI target: ODX', () => {
  it('POPULATE TOKEN + RRTI through one portal, WRITE USING TOKEN + RRTI through the other, data checked', async () => {
    running = await startTarget({}, 2);
    const a = await running.connect({ port: running.ports[0] as number, initiatorName: 'iqn.2026-12.test:host-a' });
    const b = await running.connect({ port: running.ports[1] as number, initiatorName: 'iqn.2026-12.test:host-b' });
    const data = pattern(128 * 512, 5);
    expect((await a.command(0, write16(1000n, 128), { dataOut: data })).status).toBe(0);
    const pl = ptList([{ lba: 1000, count: 128 }]);
    const pt = await a.command(
      0,
      encodePopulateTokenCdb({ listIdentifier: 7, parameterListLength: pl.length, groupNumber: 0, control: 0 }),
      {
        dataOut: pl,
      },
    );
    expect(pt.status).toBe(0);
    const info = await a.command(0, rrtiCdb(7), { readLength: 1024 });
    expect(info.status).toBe(0);
    const token = parseRrti(info.dataIn).token as Uint8Array;
    expect(token.length).toBe(512);
    const wl = wutList(token, [{ lba: 20, count: 16 }]); // LU 1: 4096-byte blocks, 64 KiB
    const wut = await b.command(
      1,
      encodeWriteUsingTokenCdb({ listIdentifier: 9, parameterListLength: wl.length, groupNumber: 0, control: 0 }),
      {
        dataOut: wl,
      },
    );
    expect(wut.status).toBe(0);
    const done = parseRrti((await b.command(1, rrtiCdb(9), { readLength: 1024 })).dataIn);
    expect(done.copyOperationStatus).toBe(1);
    expect(done.transferCount).toBe(16n);
    const back = await b.command(1, read16(20n, 16), { readLength: 16 * 4096 });
    expect(Buffer.from(back.dataIn).equals(Buffer.from(data))).toBe(true);
    // RRTI results are per I_T nexus: host B cannot see host A's list identifier 7.
    expect((await b.command(0, rrtiCdb(7), { readLength: 1024 })).status).toBe(2);
    await a.logout();
    await b.logout();
  });
});

describe('iSCSI target: aborting a background copy', () => {
  it('ABORT TASK with the tag of a WRITE USING TOKEN (IMMED = 1) stops its background copy', async () => {
    // 1 MiB/s of background copy: a 64 MiB copy runs for about a minute unless aborted.
    running = await startTarget({}, 1, { backgroundBytesPerSecond: 1 << 20 });
    const ini = await running.connect();
    const pl = ptList([{ lba: 0, count: 65536 }]);
    const pt = encodePopulateTokenCdb({
      listIdentifier: 1,
      parameterListLength: pl.length,
      groupNumber: 0,
      control: 0,
    });
    expect((await ini.command(0, pt, { dataOut: pl })).status).toBe(0);
    const token = parseRrti((await ini.command(0, rrtiCdb(1), { readLength: 1024 })).dataIn).token as Uint8Array;
    const wl = wutList(token, [{ lba: 200_000, count: 65536 }], { immed: true });
    const wut = encodeWriteUsingTokenCdb({
      listIdentifier: 2,
      parameterListLength: wl.length,
      groupNumber: 0,
      control: 0,
    });
    expect((await ini.command(0, wut, { dataOut: wl, itt: 0x5151 })).status).toBe(0);
    expect(parseRrti((await ini.command(0, rrtiCdb(2), { readLength: 1024 })).dataIn).copyOperationStatus).toBe(0x12);
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK, 0, 0x5151, 0)).toBe(
      ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE,
    );
    const after = await ini.command(0, rrtiCdb(2), { readLength: 1024 });
    expect(after.status).toBe(0);
    expect(parseRrti(after.dataIn).copyOperationStatus).toBe(0x60); // terminated
    // The same tag again: nothing left to abort.
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK, 0, 0x5151, 0)).toBe(
      ISCSI_TMF_RESPONSE.TASK_DOES_NOT_EXIST,
    );
    await ini.logout();
  });
});

describe('iSCSI target: CHAP', () => {
  it('accepts the right secret', async () => {
    running = await startTarget({ chap: CHAP });
    const ini = await running.connect({ chap: CHAP });
    expect((await ini.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    await ini.logout();
  });

  it('refuses a wrong secret with 0201h (authentication failure)', async () => {
    running = await startTarget({ chap: CHAP });
    const e = await running.connect({ chap: { user: 'alice', secret: 'not-the-secret' } }).catch((x: unknown) => x);
    expect((e as IscsiInitiatorError).loginStatus).toBe(0x0201);
    const e2 = await running.connect({ chap: { user: 'mallory', secret: CHAP.secret } }).catch((x: unknown) => x);
    expect((e2 as IscsiInitiatorError).loginStatus).toBe(0x0201);
  });

  it('refuses a login without CHAP when CHAP is required (also straight to operational)', async () => {
    running = await startTarget({ chap: CHAP });
    const e = await running.connect().catch((x: unknown) => x);
    expect((e as IscsiInitiatorError).loginStatus).toBe(0x0201);
    const e2 = await running.connect({ skipSecurity: true }).catch((x: unknown) => x);
    expect((e2 as IscsiInitiatorError).loginStatus).toBe(0x0201);
  });

  it('does mutual CHAP: the target proves its secret', async () => {
    running = await startTarget({ chap: CHAP, mutualChap: MUTUAL });
    const ini = await running.connect({ chap: CHAP, mutualChap: MUTUAL });
    expect((await ini.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    await ini.logout();
    // The initiator notices a target that does not know the expected secret.
    const e = await running
      .connect({ chap: CHAP, mutualChap: { user: 'target', secret: 'another-secret' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IscsiInitiatorError);
  });

  it('fails mutual CHAP when the target has no credentials for it', async () => {
    running = await startTarget({ chap: CHAP });
    const e = await running.connect({ chap: CHAP, mutualChap: MUTUAL }).catch((x: unknown) => x);
    expect((e as IscsiInitiatorError).loginStatus).toBe(0x0201);
  });
});

describe('iSCSI target: task management', () => {
  it('aborts a write waiting for its data; answers the other functions', async () => {
    const calls: string[] = [];
    running = await startTarget();
    const cm = running.cm as unknown as Record<string, unknown>;
    // Record the SAM calls the target makes (whatever the copy manager implements).
    const wrap = (name: string): void => {
      const orig = cm[name] as ((...a: unknown[]) => unknown) | undefined;
      cm[name] = (...a: unknown[]) => {
        calls.push(
          `${name}(${a.map((x) => (typeof x === 'object' ? (x as ItNexus).targetPortId : String(x))).join(',')})`,
        );
        return orig?.apply(running?.cm, a);
      };
    };
    for (const n of ['logicalUnitReset', 'targetReset', 'abortTaskSet', 'itNexusLoss']) wrap(n);
    const ini = await running.connect({ initialR2T: true, immediateData: false });
    // A write whose R2T we never answer: the initiator's data never comes, the task waits.
    const stuck = ini.command(0, write16(0n, 8), { dataOut: new Uint8Array(8 * 512), itt: 0x4242, answerR2t: false });
    void stuck.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK, 0, 0x9999, 0)).toBe(
      ISCSI_TMF_RESPONSE.TASK_DOES_NOT_EXIST,
    );
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK_SET, 0)).toBe(ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE);
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.CLEAR_TASK_SET, 1)).toBe(ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE);
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK_SET, 99)).toBe(ISCSI_TMF_RESPONSE.LUN_DOES_NOT_EXIST);
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.TASK_REASSIGN, 0)).toBe(
      ISCSI_TMF_RESPONSE.TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED,
    );
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.LOGICAL_UNIT_RESET, 1)).toBe(
      ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE,
    );
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.TARGET_WARM_RESET, 0)).toBe(
      ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE,
    );
    expect(calls).toContain('abortTaskSet(1,0)');
    expect(calls).toContain('logicalUnitReset(1)');
    expect(calls).toContain('targetReset()');
    // The aborted write never got a response; the session still works (after the reset's unit attention).
    await expect(Promise.race([stuck, new Promise((r) => setTimeout(() => r('pending'), 50))])).resolves.toBe(
      'pending',
    );
    const afterReset = await ini.command(0, inquiry(), { readLength: 96 });
    expect(afterReset.status).toBe(0);
    await ini.logout();
    expect(await eventually(() => calls.some((c) => c.startsWith('itNexusLoss')))).toBe(true);
  });

  it('aborts a pending write by its task tag (ABORT TASK)', async () => {
    running = await startTarget();
    const ini = await running.connect({ initialR2T: true, immediateData: false });
    // The initiator does not answer the R2T: the task waits for its data until aborted.
    const stuck = ini.command(0, write16(0n, 8), { dataOut: new Uint8Array(8 * 512), itt: 0x77, answerR2t: false });
    void stuck.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK, 0, 0x77, 0)).toBe(
      ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE,
    );
    expect(await ini.taskManagement(ISCSI_TMF_FUNCTION.ABORT_TASK, 0, 0x77, 0)).toBe(
      ISCSI_TMF_RESPONSE.TASK_DOES_NOT_EXIST,
    );
    expect((await ini.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    ini.close();
  });

  it('TARGET COLD RESET drops every connection after the response', async () => {
    running = await startTarget();
    const a = await running.connect({ initiatorName: 'iqn.2026-12.test:a' });
    const b = await running.connect({ initiatorName: 'iqn.2026-12.test:b' });
    expect(await a.taskManagement(ISCSI_TMF_FUNCTION.TARGET_COLD_RESET, 0)).toBe(ISCSI_TMF_RESPONSE.FUNCTION_COMPLETE);
    expect(await eventually(() => a.isClosed && b.isClosed && running?.target.sessionCount === 0)).toBe(true);
  });
});

describe('iSCSI target: sessions and connections', () => {
  it('serves two sessions at once without mixing their data or state', async () => {
    running = await startTarget();
    const a = await running.connect({ initiatorName: 'iqn.2026-12.test:a' });
    const b = await running.connect({ initiatorName: 'iqn.2026-12.test:b', headerDigest: true, dataDigest: true });
    expect(b.negotiated.get('HeaderDigest')).toBe('CRC32C');
    expect(b.negotiated.get('DataDigest')).toBe('CRC32C');
    const da = pattern(256 * 1024, 11);
    const db = pattern(256 * 1024, 12);
    const jobs = [];
    for (let i = 0; i < 8; i++) {
      jobs.push(a.command(0, write16(BigInt(i * 512), 512), { dataOut: da }));
      jobs.push(b.command(0, write16(BigInt(100_000 + i * 512), 512), { dataOut: db }));
    }
    for (const r of await Promise.all(jobs)) expect(r.status).toBe(0);
    const ra = await a.command(0, read16(7n * 512n, 512), { readLength: da.length });
    const rb = await b.command(0, read16(100_000n + 7n * 512n, 512), { readLength: db.length });
    expect(Buffer.from(ra.dataIn).equals(Buffer.from(da))).toBe(true);
    expect(Buffer.from(rb.dataIn).equals(Buffer.from(db))).toBe(true);
    expect(running.target.sessionCount).toBe(2);
    await a.logout();
    expect((await b.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    await b.logout();
  });

  it('logs out and in again with the same ISID (a new session each time)', async () => {
    running = await startTarget();
    for (let i = 0; i < 5; i++) {
      const ini = await running.connect({ isid: 0x80_1234_5678 });
      expect((await ini.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
      await ini.logout();
    }
    expect(await eventually(() => running?.target.sessionCount === 0)).toBe(true);
  });

  it('reinstates a session whose connection was dropped', async () => {
    running = await startTarget();
    const first = await running.connect({ isid: 0x80_0000_0001 });
    const second = await running.connect({ isid: 0x80_0000_0001 });
    expect(await eventually(() => first.isClosed)).toBe(true);
    expect((await second.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    expect(running.target.sessionCount).toBe(1);
    await second.logout();
  });

  it('adds a second connection to a session (same ISID, its TSIH) and refuses an unknown TSIH', async () => {
    running = await startTarget();
    const first = await running.connect({ isid: 0x80_0000_0042, maxConnections: 2 });
    expect(first.negotiated.get('MaxConnections')).toBe('2');
    const tsih = Number(first.negotiatedTsih);
    const second = await running.connect({ isid: 0x80_0000_0042, tsih, cid: 1, cmdSn: first.nextCmdSn });
    expect((await second.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    expect(running.target.sessionCount).toBe(1);
    expect(running.target.connectionCount).toBe(2);
    const third = await running
      .connect({ isid: 0x80_0000_0042, tsih, cid: 2, cmdSn: second.nextCmdSn })
      .catch((x: unknown) => x);
    expect((third as IscsiInitiatorError).loginStatus).toBe(0x0206); // too many connections
    const bogus = await running.connect({ isid: 0x80_0000_0042, tsih: tsih + 100, cid: 3 }).catch((x: unknown) => x);
    expect((bogus as IscsiInitiatorError).loginStatus).toBe(0x020a); // session does not exist
    // Closing the session's first connection leaves the session to the second one.
    first.close();
    expect(await eventually(() => running?.target.connectionCount === 1)).toBe(true);
    expect((await second.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    expect(await second.logout()).toBe(0);
    expect(await eventually(() => running?.target.sessionCount === 0)).toBe(true);
  });

  it('pings a silent initiator with NOP-In and drops one that does not answer', async () => {
    running = await startTarget({ limits: { nopInIntervalMs: 25 } });
    const alive = await running.connect({ initiatorName: 'iqn.2026-12.test:alive' });
    const mute = await running.connect({ initiatorName: 'iqn.2026-12.test:mute' });
    mute.rawSocket.removeAllListeners('data'); // it hears nothing, answers nothing
    expect(await eventually(() => mute.isClosed)).toBe(true);
    expect(await eventually(() => alive.unsolicited.some((p) => p.kind === 'NOP-In'))).toBe(true);
    expect(alive.isClosed).toBe(false);
    expect((await alive.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    expect(mute.isClosed).toBe(true);
    expect(running.target.sessionCount).toBe(1);
    await alive.logout();
  });

  it('refuses sessions beyond the limit with 0302h (out of resources)', async () => {
    running = await startTarget({ limits: { maxSessions: 2 } });
    const a = await running.connect();
    const b = await running.connect();
    const e = await running.connect().catch((x: unknown) => x);
    expect((e as IscsiInitiatorError).loginStatus).toBe(0x0302);
    await a.logout();
    await b.logout();
  });

  it('close() ends every session and stops listening', async () => {
    running = await startTarget();
    const ini = await running.connect();
    await running.target.close();
    expect(await eventually(() => ini.isClosed)).toBe(true);
    const e = await running.connect().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
  });

  it('close({ graceMs }) asks initiators to log out (Asynchronous Message) and waits for them', async () => {
    running = await startTarget();
    const a = await running.connect({ initiatorName: 'iqn.2026-12.test:a' });
    const b = await running.connect({ initiatorName: 'iqn.2026-12.test:b' });
    const t0 = Date.now();
    await running.target.close({ graceMs: 4000 });
    expect(Date.now() - t0).toBeLessThan(4000); // both logged out before the grace ran out
    expect(a.unsolicited.some((p) => p.kind === 'Asynchronous Message' && p.asyncEvent === 1)).toBe(true);
    expect(running.log.filter((l) => l.includes('logout (reason 0)'))).toHaveLength(2);
    expect(await eventually(() => a.isClosed && b.isClosed)).toBe(true);
  });

  it('checks its options', () => {
    expect(() => new IscsiTarget({ copyManager: {} as never })).toThrow(TypeError);
    expect(
      () =>
        new IscsiTarget({
          copyManager: running?.cm ?? { execute: () => ({ status: 0 }) },
          limits: { maxRecvDataSegmentLength: 10 },
        }),
    ).toThrow(RangeError);
  });
});
