/**
 * Any CDB: `decodeCdb` dispatches on OPERATION CODE (and SERVICE ACTION) to the per-command
 * decoders and returns a discriminated union keyed by `kind` (the T10 command name, e.g.
 * `'POPULATE TOKEN'`, `'READ (16)'`). Opcodes and service actions this package does not model
 * decode to {@link UnknownCdb}, so captured traffic always decodes.
 *
 * @packageDocumentation
 */
import {
  MAINTENANCE_IN_SA,
  OPCODE,
  SERVICE_ACTION_OPCODES,
  TPC_IN_SA,
  TPC_OUT_SA,
  VARIABLE_LENGTH_CDB_OPCODE,
} from '../constants/opcodes.js';
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import {
  type CopyOperationAbortCdb,
  decodeCopyOperationAbortCdb,
  encodeCopyOperationAbortCdb,
} from './copy-operation-abort.js';
import {
  decodeExtendedCopyLid1Cdb,
  type ExtendedCopyLid1Cdb,
  encodeExtendedCopyLid1Cdb,
} from './extended-copy-lid1.js';
import {
  decodeExtendedCopyLid4Cdb,
  type ExtendedCopyLid4Cdb,
  encodeExtendedCopyLid4Cdb,
} from './extended-copy-lid4.js';
import { decodeInquiryCdb, encodeInquiryCdb, type InquiryCdb } from './inquiry.js';
import { decodeModeSense6Cdb, encodeModeSense6Cdb, type ModeSense6Cdb } from './mode-sense-6.js';
import { decodeModeSense10Cdb, encodeModeSense10Cdb, type ModeSense10Cdb } from './mode-sense-10.js';
import { decodePopulateTokenCdb, encodePopulateTokenCdb, type PopulateTokenCdb } from './populate-token.js';
import { decodeRead10Cdb, encodeRead10Cdb, type Read10Cdb } from './read-10.js';
import { decodeRead16Cdb, encodeRead16Cdb, type Read16Cdb } from './read-16.js';
import { decodeReadCapacity10Cdb, encodeReadCapacity10Cdb, type ReadCapacity10Cdb } from './read-capacity-10.js';
import { decodeReadCapacity16Cdb, encodeReadCapacity16Cdb, type ReadCapacity16Cdb } from './read-capacity-16.js';
import {
  decodeReceiveCopyDataLid1Cdb,
  encodeReceiveCopyDataLid1Cdb,
  type ReceiveCopyDataLid1Cdb,
} from './receive-copy-data-lid1.js';
import {
  decodeReceiveCopyDataLid4Cdb,
  encodeReceiveCopyDataLid4Cdb,
  type ReceiveCopyDataLid4Cdb,
} from './receive-copy-data-lid4.js';
import {
  decodeReceiveCopyFailureDetailsLid1Cdb,
  encodeReceiveCopyFailureDetailsLid1Cdb,
  type ReceiveCopyFailureDetailsLid1Cdb,
} from './receive-copy-failure-details-lid1.js';
import {
  decodeReceiveCopyOperatingParametersCdb,
  encodeReceiveCopyOperatingParametersCdb,
  type ReceiveCopyOperatingParametersCdb,
} from './receive-copy-operating-parameters.js';
import {
  decodeReceiveCopyStatusLid1Cdb,
  encodeReceiveCopyStatusLid1Cdb,
  type ReceiveCopyStatusLid1Cdb,
} from './receive-copy-status-lid1.js';
import {
  decodeReceiveCopyStatusLid4Cdb,
  encodeReceiveCopyStatusLid4Cdb,
  type ReceiveCopyStatusLid4Cdb,
} from './receive-copy-status-lid4.js';
import {
  decodeReceiveRodTokenInformationCdb,
  encodeReceiveRodTokenInformationCdb,
  type ReceiveRodTokenInformationCdb,
} from './receive-rod-token-information.js';
import {
  decodeReportAllRodTokensCdb,
  encodeReportAllRodTokensCdb,
  type ReportAllRodTokensCdb,
} from './report-all-rod-tokens.js';
import { decodeReportLunsCdb, encodeReportLunsCdb, type ReportLunsCdb } from './report-luns.js';
import {
  decodeReportSupportedOperationCodesCdb,
  encodeReportSupportedOperationCodesCdb,
  type ReportSupportedOperationCodesCdb,
} from './report-supported-operation-codes.js';
import {
  decodeReportTargetPortGroupsCdb,
  encodeReportTargetPortGroupsCdb,
  type ReportTargetPortGroupsCdb,
} from './report-target-port-groups.js';
import { decodeRequestSenseCdb, encodeRequestSenseCdb, type RequestSenseCdb } from './request-sense.js';
import {
  decodeSynchronizeCache10Cdb,
  encodeSynchronizeCache10Cdb,
  type SynchronizeCache10Cdb,
} from './synchronize-cache-10.js';
import {
  decodeSynchronizeCache16Cdb,
  encodeSynchronizeCache16Cdb,
  type SynchronizeCache16Cdb,
} from './synchronize-cache-16.js';
import { decodeTestUnitReadyCdb, encodeTestUnitReadyCdb, type TestUnitReadyCdb } from './test-unit-ready.js';
import { decodeWrite10Cdb, encodeWrite10Cdb, type Write10Cdb } from './write-10.js';
import { decodeWrite16Cdb, encodeWrite16Cdb, type Write16Cdb } from './write-16.js';
import { decodeWriteUsingTokenCdb, encodeWriteUsingTokenCdb, type WriteUsingTokenCdb } from './write-using-token.js';

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

