import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Parse an sg3_utils "inhex" file from test/vectors ('#' comments, hex bytes separated by space/commas). */
export function inhex(name: string): Uint8Array {
  const text = readFileSync(fileURLToPath(new URL(`../vectors/${name}`, import.meta.url)), 'utf8');
  const out: number[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/#.*/, '');
    for (const tok of body.split(/[\s,]+/)) if (tok !== '') out.push(Number.parseInt(tok, 16));
  }
  return Uint8Array.from(out);
}

export function h(s: string): Uint8Array {
  return Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (x) => Number.parseInt(x, 16));
}
