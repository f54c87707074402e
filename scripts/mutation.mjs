#!/usr/bin/env node
// `npm run test:mutation [-- area ...]`: StrykerJS over one area at a time (concurrency 1, or
// STRYKER_CONCURRENCY; incremental), areas in this order. With no argument every area runs. See
// docs/mutation.md.
import { spawnSync } from 'node:child_process';

/** Area -> files mutated and the test files that run against them. */
const AREAS = {
  'byte-layer': {
    mutate: ['src/internal/byte-reader.ts', 'src/internal/byte-writer.ts'],
    tests: ['test/internal/**/*.test.ts'],
  },
  internal: {
    mutate: ['src/internal/contract.ts', 'src/internal/layout.ts'],
    tests: ['test/internal/**/*.test.ts'],
  },
  'parameter-list': {
    mutate: ['src/parameter-list/*.ts'],
    tests: ['test/parameter-list/**/*.test.ts'],
  },
  'rod-token': {
    mutate: ['src/rod-token/*.ts'],
    tests: ['test/rod-token/**/*.test.ts', 'test/encoder-input.test.ts'],
  },
  sense: {
    mutate: ['src/sense/*.ts'],
    tests: ['test/sense/**/*.test.ts', 'test/parameter-list/sense.test.ts'],
  },
  'copy-manager': {
    mutate: ['src/copy-manager/*.ts'],
    tests: ['test/copy-manager/**/*.test.ts', 'test/data-in/copy-manager.test.ts', 'test/contract/execute.test.ts'],
  },
};

const wanted = process.argv.slice(2);
for (const a of wanted) {
  if (!(a in AREAS)) {
    console.error(`unknown area ${JSON.stringify(a)}; areas: ${Object.keys(AREAS).join(', ')}`);
    process.exit(2);
  }
}
let failed = false;
for (const [area, { mutate, tests }] of Object.entries(AREAS)) {
  if (wanted.length > 0 && !wanted.includes(area)) continue;
  console.log(`\n=== mutation: ${area} (${mutate.join(' ')})`);
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', '--mutate', mutate.join(',')],
    {
      stdio: 'inherit',
      env: {
        FC_NUM_RUNS: '25',
        ...process.env,
        STRYKER_AREA: area,
        STRYKER_TESTS: tests.join(','),
        SCSI_ODX_SKIP_BUILD: '1',
      },
    },
  );
  console.log(`=== mutation: ${area} done in ${((Date.now() - t0) / 1000).toFixed(0)} s (exit ${r.status})`);
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
