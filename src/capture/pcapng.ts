/**
 * pcapng files: Section Header, Interface Description, Enhanced, Simple and (obsolete) Packet
 * blocks; several sections, interfaces and byte orders; options skipped by their lengths. No
 * platform API.
 *
 * @see draft-ietf-opsawg-pcapng (the pcapng file format)
 * @packageDocumentation
 * @internal
 */
import { type CapturePacket, type CaptureWarning, captureFileError as err } from './packet.js';

/** Block type of a Section Header Block (the same in both byte orders): a pcapng file starts with one. */
export const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const PCAPNG_IDB = 0x00000001;
const PCAPNG_SPB = 0x00000003;
const PCAPNG_EPB = 0x00000006;
/** Obsolete Packet Block (pcapng drafts keep it for reading old files). */
const PCAPNG_OPB = 0x00000002;

interface PcapngInterface {
  readonly linkType: number;
  /** Timestamp units per second, as a number when exact, else undefined with `tsresolBits`. */
  readonly unitsPerSecond: number;
  readonly offsetSeconds: number;
}

/** The section being read: its byte order and its interfaces. */
interface Section {
  le: boolean;
  interfaces: PcapngInterface[];
  seen: boolean;
}

/** Every packet of a pcapng file (`dv` views `bytes`). */
export function* readPcapng(
  bytes: Uint8Array,
  dv: DataView,
  onWarning: ((w: CaptureWarning) => void) | undefined,
): Generator<CapturePacket, void, undefined> {
  const section: Section = { le: true, interfaces: [], seen: false };
  let off = 0;
  let frame = 0;
  while (off < bytes.length) {
    const len = blockLength(bytes, dv, off, section, frame + 1, onWarning);
    if (len === undefined) return;
    const type = dv.getUint32(off, section.le);
    const body = off + 8;
    const end = off + len - 4;
    if (type === PCAPNG_IDB) section.interfaces.push(interfaceOf(bytes, dv, section.le, body, end));
    else if (type === PCAPNG_EPB || type === PCAPNG_OPB) yield packetOf(bytes, dv, section, type, body, end, ++frame);
    else if (type === PCAPNG_SPB) yield simplePacketOf(bytes, dv, section, off, body, end, ++frame);
    // Section Header (read by blockLength), Name Resolution, Interface Statistics, Decryption
    // Secrets, custom blocks: nothing to read for packets.
    off += len;
  }
}

/**
 * The checked length of the block at `off`, or undefined (with a `truncated-file` warning about
 * packet `next`) when the file ends inside it. A Section Header Block starts a new section: its byte-order magic says how
 * everything up to the next one is written.
 */
function blockLength(
  bytes: Uint8Array,
  dv: DataView,
  off: number,
  section: Section,
  next: number,
  onWarning: ((w: CaptureWarning) => void) | undefined,
): number | undefined {
  if (off + 12 > bytes.length) {
    onWarning?.({ frame: next, kind: 'truncated-file', message: `file ends inside a block header at byte ${off}` });
    return undefined;
  }
  if (dv.getUint32(off, false) === PCAPNG_SHB) {
    const bom = dv.getUint32(off + 8, false);
    if (bom === PCAPNG_BYTE_ORDER_MAGIC) section.le = false;
    else if (bom === 0x4d3c2b1a) section.le = true;
    else throw err('PcapngSectionHeaderBlock', 'byteOrderMagic', off + 8, `0x${bom.toString(16)} is not 1A2B3C4Dh`);
    section.interfaces = [];
    section.seen = true;
  } else if (!section.seen) {
    throw err('PcapngSectionHeaderBlock', 'blockType', off, 'the file does not start with a Section Header Block');
  }
  const le = section.le;
  const len = dv.getUint32(off + 4, le);
  if (len < 12 || len % 4 !== 0) {
    throw err('PcapngBlock', 'blockTotalLength', off + 4, `${len} is not a multiple of 4 of at least 12`);
  }
  if (off + len > bytes.length) {
    onWarning?.({
      frame: next,
      kind: 'truncated-file',
      message: `file ends inside a block of ${len} bytes at byte ${off} (${bytes.length - off} there)`,
    });
    return undefined;
  }
  const trailer = dv.getUint32(off + len - 4, le);
  if (trailer !== len) {
    throw err('PcapngBlock', 'blockTotalLength', off + len - 4, `trailing length ${trailer} differs from ${len}`);
  }
  return len;
}

