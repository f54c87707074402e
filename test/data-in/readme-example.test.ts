// The README section of docs/notes/data-in.md, run against src/ as a test: the ```ts block is
// executed (it has no type syntax) and each `console.log` must print what the comment under it says.
import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { expect, it } from 'vitest';
import * as dataIn from '../../src/data-in/index.js';

it('README example of docs/notes/data-in.md prints what it says', () => {
  const md = readFileSync('docs/notes/data-in.md', 'utf8');
  const block = /```ts\n(import[\s\S]*?)```/.exec(md)?.[1];
  expect(block).toBeDefined();
  const code = (block as string).replace(/^import[\s\S]*?from 'scsi-odx';\n/m, '');
  const names = Object.keys(dataIn);
  const printed: string[] = [];
  const fakeConsole = { log: (...args: unknown[]) => printed.push(format(...args)) };
  new Function('console', ...names, code)(fakeConsole, ...names.map((n) => (dataIn as Record<string, unknown>)[n]));
  const expected = code
    .split('\n')
    .filter((_, i, lines) => /^console\.log\(/.test((lines[i - 1] ?? '').trim()))
    .map((l) => l.trim().replace(/^\/\/ /, ''));
  expect(printed).toEqual(expected);
  expect(printed.length).toBe(4);
});
