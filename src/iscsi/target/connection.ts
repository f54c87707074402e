/**
 * One iSCSI connection: framing of the TCP byte stream, sending, and the dispatch of each PDU to
 * the login phase (RFC 7143 section 6.3) or the full feature phase handlers.
 */
import type { Socket } from 'node:net';
import { isScsiCodecError } from '../../errors.js';
import {
  crc32c,
  decodeIscsiPdu,
  encodeIscsiPdu,
  ISCSI_ASYNC_EVENT,
  ISCSI_BHS_LENGTH,
  ISCSI_OPCODE,
  ISCSI_REJECT_REASON,
  ISCSI_RESERVED_TAG,
  type IscsiNegotiationState,
  type IscsiPdu,
  type IscsiPduInput,
  type IscsiScsiCommand,
  type IscsiTargetNegotiationConfig,
  iscsiPduLength,
  writeIscsiDigest,
} from '../pdu/index.js';
import { ChunkQueue } from './chunks.js';
import { onScsiCommand } from './commands.js';
import {
  type ConnectionState,
  LOGIN_MAX_DSL,
  type LoginState,
  PAD,
  ProtocolError,
  type TargetContext,
} from './context.js';
import { onDataOut } from './data-out.js';
import { onLogin } from './login.js';
import type { IscsiPortal } from './options.js';
import { onLogout, onNopOut, onText } from './requests.js';
import { type Session, type SessionParams, snDiff } from './session.js';
import { abortTask, onTmf } from './task-management.js';

/**
 * One TCP connection of the target: its state, the framing of the byte stream, sending, the
 * dispatch of full feature phase PDUs and teardown. The protocol steps live beside it, as
 * functions of the connection: `login.ts`, `commands.ts`, `data-out.ts`, `execution.ts`,
 * `task-management.ts`, `requests.ts`; its members are theirs to use (the class is internal to
 * the target).
 */
export class Connection implements ConnectionState {
  phase: 'login' | 'full feature' | 'closed' = 'login';
  session: Session | undefined;
  cid = 0;
  statSn = 0;
  /** Write data buffered for tasks still receiving data. */
  pendingWriteBytes = 0;
  readonly rx: ChunkQueue = new ChunkQueue();
  need = 0;
  /** `process` corked the socket for the batch it handles (see `sendWithData`). */
  batchCorked = false;
  /** Processing stopped until the socket drains (see `process`). */
  stalled = false;
  headerDigest = false;
  dataDigest = false;
  maxRecvDsl: number = LOGIN_MAX_DSL;
  /** The initiator's MaxRecvDataSegmentLength: the largest data segment we send. */
  maxSendDsl: number = LOGIN_MAX_DSL;
  nextTtt = 1;
  login: LoginState | undefined;
  negotiation: IscsiNegotiationState | undefined;
  textIn: { itt: number; parts: Uint8Array[]; bytes: number } | undefined;
  /** The rest of a Text Response longer than the initiator's MaxRecvDataSegmentLength. */
  textOut: { itt: number; ttt: number; rest: Uint8Array } | undefined;
  loginTimer: ReturnType<typeof setTimeout> | undefined;
  nopTimer: ReturnType<typeof setInterval> | undefined;
  /** Something arrived since the last keepalive check. */
  heard = true;
  /** TTT of the NOP-In ping awaiting its NOP-Out, or 0. */
  pingTtt = 0;
  readonly config: IscsiTargetNegotiationConfig;
  readonly peer: string;
  readonly socket: Socket;
  readonly portal: IscsiPortal;
  readonly ctx: TargetContext;

  constructor(socket: Socket, ctx: TargetContext, portal: IscsiPortal) {
    this.socket = socket;
    this.ctx = ctx;
    this.portal = portal;
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const l = ctx.limits;
    this.config = {
      targets: [{ name: ctx.targetName, alias: ctx.targetAlias, addresses: ctx.targetAddresses(socket.localAddress) }],
      targetPortalGroupTag: portal.portalGroupTag,
      authMethods: ctx.chap === undefined ? ['None'] : ['CHAP'],
      maxRecvDataSegmentLength: l.maxRecvDataSegmentLength,
      maxBurstLength: l.maxBurstLength,
      firstBurstLength: l.firstBurstLength,
      maxConnections: l.maxConnectionsPerSession,
      maxOutstandingR2T: l.maxOutstandingR2T,
      errorRecoveryLevel: 0,
      initialR2T: false,
      immediateData: true,
      defaultTime2Retain: 0,
    };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    socket.on('drain', () => {
      if (this.phase === 'closed') return;
      socket.resume();
      if (this.stalled) {
        this.stalled = false;
        this.process();
      }
    });
    this.loginTimer = setTimeout(() => {
      if (this.phase === 'login') {
        this.ctx.log(`${this.peer}: login timeout`);
        this.close();
      }
    }, l.loginTimeoutMs);
    this.loginTimer.unref?.();
  }

