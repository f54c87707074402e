import { defineConfig } from 'vitest/config';

// Copy-manager soak (`npm run test:soak`): heap after GC needs `node --expose-gc` in the worker.
// Sizes: SOAK_COMMANDS, SOAK_NEXUSES (defaults are CI-sized; see test/soak/copy-manager.soak.ts).
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    setupFiles: ['test/setup.ts'],
    execArgv: ['--expose-gc'],
    testTimeout: 3_600_000,
    fileParallelism: false,
  },
});
