/**
 * Builds dist/ once before any test file runs, so the smoke and CLI tests exercise the real
 * package output (and no two test files race to rebuild it). Set SCSI_ODX_SKIP_BUILD=1 to reuse
 * an existing dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (process.env['SCSI_ODX_SKIP_BUILD'] === '1' && existsSync('dist/index.js')) return;
  execFileSync(process.execPath, ['node_modules/tsup/dist/cli-default.js', '--silent'], { stdio: 'inherit' });
}
