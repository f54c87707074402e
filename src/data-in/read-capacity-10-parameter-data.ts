/**
 * READ CAPACITY (10) parameter data (SBC-4): 8 bytes, no length field. Bytes 0-3 RETURNED LOGICAL
 * BLOCK ADDRESS (FFFFFFFFh when the last LBA does not fit: the host then sends READ CAPACITY
 * (16)); bytes 4-7 LOGICAL BLOCK LENGTH IN BYTES.
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';

const STRUCTURE = 'ReadCapacity10ParameterData';

/** Length of the READ CAPACITY (10) parameter data. @remarks Since 0.2.0 */
export const READ_CAPACITY_10_PARAMETER_DATA_LENGTH = 8;

/**
 * RETURNED LOGICAL BLOCK ADDRESS value meaning "the last LBA is larger than FFFFFFFEh: use READ
 * CAPACITY (16)".
 *
 * @see SBC-4, "READ CAPACITY (10) parameter data"
 * @remarks Since 0.2.0
 */
export const READ_CAPACITY_10_LBA_OVERFLOW = 0xffff_ffff;

/**
 * READ CAPACITY (10) parameter data.
 *
 * @see SBC-4, "READ CAPACITY (10) parameter data" table
 * @remarks Since 0.2.0
 */
export interface ReadCapacity10ParameterData {
  /** RETURNED LOGICAL BLOCK ADDRESS: bytes 0-3 (the last LBA, or FFFFFFFFh if it does not fit). */
  readonly returnedLogicalBlockAddress: number;
  /** LOGICAL BLOCK LENGTH IN BYTES: bytes 4-7. */
  readonly logicalBlockLengthInBytes: number;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * The RETURNED LOGICAL BLOCK ADDRESS for a logical unit whose last LBA is `lastLba`: the LBA
 * itself, or FFFFFFFFh when it is larger than FFFFFFFEh.
 *
 * @see SBC-4, "READ CAPACITY (10) parameter data"
 * @remarks Since 0.2.0
 */
export function readCapacity10ReturnedLba(lastLba: bigint): number {
  try {
    return lastLba >= BigInt(READ_CAPACITY_10_LBA_OVERFLOW) ? READ_CAPACITY_10_LBA_OVERFLOW : Number(lastLba);
  } catch (e) {
    throw inputFault(e, 'readCapacity10ReturnedLba', [lastLba], 'ERR_FIELD_RANGE');
  }
}

/**
 * Encode READ CAPACITY (10) parameter data (8 bytes).
 *
 * @see SBC-4, "READ CAPACITY (10) parameter data" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.2.0
 */
export function encodeReadCapacity10ParameterData(value: ReadCapacity10ParameterData): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(READ_CAPACITY_10_PARAMETER_DATA_LENGTH, STRUCTURE);
    w.u32(0, value.returnedLogicalBlockAddress, 'returnedLogicalBlockAddress');
    w.u32(4, value.logicalBlockLengthInBytes, 'logicalBlockLengthInBytes');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReadCapacity10ParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode READ CAPACITY (10) parameter data. All 8 bytes must be present; bytes after byte 7 are
 * ignored.
 *
 * @see SBC-4, "READ CAPACITY (10) parameter data" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 8 bytes).
 * @remarks Since 0.2.0
 */
export function decodeReadCapacity10ParameterData(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReadCapacity10ParameterData {
  try {
    const r = new ByteReader(bytes, STRUCTURE, options);
    r.need(READ_CAPACITY_10_PARAMETER_DATA_LENGTH);
    return {
      returnedLogicalBlockAddress: r.u32(0, 'returnedLogicalBlockAddress'),
      logicalBlockLengthInBytes: r.u32(4, 'logicalBlockLengthInBytes'),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ReadCapacity10ParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
