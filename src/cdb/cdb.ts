/**
 * Any CDB: `decodeCdb` dispatches on OPERATION CODE (and SERVICE ACTION) to the per-command
 * decoders and returns a discriminated union keyed by `kind` (the T10 command name, e.g.
 * `'POPULATE TOKEN'`, `'READ (16)'`). Opcodes and service actions this package does not model
 * decode to {@link UnknownCdb}, so captured traffic always decodes.
 *
 * @packageDocumentation
 */
import { SERVICE_ACTION_OPCODES, VARIABLE_LENGTH_CDB_OPCODE } from '../constants/opcodes.js';
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { type CdbSpec, encodeCdbWith } from './common.js';
import { COPY_OPERATION_ABORT_CDB_SPEC, type CopyOperationAbortCdb } from './copy-operation-abort.js';
import { EXTENDED_COPY_LID1_CDB_SPEC, type ExtendedCopyLid1Cdb } from './extended-copy-lid1.js';
import { EXTENDED_COPY_LID4_CDB_SPEC, type ExtendedCopyLid4Cdb } from './extended-copy-lid4.js';
import { INQUIRY_CDB_SPEC, type InquiryCdb } from './inquiry.js';
import { MODE_SENSE_6_CDB_SPEC, type ModeSense6Cdb } from './mode-sense-6.js';
import { MODE_SENSE_10_CDB_SPEC, type ModeSense10Cdb } from './mode-sense-10.js';
import { POPULATE_TOKEN_CDB_SPEC, type PopulateTokenCdb } from './populate-token.js';
import { READ_10_CDB_SPEC, type Read10Cdb } from './read-10.js';
import { READ_16_CDB_SPEC, type Read16Cdb } from './read-16.js';
import { READ_CAPACITY_10_CDB_SPEC, type ReadCapacity10Cdb } from './read-capacity-10.js';
import { READ_CAPACITY_16_CDB_SPEC, type ReadCapacity16Cdb } from './read-capacity-16.js';
import { RECEIVE_COPY_DATA_LID1_CDB_SPEC, type ReceiveCopyDataLid1Cdb } from './receive-copy-data-lid1.js';
import { RECEIVE_COPY_DATA_LID4_CDB_SPEC, type ReceiveCopyDataLid4Cdb } from './receive-copy-data-lid4.js';
import {
  RECEIVE_COPY_FAILURE_DETAILS_LID1_CDB_SPEC,
  type ReceiveCopyFailureDetailsLid1Cdb,
} from './receive-copy-failure-details-lid1.js';
import {
  RECEIVE_COPY_OPERATING_PARAMETERS_CDB_SPEC,
  type ReceiveCopyOperatingParametersCdb,
} from './receive-copy-operating-parameters.js';
import { RECEIVE_COPY_STATUS_LID1_CDB_SPEC, type ReceiveCopyStatusLid1Cdb } from './receive-copy-status-lid1.js';
import { RECEIVE_COPY_STATUS_LID4_CDB_SPEC, type ReceiveCopyStatusLid4Cdb } from './receive-copy-status-lid4.js';
import {
  RECEIVE_ROD_TOKEN_INFORMATION_CDB_SPEC,
  type ReceiveRodTokenInformationCdb,
} from './receive-rod-token-information.js';
import { REPORT_ALL_ROD_TOKENS_CDB_SPEC, type ReportAllRodTokensCdb } from './report-all-rod-tokens.js';
import { REPORT_LUNS_CDB_SPEC, type ReportLunsCdb } from './report-luns.js';
import {
  REPORT_SUPPORTED_OPERATION_CODES_CDB_SPEC,
  type ReportSupportedOperationCodesCdb,
} from './report-supported-operation-codes.js';
import { REPORT_TARGET_PORT_GROUPS_CDB_SPEC, type ReportTargetPortGroupsCdb } from './report-target-port-groups.js';
import { REQUEST_SENSE_CDB_SPEC, type RequestSenseCdb } from './request-sense.js';
import { SYNCHRONIZE_CACHE_10_CDB_SPEC, type SynchronizeCache10Cdb } from './synchronize-cache-10.js';
import { SYNCHRONIZE_CACHE_16_CDB_SPEC, type SynchronizeCache16Cdb } from './synchronize-cache-16.js';
import { TEST_UNIT_READY_CDB_SPEC, type TestUnitReadyCdb } from './test-unit-ready.js';
import { WRITE_10_CDB_SPEC, type Write10Cdb } from './write-10.js';
import { WRITE_16_CDB_SPEC, type Write16Cdb } from './write-16.js';
import { WRITE_USING_TOKEN_CDB_SPEC, type WriteUsingTokenCdb } from './write-using-token.js';

