/**
 * EXTENDED COPY (LID1) and RECEIVE COPY RESULTS (LID1 service actions 00h, 01h, 03h, 04h) in the
 * copy manager. A copy is a metadata update of the destination's extent map, like WRITE USING
 * TOKEN: block → block (02h) segments between any of this copy manager's logical units, each
 * addressed by its VPD 83h NAA designator in an Identification Descriptor CSCD descriptor (E4h), or
 * by CSCD ID FFFFh (the logical unit the command was sent to).
 *
 * A CSCD descriptor can only name a logical unit this copy manager serves to the I_T nexus the
 * command came through: any other designator is COPY ABORTED, COPY TARGET DEVICE NOT REACHABLE
 * (0Dh/02h). (CVE-2020-28374 was a copy manager that looked designators up among every device of
 * the host.)
 *
 * @see SPC-4 "EXTENDED COPY (LID1) command", "RECEIVE COPY RESULTS"
 * @internal
 */
import { ASC_ASCQ } from '../constants/asc-ascq.js';
import { SENSE_KEY } from '../constants/sense-key.js';
import { isScsiCodecError } from '../errors.js';
import {
  BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH,
  BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH,
  type BlockToBlockSegmentDescriptor,
  type BlockToBlockWithOffsetsSegmentDescriptor,
  CSCD_DESCRIPTOR_LENGTH,
  cscdDescriptorLength,
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  EXTENDED_COPY_LID1_HEADER_LENGTH,
  EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH,
  EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_TYPE_CODE,
  EXTENDED_COPY_LID4_HEADER_LENGTH,
  EXTENDED_COPY_LID4_LIST_FORMAT,
  type ExtendedCopyLid4ParameterList,
  type ExtendedCopyListBody,
  LIST_ID_USAGE,
  SEGMENT_DESCRIPTOR_TYPE,
} from '../parameter-list/extended-copy.js';
import { IDENTIFICATION_DESCRIPTOR_CSCD_TYPE } from '../rod-token/identification-descriptor-cscd.js';
import { buildSenseData, encodeSenseData } from '../sense/index.js';
import { COPY_STATUS, type Engine, type ItNexus, type Lu, NO_RANGES, nexusKey, type OpRec } from './engine.js';
import { zeroImage } from './extent-map.js';
import { type Fault, FaultError, fail } from './fault.js';

/** CSCD ID of "the logical unit that received the EXTENDED COPY command" (SPC-4 "CSCD descriptor ID"). */
export const CSCD_ID_THIS_LU = 0xffff;

/**
 * The EXTENDED COPY limits this copy manager enforces, and advertises in RECEIVE COPY OPERATING
 * PARAMETERS and VPD page 8Fh.
 */
export const XCOPY_LIMITS: {
  readonly maxCscdDescriptors: number;
  readonly maxSegmentDescriptors: number;
  readonly maxDescriptorListLength: number;
  readonly maxSegmentLength: number;
  readonly maxInlineDataLength: number;
  readonly implementedDescriptorTypeCodes: readonly number[];
  readonly supportedCscdIds: readonly number[];
} = {
  maxCscdDescriptors: 16,
  maxSegmentDescriptors: 64,
  /** CSCD + segment descriptor lists, bytes: room for every descriptor at its maximum count. */
  maxDescriptorListLength: 16 * CSCD_DESCRIPTOR_LENGTH + 64 * (4 + BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH),
  /** Bytes one segment may copy (BLOCK DEVICE NUMBER OF BLOCKS × block length). */
  maxSegmentLength: 256 * 1024 * 1024,
  /** No inline or embedded data: no segment type that uses it is supported. */
  maxInlineDataLength: 0,
  /**
   * Segment and CSCD descriptor type codes implemented (ascending): 02h block → block, 0Ah block →
   * block with offsets, E4h identification descriptor.
   */
  implementedDescriptorTypeCodes: [
    SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK,
    SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS,
    IDENTIFICATION_DESCRIPTOR_CSCD_TYPE,
  ],
  /** CSCD IDs above 07FFh that are supported. */
  supportedCscdIds: [CSCD_ID_THIS_LU],
};

