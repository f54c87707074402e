/**
 * `scsi-odx serve` (the built dist/cli.js): --max-token-transfer-size reaches VPD page 8Fh, a bad
 * value is a usage error, and SIGUSR2 prints the resource counts line.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IscsiInitiator } from '../../src/iscsi/target/initiator.js';
import { decodeThirdPartyCopyVpdPage } from '../../src/vpd/third-party-copy.js';

const CLI = 'dist/cli.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a !== null && typeof a === 'object' ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) {
    const done = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await done;
  }
  child = undefined;
});

/** Starts serve and resolves with its output so far once it printed its banner. */
async function serve(args: string[]): Promise<{ out: () => string; port: number }> {
  const port = await freePort();
  let out = '';
  child = spawn(process.execPath, [CLI, 'serve', '--portal', `127.0.0.1:${port}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString('utf8');
  });
  child.stderr!.on('data', (b: Buffer) => {
    out += b.toString('utf8');
  });
  const deadline = Date.now() + 20_000;
  while (!out.includes('Ctrl-C to stop')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { out: () => out, port };
}

describe('scsi-odx serve options', () => {
  it('--max-token-transfer-size is the MAXIMUM TOKEN TRANSFER SIZE of VPD page 8Fh', async () => {
    const { port } = await serve(['--lun', '1MiB', '--max-token-transfer-size', '1234']);
    const ini = await IscsiInitiator.connect({ port, targetName: 'iqn.2026-12.org.scsi-odx:copy-manager' });
    try {
      const r = await ini.command(0, Uint8Array.of(0x12, 0x01, 0x8f, 0x04, 0x00, 0x00), { readLength: 1024 });
      // A power-on unit attention may come first; INQUIRY is not blocked by it (SAM-5), so GOOD.
      expect(r.status).toBe(0);
      const page = decodeThirdPartyCopyVpdPage(r.dataIn);
      const limits = page.descriptors.find((d) => d.kind === 'blockDeviceRodLimits');
      expect(limits?.kind === 'blockDeviceRodLimits' ? limits.maximumTokenTransferSize : undefined).toBe(1234n);
    } finally {
      await ini.logout();
    }
  }, 30_000);

  it('SIGUSR2 prints live tokens, running copies and heap used on stderr', async () => {
    const s = await serve(['--lun', '1MiB']);
    const before = s.out().length;
    child!.kill('SIGUSR2');
    const deadline = Date.now() + 10_000;
    while (!/stats live-tokens=0 running-copies=0 heap-used=\d+\n/.test(s.out().slice(before))) {
      if (Date.now() > deadline) throw new Error(`no stats line: ${s.out().slice(before)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(child!.exitCode).toBe(null); // still serving
  }, 30_000);

  it.each(['0', 'x', '1.5', '99999999999999999'])('--background-rate %j is a usage error (exit 2)', (v) => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--background-rate', v, '--portal', '127.0.0.1:0'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--background-rate');
  });

  it.each(['0', '-1', 'x', '1.5', ''])('--max-token-transfer-size %j is a usage error (exit 2)', (v) => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--max-token-transfer-size', v, '--portal', '127.0.0.1:0'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--max-token-transfer-size');
  });
});
