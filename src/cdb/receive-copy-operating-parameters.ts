/**
 * RECEIVE COPY OPERATING PARAMETERS CDB: THIRD-PARTY COPY IN (84h), service action receive copy operating parameters.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "RECEIVE COPY OPERATING PARAMETERS command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded RECEIVE COPY OPERATING PARAMETERS CDB. @remarks Since 0.1.0 */
export interface ReceiveCopyOperatingParametersCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'RECEIVE COPY OPERATING PARAMETERS';
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a RECEIVE COPY OPERATING PARAMETERS CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "RECEIVE COPY OPERATING PARAMETERS command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReceiveCopyOperatingParametersCdb(
  cdb: CdbInput<ReceiveCopyOperatingParametersCdb>,
): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter(
      'ReceiveCopyOperatingParametersCdb',
      16,
      OPCODE.THIRD_PARTY_COPY_IN,
      TPC_IN_SA.RECEIVE_COPY_OPERATING_PARAMETERS,
    );
    checkCommand(w, cdb.kind, 'RECEIVE COPY OPERATING PARAMETERS');
    w.u32(10, cdb.allocationLength, 'allocationLength');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyOperatingParametersCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a RECEIVE COPY OPERATING PARAMETERS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "RECEIVE COPY OPERATING PARAMETERS command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReceiveCopyOperatingParametersCdb(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReceiveCopyOperatingParametersCdb {
  try {
    const r = cdbReader(
      bytes,
      'ReceiveCopyOperatingParametersCdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_IN,
      TPC_IN_SA.RECEIVE_COPY_OPERATING_PARAMETERS,
    );
    r.reservedBytes(2, 8);
    r.reservedBytes(14, 1);
    return {
      kind: 'RECEIVE COPY OPERATING PARAMETERS',
      allocationLength: r.u32(10, 'allocationLength'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyOperatingParametersCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
