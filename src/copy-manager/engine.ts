/**
 * The copy manager's typed core: logical units and I/O, POPULATE TOKEN, WRITE USING TOKEN,
 * background copies, the lifecycle (I_T nexus loss, resets, aborts) and time. Token lifetimes live
 * in `tokens.ts`, per I_T_L nexus results and unit attentions in `nexus-table.ts`, the shared
 * records in `types.ts`. Speaks decoded structures; `copy-manager.ts` puts the byte boundary
 * (codecs) around it.
 *
 * @internal
 */
import { COPY_OPERATION_STATUS } from '../constants/copy-status.js';
import { ROD_TYPE } from '../constants/rod-type.js';
import {
  type BlockDeviceRangeDescriptor,
  validateRangeDescriptors,
} from '../parameter-list/block-device-range-descriptor.js';
import { type RangeListKind, rangeListOffsets } from '../parameter-list/layouts.js';
import { ruleForRangeDescriptorIssue } from '../rules/sense.js';
import type { Clock } from './clock.js';
import { concatImages, type Extent, ExtentMap, type Image, subImage, zeroImage } from './extent-map.js';
import { type Fault, FaultError, fail, faultFor } from './fault.js';
import { NexusTable } from './nexus-table.js';
import { TokenTable } from './tokens.js';
import {
  type CopyManagerLimits,
  type EngineCensus,
  type ItlState,
  type ItNexus,
  type LogicalUnitOptions,
  type Lu,
  NO_RANGES,
  nexusKey,
  type OpRec,
  type PopulateRequest,
  type Range,
  TOKEN_SECRET_LENGTH,
  type TokenFormat,
  type TokenRec,
  type WriteUsingTokenRequest,
} from './types.js';

export * from './types.js';

/**
 * COPY OPERATION STATUS by the short names EXTENDED COPY's code uses: the library's
 * `COPY_OPERATION_STATUS` values, not a copy of them.
 */
export const COPY_STATUS: {
  readonly COMPLETED: number;
  readonly COMPLETED_WITH_ERRORS: number;
  readonly PARTIAL: number;
  readonly IN_PROGRESS_BACKGROUND: number;
  readonly TERMINATED: number;
} = {
  COMPLETED: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS,
  COMPLETED_WITH_ERRORS: COPY_OPERATION_STATUS.COMPLETED_WITH_ERRORS,
  PARTIAL: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS_PARTIAL_ROD_TOKEN_USAGE,
  IN_PROGRESS_BACKGROUND: COPY_OPERATION_STATUS.IN_PROGRESS_BACKGROUND,
  TERMINATED: COPY_OPERATION_STATUS.TERMINATED,
};

/** Largest READ/WRITE data buffer (1 GiB): Block Limits MAXIMUM TRANSFER LENGTH never says more. */
const MAX_IO_BYTES = 2 ** 30;

/**
 * Block Limits MAXIMUM TRANSFER LENGTH of a logical unit: the configured limit, capped so that one
 * transfer fits the largest buffer (what is advertised is what is accepted).
 */
export function maxTransferLengthOf(limits: CopyManagerLimits, blockSize: number): number {
  return Math.min(limits.maxTransferLength, Math.floor(MAX_IO_BYTES / blockSize));
}

/** POPULATE TOKEN's ROD TYPE (RTV = 1) -> the type of the token made; absent = not for POPULATE TOKEN. */
const PT_ROD_TYPES: ReadonlyMap<number, number> = new Map([
  [ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT, ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT],
  [ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE, ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE],
  [ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT, ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT],
  [ROD_TYPE.POINT_IN_TIME_COPY_ANY, ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT],
]);

const NO_EXTENTS: readonly Extent[] = Object.freeze([]);

/** `b.length` random bytes, drawn into `b`, as a one-byte string. */
function randomString(random: (b: Uint8Array) => void, b: Uint8Array): string {
  random(b);
  // One flat one-byte string (48 bytes of heap); `+=` would build a rope of n cons cells, and a
  // spread (`...b`) goes through the iterator protocol: `apply` over the array-like is 5x faster.
  return String.fromCharCode.apply(null, b as unknown as number[]);
}

