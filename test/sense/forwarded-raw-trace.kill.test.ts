/**
 * Trace of forwarded sense data kept raw (issue 17, fourth mutation session, a survivor of the
 * `descriptors-variable.ts` run): when the nested sense data does not decode, its bytes are traced
 * as `forwardedSenseData` from byte 4 of the descriptor. Public behaviour only.
 */
import { expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { withDescriptors } from './kill-helpers.js';

it('nested response code 7Fh: the raw bytes are traced as forwardedSenseData', () => {
  const trace: TraceEntry[] = [];
  decodeSenseData(withDescriptors('0c 06 01 02 7f 01 02 03'), { trace });
  expect(
    trace.filter((t) => t.structure === 'SenseDataDescriptor').map((t) => `${t.field}@${t.offset}+${t.length}`),
  ).toEqual([
    'forwardedSenseDataTruncated@10+1',
    'senseDataSource@10+1',
    'forwardedStatus@11+1',
    'forwardedSenseData@12+4',
  ]);
});
