/**
 * A dumped network frame (tshark -x, Wireshark "Copy as Hex") holding iSCSI: its Ethernet, IP and
 * TCP headers stepped over, each iSCSI PDU in it turned into the SCSI structure it carries (the
 * CDB of a SCSI Command, the sense data of a SCSI Response, the data of a Data-In or Data-Out).
 * A "Reassembled TCP" dump (bytes that start with an iSCSI header) is read the same way.
 */
import { CAPTURE_LINK_TYPE, tcpSegmentOf } from '../capture/net.js';
import { ISCSI_BHS_LENGTH, iscsiPduName } from '../iscsi/pdu/constants.js';
import type { Kind } from './kinds.js';

/** One structure found in a frame. */
export interface FramePart {
  readonly bytes: Uint8Array;
  /** What the bytes are when the PDU says so (CDB, sense); undefined: detect. */
  readonly kind: Kind | undefined;
  readonly notes: readonly string[];
  /** Set when there is nothing to decode here (a TCP segment in the middle of a PDU). */
  readonly skip: string | undefined;
}

const u16 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u24 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 16) | u16(b, o + 1);
const u32 = (b: Uint8Array, o: number): number => u16(b, o) * 0x10000 + u16(b, o + 2);

/** CDB length from the opcode's group code (SPC-6 4.2.5.1); 16 for the variable groups. */
function cdbLength(op: number): number {
  const g = op >> 5;
  return g === 0 ? 6 : g === 1 || g === 2 ? 10 : g === 5 ? 12 : 16;
}

/** Whether `b` starts with what looks like an iSCSI header of a SCSI PDU (RFC 7143 section 11). */
function looksLikeScsiPdu(b: Uint8Array): boolean {
  if (b.length < ISCSI_BHS_LENGTH || ((b[0] as number) & 0x80) !== 0) return false;
  const op = (b[0] as number) & 0x3f;
  return op === 0x01 || op === 0x05 || op === 0x21 || op === 0x25;
}

/** The SCSI structures of the iSCSI PDUs in `payload` (which starts at a PDU). */
/** Commands seen so far in one dump, by ITT: what their Data-In is. */
export type FrameContext = Map<number, Uint8Array>;

/** The kind of a command's Data-In, when this tool decodes it. */
function dataInKind(cdb: Uint8Array): Kind | undefined {
  const op = cdb[0] as number;
  const sa = (cdb[1] as number) & 0x1f;
  if (op === 0x84 && sa === 0x07) return 'rrti-data';
  if (op === 0x84 && sa === 0x05) return 'copy-status';
  if (op === 0x12 && ((cdb[1] as number) & 1) === 1) return 'vpd';
  return undefined;
}

