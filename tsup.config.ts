import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Library entries: the core codecs and the subpath modules. The core uses no Node API
// (checked by `tsc -p tsconfig.json`, which compiles src/ with "types": []).
const libEntries: Record<string, string> = { index: 'src/index.ts' };
if (existsSync('src/copy-manager/index.ts')) libEntries['copy-manager'] = 'src/copy-manager/index.ts';
if (existsSync('src/arbitraries/index.ts')) libEntries['arbitraries'] = 'src/arbitraries/index.ts';

export default defineConfig([
  {
    entry: libEntries,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    treeshake: true,
    external: ['fast-check'],
    tsconfig: 'tsconfig.build.json',
  },
  // The iSCSI target (node:net, node:crypto): its own Node-platform entry, `scsi-odx/iscsi`.
  ...(existsSync('src/iscsi/target/index.ts')
    ? [
        {
          entry: { iscsi: 'src/iscsi/target/index.ts' },
          format: ['esm' as const, 'cjs' as const],
          dts: true,
          target: 'node20',
          platform: 'node' as const,
          removeNodeProtocol: false,
          sourcemap: true,
          clean: false,
          treeshake: true,
          external: ['fast-check'],
          tsconfig: 'tsconfig.build.json',
        },
      ]
    : []),
  ...(existsSync('src/cli/main.ts')
    ? [
        {
          entry: { cli: 'src/cli/main.ts' },
          format: ['esm' as const],
          target: 'node20',
          platform: 'node' as const,
          removeNodeProtocol: false,
          external: ['fast-check'],
          dts: false,
          clean: false,
          sourcemap: true,
          tsconfig: 'tsconfig.build.json',
        },
      ]
    : []),
]);
