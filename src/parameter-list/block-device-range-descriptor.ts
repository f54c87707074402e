/**
 * Block device range descriptor (16 bytes), shared by the POPULATE TOKEN and WRITE USING TOKEN
 * parameter lists, the descriptor-list walk both use, and {@link validateRangeDescriptors}.
 *
 * Layout: bytes 0-7 LOGICAL BLOCK ADDRESS; 8-11 NUMBER OF LOGICAL BLOCKS; 12-15 reserved.
 *
 * @see SBC-4 "Block device range descriptor" table
 * @packageDocumentation
 */
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, checkRange, show } from '../internal/byte-writer.js';
import { arrayField, inputFault, objectField } from '../internal/contract.js';
import type { FieldLayout, StructureLayout } from '../internal/layout.js';
import type { RuleId } from '../rules/table.js';
import { BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT } from './layouts.js';

/** Length of one block device range descriptor. @remarks Since 0.1.0 */
export const BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH = 16;

/** Structure named in validation errors. */
const S = 'BlockDeviceRangeDescriptor';
/** Header length of the POPULATE TOKEN parameter list, the shorter of the two lists (SBC-4). */
const SHORTEST_LIST_HEADER = 16;

/** Most descriptors a list with this header can hold: DATA LENGTH (u16) counts the bytes after itself. */
function maxDescriptors(headerLength: number): number {
  return Math.floor((0xffff - (headerLength - 2)) / BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH);
}

/**
 * One block device range descriptor.
 *
 * @see SBC-4 "Block device range descriptor"
 * @remarks Since 0.1.0
 */
export interface BlockDeviceRangeDescriptor {
  /** LOGICAL BLOCK ADDRESS (bytes 0-7). */
  readonly logicalBlockAddress: bigint;
  /** NUMBER OF LOGICAL BLOCKS (bytes 8-11); 0 makes the descriptor a no-op (not an error). */
  readonly numberOfLogicalBlocks: number;
}

/**
 * Decode options for the POPULATE TOKEN and WRITE USING TOKEN parameter lists.
 *
 * @remarks Since 0.1.0
 */
export interface ParameterListDecodeOptions extends DecodeOptions {
  /**
   * The CDB's PARAMETER LIST LENGTH, when known. Only the first `parameterListLength` bytes are
   * the parameter list (the buffer may be longer); a buffer shorter than it throws ERR_TRUNCATED.
   */
  readonly parameterListLength?: number | undefined;
}

const RD = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.field;
const RD_RESERVED = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.fields.filter((f) => f.kind === 'reserved');

/** Read one descriptor at relative offset `off` (strict: bytes 12-15 must be zero). @internal */
export function readBlockDeviceRangeDescriptor(r: ByteReader, off: number): BlockDeviceRangeDescriptor {
  for (const f of RD_RESERVED) r.reservedBytes(off + f.offset, f.width, 'reserved', 'sbc.range-descriptor.reserved');
  return {
    logicalBlockAddress: r.u64(off + RD.logicalBlockAddress.offset, 'logicalBlockAddress'),
    numberOfLogicalBlocks: r.u32(off + RD.numberOfLogicalBlocks.offset, 'numberOfLogicalBlocks'),
  };
}

/** Write one descriptor at relative offset `off`. @internal */
export function writeBlockDeviceRangeDescriptor(w: ByteWriter, off: number, d: BlockDeviceRangeDescriptor): void {
  if (typeof d !== 'object' || d === null) throw w.error('blockDeviceRangeDescriptors', off, 'not a descriptor object');
  w.u64(off + RD.logicalBlockAddress.offset, d.logicalBlockAddress, 'logicalBlockAddress');
  w.u32(off + RD.numberOfLogicalBlocks.offset, d.numberOfLogicalBlocks, 'numberOfLogicalBlocks');
}

/** The rules a range-descriptor list's length checks break (one set per list). @internal */
export interface RangeListRules {
  /** The list is shorter than its header. */
  readonly header: RuleId;
  readonly dataLength: RuleId;
  readonly dataLengthMismatch: RuleId;
  readonly rangeLength: RuleId;
  readonly partialDescriptor: RuleId;
  readonly truncatedDescriptors: RuleId;
  readonly reserved: RuleId;
}

