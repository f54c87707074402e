/**
 * EXTENDED COPY parameter lists (LID1 and LID4), their CSCD descriptors and segment descriptors.
 *
 * LID1 (SPC-4 "EXTENDED COPY (LID1) parameter list", 16-byte header): byte 0 LIST IDENTIFIER;
 * byte 1 bit 5 STR, bits 4:3 LIST ID USAGE (SPC-3: bit 4 NRCR), bits 2:0 PRIORITY; 2-3 CSCD
 * DESCRIPTOR LIST LENGTH; 4-7 reserved; 8-11 SEGMENT DESCRIPTOR LIST LENGTH; 12-15 INLINE DATA
 * LENGTH; then the CSCD descriptors (32 bytes each), the segment descriptors and the inline data.
 *
 * LID4 (SPC-4 "EXTENDED COPY(LID4) parameter list", table 126; 48-byte header): byte 0 PARAMETER
 * LIST FORMAT (01h); byte 1 as LID1; 2-3 HEADER CSCD DESCRIPTOR LIST LENGTH (0020h); 4-14 reserved;
 * 15 bit 1 G_SENSE, bit 0 IMMED; 16 HEADER CSCD DESCRIPTOR TYPE CODE (FFh); 17-19 reserved; 20-23
 * LIST IDENTIFIER; 24-41 reserved; 42-43 CSCD DESCRIPTOR LIST LENGTH (n-47); 44-45 SEGMENT
 * DESCRIPTOR LIST LENGTH; 46-47 INLINE DATA LENGTH; then the CSCD descriptors from byte 48, the
 * segment descriptors and the inline data. The "header CSCD descriptor" is not extra data: for
 * compatibility with SPC-3, bytes 2-3 and 16-47 read as an SPC-3 parameter list describe bytes
 * 16-47 as one 32-byte target descriptor of the invalid type FFh (SPC-4 6.4.2), so an SPC-3 copy
 * manager refuses the list. Both fields are decoded as they are; the copy manager checks them.
 *
 * CSCD descriptors (SPC-4 "CSCD descriptors", 32 bytes): byte 0 DESCRIPTOR TYPE CODE; byte 1
 * bits 7:6 LU ID TYPE, bit 5 NUL, bits 4:0 PERIPHERAL DEVICE TYPE; 2-3 RELATIVE INITIATOR PORT
 * IDENTIFIER; 4-27 CSCD descriptor parameters; 28-31 device type specific parameters (IPv6 EAh and
 * IP copy service EBh are 64 bytes: more parameters in 32-63). The
 * Identification Descriptor CSCD descriptor (E4h) is decoded with the ROD token's codec; every other
 * type (Fibre Channel E0h-E2h, SAS, IPv4, IPv6, ROD FEh, ...) keeps its 24 parameter bytes and 4
 * device type specific bytes raw.
 *
 * Segment descriptors (SPC-4 "Segment descriptors"): byte 0 DESCRIPTOR TYPE CODE; byte 1 flags;
 * 2-3 DESCRIPTOR LENGTH (n-3). Block device to block device (02h, length 0018h): 1 bit 1 DC, bit 0
 * CAT; 4-5 SOURCE CSCD DESCRIPTOR ID; 6-7 DESTINATION CSCD DESCRIPTOR ID; 8-9 reserved; 10-11 BLOCK
 * DEVICE NUMBER OF BLOCKS; 12-19 SOURCE BLOCK DEVICE LOGICAL BLOCK ADDRESS; 20-27 DESTINATION
 * BLOCK DEVICE LOGICAL BLOCK ADDRESS. Block device with offset to block device with offset (0Ah,
 * length 001Ch): 1 bit 0 CAT; 4-5, 6-7 CSCD IDs; 8-11 NUMBER OF BYTES; 12-19, 20-27 LBAs; 28-29
 * SOURCE BYTE OFFSET; 30-31 DESTINATION BYTE OFFSET. Every other type (inline/embedded data,
 * stream, ROD/token descriptors) keeps byte 1 and its parameter bytes raw.
 *
 * @see SPC-4 "EXTENDED COPY (LID1) parameter list", "CSCD descriptors", "Segment descriptors"
 * @packageDocumentation
 */
