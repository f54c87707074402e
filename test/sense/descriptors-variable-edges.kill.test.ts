/**
 * Variable-length sense data descriptors at their edges (issue 17, fourth mutation session, for
 * the `descriptors-variable.ts` run): forwarded sense data shorter than 8 bytes, a referral with
 * two target port groups (their offsets), and which issues of a designation descriptor survive
 * when the descriptor is kept raw. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import { type DescriptorSenseData, decodeSenseData, encodeSenseData } from '../../src/sense/index.js';
import { h, withDescriptors } from './kill-helpers.js';

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

describe('forwarded sense data (0Ch) shorter than a sense data header', () => {
  it('3 bytes of fixed sense: decoded with its fields read as zero, one issue', () => {
    const r = decoded(withDescriptors('0c 05 00 02 70 00 05'));
    expect(r.descriptors).toHaveLength(1);
    expect(r.descriptors[0]).toMatchObject({
      kind: 'forwardedSenseData',
      forwardedStatus: 2,
      senseData: { kind: 'fixed', responseCode: 0x70, senseKey: 5, additionalSenseCode: 0 },
    });
    expect(r.issues).toEqual([
      ['ERR_TRUNCATED', 'ForwardedSenseData', 'additionalSenseLength', 15, 'sense data is 3 bytes, need at least 8'],
    ]);
  });
});

describe('user data segment referral (0Bh): two target port groups in one referral', () => {
  const bytes = withDescriptors(
    '0b 32 00 00' +
      ' 00 00 00 02 0000000000000010 0000000000000020 01 00 00 0a 0e 00 ff fe' +
      ' 00 00 00 00 0000000000000030 0000000000000040',
  );
  const d = {
    kind: 'userDataSegmentReferral',
    notAllR: false,
    userDataSegmentReferrals: [
      {
        firstUserDataSegmentLba: 0x10n,
        lastUserDataSegmentLba: 0x20n,
        targetPortGroups: [
          { asymmetricAccessState: 1, targetPortGroup: 0x0a },
          { asymmetricAccessState: 0x0e, targetPortGroup: 0xfffe },
        ],
      },
      { firstUserDataSegmentLba: 0x30n, lastUserDataSegmentLba: 0x40n, targetPortGroups: [] },
    ],
  };
  it('decodes (lenient and strict) and encodes byte-exact', () => {
    expect(decoded(bytes)).toEqual({ descriptors: [d], issues: [] });
    expect(decodeSenseData(bytes, { strict: true })).toEqual({ ...header, descriptors: [d] });
    expect(encodeSenseData({ ...header, descriptors: [d] } as never)).toEqual(bytes);
  });
  it('the second target port group’s reserved bits are checked at its own offset', () => {
    const bad = bytes.slice();
    bad[36] = 0x2e; // byte 0 of the second target port group (0Eh): bit 5 of the reserved bits 7:4 set
    expect(() => decodeSenseData(bad, { strict: true })).toThrow(expect.objectContaining({ offset: 36, bit: 5 }));
  });
});

describe('device designation (0Eh): issues of a designation kept raw', () => {
  it('a code set NAA does not allow, in a descriptor one byte too long: only the length issue', () => {
    const r = decoded(withDescriptors('0e 0f 00 02 02 03 00 08 50 00 c5 00 30 11 cb 2b ff'));
    expect(r.descriptors).toEqual([
      { kind: 'unknown', descriptorType: 0x0e, bytes: h('00 02 02 03 00 08 50 00 c5 00 30 11 cb 2b ff') },
    ]);
    expect(r.issues).toEqual([
      [
        'ERR_LENGTH_MISMATCH',
        'DesignationDescriptor',
        'designatorLength',
        15,
        'designation descriptor is 12 bytes, the sense descriptor holds 13; kept raw',
      ],
    ]);
  });
  it('the same designation filling the descriptor: decoded, the code set issue kept', () => {
    const r = decoded(withDescriptors('0e 0e 00 02 02 03 00 08 50 00 c5 00 30 11 cb 2b'));
    expect(r.descriptors[0]?.kind).toBe('deviceDesignation');
    expect(r.issues).toEqual([
      ['ERR_INVALID_VALUE', 'Designator', 'codeSet', 12, 'code set 0x2 is not allowed for designator type 0x3'],
    ]);
  });
});
