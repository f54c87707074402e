/**
 * TEST UNIT READY CDB (6 bytes): byte 0 OPERATION CODE 00h; bytes 1-4 reserved; byte 5 CONTROL.
 *
 * @see SPC-5 "TEST UNIT READY command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

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
 * Encode a TEST UNIT READY CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if CONTROL does not fit a byte.
 * @see SPC-5 "TEST UNIT READY command"
 * @remarks Since 0.1.0
 */
export function encodeTestUnitReadyCdb(cdb: CdbInput<TestUnitReadyCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('TestUnitReadyCdb', 6, OPCODE.TEST_UNIT_READY);
    checkCommand(w, cdb.kind, 'TEST UNIT READY');
    w.u8(5, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'TestUnitReadyCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a TEST UNIT READY CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "TEST UNIT READY command"
 * @remarks Since 0.1.0
 */
export function decodeTestUnitReadyCdb(bytes: Uint8Array, options?: DecodeOptions): TestUnitReadyCdb {
  try {
    const r = cdbReader(bytes, 'TestUnitReadyCdb', options, 6, OPCODE.TEST_UNIT_READY);
    r.reservedBytes(1, 4);
    return { kind: 'TEST UNIT READY', control: r.u8(5, 'control'), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'TestUnitReadyCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
