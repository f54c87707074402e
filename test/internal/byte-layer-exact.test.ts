/**
 * Byte-exact and boundary tests of the byte layer and the input-contract helpers, written to kill
 * the mutants StrykerJS found surviving (issue 17): mid-range u64 through the number fast path,
 * sub-window views, negative lengths, limits exactly at the boundary, error offsets and messages.
 */
import { describe, expect, it } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import { ByteReader, hex, issuesOf, type TraceEntry } from '../../src/internal/byte-reader.js';
import { ByteWriter, byteFieldLength, checkRange, show, unknownVariant } from '../../src/internal/byte-writer.js';
import {
  arrayField,
  asUint8Array,
  inputFault,
  isUint8Array,
  notBytes,
  objectField,
  objectList,
  ownEntry,
} from '../../src/internal/contract.js';
import { foreignUint8Array, HostileError, throwingProxy, withThrowingGetter } from '../contract/hostile.js';

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('ByteWriter: byte-exact values', () => {
  it('u64 in the middle of the range, through the number fast path and the DataView', () => {
    const values = [
      0x0123_4567_89ab_cdefn,
      0x0000_0001_0000_0000n,
      0x001f_ffff_ffff_ffffn, // 2^53 - 1: the last value of the fast path
      0x0020_0000_0000_0000n, // 2^53: DataView
      0x0000_0000_ffff_ffffn,
      0xfedc_ba98_7654_3210n,
    ];
    const w = new ByteWriter(8 * values.length, 'T');
    values.forEach((v, i) => {
      w.u64(8 * i, v, 'f');
    });
    expect(hexOf(w.finish())).toBe(
      '0123456789abcdef' +
        '0000000100000000' +
        '001fffffffffffff' +
        '0020000000000000' +
        '00000000ffffffff' +
        'fedcba9876543210',
    );
  });
  it('more than four mid-range u64 words (the fifth goes through the DataView)', () => {
    const w = new ByteWriter(48, 'T');
    for (let i = 0; i < 6; i++) w.u64(8 * i, 0x0000_1234_5678_9abcn + BigInt(i), 'f');
    const r = new ByteReader(w.finish(), 'T');
    for (let i = 0; i < 6; i++) expect(r.u64(8 * i)).toBe(0x0000_1234_5678_9abcn + BigInt(i));
    const sub = new ByteWriter(24, 'T');
    const s = sub.sub(8, 16);
    s.u64(0, 0x0102_0304_0506_0708n, 'f');
    s.u64(8, 0x1112_1314_1516_1718n, 'f');
    expect(hexOf(sub.finish())).toBe(`${'00'.repeat(8)}0102030405060708${'1112131415161718'}`);
  });
  it('u128, u48, u32, u24, u16 and u8 byte-exact', () => {
    const w = new ByteWriter(32, 'T');
    w.u128(0, 0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10n, 'a');
    w.u48(16, 0x0a0b_0c0d_0e0f, 'b');
    w.u32(22, 0x8182_8384, 'c');
    w.u24(26, 0x91_9293, 'd');
    w.u16(29, 0xa1a2, 'e');
    w.u8(31, 0xb1, 'f');
    expect(hexOf(w.finish())).toBe('0102030405060708090a0b0c0d0e0f10' + '0a0b0c0d0e0f' + '81828384' + '919293a1a2b1');
  });
  it('u48 at its maximum and u32 above 2^31', () => {
    const w = new ByteWriter(10, 'T');
    w.u48(0, 0xffff_ffff_fffe, 'a');
    w.u32(6, 0x8000_0001, 'b');
    expect(hexOf(w.finish())).toBe('fffffffffffe80000001');
  });
});

