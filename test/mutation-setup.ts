/**
 * Setup file for mutation runs only (vitest.mutation.config.ts): a fixed fast-check seed and a
 * modest run count. @fast-check/vitest puts the seed into each property test's name; with a random
 * seed every run would have new test names and StrykerJS's incremental mode could reuse nothing.
 */
import fc from 'fast-check';

const numRuns = Number(process.env['FC_NUM_RUNS'] ?? '100');
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 0x5eed, numRuns: numRuns > 0 ? numRuns : 100 });
