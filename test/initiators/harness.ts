/**
 * Shared pieces of the real-initiator stage (`npm run test:initiators`): free loopback ports,
 * bounded child processes whose output is kept in a log file, the target under test (our
 * `scsi-odx serve`, or Debian's tgt for comparison), and the parser of iscsi-test-cu's report.
 *
 * Every process started here has a timeout and is killed when it runs over; every server is
 * stopped by the caller's `stop()` (and killed if it does not stop).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';

/** Where each tool's output is kept (one file per run). */
export const LOG_DIR = path.resolve(process.env['INITIATORS_LOG_DIR'] ?? 'initiators-logs');
mkdirSync(LOG_DIR, { recursive: true });

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('no port'));
        return;
      }
      const { port } = addr;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, alive?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    const dead = alive?.();
    if (dead !== undefined) throw new Error(`server exited before listening on ${port}: ${dead}`);
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ToolResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
  readonly logFile: string;
}

let logCounter = 0;
/** Each test file loads this module afresh: a prefix per load keeps their log names apart. */
const LOAD = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
function logPath(label: string): string {
  logCounter += 1;
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return path.join(LOG_DIR, `${LOAD}-${String(logCounter).padStart(3, '0')}-${safe}.log`);
}

/**
 * Runs a tool to completion (killed after `timeoutMs`), keeps its command line, exit status,
 * stdout and stderr in a log file, and returns them.
 */
export function runTool(
  file: string,
  args: readonly string[],
  opts: { label?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<ToolResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const command = [file, ...args].join(' ');
  const logFile = logPath(opts.label ?? path.basename(file));
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `\nspawn error: ${spawnError.message}` : '');
      const ms = Date.now() - t0;
      writeFileSync(
        logFile,
        `$ ${command}\n# exit ${code} signal ${signal}${timedOut ? ` TIMED OUT after ${timeoutMs} ms` : ''} in ${ms} ms\n` +
          `# ---- stdout\n${stdout}\n# ---- stderr\n${stderr}\n`,
      );
      resolve({ command, code, signal, stdout, stderr, timedOut, ms, logFile });
    };
    child.once('error', (e) => finish(null, null, e));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** A long-running server process whose output goes to a log file. */
export interface Server {
  readonly name: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Why it exited, if it did. */
  exited(): string | undefined;
  /** SIGINT (or `signal`), then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a server process, bounded by `maxLifeMs` (killed then, whatever it is doing). */
export function startServer(
  file: string,
  args: readonly string[],
  opts: { label: string; maxLifeMs?: number; env?: NodeJS.ProcessEnv },
): Server {
  const logFile = logPath(opts.label);
  const log = createWriteStream(logFile);
  log.write(`$ ${[file, ...args].join(' ')}\n`);
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (e) => {
      exit = { code: null, signal: null };
      log.write(`\n# spawn error: ${e.message}\n`);
      resolve(exit);
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      log.write(`\n# exit ${code} signal ${signal}\n`);
      resolve(exit);
    });
  });
  const life = setTimeout(() => child.kill('SIGKILL'), opts.maxLifeMs ?? 600_000);
  life.unref();
  return {
    name: opts.label,
    logFile,
    child,
    exited: () => (exit === undefined ? undefined : `exit ${exit.code} signal ${exit.signal} (log: ${logFile})`),
    async stop(signal = 'SIGINT', graceMs = 5000) {
      clearTimeout(life);
      if (exit === undefined) {
        child.kill(signal);
        const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await done;
        clearTimeout(t);
      }
      await new Promise((r) => log.end(r));
      return exit!;
    },
  };
}

// ------------------------------------------------------------------ iscsi-test-cu report

export type TestCuOutcome = 'PASSED' | 'FAILED' | 'SKIPPED';

export interface TestCuResult {
  /** FAMILY.Suite.Test, as `iscsi-test-cu -l` names it. */
  readonly name: string;
  readonly outcome: TestCuOutcome;
  /** The `[SKIPPED] ...` messages printed during the test. */
  readonly skipMessages: readonly string[];
  /** CUnit's failed-assertion lines for a FAILED test (at most 20 kept). */
  readonly failures: readonly string[];
}

