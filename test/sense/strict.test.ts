/** Known-answer and exact-error tests: lenient vs strict decoding, encoder range checks. */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  type DescriptorSenseData,
  decodeSenseData,
  encodeSenseData,
  type FixedSenseData,
  requiredSenseDataLength,
  type SenseData,
} from '../../src/sense/sense-data.js';

const b = (hex: string): Uint8Array =>
  Uint8Array.from((hex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => Number.parseInt(h, 16)));
const codeAt = (code: string, offset: number, extra: Record<string, unknown> = {}) =>
  expect.objectContaining({ name: 'ScsiCodecError', code, offset, ...extra });
const FIXED18 = '70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00';
const desc = (s: SenseData): DescriptorSenseData => s as DescriptorSenseData;

describe('response code', () => {
  it.each([0x7f, 0x00, 0x74, 0xf4, 0x6f])('%d is ERR_UNSUPPORTED in both modes', (rc) => {
    const bytes = b(FIXED18);
    bytes[0] = rc;
    for (const strict of [false, true]) {
      expect(() => decodeSenseData(bytes, { strict })).toThrow(
        codeAt('ERR_UNSUPPORTED', 0, { field: 'responseCode', structure: 'SenseData' }),
      );
    }
  });
  it('empty input is ERR_TRUNCATED', () => {
    expect(() => decodeSenseData(new Uint8Array(0))).toThrow(codeAt('ERR_TRUNCATED', 0, { field: 'responseCode' }));
  });
  it('non-Uint8Array input is our error', () => {
    expect(() => decodeSenseData([0x70] as unknown as Uint8Array)).toThrow(codeAt('ERR_UNEXPECTED_VALUE', 0));
  });
});

