/**
 * SCSI exchanges out of a capture: TCP connections to the iSCSI port(s) reassembled per
 * direction, framed into iSCSI PDUs (digests from the login seen, detected by their CRC32C when
 * the login is not in the capture, or assumed absent and said so), and every SCSI Command paired
 * with its Data-Out, R2T, Data-In and response by Initiator Task Tag. No platform API.
 *
 * @see RFC 7143 (iSCSI): sections 11.3-11.8 (SCSI PDUs), 11.12-11.13 (login), 13.1 (digests)
 */
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import { ISCSI_BHS_LENGTH, ISCSI_LOGIN_STAGE, iscsiPduName } from '../iscsi/pdu/constants.js';
import { crc32c, readIscsiDigest } from '../iscsi/pdu/crc32c.js';
import {
  decodeIscsiPdu,
  decodeIscsiSenseSegment,
  type IscsiPdu,
  type IscsiScsiCommand,
  iscsiCommandCdb,
  iscsiPduLength,
} from '../iscsi/pdu/pdu.js';
import { decodeIscsiTextKeys } from '../iscsi/pdu/text.js';
import { type CapturePacket, type CaptureWarning, readCapturePackets } from './file.js';
import { tcpSegmentOf } from './net.js';
import { type StreamSink, TcpDirection } from './tcp.js';

/**
 * One TCP connection to an iSCSI target port, with what its login said.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureConnection {
  /** Connection index in order of first appearance, from 0 (tshark's `tcp.stream`). */
  readonly stream: number;
  /** Initiator's address and port, e.g. `127.0.0.1:51234` or `[::1]:51234`. */
  readonly initiator: string;
  /** Target's address and port. */
  readonly target: string;
  /** InitiatorName from the login, if the capture holds it. */
  readonly initiatorName: string | undefined;
  /** TargetName from the login, if the capture holds it. */
  readonly targetName: string | undefined;
  /** ISID from the login (48 bits). */
  readonly isid: number | undefined;
  /** TSIH the target gave in its final Login Response. */
  readonly tsih: number | undefined;
  /** TargetPortalGroupTag from the login. */
  readonly targetPortalGroupTag: number | undefined;
  /** Header and data digests in use (CRC32C) after the login. */
  readonly headerDigest: boolean;
  readonly dataDigest: boolean;
  /**
   * Where the digest settings come from: the `login` seen, `detected` by a CRC32C that checks out
   * (the login is not in the capture), or `assumed` absent (neither).
   */
  readonly digestsFrom: 'login' | 'detected' | 'assumed';
}

/**
 * One SCSI command and everything that belongs to it.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureExchange {
  readonly connection: CaptureConnection;
  /**
   * I_T nexus as SAM names it for iSCSI: `initiator,i,0xISID -> target,t,0xTPGT`, when the
   * login is in the capture; undefined otherwise.
   */
  readonly nexus: string | undefined;
  /** The 8-byte LUN field of the SCSI Command PDU. */
  readonly lunField: bigint;
  /** The LUN as a number (first level, peripheral or flat space addressing). */
  readonly lun: number;
  readonly initiatorTaskTag: number;
  /** Frame that completed the SCSI Command PDU (as tshark numbers frames). */
  readonly frame: number;
  /** Capture time of that frame, seconds since 1970 (fraction to the capture's resolution). */
  readonly time: number;
  /** The CDB (16 bytes of the BHS plus any extended CDB AHS; trailing BHS padding kept). */
  readonly cdb: Uint8Array;
  readonly read: boolean;
  readonly write: boolean;
  readonly expectedDataTransferLength: number;
  /** Data-Out bytes (immediate, unsolicited and solicited), placed by buffer offset; kept per `keepData`. */
  readonly dataOut: Uint8Array | undefined;
  /** Data-Out bytes seen (also when not kept). */
  readonly dataOutLength: number;
  readonly dataOutPdus: number;
  /** Data-In bytes, placed by buffer offset; kept per `keepData`. */
  readonly dataIn: Uint8Array | undefined;
  readonly dataInLength: number;
  readonly dataInPdus: number;
  /** R2T PDUs seen (and the bytes they asked for). */
  readonly r2ts: number;
  readonly r2tBytes: number;
  /** Frame and time of the status (SCSI Response, or the Data-In with S); undefined if none. */
  readonly responseFrame: number | undefined;
  readonly responseTime: number | undefined;
  /** iSCSI Response code (0 = command completed at target); undefined if no SCSI Response. */
  readonly iscsiResponse: number | undefined;
  /** SAM status; undefined if the capture holds no status. */
  readonly status: number | undefined;
  /** Sense data of the SCSI Response (empty when none). */
  readonly sense: Uint8Array;
  readonly residualCount: number | undefined;
  readonly residualUnderflow: boolean;
  readonly residualOverflow: boolean;
  /** What is wrong or missing (holes in the data, no response in the capture, ...). */
  readonly issues: readonly string[];
}

