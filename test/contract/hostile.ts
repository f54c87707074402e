/**
 * Hostile JavaScript values for the input-contract tests: everything an untyped caller, a JSON
 * document or an attacker-controlled object graph can hand a public function.
 */

import { runInNewContext } from 'node:vm';
import { fc } from '@fast-check/vitest';

/** What our throwing getters and Proxy traps throw: a wrapped error's `cause` must be one of these. */
export class HostileError extends Error {
  override readonly name = 'HostileError';
}

/** A Proxy whose every trap throws a {@link HostileError}. */
export function throwingProxy(target: object = {}): object {
  const boom = (): never => {
    throw new HostileError('trap');
  };
  return new Proxy(target, {
    get: boom,
    has: boom,
    ownKeys: boom,
    getOwnPropertyDescriptor: boom,
    getPrototypeOf: boom,
    set: boom,
    defineProperty: boom,
    apply: boom,
  });
}

/** `target` with its property `key` replaced by a getter that throws a {@link HostileError}. */
export function withThrowingGetter(target: object, key: PropertyKey): object {
  const o = Array.isArray(target) ? [...target] : { ...(target as Record<PropertyKey, unknown>) };
  Object.defineProperty(o, key, {
    enumerable: true,
    get() {
      throw new HostileError(`getter ${String(key)}`);
    },
  });
  return o;
}

/** Deep-freeze a plain value (typed arrays cannot be frozen and are left alone). */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v)) {
    for (const k of Reflect.ownKeys(v)) deepFreeze((v as Record<PropertyKey, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

/** A genuine Uint8Array made in another realm (a `node:vm` context). */
export function foreignUint8Array(bytes: ArrayLike<number>): Uint8Array {
  return runInNewContext('Uint8Array.from(src)', { src: Array.from(bytes) }) as Uint8Array;
}

/** Byte-array look-alikes that are not a Uint8Array of any realm. */
export function uint8ArrayLookAlikes(bytes: Uint8Array): unknown[] {
  const copy = bytes.slice();
  return [
    new Proxy(copy, {}),
    Object.create(Uint8Array.prototype),
    Object.setPrototypeOf({ length: copy.length, byteLength: copy.length, 0: 1 }, Uint8Array.prototype),
    new DataView(copy.buffer),
    new Uint16Array(copy.length),
    new Int8Array(copy.length),
    new Uint8ClampedArray(copy.length),
    copy.buffer,
    Array.from(copy),
    String.fromCharCode(...copy),
  ];
}

/** A sparse array claiming 2^32 - 1 elements (no element present). */
export function hugeSparseArray(): unknown[] {
  const a: unknown[] = [];
  a.length = 2 ** 32 - 1;
  return a;
}

/** Single hostile leaf values (no sample needed). */
export const HOSTILE_LEAVES: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  () => -1,
  () => 0.5,
  () => 2 ** 53,
  () => 1e300,
  () => '5',
  () => '',
  () => '0x10',
  () => 5n,
  () => -1n,
  () => 2n ** 200n,
  () => Symbol('hostile'),
  () => Symbol.iterator,
  () => true,
  () => ({}),
  () => [],
  () => [null],
  () => [undefined],
  () => [Symbol('x')],
  () => hugeSparseArray(),
  () => new Array(100_000).fill(0),
  () => () => 1,
  () => new Date(0),
  () => new Map(),
  () => /x/,
  () => new Uint8Array(3),
  () => foreignUint8Array([1, 2, 3]),
  () => Object.create(null),
  () => Object.create(Uint8Array.prototype),
  () => new Proxy(new Uint8Array(4), {}),
  () => new DataView(new ArrayBuffer(4)),
  () => new Uint16Array(2),
  () => new ArrayBuffer(4),
  () => throwingProxy(),
  () => throwingProxy([]),
  () => withThrowingGetter({}, 'length'),
  () => ({ toString: 1, valueOf: 1 }),
  () => ({
    toString() {
      throw new HostileError('toString');
    },
    [Symbol.toPrimitive]() {
      throw new HostileError('toPrimitive');
    },
  }),
];

/**
 * An arbitrary maker of a hostile leaf (made only when used: fast-check inspects generated values,
 * which would spring the traps).
 */
export const arbHostileLeaf: fc.Arbitrary<() => unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_LEAVES),
  fc
    .anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true })
    .map((v) => () => v),
);

