/**
 * fast-check arbitraries for every CDB (ships as `scsi-odx/arbitraries`). Values reach the edges:
 * 0 and maximum field values, every flag, unknown opcodes and unknown service actions.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { type Cdb, decodeCdb, type UnknownCdb } from '../cdb/cdb.js';
import type { CopyOperationAbortCdb } from '../cdb/copy-operation-abort.js';
import type { ExtendedCopyLid1Cdb } from '../cdb/extended-copy-lid1.js';
import type { ExtendedCopyLid4Cdb } from '../cdb/extended-copy-lid4.js';
import type { InquiryCdb } from '../cdb/inquiry.js';
import type { ModeSense6Cdb } from '../cdb/mode-sense-6.js';
import type { ModeSense10Cdb } from '../cdb/mode-sense-10.js';
import type { PopulateTokenCdb } from '../cdb/populate-token.js';
import type { Read10Cdb } from '../cdb/read-10.js';
import type { Read16Cdb } from '../cdb/read-16.js';
import type { ReadCapacity10Cdb } from '../cdb/read-capacity-10.js';
import type { ReadCapacity16Cdb } from '../cdb/read-capacity-16.js';
import type { ReceiveCopyDataLid1Cdb } from '../cdb/receive-copy-data-lid1.js';
import type { ReceiveCopyDataLid4Cdb } from '../cdb/receive-copy-data-lid4.js';
import type { ReceiveCopyFailureDetailsLid1Cdb } from '../cdb/receive-copy-failure-details-lid1.js';
import type { ReceiveCopyOperatingParametersCdb } from '../cdb/receive-copy-operating-parameters.js';
import type { ReceiveCopyStatusLid1Cdb } from '../cdb/receive-copy-status-lid1.js';
import type { ReceiveCopyStatusLid4Cdb } from '../cdb/receive-copy-status-lid4.js';
import type { ReceiveRodTokenInformationCdb } from '../cdb/receive-rod-token-information.js';
import type { ReportAllRodTokensCdb } from '../cdb/report-all-rod-tokens.js';
import type { ReportLunsCdb } from '../cdb/report-luns.js';
import type { ReportSupportedOperationCodesCdb } from '../cdb/report-supported-operation-codes.js';
import type { ReportTargetPortGroupsCdb } from '../cdb/report-target-port-groups.js';
import type { RequestSenseCdb } from '../cdb/request-sense.js';
import type { SynchronizeCache10Cdb } from '../cdb/synchronize-cache-10.js';
import type { SynchronizeCache16Cdb } from '../cdb/synchronize-cache-16.js';
import type { TestUnitReadyCdb } from '../cdb/test-unit-ready.js';
import type { Write10Cdb } from '../cdb/write-10.js';
import type { Write16Cdb } from '../cdb/write-16.js';
import type { WriteUsingTokenCdb } from '../cdb/write-using-token.js';
import { SERVICE_ACTION_OPCODES, VARIABLE_LENGTH_CDB_OPCODE } from '../constants/opcodes.js';

const opts = { noNullPrototype: true } as const;

/** An unsigned integer of `bits` bits, biased towards 0 and the maximum. @internal */
export function arbUint(bits: number): fc.Arbitrary<number> {
  const max = 2 ** bits - 1;
  return fc.oneof(fc.constantFrom(0, max), fc.integer({ min: 0, max }));
}
/** A 64-bit unsigned bigint, biased towards 0 and the maximum. @internal */
export function arbU64(): fc.Arbitrary<bigint> {
  return fc.oneof(fc.constantFrom(0n, (1n << 64n) - 1n), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));
}

/** @remarks Since 0.1.0 */
export function arbTestUnitReadyCdb(): fc.Arbitrary<TestUnitReadyCdb> {
  return fc.record({ kind: fc.constant('TEST UNIT READY' as const), control: arbUint(8) }, opts);
}

/** REQUEST SENSE: DESC either way, any ALLOCATION LENGTH (0 and 255 included). @remarks Since 0.2.0 */
export function arbRequestSenseCdb(): fc.Arbitrary<RequestSenseCdb> {
  return fc.record(
    {
      kind: fc.constant('REQUEST SENSE' as const),
      desc: fc.boolean(),
      allocationLength: fc.oneof(fc.constantFrom(0, 18, 252, 255), arbUint(8)),
      control: arbUint(8),
    },
    opts,
  );
}

