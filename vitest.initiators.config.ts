import { defineConfig } from 'vitest/config';

// Real-initiator stage: `scsi-odx serve` driven by real iSCSI initiators (libiscsi's tools; the
// QEMU guest stage adds test/initiators/qemu.initiators.ts). Run with `npm run test:initiators`;
// needs Debian's libiscsi-bin and tgt (`.ci/run` installs them). Tool output: initiators-logs/.
export default defineConfig({
  test: {
    include: ['test/initiators/**/*.initiators.ts'],
    globalSetup: ['test/initiators/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // servers on loopback ports and CPU-bound tools: one file at a time
    fileParallelism: false,
  },
});