/** The engine. */
export class Engine {
  readonly lus: Map<number, Lu> = new Map();
  readonly limits: CopyManagerLimits;
  readonly clock: Clock;
  /** Per-instance identifier (8 bytes, NAA 3 locally assigned) for the target device descriptor. */
  readonly deviceNaa: Uint8Array;
  private readonly random: (b: Uint8Array) => void;
  /** What a token secret's random bytes are drawn into (the secret itself is a string). */
  private readonly secretBytes: Uint8Array = new Uint8Array(TOKEN_SECRET_LENGTH);
  /** Live and recently dead ROD tokens. */
  readonly tokens: TokenTable;
  /** Per I_T_L nexus results and unit attentions. */
  readonly nexus: NexusTable;
  private readonly running: Set<OpRec> = new Set();
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
    // A dead token takes the POPULATE TOKEN result that reports it along (RRTI then answers 24h/00h).
    this.tokens = new TokenTable(limits, clock, format(dev), (t) => {
      const op = t.op;
      if (op === undefined) return;
      t.op = undefined;
      this.nexus.drop(op);
      op.token = undefined;
    });
    this.nexus = new NexusTable(limits, clock);
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
      this.tokens.sweep(now);
      this.nexus.age(now);
    }
  }

  /** Advance a running copy (`op` in `running`, so `op.bg` is set: `finish` and `terminate` clear both). */
  private progress(op: OpRec, now: number): void {
    const bg = op.bg as NonNullable<OpRec['bg']>;
    const elapsed = Math.max(0, now - bg.lastTime);
    const bs = BigInt(bg.dst.blockSize);
    let target = bg.doneBytes + (BigInt(Math.floor((elapsed * this.limits.backgroundBytesPerSecond) / 1000)) / bs) * bs;
    if (target > bg.totalBytes) target = bg.totalBytes;
    if (target > bg.doneBytes) {
      // Only count the time actually consumed, so slow rates still progress block by block.
      const used = ((target - bg.doneBytes) * 1000n) / BigInt(Math.max(1, this.limits.backgroundBytesPerSecond));
      bg.lastTime = target === bg.totalBytes ? now : bg.lastTime + Number(used);
      if (bg.apply !== undefined) bg.apply(bg.doneBytes, target);
      else this.applyCopy(bg.dst, bg.ranges, bg.src, bg.doneBytes, target);
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
      op.status = COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS;
      op.completionStatus = 0x00;
    } else {
      op.status = COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS_PARTIAL_ROD_TOKEN_USAGE;
      op.completionStatus = 0x02;
      op.fault = residual;
    }
  }

  // ---------------------------------------------------------------- tokens

  /** Live tokens (after expiring the ones whose inactivity timeout elapsed). */
  liveTokens(): TokenRec[] {
    return this.tokens.live();
  }

  /** The 512 bytes of a live token, valid until the next call (copy them, never write into them). */
  tokenBytes(t: TokenRec): Uint8Array<ArrayBuffer> {
    return this.tokens.tokenBytes(t);
  }

  /** Cancel change-vulnerable tokens overlapping a write of [lba, lba+count) on `lu`. */
  /** Also used by EXTENDED COPY (extended-copy.ts). */
  wrote(lu: Lu, lba: bigint, count: bigint): void {
    if (lu.cvTokens.size === 0 || count === 0n) return;
    const end = lba + count;
    const now = this.clock.now();
    for (const t of [...lu.cvTokens]) {
      // A token's ranges are never empty (`populateToken` leaves ranges of 0 blocks out).
      if (t.ranges.some((r) => r.lba < end && lba < r.lba + BigInt(r.count))) {
        this.tokens.invalidate(t, 'spc.rod-token.cancelled', now);
      }
    }
  }

  // ---------------------------------------------------------------- plain I/O

  lu(lun: number): Lu {
    const lu = this.lus.get(lun);
    if (lu === undefined) fail('spc.lun.not-supported');
    return lu;
  }

  private checkIo(lu: Lu, lba: bigint, count: number, lenField: number): void {
    // The advertised MAXIMUM TRANSFER LENGTH (never more than one buffer can hold).
    if (count > maxTransferLengthOf(this.limits, lu.blockSize)) {
      fail('sbc.io.transfer-length', { fieldPointer: lenField });
    }
    if (lba + BigInt(count) > lu.capacity) fail('sbc.io.lba-out-of-range');
  }

  read(lun: number, lba: bigint, count: number, lenField: number): Uint8Array<ArrayBuffer> {
    const lu = this.lu(lun);
    this.checkIo(lu, lba, count, lenField);
    return lu.store.read(lba * BigInt(lu.blockSize), count * lu.blockSize);
  }

  write(lun: number, lba: bigint, count: number, data: Uint8Array, lenField: number): void {
    const lu = this.lu(lun);
    this.checkIo(lu, lba, count, lenField);
    const n = count * lu.blockSize;
    if (data.length < n) fail('sbc.write.data-out-short');
    lu.store.write(lba * BigInt(lu.blockSize), data.subarray(0, n));
    this.wrote(lu, lba, BigInt(count));
  }

  // ---------------------------------------------------------------- results, lifecycle

  /** The I_T_L nexus state a command on an existing LU uses (made if missing). */
  itl(n: ItNexus, lun: number): ItlState {
    return this.nexus.itl(n, lun);
  }

  /** Take the oldest pending unit attention of an I_T_L nexus (`ASC << 8 | ASCQ`), if any. */
  takeUnitAttention(st: ItlState): number | undefined {
    return this.nexus.takeUnitAttention(st);
  }

  /** Look up a list identifier on an I_T_L nexus, or 24h/00h with the pointer at CDB byte 2. */
  result(n: ItNexus, lun: number, listId: number): OpRec {
    const op = this.nexus.get(n, lun, listId);
    if (op === undefined) fail('spc.copy-results.unknown-list-identifier');
    const t = op.token;
    const now = this.clock.now();
    if (t !== undefined && this.tokens.expired(t, now)) {
      // Its result goes with it: never report a dead token as made.
      this.tokens.invalidate(t, 'spc.rod-token.expired', now);
      fail('spc.copy-results.unknown-list-identifier');
    }
    return op;
  }

  /**
   * Forget an operation's results (RRTI: ALLOCATION LENGTH 0, or all of the data transferred).
   * The ROD token stays valid: discarding the parameter data is not a token invalidation cause.
   */
  discard(op: OpRec): void {
    if (!this.running.has(op)) this.nexus.drop(op);
  }

  /** Whether a background copy of this I_T_L nexus holds the list identifier. */
  listIdInUse(n: ItNexus, lun: number, listId: number): boolean {
    const op = this.nexus.get(n, lun, listId);
    return op !== undefined && this.running.has(op);
  }

  /** OPERATION IN PROGRESS (pointer at the CDB's LIST IDENTIFIER) if {@link listIdInUse}. */
  checkListId(n: ItNexus, lun: number, listId: number): void {
    if (this.listIdInUse(n, lun, listId)) fail('spc.list-identifier.in-use');
  }

  store(op: OpRec): void {
    this.nexus.store(op, (o) => this.running.has(o));
  }

  /**
   * Start a background copy (`op.bg` set, status 12h): it progresses with the clock like a WRITE
   * USING TOKEN with IMMED = 1 (used by EXTENDED COPY (LID4) with IMMED = 1). ABORTED COMMAND,
   * INSUFFICIENT RESOURCES when `maxConcurrentCopies` copies are running.
   */
  startBackground(op: OpRec): void {
    if (this.running.size >= this.limits.maxConcurrentCopies) fail('spc.copy.too-many-background');
    this.running.add(op);
    this.store(op);
    this.progress(op, this.clock.now());
  }

  /** End a background copy: COPY OPERATION STATUS 60h (terminated); its results stay. */
  private terminate(op: OpRec): boolean {
    if (!this.running.delete(op)) return false;
    op.bg = undefined;
    op.status = COPY_OPERATION_STATUS.TERMINATED;
    op.completionStatus = 0x40; // TASK ABORTED
    return true;
  }

  /** COPY OPERATION ABORT: 24h/00h for an unknown list identifier, else terminate it if running. */
  abort(n: ItNexus, lun: number, listId: number): void {
    this.terminate(this.result(n, lun, listId));
  }

  /** Terminate one background copy of an I_T_L nexus; `true` if one was running. */
  abortCopy(n: ItNexus, lun: number, listId: number): boolean {
    const op = this.nexus.get(n, lun, listId);
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
    this.nexus.loss(n, this.lus.keys());
  }

  /**
   * Logical unit reset (SAM-5): terminate every copy on the LU, free every nexus's results there and
   * establish 29h/03h for every I_T nexus on it. An unknown LUN is ignored.
   */
  logicalUnitReset(lun: number): void {
    if (!this.lus.has(lun)) return;
    for (const op of [...this.running]) if (op.lun === lun) this.terminate(op);
    this.nexus.reset(lun);
  }

  // ---------------------------------------------------------------- range checks

  /**
   * The range checks of SBC-5 5.12.2 / 5.59.2 through the public validator: the first issue
   * `validateRangeDescriptors` finds, answered by its rule. MAXIMUM BYTES IN BLOCK ROD is reported
   * as MAXIMUM TOKEN TRANSFER SIZE x block length, so the total check covers it; MAXIMUM TRANSFER
   * LENGTH does not limit a range.
   */
  private checkRanges(lu: Lu, descriptors: readonly BlockDeviceRangeDescriptor[], list: RangeListKind): void {
    if (descriptors.length === 0) {
      fail('sbc.range-descriptors.none', { fieldPointer: rangeListOffsets(list).rangeLength });
    }
    const [first] = validateRangeDescriptors(descriptors, {
      maximumRangeDescriptors: this.limits.maxRangeDescriptors,
      maximumTokenTransferSize: this.limits.maxTokenTransferSize,
      capacity: lu.capacity,
    });
    if (first !== undefined) {
      const { rule, fieldPointer } = ruleForRangeDescriptorIssue(first, list);
      fail(rule, { fieldPointer });
    }
  }

  // ---------------------------------------------------------------- POPULATE TOKEN

  populateToken(n: ItNexus, lun: number, listId: number, req: PopulateRequest): void {
    const lu = this.lu(lun);
    this.checkListId(n, lun, listId);
    const lim = this.limits;
    let timeout = req.inactivityTimeout;
    if (timeout > lim.maxInactivityTimeout) fail('sbc.populate-token.inactivity-timeout');
    if (timeout === 0) timeout = lim.defaultInactivityTimeout;
    // RTV = 0: any point in time type (default); RTV = 1: a point in time type of ours, else 26h/00h
    // (access upon reference included: SBC-5 5.12.2 asks POPULATE TOKEN for a point in time ROD).
    const rodType = req.rtv ? PT_ROD_TYPES.get(req.rodType) : ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT;
    if (rodType === undefined) fail('sbc.populate-token.rod-type');
    this.checkRanges(lu, req.descriptors, 'populateToken');
    const now = this.clock.now();
    const key = nexusKey(n);
    if (!this.tokens.hasRoomFor(key)) fail('sbc.populate-token.insufficient-resources');
    const bs = BigInt(lu.blockSize);
    let blocks = 0n;
    for (const r of req.ranges) blocks += BigInt(r.count);
    const pit = rodType === ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT || rodType === ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT;
    const ranges = req.ranges.filter((r) => r.count > 0);
    let image: readonly Extent[] | undefined;
    if (pit) {
      const img = concatImages(ranges.map((r) => lu.store.image(r.lba * bs, BigInt(r.count) * bs)));
      image = img.extents.length === 0 ? NO_EXTENTS : img.extents;
    }
    const rec: TokenRec = {
      op: undefined,
      id: this.tokens.newId(),
      secret: randomString(this.random, this.secretBytes),
      rodType,
      lu,
      ranges: pit ? NO_RANGES : ranges,
      bytes: blocks * bs,
      image,
      inactivityMs: timeout * 1000,
      lastUse: now,
      owner: key,
    };
    this.tokens.add(rec);
    if (rodType === ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE) lu.cvTokens.add(rec);
    const op: OpRec = {
      listId,
      lun,
      owner: key,
      serviceAction: 0x10,
      status: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS,
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
    this.checkRanges(lu, req.descriptors, 'writeUsingToken');
    const kind = this.tokens.classify(req.token);
    const now = this.clock.now();
    const bs = BigInt(lu.blockSize);
    let requested = 0n;
    for (const r of req.ranges) requested += BigInt(r.count) * bs;
    let src: Image;
    let rec: TokenRec | undefined;
    if (kind.kind === 'zero') {
      src = zeroImage(requested);
    } else {
      rec = this.tokens.presented(kind.id, req.token, now);
      const off = req.offsetIntoRod * bs;
      if (off >= rec.bytes) fail('sbc.write-using-token.offset-into-rod');
      rec.lastUse = now;
      const whole = this.tokenImage(rec);
      const avail = rec.bytes - off;
      src = subImage(whole, off, avail < requested ? avail : requested);
    }
    // Short token: whole blocks, plus (zero-fill policy) the partial block padded with zeros. The
    // transfer is short (0Dh/04h, RRTI 03h) only if fewer blocks than requested were written. Only
    // bytes [0, total) of `src` are copied, and bytes past its extents read as zeros, so `src`
    // itself needs no cutting or padding.
    let total = src.length;
    let residual: Fault | undefined;
    if (total < requested) {
      const partial = total % bs;
      total = this.limits.shortTokenPolicy === 'zero-fill' && partial !== 0n ? total - partial + bs : total - partial;
      const tc = total / bs;
      if (total < requested) {
        residual = faultFor(
          tc === 0n ? 'sbc.write-using-token.short-token-none' : 'sbc.write-using-token.short-token',
          {
            information: tc,
          },
        );
      }
    }
    const op: OpRec = {
      listId,
      lun,
      owner: nexusKey(n),
      serviceAction: 0x11,
      status: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS,
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
      if (this.running.size >= this.limits.maxConcurrentCopies) fail('spc.copy.too-many-background');
      op.status = COPY_OPERATION_STATUS.IN_PROGRESS_BACKGROUND;
      op.bg = { dst: lu, ranges: req.ranges, src, totalBytes: total, doneBytes: 0n, lastTime: now, residual };
      this.running.add(op);
      this.store(op);
      if (req.delTkn && rec !== undefined) this.tokens.invalidate(rec, 'spc.rod-token.deleted', now);
      this.progress(op, now);
      return undefined;
    }
    this.applyCopy(lu, req.ranges, src, 0n, total);
    op.transferCount = total / bs;
    op.operationCounter = req.ranges.length & 0xffff;
    this.finish(op, residual);
    this.store(op);
    if (req.delTkn && rec !== undefined) this.tokens.invalidate(rec, 'spc.rod-token.deleted', now);
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
   * Counts of every internal record, for soak tests and diagnostics (what the limits bound).
   * `deadTokensPinning` and `resultsWithDeadToken` must be 0.
   */
  census(): EngineCensus {
    const t = this.tokens.census();
    const n = this.nexus.census((op) => op.token !== undefined && !this.tokens.isLive(op.token));
    return {
      liveTokens: t.live,
      liveTokenImages: t.liveImages,
      invalidationRecords: t.invalid,
      deadTokensPinning: t.deadPinning,
      tokenOwners: t.owners,
      nexuses: n.nexuses,
      itlNexuses: n.itl,
      results: n.results,
      resultsWithDeadToken: n.resultsWithDeadToken,
      unitAttentions: n.unitAttentions,
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

export { FaultError };
