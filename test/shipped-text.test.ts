/**
 * Nothing that ships (src/, whose comments become the .d.ts files, README.md, every file listed in
 * package.json `files`, and dist/ as built by test/global-setup.ts) names a path of a development
 * machine or a file a user does not have (the team's wire-format notes, `../shared`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Absolute paths of a development machine, and references to files outside the package. */
const FORBIDDEN: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: 'absolute path /work/', re: /\/work\// },
  { name: 'absolute path /home/', re: /\/home\// },
  { name: 'absolute path /tmp/', re: /\/tmp\// },
  { name: 'absolute path /Users/', re: /\/Users\// },
  // A drive letter after a non-identifier character, then a name: `C:\Users` (`C:\\Users` in JSON
  // and source maps), not `r:\n` (an escaped newline after a colon).
  { name: 'Windows path', re: /(?<![A-Za-z0-9_])[A-Z]:\\{1,2}[A-Za-z][A-Za-z0-9_.-]/ },
  { name: 'odx-wire-formats reference', re: /odx-wire-formats/ },
  { name: '../shared reference', re: /\.\.\/shared/ },
];

function filesUnder(p: string): string[] {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((n) => filesUnder(join(p, n)));
}

function hits(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'latin1');
    for (const { name, re } of FORBIDDEN) {
      const m = re.exec(text);
      if (m !== null) {
        const line = text.slice(0, m.index).split('\n').length;
        out.push(`${f}:${line}: ${name}: ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 30))}`);
      }
    }
  }
  return out;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };

describe('shipped text', () => {
  it('dist/ is built (by the global setup) and is scanned', () => {
    expect(filesUnder('dist').some((f) => f.endsWith('.d.ts'))).toBe(true);
  });

  it('src/, README.md, dist/ and every file in package.json `files` name no machine path or missing file', () => {
    const files = [...new Set([...filesUnder('src'), 'README.md', ...pkg.files.flatMap(filesUnder)])];
    expect(files.length).toBeGreaterThan(100);
    expect(hits(files)).toEqual([]);
  });

  it('the patterns catch what they must and not an identifier before a colon', () => {
    const samples = [
      'see /work/main/x',
      'in /home/u/y',
      'cd /tmp/a',
      'at /Users/x/y',
      'C:\\Users\\x',
      '"D:\\\\build\\\\x"',
      'odx-wire-formats.md',
      '../shared/spec',
    ];
    for (const s of samples)
      expect(
        FORBIDDEN.some(({ re }) => re.test(s)),
        s,
      ).toBe(true);
    for (const s of ['VENDOR_SPECIFIC:\\n', 'case X:\\n', 'https://example.org/work', 'a/tmp b'])
      expect(
        FORBIDDEN.some(({ re }) => re.test(s)),
        s,
      ).toBe(false);
  });
});
