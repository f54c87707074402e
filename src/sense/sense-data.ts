/**
 * Sense data: fixed format (response codes 70h/71h) and descriptor format (72h/73h), with every
 * sense data descriptor type of SPC/SBC/SSC/SAT/OSD.
 *
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @packageDocumentation
 */

import { ScsiCodecError } from '../errors.js';
import { ByteReader, type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, isUint8Array, objectList } from '../internal/contract.js';
import {
  type NestedSenseCodec,
  readSenseDescriptor,
  senseDescriptorDataLength,
  writeSenseDescriptor,
} from './descriptors.js';
import { readSenseKeySpecific, writeSenseKeySpecific } from './sense-key-specific.js';
import {
  type DescriptorSenseData,
  FIXED_SENSE_DATA_LENGTH,
  type FixedSenseData,
  MAX_SENSE_DATA_LENGTH,
  type SenseData,
  type SenseDataDescriptor,
} from './types.js';

// The sense data types and constants, for modules that import them with the codec (the package's
// list of public names is src/sense/index.ts).
export * from './types.js';

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Decode sense data of either format.
 *
 * Lenient (default): an ADDITIONAL SENSE LENGTH beyond the buffer is clamped, fixed sense shorter
 * than 18 bytes reads missing fields as zero, a descriptor whose ADDITIONAL LENGTH is wrong for its
 * type is decoded as far as possible (or kept raw as `kind: 'unknown'` when too short), a cut-off
 * descriptor is dropped; each of these is reported in `issues`. Bytes after ADDITIONAL SENSE LENGTH
 * (e.g. the rest of a 96-byte sense buffer) are ignored in both modes.
 *
 * Strict: the same conditions throw, as do reserved bits set and ADDITIONAL SENSE LENGTH > 244.
 *
 * A RESPONSE CODE other than 70h-73h (e.g. 7Fh vendor specific) throws `ERR_UNSUPPORTED` in both
 * modes: nothing after byte 0 has a standard layout.
 *
 * Unknown and vendor-specific descriptor types are accepted in both modes and kept byte-exact.
 *
 * @example
 * ```ts
 * const s = decodeSenseData(Uint8Array.of(0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x24, 0, 0, 0, 0, 0));
 * s.senseKey; // 5 (ILLEGAL REQUEST)
 * ```
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (empty buffer, or strict and short), `ERR_UNSUPPORTED`
 *   (response code), and in strict mode `ERR_LENGTH_MISMATCH`, `ERR_RESERVED_NONZERO`, `ERR_INVALID_VALUE`.
 * @remarks Since 0.1.0
 */
