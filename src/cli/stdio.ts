/** Standard streams and input files of the `scsi-odx` command. */
import { readFileSync } from 'node:fs';
import { UsageError } from './exit.js';

export function writeOut(s: string): void {
  process.stdout.write(s);
}
export function writeErr(s: string): void {
  process.stderr.write(s);
}

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function readFile(path: string): Uint8Array {
  try {
    const buf = readFileSync(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}