import { ByteReader, type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { arrayField, inputFault, isUint8Array } from '../internal/contract.js';
import {
  IDENTIFICATION_DESCRIPTOR_CSCD_TYPE,
  readIdentificationDescriptorCscd,
  writeIdentificationDescriptorCscd,
} from '../rod-token/identification-descriptor-cscd.js';

import {
  BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH,
  BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH,
  CSCD_DESCRIPTOR_LENGTH,
  type CscdDescriptor,
  cscdDescriptorLength,
  EXTENDED_COPY_LID1_HEADER_LENGTH,
  EXTENDED_COPY_LID4_HEADER_LENGTH,
  EXTENDED_COPY_LID4_LIST_FORMAT,
  type ExtendedCopyLid1ParameterList,
  type ExtendedCopyLid4ParameterList,
  type ExtendedCopyListBody,
  SEGMENT_DESCRIPTOR_TYPE,
  type SegmentDescriptor,
} from './extended-copy-types.js';

export * from './extended-copy-types.js';

// ---------------------------------------------------------------------------------------------
// CSCD descriptors

function readCscd(r: ByteReader, off: number, end: number): CscdDescriptor {
  r.needAt(off, CSCD_DESCRIPTOR_LENGTH, 'cscdDescriptor');
  const type = r.u8(off, 'descriptorTypeCode');
  if (type === IDENTIFICATION_DESCRIPTOR_CSCD_TYPE) {
    return { kind: 'identification', ...readIdentificationDescriptorCscd(r, off) };
  }
  const len = cscdDescriptorLength(type);
  if (off + len > end)
    throw r.error(
      'ERR_LENGTH_MISMATCH',
      'cscdDescriptor',
      off,
      `the ${len}-byte ${hex(type, 2)} descriptor runs past the list`,
    );
  return {
    kind: 'other',
    descriptorTypeCode: type,
    luIdType: r.bits(off + 1, 7, 6, 'luIdType'),
    nul: r.bit(off + 1, 5, 'nul'),
    peripheralDeviceType: r.bits(off + 1, 4, 0, 'peripheralDeviceType'),
    relativeInitiatorPortIdentifier: r.u16(off + 2, 'relativeInitiatorPortIdentifier'),
    cscdParameters: r.bytes(off + 4, 24, 'cscdParameters'),
    deviceTypeSpecificParameters: r.bytes(off + 28, 4, 'deviceTypeSpecificParameters'),
    ...(len > CSCD_DESCRIPTOR_LENGTH ? { moreParameters: r.bytes(off + 32, len - 32, 'moreParameters') } : {}),
  };
}

/** Write `d` (an object: `encodedCscdLength` checked it). */
function writeCscd(w: ByteWriter, off: number, d: CscdDescriptor): void {
  if (d.kind === 'identification') {
    writeIdentificationDescriptorCscd(w, off, d);
    return;
  }
  if (d.kind !== 'other') throw w.error('cscdDescriptor', off, 'kind is neither identification nor other');
  if (d.descriptorTypeCode === IDENTIFICATION_DESCRIPTOR_CSCD_TYPE)
    throw w.error('descriptorTypeCode', off, 'E4h is written from an identification descriptor');
  w.u8(off, d.descriptorTypeCode, 'descriptorTypeCode');
  w.bits(off + 1, 7, 6, d.luIdType, 'luIdType');
  w.bit(off + 1, 5, d.nul, 'nul');
  w.bits(off + 1, 4, 0, d.peripheralDeviceType, 'peripheralDeviceType');
  w.u16(off + 2, d.relativeInitiatorPortIdentifier, 'relativeInitiatorPortIdentifier');
  const len = cscdDescriptorLength(d.descriptorTypeCode);
  w.bytes(off + 4, d.cscdParameters, 'cscdParameters', 24);
  w.bytes(off + 28, d.deviceTypeSpecificParameters, 'deviceTypeSpecificParameters', 4);
  if (len > CSCD_DESCRIPTOR_LENGTH) {
    if (d.moreParameters === undefined) throw w.error('moreParameters', off + 32, 'missing (64-byte type)');
    w.bytes(off + 32, d.moreParameters, 'moreParameters', len - 32);
  } else if (d.moreParameters !== undefined) throw w.error('moreParameters', off + 32, 'only for EAh and EBh');
}

// ---------------------------------------------------------------------------------------------
// Segment descriptors

/** Encoded length of a segment descriptor. @internal */
function segmentLength(w: ByteWriter, off: number, s: SegmentDescriptor): number {
  if (typeof s !== 'object' || s === null) throw w.error('segmentDescriptor', off, 'not a segment descriptor');
  switch (s.kind) {
    case 'blockToBlock':
      return 4 + BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH;
    case 'blockToBlockWithOffsets':
      return 4 + BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH;
    case 'other':
      if (!isUint8Array(s.bytes)) throw w.error('parameters', off + 4, 'not a Uint8Array');
      if (s.bytes.length > 0xffff) throw w.error('descriptorLength', off + 2, 'parameters exceed 65535 bytes');
      return 4 + s.bytes.length;
    default:
      throw w.error('segmentDescriptor', off, 'unknown kind');
  }
}

function readSegment(r: ByteReader, off: number, end: number): SegmentDescriptor {
  if (off + 4 > end)
    throw r.error('ERR_LENGTH_MISMATCH', 'segmentDescriptor', off, 'segment descriptor header runs past the list');
  const type = r.u8(off, 'descriptorTypeCode');
  const length = r.u16(off + 2, 'descriptorLength');
  if (off + 4 + length > end) {
    // A type this codec does not know, with a length that cannot be right: a device server reports the type.
    const known =
      type === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK || type === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS;
    const rule = known ? undefined : 'spc.extended-copy.unsupported-segment-type';
    throw r.error(
      'ERR_LENGTH_MISMATCH',
      'descriptorLength',
      off + 2,
      `descriptor length ${length} runs past the list`,
      undefined,
      rule,
    );
  }
  if (type === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK) {
    if (length !== BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH)
      throw r.error('ERR_LENGTH_MISMATCH', 'descriptorLength', off + 2, `02h descriptor length ${hex(length, 4)}`);
    r.reserved(off + 1, 0xfc);
    r.reservedBytes(off + 8, 2);
    return {
      kind: 'blockToBlock',
      dc: r.bit(off + 1, 1, 'dc'),
      cat: r.bit(off + 1, 0, 'cat'),
      sourceCscdDescriptorId: r.u16(off + 4, 'sourceCscdDescriptorId'),
      destinationCscdDescriptorId: r.u16(off + 6, 'destinationCscdDescriptorId'),
      blockDeviceNumberOfBlocks: r.u16(off + 10, 'blockDeviceNumberOfBlocks'),
      sourceBlockDeviceLogicalBlockAddress: r.u64(off + 12, 'sourceBlockDeviceLogicalBlockAddress'),
      destinationBlockDeviceLogicalBlockAddress: r.u64(off + 20, 'destinationBlockDeviceLogicalBlockAddress'),
    };
  }
  if (type === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS) {
    if (length !== BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH)
      throw r.error('ERR_LENGTH_MISMATCH', 'descriptorLength', off + 2, `0Ah descriptor length ${hex(length, 4)}`);
    r.reserved(off + 1, 0xfe);
    return {
      kind: 'blockToBlockWithOffsets',
      cat: r.bit(off + 1, 0, 'cat'),
      sourceCscdDescriptorId: r.u16(off + 4, 'sourceCscdDescriptorId'),
      destinationCscdDescriptorId: r.u16(off + 6, 'destinationCscdDescriptorId'),
      numberOfBytes: r.u32(off + 8, 'numberOfBytes'),
      sourceBlockDeviceLogicalBlockAddress: r.u64(off + 12, 'sourceBlockDeviceLogicalBlockAddress'),
      destinationBlockDeviceLogicalBlockAddress: r.u64(off + 20, 'destinationBlockDeviceLogicalBlockAddress'),
      sourceBlockDeviceByteOffset: r.u16(off + 28, 'sourceBlockDeviceByteOffset'),
      destinationBlockDeviceByteOffset: r.u16(off + 30, 'destinationBlockDeviceByteOffset'),
    };
  }
  return {
    kind: 'other',
    descriptorTypeCode: type,
    byte1: r.u8(off + 1, 'byte1'),
    bytes: r.bytes(off + 4, length, 'parameters'),
  };
}

function writeSegment(w: ByteWriter, off: number, s: SegmentDescriptor, length: number): void {
  switch (s.kind) {
    case 'blockToBlock':
      w.u8(off, SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK, 'descriptorTypeCode');
      w.bit(off + 1, 1, s.dc, 'dc');
      w.bit(off + 1, 0, s.cat, 'cat');
      w.u16(off + 2, BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH, 'descriptorLength');
      w.u16(off + 4, s.sourceCscdDescriptorId, 'sourceCscdDescriptorId');
      w.u16(off + 6, s.destinationCscdDescriptorId, 'destinationCscdDescriptorId');
      w.u16(off + 10, s.blockDeviceNumberOfBlocks, 'blockDeviceNumberOfBlocks');
      w.u64(off + 12, s.sourceBlockDeviceLogicalBlockAddress, 'sourceBlockDeviceLogicalBlockAddress');
      w.u64(off + 20, s.destinationBlockDeviceLogicalBlockAddress, 'destinationBlockDeviceLogicalBlockAddress');
      return;
    case 'blockToBlockWithOffsets':
      w.u8(off, SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS, 'descriptorTypeCode');
      w.bit(off + 1, 0, s.cat, 'cat');
      w.u16(off + 2, BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH, 'descriptorLength');
      w.u16(off + 4, s.sourceCscdDescriptorId, 'sourceCscdDescriptorId');
      w.u16(off + 6, s.destinationCscdDescriptorId, 'destinationCscdDescriptorId');
      w.u32(off + 8, s.numberOfBytes, 'numberOfBytes');
      w.u64(off + 12, s.sourceBlockDeviceLogicalBlockAddress, 'sourceBlockDeviceLogicalBlockAddress');
      w.u64(off + 20, s.destinationBlockDeviceLogicalBlockAddress, 'destinationBlockDeviceLogicalBlockAddress');
      w.u16(off + 28, s.sourceBlockDeviceByteOffset, 'sourceBlockDeviceByteOffset');
      w.u16(off + 30, s.destinationBlockDeviceByteOffset, 'destinationBlockDeviceByteOffset');
      return;
    default:
      if (
        s.descriptorTypeCode === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK ||
        s.descriptorTypeCode === SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS
      )
        throw w.error('descriptorTypeCode', off, `${hex(s.descriptorTypeCode, 2)} is written from its own kind`);
      w.u8(off, s.descriptorTypeCode, 'descriptorTypeCode');
      w.u8(off + 1, s.byte1, 'byte1');
      w.u16(off + 2, length - 4, 'descriptorLength');
      w.bytes(off + 4, s.bytes, 'parameters');
  }
}

// ---------------------------------------------------------------------------------------------
// Lists

interface Sections {
  readonly cscd: number;
  readonly segments: number;
  readonly inline: number;
}

function bodySizes(w: ByteWriter, body: ExtendedCopyListBody, start: number): Sections & { lengths: number[] } {
  // At most what a 16-bit CSCD DESCRIPTOR LIST LENGTH can hold; segments: 65535 (bounds the work).
  arrayField(w.structure, 'cscdDescriptors', start, body.cscdDescriptors, 0xffff >> 5);
  arrayField(w.structure, 'segmentDescriptors', start, body.segmentDescriptors, 0xffff);
  // Index loops, not reduce/map: a hole is read as `undefined` (and refused), never skipped; each
  // descriptor's errors carry its own offset.
  const list = body.cscdDescriptors;
  let cscd = 0;
  for (let i = 0; i < list.length; i++) cscd += encodedCscdLength(w, start + cscd, list[i] as CscdDescriptor);
  const segs = body.segmentDescriptors;
  const lengths: number[] = [];
  let segments = 0;
  for (let i = 0; i < segs.length; i++) {
    const n = segmentLength(w, start + cscd + segments, segs[i] as SegmentDescriptor);
    lengths.push(n);
    segments += n;
  }
  if (!isUint8Array(body.inlineData)) throw w.error('inlineData', start + cscd + segments, 'not a Uint8Array');
  return { cscd, segments, inline: body.inlineData.length, lengths };
}

/** Encoded length of a CSCD descriptor. */
function encodedCscdLength(w: ByteWriter, off: number, d: CscdDescriptor): number {
  if (typeof d !== 'object' || d === null) throw w.error('cscdDescriptor', off, 'not a CSCD descriptor');
  return d.kind === 'other' ? cscdDescriptorLength(d.descriptorTypeCode) : CSCD_DESCRIPTOR_LENGTH;
}

function writeBody(w: ByteWriter, start: number, body: ExtendedCopyListBody, lengths: readonly number[]): void {
  let off = start;
  const list = body.cscdDescriptors;
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as CscdDescriptor;
    writeCscd(w, off, d);
    off += encodedCscdLength(w, off, d);
  }
  const segs = body.segmentDescriptors;
  for (let i = 0; i < segs.length; i++) {
    const len = lengths[i] as number;
    writeSegment(w, off, segs[i] as SegmentDescriptor, len);
    off += len;
  }
  w.bytes(off, body.inlineData, 'inlineData');
}

