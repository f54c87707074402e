/**
 * One iSCSI connection: framing of the TCP byte stream, the login phase (RFC 7143 section 6.3)
 * and the full feature phase (SCSI commands, data transfer, task management, text, logout).
 */
import type { Socket } from 'node:net';
import { decodeCdb } from '../../cdb/index.js';
import { OPCODE } from '../../constants/opcodes.js';
import { SAM_STATUS } from '../../constants/sam-status.js';
import { SENSE_KEY } from '../../constants/sense-key.js';
import type { CommandResponse } from '../../copy-manager/index.js';
import { lunToNumber } from '../../data-in/index.js';
import { isScsiCodecError } from '../../errors.js';
import { buildSenseData, encodeSenseData } from '../../sense/index.js';
import {
  crc32c,
  decodeIscsiPdu,
  decodeIscsiTextKeys,
  encodeIscsiPdu,
  encodeIscsiSenseSegment,
  encodeIscsiTextKeys,
  ISCSI_ASYNC_EVENT,
  ISCSI_BHS_LENGTH,
  ISCSI_LOGIN_STATUS,
  ISCSI_LOGOUT_REASON,
  ISCSI_LOGOUT_RESPONSE,
  ISCSI_OPCODE,
  ISCSI_REJECT_REASON,
  ISCSI_RESERVED_TAG,
  ISCSI_TMF_FUNCTION,
  ISCSI_TMF_RESPONSE,
  type IscsiLoginRequest,
  type IscsiLogoutRequest,
  type IscsiNegotiationState,
  type IscsiNopOut,
  type IscsiPdu,
  type IscsiPduInput,
  type IscsiScsiCommand,
  type IscsiScsiDataIn,
  type IscsiScsiDataOut,
  type IscsiTargetNegotiationConfig,
  type IscsiTaskManagementFunctionRequest,
  type IscsiTextPair,
  type IscsiTextRequest,
  initialIscsiNegotiationState,
  iscsiCommandCdb,
  iscsiPduLength,
  iscsiSendTargetsReply,
  negotiateIscsiKeys,
  writeIscsiDigest,
} from '../pdu/index.js';
import type { BufferPool } from './buffers.js';
import { CHAP_MD5, chapResponse, decodeBinaryValue, encodeBinaryValue, newChallenge, sameResponse } from './chap.js';
import { ChunkQueue } from './chunks.js';
import type { IscsiChapCredentials, IscsiCopyManager, IscsiPortal, IscsiTargetLimits } from './options.js';
import {
  initiatorPortName,
  type R2tState,
  type Session,
  type SessionParams,
  sessionParams,
  snDiff,
  type Task,
} from './session.js';

const EMPTY = new Uint8Array(0);
/** Zero padding after a data segment, indexed by its length mod 4 (RFC 7143 section 11.1). */
const PAD = [EMPTY, new Uint8Array(3), new Uint8Array(2), new Uint8Array(1)] as const;
/** MaxRecvDataSegmentLength during login (RFC 7143 section 13.12: the default until declared). */
const LOGIN_MAX_DSL = 8192;

/** What a connection needs from the target that owns it. */
/** Counters of a target (monotonic). */
export interface TargetStats {
  /** PDUs framed and handed to the decoder (every PDU, logins included). */
  pdus: number;
  /** Reject PDUs sent. */
  rejects: number;
  /** Connections closed because of a protocol error or an undecodable PDU. */
  protocolErrors: number;
  /** TCP connections accepted. */
  connections: number;
}

export interface TargetContext {
  readonly stats: TargetStats;
  readonly cm: IscsiCopyManager;
  readonly limits: IscsiTargetLimits;
  /** Write data buffered target-wide, every connection (checked against limits.maxTargetPendingWriteBytes). */
  readonly pendingWrites: { bytes: number };
  /** Buffers for write data, given back when a WRITE has run. */
  readonly writeBuffers: BufferPool;
  readonly targetName: string;
  readonly targetAlias: string | undefined;
  readonly chap: IscsiChapCredentials | undefined;
  readonly mutualChap: IscsiChapCredentials | undefined;
  log(line: string): void;
  traceCommand(
    session: Session,
    lun: number,
    cdb: Uint8Array,
    dataOut: Uint8Array | undefined,
    res: CommandResponse,
    edtl: number,
  ): void;
  /** TargetAddress values for SendTargets, seen from a connection's local address. */
  targetAddresses(localAddress: string | undefined): string[];
  sessionByKey(key: string): Session | undefined;
  sessionByTsih(tsih: number): Session | undefined;
  /** A new session (after reinstating any old one with the same key), or undefined when at the limit. */
  openSession(
    initiatorName: string,
    isid: number,
    portalGroupTag: number,
    discovery: boolean,
    params: SessionParams,
    cmdSn: number,
  ): Session | undefined;
  /** End a session: close its connections, report I_T nexus loss. */
  endSession(session: Session): void;
  sessions(): Iterable<Session>;
  connectionClosed(conn: Connection): void;
  /** Bytes of data-out a WRITE (10)/(16) CDB transfers and the LU's block size, when known. */
  writeLength(lun: number, cdb: Uint8Array): { readonly bytes: number; readonly blockSize: number } | undefined;
  /** The same WRITE CDB with another TRANSFER LENGTH. */
  withTransferLength(cdb: Uint8Array, blocks: number): Uint8Array;
  lunExists(lun: number): boolean;
}

interface LoginState {
  readonly isid: number;
  readonly tsih: number;
  readonly itt: number;
  readonly cid: number;
  readonly cmdSn: number;
  negotiation: IscsiNegotiationState;
  text: Uint8Array[];
  textBytes: number;
  auth: 'none' | 'chap-start' | 'chap-response' | 'done';
  chapId: number;
  chapChallenge: Uint8Array;
  existing: Session | undefined;
  stage: number;
}

