/**
 * fast-check arbitraries for the VPD pages (00h, 83h, 8Fh, B0h, B1h) and every third-party copy
 * descriptor. Every arbitrary yields canonical values (strict decoding accepts their encoding);
 * they reach zero-length lists, maxima, vendor bytes and unknown descriptor types.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { BLOCK_DEVICE_ZERO_ROD_TYPE, TPC_DESCRIPTOR_TYPE } from '../constants/vpd.js';
import type { BlockDeviceCharacteristicsVpdPage } from '../vpd/block-device-characteristics.js';
import type { BlockLimitsVpdPage } from '../vpd/block-limits.js';
import type { DeviceIdentificationVpdPage } from '../vpd/device-identification.js';
import type { SupportedVpdPagesVpdPage } from '../vpd/supported-vpd-pages.js';
import {
  type BlockDeviceRodLimitsDescriptor,
  type BlockRodFeaturesDescriptor,
  type CommandSupportDescriptor,
  type CopyGroupIdentifierDescriptor,
  type CopyManagerRodFeaturesDescriptor,
  type GeneralCopyOperationsDescriptor,
  type HeldDataDescriptor,
  type ParameterDataDescriptor,
  type RodDeviceTypeSpecificFeaturesDescriptor,
  type RodTokenFeaturesDescriptor,
  type RodTypeDescriptor,
  type StreamCopyOperationsDescriptor,
  type StreamRodFeaturesDescriptor,
  type SupportedCommandsDescriptor,
  type SupportedCscdIdsDescriptor,
  type SupportedDescriptorsDescriptor,
  type SupportedRodTokenAndRodTypesDescriptor,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyDescriptor,
  type ThirdPartyCopyVpdPage,
  thirdPartyCopyDescriptorType,
  type UnknownRodFeaturesDescriptor,
  type UnknownThirdPartyCopyDescriptor,
} from '../vpd/third-party-copy.js';
import type { UnknownVpdPage, VpdPage } from '../vpd/vpd-page.js';
import { arbDesignationDescriptor } from './designation.js';

const u8 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xff });
const u16 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffff });
const u32 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffff_ffff });
const u64 = (): fc.Arbitrary<bigint> => fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** PERIPHERAL QUALIFIER and PERIPHERAL DEVICE TYPE. */
function header(): fc.Arbitrary<{ peripheralQualifier: number; peripheralDeviceType: number }> {
  return fc.record(
    { peripheralQualifier: fc.integer({ min: 0, max: 7 }), peripheralDeviceType: fc.integer({ min: 0, max: 31 }) },
    { noNullPrototype: true },
  );
}

/** Block Device ROD Limits descriptor (0000h). @remarks Since 0.1.0 */
export function arbBlockDeviceRodLimitsDescriptor(): fc.Arbitrary<BlockDeviceRodLimitsDescriptor> {
  return fc.record(
    {
      kind: fc.constant('blockDeviceRodLimits' as const),
      vendorSpecific: fc.uint8Array({ minLength: 6, maxLength: 6 }),
      maximumRangeDescriptors: u16(),
      maximumInactivityTimeout: u32(),
      defaultInactivityTimeout: u32(),
      maximumTokenTransferSize: u64(),
      optimalTransferCount: u64(),
    },
    { noNullPrototype: true },
  );
}

/** One command support descriptor. @remarks Since 0.1.0 */
export function arbCommandSupportDescriptor(maxServiceActions = 32): fc.Arbitrary<CommandSupportDescriptor> {
  return fc.record(
    { operationCode: u8(), serviceActions: fc.array(u8(), { maxLength: maxServiceActions }) },
    { noNullPrototype: true },
  );
}

/** Supported Commands descriptor (0001h); the command list reaches its 255-byte maximum. @remarks Since 0.1.0 */
export function arbSupportedCommandsDescriptor(): fc.Arbitrary<SupportedCommandsDescriptor> {
  const full: fc.Arbitrary<CommandSupportDescriptor[]> = fc.constant([
    { operationCode: 0x83, serviceActions: Array.from({ length: 253 }, (_, i) => i) },
  ]);
  return fc
    .oneof(fc.array(arbCommandSupportDescriptor(), { maxLength: 12 }), full)
    .filter((cs) => cs.reduce((n, c) => n + 2 + c.serviceActions.length, 0) <= 0xff)
    .map((commands) => ({ kind: 'supportedCommands' as const, commands }));
}

