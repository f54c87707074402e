/**
 * SAM STATUS codes (one byte), as carried e.g. in the forwarded sense data descriptor's
 * FORWARDED STATUS and RRTI's EXTENDED COPY COMPLETION STATUS.
 *
 * @see SAM-5 status codes table
 * @remarks Since 0.1.0
 */
import { inputFault } from '../internal/contract.js';
export const SAM_STATUS = {
  GOOD: 0x00,
  CHECK_CONDITION: 0x02,
  CONDITION_MET: 0x04,
  BUSY: 0x08,
  /** Obsolete. */
  INTERMEDIATE: 0x10,
  /** Obsolete. */
  INTERMEDIATE_CONDITION_MET: 0x14,
  RESERVATION_CONFLICT: 0x18,
  /** Obsolete. */
  COMMAND_TERMINATED: 0x22,
  TASK_SET_FULL: 0x28,
  ACA_ACTIVE: 0x30,
  TASK_ABORTED: 0x40,
} as const;

/** One of the {@link SAM_STATUS} values. @remarks Since 0.1.0 */
export type SamStatus = (typeof SAM_STATUS)[keyof typeof SAM_STATUS];

const SAM_STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'GOOD'],
  [0x02, 'CHECK CONDITION'],
  [0x04, 'CONDITION MET'],
  [0x08, 'BUSY'],
  [0x10, 'INTERMEDIATE (OBSOLETE)'],
  [0x14, 'INTERMEDIATE-CONDITION MET (OBSOLETE)'],
  [0x18, 'RESERVATION CONFLICT'],
  [0x22, 'COMMAND TERMINATED (OBSOLETE)'],
  [0x28, 'TASK SET FULL'],
  [0x30, 'ACA ACTIVE'],
  [0x40, 'TASK ABORTED'],
]);

/**
 * T10 name of a SAM status code, e.g. `samStatusName(2)` → `'CHECK CONDITION'`; `undefined` for
 * reserved codes.
 *
 * @see SAM-5 status codes table
 * @remarks Since 0.1.0
 */
export function samStatusName(status: number): string | undefined {
  try {
    return SAM_STATUS_NAMES.get(status);
  } catch (e) {
    throw inputFault(e, 'samStatusName', [status], 'ERR_FIELD_RANGE');
  }
}