type Decoder = (bytes: Uint8Array, options?: DecodeOptions) => Cdb;

const BY_OPCODE: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [OPCODE.TEST_UNIT_READY, decodeTestUnitReadyCdb],
  [OPCODE.REQUEST_SENSE, decodeRequestSenseCdb],
  [OPCODE.INQUIRY, decodeInquiryCdb],
  [OPCODE.READ_10, decodeRead10Cdb],
  [OPCODE.WRITE_10, decodeWrite10Cdb],
  [OPCODE.READ_16, decodeRead16Cdb],
  [OPCODE.WRITE_16, decodeWrite16Cdb],
  [OPCODE.REPORT_LUNS, decodeReportLunsCdb],
  [OPCODE.READ_CAPACITY_10, decodeReadCapacity10Cdb],
  [OPCODE.MODE_SENSE_6, decodeModeSense6Cdb],
  [OPCODE.MODE_SENSE_10, decodeModeSense10Cdb],
  [OPCODE.SYNCHRONIZE_CACHE_10, decodeSynchronizeCache10Cdb],
  [OPCODE.SYNCHRONIZE_CACHE_16, decodeSynchronizeCache16Cdb],
]);

const BY_SERVICE_ACTION: ReadonlyMap<number, ReadonlyMap<number, Decoder>> = new Map([
  [
    OPCODE.THIRD_PARTY_COPY_OUT,
    new Map<number, Decoder>([
      [TPC_OUT_SA.EXTENDED_COPY_LID1, decodeExtendedCopyLid1Cdb],
      [TPC_OUT_SA.EXTENDED_COPY_LID4, decodeExtendedCopyLid4Cdb],
      [TPC_OUT_SA.POPULATE_TOKEN, decodePopulateTokenCdb],
      [TPC_OUT_SA.WRITE_USING_TOKEN, decodeWriteUsingTokenCdb],
      [TPC_OUT_SA.COPY_OPERATION_ABORT, decodeCopyOperationAbortCdb],
    ]),
  ],
  [
    OPCODE.THIRD_PARTY_COPY_IN,
    new Map<number, Decoder>([
      [TPC_IN_SA.RECEIVE_COPY_STATUS_LID1, decodeReceiveCopyStatusLid1Cdb],
      [TPC_IN_SA.RECEIVE_COPY_DATA_LID1, decodeReceiveCopyDataLid1Cdb],
      [TPC_IN_SA.RECEIVE_COPY_OPERATING_PARAMETERS, decodeReceiveCopyOperatingParametersCdb],
      [TPC_IN_SA.RECEIVE_COPY_FAILURE_DETAILS_LID1, decodeReceiveCopyFailureDetailsLid1Cdb],
      [TPC_IN_SA.RECEIVE_COPY_STATUS_LID4, decodeReceiveCopyStatusLid4Cdb],
      [TPC_IN_SA.RECEIVE_COPY_DATA_LID4, decodeReceiveCopyDataLid4Cdb],
      [TPC_IN_SA.RECEIVE_ROD_TOKEN_INFORMATION, decodeReceiveRodTokenInformationCdb],
      [TPC_IN_SA.REPORT_ALL_ROD_TOKENS, decodeReportAllRodTokensCdb],
    ]),
  ],
  [OPCODE.SERVICE_ACTION_IN_16, new Map<number, Decoder>([[0x10, decodeReadCapacity16Cdb]])],
  [
    OPCODE.MAINTENANCE_IN,
    new Map<number, Decoder>([
      [MAINTENANCE_IN_SA.REPORT_TARGET_PORT_GROUPS, decodeReportTargetPortGroupsCdb],
      [MAINTENANCE_IN_SA.REPORT_SUPPORTED_OPERATION_CODES, decodeReportSupportedOperationCodesCdb],
    ]),
  ],
]);

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
    if (direct !== undefined) return direct(bytes, options);
    let serviceAction: number | undefined;
    if (operationCode === VARIABLE_LENGTH_CDB_OPCODE) {
      serviceAction = peek.u16(8, 'serviceAction');
    } else if (SERVICE_ACTION_OPCODES.has(operationCode)) {
      serviceAction = peek.bits(1, 4, 0, 'serviceAction');
      const decoder = BY_SERVICE_ACTION.get(operationCode)?.get(serviceAction);
      if (decoder !== undefined) return decoder(bytes, options);
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
    switch (cdb.kind) {
      case 'TEST UNIT READY':
        return encodeTestUnitReadyCdb(cdb);
      case 'REQUEST SENSE':
        return encodeRequestSenseCdb(cdb);
      case 'INQUIRY':
        return encodeInquiryCdb(cdb);
      case 'READ (10)':
        return encodeRead10Cdb(cdb);
      case 'WRITE (10)':
        return encodeWrite10Cdb(cdb);
      case 'READ (16)':
        return encodeRead16Cdb(cdb);
      case 'WRITE (16)':
        return encodeWrite16Cdb(cdb);
      case 'READ CAPACITY (16)':
        return encodeReadCapacity16Cdb(cdb);
      case 'REPORT LUNS':
        return encodeReportLunsCdb(cdb);
      case 'READ CAPACITY (10)':
        return encodeReadCapacity10Cdb(cdb);
      case 'MODE SENSE (6)':
        return encodeModeSense6Cdb(cdb);
      case 'MODE SENSE (10)':
        return encodeModeSense10Cdb(cdb);
      case 'SYNCHRONIZE CACHE (10)':
        return encodeSynchronizeCache10Cdb(cdb);
      case 'SYNCHRONIZE CACHE (16)':
        return encodeSynchronizeCache16Cdb(cdb);
      case 'REPORT SUPPORTED OPERATION CODES':
        return encodeReportSupportedOperationCodesCdb(cdb);
      case 'REPORT TARGET PORT GROUPS':
        return encodeReportTargetPortGroupsCdb(cdb);
      case 'EXTENDED COPY (LID1)':
        return encodeExtendedCopyLid1Cdb(cdb);
      case 'EXTENDED COPY (LID4)':
        return encodeExtendedCopyLid4Cdb(cdb);
      case 'POPULATE TOKEN':
        return encodePopulateTokenCdb(cdb);
      case 'WRITE USING TOKEN':
        return encodeWriteUsingTokenCdb(cdb);
      case 'COPY OPERATION ABORT':
        return encodeCopyOperationAbortCdb(cdb);
      case 'RECEIVE COPY STATUS (LID1)':
        return encodeReceiveCopyStatusLid1Cdb(cdb);
      case 'RECEIVE COPY DATA (LID1)':
        return encodeReceiveCopyDataLid1Cdb(cdb);
      case 'RECEIVE COPY OPERATING PARAMETERS':
        return encodeReceiveCopyOperatingParametersCdb(cdb);
      case 'RECEIVE COPY FAILURE DETAILS (LID1)':
        return encodeReceiveCopyFailureDetailsLid1Cdb(cdb);
      case 'RECEIVE COPY STATUS (LID4)':
        return encodeReceiveCopyStatusLid4Cdb(cdb);
      case 'RECEIVE COPY DATA (LID4)':
        return encodeReceiveCopyDataLid4Cdb(cdb);
      case 'RECEIVE ROD TOKEN INFORMATION':
        return encodeReceiveRodTokenInformationCdb(cdb);
      case 'REPORT ALL ROD TOKENS':
        return encodeReportAllRodTokensCdb(cdb);
      case 'unknown':
        return encodeUnknownCdb(cdb);
      default:
        throw new ByteWriter(0, 'Cdb').error('kind', 0, `unknown CDB kind ${show((cdb as { kind?: unknown }).kind)}`);
    }
  } catch (e) {
    throw inputFault(e, 'Cdb', [cdb], 'ERR_FIELD_RANGE');
  }
}
