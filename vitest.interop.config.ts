import { defineConfig } from 'vitest/config';

// Interop suite: our codecs against independent decoders from Debian (sg3-utils, ddpt, tshark).
// Run with `npm run test:interop`; needs `apt-get install -y sg3-utils ddpt tshark` (fails, never skips, without).
export default defineConfig({
  test: {
    include: ['test/interop/**/*.interop.ts', 'test/interop/**/*.test.ts', 'test/data-in/**/*.interop.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/interop/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // One oracle process at a time per file is plenty; keep files in one worker so the summary is whole.
    fileParallelism: false,
  },
});
