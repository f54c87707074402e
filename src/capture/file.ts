/**
 * Capture files: pcap (both byte orders, microsecond and nanosecond timestamps) and pcapng
 * (Section Header, Interface Description, Enhanced and Simple Packet blocks; several sections,
 * interfaces and byte orders; options skipped by their lengths). No platform API.
 *
 * @see draft-ietf-opsawg-pcap (the pcap file format)
 * @see draft-ietf-opsawg-pcapng (the pcapng file format)
 */
import { ScsiCodecError } from '../errors.js';
import { asUint8Array, notBytes } from '../internal/contract.js';

/**
 * One packet of a capture file.
 *
 * @remarks Since 0.2.0
 */
export interface CapturePacket {
  /** Packet number in the file, from 1 (as Wireshark and tshark number frames). */
  readonly frame: number;
  /** Capture time: whole seconds since 1970-01-01 UTC. */
  readonly seconds: number;
  /** Capture time: nanoseconds within the second. */
  readonly nanoseconds: number;
  /** Link-layer header type (LINKTYPE_ value, e.g. 1 Ethernet, 113 Linux SLL). */
  readonly linkType: number;
  /** pcapng interface (per section, from 0); 0 for pcap. */
  readonly interfaceId: number;
  /** The captured bytes (a view of the file's bytes). */
  readonly data: Uint8Array;
  /** Length of the packet on the wire (larger than `data` when the snapshot length cut it). */
  readonly originalLength: number;
  /** Offset of `data` in the file. */
  readonly fileOffset: number;
}

/**
 * Something in a capture that could not be used as it is, reported rather than guessed over.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureWarning {
  /** Frame the warning is about (0 when it is about the file). */
  readonly frame: number;
  /** A short stable kind, e.g. `truncated-file`, `gap`, `ip-fragment`, `digests-assumed`. */
  readonly kind: string;
  readonly message: string;
}

/** The capture file formats recognised by {@link captureFormat}. @remarks Since 0.2.0 */
export type CaptureFormat = 'pcap' | 'pcapng';

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const PCAPNG_IDB = 0x00000001;
const PCAPNG_SPB = 0x00000003;
const PCAPNG_EPB = 0x00000006;
/** Obsolete Packet Block (pcapng drafts keep it for reading old files). */
const PCAPNG_OPB = 0x00000002;

/**
 * The format of a capture file from its magic number, or undefined if `bytes` is not one.
 *
 * @throws {ScsiCodecError} `ERR_UNEXPECTED_VALUE` if `bytes` is not a `Uint8Array`.
 * @remarks Since 0.2.0
 */
export function captureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  const b = asUint8Array(bytes);
  if (b === undefined) throw err('CaptureFile', undefined, 0, `input is ${notBytes(bytes)}`);
  bytes = b;
  if (bytes.length < 4) return undefined;
  const be =
    ((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number);
  const le =
    ((bytes[3] as number) << 24) | ((bytes[2] as number) << 16) | ((bytes[1] as number) << 8) | (bytes[0] as number);
  for (const m of [be >>> 0, le >>> 0]) {
    if (m === PCAP_MAGIC_US || m === PCAP_MAGIC_NS) return 'pcap';
  }
  if (be >>> 0 === PCAPNG_SHB) return 'pcapng';
  return undefined;
}

function err(
  structure: string,
  field: string | undefined,
  offset: number,
  detail: string,
  truncated = false,
): ScsiCodecError {
  return new ScsiCodecError(truncated ? 'ERR_TRUNCATED' : 'ERR_UNEXPECTED_VALUE', structure, field, offset, detail);
}

/**
 * Every packet of a pcap or pcapng file, in file order. A file cut short inside its last packet
 * (a capture stopped abruptly) ends the packets with a `truncated-file` warning.
 *
 * @throws {ScsiCodecError} for bytes that are not a capture file (`ERR_UNEXPECTED_VALUE`), a header
 *   cut short (`ERR_TRUNCATED`) or a pcapng block structure that is inconsistent.
 * @remarks Since 0.2.0
 */
export function* readCapturePackets(
  bytes: Uint8Array,
  onWarning?: (w: CaptureWarning) => void,
): Generator<CapturePacket, void, undefined> {
  if (!(bytes instanceof Uint8Array)) throw err('CaptureFile', undefined, 0, 'not a Uint8Array');
  const format = captureFormat(bytes);
  if (format === undefined) {
    throw err('CaptureFile', 'magic', 0, 'not a pcap or pcapng file (unknown magic number)', bytes.length < 4);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'pcap') yield* readPcap(bytes, dv, onWarning);
  else yield* readPcapng(bytes, dv, onWarning);
}