/** Options of {@link readCaptureExchanges}. @remarks Since 0.2.0 */
export interface CaptureReadOptions {
  /** TCP ports of iSCSI targets (default [3260]). */
  readonly ports?: readonly number[] | undefined;
  /**
   * Which commands' data to keep (default: all). Data is always counted; only kept data is
   * assembled into `dataOut` / `dataIn`.
   */
  readonly keepData?: ((cdb: Uint8Array) => boolean) | undefined;
  /** Check header and data digests (default true): a mismatch is a `digest-mismatch` warning. */
  readonly verifyDigests?: boolean | undefined;
  /** Called for every warning (gaps, fragments, digest mismatches, framing lost, ...). */
  readonly onWarning?: ((w: CaptureWarning) => void) | undefined;
}

/** Counts the iterator returns when done. @remarks Since 0.2.0 */
export interface CaptureSummary {
  readonly frames: number;
  readonly connections: readonly CaptureConnection[];
  readonly pdus: number;
  readonly exchanges: number;
  readonly retransmittedSegments: number;
  readonly gapBytes: number;
  readonly warnings: number;
}

type MutableConnection = { -readonly [K in keyof CaptureConnection]: CaptureConnection[K] };

interface Task {
  readonly cmd: IscsiScsiCommand;
  readonly frame: number;
  readonly time: number;
  readonly cdb: Uint8Array;
  readonly keep: boolean;
  dataOut: { offset: number; bytes: Uint8Array }[];
  dataOutLength: number;
  dataOutPdus: number;
  dataIn: { offset: number; bytes: Uint8Array }[];
  dataInLength: number;
  dataInPdus: number;
  r2ts: number;
  r2tBytes: number;
  issues: string[];
}

const timeOf = (p: { seconds: number; nanoseconds: number }): number => p.seconds + p.nanoseconds / 1e9;

/** LUN number from the first level of a SAM LUN field (peripheral and flat space addressing). */
function lunNumber(field: bigint): number {
  const top = Number(field >> 48n);
  return top & 0x3fff;
}

function assemble(parts: readonly { offset: number; bytes: Uint8Array }[], issues: string[], what: string): Uint8Array {
  let end = 0;
  for (const p of parts) end = Math.max(end, p.offset + p.bytes.length);
  const out = new Uint8Array(end);
  const sorted = [...parts].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const p of sorted) {
    if (p.offset > covered) issues.push(`${what}: bytes ${covered}..${p.offset - 1} not in the capture`);
    out.set(p.bytes, p.offset);
    covered = Math.max(covered, p.offset + p.bytes.length);
  }
  return out;
}

/**
 * The session side of one connection: login keys, digests and the tasks by ITT.
 */
class Session {
  readonly conn: MutableConnection;
  readonly tasks = new Map<number, Task>();
  /** Text of a Login PDU sequence being continued (C = 1), per direction. */
  private loginText: [Uint8Array[], Uint8Array[]] = [[], []];
  readonly toTarget: Framer;
  readonly toInitiator: Framer;
  readonly tcpToTarget: TcpDirection;
  readonly tcpToInitiator: TcpDirection;

  readonly reader: ExchangeReader;

  constructor(reader: ExchangeReader, stream: number, initiator: string, target: string) {
    this.reader = reader;
    this.conn = {
      stream,
      initiator,
      target,
      initiatorName: undefined,
      targetName: undefined,
      isid: undefined,
      tsih: undefined,
      targetPortalGroupTag: undefined,
      headerDigest: false,
      dataDigest: false,
      digestsFrom: 'assumed',
    };
    this.toTarget = new Framer(this, true);
    this.toInitiator = new Framer(this, false);
    this.tcpToTarget = new TcpDirection(this.toTarget);
    this.tcpToInitiator = new TcpDirection(this.toInitiator);
  }

  /** Frame the PDUs both directions hold, in the order their last bytes were captured. */
  pumpBoth(frame: number): void {
    for (;;) {
      const a = this.toTarget.readyFrame();
      const b = this.toInitiator.readyFrame();
      if (a === undefined && b === undefined) break;
      const first = b === undefined || (a !== undefined && a <= b) ? this.toTarget : this.toInitiator;
      if (!first.step(frame)) break;
    }
    this.toTarget.pump(frame);
    this.toInitiator.pump(frame);
  }

