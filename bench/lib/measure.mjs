/**
 * Measurement core: tinybench tasks that run a batch of calls per sample (so sub-microsecond
 * operations are not drowned by timer overhead), measured in interleaved rounds against their
 * baseline in the same process (the machine is shared and noisy, so ratios are taken per round and
 * the median ratio is reported).
 */
import { Bench } from 'tinybench';

/** Where every benchmarked result is stored, so no call can be optimised away as dead code. */
export const sink = { v: undefined };

/**
 * A zero-argument function that calls `fn(input)` `n` times, storing every result into `sink.v`.
 * Built with `new Function` so every benchmark gets its own loop and therefore its own
 * (monomorphic) call-site feedback: a shared loop would make the call megamorphic and tax both
 * the subject and the baseline.
 */
export function looped(fn, input, n) {
  // new Function: each benchmark gets its own loop, hence its own call-site feedback
  const loop = new Function(
    'fn',
    'input',
    'n',
    'sink',
    'for (let i = 0; i < n; i++) sink.v = fn(input);\nreturn sink.v;',
  );
  return () => loop(fn, input, n, sink);
}

const now = () => performance.now();

/** Choose a batch size so one sample takes about `targetMs`. */
export function calibrate(fn, input, targetMs) {
  let n = 1;
  for (;;) {
    const run = looped(fn, input, n);
    run();
    const t0 = now();
    run();
    const dt = now() - t0;
    if (dt >= targetMs / 4 || n >= 1 << 24) {
      const per = dt / n;
      return Math.max(1, Math.min(1 << 24, Math.round(targetMs / Math.max(per, 1e-7))));
    }
    n *= 4;
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Measure several variants (e.g. subject and baseline) in `rounds` interleaved rounds. Each round
 * runs every variant once with tinybench (order reversed on odd rounds) and takes the median
 * latency of its samples. Returns per variant the median ns/op over rounds, and the per-round
 * ns/op lists (for ratios).
 *
 * variants: [{ fn, input }]
 */
export function measureInterleaved(variants, opts) {
  const { rounds, timeMs, sampleMs } = opts;
  const runs = variants.map((v) => {
    const batch = v.batch ?? calibrate(v.fn, v.input, sampleMs);
    return { batch, run: looped(v.fn, v.input, batch), perRound: [], meanPerRound: [] };
  });
  for (let r = 0; r < rounds; r++) {
    const order = runs.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    const bench = new Bench({
      time: timeMs,
      iterations: opts.minIterations ?? 8,
      warmup: true,
      warmupTime: r === 0 && opts.firstWarmupMs !== undefined ? opts.firstWarmupMs : Math.max(5, timeMs / 5),
      warmupIterations: 2,
      throws: true,
    });
    for (const i of order) bench.add(String(i), runs[i].run);
    const tasks = bench.runSync();
    for (const t of tasks) {
      const x = runs[Number(t.name)];
      const res = t.result;
      if (res.state !== 'completed') throw res.error ?? new Error(`task ${t.name}: ${res.state}`);
      x.perRound.push((res.latency.p50 * 1e6) / x.batch);
      x.meanPerRound.push((res.latency.mean * 1e6) / x.batch);
    }
  }
  return runs.map((x) => ({
    nsPerOp: median(x.perRound),
    // mean sample (includes the samples a GC pause fell into), median over rounds
    meanNsPerOp: median(x.meanPerRound),
    perRound: x.perRound,
    batch: x.batch,
  }));
}

/** Median over rounds of a / b. */
export function medianRatio(a, b) {
  return median(a.perRound.map((v, i) => v / b.perRound[i]));
}

export { median };
