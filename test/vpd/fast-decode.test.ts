/**
 * The lean 8Fh decode path (src/vpd/third-party-copy-fast-decode.ts) against the reader-based one: on
 * clean pages, on pages with structural bytes changed (lengths, types, ROD descriptor headers,
 * flags) and on random bytes, `decodeThirdPartyCopyVpdPage` must give the same value, issues or
 * error (code, structure, field, offset, bit) as the reader-based decode, and the lean path must
 * actually take every clean page made of the descriptors it reads.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  arbRodDeviceTypeSpecificFeaturesDescriptor,
  arbRodTokenFeaturesDescriptor,
  arbRodTypeDescriptor,
  arbThirdPartyCopyDescriptor,
  arbThirdPartyCopyVpdPage,
} from '../../src/arbitraries/vpd.js';
import { isScsiCodecError } from '../../src/errors.js';
import type { DecodeOptions } from '../../src/internal/byte-reader.js';
import {
  decodeThirdPartyCopyVpdPage,
  decodeThirdPartyCopyVpdPageDetailed,
  encodeThirdPartyCopyVpdPage,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyVpdPage,
  thirdPartyCopyDescriptorType,
} from '../../src/vpd/third-party-copy.js';
import { readPageFast } from '../../src/vpd/third-party-copy-fast-decode.js';
import { arbLeanPage } from './lean-page.js';

/** The reader-based decode (the validator's entry point, which never takes the lean path). */
const readerBased = (b: Uint8Array, o?: DecodeOptions) => decodeThirdPartyCopyVpdPageDetailed(b, o, false).page;

function outcome(decode: () => unknown): unknown {
  try {
    return { value: decode() };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return { error: [e.code, e.structure, e.field, e.offset, e.bit, e.message] };
  }
}

/**
 * Pages the encoder writes as given but the decoder reports issues for: ROD types in any order,
 * TOKEN_OUT set for the zero ROD type, any PREFERENCE INDICATORs, ROD device type specific
 * descriptors in any order, repeated or unknown.
 */
const arbLoosePage: fc.Arbitrary<ThirdPartyCopyVpdPage> = fc
  .tuple(
    fc.uniqueArray(
      fc.oneof(
        fc
          .array(
            fc.tuple(
              arbRodTypeDescriptor(),
              fc.constantFrom(0, 1, 0x0080_0000, 0xffff_0001),
              fc.boolean(),
              fc.boolean(),
            ),
            { maxLength: 4 },
          )
          .map((ts) => ({
            kind: 'supportedRodTokenAndRodTypes' as const,
            rodTypes: ts.map(([t, rodType, pick, tokenOut]) => ({ ...t, ...(pick ? { rodType, tokenOut } : {}) })),
          })),
        fc
          .tuple(
            arbRodTokenFeaturesDescriptor(),
            fc.array(arbRodDeviceTypeSpecificFeaturesDescriptor(), { maxLength: 4 }),
          )
          .map(([d, list]) => ({ ...d, deviceTypeSpecificDescriptors: list })),
        arbThirdPartyCopyDescriptor(),
      ),
      { selector: thirdPartyCopyDescriptorType, maxLength: 4 },
    ),
  )
  .map(([ds]) => ({
    kind: 'thirdPartyCopy' as const,
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
    descriptors: sortThirdPartyCopyDescriptors(ds),
  }));

/** Start offsets of the descriptors of an encoded page. */
function descriptorStarts(b: Uint8Array): number[] {
  const starts: number[] = [];
  for (let off = 4; off + 4 <= b.length; off += 4 + (((b[off + 2] as number) << 8) | (b[off + 3] as number))) {
    starts.push(off);
  }
  return starts;
}

/** A byte value that hits length and type boundaries often. */
const arbByte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0, 1, 2, 3, 4, 0x2c, 0x30, 0x40, 0x80, 0xff),
);

/**
 * Where to change a byte, from a descriptor's start: anywhere in its first 80 bytes, often a field
 * the lean path checks (list lengths at 4 and 46, the first ROD device type specific descriptor's
 * header at 48, the first ROD type's flags at 12 and PREFERENCE INDICATOR at 14, the second's at 78).
 */
const arbDelta = fc.oneof(
  fc.integer({ min: -4, max: 80 }),
  fc.constantFrom(4, 6, 7, 12, 14, 15, 46, 47, 48, 50, 51, 78, 79),
);

/**
 * An encoded page with 1-3 bytes changed near the start of a descriptor (its header, list lengths,
 * the first ROD device type specific descriptor's header, the first ROD type descriptors), or in
 * the page header; sometimes cut short.
 */
