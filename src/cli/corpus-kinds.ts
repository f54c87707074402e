/**
 * Corpus registry: for each kind, an arbitrary of valid encodings (canonical, accepted by strict
 * decoding) and one of invalid cases. Kinds a copy manager receives (CDBs, PT/WUT parameter
 * lists, ROD tokens) use the near-miss generators, whose cases carry the sense data a correct
 * target returns; the others (sense, VPD, status data, designation descriptors) get a declared
 * length beyond the buffer, which strict decoding must reject.
 */
import fc from 'fast-check';
import {
  arbCdb,
  arbCopyStatusLid4,
  arbDesignationDescriptor,
  arbExtendedCopyLid1ParameterList,
  arbExtendedCopyLid4ParameterList,
  arbRodTokenInformation,
  arbSenseData,
  arbVpdPage,
} from '../arbitraries/index.js';
import { arbNearMiss, arbValidEncoding, type NearMissKind } from '../arbitraries/near-miss.js';
import { arbExtendedCopyNearMiss, type XcopyNearMissKind } from '../arbitraries/near-miss-xcopy.js';
import { ascAscqName } from '../constants/asc-ascq.js';
import { senseKeyName } from '../constants/sense-key.js';
import { encodeSenseData } from '../sense/index.js';
import { CODECS } from './codecs.js';
import { toJsonValue } from './json.js';
import type { Kind } from './kinds.js';

/** One corpus case. */
export type CorpusCase =
  | { readonly bytes: Uint8Array; readonly valid: true }
  | {
      readonly bytes: Uint8Array;
      readonly valid: false;
      readonly mutation: string;
      readonly detail: string;
      readonly detectedBy: string;
      /** JSON data for the manifest. */
      readonly expected: unknown;
    };

/** Generators of one kind. */
export interface CorpusKind {
  readonly valid: fc.Arbitrary<Uint8Array>;
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
/** EXTENDED COPY lists: near-misses whose expectations come from the device-server rule table. */
const XCOPY_NEAR_MISS: readonly Kind[] = ['extended-copy-params', 'extended-copy-lid4-params'];

/** Manifest form of the expected sense of a near-miss. */
export function expectedSenseJson(sense: Parameters<typeof encodeSenseData>[0]): unknown {
  const s = sense as {
    senseKey: number;
    additionalSenseCode: number;
    additionalSenseCodeQualifier: number;
    senseKeySpecific?: {
      kind: string;
      sksv: boolean;
      commandData?: boolean;
      fieldPointer?: number;
      bitPointerValid?: boolean;
      bitPointer?: number;
    };
  };
  const sks = s.senseKeySpecific;
  const h = (v: number): string => `${v.toString(16).padStart(2, '0')}h`;
  const name = ascAscqName(s.additionalSenseCode, s.additionalSenseCodeQualifier) ?? '';
  let summary = `${senseKeyName(s.senseKey) ?? s.senseKey} ${h(s.additionalSenseCode)}/${h(s.additionalSenseCodeQualifier)} ${name}`;
  if (sks?.kind === 'fieldPointer' && sks.sksv) {
    summary += `, field pointer ${sks.commandData ? 'CDB' : 'parameter list'} byte ${sks.fieldPointer}`;
    if (sks.bitPointerValid) summary += ` bit ${sks.bitPointer}`;
  }
  return {
    status: 'CHECK CONDITION',
    summary: summary.trim(),
    senseKey: s.senseKey,
    additionalSenseCode: s.additionalSenseCode,
    additionalSenseCodeQualifier: s.additionalSenseCodeQualifier,
    ...(sks?.kind === 'fieldPointer' && sks.sksv
      ? {
          fieldPointer: {
            commandData: sks.commandData,
            byte: sks.fieldPointer,
            ...(sks.bitPointerValid ? { bit: sks.bitPointer } : {}),
          },
        }
      : {}),
    senseData: toJsonValue(encodeSenseData(sense)),
  };
}

/** Header length field of the response kinds: offset and width. */
const LENGTH_FIELD: Partial<Record<Kind, readonly [offset: number, width: 1 | 2 | 4]>> = {
  sense: [7, 1],
  vpd: [2, 2],
  designation: [3, 1],
  'rrti-data': [0, 4],
  'copy-status': [0, 4],
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

const cache = new Map<Kind, CorpusKind | undefined>();

/** Generators for `kind`, or undefined if this build has none. */
export function corpusKindOf(kind: Kind): CorpusKind | undefined {
  if (cache.has(kind)) return cache.get(kind);
  let k: CorpusKind | undefined;
  if (CODECS[kind] !== undefined) {
    const valid = validOf(kind);
    if (valid !== undefined) {
      const invalid = XCOPY_NEAR_MISS.includes(kind)
        ? arbExtendedCopyNearMiss(kind as XcopyNearMissKind).map(
            (n): CorpusCase => ({
              bytes: n.bytes,
              valid: false,
              mutation: n.mutation,
              detail: n.detail,
              detectedBy: n.detectedBy,
              expected: { rule: n.rule, ...(expectedSenseJson(n.expected) as object) },
            }),
          )
        : NEAR_MISS.includes(kind)
          ? arbNearMiss(kind as NearMissKind).map(
              (n): CorpusCase => ({
                bytes: n.bytes,
                valid: false,
                mutation: n.mutation,
                detail: n.detail,
                detectedBy: n.detectedBy,
                expected: expectedSenseJson(n.expected),
              }),
            )
          : lengthBeyondBuffer(kind, valid);
      k = invalid === undefined ? { valid } : { valid, invalid };
    }
  }
  cache.set(kind, k);
  return k;
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
    case 'extended-copy-lid4-params':
      return fromValues(kind, arbExtendedCopyLid4ParameterList({ valid: true }));
    case 'populate-token-params':
    case 'write-using-token-params':
    case 'rod-token':
      return arbValidEncoding(kind);
  }
}
