/**
 * The iSCSI target over loopback, driven by the package's own small initiator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeIscsiPdu, iscsiPduLength } from '../../../src/iscsi/pdu/index.js';
import { IscsiInitiatorError } from '../../../src/iscsi/target/index.js';
import { decodeSenseData } from '../../../src/sense/index.js';
import { eventually, inquiry, pattern, type Running, read16, startTarget, TARGET_NAME, write16 } from './helpers.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.target.close();
  running = undefined;
});

describe('iSCSI target: login and basic I/O', () => {
  it('splits a long Text Response at the initiator MaxRecvDataSegmentLength (C bit, continued on request)', async () => {
    running = await startTarget({}, 40);
    const ini = await running.connect({ sessionType: 'Discovery', maxRecvDataSegmentLength: 512 });
    const pairs = await ini.sendTargets('All');
    expect(pairs.filter((p) => p.key === 'TargetAddress')).toHaveLength(40);
    expect(pairs.at(-1)).toEqual({ key: 'TargetAddress', value: `127.0.0.1:${running.ports[39]},40` });
    await ini.logout();
  });

  it('logs in straight to the operational stage (as libiscsi does), answers INQUIRY, logs out', async () => {
    running = await startTarget();
    const ini = await running.connect({ skipSecurity: true });
    expect(ini.negotiated.get('TargetPortalGroupTag')).toBe('1');
    expect(ini.negotiated.get('MaxRecvDataSegmentLength')).toBe('262144');
    const r = await ini.command(0, inquiry(96), { readLength: 96 });
    expect(r.status).toBe(0);
    expect(r.dataIn.length).toBeGreaterThanOrEqual(36);
    expect(r.dataIn[0]).toBe(0x00); // direct access block device
    expect(running.target.sessionCount).toBe(1);
    expect(await ini.logout()).toBe(0);
    expect(await eventually(() => running?.target.sessionCount === 0)).toBe(true);
  });

  it('logs in through the security stage with AuthMethod=None', async () => {
    running = await startTarget();
    const ini = await running.connect();
    const r = await ini.command(0, inquiry(36), { readLength: 36 });
    expect(r.status).toBe(0);
    await ini.logout();
  });

  it('refuses an unknown TargetName with 0203h', async () => {
    running = await startTarget();
    const e = await running.connect({ targetName: 'iqn.2026-12.example:nope' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IscsiInitiatorError);
    expect((e as IscsiInitiatorError).loginStatus).toBe(0x0203);
  });

  it('writes and reads back 1 MiB (R2T path, unsolicited path, immediate path)', async () => {
    running = await startTarget();
    for (const opts of [
      { initialR2T: true, immediateData: false },
      { initialR2T: false, immediateData: true },
      { initialR2T: true, immediateData: true, firstBurstLength: 4096 },
      { initialR2T: false, immediateData: false, maxBurstLength: 65536, firstBurstLength: 65536 },
    ]) {
      const ini = await running.connect(opts);
      const data = pattern(1 << 20, opts.firstBurstLength ?? 7);
      const w = await ini.command(0, write16(4096n, 2048), { dataOut: data });
      expect(w.status).toBe(0);
      const r = await ini.command(0, read16(4096n, 2048), { readLength: 1 << 20 });
      expect(r.status).toBe(0);
      expect(r.residualCount).toBe(0);
      expect(Buffer.compare(Buffer.from(r.dataIn), Buffer.from(data))).toBe(0);
      await ini.logout();
    }
  });

  it('reuses write buffers without mixing data: each WRITE reads back as written, traced data-out stays intact', async () => {
    const traced: Uint8Array[] = [];
    for (const trace of [false, true]) {
      running = await startTarget(trace ? { onCommand: (t) => t.dataOut && traced.push(t.dataOut) } : {});
      const ini = await running.connect({ initialR2T: false, immediateData: true });
      const pieces = [1, 2, 3, 4, 5].map((k) => pattern(256 * 1024, k));
      // sequential (each buffer is free again before the next WRITE) and 4 at a time
      for (const [i, d] of pieces.entries()) {
        expect((await ini.command(0, write16(BigInt(i * 512), 512), { dataOut: d })).status).toBe(0);
      }
      const again = pieces.map((d, i) => pattern(d.length, 10 + i));
      const ws = await Promise.all(
        again.map((d, i) => ini.command(0, write16(BigInt(i * 512 + 4096), 512), { dataOut: d })),
      );
      expect(ws.map((w) => w.status)).toEqual([0, 0, 0, 0, 0]);
      for (const [i, d] of [...pieces, ...again].entries()) {
        const lba = i < 5 ? i * 512 : (i - 5) * 512 + 4096;
        const r = await ini.command(0, read16(BigInt(lba), 512), { readLength: d.length });
        expect(Buffer.compare(Buffer.from(r.dataIn), Buffer.from(d))).toBe(0);
      }
      await ini.logout();
      await running.target.close();
      running = undefined;
    }
    expect(traced.map((d) => Buffer.from(d).toString('hex'))).toEqual(
      [
        ...[1, 2, 3, 4, 5].map((k) => pattern(256 * 1024, k)),
        ...[0, 1, 2, 3, 4].map((i) => pattern(256 * 1024, 10 + i)),
      ].map((d) => Buffer.from(d).toString('hex')),
    );
  });

  it('reports sense data in the SCSI Response (LBA out of range)', async () => {
    running = await startTarget();
    const ini = await running.connect();
    const r = await ini.command(0, read16(1n << 40n, 1), { readLength: 512 });
    expect(r.status).toBe(2);
    expect(r.senseData).toBeDefined();
    const s = decodeSenseData(r.senseData as Uint8Array);
    expect(s.senseKey).toBe(5);
    await ini.logout();
  });

  it('sets the residual bits: underflow on a short read, overflow when the initiator expects less', async () => {
    running = await startTarget();
    const ini = await running.connect();
    const under = await ini.command(0, inquiry(36), { readLength: 200, expectedLength: 200 });
    expect(under.status).toBe(0);
    expect(under.residualUnderflow).toBe(true);
    expect(under.residualCount).toBe(200 - under.dataIn.length);
    const over = await ini.command(0, read16(0n, 2), { readLength: 512, expectedLength: 512 });
    expect(over.residualOverflow).toBe(true);
    expect(over.residualCount).toBe(512);
    await ini.logout();
  });

  it('write residuals: EDTL above the CDB writes what the CDB says (U); below, only EDTL whole blocks (O)', async () => {
    running = await startTarget();
    const ini = await running.connect();
    const a = new Uint8Array(1024).fill(0x61);
    const b = new Uint8Array(10_000).fill(0x62);
    expect((await ini.command(0, write16(50n, 2), { dataOut: a })).status).toBe(0);
    const under = await ini.command(0, write16(50n, 1), { dataOut: b });
    expect([under.status, under.residualUnderflow, under.residualCount]).toEqual([0, true, 10_000 - 512]);
    let back = (await ini.command(0, read16(50n, 2), { readLength: 1024 })).dataIn;
    expect([back[0], back[511], back[512], back[1023]]).toEqual([0x62, 0x62, 0x61, 0x61]);
    expect((await ini.command(0, write16(50n, 2), { dataOut: a })).status).toBe(0);
    const over = await ini.command(0, write16(50n, 2), { dataOut: b.subarray(0, 512) });
    expect([over.status, over.residualOverflow, over.residualCount]).toEqual([0, true, 512]);
    back = (await ini.command(0, read16(50n, 2), { readLength: 1024 })).dataIn;
    expect([back[0], back[511], back[512], back[1023]]).toEqual([0x62, 0x62, 0x61, 0x61]);
    // Not a whole block: CHECK CONDITION, INVALID FIELD IN INFORMATION UNIT, nothing written.
    const partial = await ini.command(0, write16(50n, 1), { dataOut: new Uint8Array(200) });
    expect([partial.status, partial.residualOverflow, partial.residualCount]).toEqual([2, true, 312]);
    const s = decodeSenseData(partial.senseData as Uint8Array);
    expect([s.senseKey, s.additionalSenseCode, s.additionalSenseCodeQualifier]).toEqual([5, 0x0e, 0x03]);
    await ini.logout();
  });

  it('splits Data-In at the initiator MaxRecvDataSegmentLength', async () => {
    running = await startTarget();
    const ini = await running.connect({ maxRecvDataSegmentLength: 4096 });
    const data = pattern(64 * 1024, 3);
    expect((await ini.command(1, write16(10n, 16), { dataOut: data })).status).toBe(0);
    // Every byte the target sends from now on, framed independently of the initiator.
    const wire: Buffer[] = [];
    ini.rawSocket.on('data', (c: Buffer) => wire.push(c));
    const r = await ini.command(1, read16(10n, 16), { readLength: data.length, itt: 0x4d });
    expect(r.status).toBe(0);
    expect(Buffer.compare(Buffer.from(r.dataIn), Buffer.from(data))).toBe(0);
    const all = Buffer.concat(wire);
    const dataIns: { length: number; status: boolean; final: boolean }[] = [];
    for (let off = 0; off < all.length; ) {
      const n = iscsiPduLength(all.subarray(off, off + 48), { headerDigest: false, dataDigest: false }) as number;
      const pdu = decodeIscsiPdu(all.subarray(off, off + n));
      off += n;
      if (pdu.kind === 'SCSI Data-In' && pdu.initiatorTaskTag === 0x4d)
        dataIns.push({ length: pdu.data.length, status: pdu.statusPresent, final: pdu.final });
    }
    expect(dataIns.length).toBe(16);
    expect(dataIns.every((d) => d.length === 4096)).toBe(true);
    expect(dataIns.map((d) => d.status)).toEqual([...Array(15).fill(false), true]);
    expect(dataIns.map((d) => d.final)).toEqual([...Array(15).fill(false), true]);
    await ini.logout();
  });

  it('the initiator enforces its own MaxRecvDataSegmentLength: a longer Data-In fails the connection', async () => {
    running = await startTarget();
    const ini = await running.connect({ maxRecvDataSegmentLength: 4096 });
    const data = pattern(64 * 1024, 5);
    expect((await ini.command(1, write16(10n, 16), { dataOut: data })).status).toBe(0);
    // Make the target ignore the declaration (as a broken target would): it sends 64 KiB segments.
    const conns = (running.target as unknown as { connections: Set<{ maxSendDsl: number }> }).connections;
    expect(conns.size).toBe(1);
    for (const c of conns) c.maxSendDsl = 65536;
    await expect(ini.command(1, read16(10n, 16), { readLength: data.length })).rejects.toMatchObject({
      code: 'ERR_INVALID_VALUE',
    });
  });

  it('pads a Data-In segment of every length mod 4 to a 4-byte boundary (RFC 7143 section 11.1)', async () => {
    running = await startTarget();
    const ini = await running.connect({ skipSecurity: true });
    // a wrong pad length shifts the stream: the next PDU would not parse (libiscsi hung on 1 and 5)
    for (let n = 1; n <= 8; n++) {
      const r = await ini.command(0, inquiry(n), { readLength: n });
      expect(r.status).toBe(0);
      expect(r.dataIn.length).toBe(n);
    }
    expect((await ini.command(0, inquiry(96), { readLength: 96 })).status).toBe(0);
    await ini.logout();
  });

  it('answers NOP-Out with NOP-In echoing the ping data', async () => {
    running = await startTarget();
    const ini = await running.connect();
    const ping = pattern(100, 9);
    expect(Buffer.from(await ini.nop(ping)).equals(Buffer.from(ping))).toBe(true);
    await ini.logout();
  });

  it('answers SendTargets in a discovery session', async () => {
    running = await startTarget({}, 2);
    const ini = await running.connect({ sessionType: 'Discovery' });
    const pairs = await ini.sendTargets('All');
    expect(pairs[0]).toEqual({ key: 'TargetName', value: TARGET_NAME });
    expect(pairs.filter((p) => p.key === 'TargetAddress').map((p) => p.value)).toEqual([
      `127.0.0.1:${running.ports[0]},1`,
      `127.0.0.1:${running.ports[1]},2`,
    ]);
    await ini.logout();
  });
});
