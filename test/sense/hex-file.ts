/** Loader for sg3_utils "inhex" files: `#` comments, hex bytes separated by white space or commas. */
import { readFileSync } from 'node:fs';

/** Parse inhex text into bytes. */
export function parseInhex(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const body = line.replace(/#.*$/, '');
    for (const tok of body.split(/[\s,]+/)) {
      if (tok === '') continue;
      if (!/^[0-9a-fA-F]{1,2}$/.test(tok)) throw new Error(`bad hex token ${JSON.stringify(tok)}`);
      out.push(Number.parseInt(tok, 16));
    }
  }
  return Uint8Array.from(out);
}

/** Load an inhex file. */
export function loadInhex(path: string): Uint8Array<ArrayBuffer> {
  return parseInhex(readFileSync(path, 'utf8'));
}

/**
 * Split an inhex file whose sections start with a comment line `# <name> ...` (like
 * sg3utils_sg_sense_test_arrays.hex) into named byte arrays.
 */
export function loadInhexSections(path: string, namePattern: RegExp): Map<string, Uint8Array<ArrayBuffer>> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^#\s*(\S+)/.exec(line);
    if (m !== null && namePattern.test(m[1] as string)) {
      current = [];
      sections.set(m[1] as string, current);
      continue;
    }
    if (current !== undefined) current.push(line);
  }
  return new Map([...sections].map(([k, v]) => [k, parseInhex(v.join('\n'))]));
}
