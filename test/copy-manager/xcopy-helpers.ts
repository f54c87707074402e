import { encodeInquiryCdb } from '../../src/cdb/index.js';
import type { CscdDescriptor, SegmentDescriptor } from '../../src/parameter-list/index.js';
import { decodeDeviceIdentificationVpdPage } from '../../src/vpd/index.js';
import { expectGood, type Host } from './helpers.js';

/** The NAA designator (association 0, type 3) of a LU, from its VPD page 83h. */
export function luNaa(h: Host, lun: number): Uint8Array {
  const r = h.run(lun, encodeInquiryCdb({ evpd: true, pageCode: 0x83, allocationLength: 1024, control: 0 }));
  expectGood(r);
  const page = decodeDeviceIdentificationVpdPage(r.dataIn as Uint8Array);
  const d = page.designationDescriptors.find((x) => x.association === 0 && x.designatorType === 3);
  return (d as { designator: Uint8Array }).designator;
}

/** An E4h CSCD descriptor naming that designator. */
export function e4(naa: Uint8Array, diskBlockLength = 0): CscdDescriptor {
  return {
    kind: 'identification',
    luIdType: 0,
    peripheralDeviceType: 0,
    relativeInitiatorPortIdentifier: 0,
    designationDescriptor: {
      protocolIdentifier: 0,
      codeSet: 1,
      piv: false,
      association: 0,
      designatorType: 3,
      designator: naa,
    },
    pad: false,
    fixed: false,
    diskBlockLength,
  };
}

/** A 02h block → block segment descriptor. */
export function b2b(src: number, dst: number, blocks: number, srcLba: bigint, dstLba: bigint): SegmentDescriptor {
  return {
    kind: 'blockToBlock',
    dc: false,
    cat: false,
    sourceCscdDescriptorId: src,
    destinationCscdDescriptorId: dst,
    blockDeviceNumberOfBlocks: blocks,
    sourceBlockDeviceLogicalBlockAddress: srcLba,
    destinationBlockDeviceLogicalBlockAddress: dstLba,
  };
}

/** A 0Ah block → block segment descriptor with byte offsets. */
export function b2bOffsets(
  src: number,
  dst: number,
  numberOfBytes: number,
  srcLba: bigint,
  dstLba: bigint,
  srcOffset: number,
  dstOffset: number,
): SegmentDescriptor {
  return {
    kind: 'blockToBlockWithOffsets',
    cat: false,
    sourceCscdDescriptorId: src,
    destinationCscdDescriptorId: dst,
    numberOfBytes,
    sourceBlockDeviceLogicalBlockAddress: srcLba,
    destinationBlockDeviceLogicalBlockAddress: dstLba,
    sourceBlockDeviceByteOffset: srcOffset,
    destinationBlockDeviceByteOffset: dstOffset,
  };
}
