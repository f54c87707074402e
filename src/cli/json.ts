/**
 * Decoded values <-> JSON.
 *
 * To JSON: bigint as a decimal string, Uint8Array as a lowercase hex string, everything else as
 * is (key names are the TypeScript field names). From JSON: a per-kind {@link JsonSchema} says
 * which paths hold bigint and which hold bytes; a JSON string at such a path is converted back,
 * every other value is kept. The schema is generated from the arbitraries and checked by
 * test/cli/json-schema.test.ts, so a new bigint or byte field cannot be missed silently.
 */

/** What a JSON string at a path stands for. */
export type JsonFieldType = 'bigint' | 'bytes';

/**
 * Path pattern -> type. Paths are field names joined by `.`, with `[]` for any array index,
 * e.g. `descriptors[].information`; `*.name` matches a field `name` at any depth (used when every
 * occurrence of the name has the same type, which also covers recursive structures).
 */
export type JsonSchema = Readonly<Record<string, JsonFieldType>>;

/** Thrown for JSON that cannot be turned back into a value; names the path. */
/** Deepest JSON nesting `encode` accepts (the deepest structure needs fewer than 10). */
export const MAX_JSON_DEPTH = 100;

export class JsonInputError extends Error {
  override readonly name = 'JsonInputError';
}

/** A decoded value as plain JSON data (bigint -> decimal string, bytes -> hex string). */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString(10);
  if (value instanceof Uint8Array) {
    let s = '';
    for (const b of value) s += b.toString(16).padStart(2, '0');
    return s;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

function lastKey(path: string): string {
  const i = path.lastIndexOf('.');
  return (i < 0 ? path : path.slice(i + 1)).replace(/\[\]$/, '');
}

/** Join a path pattern. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[]`;
  return path === '' ? key : `${path}.${key}`;
}

function hexToBytes(s: string, path: string): Uint8Array<ArrayBuffer> {
  const h = s.replace(/[\s:]/g, '').replace(/^0x/i, '');
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) {
    throw new JsonInputError(`${path}: expected a hex byte string, got ${JSON.stringify(s)}`);
  }
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** JSON data back to a value for an encoder, using the kind's schema. `issues` are dropped. */
export function fromJsonValue(json: unknown, schema: JsonSchema, path = '', depth = 0): unknown {
  // Real structures nest a few levels; a deeper document is refused before it exhausts the stack.
  if (depth > MAX_JSON_DEPTH) throw new JsonInputError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  const type = path === '' ? undefined : (schema[path] ?? schema[`*.${lastKey(path)}`]);
  if (typeof json === 'string' && type !== undefined) {
    if (type === 'bytes') return hexToBytes(json, path);
    if (!/^[0-9]+$/.test(json)) throw new JsonInputError(`${path}: expected a decimal integer string, got ${json}`);
    return BigInt(json);
  }
  if (Array.isArray(json)) {
    if (type === 'bytes' && json.every((x) => typeof x === 'number')) return Uint8Array.from(json as number[]);
    return json.map((x) => fromJsonValue(x, schema, childPath(path, 0), depth + 1));
  }
  if (json !== null && typeof json === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) {
      if (k === 'issues') continue;
      out[k] = fromJsonValue(v, schema, childPath(path, k), depth + 1);
    }
    return out;
  }
  return json;
}

/** Every bigint / Uint8Array / string path in a value (for schema generation and checks). */
export function collectPaths(value: unknown, into: Map<string, Set<'bigint' | 'bytes' | 'string'>>, path = ''): void {
  const add = (t: 'bigint' | 'bytes' | 'string'): void => {
    const set = into.get(path) ?? new Set();
    set.add(t);
    into.set(path, set);
  };
  if (typeof value === 'bigint') add('bigint');
  else if (value instanceof Uint8Array) add('bytes');
  else if (typeof value === 'string') add('string');
  else if (Array.isArray(value)) for (const x of value) collectPaths(x, into, childPath(path, 0));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'issues') collectPaths(v, into, childPath(path, k));
  }
}
