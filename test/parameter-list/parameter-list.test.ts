import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  arbPopulateTokenParameterList,
  arbWriteUsingTokenParameterList,
} from '../../src/arbitraries/parameter-list.js';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  type PopulateTokenParameterList,
  validateRangeDescriptors,
  type WriteUsingTokenParameterList,
} from '../../src/parameter-list/index.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

const dropIssues = <T extends object>(v: T) => {
  const { issues: _i, ignoredBytes: _b, ...rest } = v as T & { issues?: unknown; ignoredBytes?: unknown };
  return rest;
};

describeLaws<PopulateTokenParameterList>({
  name: 'PopulateTokenParameterList (1..4095 descriptors)',
  arb: arbPopulateTokenParameterList(),
  encode: encodePopulateTokenParameterList,
  decode: decodePopulateTokenParameterList,
  fuzzMaxLength: 120,
});
describeLaws<PopulateTokenParameterList>({
  name: 'PopulateTokenParameterList (including 0 descriptors, lenient)',
  arb: arbPopulateTokenParameterList(0),
  encode: encodePopulateTokenParameterList,
  decode: decodePopulateTokenParameterList,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
  fuzzMaxLength: 120,
});
describeLaws<WriteUsingTokenParameterList>({
  name: 'WriteUsingTokenParameterList (1..4062 descriptors)',
  arb: arbWriteUsingTokenParameterList(),
  encode: encodeWriteUsingTokenParameterList,
  decode: decodeWriteUsingTokenParameterList,
  fuzzMaxLength: 700,
});
describeLaws<WriteUsingTokenParameterList>({
  name: 'WriteUsingTokenParameterList (including 0 descriptors, lenient)',
  arb: arbWriteUsingTokenParameterList(0),
  encode: encodeWriteUsingTokenParameterList,
  decode: decodeWriteUsingTokenParameterList,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
  fuzzMaxLength: 700,
});

const ONE: BlockDeviceRangeDescriptor[] = [{ logicalBlockAddress: 0x1000n, numberOfLogicalBlocks: 0x800 }];
const PT_LIST: PopulateTokenParameterList = {
  rtv: true,
  immed: false,
  inactivityTimeout: 60,
  rodType: 0x0080_0000,
  blockDeviceRangeDescriptors: ONE,
};
const PT_HEX = `00 1e 02 00 00 00 00 3c 00 80 00 00 00 00 00 10
  00 00 00 00 00 00 10 00 00 00 08 00 00 00 00 00`;

function zeroToken(): Uint8Array {
  const t = new Uint8Array(512);
  t.set([0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x01, 0xf8]);
  return t;
}

describe('known answers (spec sections 3 and 4)', () => {
  it('POPULATE TOKEN list with one descriptor: 32 bytes, DATA LENGTH 001Eh, range length 0010h', () => {
    expect(toHex(encodePopulateTokenParameterList(PT_LIST))).toBe(toHex(hexBytes(PT_HEX)));
    expect(decodePopulateTokenParameterList(hexBytes(PT_HEX), { strict: true, parameterListLength: 32 })).toEqual(
      PT_LIST,
    );
  });

  it('minimum WRITE USING TOKEN list: 552 bytes, DATA LENGTH 0226h, token at 16-527, range length at 534', () => {
    const list: WriteUsingTokenParameterList = {
      delTkn: true,
      immed: true,
      offsetIntoRod: 1n,
      rodToken: zeroToken(),
      blockDeviceRangeDescriptors: [{ logicalBlockAddress: 42n, numberOfLogicalBlocks: 8 }],
    };
    const b = encodeWriteUsingTokenParameterList(list);
    expect(b.length).toBe(552);
    expect(toHex(b.subarray(0, 16))).toBe('02 26 03 00 00 00 00 00 00 00 00 00 00 00 00 01');
    expect(toHex(b.subarray(16, 24))).toBe('ff ff 00 01 00 00 01 f8');
    expect(b.subarray(24, 534).every((x) => x === 0)).toBe(true);
    expect(toHex(b.subarray(534))).toBe('00 10 00 00 00 00 00 00 00 2a 00 00 00 08 00 00 00 00');
    expect(decodeWriteUsingTokenParameterList(b, { strict: true, parameterListLength: 552 })).toEqual(list);
  });

  it('the decoded ROD token is a copy', () => {
    const b = encodeWriteUsingTokenParameterList({
      delTkn: false,
      immed: false,
      offsetIntoRod: 0n,
      rodToken: zeroToken(),
      blockDeviceRangeDescriptors: ONE,
    });
    const d = decodeWriteUsingTokenParameterList(b);
    b[16] = 0;
    expect(d.rodToken[0]).toBe(0xff);
  });
});

