/**
 * The reference in-memory copy manager: thin logical units plus POPULATE TOKEN / WRITE USING
 * TOKEN / RRTI, behind one byte-level entry point, {@link CopyManager.execute}.
 *
 * @packageDocumentation
 */
import { type Cdb, decodeCdb } from '../cdb/index.js';
import { isScsiCodecError, type ScsiCodecError } from '../errors.js';
import { type Clock, systemClock } from './clock.js';
import { commandsFor, type SupportedCommand } from './commands.js';
import {
  COPY_STATUS,
  type CopyManagerLimits,
  Engine,
  type ItNexus,
  type LogicalUnitOptions,
  type OpRec,
  type Range,
} from './engine.js';
import { cdbAt, type Fault, FaultError, illegal, paramAt } from './fault.js';
import * as wire from './wire.js';

/** SAM status codes returned by {@link CopyManager.execute}. @remarks Since 0.1.0 */
export const SCSI_STATUS = {
  GOOD: 0x00,
  CHECK_CONDITION: 0x02,
} as const;

/** One command as it arrives at the copy manager. @remarks Since 0.1.0 */
export interface CommandRequest {
  /** The I_T nexus (initiator port + target port) the command arrived on. */
  readonly nexus: ItNexus;
  /** Logical unit number. */
  readonly lun: number;
  /** The CDB bytes. */
  readonly cdb: Uint8Array;
  /** Data-out bytes (parameter list or write data), if any. */
  readonly dataOut?: Uint8Array | undefined;
}

