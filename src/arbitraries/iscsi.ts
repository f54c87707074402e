/**
 * fast-check arbitraries for the iSCSI PDU layer: every PDU (fields over their whole range, AHS
 * of every kind up to the 1020-byte maximum, data segments of every padding), text key=value
 * pairs and raw PDU byte streams for fuzzing a target or a capture reader.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { IscsiAhs } from '../iscsi/pdu/ahs.js';
import type {
  IscsiAsynchronousMessage,
  IscsiLoginRequest,
  IscsiLoginResponse,
  IscsiLogoutRequest,
  IscsiLogoutResponse,
  IscsiNopIn,
  IscsiNopOut,
  IscsiPdu,
  IscsiR2t,
  IscsiReject,
  IscsiScsiCommand,
  IscsiScsiDataIn,
  IscsiScsiDataOut,
  IscsiScsiResponse,
  IscsiSnackRequest,
  IscsiTaskManagementFunctionRequest,
  IscsiTaskManagementFunctionResponse,
  IscsiTextRequest,
  IscsiTextResponse,
  IscsiUnknownPdu,
} from '../iscsi/pdu/pdu.js';
import type { IscsiTextPair } from '../iscsi/pdu/text.js';
import { arbU64, arbUint } from './cdb.js';

const opts = { noNullPrototype: true } as const;

/** Options of the PDU arbitraries. @remarks Since 0.2.0 */
export interface ArbIscsiPduOptions {
  /** Longest data segment generated (default 600; the codec allows 2^24-1). */
  readonly maxDataLength?: number | undefined;
  /** Generate AHS (default `true`). */
  readonly withAhs?: boolean | undefined;
}

const u32 = (): fc.Arbitrary<number> => arbUint(32);
const u16 = (): fc.Arbitrary<number> => arbUint(16);
const u8 = (): fc.Arbitrary<number> => arbUint(8);

/**
 * One AHS: an extended CDB AHS (1 to 1016 bytes), a bidirectional read data length AHS, or an
 * unknown AHS (AHSType 0 or 3-63, 0 to 300 bytes).
 *
 * @remarks Since 0.2.0
 */
export function arbIscsiAhs(maxLength = 300): fc.Arbitrary<IscsiAhs> {
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength }).map((extendedCdb): IscsiAhs => ({ kind: 'Extended CDB', extendedCdb })),
    u32().map(
      (expectedReadDataLength): IscsiAhs => ({ kind: 'Bidirectional Read Data Length', expectedReadDataLength }),
    ),
    fc
      .tuple(
        fc.integer({ min: 0, max: 63 }).filter((t) => t !== 1 && t !== 2),
        fc.uint8Array({ maxLength }),
      )
      .map(([ahsType, ahsSpecific]): IscsiAhs => ({ kind: 'Unknown', ahsType, bytes: ahsSpecific })),
  );
}

/** An AHS list: mostly none; up to 3 AHS; sometimes exactly the 1020-byte maximum. */
function arbAhsList(o: ArbIscsiPduOptions | undefined): fc.Arbitrary<readonly IscsiAhs[]> {
  if (o?.withAhs === false) return fc.constant([]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    { weight: 3, arbitrary: fc.array(arbIscsiAhs(), { minLength: 1, maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1016, maxLength: 1016 })
        .map((extendedCdb): IscsiAhs[] => [{ kind: 'Extended CDB', extendedCdb }]),
    },
  );
}

/** A data segment: empty, every padding remainder, up to `maxDataLength`. */
function arbData(o: ArbIscsiPduOptions | undefined): fc.Arbitrary<Uint8Array> {
  const max = o?.maxDataLength ?? 600;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(new Uint8Array(0)) },
    { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: Math.min(9, max) }) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: max }) },
  );
}

