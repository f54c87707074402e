import fc from 'fast-check';

// FC_NUM_RUNS raises the run count for long local fuzzing (e.g. FC_NUM_RUNS=100000 npm run test:fuzz).
const numRuns = Number(process.env['FC_NUM_RUNS'] ?? '200');
fc.configureGlobal({ numRuns: Number.isFinite(numRuns) && numRuns > 0 ? numRuns : 200 });
