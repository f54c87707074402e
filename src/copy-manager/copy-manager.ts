/**
 * The reference in-memory copy manager: thin logical units plus POPULATE TOKEN / WRITE USING
 * TOKEN / RRTI, behind one byte-level entry point, {@link CopyManager.execute}.
 *
 * @packageDocumentation
 */
import { type Cdb, decodeCdb } from '../cdb/index.js';
import { isScsiCodecError, type ScsiCodecError } from '../errors.js';
import { resolveAlua, type TargetPortGroupOptions } from './alua.js';
import { type Clock, systemClock } from './clock.js';
import { commandsFor, type SupportedCommand } from './commands.js';
import { check, dispatch, SCSI_STATUS } from './dispatch.js';
import {
  type CommandRequest,
  type CommandResponse,
  type CopyManagerLimits,
  Engine,
  type ItNexus,
  type LogicalUnitOptions,
  type OpRec,
  type Range,
} from './engine.js';
import { FaultError, faultFor } from './fault.js';
import { checkRequest } from './request.js';
import { unitAttentionRule } from './types.js';
import * as wire from './wire.js';

export { SCSI_STATUS };

/**
 * Options of {@link CopyManager}. Every limit is advertised in VPD pages 8Fh / B0h exactly as
 * enforced.
 *
 * @remarks Since 0.1.0
 */
export interface CopyManagerOptions {
  /** Logical units (LUN = index unless given). */
  readonly logicalUnits: readonly LogicalUnitOptions[];
  /** Time source (default: `Date.now`). Use {@link ManualClock} in tests. */
  readonly clock?: Clock | undefined;
  /**
   * Fills a buffer with cryptographically strong random bytes (default: `crypto.getRandomValues`).
   * It may be called with the same array again: it must fill it, not keep it.
   */
  readonly random?: ((bytes: Uint8Array) => void) | undefined;
  /** Maximum live ROD tokens (default 4096). */
  readonly maxLiveTokens?: number | undefined;
  /** Maximum live tokens created through one I_T nexus (default: a quarter of `maxLiveTokens`). */
  readonly maxTokensPerNexus?: number | undefined;
  /** Maximum concurrent background (IMMED = 1) copy operations (default 2). */
  readonly maxConcurrentCopies?: number | undefined;
  /** MAXIMUM RANGE DESCRIPTORS per POPULATE TOKEN / WRITE USING TOKEN (default 64). */
  readonly maxRangeDescriptors?: number | undefined;
  /** MAXIMUM TOKEN TRANSFER SIZE in logical blocks (default 2^24). */
  readonly maxTokenTransferSize?: bigint | undefined;
  /**
   * Block Limits MAXIMUM TRANSFER LENGTH in blocks for READ and WRITE (default 2^16); advertised per
   * logical unit as at most 1 GiB of blocks (what one transfer buffer holds). Range descriptors are
   * limited by MAXIMUM BYTES IN BLOCK ROD (8Fh), not by this (since 0.2.0).
   */
  readonly maxTransferLength?: number | undefined;
  /** DEFAULT INACTIVITY TIMEOUT in seconds (default 60). */
  readonly defaultInactivityTimeout?: number | undefined;
  /** MAXIMUM INACTIVITY TIMEOUT in seconds (default 3600). */
  readonly maxInactivityTimeout?: number | undefined;
  /** Background copy speed in bytes per second of clock time (default 1 GiB/s). */
  readonly backgroundBytesPerSecond?: number | undefined;
  /**
   * What WRITE USING TOKEN does when the token holds fewer bytes than asked for: `'zero-fill'`
   * (default, SBC-5 5.59.2: copy whole blocks and the last partial block padded with zeros; a
   * shortfall is reported only if fewer blocks than requested were written) or `'underrun'` (copy
   * only whole blocks of token data and report the shortfall; not what SBC asks for, kept for
   * comparing hosts against a target that behaves so).
   */
  readonly shortTokenPolicy?: 'zero-fill' | 'underrun' | undefined;
  /** T10 VENDOR IDENTIFICATION (default `'SCSI-ODX'`). */
  readonly vendorIdentification?: string | undefined;
  /** PRODUCT IDENTIFICATION (default `'COPY MANAGER'`). */
  readonly productIdentification?: string | undefined;
  /**
   * Establish a POWER ON OCCURRED unit attention (29h/01h) for each I_T_L nexus, reported on its
   * first command (default `false`).
   *
   * @remarks Since 0.2.0
   */
  readonly powerOnUnitAttention?: boolean | undefined;
  /**
   * I_T nexuses with state kept (results, pending unit attentions); the least recently used one is
   * forgotten beyond this (default 4096).
   *
   * @remarks Since 0.2.0
   */
  readonly maxNexuses?: number | undefined;
  /**
   * Seconds without a command after which an I_T nexus's state is forgotten (default: twice
   * `maxInactivityTimeout`).
   *
   * @remarks Since 0.2.0
   */
  readonly nexusIdleTimeout?: number | undefined;
  /**
   * Target port groups for asymmetric logical unit access (implicit ALUA). Each group lists the
   * RELATIVE TARGET PORT IDENTIFIERs (`ItNexus.targetPortId`) of its ports. With groups, standard
   * INQUIRY reports TPGS = 01b, VPD 83h adds the target port group designator of the port a
   * command came through, and REPORT TARGET PORT GROUPS reports each LU active/optimized through
   * the group in its `ownerTargetPortGroup` and active/non-optimized through the others. Without
   * them (the default) TPGS = 0 and REPORT TARGET PORT GROUPS is not implemented.
   *
   * @remarks Since 0.2.0
   */
  readonly targetPortGroups?: readonly TargetPortGroupOptions[] | undefined;
  /**
   * Invalidation records kept, telling why a dead token died (23h/07h, 08h, 09h) for twice its
   * inactivity timeout; beyond this the oldest is forgotten and its token reads TOKEN UNKNOWN
   * (default 16 x `maxLiveTokens`).
   *
   * @remarks Since 0.2.0
   */
  readonly maxInvalidationRecords?: number | undefined;
}

