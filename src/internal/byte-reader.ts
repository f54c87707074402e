/**
 * Bounds-checked, offset-addressed big-endian reader over a DataView.
 *
 * Offsets passed to every method are relative to the reader's own window; every error and
 * every recorded issue reports the ABSOLUTE offset in the caller's original buffer, also for
 * sub-readers made with {@link ByteReader.sub}.
 *
 * @internal
 */
import { type DecodeIssue, ScsiCodecError, type ScsiCodecErrorCode } from '../errors.js';
import type { RuleId } from '../rules/ids.js';
import { asUint8Array, notBytes } from './contract.js';

/** Options shared by every decoder. @remarks Since 0.1.0 */
export interface DecodeOptions {
  /**
   * Strict decoding: reserved bits set, lengths that disagree and unknown formats throw
   * {@link ScsiCodecError}. Default `false` (lenient): decode what is there and report the
   * discrepancies in the result's `issues`.
   */
  readonly strict?: boolean | undefined;
  /**
   * If given, the decoder appends one {@link TraceEntry} per named field it reads (absolute
   * offsets): the raw material for annotated dumps. Costs nothing when absent.
   */
  readonly trace?: TraceEntry[] | undefined;
}

/**
 * One field read by a decoder, recorded when {@link DecodeOptions.trace} is given.
 *
 * @remarks Since 0.1.0
 */
export interface TraceEntry {
  /** Structure being decoded, e.g. `FixedSense`. */
  readonly structure: string;
  /** Field name (T10 name in lowerCamelCase). */
  readonly field: string;
  /** Absolute byte offset of the field's first byte. */
  readonly offset: number;
  /** Bytes spanned. */
  readonly length: number;
  /** For bit fields: most and least significant bit (7 = MSB) within the byte at `offset`. */
  readonly bits?: readonly [hi: number, lo: number];
  /** The value read. */
  readonly value: number | bigint | boolean | string | Uint8Array;
}

/** @internal */
export class ByteReader {
  // `declare` fields, all assigned in the constructor: V8 makes an instance several times faster
  // from plain assignments than from class field definitions, and a reader is made per structure.
  /** Length of this window. */
  declare readonly length: number;
  /** Absolute offset of this window's byte 0 in the caller's buffer. */
  declare readonly base: number;
  /** Structure name used in errors. */
  declare readonly structure: string;
  declare readonly strict: boolean;
  /** Shared issue sink (shared with sub-readers). */
  declare readonly issues: DecodeIssue[];
  /** Shared trace sink, if tracing. */
  declare readonly trace: TraceEntry[] | undefined;
  /**
   * The array the window lies in (the caller's array; sub-readers share their parent's) and the
   * window's start in it: sub-readers need no `subarray` of their own.
   */
  declare private readonly a: Uint8Array;
  declare private readonly o: number;
  /**
   * The device-server rule every error and issue of this reader carries unless the call names
   * another (e.g. `spc.rod-token.corrupt` for a ROD token). Sub-readers inherit it.
   */
  declare rule: RuleId | undefined;
  /** Lazily made `u8a` / `view` (most decoders never need them). */
  declare private w: Uint8Array | undefined;
  declare private dv: DataView | undefined;

  /**
   * @param options strictness and trace sink (a parent reader can be passed: it has both fields).
   * @param offset, windowLength internal: the window [offset, offset + windowLength) of `bytes`.
   */
  constructor(
    bytes: Uint8Array,
    structure: string,
    options?: DecodeOptions,
    base = 0,
    issues: DecodeIssue[] = [],
    offset = 0,
    windowLength?: number,
  ) {
    // Checked before anything touches `bytes`: null, undefined, a plain array, a Proxy or another
    // look-alike is our own error; a genuine Uint8Array of another realm is accepted (as a view).
    const a = windowLength === undefined ? asUint8Array(bytes) : bytes;
    if (a === undefined) throw badInput(structure, undefined, base, `input is ${notBytes(bytes)}`);
    const trace = options?.trace;
    if (trace !== undefined && !Array.isArray(trace)) {
      throw badInput(structure, 'trace', base, 'options.trace is not an array');
    }
    this.a = a;
    this.o = offset;
    this.length = windowLength ?? a.length - offset;
    this.base = base;
    this.structure = structure;
    this.strict = options?.strict === true;
    this.issues = issues;
    this.trace = trace;
    this.rule = undefined;
    this.w = undefined;
    this.dv = undefined;
  }