export function decodeSenseData(bytes: Uint8Array, options?: DecodeOptions): SenseData {
  try {
    const r = new ByteReader(bytes, 'SenseData', options);
    const s = readSenseData(r);
    const issues = issuesOf(r);
    return issues.issues === undefined ? s : { ...s, ...issues };
  } catch (e) {
    throw inputFault(e, 'SenseData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Read sense data occupying reader `r`'s window (use `r.sub(off, len, 'SenseData')` when nested).
 * The result carries no `issues`: they stay in the reader's shared sink for the caller.
 *
 * @internal
 */
export function readSenseData(r: ByteReader): SenseData {
  r.need(1, 'responseCode');
  const responseCode = r.bits(0, 6, 0, 'responseCode');
  switch (responseCode) {
    case 0x70:
    case 0x71:
      return readFixed(r, responseCode);
    case 0x72:
    case 0x73:
      return readDescriptorFormat(r, responseCode);
    default:
      throw r.error(
        'ERR_UNSUPPORTED',
        'responseCode',
        0,
        `response code ${hex(responseCode, 2)} is not 70h-73h (fixed or descriptor sense data)`,
      );
  }
}

/** End of the sense data: 8 + ADDITIONAL SENSE LENGTH, clamped to the window (lenient). */
function senseEnd(r: ByteReader, minimum: number): number {
  if (r.length < 8) return shortSense(r);
  const asl = r.u8(7, 'additionalSenseLength');
  const end = 8 + asl;
  // the common case is small enough to inline; anything to report is in the function below
  return end <= r.length && end <= MAX_SENSE_DATA_LENGTH && end >= minimum ? end : checkedSenseEnd(r, asl, minimum);
}

/** {@link senseEnd} of fewer than 8 bytes. */
function shortSense(r: ByteReader): number {
  r.tolerate('ERR_TRUNCATED', 'additionalSenseLength', r.length, `sense data is ${r.length} bytes, need at least 8`);
  return r.length;
}

/** {@link senseEnd} when ADDITIONAL SENSE LENGTH `asl` is too large or too small. */
function checkedSenseEnd(r: ByteReader, asl: number, minimum: number): number {
  if (8 + asl > MAX_SENSE_DATA_LENGTH) {
    r.tolerate('ERR_INVALID_VALUE', 'additionalSenseLength', 7, `${asl} exceeds the maximum of 244`);
  }
  let end = 8 + asl;
  if (end > r.length) {
    r.tolerate(
      'ERR_TRUNCATED',
      'additionalSenseLength',
      7,
      `declares ${end} bytes of sense data, only ${r.length} present`,
    );
    end = r.length;
  }
  if (end < minimum) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalSenseLength',
      Math.min(7, end),
      `sense data is ${end} bytes, the format needs ${minimum}; missing fields read as zero`,
    );
  }
  return end;
}

/** A reader over [0, end), zero-padded to `minimum` bytes if shorter (offsets stay absolute). */
function window(r: ByteReader, end: number, minimum: number): ByteReader {
  if (end >= minimum) return end === r.length ? r : r.sub(0, end); // the whole window: r itself
  const padded = new Uint8Array(minimum);
  padded.set(r.bytes(0, end));
  return new ByteReader(padded, r.structure, { strict: r.strict, trace: r.trace }, r.base, r.issues);
}

function readFixed(r0: ByteReader, responseCode: 0x70 | 0x71): FixedSenseData {
  const end = senseEnd(r0, FIXED_SENSE_DATA_LENGTH);
  const r = window(r0, end, FIXED_SENSE_DATA_LENGTH);
  const senseKey = r.bits(2, 3, 0, 'senseKey');
  return {
    kind: 'fixed',
    responseCode,
    valid: r.bit(0, 7, 'valid'),
    segmentNumber: r.u8(1, 'segmentNumber'),
    filemark: r.bit(2, 7, 'filemark'),
    eom: r.bit(2, 6, 'eom'),
    ili: r.bit(2, 5, 'ili'),
    sdatOvfl: r.bit(2, 4, 'sdatOvfl'),
    senseKey,
    information: r.u32(3, 'information'),
    commandSpecificInformation: r.u32(8, 'commandSpecificInformation'),
    additionalSenseCode: r.u8(12, 'additionalSenseCode'),
    additionalSenseCodeQualifier: r.u8(13, 'additionalSenseCodeQualifier'),
    fieldReplaceableUnitCode: r.u8(14, 'fieldReplaceableUnitCode'),
    senseKeySpecific: readSenseKeySpecific(r, 15, senseKey),
    additionalSenseBytes: r.rest(FIXED_SENSE_DATA_LENGTH, 'additionalSenseBytes'),
  };
}

function readDescriptorFormat(r0: ByteReader, responseCode: 0x72 | 0x73): DescriptorSenseData {
  const end = senseEnd(r0, 8);
  const r = window(r0, end, 8);
  r.reserved(0, 0x80);
  r.reserved(1, 0xf0);
  r.reserved(4, 0x7f);
  r.reservedBytes(5, 2);
  const senseKey = r.bits(1, 3, 0, 'senseKey');
  const descriptors: SenseDataDescriptor[] = [];
  let pos = 8;
  while (pos < r.length) {
    if (pos + 2 > r.length) {
      r.tolerate('ERR_TRUNCATED', 'descriptorType', pos, 'a 1-byte fragment of a descriptor header; dropped');
      break;
    }
    const type = r.u8(pos, 'descriptorType');
    const len = r.u8(pos + 1, 'additionalLength');
    if (pos + 2 + len > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'additionalLength',
        pos + 1,
        `descriptor ${hex(type, 2)} declares ${len} bytes, only ${r.length - pos - 2} left; dropped`,
      );
      break;
    }
    descriptors.push(readSenseDescriptor(r, pos, type, len, senseKey, NESTED));
    pos += 2 + len;
  }
  return {
    kind: 'descriptor',
    responseCode,
    senseKey,
    additionalSenseCode: r.u8(2, 'additionalSenseCode'),
    additionalSenseCodeQualifier: r.u8(3, 'additionalSenseCodeQualifier'),
    sdatOvfl: r.bit(4, 7, 'sdatOvfl'),
    descriptors,
  };
}

