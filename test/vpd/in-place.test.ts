/**
 * Fixed-size descriptors (sense data descriptors, 8Fh descriptors, ROD device type specific
 * features descriptors) are read in place, without a reader of their own, when the decode is
 * lenient and untraced; with a trace sink, in strict mode or under the 8Fh validator's lint they
 * get their own reader. Both ways must give the same value and the same issues: checked here on
 * encoded values and on the same bytes with one byte changed (wrong lengths, reserved bits,
 * unknown types).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { arbSenseData } from '../../src/arbitraries/sense.js';
import { arbRodTokenInformation } from '../../src/arbitraries/status.js';
import { arbThirdPartyCopyVpdPage } from '../../src/arbitraries/vpd.js';
import { isScsiCodecError } from '../../src/errors.js';
import type { DecodeOptions } from '../../src/internal/byte-reader.js';
import { decodeSenseData, encodeSenseData } from '../../src/sense/sense-data.js';
import {
  decodeRodTokenInformation,
  encodeRodTokenInformation,
} from '../../src/status/receive-rod-token-information.js';
import { decodeThirdPartyCopyVpdPage, encodeThirdPartyCopyVpdPage } from '../../src/vpd/third-party-copy.js';

type Decode = (b: Uint8Array, o?: DecodeOptions) => unknown;

/** The outcome of a decode: its value, or its error's code, field and offset. */
function outcome(decode: Decode, bytes: Uint8Array, options?: DecodeOptions): unknown {
  try {
    return { value: decode(bytes, options) };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return { error: [e.code, e.structure, e.field, e.offset] };
  }
}

/** Bytes and the same bytes with byte `at % length` replaced by `v`. */
function withMutation<T>(arb: fc.Arbitrary<T>, encode: (v: T) => Uint8Array) {
  return fc.tuple(arb, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([v, at, b, mutate]) => {
    const bytes = encode(v);
    if (mutate && bytes.length > 0) bytes[at % bytes.length] = b;
    return bytes;
  });
}

/**
 * An 8Fh page with the DESCRIPTOR LENGTH of descriptor `i` changed by `delta` (a multiple of 4,
 * bytes inserted or removed at its end) and PAGE LENGTH fixed up to match.
 */
const pageWithResizedDescriptor = fc
  .tuple(arbThirdPartyCopyVpdPage(), fc.nat(), fc.constantFrom(-8, -4, 4, 8))
  .map(([page, pick, delta]) => {
    const bytes = encodeThirdPartyCopyVpdPage(page);
    const starts: number[] = [];
    for (
      let off = 4;
      off + 4 <= bytes.length;
      off += 4 + ((bytes[off + 2] as number) << 8) + (bytes[off + 3] as number)
    )
      starts.push(off);
    if (starts.length === 0) return bytes;
    const at = starts[pick % starts.length] as number;
    const len = ((bytes[at + 2] as number) << 8) + (bytes[at + 3] as number);
    const newLen = Math.max(0, len + delta);
    const end = at + 4 + len;
    const out = new Uint8Array(bytes.length - len + newLen);
    out.set(bytes.subarray(0, at + 4 + Math.min(len, newLen)));
    out.set(bytes.subarray(end), at + 4 + newLen);
    out[at + 2] = newLen >> 8;
    out[at + 3] = newLen & 0xff;
    out[2] = (out.length - 4) >> 8;
    out[3] = (out.length - 4) & 0xff;
    return out;
  });

const cases: [string, Decode, fc.Arbitrary<Uint8Array>][] = [
  ['sense data', decodeSenseData, withMutation(arbSenseData(), encodeSenseData)],
  ['RRTI parameter data', decodeRodTokenInformation, withMutation(arbRodTokenInformation(), encodeRodTokenInformation)],
  ['8Fh page', decodeThirdPartyCopyVpdPage, withMutation(arbThirdPartyCopyVpdPage(), encodeThirdPartyCopyVpdPage)],
  ['8Fh page, a descriptor resized', decodeThirdPartyCopyVpdPage, pageWithResizedDescriptor],
];

describe('in-place reads agree with a reader per descriptor', () => {
  for (const [name, decode, arb] of cases) {
    test.prop([arb])(`${name}: lenient without and with a trace sink give the same value and issues`, (bytes) => {
      const plain = outcome(decode, bytes);
      const traced = outcome(decode, bytes, { trace: [] });
      expect(plain).toStrictEqual(traced);
    });
  }
});