/** The command's outcome. @remarks Since 0.1.0 */
export interface CommandResponse {
  /** SAM status: 00h GOOD or 02h CHECK CONDITION. */
  readonly status: number;
  /** Sense data (fixed format, or descriptor format when INFORMATION needs 64 bits) with CHECK CONDITION. */
  readonly senseData?: Uint8Array;
  /** Data-in, already truncated to the CDB's ALLOCATION LENGTH. */
  readonly dataIn?: Uint8Array;
}

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
  /** Fills a buffer with cryptographically strong random bytes (default: `crypto.getRandomValues`). */
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
  /** Block Limits MAXIMUM TRANSFER LENGTH in blocks: READ/WRITE and each range descriptor (default 2^16). */
  readonly maxTransferLength?: number | undefined;
  /** DEFAULT INACTIVITY TIMEOUT in seconds (default 60). */
  readonly defaultInactivityTimeout?: number | undefined;
  /** MAXIMUM INACTIVITY TIMEOUT in seconds (default 3600). */
  readonly maxInactivityTimeout?: number | undefined;
  /** Background copy speed in bytes per second of clock time (default 1 GiB/s). */
  readonly backgroundBytesPerSecond?: number | undefined;
  /**
   * What WRITE USING TOKEN does when the token holds fewer bytes than asked for: `'zero-fill'`
   * (default, SBC: copy whole blocks, pad the last partial block with zeros, report underrun) or
   * `'underrun'` (Windows certification behaviour: copy only whole blocks, report underrun).
   */
  readonly shortTokenPolicy?: 'zero-fill' | 'underrun' | undefined;
  /** T10 VENDOR IDENTIFICATION (default `'SCSI-ODX'`). */
  readonly vendorIdentification?: string | undefined;
  /** PRODUCT IDENTIFICATION (default `'COPY MANAGER'`). */
  readonly productIdentification?: string | undefined;
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
  return {
    maxLiveTokens,
    maxTokensPerNexus: o.maxTokensPerNexus ?? Math.max(1, Math.floor(maxLiveTokens / 4)),
    maxConcurrentCopies: o.maxConcurrentCopies ?? 2,
    maxRangeDescriptors: o.maxRangeDescriptors ?? 64,
    maxTokenTransferSize: o.maxTokenTransferSize ?? 1n << 24n,
    maxTransferLength: o.maxTransferLength ?? 1 << 16,
    defaultInactivityTimeout: o.defaultInactivityTimeout ?? 60,
    maxInactivityTimeout: o.maxInactivityTimeout ?? 3600,
    backgroundBytesPerSecond: o.backgroundBytesPerSecond ?? 2 ** 30,
    shortTokenPolicy: o.shortTokenPolicy ?? 'zero-fill',
    maxResultsPerNexus: Math.max(16, o.maxTokensPerNexus ?? Math.floor(maxLiveTokens / 4)),
  };
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
  private readonly vendor: string;
  private readonly product: string;
  /** The implemented commands (see `commands.ts`). */
  private readonly commands: ReadonlyMap<string, SupportedCommand>;

  constructor(options: CopyManagerOptions) {
    this.engine = new Engine(
      options.logicalUnits,
      resolveLimits(options),
      options.clock ?? systemClock,
      options.random ?? defaultRandom,
      wire.makeTokenFormat,
    );
    ENGINES.set(this, this.engine);
    this.vendor = options.vendorIdentification ?? 'SCSI-ODX';
    this.product = options.productIdentification ?? 'COPY MANAGER';
    this.commands = commandsFor(false);
  }

  /** The enforced (and advertised) limits. */
  get limits(): CopyManagerLimits {
    return this.engine.limits;
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
   * Process one command. Never throws for anything the initiator sends: malformed input becomes
   * CHECK CONDITION with the sense the spec asks for.
   */
  execute(request: CommandRequest): CommandResponse {
    this.engine.tick();
    let cdb: Cdb;
    try {
      cdb = decodeCdb(request.cdb);
    } catch (e) {
      return this.codecFailure(e, 'cdb');
    }
    try {
      return this.dispatch(request, cdb);
    } catch (e) {
      if (e instanceof FaultError) return this.check(e.fault);
      if (isScsiCodecError(e)) return this.codecFailure(e, 'parameterList');
      throw e;
    }
  }

  private check(f: Fault): CommandResponse {
    return { status: SCSI_STATUS.CHECK_CONDITION, senseData: wire.senseFromFault(f) };
  }

  private codecFailure(e: unknown, where: 'cdb' | 'parameterList'): CommandResponse {
    if (!isScsiCodecError(e)) throw e;
    return { status: SCSI_STATUS.CHECK_CONDITION, senseData: wire.senseFromCodecError(e as ScsiCodecError, where) };
  }

  private dispatch(req: CommandRequest, cdb: Cdb): CommandResponse {
    const e = this.engine;
    const data = req.dataOut ?? new Uint8Array(0);
    // The command table decides what is implemented (REPORT SUPPORTED OPERATION CODES reads it too).
    if (!this.commands.has(cdb.command)) return illegal(0x20, 0x00, cdbAt(0));
    switch (cdb.command) {
      case 'INQUIRY':
        return good(wire.inquiry(e, req, cdb, this.vendor, this.product), cdb.allocationLength);
      case 'REPORT LUNS':
        return good(wire.reportLuns([...e.lus.keys()]), cdb.allocationLength);
      default:
        break;
    }
    const lun = e.lu(req.lun).lun; // 25h/00h for an unknown LUN
    switch (cdb.command) {
      case 'TEST UNIT READY':
        return { status: SCSI_STATUS.GOOD };
      case 'READ CAPACITY (16)': {
        const lu = e.lu(lun);
        return good(wire.readCapacity16(lu.capacity - 1n, lu.blockSize), cdb.allocationLength);
      }
      case 'READ CAPACITY (10)': {
        const lu = e.lu(lun);
        return good(wire.readCapacity10(lu.capacity - 1n, lu.blockSize), 8);
      }
      case 'MODE SENSE (6)':
      case 'MODE SENSE (10)':
        return good(wire.modeSense(e.lu(lun), cdb), cdb.allocationLength);
      case 'SYNCHRONIZE CACHE (10)':
      case 'SYNCHRONIZE CACHE (16)': {
        // Nothing is cached: only the range is checked (SBC-4 "SYNCHRONIZE CACHE (10) command").
        const lu = e.lu(lun);
        const lba = BigInt(cdb.logicalBlockAddress);
        if (lba >= lu.capacity || lba + BigInt(cdb.numberOfLogicalBlocks) > lu.capacity) illegal(0x21, 0x00, cdbAt(2));
        return { status: SCSI_STATUS.GOOD };
      }
      case 'READ (10)':
      case 'READ (16)':
        // PROTECT = 0 in the standard INQUIRY data: no protection information (SBC-4 "READ (10) command").
        if (cdb.rdprotect !== 0) illegal(0x24, 0x00, cdbAt(1, 7));
        return {
          status: SCSI_STATUS.GOOD,
          dataIn: e.read(
            lun,
            BigInt(cdb.logicalBlockAddress),
            cdb.transferLength,
            2,
            cdb.command === 'READ (10)' ? 7 : 10,
          ),
        };
      case 'WRITE (10)':
      case 'WRITE (16)':
        if (cdb.wrprotect !== 0) illegal(0x24, 0x00, cdbAt(1, 7));
        e.write(
          lun,
          BigInt(cdb.logicalBlockAddress),
          cdb.transferLength,
          data,
          2,
          cdb.command === 'WRITE (10)' ? 7 : 10,
        );
        return { status: SCSI_STATUS.GOOD };
      case 'POPULATE TOKEN': {
        const pll = Math.min(cdb.parameterListLength, data.length);
        if (cdb.parameterListLength === 0) return { status: SCSI_STATUS.GOOD };
        if (pll < 16) illegal(0x1a, 0x00, cdbAt(10));
        const req2 = wire.populateTokenRequest(data.subarray(0, pll));
        e.populateToken(req.nexus, lun, cdb.listIdentifier, req2);
        return { status: SCSI_STATUS.GOOD };
      }
      case 'WRITE USING TOKEN': {
        const pll = Math.min(cdb.parameterListLength, data.length);
        if (cdb.parameterListLength === 0) return { status: SCSI_STATUS.GOOD };
        const req2 = wire.writeUsingTokenRequest(data.subarray(0, pll));
        const fault = e.writeUsingToken(req.nexus, lun, cdb.listIdentifier, req2);
        return fault === undefined ? { status: SCSI_STATUS.GOOD } : this.check(fault);
      }
      case 'RECEIVE ROD TOKEN INFORMATION': {
        const op = e.result(req.nexus, cdb.listIdentifier);
        if (cdb.allocationLength === 0) {
          e.discard(req.nexus, cdb.listIdentifier);
          return { status: SCSI_STATUS.GOOD, dataIn: new Uint8Array(0) };
        }
        return good(wire.rodTokenInformation(e, op, true), cdb.allocationLength);
      }
      case 'RECEIVE COPY STATUS (LID4)': {
        const op = e.result(req.nexus, cdb.listIdentifier);
        return good(wire.rodTokenInformation(e, op, false), cdb.allocationLength);
      }
      case 'COPY OPERATION ABORT':
        e.abort(req.nexus, cdb.listIdentifier);
        return { status: SCSI_STATUS.GOOD };
      case 'REPORT ALL ROD TOKENS':
        return good(wire.reportAllRodTokens(e), cdb.allocationLength);
      default:
        return illegal(0x20, 0x00, cdbAt(0));
    }
  }
}

function good(bytes: Uint8Array, allocationLength: number): CommandResponse {
  return {
    status: SCSI_STATUS.GOOD,
    dataIn: bytes.length > allocationLength ? bytes.subarray(0, allocationLength) : bytes,
  };
}

export type { ItNexus, LogicalUnitOptions, OpRec, Range };
export { COPY_STATUS, paramAt };
