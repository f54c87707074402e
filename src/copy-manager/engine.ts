/**
 * The copy manager's typed core: logical units, tokens, copy operations, limits and time.
 * Speaks decoded structures; `copy-manager.ts` puts the byte boundary (codecs) around it.
 *
 * @internal
 */
import type { Clock } from './clock.js';
import { concatImages, type Extent, ExtentMap, type Image, subImage, zeroImage } from './extent-map.js';
import { cdbAt, type Fault, FaultError, illegal, paramAt, SK } from './fault.js';

/** ROD TYPE values the copy manager knows. */
export const CM_ROD_TYPE = {
  ACCESS_UPON_REFERENCE: 0x0001_0000,
  PIT_DEFAULT: 0x0080_0000,
  PIT_CHANGE_VULNERABLE: 0x0080_0001,
  PIT_PERSISTENT: 0x0080_0002,
  PIT_ANY: 0x0080_ffff,
  BLOCK_DEVICE_ZERO: 0xffff_0001,
} as const;

/** COPY OPERATION STATUS codes. */
export const COPY_STATUS = {
  COMPLETED: 0x01,
  COMPLETED_WITH_ERRORS: 0x02,
  PARTIAL: 0x03,
  IN_PROGRESS_BACKGROUND: 0x12,
  TERMINATED: 0x60,
} as const;

/** The SCSI I_T nexus a command arrives on. @remarks Since 0.1.0 */
export interface ItNexus {
  /** Initiator port identifier (any string, e.g. an iSCSI IQN or a WWPN). */
  readonly initiatorPortId: string;
  /** Relative target port identifier of this copy manager's port (1..65535). */
  readonly targetPortId: number;
}

/** One block device range descriptor. */
export interface Range {
  readonly lba: bigint;
  readonly count: number;
}

/** Logical unit configuration. @remarks Since 0.1.0 */
export interface LogicalUnitOptions {
  /** LUN (0..16383); defaults to the unit's index in the list. */
  readonly lun?: number | undefined;
  /** Logical block length in bytes (e.g. 512 or 4096). */
  readonly blockSize: number;
  /** Capacity in logical blocks (1..2^64). */
  readonly capacity: bigint;
}

/**
 * The copy manager's limits with every default filled in: exactly what it enforces and what
 * VPD pages 8Fh / B0h advertise.
 *
 * @remarks Since 0.1.0
 */
export interface CopyManagerLimits {
  /** Maximum live ROD tokens. */
  readonly maxLiveTokens: number;
  /** Maximum live tokens created through one I_T nexus. */
  readonly maxTokensPerNexus: number;
  /** Maximum background copy operations at a time. */
  readonly maxConcurrentCopies: number;
  /** MAXIMUM RANGE DESCRIPTORS per POPULATE TOKEN / WRITE USING TOKEN. */
  readonly maxRangeDescriptors: number;
  /** MAXIMUM TOKEN TRANSFER SIZE in logical blocks (sum over descriptors). */
  readonly maxTokenTransferSize: bigint;
  /** Block Limits MAXIMUM TRANSFER LENGTH (blocks): READ/WRITE and per range descriptor. */
  readonly maxTransferLength: number;
  /** Seconds. */
  readonly defaultInactivityTimeout: number;
  /** Seconds. */
  readonly maxInactivityTimeout: number;
  /** Background copy rate, bytes per second of clock time. */
  readonly backgroundBytesPerSecond: number;
  /** `'zero-fill'` (SBC) or `'underrun'` (Windows certification: no zero-filled partial block). */
  readonly shortTokenPolicy: 'zero-fill' | 'underrun';
  /** Results kept per I_T_L nexus (oldest completed ones are dropped beyond this). */
  readonly maxResultsPerNexus: number;
  /**
   * I_T nexuses the copy manager keeps state for (results, pending unit attentions); beyond this
   * the least recently used nexus's state is forgotten. @remarks Since 0.2.0
   */
  readonly maxNexuses: number;
  /** Seconds without a command after which a nexus's state is forgotten. @remarks Since 0.2.0 */
  readonly nexusIdleTimeout: number;
}

/** @internal */
export interface Lu {
  readonly lun: number;
  readonly blockSize: number;
  readonly capacity: bigint;
  readonly store: ExtentMap;
  /** Live change-vulnerable tokens on this LU (cancelled by overlapping writes). */
  readonly cvTokens: Set<TokenRec>;
  /** 8-byte NAA 6? no: NAA 3 (locally assigned) designator, unique per instance + LUN. */
  readonly naa: Uint8Array;
}

/** A live ROD token (small: no copy of the 512 token bytes is kept). */
export interface TokenRec {
  /** The POPULATE TOKEN result that reports this token (dropped when the token dies). */
  op: OpRec | undefined;
  /** COPY MANAGER ROD TOKEN IDENTIFIER (unique, never reused while the instance lives). */
  readonly id: number;
  /** 256 random bits, one char per byte. */
  readonly secret: string;
  readonly rodType: number;
  readonly lu: Lu;
  /** Live (change-vulnerable, access-upon-reference) types: the source ranges; emptied when the token dies. */
  ranges: readonly Range[];
  /** NUMBER OF BYTES REPRESENTED. */
  readonly bytes: bigint;
  /** Point-in-time image (default / persistent types); released when the token dies. */
  image: readonly Extent[] | undefined;
  readonly inactivityMs: number;
  lastUse: number;
  readonly owner: string;
}

