/**
 * INQUIRY CDB (6 bytes): byte 0 OPERATION CODE 12h; byte 1 bits 7:2 reserved, bit 1 obsolete
 * (CMDDT), bit 0 EVPD; byte 2 PAGE CODE; bytes 3-4 ALLOCATION LENGTH; byte 5 CONTROL.
 *
 * @see SPC-5 "INQUIRY command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { defineLayout, type Layout } from '../internal/layout.js';
import { readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbInput, type CdbSpec, cdbSpec, decodeCdbWith, encodeCdbWith } from './common.js';

/**
 * Decoded INQUIRY CDB. `evpd: false` asks for standard INQUIRY data (PAGE CODE must then be 0);
 * `evpd: true` asks for the vital product data page `pageCode` (e.g. 8Fh Third-party Copy).
 *
 * @remarks Since 0.1.0
 */
export interface InquiryCdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'INQUIRY';
  /** EVPD (byte 1 bit 0): return a VPD page instead of standard INQUIRY data. */
  readonly evpd: boolean;
  /** PAGE CODE (byte 2): the VPD page wanted; 0 when `evpd` is false. */
  readonly pageCode: number;
  /** ALLOCATION LENGTH (bytes 3-4). */
  readonly allocationLength: number;
  /** CONTROL (byte 5). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The INQUIRY CDB layout: OPERATION CODE, reserved fields (in the
 * order strict decoding checks them), then the value fields in the order they are written.
 *
 * @internal
 */
export const INQUIRY_CDB_LAYOUT: Layout<
  'allocationLength' | 'control' | 'evpd' | 'operationCode' | 'pageCode' | 'reserved'
> = defineLayout('InquiryCdb', 6, [
  { name: 'operationCode', offset: 0, width: 1, kind: 'uint', fixed: OPCODE.INQUIRY },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'evpd', offset: 1, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'pageCode', offset: 2, width: 1, kind: 'uint' },
  { name: 'allocationLength', offset: 3, width: 2, kind: 'uint' },
  { name: 'control', offset: 5, width: 1, kind: 'uint' },
]);
const F = INQUIRY_CDB_LAYOUT.field;

/** @internal */
export const INQUIRY_CDB_SPEC: CdbSpec<InquiryCdb> = cdbSpec<InquiryCdb>(
  'INQUIRY',
  INQUIRY_CDB_LAYOUT,
  (r) => {
    const evpd = readFlag(r, F.evpd);
    const pageCode = readNumber(r, F.pageCode);
    if (!evpd && pageCode !== 0) {
      r.tolerate('ERR_INVALID_VALUE', 'pageCode', F.pageCode.offset, 'PAGE CODE is non-zero while EVPD is 0');
    }
    return {
      kind: 'INQUIRY',
      evpd,
      pageCode,
      allocationLength: readNumber(r, F.allocationLength),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    };
  },
  decodeInquiryCdb,
  (w, cdb) => {
    if (!cdb.evpd && cdb.pageCode !== 0)
      throw w.error('pageCode', F.pageCode.offset, 'PAGE CODE must be 0 when EVPD is 0');
  },
);

/**
 * Encode an INQUIRY CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, or PAGE CODE is non-zero with EVPD 0.
 * @see SPC-5 "INQUIRY command"
 * @remarks Since 0.1.0
 */
export function encodeInquiryCdb(cdb: CdbInput<InquiryCdb>): Uint8Array<ArrayBuffer> {
  return encodeCdbWith(INQUIRY_CDB_SPEC, cdb);
}

/**
 * Decode an INQUIRY CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`; strict: `ERR_RESERVED_NONZERO`,
 * `ERR_LENGTH_MISMATCH`, and `ERR_INVALID_VALUE` for a non-zero PAGE CODE with EVPD 0 (lenient: an issue).
 * @see SPC-5 "INQUIRY command"
 * @remarks Since 0.1.0
 */
export function decodeInquiryCdb(bytes: Uint8Array, options?: DecodeOptions): InquiryCdb {
  return decodeCdbWith(INQUIRY_CDB_SPEC, bytes, options);
}