/** Parameter Data descriptor (0004h). @remarks Since 0.1.0 */
export function arbParameterDataDescriptor(): fc.Arbitrary<ParameterDataDescriptor> {
  return fc.record(
    {
      kind: fc.constant('parameterData' as const),
      maximumCscdDescriptorCount: u16(),
      maximumSegmentDescriptorCount: u16(),
      maximumDescriptorListLength: u32(),
      maximumInlineDataLength: u32(),
    },
    { noNullPrototype: true },
  );
}

/** Supported Descriptors descriptor (0008h), 0 to 255 codes. @remarks Since 0.1.0 */
export function arbSupportedDescriptorsDescriptor(): fc.Arbitrary<SupportedDescriptorsDescriptor> {
  return fc
    .array(u8(), { maxLength: 255 })
    .map((descriptorTypeCodes) => ({ kind: 'supportedDescriptors' as const, descriptorTypeCodes }));
}

/** Supported CSCD IDs descriptor (000Ch). @remarks Since 0.1.0 */
export function arbSupportedCscdIdsDescriptor(): fc.Arbitrary<SupportedCscdIdsDescriptor> {
  return fc.array(u16(), { maxLength: 40 }).map((cscdIds) => ({ kind: 'supportedCscdIds' as const, cscdIds }));
}

/** Copy Group Identifier descriptor (000Dh), 0 to 255 designator bytes. @remarks Since 0.1.0 */
export function arbCopyGroupIdentifierDescriptor(): fc.Arbitrary<CopyGroupIdentifierDescriptor> {
  return fc
    .uint8Array({ maxLength: 255 })
    .map((copyGroupIdentifier) => ({ kind: 'copyGroupIdentifier' as const, copyGroupIdentifier }));
}

function arbBlockRodFeatures(): fc.Arbitrary<BlockRodFeaturesDescriptor> {
  return fc.record(
    {
      kind: fc.constant('block' as const),
      optimalBlockRodLengthGranularity: u16(),
      maximumBytesInBlockRod: u64(),
      optimalBytesInBlockRodTransfer: u64(),
      optimalBytesToTokenPerSegment: u64(),
      optimalBytesFromTokenPerSegment: u64(),
    },
    { noNullPrototype: true },
  );
}
function arbStreamRodFeatures(): fc.Arbitrary<StreamRodFeaturesDescriptor> {
  return fc.record(
    { kind: fc.constant('stream' as const), maximumBytesInStreamRod: u64(), optimalBytesInStreamRodTransfer: u64() },
    { noNullPrototype: true },
  );
}
function arbCopyManagerRodFeatures(): fc.Arbitrary<CopyManagerRodFeaturesDescriptor> {
  return fc.record(
    {
      kind: fc.constant('copyManager' as const),
      maximumBytesInProcessorRod: u64(),
      optimalBytesInProcessorRodTransfer: u64(),
    },
    { noNullPrototype: true },
  );
}
function arbUnknownRodFeatures(): fc.Arbitrary<UnknownRodFeaturesDescriptor> {
  return fc
    .record(
      {
        kind: fc.constant('unknown' as const),
        descriptorFormat: fc.integer({ min: 0, max: 7 }),
        peripheralDeviceType: fc.integer({ min: 0, max: 31 }),
        byte1: u8(),
        bytes: fc.uint8Array({ maxLength: 60 }),
      },
      { noNullPrototype: true },
    )
    .filter((d) => d.descriptorFormat !== 0 || ![0, 1, 3].includes(d.peripheralDeviceType));
}

/** One ROD device type specific features descriptor (block, stream, copy manager or unknown). @remarks Since 0.1.0 */
export function arbRodDeviceTypeSpecificFeaturesDescriptor(): fc.Arbitrary<RodDeviceTypeSpecificFeaturesDescriptor> {
  return fc.oneof(arbBlockRodFeatures(), arbStreamRodFeatures(), arbCopyManagerRodFeatures(), arbUnknownRodFeatures());
}

