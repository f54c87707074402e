/**
 * `scsi-odx check`: replay a corpus written by `scsi-odx corpus` against the built-in copy manager
 * (configured from the manifest's profile) or a target of your own (`--target MODULE`), and list
 * every case whose response is not among the conforming ones, with the rule it exercises.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCorpusManifest, replayCaseOf } from '../conformance/manifest.js';
import { copyManagerOptionsForProfile, type DeviceServerProfile } from '../conformance/profile.js';
import {
  type CheckReport,
  checkTarget,
  copyManagerTarget,
  type ReplayCase,
  type ScsiTargetFunction,
} from '../conformance/replay.js';
import { CopyManager } from '../copy-manager/index.js';
import { isScsiCodecError } from '../errors.js';

/** A usage error of `check` (exit 2). */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

export interface CheckOptions {
  readonly corpus: string;
  readonly manifest: string | undefined;
  readonly target: string | undefined;
  readonly json: boolean;
  readonly maxFailures: number;
  readonly out: (s: string) => void;
  readonly progress: ((s: string) => void) | undefined;
  readonly tty: boolean;
}

interface TargetModule {
  readonly createTarget?: (profile: DeviceServerProfile) => ScsiTargetFunction | Promise<ScsiTargetFunction>;
  readonly target?: ScsiTargetFunction;
  readonly default?: ScsiTargetFunction;
}

async function loadTarget(
  path: string,
  profile: DeviceServerProfile,
): Promise<{ target?: ScsiTargetFunction; newTarget?: () => Promise<ScsiTargetFunction> }> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CheckUsageError(`--target ${path}: no such file`);
  const m = (await import(pathToFileURL(file).href)) as TargetModule;
  const create = m.createTarget;
  if (typeof create === 'function') return { newTarget: async () => await create(profile) };
  const t = m.target ?? m.default;
  if (typeof t === 'function') return { target: t };
  throw new CheckUsageError(`--target ${path}: exports no createTarget(profile), target or default function`);
}

/** The cases of a corpus, read through its manifest, and the profile the manifest names. */
function readCorpus(o: CheckOptions): { profile: DeviceServerProfile; cases: ReplayCase[]; skipped: number } {
  const dir = resolve(o.corpus);
  const manifestPath = o.manifest ?? `${dir}.manifest.jsonl`;
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    throw new CheckUsageError(
      `cannot read the manifest ${manifestPath} (written beside the corpus by scsi-odx corpus)`,
    );
  }
  let manifest: ReturnType<typeof parseCorpusManifest>;
  try {
    manifest = parseCorpusManifest(text);
  } catch (e) {
    if (isScsiCodecError(e)) throw new CheckUsageError(`${manifestPath}: ${e.message}`);
    throw e;
  }
  const cases: ReplayCase[] = [];
  let skipped = 0;
  for (const line of manifest.lines) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(resolve(dir, line.file)));
    } catch {
      throw new CheckUsageError(`cannot read ${resolve(dir, line.file)} (named by the manifest)`);
    }
    let c: ReplayCase | undefined;
    try {
      c = replayCaseOf(line, bytes);
    } catch (e) {
      if (isScsiCodecError(e)) throw new CheckUsageError(`${manifestPath}: ${line.file}: ${e.message}`);
      throw e;
    }
    if (c === undefined) skipped++;
    else cases.push(c);
  }
  return { profile: manifest.header.profile, cases, skipped };
}

/** Run the check; returns the exit code (0 all conform, 1 some do not). */
export async function runCheck(o: CheckOptions): Promise<number> {
  const { profile, cases, skipped } = readCorpus(o);
  let target: ScsiTargetFunction | undefined;
  let newTarget: (() => ScsiTargetFunction | Promise<ScsiTargetFunction>) | undefined;
  if (o.target === undefined) {
    const options = copyManagerOptionsForProfile(profile);
    newTarget = () => copyManagerTarget(new CopyManager(options));
  } else {
    const t = await loadTarget(o.target, profile);
    target = t.target;
    newTarget = t.newTarget;
  }
  let lastReport = 0;
  const onResult = (_: unknown, done: number): void => {
    const now = Date.now();
    if (o.tty && o.progress !== undefined && (now - lastReport > 250 || done === cases.length)) {
      lastReport = now;
      o.progress(`\rcheck: ${done}/${cases.length} cases`);
    }
  };
  const report: CheckReport = await checkTarget(cases, target, { newTarget, onResult, maxFailures: o.maxFailures });
  if (o.tty && o.progress !== undefined) o.progress('\n');
  writeReport(o, report, skipped);
  return report.total === report.passed ? 0 : 1;
}

/** The failures (one line each, or JSON lines) and the totals. */
function writeReport(o: CheckOptions, report: CheckReport, skipped: number): void {
  const failed = report.total - report.passed;
  for (const f of report.failures) {
    const c = f.case;
    if (o.json) {
      o.out(
        `${JSON.stringify({ file: c.name, kind: c.kind, mutation: c.mutation, rule: c.expected.rule ?? 'valid', got: f.got, conforming: f.want })}\n`,
      );
    } else {
      o.out(
        `${c.name} (${c.kind}${c.mutation === undefined ? ', valid' : `, ${c.mutation}`}) rule ${c.expected.rule ?? '(valid: GOOD)'}: got ${f.got}; conforming: ${f.want.join(' | ')}\n`,
      );
    }
  }
  const rules = Object.entries(report.byRule)
    .filter(([, v]) => v.failed > 0)
    .map(([k, v]) => `${k} ${v.failed}/${v.cases}`);
  if (o.json) {
    o.out(
      `${JSON.stringify({ total: report.total, conforming: report.passed, failed, skipped, failedByRule: Object.fromEntries(Object.entries(report.byRule).filter(([, v]) => v.failed > 0)) })}\n`,
    );
  } else {
    const more = failed > report.failures.length ? ` (${failed - report.failures.length} more not listed)` : '';
    o.out(
      `check: ${report.total} cases replayed, ${report.passed} conform, ${failed} do not${more}; ${skipped} skipped (kinds a device server does not receive)${rules.length > 0 ? `\nfailing rules: ${rules.join(', ')}` : ''}\n`,
    );
  }
}
