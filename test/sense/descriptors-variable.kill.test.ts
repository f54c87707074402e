/**
 * Variable-length sense data descriptors (issue 17, third mutation session): user data segment
 * referral (0Bh), forwarded sense data (0Ch), device designation (0Eh), OSD (06h-08h): the exact
 * issue each lenient check records, byte-exact encoding of referrals and their target port
 * groups, and the encoder's errors with their offsets. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import { type DescriptorSenseData, decodeSenseData, encodeSenseData } from '../../src/sense/index.js';
import { err, h, withDescriptors } from './kill-helpers.js';

const header = {
  kind: 'descriptor',
  responseCode: 0x72,
  senseKey: 5,
  additionalSenseCode: 0x24,
  additionalSenseCodeQualifier: 0,
  sdatOvfl: false,
} as const;
const decoded = (b: Uint8Array) => {
  const s = decodeSenseData(b) as DescriptorSenseData;
  return {
    descriptors: s.descriptors,
    issues: (s.issues ?? []).map((i) => [i.code, i.structure, i.field, i.offset, i.message]),
  };
};
const encode = (d: unknown) => encodeSenseData({ ...header, descriptors: [d] } as never);

describe('user data segment referral (0Bh)', () => {
  const referral = '00 00 00 01 0000000000000001 0000000000000002 0f 00 12 34';
  it('referrals with target port groups, byte-exact both ways', () => {
    const bytes = withDescriptors(`0b 2e 01 00 ${referral} 00 00 00 00 00000000000000ff 0000000000000100`);
    const d = {
      kind: 'userDataSegmentReferral',
      notAllR: true,
      userDataSegmentReferrals: [
        {
          firstUserDataSegmentLba: 1n,
          lastUserDataSegmentLba: 2n,
          targetPortGroups: [{ asymmetricAccessState: 0x0f, targetPortGroup: 0x1234 }],
        },
        { firstUserDataSegmentLba: 0xffn, lastUserDataSegmentLba: 0x100n, targetPortGroups: [] },
      ],
    };
    expect(decoded(bytes)).toEqual({ descriptors: [d], issues: [] });
    expect(decodeSenseData(bytes, { strict: true })).toEqual({ ...header, descriptors: [d] });
    expect(encode(d)).toEqual(bytes);
  });
  it('a partial referral and a target port group count that overruns are dropped with an issue', () => {
    expect(decoded(withDescriptors('0b 06 01 00 00 00 00 00'))).toEqual({
      descriptors: [{ kind: 'userDataSegmentReferral', notAllR: true, userDataSegmentReferrals: [] }],
      issues: [
        [
          'ERR_LENGTH_MISMATCH',
          'SenseDataDescriptor',
          'userDataSegmentReferral',
          12,
          'partial referral descriptor; dropped',
        ],
      ],
    });
    expect(decoded(withDescriptors('0b 16 00 00 00 00 00 05 0000000000000000 0000000000000000')).issues).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'SenseDataDescriptor',
        'numberOfTargetPortGroupDescriptors',
        15,
        '5 target port group descriptors do not fit the descriptor; referral dropped',
      ],
    ]);
  });
  it('reserved bits of a referral and of a target port group (strict)', () => {
    const bad = (desc: string) => err(() => decodeSenseData(withDescriptors(desc), { strict: true }));
    expect(bad(`0b 1a 02 00 ${referral}`)).toMatchObject({ code: 'ERR_RESERVED_NONZERO', offset: 10, bit: 1 });
    expect(bad(`0b 1a 00 00 01 ${referral.slice(3)}`)).toMatchObject({ code: 'ERR_RESERVED_NONZERO', offset: 12 });
    expect(bad(`0b 1a 00 00 ${referral.replace('0f 00', '1f 00')}`)).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 32,
      bit: 4,
    });
    expect(bad(`0b 1a 00 00 ${referral.replace('0f 00', '0f 01')}`)).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 33,
      bit: 0,
    });
  });
  it('encoder: the lists must be arrays, named at their offsets', () => {
    expect(
      err(() => encode({ kind: 'userDataSegmentReferral', notAllR: true, userDataSegmentReferrals: 5 })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'userDataSegmentReferrals',
      offset: 12,
      detail: 'not an array',
    });
    const u = { firstUserDataSegmentLba: 1n, lastUserDataSegmentLba: 2n, targetPortGroups: [] };
    expect(
      err(() =>
        encode({
          kind: 'userDataSegmentReferral',
          notAllR: true,
          userDataSegmentReferrals: [u, { ...u, targetPortGroups: 5 }],
        }),
      ),
    ).toMatchObject({ field: 'targetPortGroups', offset: 32, detail: 'not an array' });
  });
});

describe('forwarded sense data (0Ch)', () => {
  it('trailing bytes after the nested sense data', () => {
    expect(decoded(withDescriptors('0c 0c 01 02 72 06 18 07 00 00 00 00 ee ee')).issues).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'ForwardedSenseData',
        'additionalSenseLength',
        19,
        'forwarded sense data is 8 bytes but the descriptor holds 10; trailing bytes dropped',
      ],
    ]);
    // Exactly filled: no issue.
    expect(decoded(withDescriptors('0c 0a 01 02 72 06 18 07 00 00 00 00')).issues).toEqual([]);
  });
  it('nested sense data that does not decode: kept raw, the issue quotes the error', () => {
    const r = decoded(withDescriptors('0c 06 01 02 7f 01 02 03'));
    expect(r.descriptors).toEqual([
      {
        kind: 'forwardedSenseData',
        forwardedSenseDataTruncated: false,
        senseDataSource: 1,
        forwardedStatus: 2,
        senseData: h('7f 01 02 03'),
      },
    ]);
    expect(r.issues).toEqual([
      [
        'ERR_UNSUPPORTED',
        'SenseDataDescriptor',
        'forwardedSenseData',
        12,
        'forwarded sense data not decodable (ForwardedSenseData.responseCode @ byte 12: response code 0x7f is not 70h-73h (fixed or descriptor sense data)); kept raw',
      ],
    ]);
  });
  it('no nested sense data: an empty array; the header bits byte-exact', () => {
    const bytes = withDescriptors('0c 02 8f 02');
    const d = {
      kind: 'forwardedSenseData',
      forwardedSenseDataTruncated: true,
      senseDataSource: 15,
      forwardedStatus: 2,
      senseData: new Uint8Array(0),
    };
    expect(decoded(bytes)).toEqual({ descriptors: [d], issues: [] });
    expect(encode(d)).toEqual(bytes);
    expect(err(() => decodeSenseData(withDescriptors('0c 02 10 02'), { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 10,
      bit: 4,
    });
  });
});

describe('device designation (0Eh) and OSD descriptors', () => {
  it('a designation descriptor that does not decode or does not fill the descriptor: kept raw with the reason', () => {
    expect(decoded(withDescriptors('0e 08 00 01 01 03 00 08 50 00')).issues).toEqual([
      [
        'ERR_TRUNCATED',
        'SenseDataDescriptor',
        'designationDescriptor',
        16,
        'designation descriptor not decodable (DesignationDescriptor.designator @ byte 16: need bytes 4..11, have 6); kept raw',
      ],
    ]);
    const r = decoded(withDescriptors('0e 08 00 01 01 00 00 01 aa bb'));
    expect(r.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0x0e, bytes: h('00 01 01 00 00 01 aa bb') }]);
    expect(r.issues).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'DesignationDescriptor',
        'designatorLength',
        15,
        'designation descriptor is 5 bytes, the sense descriptor holds 6; kept raw',
      ],
    ]);
  });
  it('encoder errors: not a designation descriptor, a designator that is not bytes, OSD bytes', () => {
    const dd = { protocolIdentifier: 0, codeSet: 1, piv: false, association: 0, designatorType: 3 };
    expect(err(() => encode({ kind: 'deviceDesignation', usageReason: 1, designationDescriptor: null }))).toMatchObject(
      {
        code: 'ERR_FIELD_RANGE',
        structure: 'SenseDataDescriptor',
        field: 'designationDescriptor',
        offset: 12,
        detail: 'not a designation descriptor',
      },
    );
    expect(
      err(() =>
        encode({ kind: 'deviceDesignation', usageReason: 1, designationDescriptor: { ...dd, designator: [1] } }),
      ),
    ).toMatchObject({
      structure: 'DesignationDescriptor',
      field: 'designator',
      offset: 16,
      detail: 'not a Uint8Array',
    });
    expect(err(() => encode({ kind: 'osdObjectIdentification', bytes: [1] }))).toMatchObject({
      structure: 'SenseDataDescriptor',
      field: 'data',
      offset: 10,
      detail: 'not a Uint8Array',
    });
    const ok = encode({
      kind: 'deviceDesignation',
      usageReason: 7,
      designationDescriptor: { ...dd, designator: h('0102') },
    });
    expect(ok).toEqual(withDescriptors('0e 08 00 07 01 03 00 02 01 02'));
  });
});
