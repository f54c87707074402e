/**
 * Replay corpus cases against a SCSI target reachable through one function
 * `(cdb, dataOut) => {status, sense, dataIn}`, and compare each response with the conforming
 * ones. No Node API: the caller reads the files (the CLI's `scsi-odx check` does).
 *
 * @packageDocumentation
 */
import { encodeCdb } from '../cdb/index.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { encodeWriteUsingTokenParameterList } from '../parameter-list/index.js';
import { decodeSenseData, normalizeSenseData } from '../sense/index.js';

/**
 * What a case is: the bytes a device server receives. `cdb`: a CDB (with `dataOut` if the case
 * has any); `populate-token-params` / `write-using-token-params` / `extended-copy-params` /
 * `extended-copy-lid4-params`: a parameter list, sent with a POPULATE TOKEN / WRITE USING TOKEN /
 * EXTENDED COPY (LID1) / EXTENDED COPY (LID4) CDB whose
 * PARAMETER LIST LENGTH is the list's length; `rod-token`: a ROD token, sent at byte 16 of a
 * WRITE USING TOKEN parameter list with one range descriptor (LBA 0, one block).
 *
 * @remarks Since 0.2.0
 */
export type ReplayKind =
  | 'cdb'
  | 'populate-token-params'
  | 'write-using-token-params'
  | 'rod-token'
  | 'extended-copy-params'
  | 'extended-copy-lid4-params';

/** The kinds {@link replayRequest} can send. @remarks Since 0.2.0 */
export const REPLAY_KINDS: readonly ReplayKind[] = Object.freeze([
  'cdb',
  'populate-token-params',
  'write-using-token-params',
  'rod-token',
  'extended-copy-params',
  'extended-copy-lid4-params',
]);

/** True if cases of `kind` can be replayed against a target. @remarks Since 0.2.0 */
export function isReplayKind(kind: unknown): kind is ReplayKind {
  return typeof kind === 'string' && (REPLAY_KINDS as readonly string[]).includes(kind);
}

/** Offset of the ROD token in the WRITE USING TOKEN list a `rod-token` case is sent in. @remarks Since 0.2.0 */
export const REPLAY_ROD_TOKEN_OFFSET = 16;

/** The command one case sends. @remarks Since 0.2.0 */
export interface ReplayRequest {
  readonly cdb: Uint8Array;
  readonly dataOut: Uint8Array;
}

/** List identifier of the CDBs {@link replayRequest} builds. */
const LIST_ID = 1;

/**
 * The CDB and data-out a case of `kind` is sent as (see {@link ReplayKind}).
 *
 * @throws {ScsiCodecError} if the bytes cannot be carried (e.g. a `rod-token` case that is not
 * 512 bytes).
 * @remarks Since 0.2.0
 */
export function replayRequest(kind: ReplayKind, bytes: Uint8Array, dataOut?: Uint8Array): ReplayRequest {
  try {
    if (!isReplayKind(kind)) throw unexpected('ReplayCase', 'kind', 'not a replayable kind');
    if (!isUint8Array(bytes)) throw unexpected('ReplayCase', 'bytes', 'not a Uint8Array');
    if (dataOut !== undefined && !isUint8Array(dataOut)) throw unexpected('ReplayCase', 'dataOut', 'not a Uint8Array');
    return requestOf(kind, bytes, dataOut);
  } catch (e) {
    throw inputFault(e, 'ReplayCase', [kind, bytes, dataOut], 'ERR_UNEXPECTED_VALUE');
  }
}

function unexpected(structure: string, field: string | undefined, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_UNEXPECTED_VALUE', structure, field, 0, detail);
}

