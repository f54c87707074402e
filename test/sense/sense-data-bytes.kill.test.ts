/**
 * ADDITIONAL SENSE BYTES that are not bytes at all (issue 17, fourth mutation session, a survivor
 * of the `sense-data.ts` rerun): `null` or a number is refused by the length computation with the
 * field's own name and offset, never with a TypeError of ours. Public behaviour only.
 */
import { expect, it } from 'vitest';
import { decodeSenseData, encodeSenseData, type FixedSenseData } from '../../src/sense/index.js';
import { err, h } from './kill-helpers.js';

const FIXED = decodeSenseData(h('70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00')) as FixedSenseData;

it.each([null, 5, 'ab'])('additionalSenseBytes = %j: FixedSenseData.additionalSenseBytes at 18', (v) => {
  expect(err(() => encodeSenseData({ ...FIXED, additionalSenseBytes: v } as never))).toMatchObject({
    code: 'ERR_FIELD_RANGE',
    structure: 'FixedSenseData',
    field: 'additionalSenseBytes',
    offset: 18,
    detail: 'not a Uint8Array',
  });
});