/** Layout of a parameter list made of a fixed header and a range descriptor list. @internal */
export interface RangeListLayout {
  /** The header's layout table: DATA LENGTH at byte 0, the range length field, reserved fields. */
  readonly header: StructureLayout & { readonly field: { readonly blockDeviceRangeDescriptorLength: FieldLayout } };
  /** Name of the DATA LENGTH field (bytes 0-1). */
  readonly dataLengthField: string;
  /** Minimum DATA LENGTH (header + one descriptor - 2). */
  readonly minimumDataLength: number;
  readonly rules: RangeListRules;
}

/** Result of {@link readRangeList}. @internal */
export interface RangeListRead {
  readonly r: ByteReader;
  readonly descriptors: readonly BlockDeviceRangeDescriptor[];
  readonly ignoredBytes: number;
}

/**
 * Open the parameter list (bounded by PARAMETER LIST LENGTH), check its lengths and reserved
 * fields, walk the complete descriptors. The caller reads the header fields from the returned
 * reader. Every finding carries its device-server rule. What SBC says to ignore (a partial last
 * descriptor, descriptors cut off by PARAMETER LIST LENGTH) is recorded as an issue in both modes
 * and never thrown; a list left with no complete descriptor is.
 *
 * @internal
 */
export function readRangeList(
  bytes: Uint8Array,
  layout: RangeListLayout,
  options: ParameterListDecodeOptions | undefined,
): RangeListRead {
  const { header, dataLengthField, rules } = layout;
  const headerLength = header.length;
  const rangeLengthOffset = header.field.blockDeviceRangeDescriptorLength.offset;
  const r = openParameterList(bytes, header.structure, options);
  r.need(headerLength, undefined, rules.header);
  const dataLength = r.u16(0, dataLengthField);
  for (const f of header.fields) {
    if (f.kind !== 'reserved') continue;
    if (f.width === 1 && f.mask !== undefined) r.reserved(f.offset, f.mask, 'reserved', rules.reserved);
    else r.reservedBytes(f.offset, f.width, 'reserved', rules.reserved);
  }
  const rangeLength = r.u16(rangeLengthOffset, 'blockDeviceRangeDescriptorLength');
  checkLengths(r, layout, dataLength, rangeLength);
  const present = r.length - headerLength;
  const listBytes = Math.min(rangeLength, present);
  const count = Math.floor(listBytes / BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH);
  if (rangeLength > present && rangeLength >= BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH) {
    cutOff(r, layout, rangeLength, present, count);
  }
  const descriptors: BlockDeviceRangeDescriptor[] = [];
  for (let i = 0; i < count; i++) {
    descriptors.push(readBlockDeviceRangeDescriptor(r, headerLength + i * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH));
  }
  return { r, descriptors, ignoredBytes: listBytes - count * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH };
}

/** The reader over the parameter list: the first PARAMETER LIST LENGTH bytes when it is given. */
function openParameterList(
  bytes: Uint8Array,
  structure: string,
  options: ParameterListDecodeOptions | undefined,
): ByteReader {
  const r = new ByteReader(bytes, structure, options);
  const pll = options?.parameterListLength;
  if (pll === undefined) return r;
  if (!Number.isInteger(pll) || pll < 0 || pll > 0xffff_ffff) {
    throw r.error('ERR_FIELD_RANGE', 'parameterListLength', 0, `option parameterListLength ${pll} is not a u32`);
  }
  if (pll > r.length) {
    throw r.error(
      'ERR_TRUNCATED',
      'parameterListLength',
      r.length,
      `PARAMETER LIST LENGTH is ${pll} but the buffer holds ${r.length} bytes`,
      undefined,
      'spc.data-out.short',
    );
  }
  return pll < r.length ? r.sub(0, pll) : r;
}

