/**
 * What a garbage collector could not free: walks every object reachable from a root through own
 * properties, Map/Set entries and array elements (not prototypes, not WeakMaps), counting objects
 * and the distinct ArrayBuffers typed arrays keep alive. Works on any version of the engine, so a
 * test written with it fails on the code before a memory fix.
 */
export interface Reach {
  /** Objects reachable (typed arrays and buffers included). */
  readonly objects: number;
  /** Bytes of the distinct ArrayBuffers reachable. */
  readonly bytes: number;
}

export function reach(root: unknown): Reach {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) continue;
    const o = v as object;
    if (seen.has(o)) continue;
    seen.add(o);
    if (typeof o === 'function' || o instanceof WeakMap || o instanceof WeakSet) continue;
    if (ArrayBuffer.isView(o)) {
      buffers.add(o.buffer);
      continue;
    }
    if (o instanceof ArrayBuffer) {
      buffers.add(o);
      continue;
    }
    if (o instanceof Map) {
      for (const [k, x] of o) stack.push(k, x);
      continue;
    }
    if (o instanceof Set) {
      for (const x of o) stack.push(x);
      continue;
    }
    for (const k of Object.getOwnPropertyNames(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d !== undefined && 'value' in d) stack.push(d.value);
    }
  }
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  return { objects: seen.size, bytes };
}
