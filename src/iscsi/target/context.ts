import type { Socket } from 'node:net';
import type { CommandResponse } from '../../copy-manager/index.js';
import type { IscsiNegotiationState, IscsiPduInput, IscsiTargetNegotiationConfig } from '../pdu/index.js';
import { encodeIscsiTextKeys, type IscsiTextPair } from '../pdu/index.js';
import type { BufferPool } from './buffers.js';
import type { IscsiChapCredentials, IscsiCopyManager, IscsiPortal, IscsiTargetLimits } from './options.js';
import type { Session, SessionConnection, SessionParams } from './session.js';

/** An empty data segment. */
export const EMPTY: Uint8Array<ArrayBuffer> = new Uint8Array(0);
/** Zero padding after a data segment, indexed by its length mod 4 (RFC 7143 section 11.1). */
export const PAD: readonly Uint8Array[] = [EMPTY, new Uint8Array(3), new Uint8Array(2), new Uint8Array(1)];
/** MaxRecvDataSegmentLength during login (RFC 7143 section 13.12: the default until declared). */
export const LOGIN_MAX_DSL: number = 8192;

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

/** What a connection needs from the target that owns it. */
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
  connectionClosed(conn: SessionConnection): void;
  /** Bytes of data-out a WRITE (10)/(16) CDB transfers and the LU's block size, when known. */
  writeLength(lun: number, cdb: Uint8Array): { readonly bytes: number; readonly blockSize: number } | undefined;
  /** The same WRITE CDB with another TRANSFER LENGTH. */
  withTransferLength(cdb: Uint8Array, blocks: number): Uint8Array;
  lunExists(lun: number): boolean;
}

/** Text pairs, each encoded on its own (SendTargets answers repeat TargetAddress). */
export function encodeTextPairs(pairs: readonly IscsiTextPair[]): Uint8Array {
  if (pairs.length === 0) return EMPTY;
  const parts = pairs.map((p) => encodeIscsiTextKeys([p]));
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

/** A protocol error: the PDU is rejected with `reason` and the connection closed. */
export class ProtocolError extends Error {
  readonly reason: number;
  constructor(reason: number, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Login state of a connection, until full feature phase. */
export interface LoginState {
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

/**
 * A connection as the protocol steps (login, commands, data-out, execution, task management,
 * requests) use it: its state and what it sends.
 */
export interface ConnectionState extends SessionConnection {
  phase: 'login' | 'full feature' | 'closed';
  session: Session | undefined;
  cid: number;
  statSn: number;
  readonly ctx: TargetContext;
  readonly peer: string;
  readonly socket: Socket;
  readonly portal: IscsiPortal;
  readonly config: IscsiTargetNegotiationConfig;
  headerDigest: boolean;
  dataDigest: boolean;
  maxRecvDsl: number;
  /** The initiator's MaxRecvDataSegmentLength: the largest data segment we send. */
  maxSendDsl: number;
  nextTtt: number;
  login: LoginState | undefined;
  negotiation: IscsiNegotiationState | undefined;
  textIn: { itt: number; parts: Uint8Array[]; bytes: number } | undefined;
  /** The rest of a Text Response longer than the initiator's MaxRecvDataSegmentLength. */
  textOut: { itt: number; ttt: number; rest: Uint8Array } | undefined;
  loginTimer: ReturnType<typeof setTimeout> | undefined;
  nopTimer: ReturnType<typeof setInterval> | undefined;
  send(pdu: IscsiPduInput): void;
  /** A PDU whose data segment is a view into a larger buffer, sent without copying it. */
  sendWithData(pdu: IscsiPduInput, data: Uint8Array): void;
  nextStatSn(): number;
  /** Reject a command-like PDU; its CmdSN still counts as received. */
  rejectCommand(pdu: { immediate: boolean; cmdSn: number }, bytes: Uint8Array, reason: number): void;
  /** Stop reading, send what is queued, then close. */
  closeAfterFlush(): void;
  /** Target-initiated NOP-In ping (RFC 7143 section 11.19). */
  keepalive(): void;
}
