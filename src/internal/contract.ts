/**
 * The input contract shared by every public function: on any JavaScript value a decoder or encoder
 * returns or throws {@link ScsiCodecError}. Helpers here recognise a genuine `Uint8Array` of any
 * realm, check container shapes, and turn an error thrown by the caller's own code (a getter, a
 * Proxy trap) into a `ScsiCodecError` whose `cause` is that error.
 *
 * @internal
 */
import { ScsiCodecError, type ScsiCodecErrorCode } from '../errors.js';

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
function intrinsicGetter(key: PropertyKey): (this: unknown) => unknown {
  return Object.getOwnPropertyDescriptor(TypedArrayPrototype, key)?.get as (this: unknown) => unknown;
}
/**
 * %TypedArray%.prototype[@@toStringTag], length, buffer, byteOffset: they read internal slots, so
 * they work on typed arrays of every realm, invoke no user code (a Proxy has no slot: the tag
 * getter gives `undefined`) and ignore a tampered prototype.
 */
const tagOf = intrinsicGetter(Symbol.toStringTag);
const lengthOf = intrinsicGetter('length');
const bufferOf = intrinsicGetter('buffer');
const byteOffsetOf = intrinsicGetter('byteOffset');

/**
 * True if `v` is a genuine `Uint8Array` (or a subclass such as Node's `Buffer`) of any realm: a
 * `node:vm` context, an iframe, a test environment. Checked by `ArrayBuffer.isView` and the
 * typed-array tag read from the internal slot, never by `instanceof` (which a Proxy or an object
 * made with `Object.create(Uint8Array.prototype)` passes, and a foreign realm's array fails).
 *
 * @internal
 */
export function isUint8Array(v: unknown): v is Uint8Array {
  return ArrayBuffer.isView(v) && tagOf.call(v) === 'Uint8Array';
}

/**
 * `v` as a `Uint8Array` of this realm with this realm's prototype (the same object when it already
 * is one; otherwise a view of the same memory, never a copy), or `undefined` if `v` is not a
 * genuine `Uint8Array` (see {@link isUint8Array}).
 *
 * @internal
 */
export function asUint8Array(v: unknown): Uint8Array | undefined {
  if (!isUint8Array(v)) return undefined;
  if (Object.getPrototypeOf(v) === Uint8Array.prototype) return v;
  try {
    return new Uint8Array(bufferOf.call(v) as ArrayBuffer, byteOffsetOf.call(v) as number, lengthOf.call(v) as number);
  } catch {
    return undefined; // a detached buffer
  }
}

/**
 * What a non-byte-array value is, for error messages, without running any of its code.
 *
 * @internal
 */
export function notBytes(v: unknown): string {
  if (ArrayBuffer.isView(v)) {
    const tag = tagOf.call(v);
    // A Uint8Array `asUint8Array` refused: one of another prototype whose buffer is detached.
    if (tag === 'Uint8Array') return 'a Uint8Array over a detached ArrayBuffer';
    return `a ${typeof tag === 'string' ? tag : 'DataView'}, not a Uint8Array`;
  }
  return 'not a Uint8Array';
}

/**
 * `v` if it is an array (a Proxy of an array counts) with at most `max` elements, else
 * ERR_FIELD_RANGE naming `field`. Checked before any element is read, so a sparse array claiming
 * 2^32 - 1 elements is rejected at once.
 *
 * @internal
 */
export function arrayField<T>(
  structure: string,
  field: string,
  offset: number,
  v: readonly T[] | undefined,
  max: number,
): readonly T[] {
  if (!Array.isArray(v)) throw new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, 'not an array');
  if (v.length > max) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, `${v.length} elements; at most ${max}`);
  }
  return v;
}

/**
 * `v` if it is a non-null object (an element of a list, a nested structure), else ERR_FIELD_RANGE
 * naming `field`.
 *
 * @internal
 */
