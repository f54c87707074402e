/**
 * Model-based tests: random command sequences against the copy manager and against a deliberately
 * simple model (one plain Uint8Array per LU, naive byte copies, its own token bookkeeping). Every
 * response must match the model in status, sense (key, ASC/ASCQ, field pointer, INFORMATION),
 * data, and RRTI / RECEIVE COPY STATUS contents, and must decode with the package's codecs.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import {
  encodeExtendedCopyLid1Cdb,
  encodeExtendedCopyLid4Cdb,
  encodeInquiryCdb,
  encodeReceiveCopyStatusLid1Cdb,
  encodeReportAllRodTokensCdb,
  encodeRequestSenseCdb,
} from '../../src/cdb/index.js';
import type { CommandResponse, CopyManager, ItNexus, ManualClock } from '../../src/copy-manager/index.js';
import {
  type ExtendedCopyListBody,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
} from '../../src/parameter-list/index.js';
import { decodeAllRodTokens, decodeCopyStatusLid1 } from '../../src/status/index.js';
import { decodeDeviceIdentificationVpdPage } from '../../src/vpd/index.js';
import { decodeVpdPage } from '../../src/vpd/vpd-page.js';
import {
  A1,
  A2,
  B1,
  B2,
  Host,
  makeCm,
  parseRrti,
  type RangeIn,
  type RrtiInfo,
  senseSummary,
  zeroToken,
} from './helpers.js';

// ------------------------------------------------------------------ configuration

const RATE = 512_000; // bytes per second: 1 byte/ms per 512-byte block... i.e. 512 B/ms
const LUS = [
  { blockSize: 512, capacity: 64n },
  { blockSize: 4096, capacity: 8n },
  { blockSize: 512, capacity: 48n },
] as const;
const LIMITS = {
  maxLiveTokens: 6,
  maxTokensPerNexus: 3,
  maxConcurrentCopies: 2,
  maxRangeDescriptors: 3,
  maxTokenTransferSize: 16n,
  maxTransferLength: 8,
  defaultInactivityTimeout: 3,
  maxInactivityTimeout: 5,
  backgroundBytesPerSecond: RATE,
  // Nexus state ageing is covered by memory.test.ts; here it would forget results under the model.
  nexusIdleTimeout: 1_000_000_000,
} as const;
const NEXUSES: readonly ItNexus[] = [A1, A2, B1, B2];
const PIT_DEFAULT = 0x0080_0000;
const PIT_CV = 0x0080_0001;
const PIT_PERSISTENT = 0x0080_0002;
const PIT_ANY = 0x0080_ffff;
const AUR = 0x0001_0000;

type Policy = 'zero-fill' | 'underrun';

// ------------------------------------------------------------------ the model

interface Expect {
  status: number;
  sense?: {
    key: number;
    asc: number;
    ascq: number;
    pointer: { cd: boolean; field: number } | null;
    information?: bigint;
  };
}

interface MToken {
  readonly rodType: number;
  readonly lun: number;
  readonly ranges: readonly { lba: number; count: number }[];
  readonly snapshot: Uint8Array | undefined;
  readonly bytes: number;
  readonly timeoutMs: number;
  readonly owner: string;
  lastUse: number;
  state: 'live' | { ascq: number; until: number };
}

interface MFault {
  key: number;
  asc: number;
  ascq: number;
  information: bigint;
}

interface MBg {
  readonly lun: number;
  readonly ranges: readonly { lba: number; count: number }[];
  readonly src: Uint8Array;
  readonly total: number;
  done: number;
  lastTime: number;
  readonly residual: MFault | undefined;
}

interface MOp {
  /** Nexus key and LUN of the I_T_L nexus that owns the list identifier. */
  readonly owner: string;
  readonly lun: number;
  readonly sa: number;
  status: number;
  completion: number;
  tc: bigint;
  fault: MFault | undefined;
  token: MToken | undefined;
  bg: MBg | undefined;
  /** EXTENDED COPY (LID1, LID4): segments processed. */
  segments?: number;
}

/** A token the tests know the bytes of: ours (linked to the model) or another instance's. */
interface KnownToken {
  readonly bytes: Uint8Array;
  readonly token: MToken | 'remote';
}

const key = (n: ItNexus) => `${n.initiatorPortId}|${n.targetPortId}`;
/** Results are per I_T_L nexus (SPC-5: each logical unit's copy manager keeps its own). */
const itl = (n: ItNexus, lun: number) => `${key(n)}|${lun}`;

class Model {
  readonly lus: Uint8Array[] = LUS.map((l) => new Uint8Array(Number(l.capacity) * l.blockSize));
  readonly tokens: MToken[] = [];
  readonly results = new Map<string, Map<number, MOp>>();
  readonly running: MOp[] = [];
  readonly known: KnownToken[] = [];
  /** Nexus index, list ID and LUN of the latest successful POPULATE TOKEN / WRITE USING TOKEN. */
  last: [number, number, number] | undefined;
  now = 1_000_000;
  readonly policy: Policy;
  /** Each LU's VPD 83h NAA designator (read once from the copy manager, INQUIRY through A1). */
  naas: Uint8Array[] = [];
  /** Nexus index, list ID and LUN of the latest EXTENDED COPY that kept a result. */
  lastXcopy: [number, number, number] | undefined;
  constructor(policy: Policy, remote: readonly Uint8Array[]) {
    this.policy = policy;
    for (const r of remote) this.known.push({ bytes: r, token: 'remote' });
  }

  expired(t: MToken): boolean {
    return this.now - t.lastUse > t.timeoutMs;
  }

  invalidate(t: MToken, ascq: number): void {
    if (t.state !== 'live') return;
    let at = this.now;
    if (this.expired(t)) {
      ascq = 0x07;
      at = t.lastUse + t.timeoutMs;
    }
    t.state = { ascq, until: at + Math.max(2 * t.timeoutMs, 60_000) };
    // A dead token takes the POPULATE TOKEN result that reports it along.
    for (const m of this.results.values()) for (const [id, op] of m) if (op.token === t) m.delete(id);
  }

  /** Pending unit attentions per I_T_L nexus (`ASC << 8 | ASCQ`, oldest first). */
  readonly ua = new Map<string, number[]>();
  /** Nexuses the copy manager has state for (every nexus that sent a command, or was lost). */
  readonly seen = new Set<string>();

