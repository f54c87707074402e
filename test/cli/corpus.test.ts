/**
 * `scsi-odx corpus` and `scsi-odx check` from the built binary: deterministic for a seed, a
 * random printed seed otherwise; only case files in the corpus directory (manifest and
 * dictionary beside it); valid cases GOOD and near-misses as their rule says when replayed
 * against the reference copy manager; a target of one's own through --target; progress redrawn
 * only on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/cli/input.js';
import { parseCorpusManifest } from '../../src/conformance/manifest.js';

const tmp = mkdtempSync(join(tmpdir(), 'scsi-odx-corpus-'));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function corpus(dir: string, args: string[]) {
  return cli(['corpus', '--out', join(tmp, dir), ...args]);
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(join(tmp, dir)).sort()) out.set(f, toHex(readFileSync(join(tmp, dir, f))));
  return out;
}

describe('scsi-odx corpus', () => {
  const args = ['--kind', 'all', '--count', '900', '--seed', '7', '--invalid-ratio', '0.6', '-q'];

  it('is byte-identical for the same seed, different for another; nothing but case files in DIR', () => {
    expect(corpus('a', [...args, '--dict', join(tmp, 'odx.dict')]).status).toBe(0);
    expect(corpus('b', args).status).toBe(0);
    const a = snapshot('a');
    expect(a.size).toBe(900);
    expect([...a.keys()].every((f) => /^[a-z0-9-]+-\d{6}\.bin$/.test(f))).toBe(true);
    expect(snapshot('b')).toEqual(a);
    const ma = readFileSync(join(tmp, 'a.manifest.jsonl'), 'utf8');
    expect(readFileSync(join(tmp, 'b.manifest.jsonl'), 'utf8')).toBe(ma.replace('"directory":"a"', '"directory":"b"'));
    expect(corpus('c', ['--kind', 'all', '--count', '900', '--seed', '8', '-q']).status).toBe(0);
    expect(snapshot('c')).not.toEqual(a);
    const dict = readFileSync(join(tmp, 'odx.dict'), 'utf8');
    expect(dict).toContain('write_using_token="\\x83\\x11"');
    expect(dict).toContain('rod_token_length_01f8="\\x01\\xf8"');
    expect(existsSync(join(tmp, 'b.dict'))).toBe(true);
  });

  it('the manifest names the profile; valid replayable cases expect GOOD, near-misses their rule', () => {
    const { header, lines } = parseCorpusManifest(readFileSync(join(tmp, 'a.manifest.jsonl'), 'utf8'));
    expect(header).toMatchObject({ seed: 7, count: 900, directory: 'a', invalidRatio: 0.6 });
    expect(header.profile.capacity).toBe(1n << 32n);
    expect(header.profile.blockSize).toBe(512);
    expect(lines).toHaveLength(900);
    const replayable = new Set([
      'cdb',
      'populate-token-params',
      'write-using-token-params',
      'rod-token',
      'extended-copy-params',
      'extended-copy-lid4-params',
    ]);
    for (const l of lines) {
      expect(readFileSync(join(tmp, 'a', l.file)).length, l.file).toBe(l.length);
      if (!replayable.has(l.kind)) continue;
      expect(l.expected?.conforming.length, l.file).toBeGreaterThan(0);
      if (l.valid) expect(l.expected?.conforming, l.file).toEqual([{ status: 0 }]);
      else expect(typeof l.expected?.rule, l.file).toBe('string');
    }
    const kinds = new Set(lines.map((l) => l.kind));
    for (const k of kinds) {
      expect(
        lines.some((l) => l.kind === k && l.valid),
        k,
      ).toBe(true);
      expect(lines.some((l) => l.kind === k && !l.valid) || k === 'extended-copy-params', k).toBe(true);
    }
  });

  it('scsi-odx check: every replayable case conforms on the built-in copy manager', () => {
    const r = cli(['check', '--corpus', join(tmp, 'a'), '-q']);
    expect(r.stdout).toMatch(/check: \d+ cases replayed, (\d+) conform, 0 do not; \d+ skipped/);
    expect(r.status).toBe(0);
  });

  it('scsi-odx check --target MODULE: a wrong target is reported case by case with the rule, exit 1', () => {
    const mod = join(tmp, 'always-good.mjs');
    writeFileSync(mod, 'export function createTarget(profile) { return async () => ({ status: 0 }); }\n');
    const r = cli(['check', '--corpus', join(tmp, 'a'), '--target', mod, '--json', '-q']);
    expect(r.status).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = out.at(-1) as { total: number; conforming: number; failed: number };
    expect(summary.failed).toBeGreaterThan(0);
    expect(summary.conforming + summary.failed).toBe(summary.total);
    const first = out[0] as { rule: string; got: string; conforming: string[] };
    expect(first.got).toBe('GOOD');
    expect(first.rule).toMatch(/^[a-z]+\.[a-z-]+\./);
    expect(cli(['check', '--corpus', join(tmp, 'nope')]).status).toBe(2);
    writeFileSync(join(tmp, 'no-export.mjs'), 'export const x = 1;\n');
    const bad = cli(['check', '--corpus', join(tmp, 'a'), '--target', join(tmp, 'no-export.mjs')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/exports no createTarget/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a random seed by default (the run can be repeated); no \\r progress when stderr is not a terminal', () => {
    const r = corpus('d', ['--kind', 'sense', '--count', '10']);
    expect(r.status).toBe(0);
    const seed = /corpus: seed (-?\d+) \(repeat with --seed \1\)/.exec(r.stderr)?.[1];
    expect(seed).toBeDefined();
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).toMatch(/corpus: 10 cases in .* \(\d+ ms\); manifest .*d\.manifest\.jsonl/);
    expect(corpus('e', ['--kind', 'sense', '--count', '10', '--seed', String(seed), '-q']).status).toBe(0);
    expect(snapshot('e')).toEqual(snapshot('d'));
  });

  it('rejects bad options (exit 2, one line, no stack)', () => {
    for (const extra of [
      ['--invalid-ratio', '2'],
      ['--capacity', '0'],
      ['--block-size', 'x'],
      ['--dict', join(tmp, 'f', 'in.dict')],
    ]) {
      const r = corpus('f', ['--kind', 'sense', '--count', '10', '--seed', '1', ...extra]);
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(corpus('f', ['--kind', 'bogus', '--count', '10', '--seed', '1']).status).toBe(2);
  });

  it('--capacity and --block-size: the manifest records them and the cases stay inside', () => {
    expect(
      corpus('g', [
        '--kind',
        'populate-token-params',
        '--count',
        '200',
        '--seed',
        '3',
        '--capacity',
        '5000',
        '--block-size',
        '4096',
        '-q',
      ]).status,
    ).toBe(0);
    const { header } = parseCorpusManifest(readFileSync(join(tmp, 'g.manifest.jsonl'), 'utf8'));
    expect([header.profile.capacity, header.profile.blockSize]).toEqual([5000n, 4096]);
    const r = cli(['check', '--corpus', join(tmp, 'g'), '-q']);
    expect(r.stdout).toMatch(/check: 200 cases replayed, 200 conform, 0 do not/);
  });
});
