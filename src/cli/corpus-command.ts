/**
 * `scsi-odx corpus`: the options of the corpus writer (`corpus.ts`, loaded on demand: it needs
 * the fast-check package, an optional peer dependency).
 */
import { parseArgs } from 'node:util';
import { DecodeFailure, EXIT_OK, EXIT_USAGE, UsageError } from './exit.js';
import { KINDS, type Kind } from './kinds.js';
import { intOption, kindOption } from './options.js';
import { writeErr, writeOut } from './stdio.js';

/** Help text of `scsi-odx corpus`. */
export const CORPUS_HELP = `Usage: scsi-odx corpus --kind KIND --count N --out DIR [--seed S] [--force] [--invalid-ratio R]
                       [--dict FILE] [--capacity BLOCKS] [--block-size N]

Write a deterministic fuzz corpus: one binary file per case (KIND-NNNNNN.bin) in DIR, and
beside DIR (not in it: fuzzers read every file there) DIR.manifest.jsonl and DIR.dict. The
manifest's first line names the logical unit and limits the cases assume (the reference copy
manager's defaults, one LU); then one JSON line per case: file, kind, valid or the mutation,
and for kinds a device server receives (cdb, PT/WUT lists, ROD tokens) the device-server rule
and the conforming responses. Valid cases of those kinds get GOOD from such a device server
("scsi-odx check" replays them). Same seed, same bytes.
Needs the fast-check package (an optional peer dependency): npm install --save-dev fast-check

Options:
  --kind KIND          structure kind, or "all" for every kind in turn
  --count N            number of cases
  --seed S             integer seed (default: a random one, printed so the run can be repeated)
  --out DIR            output directory: created, or empty (an existing file or a non-empty
                       directory is refused)
  --force              replace the contents of DIR if an earlier corpus run wrote it (its
                       manifest beside it names it)
  --invalid-ratio R    fraction of near-miss cases, 0..1 (default 0.5)
  --dict FILE          the AFL/libFuzzer dictionary (opcodes, service actions, ROD types, magic
                       lengths); default DIR.dict
  --capacity BLOCKS    capacity of the logical unit the cases assume (default 4294967296)
  --block-size N       its logical block length in bytes (default 512)
  -q, --quiet          no progress or summary
  -h, --help           this help

Examples:
  scsi-odx corpus --kind write-using-token-params --count 10000 --seed 1 --out corpus/wut
  scsi-odx corpus --kind all --count 500 --seed 7 --out corpus/all --dict odx.dict
`;

/** Run `scsi-odx corpus`; returns the exit code. */
export async function cmdCorpus(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      kind: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'invalid-ratio': { type: 'string' },
      dict: { type: 'string' },
      capacity: { type: 'string' },
      'block-size': { type: 'string' },
      force: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(CORPUS_HELP);
    return EXIT_OK;
  }
  const kindArg = values.kind;
  if (kindArg === undefined) throw new UsageError('corpus needs --kind KIND (or all)');
  const kinds: Kind[] = kindArg === 'all' ? [...KINDS] : [kindOption(kindArg, '--kind') as Kind];
  const count = intOption(values.count, '--count', 0, 100_000_000);
  const seed =
    values.seed === undefined
      ? (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1
      : intOption(values.seed, '--seed', -(2 ** 31), 2 ** 31 - 1);
  const blockSize =
    values['block-size'] === undefined ? 512 : intOption(values['block-size'], '--block-size', 1, 0xffffff);
  if (values.capacity !== undefined && !/^\d+$/.test(values.capacity)) {
    throw new UsageError(`--capacity ${values.capacity}: not a whole number of blocks`);
  }
  const capacity = values.capacity === undefined ? undefined : BigInt(values.capacity);
  if (capacity !== undefined && (capacity < 1n || capacity > 1n << 64n)) {
    throw new UsageError(`--capacity ${values.capacity}: out of range 1..2^64`);
  }
  if (values.out === undefined) throw new UsageError('corpus needs --out DIR');
  const ratio = values['invalid-ratio'] === undefined ? 0.5 : Number(values['invalid-ratio']);
  if (!(ratio >= 0 && ratio <= 1)) throw new UsageError('--invalid-ratio must be a number in 0..1');
  let corpus: typeof import('./corpus.js');
  try {
    corpus = await import('./corpus.js');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes('fast-check')) {
      writeErr(
        'scsi-odx: corpus needs the fast-check package (an optional peer dependency): npm install --save-dev fast-check\n',
      );
      return EXIT_USAGE;
    }
    throw e;
  }
  try {
    const { DEFAULT_DEVICE_SERVER_PROFILE } = await import('../conformance/profile.js');
    return await corpus.runCorpus({
      kinds,
      count,
      seed,
      out: values.out,
      invalidRatio: ratio,
      dict: values.dict,
      force: values.force,
      profile: { ...DEFAULT_DEVICE_SERVER_PROFILE, blockSize, ...(capacity === undefined ? {} : { capacity }) },
      progress: values.quiet ? undefined : (s: string) => writeErr(s),
      tty: process.stderr.isTTY === true,
    });
  } catch (e) {
    if (e instanceof corpus.CorpusOutError) throw new UsageError(e.message);
    if (e instanceof corpus.CorpusError) throw new DecodeFailure(e.message);
    throw e;
  }
}
