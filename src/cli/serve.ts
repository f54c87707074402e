/**
 * `scsi-odx serve`: an iSCSI target over the reference copy manager, with in-memory logical
 * units. Loopback only unless CHAP (or an explicit --no-auth) says otherwise.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { decodeCdb } from '../cdb/index.js';
import { CopyManager, type CopyManagerOptions } from '../copy-manager/index.js';
import type { TraceEntry } from '../internal/byte-reader.js';
import {
  type IscsiChapCredentials,
  type IscsiCommandTrace,
  type IscsiPortalOptions,
  IscsiTarget,
} from '../iscsi/target/index.js';
import { annotate } from './annotate.js';
import { renderDump } from './dump.js';
import { codecOf, type Kind } from './kinds.js';

/** Help text of `scsi-odx serve`. */
export const SERVE_HELP = `Usage: scsi-odx serve [--lun SIZE[,BLOCKSIZE]]... [--portal HOST:PORT]... [options]

Serve the reference copy manager over iSCSI (RFC 7143) to real initiators (open-iscsi,
QEMU's iscsi:// driver, libiscsi tools, Windows). The logical units are thin and live in
memory: THEIR DATA IS LOST WHEN THE SERVER EXITS.

Each --portal is one SCSI target port (relative target port 1, 2, ... in order) in its own
target portal group; LU i is owned (active/optimized) by group (i mod portals) + 1.

Options:
  --lun SIZE[,BLOCKSIZE]   a logical unit (repeatable; LUN 0, 1, ... in order). SIZE like
                           1GiB, 512MiB, 2TiB or a byte count; BLOCKSIZE 512 (default) or
                           4096. Default: --lun 1GiB --lun 1GiB,4096
  --portal HOST:PORT       listen address (repeatable; default 127.0.0.1:3260; IPv6 as
                           [::1]:3260)
  --target-name IQN        iSCSI target name (default iqn.2026-12.org.scsi-odx:copy-manager)
  --chap USER:SECRET       require CHAP (MD5) with these credentials
  --mutual-chap USER:SECRET  the target's credentials for mutual CHAP
  --no-auth                allow a non-loopback portal without CHAP
  --power-on-ua            report a power-on UNIT ATTENTION (29h/01h) to each nexus's first
                           command (off by default: libiscsi's iscsi-ls -s stops at it)
  --no-power-on-ua         no power-on UNIT ATTENTION (the default)
  --trace                  print every SCSI command, decoded, with its status and sense
  --max-token-transfer-size BLOCKS
                           MAXIMUM TOKEN TRANSFER SIZE in VPD page 8Fh (SBC-4 Block Device
                           ROD Limits); default 16777216 blocks
  --background-rate BYTES  speed of copies run in the background (IMMED = 1), in bytes per
                           second (default 1073741824); slow it down to watch RRTI progress
                           or abort a copy with COPY OPERATION ABORT
  -h, --help               this help

Connect (Linux): iscsiadm -m discovery -t st -p 127.0.0.1:3260 && iscsiadm -m node --login
         (QEMU): -drive file=iscsi://127.0.0.1:3260/IQN/0,if=none,id=d0,format=raw
Ctrl-C logs every session out and exits; SIGUSR2 prints live token, running copy and heap
counts on stderr.
`;

/** A usage error of `serve` (exit status 2). */
export class ServeUsageError extends Error {
  override readonly name = 'ServeUsageError';
}

const UNITS: Readonly<Record<string, bigint>> = {
  '': 1n,
  B: 1n,
  K: 1n << 10n,
  KIB: 1n << 10n,
  M: 1n << 20n,
  MIB: 1n << 20n,
  G: 1n << 30n,
  GIB: 1n << 30n,
  T: 1n << 40n,
  TIB: 1n << 40n,
  P: 1n << 50n,
  PIB: 1n << 50n,
};

/** Parse `SIZE[,BLOCKSIZE]`. */
export function parseLun(spec: string): { blockSize: number; capacity: bigint } {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*(?:,\s*(\d+)\s*)?$/.exec(spec);
  const unit = UNITS[(m?.[2] ?? '').toUpperCase()];
  if (m === null || unit === undefined)
    throw new ServeUsageError(`--lun ${spec}: expected SIZE[,BLOCKSIZE], e.g. 1GiB,4096`);
  const bytes = BigInt(m[1] as string) * unit;
  const blockSize = m[3] === undefined ? 512 : Number(m[3]);
  if (![512, 1024, 2048, 4096, 8192, 16384, 32768, 65536].includes(blockSize)) {
    throw new ServeUsageError(`--lun ${spec}: block size must be a power of two from 512 to 65536`);
  }
  if (bytes === 0n || bytes % BigInt(blockSize) !== 0n) {
    throw new ServeUsageError(`--lun ${spec}: size must be a non-zero multiple of the block size`);
  }
  return { blockSize, capacity: bytes / BigInt(blockSize) };
}

