import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as barrel from '../../src/arbitraries/index.js';
import {
  arbNearMiss,
  arbValidEncoding,
  decodeNearMissKindStrict,
  NEAR_MISS_KINDS,
  type NearMiss,
} from '../../src/arbitraries/near-miss.js';
import { encodeSenseData } from '../../src/sense/index.js';
import { checkNearMiss } from './check-near-miss.js';

describe('near-miss arbitraries', () => {
  for (const kind of NEAR_MISS_KINDS) {
    test.prop([arbValidEncoding(kind)])(`${kind}: the starting points decode strictly`, (b) => {
      expect(() => decodeNearMissKindStrict(kind, b)).not.toThrow();
    });
    test.prop([arbNearMiss(kind)])(`${kind}: each case is rejected with its expected sense`, (c) => {
      expect(c.kind).toBe(kind);
      checkNearMiss(c);
    });
  }
  it('reaches every mutation of every kind', () => {
    const seen = new Set(fc.sample(arbNearMiss(), { seed: 1, numRuns: 3000 }).map((c) => `${c.kind}/${c.mutation}`));
    expect([...seen].sort()).toEqual(
      [
        'cdb/parameter-list-length-1-to-15',
        'cdb/reserved-bit',
        'cdb/reserved-byte',
        'populate-token-params/data-length-off-by-one',
        'populate-token-params/lba-out-of-range',
        'populate-token-params/no-range-descriptors',
        'populate-token-params/overlapping-ranges',
        'populate-token-params/range-descriptor-length-off-by-one',
        'populate-token-params/reserved-bit',
        'populate-token-params/reserved-byte',
        'populate-token-params/truncated',
        'rod-token/reserved-byte',
        'rod-token/wrong-rod-token-length',
        'write-using-token-params/data-length-off-by-one',
        'write-using-token-params/lba-out-of-range',
        'write-using-token-params/no-range-descriptors',
        'write-using-token-params/overlapping-ranges',
        'write-using-token-params/range-descriptor-length-off-by-one',
        'write-using-token-params/reserved-bit',
        'write-using-token-params/reserved-byte',
        'write-using-token-params/truncated',
        'write-using-token-params/wrong-rod-token-length',
      ].sort(),
    );
  });
  it('known answer: WRITE USING TOKEN with ROD TOKEN LENGTH 01F7h -> 23h/0Ah, field pointer byte 22', () => {
    const c = fc
      .sample(arbNearMiss('write-using-token-params'), { seed: 3, numRuns: 2000 })
      .find((x) => x.mutation === 'wrong-rod-token-length') as NearMiss;
    const sense = encodeSenseData(c.expected);
    // fixed format: ILLEGAL REQUEST, ASC 23h ASCQ 0Ah, SKSV=1 C/D=0 FIELD POINTER 0016h
    expect(Array.from(sense.subarray(0, 3))).toEqual([0x70, 0x00, 0x05]);
    expect(Array.from(sense.subarray(12, 18))).toEqual([0x23, 0x0a, 0x00, 0x80, 0x00, 0x16]);
  });
});

describe('scsi-odx/arbitraries barrel', () => {
  it('re-exports every arbitrary of every area file by name', () => {
    const names = new Set(Object.keys(barrel));
    for (const f of ['sense', 'cdb', 'parameter-list', 'status', 'designation', 'rod-token', 'vpd', 'near-miss']) {
      const text = readFileSync(`src/arbitraries/${f}.ts`, 'utf8');
      for (const m of text.matchAll(/^export function (arb\w+)/gm)) {
        const name = m[1] as string;
        if (name === 'arbUint' || name === 'arbU64') continue; // generic helpers of cdb.ts, not public
        expect(names.has(name), `${name} from ${f}.ts`).toBe(true);
      }
    }
    const index = readFileSync('src/arbitraries/index.ts', 'utf8');
    expect(index).not.toMatch(/export \*/);
  });
});
