/**
 * A small iSCSI initiator over node:net: login (AuthMethod None or CHAP, one-way or mutual),
 * SendTargets discovery, SCSI commands with immediate, unsolicited and solicited (R2T) data,
 * NOP-Out, task management and logout. It exists to test and benchmark {@link IscsiTarget} and
 * to script a target from Node; it is not a block-device driver.
 */
import { connect, type Socket } from 'node:net';
import { lunFromNumber } from '../../data-in/index.js';
import {
  decodeIscsiPdu,
  decodeIscsiSenseSegment,
  decodeIscsiTextKeys,
  encodeIscsiPdu,
  encodeIscsiTextKeys,
  ISCSI_RESERVED_TAG,
  type IscsiLoginResponse,
  type IscsiPdu,
  type IscsiPduInput,
  type IscsiTextPair,
  iscsiCommandCdbFields,
  iscsiPduLength,
} from '../pdu/index.js';
import { ChunkQueue } from './chunks.js';
import { InitiatorChap, loginPlan, negotiatedSettings } from './initiator-login.js';
import {
  type IscsiCommandOptions,
  type IscsiCommandResult,
  IscsiInitiatorError,
  type IscsiInitiatorOptions,
} from './initiator-types.js';

// The public types live in initiator-types.ts; importers of this module see them here too.
export type { IscsiCommandOptions, IscsiCommandResult, IscsiInitiatorOptions } from './initiator-types.js';
export { IscsiInitiatorError } from './initiator-types.js';

interface Pending {
  resolve(p: IscsiPdu): void;
  reject(e: Error): void;
  /** For reads: where Data-In goes. */
  dataIn?: Uint8Array;
  received?: number;
  dataOut?: Uint8Array;
  lun?: bigint;
  answerR2t?: boolean;
}

/**
 * A minimal iSCSI initiator (one connection, ErrorRecoveryLevel 0).
 *
 * @example
 * ```ts
 * const ini = await IscsiInitiator.connect({ port: 3260, targetName: 'iqn.2026-12.org.scsi-odx:copy-manager' });
 * const r = await ini.command(0, Uint8Array.of(0x12, 0, 0, 0, 96, 0), { readLength: 96 }); // INQUIRY
 * await ini.logout();
 * ```
 * @remarks Since 0.2.0
 */
export class IscsiInitiator {
  /** Parameters as answered by the target. */
  readonly negotiated: Map<string, string> = new Map();
  private readonly rx: ChunkQueue = new ChunkQueue();
  private need = 0;
  private hd = false;
  private dd = false;
  private cmdSn = 1;
  private expStatSn = 0;
  private itt = 1;
  private readonly pending: Map<number, Pending> = new Map();
  private closed = false;
  private loggingOut = false;
  private closeError: Error | undefined;
  /** PDUs with no pending request (NOP-In pings, async messages, rejects). */
  readonly unsolicited: IscsiPdu[] = [];
  private tsih = 0;
  private readonly timeoutMs: number;
  private targetMaxRecv = 8192;
  /** The MaxRecvDataSegmentLength in force for what we receive: 8192 during login, then ours. */
  private ownMaxRecv = 8192;
  private readonly declaredMaxRecv: number;
  private firstBurst = 65536;
  private initialR2T = true;
  private immediateData = true;

  private readonly socket: Socket;
  private readonly options: IscsiInitiatorOptions;
  /** The session's ISID. */
  readonly isid: number;

