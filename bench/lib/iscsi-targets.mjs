/**
 * Targets for the real-initiator benchmark rows: our `scsi-odx serve` and Debian's tgt (tgtd)
 * on free loopback ports, and the tools that drive them (libiscsi's iscsi-perf and our
 * bench/initiators/iscsi-bench.c, built here against libiscsi-dev). Every child is bounded.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a tool to completion within `timeoutMs`; resolves with its output, rejects on failure. */
export function run(file, args, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      err += b;
    });
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(t);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(file)} ${args[0]} exited ${code ?? signal}: ${err.trim().slice(-400)}`));
    });
  });
}

function spawnServer(file, args, maxLifeMs) {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b) => {
    if (output.length < 65536) output += b;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const life = setTimeout(() => child.kill('SIGKILL'), maxLifeMs);
  life.unref();
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    output: () => output,
    async stop(signal) {
      clearTimeout(life);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const k = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(k);
      }
    },
  };
}

const sizeArg = (bytes) => (bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30}GiB` : `${bytes / 2 ** 20}MiB`);

/** `node dist/cli.js serve` with LUs of `sizes` bytes (512-byte blocks). */
export async function startScsiOdx(dist, sizes, maxLifeMs = 900_000) {
  const port = await freePort();
  const args = [path.join(dist, 'cli.js'), 'serve', ...sizes.flatMap((s) => ['--lun', sizeArg(s)])];
  args.push('--portal', `127.0.0.1:${port}`);
  const srv = spawnServer(process.execPath, args, maxLifeMs);
  try {
    await waitForPort(port, 30_000, srv.child);
    const deadline = Date.now() + 5000;
    while (!/iqn\.[^\s,'"]+/.test(srv.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const iqn = /iqn\.[^\s,'"]+/.exec(srv.output())?.[0];
    if (iqn === undefined) throw new Error('scsi-odx serve printed no target name');
    const ls = await run('iscsi-ls', ['-s', `iscsi://127.0.0.1:${port}`], 30_000);
    const luns = [...ls.matchAll(/^Lun:(\d+)\s+Type:DIRECT_ACCESS/gm)].map((m) => Number(m[1]));
    if (luns.length < sizes.length) throw new Error(`iscsi-ls -s found LUNs ${luns.join(',')}`);
    return {
      name: 'scsi-odx serve',
      url: (i) => `iscsi://127.0.0.1:${port}/${iqn}/${luns[i]}`,
      stop: () => srv.stop('SIGINT'),
    };
  } catch (e) {
    await srv.stop('SIGKILL');
    throw e;
  }
}

/** tgtd in the foreground serving one LU per size, each a sparse file in /dev/shm (RAM). */
export async function startTgt(sizes, maxLifeMs = 900_000) {
  const port = await freePort();
  const control = String(900 + (process.pid % 90));
  const iqn = 'iqn.2026-12.org.debian.tgt:bench';
  const files = sizes.map((_, i) => `/dev/shm/scsi-odx-bench-tgt-${process.pid}-${i}.img`);
  files.forEach((f, i) => {
    writeFileSync(f, '');
    truncateSync(f, sizes[i]);
  });
  const srv = spawnServer('tgtd', ['-f', '-C', control, '--iscsi', `portal=127.0.0.1:${port}`], maxLifeMs);
  const adm = (...a) => run('tgtadm', ['-C', control, ...a], 15_000);
  const cleanup = () => {
    for (const f of files) if (existsSync(f)) rmSync(f);
  };
  try {
    await waitForPort(port, 15_000, srv.child);
    await adm('--lld', 'iscsi', '--op', 'new', '--mode', 'target', '--tid', '1', '-T', iqn);
    for (let i = 0; i < files.length; i++)
      await adm(
        '--lld',
        'iscsi',
        '--op',
        'new',
        '--mode',
        'logicalunit',
        '--tid',
        '1',
        '--lun',
        `${i + 1}`,
        '-b',
        files[i],
      );
    await adm('--lld', 'iscsi', '--op', 'bind', '--mode', 'target', '--tid', '1', '-I', 'ALL');
  } catch (e) {
    await srv.stop('SIGKILL');
    cleanup();
    throw e;
  }
  return {
    name: 'tgt',
    url: (i) => `iscsi://127.0.0.1:${port}/${iqn}/${i + 1}`,
    async stop() {
      // tgtd ignores SIGTERM while it serves: take it offline, then delete the system
      await adm('--op', 'update', '--mode', 'sys', '--name', 'State', '-v', 'offline').catch(() => undefined);
      await adm('--lld', 'iscsi', '--op', 'delete', '--mode', 'target', '--force', '--tid', '1').catch(() => undefined);
      await adm('--op', 'delete', '--mode', 'system').catch(() => undefined);
      await srv.stop('SIGKILL');
      cleanup();
    },
  };
}

/** Builds bench/initiators/iscsi-bench.c against libiscsi-dev; returns the binary's path. */
export function buildIscsiBench() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scsi-odx-iscsi-bench-'));
  const out = path.join(dir, 'iscsi-bench');
  const src = new URL('../initiators/iscsi-bench.c', import.meta.url).pathname;
  execFileSync('cc', ['-O2', '-o', out, src, '-liscsi'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  return { path: out, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a command is on PATH. */
export function have(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
