/**
 * Near-miss arbitraries: requests a device server accepts (GOOD), each with exactly one defect,
 * and the conforming responses the device-server rule it breaks names (the first one is what the
 * reference copy manager answers).
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { type Cdb, decodeCdb, encodeCdb } from '../cdb/index.js';
import { DEFAULT_DEVICE_SERVER_PROFILE, type DeviceServerProfile } from '../conformance/profile.js';
import type { ConformingResponse, ReplayCase } from '../conformance/replay.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  validateRangeDescriptors,
} from '../parameter-list/index.js';
import { BLOCK_DEVICE_ZERO_ROD_TOKEN, decodeRodToken, encodeRodToken, ROD_TOKEN_SIZE } from '../rod-token/index.js';
import { type SenseData, senseDataFromCodecError } from '../sense/index.js';
import { arbCdb } from './cdb.js';
import {
  arbValidCommand,
  arbValidPopulateTokenParameterList,
  arbValidWriteUsingTokenParameterList,
} from './device-server.js';
import { cdbDrafts } from './near-miss-cdb.js';
import type { Draft } from './near-miss-draft.js';
import { listDrafts, PT_LAYOUT, WUT_LAYOUT } from './near-miss-list.js';
import { TOKEN_AT, tokenDrafts } from './near-miss-token.js';
import { arbPopulateTokenParameterList, arbRawRodToken, arbWriteUsingTokenParameterList } from './parameter-list.js';
import { arbRodToken } from './rod-token.js';
import { expectationFor, senseOfRule } from './rule-expectations.js';

/**
 * The structures near-misses are generated for: what an application client sends to a copy
 * manager.
 *
 * @remarks Since 0.1.0
 */
export const NEAR_MISS_KINDS = ['cdb', 'populate-token-params', 'write-using-token-params', 'rod-token'] as const;

/** One of {@link NEAR_MISS_KINDS}. @remarks Since 0.1.0 */
export type NearMissKind = (typeof NEAR_MISS_KINDS)[number];

/**
 * Which check finds the defect:
 * - `decoder`: strict decoding of the structure throws a ScsiCodecError (for a WRITE USING TOKEN
 *   list, strict decoding of the embedded ROD token too);
 * - `validator`: the structure decodes, and `validateRangeDescriptors` with the profile's limits
 *   reports it;
 * - `target`: only a device server knows (a PARAMETER LIST LENGTH of 1-15, data-out shorter than
 *   the CDB says, an unsupported ROD type, an LBA beyond the capacity in a CDB).
 *
 * @remarks Since 0.1.0
 */
export type NearMissDetection = 'decoder' | 'validator' | 'target';

/**
 * One near-miss case: a request the device server of the profile accepts, with one defect.
 *
 * @remarks Since 0.1.0
 */
export interface NearMiss {
  /** The bytes: a CDB, a parameter list, or a ROD token (sent at byte 16 of a WRITE USING TOKEN list). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly kind: NearMissKind;
  /** Data-out sent with a `cdb` case (empty for the others: the list is the data-out). @remarks Since 0.2.0 */
  readonly dataOut: Uint8Array<ArrayBuffer>;
  /** Mutation name, e.g. `data-length-off-by-one`, `reserved-bit`, `wrong-rod-token-length`. */
  readonly mutation: string;
  /** Where the defect is, in words. */
  readonly detail: string;
  readonly detectedBy: NearMissDetection;
  /** The device-server rule the defect breaks (`DEVICE_SERVER_RULES` id). @remarks Since 0.2.0 */
  readonly rule: string;
  /**
   * The conforming responses (the first is the reference copy manager's), field pointers counted
   * from the start of the request's CDB or parameter list: for a `rod-token` case, of the WRITE
   * USING TOKEN list it is sent in (token byte + 16). @remarks Since 0.2.0
   */
  readonly conforming: readonly ConformingResponse[];
  /**
   * Sense data of the reference copy manager's CHECK CONDITION, `undefined` when the rule's
   * answer is GOOD (e.g. range descriptors cut off by PARAMETER LIST LENGTH are ignored).
   */
  readonly expected: SenseData | undefined;
}

const NO_DATA = new Uint8Array(0);

// ---------------------------------------------------------------- public API

/**
 * Encodings a device server with `profile` (default: the reference copy manager's defaults, see
 * `DEFAULT_DEVICE_SERVER_PROFILE`) accepts with GOOD: CDBs it completes on a fresh I_T nexus
 * without data-out (`arbValidCommand` also gives the ones with data-out), POPULATE TOKEN and WRITE
 * USING TOKEN parameter lists inside its capacity and limits (the WRITE USING TOKEN ones carry
 * the block device zero ROD token), and the block device zero ROD token. These are the starting
 * points of the near-misses. For what a decoder must parse, see {@link arbWellFormedEncoding}.
 *
 * @remarks Since 0.1.0 (the `profile` parameter, and acceptance by a device server rather than
 * strict decoding alone, since 0.2.0)
 */