/** SERVICE ACTION recorded in a LID1 EXTENDED COPY result. */
export const SA_EXTENDED_COPY_LID1 = 0x00;
/** SERVICE ACTION recorded in a LID4 EXTENDED COPY result. */
export const SA_EXTENDED_COPY_LID4 = 0x01;

/** The two parameter list formats: where their header fields are. */
interface ListFormat {
  readonly headerLength: number;
  readonly decode: (p: Uint8Array) => ExtendedCopyListBody & { readonly listIdentifier: number };
  /** Byte offsets of CSCD DESCRIPTOR LIST LENGTH, SEGMENT DESCRIPTOR LIST LENGTH, INLINE DATA LENGTH. */
  readonly cscdLength: number;
  readonly segmentLength: number;
  readonly inlineLength: number;
  /** Byte offset of the LIST IDENTIFIER. */
  readonly listIdentifier: number;
  readonly serviceAction: number;
}

/** SPC-4 "EXTENDED COPY(LID1) parameter list" (table 172). */
const LID1: ListFormat = {
  headerLength: EXTENDED_COPY_LID1_HEADER_LENGTH,
  decode: (p) => decodeExtendedCopyLid1ParameterList(p),
  cscdLength: 2,
  segmentLength: 8,
  inlineLength: 12,
  listIdentifier: 0,
  serviceAction: SA_EXTENDED_COPY_LID1,
};

/** SPC-4 "EXTENDED COPY(LID4) parameter list" (table 126). */
const LID4: ListFormat = {
  headerLength: EXTENDED_COPY_LID4_HEADER_LENGTH,
  decode: (p) => decodeExtendedCopyLid4ParameterList(p),
  cscdLength: 42,
  segmentLength: 44,
  inlineLength: 46,
  listIdentifier: 20,
  serviceAction: SA_EXTENDED_COPY_LID4,
};

/** Offsets of the CSCD descriptors in the parameter list, and the end of their list (relative to it). */
function cscdOffsets(f: ListFormat, list: ExtendedCopyListBody): { at: number[]; end: number } {
  let off = 0;
  const at = list.cscdDescriptors.map((d) => {
    const here = f.headerLength + off;
    off += d.kind === 'other' ? cscdDescriptorLength(d.descriptorTypeCode) : CSCD_DESCRIPTOR_LENGTH;
    return here;
  });
  return { at, end: off };
}

/** Offsets of the segment descriptors in the parameter list. */
function segmentOffsets(f: ListFormat, list: ExtendedCopyListBody): number[] {
  let off = f.headerLength + cscdOffsets(f, list).end;
  return list.segmentDescriptors.map((s) => {
    const at = off;
    off +=
      4 +
      (s.kind === 'blockToBlock'
        ? BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH
        : s.kind === 'blockToBlockWithOffsets'
          ? BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH
          : s.bytes.length);
    return at;
  });
}

/**
 * Check the header's lengths against the limits and the data (before any descriptor is decoded):
 * SPC-4 asks for PARAMETER LIST LENGTH ERROR when the descriptor lists exceed MAXIMUM DESCRIPTOR
 * LIST LENGTH or the parameter list is shorter than the lists it announces. The LID4 header's
 * fixed fields (SPC-4 table 126: PARAMETER LIST FORMAT 01h, HEADER CSCD DESCRIPTOR LIST LENGTH
 * 0020h, HEADER CSCD DESCRIPTOR TYPE CODE FFh) are INVALID FIELD IN PARAMETER LIST otherwise.
 */