interface Invalidation {
  readonly ascq: number;
  readonly until: number;
  /** The dead token (image and ranges released): enough to rebuild its bytes for an exact compare. */
  readonly rec: TokenRec;
}

interface Background {
  readonly dst: Lu;
  readonly ranges: readonly Range[];
  readonly src: Image;
  readonly totalBytes: bigint;
  doneBytes: bigint;
  lastTime: number;
  readonly residual: Fault | undefined;
}

/** A copy operation's results, as RRTI / RECEIVE COPY STATUS report them. */
export interface OpRec {
  readonly listId: number;
  /** The I_T_L nexus whose list identifier this is (SPC-5: the copy manager is in the logical unit). */
  readonly lun: number;
  /** Nexus key of the I_T nexus. */
  readonly owner: string;
  /** 10h (POPULATE TOKEN) or 11h (WRITE USING TOKEN). */
  readonly serviceAction: number;
  status: number;
  /** SAM status of the finished operation (EXTENDED COPY COMPLETION STATUS). */
  completionStatus: number;
  /** In logical blocks (F1h units). */
  transferCount: bigint;
  fault: Fault | undefined;
  token: TokenRec | undefined;
  bg: Background | undefined;
  operationCounter: number;
}

/**
 * Unit attention conditions the copy manager establishes, as `ASC << 8 | ASCQ`.
 *
 * @see SAM-5 "Unit attention condition", "Logical unit reset", "I_T nexus loss"; SPC-5 ASC table
 */
export const UNIT_ATTENTION = {
  /** 29h/01h POWER ON OCCURRED (option `powerOnUnitAttention`, a nexus's first command to an LU). */
  POWER_ON: 0x2901,
  /** 29h/03h BUS DEVICE RESET FUNCTION OCCURRED: logical unit reset (and target reset, one per LU). */
  BUS_DEVICE_RESET: 0x2903,
  /** 29h/07h I_T NEXUS LOSS OCCURRED. */
  I_T_NEXUS_LOSS: 0x2907,
} as const;

/** State of one I_T_L nexus. */
export interface ItlState {
  /** Copy operation results by list identifier (made on first use). */
  results: Map<number, OpRec> | undefined;
  /** Pending unit attentions, oldest first (made on first use). */
  ua: number[] | undefined;
}

/** State of one I_T nexus (least recently used first in `Engine.nexuses`). */
export interface NexusState {
  readonly key: string;
  lastSeen: number;
  /** By LUN. */
  readonly itl: Map<number, ItlState>;
}

/** What {@link Engine.census} counts. */
export interface EngineCensus {
  readonly liveTokens: number;
  readonly liveTokenImages: number;
  readonly invalidationRecords: number;
  /** Dead tokens still holding an image or a result (must be 0). */
  readonly deadTokensPinning: number;
  /** Nexuses with a live-token share. */
  readonly tokenOwners: number;
  readonly nexuses: number;
  readonly itlNexuses: number;
  readonly results: number;
  /** Results still pointing at a dead token (must be 0). */
  readonly resultsWithDeadToken: number;
  readonly unitAttentions: number;
  readonly running: number;
}

/** Builds and recognises token bytes (implemented with the ROD token codec). */
export interface TokenFormat {
  /** The 512 token bytes of a live token. */
  encode(rec: TokenRec): Uint8Array<ArrayBuffer>;
  /**
   * Classify presented token bytes: the block device zero token, one that claims to be ours
   * (returns its identifier), or throws the 23h/xx fault.
   */
  classify(bytes: Uint8Array): { kind: 'zero' } | { kind: 'ours'; id: number };
}

/** Typed POPULATE TOKEN request (decoded parameter list). */
export interface PopulateRequest {
  readonly immed: boolean;
  readonly rtv: boolean;
  readonly inactivityTimeout: number;
  readonly rodType: number;
  readonly ranges: readonly Range[];
}

/** Typed WRITE USING TOKEN request (decoded parameter list). */
export interface WriteUsingTokenRequest {
  readonly immed: boolean;
  readonly delTkn: boolean;
  readonly offsetIntoRod: bigint;
  readonly token: Uint8Array;
  readonly ranges: readonly Range[];
}

/** Parameter list byte offsets, for field pointers. */
const PT_OFF = { ranges: 16, rodType: 8, inactivity: 4, rangeLength: 14 } as const;
const WUT_OFF = { ranges: 536, offset: 8, token: 16, rangeLength: 534 } as const;

/** Largest READ/WRITE data buffer (1 GiB). */
const MAX_IO_BYTES = 2 ** 30;

const NO_RANGES: readonly Range[] = Object.freeze([]);
const NO_EXTENTS: readonly Extent[] = Object.freeze([]);

interface NexusKey {
  readonly i: string;
  readonly t: number;
  readonly key: string;
}
/** Key per nexus object: building (then hashing) the key string on every lookup was a hot spot. */
const NEXUS_KEYS: WeakMap<ItNexus, NexusKey> = new WeakMap();

