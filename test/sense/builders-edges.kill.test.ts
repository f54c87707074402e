/**
 * Sense builders, two edges (issue 17, fourth mutation session, survivors of the `builders.ts`
 * run): ILI in descriptor format becomes a block commands descriptor with ILI set, and
 * senseDataFromCodecError refuses an error whose rule answers GOOD (such a rule has no sense data).
 * Public behaviour only.
 */
import { expect, it } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import { buildSenseData, type DescriptorSenseData, senseDataFromCodecError } from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

it('descriptor format with ILI: a block commands descriptor (05h) with ILI = 1', () => {
  const s = buildSenseData({ senseKey: 5, asc: 0x24, ili: true, format: 'descriptor' }) as DescriptorSenseData;
  expect(s.descriptors).toEqual([{ kind: 'blockCommands', ili: true }]);
});

it('an error carrying a rule that answers GOOD: ERR_UNEXPECTED_VALUE naming err', () => {
  const e = new ScsiCodecError('ERR_INVALID_VALUE', 'PopulateTokenCdb', 'parameterListLength', 10, 'x', {
    rule: 'sbc.populate-token.parameter-list-length-zero',
  });
  expect(err(() => senseDataFromCodecError(e))).toMatchObject({
    code: 'ERR_UNEXPECTED_VALUE',
    structure: 'SenseData',
    field: 'err',
    offset: 0,
    detail: 'rule sbc.populate-token.parameter-list-length-zero answers GOOD',
  });
});
