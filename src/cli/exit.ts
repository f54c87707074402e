/**
 * How a command fails: the exit codes and the errors the entry point maps to them. Every error is
 * one line on stderr.
 */

/** Exit codes. */
export const EXIT_OK = 0;
/** Bad input (a decode or encode error), or a file that cannot be written. */
export const EXIT_DECODE = 1;
/** Usage error (also an input file that cannot be read). */
export const EXIT_USAGE = 2;

/** A usage error: exit 2, with a pointer to the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that does not decode or encode: exit 1. */
export class DecodeFailure extends Error {
  override readonly name = 'DecodeFailure';
}
