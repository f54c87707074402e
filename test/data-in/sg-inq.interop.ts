/**
 * Interop: standard INQUIRY data built by our encoder must decode the same in Debian's `sg_inq`
 * (sg3-utils), for every field both decoders report. `sg_inq --page=sinq --raw --inhex=FILE`
 * reads binary (without `--page=sinq` it guesses a VPD page from byte 1).
 * Needs `apt-get install -y sg3-utils`; fails, never skips, without it. Not picked up by
 * either vitest config yet: the interop config includes only test/interop/** (see
 * docs/design-notes.md for the one-line include to add, or the command to run it by hand).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { arbStandardInquiryData } from '../../src/arbitraries/data-in.js';
import { encodeStandardInquiryData, type StandardInquiryData } from '../../src/data-in/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-interop-inq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SgInq {
  readonly fields: Record<string, number>;
  readonly vendor: string | undefined;
  readonly product: string | undefined;
  readonly revision: string | undefined;
}

function sgInq(bytes: Uint8Array): SgInq {
  const file = join(dir, 'inq.bin');
  writeFileSync(file, bytes);
  const r = spawnSync('sg_inq', ['--page=sinq', '--raw', `--inhex=${file}`], { encoding: 'latin1' });
  if (r.error !== undefined) throw new Error(`cannot run sg_inq (apt-get install -y sg3-utils): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  const fields: Record<string, number> = {};
  for (const m of r.stdout.matchAll(/\b([A-Za-z0-9_]+)=(0x[0-9a-fA-F]+|\d+)/g)) {
    fields[m[1] as string] = Number(m[2]);
  }
  const line = (label: string) => new RegExp(`^ ${label}: (.*)$`, 'm').exec(r.stdout)?.[1];
  return {
    fields,
    vendor: line('Vendor identification'),
    product: line('Product identification'),
    revision: line('Product revision level'),
  };
}

const n = (b: boolean) => (b ? 1 : 0);

function ours(v: StandardInquiryData, length: number): Record<string, number> {
  return {
    PQual: v.peripheralQualifier,
    PDT: v.peripheralDeviceType,
    RMB: n(v.rmb),
    LU_CONG: n(v.luCong),
    hot_pluggable: v.hotPluggable,
    version: v.version,
    NormACA: n(v.normaca),
    HiSUP: n(v.hisup),
    Resp_data_format: v.responseDataFormat,
    SCCS: n(v.sccs),
    ACC: n(v.acc),
    TPGS: v.tpgs,
    '3PC': n(v.threePc),
    Protect: n(v.protect),
    EncServ: n(v.encserv),
    // sg_inq prints "(VS=...)" for byte 6 bit 5 only after "MultiP=1".
    ...(v.multip ? { VS: n(v.vs1) } : {}),
    MultiP: n(v.multip),
    CmdQue: n(v.cmdque),
    length,
  };
}

describe('standard INQUIRY data vs sg_inq', () => {
  test.prop([arbStandardInquiryData()], { numRuns: 150 })('every field sg_inq reports agrees', (v) => {
    const bytes = encodeStandardInquiryData(v);
    const sg = sgInq(bytes);
    const want = ours(v, bytes.length);
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, sg.fields[k]]));
    expect(got).toEqual(want);
    expect([sg.vendor, sg.product, sg.revision]).toEqual([
      v.t10VendorIdentification,
      v.productIdentification,
      v.productRevisionLevel,
    ]);
  });
});