function checkHeader(f: ListFormat, p: Uint8Array): void {
  if (p.length < f.headerLength) fail('spc.extended-copy.header-truncated');
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  const lid4 = f === LID4;
  if (lid4) {
    if (p[0] !== EXTENDED_COPY_LID4_LIST_FORMAT) fail('spc.extended-copy.lid4-list-format');
    if (dv.getUint16(2) !== EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH)
      fail('spc.extended-copy.lid4-header-cscd-list-length');
    if (p[16] !== EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_TYPE_CODE) fail('spc.extended-copy.lid4-header-cscd-type');
  }
  const cscd = dv.getUint16(f.cscdLength);
  const seg = lid4 ? dv.getUint16(f.segmentLength) : dv.getUint32(f.segmentLength);
  const inline = lid4 ? dv.getUint16(f.inlineLength) : dv.getUint32(f.inlineLength);
  if (cscd + seg > XCOPY_LIMITS.maxDescriptorListLength)
    fail('spc.extended-copy.descriptor-list-too-long', { fieldPointer: f.cscdLength });
  if (inline > XCOPY_LIMITS.maxInlineDataLength)
    fail('spc.extended-copy.inline-data', { fieldPointer: f.inlineLength });
  if (f.headerLength + cscd + seg + inline > p.length) fail('spc.extended-copy.lists-truncated');
  if (cscd / CSCD_DESCRIPTOR_LENGTH > XCOPY_LIMITS.maxCscdDescriptors)
    fail('spc.extended-copy.too-many-cscd-descriptors', { fieldPointer: f.cscdLength });
}

/** The LU a CSCD descriptor names, or `undefined` if this copy manager does not serve it. */
function resolveCscd(e: Engine, list: ExtendedCopyListBody, id: number, lun: number): Lu | undefined {
  if (id === CSCD_ID_THIS_LU) return e.lus.get(lun);
  const d = list.cscdDescriptors[id];
  if (d === undefined || d.kind !== 'identification') return undefined;
  const dd = d.designationDescriptor;
  if (dd.association !== 0 || dd.designatorType !== 3 || dd.codeSet !== 1) return undefined;
  // Only the logical units of this copy manager (all of them are served to every I_T nexus).
  for (const lu of e.lus.values()) {
    if (lu.naa.length === dd.designator.length && lu.naa.every((b, i) => b === dd.designator[i])) return lu;
  }
  return undefined;
}

/** Validate every descriptor (types, counts, CSCD IDs) before anything is copied. */
function validate(
  f: ListFormat,
  list: ExtendedCopyListBody & { readonly listIdentifier: number },
  offsets: readonly number[],
  immed: boolean,
): void {
  if (list.listIdUsage === 1) fail('spc.extended-copy.list-id-usage-reserved');
  if (list.listIdUsage === LIST_ID_USAGE.NO_LIST_ID && list.listIdentifier !== 0)
    fail('spc.extended-copy.no-list-id-nonzero', { fieldPointer: f.listIdentifier });
  // IMMED = 1 returns before the copy is done: only a list identifier lets the result be asked for.
  if (immed && list.listIdUsage === LIST_ID_USAGE.NO_LIST_ID) fail('spc.extended-copy.immed-without-list-id');
  const cscdAt = cscdOffsets(f, list).at;
  list.cscdDescriptors.forEach((d, i) => {
    const at = cscdAt[i] as number;
    if (d.kind !== 'identification') fail('spc.extended-copy.unsupported-cscd-type', { fieldPointer: at });
    // LU ID TYPE is ignored for E4h (SPC-4); only block devices can be copied.
    if (d.peripheralDeviceType !== 0)
      fail('spc.extended-copy.cscd-peripheral-device-type', { fieldPointer: at + 1, bitPointer: 4 });
  });
  if (list.segmentDescriptors.length > XCOPY_LIMITS.maxSegmentDescriptors)
    fail('spc.extended-copy.too-many-segment-descriptors', { fieldPointer: f.segmentLength });
  list.segmentDescriptors.forEach((s, i) => {
    const at = offsets[i] as number;
    if (s.kind === 'other') fail('spc.extended-copy.unsupported-segment-type', { fieldPointer: at });
  });
}

/** One segment, resolved and checked: `bytes` bytes from `src` at byte `srcByte` to `dst` at `dstByte`. */
interface Step {
  readonly src: Lu;
  readonly srcByte: bigint;
  readonly dst: Lu;
  readonly dstByte: bigint;
  readonly bytes: bigint;
}

