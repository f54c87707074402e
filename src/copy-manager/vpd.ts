/**
 * The copy manager's Third-party Copy VPD page (8Fh) descriptors, straight from its limits.
 *
 * @internal
 */
import { OPCODE } from '../cdb/index.js';
import { ROD_TYPE } from '../constants/rod-type.js';
import type { RodTypeDescriptor, ThirdPartyCopyDescriptor } from '../vpd/index.js';
import { SUPPORTED_COMMANDS } from './commands.js';
import type { Engine, Lu } from './engine.js';
import { extendedCopyVpdDescriptors, XCOPY_LIMITS } from './extended-copy-results.js';

/** The ROD types of the Supported ROD Token and ROD Types descriptor. */
const ROD_TYPES: readonly RodTypeDescriptor[] = [
  // Access upon reference: recognised, never made (POPULATE TOKEN makes point in time tokens only).
  {
    rodType: ROD_TYPE.ACCESS_UPON_REFERENCE,
    ecpyInt: false,
    tokenIn: true,
    tokenOut: false,
    preferenceIndicator: 0,
  },
  {
    rodType: ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
    ecpyInt: false,
    tokenIn: true,
    tokenOut: true,
    preferenceIndicator: 0,
  },
  {
    rodType: ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
    ecpyInt: false,
    tokenIn: true,
    tokenOut: true,
    preferenceIndicator: 0,
  },
  {
    rodType: ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
    ecpyInt: false,
    tokenIn: true,
    tokenOut: true,
    preferenceIndicator: 0,
  },
  {
    rodType: ROD_TYPE.BLOCK_DEVICE_ZERO,
    ecpyInt: false,
    tokenIn: true,
    tokenOut: false,
    preferenceIndicator: 0,
  },
];

/** The third-party copy commands of the command table, as the 8Fh supported commands descriptor lists them. */
function thirdPartyCopyCommands(): { operationCode: number; serviceActions: number[] }[] {
  return [OPCODE.THIRD_PARTY_COPY_OUT, OPCODE.THIRD_PARTY_COPY_IN].map((operationCode) => ({
    operationCode,
    serviceActions: SUPPORTED_COMMANDS.filter((c) => c.operationCode === operationCode).map(
      (c) => c.serviceAction as number,
    ),
  }));
}

/** The 8Fh descriptors of a logical unit, straight from the enforced limits. */
export function thirdPartyCopyDescriptors(e: Engine, lu: Lu): ThirdPartyCopyDescriptor[] {
  const lim = e.limits;
  return [
    {
      kind: 'blockDeviceRodLimits',
      vendorSpecific: new Uint8Array(6),
      maximumRangeDescriptors: lim.maxRangeDescriptors,
      maximumInactivityTimeout: lim.maxInactivityTimeout,
      defaultInactivityTimeout: lim.defaultInactivityTimeout,
      maximumTokenTransferSize: lim.maxTokenTransferSize,
      optimalTransferCount: 0n,
    },
    { kind: 'supportedCommands', commands: thirdPartyCopyCommands() },
    ...extendedCopyVpdDescriptors(),
    {
      kind: 'rodTokenFeatures',
      remoteTokens: 0,
      // No absolute lifetime: a token lives while it is used within its inactivity timeout.
      minimumTokenLifetime: 0,
      maximumTokenLifetime: 0xffff_ffff,
      maximumTokenInactivityTimeout: lim.maxInactivityTimeout,
      // SPC-5: the block ROD descriptor shall be included for a block device. MAXIMUM BYTES IN
      // BLOCK ROD limits each range descriptor and the total (SBC-5 5.12.3): the token transfer
      // size in bytes, so a single extent may be as large as a whole token (not MAXIMUM TRANSFER
      // LENGTH, which Windows ignores when it builds range descriptors).
      deviceTypeSpecificDescriptors: [
        {
          kind: 'block',
          optimalBlockRodLengthGranularity: 1,
          maximumBytesInBlockRod: lim.maxTokenTransferSize * BigInt(lu.blockSize),
          optimalBytesInBlockRodTransfer: 0n,
          optimalBytesToTokenPerSegment: 0n,
          optimalBytesFromTokenPerSegment: 0n,
        },
      ],
    },
    { kind: 'supportedRodTokenAndRodTypes', rodTypes: [...ROD_TYPES] },
    {
      kind: 'generalCopyOperations',
      totalConcurrentCopies: lim.maxConcurrentCopies,
      maximumIdentifiedConcurrentCopies: lim.maxConcurrentCopies,
      maximumSegmentLength: XCOPY_LIMITS.maxSegmentLength,
      dataSegmentGranularity: 0,
      inlineDataGranularity: 0,
    },
  ];
}