describe('ByteWriter: limits exactly at the boundary', () => {
  it('each width takes its maximum and refuses maximum + 1, and 0 but not -1', () => {
    const cases: [keyof ByteWriter, number, number][] = [
      ['u8', 1, 0xff],
      ['u16', 2, 0xffff],
      ['u24', 3, 0xff_ffff],
      ['u32', 4, 0xffff_ffff],
      ['u48', 6, 0xffff_ffff_ffff],
    ];
    for (const [m, bytes, max] of cases) {
      const w = new ByteWriter(bytes, 'T');
      const put = (v: number) => (w[m] as (o: number, v: number, f: string) => void).call(w, 0, v, 'f');
      put(max);
      expect(hexOf(w.finish())).toBe('ff'.repeat(bytes));
      put(0);
      expect(hexOf(w.finish())).toBe('00'.repeat(bytes));
      const e = err(() => put(max + 1));
      expect([e.code, e.field, e.offset]).toEqual(['ERR_FIELD_RANGE', 'f', 0]);
      expect(e.detail).toBe(`${max + 1} is not an integer in 0..${max}`);
      expect(err(() => put(-1)).detail).toBe(`-1 is not an integer in 0..${max}`);
      expect(err(() => put(0.5)).field).toBe('f');
      expect(err(() => put('1' as unknown as number)).detail).toBe(`"1" is not an integer in 0..${max}`);
    }
    const w = new ByteWriter(16, 'T');
    w.u64(0, (1n << 64n) - 1n, 'f');
    expect(err(() => w.u64(0, 1n << 64n, 'f')).detail).toBe('18446744073709551616n is not a bigint in 0..2^64-1');
    expect(err(() => w.u64(0, -1n, 'f')).field).toBe('f');
    expect(err(() => w.u64(0, 1 as unknown as bigint, 'f')).detail).toBe('1 is not a bigint in 0..2^64-1');
    w.u128(0, (1n << 128n) - 1n, 'g');
    expect(hexOf(w.finish())).toBe('ff'.repeat(16));
    expect(err(() => w.u128(0, 1n << 128n, 'g')).detail).toBe(
      '340282366920938463463374607431768211456n is not a bigint in 0..2^128-1',
    );
    expect(err(() => w.u128(0, -1n, 'g')).field).toBe('g');
  });
  it('a field ending exactly at the end fits; one byte further, or a negative offset, does not', () => {
    const w = new ByteWriter(4, 'T', 0);
    w.u16(2, 0x0102, 'f');
    const e = err(() => w.u16(3, 1, 'f'));
    expect([e.field, e.offset, e.detail]).toEqual(['f', 3, 'field does not fit the 4-byte structure']);
    expect(err(() => w.u8(-1, 1, 'f')).offset).toBe(-1);
    expect(err(() => w.u8(4, 1, 'f')).offset).toBe(4);
    expect(err(() => w.u128(0, 0n, 'f')).detail).toBe('field does not fit the 4-byte structure');
    expect(err(() => w.u64(0, 0n, 'f')).detail).toBe('field does not fit the 4-byte structure');
    const s = new ByteWriter(10, 'T').sub(4, 4, 'Sub');
    expect(s.start).toBe(4);
    const se = err(() => s.u32(1, 0, 'x'));
    expect([se.structure, se.offset]).toEqual(['Sub', 5]);
    expect(err(() => new ByteWriter(10, 'T').sub(8, 3)).detail).toBe('field does not fit the 10-byte structure');
    new ByteWriter(10, 'T').sub(8, 2);
  });
  it('bits(): width maximum fits, one more does not (error at the top bit); neighbours are kept', () => {
    const w = new ByteWriter(1, 'T');
    w.u8(0, 0b1000_0001, 'x');
    w.bits(0, 4, 2, 0b111, 'f');
    expect(w.finish()[0]).toBe(0b1001_1101);
    w.bits(0, 4, 2, 0, 'f');
    expect(w.finish()[0]).toBe(0b1000_0001);
    const e = err(() => w.bits(0, 4, 2, 8, 'f'));
    expect([e.field, e.bit, e.detail]).toEqual(['f', 4, '8 does not fit 3 bit(s) (0..0x07)']);
    expect(err(() => w.bits(0, 4, 2, -1, 'f')).bit).toBe(4);
    expect(err(() => w.bits(0, 4, 2, 1.5, 'f')).bit).toBe(4);
    expect(err(() => w.bits(1, 0, 0, 1, 'f')).offset).toBe(1);
    w.bit(0, 3, true, 'b');
    expect(w.finish()[0]).toBe(0b1000_1001);
    w.bit(0, 7, false, 'b');
    expect(w.finish()[0]).toBe(0b0000_1001);
    const be = err(() => w.bit(0, 6, 1 as unknown as boolean, 'b'));
    expect([be.field, be.bit, be.detail]).toEqual(['b', 6, '1 is not a boolean']);
    expect(err(() => w.bit(1, 0, true, 'b')).offset).toBe(1);
  });
  it('bytes(): exact length, offsets, foreign arrays and look-alikes', () => {
    const w = new ByteWriter(6, 'T');
    w.bytes(1, Uint8Array.of(1, 2, 3), 'f', 3);
    w.bytes(4, foreignUint8Array([9, 8]), 'g');
    expect(hexOf(w.finish())).toBe('000102030908');
    const e = err(() => w.bytes(0, Uint8Array.of(1, 2), 'f', 3));
    expect([e.field, e.detail]).toEqual(['f', 'must be exactly 3 bytes, got 2']);
    expect(err(() => w.bytes(4, Uint8Array.of(1, 2, 3), 'f')).detail).toBe('field does not fit the 6-byte structure');
    expect(err(() => w.bytes(0, new Uint16Array(1) as unknown as Uint8Array, 'f')).detail).toBe(
      'a Uint16Array, not a Uint8Array',
    );
    expect(err(() => w.bytes(0, [1] as unknown as Uint8Array, 'f')).detail).toBe('not a Uint8Array');
  });
  it('ascii(): pads, refuses long text and non-byte characters at their offset', () => {
    const w = new ByteWriter(8, 'T');
    w.ascii(0, 4, 'ab', 'f');
    w.ascii(4, 4, 'c', 'g', 0);
    expect(hexOf(w.finish())).toBe('6162202063000000');
    expect(err(() => w.ascii(0, 2, 'abc', 'f')).detail).toBe('text longer than 2 bytes');
    w.ascii(0, 2, 'ab', 'f');
    const e = err(() => w.ascii(2, 3, 'a\u0100', 'f'));
    expect([e.offset, e.detail]).toEqual([3, 'character 0x0100 is not a byte']);
    expect(err(() => w.ascii(0, 2, 5 as unknown as string, 'f')).field).toBe('f');
    expect(err(() => w.ascii(6, 4, '', 'f')).detail).toBe('field does not fit the 8-byte structure');
  });
});

