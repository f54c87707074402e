/**
 * TEST UNIT READY CDB (6 bytes): byte 0 OPERATION CODE 00h; bytes 1-4 reserved; byte 5 CONTROL.
 *
 * @see SPC-5 "TEST UNIT READY command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/** Decoded TEST UNIT READY CDB. @remarks Since 0.1.0 */
export interface TestUnitReadyCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'TEST UNIT READY';
  /** CONTROL (byte 5). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The TEST UNIT READY CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const TEST_UNIT_READY_CDB_LAYOUT: Layout<'control' | 'operationCode' | 'reserved'> = defineLayout(
  'TestUnitReadyCdb',
  6,
  [
    { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.TEST_UNIT_READY },
    { name: 'reserved', offset: 1, width: 4, kind: 'reserved' },
    { name: 'control', offset: 5, width: 1, kind: 'uint' },
  ],
);
const F = TEST_UNIT_READY_CDB_LAYOUT.field;

/** @internal */
export const TEST_UNIT_READY_CDB_SPEC: CdbSpec<TestUnitReadyCdb> = cdbSpec<TestUnitReadyCdb>(
  'TEST UNIT READY',
  TEST_UNIT_READY_CDB_LAYOUT,
  (r) => ({
    kind: 'TEST UNIT READY',
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeTestUnitReadyCdb,
);

/**
 * Encode a TEST UNIT READY CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if CONTROL does not fit a byte.
 * @see SPC-5 "TEST UNIT READY command"
 * @remarks Since 0.1.0
 */
export function encodeTestUnitReadyCdb(cdb: CdbInput<TestUnitReadyCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(TEST_UNIT_READY_CDB_SPEC, cdb);
}

/**
 * Decode a TEST UNIT READY CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "TEST UNIT READY command"
 * @remarks Since 0.1.0
 */
export function decodeTestUnitReadyCdb(bytes: Uint8Array, options?: DecodeOptions): TestUnitReadyCdb {
  return decodeCdbWith(TEST_UNIT_READY_CDB_SPEC, bytes, options);
}
