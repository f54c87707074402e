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
import { COPY_COMMAND_STATUS_LID1, COPY_OPERATION_STATUS, TRANSFER_COUNT_UNITS } from '../constants/copy-status.js';
import { isScsiCodecError } from '../errors.js';
import {
  BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH,
  BLOCK_TO_BLOCK_WITH_OFFSETS_DESCRIPTOR_LENGTH,
  CSCD_DESCRIPTOR_LENGTH,
  cscdDescriptorLength,
  decodeExtendedCopyLid1ParameterList,
  EXTENDED_COPY_LID1_HEADER_LENGTH,
  type ExtendedCopyLid1ParameterList,
  LIST_ID_USAGE,
  SEGMENT_DESCRIPTOR_TYPE,
  type SegmentDescriptor,
} from '../parameter-list/extended-copy.js';
import { IDENTIFICATION_DESCRIPTOR_CSCD_TYPE } from '../rod-token/identification-descriptor-cscd.js';
import { buildSenseData } from '../sense/index.js';
import {
  type CopyOperatingParameters,
  encodeCopyDataLid1,
  encodeCopyFailureDetailsLid1,
  encodeCopyOperatingParameters,
  encodeCopyStatusLid1,
} from '../status/index.js';
import type { ThirdPartyCopyDescriptor } from '../vpd/index.js';
import { type Engine, FaultError, type ItNexus, type Lu, nexusKey, type OpRec } from './engine.js';
import { cdbAt, type Fault, type FieldPointer, illegal, paramAt, SK } from './fault.js';

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
  maxDescriptorListLength: 16 * CSCD_DESCRIPTOR_LENGTH + 64 * (4 + BLOCK_TO_BLOCK_DESCRIPTOR_LENGTH),
  /** Bytes one segment may copy (BLOCK DEVICE NUMBER OF BLOCKS × block length). */
  maxSegmentLength: 256 * 1024 * 1024,
  /** No inline or embedded data: no segment type that uses it is supported. */
  maxInlineDataLength: 0,
  /** Segment and CSCD descriptor type codes implemented (ascending): 02h block → block, E4h. */
  implementedDescriptorTypeCodes: [SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK, IDENTIFICATION_DESCRIPTOR_CSCD_TYPE],
  /** CSCD IDs above 07FFh that are supported. */
  supportedCscdIds: [CSCD_ID_THIS_LU],
};

/** SERVICE ACTION recorded in a LID1 EXTENDED COPY result. */
const SA_EXTENDED_COPY_LID1 = 0x00;

function copyAborted(code: number, pointer?: FieldPointer): never {
  throw new FaultError({ senseKey: SK.COPY_ABORTED, asc: code >> 8, ascq: code & 0xff, pointer });
}

function invalid(code: number, field: number, bit?: number): never {
  return illegal(code >> 8, code & 0xff, paramAt(field, bit));
}

/** Offsets of the CSCD descriptors in the parameter list, and the end of their list (relative to it). */
function cscdOffsets(list: ExtendedCopyLid1ParameterList): { at: number[]; end: number } {
  let off = 0;
  const at = list.cscdDescriptors.map((d) => {
    const here = EXTENDED_COPY_LID1_HEADER_LENGTH + off;
    off += d.kind === 'other' ? cscdDescriptorLength(d.descriptorTypeCode) : CSCD_DESCRIPTOR_LENGTH;
    return here;
  });
  return { at, end: off };
}

