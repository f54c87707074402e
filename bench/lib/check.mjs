/**
 * Honesty checks for the floors: a decoder floor must produce the same field values (same count,
 * same types: bigint where the decoder has bigint, a Uint8Array copy where it has one) as the
 * decoder; an encoder floor must produce byte-identical output. Run once per benchmark before
 * timing; a failing check is shown in the table.
 */

const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');

function key(v) {
  switch (typeof v) {
    case 'number':
      return `n:${v}`;
    case 'bigint':
      return `b:${v}`;
    case 'boolean':
      return `t:${v}`;
    default:
      return v instanceof Uint8Array ? `u:${hex(v)}` : undefined;
  }
}

/**
 * The decoded values of a decoder result: numbers, bigints, booleans and byte arrays, in any
 * depth. Strings are skipped (they are the union discriminants, `kind`, constants rather than fields read from the bytes), and so is `issues`.
 */
export function leaves(value, out = []) {
  if (value === null || value === undefined) return out;
  const k = key(value);
  if (k !== undefined) {
    out.push(k);
    return out;
  }
  if (Array.isArray(value)) {
    for (const x of value) leaves(x, out);
    return out;
  }
  if (typeof value === 'object') {
    for (const [name, x] of Object.entries(value)) {
      if (name === 'issues') continue;
      leaves(x, out);
    }
  }
  return out;
}

/**
 * Compare a decoder result with a floor's output (the floor writes its fields into `o[0..n)` and
 * returns n). Returns undefined when they agree, else a short description.
 */
export function checkDecodeFloor(decoded, floor, input) {
  if (decoded?.issues !== undefined && decoded.issues.length > 0) {
    return `fixture decodes with issues: ${decoded.issues.map((i) => i.message).join('; ')}`;
  }
  const o = [];
  const n = floor(input, o);
  const want = leaves(decoded).sort();
  const got = o.slice(0, n).map(key).sort();
  if (want.length !== got.length) return `floor reads ${got.length} fields, decoder returns ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (want[i] !== got[i]) return `field values differ: decoder ${want[i]} vs floor ${got[i]}`;
  }
  return undefined;
}

/** Compare two byte arrays; undefined when equal. */
export function checkBytes(a, b, what = 'bytes') {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return `${what}: not Uint8Array`;
  if (a.length !== b.length) return `${what}: length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `${what}: differ at byte ${i}`;
  return undefined;
}

export { hex };