export type { CopyManagerLimits };

interface GlobalCrypto {
  readonly crypto?: { getRandomValues(b: Uint8Array): Uint8Array } | undefined;
}

function defaultRandom(b: Uint8Array): void {
  const c = (globalThis as GlobalCrypto).crypto;
  if (c === undefined) throw new Error('scsi-odx copy manager: no crypto.getRandomValues; pass options.random');
  c.getRandomValues(b);
}

function resolveLimits(o: CopyManagerOptions): CopyManagerLimits {
  const maxLiveTokens = o.maxLiveTokens ?? 4096;
  const maxInactivityTimeout = o.maxInactivityTimeout ?? 3600;
  return {
    maxLiveTokens,
    maxTokensPerNexus: o.maxTokensPerNexus ?? Math.max(1, Math.floor(maxLiveTokens / 4)),
    maxConcurrentCopies: o.maxConcurrentCopies ?? 2,
    maxRangeDescriptors: o.maxRangeDescriptors ?? 64,
    maxTokenTransferSize: o.maxTokenTransferSize ?? 1n << 24n,
    maxTransferLength: o.maxTransferLength ?? 1 << 16,
    defaultInactivityTimeout: o.defaultInactivityTimeout ?? 60,
    maxInactivityTimeout,
    backgroundBytesPerSecond: o.backgroundBytesPerSecond ?? 2 ** 30,
    shortTokenPolicy: o.shortTokenPolicy ?? 'zero-fill',
    maxResultsPerNexus: Math.max(16, o.maxTokensPerNexus ?? Math.floor(maxLiveTokens / 4)),
    maxNexuses: checked('maxNexuses', o.maxNexuses ?? 4096, 1),
    nexusIdleTimeout: checked('nexusIdleTimeout', o.nexusIdleTimeout ?? 2 * maxInactivityTimeout, 0),
    maxInvalidationRecords: checked('maxInvalidationRecords', o.maxInvalidationRecords ?? 16 * maxLiveTokens, 1),
  };
}