/**
 * A CDB whose OPERATION CODE (or SERVICE ACTION) this package does not model, kept byte-exact.
 *
 * @remarks Since 0.1.0
 */
export interface UnknownCdb {
  readonly kind: 'unknown';
  /** OPERATION CODE (byte 0). */
  readonly operationCode: number;
  /**
   * SERVICE ACTION, only for opcode families that have one: byte 1 bits 4:0 for 5Eh, 5Fh, 83h,
   * 84h, 9Eh, 9Fh, A3h, A4h; bytes 8-9 for the variable-length CDB (7Fh). Absent otherwise.
   */
  readonly serviceAction?: number;
  /** The whole CDB (a copy). */
  readonly bytes: Uint8Array;
}

/**
 * Every CDB `decodeCdb` returns, discriminated by `kind` (the T10 command name).
 *
 * @remarks Since 0.1.0
 */
export type Cdb =
  | TestUnitReadyCdb
  | RequestSenseCdb
  | InquiryCdb
  | Read10Cdb
  | Write10Cdb
  | Read16Cdb
  | Write16Cdb
  | ReadCapacity16Cdb
  | ReportLunsCdb
  | ReadCapacity10Cdb
  | ModeSense6Cdb
  | ModeSense10Cdb
  | SynchronizeCache10Cdb
  | SynchronizeCache16Cdb
  | ReportSupportedOperationCodesCdb
  | ReportTargetPortGroupsCdb
  | ExtendedCopyLid1Cdb
  | ExtendedCopyLid4Cdb
  | PopulateTokenCdb
  | WriteUsingTokenCdb
  | CopyOperationAbortCdb
  | ReceiveCopyStatusLid1Cdb
  | ReceiveCopyDataLid1Cdb
  | ReceiveCopyOperatingParametersCdb
  | ReceiveCopyFailureDetailsLid1Cdb
  | ReceiveCopyStatusLid4Cdb
  | ReceiveCopyDataLid4Cdb
  | ReceiveRodTokenInformationCdb
  | ReportAllRodTokensCdb
  | UnknownCdb;

/** The `kind` strings of {@link Cdb}. @remarks Since 0.1.0 */
export type CdbCommand = Cdb['kind'];

type KnownCdb = Exclude<Cdb, UnknownCdb>;

/**
 * The CDB table: one spec per modelled command, keyed by `kind`. The mapped type makes the
 * compiler check that every member of {@link Cdb} has exactly one entry.
 *
 * @internal
 */