  /** A command arrives on (n, lun): the nexus becomes known; a pending UA is taken (and returned). */
  arrive(n: ItNexus, lun: number, exempt = false): number | undefined {
    this.seen.add(key(n));
    if (exempt) return undefined;
    const q = this.ua.get(itl(n, lun));
    const code = q?.shift();
    if (q !== undefined && q.length === 0) this.ua.delete(itl(n, lun));
    return code;
  }

  addUa(nexusKey: string, lun: number, code: number): void {
    const k = `${nexusKey}|${lun}`;
    const kept = (this.ua.get(k) ?? []).filter((c) => c >> 8 !== code >> 8 && c !== code);
    kept.push(code);
    this.ua.set(k, kept.slice(-8));
  }

  terminate(op: MOp): void {
    const i = this.running.indexOf(op);
    if (i < 0) return;
    this.running.splice(i, 1);
    op.bg = undefined;
    op.status = 0x60;
    op.completion = 0x40;
  }

  /** SAM-5 I_T nexus loss, as CopyManager.itNexusLoss does it. */
  loss(n: ItNexus): void {
    for (const op of [...this.running]) if (op.owner === key(n)) this.terminate(op);
    for (let lun = 0; lun < LUS.length; lun++) {
      this.results.delete(itl(n, lun));
      this.ua.set(itl(n, lun), [0x2907]);
    }
    this.seen.add(key(n));
  }

  /** SAM-5 logical unit reset, as CopyManager.logicalUnitReset does it. */
  luReset(lun: number): void {
    for (const op of [...this.running]) if (op.lun === lun) this.terminate(op);
    for (const k of this.seen) {
      this.results.delete(`${k}|${lun}`);
      this.addUa(k, lun, 0x2903);
    }
  }

  /** The results of a list ID, as RRTI / RCS / COPY OPERATION ABORT find them. */
  op(n: ItNexus, lun: number, listId: number): MOp | undefined {
    const op = this.results.get(itl(n, lun))?.get(listId);
    if (op?.token !== undefined && op.token.state === 'live' && this.expired(op.token)) {
      this.invalidate(op.token, 0x07);
      return undefined;
    }
    return op;
  }

  cancel(lun: number, lba: number, count: number): void {
    if (count === 0) return;
    for (const t of this.tokens) {
      if (t.state !== 'live' || t.rodType !== PIT_CV || t.lun !== lun) continue;
      if (t.ranges.some((r) => r.count > 0 && r.lba < lba + count && lba < r.lba + r.count)) this.invalidate(t, 0x08);
    }
  }

  live(): MToken[] {
    return this.tokens.filter((t) => t.state === 'live' && !this.expired(t));
  }

  /** Same arithmetic as the copy manager's background progress. */
  tick(): void {
    for (const op of [...this.running]) this.progress(op);
  }

  progress(op: MOp): void {
    const bg = op.bg;
    if (bg === undefined) return;
    const bs = LUS[bg.lun]!.blockSize;
    const elapsed = Math.max(0, this.now - bg.lastTime);
    let target = bg.done + Math.floor(Math.floor((elapsed * RATE) / 1000) / bs) * bs;
    if (target > bg.total) target = bg.total;
    if (target > bg.done) {
      const used = Math.floor(((target - bg.done) * 1000) / RATE);
      bg.lastTime = target === bg.total ? this.now : bg.lastTime + used;
      this.apply(bg.lun, bg.ranges, bg.src, bg.done, target);
      bg.done = target;
      op.tc = BigInt(target / bs);
    }
    if (bg.done === bg.total) this.finish(op, bg.residual);
  }

  finish(op: MOp, residual: MFault | undefined): void {
    const i = this.running.indexOf(op);
    if (i >= 0) this.running.splice(i, 1);
    op.bg = undefined;
    if (residual === undefined) {
      op.status = 1;
      op.completion = 0;
    } else {
      op.status = 3;
      op.completion = 2;
      op.fault = residual;
    }
  }

  apply(
    lun: number,
    ranges: readonly { lba: number; count: number }[],
    src: Uint8Array,
    from: number,
    to: number,
  ): void {
    const bs = LUS[lun]!.blockSize;
    let at = 0;
    for (const r of ranges) {
      const len = r.count * bs;
      const s = Math.max(from, at);
      const e = Math.min(to, at + len);
      if (s < e) {
        const dpos = r.lba * bs + (s - at);
        this.lus[lun]!.set(src.subarray(s, e), dpos);
        this.cancel(lun, Math.floor(dpos / bs), Math.ceil((e - s) / bs));
      }
      at += len;
      if (at >= to) break;
    }
  }

  resultsOf(n: ItNexus, lun: number): Map<number, MOp> {
    let m = this.results.get(itl(n, lun));
    if (m === undefined) {
      m = new Map();
      this.results.set(itl(n, lun), m);
    }
    return m;
  }

  inUse(n: ItNexus, lun: number, listId: number): boolean {
    const op = this.results.get(itl(n, lun))?.get(listId);
    return op !== undefined && this.running.includes(op);
  }

  /**
   * The copy manager's range checks: the first issue of validateRangeDescriptors, in its order
   * (count; per descriptor: running total, capacity; then overlaps by a sweep over LBAs).
   */
  rangeFault(lun: number, ranges: readonly { lba: number; count: number }[], base: number): Expect | undefined {
    const il = (asc: number, ascq: number, field: number): Expect => ({
      status: 2,
      sense: { key: 5, asc, ascq, pointer: { cd: false, field } },
    });
    if (ranges.length === 0) return il(0x26, 0, base - 2);
    if (ranges.length > LIMITS.maxRangeDescriptors) return il(0x26, 0x08, base - 2);
    let sum = 0;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      sum += r.count;
      if (sum > Number(LIMITS.maxTokenTransferSize)) return il(0x26, 0, base - 2);
      if (r.count > 0 && r.lba + r.count > Number(LUS[lun]!.capacity)) return il(0x21, 0, base + 16 * i);
    }
    const order = ranges
      .map((r, i) => ({ lba: r.lba, end: r.lba + r.count, i }))
      .filter((x) => x.end > x.lba)
      .sort((a, b) => a.lba - b.lba || a.i - b.i);
    let far: { end: number; i: number } | undefined;
    for (const x of order) {
      if (far !== undefined && x.lba < far.end) return il(0x26, 0, base + 16 * Math.max(x.i, far.i));
      if (far === undefined || x.end > far.end) far = { end: x.end, i: x.i };
    }
    return undefined;
  }

  tokenData(t: MToken): Uint8Array {
    if (t.snapshot !== undefined) return t.snapshot;
    const bs = LUS[t.lun]!.blockSize;
    const out = new Uint8Array(t.bytes);
    let at = 0;
    for (const r of t.ranges) {
      out.set(this.lus[t.lun]!.subarray(r.lba * bs, (r.lba + r.count) * bs), at);
      at += r.count * bs;
    }
    return out;
  }
}

