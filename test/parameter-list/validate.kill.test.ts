/**
 * Kill test for `validateRangeDescriptors`' handling of the caller's own faults (issue 17): a
 * getter that throws in the limits is an ERR_FIELD_RANGE naming the field, its error the cause.
 * Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import { validateRangeDescriptors } from '../../src/index.js';
import { err } from './extended-copy-fixtures.js';

describe('validateRangeDescriptors: the caller’s faults', () => {
  it('a limits getter that throws', () => {
    const boom = new Error('boom');
    const limits = Object.defineProperty({}, 'capacity', {
      get() {
        throw boom;
      },
      enumerable: true,
    });
    const e = err(() => validateRangeDescriptors([{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 1 }], limits));
    expect([e.code, e.structure, e.field, e.offset, e.detail, e.cause]).toEqual([
      'ERR_FIELD_RANGE',
      'validateRangeDescriptors',
      'capacity',
      0,
      'reading argument 2.capacity threw an error of its own (see cause)',
      boom,
    ]);
  });
});
