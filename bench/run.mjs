/**
 * scsi-odx benchmarks (against the built dist/). `npm run bench` builds first, then runs this.
 *
 *   node bench/run.mjs [--quick] [--json [path]] [--filter text] [--dist dir]
 *
 * Prints ONE table: benchmark, result, baseline, baseline result, ratio, goal, holds.
 * Every ratio is measured against a baseline run in the same process, in interleaved rounds
 * (see bench/lib/measure.mjs). --json also writes the results (default bench-results.json).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureInterleaved, medianRatio } from './lib/measure.mjs';
import { captureRow } from './suites/capture.mjs';
import { codecCases } from './suites/codecs.mjs';
import { copyManagerCases } from './suites/copy-manager.mjs';
import { iscsiRows } from './suites/iscsi.mjs';
import { iscsiPduCases } from './suites/iscsi-pdu.mjs';

// `--json` may be given without a path
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--json' && (i + 1 === argv.length || argv[i + 1].startsWith('-')))
    argv[i] = '--json=bench-results.json';
}
const { values } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    filter: { type: 'string', multiple: true },
    dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
    rounds: { type: 'string' },
    // every in-process case runs in a child process of its own (see "Isolation" below); these two
    // are that child's options, and the way to run them all in this one process instead
    case: { type: 'string' },
    'in-process': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: node bench/run.mjs [--quick] [--json [path]] [--filter text]... [--dist dir] [--rounds n] [--in-process]',
  );
  process.exit(0);
}

const quick = values.quick;
const settings = {
  rounds: Number(values.rounds ?? (quick ? 3 : 7)),
  timeMs: quick ? 40 : 120,
  sampleMs: quick ? 0.5 : 1,
};

async function load(file) {
  try {
    return await import(pathToFileURL(`${values.dist}/${file}`).href);
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND') {
      console.error(
        `bench: ${values.dist}/${file} not found (run \`npm run build\` first); its benchmarks are skipped`,
      );
      return undefined;
    }
    throw e;
  }
}
const core = (await load('index.js')) ?? {};
const cmMod = await load('copy-manager.js');

const wanted = (c) =>
  values.filter === undefined || values.filter.some((f) => c.name.toLowerCase().includes(f.toLowerCase()));

// ---------------------------------------------------------------- formatting

function fmtNs(ns) {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} us`;
  if (ns >= 100) return `${ns.toFixed(0)} ns`;
  return `${ns.toFixed(1)} ns`;
}
const fmtOps = (ns) => `${Math.round(1e9 / ns).toLocaleString('en-US')} ops/s`;
const fmtGBs = (bytes, ns) => `${(bytes / ns).toFixed(2)} GB/s`;
function fmtRatio(r) {
  if (r >= 100) return `${Math.round(r).toLocaleString('en-US')}x`;
  return `${r.toFixed(2)}x`;
}

// ---------------------------------------------------------------- run

const rows = [];
function row(r) {
  rows.push(r);
  if (process.stderr.isTTY)
    process.stderr.write(`  ${r.holds === undefined ? '-' : r.holds ? 'ok' : 'MISS'}  ${r.name}\n`);
}

/** What names a case for `--case` (iSCSI PDU cases have no `id`). */
const caseId = (c) => c.id ?? c.name;