describe('fixed format', () => {
  it('ADDITIONAL SENSE LENGTH beyond the buffer: lenient clamps and reports, strict throws', () => {
    const bytes = b('70 00 05 00 00 00 00 20 00 00 00 00 24 00 00 00 00 00 aa bb');
    const s = decodeSenseData(bytes) as FixedSenseData;
    expect(s.additionalSenseBytes).toEqual(b('aa bb'));
    expect(s.issues).toEqual([
      expect.objectContaining({ code: 'ERR_TRUNCATED', field: 'additionalSenseLength', offset: 7 }),
    ]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(
      codeAt('ERR_TRUNCATED', 7, { field: 'additionalSenseLength' }),
    );
  });
  it('bytes after ADDITIONAL SENSE LENGTH (a larger sense buffer) are ignored in both modes', () => {
    const bytes = b(`${FIXED18} 00 00 00 00 ff ff`);
    for (const strict of [false, true]) {
      const s = decodeSenseData(bytes, { strict }) as FixedSenseData;
      expect(s.additionalSenseBytes.length).toBe(0);
      expect(s.issues).toBeUndefined();
      expect(encodeSenseData(s)).toEqual(b(FIXED18));
    }
  });
  it('short fixed sense (8 bytes, ADDITIONAL SENSE LENGTH 0): lenient reads zeros and reports', () => {
    const s = decodeSenseData(b('70 00 06 00 00 00 00 00')) as FixedSenseData;
    expect(s).toMatchObject({ senseKey: 6, additionalSenseCode: 0, additionalSenseCodeQualifier: 0 });
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', offset: 7 })]);
    expect(() => decodeSenseData(b('70 00 06 00 00 00 00 00'), { strict: true })).toThrow(
      codeAt('ERR_LENGTH_MISMATCH', 7),
    );
  });
  it('short fixed sense (14 bytes, ASC/ASCQ present): decodes what exists', () => {
    const s = decodeSenseData(b('70 00 05 00 00 00 00 06 00 00 00 00 24 00')) as FixedSenseData;
    expect(s).toMatchObject({ senseKey: 5, additionalSenseCode: 0x24, fieldReplaceableUnitCode: 0 });
    expect(s.senseKeySpecific).toMatchObject({ kind: 'fieldPointer', sksv: false });
    expect(s.issues?.length).toBe(1);
  });
  it('3-byte buffer: sense key only, one issue', () => {
    const s = decodeSenseData(b('f0 00 03')) as FixedSenseData;
    expect(s).toMatchObject({ valid: true, senseKey: 3 });
    expect(s.issues?.map((i) => i.code)).toEqual(['ERR_TRUNCATED']);
  });
  it('SKS reserved bits (field pointer bits 5:4) are rejected in strict mode only', () => {
    const bytes = b(FIXED18);
    bytes[15] = 0xa0; // SKSV + reserved bit 5
    expect(decodeSenseData(bytes)).toMatchObject({ senseKeySpecific: { sksv: true, commandData: false } });
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_RESERVED_NONZERO', 15, { bit: 5 }));
  });
  it('ADDITIONAL SENSE LENGTH above 244 is ERR_INVALID_VALUE in strict mode', () => {
    const bytes = new Uint8Array(8 + 245);
    bytes.set(b('70 00 00 00 00 00 00'));
    bytes[7] = 245;
    expect((decodeSenseData(bytes) as FixedSenseData).additionalSenseBytes.length).toBe(245 - 10);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_INVALID_VALUE', 7));
  });
  it('unit attention queue overflow and raw SKS variants', () => {
    const ua = b(FIXED18);
    ua[2] = 0x06;
    ua[15] = 0x81;
    expect(decodeSenseData(ua, { strict: true })).toMatchObject({
      senseKeySpecific: { kind: 'unitAttentionQueueOverflow', sksv: true, overflow: true },
    });
    const raw = b(FIXED18);
    raw[2] = 0x07;
    raw.set([0xff, 0xfe, 0xfd], 15);
    const s = decodeSenseData(raw, { strict: true });
    expect(s).toMatchObject({ senseKeySpecific: { kind: 'raw', sksv: true, value: 0x7ffefd } });
    expect(encodeSenseData(s)).toEqual(raw);
  });
});

describe('descriptor format', () => {
  it.each([
    ['72 80 00 00 00 00 00 00'.replace('72 80', 'f2 00'), 0, 7],
    ['72 10 00 00 00 00 00 00', 1, 4],
    ['72 00 00 00 01 00 00 00', 4, 0],
    ['72 00 00 00 00 02 00 00', 5, 1],
    ['72 00 00 00 00 00 80 00', 6, 7],
  ])('reserved header bits %s → strict ERR_RESERVED_NONZERO at %d bit %d', (hex, offset, bit) => {
    expect(() => decodeSenseData(b(hex), { strict: true })).toThrow(codeAt('ERR_RESERVED_NONZERO', offset, { bit }));
    expect(decodeSenseData(b(hex)).issues).toBeUndefined();
  });
  it('fixed-size descriptor with a longer ADDITIONAL LENGTH: lenient decodes, strict rejects at the length', () => {
    const bytes = b('72 00 00 00 00 00 00 0e  00 0c 80 00 00 00 00 00 00 00 00 2a ff ff');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors).toEqual([{ kind: 'information', valid: true, information: 42n }]);
    expect(s.issues).toEqual([
      expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', field: 'additionalLength', offset: 9 }),
    ]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(
      codeAt('ERR_LENGTH_MISMATCH', 9, { structure: 'SenseDataDescriptor', field: 'additionalLength' }),
    );
  });
  it('fixed-size descriptor too short: lenient keeps it raw (byte-exact), strict rejects', () => {
    const bytes = b('72 00 00 00 00 00 00 0a  03 02 00 45  02 04 00 00 80 00');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors).toEqual([
      { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 0x45 },
      { kind: 'unknown', descriptorType: 2, bytes: b('00 00 80 00') },
    ]);
    expect(encodeSenseData(s)).toEqual(bytes);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_LENGTH_MISMATCH', 13));
  });
  it('a descriptor running past the end is dropped (lenient) / ERR_TRUNCATED (strict)', () => {
    const bytes = b('72 00 00 00 00 00 00 08  03 02 00 45  85 09 01 02');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors).toEqual([{ kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 0x45 }]);
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_TRUNCATED', offset: 13 })]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_TRUNCATED', 13));
  });
  it('a 1-byte descriptor fragment is reported', () => {
    const bytes = b('72 00 00 00 00 00 00 05  03 02 00 45  85');
    expect(desc(decodeSenseData(bytes)).issues).toEqual([
      expect.objectContaining({ code: 'ERR_TRUNCATED', offset: 12 }),
    ]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_TRUNCATED', 12));
  });
  it('zero descriptors', () => {
    const bytes = b('73 0b 47 03 80 00 00 00');
    expect(decodeSenseData(bytes, { strict: true })).toEqual({
      kind: 'descriptor',
      responseCode: 0x73,
      senseKey: 0xb,
      additionalSenseCode: 0x47,
      additionalSenseCodeQualifier: 3,
      sdatOvfl: true,
      descriptors: [],
    });
  });
  it('short descriptor header (4 bytes) in lenient mode', () => {
    const s = desc(decodeSenseData(b('72 05 24 00')));
    expect(s).toMatchObject({ senseKey: 5, additionalSenseCode: 0x24, descriptors: [] });
    expect(s.issues?.[0]).toMatchObject({ code: 'ERR_TRUNCATED' });
  });
  it('unknown/vendor descriptors decode in strict mode too, byte-exact', () => {
    const bytes = b('72 00 00 00 00 00 00 0a  10 00  ff 06 01 02 03 04 05 06');
    const s = desc(decodeSenseData(bytes, { strict: true }));
    expect(s.descriptors).toEqual([
      { kind: 'unknown', descriptorType: 0x10, bytes: new Uint8Array(0) },
      { kind: 'unknown', descriptorType: 0xff, bytes: b('01 02 03 04 05 06') },
    ]);
    expect(encodeSenseData(s)).toEqual(bytes);
  });
  it('every named type decodes (known answer) and re-encodes', () => {
    const bytes = b(
      '72 05 26 00 00 00 00 5e' +
        ' 04 02 00 e0' + // stream commands: FILEMARK EOM ILI
        ' 06 03 aa bb cc' + // OSD object identification (raw)
        ' 07 01 dd' + // OSD response integrity check value (raw)
        ' 08 00' + // OSD attribute identification (raw, empty)
        ' 0d 16 a0 00 c0 00 10 33 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 08' + // DABD
        ' 0e 0e 00 02 01 03 00 08 50 00 c5 00 30 11 cb 2b' + // device designation (NAA 5), usage reason 2
        ' 0f 06 00 00 00 00 01 2c' + // microcode activation 300 s
        ' 0c 02 80 08' + // forwarded sense, empty, FSDT=1, status BUSY
        ' 0b 02 00 00' + // referral with no referral descriptors
        ' 00 0a 00 00 ff ff ff ff ff ff ff ff' + // information, VALID=0
        ' 01 0a 00 00 00 00 00 00 00 00 00 01', // command-specific information
    );
    const s = desc(decodeSenseData(bytes, { strict: true }));
    expect(s.descriptors).toEqual([
      { kind: 'streamCommands', filemark: true, eom: true, ili: true },
      { kind: 'osdObjectIdentification', bytes: b('aa bb cc') },
      { kind: 'osdResponseIntegrityCheckValue', bytes: b('dd') },
      { kind: 'osdAttributeIdentification', bytes: new Uint8Array(0) },
      {
        kind: 'directAccessBlockDevice',
        valid: true,
        ili: true,
        senseKeySpecific: {
          kind: 'fieldPointer',
          sksv: true,
          commandData: true,
          bitPointerValid: false,
          bitPointer: 0,
          fieldPointer: 0x10,
        },
        fieldReplaceableUnitCode: 0x33,
        information: 7n,
        commandSpecificInformation: 8n,
      },
      {
        kind: 'deviceDesignation',
        usageReason: 2,
        designationDescriptor: {
          protocolIdentifier: 0,
          codeSet: 1,
          piv: false,
          association: 0,
          designatorType: 3,
          designator: b('50 00 c5 00 30 11 cb 2b'),
        },
      },
      { kind: 'microcodeActivation', microcodeActivationTime: 300 },
      {
        kind: 'forwardedSenseData',
        forwardedSenseDataTruncated: true,
        senseDataSource: 0,
        forwardedStatus: 8,
        senseData: new Uint8Array(0),
      },
      { kind: 'userDataSegmentReferral', notAllR: false, userDataSegmentReferrals: [] },
      { kind: 'information', valid: false, information: 0xffffffffffffffffn },
      { kind: 'commandSpecificInformation', commandSpecificInformation: 1n },
    ]);
    expect(encodeSenseData(s)).toEqual(bytes);
  });
  it('forwarded sense that does not decode: lenient keeps it raw with one issue, strict throws at the absolute offset', () => {
    const bytes = b('72 00 00 00 00 00 00 08  0c 06 01 02 7f 01 02 03');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors[0]).toMatchObject({ kind: 'forwardedSenseData', senseData: b('7f 01 02 03') });
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_UNSUPPORTED', offset: 12 })]);
    expect(encodeSenseData(s)).toEqual(bytes);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(
      codeAt('ERR_UNSUPPORTED', 12, { structure: 'ForwardedSenseData', field: 'responseCode' }),
    );
  });
  it('referral with a target port group count that overruns: dropped (lenient) / rejected (strict)', () => {
    const bytes = b(
      '72 00 00 00 00 00 00 18  0b 16 00 00  00 00 00 05 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 02',
    );
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors).toEqual([{ kind: 'userDataSegmentReferral', notAllR: false, userDataSegmentReferrals: [] }]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_LENGTH_MISMATCH', 15));
  });
});

