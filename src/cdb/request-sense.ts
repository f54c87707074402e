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
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

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
 * The REQUEST SENSE CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const REQUEST_SENSE_CDB_LAYOUT: Layout<'allocationLength' | 'control' | 'desc' | 'operationCode' | 'reserved'> =
  defineLayout('RequestSenseCdb', 6, [
    { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.REQUEST_SENSE },
    { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xfe },
    { name: 'reserved', offset: 2, width: 2, kind: 'reserved' },
    { name: 'desc', offset: 1, width: 1, kind: 'bit', hi: 0, lo: 0 },
    { name: 'allocationLength', offset: 4, width: 1, kind: 'uint' },
    { name: 'control', offset: 5, width: 1, kind: 'uint' },
  ]);
const F = REQUEST_SENSE_CDB_LAYOUT.field;

/** @internal */
export const REQUEST_SENSE_CDB_SPEC: CdbSpec<RequestSenseCdb> = cdbSpec<RequestSenseCdb>(
  'REQUEST SENSE',
  REQUEST_SENSE_CDB_LAYOUT,
  (r) => ({
    kind: 'REQUEST SENSE',
    desc: readFlag(r, F.desc),
    allocationLength: readNumber(r, F.allocationLength),
    control: readNumber(r, F.control),
    ...issuesOf(r),
  }),
  decodeRequestSenseCdb,
);

/**
 * Encode a REQUEST SENSE CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "REQUEST SENSE command"
 * @remarks Since 0.2.0
 */
export function encodeRequestSenseCdb(cdb: CdbInput<RequestSenseCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(REQUEST_SENSE_CDB_SPEC, cdb);
}

/**
 * Decode a REQUEST SENSE CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "REQUEST SENSE command"
 * @remarks Since 0.2.0
 */
export function decodeRequestSenseCdb(bytes: Uint8Array, options?: DecodeOptions): RequestSenseCdb {
  return decodeCdbWith(REQUEST_SENSE_CDB_SPEC, bytes, options);
}