function requestOf(kind: ReplayKind, bytes: Uint8Array, dataOut: Uint8Array | undefined): ReplayRequest {
  const pll = bytes.length;
  switch (kind) {
    case 'cdb':
      return { cdb: bytes, dataOut: dataOut ?? new Uint8Array(0) };
    case 'populate-token-params':
      return {
        cdb: encodeCdb({
          kind: 'POPULATE TOKEN',
          listIdentifier: LIST_ID,
          parameterListLength: pll,
          groupNumber: 0,
          control: 0,
        }),
        dataOut: bytes,
      };
    case 'write-using-token-params':
      return { cdb: wutCdb(pll), dataOut: bytes };
    case 'rod-token': {
      const list = encodeWriteUsingTokenParameterList({
        delTkn: false,
        immed: false,
        offsetIntoRod: 0n,
        rodToken: bytes,
        blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 1 }],
      });
      return { cdb: wutCdb(list.length), dataOut: list };
    }
    case 'extended-copy-params':
      return {
        cdb: encodeCdb({ kind: 'EXTENDED COPY (LID1)', parameterListLength: pll, control: 0 }),
        dataOut: bytes,
      };
    case 'extended-copy-lid4-params':
      return {
        cdb: encodeCdb({ kind: 'EXTENDED COPY (LID4)', parameterListLength: pll, control: 0 }),
        dataOut: bytes,
      };
  }
}

function wutCdb(pll: number): Uint8Array {
  return encodeCdb({
    kind: 'WRITE USING TOKEN',
    listIdentifier: LIST_ID,
    parameterListLength: pll,
    groupNumber: 0,
    control: 0,
  });
}

/**
 * One conforming response. `status` 0 (GOOD) or 2 (CHECK CONDITION); for CHECK CONDITION the sense
 * key and ASC/ASCQ, and the SENSE KEY SPECIFIC field pointer: an object (C/D, byte, bit if BPV = 1)
 * when it must be reported, `null` when SKSV must be 0, absent when either is conforming.
 *
 * @remarks Since 0.2.0
 */
export interface ConformingResponse {
  readonly status: number;
  readonly senseKey?: number;
  readonly asc?: number;
  readonly ascq?: number;
  readonly fieldPointer?: { readonly commandData: boolean; readonly byte: number; readonly bit?: number } | null;
}

/**
 * What a case expects: the device server rule it exercises (absent for a valid case), and the
 * responses that conform (the first is the one the reference copy manager gives).
 *
 * @remarks Since 0.2.0
 */
export interface ExpectedResponse {
  /** Rule id in the device-server rule table (`DEVICE_SERVER_RULES`). */
  readonly rule?: string;
  /** Conforming responses, at least one. */
  readonly conforming: readonly ConformingResponse[];
}

/** A response as a target function returns it. @remarks Since 0.2.0 */
export interface TargetResponse {
  /** SAM status byte. */
  readonly status: number;
  /** Sense data (fixed or descriptor format) with CHECK CONDITION. */
  readonly sense?: Uint8Array | undefined;
  readonly dataIn?: Uint8Array | undefined;
}

/**
 * A SCSI target as one function: a command in, its response out (synchronously or as a promise).
 *
 * @remarks Since 0.2.0
 */
export type ScsiTargetFunction = (cdb: Uint8Array, dataOut: Uint8Array) => TargetResponse | Promise<TargetResponse>;

/** A response as sense fields, for messages. */
function describeResponse(r: TargetResponse): string {
  if (r.status !== 2) return r.status === 0 ? 'GOOD' : `status ${hex2(r.status)}`;
  if (r.sense === undefined || r.sense.length === 0) return 'CHECK CONDITION without sense data';
  try {
    const n = normalizeSenseData(decodeSenseData(r.sense));
    return describe({
      status: 2,
      senseKey: n.senseKey,
      asc: n.asc,
      ascq: n.ascq,
      fieldPointer: pointerOf(n.senseKeySpecific),
    });
  } catch (e) {
    if (isScsiCodecError(e)) return `CHECK CONDITION with undecodable sense data (${e.message})`;
    throw e;
  }
}

function hex2(v: number): string {
  return `${v.toString(16).padStart(2, '0').toUpperCase()}h`;
}