export const CDB_SPECS: { readonly [K in KnownCdb['kind']]: CdbSpec<Extract<KnownCdb, { kind: K }>> } = {
  'COPY OPERATION ABORT': COPY_OPERATION_ABORT_CDB_SPEC,
  'EXTENDED COPY (LID1)': EXTENDED_COPY_LID1_CDB_SPEC,
  'EXTENDED COPY (LID4)': EXTENDED_COPY_LID4_CDB_SPEC,
  INQUIRY: INQUIRY_CDB_SPEC,
  'MODE SENSE (10)': MODE_SENSE_10_CDB_SPEC,
  'MODE SENSE (6)': MODE_SENSE_6_CDB_SPEC,
  'POPULATE TOKEN': POPULATE_TOKEN_CDB_SPEC,
  'READ (10)': READ_10_CDB_SPEC,
  'READ (16)': READ_16_CDB_SPEC,
  'READ CAPACITY (10)': READ_CAPACITY_10_CDB_SPEC,
  'READ CAPACITY (16)': READ_CAPACITY_16_CDB_SPEC,
  'RECEIVE COPY DATA (LID1)': RECEIVE_COPY_DATA_LID1_CDB_SPEC,
  'RECEIVE COPY DATA (LID4)': RECEIVE_COPY_DATA_LID4_CDB_SPEC,
  'RECEIVE COPY FAILURE DETAILS (LID1)': RECEIVE_COPY_FAILURE_DETAILS_LID1_CDB_SPEC,
  'RECEIVE COPY OPERATING PARAMETERS': RECEIVE_COPY_OPERATING_PARAMETERS_CDB_SPEC,
  'RECEIVE COPY STATUS (LID1)': RECEIVE_COPY_STATUS_LID1_CDB_SPEC,
  'RECEIVE COPY STATUS (LID4)': RECEIVE_COPY_STATUS_LID4_CDB_SPEC,
  'RECEIVE ROD TOKEN INFORMATION': RECEIVE_ROD_TOKEN_INFORMATION_CDB_SPEC,
  'REPORT ALL ROD TOKENS': REPORT_ALL_ROD_TOKENS_CDB_SPEC,
  'REPORT LUNS': REPORT_LUNS_CDB_SPEC,
  'REPORT SUPPORTED OPERATION CODES': REPORT_SUPPORTED_OPERATION_CODES_CDB_SPEC,
  'REPORT TARGET PORT GROUPS': REPORT_TARGET_PORT_GROUPS_CDB_SPEC,
  'REQUEST SENSE': REQUEST_SENSE_CDB_SPEC,
  'SYNCHRONIZE CACHE (10)': SYNCHRONIZE_CACHE_10_CDB_SPEC,
  'SYNCHRONIZE CACHE (16)': SYNCHRONIZE_CACHE_16_CDB_SPEC,
  'TEST UNIT READY': TEST_UNIT_READY_CDB_SPEC,
  'WRITE (10)': WRITE_10_CDB_SPEC,
  'WRITE (16)': WRITE_16_CDB_SPEC,
  'WRITE USING TOKEN': WRITE_USING_TOKEN_CDB_SPEC,
};

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous spec table
type AnySpec = CdbSpec<any>;

/** Specs of the commands without a service action, by OPERATION CODE. */
const BY_OPCODE: ReadonlyMap<number, AnySpec> = new Map(
  Object.values<AnySpec>(CDB_SPECS)
    .filter((c) => c.serviceAction === undefined)
    .map((c) => [c.operationCode, c]),
);

/** Specs of the service-action commands, by OPERATION CODE, then SERVICE ACTION. */
const BY_SERVICE_ACTION: ReadonlyMap<number, ReadonlyMap<number, AnySpec>> = (() => {
  const m = new Map<number, Map<number, AnySpec>>();
  for (const c of Object.values<AnySpec>(CDB_SPECS)) {
    if (c.serviceAction === undefined) continue;
    const bySa = m.get(c.operationCode) ?? new Map<number, AnySpec>();
    m.set(c.operationCode, bySa);
    bySa.set(c.serviceAction, c);
  }
  return m;
})();

/** Specs by `kind` (a `Map`: a `kind` such as `'toString'` finds nothing). */
const BY_KIND: ReadonlyMap<unknown, AnySpec> = new Map(Object.values<AnySpec>(CDB_SPECS).map((c) => [c.kind, c]));

/**
 * Decode any CDB. Known commands go to their own decoder (so a known command that is too short
 * throws `ERR_TRUNCATED`); unknown opcodes and unknown service actions give an {@link UnknownCdb}.
 *
 * @example
 * ```ts
 * const cdb = decodeCdb(Uint8Array.from([0x83, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x20, 0, 0]));
 * if (cdb.kind === 'POPULATE TOKEN') console.log(cdb.listIdentifier, cdb.parameterListLength); // 1 32
 * ```
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (empty input, a service-action opcode without byte 1, a
 * variable-length CDB shorter than 10 bytes, or a known command's CDB cut short), and whatever the
 * command's own decoder throws.
 * @remarks Since 0.1.0
 */
