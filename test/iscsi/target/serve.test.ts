/**
 * `scsi-odx serve` (the built CLI): prints its target and portals, serves two portals as two
 * ALUA target port groups, refuses a non-loopback portal without CHAP, stops cleanly on SIGINT.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeReportTargetPortGroupsCdb } from '../../../src/cdb/index.js';
import { decodeReportTargetPortGroupsParameterData } from '../../../src/data-in/index.js';
import { IscsiInitiator } from '../../../src/iscsi/target/index.js';
import { eventually, inquiry, pattern, read16, write16 } from './helpers.js';

const CLI = 'dist/cli.js';
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Start `serve` with the given arguments; resolves with its first lines of output. */
function serve(args: string[]): Promise<{ out: string; ports: number[]; name: string }> {
  const c = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = c;
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15_000);
    c.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C')) {
        clearTimeout(timer);
        const ports = [...out.matchAll(/portal 127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
        const name = /target (\S+)/.exec(out)?.[1] ?? '';
        resolve({ out, ports, name });
      }
    });
    c.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describe('scsi-odx serve', () => {
  it('serves two LUs on two portals (two target port groups), keeps data across portals, stops on SIGINT', async () => {
    const s = await serve(['--portal', '127.0.0.1:0', '--portal', '127.0.0.1:0', '--power-on-ua']);
    expect(s.out).toContain('lost at exit');
    expect(s.out).toMatch(/LUN 0: 2097152 blocks of 512 bytes/);
    expect(s.out).toMatch(/LUN 1: 262144 blocks of 4096 bytes/);
    expect(s.ports).toHaveLength(2);
    const a = await IscsiInitiator.connect({ port: s.ports[0] as number, targetName: s.name });
    const b = await IscsiInitiator.connect({ port: s.ports[1] as number, targetName: s.name });
    // Power-on unit attention first (SAM), then normal service.
    const first = await a.command(0, read16(0n, 1), { readLength: 512 });
    expect(first.status).toBe(2);
    const data = pattern(4096, 3);
    expect((await a.command(0, write16(8n, 8), { dataOut: data })).status).toBe(0);
    await b.command(0, read16(0n, 1), { readLength: 512 }); // b's own power-on UA
    const back = await b.command(0, read16(8n, 8), { readLength: 4096 });
    expect(Buffer.from(back.dataIn).equals(Buffer.from(data))).toBe(true);
    // REPORT TARGET PORT GROUPS: LU 0 is owned by group 1 (active/optimized), LU 1 by group 2.
    const rtpg = await b.command(
      1,
      encodeReportTargetPortGroupsCdb({ parameterDataFormat: 0, allocationLength: 1024, control: 0 }),
      {
        readLength: 1024,
      },
    );
    if (rtpg.status === 2) await b.command(1, inquiry(), { readLength: 96 });
    const again = await b.command(
      1,
      encodeReportTargetPortGroupsCdb({ parameterDataFormat: 0, allocationLength: 1024, control: 0 }),
      {
        readLength: 1024,
      },
    );
    expect(again.status).toBe(0);
    const groups = decodeReportTargetPortGroupsParameterData(again.dataIn).targetPortGroupDescriptors;
    expect(
      groups.map((g) => [g.targetPortGroup, g.asymmetricAccessState, [...g.relativeTargetPortIdentifiers]]),
    ).toEqual([
      [1, 1, [1]],
      [2, 0, [2]],
    ]);
    await a.logout();
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await eventually(() => b.isClosed)).toBe(true);
  });

  it('reports no power-on unit attention unless --power-on-ua (libiscsi iscsi-ls -s stops at 29h/01h)', async () => {
    const s = await serve(['--portal', '127.0.0.1:0']);
    const a = await IscsiInitiator.connect({ port: s.ports[0] as number, targetName: s.name });
    expect((await a.command(0, read16(0n, 1), { readLength: 512 })).status).toBe(0);
    await a.logout();
  });

  it('refuses a non-loopback portal without CHAP or --no-auth', () => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--portal', '0.0.0.0:0'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a loopback address');
  });

  it('says in --help that the data is lost at exit', () => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8', timeout: 15_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('LOST WHEN THE SERVER EXITS');
  });

  it('rejects bad --lun and --portal values', () => {
    for (const bad of [
      ['--lun', '1GiB,1000'],
      ['--lun', 'lots'],
      ['--portal', 'nohost'],
      ['--chap', 'nocolon'],
    ]) {
      const r = spawnSync(process.execPath, [CLI, 'serve', ...bad], { encoding: 'utf8', timeout: 15_000 });
      expect(r.status).toBe(2);
    }
  });
});
