/**
 * What the near-miss generators share: the draft of a case before its detection and expected
 * answers are filled in, and the byte helpers the mutations use.
 *
 * @packageDocumentation
 * @internal
 */
import fc from 'fast-check';
import type { StructureLayout } from '../internal/layout.js';
import type { CasePointer } from './rule-expectations.js';

/** A mutated request: its bytes, the rule it breaks and where (before `finish` in `near-miss.ts`). */
export interface Draft {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly dataOut?: Uint8Array<ArrayBuffer>;
  readonly mutation: string;
  readonly detail: string;
  readonly rule: string;
  readonly at?: CasePointer;
}

/** Most significant set bit of a non-zero byte. */
export function msb(v: number): number {
  return 31 - Math.clz32(v);
}

/** A byte other than 0, biased to 01h, 80h and FFh. */
export const nonZeroByte = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(1, 0x80, 0xff), fc.integer({ min: 1, max: 255 }));

export function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** A copy of `b` with byte `off` set to `v`. */
export function withByte(b: Uint8Array<ArrayBuffer>, off: number, v: number): Uint8Array<ArrayBuffer> {
  const out = b.slice();
  out[off] = v;
  return out;
}

/** Reserved bits of single-byte fields with a mask ([byte, bit]) and whole reserved bytes. */
export interface ReservedPositions {
  readonly reservedBits: readonly (readonly [number, number])[];
  readonly reservedBytes: readonly number[];
}

/** Reserved bits and bytes of a layout (`kind: 'reserved'` fields). */
export function reservedOf(layout: StructureLayout): ReservedPositions {
  const bits: [number, number][] = [];
  const bytes: number[] = [];
  for (const f of layout.fields) {
    if (f.kind !== 'reserved') continue;
    if (f.width === 1 && f.mask !== undefined) {
      for (let bit = 0; bit < 8; bit++) if ((f.mask & (1 << bit)) !== 0) bits.push([f.offset, bit]);
    } else for (let i = 0; i < f.width; i++) bytes.push(f.offset + i);
  }
  return { reservedBits: bits, reservedBytes: bytes };
}
