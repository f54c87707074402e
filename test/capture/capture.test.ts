/**
 * The capture reader on synthetic captures written byte by byte (test/capture/writer.ts): every
 * pcap and pcapng variant, every link type, IPv4 options and fragments, IPv6 extension headers,
 * TCP segmentation, reordering, retransmission, overlap and loss, digests, and SCSI exchanges
 * with data split across many PDUs.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type CaptureExchange,
  type CaptureReadOptions,
  type CaptureSummary,
  type CaptureWarning,
  captureFormat,
  isScsiCodecError,
  readCaptureExchanges,
  readCapturePackets,
} from '../../src/index.js';
import {
  Conversation,
  command,
  concat,
  dataIn,
  dataOut,
  type Frame,
  INITIATOR,
  LINK_TYPE,
  type Link,
  login,
  pcap,
  pcapng,
  r2t,
  response,
  TARGET,
} from './writer.js';

const READ10 = Uint8Array.of(0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0);
const WRITE10 = Uint8Array.of(0x2a, 0, 0, 0, 0x20, 0, 0, 0, 4, 0);
const FIXED_SENSE = Uint8Array.of(0x70, 0, 5, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0);

function pattern(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return b;
}

function read(
  bytes: Uint8Array,
  options: CaptureReadOptions = {},
): {
  exchanges: CaptureExchange[];
  warnings: CaptureWarning[];
  summary: CaptureSummary;
} {
  const warnings: CaptureWarning[] = [];
  const it = readCaptureExchanges(bytes, { ...options, onWarning: (w) => warnings.push(w) });
  const exchanges: CaptureExchange[] = [];
  for (;;) {
    const r = it.next();
    if (r.done) return { exchanges, warnings, summary: r.value };
    exchanges.push(r.value);
  }
}

/** A session: login, a READ(10) of 4096 bytes in 8 Data-In PDUs (status in the last), a WRITE(10) with R2T, a failing command with sense. */
function session(o: { digests?: boolean; segment?: number; withLogin?: boolean } = {}): Conversation {
  const d = { headerDigest: o.digests === true, dataDigest: o.digests === true };
  const c = new Conversation(INITIATOR, TARGET).handshake();
  const seg = o.segment ?? 1448;
  if (o.withLogin !== false) {
    const [req, resp] = login({ headerDigest: o.digests === true, dataDigest: o.digests === true });
    c.send(true, req, seg).send(false, resp, seg);
  }
  const data = pattern(4096);
  c.send(true, command({ itt: 0x10, lun: 1, cdb: READ10, edtl: 4096, read: true }, d), seg);
  const ins: Uint8Array[] = [];
  for (let i = 0; i < 8; i++) {
    ins.push(
      dataIn(
        {
          itt: 0x10,
          lun: 1,
          offset: i * 512,
          data: data.subarray(i * 512, (i + 1) * 512),
          dataSn: i,
          ...(i === 7 ? { status: 0 } : {}),
        },
        d,
      ),
    );
  }
  c.send(false, concat(...ins), seg);
  const wdata = pattern(2048, 2);
  c.send(
    true,
    command({ itt: 0x11, lun: 1, cdb: WRITE10, edtl: 2048, write: true, data: wdata.subarray(0, 512) }, d),
    seg,
  );
  c.send(false, r2t({ itt: 0x11, ttt: 0x77, offset: 512, length: 1536 }, d), seg);
  c.send(
    true,
    concat(
      dataOut({ itt: 0x11, ttt: 0x77, offset: 512, data: wdata.subarray(512, 1024), final: false }, d),
      dataOut({ itt: 0x11, ttt: 0x77, offset: 1024, data: wdata.subarray(1024) }, d),
    ),
    seg,
  );
  c.send(false, response({ itt: 0x11, status: 0 }, d), seg);
  c.send(
    true,
    command(
      {
        itt: 0x12,
        lun: 2,
        cdb: Uint8Array.of(0x83, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x20, 0, 0),
        edtl: 32,
        write: true,
      },
      d,
    ),
    seg,
  );
  c.send(false, response({ itt: 0x12, status: 2, sense: FIXED_SENSE }, d), seg);
  return c;
}

