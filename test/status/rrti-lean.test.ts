/**
 * The lean RRTI decode (lenient, untraced; src/status/receive-rod-token-information.ts `readLean`)
 * against the reader-based one (forced here by a trace sink, which changes no value or issue): on
 * encoded values, on the same bytes with header and length bytes changed, and on examples of each
 * condition it declines, `decodeRodTokenInformation` gives the same value, issues or error.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbRodTokenInformation } from '../../src/arbitraries/status.js';
import { isScsiCodecError } from '../../src/errors.js';
import {
  decodeRodTokenInformation,
  encodeRodTokenInformation,
  readLean,
} from '../../src/status/receive-rod-token-information.js';

function outcome(decode: () => unknown): unknown {
  try {
    return { value: decode() };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return { error: [e.code, e.structure, e.field, e.offset, e.bit, e.message] };
  }
}

/** Lenient decode (lean when it can) and the reader-based lenient decode give the same outcome. */
function agree(b: Uint8Array): void {
  const readerBased = outcome(() => decodeRodTokenInformation(b, { trace: [] }));
  expect(outcome(() => decodeRodTokenInformation(b))).toStrictEqual(readerBased);
  expect(outcome(() => decodeRodTokenInformation(b, { strict: false }))).toStrictEqual(readerBased);
}

/** A byte value that hits lengths often. */
const arbByte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 1, 2, 4, 8, 10, 12, 0x18, 0x1c, 0xff));

/** Encoded RRTI data with 1-3 bytes changed (mostly in the header, the SENSE DATA and the list length), maybe cut. */
const arbDamaged = fc
  .tuple(
    arbRodTokenInformation(),
    fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.nat()), arbByte), { minLength: 1, maxLength: 3 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([v, edits, cut]) => {
    const b = encodeRodTokenInformation(v);
    const listAt = 32 + (b[13] as number);
    for (const [at, x] of edits) {
      // half the edits land on the list length or the first descriptor's header
      const i = at > 40 ? listAt + (at % 14) : at;
      if (i < b.length) b[i] = x;
    }
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });

describe('lean RRTI decode', () => {
  test.prop([arbRodTokenInformation()])('encoded values: the reader-based value, read lean when clean', (v) => {
    const b = encodeRodTokenInformation(v);
    agree(b);
    const lenient = decodeRodTokenInformation(b);
    const clean =
      lenient.issues === undefined && lenient.truncated === undefined && lenient.unparsedSenseData === undefined;
    if (clean) expect(readLean(b, undefined)).toStrictEqual(lenient);
    else expect(readLean(b, undefined)).toBeUndefined();
  });

  test.prop([arbDamaged])('damaged bytes: the reader-based value, issues or error', (b) => agree(b));

  describe('each condition it declines', () => {
    // after WRITE USING TOKEN: descriptor sense (28 bytes, field 28), no token descriptors
    const clean = encodeRodTokenInformation({
      responseToServiceAction: 0x11,
      copyOperationStatus: 0x03,
      operationCounter: 2,
      estimatedStatusUpdateDelay: 0xffff_fffe,
      extendedCopyCompletionStatus: 0x02,
      senseData: {
        kind: 'descriptor',
        responseCode: 0x72,
        senseKey: 0x0d,
        additionalSenseCode: 0x0d,
        additionalSenseCodeQualifier: 0x04,
        sdatOvfl: false,
        descriptors: [],
      },
      transferCountUnits: 0xf1,
      transferCount: 1n << 40n,
      segmentsProcessed: 0,
      rodTokenDescriptors: [
        { idForCreatingRodCscdDescriptor: 0, rodToken: new Uint8Array(16).fill(1).fill(0, 6, 8).fill(8, 7, 8) },
      ],
    });
    const listAt = 32 + (clean[13] as number);
    const edited = (sets: [number, number][], length = clean.length): Uint8Array => {
      const b = new Uint8Array(length);
      b.set(clean.subarray(0, Math.min(length, clean.length)));
      for (const [at, v] of sets) b[at] = v;
      return b;
    };
    const examples: [string, Uint8Array][] = [
      ['fewer than 32 bytes', clean.subarray(0, 31)],
      ['AVAILABLE DATA short of the header', edited([[3, 20]])],
      ['AVAILABLE DATA past the bytes (truncated)', clean.subarray(0, clean.length - 1)],
      ['LENGTH OF THE SENSE DATA FIELD not a multiple of 4', edited([[13, (clean[13] as number) + 1]])],
      ['SENSE DATA LENGTH over the field', edited([[14, (clean[13] as number) + 4]])],
      ['no room for ROD TOKEN DESCRIPTORS LENGTH', edited([[13, 0xfc]])],
      ['ROD TOKEN DESCRIPTORS LENGTH disagreeing', edited([[listAt + 3, (clean[listAt + 3] as number) + 2]])],
      ['a partial descriptor', edited([[listAt + 4 + 9, 9]])],
      ['SENSE DATA that does not decode (kept raw)', edited([[32, 0x7f]])],
      ['SENSE DATA with an issue', edited([[32 + 7, 4]])],
    ];
    it('LENGTH OF THE SENSE DATA FIELD 30 (not a multiple of 4) with lengths that agree otherwise', () => {
      const b = new Uint8Array(32 + 30 + 4);
      b.set(clean.subarray(0, 32 + 28));
      b[3] = b.length - 4;
      b[13] = 30;
      expect(readLean(b, undefined)).toBeUndefined();
      expect(decodeRodTokenInformation(b).issues?.map((i) => i.field)).toEqual(['lengthOfTheSenseDataField']);
      agree(b);
    });
    it('reserved bits set in bytes 4 and 5: masked off, no issue (lenient)', () => {
      const b = edited([
        [4, (clean[4] as number) | 0xe0],
        [5, (clean[5] as number) | 0x80],
      ]);
      expect(readLean(b, undefined)).toStrictEqual(decodeRodTokenInformation(clean));
      agree(b);
    });
    it('reads the clean data', () => {
      expect(decodeRodTokenInformation(clean).issues).toBeUndefined();
      expect(readLean(clean, undefined)).toStrictEqual(decodeRodTokenInformation(clean, { trace: [] }));
      agree(clean);
    });
    for (const [name, b] of examples) {
      it(name, () => {
        expect(outcome(() => readLean(b, undefined))).toMatchObject(b.length < 32 ? { value: undefined } : {});
        if (b.length >= 32) expect(readLean(b, undefined)).toBeUndefined();
        agree(b);
        // each example is one the reader-based decode reports on, reads cut short, or rejects
        const lenient = outcome(() => decodeRodTokenInformation(b)) as {
          value?: { issues?: unknown; truncated?: true; senseData?: { issues?: unknown } };
        };
        const v = lenient.value;
        expect(
          v === undefined || v.issues !== undefined || v.truncated === true || v.senseData?.issues !== undefined,
        ).toBe(true);
      });
    }
  });
});
