/**
 * REPORT ALL ROD TOKENS CDB: THIRD-PARTY COPY IN (84h), service action report all rod tokens.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-9 reserved; 10-13 ALLOCATION LENGTH; 14 reserved; 15 CONTROL.
 *
 * @see SPC-5 "REPORT ALL ROD TOKENS command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_IN_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded REPORT ALL ROD TOKENS CDB. @remarks Since 0.1.0 */
export interface ReportAllRodTokensCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'REPORT ALL ROD TOKENS';
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a REPORT ALL ROD TOKENS CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REPORT ALL ROD TOKENS command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeReportAllRodTokensCdb(cdb: CdbInput<ReportAllRodTokensCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReportAllRodTokensCdb', 16, OPCODE.THIRD_PARTY_COPY_IN, TPC_IN_SA.REPORT_ALL_ROD_TOKENS);
    checkCommand(w, cdb.kind, 'REPORT ALL ROD TOKENS');
    w.u32(10, cdb.allocationLength, 'allocationLength');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportAllRodTokensCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a REPORT ALL ROD TOKENS CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SPC-5 "REPORT ALL ROD TOKENS command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeReportAllRodTokensCdb(bytes: Uint8Array, options?: DecodeOptions): ReportAllRodTokensCdb {
  try {
    const r = cdbReader(
      bytes,
      'ReportAllRodTokensCdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_IN,
      TPC_IN_SA.REPORT_ALL_ROD_TOKENS,
    );
    r.reservedBytes(2, 8);
    r.reservedBytes(14, 1);
    return {
      kind: 'REPORT ALL ROD TOKENS',
      allocationLength: r.u32(10, 'allocationLength'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReportAllRodTokensCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