/** Parse `HOST:PORT` (IPv6 in brackets). */
export function parsePortal(spec: string): { host: string; port: number } {
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(spec) ?? /^([^:\s]+):(\d+)$/.exec(spec);
  const port = Number(m?.[2]);
  if (m === null || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeUsageError(`--portal ${spec}: expected HOST:PORT, e.g. 127.0.0.1:3260`);
  }
  return { host: m[1] as string, port };
}

/** True for loopback addresses (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  const h = host.startsWith('::ffff:') ? host.slice(7) : host;
  return isIP(h) === 4 && h.startsWith('127.');
}

function parseCredentials(spec: string, option: string): IscsiChapCredentials {
  const i = spec.indexOf(':');
  if (i <= 0 || i === spec.length - 1) throw new ServeUsageError(`${option}: expected USER:SECRET`);
  const secret = spec.slice(i + 1);
  // RFC 7143 section 12.1.3: CHAP secrets should be at least 12 bytes; many initiators insist on it.
  if (secret.length < 12 || secret.length > 16) {
    process.stderr.write(
      `scsi-odx serve: warning: ${option} secret is ${secret.length} characters; initiators often require 12 to 16\n`,
    );
  }
  return { user: spec.slice(0, i), secret };
}

function hex(bytes: Uint8Array, max = 32): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, max); i++) parts.push((bytes[i] as number).toString(16).padStart(2, '0'));
  return bytes.length > max ? `${parts.join(' ')} ... (${bytes.length} bytes)` : parts.join(' ');
}

/** Decoded dump of `bytes` as `kind` (indented), or a hex line when it does not decode. */
function dump(kind: Kind, bytes: Uint8Array): string[] {
  const codec = codecOf(kind);
  const trace: TraceEntry[] = [];
  try {
    if (codec === undefined) throw new Error('no codec');
    codec.decode(bytes, { trace });
  } catch {
    return [`    ${hex(bytes)}`];
  }
  return renderDump(bytes, trace, annotate).map((l) => `    ${l}`);
}

/** Kinds of the data-out and data-in of a command, where this package decodes them. */
function dataKinds(cdb: Uint8Array): { out?: Kind; in?: Kind } {
  let name: string;
  try {
    name = decodeCdb(cdb).kind;
  } catch {
    return {};
  }
  switch (name) {
    case 'POPULATE TOKEN':
      return { out: 'populate-token-params' };
    case 'WRITE USING TOKEN':
      return { out: 'write-using-token-params' };
    case 'EXTENDED COPY (LID1)':
      return { out: 'extended-copy-params' };
    case 'EXTENDED COPY (LID4)':
      return { out: 'extended-copy-lid4-params' };
    case 'RECEIVE ROD TOKEN INFORMATION':
      return { in: 'rrti-data' };
    case 'RECEIVE COPY STATUS (LID4)':
      return { in: 'copy-status' };
    case 'INQUIRY':
      return (cdb[1] ?? 0) & 1 ? { in: 'vpd' } : {};
    default:
      return {};
  }
}