type Path = readonly PropertyKey[];

/** Every path to a property of `v` (objects and arrays, not into byte arrays), root first. */
export function pathsOf(v: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix);
  if (depth > 12 || typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return out;
  for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...prefix, k], out, depth + 1);
  return out;
}

function cloneShallow(v: object): Record<PropertyKey, unknown> {
  return Array.isArray(v) ? ([...v] as unknown as Record<PropertyKey, unknown>) : { ...v };
}

/** `root` with the value at `path` replaced by `make(old)` (containers on the path are copied). */
export function replaceAt(root: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(root);
  const [k, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  const copy = cloneShallow(root as object);
  copy[k] = replaceAt(copy[k], rest, make);
  return copy;
}

/** `root` with the property at `path` deleted. */
export function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1] as PropertyKey;
  return replaceAt(root, parent, (p) => {
    if (typeof p !== 'object' || p === null) return p;
    const c = cloneShallow(p);
    delete c[key];
    return c;
  });
}

/** How a sample is corrupted at a path. */
export type Corruption =
  | { readonly kind: 'replace'; readonly leaf: () => unknown }
  | { readonly kind: 'delete' }
  | { readonly kind: 'swapNumeric' }
  | { readonly kind: 'stringify' }
  | { readonly kind: 'throwingGetter' }
  | { readonly kind: 'throwingProxy' }
  | { readonly kind: 'transparentProxy' }
  | { readonly kind: 'freeze' };

export const arbCorruption: fc.Arbitrary<Corruption> = fc.oneof(
  { weight: 4, arbitrary: arbHostileLeaf.map((leaf) => ({ kind: 'replace' as const, leaf })) },
  fc.constantFrom<Corruption>(
    { kind: 'delete' },
    { kind: 'swapNumeric' },
    { kind: 'stringify' },
    { kind: 'throwingGetter' },
    { kind: 'throwingProxy' },
    { kind: 'transparentProxy' },
    { kind: 'freeze' },
  ),
);

/** Whether a corruption can make user code throw (so a wrapped `cause` is expected). */
export function mayThrowItself(c: Corruption): boolean {
  return c.kind === 'throwingGetter' || c.kind === 'throwingProxy' || c.kind === 'replace';
}

/** Apply `c` to `sample` at `path`. */
export function corrupt(sample: unknown, path: Path, c: Corruption): unknown {
  switch (c.kind) {
    case 'replace':
      return replaceAt(sample, path, () => c.leaf());
    case 'delete':
      return deleteAt(sample, path);
    case 'swapNumeric':
      return replaceAt(sample, path, (v) =>
        typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : typeof v === 'bigint' ? Number(v) : v,
      );
    case 'stringify':
      return replaceAt(sample, path, (v) =>
        typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : v,
      );
    case 'throwingGetter': {
      // A whole argument: a getter on the argument list would throw in the caller's spread.
      if (path.length <= 1) return replaceAt(sample, path, () => throwingProxy());
      const parent = path.slice(0, -1);
      const key = path[path.length - 1] as PropertyKey;
      return replaceAt(sample, parent, (p) => (typeof p === 'object' && p !== null ? withThrowingGetter(p, key) : p));
    }
    case 'throwingProxy':
      return replaceAt(sample, path, (v) => (typeof v === 'object' && v !== null ? throwingProxy(v) : v));
    case 'transparentProxy':
      return replaceAt(sample, path, (v) =>
        typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) ? new Proxy(v, {}) : v,
      );
    case 'freeze':
      return replaceAt(sample, path, (v) => deepFreeze(structuredCloneSafe(v)));
  }
}

function structuredCloneSafe(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}
