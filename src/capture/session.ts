/**
 * The session side of one iSCSI connection: what its login says (names, ISID, TSIH, digests)
 * and every SCSI Command paired with its Data-Out, R2T, Data-In and status by Initiator Task
 * Tag, handed to the reader as a finished exchange. No platform API.
 *
 * @see RFC 7143 (iSCSI): sections 11.3-11.8 (SCSI PDUs), 11.12-11.13 (login)
 */
import { isScsiCodecError } from '../errors.js';
import { ISCSI_LOGIN_STAGE } from '../iscsi/pdu/constants.js';
import { decodeIscsiSenseSegment, iscsiCommandCdb } from '../iscsi/pdu/pdu.js';
import type {
  IscsiPdu,
  IscsiScsiCommand,
  IscsiScsiDataIn,
  IscsiScsiDataOut,
  IscsiScsiResponse,
} from '../iscsi/pdu/pdu-types.js';
import { decodeIscsiTextKeys } from '../iscsi/pdu/text.js';
import { Framer, type FramerReader, type FramerSession } from './framer.js';
import { TcpDirection } from './tcp.js';
import type { CaptureConnection, CaptureExchange } from './types.js';

/** What a session needs from the capture being read. @internal */
export interface SessionReader extends FramerReader {
  /** PDUs framed so far (all connections). */
  pdus: number;
  readonly keepData: (cdb: Uint8Array) => boolean;
  /** Finished exchanges, in the order their status arrived, until the reader hands them out. */
  readonly done: CaptureExchange[];
}

type MutableConnection = { -readonly [K in keyof CaptureConnection]: CaptureConnection[K] };

/** A SCSI command whose status has not been seen yet. */
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

/** The status of a task: a SCSI Response, or a Data-In with its S bit set. */
interface TaskStatus {
  readonly frame: number;
  readonly time: number;
  readonly iscsiResponse: number | undefined;
  readonly status: number;
  readonly sense: Uint8Array;
  readonly residualCount: number;
  readonly residualUnderflow: boolean;
  readonly residualOverflow: boolean;
}

const EMPTY = new Uint8Array(0);

/**
 * The session side of one connection: login keys, digests and the tasks by ITT.
 *
 * @internal
 */
export class Session implements FramerSession {
  readonly conn: MutableConnection;
  readonly tasks: Map<number, Task> = new Map();
  /** Text of a Login PDU sequence being continued (C = 1), per direction. */
  private loginText: [Uint8Array[], Uint8Array[]] = [[], []];
  readonly toTarget: Framer;
  readonly toInitiator: Framer;
  readonly tcpToTarget: TcpDirection;
  readonly tcpToInitiator: TcpDirection;

  readonly reader: SessionReader;

  constructor(reader: SessionReader, stream: number, initiator: string, target: string) {
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
      case 'SCSI Command':
        this.command(pdu, frame, time, holes);
        return;
      case 'SCSI Data-Out':
      case 'R2T':
      case 'SCSI Data-In':
      case 'SCSI Response': {
        const t = this.tasks.get(pdu.initiatorTaskTag);
        if (t === undefined) this.orphan(pdu.kind, pdu.initiatorTaskTag, frame);
        else if (pdu.kind === 'SCSI Data-Out') this.dataOut(t, pdu, holes);
        else if (pdu.kind === 'SCSI Data-In') this.dataIn(t, pdu, frame, time, holes);
        else if (pdu.kind === 'SCSI Response') this.response(t, pdu, frame, time, holes);
        else {
          t.r2ts++;
          t.r2tBytes += pdu.desiredDataTransferLength;
        }
        return;
      }
      default:
        return;
    }
  }

  /** A new task; a task still open under the same ITT ends without status. */
  private command(pdu: IscsiScsiCommand, frame: number, time: number, holes: string | undefined): void {
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
  }

  private dataOut(t: Task, pdu: IscsiScsiDataOut, holes: string | undefined): void {
    t.dataOutPdus++;
    t.dataOutLength += pdu.data.length;
    if (t.keep) t.dataOut.push({ offset: pdu.bufferOffset, bytes: pdu.data });
    if (holes !== undefined) t.issues.push(`Data-Out at offset ${pdu.bufferOffset}: ${holes}`);
  }

  /** Data-In; with the S bit set it carries the status and ends the task. */
  private dataIn(t: Task, pdu: IscsiScsiDataIn, frame: number, time: number, holes: string | undefined): void {
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
  }

  /** SCSI Response: the status and sense end the task. */
  private response(t: Task, pdu: IscsiScsiResponse, frame: number, time: number, holes: string | undefined): void {
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
  }

  private orphan(opcode: string, itt: number, frame: number): void {
    this.reader.warn(
      frame,
      'orphan-pdu',
      `connection ${this.conn.stream}: ${opcode} for ITT 0x${itt.toString(16).padStart(8, '0')} whose command is not in the capture`,
    );
  }

  /** The task is over (`r` undefined: no status in the capture): the exchange goes to the reader. */
  finish(t: Task, r: TaskStatus | undefined): void {
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