describe('device designation descriptor (0Eh)', () => {
  it('bytes that are not one designation descriptor: raw in lenient mode, an error in strict mode', () => {
    // designator length says 8, only 4 designator bytes present
    const bytes = b('72 00 00 00 00 00 00 0a  0e 08 00 01 01 03 00 08 50 00');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0x0e, bytes: b('00 01 01 03 00 08 50 00') }]);
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_TRUNCATED', field: 'designationDescriptor' })]);
    expect(encodeSenseData(s)).toEqual(bytes);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_TRUNCATED', 16));
  });
  it('trailing bytes after the designation descriptor', () => {
    const bytes = b('72 00 00 00 00 00 00 0a  0e 08 00 01 01 00 00 01 aa bb');
    expect(desc(decodeSenseData(bytes)).descriptors[0]).toMatchObject({ kind: 'unknown', descriptorType: 0x0e });
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_LENGTH_MISMATCH', 15));
  });
});

describe('device designation with a lenient finding', () => {
  it('stays decoded with the designation codec issue (code set not allowed for NAA)', () => {
    const bytes = b('72 00 00 00 00 00 00 10  0e 0e 00 00 02 03 00 08 50 00 c5 00 30 11 cb 2b');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors[0]).toMatchObject({ kind: 'deviceDesignation', designationDescriptor: { codeSet: 2 } });
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_INVALID_VALUE', field: 'codeSet', offset: 12 })]);
    expect(encodeSenseData(s)).toEqual(bytes);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(codeAt('ERR_INVALID_VALUE', 12));
  });
});

