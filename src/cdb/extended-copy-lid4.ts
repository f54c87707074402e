/**
 * EXTENDED COPY (LID4) CDB: THIRD-PARTY COPY OUT (83h), service action extended copy lid4.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-9 reserved; 10-13 PARAMETER LIST LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "EXTENDED COPY command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_OUT_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded EXTENDED COPY (LID4) CDB. @remarks Since 0.1.0 */
export interface ExtendedCopyLid4Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'EXTENDED COPY (LID4)';
  /** PARAMETER LIST LENGTH (bytes 10-13). */
  readonly parameterListLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a EXTENDED COPY (LID4) CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "EXTENDED COPY command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeExtendedCopyLid4Cdb(cdb: CdbInput<ExtendedCopyLid4Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ExtendedCopyLid4Cdb', 16, OPCODE.THIRD_PARTY_COPY_OUT, TPC_OUT_SA.EXTENDED_COPY_LID4);
    checkCommand(w, cdb.kind, 'EXTENDED COPY (LID4)');
    w.u32(10, cdb.parameterListLength, 'parameterListLength');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid4Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a EXTENDED COPY (LID4) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "EXTENDED COPY command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeExtendedCopyLid4Cdb(bytes: Uint8Array, options?: DecodeOptions): ExtendedCopyLid4Cdb {
  try {
    const r = cdbReader(
      bytes,
      'ExtendedCopyLid4Cdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_OUT,
      TPC_OUT_SA.EXTENDED_COPY_LID4,
    );
    r.reservedBytes(2, 8);
    r.reservedBytes(14, 1);
    return {
      kind: 'EXTENDED COPY (LID4)',
      parameterListLength: r.u32(10, 'parameterListLength'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid4Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
