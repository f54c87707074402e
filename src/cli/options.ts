/** Option values shared by the commands: kinds, integers, byte counts. */
import { UsageError } from './exit.js';
import { isKind, KINDS, type Kind } from './kinds.js';

/** A `--as` / `--kind` value: one of the kinds. */
export function kindOption(value: string | undefined, option: string): Kind | undefined {
  if (value === undefined) return undefined;
  if (!isKind(value)) throw new UsageError(`${option} ${value}: unknown kind (one of: ${KINDS.join(', ')})`);
  return value;
}

/** A required decimal integer in `min..max`. */
export function intOption(v: string | undefined, name: string, min: number, max: number): number {
  if (v === undefined) throw new UsageError(`corpus needs ${name}`);
  if (!/^-?\d+$/.test(v)) throw new UsageError(`${name} ${v}: not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${name} ${v}: out of range ${min}..${max}`);
  return n;
}

/** A byte count or offset: decimal or 0x hex. */
export function byteCountOption(v: string, name: string): number {
  if (!/^(0[xX][0-9a-fA-F]+|\d+)$/.test(v)) throw new UsageError(`${name} ${v}: not a byte count (decimal or 0x hex)`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${name} ${v}: too large`);
  return n;
}