/** One conforming response in words, e.g. `CHECK CONDITION 5/26h/00h field pointer parameter list byte 2 bit 3`. @remarks Since 0.2.0 */
export function describeConforming(c: ConformingResponse): string {
  try {
    return describe(c);
  } catch (e) {
    throw inputFault(e, 'ConformingResponse', [c], 'ERR_UNEXPECTED_VALUE');
  }
}

function describe(c: ConformingResponse): string {
  if (typeof c !== 'object' || c === null) throw unexpected('ConformingResponse', undefined, 'not an object');
  if (c.status !== 2) return c.status === 0 ? 'GOOD' : `status ${hex2(c.status)}`;
  let s = `CHECK CONDITION ${c.senseKey ?? '?'}/${c.asc === undefined ? '?' : hex2(c.asc)}/${c.ascq === undefined ? '?' : hex2(c.ascq)}`;
  const p = c.fieldPointer;
  if (p === null) s += ' without field pointer';
  else if (p !== undefined) {
    s += ` field pointer ${p.commandData ? 'CDB' : 'parameter list'} byte ${p.byte}`;
    if (p.bit !== undefined) s += ` bit ${p.bit}`;
  }
  return s;
}

function pointerOf(
  sks: ReturnType<typeof normalizeSenseData>['senseKeySpecific'],
): { readonly commandData: boolean; readonly byte: number; readonly bit?: number } | null {
  if (sks === undefined || sks.kind !== 'fieldPointer' || !sks.sksv) return null;
  return sks.bitPointerValid
    ? { commandData: sks.commandData, byte: sks.fieldPointer, bit: sks.bitPointer }
    : { commandData: sks.commandData, byte: sks.fieldPointer };
}

/**
 * True if `response` is `c`: same status; for CHECK CONDITION the same sense key, ASC/ASCQ and
 * (unless `c` leaves it open) field pointer, in either sense data format.
 *
 * @remarks Since 0.2.0
 */
export function responseConforms(response: TargetResponse, c: ConformingResponse): boolean {
  try {
    return conforms(response, c);
  } catch (e) {
    throw inputFault(e, 'TargetResponse', [response, c], 'ERR_UNEXPECTED_VALUE');
  }
}

function conforms(response: TargetResponse, c: ConformingResponse): boolean {
  if (typeof response !== 'object' || response === null) throw unexpected('TargetResponse', undefined, 'not an object');
  if (typeof c !== 'object' || c === null) throw unexpected('ConformingResponse', undefined, 'not an object');
  if (response.status !== c.status) return false;
  if (c.status !== 2) return true;
  if (!isUint8Array(response.sense)) return false;
  let n: ReturnType<typeof normalizeSenseData>;
  try {
    n = normalizeSenseData(decodeSenseData(response.sense));
  } catch (e) {
    if (isScsiCodecError(e)) return false;
    throw e;
  }
  if (c.senseKey !== undefined && n.senseKey !== c.senseKey) return false;
  if (c.asc !== undefined && n.asc !== c.asc) return false;
  if (c.ascq !== undefined && n.ascq !== c.ascq) return false;
  if (c.fieldPointer === undefined) return true;
  const p = pointerOf(n.senseKeySpecific);
  if (c.fieldPointer === null || p === null) return c.fieldPointer === p;
  return p.commandData === c.fieldPointer.commandData && p.byte === c.fieldPointer.byte && p.bit === c.fieldPointer.bit;
}

/** One case to replay. @remarks Since 0.2.0 */
export interface ReplayCase {
  readonly kind: ReplayKind;
  /** The case's bytes (the corpus file). */
  readonly bytes: Uint8Array;
  /** Data-out sent with a `cdb` case. */
  readonly dataOut?: Uint8Array | undefined;
  readonly expected: ExpectedResponse;
  /** A name for reports (e.g. the corpus file name). */
  readonly name?: string | undefined;
  /** What was changed (near-miss cases). */
  readonly mutation?: string | undefined;
}

/** The outcome of one replayed case. @remarks Since 0.2.0 */
export interface ReplayResult {
  readonly case: ReplayCase;
  readonly ok: boolean;
  readonly response: TargetResponse;
  /** The response in words. */
  readonly got: string;
  /** The conforming responses in words. */
  readonly want: readonly string[];
}

