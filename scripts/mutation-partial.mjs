#!/usr/bin/env node
// `node scripts/mutation-partial.mjs AREA [--survivors]`: per-file figures of the mutants tested so
// far (reports/mutation/AREA.partial.jsonl, written by scripts/stryker-partial-reporter.mjs), for a
// run still going or stopped by its time bound. Score = detected (killed + timed out) / valid
// (compile and runtime errors and ignored mutants left out), as Stryker counts it.
import { readFileSync } from 'node:fs';

const area = process.argv[2] ?? 'internal';
const rows = readFileSync(`reports/mutation/${area}.partial.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => JSON.parse(l));
const per = new Map();
const total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
for (const r of rows) {
  const f = per.get(r.file) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  const k = r.status in f ? r.status : 'other';
  f[k]++;
  total[k]++;
  per.set(r.file, f);
}
const line = (name, f) => {
  const valid = f.Killed + f.Timeout + f.Survived + f.NoCoverage;
  const score = valid === 0 ? 'n/a' : `${((100 * (f.Killed + f.Timeout)) / valid).toFixed(1)}%`;
  return `${name.padEnd(44)} ${String(valid).padStart(5)} valid  ${String(f.Killed).padStart(5)} killed ${String(f.Timeout).padStart(4)} timeout ${String(f.Survived).padStart(4)} survived ${String(f.NoCoverage).padStart(4)} no cov  ${score}`;
};
for (const [name, f] of [...per].sort()) console.log(line(name, f));
console.log(line('all', total));
if (process.argv.includes('--survivors')) {
  for (const r of rows)
    if (r.status === 'Survived' || r.status === 'NoCoverage')
      console.log(
        `${r.file}:${r.line}:${r.column} ${r.status} ${r.mutator}: ${r.replacement.replace(/\s+/g, ' ').slice(0, 120)}`,
      );
}