/** ROD Token Features descriptor (0106h): block, stream, copy manager (each optional, in order) then unknowns. @remarks Since 0.1.0 */
export function arbRodTokenFeaturesDescriptor(): fc.Arbitrary<RodTokenFeaturesDescriptor> {
  return fc.record(
    {
      kind: fc.constant('rodTokenFeatures' as const),
      remoteTokens: fc.integer({ min: 0, max: 15 }),
      minimumTokenLifetime: u32(),
      maximumTokenLifetime: u32(),
      maximumTokenInactivityTimeout: u32(),
      deviceTypeSpecificDescriptors: fc
        .tuple(
          fc.option(arbBlockRodFeatures(), { nil: undefined }),
          fc.option(arbStreamRodFeatures(), { nil: undefined }),
          fc.option(arbCopyManagerRodFeatures(), { nil: undefined }),
          fc.array(arbUnknownRodFeatures(), { maxLength: 2 }),
        )
        .map(([b, s, c, u]) => [...[b, s, c].filter((x): x is Exclude<typeof x, undefined> => x !== undefined), ...u]),
    },
    { noNullPrototype: true },
  );
}

/** One ROD type descriptor (64 bytes). @remarks Since 0.1.0 */
export function arbRodTypeDescriptor(): fc.Arbitrary<RodTypeDescriptor> {
  return fc
    .record(
      {
        rodType: fc.oneof(u32(), fc.constantFrom(0x0001_0000, 0x0080_0000, 0x0080_0001, 0x0080_0002, 0x0080_0003)),
        ecpyInt: fc.boolean(),
        tokenIn: fc.boolean(),
        tokenOut: fc.boolean(),
        preferenceIndicator: u16(),
      },
      { noNullPrototype: true },
    )
    .map((t) => (t.rodType === BLOCK_DEVICE_ZERO_ROD_TYPE ? { ...t, tokenOut: false } : t));
}

/** Split 0xFFFF into `n` parts (for PREFERENCE INDICATORs that must sum to FFFFh). */
function splitFfff(n: number): fc.Arbitrary<number[]> {
  if (n === 0) return fc.constant([]);
  return fc.array(u16(), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const c = [0, ...cuts.sort((a, b) => a - b), 0xffff];
    return c.slice(1).map((v, i) => v - (c[i] as number));
  });
}

/**
 * Supported ROD Token and ROD Types descriptor (0108h): ascending unique ROD types, the zero
 * ROD type always with TOKEN_OUT=0, PREFERENCE INDICATORs all zero or summing to FFFFh.
 *
 * @remarks Since 0.1.0
 */
export function arbSupportedRodTokenAndRodTypesDescriptor(): fc.Arbitrary<SupportedRodTokenAndRodTypesDescriptor> {
  return fc
    .uniqueArray(
      fc.oneof(
        arbRodTypeDescriptor(),
        arbRodTypeDescriptor().map((t) => ({ ...t, rodType: BLOCK_DEVICE_ZERO_ROD_TYPE, tokenOut: false })),
      ),
      { selector: (t) => t.rodType, maxLength: 8 },
    )
    .chain((ts) =>
      fc.tuple(fc.constant(ts), fc.boolean(), splitFfff(ts.length)).map(([list, zero, prefs]) => ({
        kind: 'supportedRodTokenAndRodTypes' as const,
        rodTypes: [...list]
          .sort((a, b) => a.rodType - b.rodType)
          .map((t, i) => ({ ...t, preferenceIndicator: zero ? 0 : (prefs[i] as number) })),
      })),
    );
}

/** General Copy Operations descriptor (8001h). @remarks Since 0.1.0 */
export function arbGeneralCopyOperationsDescriptor(): fc.Arbitrary<GeneralCopyOperationsDescriptor> {
  return fc.record(
    {
      kind: fc.constant('generalCopyOperations' as const),
      totalConcurrentCopies: u32(),
      maximumIdentifiedConcurrentCopies: u32(),
      maximumSegmentLength: u32(),
      dataSegmentGranularity: u8(),
      inlineDataGranularity: u8(),
    },
    { noNullPrototype: true },
  );
}

