/**
 * Boundary tests for the parameter lists and validateRangeDescriptors (issue 17 mutation
 * survivors): limits exactly at the limit, nested ranges in the overlap sweep, ignoredBytes, the
 * parameterListLength option, length fields one below / at / above their thresholds.
 */
import { describe, expect, it } from 'vitest';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  type RangeDescriptorIssue,
  ScsiCodecError,
  validateRangeDescriptors,
} from '../../src/index.js';

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const d = (lba: bigint | number, n: number): BlockDeviceRangeDescriptor => ({
  logicalBlockAddress: BigInt(lba),
  numberOfLogicalBlocks: n,
});
const codes = (issues: readonly RangeDescriptorIssue[]) => issues.map((i) => [i.code, i.descriptorIndex]);

const pt = encodePopulateTokenParameterList({
  immed: false,
  rtv: false,
  inactivityTimeout: 0,
  rodType: 0,
  blockDeviceRangeDescriptors: [d(1, 2), d(10, 3)],
});
const wut = encodeWriteUsingTokenParameterList({
  delTkn: false,
  immed: true,
  offsetIntoRod: 5n,
  rodToken: new Uint8Array(512),
  blockDeviceRangeDescriptors: [d(7, 1)],
});

describe('validateRangeDescriptors at the limits', () => {
  it('MAXIMUM RANGE DESCRIPTORS: equal is fine, one more is reported at index = maximum', () => {
    const three = [d(0, 1), d(10, 1), d(20, 1)];
    expect(validateRangeDescriptors(three, { maximumRangeDescriptors: 3 })).toEqual([]);
    const r = validateRangeDescriptors(three, { maximumRangeDescriptors: 2 });
    expect(r).toEqual([
      {
        code: 'TOO_MANY_DESCRIPTORS',
        descriptorIndex: 2,
        asc: 0x26,
        ascq: 0x08,
        message: '3 range descriptors, maximum is 2',
      },
    ]);
    expect(validateRangeDescriptors(three, { maximumRangeDescriptors: 0 })).toEqual([]);
  });
  it('MAXIMUM TOKEN TRANSFER SIZE: a total equal to it is fine; above it reported once, where crossed', () => {
    const list = [d(0, 4), d(10, 4), d(20, 4)];
    expect(validateRangeDescriptors(list, { maximumTokenTransferSize: 12n })).toEqual([]);
    const r = validateRangeDescriptors(list, { maximumTokenTransferSize: 7n });
    expect(r).toEqual([
      {
        code: 'TOTAL_TOO_LARGE',
        descriptorIndex: 1,
        asc: 0x26,
        ascq: 0,
        message: 'total of 8 logical blocks (so far) exceeds MAXIMUM TOKEN TRANSFER SIZE 7',
      },
    ]);
    expect(codes(validateRangeDescriptors(list, { maximumTokenTransferSize: 11n }))).toEqual([['TOTAL_TOO_LARGE', 2]]);
  });
  it('blocks per descriptor: equal is fine, one more is reported', () => {
    expect(validateRangeDescriptors([d(0, 8)], { maximumBlocksPerDescriptor: 8 })).toEqual([]);
    const r = validateRangeDescriptors([d(0, 8), d(100, 9)], { maximumBlocksPerDescriptor: 8 });
    expect(r).toEqual([
      {
        code: 'DESCRIPTOR_TOO_LARGE',
        descriptorIndex: 1,
        asc: 0x26,
        ascq: 0,
        message: '9 logical blocks exceed the per-descriptor maximum 8',
      },
    ]);
  });
  it('capacity and 2^64: ending exactly at the end is fine, one block further is out of range', () => {
    expect(validateRangeDescriptors([d(90, 10)], { capacity: 100n })).toEqual([]);
    expect(validateRangeDescriptors([d(91, 10)], { capacity: 100n })).toEqual([
      {
        code: 'OUT_OF_RANGE',
        descriptorIndex: 0,
        asc: 0x21,
        ascq: 0,
        message: 'blocks 91..100 are beyond the capacity (100 blocks)',
      },
    ]);
    expect(validateRangeDescriptors([d(1000, 0)], { capacity: 100n })).toEqual([]);
    const top = (1n << 64n) - 1n;
    expect(validateRangeDescriptors([d(top, 1)])).toEqual([]);
    expect(validateRangeDescriptors([d(top - 1n, 2)])).toEqual([]);
    const r = validateRangeDescriptors([d(top, 2)]);
    expect(r.map((i) => [i.code, i.message])).toEqual([['OUT_OF_RANGE', `blocks ${top}..${top + 1n} are beyond 2^64`]]);
  });
  it('overlap sweep keeps the furthest end: nested ranges overlap the outer one', () => {
    const r = validateRangeDescriptors([d(0, 100), d(10, 10), d(30, 10), d(100, 5)]);
    expect(r.map((i) => [i.code, i.descriptorIndex, i.otherDescriptorIndex])).toEqual([
      ['OVERLAP', 1, 0],
      ['OVERLAP', 2, 0],
    ]);
    expect(r[0]?.message).toBe('range descriptor 1 overlaps range descriptor 0');
    // Reported as (later, earlier) whichever comes first by LBA.
    const rev = validateRangeDescriptors([d(50, 10), d(0, 100)]);
    expect(rev.map((i) => [i.descriptorIndex, i.otherDescriptorIndex, i.asc, i.ascq])).toEqual([[1, 0, 0x26, 0]]);
    // Adjacent ranges do not overlap; zero-block descriptors never do.
    expect(validateRangeDescriptors([d(0, 10), d(10, 10), d(5, 0)])).toEqual([]);
    // Same start: ordered by index.
    expect(codes(validateRangeDescriptors([d(5, 1), d(5, 1)]))).toEqual([['OVERLAP', 1]]);
    // Equal ends: the earlier range stays the one overlapped.
    const ends = validateRangeDescriptors([d(0, 10), d(5, 5), d(7, 1)]);
    expect(ends.map((i) => [i.descriptorIndex, i.otherDescriptorIndex])).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });
  it('shapes: not a list, a null element, a number LBA, a negative count', () => {
    expect(err(() => validateRangeDescriptors({} as never)).field).toBe('blockDeviceRangeDescriptors');
    expect(err(() => validateRangeDescriptors([null] as never)).field).toBe('blockDeviceRangeDescriptors');
    const lba = err(() =>
      validateRangeDescriptors([d(0, 1), { logicalBlockAddress: 5, numberOfLogicalBlocks: 1 }] as never),
    );
    expect([lba.field, lba.offset, lba.detail]).toEqual(['logicalBlockAddress', 32, '5 is not a bigint in 0..2^64-1']);
    expect(err(() => validateRangeDescriptors([d(-1n, 1)])).field).toBe('logicalBlockAddress');
    expect(err(() => validateRangeDescriptors([d(1n << 64n, 1)])).field).toBe('logicalBlockAddress');
    validateRangeDescriptors([d((1n << 64n) - 1n, 0)]);
    const n = err(() => validateRangeDescriptors([d(0, -1)]));
    expect([n.field, n.offset]).toEqual(['numberOfLogicalBlocks', 24]);
    expect(err(() => validateRangeDescriptors([d(0, 2 ** 32)])).field).toBe('numberOfLogicalBlocks');
    validateRangeDescriptors([d(0, 2 ** 32 - 1)]);
    // DATA LENGTH (u16) of the shorter (POPULATE TOKEN) list holds at most 4095 descriptors.
    const many = Array.from({ length: 4096 }, (_, i) => d(i, 1));
    expect(validateRangeDescriptors(many.slice(0, 4095))).toEqual([]);
    expect(err(() => validateRangeDescriptors(many)).detail).toBe('4096 elements; at most 4095');
  });
});

