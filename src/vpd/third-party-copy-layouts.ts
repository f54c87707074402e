/**
 * Layout tables of the third-party copy descriptors (the fixed-offset part of each, header
 * included; offsets relative to the descriptor's byte 0): the one place their offsets live. The
 * descriptor codecs read and write through them and the 8Fh validator points at them.
 *
 * @see SPC-5, "Third-party Copy VPD page" and the third-party copy descriptor tables; SBC-4,
 * "Block Device ROD Limits descriptor"
 * @internal
 */
import { defineLayout, type FieldLayout, type Layout } from '../internal/layout.js';

/** DESCRIPTOR TYPE and DESCRIPTOR LENGTH (which counts from byte 4). */
const HEADER = [
  { name: 'descriptorType', offset: 0, width: 2, kind: 'uint' },
  { name: 'descriptorLength', offset: 2, width: 2, kind: 'uint', countsFrom: 4 },
] as const satisfies readonly FieldLayout[];

type HeaderName = (typeof HEADER)[number]['name'];

/** A descriptor layout: the header, then `fields`. */
function descriptor<const N extends string>(
  structure: string,
  length: number,
  fields: readonly (FieldLayout & { readonly name: N })[],
): Layout<N | HeaderName> {
  return defineLayout<N | HeaderName>(structure, length, [...HEADER, ...fields] as (FieldLayout & {
    name: N | HeaderName;
  })[]);
}

/** Block Device ROD Limits (0000h), 36 bytes. */
export const BLOCK_DEVICE_ROD_LIMITS: Layout<
  | 'defaultInactivityTimeout'
  | 'descriptorLength'
  | 'descriptorType'
  | 'maximumInactivityTimeout'
  | 'maximumRangeDescriptors'
  | 'maximumTokenTransferSize'
  | 'optimalTransferCount'
  | 'vendorSpecific'
> = descriptor('BlockDeviceRodLimitsDescriptor', 36, [
  { name: 'vendorSpecific', offset: 4, width: 6, kind: 'bytes' },
  { name: 'maximumRangeDescriptors', offset: 10, width: 2, kind: 'uint' },
  { name: 'maximumInactivityTimeout', offset: 12, width: 4, kind: 'uint' },
  { name: 'defaultInactivityTimeout', offset: 16, width: 4, kind: 'uint' },
  { name: 'maximumTokenTransferSize', offset: 20, width: 8, kind: 'bigint' },
  { name: 'optimalTransferCount', offset: 28, width: 8, kind: 'bigint' },
]);

/** Supported Commands (0001h): fixed part; the command support descriptors follow at byte 5. */
export const SUPPORTED_COMMANDS: Layout<'commandsSupportedListLength' | 'descriptorLength' | 'descriptorType'> =
  descriptor('SupportedCommandsDescriptor', 5, [
    { name: 'commandsSupportedListLength', offset: 4, width: 1, kind: 'uint', countsFrom: 5 },
  ]);

/** Parameter Data (0004h), 32 bytes. */
export const PARAMETER_DATA: Layout<
  | 'descriptorLength'
  | 'descriptorType'
  | 'maximumCscdDescriptorCount'
  | 'maximumDescriptorListLength'
  | 'maximumInlineDataLength'
  | 'maximumSegmentDescriptorCount'
  | 'reserved'
> = descriptor('ParameterDataDescriptor', 32, [
  { name: 'reserved', offset: 4, width: 4, kind: 'reserved' },
  { name: 'reserved', offset: 20, width: 12, kind: 'reserved' },
  { name: 'maximumCscdDescriptorCount', offset: 8, width: 2, kind: 'uint' },
  { name: 'maximumSegmentDescriptorCount', offset: 10, width: 2, kind: 'uint' },
  { name: 'maximumDescriptorListLength', offset: 12, width: 4, kind: 'uint' },
  // bytes 16-19 per SPC; sg3_utils reads 17-20 (off by one)
  { name: 'maximumInlineDataLength', offset: 16, width: 4, kind: 'uint' },
]);

/** Supported Descriptors (0008h): fixed part; the descriptor type codes follow at byte 5. */
export const SUPPORTED_DESCRIPTORS: Layout<'descriptorLength' | 'descriptorType' | 'supportedDescriptorListLength'> =
  descriptor('SupportedDescriptorsDescriptor', 5, [
    { name: 'supportedDescriptorListLength', offset: 4, width: 1, kind: 'uint', countsFrom: 5 },
  ]);

/** Supported CSCD IDs (000Ch): fixed part; the 2-byte CSCD IDs follow at byte 6. */
export const SUPPORTED_CSCD_IDS: Layout<'descriptorLength' | 'descriptorType' | 'supportedCscdIdsListLength'> =
  descriptor('SupportedCscdIdsDescriptor', 6, [
    { name: 'supportedCscdIdsListLength', offset: 4, width: 2, kind: 'uint', countsFrom: 6 },
  ]);

/** Copy Group Identifier (000Dh): fixed part; the identifier follows at byte 5. */
export const COPY_GROUP_IDENTIFIER: Layout<'copyGroupIdentifierLength' | 'descriptorLength' | 'descriptorType'> =
  descriptor('CopyGroupIdentifierDescriptor', 5, [
    { name: 'copyGroupIdentifierLength', offset: 4, width: 1, kind: 'uint', countsFrom: 5 },
  ]);

