/**
 * The interop comparison harness: per kind, count cases and compared fields, collect every
 * mismatch with enough context to reproduce it (case id, field, our value, the oracle's value,
 * the bytes), and persist the figures so the global teardown can print one summary table.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where each test file drops its per-kind figures (one directory per checkout). */
export const STATS_DIR: string = join(
  tmpdir(),
  `scsi-odx-interop-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}`,
);

/** Fixed seed for every generated corpus (printed with the results so any failure reproduces). */
export const INTEROP_SEED = Number(process.env['INTEROP_SEED'] ?? '20261121');
/** Cases per kind (at least 300). */
export const INTEROP_RUNS = Math.max(300, Number(process.env['INTEROP_RUNS'] ?? '300'));

export interface Mismatch {
  readonly caseId: string;
  readonly field: string;
  readonly ours: string;
  readonly oracle: string;
  readonly bytes: string;
}

export interface KindStats {
  readonly kind: string;
  readonly oracle: string;
  readonly seed: number;
  cases: number;
  fields: number;
  /** Fields left out, by reason (each must name the spec section that shows the oracle wrong). */
  readonly excluded: Record<string, number>;
  readonly mismatches: Mismatch[];
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v} (0x${v.toString(16)})`;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? `${v} (0x${v.toString(16)})` : String(v);
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  if (v === undefined) return '<not printed>';
  return JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return BigInt(a) === BigInt(b);
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/** Comparison book-keeping for one kind (one oracle, one structure family). */
export class Comparison {
  readonly stats: KindStats;
  private caseId = '';
  private bytes = '';

  constructor(kind: string, oracle: string, seed: number = INTEROP_SEED) {
    this.stats = { kind, oracle, seed, cases: 0, fields: 0, excluded: {}, mismatches: [] };
  }

  /** Start a new case: everything compared until the next call is attributed to it. */
  begin(caseId: string, bytes: Uint8Array): void {
    this.stats.cases++;
    this.caseId = caseId;
    this.bytes = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** Compare one field both sides decode. Numbers and bigints compare by value. */
  eq(field: string, ours: unknown, oracle: unknown): void {
    this.stats.fields++;
    if (!same(ours, oracle)) {
      this.stats.mismatches.push({
        caseId: this.caseId,
        field,
        ours: show(ours),
        oracle: show(oracle),
        bytes: this.bytes,
      });
    }
  }

  /** A field not compared because the oracle is known to be wrong (reason cites the spec). */
  exclude(field: string, reason: string): void {
    const key = `${field.replace(/\[\d+\]/g, '[]')}: ${reason}`;
    this.stats.excluded[key] = (this.stats.excluded[key] ?? 0) + 1;
  }

  /** Something the oracle printed that we could not parse is a failure, not noise. */
  unparsed(lines: readonly string[]): void {
    for (const l of lines) this.eq('oracle output parsed', '', l);
  }

  /** Persist the figures for the summary table; returns a readable failure report ('' if none). */
  finish(): string {
    writeFileSync(join(STATS_DIR, `${this.stats.kind.replace(/[^a-z0-9]+/gi, '_')}.json`), JSON.stringify(this.stats));
    return formatMismatches(this.stats);
  }
}

export function formatMismatches(s: KindStats, max = 25): string {
  if (s.mismatches.length === 0) return '';
  const byField = new Map<string, number>();
  for (const m of s.mismatches) byField.set(m.field, (byField.get(m.field) ?? 0) + 1);
  const lines = [
    `${s.kind}: ${s.mismatches.length} mismatch(es) against ${s.oracle} (seed ${s.seed})`,
    `by field: ${[...byField].map(([f, n]) => `${f} x${n}`).join(', ')}`,
  ];
  for (const m of s.mismatches.slice(0, max)) {
    lines.push(`  [${m.caseId}] ${m.field}: ours=${m.ours} oracle=${m.oracle}\n      bytes=${m.bytes}`);
  }
  if (s.mismatches.length > max) lines.push(`  ... and ${s.mismatches.length - max} more`);
  return lines.join('\n');
}

export function readAllStats(): KindStats[] {
  if (!existsSync(STATS_DIR)) return [];
  return readdirSync(STATS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(STATS_DIR, f), 'utf8')) as KindStats);
}

export function formatSummary(all: readonly KindStats[]): string {
  const rows = all.map((s) => [s.kind, s.oracle, String(s.cases), String(s.fields), String(s.mismatches.length)]);
  const head = ['kind', 'oracle', 'cases', 'fields compared', 'mismatches'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: readonly string[]) =>
    r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ');
  const out = ['', 'Interop summary (seed printed per kind in failures; INTEROP_SEED / INTEROP_RUNS override)'];
  out.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) out.push(fmt(r));
  const ex = all.flatMap((s) => Object.entries(s.excluded).map(([k, n]) => `  ${s.kind}: ${k} (${n} fields)`));
  if (ex.length > 0) out.push('Excluded fields (known oracle bugs, see docs/design-notes.md):', ...ex);
  if (all.length === 0) out.push('(no kind reported figures)');
  return out.join('\n');
}