export function objectField<T>(structure: string, field: string, offset: number, v: T): NonNullable<T> {
  if (typeof v !== 'object' || v === null) {
    throw new ScsiCodecError(
      'ERR_FIELD_RANGE',
      structure,
      field,
      offset,
      `${v === null ? 'null' : typeof v} is not an object`,
    );
  }
  return v as NonNullable<T>;
}

/** Where reading the caller's value threw: the path walked and the field to name. */
interface ThrowingRead {
  readonly path: string;
  readonly field: string | undefined;
  /** What the read threw (the caller's own error). */
  readonly error: unknown;
}

const PROBE = Symbol('scsi-odx probe');
const MAX_NODES = 10_000;

/**
 * Find the property read of `root` that throws (a throwing getter, a Proxy trap), walking own
 * properties depth first (bounded). `root` is the argument list; indices name no field.
 */
function findThrowingRead(root: readonly unknown[]): ThrowingRead | undefined {
  const seen = new Set<object>();
  let nodes = 0;
  const walk = (v: unknown, path: string, field: string | undefined, depth: number): ThrowingRead | undefined => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return undefined;
    if (++nodes > MAX_NODES || depth > 64) return undefined;
    seen.add(v);
    if (isUint8Array(v)) return undefined;
    let keys: (string | symbol)[];
    try {
      Reflect.getPrototypeOf(v);
      Reflect.get(v, PROBE);
      keys = Reflect.ownKeys(v);
    } catch (error) {
      return { path: path === '' ? 'the value' : path, field, error };
    }
    for (const k of keys) {
      const name = typeof k === 'symbol' ? k.toString() : k;
      const isIndex = Array.isArray(v) && typeof k === 'string' && /^\d+$/.test(k);
      const p = isIndex ? `${path}[${name}]` : path === '' ? name : `${path}.${name}`;
      const f = isIndex || typeof k === 'symbol' ? field : k;
      let child: unknown;
      try {
        child = Reflect.get(v, k);
      } catch (error) {
        return { path: p, field: f, error };
      }
      const found = walk(child, p, f, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (let i = 0; i < root.length; i++) {
    const found = walk(root[i], root.length === 1 ? '' : `argument ${i + 1}`, undefined, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The error a public function throws for `e`, caught while it worked on `args`: a
 * {@link ScsiCodecError} unchanged; anything else (thrown by the caller's own code: a getter, a
 * Proxy trap) as a ScsiCodecError with code `code`, the field whose read threw (found by walking
 * `args` again, only on this error path) and `cause` = what that read threw.
 *
 * @internal
 */
export function inputFault(
  e: unknown,
  structure: string,
  args: readonly unknown[],
  code: ScsiCodecErrorCode = 'ERR_FIELD_RANGE',
): ScsiCodecError {
  if (e instanceof ScsiCodecError) return e;
  const where = findThrowingRead(args);
  if (where === undefined) {
    // Not the caller's code: a value of the wrong shape (e.g. `undefined` for the whole structure)
    // made our own code fail before any field check could name it.
    return new ScsiCodecError(code, structure, undefined, 0, `not a well-formed ${structure}`);
  }
  return new ScsiCodecError(
    code,
    structure,
    where.field,
    0,
    `reading ${where.path} threw an error of its own (see cause)`,
    { cause: where.error },
  );
}

/**
 * `v` if it is an array of at most `max` non-null objects (see {@link arrayField},
 * {@link objectField}), else ERR_FIELD_RANGE naming `field`.
 *
 * @internal
 */
export function objectList<T>(
  structure: string,
  field: string,
  offset: number,
  v: readonly T[] | undefined,
  max: number,
): readonly NonNullable<T>[] {
  const list = arrayField(structure, field, offset, v, max);
  for (let i = 0; i < list.length; i++) objectField(structure, field, offset, list[i]);
  return list as readonly NonNullable<T>[];
}

/**
 * `table[key]` if `key` is a string naming an own entry of `table`, else `undefined`: a
 * discriminant looked up without converting an object to a property key (its `toString` could
 * throw) and without reaching `Object.prototype` (`'toString'`, `'__proto__'`).
 *
 * @internal
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