/** PT list bytes with header fields patched. */
function ptBytes(patch: (b: Uint8Array) => void, descriptors = 1, extra = 0): Uint8Array {
  const desc = Array.from({ length: descriptors }, (_, i) => ({
    logicalBlockAddress: BigInt(i * 100),
    numberOfLogicalBlocks: 10,
  }));
  const enc = encodePopulateTokenParameterList({ ...PT_LIST, blockDeviceRangeDescriptors: desc });
  const b = new Uint8Array(enc.length + extra);
  b.set(enc);
  patch(b);
  return b;
}

describe('strict mode: the checks of spec 3.3 / 4, at the offending field', () => {
  it.each([
    [
      'range descriptor length 8 (< 16)',
      ptBytes((b) => {
        b[1] = 14 + 8;
        b[15] = 8;
      }),
      { code: 'ERR_INVALID_VALUE', field: 'blockDeviceRangeDescriptorLength', offset: 14 },
    ],
    [
      'DATA LENGTH < 001Eh',
      ptBytes((b) => {
        b[1] = 0x1d;
      }),
      { code: 'ERR_INVALID_VALUE', field: 'populateTokenDataLength', offset: 0 },
    ],
    [
      'DATA LENGTH disagrees with the range length',
      ptBytes((b) => {
        b[1] = 0x2e;
      }),
      { code: 'ERR_LENGTH_MISMATCH', field: 'populateTokenDataLength', offset: 0 },
    ],
    [
      'descriptors beyond the end of the list, none complete',
      ptBytes((b) => {
        b[1] = 14 + 32;
        b[15] = 32;
      }, 0),
      { code: 'ERR_TRUNCATED', field: 'blockDeviceRangeDescriptorLength', offset: 14 },
    ],
    ['reserved byte 3', ptBytes((b) => (b[3] = 0x10)), { code: 'ERR_RESERVED_NONZERO', offset: 3, bit: 4 }],
    ['reserved bit 2 of byte 2', ptBytes((b) => (b[2] = 0x06)), { code: 'ERR_RESERVED_NONZERO', offset: 2, bit: 2 }],
    [
      'descriptor reserved byte 12 (absolute offset 28)',
      ptBytes((b) => (b[28] = 1)),
      { code: 'ERR_RESERVED_NONZERO', offset: 28, bit: 0 },
    ],
    ['header shorter than 16 bytes', hexBytes('00 1e 00 00 00 00'), { code: 'ERR_TRUNCATED', offset: 6 }],
  ])('%s', (_n, bytes, want) => {
    expectCodecError(() => decodePopulateTokenParameterList(bytes, { strict: true }), want);
  });

  it('what SBC ignores is an issue in strict mode too, never thrown: partial descriptor, descriptors cut off', () => {
    // Range length 24: one complete descriptor and the start of another (SBC-5 5.12.2: ignored).
    const partial = decodePopulateTokenParameterList(
      ptBytes((b) => {
        b[1] = 14 + 24;
        b[15] = 24;
      }, 2),
      { strict: true },
    );
    expect(partial.blockDeviceRangeDescriptors).toHaveLength(1);
    expect(partial.ignoredBytes).toBe(8);
    expect(partial.issues?.map((i) => [i.code, i.offset, i.rule])).toEqual([
      ['ERR_LENGTH_MISMATCH', 14, 'sbc.populate-token.partial-descriptor'],
    ]);
    // PARAMETER LIST LENGTH 40 cuts the second descriptor (SBC-5 5.12.2: ignored).
    const cut = decodePopulateTokenParameterList(
      ptBytes(() => {}, 2),
      { strict: true, parameterListLength: 40 },
    );
    expect(cut.blockDeviceRangeDescriptors).toHaveLength(1);
    expect(cut.issues?.map((i) => [i.code, i.offset, i.rule])).toEqual([
      ['ERR_TRUNCATED', 14, 'sbc.populate-token.truncated-descriptors'],
    ]);
    // Cut before the first descriptor is complete: no range at all, thrown.
    expectCodecError(
      () =>
        decodePopulateTokenParameterList(
          ptBytes(() => {}, 2),
          { strict: true, parameterListLength: 31 },
        ),
      {
        code: 'ERR_TRUNCATED',
        offset: 14,
      },
    );
  });
  it('PARAMETER LIST LENGTH larger than the buffer is the caller’s error (ERR_TRUNCATED)', () => {
    expectCodecError(
      () =>
        decodePopulateTokenParameterList(
          ptBytes(() => {}),
          { parameterListLength: 33 },
        ),
      {
        code: 'ERR_TRUNCATED',
        field: 'parameterListLength',
        offset: 32,
      },
    );
  });
  it('PARAMETER LIST LENGTH 1..15: the header is missing (ERR_TRUNCATED)', () => {
    expectCodecError(
      () =>
        decodePopulateTokenParameterList(
          ptBytes(() => {}),
          { parameterListLength: 15 },
        ),
      {
        code: 'ERR_TRUNCATED',
      },
    );
  });
  it('a buffer longer than PARAMETER LIST LENGTH: only the list is decoded', () => {
    const b = ptBytes(() => {}, 1, 64);
    b.fill(0xee, 32);
    expect(decodePopulateTokenParameterList(b, { strict: true, parameterListLength: 32 })).toEqual(
      decodePopulateTokenParameterList(b.subarray(0, 32)),
    );
  });
  it('WUT: range length 8 → ERR_INVALID_VALUE at 534; DATA LENGTH < 0226h at 0', () => {
    const good = encodeWriteUsingTokenParameterList({
      delTkn: false,
      immed: false,
      offsetIntoRod: 0n,
      rodToken: zeroToken(),
      blockDeviceRangeDescriptors: ONE,
    });
    const short = good.slice();
    short[535] = 8;
    short[1] = 0x1e; // 534 + 8 = 0x21e
    expectCodecError(() => decodeWriteUsingTokenParameterList(short, { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      offset: 534,
    });
    const dl = good.slice();
    dl[1] = 0x25;
    expectCodecError(() => decodeWriteUsingTokenParameterList(dl, { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      field: 'writeUsingTokenDataLength',
      offset: 0,
    });
    const res = good.slice();
    res[530] = 0x80;
    expectCodecError(() => decodeWriteUsingTokenParameterList(res, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 530,
      bit: 7,
    });
  });
});

describe('lenient mode: partial and truncated descriptors are ignored and reported', () => {
  it('range length 40: two descriptors decoded, the 8-byte partial one ignored', () => {
    const b = ptBytes((x) => {
      x[1] = 14 + 40;
      x[15] = 40;
    }, 3).subarray(0, 16 + 40);
    const d = decodePopulateTokenParameterList(b);
    expect(d.blockDeviceRangeDescriptors).toHaveLength(2);
    expect(d.ignoredBytes).toBe(8);
    expect(d.issues).toEqual([
      expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', field: 'blockDeviceRangeDescriptorLength', offset: 14 }),
    ]);
  });
  it('descriptors cut by PARAMETER LIST LENGTH: the complete ones decoded, the cut one ignored', () => {
    const b = ptBytes(() => {}, 3); // 64 bytes
    const d = decodePopulateTokenParameterList(b, { parameterListLength: 56 });
    expect(d.blockDeviceRangeDescriptors).toEqual([
      { logicalBlockAddress: 0n, numberOfLogicalBlocks: 10 },
      { logicalBlockAddress: 100n, numberOfLogicalBlocks: 10 },
    ]);
    expect(d.ignoredBytes).toBe(8);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'ERR_TRUNCATED', offset: 14 })]);
  });
  it('range length 8: no descriptor, 8 bytes ignored, two issues (short range list, short DATA LENGTH)', () => {
    const b = ptBytes((x) => {
      x[1] = 22;
      x[15] = 8;
    }).subarray(0, 24);
    const d = decodePopulateTokenParameterList(b);
    expect(d.blockDeviceRangeDescriptors).toEqual([]);
    expect(d.ignoredBytes).toBe(8);
    expect(d.issues?.map((i) => [i.code, i.offset])).toEqual([
      ['ERR_INVALID_VALUE', 14],
      ['ERR_INVALID_VALUE', 0],
    ]);
  });
  it('reserved bits are ignored silently', () => {
    const d = decodePopulateTokenParameterList(ptBytes((b) => (b[2] = 0xff)));
    expect(d).toEqual({ ...PT_LIST, rtv: true, immed: true, blockDeviceRangeDescriptors: [ONE_AT_0] });
  });
});
const ONE_AT_0 = { logicalBlockAddress: 0n, numberOfLogicalBlocks: 10 };

