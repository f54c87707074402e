/** The public sg3_utils sense vectors decode to the values test/vectors/README.md lists. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DescriptorSenseData, FixedSenseData, SenseData } from '../../src/sense/sense-data.js';
import { decodeSenseData, encodeSenseData } from '../../src/sense/sense-data.js';
import { loadInhex, loadInhexSections, parseInhex } from './hex-file.js';

const V = 'test/vectors';
const desc = (s: SenseData): DescriptorSenseData => {
  if (s.kind !== 'descriptor') throw new Error('expected descriptor format');
  return s;
};
const fixed = (s: SenseData): FixedSenseData => {
  if (s.kind !== 'fixed') throw new Error('expected fixed format');
  return s;
};

describe('hex loader', () => {
  it('parses comments, whitespace and commas', () => {
    expect(parseInhex('# c\n72,0 1  # x\n a\tFF\n')).toEqual(Uint8Array.of(0x72, 0, 1, 0x0a, 0xff));
  });
  it('rejects junk', () => {
    expect(() => parseInhex('7g')).toThrow(/bad hex/);
  });
});

describe('sg3utils_inhex_descriptor_sense.hex', () => {
  const b = loadInhex(`${V}/sg3utils_inhex_descriptor_sense.hex`);
  const s = desc(decodeSenseData(b, { strict: true }));
  it('header', () => {
    expect(s).toMatchObject({
      responseCode: 0x72,
      senseKey: 1,
      additionalSenseCode: 3,
      additionalSenseCodeQualifier: 2,
    });
    expect(s.sdatOvfl).toBe(true);
    expect(s.issues).toBeUndefined();
  });
  it('descriptors', () => {
    expect(s.descriptors.map((d) => d.kind)).toEqual([
      'information',
      'commandSpecificInformation',
      'senseKeySpecific',
      'fieldReplaceableUnit',
      'anotherProgressIndication',
      'blockCommands',
      'userDataSegmentReferral',
    ]);
    expect(s.descriptors[0]).toEqual({ kind: 'information', valid: true, information: 0x11223344556677bbn });
    expect(s.descriptors[1]).toEqual({
      kind: 'commandSpecificInformation',
      commandSpecificInformation: 0x3344556677bbccffn,
    });
    expect(s.descriptors[2]).toEqual({
      kind: 'senseKeySpecific',
      senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 257 },
    });
    expect(s.descriptors[3]).toEqual({ kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 0x45 });
    expect(s.descriptors[4]).toEqual({
      kind: 'anotherProgressIndication',
      senseKey: 2,
      additionalSenseCode: 1,
      additionalSenseCodeQualifier: 2,
      progressIndication: 0x3201,
    });
    expect(s.descriptors[5]).toEqual({ kind: 'blockCommands', ili: true });
    expect(s.descriptors[6]).toEqual({
      kind: 'userDataSegmentReferral',
      notAllR: true,
      userDataSegmentReferrals: [
        {
          firstUserDataSegmentLba: 0x0102030405060708n,
          lastUserDataSegmentLba: 0x0102030455060708n,
          targetPortGroups: [{ asymmetricAccessState: 2, targetPortGroup: 0x1234 }],
        },
      ],
    });
  });
  it('re-encodes byte-exactly', () => expect(encodeSenseData(s)).toEqual(b));
});

describe('sg3utils_inhex_fixed_sense.hex', () => {
  const b = loadInhex(`${V}/sg3utils_inhex_fixed_sense.hex`);
  const s = fixed(decodeSenseData(b, { strict: true }));
  it('decodes VALID, MEDIUM ERROR 11h/00h, FRU, SKS retry count', () => {
    expect(s).toEqual({
      kind: 'fixed',
      responseCode: 0x70,
      valid: true,
      segmentNumber: 0,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: false,
      senseKey: 3,
      information: 0x1234,
      commandSpecificInformation: 0,
      additionalSenseCode: 0x11,
      additionalSenseCodeQualifier: 0,
      fieldReplaceableUnitCode: 0x77,
      senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 0x0198 },
      additionalSenseBytes: new Uint8Array(0),
    });
  });
  it('re-encodes byte-exactly', () => expect(encodeSenseData(s)).toEqual(b));
});

describe('sg3utils_inhex_forwarded_sense.hex', () => {
  const b = loadInhex(`${V}/sg3utils_inhex_forwarded_sense.hex`);
  const s = desc(decodeSenseData(b, { strict: true }));
  it('decodes the forwarded sense descriptor with the nested sense', () => {
    expect(s).toMatchObject({
      responseCode: 0x72,
      senseKey: 6,
      additionalSenseCode: 0x18,
      additionalSenseCodeQualifier: 7,
    });
    expect(s.descriptors).toEqual([
      {
        kind: 'forwardedSenseData',
        forwardedSenseDataTruncated: false,
        senseDataSource: 1,
        forwardedStatus: 2,
        senseData: {
          kind: 'descriptor',
          responseCode: 0x72,
          senseKey: 6,
          additionalSenseCode: 0x18,
          additionalSenseCodeQualifier: 7,
          sdatOvfl: false,
          descriptors: [],
        },
      },
      { kind: 'information', valid: true, information: 0x1122334455667788n },
      { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 0x99 },
    ]);
  });
  it('re-encodes byte-exactly', () => expect(encodeSenseData(s)).toEqual(b));
  it('nested errors carry absolute offsets', () => {
    const bad = b.slice();
    bad[12] = 0x72 | 0x80; // reserved bit of the nested sense's byte 0 (absolute offset 12)
    expect(() => decodeSenseData(bad, { strict: true })).toThrow(
      expect.objectContaining({ code: 'ERR_RESERVED_NONZERO', offset: 12, bit: 7 }),
    );
  });
});

describe('sg3utils_inhex_ref_sense.hex', () => {
  const b = loadInhex(`${V}/sg3utils_inhex_ref_sense.hex`);
  const s = desc(decodeSenseData(b, { strict: true }));
  it('decodes two referral descriptors', () => {
    expect(s.descriptors).toEqual([
      {
        kind: 'userDataSegmentReferral',
        notAllR: true,
        userDataSegmentReferrals: [
          {
            firstUserDataSegmentLba: 0x1111111122222222n,
            lastUserDataSegmentLba: 0x5555555566666666n,
            targetPortGroups: [
              { asymmetricAccessState: 1, targetPortGroup: 7 },
              { asymmetricAccessState: 2, targetPortGroup: 8 },
            ],
          },
          {
            firstUserDataSegmentLba: 0x7777777777777777n,
            lastUserDataSegmentLba: 0x8888888888888888n,
            targetPortGroups: [{ asymmetricAccessState: 3, targetPortGroup: 5 }],
          },
        ],
      },
    ]);
  });
  it('re-encodes byte-exactly', () => expect(encodeSenseData(s)).toEqual(b));
});

describe('sg3utils_sg_sense_test_arrays.hex', () => {
  const arrays = loadInhexSections(`${V}/sg3utils_sg_sense_test_arrays.hex`, /^err\d$/);
  const get = (k: string): Uint8Array => {
    const b = arrays.get(k);
    if (b === undefined) throw new Error(`missing ${k}`);
    return b;
  };
  it('has err1..err7 with the stated lengths', () => {
    expect([...arrays.keys()]).toEqual(['err1', 'err2', 'err3', 'err4', 'err5', 'err6', 'err7']);
    expect([...arrays.values()].map((b) => b.length)).toEqual([40, 40, 16, 30, 18, 22, 18]);
  });
  it('err1: ILLEGAL REQUEST 24h/00h, field pointer C/D=1 BPV=1 bit 0 byte 3, info, cmd-specific', () => {
    const s = desc(decodeSenseData(get('err1'), { strict: true }));
    expect(s).toMatchObject({
      responseCode: 0x72,
      senseKey: 5,
      additionalSenseCode: 0x24,
      additionalSenseCodeQualifier: 0,
    });
    expect(s.descriptors).toEqual([
      {
        kind: 'senseKeySpecific',
        senseKeySpecific: {
          kind: 'fieldPointer',
          sksv: true,
          commandData: true,
          bitPointerValid: true,
          bitPointer: 0,
          fieldPointer: 3,
        },
      },
      { kind: 'information', valid: true, information: 0x01020304aabbccddn },
      { kind: 'commandSpecificInformation', commandSpecificInformation: 0x01020304aabbeeffn },
    ]);
    expect(encodeSenseData(s)).toEqual(get('err1'));
  });
  it('err2: MEDIUM ERROR 11h/0Bh, SDAT_OVFL, actual retry count 3 (reserved SKS bits set)', () => {
    const s = desc(decodeSenseData(get('err2')));
    expect(s).toMatchObject({
      senseKey: 3,
      additionalSenseCode: 0x11,
      additionalSenseCodeQualifier: 0x0b,
      sdatOvfl: true,
    });
    expect(s.descriptors[0]).toEqual({
      kind: 'senseKeySpecific',
      senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 3 },
    });
    // C8h sets bit 6 and bit 3, both reserved in the actual retry count variant: strict rejects.
    expect(() => decodeSenseData(get('err2'), { strict: true })).toThrow(
      expect.objectContaining({ code: 'ERR_RESERVED_NONZERO', offset: 12, bit: 6 }),
    );
  });
  it('err3: NO SENSE 04h/04h, progress indication 1234h', () => {
    const s = desc(decodeSenseData(get('err3')));
    expect(s).toMatchObject({ senseKey: 0, additionalSenseCode: 4, additionalSenseCodeQualifier: 4 });
    expect(s.descriptors).toEqual([
      {
        kind: 'senseKeySpecific',
        senseKeySpecific: { kind: 'progressIndication', sksv: true, progressIndication: 0x1234 },
      },
    ]);
  });
  it('err4: deferred 73h COPY ABORTED 08h/04h, segment pointer, FRU 55h, block ILI, vendor 85h', () => {
    const s = desc(decodeSenseData(get('err4')));
    expect(s).toMatchObject({
      responseCode: 0x73,
      senseKey: 0x0a,
      additionalSenseCode: 8,
      additionalSenseCodeQualifier: 4,
    });
    expect(s.descriptors).toEqual([
      {
        kind: 'senseKeySpecific',
        senseKeySpecific: {
          kind: 'segmentPointer',
          sksv: true,
          segmentDescriptor: false,
          bitPointerValid: true,
          bitPointer: 0,
          fieldPointer: 3,
        },
      },
      { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 0x55 },
      { kind: 'blockCommands', ili: true },
      { kind: 'unknown', descriptorType: 0x85, bytes: Uint8Array.of(0x00, 0x20, 0x33, 0x44) },
    ]);
  });
  it('err5: fixed deferred, VALID, FILEMARK+EOM+ILI+SDAT_OVFL, field pointer C/D=1 BPV=1 bit 7 byte 5', () => {
    const s = fixed(decodeSenseData(get('err5'), { strict: true }));
    expect(s).toMatchObject({
      responseCode: 0x71,
      valid: true,
      filemark: true,
      eom: true,
      ili: true,
      sdatOvfl: true,
      senseKey: 5,
      information: 0x11223344,
      additionalSenseCode: 4,
      additionalSenseCodeQualifier: 1,
      senseKeySpecific: {
        kind: 'fieldPointer',
        sksv: true,
        commandData: true,
        bitPointerValid: true,
        bitPointer: 7,
        fieldPointer: 5,
      },
    });
    expect(encodeSenseData(s)).toEqual(get('err5'));
  });
  it('err6: ATA status return descriptor', () => {
    const s = desc(decodeSenseData(get('err6'), { strict: true }));
    expect(s.descriptors).toEqual([
      {
        kind: 'ataStatusReturn',
        extend: true,
        error: 0,
        count: 0x1122,
        lba: 0x887766554433,
        device: 1,
        status: 2,
      },
    ]);
    expect(encodeSenseData(s)).toEqual(get('err6'));
  });
  it('err7: fixed deferred, FILEMARK+EOM+ILI, 24h/01h, FRU BBh, field pointer bit 1 byte 2', () => {
    const s = fixed(decodeSenseData(get('err7'), { strict: true }));
    expect(s).toMatchObject({
      responseCode: 0x71,
      filemark: true,
      eom: true,
      ili: true,
      sdatOvfl: false,
      senseKey: 5,
      additionalSenseCode: 0x24,
      additionalSenseCodeQualifier: 1,
      fieldReplaceableUnitCode: 0xbb,
      senseKeySpecific: {
        kind: 'fieldPointer',
        commandData: true,
        bitPointerValid: true,
        bitPointer: 1,
        fieldPointer: 2,
      },
    });
    expect(encodeSenseData(s)).toEqual(get('err7'));
  });
});

describe('test/vectors equals /work/shared/vectors', () => {
  const shared = join(process.cwd(), '..', 'shared', 'vectors');
  it.skipIf(!existsSync(shared))('every .hex vector file is identical to the shared copy', () => {
    const files = readdirSync(V).filter((f) => f.endsWith('.hex')); // README.md is re-formatted in the repo
    expect(files.filter((f) => /sense/.test(f)).length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(readFileSync(join(V, f)), f).toEqual(readFileSync(join(shared, f)));
  });
});
