/**
 * `scsi-odx check`: the options of the corpus replay (`check.ts`, loaded on demand).
 */
import { parseArgs } from 'node:util';
import { CHECK_HELP } from './check-help.js';
import { EXIT_OK, UsageError } from './exit.js';
import { intOption } from './options.js';
import { writeErr, writeOut } from './stdio.js';

/** Run `scsi-odx check`; returns the exit code. */
export async function cmdCheck(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      corpus: { type: 'string' },
      manifest: { type: 'string' },
      target: { type: 'string' },
      json: { type: 'boolean', default: false },
      'max-failures': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    writeOut(CHECK_HELP);
    return EXIT_OK;
  }
  if (values.corpus === undefined) throw new UsageError('check needs --corpus DIR');
  const maxFailures =
    values['max-failures'] === undefined ? 50 : intOption(values['max-failures'], '--max-failures', 0, 2 ** 31 - 1);
  const check = await import('./check.js');
  try {
    return await check.runCheck({
      corpus: values.corpus,
      manifest: values.manifest,
      target: values.target,
      json: values.json,
      maxFailures,
      out: writeOut,
      progress: values.quiet ? undefined : writeErr,
      tty: process.stderr.isTTY === true,
    });
  } catch (e) {
    if (e instanceof check.CheckUsageError) throw new UsageError(e.message);
    throw e;
  }
}
