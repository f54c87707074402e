/**
 * WRITE USING TOKEN CDB: THIRD-PARTY COPY OUT (83h), service action write using token.
 *
 * Layout (16 bytes): byte 0 OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION;
 * bytes 2-5 reserved; 6-9 LIST IDENTIFIER; 10-13 PARAMETER LIST LENGTH; 14 bits 7:6 reserved, 5:0 GROUP NUMBER; 15 CONTROL.
 *
 * @see SBC-4 "WRITE USING TOKEN command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, TPC_OUT_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded WRITE USING TOKEN CDB. @remarks Since 0.1.0 */
export interface WriteUsingTokenCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'WRITE USING TOKEN';
  /** LIST IDENTIFIER (bytes 6-9). */
  readonly listIdentifier: number;
  /** PARAMETER LIST LENGTH (bytes 10-13): bytes of Data-Out; 0 means no parameter list (not an error). */
  readonly parameterListLength: number;
  /** GROUP NUMBER (byte 14 bits 5:0; 6 bits as in SBC-4, see the notes: SBC-3-era devices take only 5 bits, so keep it below 32 for them). */
  readonly groupNumber: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a WRITE USING TOKEN CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "WRITE USING TOKEN command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeWriteUsingTokenCdb(cdb: CdbInput<WriteUsingTokenCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('WriteUsingTokenCdb', 16, OPCODE.THIRD_PARTY_COPY_OUT, TPC_OUT_SA.WRITE_USING_TOKEN);
    checkCommand(w, cdb.kind, 'WRITE USING TOKEN');
    w.u32(6, cdb.listIdentifier, 'listIdentifier');
    w.u32(10, cdb.parameterListLength, 'parameterListLength');
    w.bits(14, 5, 0, cdb.groupNumber, 'groupNumber');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'WriteUsingTokenCdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a WRITE USING TOKEN CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (shorter than 16 bytes), `ERR_UNEXPECTED_VALUE` (wrong
 * opcode or service action), and in strict mode `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "WRITE USING TOKEN command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeWriteUsingTokenCdb(bytes: Uint8Array, options?: DecodeOptions): WriteUsingTokenCdb {
  try {
    const r = cdbReader(
      bytes,
      'WriteUsingTokenCdb',
      options,
      16,
      OPCODE.THIRD_PARTY_COPY_OUT,
      TPC_OUT_SA.WRITE_USING_TOKEN,
    );
    r.reservedBytes(2, 4);
    r.reserved(14, 0xc0);
    return {
      kind: 'WRITE USING TOKEN',
      listIdentifier: r.u32(6, 'listIdentifier'),
      parameterListLength: r.u32(10, 'parameterListLength'),
      groupNumber: r.bits(14, 5, 0, 'groupNumber'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'WriteUsingTokenCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
