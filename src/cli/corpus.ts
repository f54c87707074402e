/**
 * `scsi-odx corpus`: a deterministic fuzz corpus from the arbitraries and near-miss generators.
 * Loaded on demand by main.ts (it imports fast-check, an optional peer dependency).
 *
 * The corpus directory holds only the case files (libFuzzer and AFL read every file there); the
 * manifest (`DIR.manifest.jsonl`) and the dictionary (`DIR.dict`) are written beside it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { CORPUS_MANIFEST_VERSION } from '../conformance/manifest.js';
import { type DeviceServerProfile, profileToJson } from '../conformance/profile.js';
import { type CorpusCase, corpusKindOf } from './corpus-kinds.js';
import { DICTIONARY } from './dictionary.js';
import { toJsonValue } from './json.js';
import type { Kind } from './kinds.js';

/** Options of {@link runCorpus}. */
export interface CorpusOptions {
  readonly kinds: readonly Kind[];
  readonly count: number;
  readonly seed: number;
  readonly out: string;
  /** Replace the contents of `out` if it is a corpus directory this command wrote before. */
  readonly force?: boolean;
  readonly invalidRatio: number;
  /** Dictionary file; default `OUT.dict` beside the directory. */
  readonly dict: string | undefined;
  /** The logical unit and limits the cases assume (recorded in the manifest header). */
  readonly profile: DeviceServerProfile;
  /** Progress and summary lines. */
  readonly progress: ((s: string) => void) | undefined;
  /** Redraw a progress line (`\r`): only when stderr is a terminal. */
  readonly tty?: boolean;
}

/** Cases are drawn in chunks of this size, each from its own derived seed (progress, memory). */
const CHUNK = 500;

