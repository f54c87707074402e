/**
 * Sense data codec, field by field (issue 17, fourth mutation session, survivors of the
 * `sense-data.ts` run): the trace entry of every field of both formats (also through the
 * zero-padded window of short fixed sense), the field, structure and offset of every encoder error
 * (also in sense data nested in a forwarded sense data descriptor), errors thrown by the caller's
 * own getters, and ADDITIONAL SENSE LENGTH exactly at the limits where the lenient decoder's
 * checks change. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  type DescriptorSenseData,
  decodeSenseData,
  encodeSenseData,
  type FixedSenseData,
  isDeferredSense,
  requiredSenseDataLength,
  type SenseData,
} from '../../src/sense/index.js';
import { encodeCopyFailureDetailsLid1 } from '../../src/status/index.js';
import { err, h } from './kill-helpers.js';

/** `structure.field@offset+length[hi,lo]` of each trace entry, in order. */
function traced(b: Uint8Array): string[] {
  const trace: TraceEntry[] = [];
  decodeSenseData(b, { trace });
  return trace.map((t) => `${t.structure}.${t.field}@${t.offset}+${t.length}${t.bits ? `[${t.bits.join(',')}]` : ''}`);
}

const issues = (b: Uint8Array) =>
  (decodeSenseData(b).issues ?? []).map((i) => [i.code, i.structure, i.field, i.offset, i.message]);

/** ILLEGAL REQUEST 24h/00h, fixed format, 18 bytes. */
const FIXED = decodeSenseData(h('70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00')) as FixedSenseData;
const DESCRIPTOR: DescriptorSenseData = {
  kind: 'descriptor',
  responseCode: 0x72,
  senseKey: 5,
  additionalSenseCode: 0x24,
  additionalSenseCodeQualifier: 0,
  sdatOvfl: false,
  descriptors: [],
};

/** The fields of fixed sense data from byte 0 up to the SKS (ILLEGAL REQUEST: field pointer SKS). */
const FIXED_FIELDS = [
  'SenseData.responseCode@0+1[6,0]',
  'SenseData.additionalSenseLength@7+1',
  'SenseData.senseKey@2+1[3,0]',
  'SenseData.valid@0+1[7,7]',
  'SenseData.segmentNumber@1+1',
  'SenseData.filemark@2+1[7,7]',
  'SenseData.eom@2+1[6,6]',
  'SenseData.ili@2+1[5,5]',
  'SenseData.sdatOvfl@2+1[4,4]',
  'SenseData.information@3+4',
  'SenseData.commandSpecificInformation@8+4',
  'SenseData.additionalSenseCode@12+1',
  'SenseData.additionalSenseCodeQualifier@13+1',
  'SenseData.fieldReplaceableUnitCode@14+1',
  'SenseData.sksv@15+1[7,7]',
  'SenseData.commandData@15+1[6,6]',
  'SenseData.bitPointerValid@15+1[3,3]',
  'SenseData.bitPointer@15+1[2,0]',
  'SenseData.fieldPointer@16+2',
];

describe('trace: every field, in the order read', () => {
  it('fixed format with two additional sense bytes', () => {
    expect(traced(h('70 00 05 00 00 00 00 0c 00 00 00 00 24 00 00 00 00 00 01 02'))).toEqual([
      ...FIXED_FIELDS,
      'SenseData.additionalSenseBytes@18+2',
    ]);
  });
  it('short fixed format (12 bytes): the zero-padded fields are traced as well', () => {
    expect(traced(h('70 00 05 00 00 00 00 04 00 00 00 00'))).toEqual([
      ...FIXED_FIELDS,
      'SenseData.additionalSenseBytes@18+0',
    ]);
  });
  it('descriptor format: header, each descriptor header, then ASC, ASCQ and SDAT_OVFL', () => {
    expect(traced(h('72 05 24 01 80 00 00 06  03 02 00 07  80 00'))).toEqual([
      'SenseData.responseCode@0+1[6,0]',
      'SenseData.additionalSenseLength@7+1',
      'SenseData.senseKey@1+1[3,0]',
      'SenseData.descriptorType@8+1',
      'SenseData.additionalLength@9+1',
      'SenseDataDescriptor.fieldReplaceableUnitCode@11+1',
      'SenseData.descriptorType@12+1',
      'SenseData.additionalLength@13+1',
      'SenseDataDescriptor.descriptorData@14+0',
      'SenseData.additionalSenseCode@2+1',
      'SenseData.additionalSenseCodeQualifier@3+1',
      'SenseData.sdatOvfl@4+1[7,7]',
    ]);
  });
});

