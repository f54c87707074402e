/**
 * Known answers for the oracle output parsers: the vendored sg3_utils vectors and hand-built
 * samples go through the real tools, and the parsed fields must equal what the spec tables and
 * test/vectors/README.md say. This pins the parsers (and the installed oracle versions) before
 * any codec is compared with them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate } from './oracles/calibrate.js';
import { parseDdptctl, runDdptctlInfo } from './oracles/ddptctl.js';
import { designatorFact } from './oracles/designator-text.js';
import { parseSgDecodeSense, runSgDecodeSense } from './oracles/sg-decode-sense.js';
import { parseSgVpdDevId, parseSgVpdTpc, runSgVpd } from './oracles/sg-vpd.js';
import { scratch } from './oracles/tools.js';

const s = scratch('parsers');
afterAll(() => s.dispose());

function vector(name: string): Uint8Array {
  const text = readFileSync(`test/vectors/${name}`, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join(' ');
  return Uint8Array.from(
    text
      .split(/[\s,]+/)
      .filter((t) => t !== '')
      .map((t) => parseInt(t, 16)),
  );
}

function hx(h: string): Uint8Array {
  return Uint8Array.from(h.split(/\s+/).filter(Boolean), (t) => parseInt(t, 16));
}

function sense(bytes: Uint8Array) {
  return parseSgDecodeSense(runSgDecodeSense(s.write('sense.bin', bytes)));
}

describe('sg_decode_sense output parser', () => {
  it('descriptor_sense.hex: every descriptor as README.md lists it', () => {
    const p = sense(vector('sg3utils_inhex_descriptor_sense.hex'));
    expect(p.unparsed).toEqual([]);
    expect(p.format).toBe('descriptor');
    expect(p.senseKey).toBe(1);
    expect(p.sdatOvfl).toBe(true);
    expect(p.asc).toEqual({ kind: 'name', text: 'Excessive write errors' });
    expect(p.descriptors).toEqual([
      { type: 0x00, valid: true, information: 0x11223344556677bbn },
      { type: 0x01, commandSpecificInformation: 0x3344556677bbccffn },
      { type: 0x02, sks: { kind: 'retryCount', count: 257 } },
      { type: 0x03, fieldReplaceableUnitCode: 0x45 },
      { type: 0x0a, whole: 19, fractionDigits: 53, senseKey: 2, asc: 1, ascq: 2 },
      { type: 0x05, ili: true },
      {
        type: 0x0b,
        notAllR: true,
        referrals: [
          {
            firstLba: 0x0102030405060708n,
            lastLba: 0x0102030455060708n,
            tpgs: [{ tpg: 0x1234, state: 'standby' }],
            truncated: false,
          },
        ],
      },
    ]);
  });
  it('fixed_sense.hex', () => {
    const p = sense(vector('sg3utils_inhex_fixed_sense.hex'));
    expect(p.unparsed).toEqual([]);
    expect(p).toMatchObject({ format: 'fixed', deferred: false, senseKey: 3, sdatOvfl: false });
    expect(p.asc).toEqual({ kind: 'name', text: 'Unrecovered read error' });
    expect(p.fixed).toEqual({
      information: { valid: true, value: 0x1234 },
      filemark: false,
      eom: false,
      ili: false,
      fieldReplaceableUnitCode: 0x77,
      sks: { kind: 'retryCount', count: 0x0198 },
    });
  });
  it('forwarded_sense.hex: nested sense is parsed recursively', () => {
    const p = sense(vector('sg3utils_inhex_forwarded_sense.hex'));
    expect(p.unparsed).toEqual([]);
    const f = p.descriptors[0]!;
    expect(f).toMatchObject({ type: 0x0c, fsdt: false, forwardedStatus: 'Check Condition' });
    if (f.type !== 0x0c) throw new Error('not forwarded');
    expect(f.forwarded?.senseKey).toBe(6);
    expect(p.descriptors.slice(1)).toEqual([
      { type: 0x00, valid: true, information: 0x1122334455667788n },
      { type: 0x03, fieldReplaceableUnitCode: 0x99 },
    ]);
  });
  it('ref_sense.hex: two referrals, three target port groups', () => {
    const p = sense(vector('sg3utils_inhex_ref_sense.hex'));
    expect(p.unparsed).toEqual([]);
    const d = p.descriptors[0]!;
    if (d.type !== 0x0b) throw new Error('not a referral');
    expect(d.referrals.map((r) => r.tpgs.map((t) => t.tpg))).toEqual([[7, 8], [5]]);
  });
  it('every sense key name maps back to its number', () => {
    for (let k = 0; k < 16; k++) expect(sense(hx(`72 0${k.toString(16)} 00 00 00 00 00 00`)).senseKey).toBe(k);
  });
  it('fixed SKS variants, FMK/EOM/ILI, deferred, vendor ASC', () => {
    expect(sense(hx('71 00 05 00 00 00 00 0a 00 00 00 00 26 00 00 88 01 02')).fixed?.sks).toEqual({
      kind: 'fieldPointer',
      cd: false,
      fieldPointer: 258,
      bitPointer: 0,
    });
    const p = sense(hx('70 00 e5 00 00 00 01 0a 00 00 00 00 24 00 00 00 00 00'));
    expect(p.fixed).toEqual({ information: { valid: false, value: 1 }, filemark: true, eom: true, ili: true });
    expect(sense(hx('70 00 02 00 00 00 00 0a 00 00 00 00 04 07 00 80 80 00')).fixed?.sks).toEqual({
      kind: 'progress',
      whole: 50,
      hundredths: 0,
    });
    expect(sense(hx('70 00 0a 00 00 00 00 0a 00 00 00 00 0d 04 00 a8 00 10')).fixed?.sks).toEqual({
      kind: 'segmentPointer',
      sd: true,
      fieldPointer: 16,
      bitPointer: 0,
    });
    expect(sense(hx('70 00 09 00 00 00 00 0a 00 00 00 00 80 ff 00 00 00 00')).asc).toEqual({
      kind: 'vendorAsc',
      asc: 0x80,
      ascq: 0xff,
    });
    expect(sense(hx('72 05 24 99 00 00 00 00')).asc).toEqual({ kind: 'vendorAscq', asc: 0x24, ascq: 0x99 });
    expect(sense(hx('72 05 7f 7f 00 00 00 00')).asc).toEqual({ kind: 'unknown', asc: 0x7f, ascq: 0x7f });
  });
  it('descriptor types 04h, 09h, 0Ch, 0Dh, 0Eh, 0Fh, vendor and unknown', () => {
    const descs = [
      '04 02 00 e0',
      '09 0c 01 02 03 04 05 06 07 08 09 0a 0b 0c',
      '0d 20 a0 00 80 00 04 12 34 56 78 9a bc de f0 11 11 11 11 11 11 11 11 00 00 00 00 00 00 00 00 00 00 00',
      '0e 0e 00 07 01 03 00 08 50 01 40 5a bc de f0 12',
      '0f 06 00 00 00 00 01 2c',
      '80 02 de ad',
      '40 02 be ef',
      '0c 02 03 08',
    ].map(hx);
    const body = descs.reduce((a, d) => a + d.length, 0);
    const buf = new Uint8Array(8 + body);
    buf.set(hx(`72 05 24 00 00 00 00 ${body.toString(16)}`));
    let o = 8;
    for (const d of descs) {
      buf.set(d, o);
      o += d.length;
    }
    const p = sense(buf);
    expect(p.unparsed).toEqual([]);
    expect(p.descriptors.map((d) => d.type)).toEqual([0x04, 0x09, 0x0d, 0x0e, 0x0f, 'vendor', 'unknown', 0x0c]);
    expect(p.descriptors[1]).toEqual({
      type: 0x09,
      extend: true,
      error: 2,
      count: 0x0304,
      lba: 0x0907050a0806n,
      device: 0x0b,
      status: 0x0c,
    });
    expect(p.descriptors[2]).toEqual({
      type: 0x0d,
      ili: true,
      sks: { kind: 'fieldPointer', cd: false, fieldPointer: 4 },
      fieldReplaceableUnitCode: 0x12,
      information: 0x3456789abcdef011n,
      commandSpecificInformation: 0x1111111111111100n,
    });
    expect(p.descriptors[7]).toEqual({
      type: 0x0c,
      fsdt: false,
      senseDataSource: 'Extended copy command destination device 2',
      forwardedStatus: 'Busy',
    });
  });
});

describe('sg_vpd output parser', () => {
  it('vpd_tpc.hex (README.md expected decode; MAXIMUM INLINE DATA LENGTH at the spec offset)', () => {
    const r = runSgVpd(s.write('tpc.bin', vector('sg3utils_inhex_vpd_tpc.hex')));
    const p = parseSgVpdTpc(r.stdout, r.stderr);
    expect(p.descriptors.map((d) => d.type)).toEqual([0x0000, 0x0001, 0x0004, 0x0008, 0x000c, 0x000d]);
    expect(p.descriptors[0]!.pairs).toEqual([
      ['Maximum range descriptors', '291'],
      ['Maximum inactivity timeout', '60 seconds'],
      ['Default inactivity timeout', '30 seconds'],
      ['Maximum token transfer size', String(0x0000_0099_8877_6655)],
      ['Optimal transfer count', String(0x0000_0044_5566_7788)],
    ]);
    expect(p.descriptors[2]!.pairs).toContainEqual(['Maximum inline data length', String(0x00998877)]);
    expect(p.descriptors[4]!.items).toEqual([
      '0x0000',
      '0x0001',
      'copy src or dst null LU, pdt=0 [0xc000]',
      'copy src or dst is copy manager LU [0xffff]',
    ]);
    expect(p.descriptors[5]!.items).toEqual(['Locally assigned UUID: 11223344-5566-7788-99aa-bbccddeefedc']);
  });
  it('vpd_di_all.hex: one designator of every type', () => {
    const p = parseSgVpdDevId(runSgVpd(s.write('di.bin', vector('sg3utils_inhex_vpd_di_all.hex'))).stdout);
    expect(p.unparsed).toEqual([]);
    const cal = calibrate();
    const facts = p.designators.map((d) => [
      cal.designatorTypeNames.indexOf(d.designatorTypeName),
      designatorFact(d.designatorTypeName, d.lines).kind,
    ]);
    expect(facts).toEqual([
      [0, 'bytes'],
      [1, 't10'],
      [2, 'bytes'],
      [2, 'bytes'],
      [2, 'bytes'],
      [3, 'bytes'],
      [3, 'bytes'],
      [6, 'u16at2'],
      [7, 'bytes'],
      [10, 'uuid'],
      [4, 'u16at2'],
      [5, 'u16at2'],
      [9, 'protocolSpecific'],
      [9, 'protocolSpecific'],
      [8, 'scsiName'],
    ]);
    const vs = designatorFact(p.designators[0]!.designatorTypeName, p.designators[0]!.lines);
    expect(vs).toEqual({
      kind: 'bytes',
      bytes: hx('11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff ed cb a9 87 65 43 21'),
      cut: false,
    });
    expect(designatorFact('SCSI name string', p.designators[14]!.lines)).toEqual({
      kind: 'scsiName',
      text: 'iqn.5886.com.acme.diskarrays-sn-a8675309',
    });
  });
});

describe('ddptctl output parser', () => {
  it('decodes a batch of tokens, including the zero token the tool rejects', () => {
    const t = new Uint8Array(512);
    t.set(hx('00 80 00 02 00 00 01 f8 01 02 03 04 05 06 07 08'));
    t.set(hx('e4 00 00 05 01 03 00 10 60 01 40 5a bc de f0 12 34 56 78 9a bc de f0 12'), 16);
    t.set(hx('04 00 02 00'), 44);
    t.set(hx('07 5b cd 15'), 60);
    t.set(hx('00 00 10 00 05 23 c1 07'), 96);
    t.set(hx('01 23 00 08 50 01 40 5a bc de f0 12'), 128);
    const z = new Uint8Array(512);
    z.set(hx('ff ff 00 01 00 00 01 f8'));
    const both = new Uint8Array(1024);
    both.set(t);
    both.set(z, 512);
    const r = runDdptctlInfo(s.write('toks.bin', both));
    const [a, b] = parseDdptctl(r.stdout);
    expect(a!.unparsed).toEqual([]);
    expect(a).toMatchObject({
      rodType: 0x800002,
      rodTypeName: 'point in time copy - persistent',
      copyManagerRodTokenIdentifier: '0102030405060708',
      creator: { peripheralDeviceType: 0, relativeInitiatorPortIdentifier: 5 },
      bytesRepresented: { kind: 'value', value: 123456789n },
      block: {
        blockSize: 4096,
        protEn: true,
        pType: 2,
        pIExponent: 2,
        lbpme: true,
        lbprz: true,
        lowestAlignedLba: 263,
      },
    });
    // ddptctl reads LBPPBE from byte 102 (spec 6.4 / 10.14): here byte 102 bits 3:0 = 1, byte 101 bits 3:0 = 3.
    expect(a!.block?.lbppbe).toBe(1);
    expect(designatorFact('NAA', a!.creator!.designator!.lines)).toMatchObject({
      kind: 'bytes',
      bytes: hx('60 01 40 5a bc de f0 12 34 56 78 9a bc de f0 12'),
    });
    expect(designatorFact('NAA', a!.targetDevice!.lines)).toMatchObject({
      kind: 'bytes',
      bytes: hx('50 01 40 5a bc de f0 12'),
    });
    expect(b).toMatchObject({
      rodType: 0xffff0001,
      rodTypeName: 'block device zero',
      copyManagerRodTokenIdentifier: '0000000000000000',
    });
    expect(b!.creator).toEqual({});
    expect(r.stderr).toContain('Expected Identification descriptor CSCD (0xe4) got 0x0');
  });
});