  nexus(): string | undefined {
    const c = this.conn;
    if (c.initiatorName === undefined || c.isid === undefined) return undefined;
    const i = `${c.initiatorName},i,0x${c.isid.toString(16).padStart(12, '0')}`;
    if (c.targetName === undefined) return i;
    const t = `${c.targetName}${c.targetPortalGroupTag === undefined ? '' : `,t,0x${c.targetPortalGroupTag.toString(16).padStart(4, '0')}`}`;
    return `${i} -> ${t}`;
  }

  /** Login text keys: names, ISID, TSIH, TPGT, digests. */
  private login(pdu: IscsiPdu, fromInitiator: boolean, frame: number): void {
    if (pdu.kind !== 'Login Request' && pdu.kind !== 'Login Response') return;
    const c = this.conn;
    c.isid = pdu.isid;
    const parts = this.loginText[fromInitiator ? 0 : 1];
    parts.push(pdu.data);
    if (pdu.continue) return;
    this.loginText[fromInitiator ? 0 : 1] = [];
    let total = 0;
    for (const p of parts) total += p.length;
    const text = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      text.set(p, o);
      o += p.length;
    }
    let pairs: readonly { key: string; value: string }[] = [];
    try {
      pairs = decodeIscsiTextKeys(text).pairs;
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      this.reader.warn(frame, 'login-text', `connection ${c.stream}: login text not decodable: ${e.message}`);
    }
    for (const { key, value } of pairs) {
      if (key === 'InitiatorName') c.initiatorName = value;
      else if (key === 'TargetName') c.targetName = value;
      else if (key === 'TargetPortalGroupTag' && /^\d+$/.test(value)) c.targetPortalGroupTag = Number(value);
      else if (!fromInitiator && key === 'HeaderDigest') c.headerDigest = value === 'CRC32C';
      else if (!fromInitiator && key === 'DataDigest') c.dataDigest = value === 'CRC32C';
    }
    if (pdu.kind === 'Login Response') {
      if (pdu.statusClass === 0 && pdu.transit && pdu.nsg === ISCSI_LOGIN_STAGE.FULL_FEATURE_PHASE) {
        // Full feature phase: the negotiated digests apply to every PDU after this one.
        c.tsih = pdu.tsih;
        c.digestsFrom = 'login';
        this.toTarget.digestsKnown = true;
        this.toInitiator.digestsKnown = true;
        this.toTarget.inLogin = false;
        this.toInitiator.inLogin = false;
      }
    }
  }

  pdu(pdu: IscsiPdu, fromInitiator: boolean, frame: number, time: number, holes: string | undefined): void {
    this.reader.pdus++;
    switch (pdu.kind) {
      case 'Login Request':
      case 'Login Response':
        this.login(pdu, fromInitiator, frame);
        return;
      case 'SCSI Command': {
        const cdb = iscsiCommandCdb(pdu);
        const keep = this.reader.keepData(cdb);
        const t: Task = {
          cmd: pdu,
          frame,
          time,
          cdb: cdb === pdu.cdb ? pdu.cdb.slice() : cdb,
          keep,
          dataOut: [],
          dataOutLength: 0,
          dataOutPdus: 0,
          dataIn: [],
          dataInLength: 0,
          dataInPdus: 0,
          r2ts: 0,
          r2tBytes: 0,
          issues: [],
        };
        if (this.tasks.has(pdu.initiatorTaskTag)) {
          const old = this.tasks.get(pdu.initiatorTaskTag) as Task;
          old.issues.push(`ITT reused by the command in frame ${frame} before a response was seen`);
          this.finish(old, undefined);
        }
        this.tasks.set(pdu.initiatorTaskTag, t);
        if (pdu.data.length > 0) {
          t.dataOutLength += pdu.data.length;
          if (keep) t.dataOut.push({ offset: 0, bytes: pdu.data });
        }
        if (holes !== undefined) t.issues.push(`immediate data: ${holes}`);
        return;
      }
      case 'SCSI Data-Out': {
        const t = this.tasks.get(pdu.initiatorTaskTag);
        if (t === undefined) {
          this.orphan(pdu.kind, pdu.initiatorTaskTag, frame);
          return;
        }
        t.dataOutPdus++;
        t.dataOutLength += pdu.data.length;
        if (t.keep) t.dataOut.push({ offset: pdu.bufferOffset, bytes: pdu.data });
        if (holes !== undefined) t.issues.push(`Data-Out at offset ${pdu.bufferOffset}: ${holes}`);
        return;
      }
      case 'R2T': {
        const t = this.tasks.get(pdu.initiatorTaskTag);
        if (t === undefined) {
          this.orphan(pdu.kind, pdu.initiatorTaskTag, frame);
          return;
        }
        t.r2ts++;
        t.r2tBytes += pdu.desiredDataTransferLength;
        return;
      }
      case 'SCSI Data-In': {
        const t = this.tasks.get(pdu.initiatorTaskTag);
        if (t === undefined) {
          this.orphan(pdu.kind, pdu.initiatorTaskTag, frame);
          return;
        }
        t.dataInPdus++;
        t.dataInLength += pdu.data.length;
        if (t.keep) t.dataIn.push({ offset: pdu.bufferOffset, bytes: pdu.data });
        if (holes !== undefined) t.issues.push(`Data-In at offset ${pdu.bufferOffset}: ${holes}`);
        if (pdu.statusPresent) {
          this.finish(t, {
            frame,
            time,
            iscsiResponse: undefined,
            status: pdu.status,
            sense: EMPTY,
            residualCount: pdu.residualCount,
            residualUnderflow: pdu.residualUnderflow,
            residualOverflow: pdu.residualOverflow,
          });
        }
        return;
      }
      case 'SCSI Response': {
        const t = this.tasks.get(pdu.initiatorTaskTag);
        if (t === undefined) {
          this.orphan(pdu.kind, pdu.initiatorTaskTag, frame);
          return;
        }
        let sense: Uint8Array = EMPTY;
        if (pdu.data.length > 0) {
          try {
            sense = decodeIscsiSenseSegment(pdu.data).senseData.slice();
          } catch (e) {
            if (!isScsiCodecError(e)) throw e;
            t.issues.push(`sense segment: ${e.message}`);
          }
        }
        if (holes !== undefined) t.issues.push(`SCSI Response: ${holes}`);
        this.finish(t, {
          frame,
          time,
          iscsiResponse: pdu.response,
          status: pdu.status,
          sense,
          residualCount: pdu.residualCount,
          residualUnderflow: pdu.residualUnderflow,
          residualOverflow: pdu.residualOverflow,
        });
        return;
      }
      default:
        return;
    }
  }

  private orphan(opcode: string, itt: number, frame: number): void {
    this.reader.warn(
      frame,
      'orphan-pdu',
      `connection ${this.conn.stream}: ${opcode} for ITT 0x${itt.toString(16).padStart(8, '0')} whose command is not in the capture`,
    );
  }

  finish(
    t: Task,
    r:
      | {
          frame: number;
          time: number;
          iscsiResponse: number | undefined;
          status: number;
          sense: Uint8Array;
          residualCount: number;
          residualUnderflow: boolean;
          residualOverflow: boolean;
        }
      | undefined,
  ): void {
    const itt = t.cmd.initiatorTaskTag;
    if (this.tasks.get(itt) === t) this.tasks.delete(itt);
    const issues = t.issues;
    if (r === undefined) issues.push('no status in the capture');
    else if (t.cmd.read && r.status === 0) {
      const expected = t.cmd.expectedDataTransferLength - (r.residualUnderflow ? r.residualCount : 0);
      if (t.dataInLength < expected) issues.push(`Data-In: ${t.dataInLength} of ${expected} bytes in the capture`);
    }
    const dataOut =
      t.keep && t.dataOutLength > 0 ? assemble(t.dataOut, issues, 'Data-Out') : t.keep ? EMPTY : undefined;
    const dataIn = t.keep && t.dataInLength > 0 ? assemble(t.dataIn, issues, 'Data-In') : t.keep ? EMPTY : undefined;
    this.reader.done.push({
      connection: { ...this.conn },
      nexus: this.nexus(),
      lunField: t.cmd.lun,
      lun: lunNumber(t.cmd.lun),
      initiatorTaskTag: itt,
      frame: t.frame,
      time: t.time,
      cdb: t.cdb,
      read: t.cmd.read,
      write: t.cmd.write,
      expectedDataTransferLength: t.cmd.expectedDataTransferLength,
      dataOut,
      dataOutLength: t.dataOutLength,
      dataOutPdus: t.dataOutPdus,
      dataIn,
      dataInLength: t.dataInLength,
      dataInPdus: t.dataInPdus,
      r2ts: t.r2ts,
      r2tBytes: t.r2tBytes,
      responseFrame: r?.frame,
      responseTime: r?.time,
      iscsiResponse: r?.iscsiResponse,
      status: r?.status,
      sense: r?.sense ?? EMPTY,
      residualCount: r?.residualCount,
      residualUnderflow: r?.residualUnderflow ?? false,
      residualOverflow: r?.residualOverflow ?? false,
      issues,
    });
  }
}

