/**
 * The targets the real-initiator stage drives: our `scsi-odx serve` (the subject) and Debian's
 * tgt (tgtd, a user-space iSCSI target in C) as a comparison. Both listen on two loopback portals
 * and serve RAM-backed logical units; `stop()` ends them and removes what they left.
 */
import { existsSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, REPO_ROOT, runTool, type Server, startServer, waitForPort } from './harness.js';

export interface LogicalUnit {
  readonly lun: number;
  readonly bytes: number;
  readonly blockSize: number;
}

export interface TargetUnderTest {
  readonly kind: 'scsi-odx' | 'tgt';
  readonly iqn: string;
  /** `127.0.0.1:port`, one per portal (target port), in order. */
  readonly portals: readonly string[];
  readonly luns: readonly LogicalUnit[];
  readonly server: Server;
  /** `iscsi://[user%secret@]portal/iqn/lun` */
  url(lun: number, portal?: number, credentials?: { user: string; secret: string }): string;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** LU sizes in bytes and block sizes, in LUN order. */
  readonly luns: readonly { readonly bytes: number; readonly blockSize: number }[];
  readonly chap?: { readonly user: string; readonly secret: string };
  readonly label?: string;
  /** Bound on the server's life, whatever happens. */
  readonly maxLifeMs?: number;
}

function makeUrl(
  portals: readonly string[],
  iqn: string,
  lun: number,
  portal = 0,
  credentials?: { user: string; secret: string },
): string {
  const cred = credentials === undefined ? '' : `${credentials.user}%${credentials.secret}@`;
  return `iscsi://${cred}${portals[portal]}/${iqn}/${lun}`;
}

const SIZE_SUFFIX: readonly [string, number][] = [
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];
function sizeArg(bytes: number): string {
  for (const [s, n] of SIZE_SUFFIX) if (bytes % n === 0) return `${bytes / n}${s}`;
  return String(bytes);
}

/** The CLI entry of the built package. */
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/**
 * `node dist/cli.js serve` on two free loopback portals. The target name is read from what the
 * server prints (an `iqn.` name); the LUN numbers from REPORT LUNS through iscsi-ls (when CHAP is
 * off) or, with CHAP, assumed to follow the same numbering as without.
 */
