/**
 * POPULATE TOKEN parameter list: a 16-byte header and block device range descriptors.
 *
 * Layout: bytes 0-1 POPULATE TOKEN DATA LENGTH (n-1); byte 2 bits 7:2 reserved, bit 1 RTV, bit 0
 * IMMED; byte 3 reserved; 4-7 INACTIVITY TIMEOUT; 8-11 ROD TYPE; 12-13 reserved; 14-15 BLOCK DEVICE
 * RANGE DESCRIPTOR LENGTH (n-15); 16-n range descriptors.
 *
 * @see SBC-4 "POPULATE TOKEN parameter list" table
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

/** Header length of the POPULATE TOKEN parameter list (descriptors start here). @remarks Since 0.1.0 */
export const POPULATE_TOKEN_HEADER_LENGTH = 16;
/** Minimum valid POPULATE TOKEN DATA LENGTH: header + one descriptor - 2 = 001Eh. @remarks Since 0.1.0 */
export const POPULATE_TOKEN_MINIMUM_DATA_LENGTH = 0x1e;

/**
 * Decoded POPULATE TOKEN parameter list. Length fields are not kept: the encoder computes them and
 * the decoder reports disagreements as issues (or throws in strict mode).
 *
 * @remarks Since 0.1.0
 */
export interface PopulateTokenParameterList {
  /** RTV (byte 2 bit 1): ROD TYPE is valid; when false the copy manager picks a point-in-time ROD type. */
  readonly rtv: boolean;
  /** IMMED (byte 2 bit 0): return status once the list is validated and transferred. */
  readonly immed: boolean;
  /** INACTIVITY TIMEOUT (bytes 4-7), seconds; 0 = the copy manager's default. */
  readonly inactivityTimeout: number;
  /** ROD TYPE (bytes 8-11); meaningful only when `rtv`. */
  readonly rodType: number;
  /** Block device range descriptors (bytes 16-n), complete ones only. */
  readonly blockDeviceRangeDescriptors: readonly BlockDeviceRangeDescriptor[];
  /**
   * Lenient mode: bytes of a partial last descriptor that were ignored (present only when > 0).
   * Not encoded.
   */
  readonly ignoredBytes?: number;
  /** Lenient-mode findings (only present when there are some). Not encoded. */
  readonly issues?: readonly DecodeIssue[];
}

const LAYOUT: RangeListLayout = {
  structure: 'PopulateTokenParameterList',
  headerLength: POPULATE_TOKEN_HEADER_LENGTH,
  dataLengthField: 'populateTokenDataLength',
  minimumDataLength: POPULATE_TOKEN_MINIMUM_DATA_LENGTH,
  rangeLengthOffset: 14,
};

/**
 * Encode a POPULATE TOKEN parameter list; DATA LENGTH and BLOCK DEVICE RANGE DESCRIPTOR LENGTH are
 * computed. Zero descriptors are encodable (a list a device server must reject) so tests can build one.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, or there are more than 4095 descriptors.
 * @see SBC-4 "POPULATE TOKEN parameter list"
 * @remarks Since 0.1.0
 */
export function encodePopulateTokenParameterList(list: PopulateTokenParameterList): Uint8Array<ArrayBuffer> {
  try {
    const size = rangeListSize(LAYOUT.structure, POPULATE_TOKEN_HEADER_LENGTH, list.blockDeviceRangeDescriptors);
    const w = new ByteWriter(size, LAYOUT.structure);
    w.u16(0, size - 2, 'populateTokenDataLength');
    w.bit(2, 1, list.rtv, 'rtv');
    w.bit(2, 0, list.immed, 'immed');
    w.u32(4, list.inactivityTimeout, 'inactivityTimeout');
    w.u32(8, list.rodType, 'rodType');
    w.u16(14, size - POPULATE_TOKEN_HEADER_LENGTH, 'blockDeviceRangeDescriptorLength');
    writeRangeList(w, POPULATE_TOKEN_HEADER_LENGTH, list.blockDeviceRangeDescriptors);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'PopulateTokenParameterList', [list], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode a POPULATE TOKEN parameter list.
 *
 * Strict mode throws, at the offending field's absolute offset: BLOCK DEVICE RANGE DESCRIPTOR
 * LENGTH < 16 (`ERR_INVALID_VALUE` @ 14) or not a multiple of 16 (`ERR_LENGTH_MISMATCH` @ 14);
 * DATA LENGTH < 001Eh (`ERR_INVALID_VALUE` @ 0) or ≠ 14 + range length (`ERR_LENGTH_MISMATCH` @ 0);
 * descriptors cut short by the PARAMETER LIST LENGTH or buffer (`ERR_TRUNCATED` @ 14); reserved
 * bits. Lenient mode follows SBC: the partial last descriptor and truncated descriptors are
 * ignored, and reported in `issues` (plus `ignoredBytes`).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 16-byte header is missing (or the buffer is shorter
 * than `parameterListLength`), plus the strict-mode errors above.
 * @see SBC-4 "POPULATE TOKEN parameter list"
 * @remarks Since 0.1.0
 */
export function decodePopulateTokenParameterList(
  bytes: Uint8Array,
  options?: ParameterListDecodeOptions,
): PopulateTokenParameterList {
  try {
    const { r, descriptors, ignoredBytes } = readRangeList(bytes, LAYOUT, options, (h) => {
      h.reserved(2, 0xfc);
      h.reservedBytes(3, 1);
      h.reservedBytes(12, 2);
    });
    return {
      rtv: r.bit(2, 1, 'rtv'),
      immed: r.bit(2, 0, 'immed'),
      inactivityTimeout: r.u32(4, 'inactivityTimeout'),
      rodType: r.u32(8, 'rodType'),
      blockDeviceRangeDescriptors: descriptors,
      ...(ignoredBytes > 0 ? { ignoredBytes } : {}),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'PopulateTokenParameterList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