const EMPTY = new Uint8Array(0);

/**
 * One direction's PDU framer: bytes in, whole PDUs out. A gap inside a PDU's data segment
 * leaves a hole in that PDU (reported; framing goes on by its length); a gap that takes a PDU
 * header loses the framing of this direction (reported) until the connection ends.
 */
class Framer implements StreamSink {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /**
   * Which frame brought which bytes: `end` is the buffered-byte count (from the buffer's start)
   * up to which `frame` (at `time`) delivered them. A PDU is dated by the frame of its last byte.
   */
  marks: { end: number; frame: number; time: number }[] = [];

  private mark(n: number, frame: number): void {
    this.marks.push({ end: this.buffered + n, frame, time: this.reader.time });
  }

  /** Frame and time of the byte `n - 1` of the buffer; the marks move to the bytes after it. */
  private dateOf(n: number, frame: number): { frame: number; time: number } {
    const m = this.marks.find((x) => x.end >= n);
    const out = m === undefined ? { frame, time: this.reader.time } : { frame: m.frame, time: m.time };
    this.marks = this.marks.filter((x) => x.end > n).map((x) => ({ ...x, end: x.end - n }));
    return out;
  }
  /** Holes (zero-filled) in the buffered bytes: [start, length] from the buffer's start. */
  private holes: [number, number][] = [];
  private lost = false;
  /** Whether the digest settings are known (from the login, or detected). */
  digestsKnown = false;
  /** Whether the login phase is still on (no digests during login). */
  inLogin = true;
  private sawAny = false;
  private headerChecked = false;
  private dataChecked = false;
  /** End of the stream: decide what cannot be checked any more. */
  private ending = false;