function chunkSeed(seed: number, kindIndex: number, chunk: number): number {
  // Any fixed mixing works; this keeps seeds distinct per kind and chunk and within int32.
  let h = (seed ^ 0x9e3779b9) | 0;
  h = Math.imul(h ^ (kindIndex + 1), 0x85ebca6b);
  h = Math.imul(h ^ (chunk + 1), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** One arbitrary per case: valid with probability 1 - ratio, else invalid. */
export function caseArbitrary(kind: Kind, ratio: number, profile: DeviceServerProfile): fc.Arbitrary<CorpusCase> {
  const k = corpusKindOf(kind, profile);
  if (k === undefined) throw new CorpusError(`no ${kind} generator in this build`);
  if (k.invalid === undefined || ratio <= 0) return k.valid;
  if (ratio >= 1) return k.invalid;
  const cut = Math.round(ratio * 1_000_000);
  const invalid = k.invalid;
  const valid = k.valid;
  return fc.integer({ min: 0, max: 999_999 }).chain((r) => (r < cut ? invalid : valid));
}

/** A corpus request this build cannot serve. */
export class CorpusError extends Error {
  override readonly name: string = 'CorpusError';
}

/** `--out` (or `--dict`) names something the corpus must not be written into (a usage error). */
export class CorpusOutError extends CorpusError {
  override readonly name = 'CorpusOutError';
}

/** The manifest beside corpus directory `out`: `OUT.manifest.jsonl`. */
export function manifestPathOf(out: string): string {
  return `${resolve(out)}.manifest.jsonl`;
}

/** The default dictionary beside corpus directory `out`: `OUT.dict`. */
export function dictPathOf(out: string): string {
  return `${resolve(out)}.dict`;
}

/** True if the manifest beside `dir` says this command wrote `dir`. */
function writtenByUs(dir: string): boolean {
  const m = manifestPathOf(dir);
  if (!existsSync(m)) return false;
  try {
    const first = readFileSync(m, 'utf8').split('\n', 1)[0] ?? '';
    const h = JSON.parse(first) as { scsiOdxCorpus?: unknown; directory?: unknown };
    return h.scsiOdxCorpus === CORPUS_MANIFEST_VERSION && h.directory === basename(resolve(dir));
  } catch {
    return false;
  }
}

/**
 * Make `out` ready: created if missing; an existing file, or a non-empty directory, is refused
 * unless `force` is set and the manifest beside it says this command wrote it (then it is emptied).
 */
function prepareOut(out: string, force: boolean): void {
  let isDir: boolean;
  try {
    isDir = statSync(out).isDirectory();
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
    mkdirSync(out, { recursive: true });
    return;
  }
  if (!isDir) throw new CorpusOutError(`--out ${out}: exists and is not a directory`);
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  if (!force) {
    throw new CorpusOutError(
      `--out ${out}: directory is not empty${writtenByUs(out) ? ' (an earlier corpus: --force replaces it)' : ''}`,
    );
  }
  if (!writtenByUs(out)) {
    throw new CorpusOutError(
      `--out ${out}: not a directory written by scsi-odx corpus (no ${basename(manifestPathOf(out))} beside it naming it); --force clears only those`,
    );
  }
  for (const e of entries) rmSync(resolve(out, e), { recursive: true, force: true });
}

function inside(dir: string, file: string): boolean {
  const r = relative(resolve(dir), resolve(file));
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[a-zA-Z]:/.test(r));
}

/** Write the corpus; returns the exit code. */
export async function runCorpus(options: CorpusOptions): Promise<number> {
  const started = Date.now();
  let o = options;
  const out = resolve(o.out);
  if (basename(out) === '' || dirname(out) === out) throw new CorpusOutError(`--out ${o.out}: not a directory name`);
  const dict = o.dict ?? dictPathOf(out);
  if (inside(out, dict)) {
    throw new CorpusOutError(`--dict ${dict}: inside the corpus directory (fuzzers would read it as an input)`);
  }
  if (o.kinds.length > 1) {
    const missing = o.kinds.filter((k) => corpusKindOf(k, o.profile) === undefined);
    if (missing.length > 0) o.progress?.(`corpus: skipping ${missing.join(', ')} (no generator in this build)\n`);
    o = { ...o, kinds: o.kinds.filter((k) => corpusKindOf(k, o.profile) !== undefined) };
  }
  prepareOut(o.out, o.force === true);
  o.progress?.(`corpus: seed ${o.seed} (repeat with --seed ${o.seed})\n`);
  const perKind = o.kinds.map((_, i) => Math.floor(o.count / o.kinds.length) + (i < o.count % o.kinds.length ? 1 : 0));
  const manifest: string[] = [
    JSON.stringify({
      scsiOdxCorpus: CORPUS_MANIFEST_VERSION,
      directory: basename(out),
      seed: o.seed,
      count: o.count,
      kinds: o.kinds,
      invalidRatio: o.invalidRatio,
      profile: profileToJson(o.profile),
    }),
  ];
  let written = 0;
  let lastReport = 0;
  const width = Math.max(6, String(o.count - 1).length);
  for (let ki = 0; ki < o.kinds.length; ki++) {
    const kind = o.kinds[ki] as Kind;
    const arb = caseArbitrary(kind, o.invalidRatio, o.profile);
    const n = perKind[ki] as number;
    for (let chunk = 0; chunk * CHUNK < n; chunk++) {
      const size = Math.min(CHUNK, n - chunk * CHUNK);
      const cases = fc.sample(arb, { seed: chunkSeed(o.seed, ki, chunk), numRuns: size });
      for (let j = 0; j < cases.length; j++) {
        const c = cases[j] as CorpusCase;
        const index = chunk * CHUNK + j;
        const file = `${kind}-${String(index).padStart(width, '0')}.bin`;
        writeFileSync(resolve(out, file), c.bytes);
        manifest.push(JSON.stringify(manifestLine(file, kind, c)));
        written++;
      }
      const now = Date.now();
      if (o.tty === true && o.progress !== undefined && (now - lastReport > 250 || written === o.count)) {
        lastReport = now;
        o.progress(`\rcorpus: ${written}/${o.count} cases`);
      }
    }
  }
  writeFileSync(manifestPathOf(out), `${manifest.join('\n')}\n`);
  writeFileSync(dict, DICTIONARY);
  const cr = o.tty === true ? '\r' : '';
  o.progress?.(
    `${cr}corpus: ${written} cases in ${o.out} (${Date.now() - started} ms); manifest ${manifestPathOf(out)}, dictionary ${resolve(dict)}\n`,
  );
  return 0;
}

/** The manifest line of one case (JSON data). */
export function manifestLine(file: string, kind: Kind, c: CorpusCase): unknown {
  const data = c.dataOut !== undefined && c.dataOut.length > 0 ? dataOutJson(c.dataOut) : {};
  if (c.valid) {
    return {
      file,
      kind,
      valid: true,
      length: c.bytes.length,
      ...data,
      ...(c.expected === undefined ? {} : { expected: c.expected }),
    };
  }
  return {
    file,
    kind,
    valid: false,
    length: c.bytes.length,
    ...data,
    mutation: c.mutation,
    detail: c.detail,
    detectedBy: c.detectedBy,
    expected: c.expected,
  };
}

/** Data-out in the manifest: hex, or only its length when it is all zeros (WRITE data). */
function dataOutJson(d: Uint8Array): Record<string, unknown> {
  return d.every((b) => b === 0) ? { dataOutZeros: d.length } : { dataOut: toJsonValue(d) };
}
