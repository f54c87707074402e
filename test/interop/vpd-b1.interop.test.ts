/**
 * Interop: the Block Device Characteristics VPD page (B1h) as our encoder writes it, and as the
 * copy manager serves it, decodes the same in Debian's `sg_vpd` (sg3_utils 1.46, sg_vpd 1.63),
 * field by field. `sg_vpd --raw --inhex=FILE --page=0xb1` reads the binary page from a file.
 * Run with `npm run test:interop` (needs sg3-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { arbBlockDeviceCharacteristicsVpdPage } from '../../src/arbitraries/vpd.js';
import { encodeInquiryCdb } from '../../src/cdb/index.js';
import { CopyManager } from '../../src/copy-manager/index.js';
import {
  type BlockDeviceCharacteristicsVpdPage,
  decodeBlockDeviceCharacteristicsVpdPage,
  encodeBlockDeviceCharacteristicsVpdPage,
} from '../../src/vpd/block-device-characteristics.js';

const RUNS = Number(process.env['VPD_INTEROP_RUNS'] ?? '100');
const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-vpd-b1-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function sgVpd(bytes: Uint8Array): Map<string, string> {
  const file = join(dir, `b1-${n++}.bin`);
  writeFileSync(file, bytes);
  const out = execFileSync('sg_vpd', ['--raw', `--inhex=${file}`, '--page=0xb1'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = out
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const kv = new Map<string, string>();
  // the first line is the rotation rate, worded by value
  kv.set('rotation', lines[0] ?? '');
  for (const l of lines.slice(1)) {
    const m = /^([A-Z_]+)=(\S+)/.exec(l) ?? /^([^:]+): (.*)$/.exec(l);
    if (m !== null) kv.set(m[1] as string, m[2] as string);
    else if (/^Nominal form factor not reported$/.test(l)) kv.set('Nominal form factor', 'not reported');
  }
  return kv;
}

/** sg_vpd's wording of MEDIUM ROTATION RATE. */
function rotationText(v: number): string {
  if (v === 0) return 'Medium rotation rate is not reported';
  if (v === 1) return 'Non-rotating medium (e.g. solid state)';
  if (v < 0x401 || v === 0xffff) return `Reserved [0x${v.toString(16)}]`;
  return `Nominal rotation rate: ${v} rpm`;
}

// sg_vpd's names for PRODUCT TYPE 01h..07h and NOMINAL FORM FACTOR 1h..5h (its vocabulary)
const PRODUCT_TYPES = [
  'Not specified',
  'CFast',
  'CompactFlash',
  'MemoryStick',
  'MultiMediaCard',
  'Secure Digital Card (SD)',
  'XQD',
  'Universal Flash Storage Card (UFS)',
];
const FORM_FACTORS = ['not reported', '5.25 inch', '3.5 inch', '2.5 inch', '1.8 inch', 'less then 1.8 inch'];

function productTypeText(v: number): string {
  return PRODUCT_TYPES[v] ?? `${v < 0xf0 ? 'Reserved' : 'Vendor specific'} [0x${v.toString(16)}]`;
}

function compare(p: BlockDeviceCharacteristicsVpdPage): void {
  const bytes = encodeBlockDeviceCharacteristicsVpdPage(p);
  expect(decodeBlockDeviceCharacteristicsVpdPage(bytes, { strict: true })).toEqual(p);
  const o = sgVpd(bytes);
  expect(o.get('rotation')).toBe(rotationText(p.mediumRotationRate));
  expect(o.get('Product type')).toBe(productTypeText(p.productType));
  expect(o.get('WABEREQ')).toBe(String(p.wabereq));
  expect(o.get('WACEREQ')).toBe(String(p.wacereq));
  expect(o.get('Nominal form factor')).toBe(FORM_FACTORS[p.nominalFormFactor] ?? 'reserved');
  expect(o.get('ZONED')).toBe(String(p.zoned));
  // sg_vpd 1.63 prints byte 8 bit 3 as RBWZ and bit 2 as BOCS; it has no MACT (bit 6)
  expect(o.get('RBWZ')).toBe(p.rbwz ? '1' : '0');
  expect(o.get('BOCS')).toBe(p.bocs ? '1' : '0');
  expect(o.get('FUAB')).toBe(p.fuab ? '1' : '0');
  expect(o.get('VBULS')).toBe(p.vbuls ? '1' : '0');
  expect(o.get('DEPOPULATION_TIME')).toBe(String(p.depopulationTime));
}

describe('VPD B1h through sg_vpd --inhex', () => {
  // sg_vpd decodes B1h as this page for direct-access (and similar) devices only
  const disk = arbBlockDeviceCharacteristicsVpdPage().map((p) => ({
    ...p,
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
  }));
  test.prop([disk], { numRuns: RUNS })('every field decodes the same', compare);

  it('the copy manager serves B1h (listed in 00h): a non-rotating medium, nothing else claimed', () => {
    const cm = new CopyManager({ logicalUnits: [{ blockSize: 512, capacity: 1n << 20n }] });
    const nexus = { initiatorPortId: 'iqn.2026-12.test:b1,i,0x1', targetPortId: 1 };
    const inq = (pageCode: number) =>
      cm.execute({
        nexus,
        lun: 0,
        cdb: encodeInquiryCdb({ kind: 'INQUIRY', evpd: true, pageCode, allocationLength: 255, control: 0 }),
      });
    const list = inq(0x00);
    expect(list.status).toBe(0);
    expect([...(list.dataIn as Uint8Array).subarray(4)]).toContain(0xb1);
    const r = inq(0xb1);
    expect(r.status).toBe(0);
    const page = decodeBlockDeviceCharacteristicsVpdPage(r.dataIn as Uint8Array, { strict: true });
    expect(page.mediumRotationRate).toBe(1);
    compare(page);
    expect(sgVpd(r.dataIn as Uint8Array).get('rotation')).toBe('Non-rotating medium (e.g. solid state)');
  });
});