/** Resolve and check one 02h or 0Ah segment (nothing is copied). */
function planSegment(
  e: Engine,
  list: ExtendedCopyListBody,
  s: BlockToBlockSegmentDescriptor | BlockToBlockWithOffsetsSegmentDescriptor,
  at: number,
  lun: number,
): Step {
  const src = resolveCscd(e, list, s.sourceCscdDescriptorId, lun);
  if (src === undefined) fail('spc.extended-copy.unreachable-cscd', { fieldPointer: at + 4 });
  const dst = resolveCscd(e, list, s.destinationCscdDescriptorId, lun);
  if (dst === undefined) fail('spc.extended-copy.unreachable-cscd', { fieldPointer: at + 6 });
  // A DISK BLOCK LENGTH other than 0 must be the LU's block length.
  for (const [id, lu, field] of [
    [s.sourceCscdDescriptorId, src, at + 4],
    [s.destinationCscdDescriptorId, dst, at + 6],
  ] as const) {
    const d = list.cscdDescriptors[id];
    if (d?.kind === 'identification' && d.diskBlockLength !== 0 && d.diskBlockLength !== lu.blockSize)
      fail('spc.extended-copy.disk-block-length', { fieldPointer: field });
  }
  let bytes: bigint;
  let srcByte = s.sourceBlockDeviceLogicalBlockAddress * BigInt(src.blockSize);
  let dstByte = s.destinationBlockDeviceLogicalBlockAddress * BigInt(dst.blockSize);
  if (s.kind === 'blockToBlock') {
    bytes = BigInt(s.blockDeviceNumberOfBlocks) * BigInt(s.dc ? dst.blockSize : src.blockSize);
    if (bytes > BigInt(XCOPY_LIMITS.maxSegmentLength))
      fail('spc.extended-copy.segment-too-long', { fieldPointer: at + 10 });
    if (bytes % BigInt(src.blockSize) !== 0n || bytes % BigInt(dst.blockSize) !== 0n)
      fail('spc.extended-copy.segment-granularity', { fieldPointer: at + 10 });
  } else {
    // 0Ah: NUMBER OF BYTES from a byte offset into the first source block to one into the first
    // destination block (SPC-4 "Block device with offset to block device with offset").
    bytes = BigInt(s.numberOfBytes);
    if (bytes > BigInt(XCOPY_LIMITS.maxSegmentLength))
      fail('spc.extended-copy.segment-too-long', { fieldPointer: at + 8 });
    if (s.sourceBlockDeviceByteOffset >= src.blockSize)
      fail('spc.extended-copy.byte-offset', { fieldPointer: at + 28 });
    if (s.destinationBlockDeviceByteOffset >= dst.blockSize)
      fail('spc.extended-copy.byte-offset', { fieldPointer: at + 30 });
    srcByte += BigInt(s.sourceBlockDeviceByteOffset);
    dstByte += BigInt(s.destinationBlockDeviceByteOffset);
  }
  // A range beyond a copy target's capacity: COPY ABORTED, NO ADDITIONAL SENSE INFORMATION, with the
  // segment pointer at the LBA (the copy target was reached; no command to it failed, so there is no
  // sense data to forward and no third-party device failure).
  if (srcByte + bytes > src.capacity * BigInt(src.blockSize))
    fail('spc.extended-copy.beyond-capacity', { fieldPointer: at + 12 });
  if (dstByte + bytes > dst.capacity * BigInt(dst.blockSize))
    fail('spc.extended-copy.beyond-capacity', { fieldPointer: at + 20 });
  return { src, srcByte, dst, dstByte, bytes };
}

/** Copy bytes [from, to) of a step: a metadata copy through the destination's extent map. */
function applyStep(e: Engine, st: Step, from: bigint, to: bigint): void {
  if (to <= from) return;
  const n = to - from;
  st.dst.store.paste(st.dstByte + from, st.src.store.image(st.srcByte + from, n), 0n, n);
  const bs = BigInt(st.dst.blockSize);
  const first = (st.dstByte + from) / bs;
  e.wrote(st.dst, first, (st.dstByte + to + bs - 1n) / bs - first);
}

