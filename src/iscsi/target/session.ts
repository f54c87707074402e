/**
 * iSCSI session state shared by the session's connections: the CmdSN window, the tasks in
 * flight and the I_T nexus (RFC 7143 sections 4.2.2 and 4.4).
 */
import type { ItNexus } from '../../copy-manager/index.js';
import type { IscsiOperationalParameters } from '../pdu/index.js';

/** Serial number arithmetic on 32-bit sequence numbers (RFC 1982, as RFC 7143 section 4.2.2.1 uses it). */
export function snDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** What a session knows of each of its connections (the target's connection is one). */
export interface SessionConnection {
  /** Connection ID (CID). */
  readonly cid: number;
  /** Write data buffered for tasks still receiving data. */
  pendingWriteBytes: number;
  /** Close now. */
  close(): void;
}

/** One outstanding R2T. */
export interface R2tState {
  readonly ttt: number;
  readonly r2tSn: number;
  /** Next buffer offset expected. */
  next: number;
  readonly end: number;
  /** Next DataSN expected within this sequence. */
  dataSn: number;
}

/** A SCSI task in flight. */
export interface Task {
  readonly itt: number;
  readonly conn: SessionConnection;
  readonly lun: number;
  readonly lunField: bigint;
  readonly cdb: Uint8Array;
  readonly edtl: number;
  readonly read: boolean;
  readonly write: boolean;
  /** Write buffer (EDTL bytes) while data comes in. */
  buffer: Uint8Array | undefined;
  /** Bytes received so far (data arrives in order: DataPDUInOrder and DataSequenceInOrder are Yes). */
  received: number;
  /** End of the unsolicited part (immediate data + unsolicited Data-Out). */
  readonly unsolicitedEnd: number;
  /** Next DataSN expected in the unsolicited sequence. */
  unsolicitedDataSn: number;
  /** Offset up to which R2Ts have been sent. */
  r2tOffset: number;
  nextR2tSn: number;
  readonly r2ts: Map<number, R2tState>;
  /** The command's CmdSN turn has come (or it was immediate). */
  ordered: boolean;
  /** Aborted: drop its data and send nothing. */
  aborted: boolean;
  /** Bytes the CDB wanted beyond the Expected Data Transfer Length (a write cut short). */
  writeOverflow: number;
  /** Bytes of Expected Data Transfer Length beyond what the CDB wanted. */
  writeUnderflow: number;
}

/** Session-wide negotiated values the data path needs. */
export interface SessionParams {
  readonly initialR2T: boolean;
  readonly immediateData: boolean;
  readonly maxBurstLength: number;
  readonly firstBurstLength: number;
  readonly maxOutstandingR2T: number;
  readonly maxConnections: number;
}

export function sessionParams(p: IscsiOperationalParameters): SessionParams {
  return {
    initialR2T: p.initialR2T,
    immediateData: p.immediateData,
    maxBurstLength: p.maxBurstLength,
    firstBurstLength: Math.min(p.firstBurstLength, p.maxBurstLength),
    maxOutstandingR2T: Math.max(1, p.maxOutstandingR2T),
    maxConnections: p.maxConnections,
  };
}

/** One iSCSI session. */
export class Session {
  readonly key: string;
  readonly connections: Set<SessionConnection> = new Set();
  readonly tasks: Map<number, Task> = new Map();
  /** Non-immediate PDUs that arrived ahead of ExpCmdSN, by CmdSN. */
  private readonly held: Map<number, () => void> = new Map();
  /** PT / WUT commands done on this session: ITT -> LU and list identifier (ABORT TASK of a background copy). */
  readonly copyTasks: Map<number, { readonly lun: number; readonly listIdentifier: number }> = new Map();
  expCmdSn: number;
  private maxCmdSnValue: number;
  ended = false;

  readonly tsih: number;
  readonly initiatorName: string;
  readonly isid: number;
  readonly portalGroupTag: number;
  readonly discovery: boolean;
  readonly nexus: ItNexus;
  readonly params: SessionParams;
  private readonly window: number;

  constructor(
    tsih: number,
    initiatorName: string,
    isid: number,
    portalGroupTag: number,
    discovery: boolean,
    nexus: ItNexus,
    params: SessionParams,
    window: number,
    initialCmdSn: number,
  ) {
    this.tsih = tsih;
    this.initiatorName = initiatorName;
    this.isid = isid;
    this.portalGroupTag = portalGroupTag;
    this.discovery = discovery;
    this.nexus = nexus;
    this.params = params;
    this.window = window;
    this.key = sessionKey(initiatorName, isid, portalGroupTag);
    this.expCmdSn = initialCmdSn >>> 0;
    this.maxCmdSnValue = (initialCmdSn + window - 1) >>> 0;
  }

  /**
   * MaxCmdSN to advertise: the window shrinks while tasks are in flight; it never moves back,
   * because initiators ignore a smaller value (RFC 7143 section 4.2.2.1).
   */
  get maxCmdSn(): number {
    const free = Math.max(0, this.window - this.tasks.size);
    const candidate = (this.expCmdSn - 1 + free) >>> 0;
    if (snDiff(candidate, this.maxCmdSnValue) > 0) this.maxCmdSnValue = candidate;
    return this.maxCmdSnValue;
  }

  /**
   * Order a PDU by CmdSN (RFC 7143 section 4.2.2.1): immediate ones run now; the one at ExpCmdSN
   * runs now and releases any held after it; one ahead but inside the window waits; anything
   * else is dropped. Returns false when dropped.
   */
  admit(immediate: boolean, cmdSn: number, run: () => void): boolean {
    if (immediate) {
      run();
      return true;
    }
    const d = snDiff(cmdSn, this.expCmdSn);
    if (d === 0) {
      this.expCmdSn = (this.expCmdSn + 1) >>> 0;
      run();
      this.release();
      return true;
    }
    if (d > 0 && snDiff(cmdSn, this.maxCmdSn) <= 0 && !this.held.has(cmdSn >>> 0)) {
      this.held.set(cmdSn >>> 0, run);
      return true;
    }
    return false;
  }

  /** True when a non-immediate CmdSN lies in [ExpCmdSN, MaxCmdSN]. */
  inWindow(cmdSn: number): boolean {
    return snDiff(cmdSn, this.expCmdSn) >= 0 && snDiff(cmdSn, this.maxCmdSn) <= 0;
  }

  private release(): void {
    for (;;) {
      const next = this.held.get(this.expCmdSn);
      if (next === undefined) return;
      this.held.delete(this.expCmdSn);
      this.expCmdSn = (this.expCmdSn + 1) >>> 0;
      if (!this.ended) next();
    }
  }

  /** Forget everything (session end). */
  clear(): void {
    this.ended = true;
    this.held.clear();
    for (const t of this.tasks.values()) t.aborted = true;
    this.tasks.clear();
    this.copyTasks.clear();
  }

  /** Remember a PT/WUT task (bounded: the oldest is forgotten beyond 256). */
  rememberCopyTask(itt: number, lun: number, listIdentifier: number): void {
    this.copyTasks.delete(itt);
    this.copyTasks.set(itt, { lun, listIdentifier });
    if (this.copyTasks.size > 256) {
      const first = this.copyTasks.keys().next().value;
      if (first !== undefined) this.copyTasks.delete(first);
    }
  }
}

/** The registry key of a session: initiator name, ISID, target portal group (RFC 7143 section 4.4.1). */
export function sessionKey(initiatorName: string, isid: number, portalGroupTag: number): string {
  return `${initiatorName}\u0000${isid}\u0000${portalGroupTag}`;
}

/** SCSI initiator port name of an iSCSI initiator: `name,i,0xISID` (RFC 7143 section 4.4.1 / SAM). */
export function initiatorPortName(initiatorName: string, isid: number): string {
  return `${initiatorName},i,0x${isid.toString(16).padStart(12, '0')}`;
}