  /** The Uint8Array of this reader's window (a view of the caller's buffer), indexed from the window's start. */
  get u8a(): Uint8Array {
    if (this.w === undefined) {
      this.w = this.o === 0 && this.length === this.a.length ? this.a : this.a.subarray(this.o, this.o + this.length);
    }
    return this.w;
  }

  /** The bytes of this reader's window as a DataView (made on first use; a view, never a copy). */
  get view(): DataView {
    if (this.dv === undefined) {
      this.dv = new DataView(this.a.buffer, this.a.byteOffset + this.o, this.length);
    }
    return this.dv;
  }

  private rec(
    field: string | undefined,
    off: number,
    length: number,
    value: TraceEntry['value'],
    bits?: readonly [number, number],
  ): void {
    if (this.trace === undefined || field === undefined) return;
    const e: TraceEntry = { structure: this.structure, field, offset: this.base + off, length, value };
    this.trace.push(bits === undefined ? e : { ...e, bits });
  }

  private recBits(field: string | undefined, off: number, v: number | boolean, hi: number, lo: number): void {
    this.rec(field, off, 1, v, [hi, lo]);
  }

  /** Absolute offset of relative offset `off`. */
  abs(off: number): number {
    return this.base + off;
  }

  /** Build an error located at relative offset `off` of this window. */
  error(
    code: ScsiCodecErrorCode,
    field: string | undefined,
    off: number,
    detail: string,
    bit?: number,
    rule?: RuleId,
  ): ScsiCodecError {
    return new ScsiCodecError(code, this.structure, field, this.base + off, detail, { bit, rule: rule ?? this.rule });
  }

  private issue(
    code: ScsiCodecErrorCode,
    field: string | undefined,
    off: number,
    detail: string,
    bit: number | undefined,
    rule: RuleId | undefined,
  ): void {
    const r = rule ?? this.rule;
    const i: DecodeIssue = { code, structure: this.structure, field, offset: this.base + off, bit, message: detail };
    this.issues.push(r === undefined ? i : { ...i, rule: r });
  }

  /**
   * A condition strict mode rejects and lenient mode tolerates: throws in strict mode,
   * otherwise records a {@link DecodeIssue} and returns.
   */
  tolerate(
    code: ScsiCodecErrorCode,
    field: string | undefined,
    off: number,
    detail: string,
    bit?: number,
    rule?: RuleId,
  ): void {
    if (this.strict) throw this.error(code, field, off, detail, bit, rule);
    this.issue(code, field, off, detail, bit, rule);
  }

  /** Record an issue in both modes (for things strict mode also accepts but a caller should know). */
  note(
    code: ScsiCodecErrorCode,
    field: string | undefined,
    off: number,
    detail: string,
    bit?: number,
    rule?: RuleId,
  ): void {
    this.issue(code, field, off, detail, bit, rule);
  }

  /** Throw ERR_TRUNCATED unless bytes [0, n) are present. */
  need(n: number, field?: string, rule?: RuleId): void {
    if (n > this.length) throw this.short(n, field, rule);
  }

  /** The ERR_TRUNCATED error of {@link need} (out of line, like {@link needAt}'s). */
  private short(n: number, field: string | undefined, rule: RuleId | undefined): ScsiCodecError {
    return this.error(
      'ERR_TRUNCATED',
      field,
      Math.min(this.length, n),
      `need ${n} bytes, have ${this.length}`,
      undefined,
      rule,
    );
  }

  /** Throw ERR_TRUNCATED unless bytes [off, off+len) are present. */
  needAt(off: number, len: number, field?: string): void {
    // The throw is out of line: every read inlines this check, and V8 inlines less per function
    // the more bytecode each inlined call brings.
    if (off < 0 || len < 0 || off + len > this.length) throw this.outside(off, len, field);
  }

  /** The ERR_TRUNCATED error of {@link needAt}. */
  private outside(off: number, len: number, field: string | undefined): ScsiCodecError {
    return this.error(
      'ERR_TRUNCATED',
      field,
      Math.min(off, this.length),
      `need bytes ${off}..${off + len - 1}, have ${this.length}`,
    );
  }

  /** True if bytes [off, off+len) are present. */
  has(off: number, len: number): boolean {
    return off >= 0 && len >= 0 && off + len <= this.length;
  }

