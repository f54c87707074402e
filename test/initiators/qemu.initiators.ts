/**
 * Real-initiator stage 2: a Linux guest in QEMU (software emulation) copies through our target.
 *
 * QEMU attaches LUs of the target under test as `iscsi://` drives behind virtio-scsi
 * (`scsi-generic`, so the guest's SG_IO CDBs reach the target unchanged; once more as
 * `scsi-block`). The guest (scripts/qemu/init, built into an initramfs by
 * scripts/qemu/build-initramfs.sh with a Debian cloud kernel, sg3_utils and ddpt) runs the
 * scenarios and reports marker lines on its serial console; the host captures the whole iSCSI
 * exchange with dumpcap and cuts one small capture per scenario.
 *
 * Environment: INITIATORS_TARGET=tgt runs the guest's basic scenarios against Debian's tgt (no
 * copy offload) to check the harness itself; QEMU_UPDATE_VECTORS=1 rewrites the committed
 * captures under test/vectors/captures/.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSE_KEY } from '../../src/constants/sense-key.js';
import { decodeExtendedCopyLid1ParameterList } from '../../src/parameter-list/extended-copy.js';
import { decodePopulateTokenParameterList } from '../../src/parameter-list/populate-token.js';
import { decodeSenseData } from '../../src/sense/sense-data.js';
import { freePort, LOG_DIR, REPO_ROOT, runTool, type Server, startServer, waitForPort } from './harness.js';
import { CLI, startTgt } from './targets.js';

const USE_TGT = process.env['INITIATORS_TARGET'] === 'tgt';
const RUN_DIR = path.join(LOG_DIR, 'qemu');
const VECTOR_DIR = path.join(REPO_ROOT, 'test', 'vectors', 'captures');
/** The QEMU binary (QEMU_SYSTEM overrides it, e.g. to check that a missing QEMU fails the stage). */
const QEMU = process.env['QEMU_SYSTEM'] ?? 'qemu-system-x86_64';
/** A whole guest run, boot to power-off, is bounded by this. */
const BOOT_TIMEOUT_MS = 180_000;
const MiB = 2 ** 20;

// ------------------------------------------------------------------ serial console markers

interface ConsoleLine {
  /** Host wall clock (ms since the epoch) when the line arrived. */
  readonly t: number;
  readonly text: string;
}

