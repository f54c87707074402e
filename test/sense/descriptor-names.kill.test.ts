/**
 * Trace names of raw sense data descriptors (issue 17, third mutation session, survivor of the
 * `descriptor-codec.ts` run): an unknown or vendor descriptor's bytes are traced as
 * `descriptorData` after its header. Public behaviour only.
 */
import { expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { decodeSenseData } from '../../src/sense/index.js';

it('an unknown descriptor: type, length, then its data', () => {
  const trace: TraceEntry[] = [];
  decodeSenseData(Uint8Array.of(0x72, 5, 0x24, 0, 0, 0, 0, 4, 0x80, 2, 0xab, 0xcd), { trace });
  expect(trace.filter((t) => t.offset >= 8).map((t) => `${t.field}@${t.offset}+${t.length}`)).toEqual([
    'descriptorType@8+1',
    'additionalLength@9+1',
    'descriptorData@10+2',
  ]);
});