export function decodeCdb(bytes: Uint8Array, options?: DecodeOptions): Cdb {
  try {
    // Peek without tracing: a known command's own decoder traces every field once.
    const peek = new ByteReader(bytes, 'Cdb');
    const operationCode = peek.u8(0, 'operationCode');
    const direct = BY_OPCODE.get(operationCode);
    if (direct !== undefined) return direct.decode(bytes, options);
    let serviceAction: number | undefined;
    if (operationCode === VARIABLE_LENGTH_CDB_OPCODE) {
      serviceAction = peek.u16(8, 'serviceAction');
    } else if (SERVICE_ACTION_OPCODES.has(operationCode)) {
      serviceAction = peek.bits(1, 4, 0, 'serviceAction');
      const spec = BY_SERVICE_ACTION.get(operationCode)?.get(serviceAction);
      if (spec !== undefined) return spec.decode(bytes, options);
    }
    const r = new ByteReader(bytes, 'UnknownCdb', options);
    r.u8(0, 'operationCode');
    if (operationCode === VARIABLE_LENGTH_CDB_OPCODE) r.u16(8, 'serviceAction');
    else if (serviceAction !== undefined) r.bits(1, 4, 0, 'serviceAction');
    const raw = r.rest(0, 'bytes');
    return serviceAction === undefined
      ? { kind: 'unknown', operationCode, bytes: raw }
      : { kind: 'unknown', operationCode, serviceAction, bytes: raw };
  } catch (e) {
    throw inputFault(e, 'Cdb', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

function encodeUnknownCdb(cdb: UnknownCdb): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter(0, 'UnknownCdb');
  const b = cdb.bytes;
  if (!isUint8Array(b) || b.length === 0) throw w.error('bytes', 0, 'an unknown CDB needs at least 1 byte');
  const out = new ByteWriter(b.length, 'UnknownCdb');
  out.bytes(0, b, 'bytes');
  const op = b[0] as number;
  if (cdb.operationCode !== op)
    throw out.error('operationCode', 0, `operationCode ${show(cdb.operationCode)} is not bytes[0] (${op})`);
  if (op === VARIABLE_LENGTH_CDB_OPCODE) {
    if (b.length < 10) throw out.error('bytes', 0, 'a variable-length CDB needs at least 10 bytes');
    const sa = ((b[8] as number) << 8) | (b[9] as number);
    if (cdb.serviceAction !== sa) throw out.error('serviceAction', 8, `serviceAction must equal bytes 8-9 (${sa})`);
  } else if (SERVICE_ACTION_OPCODES.has(op)) {
    if (b.length < 2) throw out.error('bytes', 0, 'a service-action CDB needs at least 2 bytes');
    const sa = (b[1] as number) & 0x1f;
    if (cdb.serviceAction !== sa)
      throw out.error('serviceAction', 1, `serviceAction must equal byte 1 bits 4:0 (${sa})`);
  } else if (cdb.serviceAction !== undefined) {
    throw out.error('serviceAction', 1, `opcode 0x${op.toString(16)} has no service action`);
  }
  return out.finish();
}

/**
 * Encode any CDB (the inverse of {@link decodeCdb}). An {@link UnknownCdb} is written as its
 * `bytes`, after checking that `operationCode` and `serviceAction` agree with them.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, or an unknown CDB's fields disagree with its bytes.
 * @remarks Since 0.1.0
 */
export function encodeCdb(cdb: Cdb): Uint8Array<ArrayBuffer> {
  try {
    const spec = BY_KIND.get((cdb as { kind?: unknown }).kind);
    if (spec !== undefined) return encodeCdbWith(spec, cdb);
    if (cdb.kind === 'unknown') return encodeUnknownCdb(cdb);
    throw new ByteWriter(0, 'Cdb').error('kind', 0, `unknown CDB kind ${show((cdb as { kind?: unknown }).kind)}`);
  } catch (e) {
    throw inputFault(e, 'Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}