function expectSession(exchanges: CaptureExchange[], o: { nexus?: boolean } = {}): void {
  expect(exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
  const [rd, wr, pt] = exchanges as [CaptureExchange, CaptureExchange, CaptureExchange];
  expect(rd.cdb[0]).toBe(0x28);
  expect(rd.lun).toBe(1);
  expect(rd.status).toBe(0);
  expect(rd.dataInPdus).toBe(8);
  expect(Array.from(rd.dataIn ?? [])).toEqual(Array.from(pattern(4096)));
  expect(rd.issues).toEqual([]);
  expect(wr.r2ts).toBe(1);
  expect(wr.r2tBytes).toBe(1536);
  expect(wr.dataOutPdus).toBe(2);
  expect(Array.from(wr.dataOut ?? [])).toEqual(Array.from(pattern(2048, 2)));
  expect(wr.status).toBe(0);
  expect(pt.lun).toBe(2);
  expect(pt.status).toBe(2);
  expect(Array.from(pt.sense)).toEqual(Array.from(FIXED_SENSE));
  if (o.nexus !== false) {
    expect(rd.nexus).toBe('iqn.2026-12.test:host1,i,0x023d00000001 -> iqn.2026-12.test:target,t,0x0001');
  }
}

describe('pcap files', () => {
  for (const littleEndian of [true, false]) {
    for (const nano of [false, true]) {
      it(`${littleEndian ? 'little' : 'big'}-endian, ${nano ? 'nano' : 'micro'}second timestamps`, () => {
        const frames = session().frames();
        const bytes = pcap(frames, { littleEndian, nano });
        expect(captureFormat(bytes)).toBe('pcap');
        const packets = [...readCapturePackets(bytes)];
        expect(packets).toHaveLength(frames.length);
        expect(packets[3]?.seconds).toBe(1_700_000_000);
        expect(packets[3]?.nanoseconds).toBe(nano ? 3_000_123 : 3_000_000);
        const { exchanges, warnings } = read(bytes);
        expect(warnings).toEqual([]);
        expectSession(exchanges);
      });
    }
  }

  const links: Link[] = [
    { type: 'ethernet' },
    { type: 'ethernet', vlan: [100] },
    { type: 'ethernet', vlan: [100, 200] },
    { type: 'sll' },
    { type: 'sll2' },
    { type: 'raw' },
    { type: 'null', littleEndian: true },
    { type: 'null', littleEndian: false },
    { type: 'loop' },
  ];
  for (const link of links) {
    it(`link type ${JSON.stringify(link)}, IPv4 and IPv6`, () => {
      expectSession(read(pcap(session().frames(link), { linkType: LINK_TYPE[link.type] })).exchanges);
      const c6 = session();
      const v6 = new Conversation({ address: 'fd00::1', port: 40000 }, { address: 'fd00::2', port: 3260 });
      v6.segments.push(...c6.segments);
      const r = read(pcap(v6.frames(link), { linkType: LINK_TYPE[link.type] }));
      expectSession(r.exchanges);
      expect(r.exchanges[0]?.connection.initiator).toBe('[fd00::1]:40000');
    });
  }

  it('IPv4 options and IPv6 extension headers are stepped over', () => {
    const v4 = session().frames({ type: 'ethernet' }, { v4Options: Uint8Array.of(0x94, 0x04, 0, 0, 1) });
    expectSession(read(pcap(v4)).exchanges);
    const c = session();
    const v6 = new Conversation({ address: '2001:db8::1', port: 40000 }, { address: '2001:db8::2', port: 3260 });
    v6.segments.push(...c.segments);
    expectSession(read(pcap(v6.frames({ type: 'ethernet' }, { v6Extensions: [0, 60, 43] }))).exchanges);
  });

  it('IPv4 fragments are reported, not reassembled', () => {
    const frames = session().frames({ type: 'ethernet' }, { fragment: { offset: 0, more: true } });
    const r = read(pcap(frames));
    expect(r.exchanges).toEqual([]);
    expect(r.warnings[0]?.kind).toBe('frame-skipped');
    expect(r.warnings[0]?.message).toMatch(/IPv4 fragment \(offset 0, more follow\): not reassembled/);
  });

  it('another port with ports: [N]', () => {
    const c = new Conversation(INITIATOR, { address: '10.0.0.2', port: 3261 });
    c.segments.push(...session().segments);
    expect(read(pcap(c.frames())).exchanges).toEqual([]);
    expectSession(read(pcap(c.frames()), { ports: [3261] }).exchanges);
  });
});

describe('pcapng files', () => {
  const frames = (): Frame[] => session().frames();
  for (const littleEndian of [true, false]) {
    it(`${littleEndian ? 'little' : 'big'}-endian section, options skipped, unknown blocks skipped`, () => {
      const f = frames();
      const bytes = pcapng([
        {
          littleEndian,
          shbOptions: true,
          interfaces: [{ linkType: 1, withOptions: true }],
          blocks: [
            { type: 'other', blockType: 4, body: Uint8Array.of(0, 0, 0, 0) }, // name resolution, empty
            ...f.map((frame, i) => ({ type: 'epb' as const, interfaceId: 0, frame, withOptions: i % 2 === 0 })),
            { type: 'other', blockType: 5, body: new Uint8Array(12) }, // interface statistics
          ],
        },
      ]);
      expect(captureFormat(bytes)).toBe('pcapng');
      const p = [...readCapturePackets(bytes)];
      expect(p[5]?.seconds).toBe(1_700_000_000);
      expect(p[5]?.nanoseconds).toBe(5_000_000);
      expectSession(read(bytes).exchanges);
    });
  }

  it('several sections of both byte orders, several interfaces and time resolutions, SPBs', () => {
    const f = frames();
    const half = Math.floor(f.length / 2);
    const bytes = pcapng([
      {
        littleEndian: false,
        interfaces: [{ linkType: 113 }, { linkType: 1, tsresol: 9, tsoffset: 1000n }],
        blocks: f.slice(0, half).map((frame) => ({ type: 'epb' as const, interfaceId: 1, frame })),
      },
      {
        littleEndian: true,
        interfaces: [{ linkType: 1, tsresol: 0x80 | 20 }],
        blocks: [
          { type: 'spb', frame: f[half] as Frame },
          ...f.slice(half + 1).map((frame) => ({ type: 'epb' as const, interfaceId: 0, frame })),
        ],
      },
    ]);
    const p = [...readCapturePackets(bytes)];
    expect(p).toHaveLength(f.length);
    expect(p[1]?.nanoseconds).toBe(1_000_123);
    expect(p[1]?.seconds).toBe(1_700_000_000);
    expect(p[half]?.seconds).toBe(0); // an SPB has no timestamp
    expect(p[half + 1]?.seconds).toBe(f[half + 1]?.seconds);
    expectSession(read(bytes).exchanges);
  });

  it('an EPB naming an interface the section does not describe is a ScsiCodecError', () => {
    const epb = new Uint8Array(20 + 4);
    epb[0] = 3; // interface 3, little-endian; empty packet
    const bytes = pcapng([
      { littleEndian: true, interfaces: [{ linkType: 1 }], blocks: [{ type: 'other', blockType: 6, body: epb }] },
    ]);
    expect(() => [...readCapturePackets(bytes)]).toThrowError(/interface 3 has no Interface Description Block/);
  });
});

describe('TCP reassembly and iSCSI framing', () => {
  it('PDUs split over tiny segments, and many PDUs in one segment', () => {
    expectSession(read(pcap(session({ segment: 7 }).frames())).exchanges);
    expectSession(read(pcap(session({ segment: 65000 }).frames())).exchanges);
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 31 })], { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 30) })(
    'segments out of order, retransmitted and overlapping give the same exchanges',
    (seed) => {
      const c = session({ segment: 300 });
      const rnd = fc.sample(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2000, maxLength: 2000 }), {
        seed,
        numRuns: 1,
      })[0] as number[];
      let k = 0;
      const next = (): number => rnd[k++ % rnd.length] as number;
      // Keep the handshake first; then shuffle within small windows per direction, duplicate some,
      // and add overlapping resends of parts of others.
      const head = c.segments.slice(0, 3);
      const rest = c.segments.slice(3);
      const out = [...head];
      for (let i = 0; i < rest.length; i += 4) {
        // Shuffle within runs of one direction (a flight of segments with no answer between
        // them): the order between the directions (a response after its data) stays as TCP made it.
        const win = rest.slice(i, i + 4);
        for (let a = 0; a < win.length; ) {
          let b = a + 1;
          while (
            b < win.length &&
            (win[b] as (typeof win)[number]).fromInitiator === (win[a] as (typeof win)[number]).fromInitiator
          )
            b++;
          const run = win.slice(a, b).sort(() => (next() % 2 === 0 ? -1 : 1));
          win.splice(a, run.length, ...run);
          a = b;
        }
        for (const s of win) {
          out.push(s);
          if (next() % 5 === 0) out.push(s);
          if (next() % 7 === 0 && s.payload.length > 10) {
            out.push({ ...s, seq: (s.seq + 5) >>> 0, payload: s.payload.subarray(5, 10) });
          }
        }
      }
      c.segments.splice(0, c.segments.length, ...out);
      const r = read(pcap(c.frames()));
      expectSession(r.exchanges);
      expect(r.warnings.filter((w) => w.kind === 'gap')).toEqual([]);
    },
  );

  it('sequence numbers wrapping past 2^32', () => {
    const c = new Conversation(INITIATOR, TARGET, [0xffffff00, 0xffffffa0]);
    c.segments.push(...session({ segment: 100 }).segments.slice(0, 0));
    c.handshake();
    const s = session({ segment: 100 });
    // re-send the session's payloads through the wrapping conversation
    for (const seg of s.segments.slice(3)) c.send(seg.fromInitiator, seg.payload, 100);
    expectSession(read(pcap(c.frames())).exchanges);
  });

  it('a gap inside a Data-In data segment: reported, the hole named, framing kept', () => {
    const c = session({ segment: 200 });
    // Find a target segment in the middle of the READ data and drop it.
    const idx = c.segments.findIndex(
      (s, i) => !s.fromInitiator && i > 6 && s.payload.length === 200 && s.payload[0] !== 0x25,
    );
    c.segments.splice(idx, 1);
    const r = read(pcap(c.frames()));
    expect(r.warnings.some((w) => w.kind === 'gap' && /200 bytes missing/.test(w.message))).toBe(true);
    const rd = r.exchanges.find((x) => x.initiatorTaskTag === 0x10) as CaptureExchange;
    expect(rd.issues.join('\n')).toMatch(/not in the capture/);
    // The exchanges after the gap are still there.
    expect(r.exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
  });

  it('a gap that takes a PDU header: framing lost, found again only where a segment starts with a header for an open task', () => {
    const c = session({ segment: 48 });
    const idx = c.segments.findIndex((s, i) => !s.fromInitiator && i > 5 && s.payload[0] === 0x25);
    c.segments.splice(idx, 1);
    const r = read(pcap(c.frames()));
    const kinds = r.warnings.map((w) => w.kind);
    expect(kinds).toContain('framing-lost');
    expect(kinds).toContain('framing-resynchronised');
    const rd = r.exchanges.find((x) => x.initiatorTaskTag === 0x10) as CaptureExchange;
    expect(rd.status).toBe(0);
    expect(rd.dataInLength).toBeLessThan(4096);
    expect(rd.issues.join('\n')).toMatch(/Data-In: \d+ of 4096 bytes in the capture/);
    expect(r.exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
  });

  it('a gap in one direction is declared as soon as the other side acknowledges past it', () => {
    const c = session({ segment: 100 });
    // Drop an initiator segment inside the WRITE data: the target's R2T/response ack past it.
    const idx = c.segments.findIndex(
      (s, i) => s.fromInitiator && i > 20 && s.payload[0] !== 0x05 && s.payload[0] !== 0x01,
    );
    c.segments.splice(idx, 1);
    const r = read(pcap(c.frames()));
    const gap = r.warnings.find((w) => w.kind === 'gap');
    expect(gap?.message).toMatch(/100 bytes missing \(acknowledged by the peer but not in the capture\)/);
    expect(r.exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
  });

  it('header and data digests from the login', () => {
    const r = read(pcap(session({ digests: true, segment: 333 }).frames()));
    expect(r.warnings).toEqual([]);
    expectSession(r.exchanges);
    expect(r.exchanges[0]?.connection.headerDigest).toBe(true);
    expect(r.exchanges[0]?.connection.digestsFrom).toBe('login');
  });

  it('no login in the capture: digests detected by their CRC32C, or assumed absent and said so', () => {
    const withD = read(pcap(session({ digests: true, withLogin: false }).frames()));
    expectSession(withD.exchanges, { nexus: false });
    expect(withD.exchanges[0]?.connection.digestsFrom).toBe('detected');
    expect(withD.warnings.map((w) => w.kind)).toContain('digests-detected');
    const without = read(pcap(session({ withLogin: false }).frames()));
    expectSession(without.exchanges, { nexus: false });
    expect(without.exchanges[0]?.nexus).toBeUndefined();
    expect(without.warnings.map((w) => w.kind)).toContain('digests-assumed');
  });

  it('a corrupted data digest is a warning, the PDU still used', () => {
    const c = session({ digests: true, segment: 100000 });
    const idx = c.segments.findIndex((s) => !s.fromInitiator && s.payload[0] === 0x25);
    const seg = c.segments[idx] as (typeof c.segments)[number];
    const p = seg.payload.slice();
    p[100] = (p[100] as number) ^ 0xff; // inside the first Data-In's data
    c.segments[idx] = { ...seg, payload: p };
    const r = read(pcap(c.frames()));
    expect(r.warnings.map((w) => w.kind)).toContain('digest-mismatch');
    expect(r.exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
  });

  it('data split across 256 Data-In PDUs sent in reverse buffer order', () => {
    const c = new Conversation(INITIATOR, TARGET).handshake();
    const data = pattern(256 * 64, 9);
    c.send(true, command({ itt: 5, cdb: READ10, edtl: data.length, read: true }));
    for (let i = 255; i >= 0; i--) {
      c.send(
        false,
        dataIn({
          itt: 5,
          offset: i * 64,
          data: data.subarray(i * 64, (i + 1) * 64),
          dataSn: 255 - i,
          ...(i === 0 ? { status: 0 } : {}),
        }),
      );
    }
    const r = read(pcap(c.frames()));
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]?.dataInPdus).toBe(256);
    expect(Array.from(r.exchanges[0]?.dataIn ?? [])).toEqual(Array.from(data));
    expect(r.summary.pdus).toBe(257);
  });

  it('keepData chooses whose data is assembled; lengths are counted anyway', () => {
    const r = read(pcap(session().frames()), { keepData: (cdb) => cdb[0] === 0x83 });
    expect(r.exchanges[0]?.dataIn).toBeUndefined();
    expect(r.exchanges[0]?.dataInLength).toBe(4096);
  });
});

