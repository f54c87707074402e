// StrykerJS configuration for `npm run test:mutation` (scripts/mutation.mjs sets the area).
// Not part of `npm test` or CI: mutation runs are CPU-heavy. See docs/mutation.md.
// @ts-check
const area = process.env.STRYKER_AREA ?? 'internal';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // `partial` (scripts/stryker-partial-reporter.mjs) logs each mutant as it is tested: a run stopped
  // by its time bound still gives per-file figures (scripts/mutation-partial.mjs).
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-partial-reporter.mjs'],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? '1'),
  incremental: true,
  incrementalFile: `reports/mutation/${area}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'partial'],
  jsonReporter: { fileName: `reports/mutation/${area}.json` },
  thresholds: { high: 90, low: 85, break: null },
  // Generous: on a loaded machine a slow test run must not pass for a timeout (counted as detected).
  timeoutMS: 20_000,
  // Module-level constants would need a full re-run each; they are listed as ignored.
  ignoreStatic: true,
  tempDirName: `.stryker-tmp/${area}`,
  cleanTempDir: true,
  // Other areas' sandboxes (.stryker-tmp) are not copied: runs of two areas can overlap.
  ignorePatterns: ['dist', 'docs/api', 'coverage', 'reports', '.stryker-tmp', 'bench-results.json', '.vitest-*.json'],
};
