/**
 * RECEIVE COPY STATUS (LID4) CDB: THIRD-PARTY COPY IN (84h), service action receive copy status lid4.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-5 LIST IDENTIFIER; 6-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "RECEIVE COPY STATUS (LID4) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded RECEIVE COPY STATUS (LID4) CDB. @remarks Since 0.1.0 */
export interface ReceiveCopyStatusLid4Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'RECEIVE COPY STATUS (LID4)';
  /** LIST IDENTIFIER (bytes 2-5). */
  readonly listIdentifier: number;
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a RECEIVE COPY STATUS (LID4) CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "RECEIVE COPY STATUS (LID4) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReceiveCopyStatusLid4Cdb(cdb: CdbInput<ReceiveCopyStatusLid4Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReceiveCopyStatusLid4Cdb', 16, OPCODE.THIRD_PARTY_COPY_IN, TPC_IN_SA.RECEIVE_COPY_STATUS_LID4);
    checkCommand(w, cdb.kind, 'RECEIVE COPY STATUS (LID4)');
    w.u32(2, cdb.listIdentifier, 'listIdentifier');
    w.u32(10, cdb.allocationLength, 'allocationLength');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyStatusLid4Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a RECEIVE COPY STATUS (LID4) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "RECEIVE COPY STATUS (LID4) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReceiveCopyStatusLid4Cdb(bytes: Uint8Array, options?: DecodeOptions): ReceiveCopyStatusLid4Cdb {
  try {
    const r = cdbReader(
      bytes,
      'ReceiveCopyStatusLid4Cdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_IN,
      TPC_IN_SA.RECEIVE_COPY_STATUS_LID4,
    );
    r.reservedBytes(6, 4);
    r.reservedBytes(14, 1);
    return {
      kind: 'RECEIVE COPY STATUS (LID4)',
      listIdentifier: r.u32(2, 'listIdentifier'),
      allocationLength: r.u32(10, 'allocationLength'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReceiveCopyStatusLid4Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
