/**
 * WRITE (16) CDB (16 bytes).
 *
 * Layout: byte 0 OPERATION CODE; byte 1 bits 7:5 WRPROTECT, 4 DPO, 3 FUA, 2 reserved, 1 obsolete, 0 reserved (SBC-4 DLD2, not modelled); bytes 2-9 LOGICAL BLOCK ADDRESS; 10-13 TRANSFER LENGTH; byte 14 bits 7:6 reserved (SBC-4 DLD1/DLD0, not modelled), 5:0 GROUP NUMBER; byte 15 CONTROL.
 *
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded WRITE (16) CDB. @remarks Since 0.1.0 */
export interface Write16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'WRITE (16)';
  /** WRPROTECT (byte 1 bits 7:5): protection information checking. */
  readonly wrprotect: number;
  /** DPO (byte 1 bit 4): disable page out. */
  readonly dpo: boolean;
  /** FUA (byte 1 bit 3): force unit access. */
  readonly fua: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-9). */
  readonly logicalBlockAddress: bigint;
  /** TRANSFER LENGTH (bytes 10-13), in logical blocks. */
  readonly transferLength: number;
  /** GROUP NUMBER (byte 14 bits 5:0; 6 bits as in SBC-4). */
  readonly groupNumber: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a WRITE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function encodeWrite16Cdb(cdb: CdbInput<Write16Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('Write16Cdb', 16, OPCODE.WRITE_16);
    checkCommand(w, cdb.kind, 'WRITE (16)');
    w.bits(1, 7, 5, cdb.wrprotect, 'wrprotect');
    w.bit(1, 4, cdb.dpo, 'dpo');
    w.bit(1, 3, cdb.fua, 'fua');
    w.u64(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.u32(10, cdb.transferLength, 'transferLength');
    w.bits(14, 5, 0, cdb.groupNumber, 'groupNumber');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'Write16Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a WRITE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (opcode), and in strict mode
 * `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH` (extra bytes).
 * @see SBC-4 "WRITE (16) command" (CDB table)
 * @remarks Since 0.1.0
 */
export function decodeWrite16Cdb(bytes: Uint8Array, options?: DecodeOptions): Write16Cdb {
  try {
    const r = cdbReader(bytes, 'Write16Cdb', options, 16, OPCODE.WRITE_16);
    r.reserved(1, 0x07);
    r.reserved(14, 0xc0);
    return {
      kind: 'WRITE (16)',
      wrprotect: r.bits(1, 7, 5, 'wrprotect'),
      dpo: r.bit(1, 4, 'dpo'),
      fua: r.bit(1, 3, 'fua'),
      logicalBlockAddress: r.u64(2, 'logicalBlockAddress'),
      transferLength: r.u32(10, 'transferLength'),
      groupNumber: r.bits(14, 5, 0, 'groupNumber'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'Write16Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
