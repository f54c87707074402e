/**
 * Sense data descriptors, field by field (issue 17, fourth mutation session, for the
 * `descriptors.ts` and `descriptors-variable.ts` runs): the trace entry of every field of every
 * descriptor type (structure, absolute offset, length, bits), strict refusals of each type's
 * reserved bits under the descriptor's structure name, and the field each descriptor encoder
 * error names. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { type DescriptorSenseData, decodeSenseData, encodeSenseData } from '../../src/sense/index.js';
import { err, h, withDescriptors } from './kill-helpers.js';

/** `structure.field@offset+length[hi,lo]` of the trace entries from byte 8 (the descriptors) on. */
function traced(desc: string): string[] {
  const trace: TraceEntry[] = [];
  decodeSenseData(withDescriptors(desc), { trace });
  return trace
    .filter((t) => t.offset >= 8)
    .map((t) => `${t.structure}.${t.field}@${t.offset}+${t.length}${t.bits ? `[${t.bits.join(',')}]` : ''}`);
}

const HEAD = ['SenseData.descriptorType@8+1', 'SenseData.additionalLength@9+1'];
const SKS_AT_12 = [
  'SenseDataDescriptor.sksv@12+1[7,7]',
  'SenseDataDescriptor.commandData@12+1[6,6]',
  'SenseDataDescriptor.bitPointerValid@12+1[3,3]',
  'SenseDataDescriptor.bitPointer@12+1[2,0]',
  'SenseDataDescriptor.fieldPointer@13+2',
];

describe('trace of each descriptor type (at byte 8)', () => {
  it.each([
    [
      'information',
      '00 0a 80 00 01 02 03 04 05 06 07 08',
      ['SenseDataDescriptor.valid@10+1[7,7]', 'SenseDataDescriptor.information@12+8'],
    ],
    [
      'command-specific information',
      '01 0a 00 00 01 02 03 04 05 06 07 08',
      ['SenseDataDescriptor.commandSpecificInformation@12+8'],
    ],
    ['sense key specific', '02 06 00 00 c0 00 10 00', SKS_AT_12],
    ['field replaceable unit', '03 02 00 33', ['SenseDataDescriptor.fieldReplaceableUnitCode@11+1']],
    [
      'stream commands',
      '04 02 00 e0',
      [
        'SenseDataDescriptor.filemark@11+1[7,7]',
        'SenseDataDescriptor.eom@11+1[6,6]',
        'SenseDataDescriptor.ili@11+1[5,5]',
      ],
    ],
    ['block commands', '05 02 00 20', ['SenseDataDescriptor.ili@11+1[5,5]']],
    ['OSD object identification', '06 03 aa bb cc', ['SenseDataDescriptor.descriptorData@10+3']],
    [
      'ATA status return (LBA bytes high half first)',
      '09 0c 01 02 03 04 a1 b1 a2 b2 a3 b3 40 50',
      [
        'SenseDataDescriptor.lba@18+1',
        'SenseDataDescriptor.lba@16+1',
        'SenseDataDescriptor.lba@14+1',
        'SenseDataDescriptor.lba@19+1',
        'SenseDataDescriptor.lba@17+1',
        'SenseDataDescriptor.lba@15+1',
        'SenseDataDescriptor.extend@10+1[0,0]',
        'SenseDataDescriptor.error@11+1',
        'SenseDataDescriptor.count@12+2',
        'SenseDataDescriptor.device@20+1',
        'SenseDataDescriptor.status@21+1',
      ],
    ],
    [
      'another progress indication',
      '0a 06 05 24 01 00 12 34',
      [
        'SenseDataDescriptor.senseKey@10+1[3,0]',
        'SenseDataDescriptor.additionalSenseCode@11+1',
        'SenseDataDescriptor.additionalSenseCodeQualifier@12+1',
        'SenseDataDescriptor.progressIndication@14+2',
      ],
    ],
    [
      'user data segment referral (one referral, one target port group)',
      '0b 1a 00 01  00 00 00 01  00 00 00 00 00 00 00 01  00 00 00 00 00 00 00 02  03 00 12 34',
      [
        'SenseDataDescriptor.notAllR@10+1[0,0]',
        'SenseDataDescriptor.numberOfTargetPortGroupDescriptors@15+1',
        'SenseDataDescriptor.asymmetricAccessState@32+1[3,0]',
        'SenseDataDescriptor.targetPortGroup@34+2',
        'SenseDataDescriptor.firstUserDataSegmentLba@16+8',
        'SenseDataDescriptor.lastUserDataSegmentLba@24+8',
      ],
    ],
    [
      'forwarded sense data (nested fixed sense, 8 bytes)',
      '0c 0a 81 02  70 00 05 00 00 00 00 00',
      [
        'SenseDataDescriptor.forwardedSenseDataTruncated@10+1[7,7]',
        'SenseDataDescriptor.senseDataSource@10+1[3,0]',
        'SenseDataDescriptor.forwardedStatus@11+1',
        'ForwardedSenseData.responseCode@12+1[6,0]',
      ],
    ],
    [
      'direct-access block device',
      '0d 16 a0 00 c0 00 10 33 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 08',
      [
        'SenseDataDescriptor.valid@10+1[7,7]',
        'SenseDataDescriptor.ili@10+1[5,5]',
        ...SKS_AT_12,
        'SenseDataDescriptor.fieldReplaceableUnitCode@15+1',
        'SenseDataDescriptor.information@16+8',
        'SenseDataDescriptor.commandSpecificInformation@24+8',
      ],
    ],
    ['microcode activation', '0f 06 00 00 00 00 01 2c', ['SenseDataDescriptor.microcodeActivationTime@14+2']],
  ] as const)('%s', (_name, desc, want) => {
    const got = traced(desc);
    expect(got.slice(0, 2)).toEqual(HEAD);
    // The nested sense data's own fields: only its first entry is listed above.
    expect(got.slice(2, 2 + want.length)).toEqual(want);
  });
});

