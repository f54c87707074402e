/**
 * Issue 17 finding 8: inputs from another realm. A genuine Uint8Array made in a `node:vm` context
 * (or any other realm) decodes exactly like one of ours; look-alikes (a Proxy, an object with
 * Uint8Array's prototype, a DataView, other typed arrays, an ArrayBuffer, a number[], a string) are
 * rejected with ScsiCodecError ERR_UNEXPECTED_VALUE saying what they are; the length helpers
 * never return NaN. Every decoder is found by enumerating the package exports.
 */
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as arbs from '../../src/arbitraries/index.js';
import * as api from '../../src/index.js';
import { foreignUint8Array, uint8ArrayLookAlikes } from './hostile.js';

type Fn = (...args: unknown[]) => unknown;
const exported = Object.entries(api as unknown as Record<string, unknown>).filter(
  (e): e is [string, Fn] => typeof e[1] === 'function',
);
const decoders = exported.filter(([n]) => /^decode[A-Z]/.test(n));
const lengthHelpers = exported.filter(([n]) => /^required[A-Z]\w*Length$/.test(n));

/** Valid encodings for `decodeX`: `encodeX` applied to `arbX` samples. */
function encodingsFor(name: string): Uint8Array[] {
  const base = name.replace(/^decode/, '');
  const enc = (api as unknown as Record<string, unknown>)[`encode${base}`] as Fn | undefined;
  const arb = (arbs as unknown as Record<string, unknown>)[`arb${base}`] as (() => fc.Arbitrary<unknown>) | undefined;
  if (enc === undefined || arb === undefined) return [];
  return fc.sample(arb(), { numRuns: 20, seed: 17 }).map((v) => enc(v) as Uint8Array);
}

function codecError(fn: () => unknown): api.ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof api.ScsiCodecError) return e;
    throw new Error(`expected a ScsiCodecError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a ScsiCodecError, got a value');
}

describe('a Uint8Array from another realm is accepted by every decoder', () => {
  it('found the decoders by enumerating the exports', () => {
    expect(decoders.length).toBeGreaterThanOrEqual(45);
  });
  it('the vm array really is foreign', () => {
    const f = foreignUint8Array([1, 2]);
    expect(f instanceof Uint8Array).toBe(false);
    expect(ArrayBuffer.isView(f)).toBe(true);
  });
  for (const [name, decode] of decoders) {
    it(`${name}: a foreign Uint8Array decodes like a local one`, () => {
      const encodings = encodingsFor(name);
      for (const bytes of encodings) {
        const local = decode(bytes);
        expect(decode(foreignUint8Array(bytes))).toEqual(local);
        // Node's Buffer is a Uint8Array subclass: accepted too.
        expect(decode(Buffer.from(bytes))).toEqual(local);
      }
      // Without a sample encoding: a short foreign array gets the same answer as a local one.
      const short = new Uint8Array([0, 0, 0]);
      let localError: unknown;
      try {
        decode(short);
      } catch (e) {
        localError = e;
      }
      if (localError === undefined) expect(decode(foreignUint8Array(short))).toEqual(decode(short));
      else expect(codecError(() => decode(foreignUint8Array(short))).message).toBe((localError as Error).message);
    });
    it(`${name}: look-alikes are rejected with ERR_UNEXPECTED_VALUE`, () => {
      for (const fake of uint8ArrayLookAlikes(new Uint8Array(64))) {
        const e = codecError(() => decode(fake));
        expect(e.code).toBe('ERR_UNEXPECTED_VALUE');
        expect(e.detail).toMatch(/Uint8Array/);
      }
    });
  }
});

describe('length helpers never return NaN', () => {
  it('found the helpers', () => {
    expect(lengthHelpers.map(([n]) => n)).toContain('requiredSenseDataLength');
  });
  for (const [name, fn] of lengthHelpers) {
    it(`${name}: a number for genuine arrays of any realm, ScsiCodecError for anything else`, () => {
      const header = new Uint8Array([0x72, 0x05, 0x24, 0x00, 0x00, 0x00, 0x00, 0x0a, 0, 0, 0, 0]);
      const local = fn(header);
      expect(Number.isInteger(local)).toBe(true);
      expect(fn(foreignUint8Array(header))).toBe(local);
      for (const fake of [...uint8ArrayLookAlikes(header), undefined, null, {}, { length: 8 }]) {
        expect(codecError(() => fn(fake)).code).toBe('ERR_UNEXPECTED_VALUE');
      }
    });
  }
  it('requiredSenseDataLength of a prototype look-alike is an error, not NaN', () => {
    const fake = Object.setPrototypeOf({ length: 8, 7: 10 }, Uint8Array.prototype);
    expect(codecError(() => api.requiredSenseDataLength(fake)).code).toBe('ERR_UNEXPECTED_VALUE');
  });
});

describe('encoders accept foreign byte fields', () => {
  it('a ROD token body and sense additional bytes from another realm', () => {
    const [token] = fc.sample(arbs.arbRodToken(), { numRuns: 1, seed: 5 }) as [api.RodToken];
    const bytes = api.encodeRodToken(token);
    const decoded = api.decodeRodToken(foreignUint8Array(bytes));
    expect(api.encodeRodToken(decoded)).toEqual(bytes);
    const sense = api.buildInvalidFieldInCdbSense({ fieldPointer: 1, format: 'fixed' });
    if (sense.kind !== 'fixed') throw new Error('fixed expected');
    const withBytes = { ...sense, additionalSenseBytes: foreignUint8Array([1, 2, 3]) };
    expect(api.encodeSenseData(withBytes).slice(18)).toEqual(new Uint8Array([1, 2, 3]));
    const e = codecError(() =>
      api.encodeSenseData({ ...sense, additionalSenseBytes: new Proxy(new Uint8Array(3), {}) as Uint8Array }),
    );
    expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', 'additionalSenseBytes']);
  });
});