  private constructor(socket: Socket, options: IscsiInitiatorOptions, isid: number) {
    this.socket = socket;
    this.options = options;
    this.declaredMaxRecv = options.maxRecvDataSegmentLength ?? 262144;
    this.isid = isid;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.tsih = options.tsih ?? 0;
    this.cmdSn = (options.cmdSn ?? 1) >>> 0;
    socket.setNoDelay(true);
    socket.on('data', (c: Buffer) => this.onData(c));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new IscsiInitiatorError('connection closed')));
  }

  /** Open a TCP connection and log in. */
  static async connect(options: IscsiInitiatorOptions): Promise<IscsiInitiator> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 3260 }, () => {
        s.off('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    });
    const isid = options.isid ?? 0x80_0000_0000 + Math.floor(Math.random() * 0xff_ffff_ffff);
    const ini = new IscsiInitiator(socket, options, isid);
    try {
      await ini.login();
    } catch (e) {
      ini.close();
      throw e;
    }
    return ini;
  }

  /** The raw socket (tests send malformed bytes through it). */
  get rawSocket(): Socket {
    return this.socket;
  }

  /** True once the connection is gone. */
  get isClosed(): boolean {
    return this.closed;
  }

  private fail(e: Error): void {
    if (this.closeError === undefined) this.closeError = e;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(this.closeError);
    this.pending.clear();
  }

  private onData(chunk: Buffer): void {
    this.rx.push(chunk);
    while (!this.closed) {
      if (this.need === 0) {
        if (this.rx.length < 48) return;
        // Our own MaxRecvDataSegmentLength bounds every data segment (RFC 7143 section 13.12):
        // a longer one is a protocol error, found from the header before its data is buffered.
        try {
          this.need = iscsiPduLength(this.rx.peek(48), this.framing()) as number;
        } catch (e) {
          this.fail(e as Error);
          this.socket.destroy();
          return;
        }
      }
      if (this.rx.length < this.need) return;
      const bytes = this.rx.take(this.need);
      this.need = 0;
      let pdu: IscsiPdu;
      try {
        pdu = decodeIscsiPdu(bytes, { ...this.framing(), dataView: true });
      } catch (e) {
        this.fail(e as Error);
        this.socket.destroy();
        return;
      }
      this.onPdu(pdu);
    }
  }

  private framing(): { headerDigest: boolean; dataDigest: boolean; maxDataSegmentLength: number } {
    return { headerDigest: this.hd, dataDigest: this.dd, maxDataSegmentLength: this.ownMaxRecv };
  }

  private onPdu(pdu: IscsiPdu): void {
    if ('statSn' in pdu && pdu.kind !== 'R2T' && !(pdu.kind === 'SCSI Data-In' && !pdu.statusPresent)) {
      if (pdu.kind !== 'NOP-In' || pdu.initiatorTaskTag !== ISCSI_RESERVED_TAG) this.expStatSn = (pdu.statSn + 1) >>> 0;
    }
    const itt = (pdu as { initiatorTaskTag?: number }).initiatorTaskTag;
    const p = itt === undefined ? undefined : this.pending.get(itt);
    if (p === undefined) {
      if (pdu.kind === 'NOP-In' && pdu.targetTransferTag !== ISCSI_RESERVED_TAG) {
        // A ping from the target: answer it (RFC 7143 section 11.18).
        this.send({
          kind: 'NOP-Out',
          immediate: true,
          lun: pdu.lun,
          initiatorTaskTag: ISCSI_RESERVED_TAG,
          targetTransferTag: pdu.targetTransferTag,
          cmdSn: this.cmdSn,
          expStatSn: this.expStatSn,
        });
      }
      if (pdu.kind === 'Asynchronous Message' && pdu.asyncEvent === 1 && !this.loggingOut) {
        // The target asks for a logout (RFC 7143 section 11.9.1): do it.
        void this.logout().catch(() => undefined);
      }
      this.unsolicited.push(pdu);
      if (this.unsolicited.length > 1000) this.unsolicited.shift();
      return;
    }
    if (pdu.kind === 'SCSI Data-In') {
      const buf = p.dataIn;
      if (buf !== undefined && pdu.bufferOffset + pdu.data.length <= buf.length) buf.set(pdu.data, pdu.bufferOffset);
      p.received = Math.max(p.received ?? 0, pdu.bufferOffset + pdu.data.length);
      if (!pdu.statusPresent) return;
    } else if (pdu.kind === 'R2T') {
      if (p.answerR2t !== false)
        this.sendData(pdu.initiatorTaskTag, p, pdu.targetTransferTag, pdu.bufferOffset, pdu.desiredDataTransferLength);
      return;
    }
    this.pending.delete(itt as number);
    p.resolve(pdu);
  }

  private send(pdu: IscsiPduInput): void {
    if (this.closed) throw this.closeError ?? new IscsiInitiatorError('closed');
    this.socket.write(encodeIscsiPdu(pdu, { headerDigest: this.hd, dataDigest: this.dd }));
  }

  private sendData(itt: number, p: Pending, ttt: number, offset: number, length: number): void {
    const data = p.dataOut ?? new Uint8Array(0);
    const end = Math.min(offset + length, data.length);
    let sn = 0;
    for (let off = offset; off < end; ) {
      const n = Math.min(this.targetMaxRecv, end - off);
      this.send({
        kind: 'SCSI Data-Out',
        final: off + n === end,
        lun: p.lun ?? 0n,
        initiatorTaskTag: itt,
        targetTransferTag: ttt,
        expStatSn: this.expStatSn,
        dataSn: sn++,
        bufferOffset: off,
        data: data.subarray(off, off + n),
      });
      off += n;
    }
  }

  private wait(itt: number, extra: Partial<Pending> = {}): Promise<IscsiPdu> {
    return new Promise<IscsiPdu>((resolve, reject) => {
      if (this.closed) {
        reject(this.closeError ?? new IscsiInitiatorError('closed'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(itt);
        reject(new IscsiInitiatorError(`no answer to task ${itt} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const p = extra as Pending;
      p.resolve = (pdu) => {
        clearTimeout(timer);
        resolve(pdu);
      };
      p.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.pending.set(itt, p);
    });
  }

  private nextItt(): number {
    const t = this.itt;
    this.itt = this.itt >= 0x7fff_ffff ? 1 : this.itt + 1;
    return t;
  }

  // ------------------------------------------------------------------ login

  private async login(): Promise<void> {
    const o = this.options;
    const plan = loginPlan(o, this.declaredMaxRecv, this.tsih !== 0);
    const chap = new InitiatorChap(o);
    const itt = this.nextItt();
    let csg = plan.csg;
    let pairs: readonly IscsiTextPair[] = plan.first;
    for (let step = 0; step < 16; step++) {
      // In the security stage, transit to the operational stage once CHAP no longer needs an answer.
      const transit = csg === 0 ? chap.mayTransit : true;
      this.send({
        kind: 'Login Request',
        transit,
        continue: false,
        csg,
        nsg: csg === 0 ? 1 : 3,
        versionMax: 0,
        versionMin: 0,
        isid: this.isid,
        tsih: this.tsih,
        initiatorTaskTag: itt,
        cid: o.cid ?? 0,
        cmdSn: this.cmdSn,
        expStatSn: this.expStatSn,
        data: pairs.length === 0 ? new Uint8Array(0) : encodeIscsiTextKeys(pairs),
      });
      const r = (await this.wait(itt)) as IscsiLoginResponse;
      if (r.kind !== 'Login Response') throw new IscsiInitiatorError(`unexpected ${r.kind} during login`);
      const status = (r.statusClass << 8) | r.statusDetail;
      if (status !== 0) {
        throw new IscsiInitiatorError(`login failed: status ${status.toString(16).padStart(4, '0')}h`, status);
      }
      if (r.tsih !== 0) this.tsih = r.tsih;
      const got = decodeIscsiTextKeys(r.data).pairs;
      for (const k of got) this.negotiated.set(k.key, k.value);
      pairs = [];
      if (csg === 0 && !chap.done) {
        const next = chap.answer(got);
        if (next !== undefined) {
          pairs = next;
          continue;
        }
      }
      if (r.transit && r.nsg === 3) break;
      if (r.transit && r.nsg === 1 && csg === 0) {
        csg = 1;
        pairs = plan.operational;
      }
    }
    const s = negotiatedSettings(this.negotiated);
    this.targetMaxRecv = s.targetMaxRecv;
    this.ownMaxRecv = this.declaredMaxRecv;
    this.firstBurst = s.firstBurst;
    this.initialR2T = s.initialR2T;
    this.immediateData = s.immediateData;
    this.hd = s.headerDigest;
    this.dd = s.dataDigest;
  }

  // ------------------------------------------------------------------ full feature phase

  /** Send one SCSI command and wait for its status. */
  async command(lun: number, cdb: Uint8Array, options: IscsiCommandOptions = {}): Promise<IscsiCommandResult> {
    const itt = options.itt ?? this.nextItt();
    const dataOut = options.dataOut;
    const readLength = options.readLength ?? 0;
    const edtl = options.expectedLength ?? dataOut?.length ?? readLength;
    const lunField = lunFromNumber(lun);
    const fields = iscsiCommandCdbFields(cdb);
    const dataIn: Uint8Array = readLength > 0 ? Buffer.allocUnsafe(readLength) : new Uint8Array(0);
    const extra: Partial<Pending> = { dataIn, received: 0, lun: lunField };
    if (dataOut !== undefined) extra.dataOut = dataOut;
    if (options.answerR2t === false) extra.answerR2t = false;
    const done = this.wait(itt, extra);
    const writeLen = dataOut === undefined ? 0 : Math.min(dataOut.length, edtl);
    const unsolicited = writeLen > 0 && !this.initialR2T ? Math.min(this.firstBurst, writeLen) : 0;
    const immLen = writeLen > 0 && this.immediateData ? Math.min(this.targetMaxRecv, this.firstBurst, writeLen) : 0;
    const immediate = dataOut?.subarray(0, immLen) ?? new Uint8Array(0);
    const cmdSn = this.cmdSn;
    if (options.immediate !== true) this.cmdSn = (this.cmdSn + 1) >>> 0;
    this.send({
      kind: 'SCSI Command',
      immediate: options.immediate === true,
      final: unsolicited <= immLen,
      read: readLength > 0,
      write: dataOut !== undefined,
      attr: 1,
      lun: lunField,
      initiatorTaskTag: itt,
      expectedDataTransferLength: edtl,
      cmdSn,
      expStatSn: this.expStatSn,
      cdb: fields.cdb,
      ahs: fields.ahs,
      data: immediate,
    });
    if (unsolicited > immLen && dataOut !== undefined) {
      let sn = 0;
      for (let off = immLen; off < unsolicited; ) {
        const n = Math.min(this.targetMaxRecv, unsolicited - off);
        this.send({
          kind: 'SCSI Data-Out',
          final: off + n === unsolicited,
          lun: lunField,
          initiatorTaskTag: itt,
          targetTransferTag: ISCSI_RESERVED_TAG,
          expStatSn: this.expStatSn,
          dataSn: sn++,
          bufferOffset: off,
          data: dataOut.subarray(off, off + n),
        });
        off += n;
      }
    }
    const r = await done;
    if (r.kind === 'SCSI Data-In') {
      return {
        status: r.status,
        dataIn: dataIn.subarray(0, Math.min(readLength, extra.received ?? 0)),
        residualOverflow: r.residualOverflow,
        residualUnderflow: r.residualUnderflow,
        residualCount: r.residualCount,
        response: 0,
      };
    }
    if (r.kind !== 'SCSI Response') throw new IscsiInitiatorError(`unexpected ${r.kind} for a command`);
    const sense = r.data.length > 0 ? decodeIscsiSenseSegment(r.data).senseData : undefined;
    return {
      status: r.status,
      senseData: sense !== undefined && sense.length > 0 ? Uint8Array.from(sense) : undefined,
      dataIn: dataIn.subarray(0, Math.min(readLength, extra.received ?? 0)),
      residualOverflow: r.residualOverflow,
      residualUnderflow: r.residualUnderflow,
      residualCount: r.residualCount,
      response: r.response,
    };
  }

  /** SendTargets=All (or another value); returns the answered pairs (a long answer is fetched part by part). */
  async sendTargets(value = 'All'): Promise<IscsiTextPair[]> {
    const itt = this.nextItt();
    const parts: Uint8Array[] = [];
    let ttt = ISCSI_RESERVED_TAG;
    let data: Uint8Array = encodeIscsiTextKeys([{ key: 'SendTargets', value }]);
    for (let i = 0; i < 1000; i++) {
      const done = this.wait(itt);
      this.send({
        kind: 'Text Request',
        immediate: false,
        final: true,
        continue: false,
        lun: 0n,
        initiatorTaskTag: itt,
        targetTransferTag: ttt,
        cmdSn: this.cmdSn,
        expStatSn: this.expStatSn,
        data,
      });
      this.cmdSn = (this.cmdSn + 1) >>> 0;
      const r = await done;
      if (r.kind !== 'Text Response') throw new IscsiInitiatorError(`unexpected ${r.kind} for a Text Request`);
      parts.push(Uint8Array.from(r.data));
      if (!r.continue) break;
      ttt = r.targetTransferTag;
      data = new Uint8Array(0);
    }
    return [...decodeIscsiTextKeys(Buffer.concat(parts)).pairs];
  }

  /** NOP-Out with ping data; resolves with the echoed data. */
  async nop(data: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    const itt = this.nextItt();
    const done = this.wait(itt);
    this.send({
      kind: 'NOP-Out',
      immediate: true,
      lun: 0n,
      initiatorTaskTag: itt,
      targetTransferTag: ISCSI_RESERVED_TAG,
      cmdSn: this.cmdSn,
      expStatSn: this.expStatSn,
      data,
    });
    const r = await done;
    if (r.kind !== 'NOP-In') throw new IscsiInitiatorError(`unexpected ${r.kind} for a NOP-Out`);
    return Uint8Array.from(r.data);
  }

  /** A task management function; resolves with the Response code. */
  async taskManagement(
    fn: number,
    lun: number,
    referencedTaskTag: number = ISCSI_RESERVED_TAG,
    refCmdSn = 0,
  ): Promise<number> {
    const itt = this.nextItt();
    const done = this.wait(itt);
    this.send({
      kind: 'Task Management Function Request',
      immediate: true,
      function: fn,
      lun: lunFromNumber(lun),
      initiatorTaskTag: itt,
      referencedTaskTag,
      cmdSn: this.cmdSn,
      expStatSn: this.expStatSn,
      refCmdSn,
      expDataSn: 0,
    });
    const r = await done;
    if (r.kind !== 'Task Management Function Response') throw new IscsiInitiatorError(`unexpected ${r.kind} for a TMF`);
    return r.response;
  }

  /** The TSIH the target gave the session. */
  get negotiatedTsih(): number {
    return this.tsih;
  }

  /** The next CmdSN this initiator will use. */
  get nextCmdSn(): number {
    return this.cmdSn;
  }

  /** Logout (close the session) and close the socket. Resolves with the Logout Response code. */
  async logout(): Promise<number> {
    this.loggingOut = true;
    const itt = this.nextItt();
    const done = this.wait(itt);
    this.send({
      kind: 'Logout Request',
      immediate: true,
      reasonCode: 0,
      initiatorTaskTag: itt,
      cid: 0,
      cmdSn: this.cmdSn,
      expStatSn: this.expStatSn,
    });
    const r = await done;
    this.close();
    if (r.kind !== 'Logout Response') throw new IscsiInitiatorError(`unexpected ${r.kind} for a Logout`);
    return r.response;
  }

  /** Close the TCP connection without logging out. */
  close(): void {
    this.socket.destroy();
    this.fail(new IscsiInitiatorError('closed'));
  }
}
