/**
 * A/B of two builds in one process: for every benchmark row whose name matches a filter, the row's
 * subject and baseline from build A and from build B run in the same interleaved rounds, so the two
 * ratios (A to its baseline, B to its baseline) are taken under the same machine load.
 *
 *   node bench/ab.mjs --a dir-of-build-A [--b dir-of-build-B (default dist)] [--filter text]... [--rounds n]
 *
 * Only the in-process rows (codecs, iSCSI PDUs, copy manager); the row names are the ones
 * `bench/run.mjs` prints. A filter starting with `=` must match the whole name. `--cpu` counts
 * process CPU time (user + system, all threads, so garbage collection included) per round instead
 * of tinybench's wall-clock samples: steadier on a loaded machine.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { calibrate, looped, measureInterleaved, median } from './lib/measure.mjs';
import { codecCases } from './suites/codecs.mjs';
import { copyManagerCases } from './suites/copy-manager.mjs';
import { iscsiPduCases } from './suites/iscsi-pdu.mjs';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
    filter: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '7' },
    quick: { type: 'boolean', default: false },
    cpu: { type: 'boolean', default: false },
  },
});
if (values.a === undefined) {
  console.error('usage: node bench/ab.mjs --a dir [--b dir] [--filter text]... [--rounds n] [--quick]');
  process.exit(2);
}
const settings = {
  rounds: Number(values.rounds),
  timeMs: values.quick ? 40 : 120,
  sampleMs: values.quick ? 0.5 : 1,
};

const load = async (dir, file) => import(pathToFileURL(`${dir}/${file}`).href);
async function casesOf(dir) {
  const core = await load(dir, 'index.js');
  const cm = await load(dir, 'copy-manager.js');
  const list = [...codecCases(core), ...iscsiPduCases(core), ...copyManagerCases(cm, settings, core)];
  return new Map(list.map((c) => [c.name, c]));
}
const wanted = (name) =>
  values.filter === undefined ||
  values.filter.some((f) => (f.startsWith('=') ? name === f.slice(1) : name.toLowerCase().includes(f.toLowerCase())));

/** Like measureInterleaved, but each round runs each variant for `timeMs` of CPU time and counts CPU time per call. */
function measureCpu(variants, { rounds, timeMs, sampleMs }) {
  const runs = variants.map((v) => {
    const batch = calibrate(v.fn, v.input, sampleMs);
    return { batch, run: looped(v.fn, v.input, batch), perRound: [] };
  });
  for (const x of runs) for (let i = 0; i < 20; i++) x.run(); // warm up
  for (let r = 0; r < rounds; r++) {
    const order = runs.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const x = runs[i];
      const u0 = process.cpuUsage();
      let calls = 0;
      let used = 0;
      while (used < timeMs * 1000) {
        x.run();
        calls += x.batch;
        const u = process.cpuUsage(u0);
        used = u.user + u.system;
      }
      x.perRound.push((used * 1000) / calls);
    }
  }
  return runs.map((x) => ({ nsPerOp: median(x.perRound), perRound: x.perRound }));
}

function variantsOf(c) {
  if (c.missing !== undefined) throw new Error(c.missing);
  if (c.check !== undefined) throw new Error(`check failed: ${c.check}`);
  const x = c.setup !== undefined ? c.setup() : c;
  return [x.subject, x.baseline];
}

const A = await casesOf(values.a);
const B = await casesOf(values.b);
const out = [];
for (const [name, ca] of A) {
  const cb = B.get(name);
  if (!wanted(name) || cb === undefined || ca.mode === 'info' || ca.heavy) continue;
  if ((ca.mode ?? 'slower') !== 'slower') continue;
  try {
    const [sa, ba] = variantsOf(ca);
    const [sb, bb] = variantsOf(cb);
    const opts = ca.group === 'copy-manager' ? { ...settings, firstWarmupMs: 300 } : settings;
    const m = values.cpu ? measureCpu([sa, ba, sb, bb], opts) : measureInterleaved([sa, ba, sb, bb], opts);
    const ratio = (s, b) => median(s.perRound.map((v, i) => v / b.perRound[i]));
    out.push({
      name,
      a: ratio(m[0], m[1]),
      b: ratio(m[2], m[3]),
      aNs: m[0].nsPerOp,
      bNs: m[2].nsPerOp,
      goal: ca.goal,
    });
  } catch (e) {
    out.push({ name, error: String(e.message ?? e) });
  }
  process.stderr.write('.');
}
process.stderr.write('\n');
const w = Math.max(...out.map((r) => r.name.length));
console.log(`${'row'.padEnd(w)} | A ratio | B ratio | A ns    | B ns    | B/A`);
for (const r of out) {
  if (r.error !== undefined) console.log(`${r.name.padEnd(w)} | error: ${r.error}`);
  else
    console.log(
      `${r.name.padEnd(w)} | ${r.a.toFixed(2).padStart(6)}x | ${r.b.toFixed(2).padStart(6)}x | ${r.aNs.toFixed(0).padStart(7)} | ${r.bNs.toFixed(0).padStart(7)} | ${(r.bNs / r.aNs).toFixed(2)}`,
    );
}
console.log(
  `${settings.rounds} rounds; load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