function nexusKey(n: ItNexus): string {
  const c = NEXUS_KEYS.get(n);
  // checked against the fields, so a caller that reuses (even mutates) its nexus object stays correct
  if (c !== undefined && c.i === n.initiatorPortId && c.t === n.targetPortId) return c.key;
  const key = `${n.initiatorPortId}\u0000${n.targetPortId}`;
  if (typeof n === 'object' && n !== null) NEXUS_KEYS.set(n, { i: n.initiatorPortId, t: n.targetPortId, key });
  return key;
}

function randomString(random: (b: Uint8Array) => void, n: number): string {
  const b = new Uint8Array(n);
  random(b);
  // One flat one-byte string (48 bytes of heap); `+=` would build a rope of n cons cells.
  return String.fromCharCode(...b);
}

/** The engine. */
export class Engine {
  readonly lus: Map<number, Lu> = new Map();
  readonly limits: CopyManagerLimits;
  readonly clock: Clock;
  /** Per-instance identifier (8 bytes, NAA 3 locally assigned) for the target device descriptor. */
  readonly deviceNaa: Uint8Array;
  private readonly format: TokenFormat;
  private readonly random: (b: Uint8Array) => void;
  private readonly tokens: Map<number, TokenRec> = new Map();
  private readonly invalid: Map<number, Invalidation> = new Map();
  private readonly perNexusTokens: Map<string, number> = new Map();
  /** Per I_T nexus state, least recently used first (capped by `maxNexuses`, aged by `nexusIdleTimeout`). */
  private readonly nexuses: Map<string, NexusState> = new Map();
  private lastNexus: NexusState | undefined = undefined;
  private readonly running: Set<OpRec> = new Set();
  /** Establish 29h/01h for each I_T_L nexus on its first command (`CopyManagerOptions.powerOnUnitAttention`). */
  powerOnUnitAttention = false;
  private nextTokenId = 1;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    units: readonly LogicalUnitOptions[],
    limits: CopyManagerLimits,
    clock: Clock,
    random: (b: Uint8Array) => void,
    format: (deviceNaa: Uint8Array) => TokenFormat,
  ) {
    this.limits = limits;
    this.clock = clock;
    this.random = random;
    const dev = new Uint8Array(8);
    random(dev);
    dev[0] = 0x30 | ((dev[0] as number) & 0x0f); // NAA 3: locally assigned
    this.deviceNaa = dev;
    this.format = format(dev);
    units.forEach((u, i) => {
      const lun = u.lun ?? i;
      if (!Number.isInteger(lun) || lun < 0 || lun > 16383 || this.lus.has(lun)) {
        throw new RangeError(`invalid or duplicate LUN ${lun}`);
      }
      if (!Number.isInteger(u.blockSize) || u.blockSize < 1 || u.blockSize > 0xffffff) {
        throw new RangeError(`invalid block size ${u.blockSize}`);
      }
      if (typeof u.capacity !== 'bigint' || u.capacity < 1n || u.capacity > 1n << 64n) {
        throw new RangeError(`invalid capacity ${String(u.capacity)}`);
      }
      const naa = dev.slice();
      naa[6] = (lun >> 8) & 0xff;
      naa[7] = lun & 0xff;
      this.lus.set(lun, {
        lun,
        blockSize: u.blockSize,
        capacity: u.capacity,
        store: new ExtentMap(),
        cvTokens: new Set(),
        naa,
      });
    });
  }

  // ---------------------------------------------------------------- time

  /** Bring background copies and token lifetimes up to the clock. */
  tick(): void {
    const now = this.clock.now();
    if (this.running.size !== 0) for (const op of [...this.running]) this.progress(op, now);
    // Expiry sweep at most once per second of clock time (lookups check expiry themselves).
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      for (const t of this.tokens.values()) if (now - t.lastUse > t.inactivityMs) this.invalidate(t, 0x07, now);
      for (const [id, inv] of this.invalid) if (inv.until < now) this.invalid.delete(id);
      const idle = this.limits.nexusIdleTimeout * 1000;
      for (const s of this.nexuses.values()) {
        if (now - s.lastSeen <= idle) break; // least recently used first
        this.forgetNexus(s);
      }
    }
  }

  private progress(op: OpRec, now: number): void {
    const bg = op.bg;
    if (bg === undefined || !this.running.has(op)) return;
    const elapsed = Math.max(0, now - bg.lastTime);
    const bs = BigInt(bg.dst.blockSize);
    let target = bg.doneBytes + (BigInt(Math.floor((elapsed * this.limits.backgroundBytesPerSecond) / 1000)) / bs) * bs;
    if (target > bg.totalBytes) target = bg.totalBytes;
    if (target > bg.doneBytes) {
      // Only count the time actually consumed, so slow rates still progress block by block.
      const used = ((target - bg.doneBytes) * 1000n) / BigInt(Math.max(1, this.limits.backgroundBytesPerSecond));
      bg.lastTime = target === bg.totalBytes ? now : bg.lastTime + Number(used);
      this.applyCopy(bg.dst, bg.ranges, bg.src, bg.doneBytes, target);
      bg.doneBytes = target;
      op.transferCount = target / bs;
      op.operationCounter = (op.operationCounter + 1) & 0xffff;
    }
    if (bg.doneBytes === bg.totalBytes) this.finish(op, bg.residual);
  }

  private finish(op: OpRec, residual: Fault | undefined): void {
    this.running.delete(op);
    op.bg = undefined;
    if (residual === undefined) {
      op.status = COPY_STATUS.COMPLETED;
      op.completionStatus = 0x00;
    } else {
      op.status = COPY_STATUS.PARTIAL;
      op.completionStatus = 0x02;
      op.fault = residual;
    }
  }

  // ---------------------------------------------------------------- tokens

  /**
   * End a token's life. A token whose inactivity timeout has already elapsed counts as expired
   * (23h/07h) whatever the later event, and its record dates from the expiry moment.
   */
  private invalidate(t: TokenRec, ascq: number, now: number): void {
    if (!this.tokens.delete(t.id)) return;
    t.lu.cvTokens.delete(t);
    const n = (this.perNexusTokens.get(t.owner) ?? 1) - 1;
    if (n <= 0) this.perNexusTokens.delete(t.owner);
    else this.perNexusTokens.set(t.owner, n);
    let at = now;
    if (now - t.lastUse > t.inactivityMs) {
      ascq = 0x07;
      at = t.lastUse + t.inactivityMs;
    }
    // A dead token pins nothing: its point-in-time image and ranges go, and so does the POPULATE
    // TOKEN result that would report it (RRTI then answers 24h/00h: no such list identifier).
    t.image = undefined;
    t.ranges = NO_RANGES;
    const op = t.op;
    if (op !== undefined) {
      t.op = undefined;
      op.token = undefined;
      this.dropResult(op);
    }
    // Keep the record (the same object, now small) for twice the token's lifetime (its inactivity
    // timeout), at least 1 minute.
    this.invalid.set(t.id, { ascq, until: at + Math.max(2 * t.inactivityMs, 60_000), rec: t });
    // Bounded under abuse: at most 4 x maxLiveTokens records (SPC: records "should" be kept for
    // the lifetime). Beyond that the oldest is forgotten and its token then reads TOKEN UNKNOWN.
    if (this.invalid.size > 4 * this.limits.maxLiveTokens) {
      const oldest = this.invalid.keys().next();
      if (oldest.done !== true) this.invalid.delete(oldest.value);
    }
  }

  /** Live tokens (after expiring the ones whose inactivity timeout elapsed). */
  liveTokens(): TokenRec[] {
    const now = this.clock.now();
    const out: TokenRec[] = [];
    for (const t of [...this.tokens.values()]) {
      if (now - t.lastUse > t.inactivityMs) this.invalidate(t, 0x07, now);
      else out.push(t);
    }
    return out;
  }

  get liveTokenCount(): number {
    return this.tokens.size;
  }

  private lastToken: TokenRec | undefined = undefined;
  private lastTokenBytes: Uint8Array<ArrayBuffer> | undefined = undefined;

  tokenBytes(t: TokenRec): Uint8Array<ArrayBuffer> {
    // One-entry cache: the token an RRTI just returned is usually the one the next WRITE USING
    // TOKEN presents, and encoding it again only to compare was a third of a copy's cost. The
    // encoded fields never change for a record (only lastUse does, which is not encoded); callers
    // copy the bytes and never write into them.
    if (this.lastToken === t && this.lastTokenBytes !== undefined) return this.lastTokenBytes;
    const b = this.format.encode(t);
    this.lastToken = t;
    this.lastTokenBytes = b;
    return b;
  }

  /** Cancel change-vulnerable tokens overlapping a write of [lba, lba+count) on `lu`. */
  private wrote(lu: Lu, lba: bigint, count: bigint): void {
    if (lu.cvTokens.size === 0 || count === 0n) return;
    const end = lba + count;
    const now = this.clock.now();
    for (const t of [...lu.cvTokens]) {
      if (t.ranges.some((r) => r.count > 0 && r.lba < end && lba < r.lba + BigInt(r.count))) {
        this.invalidate(t, 0x08, now);
      }
    }
  }

  // ---------------------------------------------------------------- plain I/O

  lu(lun: number): Lu {
    const lu = this.lus.get(lun);
    if (lu === undefined) illegal(0x25, 0x00);
    return lu;
  }

  private checkIo(lu: Lu, lba: bigint, count: number, lbaField: number, lenField: number): void {
    // Also refuse transfers no single buffer can hold (when MAXIMUM TRANSFER LENGTH is set very high).
    if (count > this.limits.maxTransferLength || count * lu.blockSize > MAX_IO_BYTES) {
      illegal(0x24, 0x00, cdbAt(lenField));
    }
    if (lba + BigInt(count) > lu.capacity) illegal(0x21, 0x00, cdbAt(lbaField));
  }

  read(lun: number, lba: bigint, count: number, lbaField: number, lenField: number): Uint8Array<ArrayBuffer> {
    const lu = this.lu(lun);
    this.checkIo(lu, lba, count, lbaField, lenField);
    return lu.store.read(lba * BigInt(lu.blockSize), count * lu.blockSize);
  }

  write(lun: number, lba: bigint, count: number, data: Uint8Array, lbaField: number, lenField: number): void {
    const lu = this.lu(lun);
    this.checkIo(lu, lba, count, lbaField, lenField);
    const n = count * lu.blockSize;
    if (data.length < n) illegal(0x1a, 0x00); // not enough data-out for the transfer length
    lu.store.write(lba * BigInt(lu.blockSize), data.subarray(0, n));
    this.wrote(lu, lba, BigInt(count));
  }

  // ---------------------------------------------------------------- nexus state, results, lifecycle

  /** The state of an I_T nexus, made if missing (and marked most recently used). */
  private nexusState(n: ItNexus): NexusState {
    const key = nexusKey(n);
    const now = this.clock.now();
    let s = this.lastNexus;
    if (s !== undefined && s.key === key && this.nexuses.get(key) === s) {
      s.lastSeen = now;
      return s;
    }
    s = this.nexuses.get(key);
    if (s === undefined) {
      s = { key, lastSeen: now, itl: new Map() };
      this.nexuses.set(key, s);
      if (this.nexuses.size > this.limits.maxNexuses) {
        const oldest = this.nexuses.values().next();
        if (oldest.done !== true) this.forgetNexus(oldest.value);
      }
    } else {
      this.nexuses.delete(key);
      this.nexuses.set(key, s);
      s.lastSeen = now;
    }
    this.lastNexus = s;
    return s;
  }

  private itlOf(s: NexusState, lun: number): ItlState {
    let st = s.itl.get(lun);
    if (st === undefined) {
      st = { results: undefined, ua: this.powerOnUnitAttention ? [UNIT_ATTENTION.POWER_ON] : undefined };
      s.itl.set(lun, st);
    }
    return st;
  }

  /** The I_T_L nexus state a command on an existing LU uses (made if missing). */
  itl(n: ItNexus, lun: number): ItlState {
    return this.itlOf(this.nexusState(n), lun);
  }

  /** Existing I_T_L state, without making any. */
  private peekItl(key: string, lun: number): ItlState | undefined {
    return this.nexuses.get(key)?.itl.get(lun);
  }

  /** Forget everything about an I_T nexus (results, pending unit attentions); running copies go on. */
  private forgetNexus(s: NexusState): void {
    this.nexuses.delete(s.key);
    if (this.lastNexus === s) this.lastNexus = undefined;
  }

  /** Take the oldest pending unit attention of an I_T_L nexus (`ASC << 8 | ASCQ`), if any. */
  takeUnitAttention(st: ItlState): number | undefined {
    const ua = st.ua;
    if (ua === undefined) return undefined;
    const code = ua.shift();
    if (ua.length === 0) st.ua = undefined;
    return code;
  }

  /** Establish a unit attention; a reset (29h) condition replaces older 29h ones (SAM-5). */
  private addUnitAttention(st: ItlState, code: number): void {
    const kept = st.ua?.filter((c) => c >> 8 !== code >> 8 && c !== code) ?? [];
    kept.push(code);
    st.ua = kept.length > 8 ? kept.slice(-8) : kept;
  }

  /** Look up a list identifier on an I_T_L nexus, or 24h/00h with the pointer at CDB byte 2. */
  result(n: ItNexus, lun: number, listId: number): OpRec {
    const op = this.peekItl(nexusKey(n), lun)?.results?.get(listId);
    if (op === undefined) illegal(0x24, 0x00, cdbAt(2));
    const t = op.token;
    const now = this.clock.now();
    if (t !== undefined && now - t.lastUse > t.inactivityMs) {
      this.invalidate(t, 0x07, now); // its result goes with it: never report a dead token as made
      illegal(0x24, 0x00, cdbAt(2));
    }
    return op;
  }

  /**
   * Forget a list identifier's results (RRTI: ALLOCATION LENGTH 0, or all of the data transferred).
   * The ROD token stays valid: discarding the parameter data is not a token invalidation cause.
   */
  discard(n: ItNexus, lun: number, listId: number): void {
    const m = this.peekItl(nexusKey(n), lun)?.results;
    const op = m?.get(listId);
    if (m === undefined || op === undefined || this.running.has(op)) return;
    if (op.token !== undefined) op.token.op = undefined;
    m.delete(listId);
  }

  private dropResult(op: OpRec): void {
    const m = this.peekItl(op.owner, op.lun)?.results;
    if (m !== undefined && m.get(op.listId) === op) m.delete(op.listId);
  }

  private checkListId(n: ItNexus, lun: number, listId: number): void {
    const op = this.peekItl(nexusKey(n), lun)?.results?.get(listId);
    if (op !== undefined && this.running.has(op)) illegal(0x00, 0x16, cdbAt(6));
  }

  private store(op: OpRec): void {
    const st = this.itlOf(this.nexusStateByKey(op.owner), op.lun);
    let m = st.results;
    if (m === undefined) {
      m = new Map();
      st.results = m;
    }
    const old = m.get(op.listId);
    if (old !== undefined) {
      m.delete(op.listId);
      if (old.token !== undefined) old.token.op = undefined;
    }
    m.set(op.listId, op);
    if (m.size > this.limits.maxResultsPerNexus) {
      for (const [id, o] of m) {
        if (m.size <= this.limits.maxResultsPerNexus) break;
        if (!this.running.has(o)) {
          m.delete(id);
          if (o.token !== undefined) o.token.op = undefined;
        }
      }
    }
  }

  private nexusStateByKey(key: string): NexusState {
    const s = this.nexuses.get(key);
    if (s !== undefined) return s;
    const made: NexusState = { key, lastSeen: this.clock.now(), itl: new Map() };
    this.nexuses.set(key, made);
    return made;
  }

  /** End a background copy: COPY OPERATION STATUS 60h (terminated); its results stay. */
  private terminate(op: OpRec): boolean {
    if (!this.running.delete(op)) return false;
    op.bg = undefined;
    op.status = COPY_STATUS.TERMINATED;
    op.completionStatus = 0x40; // TASK ABORTED
    return true;
  }

  /** COPY OPERATION ABORT: 24h/00h for an unknown list identifier, else terminate it if running. */
  abort(n: ItNexus, lun: number, listId: number): void {
    this.terminate(this.result(n, lun, listId));
  }

  /** Terminate one background copy of an I_T_L nexus; `true` if one was running. */
  abortCopy(n: ItNexus, lun: number, listId: number): boolean {
    const op = this.peekItl(nexusKey(n), lun)?.results?.get(listId);
    return op !== undefined && this.terminate(op);
  }

  /** ABORT TASK SET (SAM-5): terminate the background copies of that I_T_L nexus. */
  abortTaskSet(n: ItNexus, lun: number): void {
    const key = nexusKey(n);
    for (const op of [...this.running]) if (op.owner === key && op.lun === lun) this.terminate(op);
  }

  /**
   * I_T nexus loss (SAM-5): terminate the nexus's copies, free its results and other state, and
   * establish 29h/07h for it on every logical unit. Its ROD tokens keep their own lifetime.
   */
  itNexusLoss(n: ItNexus): void {
    const key = nexusKey(n);
    for (const op of [...this.running]) if (op.owner === key) this.terminate(op);
    const old = this.nexuses.get(key);
    if (old !== undefined) {
      for (const st of old.itl.values()) this.releaseResults(st);
      this.forgetNexus(old);
    }
    const s = this.nexusState(n);
    for (const lun of this.lus.keys()) {
      s.itl.set(lun, { results: undefined, ua: [UNIT_ATTENTION.I_T_NEXUS_LOSS] });
    }
  }

  /**
   * Logical unit reset (SAM-5): terminate every copy on the LU, free every nexus's results there and
   * establish 29h/03h for every I_T nexus on it. An unknown LUN is ignored.
   */
  logicalUnitReset(lun: number): void {
    if (!this.lus.has(lun)) return;
    for (const op of [...this.running]) if (op.lun === lun) this.terminate(op);
    for (const s of this.nexuses.values()) {
      const st = this.itlOf(s, lun);
      this.releaseResults(st);
      this.addUnitAttention(st, UNIT_ATTENTION.BUS_DEVICE_RESET);
    }
  }

  private releaseResults(st: ItlState): void {
    if (st.results === undefined) return;
    for (const op of st.results.values()) if (op.token !== undefined) op.token.op = undefined;
    st.results = undefined;
  }

  // ---------------------------------------------------------------- range checks

  private checkRanges(lu: Lu, ranges: readonly Range[], base: number, total: bigint): void {
    if (ranges.length === 0) illegal(0x26, 0x00, paramAt(base - 2));
    if (ranges.length > this.limits.maxRangeDescriptors) illegal(0x26, 0x08, paramAt(base - 2));
    const max = this.limits.maxTransferLength;
    let sum = 0n;
    ranges.forEach((r, i) => {
      if (r.count > max) illegal(0x26, 0x00, paramAt(base + 16 * i + 8));
      sum += BigInt(r.count);
    });
    if (sum > this.limits.maxTokenTransferSize) illegal(0x26, 0x00, paramAt(base - 2));
    // Overlap: any LBA in more than one descriptor (count 0 descriptors cover nothing).
    const order = ranges
      .map((r, i) => ({ r, i }))
      .filter((x) => x.r.count > 0)
      .sort((a, b) => (a.r.lba < b.r.lba ? -1 : a.r.lba > b.r.lba ? 1 : a.i - b.i));
    for (let k = 1; k < order.length; k++) {
      const p = order[k - 1] as { r: Range; i: number };
      const c = order[k] as { r: Range; i: number };
      if (c.r.lba < p.r.lba + BigInt(p.r.count)) illegal(0x26, 0x00, paramAt(base + 16 * Math.max(p.i, c.i)));
    }
    ranges.forEach((r, i) => {
      if (r.lba + BigInt(r.count) > lu.capacity) illegal(0x21, 0x00, paramAt(base + 16 * i));
    });
    void total;
  }

  // ---------------------------------------------------------------- POPULATE TOKEN

  populateToken(n: ItNexus, lun: number, listId: number, req: PopulateRequest): void {
    const lu = this.lu(lun);
    this.checkListId(n, lun, listId);
    const lim = this.limits;
    let timeout = req.inactivityTimeout;
    if (timeout > lim.maxInactivityTimeout) illegal(0x26, 0x00, paramAt(PT_OFF.inactivity));
    if (timeout === 0) timeout = lim.defaultInactivityTimeout;
    let rodType: number = CM_ROD_TYPE.PIT_DEFAULT;
    if (req.rtv) {
      switch (req.rodType) {
        case CM_ROD_TYPE.ACCESS_UPON_REFERENCE:
        case CM_ROD_TYPE.PIT_DEFAULT:
        case CM_ROD_TYPE.PIT_CHANGE_VULNERABLE:
        case CM_ROD_TYPE.PIT_PERSISTENT:
          rodType = req.rodType;
          break;
        case CM_ROD_TYPE.PIT_ANY:
          rodType = CM_ROD_TYPE.PIT_PERSISTENT;
          break;
        default:
          illegal(0x26, 0x00, paramAt(PT_OFF.rodType));
      }
    }
    this.checkRanges(lu, req.ranges, PT_OFF.ranges, 0n);
    const now = this.clock.now();
    const key = nexusKey(n);
    if (this.tokens.size >= lim.maxLiveTokens || (this.perNexusTokens.get(key) ?? 0) >= lim.maxTokensPerNexus) {
      this.liveTokens(); // expire first, then re-check
      if (this.tokens.size >= lim.maxLiveTokens || (this.perNexusTokens.get(key) ?? 0) >= lim.maxTokensPerNexus) {
        illegal(0x55, 0x0d);
      }
    }
    const bs = BigInt(lu.blockSize);
    let blocks = 0n;
    for (const r of req.ranges) blocks += BigInt(r.count);
    const pit = rodType === CM_ROD_TYPE.PIT_DEFAULT || rodType === CM_ROD_TYPE.PIT_PERSISTENT;
    const ranges = req.ranges.filter((r) => r.count > 0);
    let image: readonly Extent[] | undefined;
    if (pit) {
      const img = concatImages(ranges.map((r) => lu.store.image(r.lba * bs, BigInt(r.count) * bs)));
      image = img.extents.length === 0 ? NO_EXTENTS : img.extents;
    }
    const rec: TokenRec = {
      op: undefined,
      id: this.nextTokenId++,
      secret: randomString(this.random, 32),
      rodType,
      lu,
      ranges: pit ? NO_RANGES : ranges,
      bytes: blocks * bs,
      image,
      inactivityMs: timeout * 1000,
      lastUse: now,
      owner: key,
    };
    this.tokens.set(rec.id, rec);
    this.perNexusTokens.set(key, (this.perNexusTokens.get(key) ?? 0) + 1);
    if (rodType === CM_ROD_TYPE.PIT_CHANGE_VULNERABLE) lu.cvTokens.add(rec);
    const op: OpRec = {
      listId,
      lun,
      owner: key,
      serviceAction: 0x10,
      status: COPY_STATUS.COMPLETED,
      completionStatus: 0x00,
      transferCount: blocks,
      fault: undefined,
      token: rec,
      bg: undefined,
      operationCounter: ranges.length & 0xffff,
    };
    rec.op = op;
    this.store(op);
  }

  // ---------------------------------------------------------------- WRITE USING TOKEN

  /** Returns the fault to report as CHECK CONDITION (short transfer, IMMED = 0), if any. */
  writeUsingToken(n: ItNexus, lun: number, listId: number, req: WriteUsingTokenRequest): Fault | undefined {
    const lu = this.lu(lun);
    this.checkListId(n, lun, listId);
    this.checkRanges(lu, req.ranges, WUT_OFF.ranges, 0n);
    const kind = this.format.classify(req.token);
    const now = this.clock.now();
    const bs = BigInt(lu.blockSize);
    let requested = 0n;
    for (const r of req.ranges) requested += BigInt(r.count) * bs;
    let src: Image;
    let rec: TokenRec | undefined;
    if (kind.kind === 'zero') {
      src = zeroImage(requested);
    } else {
      rec = this.tokens.get(kind.id);
      if (rec !== undefined && now - rec.lastUse > rec.inactivityMs) {
        this.invalidate(rec, 0x07, now);
        rec = undefined;
      }
      if (rec === undefined || !equalBytes(this.tokenBytes(rec), req.token)) {
        // Invalidated tokens report why, but only for their exact bytes (a forgery stays UNKNOWN).
        const inv = rec === undefined ? this.invalid.get(kind.id) : undefined;
        const known = inv !== undefined && inv.until >= now && equalBytes(this.format.encode(inv.rec), req.token);
        illegal(0x23, known ? inv.ascq : 0x04, paramAt(WUT_OFF.token));
      }
      const off = req.offsetIntoRod * bs;
      if (off >= rec.bytes) illegal(0x26, 0x00, paramAt(WUT_OFF.offset));
      rec.lastUse = now;
      const whole = this.tokenImage(rec);
      const avail = rec.bytes - off;
      src = subImage(whole, off, avail < requested ? avail : requested);
    }
    // Short token: whole blocks, plus (zero-fill policy) the partial block padded with zeros.
    let total = src.length;
    let residual: Fault | undefined;
    if (total < requested) {
      const partial = total % bs;
      total = this.limits.shortTokenPolicy === 'zero-fill' && partial !== 0n ? total - partial + bs : total - partial;
      src = total > src.length ? { length: total, extents: src.extents } : subImage(src, 0n, total);
      const tc = total / bs;
      residual = {
        senseKey: tc === 0n ? SK.ILLEGAL_REQUEST : SK.COPY_ABORTED,
        asc: 0x0d,
        ascq: 0x04,
        information: tc,
      };
    }
    const op: OpRec = {
      listId,
      lun,
      owner: nexusKey(n),
      serviceAction: 0x11,
      status: COPY_STATUS.COMPLETED,
      completionStatus: 0x00,
      transferCount: 0n,
      fault: undefined,
      token: undefined,
      bg: undefined,
      operationCounter: 0,
    };
    if (req.immed) {
      // INSUFFICIENT RESOURCES with ABORTED COMMAND, not ILLEGAL REQUEST: the request is valid and a
      // retry may succeed once a copy ends (Windows' class driver reads it that way).
      if (this.running.size >= this.limits.maxConcurrentCopies) {
        throw new FaultError({ senseKey: SK.ABORTED_COMMAND, asc: 0x55, ascq: 0x03 });
      }
      op.status = COPY_STATUS.IN_PROGRESS_BACKGROUND;
      op.bg = { dst: lu, ranges: req.ranges, src, totalBytes: total, doneBytes: 0n, lastTime: now, residual };
      this.running.add(op);
      this.store(op);
      if (req.delTkn && rec !== undefined) this.invalidate(rec, 0x09, now);
      this.progress(op, now);
      return undefined;
    }
    this.applyCopy(lu, req.ranges, src, 0n, total);
    op.transferCount = total / bs;
    op.operationCounter = req.ranges.length & 0xffff;
    this.finish(op, residual);
    this.store(op);
    if (req.delTkn && rec !== undefined) this.invalidate(rec, 0x09, now);
    return residual;
  }

  private tokenImage(t: TokenRec): Image {
    if (t.image !== undefined) return { length: t.bytes, extents: t.image };
    const bs = BigInt(t.lu.blockSize);
    return concatImages(t.ranges.map((r) => t.lu.store.image(r.lba * bs, BigInt(r.count) * bs)));
  }

  /** Copy bytes [from, to) of `src` into the destination ranges (laid end to end). */
  private applyCopy(dst: Lu, ranges: readonly Range[], src: Image, from: bigint, to: bigint): void {
    const bs = BigInt(dst.blockSize);
    let at = 0n; // position in src of the current range's first byte
    for (const r of ranges) {
      const len = BigInt(r.count) * bs;
      const s = from > at ? from : at;
      const e = to < at + len ? to : at + len;
      if (s < e) {
        const dpos = r.lba * bs + (s - at);
        dst.store.paste(dpos, src, s, e - s);
        this.wrote(dst, dpos / bs, (e - s + bs - 1n) / bs);
      }
      at += len;
      if (at >= to) break;
    }
  }

  /**
   * Counts of every internal record, for soak tests and diagnostics (what should be bounded by the
   * limits). `pinnedImages` counts token records (live or dead) still holding a point-in-time image:
   * dead ones must hold none.
   */
  census(): EngineCensus {
    let itl = 0;
    let results = 0;
    let unitAttentions = 0;
    let resultsWithDeadToken = 0;
    for (const s of this.nexuses.values()) {
      for (const st of s.itl.values()) {
        itl++;
        unitAttentions += st.ua?.length ?? 0;
        if (st.results === undefined) continue;
        results += st.results.size;
        for (const op of st.results.values()) {
          if (op.token !== undefined && this.tokens.get(op.token.id) !== op.token) resultsWithDeadToken++;
        }
      }
    }
    let deadWithImage = 0;
    for (const inv of this.invalid.values())
      if (inv.rec.image !== undefined || inv.rec.op !== undefined) deadWithImage++;
    let liveImages = 0;
    for (const t of this.tokens.values()) if (t.image !== undefined) liveImages++;
    return {
      liveTokens: this.tokens.size,
      liveTokenImages: liveImages,
      invalidationRecords: this.invalid.size,
      deadTokensPinning: deadWithImage,
      tokenOwners: this.perNexusTokens.size,
      nexuses: this.nexuses.size,
      itlNexuses: itl,
      results,
      resultsWithDeadToken,
      unitAttentions,
      running: this.running.size,
    };
  }

  /** Background operations in progress. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Estimated ms until a running operation completes (capped at 1 s for polling). */
  estimateMs(op: OpRec): number {
    const bg = op.bg;
    if (bg === undefined) return 0xffff_fffe;
    const rem = Number(bg.totalBytes - bg.doneBytes);
    return Math.min(1000, Math.ceil((rem * 1000) / Math.max(1, this.limits.backgroundBytesPerSecond)));
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

export { FaultError };
