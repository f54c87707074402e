/**
 * Byte layer tests written against StrykerJS survivors (issue 17, second pass): the trace of
 * every reader width, a writer made over a caller's buffer at a start offset, the last byte
 * character of `ascii`, and writers sharing one buffer.
 */
import { describe, expect, it } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import { ByteReader, type TraceEntry } from '../../src/internal/byte-reader.js';
import { ByteWriter } from '../../src/internal/byte-writer.js';

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

describe('ByteReader trace: every width and the byte readers', () => {
  const bytes = Uint8Array.from({ length: 40 }, (_, i) => 0x80 + i);
  it('records u24, u32, u64, u128, bytes, rest and a bit at absolute offsets with their values', () => {
    const trace: TraceEntry[] = [];
    const r = new ByteReader(bytes, 'T', { trace }, 1000);
    r.u24(0, 'a');
    r.u32(3, 'b');
    r.u64(7, 'c');
    r.u128(15, 'd');
    r.bytes(31, 2, 'e');
    r.rest(36, 'f');
    r.bit(33, 7, 'g');
    expect(trace).toEqual([
      { structure: 'T', field: 'a', offset: 1000, length: 3, value: 0x80_8182 },
      { structure: 'T', field: 'b', offset: 1003, length: 4, value: 0x8384_8586 },
      { structure: 'T', field: 'c', offset: 1007, length: 8, value: 0x8788_898a_8b8c_8d8en },
      { structure: 'T', field: 'd', offset: 1015, length: 16, value: 0x8f90_9192_9394_9596_9798_999a_9b9c_9d9en },
      { structure: 'T', field: 'e', offset: 1031, length: 2, value: Uint8Array.of(0x9f, 0xa0) },
      { structure: 'T', field: 'f', offset: 1036, length: 4, value: Uint8Array.of(0xa4, 0xa5, 0xa6, 0xa7) },
      { structure: 'T', field: 'g', offset: 1033, length: 1, value: true, bits: [7, 7] },
    ]);
  });
  it('a sub-reader shares the trace and the issues; reads without a field name are not traced', () => {
    const trace: TraceEntry[] = [];
    const r = new ByteReader(bytes, 'T', { trace, strict: true }, 0);
    const s = r.sub(8, 16, 'S');
    expect(s.strict).toBe(true);
    expect(s.trace).toBe(trace);
    expect(s.issues).toBe(r.issues);
    s.u32(4);
    s.u64(0);
    s.u128(0);
    s.bytes(0, 1);
    s.rest(15);
    s.u24(1);
    expect(trace).toEqual([]);
    s.note('ERR_INVALID_VALUE', 'x', 2, 'n');
    expect(r.issues).toEqual([
      { code: 'ERR_INVALID_VALUE', structure: 'S', field: 'x', offset: 10, bit: undefined, message: 'n' },
    ]);
  });
  it('bytes and rest are copies, not views', () => {
    const b = Uint8Array.of(1, 2, 3, 4);
    const r = new ByteReader(b, 'T');
    const c = r.bytes(1, 2);
    const t = r.rest(2);
    b[1] = 9;
    b[2] = 9;
    expect([...c, ...t]).toEqual([2, 3, 3, 4]);
    expect(r.sub(1, 3).rest(0)).toEqual(Uint8Array.of(9, 9, 4));
  });
  it('ascii keeps every byte value as its char code', () => {
    const r = new ByteReader(Uint8Array.of(0x00, 0x7f, 0x80, 0xff), 'T');
    expect(r.ascii(0, 4)).toBe('\u0000\u007f\u0080\u00ff');
    expect(r.ascii(4, 0)).toBe('');
  });
});