/** Bytes copied and segments completed of an EXTENDED COPY, for RECEIVE COPY STATUS. */
export interface Progress {
  bytes: bigint;
  segments: number;
}

/** Progress of each EXTENDED COPY result (the engine's TRANSFER COUNT is in destination blocks). */
export const progressOf: WeakMap<OpRec, Progress> = new WeakMap();

/**
 * Decode, check and plan a list: the steps of the segments up to the first one that cannot be
 * performed, and that segment's fault (COPY ABORTED) if any. Throws for malformed lists.
 */
function plan(
  e: Engine,
  f: ListFormat,
  n: ItNexus,
  lun: number,
  p: Uint8Array,
  immedOf: (list: ExtendedCopyListBody) => boolean,
): { list: ExtendedCopyListBody & { readonly listIdentifier: number }; steps: Step[]; fault: Fault | undefined } {
  checkHeader(f, p);
  let list: ExtendedCopyListBody & { readonly listIdentifier: number };
  try {
    list = f.decode(p);
  } catch (err) {
    // A descriptor with an unsupported type and a length the codec cannot accept: report the type
    // (the codec tags that error with the rule; its offset is the DESCRIPTOR LENGTH, 2 past the type).
    if (isScsiCodecError(err) && err.rule === 'spc.extended-copy.unsupported-segment-type')
      fail('spc.extended-copy.unsupported-segment-type', { fieldPointer: err.offset - 2 });
    throw err;
  }
  const offsets = segmentOffsets(f, list);
  validate(f, list, offsets, immedOf(list));
  // OPERATION IN PROGRESS, pointing at the LIST IDENTIFIER in the parameter list.
  if (list.listIdUsage !== LIST_ID_USAGE.NO_LIST_ID && e.listIdInUse(n, lun, list.listIdentifier))
    fail('spc.extended-copy.list-identifier-in-use', { fieldPointer: f.listIdentifier });
  const steps: Step[] = [];
  let fault: Fault | undefined;
  try {
    list.segmentDescriptors.forEach((s, i) => {
      if (s.kind === 'other') return; // refused by validate()
      steps.push(planSegment(e, list, s, offsets[i] as number, lun));
    });
  } catch (err) {
    if (!(err instanceof FaultError)) throw err;
    fault = err.fault;
  }
  return { list, steps, fault };
}

function newOp(f: ListFormat, n: ItNexus, lun: number, listId: number): OpRec {
  return {
    listId,
    lun,
    owner: nexusKey(n),
    serviceAction: f.serviceAction,
    status: COPY_STATUS.COMPLETED,
    completionStatus: 0x00,
    transferCount: 0n,
    fault: undefined,
    token: undefined,
    bg: undefined,
    operationCounter: 0,
  };
}

/**
 * Perform planned steps in order, now (IMMED = 0). A fault after validation is COPY ABORTED, kept
 * for the receive commands; the segments before it stay copied. Returns the fault and the op.
 */
function runNow(
  e: Engine,
  f: ListFormat,
  n: ItNexus,
  lun: number,
  planned: ReturnType<typeof plan>,
): { fault: Fault | undefined; op: OpRec } {
  const done: Progress = { bytes: 0n, segments: 0 };
  for (const st of planned.steps) {
    applyStep(e, st, 0n, st.bytes);
    done.bytes += st.bytes;
    done.segments++;
  }
  const fault = planned.fault;
  const op = newOp(f, n, lun, planned.list.listIdentifier);
  op.status = fault === undefined ? COPY_STATUS.COMPLETED : COPY_STATUS.COMPLETED_WITH_ERRORS;
  op.completionStatus = fault === undefined ? 0x00 : 0x02;
  op.transferCount = done.bytes;
  op.fault = fault;
  op.operationCounter = done.segments & 0xffff;
  progressOf.set(op, done);
  if (planned.list.listIdUsage !== LIST_ID_USAGE.NO_LIST_ID) e.store(op);
  return { fault, op };
}

