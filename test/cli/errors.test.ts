/**
 * Issue 17 finding 5: the CLI never prints a stack trace. Every failure is one line on stderr with
 * the CLI's exit status (1 bad input or a file that cannot be written, 2 usage or a file that
 * cannot be read, 70 internal); --debug or
 * SCSI_ODX_DEBUG=1 adds the stack of an internal error only. Runs the built dist/cli.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/cli.js';
const tmp = mkdtempSync(join(tmpdir(), 'scsi-odx-cli-errors-'));

function run(args: string[], input?: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line on stderr, no stack frames. */
function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('scsi-odx: no stack traces', () => {
  it('encode of JSON nested 5,000 levels deep: a clear error, exit 1', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const kind of ['cdb', 'sense', 'vpd']) {
      const r = run(['encode', '--as', kind, '-'], deep);
      expect(r.status).toBe(1);
      expectOneLine(r.stderr);
      expect(r.stderr).toMatch(/nested deeper than \d+ levels/);
    }
    const obj = `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`;
    const r = run(['encode', '--as', 'sense', '-'], obj);
    expect(r.status).toBe(1);
    expectOneLine(r.stderr);
  });
  it('corpus --out naming an existing file: usage error, exit 2', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = run(['corpus', '--kind', 'cdb', '--count', '3', '--seed', '1', '--out', file, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exists and is not a directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('corpus --out naming a non-empty directory: refused; --force only clears an earlier corpus', () => {
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'precious.txt'), 'keep me');
    const args = ['corpus', '--kind', 'cdb', '--count', '3', '--seed', '1', '-q', '--out'];
    const refused = run([...args, foreign]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not empty/);
    const forced = run([...args, foreign, '--force']);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/not a directory written by scsi-odx corpus/);
    expect(existsSync(join(foreign, 'precious.txt'))).toBe(true);

    const ours = join(tmp, 'ours');
    expect(run([...args, ours]).status).toBe(0);
    writeFileSync(join(ours, 'stale.bin'), 'old');
    expect(run([...args, ours]).status).toBe(2);
    const again = run([...args, ours, '--force']);
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(readdirSync(ours)).not.toContain('stale.bin');
    // Manifest and dictionary beside the corpus directory, never in it (fuzzers read every file there).
    expect(readdirSync(ours).every((f) => f.endsWith('.bin'))).toBe(true);
    expect(existsSync(`${ours}.manifest.jsonl`)).toBe(true);
    expect(existsSync(`${ours}.dict`)).toBe(true);
  });
  it('files that cannot be read (usage error, exit 2) or written (exit 1): no stack', () => {
    for (const args of [
      ['decode', '--in', join(tmp, 'missing.bin')],
      ['decode', '--in', tmp],
      ['encode', '--as', 'cdb', join(tmp, 'missing.json')],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^scsi-odx: cannot read /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const w = run([
      'corpus',
      '--kind',
      'cdb',
      '--count',
      '1',
      '--seed',
      '1',
      '-q',
      '--out',
      join(tmp, 'd2'),
      '--dict',
      tmp,
    ]);
    expect(w.status).toBe(1);
    expectOneLine(w.stderr);
    expect(w.stderr).toMatch(/EISDIR/);
  });
  it('--debug is accepted anywhere and changes nothing when all is well', () => {
    const r = run(['decode', '--debug', '00 00 00 00 00 00']);
    expect([r.status, r.stderr]).toEqual([0, '']);
  });
});
