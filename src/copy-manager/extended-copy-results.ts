/**
 * RECEIVE COPY RESULTS for EXTENDED COPY (SPC-4): RECEIVE COPY STATUS / DATA / FAILURE DETAILS
 * (LID1), the LID4 status header of an EXTENDED COPY (LID4) result (RECEIVE COPY STATUS (LID4),
 * RECEIVE COPY DATA (LID4), RECEIVE ROD TOKEN INFORMATION), RECEIVE COPY OPERATING PARAMETERS and
 * the VPD 8Fh descriptors of the limits `extended-copy.ts` enforces.
 *
 * @see SPC-4 "RECEIVE COPY RESULTS", "RECEIVE COPY STATUS (LID4)", "Third-party Copy VPD page"
 * @internal
 */
import { COPY_COMMAND_STATUS_LID1, TRANSFER_COUNT_UNITS } from '../constants/copy-status.js';
import {
  type CopyOperatingParameters,
  type CopyStatusHeader,
  encodeCopyDataLid1,
  encodeCopyDataLid4,
  encodeCopyFailureDetailsLid1,
  encodeCopyOperatingParameters,
  encodeCopyStatusLid1,
  encodeCopyStatusLid4,
  encodeRodTokenInformation,
} from '../status/index.js';
import type { ThirdPartyCopyDescriptor } from '../vpd/index.js';
import { COPY_STATUS, type Engine, type ItNexus, type OpRec } from './engine.js';
import {
  type Progress,
  progressOf,
  SA_EXTENDED_COPY_LID1,
  SA_EXTENDED_COPY_LID4,
  XCOPY_LIMITS,
} from './extended-copy.js';
import { fail, faultSenseData } from './fault.js';

// The commands themselves, for the dispatcher (one import for EXTENDED COPY and its results).
export { extendedCopyLid1, extendedCopyLid4, XCOPY_LIMITS } from './extended-copy.js';

/** The LID1 result of a list identifier, or 24h/00h (pointer at LIST IDENTIFIER, CDB byte 2). */
function lid1Result(e: Engine, n: ItNexus, lun: number, listId: number): OpRec {
  const op = e.result(n, lun, listId);
  if (op.serviceAction !== SA_EXTENDED_COPY_LID1) fail('spc.copy-results.unknown-list-identifier');
  return op;
}

/**
 * The result of a list identifier for the LID4-style receive commands (RRTI, RECEIVE COPY STATUS
 * (LID4)): an EXTENDED COPY (LID1) result is reported only by the LID1 receive commands.
 */
export function lid4Result(e: Engine, n: ItNexus, lun: number, listId: number): OpRec {
  const op = e.result(n, lun, listId);
  if (op.serviceAction === SA_EXTENDED_COPY_LID1) fail('spc.copy-results.unknown-list-identifier');
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
    senseData: f === undefined ? undefined : faultSenseData(f),
  });
  // SPC-4: the failure details are discarded once reported.
  e.discard(op);
  return bytes;
}

/** True for the result of an EXTENDED COPY (LID4). */
export function isExtendedCopyLid4(op: OpRec): boolean {
  return op.serviceAction === SA_EXTENDED_COPY_LID4;
}

/** The copy status header of an EXTENDED COPY (LID4) result (SPC-4 "RECEIVE COPY STATUS (LID4)"). */
function lid4Header(e: Engine, op: OpRec) {
  // Every EXTENDED COPY (LID4) result has its progress (`runNow`, `extendedCopyLid4`).
  const p = progressOf.get(op) as Progress;
  // A segment that failed after the copy began ends the copy "completed with errors" (02h); the
  // engine's 03h (what a finished background copy with a residual fault gets) is a WRITE USING
  // TOKEN's partial transfer. A fault is kept only on a finished copy (02h or 03h).
  const status = op.fault === undefined ? op.status : COPY_STATUS.COMPLETED_WITH_ERRORS;
  return {
    responseToServiceAction: SA_EXTENDED_COPY_LID4,
    copyOperationStatus: status,
    operationCounter: op.operationCounter,
    estimatedStatusUpdateDelay: e.estimateMs(op),
    extendedCopyCompletionStatus: op.completionStatus,
    senseData: op.fault === undefined ? undefined : faultSenseData(op.fault),
    transferCountUnits: TRANSFER_COUNT_UNITS.BYTES,
    transferCount: p.bytes,
    segmentsProcessed: p.segments & 0xffff,
  };
}

/** RECEIVE COPY STATUS (LID4) parameter data for an EXTENDED COPY (LID4): progress in bytes and segments. */
export function copyStatusLid4(e: Engine, op: OpRec): Uint8Array<ArrayBuffer> {
  return encodeCopyStatusLid4(lid4Header(e, op));
}

/**
 * RECEIVE ROD TOKEN INFORMATION for an EXTENDED COPY (LID4): the status header RECEIVE COPY STATUS
 * (LID4) reports and no ROD token descriptors (the supported segments create no ROD token).
 */
export function rodTokenInformationLid4(e: Engine, op: OpRec): Uint8Array<ArrayBuffer> {
  return encodeRodTokenInformation({ ...lid4Header(e, op), rodTokenDescriptors: [] });
}

/**
 * RECEIVE COPY DATA (LID4) parameter data: the copy status header and no held data (no segment
 * type that holds data is supported: HELD DATA LIMIT 0). `header` is the status header of any other
 * copy operation (POPULATE TOKEN, WRITE USING TOKEN), as RECEIVE COPY STATUS (LID4) reports it;
 * without it, `op` is an EXTENDED COPY (LID4) and its own header is used.
 */
export function receiveCopyDataLid4(e: Engine, op: OpRec, header?: CopyStatusHeader): Uint8Array<ArrayBuffer> {
  const h = header ?? lid4Header(e, op);
  return encodeCopyDataLid4({ ...h, hdd: false, heldData: new Uint8Array(0) });
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