  // ------------------------------------------------------------------ framing

  onData(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    this.heard = true;
    this.rx.push(chunk);
    if (!this.stalled) this.process();
  }

  /**
   * Frame and handle the PDUs received so far. While more than `maxQueuedSendBytes` wait to be
   * sent (a peer that does not read), stop: nothing more is read or executed until the socket
   * drains, so a flood of READs cannot pile up responses in memory. The socket is corked
   * meanwhile: the small PDUs answering one batch of received bytes (R2Ts, responses) leave in
   * one writev instead of a system call each, until Data-In is sent (see `sendWithData`).
   */
  process(): void {
    this.socket.cork();
    this.batchCorked = true;
    try {
      while (!this.isClosed()) {
        if (this.socket.writableLength > this.ctx.limits.maxQueuedSendBytes) {
          this.stalled = true;
          this.socket.pause();
          return;
        }
        if (this.need === 0) {
          if (this.rx.length < ISCSI_BHS_LENGTH) break;
          const head = this.rx.peek(ISCSI_BHS_LENGTH);
          let n: number | undefined;
          try {
            n = iscsiPduLength(head, {
              headerDigest: this.headerDigest,
              dataDigest: this.dataDigest,
              maxDataSegmentLength: this.maxRecvDsl,
            });
          } catch {
            // DataSegmentLength above what we declared: we will not buffer it (RFC 7143 section 13.12).
            this.reject(ISCSI_REJECT_REASON.PROTOCOL_ERROR, head);
            this.ctx.log(`${this.peer}: data segment longer than MaxRecvDataSegmentLength; closing`);
            this.ctx.stats.protocolErrors++;
            this.close();
            return;
          }
          this.need = n as number;
        }
        if (this.rx.length < this.need) break;
        const total = this.need;
        this.need = 0;
        const inPlace = this.inPlaceHeaderLength(total);
        if (inPlace > 0) {
          this.onPduInPlace(total, inPlace);
          continue;
        }
        this.onPdu(this.rx.take(total));
      }
    } catch (e) {
      // Anything unexpected closes this connection only.
      this.ctx.log(`${this.peer}: internal error, closing: ${e instanceof Error ? e.message : String(e)}`);
      this.close();
    } finally {
      if (this.batchCorked) {
        this.batchCorked = false;
        this.socket.uncork();
      }
    }
  }

  /**
   * Header length (BHS + AHS) of a Data-Out or a SCSI Command carrying data, without digests, in
   * full feature phase: its data can go straight into the task's buffer. 0 for any other PDU.
   */
  inPlaceHeaderLength(total: number): number {
    if (this.phase !== 'full feature' || this.headerDigest || this.dataDigest) return 0;
    const h = this.rx.peek(ISCSI_BHS_LENGTH);
    const opcode = (h[0] as number) & 0x3f;
    if (opcode !== ISCSI_OPCODE.SCSI_DATA_OUT && opcode !== ISCSI_OPCODE.SCSI_COMMAND) return 0;
    const headerLength = ISCSI_BHS_LENGTH + (h[4] as number) * 4;
    return total > headerLength ? headerLength : 0;
  }

  /**
   * Handle a Data-Out or a SCSI Command with immediate data whose header is decoded alone
   * (DataSegmentLength read, then set to 0 in a copy of the header) and whose data is copied from
   * the received chunks into the task's buffer once, without assembling the PDU first. Data the
   * task does not take (a refused command, data for an aborted task) is skipped.
   */
  onPduInPlace(total: number, headerLength: number): void {
    this.ctx.stats.pdus++;
    const header = Buffer.from(this.rx.take(headerLength));
    const dsl = ((header[5] as number) << 16) | ((header[6] as number) << 8) | (header[7] as number);
    const rest = total - headerLength;
    header[5] = header[6] = header[7] = 0;
    const restoreLength = (): void => {
      header[5] = (dsl >>> 16) & 0xff;
      header[6] = (dsl >>> 8) & 0xff;
      header[7] = dsl & 0xff;
    };
    let pdu: IscsiPdu;
    try {
      pdu = decodeIscsiPdu(header);
    } catch {
      this.rx.skip(rest);
      restoreLength();
      this.reject(ISCSI_REJECT_REASON.INVALID_PDU_FIELD, header);
      return;
    }
    let consumed = 0;
    const copyInto = (dest: Uint8Array, offset: number): void => {
      this.rx.takeInto(dest, offset, dsl);
      consumed = dsl;
    };
    const s = this.session as Session;
    if (pdu.kind === 'SCSI Data-Out') onDataOut(this, s, pdu, dsl, copyInto);
    else {
      restoreLength();
      onScsiCommand(this, s, pdu as IscsiScsiCommand, header, dsl, copyInto);
    }
    if (!this.isClosed()) this.rx.skip(rest - consumed);
  }

