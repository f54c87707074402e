/**
 * READ CAPACITY (10) CDB (10 bytes): byte 0 OPERATION CODE 25h; byte 1 bits 7:1 reserved, bit 0
 * obsolete; bytes 2-5 LOGICAL BLOCK ADDRESS (obsolete in SBC-4, kept for captured traffic); bytes
 * 6-7 reserved; byte 8 bits 7:1 reserved, bit 0 PMI (obsolete); byte 9 CONTROL.
 *
 * @see SBC-4 "READ CAPACITY (10) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded READ CAPACITY (10) CDB. @remarks Since 0.2.0 */
export interface ReadCapacity10Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'READ CAPACITY (10)';
  /** LOGICAL BLOCK ADDRESS (bytes 2-5; obsolete, normally 0). */
  readonly logicalBlockAddress: number;
  /** PMI (byte 8 bit 0; obsolete, normally false). */
  readonly pmi: boolean;
  /** CONTROL (byte 9). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a READ CAPACITY (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ CAPACITY (10) command"
 * @remarks Since 0.2.0
 */
export function encodeReadCapacity10Cdb(cdb: CdbInput<ReadCapacity10Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReadCapacity10Cdb', 10, OPCODE.READ_CAPACITY_10);
    checkCommand(w, cdb.kind, 'READ CAPACITY (10)');
    w.u32(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.bit(8, 0, cdb.pmi, 'pmi');
    w.u8(9, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReadCapacity10Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a READ CAPACITY (10) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "READ CAPACITY (10) command"
 * @remarks Since 0.2.0
 */
export function decodeReadCapacity10Cdb(bytes: Uint8Array, options?: DecodeOptions): ReadCapacity10Cdb {
  try {
    const r = cdbReader(bytes, 'ReadCapacity10Cdb', options, 10, OPCODE.READ_CAPACITY_10);
    r.reserved(1, 0xfe);
    r.reservedBytes(6, 2);
    r.reserved(8, 0xfe);
    return {
      kind: 'READ CAPACITY (10)',
      logicalBlockAddress: r.u32(2, 'logicalBlockAddress'),
      pmi: r.bit(8, 0, 'pmi'),
      control: r.u8(9, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReadCapacity10Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
