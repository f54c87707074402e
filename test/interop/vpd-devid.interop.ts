/**
 * Device Identification VPD page (83h) against sg_vpd (sg3-utils): every designator type (0h-Fh),
 * association, code set and PIV/protocol identifier our arbitraries reach, field by field.
 *
 * There is no 83h page codec in src/ (yet): the page is our designation descriptor list
 * (encodeDesignationDescriptorList) behind the 4-byte VPD header, written here.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { arbDesignationDescriptor, arbDesignationDescriptorList } from '../../src/arbitraries/designation.js';
import {
  type DesignationDescriptorList,
  decodeDesignationDescriptorList,
  encodeDesignationDescriptorList,
} from '../../src/designation/index.js';
import { compareDesignatorText } from './compare-designator.js';
import { Comparison, INTEROP_RUNS, INTEROP_SEED } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { parseSgVpdDevId } from './oracles/sg-vpd.js';
import { runBatch, scratch } from './oracles/tools.js';

const s = scratch('vpd-devid');
afterAll(() => s.dispose());

/** sg_vpd prints the designators in three passes, one per association (3 = reserved is not printed). */
const ASSOCIATION_HEADINGS = ['Addressed logical unit', 'Target port', 'Target device that contains addressed lu'];

interface Page {
  readonly peripheralQualifier: number;
  readonly peripheralDeviceType: number;
  readonly list: DesignationDescriptorList;
}

function encodePage(p: Page): Uint8Array {
  const body = encodeDesignationDescriptorList(p.list);
  const out = new Uint8Array(4 + body.length);
  out[0] = (p.peripheralQualifier << 5) | p.peripheralDeviceType;
  out[1] = 0x83;
  out[2] = body.length >> 8;
  out[3] = body.length & 0xff;
  out.set(body, 4);
  return out;
}

const arbPage: fc.Arbitrary<Page> = fc.record(
  {
    peripheralQualifier: fc.integer({ min: 0, max: 7 }),
    peripheralDeviceType: fc.integer({ min: 0, max: 31 }),
    list: arbDesignationDescriptorList({ maxLength: 8 }),
  },
  { noNullPrototype: true },
);

function compareList(
  c: Comparison,
  prefix: string,
  ours: DesignationDescriptorList,
  o: ReturnType<typeof parseSgVpdDevId>,
): void {
  const printedOrder = [0, 1, 2].flatMap((a) =>
    ours.descriptors.map((d, k) => [d, k] as const).filter(([d]) => d.association === a),
  );
  c.eq(`${prefix}designators printed (association 0-2)`, printedOrder.length, o.designators.length);
  printedOrder.forEach(([d, k], j) => {
    const od = o.designators[j];
    if (od === undefined) return;
    const p = `${prefix}descriptors[${k}]`;
    c.eq(`${p}.association`, ASSOCIATION_HEADINGS[d.association], od.association);
    compareDesignatorText(c, p, d, od);
  });
}

function runPages(c: Comparison, pages: readonly (readonly [string, Page])[]): void {
  const cal = calibrate();
  const encoded = pages.map(([, p]) => encodePage(p));
  const files = encoded.map((b, i) => s.write(`di-${i}.bin`, b));
  const outs = runBatch('sg_vpd --inhex="$x" --raw -v --page=0x83 2>/dev/null', files, 'latin1');
  pages.forEach(([id, page], i) => {
    const bytes = encoded[i]!;
    c.begin(id, bytes);
    const o = parseSgVpdDevId(outs[i]!);
    c.unparsed(o.unparsed);
    c.eq('peripheralQualifier', page.peripheralQualifier, o.peripheralQualifier);
    c.eq('peripheralDeviceType', page.peripheralDeviceType, cal.pdtNames.indexOf(o.peripheralDeviceTypeName ?? ''));
    // The generated list itself is compared (an encoder that misplaces a field fails here),
    // and so is our decode of the bytes (a decoder that misreads one fails here).
    compareList(c, '', page.list, o);
    compareList(c, 'decoded.', decodeDesignationDescriptorList(bytes.subarray(4)), o);
  });
}

describe('Device Identification VPD page (83h) vs sg_vpd', () => {
  calibrate();
  it(`${INTEROP_RUNS} random pages (arbDesignationDescriptorList, seed ${INTEROP_SEED}) + every designator type`, () => {
    const c = new Comparison('VPD 83h Device Identification', 'sg_vpd');
    const corpus = fc.sample(arbPage, { numRuns: INTEROP_RUNS, seed: INTEROP_SEED });
    // one well-formed page per designator type x association, so every type is certainly there
    const perType: Page[] = [];
    for (let t = 0; t < 16; t++) {
      for (const a of [0, 1, 2]) {
        if (t === 9 && a === 0) continue; // protocol specific port identifiers need a port/device association
        const ds = fc.sample(arbDesignationDescriptor({ designatorTypes: [t], associations: [a] }), {
          numRuns: 3,
          seed: INTEROP_SEED + t * 3 + a,
        });
        perType.push({ peripheralQualifier: 0, peripheralDeviceType: 0, list: { descriptors: ds } });
      }
    }
    runPages(c, [
      ...corpus.map((p, i) => [`seed ${INTEROP_SEED} #${i}`, p] as const),
      ...perType.map((p, i) => [`per-type page ${i}`, p] as const),
    ]);
    const types = new Set(corpus.concat(perType).flatMap((p) => p.list.descriptors.map((d) => d.designatorType)));
    expect(types.size).toBe(16);
    expect(c.finish()).toBe('');
    expect(c.stats.cases).toBeGreaterThanOrEqual(300);
  });
});