describe('decoder errors', () => {
  it('an empty buffer: ERR_TRUNCATED at RESPONSE CODE', () => {
    expect(err(() => decodeSenseData(new Uint8Array(0)))).toMatchObject({
      code: 'ERR_TRUNCATED',
      structure: 'SenseData',
      field: 'responseCode',
      offset: 0,
    });
  });
  it('not a Uint8Array: named SenseData', () => {
    expect(err(() => decodeSenseData([0x70] as never))).toMatchObject({ structure: 'SenseData' });
  });
  it('a throwing getter in the options: ERR_UNEXPECTED_VALUE naming the option, the caller’s error as cause', () => {
    const boom = new Error('boom');
    const options = {
      get trace(): TraceEntry[] {
        throw boom;
      },
    };
    const e = err(() => decodeSenseData(h('70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00'), options));
    expect([e.code, e.structure, e.field, e.offset, e.detail, e.cause]).toEqual([
      'ERR_UNEXPECTED_VALUE',
      'SenseData',
      'trace',
      0,
      'reading argument 2.trace threw an error of its own (see cause)',
      boom,
    ]);
  });
});

describe('ADDITIONAL SENSE LENGTH at the edges of the lenient checks', () => {
  it('244 (the maximum) in a shorter buffer: truncated, not too large', () => {
    const b = h('72 05 24 00 00 00 00 f4  00 0a 80 00 00 00 00 00 00 00 00 2a');
    expect(issues(b)).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'additionalSenseLength', 7, 'declares 252 bytes of sense data, only 20 present'],
    ]);
    expect((decodeSenseData(b) as DescriptorSenseData).descriptors).toEqual([
      { kind: 'information', valid: true, information: 42n },
    ]);
  });
  it('clamped to exactly the format’s minimum: truncated, nothing missing', () => {
    const fixed = h('70 00 05 00 00 00 00 0b 00 00 00 00 24 01 00 00 00 00');
    expect(issues(fixed)).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'additionalSenseLength', 7, 'declares 19 bytes of sense data, only 18 present'],
    ]);
    const { issues: _, ...value } = decodeSenseData(fixed);
    expect(value).toEqual({ ...FIXED, additionalSenseCodeQualifier: 1 });
    expect(issues(h('72 05 24 00 00 00 00 05'))).toEqual([
      ['ERR_TRUNCATED', 'SenseData', 'additionalSenseLength', 7, 'declares 13 bytes of sense data, only 8 present'],
    ]);
  });
  it('short fixed sense keeps the bytes it has (read through the zero-padded window)', () => {
    const { issues: _, ...value } = decodeSenseData(h('f1 07 e5 01 02 03 04 06 05 06 07 08 24 01'));
    expect(value).toEqual({
      ...FIXED,
      responseCode: 0x71,
      valid: true,
      segmentNumber: 7,
      filemark: true,
      eom: true,
      ili: true,
      information: 0x01020304,
      commandSpecificInformation: 0x05060708,
      additionalSenseCodeQualifier: 1,
    });
  });
});

