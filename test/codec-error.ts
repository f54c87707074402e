/** The error catcher the codec tests share. */
import { isScsiCodecError, type ScsiCodecError } from '../src/errors.js';

/** The `ScsiCodecError` `fn` throws; fails if it throws anything else or nothing. */
export function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}
