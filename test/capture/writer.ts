/**
 * Test-side writers of capture files and the frames inside them, byte by byte from the format
 * specifications (pcap, pcapng, Ethernet/SLL/SLL2/NULL/LOOP, IPv4/IPv6, TCP), and an iSCSI
 * conversation builder on top of the library's PDU encoder. Every variant the reader must cope
 * with can be made here: byte orders, timestamp resolutions, sections, interfaces, options,
 * VLAN tags, IP options and extension headers, segmentation, reordering, loss.
 */
import { encodeIscsiPdu, encodeIscsiSenseSegment, encodeIscsiTextKeys } from '../../src/index.js';

export interface Frame {
  readonly seconds: number;
  readonly nanoseconds: number;
  readonly data: Uint8Array;
  readonly originalLength?: number;
}

class Out {
  private parts: number[] = [];
  readonly le: boolean;
  constructor(le: boolean) {
    this.le = le;
  }
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    const b = [(v >> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.le ? b.reverse() : b));
    return this;
  }
  u32(v: number): this {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.le ? b.reverse() : b));
    return this;
  }
  u64(v: bigint): this {
    const hi = Number(v >> 32n);
    const lo = Number(v & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  bytes(b: Uint8Array | readonly number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function pcap(
  frames: readonly Frame[],
  o: { littleEndian?: boolean; nano?: boolean; linkType?: number; snaplen?: number } = {},
): Uint8Array {
  const w = new Out(o.littleEndian ?? true);
  w.u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(o.snaplen ?? 262144)
    .u32(o.linkType ?? 1);
  for (const f of frames) {
    w.u32(f.seconds)
      .u32(o.nano ? f.nanoseconds : Math.floor(f.nanoseconds / 1000))
      .u32(f.data.length)
      .u32(f.originalLength ?? f.data.length)
      .bytes(f.data);
  }
  return w.done();
}

export interface PcapngInterface {
  readonly linkType: number;
  /** if_tsresol byte (default none: microseconds). */
  readonly tsresol?: number;
  readonly tsoffset?: bigint;
  /** Add an if_name and a comment option (to be skipped). */
  readonly withOptions?: boolean;
}

export type PcapngBlock =
  | { readonly type: 'epb'; readonly interfaceId: number; readonly frame: Frame; readonly withOptions?: boolean }
  | { readonly type: 'spb'; readonly frame: Frame }
  | { readonly type: 'other'; readonly blockType: number; readonly body: Uint8Array };

export interface PcapngSection {
  readonly littleEndian: boolean;
  readonly interfaces: readonly PcapngInterface[];
  readonly blocks: readonly PcapngBlock[];
  readonly shbOptions?: boolean;
}

function option(w: Out, code: number, value: Uint8Array): void {
  w.u16(code).u16(value.length).bytes(value).pad4();
}

function block(le: boolean, type: number, body: (w: Out) => void): Uint8Array {
  const inner = new Out(le);
  body(inner);
  inner.pad4();
  const w = new Out(le);
  const len = 12 + inner.length;
  w.u32(type).u32(len).bytes(inner.done()).u32(len);
  return w.done();
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Units per second of an if_tsresol byte. */
function units(tsresol: number | undefined): number {
  if (tsresol === undefined) return 1e6;
  return tsresol & 0x80 ? 2 ** (tsresol & 0x7f) : 10 ** tsresol;
}

export function pcapng(sections: readonly PcapngSection[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const le = s.littleEndian;
    parts.push(
      block(le, 0x0a0d0d0a, (w) => {
        w.u32(0x1a2b3c4d).u16(1).u16(0).u64(0xffffffffffffffffn);
        if (s.shbOptions) {
          option(w, 2, text('x86_64'));
          option(w, 4, text('writer.ts'));
          w.u16(0).u16(0);
        }
      }),
    );
    for (const i of s.interfaces) {
      parts.push(
        block(le, 1, (w) => {
          w.u16(i.linkType).u16(0).u32(262144);
          if (i.withOptions) {
            option(w, 2, text('lo'));
            option(w, 1, text('a comment of odd length'));
          }
          if (i.tsresol !== undefined) option(w, 9, Uint8Array.of(i.tsresol));
          if (i.tsoffset !== undefined) {
            const o = new Out(le).u64(i.tsoffset).done();
            option(w, 14, o);
          }
          if (i.withOptions || i.tsresol !== undefined || i.tsoffset !== undefined) w.u16(0).u16(0);
        }),
      );
    }
    for (const b of s.blocks) {
      if (b.type === 'epb') {
        const iface = s.interfaces[b.interfaceId] as PcapngInterface;
        const u = units(iface.tsresol);
        const off = Number(iface.tsoffset ?? 0n);
        const ts = BigInt(b.frame.seconds - off) * BigInt(u) + BigInt(Math.round((b.frame.nanoseconds * u) / 1e9));
        parts.push(
          block(le, 6, (w) => {
            w.u32(b.interfaceId)
              .u32(Number(ts >> 32n))
              .u32(Number(ts & 0xffffffffn))
              .u32(b.frame.data.length)
              .u32(b.frame.originalLength ?? b.frame.data.length)
              .bytes(b.frame.data)
              .pad4();
            if (b.withOptions) {
              option(w, 1, text('packet comment'));
              option(w, 2, Uint8Array.of(0, 0, 0, 1)); // epb_flags
              w.u16(0).u16(0);
            }
          }),
        );
      } else if (b.type === 'spb') {
        parts.push(
          block(le, 3, (w) => {
            w.u32(b.frame.originalLength ?? b.frame.data.length)
              .bytes(b.frame.data)
              .pad4();
          }),
        );
      } else {
        parts.push(block(le, b.blockType, (w) => w.bytes(b.body)));
      }
    }
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ------------------------------------------------------------------ link and network layers

export type Link =
  | { readonly type: 'ethernet'; readonly vlan?: readonly number[] }
  | { readonly type: 'sll' }
  | { readonly type: 'sll2' }
  | { readonly type: 'raw' }
  | { readonly type: 'null'; readonly littleEndian: boolean }
  | { readonly type: 'loop' };

export const LINK_TYPE: Record<Link['type'], number> = {
  ethernet: 1,
  sll: 113,
  sll2: 276,
  raw: 101,
  null: 0,
  loop: 108,
};

export function linkFrame(link: Link, ip: Uint8Array): Uint8Array {
  const v6 = (ip[0] as number) >> 4 === 6;
  const et = v6 ? 0x86dd : 0x0800;
  const w = new Out(false);
  switch (link.type) {
    case 'ethernet':
      w.bytes([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]);
      for (const v of link.vlan ?? []) w.u16(0x8100).u16(v);
      w.u16(et);
      break;
    case 'sll':
      w.u16(0).u16(772).u16(6).bytes([0, 0, 0, 0, 0, 0, 0, 0]).u16(et);
      break;
    case 'sll2':
      w.u16(et).u16(0).u32(1).u16(772).u8(0).u8(6).bytes([0, 0, 0, 0, 0, 0, 0, 0]);
      break;
    case 'raw':
      break;
    case 'null': {
      const fam = v6 ? 10 : 2;
      new Out(link.littleEndian).u32(fam);
      w.bytes(new Out(link.littleEndian).u32(fam).done());
      break;
    }
    case 'loop':
      w.u32(v6 ? 24 : 2);
      break;
  }
  w.bytes(ip);
  return w.done();
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

function addrBytes(a: string): number[] {
  if (a.includes(':')) {
    const [head, tail] = a.split('::') as [string, string | undefined];
    const h = head === '' ? [] : head.split(':');
    const t = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
    return groups.flatMap((g) => {
      const v = Number.parseInt(g, 16);
      return [v >> 8, v & 0xff];
    });
  }
  return a.split('.').map(Number);
}

export interface TcpFields {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly payload: Uint8Array;
}

export function tcp(t: TcpFields): Uint8Array {
  const w = new Out(false);
  w.u16(t.src.port)
    .u16(t.dst.port)
    .u32(t.seq >>> 0)
    .u32(t.ack >>> 0)
    .u8(0x50)
    .u8(t.flags)
    .u16(65535)
    .u16(0)
    .u16(0);
  w.bytes(t.payload);
  return w.done();
}

export interface IpOptions {
  /** IPv4 options (padded to 4 bytes). */
  readonly v4Options?: Uint8Array;
  /** IPv4 fragment: offset in bytes and more-fragments. */
  readonly fragment?: { readonly offset: number; readonly more: boolean };
  /** IPv6 extension headers before TCP: hop-by-hop (0), destination options (60), routing (43). */
  readonly v6Extensions?: readonly number[];
}

export function ip(src: string, dst: string, segment: Uint8Array, o: IpOptions = {}): Uint8Array {
  if (src.includes(':')) {
    const exts = o.v6Extensions ?? [];
    const w = new Out(false);
    const chain = [...exts, 6];
    let extLen = 0;
    for (const e of exts) extLen += e === 43 ? 24 : 8;
    w.u32(0x60000000)
      .u16(extLen + segment.length)
      .u8(chain[0] as number)
      .u8(64)
      .bytes(addrBytes(src))
      .bytes(addrBytes(dst));
    exts.forEach((e, i) => {
      const next = chain[i + 1] as number;
      if (e === 43)
        w.u8(next).u8(2).u8(0).u8(0).u32(0).bytes(new Array(16).fill(0)); // routing type 0, no segments left
      else w.u8(next).u8(0).bytes([1, 4, 0, 0, 0, 0]); // PadN option
    });
    w.bytes(segment);
    return w.done();
  }
  const opts = o.v4Options ?? new Uint8Array(0);
  const optLen = (opts.length + 3) & ~3;
  const ihl = 20 + optLen;
  const w = new Out(false);
  const frag = o.fragment === undefined ? 0x4000 : (o.fragment.more ? 0x2000 : 0) | (o.fragment.offset / 8);
  w.u8(0x40 | (ihl / 4))
    .u8(0)
    .u16(ihl + segment.length)
    .u16(0)
    .u16(frag)
    .u8(64)
    .u8(6)
    .u16(0);
  w.bytes(addrBytes(src)).bytes(addrBytes(dst)).bytes(opts);
  for (let i = opts.length; i < optLen; i++) w.u8(0);
  w.bytes(segment);
  return w.done();
}

// ------------------------------------------------------------------ iSCSI conversations

export interface Segment {
  readonly fromInitiator: boolean;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly payload: Uint8Array;
}

/**
 * Both directions of one TCP connection: `send` appends bytes as one or more segments
 * (split at the given sizes) with the sequence numbers TCP would give them.
 */
export class Conversation {
  readonly segments: Segment[] = [];
  private seq: [number, number];
  readonly initiator: Endpoint;
  readonly target: Endpoint;
  constructor(initiator: Endpoint, target: Endpoint, isn: [number, number] = [1000, 0xfffff000]) {
    this.initiator = initiator;
    this.target = target;
    this.seq = [isn[0], isn[1]];
  }
  handshake(): this {
    const [i, t] = this.seq;
    this.segments.push({ fromInitiator: true, seq: i, ack: 0, flags: 0x02, payload: new Uint8Array(0) });
    this.segments.push({ fromInitiator: false, seq: t, ack: i + 1, flags: 0x12, payload: new Uint8Array(0) });
    this.seq = [(i + 1) >>> 0, (t + 1) >>> 0];
    this.segments.push({
      fromInitiator: true,
      seq: this.seq[0],
      ack: this.seq[1],
      flags: 0x10,
      payload: new Uint8Array(0),
    });
    return this;
  }
  send(fromInitiator: boolean, bytes: Uint8Array, maxSegment = 1448): this {
    const d = fromInitiator ? 0 : 1;
    for (let o = 0; o < bytes.length; o += maxSegment) {
      const part = bytes.subarray(o, Math.min(bytes.length, o + maxSegment));
      this.segments.push({
        fromInitiator,
        seq: this.seq[d] as number,
        ack: this.seq[1 - d] as number,
        flags: 0x18,
        payload: part,
      });
      this.seq[d] = ((this.seq[d] as number) + part.length) >>> 0;
    }
    return this;
  }
  frames(link: Link = { type: 'ethernet' }, o: IpOptions = {}, start = 1_700_000_000): Frame[] {
    return this.segments.map((s, i) => {
      const src = s.fromInitiator ? this.initiator : this.target;
      const dst = s.fromInitiator ? this.target : this.initiator;
      const seg = tcp({ src, dst, seq: s.seq, ack: s.ack, flags: s.flags, payload: s.payload });
      return {
        seconds: start + Math.floor(i / 1000),
        nanoseconds: (i % 1000) * 1_000_000 + 123,
        data: linkFrame(link, ip(src.address, dst.address, seg, o)),
      };
    });
  }
}

export const INITIATOR: Endpoint = { address: '10.0.0.1', port: 51000 };
export const TARGET: Endpoint = { address: '10.0.0.2', port: 3260 };

export interface Digests {
  readonly headerDigest?: boolean;
  readonly dataDigest?: boolean;
}

/** Login request + final response with the given keys (one PDU each, straight to full feature phase). */
export function login(
  o: {
    initiatorName?: string;
    targetName?: string;
    isid?: number;
    tsih?: number;
    headerDigest?: boolean;
    dataDigest?: boolean;
    tpgt?: number;
  } = {},
): [Uint8Array, Uint8Array] {
  const hd = o.headerDigest ? 'CRC32C' : 'None';
  const dd = o.dataDigest ? 'CRC32C' : 'None';
  const req = encodeIscsiPdu({
    kind: 'Login Request',
    transit: true,
    continue: false,
    csg: 1,
    nsg: 3,
    versionMax: 0,
    versionMin: 0,
    isid: o.isid ?? 0x023d00000001,
    tsih: 0,
    initiatorTaskTag: 0,
    cid: 0,
    cmdSn: 0,
    expStatSn: 0,
    data: encodeIscsiTextKeys([
      { key: 'InitiatorName', value: o.initiatorName ?? 'iqn.2026-12.test:host1' },
      { key: 'TargetName', value: o.targetName ?? 'iqn.2026-12.test:target' },
      { key: 'SessionType', value: 'Normal' },
      { key: 'HeaderDigest', value: 'CRC32C,None' },
      { key: 'DataDigest', value: 'CRC32C,None' },
    ]),
  });
  const resp = encodeIscsiPdu({
    kind: 'Login Response',
    transit: true,
    continue: false,
    csg: 1,
    nsg: 3,
    versionMax: 0,
    versionActive: 0,
    isid: o.isid ?? 0x023d00000001,
    tsih: o.tsih ?? 1,
    initiatorTaskTag: 0,
    statSn: 0,
    expCmdSn: 1,
    maxCmdSn: 64,
    statusClass: 0,
    statusDetail: 0,
    data: encodeIscsiTextKeys([
      { key: 'HeaderDigest', value: hd },
      { key: 'DataDigest', value: dd },
      { key: 'TargetPortalGroupTag', value: String(o.tpgt ?? 1) },
    ]),
  });
  return [req, resp];
}

export function command(
  o: { itt: number; lun?: number; cdb: Uint8Array; edtl?: number; read?: boolean; write?: boolean; data?: Uint8Array },
  d: Digests = {},
): Uint8Array {
  const cdb = new Uint8Array(16);
  cdb.set(o.cdb);
  return encodeIscsiPdu(
    {
      kind: 'SCSI Command',
      immediate: false,
      final: true,
      read: o.read ?? false,
      write: o.write ?? false,
      attr: 1,
      lun: BigInt(o.lun ?? 0) << 48n,
      initiatorTaskTag: o.itt,
      expectedDataTransferLength: o.edtl ?? 0,
      cmdSn: 1,
      expStatSn: 1,
      cdb,
      ...(o.data === undefined ? {} : { data: o.data }),
    },
    d,
  );
}

export function dataIn(
  o: { itt: number; lun?: number; offset: number; data: Uint8Array; dataSn?: number; final?: boolean; status?: number },
  d: Digests = {},
): Uint8Array {
  return encodeIscsiPdu(
    {
      kind: 'SCSI Data-In',
      final: o.final ?? o.status !== undefined,
      acknowledge: false,
      residualOverflow: false,
      residualUnderflow: false,
      statusPresent: o.status !== undefined,
      status: o.status ?? 0,
      lun: BigInt(o.lun ?? 0) << 48n,
      initiatorTaskTag: o.itt,
      targetTransferTag: 0xffffffff,
      statSn: 1,
      expCmdSn: 2,
      maxCmdSn: 64,
      dataSn: o.dataSn ?? 0,
      bufferOffset: o.offset,
      residualCount: 0,
      data: o.data,
    },
    d,
  );
}

export function dataOut(
  o: { itt: number; ttt: number; offset: number; data: Uint8Array; final?: boolean },
  d: Digests = {},
): Uint8Array {
  return encodeIscsiPdu(
    {
      kind: 'SCSI Data-Out',
      final: o.final ?? true,
      lun: 0n,
      initiatorTaskTag: o.itt,
      targetTransferTag: o.ttt,
      expStatSn: 1,
      dataSn: 0,
      bufferOffset: o.offset,
      data: o.data,
    },
    d,
  );
}

export function r2t(o: { itt: number; ttt: number; offset: number; length: number }, d: Digests = {}): Uint8Array {
  return encodeIscsiPdu(
    {
      kind: 'R2T',
      lun: 0n,
      initiatorTaskTag: o.itt,
      targetTransferTag: o.ttt,
      statSn: 1,
      expCmdSn: 2,
      maxCmdSn: 64,
      r2tSn: 0,
      bufferOffset: o.offset,
      desiredDataTransferLength: o.length,
    },
    d,
  );
}

export function response(o: { itt: number; status: number; sense?: Uint8Array }, d: Digests = {}): Uint8Array {
  return encodeIscsiPdu(
    {
      kind: 'SCSI Response',
      bidiReadResidualOverflow: false,
      bidiReadResidualUnderflow: false,
      residualOverflow: false,
      residualUnderflow: false,
      response: 0,
      status: o.status,
      initiatorTaskTag: o.itt,
      snackTag: 0,
      statSn: 1,
      expCmdSn: 2,
      maxCmdSn: 64,
      expDataSn: 0,
      bidirectionalReadResidualCount: 0,
      residualCount: 0,
      ...(o.sense === undefined ? {} : { data: encodeIscsiSenseSegment(o.sense) }),
    },
    d,
  );
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
