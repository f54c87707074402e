/**
 * SENSE KEY values (4 bits).
 *
 * @see SPC-5 sense key descriptions table
 * @remarks Since 0.1.0
 */
import { inputFault } from '../internal/contract.js';
export const SENSE_KEY = {
  NO_SENSE: 0x0,
  RECOVERED_ERROR: 0x1,
  NOT_READY: 0x2,
  MEDIUM_ERROR: 0x3,
  HARDWARE_ERROR: 0x4,
  ILLEGAL_REQUEST: 0x5,
  UNIT_ATTENTION: 0x6,
  DATA_PROTECT: 0x7,
  BLANK_CHECK: 0x8,
  VENDOR_SPECIFIC: 0x9,
  COPY_ABORTED: 0xa,
  ABORTED_COMMAND: 0xb,
  /** Obsolete (was EQUAL). */
  EQUAL: 0xc,
  VOLUME_OVERFLOW: 0xd,
  MISCOMPARE: 0xe,
  COMPLETED: 0xf,
} as const;

/** One of the {@link SENSE_KEY} values. @remarks Since 0.1.0 */
export type SenseKey = (typeof SENSE_KEY)[keyof typeof SENSE_KEY];

const SENSE_KEY_NAMES: readonly string[] = [
  'NO SENSE',
  'RECOVERED ERROR',
  'NOT READY',
  'MEDIUM ERROR',
  'HARDWARE ERROR',
  'ILLEGAL REQUEST',
  'UNIT ATTENTION',
  'DATA PROTECT',
  'BLANK CHECK',
  'VENDOR SPECIFIC',
  'COPY ABORTED',
  'ABORTED COMMAND',
  'EQUAL (OBSOLETE)',
  'VOLUME OVERFLOW',
  'MISCOMPARE',
  'COMPLETED',
];

/**
 * T10 name of a sense key, e.g. `senseKeyName(5)` → `'ILLEGAL REQUEST'`; `undefined` outside 0..15.
 *
 * @see SPC-5 sense key descriptions table
 * @remarks Since 0.1.0
 */
export function senseKeyName(senseKey: number): string | undefined {
  try {
    return Number.isInteger(senseKey) ? SENSE_KEY_NAMES[senseKey] : undefined;
  } catch (e) {
    throw inputFault(e, 'senseKeyName', [senseKey], 'ERR_FIELD_RANGE');
  }
}