function writeFlags(w: ByteWriter, body: ExtendedCopyListBody): void {
  w.bit(1, 5, body.str, 'str');
  w.bits(1, 4, 3, body.listIdUsage, 'listIdUsage');
  w.bits(1, 2, 0, body.priority, 'priority');
}

function readBody(
  r: ByteReader,
  start: number,
  sections: Sections,
  fields: { cscd: [string, number]; segments: [string, number]; inline: [string, number] },
): Pick<ExtendedCopyListBody, 'cscdDescriptors' | 'segmentDescriptors' | 'inlineData'> {
  if (sections.cscd % CSCD_DESCRIPTOR_LENGTH !== 0)
    throw r.error(
      'ERR_LENGTH_MISMATCH',
      fields.cscd[0],
      fields.cscd[1],
      `${sections.cscd} is not a multiple of ${CSCD_DESCRIPTOR_LENGTH}`,
    );
  const total = start + sections.cscd + sections.segments + sections.inline;
  if (total > r.length)
    throw r.error('ERR_TRUNCATED', fields.inline[0], fields.inline[1], `lists need ${total} bytes, have ${r.length}`);
  if (total < r.length)
    r.tolerate('ERR_LENGTH_MISMATCH', undefined, total, `${r.length - total} byte(s) after the inline data`);
  const cscdDescriptors: CscdDescriptor[] = [];
  let off = start;
  const cscdEnd = start + sections.cscd;
  while (off < cscdEnd) {
    const d = readCscd(r, off, cscdEnd);
    cscdDescriptors.push(d);
    off += d.kind === 'other' ? cscdDescriptorLength(d.descriptorTypeCode) : CSCD_DESCRIPTOR_LENGTH;
  }
  const segEnd = cscdEnd + sections.segments;
  const segmentDescriptors: SegmentDescriptor[] = [];
  while (off < segEnd) {
    const s = readSegment(r, off, segEnd);
    segmentDescriptors.push(s);
    off += 4 + r.u16(off + 2);
  }
  return { cscdDescriptors, segmentDescriptors, inlineData: r.bytes(segEnd, sections.inline, 'inlineData') };
}

