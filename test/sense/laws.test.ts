import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { arbDescriptorSenseData, arbFixedSenseData, arbSenseData } from '../../src/arbitraries/sense.js';
import {
  decodeSenseData,
  encodeSenseData,
  MAX_SENSE_DATA_LENGTH,
  SENSE_DESCRIPTOR_TYPE,
} from '../../src/sense/sense-data.js';
import { describeLaws } from '../laws.js';

describeLaws({ name: 'FixedSenseData', arb: arbFixedSenseData(), encode: encodeSenseData, decode: decodeSenseData });
describeLaws({
  name: 'DescriptorSenseData',
  arb: arbDescriptorSenseData(),
  encode: encodeSenseData,
  decode: decodeSenseData,
});

describe('sense arbitraries reach the edges', () => {
  const sample = fc.sample(arbSenseData(), { numRuns: 3000, seed: 42 });
  const types = new Set<string>();
  const sks = new Set<string>();
  let maxLen = 0;
  let nested = 0;
  let empty = 0;
  const visit = (s: (typeof sample)[number]): void => {
    maxLen = Math.max(maxLen, encodeSenseData(s).length);
    if (s.kind === 'fixed') {
      sks.add(s.senseKeySpecific.kind);
      return;
    }
    if (s.descriptors.length === 0) empty++;
    for (const d of s.descriptors) {
      types.add(d.kind === 'unknown' ? (d.descriptorType >= 0x80 ? 'vendor' : 'reserved') : d.kind);
      if (d.kind === 'senseKeySpecific') sks.add(d.senseKeySpecific.kind);
      if (d.kind === 'forwardedSenseData' && !(d.senseData instanceof Uint8Array)) {
        nested++;
        visit(d.senseData);
      }
    }
  };
  for (const s of sample) visit(s);
  test('every descriptor type, both unknown kinds, every SKS variant, nesting, empty lists, long sense', () => {
    expect([...types].sort()).toEqual(
      [
        ...Object.keys(SENSE_DESCRIPTOR_TYPE), // the 16 named types 00h-0Fh
        'vendor', // 80h-FFh kept raw
        'reserved', // 10h-7Fh kept raw
      ].sort(),
    );
    expect([...sks].sort()).toEqual(
      [
        'actualRetryCount',
        'fieldPointer',
        'progressIndication',
        'raw',
        'segmentPointer',
        'unitAttentionQueueOverflow',
      ].sort(),
    );
    expect(nested).toBeGreaterThan(0);
    expect(empty).toBeGreaterThan(0);
    expect(maxLen).toBeGreaterThan(200);
    expect(maxLen).toBeLessThanOrEqual(MAX_SENSE_DATA_LENGTH);
  });
});
