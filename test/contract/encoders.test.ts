/**
 * The input contract of every public function, enumerated from the package exports (a new export
 * is covered without editing this file): on ANY JavaScript value an encoder returns bytes or throws
 * ScsiCodecError ERR_FIELD_RANGE naming the field, a builder returns sense data or throws the same,
 * and every other exported function returns or throws ScsiCodecError. Errors thrown by the caller's
 * own code (a throwing getter, a Proxy trap) come back wrapped, as the `cause` of a ScsiCodecError.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as arbs from '../../src/arbitraries/index.js';
import * as api from '../../src/index.js';
import {
  arbCorruption,
  type Corruption,
  corrupt,
  deepFreeze,
  HOSTILE_LEAVES,
  HostileError,
  hugeSparseArray,
  pathsOf,
  throwingProxy,
  withThrowingGetter,
} from './hostile.js';

type Fn = (...args: unknown[]) => unknown;

const exported = Object.entries(api as unknown as Record<string, unknown>).filter(
  (e): e is [string, Fn] => typeof e[1] === 'function' && e[0] !== 'ScsiCodecError',
);

/** Encoders whose first argument is a byte array (a Proxy there is rejected without reading it). */
const BYTES_FIRST: ReadonlySet<string> = new Set(['encodeIscsiSenseSegment']);

/** Valid argument lists of the encoders and builders that have no `arb<Name>` arbitrary. */
const EXTRA_SAMPLES: Record<string, fc.Arbitrary<unknown[]>> = {
  buildSenseData: fc.constant([{ senseKey: 5, asc: 0x24, ascq: 0, fieldPointer: 3 }]),
  buildInvalidTokenOperationSense: fc.constant(['TOKEN_EXPIRED', { fieldPointer: 4, bitPointer: 2 }]),
  buildCopyTargetDeviceDataUnderrunSense: fc.constant([512n, { kind: 'descriptor' }]),
  buildInsufficientResourcesToCreateRodSense: fc.constant([{ senseKey: 5 }]),
  buildInsufficientResourcesToCreateRodTokenSense: fc.constant([{ senseKey: 5 }]),
  buildInvalidFieldInParameterListSense: fc.constant([{ fieldPointer: 16, bitPointer: 7 }]),
  buildInvalidFieldInCdbSense: fc.constant([{ fieldPointer: 2 }]),
  buildParameterListLengthErrorSense: fc.constant([{ kind: 'fixed' }]),
  buildLbaOutOfRangeSense: fc.constant([{ information: 7n }]),
  buildInvalidCommandOperationCodeSense: fc.constant([{}]),
  buildOperationInProgressSense: fc.constant([{}]),
  encodeIscsiTextKeys: arbs.arbIscsiTextPairs().map((pairs) => [pairs]),
  encodeIscsiSenseSegment: fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 16 })),
};

/** The valid argument lists of an encoder or builder: `arbX` for `encodeX`, else EXTRA_SAMPLES. */
function samplesOf(name: string): fc.Arbitrary<unknown[]> | undefined {
  if (name in EXTRA_SAMPLES) return EXTRA_SAMPLES[name];
  const arb = (arbs as unknown as Record<string, unknown>)[`arb${name.replace(/^encode/, '')}`];
  return typeof arb === 'function' ? (arb as () => fc.Arbitrary<unknown>)().map((v) => [v]) : undefined;
}

const encoders = exported.filter(([n]) => /^(encode|build)[A-Z]/.test(n) && n !== 'encodedThirdPartyCopyVpdPageLength');

function describeValue(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'symbol' ? e.toString() : String(e);
}

/** Call `fn`; if it throws, the error must be a ScsiCodecError. Returns it (or undefined). */
function contractCall(name: string, fn: Fn, args: unknown[]): { value?: unknown; error?: api.ScsiCodecError } {
  try {
    return { value: fn(...args) };
  } catch (e) {
    if (!(e instanceof api.ScsiCodecError)) {
      throw new Error(`${name} let ${describeValue(e)} escape`, { cause: e });
    }
    if (e.cause !== undefined && !(e.cause instanceof HostileError)) {
      throw new Error(`${name} wrapped an error that is not the caller's: ${describeValue(e.cause)}`, { cause: e });
    }
    return { error: e };
  }
}

/** The encoder contract for `args` (a corruption of valid `base` args at `path` by `c`). */
function checkEncoder(name: string, fn: Fn, base: unknown[], path: readonly PropertyKey[], c: Corruption): void {
  const args = corrupt(base, path, c) as unknown[];
  const { value, error } = contractCall(name, fn, args);
  if (error !== undefined) {
    expect(error.code, `${name}: ${error.message}`).toBe('ERR_FIELD_RANGE');
    // Only a whole argument replaced by something that is not an object may leave the field unnamed.
    if (path.length > 1) expect(error.field, `${name}: ${error.message}`).toBeDefined();
    return;
  }
  if (c.kind === 'transparentProxy' || c.kind === 'freeze') {
    // Same data, other object identity or mutability: same result as the valid arguments.
    expect(value).toEqual(fn(...base));
  }
  if (name.startsWith('encode')) expect(value).toBeInstanceOf(Uint8Array);
  else expect(typeof value).toBe('object');
}

