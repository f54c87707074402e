/**
 * Kill tests for the POPULATE TOKEN and WRITE USING TOKEN parameter lists and their range
 * descriptor walk (issue 17, fourth mutation session): strict reserved fields of the header and
 * of a descriptor at index 2 (field, offset, bit, rule), the issues of a short range list, each
 * encoder field's error, and the decoders' trace. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  type PopulateTokenParameterList,
  type TraceEntry,
  type WriteUsingTokenParameterList,
} from '../../src/index.js';
import { err, parts } from './extended-copy-fixtures.js';

const d = (lba: bigint, n: number): BlockDeviceRangeDescriptor => ({
  logicalBlockAddress: lba,
  numberOfLogicalBlocks: n,
});
const RANGES = [d(0x10n, 1), d(0x20n, 2), d(0x0102030405060708n, 0x0a0b0c0d)];
const PT: PopulateTokenParameterList = {
  rtv: true,
  immed: true,
  inactivityTimeout: 0x11223344,
  rodType: 0xffff0001,
  blockDeviceRangeDescriptors: RANGES,
};
const TOKEN = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
const WUT: WriteUsingTokenParameterList = {
  delTkn: true,
  immed: true,
  offsetIntoRod: 0x0102030405060708n,
  rodToken: TOKEN,
  blockDeviceRangeDescriptors: RANGES,
};

const LISTS = [
  {
    name: 'POPULATE TOKEN',
    structure: 'PopulateTokenParameterList',
    header: 16,
    rangeLength: 14,
    dataLengthField: 'populateTokenDataLength',
    reservedRule: 'sbc.populate-token.reserved',
    bytes: encodePopulateTokenParameterList(PT),
    decode: decodePopulateTokenParameterList as (
      b: Uint8Array,
      o?: object,
    ) => { issues?: unknown; blockDeviceRangeDescriptors: unknown },
    // [offset, value, bit] of reserved header fields: byte 2 bits 7:2, byte 3, bytes 12-13.
    reserved: [
      [2, 0x83, 7],
      [2, 0x07, 2],
      [3, 0x01, 0],
      [12, 0x10, 4],
      [13, 0x01, 0],
    ],
  },
  {
    name: 'WRITE USING TOKEN',
    structure: 'WriteUsingTokenParameterList',
    header: 536,
    rangeLength: 534,
    dataLengthField: 'writeUsingTokenDataLength',
    reservedRule: 'sbc.write-using-token.reserved',
    bytes: encodeWriteUsingTokenParameterList(WUT),
    decode: decodeWriteUsingTokenParameterList as (
      b: Uint8Array,
      o?: object,
    ) => { issues?: unknown; blockDeviceRangeDescriptors: unknown },
    // byte 2 bits 7:2, bytes 3-7, bytes 528-533.
    reserved: [
      [2, 0x43, 6],
      [2, 0x07, 2],
      [3, 0x80, 7],
      [7, 0x01, 0],
      [528, 0x02, 1],
      [533, 0x01, 0],
    ],
  },
] as const;

describe('strict reserved fields: field, offset, bit and rule', () => {
  for (const l of LISTS) {
    it(`${l.name}: the header's reserved bits and bytes`, () => {
      for (const [at, v, bit] of l.reserved) {
        const b = l.bytes.slice();
        b[at] = v;
        expect(l.decode(b).issues).toBeUndefined();
        expect(parts(err(() => l.decode(b, { strict: true })))).toEqual({
          code: 'ERR_RESERVED_NONZERO',
          structure: l.structure,
          field: 'reserved',
          offset: at,
          bit,
          detail: expect.stringMatching(/^reserved (bits set|byte is) \(?0x/),
          rule: l.reservedRule,
        });
      }
    });
    it(`${l.name}: bytes 12-15 of the descriptor at index 2`, () => {
      for (const [rel, v, bit] of [
        [12, 0x80, 7],
        [15, 0x01, 0],
      ] as const) {
        const at = l.header + 32 + rel;
        const b = l.bytes.slice();
        b[at] = v;
        expect(l.decode(b).blockDeviceRangeDescriptors).toEqual(RANGES);
        expect(parts(err(() => l.decode(b, { strict: true })))).toEqual({
          code: 'ERR_RESERVED_NONZERO',
          structure: l.structure,
          field: 'reserved',
          offset: at,
          bit,
          detail: `reserved byte is 0x${v.toString(16).padStart(2, '0')}`,
          rule: 'sbc.range-descriptor.reserved',
        });
      }
    });
  }
});

describe('a range list shorter than one descriptor', () => {
  for (const l of LISTS) {
    it(`${l.name}: range length 8 with no byte after the header: the range length and DATA LENGTH issues only`, () => {
      const b = l.bytes.slice(0, l.header);
      b[l.rangeLength] = 0;
      b[l.rangeLength + 1] = 8;
      const v = l.decode(b) as {
        issues?: { code: string; field?: string; offset: number }[];
        blockDeviceRangeDescriptors: unknown;
      };
      expect(v.blockDeviceRangeDescriptors).toEqual([]);
      expect(v.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
        ['ERR_INVALID_VALUE', 'blockDeviceRangeDescriptorLength', l.rangeLength],
        ['ERR_LENGTH_MISMATCH', l.dataLengthField, 0],
      ]);
    });
  }
});

describe('encoder fields: each error names its field and offset', () => {
  it('POPULATE TOKEN', () => {
    const cases: [Partial<Record<keyof PopulateTokenParameterList, unknown>>, string, number, number | undefined][] = [
      [{ rtv: 1 }, 'rtv', 2, 1],
      [{ immed: 'y' }, 'immed', 2, 0],
      [{ inactivityTimeout: 2 ** 32 }, 'inactivityTimeout', 4, undefined],
      [{ rodType: -1 }, 'rodType', 8, undefined],
      [{ blockDeviceRangeDescriptors: [...RANGES.slice(0, 2), d(1n << 64n, 1)] }, 'logicalBlockAddress', 48, undefined],
      [
        { blockDeviceRangeDescriptors: [...RANGES.slice(0, 2), d(0n, 2 ** 32)] },
        'numberOfLogicalBlocks',
        56,
        undefined,
      ],
    ];
    for (const [change, field, offset, bit] of cases) {
      const e = err(() => encodePopulateTokenParameterList({ ...PT, ...change } as PopulateTokenParameterList));
      expect([e.code, e.structure, e.field, e.offset, e.bit]).toEqual([
        'ERR_FIELD_RANGE',
        'PopulateTokenParameterList',
        field,
        offset,
        bit,
      ]);
    }
  });
  it('WRITE USING TOKEN', () => {
    const cases: [Partial<Record<keyof WriteUsingTokenParameterList, unknown>>, string, number, number | undefined][] =
      [
        [{ delTkn: 1 }, 'delTkn', 2, 1],
        [{ immed: null }, 'immed', 2, 0],
        [{ offsetIntoRod: 1n << 64n }, 'offsetIntoRod', 8, undefined],
        [{ rodToken: new Uint8Array(511) }, 'rodToken', 16, undefined],
        [{ rodToken: new Uint8Array(513) }, 'rodToken', 16, undefined],
        [{ blockDeviceRangeDescriptors: [...RANGES.slice(0, 2), d(-1n, 1)] }, 'logicalBlockAddress', 568, undefined],
        [{ blockDeviceRangeDescriptors: [...RANGES.slice(0, 2), d(0n, -1)] }, 'numberOfLogicalBlocks', 576, undefined],
      ];
    for (const [change, field, offset, bit] of cases) {
      const e = err(() => encodeWriteUsingTokenParameterList({ ...WUT, ...change } as WriteUsingTokenParameterList));
      expect([e.code, e.structure, e.field, e.offset, e.bit]).toEqual([
        'ERR_FIELD_RANGE',
        'WriteUsingTokenParameterList',
        field,
        offset,
        bit,
      ]);
    }
  });
  it('a getter that throws: named, in the encoder and the decoder', () => {
    const boom = new Error('boom');
    const getter = (o: object, key: string) =>
      Object.defineProperty({ ...o }, key, {
        get() {
          throw boom;
        },
        enumerable: true,
      });
    const pt = err(() => encodePopulateTokenParameterList(getter(PT, 'rodType') as PopulateTokenParameterList));
    expect([pt.code, pt.structure, pt.field, pt.cause]).toEqual([
      'ERR_FIELD_RANGE',
      'PopulateTokenParameterList',
      'rodType',
      boom,
    ]);
    const wut = err(() =>
      encodeWriteUsingTokenParameterList(getter(WUT, 'offsetIntoRod') as WriteUsingTokenParameterList),
    );
    expect([wut.code, wut.structure, wut.field, wut.cause]).toEqual([
      'ERR_FIELD_RANGE',
      'WriteUsingTokenParameterList',
      'offsetIntoRod',
      boom,
    ]);
    for (const l of LISTS) {
      const e = err(() => l.decode(l.bytes, getter({}, 'parameterListLength')));
      expect([e.code, e.structure, e.field, e.cause]).toEqual([
        'ERR_UNEXPECTED_VALUE',
        l.structure,
        'parameterListLength',
        boom,
      ]);
    }
  });
});

describe('trace: every named field at its absolute offset', () => {
  const rangeTrace = (st: string, first: number): TraceEntry[] =>
    RANGES.flatMap((r, i) => [
      { structure: st, field: 'logicalBlockAddress', offset: first + 16 * i, length: 8, value: r.logicalBlockAddress },
      {
        structure: st,
        field: 'numberOfLogicalBlocks',
        offset: first + 16 * i + 8,
        length: 4,
        value: r.numberOfLogicalBlocks,
      },
    ]);
  const sorted = (t: readonly TraceEntry[]) =>
    [...t].sort((a, b) => a.offset - b.offset || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  it('POPULATE TOKEN', () => {
    const S = 'PopulateTokenParameterList';
    const trace: TraceEntry[] = [];
    decodePopulateTokenParameterList(LISTS[0].bytes, { trace });
    expect(sorted(trace)).toEqual(
      sorted([
        { structure: S, field: 'populateTokenDataLength', offset: 0, length: 2, value: 14 + 48 },
        { structure: S, field: 'rtv', offset: 2, length: 1, value: true, bits: [1, 1] },
        { structure: S, field: 'immed', offset: 2, length: 1, value: true, bits: [0, 0] },
        { structure: S, field: 'inactivityTimeout', offset: 4, length: 4, value: 0x11223344 },
        { structure: S, field: 'rodType', offset: 8, length: 4, value: 0xffff0001 },
        { structure: S, field: 'blockDeviceRangeDescriptorLength', offset: 14, length: 2, value: 48 },
        ...rangeTrace(S, 16),
      ]),
    );
  });
  it('WRITE USING TOKEN', () => {
    const S = 'WriteUsingTokenParameterList';
    const trace: TraceEntry[] = [];
    decodeWriteUsingTokenParameterList(LISTS[1].bytes, { trace });
    expect(sorted(trace)).toEqual(
      sorted([
        { structure: S, field: 'writeUsingTokenDataLength', offset: 0, length: 2, value: 534 + 48 },
        { structure: S, field: 'delTkn', offset: 2, length: 1, value: true, bits: [1, 1] },
        { structure: S, field: 'immed', offset: 2, length: 1, value: true, bits: [0, 0] },
        { structure: S, field: 'offsetIntoRod', offset: 8, length: 8, value: 0x0102030405060708n },
        { structure: S, field: 'rodToken', offset: 16, length: 512, value: TOKEN },
        { structure: S, field: 'blockDeviceRangeDescriptorLength', offset: 534, length: 2, value: 48 },
        ...rangeTrace(S, 536),
      ]),
    );
  });
});