/**
 * Parses iscsi-test-cu's verbose CUnit output (stdout). CUnit prints `  Test: NAME ...` then the
 * test's own output then `passed` or `FAILED`; libiscsi's skip helpers print `[SKIPPED] reason`
 * and return, so CUnit counts a skipped test as passed: a test with a `[SKIPPED]` line is SKIPPED
 * here. `family` is the first part of the name (e.g. `SCSI`), since CUnit prints only the suite.
 */
function verdict(text: string): 'passed' | 'FAILED' | undefined {
  return text.startsWith('passed') ? 'passed' : text.startsWith('FAILED') ? 'FAILED' : undefined;
}

export function parseTestCu(stdout: string, family: string): TestCuResult[] {
  const results: TestCuResult[] = [];
  let suite: string | undefined;
  let current: { name: string; text: string[] } | undefined;
  let lastFailed: string[] | undefined;
  const close = (verdict: 'passed' | 'FAILED' | 'none') => {
    if (current === undefined) return;
    const skipMessages = current.text
      .flatMap((l) => [...l.matchAll(/\[SKIPPED\]\s*(.*?)\s*$/g)].map((m) => m[1]!))
      .filter((m, i, a) => a.indexOf(m) === i);
    const failures: string[] = [];
    if (verdict === 'none') failures.push('no verdict: iscsi-test-cu stopped during this test');
    const outcome: TestCuOutcome = verdict !== 'passed' ? 'FAILED' : skipMessages.length > 0 ? 'SKIPPED' : 'PASSED';
    results.push({ name: current.name, outcome, skipMessages, failures });
    lastFailed = outcome === 'FAILED' ? failures : undefined;
    current = undefined;
  };
  for (const line of stdout.split('\n')) {
    const s = /^Suite: (\S+)/.exec(line);
    if (s !== null) {
      close('none');
      suite = s[1];
      lastFailed = undefined;
      continue;
    }
    const t = /^ {2}Test: (\S+) \.\.\.(.*)$/.exec(line);
    if (t !== null && suite !== undefined) {
      close('none');
      current = { name: `${family}.${suite}.${t[1]}`, text: [] };
      const rest = t[2]!;
      const v = verdict(rest);
      if (v !== undefined) close(v);
      else current.text.push(rest);
      continue;
    }
    if (current !== undefined) {
      // libiscsi's messages end with a newline, so the verdict starts its line; what follows it on
      // that line is printed after the test (the suite's cleanup), not by the test
      const v = verdict(line);
      if (v !== undefined) close(v);
      else current.text.push(line);
      continue;
    }
    // CUnit's verbose mode lists a failed test's assertions right after its FAILED verdict
    const f = /^\s+\d+\. (\S+:\d+\s+- .*)$/.exec(line);
    // (cut what the suite cleanup printed on the same line)
    if (f !== null && lastFailed !== undefined && lastFailed.length < 20)
      lastFailed.push(f[1]!.replace(/ {4}\[SKIPPED\].*$/, ''));
    if (/^Run Summary:/.test(line)) lastFailed = undefined;
  }
  close('none');
  return results;
}

/**
 * Builds bench/initiators/iscsi-bench.c (a small libiscsi program: raw CDBs with data-in shown as
 * hex, sequential writes, copies) against Debian's libiscsi-dev; returns the binary's path.
 */
export async function buildIscsiBench(): Promise<string> {
  const out = path.join(LOG_DIR, 'iscsi-bench');
  const r = await runTool(
    'cc',
    ['-O2', '-o', out, path.join(REPO_ROOT, 'bench', 'initiators', 'iscsi-bench.c'), '-liscsi'],
    { label: 'cc-iscsi-bench', timeoutMs: 120_000 },
  );
  if (r.code !== 0) throw new Error(`cc iscsi-bench.c -liscsi failed (libiscsi-dev installed?): ${r.stderr.trim()}`);
  return out;
}