const arbDamagedPage = fc
  .tuple(
    fc.oneof(arbLeanPage, arbLoosePage, arbThirdPartyCopyVpdPage()).map(encodeThirdPartyCopyVpdPage),
    fc.array(fc.tuple(fc.nat(), arbDelta, arbByte), { minLength: 1, maxLength: 3 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([b, edits, cut]) => {
    const starts = [0, ...descriptorStarts(b)];
    for (const [pick, delta, v] of edits) {
      const at = (starts[pick % starts.length] as number) + delta;
      if (at >= 0 && at < b.length) b[at] = v;
    }
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });

/** Where each descriptor's list length field is, and the fixed bytes before its list. */
const LIST_LENGTH: Readonly<Record<number, readonly [at: number, width: number, head: number]>> = {
  1: [4, 1, 5],
  262: [46, 2, 48],
  264: [6, 2, 8],
};

/**
 * An encoded page with one descriptor resized to `4 + n` bytes (cut, or grown with zeros or 0xAA),
 * its DESCRIPTOR LENGTH and the PAGE LENGTH set to match, its list length (if it has one) kept,
 * set to fill the new length, or set to a given value.
 */
const arbResizedPage = fc
  .tuple(
    fc.oneof({ arbitrary: arbLeanPage, weight: 3 }, { arbitrary: arbLoosePage, weight: 1 }),
    fc.nat(),
    fc.integer({ min: 0, max: 140 }),
    fc.constantFrom(0, 0xaa),
    fc.oneof(fc.constant('keep' as const), fc.constant('fill' as const), fc.integer({ min: 0, max: 300 })),
  )
  .map(([page, pick, n, fill, list]) => {
    const b = encodeThirdPartyCopyVpdPage(page);
    const starts = descriptorStarts(b);
    if (starts.length === 0) return b;
    const at = starts[pick % starts.length] as number;
    const oldLen = 4 + (((b[at + 2] as number) << 8) | (b[at + 3] as number));
    const out = new Uint8Array(b.length - oldLen + 4 + n).fill(fill);
    out.set(b.subarray(0, at + Math.min(oldLen, 4 + n)));
    out.set(b.subarray(at + oldLen), at + 4 + n);
    out[at + 2] = n >> 8;
    out[at + 3] = n & 0xff;
    out[2] = (out.length - 4) >> 8;
    out[3] = (out.length - 4) & 0xff;
    const field = LIST_LENGTH[((out[at] as number) << 8) | (out[at + 1] as number)];
    if (field !== undefined && list !== 'keep' && field[0] + field[1] <= 4 + n) {
      const [off, width, head] = field;
      const v = (list === 'fill' ? 4 + n - head : list) & (width === 1 ? 0xff : 0xffff);
      if (width === 1) out[at + off] = v;
      else {
        out[at + off] = v >> 8;
        out[at + off + 1] = v & 0xff;
      }
    }
    return out;
  });

const modes: [string, DecodeOptions | undefined][] = [
  ['no options', undefined],
  ['lenient', { strict: false }],
  ['strict', { strict: true }],
];

describe('lean 8Fh decode', () => {
  test.prop([arbLeanPage])('takes every clean page of the descriptors it reads, with the same value', (page) => {
    const b = encodeThirdPartyCopyVpdPage(page);
    const lean = readPageFast(b);
    expect(lean).toBeDefined();
    expect(lean).toStrictEqual(readerBased(b));
    expect(lean).toStrictEqual(page);
  });

  const cases: [string, fc.Arbitrary<Uint8Array>][] = [
    ['bytes changed', arbDamagedPage],
    ['a descriptor resized', arbResizedPage],
    ['values the decoder reports', arbLoosePage.map(encodeThirdPartyCopyVpdPage)],
  ];
  for (const [name, arb] of cases) {
    test.prop([arb])(`${name}: the reader-based decode's value, issues or error in every mode`, (b) => {
      for (const [, options] of modes) {
        expect(outcome(() => decodeThirdPartyCopyVpdPage(b, options))).toStrictEqual(
          outcome(() => readerBased(b, options)),
        );
      }
      const lean = readPageFast(b);
      if (lean !== undefined) expect(lean).toStrictEqual(readerBased(b));
    });
  }

  test.prop([fc.uint8Array({ maxLength: 300 }), fc.boolean()])('random bytes: the same outcome', (b, as8f) => {
    if (as8f && b.length > 1) b[1] = 0x8f;
    expect(outcome(() => decodeThirdPartyCopyVpdPage(b))).toStrictEqual(outcome(() => readerBased(b)));
  });

  it('declines what it does not read clean (the reader-based decode then records the issue)', () => {
    const page: ThirdPartyCopyVpdPage = {
      kind: 'thirdPartyCopy',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      descriptors: [
        {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 1,
          maximumIdentifiedConcurrentCopies: 2,
          maximumSegmentLength: 3,
          dataSegmentGranularity: 4,
          inlineDataGranularity: 5,
        },
      ],
    };
    const b = encodeThirdPartyCopyVpdPage(page);
    expect(readPageFast(b)).toStrictEqual(page);
    // PAGE LENGTH past the bytes present
    const long = b.slice();
    long[3] = (long[3] as number) + 4;
    expect(readPageFast(long)).toBeUndefined();
    expect(decodeThirdPartyCopyVpdPage(long).issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
      ['ERR_LENGTH_MISMATCH', 'pageLength', 2],
    ]);
    // wrong PAGE CODE, and too short for a header: the reader-based decode throws
    const other = b.slice();
    other[1] = 0x80;
    expect(readPageFast(other)).toBeUndefined();
    expect(() => decodeThirdPartyCopyVpdPage(other)).toThrow(/expected 0x8f/);
    expect(readPageFast(b.subarray(0, 3))).toBeUndefined();
  });

  it('reads descriptor types it has no lean reader for the reader-based way, issues included', () => {
    // 0004h Parameter Data (32 bytes), then an unknown 0005h of 10 bytes (not a multiple of 4)
    const b = new Uint8Array(4 + 32 + 10);
    b[1] = 0x8f;
    b[3] = b.length - 4;
    b[4 + 1] = 0x04;
    b[4 + 3] = 0x1c;
    b[4 + 8 + 1] = 7; // MAXIMUM CSCD DESCRIPTOR COUNT
    b[36 + 1] = 0x05;
    b[36 + 3] = 0x06;
    const lean = readPageFast(b);
    expect(lean).toStrictEqual(readerBased(b));
    expect(lean?.descriptors[0]).toMatchObject({ kind: 'parameterData', maximumCscdDescriptorCount: 7 });
    expect(lean?.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
      ['ERR_LENGTH_MISMATCH', 'descriptorLength', 38],
    ]);
  });

  describe('declines each condition the reader-based decode reports, which then reports it', () => {
    // the bench's page: 0000h, 0001h (83h: 3 service actions, 84h: 4), 0106h (one block
    // descriptor), 0108h (three ROD types, the zero ROD type last), 8001h
    const page: ThirdPartyCopyVpdPage = {
      kind: 'thirdPartyCopy',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      descriptors: [
        {
          kind: 'blockDeviceRodLimits',
          vendorSpecific: new Uint8Array(6),
          maximumRangeDescriptors: 64,
          maximumInactivityTimeout: 3600,
          defaultInactivityTimeout: 60,
          maximumTokenTransferSize: 1n << 24n,
          optimalTransferCount: 1n << 11n,
        },
        {
          kind: 'supportedCommands',
          commands: [
            { operationCode: 0x83, serviceActions: [0x10, 0x11, 0x1c] },
            { operationCode: 0x84, serviceActions: [0x03, 0x05, 0x07, 0x08] },
          ],
        },
        {
          kind: 'rodTokenFeatures',
          remoteTokens: 0,
          minimumTokenLifetime: 1,
          maximumTokenLifetime: 86400,
          maximumTokenInactivityTimeout: 3600,
          deviceTypeSpecificDescriptors: [
            {
              kind: 'block',
              optimalBlockRodLengthGranularity: 8,
              maximumBytesInBlockRod: 1n << 33n,
              optimalBytesInBlockRodTransfer: 1n << 20n,
              optimalBytesToTokenPerSegment: 1n << 20n,
              optimalBytesFromTokenPerSegment: 1n << 20n,
            },
          ],
        },
        {
          kind: 'supportedRodTokenAndRodTypes',
          rodTypes: [
            { rodType: 0x0080_0000, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0x7fff },
            { rodType: 0x0080_0002, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0x8000 },
            { rodType: 0xffff_0001, ecpyInt: false, tokenIn: true, tokenOut: false, preferenceIndicator: 0 },
          ],
        },
        {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 1,
          maximumIdentifiedConcurrentCopies: 1,
          maximumSegmentLength: 0x1000,
          dataSegmentGranularity: 9,
          inlineDataGranularity: 9,
        },
      ],
    };
    const clean = encodeThirdPartyCopyVpdPage(page);
    const [, sc = 0, rtf = 0, rt = 0, gco = 0] = descriptorStarts(clean);
    /** The page with bytes set (`[offset, value]`), after resizing it (PAGE LENGTH kept right). */
    const edited = (sets: [number, number][], grow?: [at: number, by: number]): Uint8Array => {
      let b = clean.slice();
      if (grow !== undefined) {
        // `by` zero bytes inserted at `at`, or -`by` bytes removed there
        const [at, by] = grow;
        b = new Uint8Array(clean.length + by);
        b.set(clean.subarray(0, at));
        b.set(clean.subarray(by < 0 ? at - by : at), at + Math.max(by, 0));
        b[2] = (b.length - 4) >> 8;
        b[3] = (b.length - 4) & 0xff;
      }
      for (const [at, v] of sets) b[at] = v;
      return b;
    };
    const descriptorLength = (at: number, n: number): [number, number][] => [[at + 3, n]];
    const examples: [string, Uint8Array][] = [
      [
        '1-3 bytes after the last descriptor',
        edited(
          [
            [clean.length, 0xff],
            [clean.length + 1, 0xff],
          ],
          [clean.length, 2],
        ),
      ],
      [
        'a descriptor past PAGE LENGTH (its bytes present after the page)',
        edited([
          [2, (clean.length - 8) >> 8],
          [3, (clean.length - 8) & 0xff],
        ]),
      ],
      ['a descriptor past the page', edited(descriptorLength(gco, 0x24))],
      [
        'descriptor types not ascending',
        edited([
          [gco, 0x00],
          [gco + 1, 0x02],
        ]),
      ],
      ['0000h of the wrong length', edited([[sc - 33, 0x24]], [sc, 4])],
      ['8001h of the wrong length', edited(descriptorLength(gco, 0x24), [clean.length, 4])],
      ['0001h: list past the descriptor', edited([[sc + 4, 40]])],
      ['0001h: service actions past the list', edited([[sc + 6, 30]])],
      ['0001h: a partial command', edited([[sc + 4, 12]])],
      ['0001h: longer than its list', edited(descriptorLength(sc, 0x14), [rtf, 4])],
      ['0106h: list past the descriptor', edited([[rtf + 47, 0x60]])],
      ['0106h: longer than its list', edited(descriptorLength(rtf, 0x60), [rt, 4])],
      ['0106h: a ROD descriptor of the wrong length', edited([[rtf + 51, 0x28]])],
      [
        '0106h: a ROD descriptor past the list (list and descriptor cut to 32 bytes)',
        edited([...descriptorLength(rtf, 0x4c), [rtf + 47, 0x20]], [rtf + 80, -16]),
      ],
      ['0106h: an unknown ROD descriptor (kept raw, no issue)', edited([[rtf + 48, 0x20]])],
      ['0106h: a ROD descriptor of a reserved device type', edited([[rtf + 48, 0x02]])],
      ['0108h: ROD types not ascending', edited([[rt + 8 + 3, 0x03]])],
      ['0108h: TOKEN_OUT set for the zero ROD type', edited([[rt + 8 + 128 + 4, 0x03]])],
      ['0108h: PREFERENCE INDICATORs not summing to 0 or FFFFh', edited([[rt + 8 + 7, 0x00]])],
      ['0108h: list not a multiple of 64', edited([[rt + 7, 0xc4], ...descriptorLength(rt, 0xc8)], [gco, 4])],
      ['0108h: list past the descriptor', edited([[rt + 6, 0x01]])],
    ];
    it('0001h: a partial command at the very end of the input', () => {
      // list of 11 bytes: 83h with 4 service actions, 84h with 2, then one byte
      const b = Uint8Array.from([0, 0x8f, 0, 16, 0, 1, 0, 12, 11, 0x83, 4, 0x10, 0x11, 0x1c, 0x1d, 0x84, 2, 3, 5, 7]);
      expect(readPageFast(b)).toBeUndefined();
      expect(decodeThirdPartyCopyVpdPage(b)).toStrictEqual(readerBased(b));
      expect(decodeThirdPartyCopyVpdPage(b).issues?.map((i) => [i.field, i.offset])).toEqual([
        ['commandsSupportedListLength', 19],
      ]);
    });
    for (const [name, b] of examples) {
      it(name, () => {
        expect(readPageFast(clean)).toStrictEqual(page);
        expect(readPageFast(b)).toBeUndefined();
        for (const [, options] of modes) {
          expect(outcome(() => decodeThirdPartyCopyVpdPage(b, options))).toStrictEqual(
            outcome(() => readerBased(b, options)),
          );
        }
      });
    }
  });
});
