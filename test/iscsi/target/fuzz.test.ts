/**
 * Hostile peers: malformed PDUs and byte streams thrown at a running target while a second
 * session keeps writing and reading. The server stays up, the second session sees no error,
 * memory stays bounded. ISCSI_FUZZ_PDUS scales it (default 3,000; `npm run test:iscsi-fuzz`
 * runs 100,000).
 */
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeIscsiPdu,
  encodeIscsiPdu,
  encodeIscsiTextKeys,
  ISCSI_RESERVED_TAG,
  type IscsiPduInput,
  iscsiCommandCdbFields,
} from '../../../src/iscsi/pdu/index.js';
import type { IscsiInitiator } from '../../../src/iscsi/target/index.js';
import { eventually, inquiry, pattern, type Running, read16, startTarget, write16 } from './helpers.js';

const TOTAL = Number(process.env['ISCSI_FUZZ_PDUS'] ?? '3000');
const PER_CONNECTION = 16;
const PARALLEL = 8;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** Well-formed initiator PDUs the mutations start from (LUN 0 only). */
function basePdus(next: () => number): IscsiPduInput[] {
  const itt = next() & 0xffff;
  const cmdSn = next() % 4;
  const read = iscsiCommandCdbFields(read16(BigInt(next() % 1000), 1 + (next() % 8)));
  const wr = iscsiCommandCdbFields(write16(BigInt(next() % 1000), 1));
  const inq = iscsiCommandCdbFields(inquiry(96));
  return [
    {
      kind: 'SCSI Command',
      immediate: false,
      final: true,
      read: true,
      write: false,
      attr: 1,
      lun: 0n,
      initiatorTaskTag: itt,
      expectedDataTransferLength: 4096,
      cmdSn,
      expStatSn: 0,
      cdb: read.cdb,
      ahs: read.ahs,
    },
    {
      kind: 'SCSI Command',
      immediate: true,
      final: true,
      read: true,
      write: false,
      attr: 1,
      lun: 0n,
      initiatorTaskTag: itt + 1,
      expectedDataTransferLength: 96,
      cmdSn,
      expStatSn: 0,
      cdb: inq.cdb,
      ahs: inq.ahs,
    },
    {
      kind: 'SCSI Command',
      immediate: false,
      final: false,
      read: false,
      write: true,
      attr: 1,
      lun: 0n,
      initiatorTaskTag: itt + 2,
      expectedDataTransferLength: 512,
      cmdSn,
      expStatSn: 0,
      cdb: wr.cdb,
      ahs: wr.ahs,
      data: pattern(100, itt),
    },
    {
      kind: 'SCSI Data-Out',
      final: true,
      lun: 0n,
      initiatorTaskTag: itt + 2,
      targetTransferTag: ISCSI_RESERVED_TAG,
      expStatSn: 0,
      dataSn: 0,
      bufferOffset: 100,
      data: pattern(412, itt),
    },
    {
      kind: 'NOP-Out',
      immediate: true,
      lun: 0n,
      initiatorTaskTag: itt + 3,
      targetTransferTag: ISCSI_RESERVED_TAG,
      cmdSn,
      expStatSn: 0,
      data: pattern(next() % 300, 1),
    },
    {
      kind: 'Text Request',
      immediate: true,
      final: true,
      continue: false,
      lun: 0n,
      initiatorTaskTag: itt + 4,
      targetTransferTag: ISCSI_RESERVED_TAG,
      cmdSn,
      expStatSn: 0,
      data: encodeIscsiTextKeys([{ key: 'SendTargets', value: 'All' }]),
    },
    {
      kind: 'Task Management Function Request',
      immediate: true,
      function: 1,
      lun: 0n,
      initiatorTaskTag: itt + 5,
      referencedTaskTag: itt,
      cmdSn,
      expStatSn: 0,
      refCmdSn: cmdSn,
      expDataSn: 0,
    },
    {
      kind: 'SNACK Request',
      type: 0,
      lun: 0n,
      initiatorTaskTag: itt,
      targetTransferTag: 0,
      expStatSn: 0,
      begRun: 0,
      runLength: 0,
    },
  ];
}

/**
 * A mutated PDU, or undefined when the mutation produced something a legitimate initiator may
 * send that acts on other sessions (SAM resets, CLEAR TASK SET) or on another LU: those are not
 * attacks, they are the protocol.
 */