/**
 * Encode an EXTENDED COPY (LID1) parameter list; the three list lengths are computed.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, a descriptor has the wrong
 *   shape, or a length exceeds its field.
 * @see SPC-4 "EXTENDED COPY (LID1) parameter list"
 * @remarks Since 0.2.0
 */
export function encodeExtendedCopyLid1ParameterList(list: ExtendedCopyLid1ParameterList): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, 'ExtendedCopyLid1ParameterList');
    const s = bodySizes(probe, list, EXTENDED_COPY_LID1_HEADER_LENGTH);
    if (s.cscd > 0xffff) throw probe.error('cscdDescriptorListLength', 2, `${s.cscd} bytes exceed 65535`);
    const w = new ByteWriter(
      EXTENDED_COPY_LID1_HEADER_LENGTH + s.cscd + s.segments + s.inline,
      'ExtendedCopyLid1ParameterList',
    );
    w.u8(0, list.listIdentifier, 'listIdentifier');
    writeFlags(w, list);
    w.u16(2, s.cscd, 'cscdDescriptorListLength');
    w.u32(8, s.segments, 'segmentDescriptorListLength');
    w.u32(12, s.inline, 'inlineDataLength');
    writeBody(w, EXTENDED_COPY_LID1_HEADER_LENGTH, list, s.lengths);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid1ParameterList', [list], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode an EXTENDED COPY (LID1) parameter list. Bytes after the inline data are an
 * `ERR_LENGTH_MISMATCH` issue (strict: thrown).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (header or lists cut short), `ERR_LENGTH_MISMATCH`
 *   (CSCD DESCRIPTOR LIST LENGTH not a multiple of 32, a segment descriptor running past its list,
 *   02h/0Ah with a wrong DESCRIPTOR LENGTH, an E4h designator longer than 20 bytes); strict:
 *   `ERR_RESERVED_NONZERO`.
 * @see SPC-4 "EXTENDED COPY (LID1) parameter list"
 * @remarks Since 0.2.0
 */