/** Offsets of the segment descriptors in the parameter list. */
function segmentOffsets(list: ExtendedCopyLid1ParameterList): number[] {
  let off = EXTENDED_COPY_LID1_HEADER_LENGTH + cscdOffsets(list).end;
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
 * LIST LENGTH or the parameter list is shorter than the lists it announces.
 */
function checkHeader(p: Uint8Array): void {
  if (p.length < EXTENDED_COPY_LID1_HEADER_LENGTH) illegal(0x1a, 0x00, cdbAt(10));
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  const cscd = dv.getUint16(2);
  const seg = dv.getUint32(8);
  const inline = dv.getUint32(12);
  if (cscd + seg > XCOPY_LIMITS.maxDescriptorListLength) illegal(0x1a, 0x00, paramAt(2));
  if (inline > XCOPY_LIMITS.maxInlineDataLength) invalid(ASC_ASCQ.INLINE_DATA_LENGTH_EXCEEDED, 12);
  if (EXTENDED_COPY_LID1_HEADER_LENGTH + cscd + seg + inline > p.length) illegal(0x1a, 0x00, cdbAt(10));
  if (cscd / CSCD_DESCRIPTOR_LENGTH > XCOPY_LIMITS.maxCscdDescriptors) invalid(ASC_ASCQ.TOO_MANY_TARGET_DESCRIPTORS, 2);
}

/** The LU a CSCD descriptor names, or `undefined` if this copy manager does not serve it. */
function resolveCscd(e: Engine, list: ExtendedCopyLid1ParameterList, id: number, lun: number): Lu | undefined {
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
function validate(list: ExtendedCopyLid1ParameterList, offsets: readonly number[]): void {
  if (list.listIdUsage === 1) invalid(ASC_ASCQ.INVALID_FIELD_IN_PARAMETER_LIST, 1, 4);
  if (list.listIdUsage === LIST_ID_USAGE.NO_LIST_ID && list.listIdentifier !== 0)
    invalid(ASC_ASCQ.INVALID_FIELD_IN_PARAMETER_LIST, 0);
  const cscdAt = cscdOffsets(list).at;
  list.cscdDescriptors.forEach((d, i) => {
    const at = cscdAt[i] as number;
    if (d.kind !== 'identification') invalid(ASC_ASCQ.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, at);
    // LU ID TYPE is ignored for E4h (SPC-4); only block devices can be copied.
    if (d.peripheralDeviceType !== 0) invalid(ASC_ASCQ.INVALID_FIELD_IN_PARAMETER_LIST, at + 1, 4);
  });
  if (list.segmentDescriptors.length > XCOPY_LIMITS.maxSegmentDescriptors)
    invalid(ASC_ASCQ.TOO_MANY_SEGMENT_DESCRIPTORS, 8);
  list.segmentDescriptors.forEach((s, i) => {
    const at = offsets[i] as number;
    if (s.kind !== 'blockToBlock') invalid(ASC_ASCQ.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, at);
  });
}

interface Copied {
  segments: number;
  bytes: bigint;
}

/** Perform one 02h segment: a metadata copy through the destination's extent map. */
function copySegment(
  e: Engine,
  list: ExtendedCopyLid1ParameterList,
  s: SegmentDescriptor & { kind: 'blockToBlock' },
  at: number,
  lun: number,
): bigint {
  const src = resolveCscd(e, list, s.sourceCscdDescriptorId, lun);
  if (src === undefined) copyAborted(ASC_ASCQ.COPY_TARGET_DEVICE_NOT_REACHABLE, paramAt(at + 4));
  const dst = resolveCscd(e, list, s.destinationCscdDescriptorId, lun);
  if (dst === undefined) copyAborted(ASC_ASCQ.COPY_TARGET_DEVICE_NOT_REACHABLE, paramAt(at + 6));
  // A DISK BLOCK LENGTH other than 0 must be the LU's block length.
  for (const [id, lu, field] of [
    [s.sourceCscdDescriptorId, src, at + 4],
    [s.destinationCscdDescriptorId, dst, at + 6],
  ] as const) {
    const d = list.cscdDescriptors[id];
    if (d?.kind === 'identification' && d.diskBlockLength !== 0 && d.diskBlockLength !== lu.blockSize)
      copyAborted(ASC_ASCQ.INCORRECT_COPY_TARGET_DEVICE_TYPE, paramAt(field));
  }
  const blocks = BigInt(s.blockDeviceNumberOfBlocks);
  const bytes = blocks * BigInt(s.dc ? dst.blockSize : src.blockSize);
  if (bytes > BigInt(XCOPY_LIMITS.maxSegmentLength)) invalid(ASC_ASCQ.INVALID_FIELD_IN_PARAMETER_LIST, at + 10);
  if (bytes % BigInt(src.blockSize) !== 0n || bytes % BigInt(dst.blockSize) !== 0n)
    copyAborted(ASC_ASCQ.COPY_SEGMENT_GRANULARITY_VIOLATION, paramAt(at + 10));
  const srcByte = s.sourceBlockDeviceLogicalBlockAddress * BigInt(src.blockSize);
  const dstByte = s.destinationBlockDeviceLogicalBlockAddress * BigInt(dst.blockSize);
  // A range beyond a copy target's capacity: COPY ABORTED, NO ADDITIONAL SENSE INFORMATION, with the
  // segment pointer at the LBA (the copy target was reached; no command to it failed, so there is no
  // sense data to forward and no third-party device failure).
  if (srcByte + bytes > src.capacity * BigInt(src.blockSize))
    copyAborted(ASC_ASCQ.NO_ADDITIONAL_SENSE_INFORMATION, paramAt(at + 12));
  if (dstByte + bytes > dst.capacity * BigInt(dst.blockSize))
    copyAborted(ASC_ASCQ.NO_ADDITIONAL_SENSE_INFORMATION, paramAt(at + 20));
  if (bytes === 0n) return 0n;
  dst.store.paste(dstByte, src.store.image(srcByte, bytes), 0n, bytes);
  e.wrote(dst, s.destinationBlockDeviceLogicalBlockAddress, bytes / BigInt(dst.blockSize));
  return bytes;
}

/**
 * EXTENDED COPY (LID1): decode and validate the parameter list, then perform its segments in
 * order. A failure after validation is COPY ABORTED (kept for RECEIVE COPY FAILURE DETAILS); the
 * segments before it stay copied. Returns the fault the command ends with, if any.
 */
export function extendedCopyLid1(e: Engine, n: ItNexus, lun: number, p: Uint8Array): Fault | undefined {
  checkHeader(p);
  let list: ExtendedCopyLid1ParameterList;
  try {
    list = decodeExtendedCopyLid1ParameterList(p);
  } catch (err) {
    // A descriptor with an unsupported type and a length the codec cannot accept: report the type.
    if (isScsiCodecError(err) && err.field === 'descriptorLength') {
      const at = err.offset - 2;
      const type = p[at] as number;
      if (type !== SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK)
        invalid(ASC_ASCQ.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, at);
    }
    throw err;
  }
  const offsets = segmentOffsets(list);
  validate(list, offsets);
  const hold = list.listIdUsage !== LIST_ID_USAGE.NO_LIST_ID;
  if (hold) {
    try {
      e.checkListId(n, lun, list.listIdentifier);
    } catch (err) {
      // OPERATION IN PROGRESS, pointing at LIST IDENTIFIER: byte 0 of the parameter list.
      if (err instanceof FaultError) throw new FaultError({ ...err.fault, pointer: paramAt(0) });
      throw err;
    }
  }
  const done: Copied = { segments: 0, bytes: 0n };
  let fault: Fault | undefined;
  try {
    list.segmentDescriptors.forEach((s, i) => {
      if (s.kind !== 'blockToBlock') return;
      done.bytes += copySegment(e, list, s, offsets[i] as number, lun);
      done.segments++;
    });
  } catch (err) {
    if (!(err instanceof FaultError)) throw err;
    fault = err.fault;
  }
  if (hold) {
    const op: OpRec = {
      listId: list.listIdentifier,
      lun,
      owner: nexusKey(n),
      serviceAction: SA_EXTENDED_COPY_LID1,
      status:
        fault === undefined
          ? COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS
          : COPY_OPERATION_STATUS.COMPLETED_WITH_ERRORS,
      completionStatus: fault === undefined ? 0x00 : 0x02,
      transferCount: done.bytes,
      fault,
      token: undefined,
      bg: undefined,
      operationCounter: done.segments,
    };
    e.store(op);
  }
  return fault;
}

/** The LID1 result of a list identifier, or 24h/00h (pointer at LIST IDENTIFIER, CDB byte 2). */
function lid1Result(e: Engine, n: ItNexus, lun: number, listId: number): OpRec {
  const op = e.result(n, lun, listId);
  if (op.serviceAction !== SA_EXTENDED_COPY_LID1) illegal(0x24, 0x00, cdbAt(2));
  return op;
}

/**
 * The result of a list identifier for the LID4-style receive commands (RRTI, RECEIVE COPY STATUS
 * (LID4)): an EXTENDED COPY (LID1) result is reported only by the LID1 receive commands.
 */
export function lid4Result(e: Engine, n: ItNexus, lun: number, listId: number): OpRec {
  const op = e.result(n, lun, listId);
  if (op.serviceAction === SA_EXTENDED_COPY_LID1) illegal(0x24, 0x00, cdbAt(2));
  return op;
}

/** TRANSFER COUNT and its units: bytes while they fit 32 bits, else the smallest binary unit that does. */
function transferCount(bytes: bigint): { units: number; count: number } {
  let units: number = TRANSFER_COUNT_UNITS.BYTES;
  let v = bytes;
  while (v > 0xffff_ffffn) {
    v >>= 10n;
    units++;
  }
  return { units, count: Number(v) };
}

/** RECEIVE COPY STATUS (LID1) parameter data. */
export function receiveCopyStatusLid1(e: Engine, n: ItNexus, lun: number, listId: number): Uint8Array<ArrayBuffer> {
  const op = lid1Result(e, n, lun, listId);
  const tc = transferCount(op.transferCount);
  return encodeCopyStatusLid1({
    hdd: false,
    copyCommandStatus:
      op.fault === undefined
        ? COPY_COMMAND_STATUS_LID1.COMPLETED_WITHOUT_ERRORS
        : COPY_COMMAND_STATUS_LID1.COMPLETED_WITH_ERRORS,
    segmentsProcessed: op.operationCounter & 0xffff,
    transferCountUnits: tc.units,
    transferCount: tc.count,
  });
}

/** RECEIVE COPY DATA (LID1): no segment type that holds data is supported, so none is held. */
export function receiveCopyDataLid1(e: Engine, n: ItNexus, lun: number, listId: number): Uint8Array<ArrayBuffer> {
  lid1Result(e, n, lun, listId);
  return encodeCopyDataLid1({ heldData: new Uint8Array(0) });
}

/** RECEIVE COPY FAILURE DETAILS (LID1): the command's status and sense data (none after success). */
export function receiveCopyFailureDetailsLid1(
  e: Engine,
  n: ItNexus,
  lun: number,
  listId: number,
): Uint8Array<ArrayBuffer> {
  const op = lid1Result(e, n, lun, listId);
  const f = op.fault;
  const bytes = encodeCopyFailureDetailsLid1({
    extendedCopyCommandStatus: op.completionStatus,
    senseData:
      f === undefined
        ? undefined
        : buildSenseData({
            senseKey: f.senseKey,
            asc: f.asc,
            ascq: f.ascq,
            senseKeySpecific:
              f.pointer === undefined
                ? undefined
                : {
                    kind: 'fieldPointer',
                    sksv: true,
                    commandData: f.pointer.cd,
                    bitPointerValid: f.pointer.bit !== undefined,
                    bitPointer: f.pointer.bit ?? 0,
                    fieldPointer: f.pointer.field,
                  },
          }),
  });
  // SPC-4: the failure details are discarded once reported.
  e.discard(n, lun, listId);
  return bytes;
}

/** RECEIVE COPY OPERATING PARAMETERS: the limits {@link extendedCopyLid1} enforces. */
export function copyOperatingParameters(e: Engine): CopyOperatingParameters {
  return {
    snlid: true,
    maximumCscdDescriptorCount: XCOPY_LIMITS.maxCscdDescriptors,
    maximumSegmentDescriptorCount: XCOPY_LIMITS.maxSegmentDescriptors,
    maximumDescriptorListLength: XCOPY_LIMITS.maxDescriptorListLength,
    maximumSegmentLength: XCOPY_LIMITS.maxSegmentLength,
    maximumInlineDataLength: XCOPY_LIMITS.maxInlineDataLength,
    heldDataLimit: 0,
    maximumStreamDeviceTransferSize: 0,
    totalConcurrentCopies: e.limits.maxConcurrentCopies,
    maximumConcurrentCopies: Math.min(e.limits.maxConcurrentCopies, 0xff),
    dataSegmentGranularity: 0,
    inlineDataGranularity: 0,
    heldDataGranularity: 0,
    implementedDescriptorTypeCodes: [...XCOPY_LIMITS.implementedDescriptorTypeCodes],
  };
}

/** RECEIVE COPY OPERATING PARAMETERS parameter data. */
export function receiveCopyOperatingParameters(e: Engine): Uint8Array<ArrayBuffer> {
  return encodeCopyOperatingParameters(copyOperatingParameters(e));
}

/** The VPD 8Fh descriptors EXTENDED COPY adds: 0004h, 0008h and 000Ch (8001h is shared). */
export function extendedCopyVpdDescriptors(): ThirdPartyCopyDescriptor[] {
  return [
    {
      kind: 'parameterData',
      maximumCscdDescriptorCount: XCOPY_LIMITS.maxCscdDescriptors,
      maximumSegmentDescriptorCount: XCOPY_LIMITS.maxSegmentDescriptors,
      maximumDescriptorListLength: XCOPY_LIMITS.maxDescriptorListLength,
      maximumInlineDataLength: XCOPY_LIMITS.maxInlineDataLength,
    },
    { kind: 'supportedDescriptors', descriptorTypeCodes: [...XCOPY_LIMITS.implementedDescriptorTypeCodes] },
    { kind: 'supportedCscdIds', cscdIds: [...XCOPY_LIMITS.supportedCscdIds] },
  ];
}
