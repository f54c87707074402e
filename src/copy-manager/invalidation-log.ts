/**
 * Invalidation records: why a dead ROD token died, until when that is remembered, and what its
 * bytes are rebuilt from for an exact compare (SPC-5: a copy manager "should" keep them for twice
 * the token's lifetime; rule spc.rod-token.forgotten bounds how many).
 *
 * The records are 64-byte slots of one buffer, used as a ring, oldest first: no heap object and no
 * hash table entry per record. A record outlives thousands of commands, so as an object (with the
 * secret string and byte count it kept) each one was copied out of the young generation and later
 * swept from the old one, and its `Map` entry cost cache misses; at the default 65,536 records
 * that was about a quarter of an ODX cycle.
 *
 * Finding a record by token identifier: tokens die mostly in the order they were made, so the
 * identifiers along the ring mostly ascend. Each slot's key is the largest identifier up to it
 * (ascending, so binary searchable); the few records whose identifier is below an earlier one
 * ("out of order") are found through a small map instead.
 *
 * @internal
 */
import type { Lu, TokenBytesOf } from './types.js';
import { TOKEN_SECRET_LENGTH } from './types.js';

/** Why a token died: the rule a later WRITE USING TOKEN presenting it answers with. */
export type InvalidationRule = 'spc.rod-token.expired' | 'spc.rod-token.cancelled' | 'spc.rod-token.deleted';

/** The rules by their number in a slot. */
const RULES: readonly InvalidationRule[] = [
  'spc.rod-token.expired',
  'spc.rod-token.cancelled',
  'spc.rod-token.deleted',
];

/** One record, as {@link InvalidationLog.get} returns it (made on demand). */
export interface Invalidation extends TokenBytesOf {
  readonly rule: InvalidationRule;
  readonly until: number;
}

/**
 * A slot (64 bytes, one cache line): float64 words 0 the key (the record's identifier, or for an
 * out-of-order record the key before it), 1 until, 2 NUMBER OF BYTES REPRESENTED (-1: over 2^53 - 1,
 * kept in `bigBytes`); uint32 words 6 ROD TYPE and 7 the logical unit's number in `luList` (bits
 * 0-23), the rule (bits 24-25) and the out-of-order flag (bit 26); bytes 32-63 the secret.
 */
const SLOT = 64;
const F64_PER_SLOT = SLOT / 8;
const U32_PER_SLOT = SLOT / 4;
const ROD_TYPE_WORD = 6;
const FLAGS_WORD = 7;
const SECRET_AT = 32;
const LU_MASK = 0xff_ffff;
const RULE_SHIFT = 24;
const OUT_OF_ORDER = 1 << 26;
const MAX_LUS = LU_MASK + 1;

/** Slots of a new log (it grows by doubling up to its maximum). */
const FIRST_CAPACITY = 64;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The invalidation records of a token table, at most `max` of them, oldest forgotten first. */
export class InvalidationLog {
  private readonly max: number;
  /** Slot of the oldest record, and the number of records from there on (no holes: see `sweep`). */
  private head = 0;
  private count = 0;
  private capacity = 0;
  private f64 = new Float64Array(0);
  private u32 = new Uint32Array(0);
  private u8 = new Uint8Array(0);
  /** The key of the newest slot (the largest in-order identifier), -1 when there is none. */
  private top = -1;
  /** Out-of-order records: identifier -> slot, and slot -> identifier. */
  private outOfOrder: Map<number, number> = new Map();
  private idOfSlot: Map<number, number> = new Map();
  /** NUMBER OF BYTES REPRESENTED over 2^53 - 1, by identifier. */
  private readonly bigBytes: Map<number, bigint> = new Map();
  /** Secrets not of TOKEN_SECRET_LENGTH one-byte chars (none that POPULATE TOKEN makes), by id. */
  private readonly oddSecrets: Map<number, string> = new Map();
  /** The logical units records refer to, by their number in a slot. */
  private readonly luList: Lu[] = [];
  private readonly luNumber: Map<Lu, number> = new Map();

  constructor(max: number) {
    this.max = max;
  }

  /** Number of records kept. */
  get size(): number {
    return this.count;
  }

  /** Remember why token `t` died (forgetting the oldest record when `max` are kept). */
  add(t: TokenBytesOf, rule: InvalidationRule, until: number): void {
    if (this.count === this.max) this.forgetOldest();
    if (this.count === this.capacity) this.grow();
    const slot = (this.head + this.count) % this.capacity;
    this.count++;
    const id = t.id;
    const f = slot * F64_PER_SLOT;
    let flags = (this.luOf(t.lu) | (RULES.indexOf(rule) << RULE_SHIFT)) >>> 0;
    if (id > this.top) this.top = id;
    else {
      flags = (flags | OUT_OF_ORDER) >>> 0;
      this.outOfOrder.set(id, slot);
      this.idOfSlot.set(slot, id);
    }
    this.f64[f] = this.top;
    this.f64[f + 1] = until;
    if (t.bytes <= MAX_SAFE) this.f64[f + 2] = Number(t.bytes);
    else {
      this.f64[f + 2] = -1;
      this.bigBytes.set(id, t.bytes);
    }
    const u = slot * U32_PER_SLOT;
    this.u32[u + ROD_TYPE_WORD] = t.rodType;
    this.u32[u + FLAGS_WORD] = flags;
    const s = t.secret;
    const at = slot * SLOT + SECRET_AT;
    let wide = 0;
    for (let i = 0; i < TOKEN_SECRET_LENGTH; i++) {
      const c = s.charCodeAt(i);
      wide |= c;
      this.u8[at + i] = c;
    }
    // (past the end of a shorter secret charCodeAt is NaN, so its length is tested too)
    if (s.length !== TOKEN_SECRET_LENGTH || wide > 0xff) this.oddSecrets.set(id, s);
  }

