/**
 * The lean 8Fh encode path (src/vpd/third-party-copy-fast-encode.ts) against the writer-based one:
 * on valid pages and on pages with one value anywhere replaced by a wrong one (out of range, wrong
 * type, wrong length, too many elements), `encodeThirdPartyCopyVpdPage` must give the writer-based
 * encode's bytes or its error (code, structure, field, offset, bit, message), and the lean path
 * must actually write every valid page made of the descriptors it writes.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbThirdPartyCopyVpdPage } from '../../src/arbitraries/vpd.js';
import { isScsiCodecError } from '../../src/errors.js';
import { encodeThirdPartyCopyVpdPage, type ThirdPartyCopyVpdPage, writePage } from '../../src/vpd/third-party-copy.js';
import { encodePageFast } from '../../src/vpd/third-party-copy-fast-encode.js';
import { arbLeanPage } from './lean-page.js';

function outcome(encode: () => Uint8Array): unknown {
  try {
    return { bytes: [...encode()] };
  } catch (e) {
    if (!isScsiCodecError(e)) return { other: String(e) };
    return { error: [e.code, e.structure, e.field, e.offset, e.bit, e.message] };
  }
}

const block = {
  kind: 'block',
  optimalBlockRodLengthGranularity: 1,
  maximumBytesInBlockRod: 1n,
  optimalBytesInBlockRodTransfer: 1n,
  optimalBytesToTokenPerSegment: 1n,
  optimalBytesFromTokenPerSegment: 1n,
};

/** Wrong values: out of range for some field, of the wrong type, the wrong length, too many elements. */
const WRONG: readonly unknown[] = [
  -1,
  -0,
  0.5,
  Number.NaN,
  8,
  16,
  32,
  256,
  0x1_0000,
  2 ** 32,
  '1',
  -1n,
  1n,
  2n ** 32n,
  2n ** 64n - 1n,
  2n ** 64n,
  null,
  undefined,
  true,
  {},
  [],
  new Uint8Array(5),
  new Uint8Array(6),
  new Uint8Array(7),
  [1, 2, 3],
  new Array(256).fill(0),
  new Array(0x1_0000).fill(0),
  new Array(1366).fill(block),
  new Array(1024).fill({ rodType: 1, ecpyInt: false, tokenIn: false, tokenOut: false, preferenceIndicator: 0 }),
  new Array(128).fill({ operationCode: 1, serviceActions: [] }),
  'unknown',
  'block',
  'stream',
];
const arbWrong = fc.constantFrom(...WRONG);

/** Every path to a value in `v` (objects and arrays, not into byte arrays). */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return out;
  for (const [k, x] of Object.entries(v)) {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    paths(x, p, out);
  }
  return out;
}

