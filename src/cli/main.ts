#!/usr/bin/env node
/**
 * `scsi-odx`: decode, encode and fuzz-corpus tool for SCSI offloaded data transfer structures.
 * Zero runtime dependencies (node:util parseArgs); `corpus` loads fast-check on demand. This file
 * is the entry point: it dispatches to one file per command and turns errors into exit codes.
 */
import { readFileSync } from 'node:fs';
import { isScsiCodecError } from '../errors.js';
import { cmdCheck } from './check-command.js';
import { CHECK_HELP } from './check-help.js';
import { CORPUS_HELP, cmdCorpus } from './corpus-command.js';
import { cmdDecode, DECODE_HELP } from './decode.js';
import { cmdEncode, ENCODE_HELP } from './encode.js';
import { DecodeFailure, EXIT_DECODE, EXIT_OK, EXIT_USAGE, UsageError } from './exit.js';
import { InputError } from './input.js';
import { JsonInputError } from './json.js';
import { KIND_TITLES, KINDS } from './kinds.js';
import { cmdServe, SERVE_HELP, ServeUsageError } from './serve.js';
import { writeErr, writeOut } from './stdio.js';

const KIND_LIST = KINDS.map((k) => `  ${k.padEnd(26)}${KIND_TITLES[k]}`).join('\n');

const HELP: Record<string, string> = {
  serve: SERVE_HELP,
  check: CHECK_HELP,
  main: `scsi-odx: decode and encode SCSI offloaded data transfer (ODX) structures

Usage:
  scsi-odx decode [--as KIND] [--json | --check] [--strict] [HEX... | --in FILE | -]
  scsi-odx encode --as KIND [--binary] [FILE | -]
  scsi-odx corpus --kind KIND --count N --out DIR [--seed S] [--force] [--invalid-ratio R] [--dict FILE]
  scsi-odx check --corpus DIR [--target MODULE]
  scsi-odx kinds
  scsi-odx --version
  scsi-odx <command> --help

Kinds:
${KIND_LIST}

Exit status: 0 ok, 1 bad input (decode/encode error) or a file that cannot be written,
2 usage error (also an input file that cannot be read), 70 internal error. Errors are one line on stderr; --debug (or SCSI_ODX_DEBUG=1) adds the
stack trace of an internal error.
`,

  decode: DECODE_HELP,
  encode: ENCODE_HELP,
  corpus: CORPUS_HELP,
};

/** The package's version, from the package.json next to dist/ (or the checkout's). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run the CLI; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
        writeErr(HELP['main'] as string);
        return EXIT_USAGE;
      case '-h':
      case '--help':
      case 'help':
        if (rest[0] !== undefined && HELP[rest[0]] !== undefined) writeOut(HELP[rest[0]] as string);
        else writeOut(HELP['main'] as string);
        return EXIT_OK;
      case 'kinds':
        writeOut(`${KIND_LIST}\n`);
        return EXIT_OK;
      case '-V':
      case '--version':
      case 'version':
        writeOut(`scsi-odx ${packageVersion()}\n`);
        return EXIT_OK;
      case 'decode':
        return await cmdDecode(rest);
      case 'encode':
        return await cmdEncode(rest);
      case 'corpus':
        return await cmdCorpus(rest);
      case 'serve':
        return await cmdServe(rest);
      case 'check':
        return await cmdCheck(rest);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ServeUsageError ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      writeErr(
        `scsi-odx: ${(e as Error).message}\nTry: scsi-odx ${cmd !== undefined && HELP[cmd] ? `${cmd} ` : ''}--help\n`,
      );
      return EXIT_USAGE;
    }
    if (e instanceof DecodeFailure || e instanceof InputError || e instanceof JsonInputError) {
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    if (isScsiCodecError(e)) {
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    if (isSystemError(e)) {
      // A file that cannot be read or written (ENOENT, EACCES, EEXIST, EISDIR, ENOSPC, ...).
      writeErr(`scsi-odx: ${e.message}\n`);
      return EXIT_DECODE;
    }
    throw e;
  }
}

/** A Node.js system error (fs, net): has a string `code` like `EEXIST` and a `syscall`. */
function isSystemError(e: unknown): e is Error & { code: string } {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { syscall?: unknown }).syscall === 'string'
  );
}

/**
 * `--debug` anywhere on the command line (removed before parsing) or SCSI_ODX_DEBUG=1: an internal
 * error prints its stack trace. Otherwise every error is one line on stderr.
 */
const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || process.env['SCSI_ODX_DEBUG'] === '1';

/** One line for an unexpected error (its stack only when debugging). */
function internalError(e: unknown): string {
  if (debug && e instanceof Error && e.stack !== undefined) return `scsi-odx: internal error: ${e.stack}\n`;
  let what: string;
  try {
    what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
  } catch {
    what = 'an unprintable value was thrown';
  }
  return `scsi-odx: internal error: ${what}${debug ? '' : ' (rerun with --debug or SCSI_ODX_DEBUG=1 for the stack trace)'}\n`;
}

main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    writeErr(internalError(e));
    process.exitCode = 70;
  },
);
