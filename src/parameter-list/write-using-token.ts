/**
 * WRITE USING TOKEN parameter list: a 536-byte header carrying the 512-byte ROD token, then block
 * device range descriptors (the destination ranges).
 *
 * Layout: bytes 0-1 WRITE USING TOKEN DATA LENGTH (n-1); byte 2 bits 7:2 reserved, bit 1 DEL_TKN,
 * bit 0 IMMED; 3-7 reserved; 8-15 OFFSET INTO ROD; 16-527 ROD TOKEN; 528-533 reserved; 534-535
 * BLOCK DEVICE RANGE DESCRIPTOR LENGTH (n-535); 536-n range descriptors.
 *
 * @see SBC-4 "WRITE USING TOKEN parameter list" table
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import {
  type BlockDeviceRangeDescriptor,
  type ParameterListDecodeOptions,
  type RangeListLayout,
  rangeListSize,
  readRangeList,
  writeRangeList,
} from './block-device-range-descriptor.js';
import { WRITE_USING_TOKEN_LAYOUT } from './layouts.js';

/** Header length of the WRITE USING TOKEN parameter list (descriptors start here). @remarks Since 0.1.0 */
export const WRITE_USING_TOKEN_HEADER_LENGTH: number = WRITE_USING_TOKEN_LAYOUT.length;
/** Minimum valid WRITE USING TOKEN DATA LENGTH: 0226h (552-byte list, one descriptor). @remarks Since 0.1.0 */
export const WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH = 0x226;
/** Offset of the ROD TOKEN field in the WRITE USING TOKEN parameter list. @remarks Since 0.1.0 */
export const WRITE_USING_TOKEN_ROD_TOKEN_OFFSET: number = WRITE_USING_TOKEN_LAYOUT.field.rodToken.offset;

/**
 * Decoded WRITE USING TOKEN parameter list. The ROD token is kept raw (decode it with
 * `decodeRodToken`); length fields are computed by the encoder.
 *
 * @remarks Since 0.1.0
 */
export interface WriteUsingTokenParameterList {
  /** DEL_TKN (byte 2 bit 1): delete the token when this command completes. */
  readonly delTkn: boolean;
  /** IMMED (byte 2 bit 0). */
  readonly immed: boolean;
  /** OFFSET INTO ROD (bytes 8-15), in logical blocks of the destination logical unit. */
  readonly offsetIntoRod: bigint;
  /** ROD TOKEN (bytes 16-527): exactly 512 bytes, a copy. */
  readonly rodToken: Uint8Array;
  /** Destination block device range descriptors (bytes 536-n), complete ones only. */
  readonly blockDeviceRangeDescriptors: readonly BlockDeviceRangeDescriptor[];
  /** Lenient mode: bytes of a partial last descriptor that were ignored (present only when > 0). */
  readonly ignoredBytes?: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

const F = WRITE_USING_TOKEN_LAYOUT.field;
const LAYOUT: RangeListLayout = {
  header: WRITE_USING_TOKEN_LAYOUT,
  dataLengthField: F.writeUsingTokenDataLength.name,
  minimumDataLength: WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH,
  rules: {
    header: 'sbc.write-using-token.header-truncated',
    dataLength: 'sbc.write-using-token.data-length',
    dataLengthMismatch: 'sbc.write-using-token.data-length-mismatch',
    rangeLength: 'sbc.write-using-token.range-length',
    partialDescriptor: 'sbc.write-using-token.partial-descriptor',
    truncatedDescriptors: 'sbc.write-using-token.truncated-descriptors',
    reserved: 'sbc.write-using-token.reserved',
  },
};

/**
 * Encode a WRITE USING TOKEN parameter list; both length fields are computed.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, `rodToken` is not exactly 512
 * bytes, or there are more than 4062 descriptors.
 * @see SBC-4 "WRITE USING TOKEN parameter list"
 * @remarks Since 0.1.0
 */
export function encodeWriteUsingTokenParameterList(list: WriteUsingTokenParameterList): Uint8Array<ArrayBuffer> {
  try {
    const structure = WRITE_USING_TOKEN_LAYOUT.structure;
    const size = rangeListSize(structure, WRITE_USING_TOKEN_HEADER_LENGTH, list.blockDeviceRangeDescriptors);
    const w = new ByteWriter(size, structure);
    w.u16(F.writeUsingTokenDataLength.offset, size - 2, 'writeUsingTokenDataLength');
    w.bit(F.delTkn.offset, F.delTkn.lo as number, list.delTkn, 'delTkn');
    w.bit(F.immed.offset, F.immed.lo as number, list.immed, 'immed');
    w.u64(F.offsetIntoRod.offset, list.offsetIntoRod, 'offsetIntoRod');
    w.bytes(F.rodToken.offset, list.rodToken, 'rodToken', F.rodToken.width);
    w.u16(
      F.blockDeviceRangeDescriptorLength.offset,
      size - WRITE_USING_TOKEN_HEADER_LENGTH,
      'blockDeviceRangeDescriptorLength',
    );
    writeRangeList(w, WRITE_USING_TOKEN_HEADER_LENGTH, list.blockDeviceRangeDescriptors);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'WriteUsingTokenParameterList', [list], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a WRITE USING TOKEN parameter list. Strict and lenient rules as for
 * {@link decodePopulateTokenParameterList}, with the range length at byte 534, DATA LENGTH minimum
 * 0226h and expected DATA LENGTH 534 + range length.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 536-byte header is missing; strict:
 * `ERR_INVALID_VALUE`, `ERR_LENGTH_MISMATCH`, `ERR_TRUNCATED`, `ERR_RESERVED_NONZERO`.
 * @see SBC-4 "WRITE USING TOKEN parameter list"
 * @remarks Since 0.1.0
 */
export function decodeWriteUsingTokenParameterList(
  bytes: Uint8Array,
  options?: ParameterListDecodeOptions,
): WriteUsingTokenParameterList {
  return readWriteUsingTokenList(bytes, options, false);
}

/**
 * {@link decodeWriteUsingTokenParameterList}, with `rodToken` a view of `bytes` rather than a copy
 * when `viewToken` is set: for the copy manager, which only compares the token while the command
 * runs (one 512-byte allocation less per WRITE USING TOKEN).
 *
 * @internal
 */
export function readWriteUsingTokenList(
  bytes: Uint8Array,
  options: ParameterListDecodeOptions | undefined,
  viewToken: boolean,
): WriteUsingTokenParameterList {
  try {
    const { r, descriptors, ignoredBytes } = readRangeList(bytes, LAYOUT, options);
    const tokenAt = F.rodToken.offset;
    return {
      delTkn: r.bit(F.delTkn.offset, F.delTkn.lo as number, 'delTkn'),
      immed: r.bit(F.immed.offset, F.immed.lo as number, 'immed'),
      offsetIntoRod: r.u64(F.offsetIntoRod.offset, 'offsetIntoRod'),
      rodToken: viewToken
        ? r.bytesView(tokenAt, F.rodToken.width, 'rodToken')
        : r.bytes(tokenAt, F.rodToken.width, 'rodToken'),
      blockDeviceRangeDescriptors: descriptors,
      ...(ignoredBytes > 0 ? { ignoredBytes } : {}),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'WriteUsingTokenParameterList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