describe('encoders reject values that do not fit (ERR_FIELD_RANGE)', () => {
  const wut: WriteUsingTokenParameterList = {
    delTkn: false,
    immed: false,
    offsetIntoRod: 0n,
    rodToken: zeroToken(),
    blockDeviceRangeDescriptors: ONE,
  };
  it.each([
    [
      'PT inactivityTimeout 2^32',
      () => encodePopulateTokenParameterList({ ...PT_LIST, inactivityTimeout: 2 ** 32 }),
      'inactivityTimeout',
      4,
    ],
    ['PT rodType -1', () => encodePopulateTokenParameterList({ ...PT_LIST, rodType: -1 }), 'rodType', 8],
    [
      'PT descriptor LBA 2^64 (second descriptor at 32)',
      () =>
        encodePopulateTokenParameterList({
          ...PT_LIST,
          blockDeviceRangeDescriptors: [ONE_AT_0, { logicalBlockAddress: 1n << 64n, numberOfLogicalBlocks: 0 }],
        }),
      'logicalBlockAddress',
      32,
    ],
    [
      'PT descriptor count 2^32',
      () =>
        encodePopulateTokenParameterList({
          ...PT_LIST,
          blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 2 ** 32 }],
        }),
      'numberOfLogicalBlocks',
      24,
    ],
    [
      'PT 4096 descriptors (DATA LENGTH overflows)',
      () => encodePopulateTokenParameterList({ ...PT_LIST, blockDeviceRangeDescriptors: Array(4096).fill(ONE_AT_0) }),
      'blockDeviceRangeDescriptors',
      16,
    ],
    [
      'WUT token of 511 bytes',
      () => encodeWriteUsingTokenParameterList({ ...wut, rodToken: new Uint8Array(511) }),
      'rodToken',
      16,
    ],
    [
      'WUT offsetIntoRod -1',
      () => encodeWriteUsingTokenParameterList({ ...wut, offsetIntoRod: -1n }),
      'offsetIntoRod',
      8,
    ],
    [
      'WUT 4063 descriptors',
      () => encodeWriteUsingTokenParameterList({ ...wut, blockDeviceRangeDescriptors: Array(4063).fill(ONE_AT_0) }),
      'blockDeviceRangeDescriptors',
      536,
    ],
  ])('%s', (_n, fn, field, offset) => {
    expectCodecError(fn, { code: 'ERR_FIELD_RANGE', field, offset });
  });
  it('the largest lists encode: 4095 (PT) and 4062 (WUT) descriptors', () => {
    expect(
      encodePopulateTokenParameterList({ ...PT_LIST, blockDeviceRangeDescriptors: Array(4095).fill(ONE_AT_0) }).length,
    ).toBe(16 + 4095 * 16);
    const w = encodeWriteUsingTokenParameterList({ ...wut, blockDeviceRangeDescriptors: Array(4062).fill(ONE_AT_0) });
    expect(w[0]! * 256 + w[1]!).toBe(534 + 4062 * 16);
  });
});

