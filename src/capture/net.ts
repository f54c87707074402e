/**
 * Link, network and transport layers of a captured frame, down to a TCP segment: Ethernet (with
 * 802.1Q / 802.1ad tags), Linux cooked capture (SLL and SLL2), raw IP, BSD loopback (NULL and
 * LOOP); IPv4 (options skipped, fragments reported) and IPv6 (extension headers followed); TCP.
 * No platform API.
 *
 * @see IEEE 802.3 and 802.1Q (Ethernet II frames, VLAN tags)
 * @see RFC 791 (IPv4), RFC 8200 (IPv6), RFC 9293 (TCP)
 * @see https://www.tcpdump.org/linktypes.html (LINKTYPE_ values)
 */
import { ScsiCodecError } from '../errors.js';
import { show } from '../internal/byte-writer.js';
import { asUint8Array, notBytes } from '../internal/contract.js';

/** LINKTYPE_ values this reader understands. @remarks Since 0.2.0 */
export const CAPTURE_LINK_TYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/**
 * A TCP segment taken out of a frame.
 *
 * @remarks Since 0.2.0
 */
export interface TcpSegment {
  /** Source and destination addresses as text (dotted IPv4, or IPv6 in RFC 5952 form). */
  readonly source: string;
  readonly destination: string;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequenceNumber: number;
  readonly acknowledgmentNumber: number;
  /** TCP flags byte (FIN 01h, SYN 02h, RST 04h, PSH 08h, ACK 10h). */
  readonly flags: number;
  /** The captured payload. */
  readonly payload: Uint8Array;
  /** Payload length on the wire (larger than `payload.length` when the capture cut the frame). */
  readonly payloadLength: number;
  /** Offset of the payload in the frame's bytes. */
  readonly payloadOffset: number;
}

