/**
 * The target's data transfer and ordering rules, seen from a raw socket that speaks PDUs with the
 * package's own codec (no initiator logic in between): R2T pacing (MaxOutstandingR2T,
 * MaxBurstLength), the CmdSN window, and the DataSN check.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SAM_STATUS } from '../../../src/constants/sam-status.js';
import { SENSE_KEY } from '../../../src/constants/sense-key.js';
import { lunFromNumber } from '../../../src/data-in/index.js';
import {
  decodeIscsiPdu,
  decodeIscsiSenseSegment,
  encodeIscsiPdu,
  encodeIscsiTextKeys,
  type IscsiPdu,
  type IscsiPduInput,
  iscsiCommandCdbFields,
  iscsiPduLength,
} from '../../../src/iscsi/pdu/index.js';
import { decodeSenseData } from '../../../src/sense/index.js';
import { inquiry, type Running, startTarget, TARGET_NAME, write16 } from './helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.target.close();
  running = undefined;
});

/** One logged-in connection driven PDU by PDU. */
class Raw {
  private rx = Buffer.alloc(0);
  private readonly queue: IscsiPdu[] = [];
  private wake: (() => void) | undefined;
  expCmdSn = 0;
  maxCmdSn = 0;
  expStatSn = 0;

  readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (c: Buffer) => {
      this.rx = Buffer.concat([this.rx, c]);
      for (;;) {
        if (this.rx.length < 48) break;
        const n = iscsiPduLength(this.rx.subarray(0, 48)) as number;
        if (this.rx.length < n) break;
        const pdu = decodeIscsiPdu(this.rx.subarray(0, n));
        this.rx = this.rx.subarray(n);
        if ('expCmdSn' in pdu && 'maxCmdSn' in pdu) {
          this.expCmdSn = pdu.expCmdSn;
          this.maxCmdSn = pdu.maxCmdSn;
        }
        if ('statSn' in pdu && pdu.kind !== 'R2T' && !(pdu.kind === 'SCSI Data-In' && !pdu.statusPresent))
          this.expStatSn = (pdu.statSn + 1) >>> 0;
        this.queue.push(pdu);
        this.wake?.();
      }
    });
    socket.on('error', () => undefined);
  }

  static async login(port: number, keys: Record<string, string>): Promise<Raw> {
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
      s.once('error', reject);
    });
    const raw = new Raw(socket);
    raw.send({
      kind: 'Login Request',
      transit: true,
      continue: false,
      csg: 1,
      nsg: 3,
      versionMax: 0,
      versionMin: 0,
      isid: 0x40_0000_0001,
      tsih: 0,
      initiatorTaskTag: 0,
      cid: 0,
      cmdSn: 1,
      expStatSn: 0,
      data: encodeIscsiTextKeys([
        { key: 'InitiatorName', value: 'iqn.2026-12.test:raw' },
        { key: 'SessionType', value: 'Normal' },
        { key: 'TargetName', value: TARGET_NAME },
        ...Object.entries(keys).map(([key, value]) => ({ key, value })),
      ]),
    });
    const r = await raw.next();
    if (r?.kind !== 'Login Response' || r.statusClass !== 0 || !r.transit || r.nsg !== 3)
      throw new Error(`login failed: ${JSON.stringify(r?.kind)}`);
    return raw;
  }

  send(pdu: IscsiPduInput): void {
    this.socket.write(encodeIscsiPdu(pdu));
  }

  /** The next PDU, or undefined when none comes within `ms`. */
  async next(ms = 2000): Promise<IscsiPdu | undefined> {
    const t0 = Date.now();
    while (this.queue.length === 0) {
      const left = ms - (Date.now() - t0);
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.queue.shift();
  }

  command(itt: number, cmdSn: number, cdb: Uint8Array, o: { write?: number; read?: number } = {}): void {
    const f = iscsiCommandCdbFields(cdb);
    this.send({
      kind: 'SCSI Command',
      immediate: false,
      final: true,
      read: (o.read ?? 0) > 0,
      write: (o.write ?? 0) > 0,
      attr: 1,
      lun: lunFromNumber(0),
      initiatorTaskTag: itt,
      expectedDataTransferLength: o.write ?? o.read ?? 0,
      cmdSn,
      expStatSn: this.expStatSn,
      cdb: f.cdb,
      ahs: f.ahs,
      data: new Uint8Array(0),
    });
  }

  dataOut(itt: number, ttt: number, dataSn: number, bufferOffset: number, length: number): void {
    this.send({
      kind: 'SCSI Data-Out',
      final: true,
      lun: lunFromNumber(0),
      initiatorTaskTag: itt,
      targetTransferTag: ttt,
      expStatSn: this.expStatSn,
      dataSn,
      bufferOffset,
      data: new Uint8Array(length).fill(0xa5),
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

const PACED = { InitialR2T: 'Yes', ImmediateData: 'No', MaxOutstandingR2T: '8', MaxBurstLength: '262144' };

describe('iSCSI target: raw protocol rules', () => {
  it('paces R2Ts: at most MaxOutstandingR2T (2) of at most MaxBurstLength (16384) each; the 3rd after the 1st is answered', async () => {
    running = await startTarget({ limits: { maxOutstandingR2T: 2, maxBurstLength: 16384 } });
    const raw = await Raw.login(running.port, PACED);
    const itt = 0x11;
    raw.command(itt, raw.expCmdSn, write16(0n, 512), { write: 256 * 1024 });
    const first = await raw.next();
    const second = await raw.next();
    expect(await raw.next(300)).toBeUndefined(); // no third while two are outstanding
    const r2ts = [first, second].map((p) => {
      if (p?.kind !== 'R2T') throw new Error(`expected R2T, got ${p?.kind}`);
      return p;
    });
    expect(r2ts.map((r) => [r.r2tSn, r.bufferOffset, r.desiredDataTransferLength])).toEqual([
      [0, 0, 16384],
      [1, 16384, 16384],
    ]);
    const seen = [...r2ts];
    const total = (256 * 1024) / 16384;
    // Answer the oldest outstanding R2T, one at a time; each answer releases exactly one more.
    for (let answered = 0; answered < total; answered++) {
      const r = seen[answered] as (typeof seen)[number];
      raw.dataOut(itt, r.targetTransferTag, 0, r.bufferOffset, r.desiredDataTransferLength);
      if (seen.length < total) {
        const p = await raw.next();
        if (p?.kind !== 'R2T') throw new Error(`expected R2T, got ${p?.kind}`);
        expect([p.r2tSn, p.bufferOffset, p.desiredDataTransferLength]).toEqual([
          seen.length,
          seen.length * 16384,
          16384,
        ]);
        seen.push(p);
        expect(seen.length - (answered + 1)).toBe(2); // two outstanding again, never more
      }
    }
    const status = await raw.next();
    expect(status?.kind === 'SCSI Response' && status.status).toBe(SAM_STATUS.GOOD);
    expect(seen.length).toBe(total);
    expect(await raw.next(100)).toBeUndefined();
    raw.close();
  });

  it('ignores commands outside the CmdSN window (MaxCmdSN + 1, ExpCmdSN - 1), then serves ExpCmdSN', async () => {
    running = await startTarget();
    const raw = await Raw.login(running.port, {});
    const exp = raw.expCmdSn;
    const max = raw.maxCmdSn;
    expect(((max - exp) >>> 0) + 1).toBe(running.target.limits.maxCommandsInFlight);
    raw.command(0x21, (max + 1) >>> 0, inquiry(96), { read: 96 });
    raw.command(0x22, (exp - 1) >>> 0, inquiry(96), { read: 96 });
    expect(await raw.next(300)).toBeUndefined();
    raw.command(0x23, exp, inquiry(96), { read: 96 });
    const answer = await raw.next();
    expect(answer?.kind).toBe('SCSI Data-In');
    expect(answer?.kind === 'SCSI Data-In' && [answer.initiatorTaskTag, answer.statusPresent, answer.status]).toEqual([
      0x23,
      true,
      SAM_STATUS.GOOD,
    ]);
    expect(raw.expCmdSn).toBe((exp + 1) >>> 0);
    expect(await raw.next(300)).toBeUndefined(); // the dropped ones never run
    raw.close();
  });

  it('ends a task whose Data-Out has the wrong DataSN with CHECK CONDITION, ABORTED COMMAND, 4Bh/00h', async () => {
    running = await startTarget({ limits: { maxBurstLength: 16384 } });
    const raw = await Raw.login(running.port, PACED);
    const itt = 0x31;
    raw.command(itt, raw.expCmdSn, write16(0n, 64), { write: 32 * 1024 });
    const r2t = await raw.next();
    if (r2t?.kind !== 'R2T') throw new Error(`expected R2T, got ${r2t?.kind}`);
    raw.dataOut(itt, r2t.targetTransferTag, 1, r2t.bufferOffset, r2t.desiredDataTransferLength); // DataSN 1, not 0
    let p = await raw.next();
    while (p?.kind === 'R2T') p = await raw.next();
    if (p?.kind !== 'SCSI Response') throw new Error(`expected SCSI Response, got ${p?.kind}`);
    expect([p.initiatorTaskTag, p.response, p.status]).toEqual([itt, 0, SAM_STATUS.CHECK_CONDITION]);
    const sense = decodeSenseData(decodeIscsiSenseSegment(p.data).senseData);
    expect([sense.senseKey, sense.additionalSenseCode, sense.additionalSenseCodeQualifier]).toEqual([
      SENSE_KEY.ABORTED_COMMAND,
      0x4b,
      0x00,
    ]);
    // The session goes on: the next command is served.
    raw.command(0x32, raw.expCmdSn, inquiry(96), { read: 96 });
    let q = await raw.next();
    while (q !== undefined && q.kind !== 'SCSI Data-In') q = await raw.next();
    expect(q?.kind === 'SCSI Data-In' && q.status).toBe(SAM_STATUS.GOOD);
    raw.close();
  });
});
