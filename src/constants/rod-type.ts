/**
 * ROD TYPE values.
 *
 * @packageDocumentation
 */
import { hex } from '../internal/byte-reader.js';
import { show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';

/**
 * ROD TYPE values (SPC "ROD type codes" table, SBC "block device ROD types").
 *
 * - `COPY_MANAGER_INTERNAL` (0000 0000h) is used by the XCOPY ROD CSCD, not by ODX tokens.
 * - `POINT_IN_TIME_COPY_ANY` (0080 FFFFh) is a request value only; returned tokens carry a concrete type.
 * - `POINT_IN_TIME_COPY_COPY_ON_WRITE` (0080 0003h): name per ddpt (spc5r20); some sources say "full".
 *
 * @see SPC-5 ROD type codes table; SBC-4 block device ROD token types
 * @remarks Since 0.1.0
 */
export const ROD_TYPE = {
  COPY_MANAGER_INTERNAL: 0x0000_0000,
  ACCESS_UPON_REFERENCE: 0x0001_0000,
  POINT_IN_TIME_COPY_DEFAULT: 0x0080_0000,
  POINT_IN_TIME_COPY_CHANGE_VULNERABLE: 0x0080_0001,
  POINT_IN_TIME_COPY_PERSISTENT: 0x0080_0002,
  POINT_IN_TIME_COPY_COPY_ON_WRITE: 0x0080_0003,
  POINT_IN_TIME_COPY_ANY: 0x0080_ffff,
  BLOCK_DEVICE_ZERO: 0xffff_0001,
} as const;

/** One of the named {@link ROD_TYPE} values. @remarks Since 0.1.0 */
export type RodType = (typeof ROD_TYPE)[keyof typeof ROD_TYPE];

/** First vendor specific ROD type (FFFF FFF0h). @remarks Since 0.1.0 */
export const VENDOR_SPECIFIC_ROD_TYPE_MIN = 0xffff_fff0;

const NAMES: ReadonlyMap<number, string> = new Map([
  [ROD_TYPE.COPY_MANAGER_INTERNAL, 'copy manager internal'],
  [ROD_TYPE.ACCESS_UPON_REFERENCE, 'access upon reference'],
  [ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT, 'point in time copy - default'],
  [ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE, 'point in time copy - change vulnerable'],
  [ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT, 'point in time copy - persistent'],
  [ROD_TYPE.POINT_IN_TIME_COPY_COPY_ON_WRITE, 'point in time copy - copy on write'],
  [ROD_TYPE.POINT_IN_TIME_COPY_ANY, 'point in time copy - any'],
  [ROD_TYPE.BLOCK_DEVICE_ZERO, 'block device zero ROD token'],
]);

/**
 * Human-readable name of a ROD type; ranges without a name are named by their class:
 * `reserved (0x…)`, `device type specific (0x…)`, `vendor specific (0x…)`.
 *
 * @example
 * ```ts
 * rodTypeName(0xffff0001); // 'block device zero ROD token'
 * rodTypeName(0xfffffff3); // 'vendor specific (0xfffffff3)'
 * ```
 * @see SPC-5 ROD type codes table; SBC-4 block device ROD token types
 * @remarks Since 0.1.0
 */
export function rodTypeName(type: number): string {
  try {
    const n = NAMES.get(type);
    if (n !== undefined) return n;
    const h = Number.isInteger(type) && type >= 0 && type <= 0xffff_ffff ? hex(type, 8) : show(type);
    if (!Number.isInteger(type) || type < 0 || type > 0xffff_ffff) return `invalid (${h})`;
    if (type >= VENDOR_SPECIFIC_ROD_TYPE_MIN) return `vendor specific (${h})`;
    if (type >= 0xff00_0000) return `device type specific (${h})`;
    return `reserved (${h})`;
  } catch (e) {
    throw inputFault(e, 'rodTypeName', [type], 'ERR_FIELD_RANGE');
  }
}

/**
 * True for the ROD types whose token uses the generic SPC layout (creator LU descriptor, number
 * of bytes represented, device type specific data, target device descriptor): access upon
 * reference (0001 0000h) and point in time copy 0080 0000h-0080 0003h.
 *
 * @remarks Since 0.1.0
 */
export function isGenericRodType(type: number): boolean {
  try {
    return type === ROD_TYPE.ACCESS_UPON_REFERENCE || (type >= 0x0080_0000 && type <= 0x0080_0003);
  } catch (e) {
    throw inputFault(e, 'isGenericRodType', [type], 'ERR_FIELD_RANGE');
  }
}
