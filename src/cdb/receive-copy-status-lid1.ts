/**
 * RECEIVE COPY STATUS (LID1) CDB: THIRD-PARTY COPY IN (84h), service action receive copy status lid1.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * byte 2 LIST IDENTIFIER (1 byte); 3-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-4 "RECEIVE COPY STATUS (LID1) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded RECEIVE COPY STATUS (LID1) CDB. @remarks Since 0.1.0 */
export interface ReceiveCopyStatusLid1Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'RECEIVE COPY STATUS (LID1)';
  /** LIST IDENTIFIER (byte 2, one byte). */
  readonly listIdentifier: number;
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a RECEIVE COPY STATUS (LID1) CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-4 "RECEIVE COPY STATUS (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReceiveCopyStatusLid1Cdb(cdb: CdbInput<ReceiveCopyStatusLid1Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReceiveCopyStatusLid1Cdb', 16, OPCODE.THIRD_PARTY_COPY_IN, TPC_IN_SA.RECEIVE_COPY_STATUS_LID1);
    checkCommand(w, cdb.kind, 'RECEIVE COPY STATUS (LID1)');
    w.u8(2, cdb.listIdentifier, 'listIdentifier');
    w.u32(10, cdb.allocationLength, 'allocationLength');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyStatusLid1Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a RECEIVE COPY STATUS (LID1) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-4 "RECEIVE COPY STATUS (LID1) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReceiveCopyStatusLid1Cdb(bytes: Uint8Array, options?: DecodeOptions): ReceiveCopyStatusLid1Cdb {
  try {
    const r = cdbReader(
      bytes,
      'ReceiveCopyStatusLid1Cdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_IN,
      TPC_IN_SA.RECEIVE_COPY_STATUS_LID1,
    );
    r.reservedBytes(3, 7);
    r.reservedBytes(14, 1);
    return {
      kind: 'RECEIVE COPY STATUS (LID1)',
      listIdentifier: r.u8(2, 'listIdentifier'),
      allocationLength: r.u32(10, 'allocationLength'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyStatusLid1Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
