/**
 * The annotated dump made trustworthy (issue 13 part 4): one test per defect the issue lists,
 * each failing on the dump as it was before its fix.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/cli/annotate.js';
import type { TraceEntry } from '../../src/index.js';
import { decodeReadCapacity16ParameterData, readCaptureExchanges } from '../../src/index.js';
import { odxCapture } from '../capture/odx-capture.js';

const CLI = 'dist/cli.js';
function dump(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [CLI, 'decode', ...args], { input, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('dump defects, each fixed', () => {
  it('LOWEST ALIGNED LOGICAL BLOCK ADDRESS is traced as its 14 bits, not with LBPME/LBPRZ', () => {
    const b = new Uint8Array(32);
    b[11] = 2; // 512-byte blocks
    b[14] = 0xc0; // LBPME, LBPRZ, lowest aligned 0
    const trace: TraceEntry[] = [];
    const v = decodeReadCapacity16ParameterData(b, { trace });
    expect(v.lowestAlignedLogicalBlockAddress).toBe(0);
    expect(trace.find((t) => t.field === 'lowestAlignedLogicalBlockAddress')?.value).toBe(0);
  });

  it('PROTOCOL IDENTIFIER with PIV = 0 is marked not valid (not "FCP")', () => {
    const out = dump(['--in', 'test/vectors/sg3utils_inhex_vpd_dev_id.hex']);
    expect(out).toMatch(/^0004 {2}01 +# {3}protocolIdentifier \[bits 7:4\] = 0x0 {2}\(not valid: PIV = 0\)$/m);
    expect(out).toMatch(/^0010 {2}61 +# {3}protocolIdentifier \[bits 7:4\] = 0x6 {2}\(SAS\)$/m);
  });

  it('INFORMATION with VALID = 0 and FIELD POINTER with SKSV = 0 are marked not valid', () => {
    const out = dump(['70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00']);
    expect(out).toContain('information = 0 (0x00000000)  (not valid: VALID = 0)');
    expect(out).toContain('fieldPointer = 0 (0x0000)  (not valid: SKSV = 0)');
  });

  it('designators in their standard text: NAA, EUI-64, SCSI name string (once), UUID', () => {
    const dev = dump(['--in', 'test/vectors/sg3utils_inhex_vpd_dev_id.hex']);
    expect(dev).toContain('designator: 8 bytes  (naa.5000C5003011CB2B (NAA 5h: IEEE Registered))');
    expect(dev).not.toContain('(not decoded)');
    expect(dev).toContain('scsiNameString = 24 bytes  ("naa.5000C5003011CB28")');
    expect(dev.match(/naa\.5000C5003011CB28"/g)).toHaveLength(1);
    const all = dump(['--in', 'test/vectors/sg3utils_inhex_vpd_di_all.hex']);
    expect(all).toContain('(eui.1122334455667788)');
    // The 8-byte EUI-64 shows its bytes once, its eui64 field nested under the designator.
    expect(all.match(/^003a {2}11 22 33 44 55 66 77 88/gm)).toHaveLength(1);
    expect(all).toContain('uuid = 16 bytes  (11223344-5566-7788-99aa-bbccddeefedc)');
  });

  it('the copy group identifier as a UUID; CSCD descriptor codes and CSCD IDs named', () => {
    const out = dump(['--in', 'test/vectors/sg3utils_inhex_vpd_tpc.hex']);
    expect(out).toContain('copyGroupIdentifier = 18 bytes  (uuid 11223344-5566-7788-99aa-bbccddeefedc)');
    expect(out).toContain('descriptorTypeCode = 0xe9  (CSCD: SAS serial SCSI protocol)');
    expect(out).toContain('descriptorTypeCode = 0x02  (segment: block to block)');
    expect(out).toContain('cscdId = 49152 (0xc000)  (null logical unit, peripheral device type 00h)');
    expect(out).toContain("cscdId = 65535 (0xffff)  (the copy manager's own logical unit)");
  });

  it('all-ones maxima say "no limit" / "no maximum"', () => {
    const out = dump(['--in', 'test/vectors/dumps/vpd8f-rod-features.hex']);
    expect(out).toContain('maximumBytesInBlockRod = 18446744073709551615 (0xffffffffffffffff)  (no limit)');
    expect(out).toContain('maximumTokenLifetime = 4294967295 (0xffffffff)  (no maximum)');
  });

  it('ALUA states and SENSE DATA SOURCE named', () => {
    const e = (field: string, value: number): TraceEntry => ({
      structure: 'X',
      field,
      offset: 0,
      length: 1,
      bits: [3, 0],
      value,
    });
    expect(annotate(e('asymmetricAccessState', 1), [], [])).toBe('active/non-optimized');
    expect(annotate(e('asymmetricAccessState', 0xe), [], [])).toBe('offline');
    const out = dump(['--in', 'test/vectors/sg3utils_inhex_forwarded_sense.hex']);
    expect(out).toContain('senseDataSource [bits 3:0] = 1  (copy destination CSCD 0)');
  });

  it('no duplicated or misplaced headings: ROD device type specific descriptor, RodToken', () => {
    const vpd = dump(['--in', 'test/vectors/dumps/vpd8f-rod-features.hex']);
    expect(vpd.match(/RodDeviceTypeSpecificFeaturesDescriptor:/g)).toHaveLength(1);
    expect(vpd).toMatch(/^006a {2}00 2c +# {7}descriptorLength = 44/m);
    const rrti = [...readCaptureExchanges(odxCapture().bytes)].find((x) => x.cdb[0] === 0x84 && x.status === 0);
    const out = dump(['--as', 'rrti-data', hex(rrti?.dataIn ?? new Uint8Array(0))]);
    expect(out.match(/RodToken:/g)).toHaveLength(1);
    expect(out).toMatch(/^002c {2}01 f8 +# {5}rodTokenLength = 504/m);
  });

  it('a one-line summary per structure, as sg3_utils words it', () => {
    const s = dump(['70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 c8 00 08']);
    expect(s.split('\n')[1]).toBe(
      '# Fixed format, current; Sense key: ILLEGAL REQUEST; Additional sense: INVALID FIELD IN CDB (24h/00h); Sense Key Specific: Error in Command: byte 8 bit 0',
    );
    expect(s).toContain('fieldPointer = 8 (0x0008)  (error in the CDB: byte 8)');
    expect(dump(['--in', 'test/vectors/sg3utils_inhex_vpd_tpc.hex']).split('\n')[1]).toBe(
      '# Third-party Copy VPD page: 6 descriptors',
    );
    expect(dump(['83 10 00 00 00 00 00 00 00 01 00 00 00 20 00 00']).split('\n')[1]).toBe(
      '# POPULATE TOKEN, list identifier 1, parameter list length 32',
    );
  });
});
