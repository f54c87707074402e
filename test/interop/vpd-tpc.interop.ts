/**
 * Third-party Copy VPD page (8Fh) against sg_vpd (sg3-utils): every descriptor type, field by
 * field, including the supported command names (looked up with sg_opcodes, the same sg3_utils
 * name table sg_vpd prints from) and the ROD type names.
 *
 * Corpus: fc.sample(arbThirdPartyCopyVpdPage()) with a fixed seed, plus one page per descriptor
 * type so that every type is certainly present.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { arbThirdPartyCopyDescriptor, arbThirdPartyCopyVpdPage } from '../../src/arbitraries/vpd.js';
import {
  decodeThirdPartyCopyVpdPage,
  encodeThirdPartyCopyVpdPage,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyVpdPage,
} from '../../src/vpd/index.js';
import { compareTpcPage, expectedCommandNames, lookupOpcodeNames } from './compare-vpd-tpc.js';
import { Comparison, INTEROP_RUNS, INTEROP_SEED } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { runBatch, scratch } from './oracles/tools.js';

const s = scratch('vpd-tpc');
afterAll(() => s.dispose());

function runPages(c: Comparison, pages: readonly (readonly [string, ThirdPartyCopyVpdPage])[]): void {
  const encoded = pages.map(([, p]) => encodeThirdPartyCopyVpdPage(p));
  lookupOpcodeNames(
    pages.flatMap(([, p]) => p.descriptors.flatMap((d) => expectedCommandNames(d, p.peripheralDeviceType))),
  );
  const files = encoded.map((b, i) => s.write(`tpc-${i}.bin`, b));
  const outs = runBatch('sg_vpd --inhex="$x" --raw -v --page=0x8f 2>/dev/null', files);
  pages.forEach(([id], i) => {
    c.begin(id, encoded[i]!);
    // The generated page itself is compared (an encoder that misplaces a field fails here),
    // and so is our decode of the bytes (a decoder that misreads one fails here).
    compareTpcPage(c, pages[i]![1], outs[i]!);
    compareTpcPage(c, decodeThirdPartyCopyVpdPage(encoded[i]!), outs[i]!);
  });
}

describe('Third-party Copy VPD page (8Fh) vs sg_vpd', () => {
  calibrate();
  it(`${INTEROP_RUNS} random pages (arbThirdPartyCopyVpdPage, seed ${INTEROP_SEED}) + one page per descriptor type`, () => {
    const c = new Comparison('VPD 8Fh Third-party Copy', 'sg_vpd');
    const corpus = fc.sample(arbThirdPartyCopyVpdPage(), { numRuns: INTEROP_RUNS, seed: INTEROP_SEED });
    // one page per descriptor kind (the random pages hold up to 12 descriptors each; this makes every kind certain)
    const perKind = fc
      .sample(arbThirdPartyCopyDescriptor(), { numRuns: 400, seed: INTEROP_SEED + 1 })
      .filter((d, i, all) => all.findIndex((e) => e.kind === d.kind) === i)
      .map((d) => ({
        kind: 'thirdPartyCopy' as const,
        peripheralQualifier: 0,
        peripheralDeviceType: 0,
        descriptors: sortThirdPartyCopyDescriptors([d]),
      }));
    runPages(c, [
      ...corpus.map((p, i) => [`seed ${INTEROP_SEED} #${i}`, p] as const),
      ...perKind.map((p) => [`one ${p.descriptors[0]!.kind}`, p] as const),
    ]);
    const kinds = new Set(corpus.concat(perKind).flatMap((p) => p.descriptors.map((d) => d.kind)));
    expect([...kinds].sort()).toEqual(
      [
        'blockDeviceRodLimits',
        'copyGroupIdentifier',
        'generalCopyOperations',
        'heldData',
        'parameterData',
        'rodTokenFeatures',
        'streamCopyOperations',
        'supportedCommands',
        'supportedCscdIds',
        'supportedDescriptors',
        'supportedRodTokenAndRodTypes',
        'unknown',
      ].sort(),
    );
    expect(c.finish()).toBe('');
    expect(c.stats.cases).toBeGreaterThanOrEqual(300);
  });
});