describe('ByteWriter over a caller buffer, at a start offset', () => {
  it('the window runs from start to the end of the buffer', () => {
    const buf = new Uint8Array(10);
    const w = new ByteWriter(buf, 'T', 4);
    expect(w.length).toBe(6);
    expect(w.start).toBe(4);
    w.u16(4, 0xabcd, 'f');
    expect(hexOf(buf)).toBe('0000000000000000abcd');
    const e = err(() => w.u8(6, 1, 'f'));
    expect([e.offset, e.detail]).toEqual([10, 'field does not fit the 6-byte structure']);
    expect(w.finish()).toBe(buf);
  });
  it('an explicit window length bounds it; sub-writers nest', () => {
    const buf = new Uint8Array(12);
    const w = new ByteWriter(buf, 'T', 2, 8);
    expect(err(() => w.u32(5, 0, 'f')).detail).toBe('field does not fit the 8-byte structure');
    const s = w.sub(2, 6, 'S').sub(1, 4, 'SS');
    expect([s.start, s.length, s.structure]).toEqual([5, 4, 'SS']);
    s.u32(0, 0x0102_0304, 'f');
    expect(hexOf(buf)).toBe('000000000001020304000000');
    expect(err(() => s.u8(4, 0, 'f')).offset).toBe(9);
  });
  it('a zero-length writer takes no field; writers never share the empty buffer', () => {
    const z = new ByteWriter(0, 'T');
    expect(z.length).toBe(0);
    expect(err(() => z.u8(0, 0, 'f')).detail).toBe('field does not fit the 0-byte structure');
    const a = new ByteWriter(2, 'T');
    const b = new ByteWriter(2, 'T');
    a.u16(0, 0x0102, 'f');
    expect(hexOf(b.finish())).toBe('0000');
  });
  it('u64 words through the DataView after the first four, in sub-writers too, byte-exact', () => {
    const w = new ByteWriter(64, 'T');
    const values = [
      0x0000_0000_0000_0001n,
      0x0000_0001_0000_0001n,
      0x0010_2030_4050_6070n,
      0x001f_ffff_ffff_fffen,
      0x0000_0000_8000_0000n,
      0x0000_8000_0000_0000n,
      0x001f_ffff_0000_ffffn,
      0xffff_ffff_ffff_ffffn,
    ];
    values.forEach((v, i) => {
      w.sub(8 * i, 8).u64(0, v, 'f');
    });
    expect(hexOf(w.finish())).toBe(
      [
        '0000000000000001',
        '0000000100000001',
        '0010203040506070',
        '001ffffffffffffe',
        '0000000080000000',
        '0000800000000000',
        '001fffff0000ffff',
        'ffffffffffffffff',
      ].join(''),
    );
  });
  it('u128 halves go to the right words, at an offset', () => {
    const w = new ByteWriter(20, 'T');
    w.u128(2, (0x0001_0203_0405_0607n << 64n) | 0x0809_0a0b_0c0d_0e0fn, 'f');
    expect(hexOf(w.finish())).toBe('0000000102030405060708090a0b0c0d0e0f0000');
  });
  it('ascii: character FFh is a byte, 100h is not; the default pad is a space', () => {
    const w = new ByteWriter(4, 'T');
    w.ascii(0, 4, '\u00ff\u0080', 'f');
    expect(hexOf(w.finish())).toBe('ff802020');
    const e = err(() => w.ascii(0, 4, '\u00ff\u0100', 'f'));
    expect([e.field, e.offset, e.detail]).toEqual(['f', 1, 'character 0x0100 is not a byte']);
    w.ascii(0, 0, '', 'f');
    expect(err(() => w.ascii(0, 1, 'ab', 'f')).detail).toBe('text longer than 1 bytes');
  });
  it('bit() and bits() at bit 0 and bit 7', () => {
    const w = new ByteWriter(2, 'T');
    w.bit(0, 0, true, 'a');
    w.bit(0, 7, true, 'b');
    expect(w.finish()[0]).toBe(0x81);
    w.bit(0, 0, false, 'a');
    expect(w.finish()[0]).toBe(0x80);
    w.bits(1, 7, 0, 0xa5, 'c');
    expect(w.finish()[1]).toBe(0xa5);
    w.bits(1, 0, 0, 0, 'd');
    expect(w.finish()[1]).toBe(0xa4);
    expect(err(() => w.bits(1, 7, 0, 0x100, 'c')).detail).toBe('256 does not fit 8 bit(s) (0..0xff)');
    expect(err(() => w.bits(1, 0, 0, 2, 'd')).detail).toBe('2 does not fit 1 bit(s) (0..0x01)');
    expect(err(() => w.bits(1, 3, 2, '1' as unknown as number, 'e')).detail).toBe(
      '"1" does not fit 2 bit(s) (0..0x03)',
    );
  });
});