  private readonly session: Session;
  private readonly fromInitiator: boolean;

  constructor(session: Session, fromInitiator: boolean) {
    this.session = session;
    this.fromInitiator = fromInitiator;
  }

  private get reader(): ExchangeReader {
    return this.session.reader;
  }

  data(bytes: Uint8Array, frame: number): void {
    if (this.lost) {
      // Bytes arrive a segment at a time: a segment that starts with a header that checks out
      // (see resyncs) is where framing starts again. Said in a warning; nothing is guessed
      // about the bytes in between, which stay missing.
      if (!this.resyncs(bytes)) return;
      this.lost = false;
      this.reader.warn(
        frame,
        'framing-resynchronised',
        `connection ${this.session.conn.stream} (${this.fromInitiator ? 'initiator to target' : 'target to initiator'}): framing found again at frame ${frame}: the segment starts with a ${iscsiPduName((bytes[0] as number) & 0x3f)} header for ${this.fromInitiator ? 'a new task' : 'an open task'}`,
      );
      this.pump(frame);
      return;
    }
    this.mark(bytes.length, frame);
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    this.pump(frame);
  }

  gap(length: number, frame: number, why: string): void {
    const c = this.session.conn;
    const dir = this.fromInitiator ? 'initiator to target' : 'target to initiator';
    this.reader.warn(frame, 'gap', `connection ${c.stream} (${dir}): ${length} bytes missing (${why})`);
    if (this.lost) return;
    const n = this.headerNeed();
    const total = n === undefined ? undefined : this.pduLengthNow();
    if (n === undefined || total === undefined || this.buffered < n || this.buffered + length > total) {
      this.lost = true;
      this.chunks = [];
      this.marks = [];
      this.buffered = 0;
      this.holes = [];
      this.reader.warn(
        frame,
        'framing-lost',
        `connection ${c.stream} (${dir}): a PDU header is in the gap; PDUs are skipped until a segment starts with a header that checks out`,
      );
      return;
    }
    this.holes.push([this.buffered, length]);
    this.mark(length, frame);
    this.chunks.push(new Uint8Array(length));
    this.buffered += length;
    this.pump(frame);
  }

  private digests(): { headerDigest: boolean; dataDigest: boolean } {
    if (this.inLogin) return { headerDigest: false, dataDigest: false };
    const c = this.session.conn;
    return { headerDigest: c.headerDigest, dataDigest: c.dataDigest };
  }

  /** Bytes of the header part (BHS + AHS + header digest), once the BHS is buffered. */
  private headerNeed(): number | undefined {
    if (this.buffered < ISCSI_BHS_LENGTH) return undefined;
    const b = this.peek(ISCSI_BHS_LENGTH);
    return ISCSI_BHS_LENGTH + (b[4] as number) * 4 + (this.digests().headerDigest ? 4 : 0);
  }