describe('validateRangeDescriptors', () => {
  const d = (lba: bigint, n: number) => ({ logicalBlockAddress: lba, numberOfLogicalBlocks: n });
  it('no issues for disjoint ranges within limits', () => {
    expect(
      validateRangeDescriptors([d(0n, 8), d(8n, 8), d(100n, 0)], { maximumRangeDescriptors: 3, capacity: 16n }),
    ).toEqual([]);
  });
  it('overlap names the later descriptor and the one it overlaps (26h/00h)', () => {
    expect(validateRangeDescriptors([d(100n, 10), d(0n, 8), d(105n, 1)])).toEqual([
      expect.objectContaining({ code: 'OVERLAP', descriptorIndex: 2, otherDescriptorIndex: 0, asc: 0x26, ascq: 0 }),
    ]);
  });
  it('same LBA twice overlaps; zero-length descriptors never overlap', () => {
    expect(validateRangeDescriptors([d(5n, 1), d(5n, 1)])).toHaveLength(1);
    expect(validateRangeDescriptors([d(5n, 0), d(5n, 1)])).toEqual([]);
  });
  it('too many descriptors (26h/08h)', () => {
    expect(validateRangeDescriptors([d(0n, 1), d(1n, 1), d(2n, 1)], { maximumRangeDescriptors: 2 })).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_DESCRIPTORS', descriptorIndex: 2, asc: 0x26, ascq: 0x08 }),
    ]);
  });
  it('total and per-descriptor size limits (26h/00h)', () => {
    const issues = validateRangeDescriptors([d(0n, 10), d(10n, 10)], {
      maximumTokenTransferSize: 15n,
      maximumBlocksPerDescriptor: 9,
    });
    expect(issues.map((i) => [i.code, i.descriptorIndex])).toEqual([
      ['DESCRIPTOR_TOO_LARGE', 0],
      ['TOTAL_TOO_LARGE', 1],
      ['DESCRIPTOR_TOO_LARGE', 1],
    ]);
  });
  it('beyond the capacity or 2^64 (21h/00h)', () => {
    expect(validateRangeDescriptors([d(10n, 7)], { capacity: 16n })).toEqual([
      expect.objectContaining({ code: 'OUT_OF_RANGE', descriptorIndex: 0, asc: 0x21, ascq: 0 }),
    ]);
    expect(validateRangeDescriptors([d((1n << 64n) - 1n, 2)])).toEqual([
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    ]);
  });
});