/** Why a frame holds no TCP segment to use (or a problem with it). @remarks Since 0.2.0 */
export interface FrameSkip {
  readonly skip: string;
  /** True if the frame is worth a warning (a fragment, a truncated header); false for other traffic. */
  readonly warn: boolean;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
const IPPROTO_TCP = 6;

function u16(b: Uint8Array, o: number): number {
  return ((b[o] as number) << 8) | (b[o + 1] as number);
}
function u32(b: Uint8Array, o: number): number {
  return (
    (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0
  );
}

/**
 * The network layer of a frame: `{ ethertype, offset }` of the IP packet in `data`, or a skip.
 *
 * @throws {ScsiCodecError} `ERR_UNSUPPORTED` for a link type this reader does not know,
 *   `ERR_UNEXPECTED_VALUE` if `data` is not a `Uint8Array`.
 * @remarks Since 0.2.0
 */
export function linkPayload(linkType: number, data: Uint8Array): { ethertype: number; offset: number } | FrameSkip {
  data = frameBytes(data);
  switch (linkType) {
    case CAPTURE_LINK_TYPE.ETHERNET: {
      if (data.length < 14) return { skip: 'Ethernet header cut short', warn: true };
      let o = 12;
      let type = u16(data, o);
      while (ETHERTYPE_VLAN.includes(type)) {
        o += 4;
        if (o + 2 > data.length) return { skip: 'VLAN tag cut short', warn: true };
        type = u16(data, o);
      }
      return { ethertype: type, offset: o + 2 };
    }
    case CAPTURE_LINK_TYPE.LINUX_SLL:
      if (data.length < 16) return { skip: 'Linux cooked header cut short', warn: true };
      return { ethertype: u16(data, 14), offset: 16 };
    case CAPTURE_LINK_TYPE.LINUX_SLL2:
      if (data.length < 20) return { skip: 'Linux cooked v2 header cut short', warn: true };
      return { ethertype: u16(data, 0), offset: 20 };
    case CAPTURE_LINK_TYPE.RAW:
    case 12: // DLT_RAW on OpenBSD
    case 14: // DLT_RAW on other BSDs
    case CAPTURE_LINK_TYPE.IPV4:
    case CAPTURE_LINK_TYPE.IPV6: {
      if (data.length < 1) return { skip: 'empty frame', warn: true };
      const v = (data[0] as number) >> 4;
      if (v === 4) return { ethertype: ETHERTYPE_IPV4, offset: 0 };
      if (v === 6) return { ethertype: ETHERTYPE_IPV6, offset: 0 };
      return { skip: `raw IP frame of version ${v}`, warn: true };
    }
    case CAPTURE_LINK_TYPE.NULL:
    case CAPTURE_LINK_TYPE.LOOP: {
      if (data.length < 4) return { skip: 'loopback header cut short', warn: true };
      // The address family, in the capturing host's byte order (NULL) or big-endian (LOOP).
      const be = u32(data, 0);
      const le =
        (((data[3] as number) << 24) |
          ((data[2] as number) << 16) |
          ((data[1] as number) << 8) |
          (data[0] as number)) >>>
        0;
      const family = linkType === CAPTURE_LINK_TYPE.LOOP ? be : Math.min(be, le);
      if (family === 2) return { ethertype: ETHERTYPE_IPV4, offset: 4 };
      // AF_INET6 differs by system: 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
      if (family === 10 || family === 24 || family === 28 || family === 30)
        return { ethertype: ETHERTYPE_IPV6, offset: 4 };
      return { skip: `loopback address family ${family}`, warn: false };
    }
    default:
      throw new ScsiCodecError(
        'ERR_UNSUPPORTED',
        'CaptureFrame',
        'linkType',
        0,
        `link type ${show(linkType)} is not supported`,
      );
  }
}

/** A frame's bytes as a Uint8Array of this realm, or ERR_UNEXPECTED_VALUE (not a byte array). */
function frameBytes(data: Uint8Array): Uint8Array {
  const b = asUint8Array(data);
  if (b === undefined) {
    throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'CaptureFrame', 'data', 0, `input is ${notBytes(data)}`);
  }
  return b;
}

/** Format an IPv6 address (RFC 5952: lowercase, longest zero run as "::"). */
function ipv6Text(b: Uint8Array, o: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(u16(b, o + 2 * i));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const IPV6_EXTENSION = new Set([0, 43, 60, 135, 139, 140]); // hop-by-hop, routing, dest. options, mobility, HIP, shim6

/**
 * The TCP segment of a frame, or why there is none.
 *
 * @throws {ScsiCodecError} `ERR_UNSUPPORTED` for a link type this reader does not know,
 *   `ERR_UNEXPECTED_VALUE` if `data` is not a `Uint8Array`.
 * @remarks Since 0.2.0
 */
export function tcpSegmentOf(linkType: number, data: Uint8Array): TcpSegment | FrameSkip {
  data = frameBytes(data);
  const link = linkPayload(linkType, data);
  if ('skip' in link) return link;
  if (link.ethertype === ETHERTYPE_IPV4) return ipv4Segment(data, link.offset);
  if (link.ethertype === ETHERTYPE_IPV6) return ipv6Segment(data, link.offset);
  return { skip: `ethertype ${link.ethertype.toString(16).padStart(4, '0')}h`, warn: false };
}

/** The TCP segment of the IPv4 packet at `o` (options skipped; fragments are not reassembled). */
function ipv4Segment(data: Uint8Array, o: number): TcpSegment | FrameSkip {
  if (o + 20 > data.length) return { skip: 'IPv4 header cut short', warn: true };
  const vihl = data[o] as number;
  if (vihl >> 4 !== 4) return { skip: `IP version ${vihl >> 4} in an IPv4 frame`, warn: true };
  const ihl = (vihl & 0x0f) * 4;
  if (ihl < 20) return { skip: `IPv4 header length ${ihl}`, warn: true };
  const total = u16(data, o + 2);
  const frag = u16(data, o + 6);
  if (data[o + 9] !== IPPROTO_TCP) return { skip: 'not TCP', warn: false };
  if ((frag & 0x2000) !== 0 || (frag & 0x1fff) !== 0) {
    return {
      skip: `IPv4 fragment (offset ${(frag & 0x1fff) * 8}${frag & 0x2000 ? ', more follow' : ''}): not reassembled`,
      warn: true,
    };
  }
  const source = `${data[o + 12]}.${data[o + 13]}.${data[o + 14]}.${data[o + 15]}`;
  const destination = `${data[o + 16]}.${data[o + 17]}.${data[o + 18]}.${data[o + 19]}`;
  // TCP segmentation offload captures show total length 0: the frame's length is the truth.
  const wireEnd = total === 0 ? data.length : o + total;
  if (total !== 0 && total < ihl) return { skip: `IPv4 total length ${total} below its header`, warn: true };
  return tcpSegment(data, o + ihl, Math.min(wireEnd, data.length), wireEnd, source, destination);
}

/** The TCP segment of the IPv6 packet at `o`, after its extension headers. */
function ipv6Segment(data: Uint8Array, o: number): TcpSegment | FrameSkip {
  if (o + 40 > data.length) return { skip: 'IPv6 header cut short', warn: true };
  const payloadLength = u16(data, o + 4);
  let next = data[o + 6] as number;
  const source = ipv6Text(data, o + 8);
  const destination = ipv6Text(data, o + 24);
  const wireEnd = payloadLength === 0 ? data.length : o + 40 + payloadLength;
  const end = Math.min(wireEnd, data.length);
  o += 40;
  while (next !== IPPROTO_TCP) {
    if (next === 44) {
      if (o + 8 > end) return { skip: 'IPv6 fragment header cut short', warn: true };
      const offMf = u16(data, o + 2);
      if ((offMf & 0xfff9) !== 0) return { skip: 'IPv6 fragment: not reassembled', warn: true };
      next = data[o] as number; // an atomic fragment: the packet is whole
      o += 8;
    } else if (next === 51) {
      if (o + 2 > end) return { skip: 'IPv6 AH header cut short', warn: true };
      const len = ((data[o + 1] as number) + 2) * 4;
      next = data[o] as number;
      o += len;
    } else if (IPV6_EXTENSION.has(next)) {
      if (o + 2 > end) return { skip: 'IPv6 extension header cut short', warn: true };
      const len = ((data[o + 1] as number) + 1) * 8;
      next = data[o] as number;
      o += len;
    } else {
      return { skip: next === 50 ? 'IPv6 ESP: encrypted' : 'not TCP', warn: next === 50 };
    }
    if (o > end) return { skip: 'IPv6 extension headers overrun the packet', warn: true };
  }
  return tcpSegment(data, o, end, wireEnd, source, destination);
}

/**
 * The TCP header at `o` and its payload up to `end` (the captured end of the IP packet; `wireEnd`
 * is where it ends on the wire).
 */
function tcpSegment(
  data: Uint8Array,
  o: number,
  end: number,
  wireEnd: number,
  source: string,
  destination: string,
): TcpSegment | FrameSkip {
  if (o + 20 > end) return { skip: 'TCP header cut short', warn: true };
  const dataOffset = ((data[o + 12] as number) >> 4) * 4;
  if (dataOffset < 20) return { skip: `TCP data offset ${dataOffset}`, warn: true };
  if (o + dataOffset > end) return { skip: 'TCP header cut short', warn: true };
  const payloadOffset = o + dataOffset;
  return {
    source,
    destination,
    sourcePort: u16(data, o),
    destinationPort: u16(data, o + 2),
    sequenceNumber: u32(data, o + 4),
    acknowledgmentNumber: u32(data, o + 8),
    flags: data[o + 13] as number,
    payload: data.subarray(payloadOffset, end),
    payloadLength: Math.max(0, wireEnd - payloadOffset),
    payloadOffset,
  };
}
