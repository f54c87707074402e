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
import { defineLayout, type Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

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
 * The RECEIVE COPY OPERATING PARAMETERS CDB layout: OPERATION CODE and SERVICE ACTION, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const RECEIVE_COPY_OPERATING_PARAMETERS_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'operationCode' | 'reserved' | 'serviceAction'
> = defineLayout('ReceiveCopyOperatingParametersCdb', 16, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.THIRD_PARTY_COPY_IN },
  {
    name: 'serviceAction',
    offset: 1,
    width: 1,
    kind: 'bits',
    hi: 4,
    lo: 0,
    fixed: TPC_IN_SA.RECEIVE_COPY_OPERATING_PARAMETERS,
  },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xe0 },
  { name: 'reserved', offset: 2, width: 8, kind: 'reserved' },
  { name: 'reserved', offset: 14, width: 1, kind: 'reserved' },
  { name: 'allocationLength', offset: 10, width: 4, kind: 'uint' },
  { name: 'control', offset: 15, width: 1, kind: 'uint' },
]);
const F = RECEIVE_COPY_OPERATING_PARAMETERS_CDB_LAYOUT.field;

/** @internal */
export const RECEIVE_COPY_OPERATING_PARAMETERS_CDB_SPEC: CdbSpec<ReceiveCopyOperatingParametersCdb> =
  cdbSpec<ReceiveCopyOperatingParametersCdb>(
    'RECEIVE COPY OPERATING PARAMETERS',
    RECEIVE_COPY_OPERATING_PARAMETERS_CDB_LAYOUT,
    (r) => ({
      kind: 'RECEIVE COPY OPERATING PARAMETERS',
      allocationLength: readNumber(r, F.allocationLength),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decodeReceiveCopyOperatingParametersCdb,
  );

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
  return encodeCdbWith(RECEIVE_COPY_OPERATING_PARAMETERS_CDB_SPEC, cdb);
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
  return decodeCdbWith(RECEIVE_COPY_OPERATING_PARAMETERS_CDB_SPEC, bytes, options);
}