/** Text pairs, each encoded on its own (SendTargets answers repeat TargetAddress). */
function encodeTextPairs(pairs: readonly IscsiTextPair[]): Uint8Array {
  if (pairs.length === 0) return EMPTY;
  const parts = pairs.map((p) => encodeIscsiTextKeys([p]));
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

class ProtocolError extends Error {
  readonly reason: number;
  constructor(reason: number, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** One TCP connection of the target. */
export class Connection {
  phase: 'login' | 'full feature' | 'closed' = 'login';
  session: Session | undefined;
  cid = 0;
  statSn = 0;
  /** Write data buffered for tasks still receiving data. */
  pendingWriteBytes = 0;
  private readonly rx: ChunkQueue = new ChunkQueue();
  private need = 0;
  /** Processing stopped until the socket drains (see `process`). */
  private stalled = false;
  private headerDigest = false;
  private dataDigest = false;
  private maxRecvDsl = LOGIN_MAX_DSL;
  /** The initiator's MaxRecvDataSegmentLength: the largest data segment we send. */
  private maxSendDsl = LOGIN_MAX_DSL;
  private nextTtt = 1;
  private login: LoginState | undefined;
  private negotiation: IscsiNegotiationState | undefined;
  private textIn: { itt: number; parts: Uint8Array[]; bytes: number } | undefined;
  /** The rest of a Text Response longer than the initiator's MaxRecvDataSegmentLength. */
  private textOut: { itt: number; ttt: number; rest: Uint8Array } | undefined;
  private loginTimer: ReturnType<typeof setTimeout> | undefined;
  private nopTimer: ReturnType<typeof setInterval> | undefined;
  /** Something arrived since the last keepalive check. */
  private heard = true;
  /** TTT of the NOP-In ping awaiting its NOP-Out, or 0. */
  private pingTtt = 0;
  private readonly config: IscsiTargetNegotiationConfig;
  readonly peer: string;
  readonly socket: Socket;
  readonly portal: IscsiPortal;
  private readonly ctx: TargetContext;

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

  private onData(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    this.heard = true;
    this.rx.push(chunk);
    if (!this.stalled) this.process();
  }

  /**
   * Frame and handle the PDUs received so far. While more than `maxQueuedSendBytes` wait to be
   * sent (a peer that does not read), stop: nothing more is read or executed until the socket
   * drains, so a flood of READs cannot pile up responses in memory. The socket is corked
   * meanwhile: the PDUs answering one batch of received bytes (R2Ts, responses) leave in one
   * writev instead of a system call each.
   */
  private process(): void {
    this.socket.cork();
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
      this.socket.uncork();
    }
  }

  /**
   * Header length (BHS + AHS) of a Data-Out or a SCSI Command carrying data, without digests, in
   * full feature phase: its data can go straight into the task's buffer. 0 for any other PDU.
   */
  private inPlaceHeaderLength(total: number): number {
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
  private onPduInPlace(total: number, headerLength: number): void {
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
    if (pdu.kind === 'SCSI Data-Out') this.onDataOut(s, pdu, dsl, copyInto);
    else {
      restoreLength();
      this.onScsiCommand(s, pdu as IscsiScsiCommand, header, dsl, copyInto);
    }
    if (!this.isClosed()) this.rx.skip(rest - consumed);
  }

  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private onPdu(bytes: Buffer): void {
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
      this.onLogin(pdu);
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

  private write(bytes: Uint8Array): void {
    if (this.phase === 'closed') return;
    this.socket.write(bytes);
  }

  private send(pdu: IscsiPduInput): void {
    this.write(encodeIscsiPdu(pdu, { headerDigest: this.headerDigest, dataDigest: this.dataDigest }));
  }

  /** Send a PDU whose data segment is a view into a larger buffer: header, data, padding, digest, without copying the data. */
  private sendWithData(pdu: IscsiPduInput, data: Uint8Array): void {
    if (this.phase === 'closed') return;
    const header = encodeIscsiPdu(pdu, { headerDigest: false });
    const n = data.length;
    header[5] = (n >>> 16) & 0xff;
    header[6] = (n >>> 8) & 0xff;
    header[7] = n & 0xff;
    const pad = PAD[n & 3] as Uint8Array;
    const s = this.socket;
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

  private reject(reason: number, rejected: Uint8Array): void {
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

  private nextStatSn(): number {
    const n = this.statSn;
    this.statSn = (this.statSn + 1) >>> 0;
    return n;
  }

  // ------------------------------------------------------------------ login

  private onLogin(p: IscsiLoginRequest): void {
    let st = this.login;
    if (st === undefined) {
      st = {
        isid: p.isid,
        tsih: p.tsih,
        itt: p.initiatorTaskTag,
        cid: p.cid,
        cmdSn: p.cmdSn,
        negotiation: initialIscsiNegotiationState(p.tsih === 0),
        text: [],
        textBytes: 0,
        auth: 'none',
        chapId: 0,
        chapChallenge: EMPTY,
        existing: undefined,
        stage: p.csg,
      };
      this.login = st;
      this.statSn = p.expStatSn >>> 0;
      this.cid = p.cid;
      if (p.versionMin > 0) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.UNSUPPORTED_VERSION, 'unsupported version');
        return;
      }
      if (p.tsih !== 0) {
        const s = this.ctx.sessionByTsih(p.tsih);
        if (s === undefined || s.isid !== p.isid || s.portalGroupTag !== this.portal.portalGroupTag || s.ended) {
          this.loginFail(p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'no such session');
          return;
        }
        st.existing = s;
      }
    } else if (p.isid !== st.isid || p.tsih !== st.tsih || p.cid !== st.cid) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'ISID/TSIH/CID changed during login');
      return;
    }
    if (p.csg === 2 || p.csg === 3 || (p.transit && (p.nsg === 2 || p.nsg <= p.csg))) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'invalid stage transition');
      return;
    }
    if (p.csg < st.stage) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'stage went back');
      return;
    }
    st.stage = p.csg;

    // Text continuation (C bit): collect, bounded, and ask for the rest.
    st.textBytes += p.data.length;
    if (st.textBytes > this.ctx.limits.maxTextBytes) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.OUT_OF_RESOURCES, 'login text too long');
      return;
    }
    st.text.push(Uint8Array.from(p.data));
    if (p.continue) {
      this.loginRespond(p, false, [], 0);
      return;
    }
    const data = st.text.length === 1 ? (st.text[0] as Uint8Array) : Buffer.concat(st.text);
    st.text = [];
    st.textBytes = 0;
    let pairs: readonly IscsiTextPair[];
    try {
      pairs = decodeIscsiTextKeys(data).pairs;
    } catch {
      this.loginFail(p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'malformed login text');
      return;
    }

    const security = p.csg === 0;
    if (!security && this.ctx.chap !== undefined && st.auth !== 'done') {
      this.loginFail(p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'CHAP required');
      return;
    }
    const authDoneBefore = this.ctx.chap === undefined || st.auth === 'done';
    const wantTransit = p.transit;
    const outcome = negotiateIscsiKeys(
      pairs,
      security ? 'security' : 'operational',
      st.negotiation,
      this.config,
      wantTransit && authDoneBefore,
    );
    if (outcome.error !== undefined) {
      this.loginFail(p, outcome.error.status, outcome.error.message);
      return;
    }
    st.negotiation = outcome.state;
    const params = outcome.state.parameters;
    if (
      st.existing !== undefined &&
      params.initiatorName !== undefined &&
      params.initiatorName !== st.existing.initiatorName
    ) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'initiator name differs from the session');
      return;
    }
    const reply: IscsiTextPair[] = [...outcome.reply];

    // CHAP (RFC 7143 section 12.1.3).
    if (this.ctx.chap !== undefined && st.auth !== 'done') {
      if (!security) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'CHAP required');
        return;
      }
      const chapFail = this.chapStep(st, outcome.authentication, reply, params.authMethod === 'CHAP');
      if (chapFail !== undefined) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, chapFail);
        return;
      }
    }
    const authDone = this.ctx.chap === undefined || st.auth === 'done';
    let transit = wantTransit && authDone;
    if (transit && !authDoneBefore) {
      // Authentication finished in this very step: let the negotiation add what a transit needs.
      const again = negotiateIscsiKeys([], security ? 'security' : 'operational', st.negotiation, this.config, true);
      if (again.error === undefined) {
        st.negotiation = again.state;
        reply.push(...again.reply);
      }
    }
    if (transit && p.nsg === 3) {
      const ok = this.enterFullFeature(p, st);
      if (!ok) return;
      transit = true;
      this.loginRespond(p, true, reply, this.session?.tsih ?? 0);
      this.startFullFeature();
      return;
    }
    this.loginRespond(p, transit, reply, 0);
  }

  /** One CHAP step; returns a failure message, or undefined. Appends the target's keys to `reply`. */
  private chapStep(
    st: LoginState,
    keys: readonly IscsiTextPair[],
    reply: IscsiTextPair[],
    chapChosen: boolean,
  ): string | undefined {
    const chap = this.ctx.chap as IscsiChapCredentials;
    const get = (k: string): string | undefined => keys.find((x) => x.key === k)?.value;
    if (st.auth === 'none') {
      if (!chapChosen) {
        // AuthMethod not offered yet in this PDU: wait for it (CHAP keys before it are an error).
        return keys.length > 0 ? 'CHAP keys before AuthMethod=CHAP' : undefined;
      }
      st.auth = 'chap-start';
      if (get('CHAP_A') === undefined) return undefined;
    }
    if (st.auth === 'chap-start') {
      const a = get('CHAP_A');
      if (a === undefined) return keys.length > 0 ? 'expected CHAP_A' : undefined;
      if (!a.split(',').includes(String(CHAP_MD5))) {
        reply.push({ key: 'CHAP_A', value: 'Reject' });
        return 'no supported CHAP_A (MD5 = 5)';
      }
      const { identifier, challenge } = newChallenge();
      st.chapId = identifier;
      st.chapChallenge = challenge;
      st.auth = 'chap-response';
      reply.push(
        { key: 'CHAP_A', value: String(CHAP_MD5) },
        { key: 'CHAP_I', value: String(identifier) },
        { key: 'CHAP_C', value: encodeBinaryValue(challenge) },
      );
      return undefined;
    }
    if (st.auth === 'chap-response') {
      const n = get('CHAP_N');
      const r = get('CHAP_R');
      if (n === undefined || r === undefined) return 'expected CHAP_N and CHAP_R';
      const response = decodeBinaryValue(r);
      if (n !== chap.user || response === undefined) return 'authentication failure';
      if (!sameResponse(chapResponse(st.chapId, chap.secret, st.chapChallenge), response)) {
        return 'authentication failure';
      }
      const i = get('CHAP_I');
      const c = get('CHAP_C');
      if (i !== undefined || c !== undefined) {
        const mutual = this.ctx.mutualChap;
        if (mutual === undefined) return 'mutual CHAP asked for but not configured';
        const id = i === undefined || !/^\d{1,3}$/.test(i) ? -1 : Number(i);
        const challenge = c === undefined ? undefined : decodeBinaryValue(c);
        if (id < 0 || id > 255 || challenge === undefined || challenge.length === 0) return 'bad CHAP_I/CHAP_C';
        // A reflected challenge would let a peer make us answer our own challenge (RFC 7143 section 12.1.3).
        if (Buffer.compare(challenge, st.chapChallenge) === 0) return 'reflected CHAP challenge';
        reply.push(
          { key: 'CHAP_N', value: mutual.user },
          { key: 'CHAP_R', value: encodeBinaryValue(chapResponse(id, mutual.secret, challenge)) },
        );
      }
      st.auth = 'done';
      return undefined;
    }
    return undefined;
  }

  private loginRespond(p: IscsiLoginRequest, transit: boolean, reply: readonly IscsiTextPair[], tsih: number): void {
    const st = this.login as LoginState;
    const s = this.session ?? st.existing;
    const data = encodeTextPairs(reply);
    this.send({
      kind: 'Login Response',
      transit,
      continue: false,
      csg: p.csg,
      nsg: transit ? p.nsg : 0,
      versionMax: 0,
      versionActive: 0,
      isid: st.isid,
      // A connection joining a session echoes its TSIH; a new session gets one in the final response.
      tsih: st.tsih !== 0 ? st.tsih : tsih,
      initiatorTaskTag: p.initiatorTaskTag,
      statSn: this.nextStatSn(),
      expCmdSn: s?.expCmdSn ?? st.cmdSn,
      maxCmdSn: s?.maxCmdSn ?? (st.cmdSn + this.ctx.limits.maxCommandsInFlight - 1) >>> 0,
      statusClass: 0,
      statusDetail: 0,
      data,
    });
  }

  private loginFail(p: IscsiLoginRequest, status: number, why: string): void {
    this.ctx.log(
      `${this.peer}: login failed (${(status >> 8).toString(16).padStart(2, '0')}${(status & 0xff).toString(16).padStart(2, '0')}h): ${why}`,
    );
    const st = this.login;
    this.send({
      kind: 'Login Response',
      transit: false,
      continue: false,
      csg: p.csg & 3,
      nsg: 0,
      versionMax: 0,
      versionActive: 0,
      isid: p.isid,
      tsih: 0,
      initiatorTaskTag: p.initiatorTaskTag,
      statSn: this.nextStatSn(),
      expCmdSn: st?.cmdSn ?? p.cmdSn,
      maxCmdSn: st?.cmdSn ?? p.cmdSn,
      statusClass: status >> 8,
      statusDetail: status & 0xff,
    });
    this.closeAfterFlush();
  }

  private enterFullFeature(p: IscsiLoginRequest, st: LoginState): boolean {
    const params = st.negotiation.parameters;
    const name = params.initiatorName;
    if (name === undefined) {
      this.loginFail(p, ISCSI_LOGIN_STATUS.MISSING_PARAMETER, 'no InitiatorName');
      return false;
    }
    const discovery = params.sessionType === 'Discovery';
    if (st.existing !== undefined) {
      const s = st.existing;
      if (s.ended) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'session ended');
        return false;
      }
      // Connection reinstatement: a connection with the same CID is replaced (RFC 7143 section 6.3.4).
      for (const c of s.connections) if (c.cid === st.cid) c.close();
      if (s.connections.size >= Math.min(s.params.maxConnections, this.ctx.limits.maxConnectionsPerSession)) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.TOO_MANY_CONNECTIONS, 'too many connections');
        return false;
      }
      this.session = s;
    } else {
      const s = this.ctx.openSession(
        name,
        st.isid,
        this.portal.portalGroupTag,
        discovery,
        sessionParams(params),
        st.cmdSn,
      );
      if (s === undefined) {
        this.loginFail(p, ISCSI_LOGIN_STATUS.OUT_OF_RESOURCES, 'too many sessions');
        return false;
      }
      this.session = s;
    }
    this.session.connections.add(this);
    this.ctx.log(
      `${this.peer}: ${discovery ? 'discovery' : 'normal'} session ${initiatorPortName(name, st.isid)} TSIH ${this.session.tsih} CID ${st.cid} logged in (HeaderDigest=${params.headerDigest}, DataDigest=${params.dataDigest}, MaxRecvDataSegmentLength=${params.initiatorMaxRecvDataSegmentLength})`,
    );
    return true;
  }

  /** After the final Login Response: digests and segment lengths take effect (RFC 7143 section 13.1). */
  private startFullFeature(): void {
    const st = this.login as LoginState;
    const params = st.negotiation.parameters;
    this.phase = 'full feature';
    this.headerDigest = params.headerDigest === 'CRC32C';
    this.dataDigest = params.dataDigest === 'CRC32C';
    this.maxRecvDsl = params.targetMaxRecvDataSegmentLength;
    this.maxSendDsl = params.initiatorMaxRecvDataSegmentLength;
    this.negotiation = st.negotiation;
    this.login = undefined;
    if (this.loginTimer !== undefined) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    const every = this.ctx.limits.nopInIntervalMs;
    if (every > 0) {
      this.nopTimer = setInterval(() => this.keepalive(), every);
      this.nopTimer.unref?.();
    }
  }

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
  private keepalive(): void {
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

  private onFullFeature(pdu: IscsiPdu, bytes: Uint8Array): void {
    const s = this.session as Session;
    switch (pdu.kind) {
      case 'SCSI Command':
        this.onScsiCommand(s, pdu, bytes);
        return;
      case 'SCSI Data-Out':
        this.onDataOut(s, pdu);
        return;
      case 'NOP-Out':
        this.onNopOut(s, pdu);
        return;
      case 'Task Management Function Request':
        if (s.discovery) {
          this.rejectCommand(pdu, bytes, ISCSI_REJECT_REASON.COMMAND_NOT_SUPPORTED);
          return;
        }
        s.admit(pdu.immediate, pdu.cmdSn, () => this.onTmf(s, pdu));
        return;
      case 'Text Request':
        s.admit(pdu.immediate, pdu.cmdSn, () => this.onText(s, pdu));
        return;
      case 'Logout Request':
        s.admit(pdu.immediate, pdu.cmdSn, () => this.onLogout(s, pdu));
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
  private rejectCommand(pdu: { immediate: boolean; cmdSn: number }, bytes: Uint8Array, reason: number): void {
    const s = this.session as Session;
    s.admit(pdu.immediate, pdu.cmdSn, () => undefined);
    this.reject(reason, bytes);
  }

  /**
   * A SCSI Command. Its immediate data is `p.data`, or (when the PDU was decoded without it)
   * `immediateLength` bytes that `copyImmediate` puts into the task's buffer.
   */
  private onScsiCommand(
    s: Session,
    p: IscsiScsiCommand,
    bytes: Uint8Array,
    immediateLength: number = p.data.length,
    copyImmediate?: (dest: Uint8Array, offset: number) => void,
  ): void {
    if (s.discovery) {
      this.rejectCommand(p, bytes, ISCSI_REJECT_REASON.COMMAND_NOT_SUPPORTED);
      return;
    }
    this.onCommand(s, p, bytes, immediateLength, copyImmediate);
  }

  private onCommand(
    s: Session,
    p: IscsiScsiCommand,
    bytes: Uint8Array,
    immediateLength: number,
    copyImmediate: ((dest: Uint8Array, offset: number) => void) | undefined,
  ): void {
    if (!p.immediate && !s.inWindow(p.cmdSn)) return; // out of window: dropped (RFC 7143 section 4.2.2.1)
    const limits = this.ctx.limits;
    if (s.tasks.has(p.initiatorTaskTag) || p.initiatorTaskTag === ISCSI_RESERVED_TAG) {
      this.rejectCommand(p, bytes, ISCSI_REJECT_REASON.INVALID_PDU_FIELD);
      return;
    }
    const lunNumber = lunToNumber(p.lun) ?? 0xffff;
    const edtl = p.expectedDataTransferLength;
    if (
      immediateLength > 0 &&
      (!p.write || !s.params.immediateData || immediateLength > edtl || immediateLength > s.params.firstBurstLength)
    ) {
      this.rejectCommand(p, bytes, ISCSI_REJECT_REASON.PROTOCOL_ERROR);
      return;
    }
    const writeLen = p.write ? edtl : 0;
    if (
      (p.immediate && s.tasks.size >= limits.maxCommandsInFlight + 8) ||
      (writeLen > 0 && this.pendingWriteBytes + writeLen > limits.maxPendingWriteBytes)
    ) {
      // Over the limits: BUSY (SAM-5 status), nothing buffered; its Data-Out are discarded.
      s.admit(p.immediate, p.cmdSn, () => this.sendStatusOnly(s, p, SAM_STATUS.BUSY));
      return;
    }
    if (writeLen > 0 && this.ctx.pendingWrites.bytes + writeLen > limits.maxTargetPendingWriteBytes) {
      // Over the target-wide budget, nothing buffered, its Data-Out discarded. SAM-5 section 5.3.1:
      // TASK SET FULL when the I_T nexus has a command in this LU's task set, BUSY when it has none.
      let mine = false;
      for (const t of s.tasks.values()) if (t.lun === lunNumber) mine = true;
      const status = mine ? SAM_STATUS.TASK_SET_FULL : SAM_STATUS.BUSY;
      s.admit(p.immediate, p.cmdSn, () => this.sendStatusOnly(s, p, status));
      return;
    }
    const unsolicitedEnd =
      writeLen === 0
        ? 0
        : p.final || s.params.initialR2T
          ? immediateLength
          : Math.min(s.params.firstBurstLength, writeLen);
    const task: Task = {
      itt: p.initiatorTaskTag,
      conn: this,
      lun: lunNumber,
      lunField: p.lun,
      cdb: Uint8Array.from(iscsiCommandCdb(p)),
      edtl,
      read: p.read,
      write: p.write,
      buffer: undefined,
      received: 0,
      unsolicitedEnd,
      unsolicitedDataSn: 0,
      r2tOffset: unsolicitedEnd,
      nextR2tSn: 0,
      r2ts: new Map(),
      ordered: false,
      aborted: false,
      writeOverflow: 0,
      writeUnderflow: 0,
    };
    if (writeLen > 0) {
      // Every byte of it is written before the command runs (DataPDUInOrder / DataSequenceInOrder =
      // Yes), so it need not be zeroed, and may be a buffer an earlier WRITE used.
      task.buffer = this.ctx.writeBuffers.take(writeLen);
      this.pendingWriteBytes += writeLen;
      this.ctx.pendingWrites.bytes += writeLen;
      if (copyImmediate !== undefined) copyImmediate(task.buffer, 0);
      else if (immediateLength > 0) task.buffer.set(p.data, 0);
      task.received = immediateLength;
    }
    s.tasks.set(task.itt, task);
    s.admit(p.immediate, p.cmdSn, () => {
      task.ordered = true;
      this.maybeExecute(s, task);
    });
    if (!task.aborted && task.received < writeLen) this.sendR2ts(s, task);
  }

  private sendStatusOnly(s: Session, p: IscsiScsiCommand, status: number): void {
    this.send({
      kind: 'SCSI Response',
      bidiReadResidualOverflow: false,
      bidiReadResidualUnderflow: false,
      residualOverflow: false,
      residualUnderflow: false,
      response: 0,
      status,
      initiatorTaskTag: p.initiatorTaskTag,
      snackTag: 0,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      expDataSn: 0,
      bidirectionalReadResidualCount: 0,
      residualCount: 0,
    });
  }

  /** Send R2Ts for the solicited part, within MaxOutstandingR2T and MaxBurstLength (RFC 7143 section 11.8). */
  private sendR2ts(s: Session, t: Task): void {
    const max = s.params.maxOutstandingR2T;
    while (t.r2ts.size < max && t.r2tOffset < t.edtl) {
      const len = Math.min(s.params.maxBurstLength, t.edtl - t.r2tOffset);
      const ttt = this.nextTtt;
      this.nextTtt = this.nextTtt >= 0x7fff_fffe ? 1 : this.nextTtt + 1;
      const r: R2tState = { ttt, r2tSn: t.nextR2tSn, next: t.r2tOffset, end: t.r2tOffset + len, dataSn: 0 };
      t.r2ts.set(ttt, r);
      t.nextR2tSn = (t.nextR2tSn + 1) >>> 0;
      t.r2tOffset += len;
      this.send({
        kind: 'R2T',
        lun: t.lunField,
        initiatorTaskTag: t.itt,
        targetTransferTag: ttt,
        statSn: this.statSn,
        expCmdSn: s.expCmdSn,
        maxCmdSn: s.maxCmdSn,
        r2tSn: r.r2tSn,
        bufferOffset: r.next,
        desiredDataTransferLength: len,
      });
    }
  }

  /**
   * A Data-Out: checked against its task's sequence (unsolicited or R2T), then its `len` data
   * bytes go into the task's buffer (`copyInto`, when the data is still in the receive queue).
   */
  private onDataOut(
    s: Session,
    p: IscsiScsiDataOut,
    len: number = p.data.length,
    copyInto?: (dest: Uint8Array, offset: number) => void,
  ): undefined {
    const t = s.tasks.get(p.initiatorTaskTag);
    // Data for a task we no longer (or never) had (aborted, refused with BUSY, failed): discarded.
    if (t === undefined || t.conn !== this || t.buffer === undefined) return undefined;
    let end: number;
    // A sequence error ends the task with CHECK CONDITION, ABORTED COMMAND (RFC 7143 sections
    // 7.1 and 11.4.7.2); the connection and the session go on.
    if (p.targetTransferTag === ISCSI_RESERVED_TAG) {
      if (p.dataSn !== t.unsolicitedDataSn)
        return this.failTask(s, t, 0x4b, 0x00, `DataSN ${p.dataSn}, expected ${t.unsolicitedDataSn}`);
      if (p.bufferOffset !== t.received)
        return this.failTask(s, t, 0x4b, 0x05, `buffer offset ${p.bufferOffset}, expected ${t.received}`);
      if (p.bufferOffset + len > t.unsolicitedEnd)
        return this.failTask(s, t, 0x0c, 0x0c, 'unsolicited data beyond the first burst');
      t.unsolicitedDataSn++;
      end = p.bufferOffset + len;
    } else {
      const r = t.r2ts.get(p.targetTransferTag);
      if (r === undefined) return this.failTask(s, t, 0x4b, 0x01, `unknown Target Transfer Tag ${p.targetTransferTag}`);
      if (p.dataSn !== r.dataSn) return this.failTask(s, t, 0x4b, 0x00, `DataSN ${p.dataSn}, expected ${r.dataSn}`);
      if (p.bufferOffset !== r.next || p.bufferOffset !== t.received) {
        return this.failTask(s, t, 0x4b, 0x05, `buffer offset ${p.bufferOffset}, expected ${r.next}`);
      }
      if (p.bufferOffset + len > r.end) return this.failTask(s, t, 0x4b, 0x05, 'Data-Out beyond its R2T');
      r.dataSn++;
      r.next += len;
      end = r.next;
      if (r.next === r.end) {
        if (!p.final) return this.failTask(s, t, 0x4b, 0x00, 'R2T sequence ended without the F bit');
        t.r2ts.delete(r.ttt);
      } else if (p.final) return this.failTask(s, t, 0x4b, 0x00, 'F bit before the end of the R2T');
    }
    if (copyInto !== undefined) copyInto(t.buffer, p.bufferOffset);
    else t.buffer.set(p.data, p.bufferOffset);
    t.received = end;
    if (t.received === t.edtl) this.maybeExecute(s, t);
    else if (t.r2ts.size < s.params.maxOutstandingR2T && t.received >= t.unsolicitedEnd) this.sendR2ts(s, t);
    return undefined;
  }

  /** End a task that broke the data transfer rules: CHECK CONDITION, ABORTED COMMAND with `asc`/`ascq`. */
  private failTask(s: Session, t: Task, asc: number, ascq: number, why: string): undefined {
    this.ctx.log(`${this.peer}: task ${t.itt}: ${why}: ABORTED COMMAND`);
    this.abortTask(s, t);
    const senseData = encodeSenseData(buildSenseData({ senseKey: SENSE_KEY.ABORTED_COMMAND, asc, ascq }));
    this.send({
      kind: 'SCSI Response',
      bidiReadResidualOverflow: false,
      bidiReadResidualUnderflow: false,
      residualOverflow: false,
      residualUnderflow: t.edtl > 0,
      response: 0,
      status: SAM_STATUS.CHECK_CONDITION,
      initiatorTaskTag: t.itt,
      snackTag: 0,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      expDataSn: 0,
      bidirectionalReadResidualCount: 0,
      residualCount: t.edtl,
      data: encodeIscsiSenseSegment(senseData),
    });
    return undefined;
  }

  private maybeExecute(s: Session, t: Task): void {
    if (t.aborted || !t.ordered) return;
    if (t.buffer !== undefined && t.received < t.edtl) return;
    this.execute(s, t);
  }

  private execute(s: Session, t: Task): void {
    s.tasks.delete(t.itt);
    const dataOut = t.buffer;
    if (dataOut !== undefined) {
      this.pendingWriteBytes -= t.edtl;
      this.ctx.pendingWrites.bytes -= t.edtl;
      t.buffer = undefined;
    }
    // Write residuals (RFC 7143 section 11.4.5): an Expected Data Transfer Length below what the
    // CDB asks for writes only that much (whole blocks); above, the excess is not written.
    const w = this.ctx.writeLength(t.lun, t.cdb);
    const sent = t.write ? t.edtl : 0;
    let cdb = t.cdb;
    let res: CommandResponse | undefined;
    if (w !== undefined && w.bytes > sent) {
      t.writeOverflow = w.bytes - sent;
      if (sent % w.blockSize === 0) cdb = this.ctx.withTransferLength(cdb, sent / w.blockSize);
      else {
        // Not a whole number of blocks: ILLEGAL REQUEST, INVALID FIELD IN INFORMATION UNIT (SPC-5).
        res = {
          status: SAM_STATUS.CHECK_CONDITION,
          senseData: encodeSenseData(buildSenseData({ senseKey: SENSE_KEY.ILLEGAL_REQUEST, asc: 0x0e, ascq: 0x03 })),
        };
      }
    } else if (w !== undefined && w.bytes < sent) t.writeUnderflow = sent - w.bytes;
    try {
      res ??= this.ctx.cm.execute({ nexus: s.nexus, lun: t.lun, cdb, dataOut });
    } catch (e) {
      this.ctx.log(`${this.peer}: copy manager failed: ${e instanceof Error ? e.message : String(e)}`);
      this.send({
        kind: 'SCSI Response',
        bidiReadResidualOverflow: false,
        bidiReadResidualUnderflow: false,
        residualOverflow: false,
        residualUnderflow: false,
        response: 1, // Target Failure (RFC 7143 section 11.4.3)
        status: 0,
        initiatorTaskTag: t.itt,
        snackTag: 0,
        statSn: this.nextStatSn(),
        expCmdSn: s.expCmdSn,
        maxCmdSn: s.maxCmdSn,
        expDataSn: 0,
        bidirectionalReadResidualCount: 0,
        residualCount: 0,
      });
      return;
    }
    this.ctx.traceCommand(s, t.lun, t.cdb, dataOut, res, t.edtl);
    // A WRITE's data was copied into the logical unit: its buffer serves the next WRITE (the pool
    // keeps nothing while a trace callback may hold it). Parameter lists are not reused: the
    // copy manager may keep views of them.
    if (w !== undefined && dataOut !== undefined) this.ctx.writeBuffers.give(dataOut as Buffer);
    if (t.cdb[0] === OPCODE.THIRD_PARTY_COPY_OUT) {
      try {
        const c = decodeCdb(t.cdb);
        if (c.kind === 'POPULATE TOKEN' || c.kind === 'WRITE USING TOKEN') {
          s.rememberCopyTask(t.itt, t.lun, c.listIdentifier);
        }
      } catch {
        // not a copy the initiator can abort
      }
    }
    this.respond(s, t, res);
  }

  private respond(s: Session, t: Task, res: CommandResponse): void {
    const dataIn = res.dataIn ?? EMPTY;
    const edtl = t.edtl;
    const readable = t.read ? edtl : 0;
    const n = Math.min(dataIn.length, readable);
    let under = false;
    let over = false;
    let residual = 0;
    if (dataIn.length > readable) {
      over = true;
      residual = dataIn.length - readable;
    } else if (t.read && dataIn.length < edtl) {
      under = true;
      residual = edtl - dataIn.length;
    } else if (t.writeOverflow > 0) {
      over = true;
      residual = t.writeOverflow;
    } else if (t.writeUnderflow > 0) {
      under = true;
      residual = t.writeUnderflow;
    }
    const sense = res.senseData;
    const statusInData = sense === undefined && n > 0;
    let dataSn = 0;
    if (n > 0) {
      const maxSeg = this.maxSendDsl;
      const burst = s.params.maxBurstLength;
      let off = 0;
      let burstStart = 0;
      while (off < n) {
        const len = Math.min(maxSeg, n - off, burstStart + burst - off);
        const last = off + len === n;
        const final = last || off + len - burstStart === burst;
        const withStatus = last && statusInData;
        const pdu: IscsiPduInput<IscsiScsiDataIn> = {
          kind: 'SCSI Data-In',
          final,
          acknowledge: false,
          residualOverflow: withStatus && over,
          residualUnderflow: withStatus && under,
          statusPresent: withStatus,
          status: withStatus ? res.status : 0,
          lun: t.lunField,
          initiatorTaskTag: t.itt,
          targetTransferTag: ISCSI_RESERVED_TAG,
          statSn: withStatus ? this.nextStatSn() : 0,
          expCmdSn: s.expCmdSn,
          maxCmdSn: s.maxCmdSn,
          dataSn: dataSn++,
          bufferOffset: off,
          residualCount: withStatus ? residual : 0,
        };
        this.sendWithData(pdu, dataIn.subarray(off, off + len));
        off += len;
        if (final) burstStart = off;
      }
    }
    if (statusInData) return;
    this.send({
      kind: 'SCSI Response',
      bidiReadResidualOverflow: false,
      bidiReadResidualUnderflow: false,
      residualOverflow: over,
      residualUnderflow: under,
      response: 0,
      status: res.status,
      initiatorTaskTag: t.itt,
      snackTag: 0,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      expDataSn: dataSn,
      bidirectionalReadResidualCount: 0,
      residualCount: residual,
      data: sense === undefined ? EMPTY : encodeIscsiSenseSegment(sense),
    });
  }

  private onNopOut(s: Session, p: IscsiNopOut): void {
    if (p.initiatorTaskTag === ISCSI_RESERVED_TAG) return; // an answer to a NOP-In of ours, or a no-op
    s.admit(p.immediate, p.cmdSn, () => {
      const echo = p.data.length > this.maxSendDsl ? p.data.subarray(0, this.maxSendDsl) : p.data;
      this.send({
        kind: 'NOP-In',
        lun: p.lun,
        initiatorTaskTag: p.initiatorTaskTag,
        targetTransferTag: ISCSI_RESERVED_TAG,
        statSn: this.nextStatSn(),
        expCmdSn: s.expCmdSn,
        maxCmdSn: s.maxCmdSn,
        data: echo,
      });
    });
  }

  private onTmf(s: Session, p: IscsiTaskManagementFunctionRequest): void {
    const R = ISCSI_TMF_RESPONSE;
    const F = ISCSI_TMF_FUNCTION;
    const lun = lunToNumber(p.lun);
    const cm = this.ctx.cm;
    let response: number = R.FUNCTION_COMPLETE;
    let cold = false;
    const luLevel =
      p.function === F.ABORT_TASK_SET ||
      p.function === F.CLEAR_TASK_SET ||
      p.function === F.LOGICAL_UNIT_RESET ||
      p.function === F.CLEAR_ACA;
    if (luLevel && (lun === undefined || !this.ctx.lunExists(lun))) {
      response = R.LUN_DOES_NOT_EXIST;
    } else {
      switch (p.function) {
        case F.ABORT_TASK: {
          const t = s.tasks.get(p.referencedTaskTag);
          if (t !== undefined) this.abortTask(s, t);
          else {
            const copy = s.copyTasks.get(p.referencedTaskTag);
            if (copy !== undefined && cm.abortCopy?.(s.nexus, copy.lun, copy.listIdentifier) === true) {
              s.copyTasks.delete(p.referencedTaskTag);
            } else if (!s.inWindow(p.refCmdSn)) response = R.TASK_DOES_NOT_EXIST;
          }
          break;
        }
        case F.ABORT_TASK_SET:
          this.abortWhere((t, ts) => ts === s && t.lun === lun);
          cm.abortTaskSet?.(s.nexus, lun as number);
          break;
        case F.CLEAR_TASK_SET:
          this.abortWhere((t) => t.lun === lun);
          for (const other of this.ctx.sessions()) if (!other.discovery) cm.abortTaskSet?.(other.nexus, lun as number);
          break;
        case F.LOGICAL_UNIT_RESET:
          this.abortWhere((t) => t.lun === lun);
          if (cm.logicalUnitReset === undefined) response = R.FUNCTION_NOT_SUPPORTED;
          else cm.logicalUnitReset(lun as number);
          break;
        case F.TARGET_WARM_RESET:
        case F.TARGET_COLD_RESET:
          this.abortWhere(() => true);
          if (cm.targetReset === undefined) response = R.FUNCTION_NOT_SUPPORTED;
          else cm.targetReset();
          cold = p.function === F.TARGET_COLD_RESET;
          break;
        case F.CLEAR_ACA:
          response = R.FUNCTION_NOT_SUPPORTED;
          break;
        case F.TASK_REASSIGN:
          response = R.TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED;
          break;
        default:
          response = R.FUNCTION_REJECTED;
      }
    }
    this.ctx.log(`${this.peer}: task management function ${p.function} LUN ${lun ?? '?'}: response ${response}`);
    this.send({
      kind: 'Task Management Function Response',
      response,
      initiatorTaskTag: p.initiatorTaskTag,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
    });
    if (cold && response === R.FUNCTION_COMPLETE) {
      // TARGET COLD RESET: every connection is dropped after the response (RFC 7143 section 11.5.1).
      setImmediate(() => {
        for (const other of [...this.ctx.sessions()]) this.ctx.endSession(other);
      });
    }
  }

  private abortTask(s: Session, t: Task): void {
    t.aborted = true;
    s.tasks.delete(t.itt);
    if (t.buffer !== undefined) {
      t.conn.pendingWriteBytes -= t.edtl;
      this.ctx.pendingWrites.bytes -= t.edtl;
      t.buffer = undefined;
    }
    t.r2ts.clear();
  }

  private abortWhere(pred: (t: Task, s: Session) => boolean): void {
    for (const s of this.ctx.sessions()) {
      for (const t of [...s.tasks.values()]) if (pred(t, s)) this.abortTask(s, t);
    }
  }

  private onText(s: Session, p: IscsiTextRequest): void {
    const pending = this.textOut;
    if (
      p.targetTransferTag !== ISCSI_RESERVED_TAG &&
      pending !== undefined &&
      pending.ttt === p.targetTransferTag &&
      pending.itt === p.initiatorTaskTag
    ) {
      // The initiator asks for the next part of a long answer (RFC 7143 section 11.10.4).
      this.textOut = undefined;
      this.sendText(s, p, pending.rest);
      return;
    }
    this.textOut = undefined;
    if (this.textIn === undefined || this.textIn.itt !== p.initiatorTaskTag) {
      this.textIn = { itt: p.initiatorTaskTag, parts: [], bytes: 0 };
    }
    const acc = this.textIn;
    acc.bytes += p.data.length;
    if (acc.bytes > this.ctx.limits.maxTextBytes) {
      this.textIn = undefined;
      throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, 'text too long');
    }
    acc.parts.push(Uint8Array.from(p.data));
    const base = {
      kind: 'Text Response' as const,
      lun: p.lun,
      initiatorTaskTag: p.initiatorTaskTag,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
    };
    if (p.continue) {
      // More text follows: an empty answer with a transfer tag asks for it (RFC 7143 section 11.10.2).
      this.send({ ...base, final: false, continue: false, targetTransferTag: 0x10 });
      return;
    }
    this.textIn = undefined;
    let pairs: readonly IscsiTextPair[];
    try {
      pairs = decodeIscsiTextKeys(
        acc.parts.length === 1 ? (acc.parts[0] as Uint8Array) : Buffer.concat(acc.parts),
      ).pairs;
    } catch {
      throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, 'malformed text');
    }
    const state = this.negotiation as IscsiNegotiationState;
    const out = negotiateIscsiKeys(pairs, 'full feature', state, this.config);
    if (out.error !== undefined) throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, out.error.message);
    this.negotiation = out.state;
    const reply: IscsiTextPair[] = [...out.reply];
    if (out.sendTargets !== undefined) {
      const cfg = {
        ...this.config,
        targets: [{ ...this.config.targets[0]!, addresses: this.ctx.targetAddresses(this.socket.localAddress) }],
      };
      reply.push(...iscsiSendTargetsReply(out.sendTargets, out.state.parameters, cfg.targets));
    }
    this.sendText(s, p, encodeTextPairs(reply), base.statSn);
  }

  /** A Text Response, split at the initiator's MaxRecvDataSegmentLength with C = 1 (RFC 7143 section 11.11). */
  private sendText(s: Session, p: IscsiTextRequest, data: Uint8Array, statSn = this.nextStatSn()): void {
    const more = data.length > this.maxSendDsl;
    let ttt = ISCSI_RESERVED_TAG;
    if (more) {
      ttt = this.nextTtt;
      this.nextTtt = this.nextTtt >= 0x7fff_fffe ? 1 : this.nextTtt + 1;
      this.textOut = { itt: p.initiatorTaskTag, ttt, rest: data.subarray(this.maxSendDsl) };
    }
    this.send({
      kind: 'Text Response',
      final: !more,
      continue: more,
      lun: p.lun,
      initiatorTaskTag: p.initiatorTaskTag,
      targetTransferTag: ttt,
      statSn,
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      data: more ? data.subarray(0, this.maxSendDsl) : data,
    });
  }

  private onLogout(s: Session, p: IscsiLogoutRequest): void {
    const reason = p.reasonCode;
    let response: number = ISCSI_LOGOUT_RESPONSE.CLOSED_SUCCESSFULLY;
    let closeThis = false;
    let endSession = false;
    if (reason === ISCSI_LOGOUT_REASON.CLOSE_SESSION) {
      endSession = true;
    } else if (reason === ISCSI_LOGOUT_REASON.CLOSE_CONNECTION) {
      const target = [...s.connections].find((c) => c.cid === p.cid);
      if (target === undefined) response = ISCSI_LOGOUT_RESPONSE.CID_NOT_FOUND;
      else if (target === this) closeThis = true;
      else target.close();
    } else if (reason === ISCSI_LOGOUT_REASON.REMOVE_CONNECTION_FOR_RECOVERY) {
      response = ISCSI_LOGOUT_RESPONSE.CONNECTION_RECOVERY_NOT_SUPPORTED;
    } else {
      throw new ProtocolError(ISCSI_REJECT_REASON.INVALID_PDU_FIELD, `logout reason ${reason}`);
    }
    this.ctx.log(`${this.peer}: logout (reason ${reason}): response ${response}`);
    this.send({
      kind: 'Logout Response',
      response,
      initiatorTaskTag: p.initiatorTaskTag,
      statSn: this.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      time2Wait: 0,
      time2Retain: 0,
    });
    if (endSession) {
      this.closeAfterFlush();
      this.ctx.endSession(s);
    } else if (closeThis) this.closeAfterFlush();
  }

  // ------------------------------------------------------------------ teardown

  /** Stop reading, send what is queued, then close. */
  private closeAfterFlush(): void {
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

  private finish(): void {
    this.phase = 'closed';
    this.rx.clear();
    if (this.loginTimer !== undefined) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    if (this.nopTimer !== undefined) clearInterval(this.nopTimer);
    this.nopTimer = undefined;
    const s = this.session;
    if (s !== undefined) {
      s.connections.delete(this);
      for (const t of [...s.tasks.values()]) if (t.conn === this) this.abortTask(s, t);
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