/** BLOCK DEVICE RANGE DESCRIPTOR LENGTH (at least one descriptor, a multiple of 16) and DATA LENGTH. */
function checkLengths(r: ByteReader, layout: RangeListLayout, dataLength: number, rangeLength: number): void {
  const { header, dataLengthField, minimumDataLength, rules } = layout;
  const rangeLengthOffset = header.field.blockDeviceRangeDescriptorLength.offset;
  // Checked before DATA LENGTH so a short range list (a list with no descriptor too) is reported
  // at its own field (SBC: 26h/00h, FIELD POINTER = the BLOCK DEVICE RANGE DESCRIPTOR LENGTH field).
  if (rangeLength < BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH) {
    r.tolerate(
      'ERR_INVALID_VALUE',
      'blockDeviceRangeDescriptorLength',
      rangeLengthOffset,
      `BLOCK DEVICE RANGE DESCRIPTOR LENGTH ${rangeLength} is less than one descriptor (16)`,
      undefined,
      rules.rangeLength,
    );
  }
  const expected = header.length - 2 + rangeLength;
  if (dataLength < minimumDataLength) {
    r.tolerate(
      'ERR_INVALID_VALUE',
      dataLengthField,
      0,
      `DATA LENGTH ${hex(dataLength, 4)} is less than the minimum ${hex(minimumDataLength, 4)}`,
      undefined,
      rules.dataLength,
    );
  } else if (dataLength !== expected) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      dataLengthField,
      0,
      `DATA LENGTH ${dataLength} disagrees with BLOCK DEVICE RANGE DESCRIPTOR LENGTH ${rangeLength} (expected ${expected})`,
      undefined,
      rules.dataLengthMismatch,
    );
  }
  if (rangeLength >= BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH && rangeLength % BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH !== 0) {
    r.note(
      'ERR_LENGTH_MISMATCH',
      'blockDeviceRangeDescriptorLength',
      rangeLengthOffset,
      `BLOCK DEVICE RANGE DESCRIPTOR LENGTH ${rangeLength} is not a multiple of 16 (partial last descriptor ignored)`,
      undefined,
      rules.partialDescriptor,
    );
  }
}

/**
 * Descriptors cut off by PARAMETER LIST LENGTH: ignored (a note) while `count` complete ones are
 * left, refused when none is.
 */
function cutOff(r: ByteReader, layout: RangeListLayout, rangeLength: number, present: number, count: number): void {
  const at = layout.header.field.blockDeviceRangeDescriptorLength.offset;
  const detail = `range descriptors need ${rangeLength} bytes but the parameter list has ${present}`;
  if (count === 0) {
    r.tolerate(
      'ERR_TRUNCATED',
      'blockDeviceRangeDescriptorLength',
      at,
      `${detail}: no complete descriptor`,
      undefined,
      'sbc.range-descriptors.none',
    );
  } else {
    r.note(
      'ERR_TRUNCATED',
      'blockDeviceRangeDescriptorLength',
      at,
      `${detail} (truncated descriptors ignored)`,
      undefined,
      layout.rules.truncatedDescriptors,
    );
  }
}

/** Lists shorter than this are written through the checked writer alone (no DataView made). */
const LEAN_LIST = 4;
/** 2^64: LOGICAL BLOCK ADDRESS is below it, and so is the end of a range on the device. */
const U64_LIMIT = 1n << 64n;
const LBA_AT = RD.logicalBlockAddress.offset;
const COUNT_AT = RD.numberOfLogicalBlocks.offset;

/**
 * Write the descriptor list at `off`. Longer lists store the descriptors whose fields are in range
 * straight through one DataView; a hole is skipped (as forEach does), and anything else (not an
 * object, a value out of range, no room) goes through the checked writer, which throws its exact
 * error.
 *
 * @internal
 */
export function writeRangeList(w: ByteWriter, off: number, descriptors: readonly BlockDeviceRangeDescriptor[]): void {
  const n = descriptors.length;
  const v =
    n >= LEAN_LIST && off >= 0 && off + n * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH <= w.length ? w.view : undefined;
  for (let i = 0; i < n; i++) {
    if (!(i in descriptors)) continue;
    const d = descriptors[i] as BlockDeviceRangeDescriptor;
    const at = off + i * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH;
    if (v !== undefined && typeof d === 'object' && d !== null) {
      const lba = d.logicalBlockAddress;
      const count = d.numberOfLogicalBlocks;
      if (
        typeof lba === 'bigint' &&
        lba >= 0n &&
        lba < U64_LIMIT &&
        typeof count === 'number' &&
        count >>> 0 === count
      ) {
        v.setBigUint64(w.start + at + LBA_AT, lba);
        v.setUint32(w.start + at + COUNT_AT, count);
        continue;
      }
    }
    writeBlockDeviceRangeDescriptor(w, at, d);
  }
}

/** Size a header + descriptor list, checking the count fits DATA LENGTH (u16). @internal */
export function rangeListSize(
  structure: string,
  headerLength: number,
  descriptors: readonly BlockDeviceRangeDescriptor[] | undefined,
): number {
  if (!Array.isArray(descriptors)) {
    checkRange(structure, 'blockDeviceRangeDescriptors', headerLength, -1, 0);
  }
  const max = maxDescriptors(headerLength);
  const n = (descriptors as readonly BlockDeviceRangeDescriptor[]).length;
  checkRange(structure, 'blockDeviceRangeDescriptors', headerLength, n, max);
  return headerLength + n * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH;
}