/**
 * Total length of the sense data whose first bytes are `header`: 8 + ADDITIONAL SENSE LENGTH
 * (byte 7), the same for both formats. With fewer than 8 bytes, returns 8 (fetch the header first).
 * Use it to size a REQUEST SENSE allocation or to check that sense data was cut short.
 *
 * @see SPC-5 fixed format sense data; SPC-5 descriptor format sense data
 * @remarks Since 0.1.0
 */
export function requiredSenseDataLength(header: Uint8Array): number {
  try {
    const r = new ByteReader(header, 'SenseData');
    return r.length < 8 ? 8 : 8 + r.u8(7, 'additionalSenseLength');
  } catch (e) {
    throw inputFault(e, 'SenseData', [header], 'ERR_UNEXPECTED_VALUE');
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

function fieldRange(structure: string, field: string, offset: number, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, detail);
}

function bytesOf(v: unknown, structure: string, field: string, offset: number): Uint8Array {
  if (!isUint8Array(v)) throw fieldRange(structure, field, offset, 'not a Uint8Array');
  return v;
}

/** What the forwarded sense data descriptor (0Ch) nests: this module's codec. */
const NESTED: NestedSenseCodec = {
  read: (r) => readSenseData(r),
  write: (w, off, s, len) => writeSenseData(w, off, s, len),
  length: (s, offset) => encodedSenseDataLength(s, offset),
};

/**
 * Encoded length of sense data (fixed: 18 + additional sense bytes; descriptor: 8 + descriptors).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if the value is malformed.
 * @internal
 */
export function encodedSenseDataLength(s: SenseData, offset = 0): number {
  if (s === null || typeof s !== 'object') throw fieldRange('SenseData', 'kind', offset, 'not an object');
  if (s.kind === 'fixed') {
    return (
      FIXED_SENSE_DATA_LENGTH +
      bytesOf(s.additionalSenseBytes, 'FixedSenseData', 'additionalSenseBytes', offset + 18).length
    );
  }
  if (s.kind !== 'descriptor') {
    throw fieldRange('SenseData', 'kind', offset, `kind must be 'fixed' or 'descriptor'`);
  }
  let n = 8;
  const list = objectList('DescriptorSenseData', 'descriptors', offset + 8, s.descriptors, MAX_SENSE_DATA_LENGTH);
  for (const d of list) n += 2 + senseDescriptorDataLength(d, offset + n, NESTED);
  return n;
}

/**
 * Encode sense data; ADDITIONAL SENSE LENGTH and every descriptor's ADDITIONAL LENGTH are computed.
 *
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field, the response code
 *   does not match the format, or the sense data would exceed 252 bytes.
 * @remarks Since 0.1.0
 */
export function encodeSenseData(sense: SenseData): Uint8Array<ArrayBuffer> {
  try {
    const len = encodedSenseDataLength(sense);
    const w = new ByteWriter(len, sense.kind === 'fixed' ? 'FixedSenseData' : 'DescriptorSenseData');
    writeSenseData(w, 0, sense, len);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'SenseData', [sense], 'ERR_FIELD_RANGE');
  }
}

