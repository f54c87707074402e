/**
 * Sense data (fixed and descriptor format) against sg_decode_sense (sg3-utils).
 *
 * Corpus: fc.sample(arbSenseData()) with a fixed seed (every descriptor type our arbitraries
 * reach, every sense key, SKS variants, nested forwarded sense), plus a deterministic sweep of
 * every sense key (fixed/descriptor, current/deferred) and of every ASC/ASCQ pair below 80h and
 * the vendor rows, so that every ASC/ASCQ name is compared with the oracle's text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbSenseData } from '../../src/arbitraries/sense.js';
import { decodeSenseData, encodeSenseData, type SenseData } from '../../src/sense/index.js';
import { compareSense, DESC_CODE } from './compare-sense.js';
import { Comparison, INTEROP_RUNS, INTEROP_SEED } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { parseSgDecodeSense, runSgDecodeSenseBatch } from './oracles/sg-decode-sense.js';

/** Encode, decode with the oracle (batched through one shell), decode with ours, compare. */
function runCases(c: Comparison, cases: readonly (readonly [string, SenseData])[]): void {
  const encoded = cases.map(([, v]) => encodeSenseData(v));
  const outputs = runSgDecodeSenseBatch(encoded);
  cases.forEach(([id], i) => {
    const bytes = encoded[i]!;
    c.begin(id, bytes);
    const o = parseSgDecodeSense(outputs[i]!);
    // The generated value itself is compared (an encoder that misplaces a field fails here),
    // and so is our decode of the bytes (a decoder that misreads one fails here).
    compareSense(c, 'sense', cases[i]![1], o);
    compareSense(c, 'decoded', decodeSenseData(bytes), o);
  });
}

describe('sense data vs sg_decode_sense', () => {
  calibrate();

  it(`${INTEROP_RUNS} random sense buffers (arbSenseData, seed ${INTEROP_SEED})`, () => {
    const c = new Comparison('sense data (random, fixed + descriptor)', 'sg_decode_sense');
    const corpus = fc.sample(arbSenseData(), { numRuns: INTEROP_RUNS, seed: INTEROP_SEED });
    runCases(
      c,
      corpus.map((v, i) => [`seed ${INTEROP_SEED} #${i}`, v] as const),
    );
    // every descriptor type the arbitrary reaches was in the corpus
    const types = new Set(corpus.flatMap((v) => (v.kind === 'descriptor' ? v.descriptors.map((d) => d.kind) : [])));
    expect([...types].sort()).toEqual(Object.keys(DESC_CODE).sort());
    const report = c.finish();
    expect(report).toBe('');
    expect(c.stats.cases).toBeGreaterThanOrEqual(300);
  });

  it('sweep: every sense key x fixed/descriptor x current/deferred; every ASC/ASCQ pair below 80h and the vendor rows', () => {
    const c = new Comparison('sense data (sweep: sense keys, ASC/ASCQ)', 'sg_decode_sense');
    const cases: (readonly [string, SenseData])[] = [];
    const fixed = (senseKey: number, asc: number, ascq: number, responseCode: 0x70 | 0x71 = 0x70): SenseData => ({
      kind: 'fixed',
      responseCode,
      valid: false,
      segmentNumber: 0,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: false,
      senseKey,
      information: 0,
      commandSpecificInformation: 0,
      additionalSenseCode: asc,
      additionalSenseCodeQualifier: ascq,
      fieldReplaceableUnitCode: 0,
      senseKeySpecific: { kind: 'raw', sksv: false, value: 0 },
      additionalSenseBytes: new Uint8Array(0),
    });
    for (let k = 0; k < 16; k++) {
      for (const rc of [0x70, 0x71] as const) {
        const f = fixed(k, 0, 0, rc);
        const withSks = decodeSenseData(encodeSenseData(f)); // SKS variant chosen by the sense key
        cases.push([`key ${k} rc ${rc.toString(16)}h`, withSks]);
        cases.push([
          `key ${k} rc ${(rc + 2).toString(16)}h`,
          {
            kind: 'descriptor',
            responseCode: (rc + 2) as 0x72 | 0x73,
            senseKey: k,
            additionalSenseCode: 0,
            additionalSenseCodeQualifier: 0,
            sdatOvfl: false,
            descriptors: [],
          },
        ]);
      }
    }
    // every ASC/ASCQ pair below 80h (the range T10 assigns), plus the vendor-specific rows
    for (let asc = 0; asc < 0x80; asc++) {
      for (let ascq = 0; ascq < 0x80; ascq++)
        cases.push([`asc ${asc.toString(16)}h ascq ${ascq.toString(16)}h`, fixed(5, asc, ascq)]);
    }
    for (let v = 0x80; v < 0x100; v++) {
      cases.push([`asc ${v.toString(16)}h ascq 0h`, fixed(5, v, 0)]);
      cases.push([`asc 24h ascq ${v.toString(16)}h`, fixed(5, 0x24, v)]);
      cases.push([`asc 40h ascq ${v.toString(16)}h`, fixed(4, 0x40, v)]);
    }
    runCases(c, cases);
    const report = c.finish();
    expect(report).toBe('');
  });
});