interface GuestRun {
  readonly mode: string;
  readonly lines: readonly ConsoleLine[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stderr: string;
  readonly ms: number;
  readonly logFile: string;
  /** Host wall clock when QEMU was started (it logs in to the target before the guest boots). */
  readonly startedAt: number;
}

interface Check {
  readonly scenario: string;
  readonly what: string;
  readonly ok: boolean;
  readonly detail: string;
}

interface Result {
  readonly name: string;
  readonly bytes: number;
  readonly odxMs: string;
  readonly hostMs: string;
  readonly check: string;
}

interface Window {
  readonly scenario: string;
  readonly begin: number;
  readonly end: number;
}

const MARK = /@@ODX (.*)$/;

function markers(run: GuestRun): { t: number; words: string[]; rest: string }[] {
  const out: { t: number; words: string[]; rest: string }[] = [];
  for (const l of run.lines) {
    const m = MARK.exec(l.text);
    if (m === null) continue;
    const rest = (m[1] ?? '').trim();
    out.push({ t: l.t, words: rest.split(/\s+/), rest });
  }
  return out;
}

function checksOf(run: GuestRun): Check[] {
  return markers(run)
    .filter((m) => m.words[0] === 'CHECK')
    .map((m) => {
      // CHECK <scenario> <what...> ok|FAIL [detail]
      const words = m.words.slice(1);
      const scenario = words[0] ?? '';
      const failAt = words.indexOf('FAIL');
      const okAt = words.indexOf('ok');
      const at = failAt >= 0 && (okAt < 0 || failAt < okAt) ? failAt : okAt;
      return {
        scenario,
        what: words.slice(1, at < 0 ? undefined : at).join(' '),
        ok: at >= 0 && words[at] === 'ok',
        detail: at < 0 ? m.rest : words.slice(at + 1).join(' '),
      };
    });
}

function resultsOf(run: GuestRun): Result[] {
  return markers(run)
    .filter((m) => m.words[0] === 'RESULT')
    .map((m) => {
      const kv = new Map(m.words.slice(1).map((w) => w.split('=', 2) as [string, string]));
      return {
        name: kv.get('name') ?? '?',
        bytes: Number(kv.get('bytes')),
        odxMs: kv.get('odx_ms') ?? '?',
        hostMs: kv.get('host_ms') ?? '?',
        check: kv.get('check') ?? '?',
      };
    });
}

function windowsOf(run: GuestRun): Window[] {
  const open = new Map<string, number>();
  const out: Window[] = [];
  // QEMU's logins and its own probe of each LU, up to the guest's first line
  const boot = markers(run).find((m) => m.words[0] === 'BOOT');
  if (boot !== undefined) out.push({ scenario: `${run.mode}-login`, begin: run.startedAt, end: boot.t });
  for (const m of markers(run)) {
    if (m.words[0] === 'BEGIN') open.set(m.words[1] ?? '', m.t);
    if (m.words[0] === 'END') {
      const name = m.words[1] ?? '';
      const b = open.get(name);
      if (b !== undefined) out.push({ scenario: `${run.mode}-${name}`, begin: b, end: m.t });
    }
  }
  return out;
}

/** The guest's own output for one scenario (between its BEGIN and END markers). */
function sectionOf(run: GuestRun, scenario: string): string {
  const i = run.lines.findIndex((l) => l.text.includes(`@@ODX BEGIN ${scenario}`));
  const j = run.lines.findIndex((l, k) => k > i && l.text.includes(`@@ODX END ${scenario}`));
  if (i < 0 || j < 0) return '';
  return run.lines
    .slice(i, j + 1)
    .map((l) => l.text)
    .join('\n');
}

// ------------------------------------------------------------------ the server's --trace

interface TracedCommand {
  /** `INITIATOR via port N -> LUN n: COMMAND: STATUS` */
  readonly header: string;
  /** Bytes of each section (`CDB`, `data-out`, `sense data`, `data-in`), from the dump's hex columns. */
  readonly sections: ReadonlyMap<string, Uint8Array>;
}

/** The commands `scsi-odx serve --trace` printed, rebuilt from its dump lines (offset + hex bytes). */
function tracedCommands(out: string): TracedCommand[] {
  const cmds: { header: string; sections: Map<string, number[]> }[] = [];
  let section: number[] | undefined;
  for (const line of out.split('\n')) {
    if (line.includes(' -> LUN ') && !line.startsWith(' ')) {
      cmds.push({ header: line, sections: new Map() });
      section = undefined;
      continue;
    }
    const cur = cmds[cmds.length - 1];
    if (cur === undefined) continue;
    const sec = /^ {2}(CDB|data-out|sense data|data-in)\b/.exec(line);
    if (sec !== null) {
      section = [];
      cur.sections.set(sec[1]!, section);
      continue;
    }
    const row = /^ {4}([0-9a-f]{4}) {2}([0-9a-f]{2}(?: [0-9a-f]{2})*)/.exec(line);
    if (row !== null && section !== undefined) {
      const at = Number.parseInt(row[1]!, 16);
      row[2]!.split(' ').forEach((h, i) => {
        section![at + i] = Number.parseInt(h, 16);
      });
    }
  }
  return cmds.map((c) => ({
    header: c.header,
    sections: new Map([...c.sections].map(([k, v]) => [k, Uint8Array.from(v, (x) => x ?? 0)])),
  }));
}

// ------------------------------------------------------------------ processes

/** MAXIMUM TOKEN TRANSFER SIZE the stage's server declares: 4 MiB of 512-byte blocks (ddpt splits). */
const MAX_TOKEN_BLOCKS = 8192;
/**
 * Speed of IMMED = 1 copies: 4 MiB/s, so a 4 MiB background WRITE USING TOKEN runs for about a
 * second and the guest's COPY OPERATION ABORT finds it running.
 */
const BACKGROUND_RATE = 4 * MiB;

interface Target {
  readonly iqn: string;
  readonly port: number;
  readonly urls: readonly string[];
  readonly server: Server;
  /** Server output so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** `node dist/cli.js serve` with --trace on one free loopback portal. */
async function startServe(luns: readonly string[]): Promise<Target> {
  const port = await freePort();
  const args = [
    CLI,
    'serve',
    '--trace',
    '--portal',
    `127.0.0.1:${port}`,
    '--max-token-transfer-size',
    String(MAX_TOKEN_BLOCKS),
    '--background-rate',
    String(BACKGROUND_RATE),
  ];
  for (const l of luns) args.push('--lun', l);
  const server = startServer(process.execPath, args, { label: 'qemu-scsi-odx-serve', maxLifeMs: 600_000 });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString('utf8');
  };
  server.child.stdout!.on('data', keep);
  server.child.stderr!.on('data', keep);
  try {
    await waitForPort(port, 30_000, server.exited);
    const deadline = Date.now() + 5000;
    while (!/target (iqn\.\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const iqn = /target (iqn\.\S+)/.exec(out)?.[1];
    if (iqn === undefined) throw new Error(`scsi-odx serve printed no target name (log ${server.logFile})`);
    return {
      iqn,
      port,
      urls: luns.map((_, i) => `iscsi://127.0.0.1:${port}/${iqn}/${i}`),
      server,
      output: () => out,
      async stop() {
        await server.stop('SIGINT', 5000);
      },
    };
  } catch (e) {
    await server.stop('SIGKILL');
    throw e;
  }
}

/** Debian's tgtd (no copy offload) with two 512-byte LUs, to check the harness itself. */
async function startTgtTarget(): Promise<Target> {
  const t = await startTgt({
    luns: [
      { bytes: 64 * MiB, blockSize: 512 },
      { bytes: 64 * MiB, blockSize: 512 },
    ],
    label: 'qemu-tgt',
    maxLifeMs: 600_000,
  });
  return {
    iqn: t.iqn,
    port: Number(t.portals[0]!.split(':')[1]),
    urls: t.luns.map((l) => t.url(l.lun)),
    server: t.server,
    output: () => '',
    stop: () => t.stop(),
  };
}

/** Asks the server for its resource counts (SIGUSR2) and returns the line it prints. */
interface Stats {
  readonly liveTokens: number;
  readonly runningCopies: number;
  readonly heapUsed: number;
}

async function serverStats(t: Target): Promise<Stats> {
  const before = t.output().length;
  t.server.child.kill('SIGUSR2');
  const deadline = Date.now() + 5000;
  for (;;) {
    const m = /stats live-tokens=(\d+) running-copies=(\d+) heap-used=(\d+)/.exec(t.output().slice(before));
    if (m !== null) return { liveTokens: Number(m[1]), runningCopies: Number(m[2]), heapUsed: Number(m[3]) };
    if (Date.now() > deadline) throw new Error('scsi-odx serve printed no stats line after SIGUSR2');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function bootGuest(opts: {
  mode: 'basic' | 'full' | 'block';
  kernel: string;
  initrd: string;
  urls: readonly string[];
  device: 'scsi-generic' | 'scsi-block';
  /** Called with each marker line (`BEGIN x`, `END x`, ...) as it arrives. */
  onMarker?: (rest: string) => void;
}): Promise<GuestRun> {
  const args = [
    '-machine',
    'q35,accel=tcg',
    '-cpu',
    'max',
    '-smp',
    '2',
    '-m',
    '512',
    '-nographic',
    '-no-reboot',
    '-kernel',
    opts.kernel,
    '-initrd',
    opts.initrd,
    '-append',
    `console=ttyS0 quiet loglevel=4 panic=-1 odx.mode=${opts.mode} odx.ndev=${opts.urls.length}`,
    '-device',
    'virtio-scsi-pci,id=vs',
  ];
  opts.urls.forEach((url, i) => {
    args.push('-drive', `file=${url},if=none,id=d${i},format=raw,cache=none`);
    args.push('-device', `${opts.device},drive=d${i},bus=vs.0,channel=0,scsi-id=${i},lun=0`);
  });
  const logFile = path.join(RUN_DIR, `guest-${opts.mode}.log`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({
        mode: opts.mode,
        lines: [],
        code: null,
        signal: null,
        timedOut: false,
        stderr: `spawn failed: ${(e as Error).message}`,
        ms: 0,
        logFile,
        startedAt: t0,
      });
      return;
    }
    const lines: ConsoleLine[] = [];
    let partial = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (b: Buffer) => {
      const t = Date.now();
      const parts = (partial + b.toString('latin1')).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const p of parts) {
        lines.push({ t, text: p });
        const m = MARK.exec(p);
        if (m !== null) opts.onMarker?.((m[1] ?? '').trim());
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (stderr.length < 65536) stderr += b.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, BOOT_TIMEOUT_MS);
    const finish = (code: number | null, signal: NodeJS.Signals | null, err?: Error) => {
      clearTimeout(timer);
      if (partial !== '') lines.push({ t: Date.now(), text: partial });
      if (err !== undefined) stderr += `\nspawn error: ${err.message}`;
      const ms = Date.now() - t0;
      writeFileSync(
        logFile,
        `$ ${QEMU} ${args.join(' ')}\n# exit ${code} signal ${signal}${timedOut ? ' TIMED OUT' : ''} in ${ms} ms\n` +
          `# ---- stderr\n${stderr}\n# ---- serial console\n${lines.map((l) => l.text).join('\n')}\n`,
      );
      resolve({ mode: opts.mode, lines, code, signal, timedOut, stderr, ms, logFile, startedAt: t0 });
    };
    child.once('error', (e) => finish(null, null, e));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

interface Capture {
  readonly file: string;
  stop(): Promise<void>;
}

/** dumpcap on loopback for the target's portal port, classic pcap (-P); resolves once it captures. */
async function startCapture(port: number, file: string): Promise<Capture> {
  const child = spawn('dumpcap', ['-q', '-i', 'lo', '-f', `tcp port ${port}`, '-P', '-w', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString('utf8');
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (e) => {
    err += e.message;
    exited = true;
  });
  const life = setTimeout(() => child.kill('SIGKILL'), 900_000);
  life.unref();
  const deadline = Date.now() + 15_000;
  while (!(existsSync(file) && statSync(file).size >= 24)) {
    if (exited || Date.now() > deadline) throw new Error(`dumpcap did not start: ${err.trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // dumpcap writes the file header when the capture is open; give the filter a moment
  await new Promise((r) => setTimeout(r, 300));
  return {
    file,
    async stop() {
      clearTimeout(life);
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    },
  };
}

// ------------------------------------------------------------------ pcap cutting

/**
 * The packets of a classic pcap file (microsecond or nanosecond timestamps, either byte order)
 * whose timestamp falls in [beginMs, endMs], at most `maxBytes` of records, as a new pcap file.
 */
function cutPcap(
  pcap: Uint8Array,
  beginMs: number,
  endMs: number,
  maxBytes: number,
): { bytes: Uint8Array; packets: number; truncated: boolean } {
  if (pcap.length < 24) throw new Error('pcap shorter than its header');
  const dv = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const magicLe = dv.getUint32(0, true);
  let le: boolean;
  let nano: boolean;
  if (magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d) {
    le = true;
    nano = magicLe === 0xa1b23c4d;
  } else {
    const magicBe = dv.getUint32(0, false);
    if (magicBe !== 0xa1b2c3d4 && magicBe !== 0xa1b23c4d) throw new Error('not a classic pcap file');
    le = false;
    nano = magicBe === 0xa1b23c4d;
  }
  const parts: Uint8Array[] = [pcap.subarray(0, 24)];
  let size = 0;
  let packets = 0;
  let truncated = false;
  for (let off = 24; off + 16 <= pcap.length; ) {
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const incl = dv.getUint32(off + 8, le);
    const end = off + 16 + incl;
    if (end > pcap.length) break; // the last record may be cut short if dumpcap was killed
    const ms = sec * 1000 + (nano ? frac / 1e6 : frac / 1e3);
    if (ms >= beginMs && ms <= endMs) {
      if (size + (end - off) > maxBytes) {
        truncated = true;
        break;
      }
      parts.push(pcap.subarray(off, end));
      size += end - off;
      packets += 1;
    }
    off = end;
  }
  const out = new Uint8Array(24 + size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { bytes: out, packets, truncated };
}

// ------------------------------------------------------------------ the stage

/** Scenarios every full run must report (a missing one fails, never skips). */
const FULL_SCENARIOS = [
  'probe',
  'inquiry',
  'write',
  'setup',
  'stock-ddpt',
  'odx-a-to-b-64k',
  'odx-a-to-b-1m',
  'odx-a-to-b-6m-split',
  'odx-a-to-b-32m-split',
  'odx-within-a-1m',
  'odx-within-c-4k-1m',
  'odx-within-c-4k-4m',
  'odx-a-to-c-512-to-4k-1m',
  'ddptctl-pt-wut',
  'ddptctl-immed-poll',
  'zero-token',
  'copy-abort',
  'xcopy-params',
  'sg_xcopy-a-to-b-1m',
  'sg_xcopy-on-src-hold',
  'sg_copy_results-status',
  'ddpt-xcopy-a-to-b-1m',
  'ddpt-xcopy-within-a-4m',
  'xcopy-beyond-end',
  'zero-block-loop',
] as const;
const BASIC_SCENARIOS = ['probe', 'inquiry', 'write', 'setup', 'host-copy'] as const;
const BLOCK_SCENARIOS = ['probe', 'inquiry', 'write', 'setup', 'block-odx-a-to-b-1m'] as const;

const state: {
  build?: Record<string, string>;
  buildMs?: number;
  target?: Target;
  capture?: Capture;
  runs: GuestRun[];
  error?: string;
  loopStats: { before?: Stats; after?: Stats };
  finalStats?: Stats;
} = { runs: [], loopStats: {} };

function describeRun(run: GuestRun): string {
  const tail = run.lines
    .slice(-25)
    .map((l) => l.text)
    .join('\n');
  return `QEMU (${run.mode}) exit ${run.code} signal ${run.signal}${run.timedOut ? ' TIMED OUT' : ''}; stderr: ${run.stderr.trim() || '(none)'}; log ${run.logFile}; last console lines:\n${tail}`;
}

describe(`QEMU guest (Linux ${USE_TGT ? 'against tgt' : 'against scsi-odx serve'}): sg3_utils and ddpt ODX`, () => {
  const expected: Record<string, readonly string[]> = USE_TGT
    ? { basic: BASIC_SCENARIOS }
    : { full: FULL_SCENARIOS, block: BLOCK_SCENARIOS };

  beforeAll(async () => {
    mkdirSync(RUN_DIR, { recursive: true });
    const t0 = Date.now();
    const build = await runTool('bash', [path.join(REPO_ROOT, 'scripts/qemu/build-initramfs.sh')], {
      label: 'qemu-build-initramfs',
      timeoutMs: 280_000,
    });
    state.buildMs = Date.now() - t0;
    if (build.code !== 0)
      throw new Error(
        `build-initramfs.sh failed (exit ${build.code}): ${build.stderr.slice(-2000)} (${build.logFile})`,
      );
    state.build = Object.fromEntries(
      build.stdout
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    state.target = USE_TGT ? await startTgtTarget() : await startServe(['64MiB', '128MiB', '32MiB,4096']);
    state.capture = await startCapture(state.target.port, path.join(RUN_DIR, 'whole.pcap'));
    const urls = state.target.urls;
    const kernel = state.build['KERNEL']!;
    const initrd = state.build['INITRD']!;
    if (USE_TGT) {
      state.runs.push(await bootGuest({ mode: 'basic', kernel, initrd, urls, device: 'scsi-generic' }));
    } else {
      const target = state.target;
      const onMarker = (rest: string) => {
        if (rest === 'BEGIN zero-block-loop' || rest === 'END zero-block-loop') {
          const when = rest.startsWith('BEGIN') ? 'before' : 'after';
          serverStats(target).then(
            (s) => {
              state.loopStats[when] = s;
            },
            (e: Error) => {
              state.error = e.message;
            },
          );
        }
      };
      state.runs.push(await bootGuest({ mode: 'full', kernel, initrd, urls, device: 'scsi-generic', onMarker }));
      state.finalStats = await serverStats(target);
      state.runs.push(await bootGuest({ mode: 'block', kernel, initrd, urls: urls.slice(0, 2), device: 'scsi-block' }));
    }
    await state.capture.stop();
  }, 600_000);

  afterAll(async () => {
    await state.capture?.stop();
    await state.target?.stop();
    // One line per expected scenario: its RESULT figures when it has some, else "-", and whether
    // every check of the scenario passed ("missing" when the guest never reported it).
    const rows: string[] = [];
    for (const [mode, scenarios] of Object.entries(expected)) {
      const run = state.runs.find((r) => r.mode === mode);
      for (const name of scenarios) {
        const r = run === undefined ? undefined : resultsOf(run).find((x) => x.name === name);
        const checks = run === undefined ? [] : checksOf(run).filter((c) => c.scenario === name);
        const ok = checks.length > 0 && checks.every((c) => c.ok) && (r === undefined || r.check === 'ok');
        const bytes = r === undefined ? '-' : String(r.bytes);
        rows.push(
          `${`${mode}/${name}`.padEnd(34)} ${bytes.padStart(9)} B  ODX ${(r?.odxMs ?? '-').padStart(6)} ms  host copy ${(r?.hostMs ?? '-').padStart(6)} ms  checks ${checks.length === 0 ? 'missing' : ok ? 'ok' : 'FAIL'}`,
        );
      }
    }
    const summary = [
      `QEMU stage: build ${state.buildMs} ms (${state.build?.['KVER']}, ${state.build?.['DDPT_VERSION']} patched)`,
      ...state.runs.map((r) => `guest ${r.mode}: boot to power-off ${r.ms} ms`),
      ...rows,
    ].join('\n');
    writeFileSync(path.join(RUN_DIR, 'summary.txt'), `${summary}\n`);
    console.log(summary);
  });

  for (const [mode, scenarios] of Object.entries(expected)) {
    it(`${mode}: QEMU starts, boots the guest and the guest finishes`, () => {
      const run = state.runs.find((r) => r.mode === mode);
      expect(run, 'the guest was not started (see the error of beforeAll)').toBeDefined();
      const done = markers(run!).find((m) => m.words[0] === 'DONE');
      expect(done, describeRun(run!)).toBeDefined();
      expect(run!.timedOut, describeRun(run!)).toBe(false);
    });

    it(`${mode}: no failed check anywhere in the guest's run`, () => {
      const run = state.runs.find((r) => r.mode === mode);
      expect(run, 'the guest was not started').toBeDefined();
      const failed = checksOf(run!).filter((c) => !c.ok);
      expect(failed.map((c) => `${c.scenario} ${c.what}: ${c.detail}`)).toEqual([]);
      const done = markers(run!).find((m) => m.words[0] === 'DONE');
      expect(done?.rest).toBe('DONE fails=0');
    });

    for (const scenario of scenarios) {
      it(`${mode}: ${scenario}`, () => {
        const run = state.runs.find((r) => r.mode === mode);
        expect(run, 'the guest was not started').toBeDefined();
        const checks = checksOf(run!).filter((c) => c.scenario === scenario);
        expect(checks.length, `no CHECK line for ${scenario}: ${describeRun(run!)}`).toBeGreaterThan(0);
        const failed = checks.filter((c) => !c.ok);
        expect(
          failed.map((c) => `${c.what}: ${c.detail}`),
          `${scenario} failed; its console output:\n${sectionOf(run!, scenario)}`,
        ).toEqual([]);
        for (const r of resultsOf(run!).filter((x) => x.name === scenario)) expect(r.check).toBe('ok');
      });
    }
  }

  if (!USE_TGT) {
    it("stock ddpt: the target rejects its malformed POPULATE TOKEN list with 26h/00h at the list's byte 14", () => {
      const rejected = tracedCommands(state.target!.output()).filter((c) =>
        c.header.endsWith('POPULATE TOKEN: CHECK CONDITION'),
      );
      // The stock run asks for LBA 0, 2048 blocks; ddpt 0.97 writes the descriptor one byte early.
      const stock = rejected.filter((c) => {
        const list = decodePopulateTokenParameterList(c.sections.get('data-out') ?? new Uint8Array());
        const d = list.blockDeviceRangeDescriptors[0];
        return d !== undefined && d.logicalBlockAddress === 0n && d.numberOfLogicalBlocks === 2048 * 256;
      });
      expect(stock.length, 'no POPULATE TOKEN with the malformed descriptor in the trace').toBe(1);
      const sense = decodeSenseData(stock[0]!.sections.get('sense data') ?? new Uint8Array());
      expect(sense.senseKey).toBe(SENSE_KEY.ILLEGAL_REQUEST);
      expect([sense.additionalSenseCode, sense.additionalSenseCodeQualifier]).toEqual([0x26, 0x00]);
      expect(sense.kind).toBe('fixed');
      expect(sense.kind === 'fixed' ? sense.senseKeySpecific : undefined).toMatchObject({
        kind: 'fieldPointer',
        sksv: true,
        commandData: false,
        // 00080000h blocks exceed MAXIMUM TOKEN TRANSFER SIZE: rule sbc.range-descriptors.total-too-large
        // points at BLOCK DEVICE RANGE DESCRIPTOR LENGTH (the list as a whole is at fault).
        fieldPointer: 14,
      });
    });

    it('sg_xcopy and ddpt --xcopy: the EXTENDED COPY (LID1) lists they sent, decoded, and the copy refused beyond LU B', () => {
      const xcopies = tracedCommands(state.target!.output()).filter((c) => c.header.includes('EXTENDED COPY (LID1): '));
      const lists = xcopies.map((c) => ({
        header: c.header,
        list: decodeExtendedCopyLid1ParameterList(c.sections.get('data-out') ?? new Uint8Array()),
        sense: c.sections.get('sense data'),
      }));
      const good = lists.filter((x) => x.header.endsWith(': GOOD'));
      // sg_xcopy 1 + 2 (bpt=4096 of 8192 blocks), ddpt 1 + 1: one segment each
      expect(good.length, lists.map((x) => x.header).join('\n')).toBeGreaterThanOrEqual(5);
      for (const { list } of lists) {
        // Both tools name the two LUs by E4h CSCD descriptors holding their NAA designators
        expect(list.cscdDescriptors.length).toBe(2);
        for (const d of list.cscdDescriptors) {
          expect(d.kind).toBe('identification');
          if (d.kind === 'identification') expect(d.designationDescriptor.designatorType).toBe(3);
        }
        expect(list.segmentDescriptors.map((s) => s.kind)).toEqual(['blockToBlock']);
      }
      const blocks = good.reduce(
        (a, x) =>
          a +
          x.list.segmentDescriptors.reduce(
            (b, s) => b + (s.kind === 'blockToBlock' ? s.blockDeviceNumberOfBlocks : 0),
            0,
          ),
        0,
      );
      // 2048 + 8192 + 2048 + 8192 blocks copied in the four copies that succeed
      expect(blocks).toBe(20480);
      // the copy past LU B's last block: COPY ABORTED, pointer at the destination LBA of the segment
      const refused = lists.filter((x) => x.header.endsWith(': CHECK CONDITION'));
      expect(refused).toHaveLength(1);
      const sense = decodeSenseData(refused[0]!.sense ?? new Uint8Array());
      expect(sense.senseKey).toBe(SENSE_KEY.COPY_ABORTED);
      expect(sense.kind === 'fixed' ? sense.senseKeySpecific : undefined).toMatchObject({
        kind: 'segmentPointer',
        sksv: true,
        segmentDescriptor: false,
        fieldPointer: 16 + 64 + 20,
      });
    });

    it(`the 6 MiB copy was split by ddpt at the maximum token transfer size (${MAX_TOKEN_BLOCKS} blocks)`, () => {
      const extents = tracedCommands(state.target!.output())
        .filter((c) => c.header.endsWith('POPULATE TOKEN: GOOD'))
        .flatMap((c) =>
          decodePopulateTokenParameterList(
            c.sections.get('data-out') ?? new Uint8Array(),
          ).blockDeviceRangeDescriptors.map((d) => `${d.logicalBlockAddress}+${d.numberOfLogicalBlocks}`),
        );
      // odx-a-to-b-6m-split: 12288 blocks from LBA 0 as two tokens
      expect(extents).toContain(`0+${MAX_TOKEN_BLOCKS}`);
      expect(extents).toContain(`${MAX_TOKEN_BLOCKS}+${12288 - MAX_TOKEN_BLOCKS}`);
      expect(extents.every((e) => Number(e.split('+')[1]) <= MAX_TOKEN_BLOCKS)).toBe(true);
    });

    it('zero-block POPULATE TOKEN loop (ddpt without lists): bounded by the per-nexus token limit, nothing leaks', () => {
      const run = state.runs.find((r) => r.mode === 'full');
      const out = sectionOf(run!, 'zero-block-loop');
      // ddpt stops on INSUFFICIENT RESOURCES TO CREATE ROD TOKEN (55h/0Dh), well before the guest's timeout
      expect(out, out).toContain('Insufficient resources to create ROD token');
      const zeroBlockPts = tracedCommands(state.target!.output()).filter((c) => {
        if (!c.header.includes('POPULATE TOKEN: ')) return false;
        const list = decodePopulateTokenParameterList(c.sections.get('data-out') ?? new Uint8Array());
        return list.blockDeviceRangeDescriptors.every((d) => d.numberOfLogicalBlocks === 0);
      });
      const { before, after } = state.loopStats;
      expect(before, state.error).toBeDefined();
      expect(after, state.error).toBeDefined();
      console.log(
        `zero-block loop: ${zeroBlockPts.length} zero-block POPULATE TOKENs; live tokens ${before!.liveTokens} -> ${after!.liveTokens} (after the guest: ${state.finalStats?.liveTokens}); heap ${before!.heapUsed} -> ${after!.heapUsed} (after the guest: ${state.finalStats?.heapUsed}) bytes`,
      );
      expect(zeroBlockPts.length).toBeGreaterThan(0);
      // One token per POPULATE TOKEN up to the per-nexus limit (a quarter of the default 4096), no more.
      expect(after!.liveTokens).toBeLessThanOrEqual(1024 + before!.liveTokens);
      expect(after!.runningCopies).toBe(0);
      expect(after!.heapUsed - before!.heapUsed).toBeLessThan(64 * MiB);
      expect(state.finalStats!.liveTokens).toBeLessThanOrEqual(4096);
    });
  }

  it('one small capture per scenario (cut from the whole loopback capture)', () => {
    const whole = readFileSync(state.capture!.file);
    const outDir = process.env['QEMU_UPDATE_VECTORS'] === '1' ? VECTOR_DIR : path.join(RUN_DIR, 'captures');
    mkdirSync(outDir, { recursive: true });
    let total = 0;
    const listed: string[] = [];
    for (const run of state.runs) {
      for (const w of windowsOf(run)) {
        const cut = cutPcap(whole, w.begin, w.end, 48 * 1024);
        const file = path.join(outDir, `qemu-${w.scenario}.pcap`);
        writeFileSync(file, cut.bytes);
        total += cut.bytes.length;
        listed.push(`${path.basename(file)}: ${cut.packets} packets${cut.truncated ? ' (first 48 KiB)' : ''}`);
        expect(cut.packets, `no packet captured during ${w.scenario}`).toBeGreaterThan(0);
      }
    }
    console.log(`captures in ${outDir}:\n  ${listed.join('\n  ')}\n  total ${total} bytes`);
    expect(listed.length).toBeGreaterThan(0);
    if (USE_TGT) return;
    // tshark, an independent decoder, reads the stock ddpt capture's sense as our trace did
    const r = spawnSync(
      'tshark',
      [
        '-r',
        path.join(outDir, 'qemu-full-stock-ddpt.pcap'),
        '-d',
        `tcp.port==${state.target!.port},iscsi`,
        '-Y',
        'scsi.sns.key',
        '-T',
        'fields',
        '-e',
        'scsi.sns.key',
        '-e',
        'scsi.sns.asc',
        '-e',
        'scsi.sns.ascq',
        '-e',
        'scsi.sns.sksv',
        '-e',
        'scsi.sns.sks.fp.cd',
        '-e',
        'scsi.sns.sks.fp.field',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toContain('0x05\t0x26\t0x00\t1\t0x000000\t14');
  });
});