  private pduLengthNow(): number | undefined {
    if (this.buffered < ISCSI_BHS_LENGTH) return undefined;
    return iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests());
  }

  /** The first `n` buffered bytes (a view when they lie in one chunk). */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    if (first.length >= n) return first.subarray(0, n);
    // Merge the chunks that cover the first n bytes into one (whole chunks: nothing is split).
    let k = 0;
    let o = 0;
    while (o < n) o += (this.chunks[k++] as Uint8Array).length;
    const merged = new Uint8Array(o);
    o = 0;
    for (let i = 0; i < k; i++) {
      const c = this.chunks[i] as Uint8Array;
      merged.set(c, o);
      o += c.length;
    }
    this.chunks.splice(0, k, merged);
    return merged.subarray(0, n);
  }

  /** Remove and return the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let o = 0;
      while (o < n) {
        const c = this.chunks[0] as Uint8Array;
        const k = Math.min(c.length, n - o);
        out.set(k === c.length ? c : c.subarray(0, k), o);
        o += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    return out;
  }

  pump(frame: number): void {
    while (!this.lost && this.buffered >= ISCSI_BHS_LENGTH) {
      if (!this.sawAny) {
        this.sawAny = true;
        const op = (this.peek(1)[0] as number) & 0x3f;
        // A connection picked up after its login: digests unknown until a PDU shows them.
        if (op !== 0x03 && op !== 0x23 && !this.digestsKnown) this.inLogin = false;
      }
      if (!this.digestsKnown && !this.inLogin) {
        const d = this.detectDigests(frame);
        if (d === 'wait') return;
        if (d === 'decided') {
          // Both directions' held PDUs are framed in the order of the capture.
          this.session.pumpBoth(frame);
          return;
        }
        // A PDU without data: framed with the header digest known, the data digest still open.
        if (!this.step(frame)) return;
        continue;
      }
      if (!this.step(frame)) return;
    }
  }

  /**
   * Frame of the last byte of the next whole PDU, if one is buffered and can be framed (0 when
   * framing it fails: `step` reports that).
   */
  readyFrame(): number | undefined {
    if (this.lost || this.buffered < ISCSI_BHS_LENGTH || (!this.digestsKnown && !this.inLogin)) return undefined;
    let total: number;
    try {
      total = iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests()) as number;
    } catch {
      return 0;
    }
    if (this.buffered < total) return undefined;
    return this.marks.find((x) => x.end >= total)?.frame ?? 0;
  }

  /** Frame and decode the next PDU if it is all there; false if not (or framing is lost). */
  step(frame: number): boolean {
    {
      let total: number;
      try {
        total = iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests()) as number;
      } catch (e) {
        if (!isScsiCodecError(e)) throw e;
        this.loseFraming(frame, e.message);
        return false;
      }
      if (this.buffered < total) return false;
      const holes = this.holesIn(total);
      const bytes = this.take(total);
      const when = this.dateOf(total, frame);
      this.decode(bytes, when.frame, when.time, holes);
      return true;
    }
  }

  /** Describe (and drop) the holes within the next `total` bytes. */
  private holesIn(total: number): string | undefined {
    if (this.holes.length === 0) return undefined;
    const inside = this.holes.filter(([s]) => s < total);
    this.holes = this.holes.filter(([s]) => s >= total).map(([s, l]) => [s - total, l]);
    if (inside.length === 0) return undefined;
    return inside.map(([s, l]) => `${l} bytes at PDU byte ${s} not in the capture (zero-filled)`).join('; ');
  }

  private decode(bytes: Uint8Array, frame: number, time: number, holes: string | undefined): void {
    const d = this.digests();
    const verify = this.reader.verifyDigests && holes === undefined;
    let pdu: IscsiPdu;
    try {
      pdu = decodeIscsiPdu(bytes, { ...d, verifyDigests: verify, dataView: true });
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      if (e.field === 'headerDigest' || e.field === 'dataDigest') {
        this.reader.warn(frame, 'digest-mismatch', `connection ${this.session.conn.stream}: ${e.message}`);
        try {
          pdu = decodeIscsiPdu(bytes, { ...d, verifyDigests: false, dataView: true });
        } catch (e2) {
          if (!isScsiCodecError(e2)) throw e2;
          this.reader.warn(frame, 'bad-pdu', `connection ${this.session.conn.stream}: ${e2.message}`);
          return;
        }
      } else {
        this.reader.warn(frame, 'bad-pdu', `connection ${this.session.conn.stream}: ${e.message}`);
        return;
      }
    }
    this.session.pdu(pdu, this.fromInitiator, frame, time, holes);
  }

  /**
   * Whether `b` (the start of a segment) starts with a PDU header this direction could send: a
   * known opcode of this direction with the reserved bit 7 of byte 0 clear, a DataSegmentLength
   * below 2^24 and, for the target's PDUs, the Initiator Task Tag of a task still open (or
   * FFFFFFFFh for NOP-In and Asynchronous Message); the initiator's must be a SCSI Command (a new
   * task). With header digests, the CRC32C must check out as well.
   */
  private resyncs(b: Uint8Array): boolean {
    if (b.length < ISCSI_BHS_LENGTH || ((b[0] as number) & 0x80) !== 0) return false;
    const op = (b[0] as number) & 0x3f;
    const itt =
      (((b[16] as number) << 24) | ((b[17] as number) << 16) | ((b[18] as number) << 8) | (b[19] as number)) >>> 0;
    if (this.fromInitiator) {
      if (op !== 0x01 || this.session.tasks.has(itt)) return false;
    } else if (op === 0x25 || op === 0x21 || op === 0x31) {
      if (!this.session.tasks.has(itt)) return false;
    } else return false;
    const d = this.digests();
    if (d.headerDigest) {
      const hdr = ISCSI_BHS_LENGTH + (b[4] as number) * 4;
      if (b.length < hdr + 4 || crc32c(b, 0, 0, hdr) !== readIscsiDigest(b, hdr)) return false;
    }
    this.chunks = [b];
    this.marks = [];
    this.buffered = b.length;
    this.holes = [];
    return true;
  }

  private loseFraming(frame: number, why: string): void {
    this.lost = true;
    this.chunks = [];
    this.marks = [];
    this.buffered = 0;
    this.reader.warn(
      frame,
      'framing-lost',
      `connection ${this.session.conn.stream}: ${why}; PDUs of this direction are skipped until a segment starts with a header that checks out`,
    );
  }

  /**
   * The login is not in the capture: find out whether this connection uses digests by checking
   * the CRC32C where one would be (a match by chance has odds of 1 in 2^32). Returns false while
   * more bytes are needed.
   */
  private detectDigests(frame: number): 'wait' | 'frame-one' | 'decided' {
    const c = this.session.conn;
    const b = this.peek(ISCSI_BHS_LENGTH);
    const ahs = (b[4] as number) * 4;
    const dsl = ((b[5] as number) << 16) | ((b[6] as number) << 8) | (b[7] as number);
    const hdr = ISCSI_BHS_LENGTH + ahs;
    if (!this.headerChecked) {
      if (this.buffered < hdr + 4) {
        if (!this.ending) return 'wait';
        c.headerDigest = false;
      } else {
        const h = this.peek(hdr + 4);
        c.headerDigest = crc32c(h, 0, 0, hdr) === readIscsiDigest(h, hdr);
      }
      this.headerChecked = true;
    }
    if (!this.dataChecked) {
      // A PDU without data cannot tell; framing it does not need to know.
      if (dsl === 0 && !this.ending) return 'frame-one';
      const start = hdr + (c.headerDigest ? 4 : 0);
      const padded = (dsl + 3) & ~3;
      if (dsl === 0 || this.buffered < start + padded + 4) {
        if (!this.ending) return 'wait';
        c.dataDigest = false;
      } else {
        const p = this.peek(start + padded + 4);
        c.dataDigest = crc32c(p, 0, start, start + padded) === readIscsiDigest(p, start + padded);
      }
      this.dataChecked = true;
    }
    this.digestsKnown = true;
    const other = this.fromInitiator ? this.session.toInitiator : this.session.toTarget;
    other.digestsKnown = true;
    other.inLogin = false;
    other.headerChecked = true;
    other.dataChecked = true;
    if (c.headerDigest || c.dataDigest) {
      c.digestsFrom = 'detected';
      this.reader.warn(
        frame,
        'digests-detected',
        `connection ${c.stream}: login not in the capture; header digest ${c.headerDigest ? 'CRC32C' : 'None'}, data digest ${c.dataDigest ? 'CRC32C' : 'None'} (detected: the CRC32C checks out)`,
      );
    } else {
      this.reader.warn(
        frame,
        'digests-assumed',
        `connection ${c.stream}: login not in the capture; no digests assumed (no CRC32C where one would be)`,
      );
    }
    return 'decided';
  }

  /** The connection ends: decide what is still undecided, frame what is buffered, report leftovers. */
  end(frame: number): void {
    if (this.lost) return;
    this.ending = true;
    this.pump(frame);
    if (this.buffered > 0) {
      const dir = this.fromInitiator ? 'initiator to target' : 'target to initiator';
      this.reader.warn(
        frame,
        'partial-pdu',
        `connection ${this.session.conn.stream} (${dir}): the capture ends ${this.buffered} bytes into a PDU`,
      );
      this.chunks = [];
      this.marks = [];
      this.buffered = 0;
    }
  }
}