/**
 * Send one case to `target` and compare the response with the conforming ones.
 *
 * @remarks Since 0.2.0
 */
export function replayCorpusCase(c: ReplayCase, target: ScsiTargetFunction): Promise<ReplayResult> {
  // Arguments are checked before the promise exists: a wrong shape throws here, synchronously.
  const req = checkCase(c);
  if (typeof target !== 'function') throw unexpected('ReplayCase', 'target', 'not a function');
  return replayChecked(c, req, target);
}

/** The request of a case of the right shape, or ScsiCodecError ERR_UNEXPECTED_VALUE. */
function checkCase(c: ReplayCase): ReplayRequest {
  try {
    if (typeof c !== 'object' || c === null) throw unexpected('ReplayCase', undefined, 'not an object');
    const e = c.expected;
    if (typeof e !== 'object' || e === null || !Array.isArray(e.conforming) || e.conforming.length === 0) {
      throw unexpected('ReplayCase', 'expected', 'needs a non-empty conforming list');
    }
    return replayRequest(c.kind, c.bytes, c.dataOut);
  } catch (e) {
    throw inputFault(e, 'ReplayCase', [c], 'ERR_UNEXPECTED_VALUE');
  }
}

async function replayChecked(c: ReplayCase, req: ReplayRequest, target: ScsiTargetFunction): Promise<ReplayResult> {
  const response = await target(req.cdb, req.dataOut);
  return judge(c, response);
}

function judge(c: ReplayCase, response: TargetResponse): ReplayResult {
  if (typeof response !== 'object' || response === null) {
    throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'TargetResponse', undefined, 0, 'the target returned no object');
  }
  const ok = c.expected.conforming.some((x) => conforms(response, x));
  return {
    case: c,
    ok,
    response,
    got: ok ? '' : describeResponse(response),
    want: ok ? [] : c.expected.conforming.map(describe),
  };
}

/** Options of {@link checkTarget}. @remarks Since 0.2.0 */
export interface CheckTargetOptions {
  /**
   * A fresh target for each case (cases are independent: a POPULATE TOKEN case must not find the
   * tokens of the ones before it). Without it every case goes to the `target` given.
   */
  readonly newTarget?: (() => ScsiTargetFunction | Promise<ScsiTargetFunction>) | undefined;
  /** Called after each case (progress). */
  readonly onResult?: ((r: ReplayResult, done: number) => void) | undefined;
  /** Stop collecting failures after this many (default: all). */
  readonly maxFailures?: number | undefined;
}

/** Summary of {@link checkTarget}. @remarks Since 0.2.0 */
export interface CheckReport {
  readonly total: number;
  readonly passed: number;
  /** Cases whose response was not among the conforming ones. */
  readonly failures: readonly ReplayResult[];
  /** Cases per rule id (`valid` for valid cases) and how many of them failed. */
  readonly byRule: Readonly<Record<string, { readonly cases: number; readonly failed: number }>>;
}

/**
 * Replay every case against a target and report each case whose response is not among the
 * conforming ones, with the rule id it exercises.
 *
 * @example
 * ```ts
 * import { checkTarget, copyManagerTarget } from 'scsi-odx';
 * const report = await checkTarget(cases, (cdb, dataOut) => myTarget.handle(cdb, dataOut));
 * for (const f of report.failures) console.log(f.case.name, f.case.expected.rule, f.got, f.want);
 * ```
 * @remarks Since 0.2.0
 */