interface Real {
  readonly cm: CopyManager;
  readonly clock: ManualClock;
}

// ------------------------------------------------------------------ comparing

function actual(r: CommandResponse): Expect {
  if (r.status !== 2) return { status: r.status };
  const s = senseSummary(r.senseData as Uint8Array);
  return {
    status: 2,
    sense: {
      key: s.key,
      asc: s.asc,
      ascq: s.ascq,
      pointer: s.pointer,
      ...(s.information === undefined ? {} : { information: s.information }),
    },
  };
}

/** Outcome counts per command kind (printed with MODEL_STATS=1, to keep the generators honest). */
const stats = new Map<string, number>();
let current = '';

/** Fast byte comparison (toEqual on large typed arrays is slow); shows a diff only on mismatch. */
function expectBytes(a: Uint8Array | undefined, b: Uint8Array): void {
  if (a !== undefined && a.length === b.length && a.every((x, i) => x === b[i])) return;
  expect(a).toEqual(b);
}

/** READ the whole LU (in MAXIMUM TRANSFER LENGTH chunks) and compare with the model. */
/** Clear A1's pending unit attentions on `lun` with REQUEST SENSE (each checked against the model). */
function clearUa(m: Model, r: Real, lun: number): void {
  for (;;) {
    const code = m.arrive(A1, lun);
    const res = new Host(r.cm, A1).run(lun, encodeRequestSenseCdb({ desc: false, allocationLength: 252, control: 0 }));
    expect(res.status).toBe(0);
    const s = senseSummary(res.dataIn as Uint8Array);
    if (code === undefined) {
      expect({ key: s.key, asc: s.asc, ascq: s.ascq }).toEqual({ key: 0, asc: 0, ascq: 0 });
      return;
    }
    expect({ key: s.key, asc: s.asc, ascq: s.ascq }).toEqual({ key: 6, asc: code >> 8, ascq: code & 0xff });
  }
}

/** The expected CHECK CONDITION for a unit attention. */
function uaExpect(code: number): Expect {
  return { status: 2, sense: { key: 6, asc: code >> 8, ascq: code & 0xff, pointer: null } };
}

function expectLu(m: Model, r: Real, lun: number): void {
  clearUa(m, r, lun);
  const bs = LUS[lun]!.blockSize;
  const cap = Number(LUS[lun]!.capacity);
  for (let lba = 0; lba < cap; lba += LIMITS.maxTransferLength) {
    const n = Math.min(LIMITS.maxTransferLength, cap - lba);
    const res = new Host(r.cm, A1).read(lun, lba, n);
    expectBytes(res.dataIn, m.lus[lun]!.subarray(lba * bs, (lba + n) * bs));
  }
}

function check(r: CommandResponse, e: Expect): void {
  expect(actual(r)).toEqual(e);
  const k = `${current} ${e.sense === undefined ? 'GOOD' : `${e.sense.asc.toString(16)}/${e.sense.ascq.toString(16)}`}`;
  stats.set(k, (stats.get(k) ?? 0) + 1);
}

/** Fold an LBA into [0, capacity + 2) of the LU so that most ranges fit and some do not. */
function fold(lun: number, lba: number): number {
  return lba % (Number(LUS[lun]!.capacity) + 2);
}
const foldRanges = (lun: number, rs: readonly { lba: number; count: number }[]) =>
  rs.map((x) => ({ lba: fold(lun, x.lba), count: x.count }));

const ok: Expect = { status: 0 };
const il = (asc: number, ascq: number, pointer: { cd: boolean; field: number } | null): Expect => ({
  status: 2,
  sense: { key: 5, asc, ascq, pointer },
});

function faultExpect(f: MFault): Expect {
  return { status: 2, sense: { key: f.key, asc: f.asc, ascq: f.ascq, pointer: null, information: f.information } };
}

// ------------------------------------------------------------------ commands

type Cmd = fc.Command<Model, Real>;

function host(r: Real, n: number): Host {
  return new Host(r.cm, NEXUSES[n]!);
}