/** Render one executed command for --trace. */
export function renderTrace(t: IscsiCommandTrace): string {
  const lines: string[] = [];
  let name: string;
  try {
    name = decodeCdb(t.cdb).kind;
  } catch {
    name = `opcode ${(t.cdb[0] ?? 0).toString(16).padStart(2, '0')}h`;
  }
  const r = t.response;
  const status = r.status === 0 ? 'GOOD' : r.status === 2 ? 'CHECK CONDITION' : `status ${r.status.toString(16)}h`;
  lines.push(`${t.nexus.initiatorPortId} via port ${t.nexus.targetPortId} -> LUN ${t.lun}: ${name}: ${status}`);
  lines.push('  CDB');
  lines.push(...dump('cdb', t.cdb));
  const kinds = dataKinds(t.cdb);
  if (t.dataOut !== undefined && t.dataOut.length > 0) {
    lines.push(`  data-out (${t.dataOut.length} bytes)`);
    if (kinds.out !== undefined) lines.push(...dump(kinds.out, t.dataOut));
    else lines.push(`    ${hex(t.dataOut, 16)}`);
  }
  if (r.senseData !== undefined) {
    lines.push('  sense data');
    lines.push(...dump('sense', r.senseData));
  }
  if (r.dataIn !== undefined && r.dataIn.length > 0) {
    lines.push(`  data-in (${r.dataIn.length} bytes)`);
    if (kinds.in !== undefined) lines.push(...dump(kinds.in, r.dataIn));
    else lines.push(`    ${hex(r.dataIn, 16)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The options of `serve`, parsed and checked. */
interface ServeOptions {
  readonly luns: readonly { blockSize: number; capacity: bigint }[];
  readonly portals: IscsiPortalOptions[];
  readonly chap: IscsiChapCredentials | undefined;
  readonly mutualChap: IscsiChapCredentials | undefined;
  readonly targetName: string | undefined;
  readonly trace: boolean;
  readonly copyManager: CopyManagerOptions;
}

/** Parse the command line of `serve`; undefined for --help. */
function serveOptions(args: string[]): ServeOptions | undefined {
  const { values } = parseArgs({
    args,
    options: {
      lun: { type: 'string', multiple: true },
      portal: { type: 'string', multiple: true },
      'target-name': { type: 'string' },
      chap: { type: 'string' },
      'mutual-chap': { type: 'string' },
      'no-auth': { type: 'boolean', default: false },
      'power-on-ua': { type: 'boolean', default: false },
      'no-power-on-ua': { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      'max-token-transfer-size': { type: 'string' },
      'background-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const luns = (values.lun ?? ['1GiB', '1GiB,4096']).map(parseLun);
  const portals: IscsiPortalOptions[] = (values.portal ?? ['127.0.0.1:3260']).map(parsePortal);
  const chap = values.chap === undefined ? undefined : parseCredentials(values.chap, '--chap');
  const mutualChap =
    values['mutual-chap'] === undefined ? undefined : parseCredentials(values['mutual-chap'], '--mutual-chap');
  if (mutualChap !== undefined && chap === undefined) throw new ServeUsageError('--mutual-chap needs --chap');
  for (const p of portals) {
    if (!isLoopback(p.host as string) && chap === undefined && !values['no-auth']) {
      throw new ServeUsageError(
        `--portal ${p.host}:${p.port} is not a loopback address: configure --chap USER:SECRET, or pass --no-auth to serve it without authentication`,
      );
    }
  }
  // Each portal is one target port in its own group; LU i is owned by group (i mod portals) + 1.
  const groups = portals.map((_, i) => ({ id: i + 1, relativeTargetPortIds: [i + 1] }));
  const mtts = values['max-token-transfer-size'];
  if (mtts !== undefined && !/^[1-9]\d{0,18}$/.test(mtts)) {
    throw new ServeUsageError(`--max-token-transfer-size ${mtts}: expected a number of blocks (1 or more)`);
  }
  const rate = values['background-rate'];
  if (rate !== undefined && !(/^[1-9]\d{0,15}$/.test(rate) && Number.isSafeInteger(Number(rate)))) {
    throw new ServeUsageError(`--background-rate ${rate}: expected bytes per second (1 or more)`);
  }
  const copyManager: CopyManagerOptions = {
    logicalUnits: luns.map((u, i) => ({ ...u, ownerTargetPortGroup: (i % portals.length) + 1 })),
    targetPortGroups: groups,
    // Off unless asked: libiscsi's iscsi-ls -s retries TEST UNIT READY only on 29h/02h and gives up
    // on 29h/01h (libiscsi's own login and QEMU clear or inject UAs themselves).
    powerOnUnitAttention: values['power-on-ua'] && !values['no-power-on-ua'],
    ...(mtts === undefined ? {} : { maxTokenTransferSize: BigInt(mtts) }),
    ...(rate === undefined ? {} : { backgroundBytesPerSecond: Number(rate) }),
  };
  return { luns, portals, chap, mutualChap, targetName: values['target-name'], trace: values.trace, copyManager };
}

/** Run `scsi-odx serve`; resolves with the exit code once the server has shut down. */
export async function cmdServe(args: string[]): Promise<number> {
  const o = serveOptions(args);
  if (o === undefined) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const cm = new CopyManager(o.copyManager);
  const target = new IscsiTarget({
    copyManager: cm,
    targetName: o.targetName,
    portals: o.portals,
    chap: o.chap,
    mutualChap: o.mutualChap,
    log: (line) => process.stderr.write(`scsi-odx serve: ${line}\n`),
    onCommand: o.trace ? (t) => process.stdout.write(renderTrace(t)) : undefined,
  });
  const bound = await target.listen();
  const out: string[] = [`scsi-odx serve: target ${target.targetName}`];
  for (const p of bound) out.push(`  portal ${p.host}:${p.port} (target portal group ${p.portalGroupTag})`);
  o.luns.forEach((u, i) => {
    const bytes = u.capacity * BigInt(u.blockSize);
    out.push(`  LUN ${i}: ${u.capacity} blocks of ${u.blockSize} bytes (${bytes} bytes, in memory)`);
  });
  out.push(
    `  authentication: ${o.chap === undefined ? 'none' : `CHAP user ${o.chap.user}${o.mutualChap === undefined ? '' : ', mutual'}`}`,
  );
  out.push('  data is kept in memory and lost at exit; Ctrl-C to stop');
  process.stdout.write(`${out.join('\n')}\n`);
  await untilStopped(cm);
  process.stdout.write('scsi-odx serve: shutting down (asking initiators to log out)\n');
  await target.close({ graceMs: 2000 });
  return 0;
}

/** Wait for SIGINT or SIGTERM; meanwhile SIGUSR2 prints one line of resource counts on stderr. */
async function untilStopped(cm: CopyManager): Promise<void> {
  // SIGUSR2: one line of resource counts on stderr (to watch for leaks from outside).
  const stats = (): void => {
    const heap = process.memoryUsage().heapUsed;
    process.stderr.write(
      `scsi-odx serve: stats live-tokens=${cm.liveTokenCount} running-copies=${cm.runningCopies} heap-used=${heap}\n`,
    );
  };
  process.on('SIGUSR2', stats);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGUSR2', stats);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
