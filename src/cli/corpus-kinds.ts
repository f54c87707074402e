/**
 * Corpus registry: for each kind, an arbitrary of valid cases and one of invalid cases.
 *
 * Kinds a device server receives (CDBs, PT/WUT parameter lists, ROD tokens) are replayable: their
 * valid cases are requests the device server of the corpus profile accepts (GOOD), their invalid
 * cases near-misses with one defect, the rule it breaks and the conforming responses. The other
 * kinds (sense, VPD, status data, designation descriptors: what a target sends) are for decoders:
 * valid = strict decoding accepts, invalid = a declared length beyond the buffer.
 */
import fc from 'fast-check';
import { arbValidCommand } from '../arbitraries/device-server.js';
import {
  arbCdb,
  arbCopyStatusLid4,
  arbDesignationDescriptor,
  arbExtendedCopyLid1ParameterList,
  arbRodTokenInformation,
  arbSenseData,
  arbVpdPage,
} from '../arbitraries/index.js';
import { arbNearMiss, arbValidEncoding, type NearMiss, type NearMissKind } from '../arbitraries/near-miss.js';
import { arbExtendedCopyNearMiss, arbValidExtendedCopyList } from '../arbitraries/near-miss-xcopy.js';
import type { DeviceServerProfile } from '../conformance/profile.js';
import type { ConformingResponse } from '../conformance/replay.js';
import { describeConforming } from '../conformance/replay.js';
import { encodeSenseData } from '../sense/index.js';
import { CODECS } from './codecs.js';
import { toJsonValue } from './json.js';
import type { Kind } from './kinds.js';

/** One corpus case. */
export type CorpusCase =
  | {
      readonly bytes: Uint8Array;
      readonly valid: true;
      readonly dataOut?: Uint8Array | undefined;
      /** JSON data for the manifest (replayable kinds: GOOD). */
      readonly expected?: unknown;
    }
  | {
      readonly bytes: Uint8Array;
      readonly valid: false;
      readonly dataOut?: Uint8Array | undefined;
      readonly mutation: string;
      readonly detail: string;
      readonly detectedBy: string;
      /** JSON data for the manifest. */
      readonly expected: unknown;
    };

/** Generators of one kind. */
export interface CorpusKind {
  readonly valid: fc.Arbitrary<CorpusCase>;
  readonly invalid?: fc.Arbitrary<CorpusCase>;
}

function strictOk(kind: Kind, bytes: Uint8Array): boolean {
  try {
    CODECS[kind]?.decode(bytes, { strict: true });
    return true;
  } catch {
    return false;
  }
}

