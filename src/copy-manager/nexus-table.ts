/**
 * Per I_T nexus and per I_T_L nexus state: copy operation results by list identifier (SPC-5: the
 * copy manager is in the logical unit, so list identifiers are per I_T_L nexus) and pending unit
 * attentions (SAM-5). Capped by `maxNexuses` (least recently used forgotten first) and aged out
 * after `nexusIdleTimeout`.
 *
 * @internal
 */
import type { Clock } from './clock.js';
import {
  type CopyManagerLimits,
  type ItlState,
  type ItNexus,
  type NexusState,
  nexusKey,
  type OpRec,
  UNIT_ATTENTION,
} from './types.js';

/** Pending unit attentions kept per I_T_L nexus at most (oldest dropped beyond). */
const MAX_UNIT_ATTENTIONS = 8;

/** The state of every I_T nexus the copy manager remembers. */
export class NexusTable {
  private readonly limits: CopyManagerLimits;
  private readonly clock: Clock;
  /** Least recently used first. */
  private readonly nexuses: Map<string, NexusState> = new Map();
  private last: NexusState | undefined = undefined;
  /** Establish 29h/01h for each I_T_L nexus on its first command (`CopyManagerOptions.powerOnUnitAttention`). */
  powerOnUnitAttention = false;

  constructor(limits: CopyManagerLimits, clock: Clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The state of an I_T nexus, made if missing (and marked most recently used). */
  state(n: ItNexus): NexusState {
    const key = nexusKey(n);
    const now = this.clock.now();
    // `last` is always in the table: `forget` clears it when it removes that nexus.
    let s = this.last;
    if (s !== undefined && s.key === key) {
      s.lastSeen = now;
      return s;
    }
    s = this.nexuses.get(key);
    if (s === undefined) {
      s = { key, lastSeen: now, itl: new Map() };
      this.nexuses.set(key, s);
      // maxNexuses >= 1, so the table is not empty here: its first entry is the oldest.
      if (this.nexuses.size > this.limits.maxNexuses) this.forget(this.nexuses.values().next().value as NexusState);
    } else {
      this.nexuses.delete(key);
      this.nexuses.set(key, s);
      s.lastSeen = now;
    }
    this.last = s;
    return s;
  }

  /** The I_T_L state of a nexus state, made if missing. */
  itlOf(s: NexusState, lun: number): ItlState {
    let st = s.itl.get(lun);
    if (st === undefined) {
      st = { results: undefined, ua: this.powerOnUnitAttention ? [UNIT_ATTENTION.POWER_ON] : undefined };
      s.itl.set(lun, st);
    }
    return st;
  }

  /** The I_T_L nexus state a command on an existing LU uses (made if missing). */
  itl(n: ItNexus, lun: number): ItlState {
    return this.itlOf(this.state(n), lun);
  }

  /** Existing I_T_L state, without making any. */
  peek(key: string, lun: number): ItlState | undefined {
    return this.nexuses.get(key)?.itl.get(lun);
  }

  /** Forget everything about an I_T nexus (results, pending unit attentions). */
  forget(s: NexusState): void {
    this.nexuses.delete(s.key);
    if (this.last === s) this.last = undefined;
  }

  /** Forget the nexuses idle for longer than `nexusIdleTimeout`. */
  age(now: number): void {
    const idle = this.limits.nexusIdleTimeout * 1000;
    for (const s of this.nexuses.values()) {
      if (now - s.lastSeen <= idle) break; // least recently used first
      this.forget(s);
    }
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
  addUnitAttention(st: ItlState, code: number): void {
    const kept = st.ua?.filter((c) => c >> 8 !== code >> 8 && c !== code) ?? [];
    kept.push(code);
    st.ua = kept.length > MAX_UNIT_ATTENTIONS ? kept.slice(-MAX_UNIT_ATTENTIONS) : kept;
  }

  /** The results of a list identifier on an I_T_L nexus, if kept. */
  get(n: ItNexus, lun: number, listId: number): OpRec | undefined {
    return this.peek(nexusKey(n), lun)?.results?.get(listId);
  }

  /** Forget an operation's results (if they are still the ones kept for its list identifier). */
  drop(op: OpRec): void {
    const m = this.peek(op.owner, op.lun)?.results;
    if (m !== undefined && m.get(op.listId) === op) {
      m.delete(op.listId);
      if (op.token !== undefined) op.token.op = undefined;
    }
  }

  /**
   * Keep an operation's results under its list identifier (replacing older ones); beyond
   * `maxResultsPerNexus` the oldest results not `busy` are dropped.
   */
  store(op: OpRec, busy: (op: OpRec) => boolean): void {
    // The command storing it made its nexus's state first (`CopyManager.execute` calls `itl()`
    // before any handler), and nothing between forgets a nexus.
    const s = this.nexuses.get(op.owner) as NexusState;
    const st = this.itlOf(s, op.lun);
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
        if (!busy(o)) {
          m.delete(id);
          if (o.token !== undefined) o.token.op = undefined;
        }
      }
    }
  }

  /** Free the results of an I_T_L nexus. */
  release(st: ItlState): void {
    if (st.results === undefined) return;
    for (const op of st.results.values()) if (op.token !== undefined) op.token.op = undefined;
    st.results = undefined;
  }

  /** I_T nexus loss: free the nexus's state, then establish 29h/07h for it on every LU. */
  loss(n: ItNexus, luns: Iterable<number>): void {
    const old = this.nexuses.get(nexusKey(n));
    if (old !== undefined) {
      for (const st of old.itl.values()) this.release(st);
      this.forget(old);
    }
    const s = this.state(n);
    for (const lun of luns) s.itl.set(lun, { results: undefined, ua: [UNIT_ATTENTION.I_T_NEXUS_LOSS] });
  }

  /** Logical unit reset: free every nexus's results on the LU and establish 29h/03h there. */
  reset(lun: number): void {
    for (const s of this.nexuses.values()) {
      const st = this.itlOf(s, lun);
      this.release(st);
      this.addUnitAttention(st, UNIT_ATTENTION.BUS_DEVICE_RESET);
    }
  }

  /** Counts for `Engine.census`; `dead(op)` says whether an operation's token is dead. */
  census(dead: (op: OpRec) => boolean): {
    nexuses: number;
    itl: number;
    results: number;
    resultsWithDeadToken: number;
    unitAttentions: number;
  } {
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
        for (const op of st.results.values()) if (dead(op)) resultsWithDeadToken++;
      }
    }
    return { nexuses: this.nexuses.size, itl, results, resultsWithDeadToken, unitAttentions };
  }
}
