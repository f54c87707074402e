/**
 * REQUEST SENSE CDB (6 bytes): byte 0 OPERATION CODE 03h; byte 1 bits 7:1 reserved, bit 0 DESC;
 * bytes 2-3 reserved; byte 4 ALLOCATION LENGTH; byte 5 CONTROL.
 *
 * @see SPC-5 "REQUEST SENSE command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/**
 * Decoded REQUEST SENSE CDB.
 *
 * @remarks Since 0.2.0
 */
export interface RequestSenseCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'REQUEST SENSE';
  /** DESC (byte 1 bit 0): `true` asks for descriptor format sense data, `false` for fixed format. */
  readonly desc: boolean;
  /** ALLOCATION LENGTH (byte 4). */
  readonly allocationLength: number;
  /** CONTROL (byte 5). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a REQUEST SENSE CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REQUEST SENSE command"
 * @remarks Since 0.2.0
 */
export function encodeRequestSenseCdb(cdb: CdbInput<RequestSenseCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('RequestSenseCdb', 6, OPCODE.REQUEST_SENSE);
    checkCommand(w, cdb.kind, 'REQUEST SENSE');
    w.bit(1, 0, cdb.desc, 'desc');
    w.u8(4, cdb.allocationLength, 'allocationLength');
    w.u8(5, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'RequestSenseCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a REQUEST SENSE CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REQUEST SENSE command"
 * @remarks Since 0.2.0
 */
export function decodeRequestSenseCdb(bytes: Uint8Array, options?: DecodeOptions): RequestSenseCdb {
  try {
    const r = cdbReader(bytes, 'RequestSenseCdb', options, 6, OPCODE.REQUEST_SENSE);
    r.reserved(1, 0xfe);
    r.reservedBytes(2, 2);
    return {
      kind: 'REQUEST SENSE',
      desc: r.bit(1, 0, 'desc'),
      allocationLength: r.u8(4, 'allocationLength'),
      control: r.u8(5, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'RequestSenseCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
