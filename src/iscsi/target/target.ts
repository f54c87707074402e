/**
 * The iSCSI target: TCP portals, the session registry and the limits, over one shared copy
 * manager (RFC 7143).
 */
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import { decodeCdb, encodeCdb } from '../../cdb/index.js';
import { OPCODE } from '../../constants/opcodes.js';
import { BufferPool } from './buffers.js';
import { Connection } from './connection.js';
import type { TargetContext, TargetStats } from './context.js';
import {
  DEFAULT_ISCSI_TARGET_LIMITS,
  type IscsiChapCredentials,
  type IscsiCommandTrace,
  type IscsiCopyManager,
  type IscsiPortal,
  type IscsiPortalOptions,
  type IscsiTargetLimits,
  type IscsiTargetOptions,
} from './options.js';
import { initiatorPortName, Session, type SessionParams, sessionKey } from './session.js';

/** Default iSCSI target name. @remarks Since 0.2.0 */
export const DEFAULT_ISCSI_TARGET_NAME = 'iqn.2026-12.org.scsi-odx:copy-manager';

/** Logical unit geometry the target may know (for write residuals and LUN checks). */
interface LuGeometry {
  readonly lun: number;
  readonly blockSize: number;
}

interface WithLogicalUnits {
  readonly logicalUnits?: readonly LuGeometry[];
}

/**
 * An iSCSI target serving one {@link IscsiCopyManager} on one or more portals. Each portal is a
 * SCSI target port (relative target port identifier 1, 2, ... in portal order) in its own target
 * portal group with the same number; the I_T nexus of a session is the initiator port
 * (`InitiatorName,i,0xISID`) and that target port.
 *
 * @example
 * ```ts
 * import { CopyManager } from 'scsi-odx/copy-manager';
 * import { IscsiTarget } from 'scsi-odx/iscsi';
 * const cm = new CopyManager({ logicalUnits: [{ blockSize: 512, capacity: 1n << 21n }] });
 * const target = new IscsiTarget({ copyManager: cm, portals: [{ host: '127.0.0.1', port: 3260 }] });
 * await target.listen();
 * // ... later
 * await target.close();
 * ```
 * @remarks Since 0.2.0
 */
export class IscsiTarget {
  /** The iSCSI target name. */
  readonly targetName: string;
  /** The limits in force. */
  readonly limits: IscsiTargetLimits;
  private readonly ctx: TargetContext;
  private readonly portalOptions: readonly IscsiPortalOptions[];
  private readonly servers: Server[] = [];
  private bound: IscsiPortal[] = [];
  private readonly connections: Set<Connection> = new Set();
  private readonly sessionsByKey: Map<string, Session> = new Map();
  private readonly sessionsByTsih: Map<number, Session> = new Map();
  private nextTsih = 1;
  private closing = false;
  private geometry: Map<number, number> | undefined;
  private readonly pendingWrites = { bytes: 0 };
  private readonly counters: TargetStats = { pdus: 0, rejects: 0, protocolErrors: 0, connections: 0 };

  constructor(options: IscsiTargetOptions) {
    const cm = options.copyManager;
    if (cm === null || typeof cm !== 'object' || typeof cm.execute !== 'function') {
      throw new TypeError('IscsiTarget: options.copyManager must have an execute() method');
    }
    this.targetName = options.targetName ?? DEFAULT_ISCSI_TARGET_NAME;
    this.limits = Object.freeze({ ...DEFAULT_ISCSI_TARGET_LIMITS, ...definedOnly(options.limits ?? {}) });
    checkLimits(this.limits);
    this.portalOptions = options.portals ?? [{}];
    if (this.portalOptions.length === 0 || this.portalOptions.length > 65535) {
      throw new RangeError('IscsiTarget: 1..65535 portals');
    }
    for (const c of [options.chap, options.mutualChap]) if (c !== undefined) checkChap(c);
    if (options.mutualChap !== undefined && options.chap === undefined) {
      throw new TypeError('IscsiTarget: mutualChap needs chap');
    }
    const lus = (cm as WithLogicalUnits).logicalUnits;
    if (Array.isArray(lus)) this.geometry = new Map(lus.map((u) => [u.lun, u.blockSize]));
    const log = options.log ?? (() => undefined);
    const onCommand = options.onCommand;
    this.ctx = {
      stats: this.counters,
      cm,
      limits: this.limits,
      pendingWrites: this.pendingWrites,
      // Kept write buffers: at most 16 MiB, or none while every command's data-out goes to onCommand.
      writeBuffers: new BufferPool(
        onCommand === undefined ? Math.min(16 * 2 ** 20, this.limits.maxPendingWriteBytes) : 0,
      ),
      targetName: this.targetName,
      targetAlias: options.targetAlias,
      chap: options.chap,
      mutualChap: options.mutualChap,
      log,
      traceCommand(session, lun, cdb, dataOut, response, edtl) {
        if (onCommand === undefined) return;
        const t: IscsiCommandTrace = {
          nexus: session.nexus,
          lun,
          cdb,
          dataOut,
          response,
          expectedDataTransferLength: edtl,
        };
        onCommand(t);
      },
      targetAddresses: (local) => this.targetAddresses(local),
      sessionByKey: (key) => this.sessionsByKey.get(key),
      sessionByTsih: (tsih) => this.sessionsByTsih.get(tsih),
      openSession: (name, isid, tpgt, discovery, params, cmdSn) =>
        this.openSession(name, isid, tpgt, discovery, params, cmdSn),
      endSession: (s) => this.endSession(s),
      sessions: () => this.sessionsByKey.values(),
      connectionClosed: (c) => {
        this.connections.delete(c as Connection);
      },
      writeLength: (lun, cdb) => this.writeLength(lun, cdb),
      withTransferLength: (cdb, blocks) => this.withTransferLength(cdb, blocks),
      lunExists: (lun) => this.geometry === undefined || this.geometry.has(lun),
    };
  }