describe('forwarded sense length and requiredSenseDataLength', () => {
  it('trailing bytes after the nested sense: lenient drops them with an issue, strict rejects', () => {
    const bytes = b('72 00 00 00 00 00 00 0e  0c 0c 01 02 72 06 18 07 00 00 00 00 ee ee');
    const s = desc(decodeSenseData(bytes));
    expect(s.descriptors[0]).toMatchObject({ senseData: { kind: 'descriptor', senseKey: 6, descriptors: [] } });
    expect(s.issues).toEqual([expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', offset: 19 })]);
    expect(() => decodeSenseData(bytes, { strict: true })).toThrow(
      codeAt('ERR_LENGTH_MISMATCH', 19, { structure: 'ForwardedSenseData' }),
    );
  });
  it('requiredSenseDataLength reads byte 7', () => {
    expect(requiredSenseDataLength(b(FIXED18))).toBe(18);
    expect(requiredSenseDataLength(b('72 00 00 00 00 00 00 f4'))).toBe(252);
    expect(requiredSenseDataLength(b('70 00 05'))).toBe(8);
    expect(requiredSenseDataLength(new Uint8Array(0))).toBe(8);
  });
});

describe('encoder range checks', () => {
  const base: FixedSenseData = decodeSenseData(b(FIXED18)) as FixedSenseData;
  it.each([
    [{ responseCode: 0x72 }, 'responseCode', 0],
    [{ senseKey: 16 }, 'senseKey', 2],
    [{ information: 2 ** 32 }, 'information', 3],
    [{ valid: 1 }, 'valid', 0],
    [{ additionalSenseCode: 256 }, 'additionalSenseCode', 12],
    [
      {
        senseKeySpecific: {
          kind: 'fieldPointer',
          sksv: true,
          commandData: false,
          bitPointerValid: true,
          bitPointer: 8,
          fieldPointer: 0,
        },
      },
      'bitPointer',
      15,
    ],
    [{ senseKeySpecific: { kind: 'raw', sksv: true, value: 0x800000 } }, 'senseKeySpecific', 15],
    [{ additionalSenseBytes: new Uint8Array(235) }, 'additionalSenseLength', 7],
    [{ kind: 'other' }, 'kind', 0],
  ])('%o → ERR_FIELD_RANGE %s @ %d', (patch, field, offset) => {
    expect(() => encodeSenseData({ ...base, ...patch } as unknown as SenseData)).toThrow(
      codeAt('ERR_FIELD_RANGE', offset, { field }),
    );
  });
  it('descriptor: offsets of nested fields are absolute in the output', () => {
    const s: DescriptorSenseData = {
      kind: 'descriptor',
      responseCode: 0x72,
      senseKey: 0,
      additionalSenseCode: 0,
      additionalSenseCodeQualifier: 0,
      sdatOvfl: false,
      descriptors: [
        { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 1 },
        {
          kind: 'forwardedSenseData',
          forwardedSenseDataTruncated: false,
          senseDataSource: 0,
          forwardedStatus: 2,
          senseData: { ...base, additionalSenseCodeQualifier: 300 },
        },
      ],
    };
    // 8 header + 4 FRU + 4 forwarded header = 16; ASCQ is byte 13 of the nested fixed sense.
    expect(() => encodeSenseData(s)).toThrow(codeAt('ERR_FIELD_RANGE', 29, { field: 'additionalSenseCodeQualifier' }));
  });
  it('a 256-byte descriptor makes the sense data exceed 252 bytes', () => {
    const s: DescriptorSenseData = {
      kind: 'descriptor',
      responseCode: 0x72,
      senseKey: 0,
      additionalSenseCode: 0,
      additionalSenseCodeQualifier: 0,
      sdatOvfl: false,
      descriptors: [
        {
          kind: 'unknown',
          descriptorType: 0x80,
          bytes: new Uint8Array(256),
        },
      ],
    };
    expect(() => encodeSenseData(s)).toThrow(codeAt('ERR_FIELD_RANGE', 7));
  });
});

describe('trace', () => {
  it('records named fields with absolute offsets, also inside descriptors', () => {
    const trace: TraceEntry[] = [];
    decodeSenseData(b('72 05 24 00 00 00 00 08  02 06 00 00 c0 00 0e 00'), { trace });
    expect(trace).toContainEqual(expect.objectContaining({ field: 'fieldPointer', offset: 13, value: 14 }));
    expect(trace).toContainEqual(expect.objectContaining({ field: 'senseKey', offset: 1, value: 5 }));
  });
});
