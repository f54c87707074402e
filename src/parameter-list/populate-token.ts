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
import { POPULATE_TOKEN_LAYOUT } from './layouts.js';

/** Header length of the POPULATE TOKEN parameter list (descriptors start here). @remarks Since 0.1.0 */
export const POPULATE_TOKEN_HEADER_LENGTH: number = POPULATE_TOKEN_LAYOUT.length;
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

const F = POPULATE_TOKEN_LAYOUT.field;
const LAYOUT: RangeListLayout = {
  header: POPULATE_TOKEN_LAYOUT,
  dataLengthField: F.populateTokenDataLength.name,
  minimumDataLength: POPULATE_TOKEN_MINIMUM_DATA_LENGTH,
  rules: {
    header: 'sbc.populate-token.parameter-list-length',
    dataLength: 'sbc.populate-token.data-length',
    dataLengthMismatch: 'sbc.populate-token.data-length-mismatch',
    rangeLength: 'sbc.populate-token.range-length',
    partialDescriptor: 'sbc.populate-token.partial-descriptor',
    truncatedDescriptors: 'sbc.populate-token.truncated-descriptors',
    reserved: 'sbc.populate-token.reserved',
  },
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
    const structure = POPULATE_TOKEN_LAYOUT.structure;
    const size = rangeListSize(structure, POPULATE_TOKEN_HEADER_LENGTH, list.blockDeviceRangeDescriptors);
    const w = new ByteWriter(size, structure);
    w.u16(F.populateTokenDataLength.offset, size - 2, 'populateTokenDataLength');
    w.bit(F.rtv.offset, F.rtv.lo as number, list.rtv, 'rtv');
    w.bit(F.immed.offset, F.immed.lo as number, list.immed, 'immed');
    w.u32(F.inactivityTimeout.offset, list.inactivityTimeout, 'inactivityTimeout');
    w.u32(F.rodType.offset, list.rodType, 'rodType');
    w.u16(
      F.blockDeviceRangeDescriptorLength.offset,
      size - POPULATE_TOKEN_HEADER_LENGTH,
      'blockDeviceRangeDescriptorLength',
    );
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
    const { r, descriptors, ignoredBytes } = readRangeList(bytes, LAYOUT, options);
    return {
      rtv: r.bit(F.rtv.offset, F.rtv.lo as number, 'rtv'),
      immed: r.bit(F.immed.offset, F.immed.lo as number, 'immed'),
      inactivityTimeout: r.u32(F.inactivityTimeout.offset, 'inactivityTimeout'),
      rodType: r.u32(F.rodType.offset, 'rodType'),
      blockDeviceRangeDescriptors: descriptors,
      ...(ignoredBytes > 0 ? { ignoredBytes } : {}),
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'PopulateTokenParameterList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
