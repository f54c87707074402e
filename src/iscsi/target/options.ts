/**
 * Options and limits of {@link IscsiTarget}.
 */
import type { CommandRequest, CommandResponse, ItNexus } from '../../copy-manager/index.js';

/**
 * What the target needs from a copy manager: `execute()`, plus (when present) the SAM task
 * management and nexus-loss entry points. A `CopyManager` from `scsi-odx/copy-manager` fits.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiCopyManager {
  /**
   * Run one command. `request.dataOut` is lent for the call: the target reuses a WRITE's buffer
   * for later commands, so an implementation that keeps write data keeps a copy.
   */
  execute(request: CommandRequest): CommandResponse;
  /** SAM I_T nexus loss (logout, connection loss, session reinstatement). */
  itNexusLoss?(nexus: ItNexus): void;
  /** LOGICAL UNIT RESET. */
  logicalUnitReset?(lun: number): void;
  /** TARGET WARM RESET / TARGET COLD RESET. */
  targetReset?(): void;
  /** ABORT TASK SET / CLEAR TASK SET for one nexus and LU. */
  abortTaskSet?(nexus: ItNexus, lun: number): void;
  /** ABORT TASK of a command whose background copy (list identifier) still runs. */
  abortCopy?(nexus: ItNexus, lun: number, listIdentifier: number): boolean;
}

/** One listening address; each portal is one SCSI target port in its own target portal group. @remarks Since 0.2.0 */
export interface IscsiPortalOptions {
  /** Address to bind (default `127.0.0.1`). */
  readonly host?: string | undefined;
  /** TCP port (default 3260; 0 picks a free one). */
  readonly port?: number | undefined;
}

/** A bound portal. @remarks Since 0.2.0 */
export interface IscsiPortal {
  readonly host: string;
  readonly port: number;
  /** Target portal group tag = relative target port identifier (1, 2, ... in portal order). */
  readonly portalGroupTag: number;
}

/** CHAP credentials (RFC 7143 section 12.1.3). @remarks Since 0.2.0 */
export interface IscsiChapCredentials {
  readonly user: string;
  readonly secret: string;
}

/**
 * Limits that keep a hostile or broken peer from exhausting the server. Every one has a default.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiTargetLimits {
  /** Sessions at a time (default 64). */
  readonly maxSessions: number;
  /** TCP connections at a time, logged in or not (default 256). */
  readonly maxConnections: number;
  /** Connections per session, the MaxConnections we accept (default 4). */
  readonly maxConnectionsPerSession: number;
  /** Commands in flight per session: the CmdSN window (default 64). */
  readonly maxCommandsInFlight: number;
  /** Write data buffered per connection for commands still receiving data (default 64 MiB). */
  readonly maxPendingWriteBytes: number;
  /**
   * Write data buffered by the whole target, every connection together, for commands still
   * receiving data (default 256 MiB). A WRITE whose Expected Data Transfer Length would exceed it
   * is answered without buffering anything: TASK SET FULL when its I_T nexus has a command in the
   * logical unit's task set, BUSY otherwise (SAM-5 section 5.3.1). The bytes are released when the
   * command runs, is aborted, or its connection closes.
   *
   * @remarks Since 0.2.0
   */
  readonly maxTargetPendingWriteBytes: number;
  /** Bytes queued for sending on one connection before it stops reading (default 64 MiB). */
  readonly maxQueuedSendBytes: number;
  /** MaxRecvDataSegmentLength we declare (default 262144; 512..16777215). */
  readonly maxRecvDataSegmentLength: number;
  /** MaxBurstLength we offer (default 16776192). */
  readonly maxBurstLength: number;
  /** FirstBurstLength we offer (default 16776192). */
  readonly firstBurstLength: number;
  /** MaxOutstandingR2T we offer (default 8). */
  readonly maxOutstandingR2T: number;
  /** Milliseconds from TCP accept to full feature phase (default 15000). */
  readonly loginTimeoutMs: number;
  /** Bytes of text keys in one Login or Text sequence (C bit continuation) (default 65536). */
  readonly maxTextBytes: number;
  /**
   * Milliseconds of silence from a logged-in initiator after which the target pings it with a
   * NOP-In (default 0: never). An initiator that does not answer within the same time again is
   * disconnected.
   */
  readonly nopInIntervalMs: number;
}

/** The default {@link IscsiTargetLimits}. @remarks Since 0.2.0 */
export const DEFAULT_ISCSI_TARGET_LIMITS: IscsiTargetLimits = Object.freeze({
  maxSessions: 64,
  maxConnections: 256,
  maxConnectionsPerSession: 4,
  maxCommandsInFlight: 64,
  maxPendingWriteBytes: 64 * 1024 * 1024,
  maxTargetPendingWriteBytes: 256 * 1024 * 1024,
  maxQueuedSendBytes: 64 * 1024 * 1024,
  maxRecvDataSegmentLength: 262_144,
  maxBurstLength: 16_776_192,
  firstBurstLength: 16_776_192,
  maxOutstandingR2T: 8,
  loginTimeoutMs: 15_000,
  maxTextBytes: 65_536,
  nopInIntervalMs: 0,
});

/** One SCSI command as the target executed it (for tracing). @remarks Since 0.2.0 */
export interface IscsiCommandTrace {
  readonly nexus: ItNexus;
  readonly lun: number;
  readonly cdb: Uint8Array;
  readonly dataOut?: Uint8Array | undefined;
  readonly response: CommandResponse;
  /** Expected Data Transfer Length of the iSCSI command. */
  readonly expectedDataTransferLength: number;
}

/** Options of {@link IscsiTarget}. @remarks Since 0.2.0 */
export interface IscsiTargetOptions {
  /** The copy manager every session shares. */
  readonly copyManager: IscsiCopyManager;
  /** iSCSI target name (default `iqn.2026-12.org.scsi-odx:copy-manager`). */
  readonly targetName?: string | undefined;
  /** TargetAlias declared at login (default none). */
  readonly targetAlias?: string | undefined;
  /** Portals (default one: 127.0.0.1:3260). */
  readonly portals?: readonly IscsiPortalOptions[] | undefined;
  /** Require CHAP (MD5) with these credentials; without, AuthMethod=None. */
  readonly chap?: IscsiChapCredentials | undefined;
  /** The target's credentials for mutual CHAP (when the initiator asks for it). */
  readonly mutualChap?: IscsiChapCredentials | undefined;
  /** Limits (defaults: {@link DEFAULT_ISCSI_TARGET_LIMITS}). */
  readonly limits?: Partial<IscsiTargetLimits> | undefined;
  /** Called after every SCSI command. */
  readonly onCommand?: ((trace: IscsiCommandTrace) => void) | undefined;
  /** Called with one line per notable event (logins, logouts, protocol errors). */
  readonly log?: ((line: string) => void) | undefined;
}