  /** A bounded child reader over [off, off+len); its errors keep absolute offsets. */
  sub(off: number, len: number, structure: string = this.structure): ByteReader {
    this.needAt(off, len);
    const r = new ByteReader(this.a, structure, this, this.base + off, this.issues, this.o + off, len);
    r.rule = this.rule;
    return r;
  }

  // Reads index the Uint8Array directly (big-endian): no DataView has to be made per reader,
  // which is most of the cost of decoding a small structure.
  u8(off: number, field?: string): number {
    this.needAt(off, 1, field);
    const v = this.a[this.o + off] as number;
    if (this.trace !== undefined) this.rec(field, off, 1, v);
    return v;
  }
  u16(off: number, field?: string): number {
    this.needAt(off, 2, field);
    const a = this.a;
    const i = this.o + off;
    const v = ((a[i] as number) << 8) | (a[i + 1] as number);
    if (this.trace !== undefined) this.rec(field, off, 2, v);
    return v;
  }
  u24(off: number, field?: string): number {
    this.needAt(off, 3, field);
    const a = this.a;
    const i = this.o + off;
    const v = ((a[i] as number) << 16) | ((a[i + 1] as number) << 8) | (a[i + 2] as number);
    if (this.trace !== undefined) this.rec(field, off, 3, v);
    return v;
  }
  u32(off: number, field?: string): number {
    this.needAt(off, 4, field);
    const v = be32(this.a, this.o + off);
    if (this.trace !== undefined) this.rec(field, off, 4, v);
    return v;
  }
  /** 48-bit unsigned as a number (exact: < 2^53). */
  u48(off: number, field?: string): number {
    this.needAt(off, 6, field);
    const a = this.a;
    const i = this.o + off;
    const v = (((a[i] as number) << 8) | (a[i + 1] as number)) * 0x1_0000_0000 + be32(a, i + 2);
    if (this.trace !== undefined) this.rec(field, off, 6, v);
    return v;
  }
  u64(off: number, field?: string): bigint {
    this.needAt(off, 8, field);
    const a = this.a;
    const i = this.o + off;
    const hi = be32(a, i);
    const v = hi === 0 ? BigInt(be32(a, i + 4)) : wide64(hi, be32(a, i + 4));
    if (this.trace !== undefined) this.rec(field, off, 8, v);
    return v;
  }
  u128(off: number, field?: string): bigint {
    this.needAt(off, 16, field);
    const a = this.a;
    const i = this.o + off;
    const hi = (BigInt(be32(a, i)) << 32n) | BigInt(be32(a, i + 4));
    const lo = (BigInt(be32(a, i + 8)) << 32n) | BigInt(be32(a, i + 12));
    const v = (hi << 64n) | lo;
    if (this.trace !== undefined) this.rec(field, off, 16, v);
    return v;
  }
  /** One bit as a boolean; `bit` 0 = LSB. */
  bit(off: number, bit: number, field?: string): boolean {
    this.needAt(off, 1, field);
    const v = (((this.a[this.o + off] as number) >> bit) & 1) === 1;
    if (this.trace !== undefined) this.recBits(field, off, v, bit, bit);
    return v;
  }
  /** Bits hi..lo (inclusive, 7 = MSB) of byte `off`. */
  bits(off: number, hi: number, lo: number, field?: string): number {
    this.needAt(off, 1, field);
    const v = ((this.a[this.o + off] as number) >> lo) & ((1 << (hi - lo + 1)) - 1);
    if (this.trace !== undefined) this.recBits(field, off, v, hi, lo);
    return v;
  }
  /** A copy (never a view) of bytes [off, off+len). */
  bytes(off: number, len: number, field?: string): Uint8Array<ArrayBuffer> {
    this.needAt(off, len, field);
    const v = this.a.slice(this.o + off, this.o + off + len);
    if (this.trace !== undefined) this.rec(field, off, len, v);
    return v;
  }
  /**
   * A view (no copy) of bytes [off, off+len) of the input: only for internal callers that use the
   * bytes during the call and keep nothing (the copy manager's token compare).
   */
  bytesView(off: number, len: number, field?: string): Uint8Array {
    this.needAt(off, len, field);
    const v = this.a.subarray(this.o + off, this.o + off + len);
    if (this.trace !== undefined) this.rec(field, off, len, v);
    return v;
  }
  /** Bytes [off, end of window) as a copy. */
  rest(off: number, field?: string): Uint8Array<ArrayBuffer> {
    this.needAt(off, 0, field);
    const v = this.a.slice(this.o + off, this.o + this.length);
    if (this.trace !== undefined) this.rec(field, off, v.length, v);
    return v;
  }
  /** ASCII text (bytes kept as char codes, so any byte string round-trips). */
  ascii(off: number, len: number, field?: string): string {
    this.needAt(off, len, field);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(this.a[this.o + off + i] as number);
    if (this.trace !== undefined) this.rec(field, off, len, s);
    return s;
  }