/**
 * EXTENDED COPY (LID1): decode and validate the parameter list, then perform its segments in
 * order. A failure after validation is COPY ABORTED (kept for RECEIVE COPY FAILURE DETAILS); the
 * segments before it stay copied. Returns the fault the command ends with, if any.
 */
export function extendedCopyLid1(e: Engine, n: ItNexus, lun: number, p: Uint8Array): Fault | undefined {
  return runNow(
    e,
    LID1,
    n,
    lun,
    plan(e, LID1, n, lun, p, () => false),
  ).fault;
}

/** What EXTENDED COPY (LID4) ends with: the fault, or sense data to return with GOOD (G_SENSE). */
export interface Lid4Outcome {
  readonly fault?: Fault | undefined;
  /** G_SENSE = 1 and GOOD: COMPLETED, EXTENDED COPY INFORMATION AVAILABLE, segments processed. */
  readonly goodSense?: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * EXTENDED COPY (LID4) (SPC-4 table 126): as LID1, with a 4-byte LIST IDENTIFIER; IMMED = 1
 * returns GOOD at once and performs the segments in the background at the copy manager's
 * background rate (RECEIVE COPY STATUS (LID4) reports progress, COPY OPERATION ABORT terminates
 * it); G_SENSE = 1 returns sense data with GOOD.
 */
export function extendedCopyLid4(e: Engine, n: ItNexus, lun: number, p: Uint8Array): Lid4Outcome {
  const planned = plan(e, LID4, n, lun, p, (l) => (l as ExtendedCopyLid4ParameterList).immed);
  const list = planned.list as ExtendedCopyLid4ParameterList;
  if (!list.immed) {
    const { fault, op } = runNow(e, LID4, n, lun, planned);
    if (fault !== undefined || !list.gSense) return { fault };
    return {
      goodSense: encodeSenseData(
        buildSenseData({
          senseKey: SENSE_KEY.COMPLETED,
          asc: ASC_ASCQ.EXTENDED_COPY_INFORMATION_AVAILABLE >> 8,
          ascq: ASC_ASCQ.EXTENDED_COPY_INFORMATION_AVAILABLE & 0xff,
          commandSpecificInformation: op.operationCounter,
        }),
      ),
    };
  }
  // Background: the steps are laid end to end; the engine advances [from, to) with the clock.
  const steps = planned.steps;
  const total = steps.reduce((a, st) => a + st.bytes, 0n);
  // SEGMENTS PROCESSED: the segments whose end the copy has reached, so a segment of 0 bytes
  // counts as soon as the copy gets to it (as `runNow` counts it).
  const processed = (to: bigint): number => {
    let end = 0n;
    let count = 0;
    for (const st of steps) {
      end += st.bytes;
      if (end > to) break;
      count++;
    }
    return count;
  };
  const done: Progress = { bytes: 0n, segments: processed(0n) };
  const op = newOp(LID4, n, lun, list.listIdentifier);
  op.status = COPY_STATUS.IN_PROGRESS_BACKGROUND;
  progressOf.set(op, done);
  const apply = (from: bigint, to: bigint): void => {
    let base = 0n;
    for (const st of steps) {
      const s = from > base ? from : base;
      const t = to < base + st.bytes ? to : base + st.bytes;
      if (s < t) applyStep(e, st, s - base, t - base);
      base += st.bytes;
      if (base >= to) break;
    }
    done.bytes = to;
    done.segments = processed(to);
  };
  const first = steps[0];
  op.bg = {
    dst: first === undefined ? e.lu(lun) : first.dst,
    ranges: NO_RANGES,
    src: zeroImage(0n),
    totalBytes: total,
    doneBytes: 0n,
    lastTime: e.clock.now(),
    residual: planned.fault,
    apply,
  };
  e.startBackground(op);
  return {};
}
