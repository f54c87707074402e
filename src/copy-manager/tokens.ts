/**
 * The copy manager's ROD tokens: live records, their lifetimes (inactivity timeout), invalidation
 * records that remember why a token died, and per-nexus shares of the live-token limit.
 *
 * @internal
 */
import { ROD_TOKEN_SIZE } from '../rod-token/index.js';
import type { RuleId } from '../rules/table.js';
import type { Clock } from './clock.js';
import { fail } from './fault.js';
import { InvalidationLog, type InvalidationRule } from './invalidation-log.js';
import { type CopyManagerLimits, NO_RANGES, type TokenFormat, type TokenRec } from './types.js';

/** What {@link TokenFormat.classify} answers. */
type TokenKind = ReturnType<TokenFormat['classify']>;

/** Live and recently dead ROD tokens. */
export class TokenTable {
  private readonly limits: CopyManagerLimits;
  private readonly clock: Clock;
  readonly format: TokenFormat;
  /** Called once for each token that dies (after its image and ranges are released). */
  private readonly onDeath: (t: TokenRec) => void;
  private readonly tokens: Map<number, TokenRec> = new Map();
  /** Why recently dead tokens died (bounded by maxInvalidationRecords, oldest forgotten first). */
  private readonly invalid: InvalidationLog;
  private readonly perNexus: Map<string, number> = new Map();
  private nextId = 1;
  private lastToken: TokenRec | undefined = undefined;
  private lastTokenBytes: Uint8Array<ArrayBuffer> | undefined = undefined;
  /** The bytes {@link classify} last found equal to `lastTokenBytes` (one use, by `presented`). */
  private matched: Uint8Array | undefined = undefined;
  /** The buffer `tokenBytes` encodes into (the format may return another array instead). */
  private readonly scratch: Uint8Array<ArrayBuffer> = new Uint8Array(ROD_TOKEN_SIZE);

  constructor(limits: CopyManagerLimits, clock: Clock, format: TokenFormat, onDeath: (t: TokenRec) => void) {
    this.limits = limits;
    this.clock = clock;
    this.format = format;
    this.onDeath = onDeath;
    this.invalid = new InvalidationLog(limits.maxInvalidationRecords);
  }

  /** A fresh COPY MANAGER ROD TOKEN IDENTIFIER (never reused while the instance lives). */
  newId(): number {
    return this.nextId++;
  }

  /** Make a record live (counted against its creator nexus's share). */
  add(rec: TokenRec): void {
    this.tokens.set(rec.id, rec);
    this.perNexus.set(rec.owner, (this.perNexus.get(rec.owner) ?? 0) + 1);
  }

  /** Whether a new token from `owner` fits the live-token limits (expired tokens are dropped first). */
  hasRoomFor(owner: string): boolean {
    const lim = this.limits;
    const full = (): boolean =>
      this.tokens.size >= lim.maxLiveTokens || (this.perNexus.get(owner) ?? 0) >= lim.maxTokensPerNexus;
    if (!full()) return true;
    this.live(); // expire first, then re-check
    return !full();
  }

  /** `true` if the record is alive (not necessarily unexpired). */
  isLive(t: TokenRec): boolean {
    return this.tokens.get(t.id) === t;
  }

  /** `true` if its inactivity timeout has elapsed (it is invalidated at the next look). */
  expired(t: TokenRec, now: number): boolean {
    return now - t.lastUse > t.inactivityMs;
  }

  /**
   * End a token's life. A token whose inactivity timeout has already elapsed counts as expired
   * (23h/07h) whatever the later event, and its record dates from the expiry moment.
   */
  invalidate(t: TokenRec, rule: InvalidationRule, now: number): void {
    if (!this.tokens.delete(t.id)) return;
    t.lu.cvTokens.delete(t);
    const n = (this.perNexus.get(t.owner) ?? 1) - 1;
    if (n <= 0) this.perNexus.delete(t.owner);
    else this.perNexus.set(t.owner, n);
    let at = now;
    if (now - t.lastUse > t.inactivityMs) {
      rule = 'spc.rod-token.expired';
      at = t.lastUse + t.inactivityMs;
    }
    // A dead token pins nothing: its point-in-time image and ranges go, and so does the POPULATE
    // TOKEN result that would report it (RRTI then answers 24h/00h: no such list identifier).
    t.image = undefined;
    t.ranges = NO_RANGES;
    this.onDeath(t);
    // Keep the record for twice the token's lifetime (its inactivity timeout), at least 1 minute
    // (SPC-5: records "should" be kept for twice the lifetime).
    const until = at + Math.max(2 * t.inactivityMs, 60_000);
    // Bounded under abuse (rule spc.rod-token.forgotten): beyond maxInvalidationRecords the oldest
    // record is forgotten and its token then reads TOKEN UNKNOWN.
    this.invalid.add(t, rule, until);
  }

