/**
 * Real-initiator stage setup: build dist/ when it is missing or older than src/ (the stage runs
 * `node dist/cli.js serve`), and fail at once, never skip, when a tool the stage uses is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const TOOLS = ['iscsi-ls', 'iscsi-inq', 'iscsi-readcapacity16', 'iscsi-test-cu', 'iscsi-perf', 'tgtd', 'tgtadm', 'cc'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const missing = TOOLS.filter((t) => {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  // bench/initiators/iscsi-bench.c is built against libiscsi's headers
  if (!existsSync('/usr/include/iscsi/iscsi.h')) missing.push('/usr/include/iscsi/iscsi.h');
  if (missing.length > 0)
    throw new Error(
      `real-initiator stage: missing ${missing.join(', ')} (apt-get install -y libiscsi-bin libiscsi-dev tgt gcc)`,
    );
  // a fresh log folder per run, so every log in it belongs to this run
  const logDir = process.env['INITIATORS_LOG_DIR'] ?? 'initiators-logs';
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const cli = 'dist/cli.js';
  if (!existsSync(cli) || statSync(cli).mtimeMs < newestMtime('src')) {
    execFileSync(process.execPath, ['node_modules/tsup/dist/cli-default.js', '--silent'], {
      stdio: 'inherit',
      timeout: 300_000,
    });
  }
}