export function arbValidEncoding(
  kind: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  switch (kind) {
    case 'cdb':
      return arbValidCommand(profile)
        .filter((c) => c.dataOut.length === 0)
        .map((c) => c.cdb);
    case 'populate-token-params':
      return arbValidPopulateTokenParameterList(profile).map((v) => encodePopulateTokenParameterList(v));
    case 'write-using-token-params':
      return arbValidWriteUsingTokenParameterList(profile).map((v) => encodeWriteUsingTokenParameterList(v));
    case 'rod-token':
      return fc.constant(null).map(() => encodeRodToken(BLOCK_DEVICE_ZERO_ROD_TOKEN));
  }
}

/**
 * Well-formed encodings of a near-miss kind: what a strict decoder must accept, whatever a device
 * server makes of them (any CDB of the ODX commands, lists with any LBAs, counts, ROD types and
 * token bytes, ROD tokens of every class).
 *
 * @remarks Since 0.2.0
 */
export function arbWellFormedEncoding(kind: NearMissKind): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  switch (kind) {
    case 'cdb':
      return arbCdb()
        .map((c) => encodeCdbLoose(c))
        .filter((b): b is Uint8Array<ArrayBuffer> => b !== undefined && strictlyValid(kind, b));
    case 'populate-token-params':
      return arbPopulateTokenParameterList()
        .map((v) => encodePopulateTokenParameterList(v))
        .filter((b) => strictlyValid(kind, b));
    case 'write-using-token-params':
      return fc
        .tuple(arbWriteUsingTokenParameterList(), fc.oneof(arbStrictRodTokenBytes(), arbRawRodToken()))
        .map(([v, token]) => encodeWriteUsingTokenParameterList({ ...v, rodToken: token }))
        .filter((b) => strictlyValid(kind, b));
    case 'rod-token':
      return arbStrictRodTokenBytes();
  }
}

function encodeCdbLoose(c: Cdb): Uint8Array<ArrayBuffer> | undefined {
  try {
    return encodeCdb(c);
  } catch {
    return undefined;
  }
}

function arbStrictRodTokenBytes(): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  return arbRodToken({ valid: true })
    .map((v) => encodeRodToken(v))
    .filter((b) => b.length === 512 && strictlyValid('rod-token', b));
}

/**
 * Strict decoding of a near-miss kind, as a copy manager would check what it receives: the CDB,
 * the parameter list, and for WRITE USING TOKEN the embedded ROD token too. Throws the
 * ScsiCodecError that strict decoding throws (its offset counts from the start of `bytes`).
 *
 * @throws {ScsiCodecError} whatever strict decoding rejects.
 * @remarks Since 0.1.0
 */
export function decodeNearMissKindStrict(kind: NearMissKind, bytes: Uint8Array): unknown {
  switch (kind) {
    case 'cdb':
      return decodeCdb(bytes, { strict: true });
    case 'populate-token-params':
      return decodePopulateTokenParameterList(bytes, { strict: true });
    case 'write-using-token-params': {
      const list = decodeWriteUsingTokenParameterList(bytes, { strict: true });
      // Re-decode the token in place so error offsets count from the start of the list.
      decodeTokenAt(bytes.subarray(0, TOKEN_AT + ROD_TOKEN_SIZE), TOKEN_AT);
      return list;
    }
    case 'rod-token':
      return decodeRodToken(bytes, { strict: true });
  }
}

function decodeTokenAt(bytes: Uint8Array, at: number): void {
  try {
    decodeRodToken(bytes.subarray(at), { strict: true });
  } catch (e) {
    if (isScsiCodecError(e)) {
      throw new ScsiCodecError(e.code, e.structure, e.field, e.offset + at, e.detail, {
        bit: e.bit,
        cause: e,
        rule: e.rule,
      });
    }
    throw e;
  }
}