export function decodeExtendedCopyLid1ParameterList(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ExtendedCopyLid1ParameterList {
  try {
    const r = new ByteReader(bytes, 'ExtendedCopyLid1ParameterList', options);
    r.need(EXTENDED_COPY_LID1_HEADER_LENGTH);
    r.reserved(1, 0xc0);
    r.reservedBytes(4, 4);
    const body = readBody(
      r,
      EXTENDED_COPY_LID1_HEADER_LENGTH,
      { cscd: r.u16(2, 'cscdDescriptorListLength'), segments: r.u32(8), inline: r.u32(12) },
      {
        cscd: ['cscdDescriptorListLength', 2],
        segments: ['segmentDescriptorListLength', 8],
        inline: ['inlineDataLength', 12],
      },
    );
    return {
      listIdentifier: r.u8(0, 'listIdentifier'),
      str: r.bit(1, 5, 'str'),
      listIdUsage: r.bits(1, 4, 3, 'listIdUsage'),
      priority: r.bits(1, 2, 0, 'priority'),
      ...body,
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid1ParameterList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode an EXTENDED COPY (LID4) parameter list; the four list lengths are computed.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit (each list length is 16-bit).
 * @see SPC-4 "EXTENDED COPY(LID4) parameter list" (table 126)
 * @remarks Since 0.2.0
 */
export function encodeExtendedCopyLid4ParameterList(list: ExtendedCopyLid4ParameterList): Uint8Array<ArrayBuffer> {
  try {
    const probe = new ByteWriter(0, 'ExtendedCopyLid4ParameterList');
    const start = EXTENDED_COPY_LID4_HEADER_LENGTH;
    const s = bodySizes(probe, list, start);
    const w = new ByteWriter(start + s.cscd + s.segments + s.inline, 'ExtendedCopyLid4ParameterList');
    w.u8(0, list.listFormat, 'listFormat');
    writeFlags(w, list);
    w.u16(2, list.headerCscdDescriptorListLength, 'headerCscdDescriptorListLength');
    w.bit(15, 1, list.gSense, 'gSense');
    w.bit(15, 0, list.immed, 'immed');
    w.u8(16, list.headerCscdDescriptorTypeCode, 'headerCscdDescriptorTypeCode');
    w.u32(20, list.listIdentifier, 'listIdentifier');
    w.u16(42, s.cscd, 'cscdDescriptorListLength');
    w.u16(44, s.segments, 'segmentDescriptorListLength');
    w.u16(46, s.inline, 'inlineDataLength');
    writeBody(w, start, list, s.lengths);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid4ParameterList', [list], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode an EXTENDED COPY (LID4) parameter list. LIST FORMAT other than 01h is an
 * `ERR_UNSUPPORTED` issue (strict: thrown); trailing bytes as for LID1.
 *
 * @throws {ScsiCodecError} as {@link decodeExtendedCopyLid1ParameterList}, for the 48-byte header.
 * @see SPC-4 "EXTENDED COPY(LID4) parameter list" (table 126)
 * @remarks Since 0.2.0
 */
export function decodeExtendedCopyLid4ParameterList(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ExtendedCopyLid4ParameterList {
  try {
    const r = new ByteReader(bytes, 'ExtendedCopyLid4ParameterList', options);
    r.need(EXTENDED_COPY_LID4_HEADER_LENGTH);
    const listFormat = r.u8(0, 'listFormat');
    if (listFormat !== EXTENDED_COPY_LID4_LIST_FORMAT)
      r.tolerate('ERR_UNSUPPORTED', 'listFormat', 0, `LIST FORMAT ${hex(listFormat, 2)} is not 01h`);
    r.reserved(1, 0xc0);
    r.reservedBytes(4, 11);
    r.reserved(15, 0xfc);
    r.reservedBytes(17, 3);
    r.reservedBytes(24, 18);
    const body = readBody(
      r,
      EXTENDED_COPY_LID4_HEADER_LENGTH,
      { cscd: r.u16(42, 'cscdDescriptorListLength'), segments: r.u16(44), inline: r.u16(46) },
      {
        cscd: ['cscdDescriptorListLength', 42],
        segments: ['segmentDescriptorListLength', 44],
        inline: ['inlineDataLength', 46],
      },
    );
    return {
      listFormat,
      str: r.bit(1, 5, 'str'),
      listIdUsage: r.bits(1, 4, 3, 'listIdUsage'),
      priority: r.bits(1, 2, 0, 'priority'),
      gSense: r.bit(15, 1, 'gSense'),
      immed: r.bit(15, 0, 'immed'),
      headerCscdDescriptorListLength: r.u16(2, 'headerCscdDescriptorListLength'),
      headerCscdDescriptorTypeCode: r.u8(16, 'headerCscdDescriptorTypeCode'),
      listIdentifier: r.u32(20, 'listIdentifier'),
      ...body,
      ...issuesOf(r),
    };
  } catch (e) {
    throw inputFault(e, 'ExtendedCopyLid4ParameterList', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