describe('encoder errors name the field (fixed format)', () => {
  it.each([
    ['valid', 1, 0],
    ['segmentNumber', 256, 1],
    ['filemark', 0, 2],
    ['eom', 'yes', 2],
    ['ili', null, 2],
    ['sdatOvfl', 1, 2],
    ['senseKey', 16, 2],
    ['information', 2 ** 32, 3],
    ['commandSpecificInformation', -1, 8],
    ['additionalSenseCode', 256, 12],
    ['additionalSenseCodeQualifier', 1.5, 13],
    ['fieldReplaceableUnitCode', 256, 14],
  ] as const)('%s = %j', (field, value, offset) => {
    expect(err(() => encodeSenseData({ ...FIXED, [field]: value } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'FixedSenseData',
      field,
      offset,
    });
  });
});

describe('encoder errors name the field (descriptor format)', () => {
  it.each([
    ['senseKey', 16, 1],
    ['additionalSenseCode', -1, 2],
    ['additionalSenseCodeQualifier', 256, 3],
    ['sdatOvfl', 'no', 4],
  ] as const)('%s = %j', (field, value, offset) => {
    expect(err(() => encodeSenseData({ ...DESCRIPTOR, [field]: value } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'DescriptorSenseData',
      field,
      offset,
    });
  });
  it('a descriptor’s own field: SenseDataDescriptor at its absolute offset', () => {
    const descriptors = [
      { kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 1 },
      { kind: 'information', valid: true, information: 1n << 64n },
    ];
    expect(err(() => encodeSenseData({ ...DESCRIPTOR, descriptors } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'information',
      offset: 16,
    });
  });
  it('an unknown kind after another descriptor: offset of that descriptor', () => {
    const descriptors = [{ kind: 'information', valid: true, information: 1n }, { kind: 'bogus' }];
    expect(err(() => encodeSenseData({ ...DESCRIPTOR, descriptors } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'kind',
      offset: 20,
    });
  });
  it('more than 252 bytes: DescriptorSenseData.additionalSenseLength; 252 bytes encode', () => {
    const vendor = (n: number) => [{ kind: 'unknown', descriptorType: 0x80, bytes: new Uint8Array(n).fill(9) }];
    expect(err(() => encodeSenseData({ ...DESCRIPTOR, descriptors: vendor(243) } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'DescriptorSenseData',
      field: 'additionalSenseLength',
      offset: 7,
      detail: 'sense data would be 253 bytes; at most 252 (ADDITIONAL SENSE LENGTH ≤ 244)',
    });
    const b = encodeSenseData({ ...DESCRIPTOR, descriptors: vendor(242) } as never);
    expect([b.length, b[7], b[8], b[9]]).toEqual([252, 244, 0x80, 242]);
  });
});

describe('sense data nested in a forwarded sense data descriptor (0Ch at byte 8): absolute offsets', () => {
  const forwarded = (senseData: unknown): SenseData =>
    ({
      ...DESCRIPTOR,
      descriptors: [
        {
          kind: 'forwardedSenseData',
          forwardedSenseDataTruncated: false,
          senseDataSource: 1,
          forwardedStatus: 2,
          senseData,
        },
      ],
    }) as never;
  it.each([
    [{ ...FIXED, additionalSenseBytes: [1] }, 'FixedSenseData', 'additionalSenseBytes', 30],
    [{ ...DESCRIPTOR, descriptors: 5 }, 'DescriptorSenseData', 'descriptors', 20],
    [{ ...FIXED, responseCode: 0x72 }, 'FixedSenseData', 'responseCode', 12],
    [{ ...FIXED, segmentNumber: 256 }, 'FixedSenseData', 'segmentNumber', 13],
    [{ ...DESCRIPTOR, responseCode: 0x71 }, 'DescriptorSenseData', 'responseCode', 12],
    [{ ...DESCRIPTOR, additionalSenseCode: 256 }, 'DescriptorSenseData', 'additionalSenseCode', 14],
    [
      { ...DESCRIPTOR, descriptors: [{ kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: 1 }, { kind: 'x' }] },
      'SenseDataDescriptor',
      'kind',
      24,
    ],
  ])('%#: %s.%s at %i', (nested, structure, field, offset) => {
    expect(err(() => encodeSenseData(forwarded(nested)))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure,
      field,
      offset,
    });
  });
  it('a well-formed nested sense round-trips with its lengths computed', () => {
    const s = forwarded({ ...FIXED, responseCode: 0x71 });
    const b = encodeSenseData(s);
    expect([b.length, b[7], b[8], b[9], b[12], b[19]]).toEqual([30, 22, 0x0c, 20, 0x71, 0x0a]);
    expect(decodeSenseData(b, { strict: true })).toEqual(s);
  });
});

describe('errors thrown by the caller’s own getters', () => {
  const boom = new Error('boom');
  const throwing = <T extends object>(v: T, key: string): T =>
    Object.defineProperty({ ...v }, key, {
      enumerable: true,
      get() {
        throw boom;
      },
    });
  it('encodeSenseData: ERR_FIELD_RANGE naming the field', () => {
    for (const [value, field] of [
      [throwing(FIXED, 'segmentNumber'), 'segmentNumber'],
      [throwing(DESCRIPTOR, 'additionalSenseCode'), 'additionalSenseCode'],
    ] as const) {
      const e = err(() => encodeSenseData(value));
      expect([e.code, e.structure, e.field, e.detail, e.cause]).toEqual([
        'ERR_FIELD_RANGE',
        'SenseData',
        field,
        `reading ${field} threw an error of its own (see cause)`,
        boom,
      ]);
    }
  });
  it('isDeferredSense: ERR_FIELD_RANGE naming responseCode', () => {
    const e = err(() => isDeferredSense(throwing(FIXED, 'responseCode')));
    expect([e.code, e.structure, e.field, e.detail, e.cause]).toEqual([
      'ERR_FIELD_RANGE',
      'isDeferredSense',
      'responseCode',
      'reading responseCode threw an error of its own (see cause)',
      boom,
    ]);
  });
  it('requiredSenseDataLength of a look-alike: our own error, named SenseData', () => {
    const e = err(() => requiredSenseDataLength(new Proxy(new Uint8Array(8), {}) as never));
    expect([e.code, e.structure]).toEqual(['ERR_UNEXPECTED_VALUE', 'SenseData']);
  });
});

describe('edges of the public functions', () => {
  it('sense data written inside another structure: the 252-byte limit at its absolute offset', () => {
    const senseData = (n: number): SenseData => ({ ...FIXED, additionalSenseBytes: new Uint8Array(n) });
    // RECEIVE COPY FAILURE DETAILS (LID1): SENSE DATA from byte 60.
    expect(
      err(() => encodeCopyFailureDetailsLid1({ extendedCopyCommandStatus: 2, senseData: senseData(235) })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'CopyFailureDetailsLid1',
      field: 'additionalSenseLength',
      offset: 67,
      detail: 'sense data would be 253 bytes; at most 252 (ADDITIONAL SENSE LENGTH ≤ 244)',
    });
    const b = encodeCopyFailureDetailsLid1({ extendedCopyCommandStatus: 2, senseData: senseData(234) });
    expect([b.length, b[60], b[67]]).toEqual([312, 0x70, 244]);
  });
});