function mutate(next: () => number): Uint8Array | undefined {
  const base = basePdus(next);
  const bytes = encodeIscsiPdu(base[next() % base.length] as IscsiPduInput);
  const out = Buffer.from(bytes);
  const kind = next() % 8;
  let result: Uint8Array = out;
  if (kind <= 3) {
    // flip 1-4 random header bytes
    for (let i = 0, n = 1 + (next() % 4); i < n; i++) out[next() % 48] = next() & 0xff;
  } else if (kind === 4) {
    // DataSegmentLength / TotalAHSLength nonsense (the bytes that follow do not match)
    out[4] = next() & 0xff;
    out[5] = next() & 0xff;
    out[6] = next() & 0xff;
    out[7] = next() & 0xff;
  } else if (kind === 5) {
    out[0] = (out[0] as number & 0xc0) | (next() & 0x3f); // any opcode
  } else if (kind === 6) {
    result = out.subarray(0, next() % out.length); // truncated (the stream continues with the next one)
  } else {
    const extra = Buffer.alloc(1 + (next() % 64));
    for (let i = 0; i < extra.length; i++) extra[i] = next() & 0xff;
    result = Buffer.concat([out, extra]); // trailing garbage
  }
  try {
    const d = decodeIscsiPdu(result.length >= 48 ? result : Buffer.alloc(0), { maxDataSegmentLength: 1 << 24 });
    if (d.kind === 'Task Management Function Request' && d.function >= 4 && d.function <= 7) return undefined;
    if (d.kind === 'SCSI Command' && d.lun !== 0n) return undefined;
    if (d.kind === 'Task Management Function Request' && d.lun !== 0n) return undefined;
  } catch {
    // undecodable: fine, that is the point
  }
  return result;
}

/** Log in (straight to operational, no digests), then send `payload`; resolve when the target closes or after a while. */
async function attack(port: number, payload: Buffer, login: boolean, isid: number): Promise<void> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  if (login) {
    socket.write(
      encodeIscsiPdu({
        kind: 'Login Request',
        transit: true,
        continue: false,
        csg: 1,
        nsg: 3,
        versionMax: 0,
        versionMin: 0,
        isid,
        tsih: 0,
        initiatorTaskTag: 0,
        cid: 0,
        cmdSn: 0,
        expStatSn: 0,
        data: encodeIscsiTextKeys([
          { key: 'InitiatorName', value: 'iqn.2026-12.test:fuzzer' },
          { key: 'SessionType', value: 'Normal' },
          { key: 'TargetName', value: 'iqn.2026-12.org.scsi-odx:test' },
          { key: 'MaxRecvDataSegmentLength', value: '65536' },
        ]),
      }),
    );
  }
  socket.end(payload);
  const timer = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([closed, timer]);
  socket.destroy();
}

let running: Running | undefined;
afterAll(async () => {
  await running?.target.close();
});

