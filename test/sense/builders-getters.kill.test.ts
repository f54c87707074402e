/**
 * Sense builders and the caller's own errors (issue 17, fourth mutation session): a getter of the
 * caller's options (or spec) that throws gives ERR_FIELD_RANGE from the builder's own guard,
 * naming the builder's structure, the argument and field whose read threw, and the caller's error
 * as `cause`. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import {
  buildCopyTargetDeviceDataUnderrunSense,
  buildInsufficientResourcesToCreateRodSense,
  buildInsufficientResourcesToCreateRodTokenSense,
  buildInvalidCommandOperationCodeSense,
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  buildInvalidTokenOperationSense,
  buildLbaOutOfRangeSense,
  buildOperationInProgressSense,
  buildParameterListLengthErrorSense,
  buildSenseData,
  senseDataFromCodecError,
} from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

const boom = new Error('boom');
/** `{ ...v }` whose `key` throws `boom` when read. */
const throwing = <T extends object>(v: T, key: string): T =>
  Object.defineProperty({ ...v }, key, {
    enumerable: true,
    get() {
      throw boom;
    },
  });
const options = () => throwing({}, 'deferred');

describe('a throwing getter in the caller’s argument', () => {
  it.each([
    ['buildSenseData', () => buildSenseData(throwing({ senseKey: 5, asc: 0x24 }, 'ascq')), 'SenseData', 'ascq', 'ascq'],
    [
      'buildInvalidTokenOperationSense',
      () => buildInvalidTokenOperationSense('TOKEN_EXPIRED', options()),
      'SenseData',
      'deferred',
      'argument 2.deferred',
    ],
    [
      'buildCopyTargetDeviceDataUnderrunSense',
      () => buildCopyTargetDeviceDataUnderrunSense(1, options()),
      'SenseData',
      'deferred',
      'argument 2.deferred',
    ],
    [
      'buildInsufficientResourcesToCreateRodSense',
      () => buildInsufficientResourcesToCreateRodSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    [
      'buildInsufficientResourcesToCreateRodTokenSense',
      () => buildInsufficientResourcesToCreateRodTokenSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    [
      'buildInvalidFieldInParameterListSense',
      () => buildInvalidFieldInParameterListSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    ['buildInvalidFieldInCdbSense', () => buildInvalidFieldInCdbSense(options()), 'SenseData', 'deferred', 'deferred'],
    [
      'buildParameterListLengthErrorSense',
      () => buildParameterListLengthErrorSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    ['buildLbaOutOfRangeSense', () => buildLbaOutOfRangeSense(options()), 'SenseData', 'deferred', 'deferred'],
    [
      'buildInvalidCommandOperationCodeSense',
      () => buildInvalidCommandOperationCodeSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    [
      'buildOperationInProgressSense',
      () => buildOperationInProgressSense(options()),
      'SenseData',
      'deferred',
      'deferred',
    ],
    [
      'senseDataFromCodecError',
      () =>
        senseDataFromCodecError(
          new ScsiCodecError('ERR_INVALID_VALUE', 'PopulateTokenCdb', 'groupNumber', 14, 'x'),
          'cdb',
          options(),
        ),
      'senseDataFromCodecError',
      'deferred',
      'argument 3.deferred',
    ],
  ] as const)('%s', (_name, call, structure, field, path) => {
    const e = err(call);
    expect([e.code, e.structure, e.field, e.offset, e.detail, e.cause]).toEqual([
      'ERR_FIELD_RANGE',
      structure,
      field,
      0,
      `reading ${path} threw an error of its own (see cause)`,
      boom,
    ]);
  });
});
