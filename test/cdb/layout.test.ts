/**
 * The CDB layout tables against the codecs: every bit of every CDB belongs to exactly one field of
 * its table, the decoder reads (and traces) each value field where the table says and returns
 * exactly the table's value fields, strict decoding rejects each reserved field of the table at
 * its offset, and the encoder writes each field where the table says.
 */
import { describe, expect, it } from 'vitest';
import { CDB_SPECS } from '../../src/cdb/cdb.js';
import type { CdbSpec } from '../../src/cdb/common.js';
import { decodeCdb, encodeCdb } from '../../src/cdb/index.js';
import { isScsiCodecError } from '../../src/errors.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import type { FieldLayout } from '../../src/internal/layout.js';

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous spec table
const SPECS: [string, CdbSpec<any>][] = Object.entries(CDB_SPECS);

/** The bits of byte `i` a field covers. */
function maskAt(f: FieldLayout, i: number): number {
  if (i < f.offset || i >= f.offset + f.width) return 0;
  if (f.kind === 'bit' || f.kind === 'bits')
    return (0xff >> (7 - (f.hi as number))) & ~((1 << (f.lo as number)) - 1) & 0xff;
  if (f.kind === 'reserved' && f.mask !== undefined) return f.mask;
  return 0xff;
}

/** The CDB with its codes set and every value field's bits all ones. */
function allOnes(spec: CdbSpec<{ kind: string }>): Uint8Array {
  const b = new Uint8Array(spec.layout.length);
  for (const f of spec.layout.fields) {
    if (f.kind === 'reserved') continue;
    for (let i = f.offset; i < f.offset + f.width; i++) b[i] = (b[i] as number) | maskAt(f, i);
  }
  b[0] = spec.operationCode;
  if (spec.serviceAction !== undefined) b[1] = ((b[1] as number) & ~0x1f) | spec.serviceAction;
  return b;
}

describe('CDB layout tables', () => {
  it('has one entry per modelled command, decodeCdb dispatching each by its codes', () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(29);
    for (const [kind, spec] of SPECS) {
      expect(spec.kind).toBe(kind);
      expect(decodeCdb(allOnes(spec)).kind).toBe(kind);
    }
  });

  it.each(SPECS)('%s: every bit belongs to exactly one field', (_kind, spec) => {
    for (let i = 0; i < spec.layout.length; i++) {
      let covered = 0;
      for (const f of spec.layout.fields) {
        const m = maskAt(f, i);
        expect(covered & m, `${spec.layout.structure} byte ${i}: ${f.name} overlaps`).toBe(0);
        covered |= m;
      }
      expect(covered, `${spec.layout.structure} byte ${i} has bits in no field`).toBe(0xff);
    }
  });

  it.each(SPECS)('%s: the decoder reads and traces each value field where the table says', (kind, spec) => {
    const bytes = allOnes(spec);
    const trace: TraceEntry[] = [];
    const decoded = spec.decode(bytes, { trace }) as Record<string, unknown>;
    const values = spec.layout.fields.filter((f) => f.kind !== 'reserved' && f.fixed === undefined);
    expect(Object.keys(decoded).sort()).toEqual(['kind', ...values.map((f) => f.name)].sort());
    expect(decoded['kind']).toBe(kind);
    for (const f of values) {
      const t = trace.find((x) => x.field === f.name);
      expect(t, `${f.name} not traced`).toBeDefined();
      expect(t?.offset).toBe(f.offset);
      expect(t?.length).toBe(f.kind === 'bit' || f.kind === 'bits' ? 1 : f.width);
      if (f.kind === 'bit' || f.kind === 'bits') expect(t?.bits).toEqual([f.hi, f.lo]);
    }
    expect(encodeCdb(decoded as never)).toEqual(bytes);
  });

  it.each(SPECS)('%s: strict decoding rejects each reserved field of the table at its offset', (_kind, spec) => {
    const base = allOnes(spec);
    for (const f of spec.layout.fields.filter((x) => x.kind === 'reserved' && x.obsolete !== true)) {
      for (let i = f.offset; i < f.offset + f.width; i++) {
        const b = base.slice();
        const m = maskAt(f, i);
        b[i] = (b[i] as number) | (m & -m); // lowest reserved bit of the byte
        let err: unknown;
        try {
          spec.decode(b, { strict: true });
        } catch (e) {
          err = e;
        }
        expect(isScsiCodecError(err) && [err.code, err.offset]).toEqual(['ERR_RESERVED_NONZERO', i]);
        expect(() => spec.decode(b)).not.toThrow();
      }
    }
  });

  it.each(SPECS)('%s: the encoder writes each value field into its bits only', (_kind, spec) => {
    const zero = allOnes(spec);
    const values = spec.layout.fields.filter((f) => f.kind !== 'reserved' && f.fixed === undefined);
    for (const f of values) {
      for (let i = f.offset; i < f.offset + f.width; i++) zero[i] = (zero[i] as number) & ~maskAt(f, i);
    }
    const decodedZero = spec.decode(zero) as Record<string, unknown>;
    for (const f of values) {
      const one = zero.slice();
      for (let i = f.offset; i < f.offset + f.width; i++) one[i] = (one[i] as number) | maskAt(f, i);
      const v = { ...decodedZero, [f.name]: (spec.decode(one) as Record<string, unknown>)[f.name] };
      // a cross-field rule (INQUIRY: PAGE CODE only with EVPD) may refuse this one-field value
      if (spec.check !== undefined && (spec.decode(one, {}) as { issues?: unknown }).issues !== undefined) continue;
      expect(encodeCdb(v as never), f.name).toEqual(one);
    }
  });
});