describe('iSCSI target: fuzz', () => {
  it(`stays up under ${TOTAL} malformed PDUs and byte streams; another session is unharmed; memory bounded`, {
    timeout: 3_600_000,
  }, async () => {
    running = await startTarget({
      limits: {
        maxPendingWriteBytes: 8 << 20,
        maxTargetPendingWriteBytes: 16 << 20,
        maxQueuedSendBytes: 8 << 20,
        loginTimeoutMs: 2000,
      },
    });
    const r = running;
    const good: IscsiInitiator = await r.connect({ initiatorName: 'iqn.2026-12.test:good', timeoutMs: 20_000 });
    // The good session keeps writing and reading LUN 1 (4096-byte blocks) and checks every byte.
    let stop = false;
    let rounds = 0;
    const errors: string[] = [];
    const worker = (async () => {
      // Clear the power-on unit attention, if the copy manager reports one.
      await good.command(1, inquiry(96), { readLength: 96 });
      await good.command(1, read16(0n, 1), { readLength: 4096 });
      while (!stop) {
        const data = pattern(64 * 1024, rounds + 1);
        const lba = BigInt(100_000 + (rounds % 64) * 16);
        const w = await good.command(1, write16(lba, 16), { dataOut: data });
        if (w.status !== 0) errors.push(`write status ${w.status}`);
        const rd = await good.command(1, read16(lba, 16), { readLength: data.length });
        if (rd.status !== 0 || !Buffer.from(rd.dataIn).equals(Buffer.from(data)))
          errors.push(`read mismatch in round ${rounds}`);
        rounds++;
      }
    })().catch((e: unknown) => errors.push(String(e)));

    await new Promise((res) => setTimeout(res, 50));
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    // Sampled during the attack, not only at the end: heap + ArrayBuffers stay under what the limits
    // allow the server to hold (target-wide pending writes, then per open connection: queued send
    // data and one PDU being received), plus a fixed slack for garbage not yet collected (no GC is
    // forced between samples) and the test's own buffers.
    const l = r.target.limits;
    const SLACK = 64 << 20;
    const bound =
      l.maxTargetPendingWriteBytes + (PARALLEL + 2) * (l.maxQueuedSendBytes + l.maxRecvDataSegmentLength + 48) + SLACK;
    const mem = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const memBefore = mem();
    let memPeak = 0;
    let samples = 0;
    const sampler = setInterval(() => {
      memPeak = Math.max(memPeak, mem() - memBefore);
      samples++;
    }, 2);
    const next = rng(0x5eed);
    // Count what the server framed (not what we wrote: it stops reading a connection it closes).
    const base = r.target.stats.pdus;
    let sent = 0;
    let conns = 0;
    const received = (): number => r.target.stats.pdus - base - (conns - Math.floor(conns / 10)) * 1; // minus the logins
    while (received() < TOTAL && conns < TOTAL) {
      const batch: Promise<void>[] = [];
      for (let k = 0; k < PARALLEL; k++) {
        const parts: Uint8Array[] = [];
        const login = conns % 10 !== 0; // every tenth connection: garbage before any login
        if (!login) {
          const g = Buffer.alloc(48 + (next() % 2000));
          for (let i = 0; i < g.length; i++) g[i] = next() & 0xff;
          if (next() % 2 === 0) g[0] = 0x43; // looks like a Login Request
          parts.push(g);
          sent++;
        } else {
          for (let i = 0; i < PER_CONNECTION; ) {
            const m = mutate(next);
            if (m === undefined) continue;
            parts.push(m);
            sent++;
            i++;
          }
        }
        batch.push(attack(r.port, Buffer.concat(parts), login, 0x40_0000_0000 + conns));
        conns++;
      }
      await Promise.all(batch);
    }
    // Oversized data segment and a flood of logins that never finish.
    const big = Buffer.alloc(48);
    big[0] = 0x05;
    big[5] = 0xff;
    big[6] = 0xff;
    big[7] = 0xff;
    await attack(r.port, big, true, 0x40_ffff_0000);
    clearInterval(sampler);
    expect(samples).toBeGreaterThan(10);
    expect(memPeak).toBeLessThan(bound);
    stop = true;
    await worker;
    expect(errors).toEqual([]);
    expect(rounds).toBeGreaterThan(0);
    // The server is still up and accepts a new session; the attackers' sessions are gone.
    const after = await r.connect({ initiatorName: 'iqn.2026-12.test:after' });
    expect((await after.command(0, inquiry(96), { readLength: 96 })).response).toBe(0);
    await after.logout();
    await good.logout();
    expect(await eventually(() => r.target.sessionCount === 0 && r.target.connectionCount === 0)).toBe(true);
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    // Nothing accumulates per attacker: growth stays far below the configured limits.
    expect(heapAfter - heapBefore).toBeLessThan(32 << 20);
    expect(r.target.connectionCount).toBe(0);
    const st = r.target.stats;
    expect(received()).toBeGreaterThanOrEqual(TOTAL);
    console.log(
      `iSCSI fuzz: ${sent} malformed PDUs/streams written, ${received()} received by the server over ${conns} connections (${st.rejects} Rejects, ${st.protocolErrors} connections closed for protocol errors); good session: ${rounds} write+read rounds, 0 errors; heap ${(heapBefore / 2 ** 20).toFixed(1)} -> ${(heapAfter / 2 ** 20).toFixed(1)} MiB; peak heap+ArrayBuffers growth during the attack ${(memPeak / 2 ** 20).toFixed(1)} MiB (${samples} samples, bound ${(bound / 2 ** 20).toFixed(1)} MiB)`,
    );
  });
});
