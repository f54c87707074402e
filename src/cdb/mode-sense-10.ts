/**
 * MODE SENSE (10) CDB (10 bytes): byte 0 OPERATION CODE 5Ah; byte 1 bits 7:5 reserved, bit 4
 * LLBAA, bit 3 DBD, bits 2:0 reserved; byte 2 bits 7:6 PC, bits 5:0 PAGE CODE; byte 3 SUBPAGE
 * CODE; bytes 4-6 reserved; bytes 7-8 ALLOCATION LENGTH; byte 9 CONTROL.
 *
 * @see SPC-5 "MODE SENSE(10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded MODE SENSE (10) CDB. @remarks Since 0.2.0 */
export interface ModeSense10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'MODE SENSE (10)';
  /** LLBAA (byte 1 bit 4): long LBA block descriptors accepted. */
  readonly llbaa: boolean;
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7:6): see {@link MODE_PAGE_CONTROL}. */
  readonly pc: number;
  /** PAGE CODE (byte 2 bits 5:0); 3Fh = all pages. */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3); FFh = all subpages. */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (bytes 7-8). */
  readonly allocationLength: number;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a MODE SENSE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SPC-5 "MODE SENSE(10) command"
 * @remarks Since 0.2.0
 */
export function encodeModeSense10Cdb(cdb: CdbInput<ModeSense10Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ModeSense10Cdb', 10, OPCODE.MODE_SENSE_10);
    checkCommand(w, cdb.kind, 'MODE SENSE (10)');
    w.bit(1, 4, cdb.llbaa, 'llbaa');
    w.bit(1, 3, cdb.dbd, 'dbd');
    w.bits(2, 7, 6, cdb.pc, 'pc');
    w.bits(2, 5, 0, cdb.pageCode, 'pageCode');
    w.u8(3, cdb.subpageCode, 'subpageCode');
    w.u16(7, cdb.allocationLength, 'allocationLength');
    w.u8(9, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ModeSense10Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a MODE SENSE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SPC-5 "MODE SENSE(10) command"
 * @remarks Since 0.2.0
 */
export function decodeModeSense10Cdb(bytes: Uint8Array, options?: DecodeOptions): ModeSense10Cdb {
  try {
    const r = cdbReader(bytes, 'ModeSense10Cdb', options, 10, OPCODE.MODE_SENSE_10);
    r.reserved(1, 0xe7);
    r.reservedBytes(4, 3);
    return {
      kind: 'MODE SENSE (10)',
      llbaa: r.bit(1, 4, 'llbaa'),
      dbd: r.bit(1, 3, 'dbd'),
      pc: r.bits(2, 7, 6, 'pc'),
      pageCode: r.bits(2, 5, 0, 'pageCode'),
      subpageCode: r.u8(3, 'subpageCode'),
      allocationLength: r.u16(7, 'allocationLength'),
      control: r.u8(9, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ModeSense10Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