/** ROD Token Features (0106h): fixed part; the ROD device type specific descriptors follow at byte 48. */
export const ROD_TOKEN_FEATURES: Layout<
  | 'descriptorLength'
  | 'descriptorType'
  | 'maximumTokenInactivityTimeout'
  | 'maximumTokenLifetime'
  | 'minimumTokenLifetime'
  | 'remoteTokens'
  | 'reserved'
  | 'rodDeviceTypeSpecificFeaturesDescriptorsLength'
> = descriptor('RodTokenFeaturesDescriptor', 48, [
  { name: 'reserved', offset: 4, width: 1, kind: 'reserved', mask: 0xf0 },
  { name: 'reserved', offset: 5, width: 11, kind: 'reserved' },
  { name: 'reserved', offset: 28, width: 18, kind: 'reserved' },
  { name: 'remoteTokens', offset: 4, width: 1, kind: 'bits', hi: 3, lo: 0 },
  { name: 'minimumTokenLifetime', offset: 16, width: 4, kind: 'uint' },
  { name: 'maximumTokenLifetime', offset: 20, width: 4, kind: 'uint' },
  { name: 'maximumTokenInactivityTimeout', offset: 24, width: 4, kind: 'uint' },
  { name: 'rodDeviceTypeSpecificFeaturesDescriptorsLength', offset: 46, width: 2, kind: 'uint', countsFrom: 48 },
]);

/** Supported ROD Token and ROD Types (0108h): fixed part; the 64-byte ROD type descriptors follow at byte 8. */
export const SUPPORTED_ROD_TOKEN_AND_ROD_TYPES: Layout<
  'descriptorLength' | 'descriptorType' | 'reserved' | 'rodTypeDescriptorsLength'
> = descriptor('SupportedRodTokenAndRodTypesDescriptor', 8, [
  { name: 'reserved', offset: 4, width: 2, kind: 'reserved' },
  { name: 'rodTypeDescriptorsLength', offset: 6, width: 2, kind: 'uint', countsFrom: 8 },
]);

/** One ROD type descriptor inside 0108h (64 bytes, from its own byte 0). */
export const ROD_TYPE_DESCRIPTOR: Layout<
  'ecpyInt' | 'preferenceIndicator' | 'reserved' | 'rodType' | 'tokenIn' | 'tokenOut'
> = defineLayout('RodTypeDescriptor', 64, [
  { name: 'rodType', offset: 0, width: 4, kind: 'uint' },
  { name: 'reserved', offset: 4, width: 1, kind: 'reserved', mask: 0x7c },
  { name: 'reserved', offset: 5, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 8, width: 56, kind: 'reserved' },
  { name: 'ecpyInt', offset: 4, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'tokenIn', offset: 4, width: 1, kind: 'bit', hi: 1, lo: 1 },
  { name: 'tokenOut', offset: 4, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'preferenceIndicator', offset: 6, width: 2, kind: 'uint' },
]);

/** General Copy Operations (8001h), 36 bytes. */
export const GENERAL_COPY_OPERATIONS: Layout<
  | 'dataSegmentGranularity'
  | 'descriptorLength'
  | 'descriptorType'
  | 'inlineDataGranularity'
  | 'maximumIdentifiedConcurrentCopies'
  | 'maximumSegmentLength'
  | 'reserved'
  | 'totalConcurrentCopies'
> = descriptor('GeneralCopyOperationsDescriptor', 36, [
  { name: 'reserved', offset: 18, width: 18, kind: 'reserved' },
  { name: 'totalConcurrentCopies', offset: 4, width: 4, kind: 'uint' },
  { name: 'maximumIdentifiedConcurrentCopies', offset: 8, width: 4, kind: 'uint' },
  { name: 'maximumSegmentLength', offset: 12, width: 4, kind: 'uint' },
  { name: 'dataSegmentGranularity', offset: 16, width: 1, kind: 'uint' },
  { name: 'inlineDataGranularity', offset: 17, width: 1, kind: 'uint' },
]);

/** Stream Copy Operations (9101h), 16 bytes. */
export const STREAM_COPY_OPERATIONS: Layout<
  'descriptorLength' | 'descriptorType' | 'maximumStreamDeviceTransferSize' | 'reserved'
> = descriptor('StreamCopyOperationsDescriptor', 16, [
  { name: 'reserved', offset: 8, width: 8, kind: 'reserved' },
  { name: 'maximumStreamDeviceTransferSize', offset: 4, width: 4, kind: 'uint' },
]);

/** Held Data (C001h), 32 bytes. */
export const HELD_DATA: Layout<
  'descriptorLength' | 'descriptorType' | 'heldDataGranularity' | 'heldDataLimit' | 'reserved'
> = descriptor('HeldDataDescriptor', 32, [
  { name: 'reserved', offset: 9, width: 23, kind: 'reserved' },
  { name: 'heldDataLimit', offset: 4, width: 4, kind: 'uint' },
  { name: 'heldDataGranularity', offset: 8, width: 1, kind: 'uint' },
]);