describe('ByteWriter helpers', () => {
  it('checkRange at the maximum, above it, negative, fractional, wrong type', () => {
    checkRange('S', 'f', 3, 10, 10);
    checkRange('S', 'f', 3, 0, 10);
    const e = err(() => checkRange('S', 'f', 3, 11, 10));
    expect([e.code, e.structure, e.field, e.offset, e.detail]).toEqual([
      'ERR_FIELD_RANGE',
      'S',
      'f',
      3,
      '11 does not fit (0..10)',
    ]);
    expect(err(() => checkRange('S', 'f', 3, -1, 10)).detail).toBe('-1 does not fit (0..10)');
    expect(err(() => checkRange('S', 'f', 3, 1.5, 10)).field).toBe('f');
    expect(err(() => checkRange('S', 'f', 3, '1' as unknown as number, 10)).detail).toBe('"1" does not fit (0..10)');
  });
  it('show() renders every type without running user code', () => {
    expect(show(1)).toBe('1');
    expect(show(true)).toBe('true');
    expect(show(undefined)).toBe('undefined');
    expect(show(5n)).toBe('5n');
    expect(show('ab')).toBe('"ab"');
    expect(show('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`);
    expect(show('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
    expect(show(null)).toBe('null');
    expect(show([1])).toBe('an array');
    expect(show({})).toBe('a object');
    expect(show(Symbol('s'))).toBe('a symbol');
    expect(show(throwingProxy())).toBe('a object');
  });
  it('byteFieldLength and unknownVariant', () => {
    expect(byteFieldLength('S', 'f', 2, Uint8Array.of(1, 2, 3))).toBe(3);
    expect(byteFieldLength('S', 'f', 2, foreignUint8Array([1]))).toBe(1);
    const e = err(() => byteFieldLength('S', 'f', 2, [1]));
    expect([e.structure, e.field, e.offset, e.detail]).toEqual(['S', 'f', 2, 'an array is not a Uint8Array']);
    const u = unknownVariant('S', 'kind', 4, 'zz');
    expect([u.code, u.field, u.offset, u.detail]).toEqual(['ERR_FIELD_RANGE', 'kind', 4, '"zz" is not a known kind']);
  });
});

describe('ByteReader: windows, negative lengths, boundaries', () => {
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i);
  it('u8a and view of a sub-window are that window only; the whole window is the caller array', () => {
    const r = new ByteReader(bytes, 'T');
    expect(r.u8a).toBe(bytes);
    const s = r.sub(2, 3);
    expect(Array.from(s.u8a)).toEqual([0x12, 0x13, 0x14]);
    expect(s.u8a).toBe(s.u8a);
    expect(s.view.byteLength).toBe(3);
    expect(s.view.getUint8(0)).toBe(0x12);
    const tail = r.sub(4, 12);
    expect(tail.u8a.length).toBe(12);
    expect(tail.u8a[0]).toBe(0x14);
    const head = r.sub(0, 15);
    expect(head.u8a.length).toBe(15);
    const off = new ByteReader(bytes.subarray(5, 9), 'T');
    expect(off.view.getUint8(0)).toBe(0x15);
    expect(off.view.byteLength).toBe(4);
  });
  it('need(): exactly the length is fine, one more is truncated at the end', () => {
    const r = new ByteReader(bytes.subarray(0, 4), 'T', undefined, 100);
    r.need(4);
    const e = err(() => r.need(5, 'f'));
    expect([e.code, e.field, e.offset, e.detail]).toEqual(['ERR_TRUNCATED', 'f', 104, 'need 5 bytes, have 4']);
    expect(err(() => new ByteReader(bytes.subarray(0, 4), 'T').need(9)).offset).toBe(4);
  });
  it('needAt() and has(): negative offsets and lengths, exact ends', () => {
    const r = new ByteReader(bytes.subarray(0, 4), 'T');
    r.needAt(0, 4);
    r.needAt(4, 0);
    expect(r.has(0, 4)).toBe(true);
    expect(r.has(4, 0)).toBe(true);
    expect(r.has(1, 4)).toBe(false);
    expect(r.has(-1, 1)).toBe(false);
    expect(r.has(0, -1)).toBe(false);
    const neg = err(() => r.needAt(-1, 2, 'f'));
    expect([neg.code, neg.offset, neg.detail]).toEqual(['ERR_TRUNCATED', -1, 'need bytes -1..0, have 4']);
    const negLen = err(() => r.needAt(1, -1, 'f'));
    expect([negLen.offset, negLen.detail]).toEqual([1, 'need bytes 1..-1, have 4']);
    const far = err(() => r.needAt(3, 2));
    expect([far.offset, far.detail]).toEqual([3, 'need bytes 3..4, have 4']);
    expect(err(() => r.needAt(9, 1)).offset).toBe(4);
    expect(err(() => r.sub(2, 3)).code).toBe('ERR_TRUNCATED');
    expect(err(() => r.sub(-1, 1)).code).toBe('ERR_TRUNCATED');
    expect(err(() => r.bytes(0, -1)).code).toBe('ERR_TRUNCATED');
    expect(err(() => r.ascii(2, 3)).code).toBe('ERR_TRUNCATED');
    expect(err(() => r.rest(5)).code).toBe('ERR_TRUNCATED');
    expect(r.rest(4).length).toBe(0);
    for (const m of ['u8', 'u16', 'u24', 'u32', 'u48', 'u64', 'u128'] as const) {
      expect(err(() => r[m](-1)).code).toBe('ERR_TRUNCATED');
    }
  });
  it('every width reads byte-exact, also in a sub-window at an offset', () => {
    const s = new ByteReader(bytes, 'T').sub(1, 15);
    expect(s.u16(0)).toBe(0x1112);
    expect(s.u24(0)).toBe(0x11_1213);
    expect(s.u32(0)).toBe(0x1112_1314);
    expect(s.u48(0)).toBe(0x1112_1314_1516);
    expect(s.u64(0)).toBe(0x1112_1314_1516_1718n);
    expect(new ByteReader(bytes, 'T').u128(0)).toBe(0x1011_1213_1415_1617_1819_1a1b_1c1d_1e1fn);
    const hi = Uint8Array.of(0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8);
    const h = new ByteReader(hi, 'T');
    expect(h.u32(0)).toBe(0xfffe_fdfc);
    expect(h.u48(0)).toBe(0xfffe_fdfc_fbfa);
    expect(h.u64(0)).toBe(0xfffe_fdfc_fbfa_f9f8n);
    expect(h.u24(1)).toBe(0xfe_fdfc);
    expect(h.bits(0, 6, 4)).toBe(0b111);
    expect(h.bits(1, 0, 0)).toBe(0);
    expect(h.bit(1, 0)).toBe(false);
    expect(h.bit(1, 1)).toBe(true);
    expect(s.ascii(0, 2)).toBe('\u0011\u0012');
    expect(Array.from(s.rest(13))).toEqual([0x1e, 0x1f]);
    expect(Array.from(s.bytes(1, 2))).toEqual([0x12, 0x13]);
  });
  it('expectU8, expectBits, reserved and reservedBytes report offsets and top bits', () => {
    const b = Uint8Array.of(0x00, 0x28, 0x05, 0x00, 0x40);
    const lenient = new ByteReader(b, 'T');
    lenient.reserved(1, 0xff);
    lenient.reservedBytes(0, 5);
    const r = new ByteReader(b, 'T', { strict: true }, 10);
    r.expectU8(2, 5, 'f');
    const e = err(() => r.expectU8(2, 6, 'f'));
    expect([e.code, e.offset, e.detail]).toEqual(['ERR_UNEXPECTED_VALUE', 12, 'expected 0x06, got 0x05']);
    r.expectBits(1, 5, 3, 0b101, 'g');
    const eb = err(() => r.expectBits(1, 5, 3, 0b100, 'g'));
    expect([eb.bit, eb.detail]).toEqual([5, 'expected 0x04, got 0x05']);
    r.reserved(1, 0x07);
    const rv = err(() => r.reserved(1, 0xff));
    expect([rv.code, rv.offset, rv.bit, rv.detail]).toEqual([
      'ERR_RESERVED_NONZERO',
      11,
      5,
      'reserved bits set (0x28)',
    ]);
    expect(err(() => r.reserved(1, 0x08)).bit).toBe(3);
    r.reservedBytes(3, 1);
    const rb = err(() => r.reservedBytes(3, 2, 'res'));
    expect([rb.field, rb.offset, rb.bit, rb.detail]).toEqual(['res', 14, 6, 'reserved byte is 0x40']);
    expect(err(() => r.reservedBytes(4, 2)).code).toBe('ERR_TRUNCATED');
  });
  it('strict only for strict: true; tolerate and note', () => {
    expect(new ByteReader(bytes, 'T', { strict: 1 as unknown as boolean }).strict).toBe(false);
    const r = new ByteReader(bytes, 'T', undefined, 7);
    r.tolerate('ERR_LENGTH_MISMATCH', 'f', 1, 'd', 2);
    r.note('ERR_INVALID_VALUE', 'g', 2, 'n');
    expect(r.issues).toEqual([
      { code: 'ERR_LENGTH_MISMATCH', structure: 'T', field: 'f', offset: 8, bit: 2, message: 'd' },
      { code: 'ERR_INVALID_VALUE', structure: 'T', field: 'g', offset: 9, bit: undefined, message: 'n' },
    ]);
    expect(issuesOf(r)).toEqual({ issues: r.issues });
    const clean = new ByteReader(bytes, 'T');
    expect(issuesOf(clean)).toEqual({});
    expect(Object.isFrozen(issuesOf(clean))).toBe(true);
    const s = new ByteReader(bytes, 'T', { strict: true });
    s.note('ERR_INVALID_VALUE', 'g', 2, 'n');
    expect(s.issues).toHaveLength(1);
    expect(err(() => s.tolerate('ERR_LENGTH_MISMATCH', 'f', 1, 'd')).offset).toBe(1);
    expect(r.abs(3)).toBe(10);
  });
  it('trace: fields with absolute offsets and bit ranges; unnamed reads are not traced', () => {
    const trace: TraceEntry[] = [];
    const r = new ByteReader(bytes, 'T', { trace }, 20);
    r.u8(0);
    r.u8(1, 'a');
    r.bit(2, 3, 'b');
    r.bits(3, 6, 4, 'c');
    r.u48(4, 'd');
    r.ascii(10, 2, 'e');
    r.sub(12, 4, 'Sub').u16(1, 'f');
    expect(trace).toEqual([
      { structure: 'T', field: 'a', offset: 21, length: 1, value: 0x11 },
      { structure: 'T', field: 'b', offset: 22, length: 1, value: false, bits: [3, 3] },
      { structure: 'T', field: 'c', offset: 23, length: 1, value: 1, bits: [6, 4] },
      { structure: 'T', field: 'd', offset: 24, length: 6, value: 0x1415_1617_1819 },
      { structure: 'T', field: 'e', offset: 30, length: 2, value: '\u001a\u001b' },
      { structure: 'Sub', field: 'f', offset: 33, length: 2, value: 0x1d1e },
    ]);
  });
  it('constructor: foreign arrays accepted, look-alikes and a non-array trace rejected', () => {
    const f = new ByteReader(foreignUint8Array([1, 2, 3]), 'T');
    expect(f.u24(0)).toBe(0x010203);
    expect(f.u8a).toBeInstanceOf(Uint8Array);
    const e = err(() => new ByteReader(new DataView(new ArrayBuffer(2)) as unknown as Uint8Array, 'T', undefined, 5));
    expect([e.code, e.offset, e.detail]).toEqual(['ERR_UNEXPECTED_VALUE', 5, 'input is a DataView, not a Uint8Array']);
    const t = err(() => new ByteReader(bytes, 'T', { trace: {} as unknown as TraceEntry[] }));
    expect([t.field, t.detail]).toEqual(['trace', 'options.trace is not an array']);
    expect(hex(5, 4)).toBe('0x0005');
    expect(hex(0xabcn, 2)).toBe('0xabc');
  });
});

describe('input-contract helpers', () => {
  it('isUint8Array / asUint8Array / notBytes', () => {
    const local = Uint8Array.of(1);
    expect(asUint8Array(local)).toBe(local);
    const foreign = foreignUint8Array([4, 5, 6]);
    const view = asUint8Array(foreign) as Uint8Array;
    expect(view).toBeInstanceOf(Uint8Array);
    expect(Object.getPrototypeOf(view)).toBe(Uint8Array.prototype);
    expect(Array.from(view)).toEqual([4, 5, 6]);
    view[0] = 9;
    expect(foreign[0]).toBe(9); // a view, not a copy
    const buf = Buffer.from([7, 8, 9]).subarray(1);
    expect(Array.from(asUint8Array(buf) as Uint8Array)).toEqual([8, 9]);
    expect(isUint8Array(new Proxy(local, {}))).toBe(false);
    expect(isUint8Array(Object.create(Uint8Array.prototype))).toBe(false);
    expect(isUint8Array(new Uint8ClampedArray(1))).toBe(false);
    expect(asUint8Array(new Int8Array(1))).toBeUndefined();
    expect(asUint8Array('x')).toBeUndefined();
    expect(notBytes(new Int16Array(1))).toBe('a Int16Array, not a Uint8Array');
    expect(notBytes(new DataView(new ArrayBuffer(1)))).toBe('a DataView, not a Uint8Array');
    expect(notBytes([1])).toBe('not a Uint8Array');
  });
  it('arrayField / objectField / objectList at their limits', () => {
    expect(arrayField('S', 'f', 1, [1, 2], 2)).toEqual([1, 2]);
    const e = err(() => arrayField('S', 'f', 1, [1, 2, 3], 2));
    expect([e.code, e.structure, e.field, e.offset, e.detail]).toEqual([
      'ERR_FIELD_RANGE',
      'S',
      'f',
      1,
      '3 elements; at most 2',
    ]);
    expect(err(() => arrayField('S', 'f', 1, 'ab' as unknown as string[], 5)).detail).toBe('not an array');
    expect(arrayField('S', 'f', 1, new Proxy([1], {}), 1)).toHaveLength(1);
    const o = { a: 1 };
    expect(objectField('S', 'f', 2, o)).toBe(o);
    expect(err(() => objectField('S', 'f', 2, null)).detail).toBe('null is not an object');
    expect(err(() => objectField('S', 'f', 2, 5)).detail).toBe('number is not an object');
    expect(objectList('S', 'f', 3, [o, o], 2)).toHaveLength(2);
    expect(err(() => objectList('S', 'f', 3, [o, null], 2)).offset).toBe(3);
    expect(err(() => objectList('S', 'f', 3, [o, o, o], 2)).detail).toBe('3 elements; at most 2');
  });
  it('ownEntry ignores Object.prototype and non-string keys', () => {
    const t = { a: 1, b: 0 };
    expect(ownEntry(t, 'a')).toBe(1);
    expect(ownEntry(t, 'b')).toBe(0);
    expect(ownEntry(t, 'toString')).toBeUndefined();
    expect(ownEntry(t, '__proto__')).toBeUndefined();
    expect(ownEntry(t, { toString: () => 'a' })).toBeUndefined();
  });
  it('inputFault: ours unchanged, the caller’s error wrapped with the field and path', () => {
    const own = new ScsiCodecError('ERR_TRUNCATED', 'S', 'f', 1, 'd');
    expect(inputFault(own, 'X', [])).toBe(own);
    const value = { list: [{ a: 1 }, withThrowingGetter({ a: 1 }, 'b')] };
    const w = inputFault(new Error('x'), 'X', [value]);
    expect([w.code, w.structure, w.field, w.offset]).toEqual(['ERR_FIELD_RANGE', 'X', 'b', 0]);
    expect(w.detail).toBe('reading list[1].b threw an error of its own (see cause)');
    expect(w.cause).toBeInstanceOf(HostileError);
    const root = inputFault(new Error('x'), 'X', [throwingProxy()], 'ERR_UNEXPECTED_VALUE');
    expect([root.code, root.field, root.detail]).toEqual([
      'ERR_UNEXPECTED_VALUE',
      undefined,
      'reading the value threw an error of its own (see cause)',
    ]);
    const second = inputFault(new Error('x'), 'X', [Uint8Array.of(1), { o: throwingProxy() }]);
    expect([second.field, second.detail]).toEqual(['o', 'reading argument 2.o threw an error of its own (see cause)']);
    const nested = inputFault(new Error('x'), 'X', [{ a: { b: [withThrowingGetter({}, 'c')] } }]);
    expect([nested.field, nested.detail]).toEqual(['c', 'reading a.b[0].c threw an error of its own (see cause)']);
    const mine = inputFault(new TypeError('bug'), 'X', [{ a: 1 }]);
    expect([mine.field, mine.detail, mine.cause]).toEqual([undefined, 'not a well-formed X', undefined]);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(inputFault(new TypeError('bug'), 'X', [cyclic]).detail).toBe('not a well-formed X');
  });
});
