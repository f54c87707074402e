/**
 * `scsi-odx corpus`: a deterministic fuzz corpus from the arbitraries and near-miss generators.
 * Loaded on demand by main.ts (it imports fast-check, an optional peer dependency).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type CorpusCase, corpusKindOf } from './corpus-kinds.js';
import { DICTIONARY } from './dictionary.js';
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
  readonly dict: string | undefined;
  readonly progress: ((s: string) => void) | undefined;
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

/** One arbitrary per case: valid with probability 1 - ratio, else a near-miss. */
function caseArbitrary(kind: Kind, ratio: number): fc.Arbitrary<CorpusCase> {
  const k = corpusKindOf(kind);
  if (k === undefined) throw new CorpusError(`no ${kind} generator in this build`);
  const valid = k.valid.map((bytes): CorpusCase => ({ bytes, valid: true }));
  if (k.invalid === undefined || ratio <= 0) return valid;
  if (ratio >= 1) return k.invalid;
  const cut = Math.round(ratio * 1_000_000);
  const invalid = k.invalid;
  return fc.integer({ min: 0, max: 999_999 }).chain((r) => (r < cut ? invalid : valid));
}

/** A corpus request this build cannot serve. */
export class CorpusError extends Error {
  override readonly name: string = 'CorpusError';
}

/** `--out` names something the corpus must not be written into (a usage error). */
export class CorpusOutError extends CorpusError {
  override readonly name = 'CorpusOutError';
}

/** File that marks a directory as written by `scsi-odx corpus` (only such a directory is cleared by --force). */
export const CORPUS_MARKER = '.scsi-odx-corpus';

/**
 * Make `out` ready: created if missing; an existing file, or a non-empty directory, is refused
 * unless `force` is set and the directory carries {@link CORPUS_MARKER} (then it is emptied).
 */
function prepareOut(out: string, force: boolean): void {
  let isDir: boolean;
  try {
    isDir = statSync(out).isDirectory();
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, CORPUS_MARKER), '');
    return;
  }
  if (!isDir) throw new CorpusOutError(`--out ${out}: exists and is not a directory`);
  const entries = readdirSync(out);
  if (entries.length === 0) {
    writeFileSync(join(out, CORPUS_MARKER), '');
    return;
  }
  if (!force) throw new CorpusOutError(`--out ${out}: directory is not empty (--force replaces an earlier corpus)`);
  if (!entries.includes(CORPUS_MARKER)) {
    throw new CorpusOutError(`--out ${out}: not a directory written by scsi-odx corpus; --force clears only those`);
  }
  for (const e of entries) rmSync(join(out, e), { recursive: true, force: true });
  writeFileSync(join(out, CORPUS_MARKER), '');
}

/** Write the corpus; returns the exit code. */
export async function runCorpus(options: CorpusOptions): Promise<number> {
  const started = Date.now();
  let o = options;
  if (o.kinds.length > 1) {
    const missing = o.kinds.filter((k) => corpusKindOf(k) === undefined);
    if (missing.length > 0) o.progress?.(`corpus: skipping ${missing.join(', ')} (no generator in this build)\n`);
    o = { ...o, kinds: o.kinds.filter((k) => corpusKindOf(k) !== undefined) };
  }
  prepareOut(o.out, o.force === true);
  const perKind = o.kinds.map((_, i) => Math.floor(o.count / o.kinds.length) + (i < o.count % o.kinds.length ? 1 : 0));
  const manifest: string[] = [];
  let written = 0;
  let lastReport = 0;
  const width = Math.max(6, String(o.count - 1).length);
  for (let ki = 0; ki < o.kinds.length; ki++) {
    const kind = o.kinds[ki] as Kind;
    const arb = caseArbitrary(kind, o.invalidRatio);
    const n = perKind[ki] as number;
    for (let chunk = 0; chunk * CHUNK < n; chunk++) {
      const size = Math.min(CHUNK, n - chunk * CHUNK);
      const cases = fc.sample(arb, { seed: chunkSeed(o.seed, ki, chunk), numRuns: size });
      for (let j = 0; j < cases.length; j++) {
        const c = cases[j] as CorpusCase;
        const index = chunk * CHUNK + j;
        const file = `${kind}-${String(index).padStart(width, '0')}.bin`;
        writeFileSync(join(o.out, file), c.bytes);
        manifest.push(
          JSON.stringify(
            c.valid
              ? { file, kind, valid: true, length: c.bytes.length }
              : {
                  file,
                  kind,
                  valid: false,
                  length: c.bytes.length,
                  mutation: c.mutation,
                  detail: c.detail,
                  detectedBy: c.detectedBy,
                  expected: c.expected,
                },
          ),
        );
        written++;
      }
      const now = Date.now();
      if (o.progress !== undefined && (now - lastReport > 250 || written === o.count)) {
        lastReport = now;
        o.progress(`\rcorpus: ${written}/${o.count} cases`);
      }
    }
  }
  writeFileSync(join(o.out, 'manifest.jsonl'), manifest.length === 0 ? '' : `${manifest.join('\n')}\n`);
  if (o.dict !== undefined) writeFileSync(o.dict, DICTIONARY);
  o.progress?.(`\rcorpus: ${written} cases in ${o.out} (${Date.now() - started} ms)\n`);
  return 0;
}
