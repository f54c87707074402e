/**
 * The package-wide fuzz invariant: every public decoder (every `decode*` export of src/index.ts,
 * found by name so a new decoder is covered the day it is exported), fed arbitrary bytes, bytes with
 * a plausible header, or a valid structure's bytes cut and flipped, either returns a value or throws
 * ScsiCodecError, in both strict and lenient mode, with and without trace. Nothing else may escape.
 * `npm run test:fuzz` runs it (and the per-structure fuzz laws) with FC_NUM_RUNS=100000.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { expectOnlyCodecErrors, mutated } from './laws.js';

type Decoder = (bytes: Uint8Array, options?: Record<string, unknown>) => unknown;
const decoders: [string, Decoder][] = Object.entries(api)
  .filter(([name, v]) => /^decode[A-Z]/.test(name) && typeof v === 'function')
  .map(([name, v]) => [name, v as Decoder]);

/** Bytes that get past the first checks: a known first byte (opcode, response code, ROD type...) and a length. */
const plausible = fc
  .tuple(
    fc.constantFrom(
      0x00,
      0x12,
      0x28,
      0x2a,
      0x70,
      0x71,
      0x72,
      0x73,
      0x83,
      0x84,
      0x88,
      0x8a,
      0x8f,
      0x9e,
      0xa0,
      0xb0,
      0xff,
    ),
    fc.constantFrom(0x00, 0x01, 0x03, 0x05, 0x07, 0x08, 0x10, 0x11, 0x1c, 0x80, 0x83, 0x8f, 0xb0, 0xff),
    fc.uint8Array({ minLength: 0, maxLength: 700 }),
  )
  .map(([a, b, rest]) => Uint8Array.from([a, b, ...rest]));

const options = fc.record(
  {
    strict: fc.boolean(),
    trace: fc.constant<unknown[]>([]),
    parameterListLength: fc.integer({ min: 0, max: 1000 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

describe('fuzz: only ScsiCodecError escapes any public decoder', () => {
  it('finds the decoders by name', () => {
    expect(decoders.length).toBeGreaterThanOrEqual(40);
  });
  for (const [name, decode] of decoders) {
    test.prop([fc.oneof(fc.uint8Array({ maxLength: 700 }), plausible), options])(`${name}: arbitrary bytes`, (b, o) => {
      expectOnlyCodecErrors(() => decode(b, o));
    });
    test.prop([mutated(plausible), options])(`${name}: mutated plausible bytes`, (b, o) => {
      expectOnlyCodecErrors(() => decode(b, o));
    });
    it(`${name}: non-Uint8Array input is our own error`, () => {
      for (const bad of [undefined, null, 42, 'hex', [1, 2, 3], {}]) {
        expectOnlyCodecErrors(() => decode(bad as unknown as Uint8Array));
      }
    });
  }
});