/** The state of one read. */
class ExchangeReader {
  readonly sessions = new Map<string, Session>();
  readonly connections: Session[] = [];
  readonly done: CaptureExchange[] = [];
  readonly ports: ReadonlySet<number>;
  readonly keepData: (cdb: Uint8Array) => boolean;
  readonly verifyDigests: boolean;
  pdus = 0;
  warnings = 0;
  time = 0;
  private readonly onWarning: ((w: CaptureWarning) => void) | undefined;
  private readonly warnedKinds = new Map<string, number>();

  constructor(options: CaptureReadOptions | undefined) {
    const ports = options?.ports ?? [3260];
    for (const p of ports) {
      if (!Number.isInteger(p) || p < 1 || p > 65535) {
        throw new ScsiCodecError(
          'ERR_FIELD_RANGE',
          'CaptureReadOptions',
          'ports',
          0,
          `port ${String(p)} is not 1..65535`,
        );
      }
    }
    this.ports = new Set(ports);
    this.keepData = options?.keepData ?? (() => true);
    this.verifyDigests = options?.verifyDigests !== false;
    this.onWarning = options?.onWarning;
  }

  warn(frame: number, kind: string, message: string): void {
    this.warnings++;
    this.onWarning?.({ frame, kind, message });
  }

  /** Warn about frames that are not usable, once per kind and reason (then counted). */
  warnOnce(frame: number, kind: string, message: string): void {
    const n = this.warnedKinds.get(message) ?? 0;
    this.warnedKinds.set(message, n + 1);
    if (n === 0) this.warn(frame, kind, message);
  }