describe('strict: each type’s reserved bits, named SenseDataDescriptor at the absolute byte', () => {
  it.each([
    ['information byte 2', '00 0a 81 00 00 00 00 00 00 00 00 00', 10, 0],
    ['information byte 3', '00 0a 80 40 00 00 00 00 00 00 00 00', 11, 6],
    ['command-specific information byte 2', '01 0a 02 00 00 00 00 00 00 00 00 00', 10, 1],
    ['sense key specific byte 3', '02 06 00 01 00 00 00 00', 11, 0],
    ['sense key specific byte 7', '02 06 00 00 00 00 00 80', 15, 7],
    ['field replaceable unit byte 2', '03 02 10 00', 10, 4],
    ['stream commands byte 3', '04 02 00 e1', 11, 0],
    ['block commands byte 3 bit 6', '05 02 00 60', 11, 6],
    ['ATA status return byte 2', '09 0c 03 00 00 00 00 00 00 00 00 00 00 00', 10, 1],
    ['another progress indication byte 2', '0a 06 10 00 00 00 00 00', 10, 4],
    ['another progress indication byte 5', '0a 06 00 00 00 01 00 00', 13, 0],
    [
      'direct-access block device byte 2 bit 6',
      '0d 16 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
      10,
      6,
    ],
    [
      'direct-access block device byte 3',
      '0d 16 00 08 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
      11,
      3,
    ],
    ['microcode activation byte 5', '0f 06 00 00 00 02 00 00', 13, 1],
    ['user data segment referral byte 2', '0b 02 02 00', 10, 1],
    ['forwarded sense data byte 2', '0c 02 10 00', 10, 4],
    ['device designation byte 2', '0e 0e 01 02 01 03 00 08 50 00 c5 00 30 11 cb 2b', 10, 0],
  ] as const)('%s', (_name, desc, offset, bit) => {
    const b = withDescriptors(desc);
    expect(err(() => decodeSenseData(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      structure: 'SenseDataDescriptor',
      offset,
      bit,
    });
    const lenient = decodeSenseData(b) as DescriptorSenseData;
    expect(lenient.issues).toBeUndefined();
    expect(lenient.descriptors[0]?.kind).not.toBe('unknown');
  });
});

describe('descriptor encoder errors name the field', () => {
  const header = {
    kind: 'descriptor',
    responseCode: 0x72,
    senseKey: 5,
    additionalSenseCode: 0x24,
    additionalSenseCodeQualifier: 0,
    sdatOvfl: false,
  } as const;
  const referral = {
    kind: 'userDataSegmentReferral',
    notAllR: false,
    userDataSegmentReferrals: [
      {
        firstUserDataSegmentLba: 1n,
        lastUserDataSegmentLba: 2n,
        targetPortGroups: [{ asymmetricAccessState: 3, targetPortGroup: 0x1234 }],
      },
    ],
  };
  const designation = {
    kind: 'deviceDesignation',
    usageReason: 2,
    designationDescriptor: {
      protocolIdentifier: 0,
      codeSet: 1,
      piv: false,
      association: 0,
      designatorType: 3,
      designator: h('50 00 c5 00 30 11 cb 2b'),
    },
  };
  const tpg = (v: object) => ({
    ...referral,
    userDataSegmentReferrals: [
      {
        ...referral.userDataSegmentReferrals[0],
        targetPortGroups: [{ asymmetricAccessState: 3, targetPortGroup: 0x1234, ...v }],
      },
    ],
  });
  const ref = (v: object) => ({
    ...referral,
    userDataSegmentReferrals: [{ ...referral.userDataSegmentReferrals[0], ...v }],
  });
  it.each([
    [
      'unknown descriptor type',
      { kind: 'unknown', descriptorType: 0x100, bytes: new Uint8Array(0) },
      'descriptorType',
      8,
    ],
    ['notAllR', { ...referral, notAllR: 1 }, 'notAllR', 10],
    ['firstUserDataSegmentLba', ref({ firstUserDataSegmentLba: -1n }), 'firstUserDataSegmentLba', 16],
    ['lastUserDataSegmentLba', ref({ lastUserDataSegmentLba: 1n << 64n }), 'lastUserDataSegmentLba', 24],
    ['asymmetricAccessState', tpg({ asymmetricAccessState: 16 }), 'asymmetricAccessState', 32],
    ['targetPortGroup', tpg({ targetPortGroup: 0x10000 }), 'targetPortGroup', 34],
    ['usageReason', { ...designation, usageReason: 256 }, 'usageReason', 11],
  ] as const)('%s', (_name, d, field, offset) => {
    expect(err(() => encodeSenseData({ ...header, descriptors: [d] } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field,
      offset,
    });
  });
  it('the well-formed referral and designation encode byte-exact', () => {
    const b = encodeSenseData({ ...header, descriptors: [referral, designation] } as never);
    expect(b).toEqual(
      withDescriptors(
        '0b 1a 00 00  00 00 00 01  00 00 00 00 00 00 00 01  00 00 00 00 00 00 00 02  03 00 12 34' +
          '0e 0e 00 02 01 03 00 08 50 00 c5 00 30 11 cb 2b',
      ),
    );
  });
});
