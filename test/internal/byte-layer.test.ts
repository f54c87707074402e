import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isScsiCodecError, ScsiCodecError } from '../../src/errors.js';
import { ByteReader } from '../../src/internal/byte-reader.js';
import { ByteWriter } from '../../src/internal/byte-writer.js';

function expectCodecError(fn: () => unknown, code: string, offset?: number, bit?: number): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    expect(isScsiCodecError(e)).toBe(true);
    const err = e as ScsiCodecError;
    expect(err.code).toBe(code);
    if (offset !== undefined) expect(err.offset).toBe(offset);
    if (bit !== undefined) expect(err.bit).toBe(bit);
    return err;
  }
  throw new Error('expected a ScsiCodecError');
}

describe('ByteReader', () => {
  it('reads big-endian integers of every width', () => {
    const b = Uint8Array.from([
      0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
    ]);
    const r = new ByteReader(b, 'T');
    expect(r.u8(0)).toBe(1);
    expect(r.u16(0)).toBe(0x0102);
    expect(r.u24(0)).toBe(0x010203);
    expect(r.u32(0)).toBe(0x01020304);
    expect(r.u48(0)).toBe(0x010203040506);
    expect(r.u64(0)).toBe(0x0102030405060708n);
    expect(r.u128(0)).toBe(0x0102030405060708090a0b0c0d0e0f10n);
    expect(r.bits(0, 7, 4)).toBe(0);
    expect(r.bit(0, 0)).toBe(true);
  });

  it('honours byteOffset of a subarray', () => {
    const outer = Uint8Array.from([0xff, 0xff, 0xff, 0x12, 0x34]);
    const r = new ByteReader(outer.subarray(3), 'T');
    expect(r.u16(0)).toBe(0x1234);
    expectCodecError(() => r.u8(2), 'ERR_TRUNCATED', 2);
  });

  it('sub-readers report absolute offsets, and bounds are checked before reading', () => {
    const r = new ByteReader(new Uint8Array(10), 'Outer');
    const s = r.sub(4, 4, 'Inner');
    const e = expectCodecError(() => s.u32(2, 'x'), 'ERR_TRUNCATED');
    expect(e.structure).toBe('Inner');
    expect(e.offset).toBe(6);
    expectCodecError(() => r.sub(8, 4), 'ERR_TRUNCATED');
    expectCodecError(() => r.need(11), 'ERR_TRUNCATED');
  });

  it('reserved bits are ignored leniently and reported with the top offending bit strictly', () => {
    const b = Uint8Array.from([0x00, 0x24]);
    expect(() => new ByteReader(b, 'T').reserved(1, 0xe0)).not.toThrow();
    expect(() => new ByteReader(b, 'T', { strict: true }).reserved(1, 0xdb)).not.toThrow();
    expectCodecError(() => new ByteReader(b, 'T', { strict: true }).reserved(1, 0xff), 'ERR_RESERVED_NONZERO', 1, 5);
    expectCodecError(() => new ByteReader(b, 'T', { strict: true }).reservedBytes(0, 2), 'ERR_RESERVED_NONZERO', 1, 5);
  });

  it('tolerate() records leniently and throws strictly; sub-readers share the sink', () => {
    const lenient = new ByteReader(new Uint8Array(4), 'T');
    lenient.sub(2, 2, 'U').tolerate('ERR_LENGTH_MISMATCH', 'len', 1, 'odd');
    expect(lenient.issues).toEqual([
      { code: 'ERR_LENGTH_MISMATCH', structure: 'U', field: 'len', offset: 3, bit: undefined, message: 'odd' },
    ]);
    const strict = new ByteReader(new Uint8Array(4), 'T', { strict: true });
    expectCodecError(() => strict.sub(2, 2).tolerate('ERR_LENGTH_MISMATCH', 'len', 1, 'odd'), 'ERR_LENGTH_MISMATCH', 3);
  });

  it('byte fields are copies, not views', () => {
    const b = Uint8Array.from([1, 2, 3]);
    const copy = new ByteReader(b, 'T').bytes(0, 3);
    b[0] = 9;
    expect(copy[0]).toBe(1);
  });

  it('rejects a non-Uint8Array input with our own error', () => {
    expectCodecError(() => new ByteReader([1, 2] as unknown as Uint8Array, 'T'), 'ERR_UNEXPECTED_VALUE');
  });

  test.prop([fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.nat(48), fc.nat(20)])(
    'never throws anything but ScsiCodecError at any offset',
    (bytes, off, len) => {
      const r = new ByteReader(bytes, 'T');
      for (const f of [
        () => r.u8(off),
        () => r.u16(off),
        () => r.u24(off),
        () => r.u32(off),
        () => r.u48(off),
        () => r.u64(off),
        () => r.u128(off),
        () => r.bytes(off, len),
        () => r.ascii(off, len),
        () => r.sub(off, len).u8(0),
      ]) {
        try {
          f();
        } catch (e) {
          expect(isScsiCodecError(e)).toBe(true);
        }
      }
    },
  );
});

