/**
 * READ CAPACITY (16) CDB: SERVICE ACTION IN (16) (9Eh), service action 10h. 16 bytes: byte 0
 * OPERATION CODE; byte 1 bits 7:5 reserved, 4:0 SERVICE ACTION; bytes 2-9 LOGICAL BLOCK ADDRESS
 * (obsolete in SBC-4, kept for captured traffic); 10-13 ALLOCATION LENGTH; byte 14 bits 7:1
 * reserved, bit 0 PMI (obsolete); byte 15 CONTROL.
 *
 * @see SBC-4 "READ CAPACITY (16) command" (CDB table)
 * @packageDocumentation
 */
import { OPCODE, SERVICE_ACTION_IN_16_SA } from '../constants/opcodes.js';
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { inputFault } from '../internal/contract.js';
import { type CdbInput, cdbReader, cdbWriter, checkCommand } from './common.js';

/** Decoded READ CAPACITY (16) CDB. @remarks Since 0.1.0 */
export interface ReadCapacity16Cdb {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: 'READ CAPACITY (16)';
  /** LOGICAL BLOCK ADDRESS (bytes 2-9; obsolete, normally 0). */
  readonly logicalBlockAddress: bigint;
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** PMI (byte 14 bit 0; obsolete, normally false). */
  readonly pmi: boolean;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode a READ CAPACITY (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @see SBC-4 "READ CAPACITY (16) command"
 * @remarks Since 0.1.0
 */
export function encodeReadCapacity16Cdb(cdb: CdbInput<ReadCapacity16Cdb>): Uint8Array<ArrayBuffer> {
  try {
    const w = cdbWriter('ReadCapacity16Cdb', 16, OPCODE.SERVICE_ACTION_IN_16, SERVICE_ACTION_IN_16_SA.READ_CAPACITY_16);
    checkCommand(w, cdb.kind, 'READ CAPACITY (16)');
    w.u64(2, cdb.logicalBlockAddress, 'logicalBlockAddress');
    w.u32(10, cdb.allocationLength, 'allocationLength');
    w.bit(14, 0, cdb.pmi, 'pmi');
    w.u8(15, cdb.control, 'control');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReadCapacity16Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a READ CAPACITY (16) CDB.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE`, strict `ERR_RESERVED_NONZERO` / `ERR_LENGTH_MISMATCH`.
 * @see SBC-4 "READ CAPACITY (16) command"
 * @remarks Since 0.1.0
 */
export function decodeReadCapacity16Cdb(bytes: Uint8Array, options?: DecodeOptions): ReadCapacity16Cdb {
  try {
    const r = cdbReader(
      bytes,
      'ReadCapacity16Cdb',
      options,
      16,
      OPCODE.SERVICE_ACTION_IN_16,
      SERVICE_ACTION_IN_16_SA.READ_CAPACITY_16,
    );
    r.reserved(14, 0xfe);
    return {
      kind: 'READ CAPACITY (16)',
      logicalBlockAddress: r.u64(2, 'logicalBlockAddress'),
      allocationLength: r.u32(10, 'allocationLength'),
      pmi: r.bit(14, 0, 'pmi'),
      control: r.u8(15, 'control'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReadCapacity16Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