function* readPcap(
  bytes: Uint8Array,
  dv: DataView,
  onWarning: ((w: CaptureWarning) => void) | undefined,
): Generator<CapturePacket, void, undefined> {
  if (bytes.length < 24) throw err('PcapHeader', undefined, 0, `${bytes.length} bytes; the pcap header is 24`, true);
  const magicBe = dv.getUint32(0, false);
  const le = !(magicBe === PCAP_MAGIC_US || magicBe === PCAP_MAGIC_NS);
  const magic = dv.getUint32(0, le);
  const nano = magic === PCAP_MAGIC_NS;
  const major = dv.getUint16(4, le);
  if (major !== 2) throw err('PcapHeader', 'majorVersion', 4, `version ${major}; only 2 is defined`);
  // LinkType: the low 16 bits; the FCS bits above are not used here.
  const linkType = dv.getUint32(20, le) & 0xffff;
  let off = 24;
  let frame = 0;
  while (off < bytes.length) {
    if (off + 16 > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside a packet header at byte ${off}`,
      });
      return;
    }
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const capLen = dv.getUint32(off + 8, le);
    const origLen = dv.getUint32(off + 12, le);
    if (frac >= (nano ? 1e9 : 1e6)) {
      throw err('PcapRecord', nano ? 'nanoseconds' : 'microseconds', off + 4, `${frac} is not below one second`);
    }
    const data = off + 16;
    if (data + capLen > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside packet ${frame + 1} (${capLen} bytes at byte ${data}, ${bytes.length - data} there)`,
      });
      return;
    }
    frame++;
    yield {
      frame,
      seconds: sec,
      nanoseconds: nano ? frac : frac * 1000,
      linkType,
      interfaceId: 0,
      data: bytes.subarray(data, data + capLen),
      originalLength: origLen,
      fileOffset: data,
    };
    off = data + capLen;
  }
}

interface PcapngInterface {
  readonly linkType: number;
  /** Timestamp units per second, as a number when exact, else undefined with `tsresolBits`. */
  readonly unitsPerSecond: number;
  readonly offsetSeconds: number;
}

function* readPcapng(
  bytes: Uint8Array,
  dv: DataView,
  onWarning: ((w: CaptureWarning) => void) | undefined,
): Generator<CapturePacket, void, undefined> {
  let off = 0;
  let le = true;
  let interfaces: PcapngInterface[] = [];
  let frame = 0;
  let sectionSeen = false;
  while (off < bytes.length) {
    if (off + 12 > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside a block header at byte ${off}`,
      });
      return;
    }
    const typeBe = dv.getUint32(off, false);
    if (typeBe === PCAPNG_SHB) {
      // A new section: its byte-order magic says how everything up to the next SHB is written.
      const bom = dv.getUint32(off + 8, false);
      if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else if (bom === 0x4d3c2b1a) le = true;
      else throw err('PcapngSectionHeaderBlock', 'byteOrderMagic', off + 8, `0x${bom.toString(16)} is not 1A2B3C4Dh`);
      interfaces = [];
      sectionSeen = true;
    } else if (!sectionSeen) {
      throw err('PcapngSectionHeaderBlock', 'blockType', off, 'the file does not start with a Section Header Block');
    }
    const type = dv.getUint32(off, le);
    const len = dv.getUint32(off + 4, le);
    if (len < 12 || len % 4 !== 0) {
      throw err('PcapngBlock', 'blockTotalLength', off + 4, `${len} is not a multiple of 4 of at least 12`);
    }
    if (off + len > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside a block of ${len} bytes at byte ${off} (${bytes.length - off} there)`,
      });
      return;
    }
    const trailer = dv.getUint32(off + len - 4, le);
    if (trailer !== len) {
      throw err('PcapngBlock', 'blockTotalLength', off + len - 4, `trailing length ${trailer} differs from ${len}`);
    }
    const body = off + 8;
    const end = off + len - 4;
    switch (type) {
      case PCAPNG_IDB: {
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
        interfaces.push({ linkType, unitsPerSecond, offsetSeconds });
        break;
      }
      case PCAPNG_EPB:
      case PCAPNG_OPB: {
        const structure = type === PCAPNG_EPB ? 'PcapngEnhancedPacketBlock' : 'PcapngPacketBlock';
        if (body + 20 > end) throw err(structure, undefined, body, 'block too short', true);
        const ifId = type === PCAPNG_EPB ? dv.getUint32(body, le) : dv.getUint16(body, le);
        const iface = interfaces[ifId];
        if (iface === undefined) {
          throw err(
            structure,
            'interfaceId',
            body,
            `interface ${ifId} has no Interface Description Block in this section`,
          );
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
        frame++;
        yield {
          frame,
          seconds: t.seconds,
          nanoseconds: t.nanoseconds,
          linkType: iface.linkType,
          interfaceId: ifId,
          data: bytes.subarray(data, data + capLen),
          originalLength: origLen,
          fileOffset: data,
        };
        break;
      }
      case PCAPNG_SPB: {
        // Simple Packet Block: interface 0, no timestamp; the captured length is what fits.
        const iface = interfaces[0];
        if (iface === undefined) {
          throw err('PcapngSimplePacketBlock', undefined, off, 'no Interface Description Block in this section');
        }
        if (body + 4 > end) throw err('PcapngSimplePacketBlock', undefined, body, 'block too short', true);
        const origLen = dv.getUint32(body, le);
        const data = body + 4;
        const capLen = Math.min(origLen, end - data);
        frame++;
        yield {
          frame,
          seconds: 0,
          nanoseconds: 0,
          linkType: iface.linkType,
          interfaceId: 0,
          data: bytes.subarray(data, data + capLen),
          originalLength: origLen,
          fileOffset: data,
        };
        break;
      }
      default:
        // Section Header (handled above), Name Resolution, Interface Statistics, Decryption
        // Secrets, custom blocks: nothing to read for packets.
        break;
    }
    off += len;
  }
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
