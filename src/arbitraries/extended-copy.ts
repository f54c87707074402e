/**
 * fast-check arbitraries for the EXTENDED COPY parameter lists (LID1, LID4), CSCD descriptors and
 * segment descriptors.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type BlockToBlockSegmentDescriptor,
  type BlockToBlockWithOffsetsSegmentDescriptor,
  type CscdDescriptor,
  cscdDescriptorLength,
  type ExtendedCopyLid1ParameterList,
  type ExtendedCopyLid4ParameterList,
  type OtherCscdDescriptor,
  type OtherSegmentDescriptor,
  SEGMENT_DESCRIPTOR_TYPE,
  type SegmentDescriptor,
} from '../parameter-list/extended-copy.js';
import { IDENTIFICATION_DESCRIPTOR_CSCD_TYPE } from '../rod-token/identification-descriptor-cscd.js';
import { arbU64, arbUint } from './cdb.js';
import { arbIdentificationDescriptorCscd } from './rod-token.js';

const opts = { noNullPrototype: true } as const;

/** Options of the EXTENDED COPY arbitraries. @remarks Since 0.2.0 */
export interface ArbExtendedCopyOptions {
  /** Only values strict decoding accepts (E4h descriptors with reserved fields zero). */
  readonly valid?: boolean;
  /** Most CSCD descriptors in a list (default 4). */
  readonly maxCscdDescriptors?: number;
  /** Most segment descriptors in a list (default 4). */
  readonly maxSegmentDescriptors?: number;
}

/** CSCD IDs: 0, small indexes, the reserved/special ones (F800h-FFFFh) and any u16. */
function arbCscdId(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, 1, 0x07ff, 0xf800, 0xfffe, 0xffff), arbUint(16));
}

/** A CSCD descriptor other than E4h (Fibre Channel, SAS, IPv4/IPv6, ROD, vendor codes). @remarks Since 0.2.0 */
export function arbOtherCscdDescriptor(): fc.Arbitrary<OtherCscdDescriptor> {
  return fc
    .record(
      {
        kind: fc.constant('other' as const),
        descriptorTypeCode: fc.oneof(
          fc.constantFrom(0xe0, 0xe1, 0xe2, 0xe3, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xfe, 0xff),
          fc.integer({ min: 0, max: 0xff }).filter((t) => t !== IDENTIFICATION_DESCRIPTOR_CSCD_TYPE),
        ),
        luIdType: fc.integer({ min: 0, max: 3 }),
        nul: fc.boolean(),
        peripheralDeviceType: fc.integer({ min: 0, max: 31 }),
        relativeInitiatorPortIdentifier: arbUint(16),
        cscdParameters: fc.uint8Array({ minLength: 24, maxLength: 24 }),
        deviceTypeSpecificParameters: fc.uint8Array({ minLength: 4, maxLength: 4 }),
        more: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      },
      opts,
    )
    .map(
      ({ more, ...d }): OtherCscdDescriptor =>
        cscdDescriptorLength(d.descriptorTypeCode) > 32 ? { ...d, moreParameters: more } : d,
    );
}

/** Any CSCD descriptor (E4h identification descriptors weighted up). @remarks Since 0.2.0 */
export function arbCscdDescriptor(options?: ArbExtendedCopyOptions): fc.Arbitrary<CscdDescriptor> {
  const e4 = arbIdentificationDescriptorCscd({ valid: options?.valid === true }).map(
    (d): CscdDescriptor => ({ kind: 'identification', ...d }),
  );
  return fc.oneof({ weight: 3, arbitrary: e4 }, { weight: 1, arbitrary: arbOtherCscdDescriptor() });
}

/** A block → block segment descriptor (02h). @remarks Since 0.2.0 */
export function arbBlockToBlockSegmentDescriptor(): fc.Arbitrary<BlockToBlockSegmentDescriptor> {
  return fc.record(
    {
      kind: fc.constant('blockToBlock' as const),
      dc: fc.boolean(),
      cat: fc.boolean(),
      sourceCscdDescriptorId: arbCscdId(),
      destinationCscdDescriptorId: arbCscdId(),
      blockDeviceNumberOfBlocks: arbUint(16),
      sourceBlockDeviceLogicalBlockAddress: arbU64(),
      destinationBlockDeviceLogicalBlockAddress: arbU64(),
    },
    opts,
  );
}

