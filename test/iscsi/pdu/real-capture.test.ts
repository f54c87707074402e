/**
 * Our PDU codec and negotiation on real traffic: test/vectors/captures/tgt-libiscsi-loopback.pcapng
 * (Debian's tgt and libiscsi's tools over loopback, digests None). Every complete PDU of every
 * connection decodes strictly and re-encodes to the same bytes; every login libiscsi starts is
 * answered by our negotiation without a fatal outcome.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapturePackets, tcpSegmentOf } from '../../../src/capture/index.js';
import { TcpDirection } from '../../../src/capture/tcp.js';
import {
  decodeIscsiPdu,
  decodeIscsiTextKeys,
  encodeIscsiPdu,
  type IscsiLoginRequest,
  type IscsiNegotiationState,
  type IscsiPdu,
  initialIscsiNegotiationState,
  iscsiPduLength,
  negotiateIscsiKeys,
} from '../../../src/index.js';

const bytes = new Uint8Array(readFileSync('test/vectors/captures/tgt-libiscsi-loopback.pcapng'));

interface Stream {
  readonly key: string;
  readonly fromInitiator: boolean;
  buffered: Uint8Array;
  readonly pdus: { raw: Uint8Array; pdu: IscsiPdu }[];
  broken: boolean;
}

function streams(): Stream[] {
  const out = new Map<string, { stream: Stream; dir: TcpDirection }>();
  for (const p of readCapturePackets(bytes)) {
    const seg = tcpSegmentOf(p.linkType, p.data);
    if ('skip' in seg) continue;
    const key = `${seg.source}:${seg.sourcePort}>${seg.destination}:${seg.destinationPort}`;
    let s = out.get(key);
    if (s === undefined) {
      const stream: Stream = {
        key,
        fromInitiator: seg.destinationPort === 3260,
        buffered: new Uint8Array(0),
        pdus: [],
        broken: false,
      };
      const dir = new TcpDirection({
        data(b) {
          const next = new Uint8Array(stream.buffered.length + b.length);
          next.set(stream.buffered);
          next.set(b, stream.buffered.length);
          stream.buffered = next;
          for (;;) {
            const n = iscsiPduLength(stream.buffered, { maxDataSegmentLength: 1 << 20 });
            if (n === undefined || stream.buffered.length < n) break;
            const raw = stream.buffered.slice(0, n);
            stream.pdus.push({ raw, pdu: decodeIscsiPdu(raw, { strict: true }) });
            stream.buffered = stream.buffered.slice(n);
          }
        },
        gap() {
          stream.broken = true;
        },
      });
      s = { stream, dir };
      out.set(key, s);
    }
    s.dir.segment(seg.sequenceNumber, seg.flags, seg.payload, seg.payloadLength, p.frame);
  }
  return [...out.values()].map((v) => v.stream);
}

describe('real capture: tgt and libiscsi', () => {
  const all = streams();
  it('every complete PDU decodes strictly and re-encodes to its own bytes', () => {
    const pdus = all.flatMap((s) => s.pdus);
    expect(pdus.length).toBeGreaterThan(150);
    expect(all.some((s) => s.broken)).toBe(false);
    for (const { raw, pdu } of pdus) expect(encodeIscsiPdu(pdu)).toEqual(raw);
    const kinds = new Set(pdus.map((p) => p.pdu.kind));
    for (const k of [
      'Login Request',
      'Login Response',
      'SCSI Command',
      'SCSI Response',
      'SCSI Data-In',
      'Text Request',
      'Text Response',
      'Logout Request',
      'Logout Response',
    ]) {
      expect([k, kinds.has(k as IscsiPdu['kind'])]).toEqual([k, true]);
    }
    // The capture is cut at frame 400: what is left over is less than one PDU per stream.
    for (const s of all) {
      const n = iscsiPduLength(s.buffered);
      expect(n === undefined || n > s.buffered.length).toBe(true);
    }
  });
  it("libiscsi's logins get answers and no fatal outcome from our negotiation", () => {
    const config = {
      targets: [{ name: 'iqn.2026-12.test:tgt', addresses: ['127.0.0.1:3260,1'] }],
      targetPortalGroupTag: 1,
    };
    let logins = 0;
    for (const s of all.filter((x) => x.fromInitiator)) {
      let state: IscsiNegotiationState | undefined;
      for (const { pdu } of s.pdus) {
        if (pdu.kind !== 'Login Request') continue;
        const p = pdu as IscsiLoginRequest;
        state ??= initialIscsiNegotiationState(p.tsih === 0);
        const stage = p.csg === 0 ? 'security' : 'operational';
        const out = negotiateIscsiKeys(
          decodeIscsiTextKeys(p.data, { strict: true }).pairs,
          stage,
          state,
          config,
          p.transit,
        );
        expect(out.error).toBeUndefined();
        expect(out.reply.every((kv) => kv.value !== 'NotUnderstood')).toBe(true);
        state = out.state;
        logins++;
      }
      if (state !== undefined) {
        expect(state.parameters.initiatorName).toMatch(/^iqn\.2026-12\.test:init/);
      }
    }
    expect(logins).toBeGreaterThan(3);
  });
});