/**
 * Write sense data at `off` of `w` (room for {@link encodedSenseDataLength} bytes needed; pass that
 * length as `len` if already computed).
 *
 * @internal
 */
export function writeSenseData(
  w0: ByteWriter,
  off: number,
  s: SenseData,
  len: number = encodedSenseDataLength(s, w0.start + off),
): void {
  if (len > MAX_SENSE_DATA_LENGTH) {
    throw fieldRange(
      w0.structure,
      'additionalSenseLength',
      w0.start + off + 7,
      `sense data would be ${len} bytes; at most ${MAX_SENSE_DATA_LENGTH} (ADDITIONAL SENSE LENGTH ≤ 244)`,
    );
  }
  if (s.kind === 'fixed') {
    const w = w0.sub(off, len, 'FixedSenseData');
    if (s.responseCode !== 0x70 && s.responseCode !== 0x71) {
      throw w.error('responseCode', 0, `fixed format needs response code 70h or 71h, got ${show(s.responseCode)}`);
    }
    w.bit(0, 7, s.valid, 'valid');
    w.bits(0, 6, 0, s.responseCode, 'responseCode');
    w.u8(1, s.segmentNumber, 'segmentNumber');
    w.bit(2, 7, s.filemark, 'filemark');
    w.bit(2, 6, s.eom, 'eom');
    w.bit(2, 5, s.ili, 'ili');
    w.bit(2, 4, s.sdatOvfl, 'sdatOvfl');
    w.bits(2, 3, 0, s.senseKey, 'senseKey');
    w.u32(3, s.information, 'information');
    w.u8(7, len - 8, 'additionalSenseLength');
    w.u32(8, s.commandSpecificInformation, 'commandSpecificInformation');
    w.u8(12, s.additionalSenseCode, 'additionalSenseCode');
    w.u8(13, s.additionalSenseCodeQualifier, 'additionalSenseCodeQualifier');
    w.u8(14, s.fieldReplaceableUnitCode, 'fieldReplaceableUnitCode');
    writeSenseKeySpecific(w, 15, s.senseKeySpecific);
    w.bytes(18, s.additionalSenseBytes, 'additionalSenseBytes');
    return;
  }
  const w = w0.sub(off, len, 'DescriptorSenseData');
  if (s.responseCode !== 0x72 && s.responseCode !== 0x73) {
    throw w.error('responseCode', 0, `descriptor format needs response code 72h or 73h, got ${show(s.responseCode)}`);
  }
  w.bits(0, 6, 0, s.responseCode, 'responseCode');
  w.bits(1, 3, 0, s.senseKey, 'senseKey');
  w.u8(2, s.additionalSenseCode, 'additionalSenseCode');
  w.u8(3, s.additionalSenseCodeQualifier, 'additionalSenseCodeQualifier');
  w.bit(4, 7, s.sdatOvfl, 'sdatOvfl');
  w.u8(7, len - 8, 'additionalSenseLength');
  let pos = 8;
  for (const d of s.descriptors) {
    const n = senseDescriptorDataLength(d, w.start + pos, NESTED);
    writeSenseDescriptor(w.sub(pos, 2 + n, 'SenseDataDescriptor'), d, n, NESTED);
    pos += 2 + n;
  }
}

/**
 * True for deferred errors (response codes 71h and 73h).
 *
 * @remarks Since 0.1.0
 */
export function isDeferredSense(sense: SenseData): boolean {
  try {
    return sense.responseCode === 0x71 || sense.responseCode === 0x73;
  } catch (e) {
    throw inputFault(e, 'isDeferredSense', [sense], 'ERR_FIELD_RANGE');
  }
}
