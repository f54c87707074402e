// The README's data-in example, run against src/ as a test: the ```ts block is
// executed (it has no type syntax) and each `console.log` must print what the comment under it says.
import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { expect, it } from 'vitest';
import * as dataIn from '../../src/data-in/index.js';

it('the README data-in example prints what it says', () => {
  const md = readFileSync('README.md', 'utf8');
  const block = [...md.matchAll(/```ts\n(import[\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .find((b) => b.includes('decodeReportLunsParameterData'));
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