  /** Live tokens (after expiring the ones whose inactivity timeout elapsed). */
  live(): TokenRec[] {
    const now = this.clock.now();
    const out: TokenRec[] = [];
    for (const t of [...this.tokens.values()]) {
      if (now - t.lastUse > t.inactivityMs) this.invalidate(t, 'spc.rod-token.expired', now);
      else out.push(t);
    }
    return out;
  }

  /** Expire tokens whose timeout elapsed and forget invalidation records past their time. */
  sweep(now: number): void {
    for (const t of this.tokens.values())
      if (now - t.lastUse > t.inactivityMs) this.invalidate(t, 'spc.rod-token.expired', now);
    this.invalid.sweep(now);
  }

  /**
   * The bytes of a token, valid until the next call (they are encoded into one buffer): callers
   * copy them and never write into them.
   */
  tokenBytes(t: TokenRec): Uint8Array<ArrayBuffer> {
    // One-entry cache: the token an RRTI just returned is usually the one the next WRITE USING
    // TOKEN presents, and encoding it again only to compare would cost a third of a copy. The
    // encoded fields never change for a record (only lastUse does, which is not encoded).
    if (this.lastToken === t && this.lastTokenBytes !== undefined) return this.lastTokenBytes;
    const b = this.format.encode(t, this.scratch);
    this.lastToken = t;
    this.lastTokenBytes = b;
    return b;
  }

  /**
   * `format.classify(bytes)`, without decoding the bytes of the token last encoded (usually the one
   * a WRITE USING TOKEN presents, just returned by RRTI): the token format classifies its own
   * encoding of a record as that record's (`{ kind: 'ours', id }`: every record is of one of its
   * ROD types and its encoding decodes strictly; test/copy-manager/token-classify.test.ts checks
   * this for every ROD type POPULATE TOKEN makes). Any other bytes are classified (decoded) as before.
   */
  classify(bytes: Uint8Array): TokenKind {
    const t = this.lastToken;
    const cached = this.lastTokenBytes;
    this.matched = undefined;
    if (t !== undefined && cached !== undefined && equalBytes(cached, bytes)) {
      this.matched = bytes;
      return { kind: 'ours', id: t.id };
    }
    return this.format.classify(bytes);
  }

  /**
   * The live token presented bytes stand for (`id` from the token format), or the 23h fault:
   * an invalidated token's own ASCQ for its exact bytes while its record lasts, else TOKEN UNKNOWN
   * (a forgery carrying a dead identifier stays UNKNOWN).
   */
  presented(id: number, bytes: Uint8Array, now: number): TokenRec {
    let rec = this.tokens.get(id);
    if (rec !== undefined && now - rec.lastUse > rec.inactivityMs) {
      this.invalidate(rec, 'spc.rod-token.expired', now);
      rec = undefined;
    }
    // `classify` has just found these very bytes (the engine's own copy of the parameter list's
    // token, unchanged since) equal to this token's: no second compare.
    const matched = this.matched === bytes && rec === this.lastToken;
    this.matched = undefined;
    if (rec === undefined || (!matched && !equalBytes(this.tokenBytes(rec), bytes))) {
      const inv = rec === undefined ? this.invalid.get(id) : undefined;
      const known = inv !== undefined && inv.until >= now && equalBytes(this.format.encode(inv), bytes);
      const rule: RuleId = known ? inv.rule : 'spc.rod-token.unknown';
      fail(rule);
    }
    return rec;
  }

  /** Counts for `Engine.census`. */
  census(): { live: number; liveImages: number; invalid: number; deadPinning: number; owners: number } {
    // A record keeps none of its dead token's image or results (see `Invalidation`).
    const deadPinning = 0;
    let liveImages = 0;
    for (const t of this.tokens.values()) if (t.image !== undefined) liveImages++;
    return {
      live: this.tokens.size,
      liveImages,
      invalid: this.invalid.size,
      deadPinning,
      owners: this.perNexus.size,
    };
  }
}

/** Constant-time equality of two byte strings (4 bytes at a time when both start 4-byte aligned). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  let d = 0;
  let i = 0;
  if (((a.byteOffset | b.byteOffset) & 3) === 0) {
    const wa = new Int32Array(a.buffer, a.byteOffset, n >>> 2);
    const wb = new Int32Array(b.buffer, b.byteOffset, n >>> 2);
    for (let w = 0; w < wa.length; w++) d |= (wa[w] as number) ^ (wb[w] as number);
    i = n & ~3;
  }
  for (; i < n; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}