function strictlyValid(kind: NearMissKind, bytes: Uint8Array): boolean {
  try {
    decodeNearMissKindStrict(kind, bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The sense data for a near-miss that strict decoding rejected with `err`: the sense module's
 * `senseDataFromCodecError` (24h/00h in a CDB, 26h/00h or 1Ah/00h in a parameter list).
 *
 * @remarks Since 0.1.0
 */
export function nearMissSenseFromCodecError(kind: NearMissKind, err: ScsiCodecError): SenseData {
  return senseDataFromCodecError(err, kind === 'cdb' ? 'cdb' : 'parameterList');
}

function detect(kind: NearMissKind, p: DeviceServerProfile, bytes: Uint8Array): NearMissDetection {
  let value: unknown;
  try {
    value = decodeNearMissKindStrict(kind, bytes);
  } catch {
    return 'decoder';
  }
  if (kind === 'populate-token-params' || kind === 'write-using-token-params') {
    const list = value as { blockDeviceRangeDescriptors: Parameters<typeof validateRangeDescriptors>[0] };
    const issues = validateRangeDescriptors(list.blockDeviceRangeDescriptors, {
      maximumRangeDescriptors: p.maxRangeDescriptors,
      maximumTokenTransferSize: p.maxTokenTransferSize,
      maximumBlocksPerDescriptor: p.maxBlocksPerRangeDescriptor,
      capacity: p.capacity,
    });
    if (issues.length > 0) return 'validator';
  }
  return 'target';
}

function finish(kind: NearMissKind, p: DeviceServerProfile, d: Draft): NearMiss {
  const e = expectationFor(d.rule, d.at);
  return {
    bytes: d.bytes,
    kind,
    dataOut: d.dataOut ?? NO_DATA,
    mutation: d.mutation,
    detail: d.detail,
    detectedBy: detect(kind, p, d.bytes),
    rule: d.rule,
    conforming: e.conforming,
    expected: senseOfRule(d.rule, d.at),
  };
}

/**
 * Near-misses of `kind` (or of every kind) for a device server with `profile`: a request it
 * accepts with exactly one defect (off-by-one lengths, truncation, reserved bits and bytes,
 * ranges beyond the capacity or overlapping, too many descriptors, unsupported ROD types, wrong
 * ROD TOKEN LENGTH, NACA, ...), the device-server rule it breaks, and the conforming responses.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbNearMiss } from 'scsi-odx/arbitraries';
 * import { copyManagerTarget, replayCorpusCase } from 'scsi-odx';
 * await fc.assert(fc.asyncProperty(arbNearMiss('write-using-token-params'), async (c) => {
 *   const r = await replayCorpusCase({ ...c, expected: { rule: c.rule, conforming: c.conforming } }, myTarget);
 *   return r.ok;
 * }));
 * ```
 * @remarks Since 0.1.0 (`rule`, `conforming`, `dataOut` and the profile since 0.2.0)
 */
export function arbNearMiss(
  kind?: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<NearMiss> {
  if (kind === undefined) return fc.oneof(...NEAR_MISS_KINDS.map((k) => arbNearMiss(k, profile)));
  const p = profile;
  const drafts = (): fc.Arbitrary<Draft> => {
    switch (kind) {
      case 'cdb':
        return arbValidCommand(p).chain((c) => fc.oneof(...cdbDrafts(p, c)));
      case 'populate-token-params':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...listDrafts(p, b, PT_LAYOUT)));
      case 'write-using-token-params':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...listDrafts(p, b, WUT_LAYOUT)));
      case 'rod-token':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...tokenDrafts(b, 0)));
    }
  };
  return drafts().map((d) => finish(kind, p, d));
}

/**
 * A near-miss as a case for `replayCorpusCase` / `checkTarget` (from the main entry).
 *
 * @remarks Since 0.2.0
 */
export function nearMissReplayCase(c: NearMiss): ReplayCase {
  return {
    kind: c.kind,
    bytes: c.bytes,
    dataOut: c.dataOut,
    expected: { rule: c.rule, conforming: c.conforming },
    mutation: c.mutation,
    name: `${c.kind} ${c.mutation}: ${c.detail}`,
  };
}

/**
 * Every mutation of `kind` that `profile` allows, for coverage tests (a total over MAXIMUM TOKEN
 * TRANSFER SIZE needs more descriptors than MAXIMUM RANGE DESCRIPTORS when each one is limited
 * to far less). @internal
 */
export function nearMissMutations(
  kind: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): readonly string[] {
  const p = profile;
  const totalReachable =
    BigInt(Math.min(p.maxBlocksPerRangeDescriptor, 0xffff_ffff)) * BigInt(p.maxRangeDescriptors - 1) >
    p.maxTokenTransferSize;
  switch (kind) {
    case 'cdb':
      return [
        'data-out-short',
        'inquiry-page-code',
        'lba-out-of-range',
        'naca',
        'parameter-list-length-1-to-15',
        'protect',
        'reserved-bit',
        'transfer-length',
        'write-data-out-short',
      ];
    case 'rod-token':
      return ['reserved-byte', 'unsupported-token-type', 'wrong-rod-token-length'];
    default:
      return [
        'data-length-off-by-one',
        'lba-out-of-range',
        'no-range-descriptors',
        'overlapping-ranges',
        'partial-descriptor',
        'reserved-bit',
        'reserved-byte',
        'too-many-range-descriptors',
        ...(totalReachable ? ['total-too-large'] : []),
        'truncated',
        ...(kind === 'populate-token-params'
          ? ['inactivity-timeout-too-large', 'unsupported-rod-type']
          : ['unsupported-token-type', 'wrong-rod-token-length']),
      ];
  }
}
