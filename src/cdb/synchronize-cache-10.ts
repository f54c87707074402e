/**
 * SYNCHRONIZE CACHE (10) CDB (10 bytes): byte 0 OPERATION CODE 35h; byte 1 bits 7:3 reserved,
 * bit 2 obsolete, bit 1 IMMED, bit 0 obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS; byte 6 bits 7:6
 * reserved, bits 5:0 GROUP NUMBER; bytes 7-8 NUMBER OF LOGICAL BLOCKS (0: through the last LBA);
 * byte 9 CONTROL.
 *
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded SYNCHRONIZE CACHE (10) CDB. @remarks Since 0.2.0 */
export interface SynchronizeCache10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'SYNCHRONIZE CACHE (10)';
  /** IMMED (byte 1 bit 1): return status as soon as the CDB is validated. */
  readonly immed: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-5). */
  readonly logicalBlockAddress: number;
  /** GROUP NUMBER (byte 6 bits 5:0). */
  readonly groupNumber: number;
  /** NUMBER OF LOGICAL BLOCKS (bytes 7-8); 0 = from the LBA through the last logical block. */
  readonly numberOfLogicalBlocks: number;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a SYNCHRONIZE CACHE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command"
 * @remarks Since 0.2.0
 */
export function encodeSynchronizeCache10Cdb(cdb: CdbInput<SynchronizeCache10Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('SynchronizeCache10Cdb', 10, OPCODE.SYNCHRONIZE_CACHE_10);
    checkCommand(w, cdb.kind, 'SYNCHRONIZE CACHE (10)');
    w.bit(1, 1, cdb.immed, 'immed');
    w.u32(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.bits(6, 5, 0, cdb.groupNumber, 'groupNumber');
    w.u16(7, cdb.numberOfLogicalBlocks, 'numberOfLogicalBlocks');
    w.u8(9, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'SynchronizeCache10Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a SYNCHRONIZE CACHE (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "SYNCHRONIZE CACHE (10) command"
 * @remarks Since 0.2.0
 */
export function decodeSynchronizeCache10Cdb(bytes: Uint8Array, options?: DecodeOptions): SynchronizeCache10Cdb {
  try {
    const r = cdbReader(bytes, 'SynchronizeCache10Cdb', options, 10, OPCODE.SYNCHRONIZE_CACHE_10);
    r.reserved(1, 0xf8);
    r.reserved(6, 0xc0);
    return {
      kind: 'SYNCHRONIZE CACHE (10)',
      immed: r.bit(1, 1, 'immed'),
      logicalBlockAddress: r.u32(2, 'logicalBlockAddress'),
      groupNumber: r.bits(6, 5, 0, 'groupNumber'),
      numberOfLogicalBlocks: r.u16(7, 'numberOfLogicalBlocks'),
      control: r.u8(9, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'SynchronizeCache10Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
