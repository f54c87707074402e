import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Parse sg3_utils "inhex" text: hex bytes separated by white space or commas, `#` comments. */
export function parseInhex(text: string): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/#.*/, '');
    for (const tok of body.split(/[\s,]+/)) if (tok !== '') bytes.push(Number.parseInt(tok, 16));
  }
  return new Uint8Array(bytes);
}

/** Read a vector from test/vectors. */
export function vector(name: string): Uint8Array<ArrayBuffer> {
  return parseInhex(readFileSync(fileURLToPath(new URL(`../vectors/${name}`, import.meta.url)), 'utf8'));
}

/** Bytes from a compact hex string ("00 8f 00 04 ..."). */
export function h(s: string): Uint8Array<ArrayBuffer> {
  return parseInhex(s);
}
