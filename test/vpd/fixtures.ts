import type { ThirdPartyCopyVpdPage } from '../../src/vpd/third-party-copy.js';

/** A page a well-behaved ODX block target would advertise. */
export const GOOD: ThirdPartyCopyVpdPage = {
  kind: 'thirdPartyCopy',
  peripheralQualifier: 0,
  peripheralDeviceType: 0,
  descriptors: [
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
    {
      kind: 'rodTokenFeatures',
      remoteTokens: 0,
      minimumTokenLifetime: 1,
      maximumTokenLifetime: 3600,
      maximumTokenInactivityTimeout: 60,
      deviceTypeSpecificDescriptors: [
        {
          kind: 'block',
          optimalBlockRodLengthGranularity: 8,
          maximumBytesInBlockRod: 0x10000n * 512n,
          optimalBytesInBlockRodTransfer: 0x100000n,
          optimalBytesToTokenPerSegment: 0n,
          optimalBytesFromTokenPerSegment: 0n,
        },
      ],
    },
    {
      kind: 'supportedRodTokenAndRodTypes',
      rodTypes: [
        { rodType: 0x00800000, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0 },
        { rodType: 0xffff0001, ecpyInt: false, tokenIn: true, tokenOut: false, preferenceIndicator: 0 },
      ],
    },
    {
      kind: 'generalCopyOperations',
      totalConcurrentCopies: 16,
      maximumIdentifiedConcurrentCopies: 16,
      maximumSegmentLength: 0,
      dataSegmentGranularity: 9,
      inlineDataGranularity: 0,
    },
  ],
};
