/**
 * The corpus manifest (`DIR.manifest.jsonl`, written beside the corpus directory `DIR`): a header
 * line naming the device server profile the cases assume, then one line per case file. Text in,
 * values out; reading the files is the caller's business.
 *
 * @packageDocumentation
 */
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import { type DeviceServerProfile, profileFromJson } from './profile.js';
import { type ExpectedResponse, isReplayKind, type ReplayCase } from './replay.js';

/** Manifest format version in the header line. @remarks Since 0.2.0 */
export const CORPUS_MANIFEST_VERSION = 1;

/** The manifest's first line. @remarks Since 0.2.0 */
export interface CorpusManifestHeader {
  /** {@link CORPUS_MANIFEST_VERSION}. */
  readonly scsiOdxCorpus: number;
  /** Name of the corpus directory (beside the manifest). */
  readonly directory: string;
  readonly seed: number;
  readonly count: number;
  readonly kinds: readonly string[];
  readonly invalidRatio: number;
  /** The logical unit and limits every case assumes (valid cases stay inside them). */
  readonly profile: DeviceServerProfile;
}

/** One case line. @remarks Since 0.2.0 */
export interface CorpusManifestLine {
  readonly file: string;
  readonly kind: string;
  readonly valid: boolean;
  readonly length: number;
  /** Data-out sent with a `cdb` case, hex. */
  readonly dataOut?: string;
  /** Data-out of that many zero bytes sent with a `cdb` case (instead of `dataOut`). */
  readonly dataOutZeros?: number;
  readonly mutation?: string;
  readonly detail?: string;
  readonly detectedBy?: string;
  /** For kinds a device server receives: the conforming responses (see {@link ExpectedResponse}). */
  readonly expected?: ExpectedResponse & { readonly summary?: string; readonly senseData?: string };
}

/** A manifest line that cannot be used: ERR_INVALID_VALUE, offset = line number - 1. */
function bad(line: number, detail: string, cause?: unknown): ScsiCodecError {
  return new ScsiCodecError('ERR_INVALID_VALUE', 'CorpusManifest', `line ${line + 1}`, line, detail, { cause });
}

/**
 * Parse a manifest's text.
 *
 * @throws {ScsiCodecError} `ERR_INVALID_VALUE` (structure `CorpusManifest`, field `line N`) for a
 * line that is not JSON or lacks a field; `ERR_UNEXPECTED_VALUE` if `text` is not a string.
 * @remarks Since 0.2.0
 */
export function parseCorpusManifest(text: string): {
  readonly header: CorpusManifestHeader;
  readonly lines: readonly CorpusManifestLine[];
} {
  if (typeof text !== 'string') {
    throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'CorpusManifest', undefined, 0, `not a string: ${typeof text}`);
  }
  const raw = text.split('\n').filter((l) => l.trim() !== '');
  if (raw.length === 0) throw bad(0, 'manifest is empty');
  const parse = (l: string, i: number): Record<string, unknown> => {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw bad(i, 'not JSON');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(i, 'not an object');
    return v as Record<string, unknown>;
  };
  const h = parse(raw[0] as string, 0);
  if (h['scsiOdxCorpus'] !== CORPUS_MANIFEST_VERSION) {
    throw bad(0, `not a scsi-odx corpus manifest header (scsiOdxCorpus ${CORPUS_MANIFEST_VERSION})`);
  }
  let profile: DeviceServerProfile;
  try {
    profile = profileFromJson(h['profile']);
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    throw bad(0, `profile: ${e.message}`, e);
  }
  const header: CorpusManifestHeader = {
    scsiOdxCorpus: CORPUS_MANIFEST_VERSION,
    directory: String(h['directory'] ?? ''),
    seed: Number(h['seed']),
    count: Number(h['count']),
    kinds: Array.isArray(h['kinds']) ? (h['kinds'] as unknown[]).map(String) : [],
    invalidRatio: Number(h['invalidRatio']),
    profile,
  };
  const lines = raw.slice(1).map((l, k) => {
    const v = parse(l, k + 1);
    if (typeof v['file'] !== 'string' || typeof v['kind'] !== 'string' || typeof v['valid'] !== 'boolean') {
      throw bad(k + 1, 'needs file, kind and valid');
    }
    return v as unknown as CorpusManifestLine;
  });
  return { header, lines };
}

/** Bytes from hex (no separators). */
export function bytesFromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw new ScsiCodecError('ERR_INVALID_VALUE', 'CorpusManifest', 'dataOut', 0, 'not hex');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Hex (lower case, no separators) of bytes. */
export function hexFromBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * The replayable case a manifest line describes, given the bytes of its file; `undefined` for
 * kinds a device server does not receive (sense data, VPD pages, ...) or a line without
 * expectations.
 *
 * @remarks Since 0.2.0
 */
export function replayCaseOf(line: CorpusManifestLine, bytes: Uint8Array): ReplayCase | undefined {
  try {
    if (!isUint8Array(bytes)) {
      throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'CorpusManifest', 'bytes', 0, 'not a Uint8Array');
    }
    return caseOf(line, bytes);
  } catch (e) {
    throw inputFault(e, 'CorpusManifest', [line, bytes], 'ERR_UNEXPECTED_VALUE');
  }
}

function caseOf(line: CorpusManifestLine, bytes: Uint8Array): ReplayCase | undefined {
  if (!isReplayKind(line.kind) || line.expected === undefined || !Array.isArray(line.expected.conforming)) {
    return undefined;
  }
  const e = line.expected;
  return {
    kind: line.kind,
    bytes,
    dataOut:
      line.dataOut !== undefined
        ? bytesFromHex(line.dataOut)
        : typeof line.dataOutZeros === 'number' && Number.isSafeInteger(line.dataOutZeros) && line.dataOutZeros >= 0
          ? new Uint8Array(line.dataOutZeros)
          : undefined,
    expected: e.rule === undefined ? { conforming: e.conforming } : { rule: e.rule, conforming: e.conforming },
    name: line.file,
    mutation: line.mutation,
  };
}