/** Measure one case; returns its row. */
function runCase(c) {
  const base = {
    id: c.id ?? c.name,
    name: c.name,
    group: c.group,
    goal: c.goalText ?? '',
    baseline: c.baselineName ?? '',
  };
  if (c.missing !== undefined) return { ...base, result: 'n/a', note: c.missing, holds: undefined };
  let sub;
  let bl;
  let extra = [];
  try {
    if (c.setup !== undefined) ({ subject: sub, baseline: bl, extra = [] } = c.setup());
    else ({ subject: sub, baseline: bl } = c);
  } catch (e) {
    return { ...base, result: 'error', note: String(e.message ?? e), holds: false };
  }
  const variants = bl === undefined ? [sub] : [sub, bl, ...extra];
  // Copy-manager paths are long: give them a real warmup before the first round, also in --quick.
  const caseSettings = c.group === 'copy-manager' ? { ...settings, firstWarmupMs: 300 } : settings;
  const heavyOpts = c.heavy
    ? { ...caseSettings, rounds: Math.min(settings.rounds, quick ? 2 : 3), timeMs: 1, minIterations: 2 }
    : caseSettings;
  const m = measureInterleaved(variants, heavyOpts);
  const s = m[0];
  const b = m[1];
  const mode = c.mode ?? 'slower';
  const out = { ...base, subjectNs: s.nsPerOp, rounds: s.perRound.length };
  if (mode === 'info') {
    Object.assign(out, { result: fmtNs(s.nsPerOp), holds: undefined });
  } else if (mode === 'rate') {
    const ops = 1e9 / s.nsPerOp;
    Object.assign(out, {
      result: `${fmtOps(s.nsPerOp)} (${fmtNs(s.nsPerOp)})`,
      opsPerSec: ops,
      meanOpsPerSec: 1e9 / s.meanNsPerOp,
      holds: ops >= c.goal,
      note: `median of samples (the goal's measure); mean of samples, GC pauses included: ${fmtOps(s.meanNsPerOp)}`,
    });
  } else {
    const ratio = mode === 'slower' ? medianRatio(s, b) : medianRatio(b, s);
    const holds = mode === 'slower' ? ratio <= c.goal : ratio >= c.goal;
    const res =
      c.throughputBytes !== undefined
        ? `${fmtGBs(c.throughputBytes, s.nsPerOp)} (${fmtNs(s.nsPerOp)})`
        : fmtNs(s.nsPerOp);
    const bres =
      c.throughputBytes !== undefined
        ? `${fmtGBs(c.throughputBytes, b.nsPerOp)} (${fmtNs(b.nsPerOp)})`
        : fmtNs(b.nsPerOp);
    Object.assign(out, {
      result: res,
      baselineResult: bres,
      baselineNs: b.nsPerOp,
      ratio,
      ratioText: fmtRatio(ratio),
      holds,
    });
  }
  if (extra.length > 0) {
    // informational comparisons, measured in the same interleaved rounds (no goal)
    out.extra = extra.map((x, i) => {
      const e = m[2 + i];
      const ratio = mode === 'slower' ? medianRatio(s, e) : medianRatio(e, s);
      return { name: x.name, ns: e.nsPerOp, ratio };
    });
    out.note = out.extra
      .map((x) => {
        const r = c.throughputBytes !== undefined ? `${fmtGBs(c.throughputBytes, x.ns)} (${fmtNs(x.ns)})` : fmtNs(x.ns);
        return `against ${x.name}: ${r}, ratio ${fmtRatio(x.ratio)} (information, no goal)`;
      })
      .join('; ');
  }
  if (c.check !== undefined) {
    out.note = `floor check failed: ${c.check}`;
    out.holds = false;
  }
  return out;
}

/**
 * Isolation: each in-process case (codec, iSCSI PDU, copy manager) is measured in a fresh child
 * process (`--case ID`), so no row depends on the rows run before it. In one long process the
 * earlier rows leave a grown young generation behind (V8 doubles its semi-spaces, up to 16 MB,
 * while a benchmark allocates fast) and JIT state; an allocating decoder then pays a cache miss for
 * about every 64 bytes it allocates where its floor, which allocates less, barely does (measured for
 * decode VPD 8Fh: 1.2-1.3x its floor alone or with 1-4 MB semi-spaces, 2.0-2.2x with 16 MB, whatever
 * ran before). `--in-process` measures them all in this process, in order, as before.
 */
function runCaseIsolated(c) {
  if (c.missing !== undefined || values['in-process']) return runCase(c);
  const args = [new URL(import.meta.url).pathname, '--case', caseId(c), '--dist', values.dist];
  if (quick) args.push('--quick');
  if (values.rounds !== undefined) args.push('--rounds', values.rounds);
  try {
    const out = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 24,
    });
    return JSON.parse(out.trim().split('\n').at(-1));
  } catch (e) {
    const note = String(e.stderr || e.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    return { id: caseId(c), name: c.name, group: c.group, goal: c.goalText ?? '', result: 'error', note, holds: false };
  }
}