  /** Throw ERR_UNEXPECTED_VALUE unless byte `off` equals `value`. */
  expectU8(off: number, value: number, field: string): void {
    const v = this.u8(off, field);
    if (v !== value)
      throw this.error('ERR_UNEXPECTED_VALUE', field, off, `expected ${hex(value, 2)}, got ${hex(v, 2)}`);
  }
  /** Throw ERR_UNEXPECTED_VALUE unless bits hi..lo of byte `off` equal `value`. */
  expectBits(off: number, hi: number, lo: number, value: number, field: string): void {
    const v = this.bits(off, hi, lo, field);
    if (v !== value)
      throw this.error('ERR_UNEXPECTED_VALUE', field, off, `expected ${hex(value, 2)}, got ${hex(v, 2)}`, hi);
  }

  /**
   * Reserved bits: in strict mode throw ERR_RESERVED_NONZERO (with the most significant offending
   * bit) if any bit of `mask` is set in byte `off`; lenient mode ignores them silently.
   */
  reserved(off: number, mask: number, field = 'reserved', rule?: RuleId): void {
    if (this.strict) this.strictReserved(off, mask, field, rule);
  }
  /** Reserved whole bytes [off, off+len): strict mode only, like {@link reserved}. */
  reservedBytes(off: number, len: number, field = 'reserved', rule?: RuleId): void {
    if (this.strict) this.strictReservedBytes(off, len, field, rule);
  }

  // The strict-mode work of reserved-field checks is out of line: lenient decoders inline only the
  // `strict` test (see needAt on why size matters).
  private strictReserved(off: number, mask: number, field: string, rule: RuleId | undefined): void {
    const v = this.u8(off, field) & mask;
    if (v !== 0)
      throw this.error(
        'ERR_RESERVED_NONZERO',
        field,
        off,
        `reserved bits set (${hex(v, 2)})`,
        31 - Math.clz32(v),
        rule,
      );
  }
  private strictReservedBytes(off: number, len: number, field: string, rule: RuleId | undefined): void {
    this.needAt(off, len, field);
    for (let i = 0; i < len; i++) {
      const v = this.a[this.o + off + i] as number;
      if (v !== 0)
        throw this.error(
          'ERR_RESERVED_NONZERO',
          field,
          off + i,
          `reserved byte is ${hex(v, 2)}`,
          31 - Math.clz32(v),
          rule,
        );
    }
  }
}

/** The error of an input that is not bytes, or of bad options. */
function badInput(structure: string, field: string | undefined, base: number, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_UNEXPECTED_VALUE', structure, field, base, detail);
}

/** Eight bytes for {@link wide64}. */
const SCRATCH = new DataView(new ArrayBuffer(8));

/**
 * `hi * 2^32 + lo` as a bigint. One `getBigUint64` makes one bigint where `BigInt(hi) << 32n |
 * BigInt(lo)` makes four (about twice the time).
 */
function wide64(hi: number, lo: number): bigint {
  SCRATCH.setUint32(0, hi);
  SCRATCH.setUint32(4, lo);
  return SCRATCH.getBigUint64(0);
}

/** Big-endian u32 at `off` of `a` (caller has bounds-checked). @internal */
function be32(a: Uint8Array, off: number): number {
  return (
    (((a[off] as number) << 24) |
      ((a[off + 1] as number) << 16) |
      ((a[off + 2] as number) << 8) |
      (a[off + 3] as number)) >>>
    0
  );
}

/** `0x` + zero-padded lowercase hex. @internal */
export function hex(v: number | bigint, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

/** Collected issues, or nothing: spread into a result as `...issuesOf(r)`. @internal */
export function issuesOf(r: ByteReader): { issues?: readonly DecodeIssue[] } {
  return r.issues.length === 0 ? NO_ISSUES : { issues: r.issues };
}

/** What {@link issuesOf} spreads when there are none (shared: spreading it copies nothing). */
const NO_ISSUES: { issues?: readonly DecodeIssue[] } = Object.freeze({});