  /** The record of token `id`, if kept. */
  get(id: number): Invalidation | undefined {
    const slot = this.outOfOrder.get(id) ?? this.findInOrder(id);
    if (slot === undefined) return undefined;
    const f = slot * F64_PER_SLOT;
    const u = slot * U32_PER_SLOT;
    const flags = this.u32[u + FLAGS_WORD] as number;
    const n = this.f64[f + 2] as number;
    const at = slot * SLOT + SECRET_AT;
    return {
      id,
      rule: RULES[(flags >>> RULE_SHIFT) & 3] as InvalidationRule,
      until: this.f64[f + 1] as number,
      rodType: this.u32[u + ROD_TYPE_WORD] as number,
      lu: this.luList[flags & LU_MASK] as Lu,
      bytes: n < 0 ? (this.bigBytes.get(id) as bigint) : BigInt(n),
      secret:
        this.oddSecrets.get(id) ??
        String.fromCharCode.apply(null, this.u8.subarray(at, at + TOKEN_SECRET_LENGTH) as unknown as number[]),
    };
  }

  /** Forget every record whose time is past (`until < now`); the others keep their order. */
  sweep(now: number): void {
    const ids = this.ids();
    this.outOfOrder = new Map();
    this.idOfSlot = new Map();
    this.top = -1;
    let kept = 0;
    for (let k = 0; k < ids.length; k++) {
      const from = (this.head + k) % this.capacity;
      const id = ids[k] as number;
      if ((this.f64[from * F64_PER_SLOT + 1] as number) < now) {
        this.forgetExtras(id, from);
        continue;
      }
      const to = (this.head + kept) % this.capacity;
      if (to !== from) this.u8.copyWithin(to * SLOT, from * SLOT, (from + 1) * SLOT);
      kept++;
      this.place(to, id);
    }
    this.count = kept;
  }

  /** The identifiers of the records, oldest first. */
  private ids(): number[] {
    const out = new Array<number>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.idAt((this.head + k) % this.capacity);
    return out;
  }

  private idAt(slot: number): number {
    return ((this.u32[slot * U32_PER_SLOT + FLAGS_WORD] as number) & OUT_OF_ORDER) === 0
      ? (this.f64[slot * F64_PER_SLOT] as number)
      : (this.idOfSlot.get(slot) as number);
  }

  /** Key and out-of-order flag of record `id`, now in `slot`, after the records before it were placed. */
  private place(slot: number, id: number): void {
    const u = slot * U32_PER_SLOT + FLAGS_WORD;
    let flags = (this.u32[u] as number) & ~OUT_OF_ORDER;
    if (id > this.top) this.top = id;
    else {
      flags |= OUT_OF_ORDER;
      this.outOfOrder.set(id, slot);
      this.idOfSlot.set(slot, id);
    }
    this.u32[u] = flags >>> 0;
    this.f64[slot * F64_PER_SLOT] = this.top;
  }

  /** The slot of an in-order record `id`: the first whose key is >= id, if that is its own. */
  private findInOrder(id: number): number | undefined {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.f64[((this.head + mid) % this.capacity) * F64_PER_SLOT] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.count) return undefined;
    const slot = (this.head + lo) % this.capacity;
    const inOrder = ((this.u32[slot * U32_PER_SLOT + FLAGS_WORD] as number) & OUT_OF_ORDER) === 0;
    return inOrder && this.f64[slot * F64_PER_SLOT] === id ? slot : undefined;
  }

  private forgetOldest(): void {
    const slot = this.head;
    const id = this.idAt(slot);
    this.forgetExtras(id, slot);
    this.outOfOrder.delete(id);
    this.idOfSlot.delete(slot);
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }

  /** Drop what the side maps hold for record `id` in `slot`. */
  private forgetExtras(id: number, slot: number): void {
    if ((this.f64[slot * F64_PER_SLOT + 2] as number) < 0) this.bigBytes.delete(id);
    if (this.oddSecrets.size > 0) this.oddSecrets.delete(id);
  }

  /** The number of a logical unit in `luList` (added on first use). */
  private luOf(lu: Lu): number {
    let n = this.luNumber.get(lu);
    if (n === undefined) {
      n = this.luList.length;
      if (n >= MAX_LUS) throw new RangeError('scsi-odx copy manager: over 2^24 logical units in invalidation records');
      this.luList.push(lu);
      this.luNumber.set(lu, n);
    }
    return n;
  }

  /** Double the slots (at most `max`), the records moved to slots 0.. in their order. */
  private grow(): void {
    const ids = this.ids();
    const cap = Math.min(this.max, Math.max(FIRST_CAPACITY, 2 * this.capacity));
    const buf = new ArrayBuffer(cap * SLOT);
    const u8 = new Uint8Array(buf);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) % this.capacity;
      u8.set(this.u8.subarray(from * SLOT, (from + 1) * SLOT), k * SLOT);
    }
    this.u8 = u8;
    this.f64 = new Float64Array(buf);
    this.u32 = new Uint32Array(buf);
    this.head = 0;
    this.capacity = cap;
    this.outOfOrder = new Map();
    this.idOfSlot = new Map();
    this.top = -1;
    for (let k = 0; k < ids.length; k++) this.place(k, ids[k] as number);
  }
}