/**
 * Copy-manager limits {@link validateRangeDescriptors} checks against; omitted or 0 = not reported
 * (not checked), as in the Block Device ROD Limits descriptor.
 *
 * @remarks Since 0.1.0
 */
export interface RangeDescriptorLimits {
  /** MAXIMUM RANGE DESCRIPTORS (VPD 8Fh Block Device ROD Limits). */
  readonly maximumRangeDescriptors?: number | undefined;
  /** MAXIMUM TOKEN TRANSFER SIZE: total logical blocks over all descriptors. */
  readonly maximumTokenTransferSize?: bigint | undefined;
  /**
   * Largest NUMBER OF LOGICAL BLOCKS one descriptor may have (MAXIMUM BYTES IN BLOCK ROD / block
   * length, or Block Limits MAXIMUM TRANSFER LENGTH).
   */
  readonly maximumBlocksPerDescriptor?: number | undefined;
  /** Number of logical blocks on the logical unit (READ CAPACITY (16) RETURNED LBA + 1). */
  readonly capacity?: bigint | undefined;
}

/**
 * What {@link validateRangeDescriptors} found, with the additional sense code the copy manager
 * should return for it (sense key ILLEGAL REQUEST in every case).
 *
 * @remarks Since 0.1.0
 */
export interface RangeDescriptorIssue {
  /** Stable issue code. */
  readonly code: 'TOO_MANY_DESCRIPTORS' | 'OVERLAP' | 'TOTAL_TOO_LARGE' | 'DESCRIPTOR_TOO_LARGE' | 'OUT_OF_RANGE';
  /**
   * Index of the offending descriptor (for TOO_MANY_DESCRIPTORS the first one over the limit; for
   * TOTAL_TOO_LARGE the one where the running total first exceeds it). Its byte offset in the
   * parameter list is 16 + 16 × index (POPULATE TOKEN) or 536 + 16 × index (WRITE USING TOKEN).
   */
  readonly descriptorIndex: number;
  /** For OVERLAP: the earlier-listed descriptor it overlaps. */
  readonly otherDescriptorIndex?: number;
  /** ASC to report: 26h (INVALID FIELD IN PARAMETER LIST / TOO MANY SEGMENT DESCRIPTORS) or 21h (LBA OUT OF RANGE). */
  readonly asc: number;
  /** ASCQ to report: 00h, or 08h for TOO_MANY_DESCRIPTORS. */
  readonly ascq: number;
  readonly message: string;
}

/**
 * The semantic range-descriptor checks of POPULATE TOKEN / WRITE USING TOKEN that need no device
 * state beyond `limits`: count > MAXIMUM RANGE DESCRIPTORS (26h/08h), overlapping ranges (26h/00h),
 * total or per-descriptor size over the limits (26h/00h), ranges past the capacity or past
 * 2^64 (21h/00h). Descriptors with NUMBER OF LOGICAL BLOCKS 0 are no-ops and never overlap.
 * Pure: returns issues, never throws.
 *
 * @example
 * ```ts
 * validateRangeDescriptors([
 *   { logicalBlockAddress: 0n, numberOfLogicalBlocks: 8 },
 *   { logicalBlockAddress: 4n, numberOfLogicalBlocks: 8 },
 * ]); // [{ code: 'OVERLAP', descriptorIndex: 1, otherDescriptorIndex: 0, asc: 0x26, ascq: 0, ... }]
 * ```
 * @see SBC-4 "POPULATE TOKEN command" and "WRITE USING TOKEN command" (parameter list checks)
 * @remarks Since 0.1.0
 */
export function validateRangeDescriptors(
  ranges: readonly BlockDeviceRangeDescriptor[],
  limits?: RangeDescriptorLimits,
): RangeDescriptorIssue[] {
  try {
    const issues: RangeDescriptorIssue[] = [];
    const maxDesc = limits?.maximumRangeDescriptors ?? 0;
    if (maxDesc > 0 && ranges.length > maxDesc) {
      issues.push({
        code: 'TOO_MANY_DESCRIPTORS',
        descriptorIndex: maxDesc,
        asc: 0x26,
        ascq: 0x08,
        message: `${ranges.length} range descriptors, maximum is ${maxDesc}`,
      });
    }
    checkDescriptorShapes(ranges);
    sizeIssues(ranges, limits, issues);
    overlapIssues(ranges, issues);
    return issues;
  } catch (e) {
    throw inputFault(e, 'validateRangeDescriptors', [ranges, limits], 'ERR_FIELD_RANGE');
  }
}