  packet(p: CapturePacket): void {
    this.time = timeOf(p);
    const seg = tcpSegmentOf(p.linkType, p.data);
    if ('skip' in seg) {
      if (seg.warn) this.warnOnce(p.frame, 'frame-skipped', `frame ${p.frame}: ${seg.skip}`);
      return;
    }
    const toTarget = this.ports.has(seg.destinationPort);
    if (!toTarget && !this.ports.has(seg.sourcePort)) return;
    const host = (a: string, port: number): string => (a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`);
    const initiator = toTarget ? host(seg.source, seg.sourcePort) : host(seg.destination, seg.destinationPort);
    const target = toTarget ? host(seg.destination, seg.destinationPort) : host(seg.source, seg.sourcePort);
    const key = `${initiator} ${target}`;
    let s = this.sessions.get(key);
    if (s === undefined || ((seg.flags & 0x02) !== 0 && (seg.flags & 0x10) === 0 && s.tcpToTarget.bytes > 0)) {
      if (s !== undefined) this.close(s, p.frame);
      s = new Session(this, this.connections.length, initiator, target);
      this.sessions.set(key, s);
      this.connections.push(s);
    }
    const dir = toTarget ? s.tcpToTarget : s.tcpToInitiator;
    const other = toTarget ? s.tcpToInitiator : s.tcpToTarget;
    if ((seg.flags & 0x10) !== 0) other.ack(seg.acknowledgmentNumber, p.frame);
    dir.segment(seg.sequenceNumber, seg.flags, seg.payload, seg.payloadLength, p.frame);
  }

  close(s: Session, frame: number): void {
    s.tcpToTarget.finish(frame);
    s.tcpToInitiator.finish(frame);
    s.toTarget.end(frame);
    s.toInitiator.end(frame);
    for (const t of [...s.tasks.values()]) s.finish(t, undefined);
  }
}

/**
 * Every SCSI exchange of a pcap or pcapng capture, in the order their status arrived (exchanges
 * with no status in the capture come last). The iterator's return value is a summary.
 *
 * @example
 * ```ts
 * for (const x of readCaptureExchanges(bytes, { onWarning: (w) => console.warn(w.message) })) {
 *   console.log(x.frame, x.lun, x.cdb[0].toString(16), x.status);
 * }
 * ```
 * @throws {ScsiCodecError} for bytes that are not a capture file, a capture whose block
 *   structure is broken, or a link type this reader does not know. Problems inside the traffic
 *   (gaps, bad PDUs, digest mismatches) are warnings, never exceptions.
 * @remarks Since 0.2.0
 */
export function* readCaptureExchanges(
  bytes: Uint8Array,
  options?: CaptureReadOptions,
): Generator<CaptureExchange, CaptureSummary, undefined> {
  const r = new ExchangeReader(options);
  const warn = (w: CaptureWarning): void => r.warn(w.frame, w.kind, w.message);
  let frames = 0;
  let exchanges = 0;
  for (const p of readCapturePackets(bytes, warn)) {
    frames = p.frame;
    r.packet(p);
    if (r.done.length > 0) {
      exchanges += r.done.length;
      const batch = r.done.splice(0);
      yield* batch;
    }
  }
  for (const s of r.connections) r.close(s, frames);
  exchanges += r.done.length;
  yield* r.done.splice(0);
  let retransmitted = 0;
  let gapBytes = 0;
  for (const s of r.connections) {
    retransmitted += s.tcpToTarget.retransmittedSegments + s.tcpToInitiator.retransmittedSegments;
    gapBytes += s.tcpToTarget.gapBytes + s.tcpToInitiator.gapBytes;
  }
  return {
    frames,
    connections: r.connections.map((s) => ({ ...s.conn })),
    pdus: r.pdus,
    exchanges,
    retransmittedSegments: retransmitted,
    gapBytes,
    warnings: r.warnings,
  };
}
