/**
 * Issue 14 must-show: corpus cases of every kind a device server receives, replayed through the
 * reference copy manager (configured from the corpus profile, a fresh one per case), agree with
 * their manifest lines: valid cases GOOD, each near-miss one of its rule's conforming responses.
 * The cases go the whole way: generator -> manifest JSON line -> parseCorpusManifest ->
 * replayCaseOf -> checkTarget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArbitrary, manifestLine } from '../../src/cli/corpus.js';
import type { Kind } from '../../src/cli/kinds.js';
import { CORPUS_MANIFEST_VERSION, parseCorpusManifest, replayCaseOf } from '../../src/conformance/manifest.js';
import {
  copyManagerOptionsForProfile,
  DEFAULT_DEVICE_SERVER_PROFILE,
  profileToJson,
} from '../../src/conformance/profile.js';
import { checkTarget, copyManagerTarget, type ReplayCase } from '../../src/conformance/replay.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';

const PER_KIND = Number(process.env['CORPUS_REPLAY_CASES'] ?? '10000');
const KINDS: readonly Kind[] = [
  'cdb',
  'populate-token-params',
  'write-using-token-params',
  'rod-token',
  'extended-copy-params',
  'extended-copy-lid4-params',
];
const profile = DEFAULT_DEVICE_SERVER_PROFILE;

function replayCases(kind: Kind, n: number, seed: number): ReplayCase[] {
  const arb = caseArbitrary(kind, 0.5, profile);
  const header = JSON.stringify({
    scsiOdxCorpus: CORPUS_MANIFEST_VERSION,
    directory: 'x',
    seed,
    count: n,
    kinds: [kind],
    invalidRatio: 0.5,
    profile: profileToJson(profile),
  });
  const cases = fc.sample(arb, { seed, numRuns: n });
  const text = [header, ...cases.map((c, i) => JSON.stringify(manifestLine(`${kind}-${i}.bin`, kind, c)))].join('\n');
  const { lines } = parseCorpusManifest(text);
  return lines.map((l, i) => replayCaseOf(l, (cases[i] as { bytes: Uint8Array }).bytes) as ReplayCase);
}

describe(`corpus replay through the copy manager (${PER_KIND} cases of each kind)`, () => {
  const options = copyManagerOptionsForProfile(profile);
  for (const [i, kind] of KINDS.entries()) {
    it(`${kind}: 0 disagreements`, async () => {
      const cases = replayCases(kind, PER_KIND, 1000 + i);
      expect(cases.every((c) => c !== undefined)).toBe(true);
      const report = await checkTarget(cases, undefined, {
        newTarget: () => copyManagerTarget(new CopyManager({ clock: new ManualClock(), ...options })),
      });
      const failures = report.failures;
      const lines = failures
        .slice(0, 5)
        .map(
          (f) =>
            `${f.case.mutation ?? 'valid'} ${f.case.expected.rule ?? ''}: got ${f.got}, want ${f.want.join(' | ')}`,
        );
      expect(report.total).toBe(PER_KIND);
      expect(failures.length, lines.join('\n')).toBe(0);
      // Both halves are there: valid (GOOD) cases and near-misses of several rules.
      expect(report.byRule['valid']?.cases ?? 0).toBeGreaterThan(PER_KIND / 3);
      expect(Object.keys(report.byRule).length).toBeGreaterThan(2);
    });
  }
});
