/**
 * MODE SENSE (6) CDB (6 bytes): byte 0 OPERATION CODE 1Ah; byte 1 bits 7:4 reserved, bit 3 DBD,
 * bits 2:0 reserved; byte 2 bits 7:6 PC, bits 5:0 PAGE CODE; byte 3 SUBPAGE CODE; byte 4
 * ALLOCATION LENGTH; byte 5 CONTROL.
 *
 * @see SPC-5 "MODE SENSE(6) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/**
 * PC (page control) values of MODE SENSE: which values the mode pages hold.
 *
 * @see SPC-5 "Page control (PC) field"
 * @remarks Since 0.2.0
 */
export const MODE_PAGE_CONTROL = {
  CURRENT: 0,
  CHANGEABLE: 1,
  DEFAULT: 2,
  SAVED: 3,
} as const;

/** Decoded MODE SENSE (6) CDB. @remarks Since 0.2.0 */
export interface ModeSense6Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'MODE SENSE (6)';
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7:6): see {@link MODE_PAGE_CONTROL}. */
  readonly pc: number;
  /** PAGE CODE (byte 2 bits 5:0); 3Fh = all pages. */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3); FFh = all subpages. */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (byte 4). */
  readonly allocationLength: number;
  /** CONTROL (byte 5). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a MODE SENSE (6) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "MODE SENSE(6) command"
 * @remarks Since 0.2.0
 */
export function encodeModeSense6Cdb(cdb: CdbInput<ModeSense6Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ModeSense6Cdb', 6, OPCODE.MODE_SENSE_6);
    checkCommand(w, cdb.kind, 'MODE SENSE (6)');
    w.bit(1, 3, cdb.dbd, 'dbd');
    w.bits(2, 7, 6, cdb.pc, 'pc');
    w.bits(2, 5, 0, cdb.pageCode, 'pageCode');
    w.u8(3, cdb.subpageCode, 'subpageCode');
    w.u8(4, cdb.allocationLength, 'allocationLength');
    w.u8(5, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ModeSense6Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a MODE SENSE (6) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "MODE SENSE(6) command"
 * @remarks Since 0.2.0
 */
export function decodeModeSense6Cdb(bytes: Uint8Array, options?: DecodeOptions): ModeSense6Cdb {
  try {
    const r = cdbReader(bytes, 'ModeSense6Cdb', options, 6, OPCODE.MODE_SENSE_6);
    r.reserved(1, 0xf7);
    return {
      kind: 'MODE SENSE (6)',
      dbd: r.bit(1, 3, 'dbd'),
      pc: r.bits(2, 7, 6, 'pc'),
      pageCode: r.bits(2, 5, 0, 'pageCode'),
      subpageCode: r.u8(3, 'subpageCode'),
      allocationLength: r.u8(4, 'allocationLength'),
      control: r.u8(5, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ModeSense6Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
