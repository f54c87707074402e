/**
 * `scsi-odx encode`: the JSON that `decode --json` prints (one value, or JSON lines) back to
 * bytes, printed as hex or raw.
 */
import { parseArgs } from 'node:util';
import { isScsiCodecError } from '../errors.js';
import { DecodeFailure, EXIT_OK, UsageError } from './exit.js';
import { toHexLines } from './input.js';
import { fromJsonValue, JsonInputError } from './json.js';
import { JSON_SCHEMAS } from './json-schema.js';
import { codecOf } from './kinds.js';
import { kindOption } from './options.js';
import { readFile, readStdin, writeOut } from './stdio.js';

/** Help text of `scsi-odx encode`. */
export const ENCODE_HELP = `Usage: scsi-odx encode --as KIND [--binary] [FILE | -]

Read the JSON that "decode --json" prints (one value, or JSON lines) and print the encoded
bytes as hex (16 bytes per line), or raw with --binary. decode --json | encode gives the
input bytes back for canonical input.

Options:
  --as KIND      what the JSON describes (required)
  --binary       write raw bytes to stdout
  -h, --help     this help

Examples:
  scsi-odx decode --json --as cdb 83 10 00 00 00 00 00 00 00 01 00 00 00 20 00 00 > cdb.json
  scsi-odx encode --as cdb cdb.json
  scsi-odx decode --json --in token.bin | scsi-odx encode --as rod-token --binary > copy.bin
`;

/** JSON text to values: one JSON value, or JSON lines. */
function parseJsonValues(text: string): unknown[] {
  const t = text.trim();
  if (t === '') throw new JsonInputError('no JSON input');
  try {
    const v: unknown = JSON.parse(t);
    return [v];
  } catch {
    const out: unknown[] = [];
    t.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        out.push(JSON.parse(line));
      } catch (e) {
        throw new JsonInputError(`JSON line ${i + 1}: ${(e as Error).message}`);
      }
    });
    return out;
  }
}

/** Run `scsi-odx encode`; returns the exit code. */
export async function cmdEncode(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      binary: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(ENCODE_HELP);
    return EXIT_OK;
  }
  const kind = kindOption(values.as, '--as');
  if (kind === undefined) throw new UsageError('encode needs --as KIND');
  if (positionals.length > 1) throw new UsageError('encode takes one FILE (or - for stdin)');
  const codec = codecOf(kind);
  if (codec === undefined) throw new DecodeFailure(`no ${kind} codec in this build`);
  const src = positionals[0];
  let raw: Uint8Array;
  if (src === undefined || src === '-') {
    if (src === undefined && process.stdin.isTTY)
      throw new UsageError('no input: give a JSON FILE or pipe JSON to stdin');
    raw = await readStdin();
  } else raw = readFile(src);
  const text = Buffer.from(raw).toString('utf8');
  const schema = JSON_SCHEMAS[kind] ?? {};
  const outputs: Uint8Array[] = [];
  for (const json of parseJsonValues(text)) {
    const value = fromJsonValue(json, schema);
    try {
      outputs.push(codec.encode(value as never));
    } catch (e) {
      if (isScsiCodecError(e)) throw new DecodeFailure(e.message);
      if (e instanceof TypeError) throw new JsonInputError(`JSON does not describe a ${kind}: ${e.message}`);
      throw e;
    }
  }
  if (values.binary) {
    for (const o of outputs) process.stdout.write(o);
  } else {
    writeOut(`${outputs.map((o) => toHexLines(o)).join('\n\n')}\n`);
  }
  return EXIT_OK;
}
