import { expect } from 'vitest';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';

export function hexBytes(s: string): Uint8Array {
  const clean = s.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

export interface ExpectedError {
  code: string;
  structure?: string;
  field?: string | undefined;
  offset?: number;
  bit?: number | undefined;
}

export function expectCodecError(fn: () => unknown, want: ExpectedError): ScsiCodecError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected a ScsiCodecError, nothing was thrown');
  expect(isScsiCodecError(thrown)).toBe(true);
  const err = thrown as ScsiCodecError;
  expect(err.code).toBe(want.code);
  if ('structure' in want) expect(err.structure).toBe(want.structure);
  if ('field' in want) expect(err.field).toBe(want.field);
  if ('offset' in want) expect(err.offset).toBe(want.offset);
  if ('bit' in want) expect(err.bit).toBe(want.bit);
  return err;
}
