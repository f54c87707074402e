/**
 * A real capture (test/vectors/captures/tgt-libiscsi-loopback.pcapng: Debian's tgt with
 * libiscsi's iscsi-inq, iscsi-readcapacity16, iscsi-ls and iscsi-test-cu over loopback, cut by
 * editcap to its first 400 frames). The interop suite checks every command against tshark; here,
 * what a reader must find in it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CaptureWarning, decodeSenseData, normalizeSenseData, readCaptureExchanges } from '../../src/index.js';

const bytes = new Uint8Array(readFileSync('test/vectors/captures/tgt-libiscsi-loopback.pcapng'));

describe('real capture: tgt and libiscsi over loopback', () => {
  const warnings: CaptureWarning[] = [];
  const all = [...readCaptureExchanges(bytes, { onWarning: (w) => warnings.push(w) })];
  it('every exchange, with logins, sense and data', () => {
    expect(all.length).toBe(79);
    expect(new Set(all.map((x) => x.connection.initiatorName))).toEqual(
      new Set(['iqn.2026-12.test:init1', 'iqn.2026-12.test:init2']),
    );
    expect(all.every((x) => x.connection.digestsFrom === 'login')).toBe(true);
    const xcopy = all.find((x) => x.cdb[0] === 0x83);
    expect(xcopy?.status).toBe(2);
    const n = normalizeSenseData(decodeSenseData(xcopy?.sense ?? new Uint8Array(0)));
    expect([n.senseKey, n.asc, n.ascq]).toEqual([5, 0x20, 0]);
    const beyond = all.filter((x) => x.cdb[0] === 0x2a && x.status === 2);
    expect(beyond.length).toBeGreaterThan(10);
    const inq = all.find((x) => x.cdb[0] === 0x12 && x.status === 0);
    expect(inq?.dataInLength).toBeGreaterThan(0);
    expect(inq?.dataIn?.length).toBe(inq?.dataInLength);
  });
  it('the only warnings are about the cut at frame 400', () => {
    expect(warnings.every((w) => w.frame === 400 && /partial-pdu|no status/.test(`${w.kind} ${w.message}`))).toBe(true);
  });
});
