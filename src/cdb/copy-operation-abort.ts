/**
 * COPY OPERATION ABORT CDB: THIRD-PARTY COPY OUT (83h), service action copy operation abort.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-5 LIST IDENTIFIER; 6-14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_OUT_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded COPY OPERATION ABORT CDB. @remarks Since 0.1.0 */
export interface CopyOperationAbortCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'COPY OPERATION ABORT';
  /** LIST IDENTIFIER (bytes 2-5) of the copy operation to abort. */
  readonly listIdentifier: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a COPY OPERATION ABORT CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeCopyOperationAbortCdb(cdb: CdbInput<CopyOperationAbortCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('CopyOperationAbortCdb', 16, OPCODE.THIRD_PARTY_COPY_OUT, TPC_OUT_SA.COPY_OPERATION_ABORT);
    checkCommand(w, cdb.kind, 'COPY OPERATION ABORT');
    w.u32(2, cdb.listIdentifier, 'listIdentifier');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'CopyOperationAbortCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a COPY OPERATION ABORT CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "COPY OPERATION ABORT command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeCopyOperationAbortCdb(bytes: Uint8Array, options?: DecodeOptions): CopyOperationAbortCdb {
  try {
    const r = cdbReader(
      bytes,
      'CopyOperationAbortCdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_OUT,
      TPC_OUT_SA.COPY_OPERATION_ABORT,
    );
    r.reservedBytes(6, 9);
    return {
      kind: 'COPY OPERATION ABORT',
      listIdentifier: r.u32(2, 'listIdentifier'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'CopyOperationAbortCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