/** A whole number of at least `min`, or RangeError naming the option (NaN would disable a cap). */
function checked(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new RangeError(`scsi-odx copy manager: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

const ENGINES: WeakMap<CopyManager, Engine> = new WeakMap();

/** The typed core behind a copy manager (tests and diagnostics; not part of the public API). @internal */
export function engineOf(cm: CopyManager): Engine {
  const e = ENGINES.get(cm);
  if (e === undefined) throw new TypeError('not a CopyManager');
  return e;
}

/**
 * A reference SCSI copy manager with thin in-memory logical units. It speaks only bytes:
 * CDB + data-out in, status + sense + data-in out, all built and parsed with this package's codecs.
 *
 * @example
 * ```ts
 * import { CopyManager, ManualClock } from 'scsi-odx/copy-manager';
 * const cm = new CopyManager({ clock: new ManualClock(), logicalUnits: [{ blockSize: 512, capacity: 1n << 32n }] });
 * const tur = cm.execute({ nexus: { initiatorPortId: 'host-a', targetPortId: 1 }, lun: 0, cdb: new Uint8Array(6) });
 * console.log(tur.status); // 0 (GOOD)
 * ```
 * @remarks Since 0.1.0
 */
export class CopyManager {
  private readonly engine: Engine;
  /** The clock the engine reads (the option's, read once per command). */
  private readonly clock: CommandClock;
  /** Vendor, product and target port groups, as INQUIRY reports them. */
  private readonly identity: wire.Identity;
  /** The implemented commands (see `commands.ts`). */
  private readonly commands: ReadonlyMap<string, SupportedCommand>;

  constructor(options: CopyManagerOptions) {
    this.clock = new CommandClock(options.clock ?? systemClock);
    this.engine = new Engine(
      options.logicalUnits,
      resolveLimits(options),
      this.clock,
      options.random ?? defaultRandom,
      wire.makeTokenFormat,
    );
    const pou = options.powerOnUnitAttention;
    if (pou !== undefined && typeof pou !== 'boolean') {
      throw new TypeError(`scsi-odx copy manager: powerOnUnitAttention must be a boolean, got ${typeof pou}`);
    }
    this.engine.nexus.powerOnUnitAttention = pou === true;
    ENGINES.set(this, this.engine);
    const alua = resolveAlua(options.targetPortGroups, options.logicalUnits);
    this.identity = {
      vendor: options.vendorIdentification ?? 'SCSI-ODX',
      product: options.productIdentification ?? 'COPY MANAGER',
      alua,
    };
    this.commands = commandsFor(alua !== undefined);
  }

  /** The enforced (and advertised) limits. */
  get limits(): CopyManagerLimits {
    return this.engine.limits;
  }

  /**
   * The logical units: LUN, logical block length and capacity in blocks (transports use them,
   * e.g. to compute residuals).
   *
   * @remarks Since 0.2.0
   */
  get logicalUnits(): readonly { readonly lun: number; readonly blockSize: number; readonly capacity: bigint }[] {
    return [...this.engine.lus.values()].map((u) => ({ lun: u.lun, blockSize: u.blockSize, capacity: u.capacity }));
  }

  /** Number of live ROD tokens (expired ones are dropped first). */
  get liveTokenCount(): number {
    return this.engine.liveTokens().length;
  }

  /** Number of background copy operations in progress (as of the last command). */
  get runningCopies(): number {
    this.engine.tick();
    return this.engine.runningCount;
  }

  /**
   * SAM-5 I_T nexus loss (the transport lost or logged out the nexus): terminates the nexus's
   * background copies, frees its results and other state, and establishes the unit attention
   * I_T NEXUS LOSS OCCURRED (29h/07h) for it on every logical unit. ROD tokens it created keep
   * their own lifetime (SPC-5: a token is not tied to the nexus that created it).
   *
   * @remarks Since 0.2.0
   */
  itNexusLoss(nexus: ItNexus): void {
    this.engine.tick();
    this.engine.itNexusLoss(nexus);
  }

  /**
   * SAM-5 logical unit reset (LOGICAL UNIT RESET task management function): terminates every
   * background copy on the LU, frees every nexus's results there, and establishes BUS DEVICE
   * RESET FUNCTION OCCURRED (29h/03h) for every I_T nexus on it. ROD tokens stay valid. An unknown
   * LUN is ignored.
   *
   * @remarks Since 0.2.0
   */
  logicalUnitReset(lun: number): void {
    this.engine.tick();
    this.engine.logicalUnitReset(lun);
  }

  /**
   * Target reset (iSCSI TARGET WARM/COLD RESET; the TARGET RESET of SAM-3): a logical unit reset of
   * every LU, so each LU establishes 29h/03h for every I_T nexus.
   *
   * @remarks Since 0.2.0
   */
  targetReset(): void {
    this.engine.tick();
    for (const lun of this.engine.lus.keys()) this.engine.logicalUnitReset(lun);
  }

  /**
   * SAM-5 ABORT TASK SET (or CLEAR TASK SET) from `nexus` for `lun`: terminates that I_T_L nexus's
   * background copies (COPY OPERATION STATUS 60h); their results stay readable.
   *
   * @remarks Since 0.2.0
   */
  abortTaskSet(nexus: ItNexus, lun: number): void {
    this.engine.tick();
    this.engine.abortTaskSet(nexus, lun);
  }

  /**
   * Terminate one background copy (ABORT TASK for the copy's task, like COPY OPERATION ABORT).
   * Returns `true` if that I_T_L nexus had a copy with this list identifier running.
   *
   * @remarks Since 0.2.0
   */
  abortCopy(nexus: ItNexus, lun: number, listIdentifier: number): boolean {
    this.engine.tick();
    return this.engine.abortCopy(nexus, lun, listIdentifier);
  }

  /**
   * Process one command. Never throws for anything the initiator sends: malformed input becomes
   * CHECK CONDITION with the sense the spec asks for. A pending unit attention of the I_T_L nexus is
   * reported (and cleared) instead of processing any command but INQUIRY, REPORT LUNS and REQUEST
   * SENSE (since 0.2.0); NACA = 1 in CONTROL is ILLEGAL REQUEST 24h/00h (since 0.2.0).
   *
   * The bytes of `cdb` and `dataOut` are the initiator's and always get a SCSI answer. A request
   * of the wrong JavaScript shape is the calling program's error (since 0.2.0): `cdb` or
   * `dataOut` not a `Uint8Array` (a `number[]`, a string, an `ArrayBuffer`, a DataView, a Proxy),
   * a nexus without a string `initiatorPortId` and an integer `targetPortId`, a LUN that is not a
   * non-negative integer. It throws {@link ScsiCodecError} `ERR_UNEXPECTED_VALUE` (structure
   * `CommandRequest`, `field` naming the member) before anything is changed; this is the only
   * error `execute()` throws. A `Uint8Array` from another realm (a `node:vm` context) is accepted.
   *
   * @throws {ScsiCodecError} `ERR_UNEXPECTED_VALUE` for a request of the wrong shape.
   */
  execute(request: CommandRequest): CommandResponse {
    request = checkRequest(request);
    this.clock.fix();
    try {
      return this.run(request);
    } finally {
      this.clock.release();
    }
  }

  /** {@link execute} of a request of the right shape, at one instant of the clock. */
  private run(request: CommandRequest): CommandResponse {
    this.engine.tick();
    // Strict first: reserved CDB fields are checked (rule spc.cdb.reserved), as by the README's
    // device server; anything else strict decoding refuses is decided by the lenient decode.
    let cdb: Cdb;
    try {
      cdb = decodeCdb(request.cdb, STRICT);
    } catch (e) {
      if (isScsiCodecError(e) && e.code === 'ERR_RESERVED_NONZERO') return this.codecFailure(e, 'cdb');
      try {
        cdb = decodeCdb(request.cdb);
      } catch (e2) {
        return this.codecFailure(e2, 'cdb');
      }
    }
    // Unit attention (SAM-5, UA_INTLCK_CTRL 00b): reported, and cleared, by any command to the
    // LU except INQUIRY, REPORT LUNS and REQUEST SENSE, which neither report nor clear it.
    const itl = this.engine.lus.has(request.lun) ? this.engine.itl(request.nexus, request.lun) : undefined;
    if (itl?.ua !== undefined && !UA_EXEMPT.has(cdb.kind)) {
      const code = this.engine.takeUnitAttention(itl) as number;
      return check(faultFor(unitAttentionRule(code)));
    }
    // NACA = 1 (CONTROL bit 2) while standard INQUIRY says NORMACA = 0: SAM-5 says ILLEGAL REQUEST,
    // INVALID FIELD IN CDB, pointer at CONTROL (the CDB's last byte) bit 2. One check for every
    // supported command, from the decoded CONTROL byte; an unsupported one stays 20h/00h.
    const supported = this.commands.get(cdb.kind);
    const control = (cdb as { readonly control?: unknown }).control;
    if (supported !== undefined && typeof control === 'number' && (control & 0x04) !== 0) {
      return check(faultFor('sam.cdb.naca', { fieldPointer: supported.cdbLength - 1, bitPointer: 2 }));
    }
    try {
      const data = request.dataOut ?? NO_DATA;
      const { identity, commands } = this;
      return dispatch({ e: this.engine, req: request, itl, data, identity, commands }, cdb);
    } catch (e) {
      if (e instanceof FaultError) return check(e.fault);
      return this.codecFailure(e, 'parameterList');
    }
  }

  /** CHECK CONDITION for a codec error; anything else (a bug) is thrown on. */
  private codecFailure(e: unknown, where: 'cdb' | 'parameterList'): CommandResponse {
    if (!isScsiCodecError(e)) throw e;
    return { status: SCSI_STATUS.CHECK_CONDITION, senseData: wire.senseFromCodecError(e as ScsiCodecError, where) };
  }
}

const STRICT = Object.freeze({ strict: true });

/** The data-out of a request without one (nothing is ever written into it). */
const NO_DATA = new Uint8Array(0);

/**
 * The copy manager's clock: its source clock, read once per command. `execute()` fixes the time
 * when a command starts and releases it when it ends, so a command happens at one instant;
 * outside a command every reading is the source's.
 */
class CommandClock implements Clock {
  private readonly source: Clock;
  private fixed: number | undefined = undefined;
  constructor(source: Clock) {
    this.source = source;
  }
  now(): number {
    return this.fixed ?? this.source.now();
  }
  fix(): void {
    this.fixed = this.source.now();
  }
  release(): void {
    this.fixed = undefined;
  }
}

/** Commands a pending unit attention neither blocks nor clears (SAM-5 "Unit attention condition"). */
const UA_EXEMPT: ReadonlySet<string> = new Set(['INQUIRY', 'REPORT LUNS', 'REQUEST SENSE']);

export type { CommandRequest, CommandResponse, ItNexus, LogicalUnitOptions, OpRec, Range };
