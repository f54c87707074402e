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
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

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
 * Encode an INQUIRY CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, or PAGE CODE is non-zero with EVPD 0.
 * @see SPC-5 "INQUIRY command"
 * @remarks Since 0.1.0
 */
export function encodeInquiryCdb(cdb: CdbInput<InquiryCdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('InquiryCdb', 6, OPCODE.INQUIRY);
    checkCommand(w, cdb.kind, 'INQUIRY');
    w.bit(1, 0, cdb.evpd, 'evpd');
    w.u8(2, cdb.pageCode, 'pageCode');
    if (!cdb.evpd && cdb.pageCode !== 0) throw w.error('pageCode', 2, 'PAGE CODE must be 0 when EVPD is 0');
    w.u16(3, cdb.allocationLength, 'allocationLength');
    w.u8(5, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'InquiryCdb', [cdb], 'ERR_FIELD_RANGE');
  }
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
  try {
    const r = cdbReader(bytes, 'InquiryCdb', options, 6, OPCODE.INQUIRY);
    r.reserved(1, 0xfe);
    const evpd = r.bit(1, 0, 'evpd');
    const pageCode = r.u8(2, 'pageCode');
    if (!evpd && pageCode !== 0) {
      r.tolerate('ERR_INVALID_VALUE', 'pageCode', 2, 'PAGE CODE is non-zero while EVPD is 0');
    }
    return {
      kind: 'INQUIRY',
      evpd,
      pageCode,
      allocationLength: r.u16(3, 'allocationLength'),
      control: r.u8(5, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'InquiryCdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