  /** The bound portals (after {@link IscsiTarget.listen}). */
  get portals(): readonly IscsiPortal[] {
    return this.bound;
  }

  /** Sessions in full feature phase. */
  get sessionCount(): number {
    return this.sessionsByKey.size;
  }

  /** TCP connections open (logging in or logged in). */
  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Write data buffered now, target-wide, for commands still receiving it (bounded by
   * `limits.maxTargetPendingWriteBytes`).
   *
   * @remarks Since 0.2.0
   */
  get pendingWriteBytes(): number {
    return this.pendingWrites.bytes;
  }

  /** Counters since construction: PDUs received, Rejects sent, connections closed for protocol errors, connections accepted. */
  get stats(): Readonly<IscsiTargetStats> {
    return { ...this.counters };
  }

  /** Bind every portal; resolves with the bound addresses (port 0 becomes the port picked). */
  async listen(): Promise<readonly IscsiPortal[]> {
    if (this.servers.length > 0) throw new Error('IscsiTarget: already listening');
    const bound: IscsiPortal[] = [];
    try {
      for (let i = 0; i < this.portalOptions.length; i++) {
        const o = this.portalOptions[i] as IscsiPortalOptions;
        const host = o.host ?? '127.0.0.1';
        const tag = i + 1;
        const server = createServer({ noDelay: true }, (socket) => this.accept(socket, tag));
        this.servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(o.port ?? 3260, host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        const a = server.address();
        const port = typeof a === 'object' && a !== null ? a.port : (o.port ?? 3260);
        bound.push({ host, port, portalGroupTag: tag });
      }
    } catch (e) {
      await this.close();
      throw e;
    }
    this.bound = bound;
    return bound;
  }

  /**
   * Stop listening and end every session (I_T nexus loss) and connection. With `graceMs`, first
   * ask each initiator to log out (RFC 7143 section 11.9.1, AsyncEvent 1) and wait up to that
   * long for them to do so.
   */
  async close(options: { readonly graceMs?: number | undefined } = {}): Promise<void> {
    this.closing = true;
    const grace = options.graceMs ?? 0;
    if (grace > 0 && this.sessionsByKey.size > 0) {
      // Ask every initiator to log out (Asynchronous Message, AsyncEvent 1) and give them the time.
      for (const c of this.connections) c.requestLogout(Math.ceil(grace / 1000));
      const t0 = Date.now();
      while (this.sessionsByKey.size > 0 && Date.now() - t0 < grace) {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const waits = this.servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
        }),
    );
    for (const s of [...this.sessionsByKey.values()]) this.endSession(s);
    for (const c of [...this.connections]) c.close();
    this.servers.length = 0;
    await Promise.all(waits);
    this.closing = false;
  }

  private accept(socket: Socket, portalGroupTag: number): void {
    if (this.closing || this.connections.size >= this.limits.maxConnections) {
      socket.destroy();
      return;
    }
    const portal = this.bound[portalGroupTag - 1] ?? {
      host: this.portalOptions[portalGroupTag - 1]?.host ?? '127.0.0.1',
      port: socket.localPort ?? 0,
      portalGroupTag,
    };
    this.counters.connections++;
    this.connections.add(new Connection(socket, this.ctx, portal));
  }

  private targetAddresses(local: string | undefined): string[] {
    return this.bound.map((p) => {
      const wildcard = p.host === '0.0.0.0' || p.host === '::';
      let host = wildcard && local !== undefined ? local : p.host;
      if (host.startsWith('::ffff:')) host = host.slice(7);
      return `${isIPv6(host) ? `[${host}]` : host}:${p.port},${p.portalGroupTag}`;
    });
  }

