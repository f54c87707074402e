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
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

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
 * The WRITE USING TOKEN CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const WRITE_USING_TOKEN_CDB_LAYOUT: Layout<
  'control' | 'groupNumber' | 'listIdentifier' | 'operationCode' | 'parameterListLength' | 'reserved' | 'serviceAction'
> = defineLayout('WriteUsingTokenCdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_OUT },
  { name: 'serviceAction', offset: 1, width: 1, kind: 'bits', hi: 4, lo: 0, fixed: TPC_OUT_SA.WRITE_USING_TOKEN },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 2, width: 4, kind: 'reserved' },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved', mask: 0xc0 },
  { name: 'listIdentifier', offset: 6, width: 4, kind: 'uint' },
  { name: 'parameterListLength', offset: 10, width: 4, kind: 'uint' },
  { name: 'groupNumber', offset: 14, width: 1, kind: 'bits', hi: 5, lo: 0 },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = WRITE_USING_TOKEN_CDB_LAYOUT.field;

/** @internal */
export const WRITE_USING_TOKEN_CDB_SPEC: CdbSpec<WriteUsingTokenCdb> = cdbSpec<WriteUsingTokenCdb>(
  'WRITE USING TOKEN',
  WRITE_USING_TOKEN_CDB_LAYOUT,
  (r) => ({
    kind: 'WRITE USING TOKEN',
    listIdentifier: readNumber(r, F.listIdentifier),
    parameterListLength: readNumber(r, F.parameterListLength),
    groupNumber: readNumber(r, F.groupNumber),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeWriteUsingTokenCdb,
);

/**
 * Encode a WRITE USING TOKEN CDB (16 bytes, reserved fields zero).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "WRITE USING TOKEN command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeWriteUsingTokenCdb(cdb: CdbInput<WriteUsingTokenCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(WRITE_USING_TOKEN_CDB_SPEC, cdb);
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
  return decodeCdbWith(WRITE_USING_TOKEN_CDB_SPEC, bytes, options);
}
