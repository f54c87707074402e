/**
 * Vitest configuration used only by StrykerJS (`npm run test:mutation`, see docs/mutation.md).
 * The test files of the area being mutated come from STRYKER_TESTS (comma-separated globs, set by
 * scripts/mutation.mjs); fast-check runs with a fixed seed (test/mutation-setup.ts) so property
 * test names are the same on every run and incremental mode can reuse earlier results.
 */
import { defineConfig } from 'vitest/config';

const include = (process.env['STRYKER_TESTS'] ?? 'test/internal/**/*.test.ts').split(',');

export default defineConfig({
  test: {
    include,
    // The copy-manager model test takes minutes per run (447 s measured): too slow to run per mutant.
    exclude: ['test/interop/**', 'node_modules/**', 'dist/**', 'test/copy-manager/model.test.ts'],
    setupFiles: ['test/setup.ts', 'test/mutation-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