describe('validateRangeDescriptors: properties against a brute-force model', () => {
  const arbSmall = fc.array(
    fc.record(
      { logicalBlockAddress: fc.bigInt({ min: 0n, max: 40n }), numberOfLogicalBlocks: fc.nat(10) },
      { noNullPrototype: true },
    ),
    { maxLength: 8 },
  );
  const overlaps = (a: BlockDeviceRangeDescriptor, b: BlockDeviceRangeDescriptor) =>
    a.numberOfLogicalBlocks > 0 &&
    b.numberOfLogicalBlocks > 0 &&
    a.logicalBlockAddress < b.logicalBlockAddress + BigInt(b.numberOfLogicalBlocks) &&
    b.logicalBlockAddress < a.logicalBlockAddress + BigInt(a.numberOfLogicalBlocks);
  test.prop([arbSmall])('an OVERLAP is reported iff some pair overlaps, and every reported pair does', (ranges) => {
    const model = ranges.some((a, i) => ranges.some((b, j) => i < j && overlaps(a, b)));
    const found = validateRangeDescriptors(ranges).filter((x) => x.code === 'OVERLAP');
    expect(found.length > 0).toBe(model);
    for (const f of found) {
      expect(f.otherDescriptorIndex).toBeLessThan(f.descriptorIndex);
      expect(overlaps(ranges[f.descriptorIndex]!, ranges[f.otherDescriptorIndex!]!)).toBe(true);
    }
  });
});