/** Stream Copy Operations descriptor (9101h). @remarks Since 0.1.0 */
export function arbStreamCopyOperationsDescriptor(): fc.Arbitrary<StreamCopyOperationsDescriptor> {
  return u32().map((maximumStreamDeviceTransferSize) => ({
    kind: 'streamCopyOperations' as const,
    maximumStreamDeviceTransferSize,
  }));
}

/** Held Data descriptor (C001h). @remarks Since 0.1.0 */
export function arbHeldDataDescriptor(): fc.Arbitrary<HeldDataDescriptor> {
  return fc.record(
    { kind: fc.constant('heldData' as const), heldDataLimit: u32(), heldDataGranularity: u8() },
    { noNullPrototype: true },
  );
}

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(TPC_DESCRIPTOR_TYPE));

/**
 * A descriptor of a type this package does not model (reserved, restricted E000h-EFFFh, ...),
 * its raw body a multiple of 4 bytes.
 *
 * @remarks Since 0.1.0
 */
export function arbUnknownThirdPartyCopyDescriptor(): fc.Arbitrary<UnknownThirdPartyCopyDescriptor> {
  return fc
    .record(
      {
        kind: fc.constant('unknown' as const),
        descriptorType: fc.oneof(u16(), fc.integer({ min: 0xe000, max: 0xefff }), fc.constantFrom(0x0002, 0xffff)),
        bytes: fc.uint8Array({ maxLength: 64 }).map((b) => b.slice(0, b.length & ~3)),
      },
      { noNullPrototype: true },
    )
    .filter((d) => !KNOWN_TYPES.has(d.descriptorType));
}

/** Any third-party copy descriptor, every type reached. @remarks Since 0.1.0 */
export function arbThirdPartyCopyDescriptor(): fc.Arbitrary<ThirdPartyCopyDescriptor> {
  return fc.oneof(
    arbBlockDeviceRodLimitsDescriptor(),
    arbSupportedCommandsDescriptor(),
    arbParameterDataDescriptor(),
    arbSupportedDescriptorsDescriptor(),
    arbSupportedCscdIdsDescriptor(),
    arbCopyGroupIdentifierDescriptor(),
    arbRodTokenFeaturesDescriptor(),
    arbSupportedRodTokenAndRodTypesDescriptor(),
    arbGeneralCopyOperationsDescriptor(),
    arbStreamCopyOperationsDescriptor(),
    arbHeldDataDescriptor(),
    arbUnknownThirdPartyCopyDescriptor(),
  );
}

/** Third-party Copy VPD page (8Fh): unique descriptor types in ascending order (possibly none). @remarks Since 0.1.0 */
export function arbThirdPartyCopyVpdPage(): fc.Arbitrary<ThirdPartyCopyVpdPage> {
  return fc
    .tuple(
      header(),
      fc.uniqueArray(arbThirdPartyCopyDescriptor(), { selector: thirdPartyCopyDescriptorType, maxLength: 12 }),
    )
    .map(([h, ds]) => ({ kind: 'thirdPartyCopy' as const, ...h, descriptors: sortThirdPartyCopyDescriptors(ds) }));
}

/** Block Limits VPD page (B0h): the full 003Ch page or the older 0010h page. @remarks Since 0.1.0 */
export function arbBlockLimitsVpdPage(): fc.Arbitrary<BlockLimitsVpdPage> {
  return fc
    .tuple(
      header(),
      fc.record(
        {
          kind: fc.constant('blockLimits' as const),
          wsnz: fc.boolean(),
          maximumCompareAndWriteLength: u8(),
          optimalTransferLengthGranularity: u16(),
          maximumTransferLength: u32(),
          optimalTransferLength: u32(),
          maximumPrefetchLength: u32(),
        },
        { noNullPrototype: true },
      ),
      fc.option(
        fc.record(
          {
            maximumUnmapLbaCount: u32(),
            maximumUnmapBlockDescriptorCount: u32(),
            optimalUnmapGranularity: u32(),
            ugavalid: fc.boolean(),
            unmapGranularityAlignment: fc.integer({ min: 0, max: 0x7fff_ffff }),
            maximumWriteSameLength: u64(),
            maximumAtomicTransferLength: u32(),
            atomicAlignment: u32(),
            atomicTransferLengthGranularity: u32(),
            maximumAtomicTransferLengthWithAtomicBoundary: u32(),
            maximumAtomicBoundarySize: u32(),
          },
          { noNullPrototype: true },
        ),
        { nil: undefined },
      ),
    )
    .map(([h, b, extended]) => (extended === undefined ? { ...h, ...b } : { ...h, ...b, extended }));
}