describe('ByteWriter', () => {
  it('writes big-endian integers that read back', () => {
    const w = new ByteWriter(40, 'T');
    w.u8(0, 0xab, 'a');
    w.u16(1, 0xbeef, 'b');
    w.u24(3, 0x123456, 'c');
    w.u32(6, 0xdeadbeef, 'd');
    w.u48(10, 0xffff_ffff_fffe, 'e');
    w.u64(16, 0xffff_ffff_ffff_ffffn, 'f');
    w.u128(24, (1n << 128n) - 2n, 'g');
    const r = new ByteReader(w.finish(), 'T');
    expect([r.u8(0), r.u16(1), r.u24(3), r.u32(6), r.u48(10)]).toEqual([
      0xab, 0xbeef, 0x123456, 0xdeadbeef, 0xffff_ffff_fffe,
    ]);
    expect(r.u64(16)).toBe(0xffff_ffff_ffff_ffffn);
    expect(r.u128(24)).toBe((1n << 128n) - 2n);
  });

  it('never masks: out-of-range, negative, fractional and wrong-type values throw ERR_FIELD_RANGE', () => {
    const w = new ByteWriter(16, 'T');
    expectCodecError(() => w.u8(0, 256, 'x'), 'ERR_FIELD_RANGE', 0);
    expectCodecError(() => w.u16(2, -1, 'x'), 'ERR_FIELD_RANGE', 2);
    expectCodecError(() => w.u32(4, 1.5, 'x'), 'ERR_FIELD_RANGE', 4);
    expectCodecError(() => w.u24(0, 0x1000000, 'x'), 'ERR_FIELD_RANGE');
    expectCodecError(() => w.u48(0, 2 ** 48, 'x'), 'ERR_FIELD_RANGE');
    expectCodecError(() => w.u64(8, 1n << 64n, 'x'), 'ERR_FIELD_RANGE', 8);
    expectCodecError(() => w.u64(8, 5 as unknown as bigint, 'x'), 'ERR_FIELD_RANGE', 8);
    expectCodecError(() => w.u128(0, -1n, 'x'), 'ERR_FIELD_RANGE');
    expectCodecError(() => w.bits(1, 4, 0, 32, 'sa'), 'ERR_FIELD_RANGE', 1, 4);
    expectCodecError(() => w.u32(14, 0, 'x'), 'ERR_FIELD_RANGE', 14);
    expectCodecError(() => w.bytes(0, new Uint8Array(3), 'x', 4), 'ERR_FIELD_RANGE');
    expectCodecError(() => w.ascii(0, 2, 'abc', 'x'), 'ERR_FIELD_RANGE');
  });

  it('bits() and bit() keep the neighbouring bits', () => {
    const w = new ByteWriter(1, 'T');
    w.bits(0, 7, 5, 0b101, 'hi');
    w.bits(0, 4, 0, 0x1c, 'lo');
    w.bit(0, 4, false, 'b4');
    expect(w.finish()[0]).toBe(0b1010_1100);
  });

  it('sub-writers write into the shared buffer and report absolute offsets', () => {
    const w = new ByteWriter(8, 'Outer');
    const s = w.sub(4, 4, 'Inner');
    s.u16(2, 0x1234, 'x');
    expect(Array.from(w.finish())).toEqual([0, 0, 0, 0, 0, 0, 0x12, 0x34]);
    const e = expectCodecError(() => s.u32(2, 0, 'y'), 'ERR_FIELD_RANGE', 6);
    expect(e.structure).toBe('Inner');
  });
});

describe('ScsiCodecError', () => {
  it('has a greppable message and is recognised by the guard', () => {
    const e = new ScsiCodecError('ERR_TRUNCATED', 'PopulateTokenCdb', 'listIdentifier', 6, 'short', { bit: 3 });
    expect(e.message).toBe('PopulateTokenCdb.listIdentifier @ byte 6 bit 3: short');
    expect(e.name).toBe('ScsiCodecError');
    expect(isScsiCodecError(e)).toBe(true);
    expect(isScsiCodecError(new Error('x'))).toBe(false);
    expect(isScsiCodecError({ name: 'ScsiCodecError', code: 'ERR_NOPE', offset: 1 })).toBe(false);
    expect(isScsiCodecError(null)).toBe(false);
  });
});

describe('trace', () => {
  it('records named fields with absolute offsets, through sub-readers too', () => {
    const trace: import('../../src/internal/byte-reader.js').TraceEntry[] = [];
    const r = new ByteReader(Uint8Array.from([0x83, 0x10, 0, 0, 0, 7]), 'Cdb', { trace });
    r.u8(0, 'operationCode');
    r.bits(1, 4, 0, 'serviceAction');
    r.u8(2);
    r.sub(2, 4, 'Inner').u32(0, 'listIdentifier');
    expect(trace).toEqual([
      { structure: 'Cdb', field: 'operationCode', offset: 0, length: 1, value: 0x83 },
      { structure: 'Cdb', field: 'serviceAction', offset: 1, length: 1, value: 0x10, bits: [4, 0] },
      { structure: 'Inner', field: 'listIdentifier', offset: 2, length: 4, value: 7 },
    ]);
  });
});

describe('ByteWriter error messages', () => {
  it('never call user code while describing a bad value', () => {
    const w = new ByteWriter(8, 'T');
    const hostile = {
      toString(): string {
        throw new TypeError('boom');
      },
    } as unknown;
    expectCodecError(() => w.u8(0, hostile as number, 'x'), 'ERR_FIELD_RANGE', 0);
    expectCodecError(() => w.u64(0, hostile as bigint, 'x'), 'ERR_FIELD_RANGE', 0);
    expectCodecError(() => w.bit(0, 1, hostile as boolean, 'x'), 'ERR_FIELD_RANGE', 0);
    expectCodecError(() => w.bits(0, 3, 0, Object.create(null) as number, 'x'), 'ERR_FIELD_RANGE', 0);
  });
});
