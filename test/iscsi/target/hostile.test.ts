/**
 * Hostile peers, one rule at a time: login timeout, data segments over MaxRecvDataSegmentLength,
 * write data over the per-connection budget, garbage instead of a login, connection limit.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeIscsiPdu, ISCSI_RESERVED_TAG } from '../../../src/iscsi/pdu/index.js';
import { inquiry, type Running, read16, startTarget, write16 } from './helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.target.close();
  running = undefined;
});

function rawConnect(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      const closed = new Promise<void>((r) => socket.once('close', () => r()));
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

// An upper bound only (the test goes on as soon as the connection closes): generous for a loaded machine.
const within = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('iSCSI target: hostile peers', () => {
  it('closes a connection that does not finish its login in time', async () => {
    running = await startTarget({ limits: { loginTimeoutMs: 100 } });
    const { closed } = await rawConnect(running.port);
    expect(await within(closed, 20_000)).toBe(true);
    expect(running.target.connectionCount).toBe(0);
  });

  it('closes a connection that sends garbage instead of a Login Request', async () => {
    running = await startTarget();
    const { socket, closed } = await rawConnect(running.port);
    socket.write(Buffer.alloc(48, 0x41));
    expect(await within(closed, 20_000)).toBe(true);
    expect(running.target.stats.protocolErrors).toBe(1);
  });

  it('refuses a data segment above its MaxRecvDataSegmentLength without buffering it; other sessions go on', async () => {
    running = await startTarget({ limits: { maxRecvDataSegmentLength: 8192 } });
    const good = await running.connect({ initiatorName: 'iqn.2026-12.test:good' });
    const bad = await running.connect({ initiatorName: 'iqn.2026-12.test:bad' });
    const closed = new Promise<void>((r) => bad.rawSocket.once('close', () => r()));
    const header = encodeIscsiPdu({
      kind: 'NOP-Out',
      immediate: true,
      lun: 0n,
      initiatorTaskTag: 5,
      targetTransferTag: ISCSI_RESERVED_TAG,
      cmdSn: 1,
      expStatSn: 0,
    });
    header[5] = 0xff; // DataSegmentLength 16 MiB - 1, and no data follows
    header[6] = 0xff;
    header[7] = 0xff;
    bad.rawSocket.write(header);
    expect(await within(closed, 20_000)).toBe(true);
    expect(running.target.stats.protocolErrors).toBe(1);
    expect(running.target.stats.rejects).toBe(1);
    expect((await good.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    await good.logout();
  });

  it('answers BUSY to writes beyond the pending write data budget instead of buffering them', async () => {
    running = await startTarget({ limits: { maxPendingWriteBytes: 64 * 1024 } });
    const ini = await running.connect({ initialR2T: true, immediateData: false });
    // Two 48 KiB writes whose data the initiator holds back: the second exceeds the budget.
    const first = ini.command(0, write16(0n, 96), { dataOut: new Uint8Array(96 * 512), answerR2t: false });
    void first.catch(() => undefined);
    const second = await ini.command(0, write16(100n, 96), { dataOut: new Uint8Array(96 * 512), answerR2t: false });
    expect(second.status).toBe(0x08); // BUSY
    expect((await ini.command(0, inquiry(), { readLength: 96 })).status).toBe(0);
    ini.close();
  });

  it('stops executing while a peer does not read its responses (queued send data bounded)', async () => {
    running = await startTarget({ limits: { maxQueuedSendBytes: 1 << 20, maxCommandsInFlight: 256 } });
    let executed = 0;
    const cm = running.cm;
    const execute = cm.execute.bind(cm);
    cm.execute = (r) => {
      executed++;
      return execute(r);
    };
    const ini = await running.connect();
    await ini.command(0, inquiry(), { readLength: 96 });
    executed = 0;
    ini.rawSocket.pause(); // reads nothing from now on
    const jobs = Array.from({ length: 200 }, (_, i) =>
      ini.command(0, read16(BigInt(i * 2048), 2048), { readLength: 1 << 20 }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(executed).toBeLessThan(50); // 200 MiB of responses were never built
    ini.rawSocket.resume();
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.status === 0 && r.dataIn.length === 1 << 20)).toBe(true);
    expect(executed).toBe(200);
    await ini.logout();
  });

  it('refuses TCP connections beyond maxConnections', async () => {
    running = await startTarget({ limits: { maxConnections: 2 } });
    const a = await rawConnect(running.port);
    const b = await rawConnect(running.port);
    const c = await rawConnect(running.port);
    expect(await within(c.closed, 20_000)).toBe(true);
    expect(running.target.connectionCount).toBe(2);
    a.socket.destroy();
    b.socket.destroy();
  });
});
