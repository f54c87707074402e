/**
 * Generic round-trip laws (dns-packet's testEncoder, as properties). Every structure's test calls
 * `describeLaws` with its arbitrary and codec; the laws are:
 *
 * 1. decode(encode(x)) deep-equals x;
 * 2. encode(decode(b)) equals b for canonical b = encode(x);
 * 3. decoding b placed at a non-zero byteOffset inside a larger buffer gives the same value;
 * 4. strict decoding accepts every canonical encoding;
 * 5. fuzz: arbitrary bytes and mutations of valid encodings only ever yield a value or ScsiCodecError.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isScsiCodecError } from '../src/errors.js';
import type { DecodeOptions } from '../src/internal/byte-reader.js';

export interface Codec<T> {
  readonly name: string;
  readonly arb: fc.Arbitrary<T>;
  readonly encode: (value: T) => Uint8Array;
  readonly decode: (bytes: Uint8Array, options?: DecodeOptions) => T;
  /** Maximum fuzz input length (default 300). */
  readonly fuzzMaxLength?: number;
  /** Skip law 4 (strict acceptance), e.g. when the arbitrary deliberately reaches unknown types. */
  readonly strictAcceptsCanonical?: boolean;
  /** Normalise a value before comparing (e.g. to drop `issues`). */
  readonly normalise?: (value: T) => unknown;
}

/** Only our own error may escape a decoder. */
export function expectOnlyCodecErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
  }
}

/** Arbitrary mutation of a valid encoding: flip bytes, truncate, extend. */
export function mutated(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.uint8Array({ maxLength: 8 }),
    )
    .map(([bytes, flips, cut, extra]) => {
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes);
      out.set(extra, bytes.length);
      for (const [i, v] of flips) if (out.length > 0) out[i % out.length] = v;
      return cut === undefined || out.length === 0 ? out : out.slice(0, cut % (out.length + 1));
    });
}

export function describeLaws<T>(c: Codec<T>): void {
  const norm = c.normalise ?? ((v: T) => v);
  describe(`${c.name}: round-trip laws`, () => {
    test.prop([c.arb])('decode(encode(x)) equals x', (x) => {
      expect(norm(c.decode(c.encode(x)))).toEqual(norm(x));
    });
    test.prop([c.arb])('encode(decode(b)) equals b for canonical b', (x) => {
      const b = c.encode(x);
      expect(c.encode(c.decode(b))).toEqual(b);
    });
    test.prop([c.arb, fc.uint8Array({ minLength: 1, maxLength: 9 }), fc.uint8Array({ maxLength: 9 })])(
      'decoding at a non-zero byteOffset gives the same value',
      (x, before, after) => {
        const b = c.encode(x);
        const big = new Uint8Array(before.length + b.length + after.length);
        big.set(before);
        big.set(b, before.length);
        big.set(after, before.length + b.length);
        const view = big.subarray(before.length, before.length + b.length);
        expect(norm(c.decode(view))).toEqual(norm(c.decode(b)));
      },
    );
    if (c.strictAcceptsCanonical !== false) {
      test.prop([c.arb])('strict decoding accepts every canonical encoding', (x) => {
        expect(norm(c.decode(c.encode(x), { strict: true }))).toEqual(norm(c.decode(c.encode(x))));
      });
    }
    test.prop([fc.uint8Array({ minLength: 0, maxLength: c.fuzzMaxLength ?? 300 }), fc.boolean()])(
      'fuzz: arbitrary bytes decode or throw ScsiCodecError',
      (bytes, strict) => {
        expectOnlyCodecErrors(() => c.decode(bytes, { strict }));
      },
    );
    test.prop([mutated(c.arb.map((x) => c.encode(x))), fc.boolean()])(
      'fuzz: mutated valid encodings decode or throw ScsiCodecError',
      (bytes, strict) => {
        expectOnlyCodecErrors(() => c.decode(bytes, { strict }));
      },
    );
  });
}
