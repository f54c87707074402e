/**
 * ROD tokens against `ddptctl --info --rtf=FILE` (ddpt): generic tokens of every generic ROD
 * type with creator and target device designators of each type, the block device zero token,
 * vendor specific and reserved (opaque) types. All tokens of the corpus go into ONE file that
 * ddptctl decodes token by token.
 *
 * What ddptctl prints (ddptctl.c odx_print_rod_tok, ddpt 0.97): the ROD type (name + value);
 * for vendor specific types a note; it stops when ROD TOKEN LENGTH < 01F8h (unless vendor
 * specific) or when byte 16 is not E4h (unless vendor specific); else the copy manager token
 * id, the creator's PDT, relative initiator port and (type 2h/3h only) designator; NUMBER OF
 * BYTES REPRESENTED from bytes 48-63 (value when the top 8 bytes are zero); the device type
 * specific data as block device data (unless its block size is 0); the target device designator
 * (types 2h, 3h, 8h).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { arbRodToken } from '../../src/arbitraries/rod-token.js';
import {
  BLOCK_DEVICE_ZERO_ROD_TOKEN,
  decodeRodToken,
  encodeRodToken,
  type RodToken,
} from '../../src/rod-token/index.js';
import { compareToken } from './compare-rod-token.js';
import { Comparison, INTEROP_RUNS, INTEROP_SEED } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { parseDdptctl, runDdptctlInfo } from './oracles/ddptctl.js';
import { scratch } from './oracles/tools.js';

const s = scratch('rod-tokens');
afterAll(() => s.dispose());

describe('ROD tokens vs ddptctl --info --rtf', () => {
  calibrate();
  it(`random tokens (arbRodToken, seed ${INTEROP_SEED}) + zero token + every creator/target designator type`, () => {
    const c = new Comparison('ROD token', 'ddptctl');
    const random = fc
      .sample(arbRodToken(), { numRuns: INTEROP_RUNS * 2, seed: INTEROP_SEED })
      .filter((t) => encodeRodToken(t).length === 512) // ddptctl reads 512-byte tokens only
      .slice(0, INTEROP_RUNS);
    const valid = fc.sample(arbRodToken({ valid: true }), { numRuns: 200, seed: INTEROP_SEED + 1 });
    const corpus: (readonly [string, RodToken])[] = [
      ...random.map((t, i) => [`seed ${INTEROP_SEED} #${i}`, t] as const),
      ...valid
        .filter((t) => encodeRodToken(t).length === 512)
        .map((t, i) => [`valid seed ${INTEROP_SEED + 1} #${i}`, t] as const),
      ['block device zero ROD token', BLOCK_DEVICE_ZERO_ROD_TOKEN],
    ];
    const encoded = corpus.map(([, t]) => encodeRodToken(t));
    const all = new Uint8Array(512 * encoded.length);
    encoded.forEach((b, i) => {
      all.set(b, 512 * i);
    });
    const r = runDdptctlInfo(s.write('tokens.bin', all));
    const parsed = parseDdptctl(r.stdout);
    expect(parsed.length).toBe(corpus.length);
    corpus.forEach(([id, token], i) => {
      c.begin(id, encoded[i]!);
      // The generated value itself is compared (an encoder that misplaces a field fails here),
      // and so is our decode of the bytes (a decoder that misreads one fails here).
      compareToken(c, token, encoded[i]!, parsed[i]!);
      compareToken(c, decodeRodToken(encoded[i]!), encoded[i]!, parsed[i]!);
    });
    // coverage: generic types, creator designator types 2h/3h, target designator types 2h/3h/8h, zero, opaque
    const gen = corpus.map(([, t]) => t).filter((t) => t.kind === 'generic');
    expect(new Set(gen.map((t) => t.rodType)).size).toBe(5);
    const creators = new Set(gen.map((t) => t.creatorLogicalUnitDescriptor?.designationDescriptor.designatorType));
    expect(creators.has(2) && creators.has(3)).toBe(true);
    const targets = new Set(gen.map((t) => t.targetDeviceDescriptor.designatorType));
    expect(targets.has(2) && targets.has(3) && targets.has(8)).toBe(true);
    expect(corpus.some(([, t]) => t.kind === 'opaque' && t.rodType >= 0xffff_fff0)).toBe(true);
    expect(c.finish()).toBe('');
    expect(c.stats.cases).toBeGreaterThanOrEqual(300);
  });
});