/** A block with offset → block with offset segment descriptor (0Ah). @remarks Since 0.2.0 */
export function arbBlockToBlockWithOffsetsSegmentDescriptor(): fc.Arbitrary<BlockToBlockWithOffsetsSegmentDescriptor> {
  return fc.record(
    {
      kind: fc.constant('blockToBlockWithOffsets' as const),
      cat: fc.boolean(),
      sourceCscdDescriptorId: arbCscdId(),
      destinationCscdDescriptorId: arbCscdId(),
      numberOfBytes: arbUint(32),
      sourceBlockDeviceLogicalBlockAddress: arbU64(),
      destinationBlockDeviceLogicalBlockAddress: arbU64(),
      sourceBlockDeviceByteOffset: arbUint(16),
      destinationBlockDeviceByteOffset: arbUint(16),
    },
    opts,
  );
}

/** Any other segment descriptor type, raw (0 to 40 parameter bytes). @remarks Since 0.2.0 */
export function arbOtherSegmentDescriptor(): fc.Arbitrary<OtherSegmentDescriptor> {
  return fc.record(
    {
      kind: fc.constant('other' as const),
      descriptorTypeCode: fc
        .oneof(fc.constantFrom(0x00, 0x01, 0x03, 0x04, 0x05, 0x09, 0x0e, 0x0f, 0x10, 0xbf, 0xff), arbUint(8))
        .filter(
          (t) =>
            t !== SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK && t !== SEGMENT_DESCRIPTOR_TYPE.BLOCK_TO_BLOCK_WITH_OFFSETS,
        ),
      byte1: arbUint(8),
      bytes: fc.uint8Array({ maxLength: 40 }),
    },
    opts,
  );
}

/** Any segment descriptor. @remarks Since 0.2.0 */
export function arbSegmentDescriptor(): fc.Arbitrary<SegmentDescriptor> {
  return fc.oneof(
    { weight: 4, arbitrary: arbBlockToBlockSegmentDescriptor() },
    { weight: 2, arbitrary: arbBlockToBlockWithOffsetsSegmentDescriptor() },
    { weight: 1, arbitrary: arbOtherSegmentDescriptor() },
  );
}

function arbBody(options?: ArbExtendedCopyOptions) {
  return {
    str: fc.boolean(),
    listIdUsage: fc.integer({ min: 0, max: 3 }),
    priority: fc.integer({ min: 0, max: 7 }),
    cscdDescriptors: fc.array(arbCscdDescriptor(options), { maxLength: options?.maxCscdDescriptors ?? 4 }),
    segmentDescriptors: fc.array(arbSegmentDescriptor(), { maxLength: options?.maxSegmentDescriptors ?? 4 }),
    inlineData: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 24 })),
  };
}

/** An EXTENDED COPY (LID1) parameter list (empty lists included). @remarks Since 0.2.0 */
export function arbExtendedCopyLid1ParameterList(
  options?: ArbExtendedCopyOptions,
): fc.Arbitrary<ExtendedCopyLid1ParameterList> {
  return fc.record({ listIdentifier: arbUint(8), ...arbBody(options) }, opts);
}

/** An EXTENDED COPY (LID4) parameter list (LIST FORMAT 01h when `valid`). @remarks Since 0.2.0 */
export function arbExtendedCopyLid4ParameterList(
  options?: ArbExtendedCopyOptions,
): fc.Arbitrary<ExtendedCopyLid4ParameterList> {
  return fc.record(
    {
      listFormat: options?.valid === true ? fc.constant(1) : fc.oneof(fc.constant(1), arbUint(8)),
      gSense: fc.boolean(),
      immed: fc.boolean(),
      // 0020h and FFh (SPC-4 table 126) when `valid`, else also any other value
      headerCscdDescriptorListLength:
        options?.valid === true ? fc.constant(0x20) : fc.oneof(fc.constant(0x20), arbUint(16)),
      headerCscdDescriptorTypeCode:
        options?.valid === true ? fc.constant(0xff) : fc.oneof(fc.constant(0xff), arbUint(8)),
      listIdentifier: arbUint(32),
      ...arbBody(options),
    },
    opts,
  );
}