const cases = [...codecCases(core), ...iscsiPduCases(core), ...copyManagerCases(cmMod, settings, core)];
if (values.case !== undefined) {
  // child of runCaseIsolated: this one case, its row as JSON on the last line
  const c = cases.find((x) => caseId(x) === values.case);
  if (c === undefined) throw new Error(`bench: no case with id ${JSON.stringify(values.case)}`);
  console.log(JSON.stringify(runCase(c)));
  process.exit(0);
}
const t0 = performance.now();
for (const c of cases) if (wanted(c)) row(runCaseIsolated(c));

// iSCSI target over loopback (asynchronous: measured by its own suite, rows added as they are)
const iscsiMod = await load('iscsi.js');
try {
  for (const r of await iscsiRows({ iscsiMod, cmMod, quick, wanted })) row(r);
} catch (e) {
  row({
    id: 'iscsi',
    name: 'iSCSI target benchmarks',
    group: 'iscsi',
    result: 'error',
    note: String(e?.stack ?? e),
    holds: false,
  });
}

// memory per live token: a child process with --expose-gc and a fresh heap
const memName = 'memory per live ROD token (4096 live)';
if (wanted({ name: memName })) {
  const base = { id: 'memory', name: memName, group: 'copy-manager', goal: '<= 1 KiB/token', baseline: '' };
  if (cmMod === undefined) row({ ...base, result: 'n/a', note: 'scsi-odx/copy-manager not built yet' });
  else {
    try {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', new URL('./memory.mjs', import.meta.url).pathname, '--dist', values.dist],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const m = JSON.parse(out.trim().split('\n').at(-1));
      row({
        ...base,
        result: `${Math.round(m.bytesPerToken)} B/token`,
        bytesPerToken: m.bytesPerToken,
        live: m.live,
        holds: m.bytesPerToken <= 1024,
      });
    } catch (e) {
      row({
        ...base,
        result: 'error',
        note: String(e.stderr ?? e.message)
          .trim()
          .split('\n')
          .slice(-3)
          .join(' '),
        holds: false,
      });
    }
  }
}
// capture decoding against tshark: whole processes on a generated 100 MB capture
const captureName = 'capture decode, 100 MB pcap (scsi-odx decode --json vs tshark -T fields)';
if (wanted({ name: captureName })) row(captureRow(core, values.dist, { quick, rounds: settings.rounds }));

// real initiators (libiscsi) against `scsi-odx serve` and tgt: external processes on loopback
const { initiatorRows } = await import('./suites/initiators.mjs');
for (const r of await initiatorRows({ dist: values.dist, core, quick, wanted, fmtRatio })) row(r);

const elapsed = (performance.now() - t0) / 1000;
const loadAvg = os.loadavg().map((x) => x.toFixed(1));

// ---------------------------------------------------------------- output

const header = ['benchmark', 'result', 'baseline', 'baseline result', 'ratio', 'goal', 'holds'];
const table = rows.map((r) => [
  r.name,
  r.result ?? '',
  r.baseline ?? '',
  r.baselineResult ?? '',
  r.ratioText ?? '',
  r.goal ?? '',
  r.holds === undefined ? '-' : r.holds ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const t of table) console.log(line(t));
const notes = rows.filter((r) => r.note !== undefined);
for (const r of notes) console.log(`  note: ${r.name}: ${r.note}`);
const measured = rows.filter((r) => r.holds !== undefined);
const met = measured.filter((r) => r.holds).length;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\n${met}/${measured.length} goals hold; ${rows.length - measured.length} not measured. ${quick ? 'quick' : 'full'} mode, ${settings.rounds} interleaved rounds; node ${process.version}, ${os.cpus().length} cores (${cpu}), load average ${loadAvg.join(' ')}; ${elapsed.toFixed(1)} s.`,
);

if (values.json !== undefined) {
  const doc = {
    date: new Date().toISOString(),
    node: process.version,
    cpu,
    cores: os.cpus().length,
    loadAverage: os.loadavg(),
    mode: quick ? 'quick' : 'full',
    settings,
    rows,
  };
  writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