/**
 * Block Device Characteristics page (B1h): every field over its whole range (reserved rotation
 * rates, vendor specific product types, reserved form factors and ZONED 11b included).
 *
 * @remarks Since 0.2.0
 */
export function arbBlockDeviceCharacteristicsVpdPage(): fc.Arbitrary<BlockDeviceCharacteristicsVpdPage> {
  const two = fc.integer({ min: 0, max: 3 });
  return fc
    .tuple(
      header(),
      fc.record(
        {
          kind: fc.constant('blockDeviceCharacteristics' as const),
          mediumRotationRate: fc.oneof(fc.constantFrom(0, 1, 0x0401, 0x1c20, 0xfffe, 0xffff), u16()),
          productType: fc.oneof(fc.constantFrom(0, 1, 7, 0xef, 0xf0, 0xff), u8()),
          wabereq: two,
          wacereq: two,
          nominalFormFactor: fc.integer({ min: 0, max: 15 }),
          mact: fc.boolean(),
          zoned: two,
          rbwz: fc.boolean(),
          bocs: fc.boolean(),
          fuab: fc.boolean(),
          vbuls: fc.boolean(),
          depopulationTime: fc.oneof(fc.constantFrom(0, 0xffff_ffff), u32()),
        },
        { noNullPrototype: true },
      ),
    )
    .map(([h, b]) => ({ ...h, ...b }));
}

/** Supported VPD Pages page (00h): ascending unique page codes, possibly none. @remarks Since 0.1.0 */
export function arbSupportedVpdPagesVpdPage(): fc.Arbitrary<SupportedVpdPagesVpdPage> {
  return fc.tuple(header(), fc.uniqueArray(u8(), { maxLength: 256 })).map(([h, codes]) => ({
    kind: 'supportedVpdPages' as const,
    ...h,
    supportedPageCodes: [...codes].sort((a, b) => a - b),
  }));
}

/** Page codes the dispatcher decodes (never produced by {@link arbUnknownVpdPage}). */
const DECODED_PAGES: ReadonlySet<number> = new Set([0x00, 0x83, 0x8f, 0xb0, 0xb1]);

/** A VPD page of a code the dispatcher does not decode, raw body kept. @remarks Since 0.1.0 */
export function arbUnknownVpdPage(): fc.Arbitrary<UnknownVpdPage> {
  return fc
    .tuple(
      header(),
      u8().filter((c) => !DECODED_PAGES.has(c)),
      fc.uint8Array({ maxLength: 80 }),
    )
    .map(([h, pageCode, raw]) => ({ kind: 'unknown' as const, ...h, pageCode, bytes: raw }));
}

/**
 * Device Identification page (83h): 0 to 8 valid designation descriptors of every type (the
 * shared designation arbitrary; strict decoding accepts them).
 *
 * @remarks Since 0.1.0
 */
export function arbDeviceIdentificationVpdPage(): fc.Arbitrary<DeviceIdentificationVpdPage> {
  return fc
    .tuple(header(), fc.array(arbDesignationDescriptor({ valid: true }), { maxLength: 8 }))
    .map(([h, designationDescriptors]) => ({ kind: 'deviceIdentification' as const, ...h, designationDescriptors }));
}

/** Any VPD page. @remarks Since 0.1.0 */
export function arbVpdPage(): fc.Arbitrary<VpdPage> {
  return fc.oneof(
    arbSupportedVpdPagesVpdPage(),
    arbDeviceIdentificationVpdPage(),
    arbThirdPartyCopyVpdPage(),
    arbBlockLimitsVpdPage(),
    arbBlockDeviceCharacteristicsVpdPage(),
    arbUnknownVpdPage(),
  );
}