class Advance implements Cmd {
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.now += this.ms;
    r.clock.advance(this.ms);
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

class Write implements Cmd {
  readonly n: number;
  lun: number;
  lba: number;
  readonly count: number;
  readonly seed: number;
  readonly follows: boolean;
  constructor(n: number, lun: number, lba: number, count: number, seed: number, follows: boolean) {
    this.n = n;
    this.lun = lun;
    this.lba = lba;
    this.count = count;
    this.seed = seed;
    this.follows = follows;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    const t = m.tokens[m.tokens.length - 1];
    if (this.follows && t !== undefined && t.ranges.length > 0) {
      // Overwrite the source of the latest token (copy-on-write / cancellation paths).
      this.lun = t.lun;
      this.lba = t.ranges[0]!.lba;
    }
    const bs = LUS[this.lun]!.blockSize;
    const data = new Uint8Array(this.count * bs);
    for (let i = 0; i < data.length; i++) data[i] = (this.seed + i * 13 + (i >> 8)) & 0xff;
    current = 'write';
    const res = host(r, this.n).write(this.lun, this.lba, data, bs);
    const ua = m.arrive(NEXUSES[this.n]!, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    if (this.lba + this.count > Number(LUS[this.lun]!.capacity)) {
      check(res, il(0x21, 0, { cd: true, field: 2 }));
      return;
    }
    check(res, ok);
    m.lus[this.lun]!.set(data, this.lba * bs);
    m.cancel(this.lun, this.lba, this.count);
  }
  toString(): string {
    return `write(n${this.n}, lun${this.lun}, ${this.lba}+${this.count})`;
  }
}

class Read implements Cmd {
  readonly n: number;
  readonly lun: number;
  readonly lba: number;
  readonly count: number;
  constructor(n: number, lun: number, lba: number, count: number) {
    this.n = n;
    this.lun = lun;
    this.lba = lba;
    this.count = count;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    const bs = LUS[this.lun]!.blockSize;
    current = 'read';
    const res = host(r, this.n).read(this.lun, this.lba, this.count);
    const ua = m.arrive(NEXUSES[this.n]!, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    if (this.lba + this.count > Number(LUS[this.lun]!.capacity)) {
      check(res, il(0x21, 0, { cd: true, field: 2 }));
      return;
    }
    check(res, ok);
    expectBytes(res.dataIn, m.lus[this.lun]!.subarray(this.lba * bs, (this.lba + this.count) * bs));
  }
  toString(): string {
    return `read(n${this.n}, lun${this.lun}, ${this.lba}+${this.count})`;
  }
}

class Populate implements Cmd {
  readonly n: number;
  readonly lun: number;
  readonly listId: number;
  readonly ranges: readonly { lba: number; count: number }[];
  readonly rtv: boolean;
  readonly rodType: number;
  readonly timeout: number;
  readonly fetch: boolean;
  constructor(
    n: number,
    lun: number,
    listId: number,
    ranges: readonly { lba: number; count: number }[],
    rtv: boolean,
    rodType: number,
    timeout: number,
    fetch: boolean,
  ) {
    this.n = n;
    this.lun = lun;
    this.listId = listId;
    this.ranges = ranges;
    this.rtv = rtv;
    this.rodType = rodType;
    this.timeout = timeout;
    this.fetch = fetch;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    this.populate(m, r);
    if (this.fetch) new Rrti(this.n, this.lun, this.listId, false, false, false).run(m, r);
  }
  populate(m: Model, r: Real): void {
    m.tick();
    current = 'populate';
    const nexus = NEXUSES[this.n]!;
    const res = host(r, this.n).populate(this.lun, this.listId, this.ranges, {
      rtv: this.rtv,
      rodType: this.rodType,
      inactivityTimeout: this.timeout,
    });
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    const e = this.expected(m, nexus);
    check(res, e);
    if (e.status === 0) m.last = [this.n, this.listId, this.lun];
  }
  expected(m: Model, nexus: ItNexus): Expect {
    if (m.inUse(nexus, this.lun, this.listId)) return il(0x00, 0x16, { cd: true, field: 6 });
    if (this.timeout > LIMITS.maxInactivityTimeout) return il(0x26, 0, { cd: false, field: 4 });
    let rodType = PIT_DEFAULT;
    if (this.rtv) {
      // Point in time types only: access upon reference is 26h/00h (SBC-5 5.12.2).
      if ([PIT_DEFAULT, PIT_CV, PIT_PERSISTENT].includes(this.rodType)) rodType = this.rodType;
      else if (this.rodType === PIT_ANY) rodType = PIT_PERSISTENT;
      else return il(0x26, 0, { cd: false, field: 8 });
    }
    const rf = m.rangeFault(this.lun, this.ranges, 16);
    if (rf !== undefined) return rf;
    const live = m.live();
    if (
      live.length >= LIMITS.maxLiveTokens ||
      live.filter((t) => t.owner === key(nexus)).length >= LIMITS.maxTokensPerNexus
    ) {
      return il(0x55, 0x0d, null);
    }
    const bs = LUS[this.lun]!.blockSize;
    const ranges = this.ranges.filter((x) => x.count > 0);
    const blocks = ranges.reduce((a, x) => a + x.count, 0);
    const t: MToken = {
      rodType,
      lun: this.lun,
      ranges,
      snapshot: undefined,
      bytes: blocks * bs,
      timeoutMs: (this.timeout === 0 ? LIMITS.defaultInactivityTimeout : this.timeout) * 1000,
      owner: key(nexus),
      lastUse: m.now,
      state: 'live',
    };
    const pit = rodType === PIT_DEFAULT || rodType === PIT_PERSISTENT;
    const tok: MToken = pit ? { ...t, snapshot: m.tokenData(t) } : t;
    m.tokens.push(tok);
    const results = m.resultsOf(nexus, this.lun);
    results.delete(this.listId);
    results.set(this.listId, {
      owner: key(nexus),
      lun: this.lun,
      sa: 0x10,
      status: 1,
      completion: 0,
      tc: BigInt(blocks),
      fault: undefined,
      token: tok,
      bg: undefined,
    });
    return ok;
  }
  toString(): string {
    return `populate(n${this.n}, lun${this.lun}, id${this.listId}, ${JSON.stringify(this.ranges)}, rtv=${this.rtv}, type=${this.rodType.toString(16)}, t=${this.timeout})`;
  }
}

/** Most commands about a list ID follow the latest operation (else random nexus + ID would rarely hit). */
function follow(m: Model, n: number, listId: number, lun: number, doFollow: boolean): [number, number, number] {
  if (!doFollow || m.last === undefined) return [n, listId, lun];
  return m.last;
}

class Rrti implements Cmd {
  n: number;
  lun: number;
  listId: number;
  readonly discard: boolean;
  readonly rcs: boolean;
  readonly follows: boolean;
  constructor(n: number, lun: number, listId: number, discard: boolean, rcs: boolean, follows: boolean) {
    this.n = n;
    this.lun = lun;
    this.listId = listId;
    this.discard = discard;
    this.rcs = rcs;
    this.follows = follows;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    [this.n, this.listId, this.lun] = follow(m, this.n, this.listId, this.lun, this.follows);
    const nexus = NEXUSES[this.n]!;
    const h = host(r, this.n);
    current = this.rcs ? 'rcs' : this.discard ? 'rrti0' : 'rrti';
    const res = this.rcs ? h.rcs(this.lun, this.listId) : h.rrtiRaw(this.lun, this.listId, this.discard ? 0 : 4096);
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    const op = m.op(nexus, this.lun, this.listId);
    if (op === undefined || op.sa === 0x00) {
      check(res, il(0x24, 0, { cd: true, field: 2 }));
      return;
    }
    check(res, ok);
    // RRTI discards the results (not the token) with ALLOCATION LENGTH 0 and after a full transfer
    // (4096 bytes hold all of it); a running operation keeps them.
    if (!this.rcs && !m.running.includes(op)) m.results.get(itl(nexus, this.lun))?.delete(this.listId);
    if (this.discard && !this.rcs) {
      expect(res.dataIn?.length).toBe(0);
      return;
    }
    const info: RrtiInfo = parseRrti(res.dataIn as Uint8Array, !this.rcs);
    const bg = op.bg;
    const estimate = bg === undefined ? 0xffff_fffe : Math.min(1000, Math.ceil(((bg.total - bg.done) * 1000) / RATE));
    expect({
      sa: info.responseToServiceAction,
      status: info.copyOperationStatus,
      completion: info.extendedCopyCompletionStatus,
      units: info.transferCountUnits,
      tc: info.transferCount,
      estimate: info.estimatedStatusUpdateDelay,
    }).toEqual({
      sa: op.sa,
      status: op.status,
      completion: op.completion,
      // EXTENDED COPY (LID4) counts bytes (its segments may join LUs of different block lengths)
      units: op.sa === 0x01 ? 0x00 : 0xf1,
      tc: op.tc,
      estimate,
    });
    if (op.fault === undefined) expect(info.senseData).toBeUndefined();
    else {
      const s = info.senseData!;
      expect({ key: s.senseKey, asc: s.additionalSenseCode, ascq: s.additionalSenseCodeQualifier }).toEqual({
        key: op.fault.key,
        asc: op.fault.asc,
        ascq: op.fault.ascq,
      });
    }
    if (this.rcs || op.token === undefined) {
      expect(info.token).toBeUndefined();
      return;
    }
    const bytes = info.token as Uint8Array;
    expect(bytes.length).toBe(512);
    const seen = m.known.find((k) => k.token === op.token);
    if (seen !== undefined) expectBytes(bytes, seen.bytes);
    else m.known.push({ bytes, token: op.token });
  }
  toString(): string {
    return `${this.rcs ? 'rcs' : 'rrti'}(n${this.n}, lun${this.lun}, id${this.listId}${this.discard ? ', alloc 0' : ''})`;
  }
}

type Variant = 'exact' | 'forge' | 'badlen' | 'badtype' | 'zero';

class Wut implements Cmd {
  readonly n: number;
  readonly lun: number;
  readonly listId: number;
  readonly pick: number;
  readonly variant: Variant;
  readonly ranges: readonly { lba: number; count: number }[];
  readonly offset: number;
  readonly delTkn: boolean;
  readonly immed: boolean;
  constructor(
    n: number,
    lun: number,
    listId: number,
    pick: number,
    variant: Variant,
    ranges: readonly { lba: number; count: number }[],
    offset: number,
    delTkn: boolean,
    immed: boolean,
  ) {
    this.n = n;
    this.lun = lun;
    this.listId = listId;
    this.pick = pick;
    this.variant = variant;
    this.ranges = ranges;
    this.offset = offset;
    this.delTkn = delTkn;
    this.immed = immed;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    current = `wut-${this.variant}`;
    const nexus = NEXUSES[this.n]!;
    let known: KnownToken | undefined;
    let bytes: Uint8Array;
    if (this.variant === 'zero' || m.known.length === 0) {
      bytes = zeroToken();
    } else {
      const own = m.known.filter((k) => k.token !== 'remote');
      known =
        this.pick % 4 !== 0 && own.length > 0
          ? own[own.length - 1 - (this.pick % Math.min(2, own.length))]!
          : m.known[this.pick % m.known.length]!;
      bytes = known.bytes.slice();
      if (this.variant === 'forge') bytes[300] = (bytes[300]! ^ 0x5a) & 0xff;
      if (this.variant === 'badlen') bytes[7] = 0xf0;
      if (this.variant === 'badtype') bytes[3] = 0x03;
    }
    const res = host(r, this.n).wut(this.lun, this.listId, bytes, this.ranges as RangeIn[], {
      offsetIntoRod: BigInt(this.offset),
      delTkn: this.delTkn,
      immed: this.immed,
    });
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    const e = this.expected(m, nexus, known);
    check(res, e);
    if (e.status === 0 || e.sense?.asc === 0x0d) expectLu(m, r, this.lun);
    if (m.results.get(itl(nexus, this.lun))?.get(this.listId)?.sa === 0x11) m.last = [this.n, this.listId, this.lun];
  }
  expected(m: Model, nexus: ItNexus, known: KnownToken | undefined): Expect {
    if (m.inUse(nexus, this.lun, this.listId)) return il(0x00, 0x16, { cd: true, field: 6 });
    const rf = m.rangeFault(this.lun, this.ranges, 536);
    if (rf !== undefined) return rf;
    const tokAt = { cd: false, field: 16 };
    const bs = LUS[this.lun]!.blockSize;
    const requested = this.ranges.reduce((a, x) => a + x.count, 0) * bs;
    let src: Uint8Array;
    let tok: MToken | undefined;
    if (known === undefined) {
      src = new Uint8Array(requested);
    } else {
      if (this.variant === 'badlen') return il(0x23, 0x0a, { cd: false, field: 22 });
      if (this.variant === 'badtype') return il(0x23, 0x01, tokAt);
      if (known.token === 'remote') return il(0x23, 0x02, { cd: false, field: 16 + 128 });
      const t = known.token;
      if (this.variant === 'forge') return il(0x23, 0x04, tokAt);
      if (t.state === 'live' && m.expired(t)) m.invalidate(t, 0x07);
      if (t.state !== 'live') return il(0x23, t.state.until >= m.now ? t.state.ascq : 0x04, tokAt);
      const off = this.offset * bs;
      if (off >= t.bytes) return il(0x26, 0, { cd: false, field: 8 });
      t.lastUse = m.now;
      tok = t;
      const data = m.tokenData(t);
      src = data.slice(off, off + Math.min(t.bytes - off, requested));
    }
    let total = src.length;
    let residual: MFault | undefined;
    if (total < requested) {
      const partial = total % bs;
      total = m.policy === 'zero-fill' && partial !== 0 ? total - partial + bs : total - partial;
      const padded = new Uint8Array(total);
      padded.set(src.subarray(0, Math.min(total, src.length)));
      src = padded;
      const tc = BigInt(total / bs);
      // Short only if fewer blocks than requested were written (the zero-filled block counts).
      if (total < requested) residual = { key: tc === 0n ? 5 : 0xa, asc: 0x0d, ascq: 0x04, information: tc };
    }
    const op: MOp = {
      owner: key(nexus),
      lun: this.lun,
      sa: 0x11,
      status: 1,
      completion: 0,
      tc: 0n,
      fault: undefined,
      token: undefined,
      bg: undefined,
    };
    const store = () => {
      const results = m.resultsOf(nexus, this.lun);
      results.delete(this.listId);
      results.set(this.listId, op);
    };
    if (this.immed) {
      if (m.running.length >= LIMITS.maxConcurrentCopies) {
        return { status: 2, sense: { key: 0xb, asc: 0x55, ascq: 0x03, pointer: null } };
      }
      op.status = 0x12;
      op.bg = { lun: this.lun, ranges: this.ranges, src, total, done: 0, lastTime: m.now, residual };
      m.running.push(op);
      store();
      if (this.delTkn && tok !== undefined) m.invalidate(tok, 0x09);
      m.progress(op);
      return ok;
    }
    m.apply(this.lun, this.ranges, src, 0, total);
    op.tc = BigInt(total / bs);
    m.finish(op, residual);
    store();
    if (this.delTkn && tok !== undefined) m.invalidate(tok, 0x09);
    return residual === undefined ? ok : faultExpect(residual);
  }
  toString(): string {
    return `wut(n${this.n}, lun${this.lun}, id${this.listId}, tok#${this.pick}/${this.variant}, ${JSON.stringify(this.ranges)}, off=${this.offset}${this.delTkn ? ', DEL_TKN' : ''}${this.immed ? ', IMMED' : ''})`;
  }
}

class Abort implements Cmd {
  n: number;
  lun: number;
  listId: number;
  readonly follows: boolean;
  constructor(n: number, lun: number, listId: number, follows: boolean) {
    this.n = n;
    this.lun = lun;
    this.listId = listId;
    this.follows = follows;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    [this.n, this.listId, this.lun] = follow(m, this.n, this.listId, this.lun, this.follows);
    const nexus = NEXUSES[this.n]!;
    current = 'abort';
    const res = host(r, this.n).abort(this.lun, this.listId);
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    const op = m.op(nexus, this.lun, this.listId);
    if (op === undefined) {
      check(res, il(0x24, 0, { cd: true, field: 2 }));
      return;
    }
    check(res, ok);
    const i = m.running.indexOf(op);
    if (i >= 0) {
      m.running.splice(i, 1);
      op.bg = undefined;
      op.status = 0x60;
      op.completion = 0x40;
    }
  }
  toString(): string {
    return `abort(n${this.n}, lun${this.lun}, id${this.listId})`;
  }
}

/** What a transport reports: an I_T nexus loss, or a LOGICAL UNIT RESET. */
class Lifecycle implements Cmd {
  readonly n: number;
  readonly lun: number;
  readonly reset: boolean;
  constructor(n: number, lun: number, reset: boolean) {
    this.n = n;
    this.lun = lun;
    this.reset = reset;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    if (this.reset) {
      r.cm.logicalUnitReset(this.lun);
      m.luReset(this.lun);
    } else {
      r.cm.itNexusLoss(NEXUSES[this.n]!);
      m.loss(NEXUSES[this.n]!);
    }
    expect(r.cm.runningCopies).toBe(m.running.length);
  }
  toString(): string {
    return this.reset ? `logicalUnitReset(lun${this.lun})` : `itNexusLoss(n${this.n})`;
  }
}

interface MSeg {
  /** CSCD descriptor index: 0-2 the LUs, 3 a designator of no LU here, 0xffff the LU addressed. */
  readonly src: number;
  readonly dst: number;
  readonly blocks: number;
  readonly srcLba: number;
  readonly dstLba: number;
}

const FOREIGN_NAA = Uint8Array.of(0x60, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8);

/**
 * EXTENDED COPY (LID1 or LID4, IMMED = 0): block → block segments among the LUs (CSCD descriptors
 * 0-2) and a stranger (3). LID4 list identifiers share the 4-byte space of POPULATE TOKEN and WRITE
 * USING TOKEN.
 */
class Xcopy implements Cmd {
  readonly n: number;
  readonly lun: number;
  readonly listId: number;
  readonly noListId: boolean;
  readonly segs: readonly MSeg[];
  readonly lid4: boolean;
  constructor(n: number, lun: number, listId: number, noListId: boolean, segs: readonly MSeg[], lid4 = false) {
    this.n = n;
    this.lun = lun;
    this.listId = noListId ? 0 : listId;
    this.noListId = noListId;
    this.segs = segs;
    this.lid4 = lid4;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    current = 'xcopy';
    const nexus = NEXUSES[this.n]!;
    const naas = [...m.naas, FOREIGN_NAA];
    const body: ExtendedCopyListBody = {
      str: false,
      listIdUsage: this.noListId ? 3 : 0,
      priority: 0,
      cscdDescriptors: naas.map((naa) => ({
        kind: 'identification' as const,
        luIdType: 0,
        peripheralDeviceType: 0,
        relativeInitiatorPortIdentifier: 0,
        designationDescriptor: {
          protocolIdentifier: 0,
          codeSet: 1,
          piv: false,
          association: 0,
          designatorType: 3,
          designator: naa,
        },
        pad: false,
        fixed: false,
        diskBlockLength: 0,
      })),
      segmentDescriptors: this.segs.map((x) => ({
        kind: 'blockToBlock' as const,
        dc: false,
        cat: false,
        sourceCscdDescriptorId: x.src,
        destinationCscdDescriptorId: x.dst,
        blockDeviceNumberOfBlocks: x.blocks,
        sourceBlockDeviceLogicalBlockAddress: BigInt(x.srcLba),
        destinationBlockDeviceLogicalBlockAddress: BigInt(x.dstLba),
      })),
      inlineData: new Uint8Array(0),
    };
    const p = this.lid4
      ? encodeExtendedCopyLid4ParameterList({
          ...body,
          listIdentifier: this.listId,
          listFormat: 1,
          headerCscdDescriptorListLength: 0x20,
          headerCscdDescriptorTypeCode: 0xff,
          gSense: false,
          immed: false,
        })
      : encodeExtendedCopyLid1ParameterList({ ...body, listIdentifier: this.listId });
    const encodeCdb = this.lid4 ? encodeExtendedCopyLid4Cdb : encodeExtendedCopyLid1Cdb;
    const res = host(r, this.n).run(this.lun, encodeCdb({ parameterListLength: p.length, control: 0 }), p);
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    if (!this.noListId && m.inUse(nexus, this.lun, this.listId)) {
      check(res, il(0x00, 0x16, { cd: false, field: this.lid4 ? 20 : 0 }));
      return;
    }
    const aborted = (asc: number, ascq: number): Expect => {
      fault = { key: 0x0a, asc, ascq, information: 0n };
      return { status: 2, sense: { key: 0x0a, asc, ascq, pointer: null } };
    };
    let e: Expect = ok;
    let fault: MFault | undefined;
    let segments = 0;
    let bytes = 0;
    for (const x of this.segs) {
      const s = x.src === 0xffff ? this.lun : x.src;
      const d = x.dst === 0xffff ? this.lun : x.dst;
      if (s === 3 || d === 3) {
        e = aborted(0x0d, 0x02);
        break;
      }
      const sbs = LUS[s]!.blockSize;
      const dbs = LUS[d]!.blockSize;
      const n = x.blocks * sbs;
      if (n % dbs !== 0) {
        e = aborted(0x26, 0x0d);
        break;
      }
      if (x.srcLba * sbs + n > Number(LUS[s]!.capacity) * sbs || x.dstLba * dbs + n > Number(LUS[d]!.capacity) * dbs) {
        e = aborted(0, 0);
        break;
      }
      const data = m.lus[s]!.slice(x.srcLba * sbs, x.srcLba * sbs + n);
      m.lus[d]!.set(data, x.dstLba * dbs);
      m.cancel(d, x.dstLba, n / dbs);
      segments++;
      bytes += n;
    }
    check(res, e);
    if (!this.noListId) {
      const results = m.resultsOf(nexus, this.lun);
      results.delete(this.listId);
      results.set(this.listId, {
        owner: key(nexus),
        lun: this.lun,
        sa: this.lid4 ? 0x01 : 0x00,
        status: e === ok ? 1 : 2,
        completion: e === ok ? 0 : 2,
        tc: BigInt(bytes),
        // RECEIVE COPY STATUS (LID1) reports no sense; the LID4 receive commands do
        fault: this.lid4 ? fault : undefined,
        token: undefined,
        bg: undefined,
        segments,
      });
      m.lastXcopy = [this.n, this.listId, this.lun];
      if (this.lid4) m.last = [this.n, this.listId, this.lun];
    }
    if (segments > 0) for (const x of this.segs.slice(0, segments)) expectLu(m, r, x.dst === 0xffff ? this.lun : x.dst);
  }
  toString(): string {
    return `xcopy${this.lid4 ? '4' : '1'}(n${this.n}, lun${this.lun}, ${this.noListId ? 'no list id' : `id${this.listId}`}, ${JSON.stringify(this.segs)})`;
  }
}

/** RECEIVE COPY STATUS (LID1). */
class Rcs1 implements Cmd {
  n: number;
  lun: number;
  listId: number;
  readonly follows: boolean;
  constructor(n: number, lun: number, listId: number, follows: boolean) {
    this.n = n;
    this.lun = lun;
    this.listId = listId;
    this.follows = follows;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    m.tick();
    current = 'rcs1';
    if (this.follows && m.lastXcopy !== undefined) [this.n, this.listId, this.lun] = m.lastXcopy;
    const nexus = NEXUSES[this.n]!;
    const res = host(r, this.n).run(
      this.lun,
      encodeReceiveCopyStatusLid1Cdb({ listIdentifier: this.listId, allocationLength: 64, control: 0 }),
    );
    const ua = m.arrive(nexus, this.lun);
    if (ua !== undefined) {
      check(res, uaExpect(ua));
      return;
    }
    const op = m.op(nexus, this.lun, this.listId);
    if (op === undefined || op.sa !== 0x00) {
      check(res, il(0x24, 0, { cd: true, field: 2 }));
      return;
    }
    check(res, ok);
    const st = decodeCopyStatusLid1(res.dataIn as Uint8Array, { strict: true });
    expect(st).toEqual({
      hdd: false,
      copyCommandStatus: op.completion === 0 ? 1 : 2,
      segmentsProcessed: op.segments,
      transferCountUnits: 0,
      transferCount: Number(op.tc),
    });
  }
  toString(): string {
    return `rcs1(n${this.n}, lun${this.lun}, id${this.listId})`;
  }
}

// ------------------------------------------------------------------ arbitraries

const arbN = fc.nat(NEXUSES.length - 1);
const arbLun = fc.nat(LUS.length - 1);
const arbListId = fc.nat(3);
const arbRange = fc.record({ lba: fc.nat(66), count: fc.nat(9) }, { noNullPrototype: true });
/** Mostly well-formed range lists (ascending, disjoint, small), sometimes anything. */
const arbRanges = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.record({ gap: fc.nat(6), count: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 })
      .map((xs) => {
        let at = 0;
        return xs.map(({ gap, count }) => {
          const lba = at + gap;
          at = lba + count;
          return { lba, count };
        });
      }),
  },
  { weight: 1, arbitrary: fc.array(arbRange, { minLength: 1, maxLength: 4 }) },
);

const commands = [
  fc.constantFrom(0, 1, 5, 8, 64, 500, 1000, 1000, 2000, 4000).map((ms) => new Advance(ms)),
  fc
    .tuple(arbN, arbLun, fc.nat(64), fc.integer({ min: 1, max: 6 }), fc.nat(255), fc.boolean())
    .map(([n, lun, lba, count, seed, f]) => new Write(n, lun, fold(lun, lba), count, seed, f)),
  fc
    .tuple(arbN, arbLun, fc.nat(64), fc.integer({ min: 1, max: 8 }))
    .map(([n, l, a, c]) => new Read(n, l, fold(l, a), c)),
  fc
    .tuple(
      arbN,
      arbLun,
      arbListId,
      arbRanges,
      fc.boolean(),
      fc.constantFrom(PIT_DEFAULT, PIT_CV, PIT_PERSISTENT, PIT_ANY, AUR, 0x0080_0003),
      fc.constantFrom(0, 0, 1, 2, 5, 6),
      fc.nat(3),
    )
    .map(
      ([n, lun, id, ranges, rtv, type, t, f]) =>
        new Populate(n, lun, id, foldRanges(lun, ranges), rtv, type, t, f !== 0),
    ),
  fc
    .tuple(arbN, arbLun, arbListId, fc.nat(5), fc.boolean(), fc.nat(4))
    .map(([n, lun, id, discard, rcs, f]) => new Rrti(n, lun, id, discard === 0 && !rcs, rcs, f !== 0)),
  fc
    .tuple(
      arbN,
      arbLun,
      arbListId,
      fc.nat(20),
      fc.constantFrom<Variant>('exact', 'exact', 'exact', 'forge', 'badlen', 'badtype', 'zero'),
      arbRanges,
      fc.constantFrom(0, 0, 1, 3),
      fc.boolean(),
      fc.boolean(),
    )
    .map(
      ([n, lun, id, pick, v, ranges, off, del, immed]) =>
        new Wut(n, lun, id, pick, v, foldRanges(lun, ranges), off, del, immed),
    ),
  fc.tuple(arbN, arbLun, arbListId, fc.boolean()).map(([n, lun, id, f]) => new Abort(n, lun, id, f)),
  fc.tuple(arbN, arbLun, fc.boolean()).map(([n, lun, reset]) => new Lifecycle(n, lun, reset)),
  fc
    .tuple(
      arbN,
      arbLun,
      arbListId,
      fc.nat(4),
      fc.boolean(),
      fc.array(
        fc.record(
          {
            src: fc.constantFrom(0, 0, 1, 2, 2, 3, 0xffff),
            dst: fc.constantFrom(0, 0, 1, 2, 2, 3, 0xffff),
            blocks: fc.constantFrom(0, 1, 2, 3, 8, 16),
            srcLba: fc.nat(66),
            dstLba: fc.nat(66),
          },
          { noNullPrototype: true },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([n, lun, id, u, lid4, segs]) => {
      // Fold the LBAs into each LU so that most segments fit and some run past the end.
      const at = (i: number) => (i === 0xffff ? lun : i === 3 ? 0 : i);
      const fitted = segs.map((x) => ({ ...x, srcLba: fold(at(x.src), x.srcLba), dstLba: fold(at(x.dst), x.dstLba) }));
      return new Xcopy(n, lun, id, u === 0, fitted, lid4);
    }),
  fc.tuple(arbN, arbLun, arbListId, fc.nat(3)).map(([n, lun, id, f]) => new Rcs1(n, lun, id, f !== 0)),
];

function setup(policy: Policy): { model: Model; real: Real } {
  const common = { logicalUnits: LUS.map((l) => ({ ...l })), shortTokenPolicy: policy, ...LIMITS };
  const real = makeCm(common, 7);
  // Another copy manager instance (same software, different identity) hands us remote tokens.
  const other = makeCm(common, 99);
  const oh = new Host(other.cm, A1);
  const remote = [oh.token(0, 1, [{ lba: 0, count: 4 }]), oh.token(1, 2, [{ lba: 1, count: 1 }])];
  const model = new Model(policy, remote);
  model.naas = LUS.map((_, lun) => {
    const res = new Host(real.cm, A1).run(
      lun,
      encodeInquiryCdb({ evpd: true, pageCode: 0x83, allocationLength: 1024, control: 0 }),
    );
    model.arrive(A1, lun, true);
    const page = decodeDeviceIdentificationVpdPage(res.dataIn as Uint8Array);
    const d = page.designationDescriptors.find((x) => x.association === 0 && x.designatorType === 3);
    return (d as { designator: Uint8Array }).designator;
  });
  return { model, real };
}

describe('copy manager vs byte-array model', () => {
  afterAll(() => {
    if (process.env['MODEL_STATS'] === '1')
      console.log(
        [...stats]
          .sort()
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      );
  });
  // 1,000 random sequences of up to 40 commands (10 batches of 100, each within the test timeout);
  // MODEL_BATCHES raises or lowers the count.
  const batches = Number(process.env['MODEL_BATCHES'] ?? '10');
  for (let batch = 1; batch <= batches; batch++)
    test.prop(
      [fc.constantFrom<Policy>('zero-fill', 'underrun'), fc.commands(commands, { maxCommands: 40, size: 'max' })],
      {
        numRuns: 100,
      },
    )(`random command sequences never diverge (batch ${batch} of ${batches}, 100 sequences)`, (policy, cmds) => {
      const { model, real } = setup(policy);
      fc.modelRun(() => ({ model, real }), cmds);
      // Every LU still equals the model, and the VPD 8Fh page still decodes.
      model.tick();
      for (let lun = 0; lun < LUS.length; lun++) {
        clearUa(model, real, lun);
        const res = host(real, 0).read(lun, 0, Math.min(8, Number(LUS[lun]!.capacity)));
        expect(res.dataIn).toEqual(
          model.lus[lun]!.slice(0, Math.min(8, Number(LUS[lun]!.capacity)) * LUS[lun]!.blockSize),
        );
      }
      // REPORT ALL ROD TOKENS lists exactly the tokens the model thinks are alive.
      const rart = host(real, 0).run(0, encodeReportAllRodTokensCdb({ allocationLength: 0xffff, control: 0 }));
      expect(decodeAllRodTokens(rart.dataIn as Uint8Array, { strict: true }).rodManagementTokens.length).toBe(
        model.live().length,
      );
      const vpd = host(real, 0).run(
        0,
        encodeInquiryCdb({ evpd: true, pageCode: 0x8f, allocationLength: 0xffff, control: 0 }),
      );
      expect(decodeVpdPage(vpd.dataIn as Uint8Array, { strict: true }).kind).toBe('thirdPartyCopy');
    });
});