function pdu<T extends IscsiPdu>(
  fields: { [K in Exclude<keyof T, 'ahs' | 'data' | 'issues'>]: fc.Arbitrary<T[K]> },
  o: ArbIscsiPduOptions | undefined,
): fc.Arbitrary<T> {
  return fc
    .tuple(fc.record(fields as Record<string, fc.Arbitrary<unknown>>, opts), arbAhsList(o), arbData(o))
    .map(([f, ahs, data]) => ({ ...f, ahs, data }) as unknown as T);
}

const b = (): fc.Arbitrary<boolean> => fc.boolean();
const c = <S extends string>(s: S): fc.Arbitrary<S> => fc.constant(s);

/** NOP-Out. @remarks Since 0.2.0 */
export function arbIscsiNopOut(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiNopOut> {
  return pdu<IscsiNopOut>(
    {
      kind: c('NOP-Out'),
      immediate: b(),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      cmdSn: u32(),
      expStatSn: u32(),
    },
    o,
  );
}

/** SCSI Command. @remarks Since 0.2.0 */
export function arbIscsiScsiCommand(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiScsiCommand> {
  return pdu<IscsiScsiCommand>(
    {
      kind: c('SCSI Command'),
      immediate: b(),
      final: b(),
      read: b(),
      write: b(),
      attr: arbUint(3),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      expectedDataTransferLength: u32(),
      cmdSn: u32(),
      expStatSn: u32(),
      cdb: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    },
    o,
  );
}

/** Task Management Function Request. @remarks Since 0.2.0 */
export function arbIscsiTaskManagementFunctionRequest(
  o?: ArbIscsiPduOptions,
): fc.Arbitrary<IscsiTaskManagementFunctionRequest> {
  return pdu<IscsiTaskManagementFunctionRequest>(
    {
      kind: c('Task Management Function Request'),
      immediate: b(),
      function: arbUint(7),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      referencedTaskTag: u32(),
      cmdSn: u32(),
      expStatSn: u32(),
      refCmdSn: u32(),
      expDataSn: u32(),
    },
    o,
  );
}

/** Login Request. @remarks Since 0.2.0 */
export function arbIscsiLoginRequest(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiLoginRequest> {
  return pdu<IscsiLoginRequest>(
    {
      kind: c('Login Request'),
      transit: b(),
      continue: b(),
      csg: arbUint(2),
      nsg: arbUint(2),
      versionMax: u8(),
      versionMin: u8(),
      isid: arbUint(48),
      tsih: u16(),
      initiatorTaskTag: u32(),
      cid: u16(),
      cmdSn: u32(),
      expStatSn: u32(),
    },
    o,
  );
}

/** Text Request. @remarks Since 0.2.0 */
export function arbIscsiTextRequest(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiTextRequest> {
  return pdu<IscsiTextRequest>(
    {
      kind: c('Text Request'),
      immediate: b(),
      final: b(),
      continue: b(),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      cmdSn: u32(),
      expStatSn: u32(),
    },
    o,
  );
}

/** SCSI Data-Out. @remarks Since 0.2.0 */
export function arbIscsiScsiDataOut(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiScsiDataOut> {
  return pdu<IscsiScsiDataOut>(
    {
      kind: c('SCSI Data-Out'),
      final: b(),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      expStatSn: u32(),
      dataSn: u32(),
      bufferOffset: u32(),
    },
    o,
  );
}

/** Logout Request. @remarks Since 0.2.0 */
export function arbIscsiLogoutRequest(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiLogoutRequest> {
  return pdu<IscsiLogoutRequest>(
    {
      kind: c('Logout Request'),
      immediate: b(),
      reasonCode: arbUint(7),
      initiatorTaskTag: u32(),
      cid: u16(),
      cmdSn: u32(),
      expStatSn: u32(),
    },
    o,
  );
}

/** SNACK Request. @remarks Since 0.2.0 */
export function arbIscsiSnackRequest(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiSnackRequest> {
  return pdu<IscsiSnackRequest>(
    {
      kind: c('SNACK Request'),
      type: arbUint(4),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      expStatSn: u32(),
      begRun: u32(),
      runLength: u32(),
    },
    o,
  );
}

/** NOP-In. @remarks Since 0.2.0 */
export function arbIscsiNopIn(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiNopIn> {
  return pdu<IscsiNopIn>(
    {
      kind: c('NOP-In'),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
    },
    o,
  );
}

/** SCSI Response. @remarks Since 0.2.0 */
export function arbIscsiScsiResponse(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiScsiResponse> {
  return pdu<IscsiScsiResponse>(
    {
      kind: c('SCSI Response'),
      bidiReadResidualOverflow: b(),
      bidiReadResidualUnderflow: b(),
      residualOverflow: b(),
      residualUnderflow: b(),
      response: u8(),
      status: u8(),
      initiatorTaskTag: u32(),
      snackTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      expDataSn: u32(),
      bidirectionalReadResidualCount: u32(),
      residualCount: u32(),
    },
    o,
  );
}

/** Task Management Function Response. @remarks Since 0.2.0 */
export function arbIscsiTaskManagementFunctionResponse(
  o?: ArbIscsiPduOptions,
): fc.Arbitrary<IscsiTaskManagementFunctionResponse> {
  return pdu<IscsiTaskManagementFunctionResponse>(
    {
      kind: c('Task Management Function Response'),
      response: u8(),
      initiatorTaskTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
    },
    o,
  );
}

/** Login Response. @remarks Since 0.2.0 */
export function arbIscsiLoginResponse(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiLoginResponse> {
  return pdu<IscsiLoginResponse>(
    {
      kind: c('Login Response'),
      transit: b(),
      continue: b(),
      csg: arbUint(2),
      nsg: arbUint(2),
      versionMax: u8(),
      versionActive: u8(),
      isid: arbUint(48),
      tsih: u16(),
      initiatorTaskTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      statusClass: u8(),
      statusDetail: u8(),
    },
    o,
  );
}

/** Text Response. @remarks Since 0.2.0 */
export function arbIscsiTextResponse(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiTextResponse> {
  return pdu<IscsiTextResponse>(
    {
      kind: c('Text Response'),
      final: b(),
      continue: b(),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
    },
    o,
  );
}

/** SCSI Data-In. @remarks Since 0.2.0 */
export function arbIscsiScsiDataIn(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiScsiDataIn> {
  return pdu<IscsiScsiDataIn>(
    {
      kind: c('SCSI Data-In'),
      final: b(),
      acknowledge: b(),
      residualOverflow: b(),
      residualUnderflow: b(),
      statusPresent: b(),
      status: u8(),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      dataSn: u32(),
      bufferOffset: u32(),
      residualCount: u32(),
    },
    o,
  );
}

/** Logout Response. @remarks Since 0.2.0 */
export function arbIscsiLogoutResponse(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiLogoutResponse> {
  return pdu<IscsiLogoutResponse>(
    {
      kind: c('Logout Response'),
      response: u8(),
      initiatorTaskTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      time2Wait: u16(),
      time2Retain: u16(),
    },
    o,
  );
}

/** R2T. @remarks Since 0.2.0 */
export function arbIscsiR2t(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiR2t> {
  return pdu<IscsiR2t>(
    {
      kind: c('R2T'),
      lun: arbU64(),
      initiatorTaskTag: u32(),
      targetTransferTag: u32(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      r2tSn: u32(),
      bufferOffset: u32(),
      desiredDataTransferLength: u32(),
    },
    o,
  );
}

/** Asynchronous Message. @remarks Since 0.2.0 */
export function arbIscsiAsynchronousMessage(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiAsynchronousMessage> {
  return pdu<IscsiAsynchronousMessage>(
    {
      kind: c('Asynchronous Message'),
      lun: arbU64(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      asyncEvent: u8(),
      asyncVCode: u8(),
      parameter1: u16(),
      parameter2: u16(),
      parameter3: u16(),
    },
    o,
  );
}

/** Reject. @remarks Since 0.2.0 */
export function arbIscsiReject(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiReject> {
  return pdu<IscsiReject>(
    {
      kind: c('Reject'),
      reason: u8(),
      statSn: u32(),
      expCmdSn: u32(),
      maxCmdSn: u32(),
      dataSn: u32(),
    },
    o,
  );
}

/** A vendor-specific PDU (opcodes 1Ch-1Eh, 3Ch-3Eh), raw. @remarks Since 0.2.0 */
export function arbIscsiUnknownPdu(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiUnknownPdu> {
  return pdu<IscsiUnknownPdu>(
    {
      kind: c('Unknown'),
      opcodeValue: fc.constantFrom(0x1c, 0x1d, 0x1e, 0x3c, 0x3d, 0x3e),
      immediate: b(),
      headerBytes1To3: fc.uint8Array({ minLength: 3, maxLength: 3 }),
      headerBytes8To47: fc.uint8Array({ minLength: 40, maxLength: 40 }),
    },
    o,
  );
}

/**
 * Every PDU kind, the vendor-specific ones included.
 *
 * @remarks Since 0.2.0
 */
export function arbIscsiPdu(o?: ArbIscsiPduOptions): fc.Arbitrary<IscsiPdu> {
  return fc.oneof(
    arbIscsiNopOut(o),
    arbIscsiScsiCommand(o),
    arbIscsiTaskManagementFunctionRequest(o),
    arbIscsiLoginRequest(o),
    arbIscsiTextRequest(o),
    arbIscsiScsiDataOut(o),
    arbIscsiLogoutRequest(o),
    arbIscsiSnackRequest(o),
    arbIscsiNopIn(o),
    arbIscsiScsiResponse(o),
    arbIscsiTaskManagementFunctionResponse(o),
    arbIscsiLoginResponse(o),
    arbIscsiTextResponse(o),
    arbIscsiScsiDataIn(o),
    arbIscsiLogoutResponse(o),
    arbIscsiR2t(o),
    arbIscsiAsynchronousMessage(o),
    arbIscsiReject(o),
    arbIscsiUnknownPdu(o),
  );
}

/** A standard-label key of 1 to 63 bytes. */
function arbKey(): fc.Arbitrary<string> {
  const first = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  const rest = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-+@_');
  return fc.oneof(
    fc.tuple(first, fc.array(rest, { maxLength: 12 })).map(([f, r]) => f + r.join('')),
    fc.tuple(first, fc.array(rest, { minLength: 62, maxLength: 62 })).map(([f, r]) => f + r.join('')),
    fc.constantFrom('HeaderDigest', 'MaxRecvDataSegmentLength', 'InitiatorName', 'CHAP_C', 'X-com.example.Key'),
  );
}

/** A value: UTF-8 text without NUL (at most 255 bytes), exactly 255 bytes, or a long binary value. */
function arbValue(): fc.Arbitrary<string> {
  const hex = fc.constantFrom(...'0123456789abcdef');
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replaceAll('\0', '')) },
    { weight: 1, arbitrary: fc.constant('v'.repeat(255)) },
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc.array(hex, { minLength: 1, maxLength: 8190 }).map((h) => `0x${h.join('')}`),
    },
  );
}

/**
 * Text key=value pairs with unique keys (the canonical input of `encodeIscsiTextKeys`).
 *
 * @remarks Since 0.2.0
 */
export function arbIscsiTextPairs(maxPairs = 8): fc.Arbitrary<IscsiTextPair[]> {
  return fc
    .uniqueArray(fc.tuple(arbKey(), arbValue()), { maxLength: maxPairs, selector: ([k]) => k })
    .map((a) => a.map(([key, value]) => ({ key, value })));
}