function pdusOf(payload: Uint8Array, where: string, ctx: FrameContext): FramePart[] {
  const out: FramePart[] = [];
  let o = 0;
  while (o + ISCSI_BHS_LENGTH <= payload.length) {
    const b = payload.subarray(o);
    const op = (b[0] as number) & 0x3f;
    const itt = u32(b, 16);
    const dsl = u24(b, 5);
    const start = ISCSI_BHS_LENGTH + (b[4] as number) * 4;
    const total = start + ((dsl + 3) & ~3);
    const data = b.subarray(start, Math.min(b.length, start + dsl));
    const partial = data.length < dsl ? ` (its first ${data.length} of ${dsl} data bytes are in this dump)` : '';
    const pdu = `${where}iSCSI ${iscsiPduName(op)}, ITT 0x${itt.toString(16).padStart(8, '0')}`;
    if (op === 0x01) {
      const cdb = b.subarray(32, 32 + cdbLength(b[32] as number));
      ctx.set(itt, cdb);
      out.push({
        bytes: cdb,
        kind: 'cdb',
        notes: [`${pdu}: its CDB (BHS bytes 32..${31 + cdb.length})`],
        skip: undefined,
      });
      if (data.length > 0) {
        // The command says what its data is: a parameter list this tool knows, or not.
        const sa = (cdb[1] as number) & 0x1f;
        const kind: Kind | undefined =
          cdb[0] === 0x83 && sa === 0x10
            ? 'populate-token-params'
            : cdb[0] === 0x83 && sa === 0x11
              ? 'write-using-token-params'
              : undefined;
        out.push({
          bytes: data,
          kind,
          notes: [`${pdu}: its immediate data${partial}`],
          skip:
            kind === undefined
              ? `${pdu}: ${data.length} bytes of immediate data of opcode ${(cdb[0] as number).toString(16).padStart(2, '0')}h, not a structure this tool decodes`
              : undefined,
        });
      }
    } else if (op === 0x21) {
      if (data.length >= 2) {
        const len = u16(data, 0);
        const sense = data.subarray(2, 2 + len);
        out.push({
          bytes: sense,
          kind: 'sense',
          notes: [`${pdu}, status ${(b[3] as number).toString(16).padStart(2, '0')}h: its sense data`],
          skip: undefined,
        });
      } else {
        out.push({
          bytes: data,
          kind: undefined,
          notes: [],
          skip: `${pdu}, status ${(b[3] as number).toString(16).padStart(2, '0')}h: no sense data`,
        });
      }
    } else if ((op === 0x25 || op === 0x05) && data.length > 0) {
      const off = u32(b, 40);
      // With its command earlier in the dump, the data's kind is known (or known not to be ours).
      const cmd = ctx.get(itt);
      const kind = cmd === undefined ? undefined : op === 0x25 ? dataInKind(cmd) : undefined;
      const skip =
        cmd !== undefined && kind === undefined
          ? `${pdu}: ${data.length} bytes of data of opcode ${(cmd[0] as number).toString(16).padStart(2, '0')}h, not a structure this tool decodes`
          : off !== 0
            ? `${pdu}: data at buffer offset ${off}, not the start of a structure`
            : undefined;
      out.push({ bytes: data, kind, notes: [`${pdu}: its data at buffer offset ${off}${partial}`], skip });
    } else {
      out.push({ bytes: data, kind: undefined, notes: [], skip: `${pdu}: no SCSI structure in it` });
    }
    if (total > b.length) break;
    o += total;
    if (o < payload.length && !looksLikeScsiPdu(payload.subarray(o))) break;
  }
  return out;
}

/**
 * The SCSI structures in a dumped frame, or undefined if `bytes` is not a frame (Ethernet with
 * IPv4/IPv6 and TCP to one of `ports`) nor, with `barePdu`, an iSCSI PDU.
 */
export function unwrapFrame(
  bytes: Uint8Array,
  ports: readonly number[],
  barePdu: boolean,
  ctx: FrameContext,
): FramePart[] | undefined {
  if (barePdu && looksLikeScsiPdu(bytes)) {
    const dsl = u24(bytes, 5);
    const start = ISCSI_BHS_LENGTH + (bytes[4] as number) * 4;
    // A bare PDU (tshark's "Reassembled TCP"): its lengths must fit the bytes.
    if (start + dsl <= bytes.length && bytes.length <= start + ((dsl + 3) & ~3) + 8 + 1024)
      return pdusOf(bytes, '', ctx);
  }
  if (bytes.length < 54) return undefined;
  const type = u16(bytes, 12);
  if (type !== 0x0800 && type !== 0x86dd && type !== 0x8100 && type !== 0x88a8) return undefined;
  let seg: ReturnType<typeof tcpSegmentOf>;
  try {
    seg = tcpSegmentOf(CAPTURE_LINK_TYPE.ETHERNET, bytes);
  } catch {
    return undefined;
  }
  if ('skip' in seg) return undefined;
  if (!ports.includes(seg.destinationPort) && !ports.includes(seg.sourcePort)) return undefined;
  const where = `frame: ${seg.source}:${seg.sourcePort} -> ${seg.destination}:${seg.destinationPort}, TCP payload at byte ${seg.payloadOffset}: `;
  if (seg.payload.length === 0) {
    return [{ bytes: seg.payload, kind: undefined, notes: [], skip: `${where}no TCP payload` }];
  }
  if (!looksLikeScsiPdu(seg.payload)) {
    return [
      {
        bytes: seg.payload,
        kind: undefined,
        notes: [],
        skip: `${where}${seg.payload.length} bytes that do not start an iSCSI SCSI PDU (the middle of one; tshark prints the reassembled PDU as its own dump)`,
      },
    ];
  }
  return pdusOf(seg.payload, where, ctx);
}