describe('every public encoder and builder keeps the contract on hostile shapes', () => {
  it('found the encoders by enumerating the exports, each with valid samples', () => {
    expect(encoders.length).toBeGreaterThanOrEqual(58);
    for (const [n] of encoders) expect(samplesOf(n), `no sample arguments for ${n}`).toBeDefined();
  });
  for (const [name, fn] of encoders) {
    const samples = samplesOf(name);
    if (samples === undefined) continue;
    const cases = samples.chain((args) =>
      fc.tuple(fc.constant(args), fc.constantFrom(...pathsOf(args).filter((p) => p.length > 0)), arbCorruption),
    );
    test.prop([cases], { numRuns: 120 })(`${name}: hostile shapes give a value or ERR_FIELD_RANGE`, ([args, p, c]) => {
      checkEncoder(name, fn, args, p, c);
    });
    it(`${name}: frozen, proxied and throwing-getter inputs`, () => {
      const [args] = fc.sample(samples, { numRuns: 1, seed: 1 }) as [unknown[]];
      expect(fn(...deepFreeze(structuredClone(args)))).toEqual(fn(...args));
      const getter = contractCall(name, fn, [withThrowingGetter(args[0] as object, 'kind'), ...args.slice(1)]);
      if (getter.error !== undefined) expect(getter.error.code).toBe('ERR_FIELD_RANGE');
      const trap = contractCall(name, fn, [throwingProxy(), ...args.slice(1)]);
      if (BYTES_FIRST.has(name)) {
        // A Proxy is not a Uint8Array: rejected by its internal slots, without springing a trap.
        expect([trap.error?.code, trap.error?.cause]).toEqual(['ERR_FIELD_RANGE', undefined]);
      } else if (name.startsWith('encode')) {
        expect(trap.error?.cause).toBeInstanceOf(HostileError);
        expect(trap.error?.code).toBe('ERR_FIELD_RANGE');
      }
    });
  }
});

describe('every exported function returns or throws ScsiCodecError on any single argument', () => {
  for (const [name, fn] of exported) {
    it(name, () => {
      for (const make of HOSTILE_LEAVES) {
        contractCall(name, fn, [make()]);
        contractCall(name, fn, [make(), make()]);
      }
    });
  }
  test.prop([fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true }), fc.anything()], {
    numRuns: 30,
  })('fc.anything() as first and second argument of every exported function', (a, b) => {
    for (const [name, fn] of exported) contractCall(name, fn, [a, b]);
  });
});

describe('named cases from issue 17 finding 4', () => {
  const codec = (fn: () => unknown): api.ScsiCodecError => {
    const r = contractCall('case', fn, []);
    if (r.error === undefined) throw new Error('expected a ScsiCodecError');
    return r.error;
  };
  // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
  const bad = (v: unknown): any => v;
  const page = { kind: 'thirdPartyCopy', peripheralQualifier: 0, peripheralDeviceType: 0 };
  it('an 8Fh page without descriptors', () => {
    expect(codec(() => api.encodeThirdPartyCopyVpdPage(bad(page))).field).toBe('descriptors');
  });
  it('supportedPageCodes as a string', () => {
    const e = codec(() =>
      api.encodeSupportedVpdPagesVpdPage(
        bad({ kind: 'supportedVpdPages', peripheralQualifier: 0, peripheralDeviceType: 0, supportedPageCodes: '5' }),
      ),
    );
    expect(e.field).toBe('supportedPageCodes');
  });
  it('commands: [null] in a supported commands descriptor', () => {
    const e = codec(() => api.encodeThirdPartyCopyDescriptor(bad({ kind: 'supportedCommands', commands: [null] })));
    expect(e.field).toBe('commands');
  });
  it('sense descriptors: [undefined]', () => {
    const e = codec(() =>
      api.encodeSenseData(
        bad({
          kind: 'descriptor',
          responseCode: 0x72,
          senseKey: 5,
          additionalSenseCode: 0x24,
          additionalSenseCodeQualifier: 0,
          sdatOvfl: false,
          descriptors: [undefined],
        }),
      ),
    );
    expect(e.field).toBe('descriptors');
  });
  it('kind: Symbol() on per-command CDB encoders', () => {
    const e = codec(() => api.encodeTestUnitReadyCdb(bad({ kind: Symbol(), control: 0 })));
    expect(e.code).toBe('ERR_FIELD_RANGE');
    codec(() => api.encodeCdb(bad({ kind: Symbol(), control: 0 })));
  });
  it('a sparse array of 2^32 - 1 descriptors is rejected without walking it', () => {
    const e = codec(() => api.encodeThirdPartyCopyVpdPage(bad({ ...page, descriptors: hugeSparseArray() })));
    expect(e.field).toBe('descriptors');
  });
  it('a throwing getter comes back as the cause of ERR_FIELD_RANGE naming the field', () => {
    const sense = api.buildInvalidFieldInCdbSense({ fieldPointer: 1 });
    const e = codec(() => api.encodeSenseData(bad(withThrowingGetter(sense, 'senseKey'))));
    expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', 'senseKey']);
    expect(e.cause).toBeInstanceOf(HostileError);
  });
  it('-0 encodes as 0, NaN and Infinity are out of range', () => {
    expect(api.encodeTestUnitReadyCdb({ control: -0 })).toEqual(api.encodeTestUnitReadyCdb({ control: 0 }));
    for (const control of [Number.NaN, Number.POSITIVE_INFINITY, 0n])
      expect(codec(() => api.encodeTestUnitReadyCdb(bad({ control }))).field).toBe('control');
  });
});
