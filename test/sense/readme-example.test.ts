/** The docs/notes/sense.md README example, run as written (imports from src instead of the package). */
import { expect, it } from 'vitest';
import { ascAscqName, decodeSenseData, normalizeSenseData, senseKeyName } from '../../src/sense/index.js';

it('README sense example', () => {
  const out: unknown[][] = [];
  const log = (...a: unknown[]): void => void out.push(a);
  const buf = Uint8Array.of(0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x26, 0x00, 0, 0x80, 0x00, 0x0e);
  const sense = normalizeSenseData(decodeSenseData(buf));
  log(senseKeyName(sense.senseKey));
  log(ascAscqName(sense.asc, sense.ascq));
  if (sense.senseKeySpecific?.kind === 'fieldPointer') {
    log(sense.senseKeySpecific.commandData ? 'CDB' : 'parameter list', sense.senseKeySpecific.fieldPointer);
  }
  expect(out).toEqual([['ILLEGAL REQUEST'], ['INVALID FIELD IN PARAMETER LIST'], ['parameter list', 14]]);
});
