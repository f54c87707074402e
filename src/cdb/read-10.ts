/**
 * READ (10) CDB (10 bytes).
 *
 * Layout: byte 0 OPERATION CODE; byte 1 bits 7:5 RDPROTECT, 4 DPO, 3 FUA, 2 RARC, 1:0 obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS; byte 6 bits 7:6 reserved, 5:0 GROUP NUMBER; bytes 7-8 TRANSFER LENGTH; byte 9 CONTROL.
 *
 * @see SBC-4 "READ (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded READ (10) CDB. @remarks Since 0.1.0 */
export interface Read10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'READ (10)';
  /** RDPROTECT (byte 1 bits 7:5): protection information checking. */
  readonly rdprotect: number;
  /** DPO (byte 1 bit 4): disable page out. */
  readonly dpo: boolean;
  /** FUA (byte 1 bit 3): force unit access. */
  readonly fua: boolean;
  /** RARC (byte 1 bit 2): rebuild assist recovery control. */
  readonly rarc: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-5). */
  readonly logicalBlockAddress: number;
  /** TRANSFER LENGTH (bytes 7-8), in logical blocks; 0 transfers nothing. */
  readonly transferLength: number;
  /** GROUP NUMBER (byte 6 bits 5:0; 6 bits as in SBC-4). */
  readonly groupNumber: number;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a READ (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeRead10Cdb(cdb: CdbInput<Read10Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('Read10Cdb', 10, OPCODE.READ_10);
    checkCommand(w, cdb.kind, 'READ (10)');
    w.bits(1, 7, 5, cdb.rdprotect, 'rdprotect');
    w.bit(1, 4, cdb.dpo, 'dpo');
    w.bit(1, 3, cdb.fua, 'fua');
    w.bit(1, 2, cdb.rarc, 'rarc');
    w.u32(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.u16(7, cdb.transferLength, 'transferLength');
    w.bits(6, 5, 0, cdb.groupNumber, 'groupNumber');
    w.u8(9, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'Read10Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a READ (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (opcode), and in strict mode
 * `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "READ (10) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeRead10Cdb(bytes: Uint8Array, options?: DecodeOptions): Read10Cdb {
  try {
    const r = cdbReader(bytes, 'Read10Cdb', options, 10, OPCODE.READ_10);
    r.reserved(1, 0x03);
    r.reserved(6, 0xc0);
    return {
      kind: 'READ (10)',
      rdprotect: r.bits(1, 7, 5, 'rdprotect'),
      dpo: r.bit(1, 4, 'dpo'),
      fua: r.bit(1, 3, 'fua'),
      rarc: r.bit(1, 2, 'rarc'),
      logicalBlockAddress: r.u32(2, 'logicalBlockAddress'),
      transferLength: r.u16(7, 'transferLength'),
      groupNumber: r.bits(6, 5, 0, 'groupNumber'),
      control: r.u8(9, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'Read10Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
