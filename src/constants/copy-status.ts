/**
 * COPY OPERATION STATUS and TRANSFER COUNT UNITS codes used in the third-party copy status data.
 *
 * @packageDocumentation
 */
import { inputFault } from '../internal/contract.js';

/**
 * COPY OPERATION STATUS (RRTI / RECEIVE COPY STATUS (LID4) byte 5 bits 6:0).
 *
 * @see SPC-5 "COPY OPERATION STATUS field" table
 * @remarks Since 0.1.0
 */
export const COPY_OPERATION_STATUS = {
  COMPLETED_WITHOUT_ERRORS: 0x01,
  COMPLETED_WITH_ERRORS: 0x02,
  /** SBC: completed without errors but with partial ROD token usage (Windows: "with residual data"). */
  COMPLETED_WITHOUT_ERRORS_PARTIAL_ROD_TOKEN_USAGE: 0x03,
  COMPLETED_WITHOUT_ERRORS_RESIDUAL_DATA: 0x04,
  IN_PROGRESS_UNKNOWN: 0x10,
  IN_PROGRESS_FOREGROUND: 0x11,
  IN_PROGRESS_BACKGROUND: 0x12,
  TERMINATED: 0x60,
} as const;

/** One of the {@link COPY_OPERATION_STATUS} values. @remarks Since 0.1.0 */
export type CopyOperationStatus = (typeof COPY_OPERATION_STATUS)[keyof typeof COPY_OPERATION_STATUS];

const COPY_OPERATION_STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'completed without errors'],
  [0x02, 'completed with errors'],
  [0x03, 'completed without errors but with partial ROD token usage'],
  [0x04, 'completed without errors but with residual data'],
  [0x10, 'in progress, foreground or background unknown'],
  [0x11, 'in progress in the foreground'],
  [0x12, 'in progress in the background'],
  [0x60, 'terminated'],
]);

/**
 * Human-readable name of a COPY OPERATION STATUS code, or `undefined` for a reserved code.
 *
 * @example
 * ```ts
 * copyOperationStatusName(0x03); // 'completed without errors but with partial ROD token usage'
 * ```
 * @remarks Since 0.1.0
 */
export function copyOperationStatusName(code: number): string | undefined {
  try {
    return COPY_OPERATION_STATUS_NAMES.get(code);
  } catch (e) {
    throw inputFault(e, 'copyOperationStatusName', [code], 'ERR_FIELD_RANGE');
  }
}

/**
 * True for the "completed without errors" codes (01h, 03h, 04h): the ones after which ROD
 * TOKEN DESCRIPTORS LENGTH / HELD DATA LENGTH may be non-zero.
 *
 * @remarks Since 0.1.0
 */
export function isCopyCompletedWithoutErrors(code: number): boolean {
  try {
    return code === 0x01 || code === 0x03 || code === 0x04;
  } catch (e) {
    throw inputFault(e, 'isCopyCompletedWithoutErrors', [code], 'ERR_FIELD_RANGE');
  }
}

/** True for the "in progress" codes (10h, 11h, 12h). @remarks Since 0.1.0 */
export function isCopyInProgress(code: number): boolean {
  try {
    return code === 0x10 || code === 0x11 || code === 0x12;
  } catch (e) {
    throw inputFault(e, 'isCopyInProgress', [code], 'ERR_FIELD_RANGE');
  }
}

/**
 * TRANSFER COUNT UNITS (RRTI / RECEIVE COPY STATUS byte 15; LID1 byte 7).
 *
 * @see SPC-5 "TRANSFER COUNT UNITS field" table
 * @remarks Since 0.1.0
 */
export const TRANSFER_COUNT_UNITS = {
  BYTES: 0x00,
  KIBIBYTES: 0x01,
  MEBIBYTES: 0x02,
  GIBIBYTES: 0x03,
  TEBIBYTES: 0x04,
  PEBIBYTES: 0x05,
  EXBIBYTES: 0x06,
  /** Logical blocks of the copy destination (POPULATE TOKEN: of the logical unit it was sent to). */
  LOGICAL_BLOCKS: 0xf1,
} as const;

/** One of the {@link TRANSFER_COUNT_UNITS} values. @remarks Since 0.1.0 */
export type TransferCountUnits = (typeof TRANSFER_COUNT_UNITS)[keyof typeof TRANSFER_COUNT_UNITS];

const TRANSFER_COUNT_UNITS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'bytes'],
  [0x01, 'kibibytes (2^10 bytes)'],
  [0x02, 'mebibytes (2^20 bytes)'],
  [0x03, 'gibibytes (2^30 bytes)'],
  [0x04, 'tebibytes (2^40 bytes)'],
  [0x05, 'pebibytes (2^50 bytes)'],
  [0x06, 'exbibytes (2^60 bytes)'],
  [0xf1, 'logical blocks'],
]);

/** Name of a TRANSFER COUNT UNITS code, or `undefined` if reserved. @remarks Since 0.1.0 */
export function transferCountUnitsName(code: number): string | undefined {
  try {
    return TRANSFER_COUNT_UNITS_NAMES.get(code);
  } catch (e) {
    throw inputFault(e, 'transferCountUnitsName', [code], 'ERR_FIELD_RANGE');
  }
}

/**
 * A TRANSFER COUNT in bytes, for the byte-multiple units (00h-06h); `undefined` for logical
 * blocks (the caller knows the block length) and reserved units.
 *
 * @remarks Since 0.1.0
 */
export function transferCountInBytes(units: number, transferCount: bigint): bigint | undefined {
  try {
    return units >= 0 && units <= 6 ? transferCount << BigInt(10 * units) : undefined;
  } catch (e) {
    throw inputFault(e, 'transferCountInBytes', [units, transferCount], 'ERR_FIELD_RANGE');
  }
}

/**
 * COPY COMMAND STATUS of RECEIVE COPY STATUS (LID1) (byte 4 bits 6:0).
 *
 * @see SPC-4 "RECEIVE COPY STATUS (LID1) parameter data"
 * @remarks Since 0.1.0
 */
export const COPY_COMMAND_STATUS_LID1 = {
  IN_PROGRESS: 0x00,
  COMPLETED_WITHOUT_ERRORS: 0x01,
  COMPLETED_WITH_ERRORS: 0x02,
} as const;