export async function startScsiOdx(opts: TargetOptions): Promise<TargetUnderTest> {
  const ports = [await freePort(), await freePort()];
  const portals = ports.map((p) => `127.0.0.1:${p}`);
  const args = [CLI, 'serve'];
  for (const l of opts.luns)
    args.push('--lun', l.blockSize === 512 ? sizeArg(l.bytes) : `${sizeArg(l.bytes)},${l.blockSize}`);
  for (const p of portals) args.push('--portal', p);
  if (opts.chap !== undefined) args.push('--chap', `${opts.chap.user}:${opts.chap.secret}`);
  const server = startServer(process.execPath, args, {
    label: opts.label ?? 'scsi-odx-serve',
    maxLifeMs: opts.maxLifeMs ?? 600_000,
  });
  let printed = '';
  server.child.stdout!.on('data', (b: Buffer) => {
    if (printed.length < 65536) printed += b.toString('utf8');
  });
  try {
    for (const p of ports) await waitForPort(p, 30_000, server.exited);
    // the banner is printed around the time the portals listen: give it a moment
    const deadline = Date.now() + 5000;
    while (!/iqn\.[^\s,'"]+/.test(printed) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const iqn = /iqn\.[^\s,'"]+/.exec(printed)?.[0];
    if (iqn === undefined) throw new Error(`scsi-odx serve printed no iqn. target name (log: ${server.logFile})`);
    // LUN numbers: REPORT LUNS through iscsi-ls -s (a discovery then a normal session)
    let lunNumbers = opts.luns.map((_, i) => i);
    if (opts.chap === undefined) {
      const ls = await runTool('iscsi-ls', ['-s', `iscsi://${portals[0]}`], {
        label: 'iscsi-ls-lun-numbers',
        timeoutMs: 30_000,
      });
      const found = [...ls.stdout.matchAll(/^Lun:(\d+)\s+Type:DIRECT_ACCESS/gm)].map((m) => Number(m[1]));
      if (found.length >= opts.luns.length) lunNumbers = found.slice(0, opts.luns.length);
    }
    const luns = opts.luns.map((l, i) => ({ lun: lunNumbers[i]!, bytes: l.bytes, blockSize: l.blockSize }));
    return {
      kind: 'scsi-odx',
      iqn,
      portals,
      luns,
      server,
      url: (lun, portal, credentials) => makeUrl(portals, iqn, lun, portal, credentials),
      async stop() {
        await server.stop('SIGINT', 5000);
      },
    };
  } catch (e) {
    await server.stop('SIGKILL');
    throw e;
  }
}

let tgtInstance = 0;

/**
 * Debian's tgtd in the foreground (`tgtd -f`) on two portals, with one LU per entry backed by a
 * file in /dev/shm, configured with tgtadm over its own management port. LUN 0 is tgt's
 * controller LU; ours are 1, 2, ...
 */
export async function startTgt(opts: TargetOptions): Promise<TargetUnderTest> {
  const ports = [await freePort(), await freePort()];
  const portals = ports.map((p) => `127.0.0.1:${p}`);
  if (opts.luns.some((l) => l.blockSize !== 512)) throw new Error('the tgt comparison uses 512-byte blocks only');
  tgtInstance += 1;
  // management "port": tgtd's control socket is /var/run/tgtd/socket.N
  const control = String(100 + ((process.pid * 7 + tgtInstance) % 800));
  const iqn = `iqn.2026-12.org.debian.tgt:${opts.label ?? 'compare'}`;
  const files = opts.luns.map((_, i) => `/dev/shm/scsi-odx-tgt-${process.pid}-${tgtInstance}-${i}.img`);
  files.forEach((f, i) => {
    writeFileSync(f, '');
    truncateSync(f, opts.luns[i]!.bytes);
  });
  const server = startServer('tgtd', ['-f', '-C', control, '--iscsi', `portal=${portals[0]}`], {
    label: opts.label ?? 'tgtd',
    maxLifeMs: opts.maxLifeMs ?? 600_000,
  });
  const cleanup = () => {
    for (const f of files) if (existsSync(f)) rmSync(f);
  };
  const adm = async (...args: string[]) => {
    const r = await runTool('tgtadm', ['-C', control, '--lld', 'iscsi', ...args], {
      label: `tgtadm-${args[1]}-${args[3]}`,
      timeoutMs: 15_000,
    });
    if (r.code !== 0) throw new Error(`tgtadm ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()} (${r.logFile})`);
  };
  try {
    await waitForPort(ports[0]!, 15_000, server.exited);
    await adm('--op', 'new', '--mode', 'portal', '--param', `portal=${portals[1]}`);
    await adm('--op', 'new', '--mode', 'target', '--tid', '1', '-T', iqn);
    for (let i = 0; i < files.length; i++) {
      await adm('--op', 'new', '--mode', 'logicalunit', '--tid', '1', '--lun', String(i + 1), '-b', files[i]!);
    }
    if (opts.chap !== undefined) {
      await adm('--op', 'new', '--mode', 'account', '--user', opts.chap.user, '--password', opts.chap.secret);
      await adm('--op', 'bind', '--mode', 'account', '--tid', '1', '--user', opts.chap.user);
    }
    await adm('--op', 'bind', '--mode', 'target', '--tid', '1', '-I', 'ALL');
    await waitForPort(ports[1]!, 15_000, server.exited);
  } catch (e) {
    await server.stop('SIGKILL');
    cleanup();
    throw e;
  }
  const luns = opts.luns.map((l, i) => ({ lun: i + 1, bytes: l.bytes, blockSize: l.blockSize }));
  return {
    kind: 'tgt',
    iqn,
    portals,
    luns,
    server,
    url: (lun, portal, credentials) => makeUrl(portals, iqn, lun, portal, credentials),
    async stop() {
      // tgtd ignores SIGTERM while it serves; its own stop: offline, delete the target, delete the system
      for (const args of [
        ['--op', 'update', '--mode', 'sys', '--name', 'State', '-v', 'offline'],
        ['--lld', 'iscsi', '--op', 'delete', '--mode', 'target', '--force', '--tid', '1'],
        ['--op', 'delete', '--mode', 'system'],
      ])
        await runTool('tgtadm', ['-C', control, ...args], { label: 'tgtadm-stop', timeoutMs: 10_000 });
      await server.stop('SIGTERM', 3000);
      cleanup();
    },
  };
}