/**
 * Shapes first (a list, descriptor objects, a bigint LBA and a u32 count), so that the arithmetic
 * of the checks cannot throw and a sparse array claiming 2^32 - 1 elements is not walked.
 */
function checkDescriptorShapes(ranges: readonly BlockDeviceRangeDescriptor[]): void {
  arrayField(S, 'blockDeviceRangeDescriptors', 0, ranges, maxDescriptors(SHORTEST_LIST_HEADER));
  for (let i = 0; i < ranges.length; i++) {
    const d = objectField(S, 'blockDeviceRangeDescriptors', 0, ranges[i]);
    const off = SHORTEST_LIST_HEADER + i * BLOCK_DEVICE_RANGE_DESCRIPTOR_LENGTH;
    const lba = d.logicalBlockAddress;
    if (typeof lba !== 'bigint' || lba < 0n || lba > U64_LIMIT - 1n) {
      throw new ByteWriter(0, S).error('logicalBlockAddress', off, `${show(lba)} is not a bigint in 0..2^64-1`);
    }
    checkRange(S, 'numberOfLogicalBlocks', off + 8, d.numberOfLogicalBlocks, 0xffff_ffff);
  }
}

/** Per descriptor, in order: the running total, the per-descriptor maximum, the capacity and 2^64. */
function sizeIssues(
  ranges: readonly BlockDeviceRangeDescriptor[],
  limits: RangeDescriptorLimits | undefined,
  issues: RangeDescriptorIssue[],
): void {
  const maxTotal = limits?.maximumTokenTransferSize ?? 0n;
  const maxPer = limits?.maximumBlocksPerDescriptor ?? 0;
  const capacity = limits?.capacity;
  let total = 0n;
  let totalReported = false;
  // (a plain loop: no closure per call; shapes are checked, so there are no holes)
  for (let i = 0; i < ranges.length; i++) {
    const d = ranges[i] as BlockDeviceRangeDescriptor;
    const n = BigInt(d.numberOfLogicalBlocks);
    total += n;
    if (maxTotal > 0n && total > maxTotal && !totalReported) {
      totalReported = true;
      issues.push({
        code: 'TOTAL_TOO_LARGE',
        descriptorIndex: i,
        asc: 0x26,
        ascq: 0x00,
        message: `total of ${total} logical blocks (so far) exceeds MAXIMUM TOKEN TRANSFER SIZE ${maxTotal}`,
      });
    }
    if (maxPer > 0 && d.numberOfLogicalBlocks > maxPer) {
      issues.push({
        code: 'DESCRIPTOR_TOO_LARGE',
        descriptorIndex: i,
        asc: 0x26,
        ascq: 0x00,
        message: `${d.numberOfLogicalBlocks} logical blocks exceed the per-descriptor maximum ${maxPer}`,
      });
    }
    const end = d.logicalBlockAddress + n;
    if (n > 0n && (end > U64_LIMIT || (capacity !== undefined && end > capacity))) {
      issues.push({
        code: 'OUT_OF_RANGE',
        descriptorIndex: i,
        asc: 0x21,
        ascq: 0x00,
        message: `blocks ${d.logicalBlockAddress}..${end - 1n} are beyond ${capacity === undefined ? '2^64' : `the capacity (${capacity} blocks)`}`,
      });
    }
  }
}

/** Overlap: sweep by LBA; report each descriptor that starts before the furthest end seen so far. */
function overlapIssues(ranges: readonly BlockDeviceRangeDescriptor[], issues: RangeDescriptorIssue[]): void {
  // (one descriptor overlaps nothing: no sort for the usual single-range request)
  if (ranges.length < 2) return;
  const order = ranges
    .map((d, i) => ({ lba: d.logicalBlockAddress, end: d.logicalBlockAddress + BigInt(d.numberOfLogicalBlocks), i }))
    .filter((x) => x.end > x.lba)
    .sort((a, b) => (a.lba < b.lba ? -1 : a.lba > b.lba ? 1 : a.i - b.i));
  let far: { end: bigint; i: number } | undefined;
  for (const x of order) {
    if (far !== undefined && x.lba < far.end) {
      const [later, earlier] = x.i > far.i ? [x.i, far.i] : [far.i, x.i];
      issues.push({
        code: 'OVERLAP',
        descriptorIndex: later,
        otherDescriptorIndex: earlier,
        asc: 0x26,
        ascq: 0x00,
        message: `range descriptor ${later} overlaps range descriptor ${earlier}`,
      });
    }
    if (far === undefined || x.end > far.end) far = { end: x.end, i: x.i };
  }
}
