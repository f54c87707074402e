/** Checks a near-miss case the way a correct copy manager would (shared by the corpus tests). */
import { expect } from 'vitest';
import {
  decodeNearMissKindStrict,
  type NearMiss,
  nearMissSenseFromCodecError,
} from '../../src/arbitraries/near-miss.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import { type BlockDeviceRangeDescriptor, validateRangeDescriptors } from '../../src/parameter-list/index.js';
import { encodeSenseData } from '../../src/sense/index.js';

function strictError(c: NearMiss): ScsiCodecError | undefined {
  try {
    decodeNearMissKindStrict(c.kind, c.bytes);
    return undefined;
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
}

/** Check one near-miss the way a correct target would, by how it is detected. */
export function checkNearMiss(c: NearMiss): void {
  const err = strictError(c);
  const label = `${c.kind} ${c.mutation}: ${c.detail}`;
  if (c.detectedBy === 'decoder') {
    expect(err, label).toBeDefined();
    const sense = nearMissSenseFromCodecError(c.kind, err as ScsiCodecError);
    expect(encodeSenseData(sense), `${label} (decoder: ${err?.message})`).toEqual(encodeSenseData(c.expected));
    return;
  }
  expect(err, `${label} should decode strictly (${err?.message})`).toBeUndefined();
  if (c.detectedBy === 'validator') {
    const list = decodeNearMissKindStrict(c.kind, c.bytes) as {
      blockDeviceRangeDescriptors: BlockDeviceRangeDescriptor[];
    };
    const issues = validateRangeDescriptors(list.blockDeviceRangeDescriptors);
    const e = c.expected as { additionalSenseCode: number; additionalSenseCodeQualifier: number };
    const hit = issues.some((i) => i.asc === e.additionalSenseCode && i.ascq === e.additionalSenseCodeQualifier);
    expect(hit, `${label}: ${JSON.stringify(issues.map((i) => i.message))}`).toBe(true);
  }
}