  isClosed(): boolean {
    return this.phase === 'closed';
  }

  onPdu(bytes: Buffer): void {
    this.ctx.stats.pdus++;
    let pdu: IscsiPdu;
    try {
      pdu = decodeIscsiPdu(bytes, {
        headerDigest: this.headerDigest,
        dataDigest: this.dataDigest,
        maxDataSegmentLength: this.maxRecvDsl,
        dataView: true,
      });
    } catch (e) {
      const field = isScsiCodecError(e) ? e.field : undefined;
      if (this.phase === 'login' || field === 'headerDigest') {
        // A header we cannot trust, or garbage instead of a login: drop the connection.
        this.ctx.log(`${this.peer}: undecodable PDU (${e instanceof Error ? e.message : String(e)}); closing`);
        this.ctx.stats.protocolErrors++;
        this.close();
        return;
      }
      this.reject(
        field === 'dataDigest' ? ISCSI_REJECT_REASON.DATA_DIGEST_ERROR : ISCSI_REJECT_REASON.INVALID_PDU_FIELD,
        bytes,
      );
      return;
    }
    if (this.phase === 'login') {
      if (pdu.kind !== 'Login Request') {
        this.ctx.log(`${this.peer}: ${pdu.kind} before login; closing`);
        this.ctx.stats.protocolErrors++;
        this.close();
        return;
      }
      onLogin(this, pdu);
      return;
    }
    try {
      this.onFullFeature(pdu, bytes);
    } catch (e) {
      if (e instanceof ProtocolError) {
        this.ctx.log(`${this.peer}: protocol error (${e.message}); closing`);
        this.ctx.stats.protocolErrors++;
        this.reject(e.reason, bytes);
        this.close();
        return;
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ sending

  write(bytes: Uint8Array): void {
    if (this.phase === 'closed') return;
    this.socket.write(bytes);
  }

  send(pdu: IscsiPduInput): void {
    this.write(encodeIscsiPdu(pdu, { headerDigest: this.headerDigest, dataDigest: this.dataDigest }));
  }

  /** Send a PDU whose data segment is a view into a larger buffer: header, data, padding, digest, without copying the data. */
  sendWithData(pdu: IscsiPduInput, data: Uint8Array): void {
    if (this.phase === 'closed') return;
    const header = encodeIscsiPdu(pdu, { headerDigest: false });
    const n = data.length;
    header[5] = (n >>> 16) & 0xff;
    header[6] = (n >>> 8) & 0xff;
    header[7] = n & 0xff;
    const pad = PAD[n & 3] as Uint8Array;
    const s = this.socket;
    if (this.batchCorked) {
      // Read data leaves at once (the initiator can start on it while we build the next): flush
      // what the batch queued, and stop batching.
      this.batchCorked = false;
      s.uncork();
    }
    s.cork();
    if (this.headerDigest) {
      const h = Buffer.allocUnsafe(header.length + 4);
      h.set(header);
      writeIscsiDigest(h, header.length, crc32c(header));
      s.write(h);
    } else s.write(header);
    if (n > 0) {
      s.write(data);
      if (pad.length > 0) s.write(pad);
      if (this.dataDigest) {
        const d = Buffer.allocUnsafe(4);
        writeIscsiDigest(d, 0, crc32c(pad, crc32c(data)));
        s.write(d);
      }
    }
    s.uncork();
  }

  reject(reason: number, rejected: Uint8Array): void {
    this.ctx.stats.rejects++;
    const s = this.session;
    const header = rejected.subarray(0, Math.min(rejected.length, ISCSI_BHS_LENGTH + (rejected[4] ?? 0) * 4));
    this.send({
      kind: 'Reject',
      reason,
      statSn: this.nextStatSn(),
      expCmdSn: s?.expCmdSn ?? 0,
      maxCmdSn: s?.maxCmdSn ?? 0,
      dataSn: 0,
      data: header.length > this.maxSendDsl ? header.subarray(0, ISCSI_BHS_LENGTH) : header,
    });
  }

  nextStatSn(): number {
    const n = this.statSn;
    this.statSn = (this.statSn + 1) >>> 0;
    return n;
  }

  // ------------------------------------------------------------------ login

  /** Ask the initiator to log out within `seconds` (Asynchronous Message, AsyncEvent 1; RFC 7143 section 11.9.1). */
  requestLogout(seconds: number): void {
    const s = this.session;
    if (this.phase !== 'full feature' || s === undefined) return;
    this.send({
      kind: 'Asynchronous Message',
      lun: 0n,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      asyncEvent: ISCSI_ASYNC_EVENT.LOGOUT_REQUEST,
      asyncVCode: 0,
      parameter1: 0,
      parameter2: 0,
      parameter3: Math.min(0xffff, Math.max(0, seconds)),
    });
  }

  /** Target-initiated NOP-In (RFC 7143 section 11.19): ping a silent initiator, drop one that stays silent. */
  keepalive(): void {
    const s = this.session;
    if (this.phase !== 'full feature' || s === undefined) return;
    if (this.heard) {
      this.heard = false;
      this.pingTtt = 0;
      return;
    }
    if (this.pingTtt !== 0) {
      this.ctx.log(`${this.peer}: no answer to NOP-In; closing`);
      this.close();
      return;
    }
    this.pingTtt = this.nextTtt;
    this.nextTtt = this.nextTtt >= 0x7fff_fffe ? 1 : this.nextTtt + 1;
    this.send({
      kind: 'NOP-In',
      lun: 0n,
      initiatorTaskTag: ISCSI_RESERVED_TAG,
      targetTransferTag: this.pingTtt,
      statSn: this.statSn, // not advanced: ITT is FFFFFFFFh
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
    });
  }

  // ------------------------------------------------------------------ full feature phase

  onFullFeature(pdu: IscsiPdu, bytes: Uint8Array): void {
    const s = this.session as Session;
    switch (pdu.kind) {
      case 'SCSI Command':
        onScsiCommand(this, s, pdu, bytes);
        return;
      case 'SCSI Data-Out':
        onDataOut(this, s, pdu);
        return;
      case 'NOP-Out':
        onNopOut(this, s, pdu);
        return;
      case 'Task Management Function Request':
        if (s.discovery) {
          this.rejectCommand(pdu, bytes, ISCSI_REJECT_REASON.COMMAND_NOT_SUPPORTED);
          return;
        }
        s.admit(pdu.immediate, pdu.cmdSn, () => onTmf(this, s, pdu));
        return;
      case 'Text Request':
        s.admit(pdu.immediate, pdu.cmdSn, () => onText(this, s, pdu));
        return;
      case 'Logout Request':
        s.admit(pdu.immediate, pdu.cmdSn, () => onLogout(this, s, pdu));
        return;
      case 'SNACK Request':
        // ErrorRecoveryLevel 0: no SNACK support (RFC 7143 section 11.16).
        this.reject(ISCSI_REJECT_REASON.SNACK_REJECT, bytes);
        return;
      case 'Login Request':
        throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, 'Login Request in full feature phase');
      case 'Unknown':
        this.reject(ISCSI_REJECT_REASON.COMMAND_NOT_SUPPORTED, bytes);
        return;
      default:
        // A target-to-initiator PDU sent to us.
        this.reject(ISCSI_REJECT_REASON.PROTOCOL_ERROR, bytes);
        return;
    }
  }

  /** Reject a command-like PDU; its CmdSN still counts as received (RFC 7143 section 11.17.1). */
  rejectCommand(pdu: { immediate: boolean; cmdSn: number }, bytes: Uint8Array, reason: number): void {
    const s = this.session as Session;
    s.admit(pdu.immediate, pdu.cmdSn, () => undefined);
    this.reject(reason, bytes);
  }

  // ------------------------------------------------------------------ teardown

  /** Stop reading, send what is queued, then close. */
  closeAfterFlush(): void {
    if (this.phase === 'closed') return;
    this.socket.end();
    this.finish();
  }

  /** Close now. */
  close(): void {
    if (this.phase === 'closed') return;
    this.socket.destroy();
    this.finish();
  }

  finish(): void {
    this.phase = 'closed';
    this.rx.clear();
    if (this.loginTimer !== undefined) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    if (this.nopTimer !== undefined) clearInterval(this.nopTimer);
    this.nopTimer = undefined;
    const s = this.session;
    if (s !== undefined) {
      s.connections.delete(this);
      for (const t of [...s.tasks.values()]) if (t.conn === this) abortTask(this, s, t);
      // ErrorRecoveryLevel 0: the session ends with its last connection (RFC 7143 section 6.1.1).
      if (s.connections.size === 0) this.ctx.endSession(s);
    }
    // What tasks a session end forgot (Session.clear) still holds: released with the connection.
    this.ctx.pendingWrites.bytes -= this.pendingWriteBytes;
    this.pendingWriteBytes = 0;
    this.ctx.connectionClosed(this);
  }
}

export type { SessionParams };
export { snDiff };