export function checkTarget(
  cases: Iterable<ReplayCase> | AsyncIterable<ReplayCase>,
  target: ScsiTargetFunction | undefined,
  options?: CheckTargetOptions,
): Promise<CheckReport> {
  // Arguments are checked before the promise exists: a wrong shape throws here, synchronously.
  try {
    const iterable =
      typeof cases === 'object' &&
      cases !== null &&
      (typeof (cases as Iterable<ReplayCase>)[Symbol.iterator] === 'function' ||
        typeof (cases as AsyncIterable<ReplayCase>)[Symbol.asyncIterator] === 'function');
    if (!iterable) throw unexpected('CheckTarget', 'cases', 'not an iterable of cases');
    if (target !== undefined && typeof target !== 'function')
      throw unexpected('CheckTarget', 'target', 'not a function');
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw unexpected('CheckTarget', 'options', 'not an object');
    }
    const n = options?.newTarget;
    if (n !== undefined && typeof n !== 'function') throw unexpected('CheckTarget', 'newTarget', 'not a function');
    if (target === undefined && n === undefined) {
      throw unexpected('CheckTarget', 'target', 'give a target or options.newTarget');
    }
    const r = options?.onResult;
    if (r !== undefined && typeof r !== 'function') throw unexpected('CheckTarget', 'onResult', 'not a function');
  } catch (e) {
    throw inputFault(e, 'CheckTarget', [cases, target, options], 'ERR_UNEXPECTED_VALUE');
  }
  return checkAll(cases, target, options);
}

async function checkAll(
  cases: Iterable<ReplayCase> | AsyncIterable<ReplayCase>,
  target: ScsiTargetFunction | undefined,
  options: CheckTargetOptions | undefined,
): Promise<CheckReport> {
  const failures: ReplayResult[] = [];
  const byRule: Record<string, { cases: number; failed: number }> = {};
  const max = options?.maxFailures ?? Number.POSITIVE_INFINITY;
  let total = 0;
  let passed = 0;
  for await (const c of cases) {
    const t = options?.newTarget === undefined ? target : await options.newTarget();
    if (typeof t !== 'function') throw unexpected('CheckTarget', 'newTarget', 'returned no target function');
    const r = await replayCorpusCase(c, t);
    total++;
    const key = c.expected.rule ?? 'valid';
    const slot = byRule[key] ?? { cases: 0, failed: 0 };
    byRule[key] = slot;
    slot.cases++;
    if (r.ok) passed++;
    else {
      slot.failed++;
      if (failures.length < max) failures.push(r);
    }
    options?.onResult?.(r, total);
  }
  return { total, passed, failures, byRule };
}

/** The copy manager surface {@link copyManagerTarget} needs (`CopyManager` of `scsi-odx/copy-manager`). */
export interface ExecutesCommands {
  execute(request: {
    readonly nexus: { readonly initiatorPortId: string; readonly targetPortId: number };
    readonly lun: number;
    readonly cdb: Uint8Array;
    readonly dataOut?: Uint8Array | undefined;
  }): { readonly status: number; readonly senseData?: Uint8Array; readonly dataIn?: Uint8Array };
}

/**
 * A target function over a copy manager's `execute()` (LUN 0, one I_T nexus unless given).
 *
 * @remarks Since 0.2.0
 */
export function copyManagerTarget(
  cm: ExecutesCommands,
  options?: { readonly lun?: number; readonly initiatorPortId?: string; readonly targetPortId?: number },
): ScsiTargetFunction {
  let nexus: { initiatorPortId: string; targetPortId: number };
  let lun: number;
  try {
    if (typeof cm !== 'object' || cm === null || typeof cm.execute !== 'function') {
      throw unexpected('CopyManagerTarget', 'cm', 'not an object with an execute() method');
    }
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw unexpected('CopyManagerTarget', 'options', 'not an object');
    }
    nexus = {
      initiatorPortId: options?.initiatorPortId ?? 'scsi-odx-check',
      targetPortId: options?.targetPortId ?? 1,
    };
    lun = options?.lun ?? 0;
  } catch (e) {
    throw inputFault(e, 'CopyManagerTarget', [cm, options], 'ERR_UNEXPECTED_VALUE');
  }
  return (cdb, dataOut) => {
    const r = cm.execute({ nexus, lun, cdb, dataOut });
    return { status: r.status, sense: r.senseData, dataIn: r.dataIn };
  };
}