describe('input errors', () => {
  it('bytes that are not a capture: ScsiCodecError', () => {
    expect(() => [...readCaptureExchanges(Uint8Array.of(1, 2, 3, 4, 5))]).toThrowError(/not a pcap or pcapng file/);
    expect(captureFormat(Uint8Array.of(0x0a))).toBeUndefined();
  });
  it('a file cut inside a packet: the packets before it, and a truncated-file warning', () => {
    const bytes = pcap(session().frames());
    const r = read(bytes.subarray(0, bytes.length - 10));
    expect(r.warnings.map((w) => w.kind)).toContain('truncated-file');
    expect(r.exchanges.map((x) => x.initiatorTaskTag)).toEqual([0x10, 0x11, 0x12]);
    expect(r.exchanges[2]?.status).toBeUndefined();
  });

  const good = [
    pcap(session({ segment: 200 }).frames()),
    pcapng([
      {
        littleEndian: true,
        interfaces: [{ linkType: 1, withOptions: true }],
        blocks: session({ segment: 200 })
          .frames()
          .map((frame) => ({ type: 'epb' as const, interfaceId: 0, frame })),
      },
    ]),
  ];
  test.prop(
    [
      fc.constantFrom(0, 1),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
      fc.nat(),
    ],
    { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) },
  )('any corruption or truncation: exchanges and warnings, or a ScsiCodecError, nothing else', (which, flips, cut) => {
    const b = (good[which] as Uint8Array).slice();
    for (const [pos, v] of flips) b[pos % b.length] = v;
    const bytes = b.subarray(0, b.length - (cut % 200));
    try {
      read(bytes);
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
    }
  });
});