  private openSession(
    initiatorName: string,
    isid: number,
    portalGroupTag: number,
    discovery: boolean,
    params: SessionParams,
    cmdSn: number,
  ): Session | undefined {
    const key = sessionKey(initiatorName, isid, portalGroupTag);
    const old = this.sessionsByKey.get(key);
    // Session reinstatement (RFC 7143 section 6.3.5): the old session with this ISID goes first.
    if (old !== undefined) this.endSession(old);
    if (this.sessionsByKey.size >= this.limits.maxSessions) return undefined;
    let tsih = this.nextTsih;
    for (let i = 0; this.sessionsByTsih.has(tsih) && i < 65536; i++) tsih = tsih >= 0xffff ? 1 : tsih + 1;
    this.nextTsih = tsih >= 0xffff ? 1 : tsih + 1;
    const nexus = { initiatorPortId: initiatorPortName(initiatorName, isid), targetPortId: portalGroupTag };
    const s = new Session(
      tsih,
      initiatorName,
      isid,
      portalGroupTag,
      discovery,
      nexus,
      params,
      this.limits.maxCommandsInFlight,
      cmdSn,
    );
    this.sessionsByKey.set(key, s);
    this.sessionsByTsih.set(tsih, s);
    return s;
  }

  private endSession(s: Session): void {
    if (s.ended) return;
    s.clear();
    if (this.sessionsByKey.get(s.key) === s) this.sessionsByKey.delete(s.key);
    if (this.sessionsByTsih.get(s.tsih) === s) this.sessionsByTsih.delete(s.tsih);
    for (const c of [...s.connections]) c.close();
    if (!s.discovery) this.ctx.cm.itNexusLoss?.(s.nexus);
  }

  private writeLength(lun: number, cdb: Uint8Array): { bytes: number; blockSize: number } | undefined {
    const blockSize = this.geometry?.get(lun);
    if (blockSize === undefined) return undefined;
    const op = cdb[0];
    if (op !== OPCODE.WRITE_10 && op !== OPCODE.WRITE_16) return undefined;
    try {
      const c = decodeCdb(cdb);
      if (c.kind === 'WRITE (10)' || c.kind === 'WRITE (16)') return { bytes: c.transferLength * blockSize, blockSize };
    } catch {
      // malformed: the copy manager reports it
    }
    return undefined;
  }

  private withTransferLength(cdb: Uint8Array, blocks: number): Uint8Array {
    const c = decodeCdb(cdb);
    if (c.kind !== 'WRITE (10)' && c.kind !== 'WRITE (16)') return cdb;
    return encodeCdb({ ...c, transferLength: blocks });
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}

function checkLimits(l: IscsiTargetLimits): void {
  const int = (k: keyof IscsiTargetLimits, min: number, max: number): void => {
    const v = l[k];
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`IscsiTarget: limits.${k} ${v} not in ${min}..${max}`);
  };
  int('maxSessions', 1, 65535);
  int('maxConnections', 1, 1_000_000);
  int('maxConnectionsPerSession', 1, 65535);
  int('maxCommandsInFlight', 1, 1 << 20);
  int('maxPendingWriteBytes', 0, Number.MAX_SAFE_INTEGER);
  int('maxTargetPendingWriteBytes', 0, Number.MAX_SAFE_INTEGER);
  int('maxQueuedSendBytes', 1, Number.MAX_SAFE_INTEGER);
  int('maxRecvDataSegmentLength', 512, 0xff_ffff);
  int('maxBurstLength', 512, 0xff_ffff);
  int('firstBurstLength', 512, 0xff_ffff);
  int('maxOutstandingR2T', 1, 65535);
  int('loginTimeoutMs', 1, 2 ** 31 - 1);
  int('maxTextBytes', 8192, 1 << 24);
  int('nopInIntervalMs', 0, 2 ** 31 - 1);
}

function checkChap(c: IscsiChapCredentials): void {
  if (typeof c.user !== 'string' || c.user.length === 0 || typeof c.secret !== 'string' || c.secret.length === 0) {
    throw new TypeError('IscsiTarget: CHAP user and secret must be non-empty strings');
  }
}

/** Counters of {@link IscsiTarget.stats}. @remarks Since 0.2.0 */
export interface IscsiTargetStats {
  /** PDUs received (framed), logins included. */
  readonly pdus: number;
  /** Reject PDUs sent. */
  readonly rejects: number;
  /** Connections closed for a protocol error or an undecodable PDU. */
  readonly protocolErrors: number;
  /** TCP connections accepted. */
  readonly connections: number;
}

export type { IscsiCopyManager };
