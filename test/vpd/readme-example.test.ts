// The README section of docs/notes/vpd.md, run as a test (keep the two in sync).
import { expect, it } from 'vitest';
import {
  decodeVpdPage,
  encodeThirdPartyCopyVpdPage,
  requiredVpdPageLength,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyVpdPage,
  validateThirdPartyCopyVpdPage,
} from '../../src/vpd/index.js';

it('README: build the 8Fh page a target advertises, then decode and lint it', () => {
  const page: ThirdPartyCopyVpdPage = {
    kind: 'thirdPartyCopy',
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
    descriptors: sortThirdPartyCopyDescriptors([
      {
        kind: 'generalCopyOperations',
        totalConcurrentCopies: 16,
        maximumIdentifiedConcurrentCopies: 16,
        maximumSegmentLength: 0,
        dataSegmentGranularity: 9,
        inlineDataGranularity: 0,
      },
      {
        kind: 'blockDeviceRodLimits',
        vendorSpecific: new Uint8Array(6),
        maximumRangeDescriptors: 8,
        maximumInactivityTimeout: 60,
        defaultInactivityTimeout: 30,
        maximumTokenTransferSize: 0x10000n,
        optimalTransferCount: 0x800n,
      },
      {
        kind: 'supportedCommands',
        commands: [
          { operationCode: 0x83, serviceActions: [0x10, 0x11] },
          { operationCode: 0x84, serviceActions: [0x03, 0x07] },
        ],
      },
    ]),
  };
  const bytes = encodeThirdPartyCopyVpdPage(page);
  expect(requiredVpdPageLength(bytes.subarray(0, 4))).toBe(bytes.length);
  const decoded = decodeVpdPage(bytes);
  expect(decoded.kind === 'thirdPartyCopy' && decoded.descriptors.map((d) => d.kind)).toEqual([
    'blockDeviceRodLimits',
    'supportedCommands',
    'generalCopyOperations',
  ]);
  expect(validateThirdPartyCopyVpdPage(bytes, { blockLength: 512 })).toEqual([]);
  // a device that forgot RRTI:
  const noRrti = {
    ...page,
    descriptors: page.descriptors.map((d) =>
      d.kind === 'supportedCommands'
        ? {
            ...d,
            commands: [
              { operationCode: 0x83, serviceActions: [0x10, 0x11] },
              { operationCode: 0x84, serviceActions: [0x03] },
            ],
          }
        : d,
    ),
  };
  const [issue] = validateThirdPartyCopyVpdPage(encodeThirdPartyCopyVpdPage(noRrti));
  expect(`${issue?.code} ${issue?.path} @ byte ${issue?.offset}: ${issue?.message}`).toBe(
    'ERR_INVALID_VALUE descriptors[1].commands @ byte 45: RECEIVE ROD TOKEN INFORMATION (0x84/0x07) is not listed although Block Device ROD Limits is present',
  );
});