/** A copy of `v` with the value at `path` replaced by `to`. */
function replaced(v: unknown, path: readonly (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to;
  const [k, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[k] = replaced(copy[k], rest, to);
  return copy;
}

const arbDamaged = fc
  .tuple(fc.oneof(arbLeanPage, arbThirdPartyCopyVpdPage()), fc.nat(), arbWrong)
  .map(([page, pick, wrong]) => {
    const all = paths(page);
    return all.length === 0
      ? page
      : (replaced(page, all[pick % all.length] as (string | number)[], wrong) as ThirdPartyCopyVpdPage);
  });

describe('lean 8Fh encode', () => {
  test.prop([arbLeanPage])(
    'writes every valid page of the kinds it writes, as the writer-based encode does',
    (page) => {
      const lean = encodePageFast(page);
      expect(lean).toBeDefined();
      expect(lean).toStrictEqual(writePage(page));
    },
  );

  test.prop([fc.oneof(arbThirdPartyCopyVpdPage(), arbDamaged)])(
    'gives the writer-based bytes or error on valid and damaged pages',
    (page) => {
      expect(outcome(() => encodeThirdPartyCopyVpdPage(page))).toStrictEqual(outcome(() => writePage(page)));
      const lean = encodePageFast(page);
      if (lean !== undefined) expect(lean).toStrictEqual(writePage(page));
    },
  );

  it('every value of a full page replaced by every wrong value: the writer-based error, or its bytes', () => {
    const page: ThirdPartyCopyVpdPage = {
      kind: 'thirdPartyCopy',
      peripheralQualifier: 1,
      peripheralDeviceType: 2,
      descriptors: [
        {
          kind: 'blockDeviceRodLimits',
          vendorSpecific: new Uint8Array(6).fill(1),
          maximumRangeDescriptors: 64,
          maximumInactivityTimeout: 3600,
          defaultInactivityTimeout: 60,
          maximumTokenTransferSize: 1n << 24n,
          optimalTransferCount: (1n << 40n) + 1n,
        },
        { kind: 'supportedCommands', commands: [{ operationCode: 0x83, serviceActions: [0x10, 0x11] }] },
        {
          kind: 'rodTokenFeatures',
          remoteTokens: 4,
          minimumTokenLifetime: 1,
          maximumTokenLifetime: 86400,
          maximumTokenInactivityTimeout: 3600,
          deviceTypeSpecificDescriptors: [
            {
              kind: 'block',
              optimalBlockRodLengthGranularity: 8,
              maximumBytesInBlockRod: 1n << 33n,
              optimalBytesInBlockRodTransfer: 1n << 20n,
              optimalBytesToTokenPerSegment: 2n ** 64n - 1n,
              optimalBytesFromTokenPerSegment: 0n,
            },
            { kind: 'stream', maximumBytesInStreamRod: 1n, optimalBytesInStreamRodTransfer: 2n },
            { kind: 'copyManager', maximumBytesInProcessorRod: 3n, optimalBytesInProcessorRodTransfer: 1n << 50n },
          ],
        },
        {
          kind: 'supportedRodTokenAndRodTypes',
          rodTypes: [{ rodType: 0x0080_0000, ecpyInt: true, tokenIn: true, tokenOut: true, preferenceIndicator: 7 }],
        },
        {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 1,
          maximumIdentifiedConcurrentCopies: 2,
          maximumSegmentLength: 0xffff_ffff,
          dataSegmentGranularity: 9,
          inlineDataGranularity: 255,
        },
      ],
    };
    expect(encodePageFast(page)).toStrictEqual(writePage(page));
    const mismatches: string[] = [];
    for (const path of paths(page)) {
      for (const wrong of WRONG) {
        const damaged = replaced(page, path, wrong) as ThirdPartyCopyVpdPage;
        const want = outcome(() => writePage(damaged));
        const lean = encodePageFast(damaged);
        const ok =
          JSON.stringify(outcome(() => encodeThirdPartyCopyVpdPage(damaged))) === JSON.stringify(want) &&
          (lean === undefined || JSON.stringify({ bytes: [...lean] }) === JSON.stringify(want));
        if (!ok) mismatches.push(`${path.join('.')} = ${String(wrong).slice(0, 20)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('declines a page over 65535 bytes that each descriptor fits (PAGE LENGTH error)', () => {
    const rodType = { rodType: 1, ecpyInt: false, tokenIn: false, tokenOut: false, preferenceIndicator: 0 };
    const page: ThirdPartyCopyVpdPage = {
      kind: 'thirdPartyCopy',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      descriptors: [
        { kind: 'supportedCommands', commands: new Array(40).fill({ operationCode: 1, serviceActions: [1, 2] }) },
        { kind: 'supportedRodTokenAndRodTypes', rodTypes: new Array(1023).fill(rodType) },
      ],
    };
    expect(encodePageFast(page)).toBeUndefined();
    expect(() => encodeThirdPartyCopyVpdPage(page)).toThrow(expect.objectContaining({ field: 'pageLength' }));
  });

  it('declines a value whose getter throws; the error names where', () => {
    const page = {
      kind: 'thirdPartyCopy',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      descriptors: [
        {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 1,
          maximumIdentifiedConcurrentCopies: 2,
          get maximumSegmentLength(): number {
            throw new Error('boom');
          },
          dataSegmentGranularity: 4,
          inlineDataGranularity: 5,
        },
      ],
    } as ThirdPartyCopyVpdPage;
    expect(encodePageFast(page)).toBeUndefined();
    expect(() => encodeThirdPartyCopyVpdPage(page)).toThrow(/threw an error of its own/);
  });

  it('declines a page whose descriptor list changes length while it is written', () => {
    let reads = 0;
    const commands = {
      kind: 'supportedCommands',
      get commands() {
        reads++;
        return reads === 1 ? [] : [{ operationCode: 1, serviceActions: [1, 2, 3, 4] }];
      },
    };
    const page = { kind: 'thirdPartyCopy', peripheralQualifier: 0, peripheralDeviceType: 0, descriptors: [commands] };
    expect(encodePageFast(page as ThirdPartyCopyVpdPage)).toBeUndefined();
  });
});