describe('encoding a sparse descriptor list', () => {
  it('a hole is written as an all-zero descriptor, as Array.prototype.forEach skips it', () => {
    const list: BlockDeviceRangeDescriptor[] = [];
    list[1] = d(9, 2);
    const b = encodePopulateTokenParameterList({
      immed: false,
      rtv: false,
      inactivityTimeout: 0,
      rodType: 0,
      blockDeviceRangeDescriptors: list,
    });
    expect(decodePopulateTokenParameterList(b).blockDeviceRangeDescriptors).toEqual([d(0, 0), d(9, 2)]);
  });
});

describe('parameter list lengths at their thresholds', () => {
  it('the parameterListLength option: a u32, checked against the buffer exactly', () => {
    expect(
      decodePopulateTokenParameterList(pt, { parameterListLength: pt.length }).blockDeviceRangeDescriptors,
    ).toHaveLength(2);
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN]) {
      const e = err(() => decodePopulateTokenParameterList(pt, { parameterListLength: bad }));
      expect([e.code, e.field, e.offset]).toEqual(['ERR_FIELD_RANGE', 'parameterListLength', 0]);
    }
    // 0 and 2^32 - 1 are valid u32 values: the list is then short, or longer than the buffer.
    expect(err(() => decodePopulateTokenParameterList(pt, { parameterListLength: 0 })).code).toBe('ERR_TRUNCATED');
    expect(err(() => decodePopulateTokenParameterList(pt, { parameterListLength: 0xffff_ffff })).code).toBe(
      'ERR_TRUNCATED',
    );
    const over = err(() => decodePopulateTokenParameterList(pt, { parameterListLength: pt.length + 1 }));
    expect([over.code, over.offset, over.detail]).toEqual([
      'ERR_TRUNCATED',
      pt.length,
      `PARAMETER LIST LENGTH is ${pt.length + 1} but the buffer holds ${pt.length} bytes`,
    ]);
    // Shorter than the buffer: only that many bytes are the list (the second descriptor is cut).
    const cut = decodePopulateTokenParameterList(pt, { parameterListLength: pt.length - 16 });
    expect(cut.blockDeviceRangeDescriptors).toEqual([d(1, 2)]);
    expect(cut.issues?.map((i) => i.code)).toContain('ERR_TRUNCATED');
  });
  it('BLOCK DEVICE RANGE DESCRIPTOR LENGTH 15, 16, 17 and a partial last descriptor (ignoredBytes)', () => {
    const one = encodePopulateTokenParameterList({
      immed: false,
      rtv: false,
      inactivityTimeout: 0,
      rodType: 0,
      blockDeviceRangeDescriptors: [d(1, 2)],
    });
    const withLength = (n: number, data = 14 + n): Uint8Array => {
      const b = new Uint8Array(Math.max(one.length, 16 + n));
      b.set(one);
      b[0] = data >> 8;
      b[1] = data & 0xff;
      b[14] = n >> 8;
      b[15] = n & 0xff;
      return b;
    };
    const short = err(() => decodePopulateTokenParameterList(withLength(15), { strict: true }));
    expect([short.code, short.field, short.offset]).toEqual([
      'ERR_INVALID_VALUE',
      'blockDeviceRangeDescriptorLength',
      14,
    ]);
    expect(decodePopulateTokenParameterList(withLength(16), { strict: true }).ignoredBytes).toBeUndefined();
    // SBC: the partial last descriptor is ignored, in strict mode too (an issue, not an error).
    const partial = decodePopulateTokenParameterList(withLength(17), { strict: true });
    expect([partial.ignoredBytes, partial.issues?.[0]?.code, partial.issues?.[0]?.offset]).toEqual([
      1,
      'ERR_LENGTH_MISMATCH',
      14,
    ]);
    const lenient = decodePopulateTokenParameterList(withLength(20));
    expect(lenient.ignoredBytes).toBe(4);
    expect(lenient.blockDeviceRangeDescriptors).toEqual([d(1, 2)]);
    // DATA LENGTH at the minimum (1Eh) is not "less than the minimum"; one below is.
    expect(
      decodePopulateTokenParameterList(withLength(16, 0x1e), { strict: true }).blockDeviceRangeDescriptors,
    ).toHaveLength(1);
    const low = err(() => decodePopulateTokenParameterList(withLength(16, 0x1d), { strict: true }));
    expect([low.code, low.field, low.offset]).toEqual(['ERR_INVALID_VALUE', 'populateTokenDataLength', 0]);
    const off = err(() => decodePopulateTokenParameterList(withLength(16, 0x1f), { strict: true }));
    expect([off.code, off.field]).toEqual(['ERR_LENGTH_MISMATCH', 'populateTokenDataLength']);
  });
  it('WRITE USING TOKEN: ignoredBytes of a partial descriptor, fields read at their offsets', () => {
    const rl = 534;
    const b = new Uint8Array(wut.length + 4);
    b.set(wut);
    const n = 16 + 4;
    b[rl] = n >> 8;
    b[rl + 1] = n & 0xff;
    const data = 534 + n;
    b[0] = data >> 8;
    b[1] = data & 0xff;
    const v = decodeWriteUsingTokenParameterList(b);
    expect(v.ignoredBytes).toBe(4);
    expect(v.blockDeviceRangeDescriptors).toEqual([d(7, 1)]);
    expect([v.immed, v.delTkn, v.offsetIntoRod]).toEqual([true, false, 5n]);
    expect(decodeWriteUsingTokenParameterList(wut).ignoredBytes).toBeUndefined();
    const strict = decodeWriteUsingTokenParameterList(b, { strict: true });
    expect(strict.issues?.map((i) => [i.code, i.offset, i.rule])).toEqual([
      ['ERR_LENGTH_MISMATCH', rl, 'sbc.write-using-token.partial-descriptor'],
    ]);
  });
});
