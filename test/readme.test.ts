/**
 * The README is a test (msgpack style): every ```ts block runs against the built package
 * (imports of 'scsi-odx' resolve to dist/ through the package's self-reference), and a comment
 * line right after a `console.log(...)` line states what it prints.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const dir = join('test', '.readme');

function expectedOutput(code: string): string[] {
  // A comment on the line after a console.log line, or at the end of a console.log line, states
  // what it prints; quoted strings print without their quotes. `e.g.` and `...` mark loose examples.
  const lines = code.split('\n');
  const out: string[] = [];
  const take = (comment: string): void => {
    const c = comment.trim();
    if (c.startsWith('e.g.') || c.includes('...') || c.includes('…')) return;
    out.push(c.startsWith('{') || c.startsWith('[') ? c : c.replace(/'/g, ''));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!/^console\.log\(/.test(line)) continue;
    const trailing = /\);\s*\/\/ (.*)$/.exec(line);
    if (trailing) take(trailing[1] as string);
    const next = (lines[i + 1] ?? '').trim();
    if (next.startsWith('// ')) take(next.slice(3));
  }
  return out;
}

describe('README snippets', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('has snippets', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });
  blocks.forEach((code, i) => {
    it(`snippet ${i + 1} runs and prints what it says`, async () => {
      const file = join(dir, `snippet-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(format(...args));
      });
      try {
        await import(`./.readme/snippet-${i + 1}.ts`);
      } finally {
        spy.mockRestore();
      }
      const joined = printed.join('\n');
      for (const e of expectedOutput(code)) expect(joined).toContain(e);
    });
  });
});
