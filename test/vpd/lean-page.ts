/**
 * The 8Fh pages the lean decode and encode paths handle in full (shared by fast-decode.test.ts and
 * fast-encode.test.ts): only the descriptor types they read and write, ROD features all of known
 * kinds.
 */
import { fc } from '@fast-check/vitest';
import {
  arbBlockDeviceRodLimitsDescriptor,
  arbGeneralCopyOperationsDescriptor,
  arbRodTokenFeaturesDescriptor,
  arbSupportedCommandsDescriptor,
  arbSupportedRodTokenAndRodTypesDescriptor,
} from '../../src/arbitraries/vpd.js';
import {
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyVpdPage,
  thirdPartyCopyDescriptorType,
} from '../../src/vpd/third-party-copy.js';

/** A page of only the descriptor types the lean paths read and write. */
export const arbLeanPage: fc.Arbitrary<ThirdPartyCopyVpdPage> = fc
  .tuple(
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 31 }),
    fc.uniqueArray(
      fc.oneof(
        arbBlockDeviceRodLimitsDescriptor(),
        arbSupportedCommandsDescriptor(),
        arbRodTokenFeaturesDescriptor().map((d) => ({
          ...d,
          deviceTypeSpecificDescriptors: d.deviceTypeSpecificDescriptors.filter((x) => x.kind !== 'unknown'),
        })),
        arbSupportedRodTokenAndRodTypesDescriptor(),
        arbGeneralCopyOperationsDescriptor(),
      ),
      { selector: thirdPartyCopyDescriptorType },
    ),
  )
  .map(([peripheralQualifier, peripheralDeviceType, ds]) => ({
    kind: 'thirdPartyCopy' as const,
    peripheralQualifier,
    peripheralDeviceType,
    descriptors: sortThirdPartyCopyDescriptors(ds),
  }));
