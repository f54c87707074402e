/**
 * A variable-length descriptor below its minimum ADDITIONAL LENGTH (issue 17, fourth mutation
 * session, a survivor of the `descriptors.ts` run): the issue is ERR_LENGTH_MISMATCH, and strict
 * decoding throws that code at the ADDITIONAL LENGTH byte. Public behaviour only.
 */
import { expect, it } from 'vitest';
import { decodeSenseData } from '../../src/sense/index.js';
import { err, withDescriptors } from './kill-helpers.js';

it.each(['0b', '0c', '0e'])('type %sh with ADDITIONAL LENGTH 1: ERR_LENGTH_MISMATCH at byte 9', (type) => {
  const b = withDescriptors(`${type} 01 00`);
  expect((decodeSenseData(b).issues ?? []).map((i) => [i.code, i.structure, i.field, i.offset])).toEqual([
    ['ERR_LENGTH_MISMATCH', 'SenseDataDescriptor', 'additionalLength', 9],
  ]);
  expect(err(() => decodeSenseData(b, { strict: true }))).toMatchObject({
    code: 'ERR_LENGTH_MISMATCH',
    structure: 'SenseDataDescriptor',
    field: 'additionalLength',
    offset: 9,
  });
});
