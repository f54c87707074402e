/**
 * SYNCHRONIZE CACHE (16) CDB (16 bytes): byte 0 OPERATION CODE 91h; byte 1 bits 7:3 reserved,
 * bit 2 obsolete, bit 1 IMMED, bit 0 reserved; bytes 2-9 LOGICAL BLOCK ADDRESS; bytes 10-13 NUMBER
 * OF LOGICAL BLOCKS (0: through the last LBA); byte 14 bits 7:6 reserved, bits 5:0 GROUP NUMBER;
 * byte 15 CONTROL.
 *
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded SYNCHRONIZE CACHE (16) CDB. @remarks Since 0.2.0 */
export interface SynchronizeCache16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'SYNCHRONIZE CACHE (16)';
  /** IMMED (byte 1 bit 1): return status as soon as the CDB is validated. */
  readonly immed: boolean;
  /** LOGICAL BLOCK ADDRESS (bytes 2-9). */
  readonly logicalBlockAddress: bigint;
  /** NUMBER OF LOGICAL BLOCKS (bytes 10-13); 0 = from the LBA through the last logical block. */
  readonly numberOfLogicalBlocks: number;
  /** GROUP NUMBER (byte 14 bits 5:0). */
  readonly groupNumber: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a SYNCHRONIZE CACHE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command"
 * @remarks Since 0.2.0
 */
export function encodeSynchronizeCache16Cdb(cdb: CdbInput<SynchronizeCache16Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('SynchronizeCache16Cdb', 16, OPCODE.SYNCHRONIZE_CACHE_16);
    checkCommand(w, cdb.kind, 'SYNCHRONIZE CACHE (16)');
    w.bit(1, 1, cdb.immed, 'immed');
    w.u64(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.u32(10, cdb.numberOfLogicalBlocks, 'numberOfLogicalBlocks');
    w.bits(14, 5, 0, cdb.groupNumber, 'groupNumber');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'SynchronizeCache16Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a SYNCHRONIZE CACHE (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "SYNCHRONIZE CACHE (16) command"
 * @remarks Since 0.2.0
 */
export function decodeSynchronizeCache16Cdb(bytes: Uint8Array, options?: DecodeOptions): SynchronizeCache16Cdb {
  try {
    const r = cdbReader(bytes, 'SynchronizeCache16Cdb', options, 16, OPCODE.SYNCHRONIZE_CACHE_16);
    r.reserved(1, 0xfd);
    r.reserved(14, 0xc0);
    return {
      kind: 'SYNCHRONIZE CACHE (16)',
      immed: r.bit(1, 1, 'immed'),
      logicalBlockAddress: r.u64(2, 'logicalBlockAddress'),
      numberOfLogicalBlocks: r.u32(10, 'numberOfLogicalBlocks'),
      groupNumber: r.bits(14, 5, 0, 'groupNumber'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'SynchronizeCache16Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