/** INQUIRY: standard (page code 0) or EVPD with any page code. @remarks Since 0.1.0 */
export function arbInquiryCdb(): fc.Arbitrary<InquiryCdb> {
  return fc.oneof(
    fc.record(
      {
        kind: fc.constant('INQUIRY' as const),
        evpd: fc.constant(false),
        pageCode: fc.constant(0),
        allocationLength: arbUint(16),
        control: arbUint(8),
      },
      opts,
    ),
    fc.record(
      {
        kind: fc.constant('INQUIRY' as const),
        evpd: fc.constant(true),
        pageCode: fc.oneof(fc.constantFrom(0x00, 0x80, 0x83, 0x8f, 0xb0, 0xff), arbUint(8)),
        allocationLength: arbUint(16),
        control: arbUint(8),
      },
      opts,
    ),
  );
}

const rwCommon = {
  dpo: fc.boolean(),
  fua: fc.boolean(),
  transferLength: arbUint(16),
  groupNumber: arbUint(6),
  control: arbUint(8),
};

/** @remarks Since 0.1.0 */
export function arbRead10Cdb(): fc.Arbitrary<Read10Cdb> {
  return fc.record(
    {
      kind: fc.constant('READ (10)' as const),
      rdprotect: arbUint(3),
      ...rwCommon,
      rarc: fc.boolean(),
      logicalBlockAddress: arbUint(32),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbWrite10Cdb(): fc.Arbitrary<Write10Cdb> {
  return fc.record(
    {
      kind: fc.constant('WRITE (10)' as const),
      wrprotect: arbUint(3),
      ...rwCommon,
      logicalBlockAddress: arbUint(32),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbRead16Cdb(): fc.Arbitrary<Read16Cdb> {
  return fc.record(
    {
      kind: fc.constant('READ (16)' as const),
      rdprotect: arbUint(3),
      ...rwCommon,
      rarc: fc.boolean(),
      logicalBlockAddress: arbU64(),
      transferLength: arbUint(32),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbWrite16Cdb(): fc.Arbitrary<Write16Cdb> {
  return fc.record(
    {
      kind: fc.constant('WRITE (16)' as const),
      wrprotect: arbUint(3),
      ...rwCommon,
      logicalBlockAddress: arbU64(),
      transferLength: arbUint(32),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbReadCapacity16Cdb(): fc.Arbitrary<ReadCapacity16Cdb> {
  return fc.record(
    {
      kind: fc.constant('READ CAPACITY (16)' as const),
      logicalBlockAddress: arbU64(),
      allocationLength: arbUint(32),
      pmi: fc.boolean(),
      control: arbUint(8),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbReportLunsCdb(): fc.Arbitrary<ReportLunsCdb> {
  return fc.record(
    {
      kind: fc.constant('REPORT LUNS' as const),
      selectReport: fc.oneof(fc.constantFrom(0, 1, 2, 0x10, 0x11, 0x12), arbUint(8)),
      allocationLength: arbUint(32),
      control: arbUint(8),
    },
    opts,
  );
}

/** @remarks Since 0.1.0 */
export function arbPopulateTokenCdb(): fc.Arbitrary<PopulateTokenCdb> {
  return fc.record(
    {
      kind: fc.constant('POPULATE TOKEN' as const),
      listIdentifier: arbUint(32),
      parameterListLength: arbUint(32),
      groupNumber: arbUint(6),
      control: arbUint(8),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbWriteUsingTokenCdb(): fc.Arbitrary<WriteUsingTokenCdb> {
  return fc.record(
    {
      kind: fc.constant('WRITE USING TOKEN' as const),
      listIdentifier: arbUint(32),
      parameterListLength: arbUint(32),
      groupNumber: arbUint(6),
      control: arbUint(8),
    },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbExtendedCopyLid1Cdb(): fc.Arbitrary<ExtendedCopyLid1Cdb> {
  return fc.record(
    { kind: fc.constant('EXTENDED COPY (LID1)' as const), parameterListLength: arbUint(32), control: arbUint(8) },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbExtendedCopyLid4Cdb(): fc.Arbitrary<ExtendedCopyLid4Cdb> {
  return fc.record(
    { kind: fc.constant('EXTENDED COPY (LID4)' as const), parameterListLength: arbUint(32), control: arbUint(8) },
    opts,
  );
}
/** @remarks Since 0.1.0 */
export function arbCopyOperationAbortCdb(): fc.Arbitrary<CopyOperationAbortCdb> {
  return fc.record(
    { kind: fc.constant('COPY OPERATION ABORT' as const), listIdentifier: arbUint(32), control: arbUint(8) },
    opts,
  );
}

function lid4<C extends string>(command: C) {
  return fc.record(
    { kind: fc.constant(command), listIdentifier: arbUint(32), allocationLength: arbUint(32), control: arbUint(8) },
    opts,
  );
}
function lid1<C extends string>(command: C) {
  return fc.record(
    { kind: fc.constant(command), listIdentifier: arbUint(8), allocationLength: arbUint(32), control: arbUint(8) },
    opts,
  );
}
function noList<C extends string>(command: C) {
  return fc.record({ kind: fc.constant(command), allocationLength: arbUint(32), control: arbUint(8) }, opts);
}

/** @remarks Since 0.1.0 */
export function arbReceiveRodTokenInformationCdb(): fc.Arbitrary<ReceiveRodTokenInformationCdb> {
  return lid4('RECEIVE ROD TOKEN INFORMATION' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyStatusLid4Cdb(): fc.Arbitrary<ReceiveCopyStatusLid4Cdb> {
  return lid4('RECEIVE COPY STATUS (LID4)' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyDataLid4Cdb(): fc.Arbitrary<ReceiveCopyDataLid4Cdb> {
  return lid4('RECEIVE COPY DATA (LID4)' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyOperatingParametersCdb(): fc.Arbitrary<ReceiveCopyOperatingParametersCdb> {
  return noList('RECEIVE COPY OPERATING PARAMETERS' as const);
}
/** @remarks Since 0.1.0 */
export function arbReportAllRodTokensCdb(): fc.Arbitrary<ReportAllRodTokensCdb> {
  return noList('REPORT ALL ROD TOKENS' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyStatusLid1Cdb(): fc.Arbitrary<ReceiveCopyStatusLid1Cdb> {
  return lid1('RECEIVE COPY STATUS (LID1)' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyDataLid1Cdb(): fc.Arbitrary<ReceiveCopyDataLid1Cdb> {
  return lid1('RECEIVE COPY DATA (LID1)' as const);
}
/** @remarks Since 0.1.0 */
export function arbReceiveCopyFailureDetailsLid1Cdb(): fc.Arbitrary<ReceiveCopyFailureDetailsLid1Cdb> {
  return lid1('RECEIVE COPY FAILURE DETAILS (LID1)' as const);
}

const SA_FAMILIES = [...SERVICE_ACTION_OPCODES];

/** True if `decodeCdb` gives an unknown CDB for these bytes (the codec table is the one source). */
function decodesAsUnknown(bytes: Uint8Array): boolean {
  try {
    return decodeCdb(bytes).kind === 'unknown';
  } catch {
    return false;
  }
}

/**
 * A CDB whose opcode or service action scsi-odx does not model: plain unknown opcodes (including
 * vendor-specific C0h-FFh), service-action families with unknown service actions (e.g. 83h/16h),
 * and variable-length (7Fh) CDBs.
 *
 * @remarks Since 0.1.0
 */
export function arbUnknownCdb(): fc.Arbitrary<UnknownCdb> {
  const plain = fc
    .tuple(
      fc
        .integer({ min: 0, max: 255 })
        .filter(
          (op) => !SA_FAMILIES.includes(op) && op !== VARIABLE_LENGTH_CDB_OPCODE && decodesAsUnknown(Uint8Array.of(op)),
        ),
      fc.uint8Array({ minLength: 0, maxLength: 31 }),
    )
    .map(([op, rest]): UnknownCdb => ({ kind: 'unknown', operationCode: op, bytes: Uint8Array.from([op, ...rest]) }));
  const withSa = fc
    .tuple(
      fc.constantFrom(...SA_FAMILIES),
      fc.integer({ min: 0, max: 255 }),
      fc.uint8Array({ minLength: 0, maxLength: 30 }),
    )
    .filter(([op, b1]) => decodesAsUnknown(Uint8Array.of(op, b1 & 0x1f)))
    .map(
      ([op, b1, rest]): UnknownCdb => ({
        kind: 'unknown',
        operationCode: op,
        serviceAction: b1 & 0x1f,
        bytes: Uint8Array.from([op, b1, ...rest]),
      }),
    );
  const variable = fc
    .tuple(fc.uint8Array({ minLength: 7, maxLength: 7 }), arbUint(16), fc.uint8Array({ maxLength: 22 }))
    .map(
      ([head, sa, rest]): UnknownCdb => ({
        kind: 'unknown',
        operationCode: 0x7f,
        serviceAction: sa,
        bytes: Uint8Array.from([0x7f, ...head, sa >> 8, sa & 0xff, ...rest]),
      }),
    );
  return fc.oneof(plain, withSa, variable);
}

/** READ CAPACITY (10), obsolete fields included. @remarks Since 0.2.0 */
export function arbReadCapacity10Cdb(): fc.Arbitrary<ReadCapacity10Cdb> {
  return fc.record(
    {
      kind: fc.constant('READ CAPACITY (10)' as const),
      logicalBlockAddress: arbUint(32),
      pmi: fc.boolean(),
      control: arbUint(8),
    },
    opts,
  );
}

const modeSenseCommon = {
  dbd: fc.boolean(),
  pc: arbUint(2),
  pageCode: fc.oneof(fc.constantFrom(0x08, 0x0a, 0x1c, 0x3f), arbUint(6)),
  subpageCode: fc.oneof(fc.constantFrom(0x00, 0xff), arbUint(8)),
  control: arbUint(8),
};

/** MODE SENSE (6): every PC, page and subpage code. @remarks Since 0.2.0 */
export function arbModeSense6Cdb(): fc.Arbitrary<ModeSense6Cdb> {
  return fc.record(
    { kind: fc.constant('MODE SENSE (6)' as const), ...modeSenseCommon, allocationLength: arbUint(8) },
    opts,
  );
}

/** MODE SENSE (10): every PC, page and subpage code, LLBAA. @remarks Since 0.2.0 */
export function arbModeSense10Cdb(): fc.Arbitrary<ModeSense10Cdb> {
  return fc.record(
    {
      kind: fc.constant('MODE SENSE (10)' as const),
      llbaa: fc.boolean(),
      ...modeSenseCommon,
      allocationLength: arbUint(16),
    },
    opts,
  );
}

/** @remarks Since 0.2.0 */
export function arbSynchronizeCache10Cdb(): fc.Arbitrary<SynchronizeCache10Cdb> {
  return fc.record(
    {
      kind: fc.constant('SYNCHRONIZE CACHE (10)' as const),
      immed: fc.boolean(),
      logicalBlockAddress: arbUint(32),
      groupNumber: arbUint(6),
      numberOfLogicalBlocks: arbUint(16),
      control: arbUint(8),
    },
    opts,
  );
}

/** @remarks Since 0.2.0 */
export function arbSynchronizeCache16Cdb(): fc.Arbitrary<SynchronizeCache16Cdb> {
  return fc.record(
    {
      kind: fc.constant('SYNCHRONIZE CACHE (16)' as const),
      immed: fc.boolean(),
      logicalBlockAddress: arbU64(),
      numberOfLogicalBlocks: arbUint(32),
      groupNumber: arbUint(6),
      control: arbUint(8),
    },
    opts,
  );
}

/** REPORT SUPPORTED OPERATION CODES: every REPORTING OPTIONS value (reserved 4-7 included). @remarks Since 0.2.0 */
export function arbReportSupportedOperationCodesCdb(): fc.Arbitrary<ReportSupportedOperationCodesCdb> {
  return fc.record(
    {
      kind: fc.constant('REPORT SUPPORTED OPERATION CODES' as const),
      rctd: fc.boolean(),
      reportingOptions: arbUint(3),
      requestedOperationCode: arbUint(8),
      requestedServiceAction: arbUint(16),
      allocationLength: arbUint(32),
      control: arbUint(8),
    },
    opts,
  );
}

/** REPORT TARGET PORT GROUPS: every PARAMETER DATA FORMAT value (reserved 2-7 included). @remarks Since 0.2.0 */
export function arbReportTargetPortGroupsCdb(): fc.Arbitrary<ReportTargetPortGroupsCdb> {
  return fc.record(
    {
      kind: fc.constant('REPORT TARGET PORT GROUPS' as const),
      parameterDataFormat: arbUint(3),
      allocationLength: arbUint(32),
      control: arbUint(8),
    },
    opts,
  );
}

/** Any CDB, known or unknown. @remarks Since 0.1.0 */
export function arbCdb(): fc.Arbitrary<Cdb> {
  return fc.oneof(
    arbTestUnitReadyCdb(),
    arbRequestSenseCdb(),
    arbInquiryCdb(),
    arbRead10Cdb(),
    arbWrite10Cdb(),
    arbRead16Cdb(),
    arbWrite16Cdb(),
    arbReadCapacity16Cdb(),
    arbReportLunsCdb(),
    arbExtendedCopyLid1Cdb(),
    arbExtendedCopyLid4Cdb(),
    arbPopulateTokenCdb(),
    arbWriteUsingTokenCdb(),
    arbCopyOperationAbortCdb(),
    arbReceiveCopyStatusLid1Cdb(),
    arbReceiveCopyDataLid1Cdb(),
    arbReceiveCopyOperatingParametersCdb(),
    arbReceiveCopyFailureDetailsLid1Cdb(),
    arbReceiveCopyStatusLid4Cdb(),
    arbReceiveCopyDataLid4Cdb(),
    arbReceiveRodTokenInformationCdb(),
    arbReportAllRodTokensCdb(),
    arbReadCapacity10Cdb(),
    arbModeSense6Cdb(),
    arbModeSense10Cdb(),
    arbSynchronizeCache10Cdb(),
    arbSynchronizeCache16Cdb(),
    arbReportSupportedOperationCodesCdb(),
    arbReportTargetPortGroupsCdb(),
    arbUnknownCdb(),
  );
}