/** An Interface Description Block: link type, timestamp resolution and offset. */
function interfaceOf(bytes: Uint8Array, dv: DataView, le: boolean, body: number, end: number): PcapngInterface {
  if (body + 8 > end) throw err('PcapngInterfaceDescriptionBlock', undefined, body, 'block too short', true);
  const linkType = dv.getUint16(body, le);
  let unitsPerSecond = 1e6;
  let offsetSeconds = 0;
  forEachOption(bytes, dv, le, body + 8, end, 'PcapngInterfaceDescriptionBlock', (code, at, olen) => {
    if (code === 9 && olen >= 1) {
      // if_tsresol: MSB clear, a negative power of 10; set, a negative power of 2.
      const v = bytes[at] as number;
      const exp = v & 0x7f;
      unitsPerSecond = v & 0x80 ? 2 ** exp : 10 ** exp;
    } else if (code === 14 && olen >= 8) {
      // if_tsoffset: seconds added to every timestamp of the interface.
      offsetSeconds = Number(dv.getBigInt64(at, le));
    }
  });
  return { linkType, unitsPerSecond, offsetSeconds };
}

/** An Enhanced Packet Block (or an obsolete Packet Block): packet number `frame`. */
function packetOf(
  bytes: Uint8Array,
  dv: DataView,
  section: Section,
  type: number,
  body: number,
  end: number,
  frame: number,
): CapturePacket {
  const le = section.le;
  const structure = type === PCAPNG_EPB ? 'PcapngEnhancedPacketBlock' : 'PcapngPacketBlock';
  if (body + 20 > end) throw err(structure, undefined, body, 'block too short', true);
  const ifId = type === PCAPNG_EPB ? dv.getUint32(body, le) : dv.getUint16(body, le);
  const iface = section.interfaces[ifId];
  if (iface === undefined) {
    throw err(structure, 'interfaceId', body, `interface ${ifId} has no Interface Description Block in this section`);
  }
  const hi = dv.getUint32(body + 4, le);
  const lo = dv.getUint32(body + 8, le);
  const capLen = dv.getUint32(body + 12, le);
  const origLen = dv.getUint32(body + 16, le);
  const data = body + 20;
  if (data + capLen > end) {
    throw err(structure, 'capturedPacketLength', body + 12, `${capLen} bytes do not fit the block`);
  }
  const t = timestamp(hi, lo, iface);
  return {
    frame,
    seconds: t.seconds,
    nanoseconds: t.nanoseconds,
    linkType: iface.linkType,
    interfaceId: ifId,
    data: bytes.subarray(data, data + capLen),
    originalLength: origLen,
    fileOffset: data,
  };
}

/** A Simple Packet Block: interface 0, no timestamp; the captured length is what fits. */
function simplePacketOf(
  bytes: Uint8Array,
  dv: DataView,
  section: Section,
  off: number,
  body: number,
  end: number,
  frame: number,
): CapturePacket {
  const iface = section.interfaces[0];
  if (iface === undefined) {
    throw err('PcapngSimplePacketBlock', undefined, off, 'no Interface Description Block in this section');
  }
  if (body + 4 > end) throw err('PcapngSimplePacketBlock', undefined, body, 'block too short', true);
  const origLen = dv.getUint32(body, section.le);
  const data = body + 4;
  const capLen = Math.min(origLen, end - data);
  return {
    frame,
    seconds: 0,
    nanoseconds: 0,
    linkType: iface.linkType,
    interfaceId: 0,
    data: bytes.subarray(data, data + capLen),
    originalLength: origLen,
    fileOffset: data,
  };
}

function forEachOption(
  bytes: Uint8Array,
  dv: DataView,
  le: boolean,
  from: number,
  end: number,
  structure: string,
  f: (code: number, at: number, length: number) => void,
): void {
  let o = from;
  while (o + 4 <= end) {
    const code = dv.getUint16(o, le);
    const olen = dv.getUint16(o + 2, le);
    if (code === 0) return; // opt_endofopt
    if (o + 4 + olen > end)
      throw err(structure, 'optionLength', o + 2, `option ${code} of ${olen} bytes overruns the block`);
    f(code, o + 4, olen);
    o += 4 + ((olen + 3) & ~3);
  }
  void bytes;
}

function timestamp(hi: number, lo: number, iface: PcapngInterface): { seconds: number; nanoseconds: number } {
  const u = iface.unitsPerSecond;
  let seconds: number;
  let rest: number;
  if (hi < 0x200000) {
    const ts = hi * 0x1_0000_0000 + lo;
    seconds = Math.floor(ts / u);
    rest = ts - seconds * u;
  } else {
    const ts = (BigInt(hi) << 32n) | BigInt(lo);
    const ub = BigInt(u);
    seconds = Number(ts / ub);
    rest = Number(ts % ub);
  }
  return { seconds: seconds + iface.offsetSeconds, nanoseconds: Math.floor((rest * 1e9) / u) };
}