function fromValues(kind: Kind, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Uint8Array> {
  const codec = CODECS[kind];
  if (codec === undefined) throw new Error(`no ${kind} codec in this build`);
  return arb.map((v) => codec.encode(v as never)).filter((b) => strictOk(kind, b));
}

const NEAR_MISS: readonly Kind[] = ['cdb', 'populate-token-params', 'write-using-token-params', 'rod-token'];

const GOOD_JSON = { summary: 'GOOD', conforming: [{ status: 0 }] };

/** Manifest form of a near-miss's expectation: the rule, the conforming responses, the reference sense. */
export function expectedJson(n: Pick<NearMiss, 'rule' | 'conforming' | 'expected'>): unknown {
  return {
    rule: n.rule,
    summary: describeConforming(n.conforming[0] as ConformingResponse),
    conforming: n.conforming,
    ...(n.expected === undefined ? {} : { senseData: toJsonValue(encodeSenseData(n.expected)) }),
  };
}

/** Header length field of the response kinds: offset and width. */
const LENGTH_FIELD: Partial<Record<Kind, readonly [offset: number, width: 1 | 2 | 4]>> = {
  sense: [7, 1],
  vpd: [2, 2],
  designation: [3, 1],
  'rrti-data': [0, 4],
  'copy-status': [0, 4],
  'extended-copy-params': [12, 4],
};

function lengthBeyondBuffer(kind: Kind, valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<CorpusCase> | undefined {
  const field = LENGTH_FIELD[kind];
  if (field === undefined) return undefined;
  const [off, width] = field;
  const max = 2 ** (8 * width) - 1;
  return fc.tuple(valid, fc.integer({ min: 1, max: 8 })).map(([b, d]): CorpusCase => {
    const dv0 = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const cur = width === 1 ? dv0.getUint8(off) : width === 2 ? dv0.getUint16(off) : dv0.getUint32(off);
    if (cur + d <= max) {
      const bytes = Uint8Array.from(b);
      const dv = new DataView(bytes.buffer);
      if (width === 1) dv.setUint8(off, cur + d);
      else if (width === 2) dv.setUint16(off, cur + d);
      else dv.setUint32(off, cur + d);
      return {
        bytes,
        valid: false,
        mutation: 'declared-length-beyond-buffer',
        detail: `length field at byte ${off} raised from ${cur} to ${cur + d}: more than the buffer holds`,
        detectedBy: 'decoder',
        expected: { strictDecoding: 'rejects' },
      };
    }
    const cut = Math.min(d, b.length - off - width);
    return {
      bytes: b.slice(0, b.length - cut),
      valid: false,
      mutation: 'truncated',
      detail: `last ${cut} byte(s) cut: the length field at byte ${off} declares more than the buffer holds`,
      detectedBy: 'decoder',
      expected: { strictDecoding: 'rejects' },
    };
  });
}

/** A near-miss as the corpus needs it (the shape of `NearMiss`, for any replayable kind). */
export type ReplayableNearMiss = Pick<
  NearMiss,
  'bytes' | 'dataOut' | 'mutation' | 'detail' | 'detectedBy' | 'rule' | 'conforming' | 'expected'
>;

/**
 * Replayable kinds beyond the four near-miss kinds: valid requests (GOOD from the device server of
 * the profile) and near-misses. EXTENDED COPY plugs in here (`src/arbitraries/near-miss-xcopy.ts`);
 * `replayRequest` already sends an `extended-copy-params` case as EXTENDED COPY (LID1).
 */
const MORE_REPLAYABLE: Partial<
  Record<
    Kind,
    (p: DeviceServerProfile) => { valid: fc.Arbitrary<Uint8Array>; nearMiss: fc.Arbitrary<ReplayableNearMiss> }
  >
> = {
  'extended-copy-params': (p) => ({
    valid: arbValidExtendedCopyList('extended-copy-params', p),
    nearMiss: arbExtendedCopyNearMiss('extended-copy-params'),
  }),
  'extended-copy-lid4-params': (p) => ({
    valid: arbValidExtendedCopyList('extended-copy-lid4-params', p),
    nearMiss: arbExtendedCopyNearMiss('extended-copy-lid4-params'),
  }),
};

function nearMissCase(n: ReplayableNearMiss): CorpusCase {
  return {
    bytes: n.bytes,
    valid: false,
    dataOut: n.dataOut,
    mutation: n.mutation,
    detail: n.detail,
    detectedBy: n.detectedBy,
    expected: expectedJson(n),
  };
}

/** Generators for `kind` with `profile`, or undefined if this build has none. */
export function corpusKindOf(kind: Kind, profile: DeviceServerProfile): CorpusKind | undefined {
  if (CODECS[kind] === undefined) return undefined;
  const more = MORE_REPLAYABLE[kind]?.(profile);
  if (more !== undefined) {
    return {
      valid: more.valid.map((bytes): CorpusCase => ({ bytes, valid: true, expected: GOOD_JSON })),
      invalid: more.nearMiss.map(nearMissCase),
    };
  }
  if (NEAR_MISS.includes(kind)) {
    const k = kind as NearMissKind;
    const valid =
      k === 'cdb'
        ? arbValidCommand(profile).map(
            (c): CorpusCase => ({ bytes: c.cdb, valid: true, dataOut: c.dataOut, expected: GOOD_JSON }),
          )
        : arbValidEncoding(k, profile).map((bytes): CorpusCase => ({ bytes, valid: true, expected: GOOD_JSON }));
    const invalid = arbNearMiss(k, profile).map(nearMissCase);
    return { valid, invalid };
  }
  const bytes = validOf(kind);
  if (bytes === undefined) return undefined;
  const invalid = lengthBeyondBuffer(kind, bytes);
  const valid = bytes.map((b): CorpusCase => ({ bytes: b, valid: true }));
  return invalid === undefined ? { valid } : { valid, invalid };
}

function validOf(kind: Kind): fc.Arbitrary<Uint8Array> | undefined {
  switch (kind) {
    case 'cdb':
      return fromValues(kind, arbCdb());
    case 'sense':
      return fromValues(kind, arbSenseData());
    case 'vpd':
      return fromValues(kind, arbVpdPage());
    case 'designation':
      return fromValues(kind, arbDesignationDescriptor());
    case 'rrti-data':
      return fromValues(kind, arbRodTokenInformation());
    case 'copy-status':
      return fromValues(kind, arbCopyStatusLid4());
    case 'extended-copy-params':
      return fromValues(kind, arbExtendedCopyLid1ParameterList());
    default:
      return undefined;
  }
}
