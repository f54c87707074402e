/**
 * VPD pages 00h, 83h, 8Fh, B0h and B1h as decoded structures, every field (issue 17, fourth
 * session): limits other than the defaults, so that a field taken from the wrong limit shows.
 * Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeInquiryCdb } from '../../src/cdb/index.js';
import { decodeDeviceIdentificationVpdPage, decodeVpdPage } from '../../src/vpd/index.js';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const LIMITS = {
  maxTokenTransferSize: 1000n,
  maxRangeDescriptors: 7,
  maxConcurrentCopies: 3,
  maxInactivityTimeout: 900,
  defaultInactivityTimeout: 30,
  maxTransferLength: 77,
};

function vpdBytes(h: Host, lun: number, pageCode: number): Uint8Array {
  const r = h.run(lun, encodeInquiryCdb({ evpd: true, pageCode, allocationLength: 4096, control: 0 }));
  expectGood(r);
  return r.dataIn as Uint8Array;
}

function vpd(h: Host, lun: number, pageCode: number) {
  return decodeVpdPage(vpdBytes(h, lun, pageCode), { strict: true });
}

function vpd83(h: Host, lun: number) {
  return decodeDeviceIdentificationVpdPage(vpdBytes(h, lun, 0x83), { strict: true });
}

const HEAD = { peripheralQualifier: 0, peripheralDeviceType: 0 };

describe('VPD pages of LU 1 (4096-byte blocks)', () => {
  test('00h: the five pages', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    expect(vpd(h, 1, 0x00)).toEqual({
      kind: 'supportedVpdPages',
      ...HEAD,
      supportedPageCodes: [0, 0x83, 0x8f, 0xb0, 0xb1],
    });
  });

  test('83h: the LU NAA (the device NAA with the LUN in its last two bytes), the port, the device NAA', () => {
    const h = new Host(makeCm(LIMITS).cm, { initiatorPortId: 'x', targetPortId: 0x1234 });
    const page = vpd83(h, 1);
    const dev = page.designationDescriptors[2]?.designator as Uint8Array;
    expect(dev.length).toBe(8);
    expect((dev[0] as number) >> 4).toBe(3); // NAA 3: locally assigned
    const d = { protocolIdentifier: 0, codeSet: 1, piv: false };
    expect(page).toEqual({
      kind: 'deviceIdentification',
      ...HEAD,
      designationDescriptors: [
        { ...d, association: 0, designatorType: 3, designator: new Uint8Array([...dev.subarray(0, 6), 0, 1]) },
        { ...d, association: 1, designatorType: 4, designator: new Uint8Array([0, 0, 0x12, 0x34]) },
        { ...d, association: 2, designatorType: 3, designator: dev },
      ],
    });
  });

  test('83h with target port groups: the group of the port, after the port', () => {
    const { cm } = makeCm({
      ...LIMITS,
      targetPortGroups: [
        { id: 5, relativeTargetPortIds: [1] },
        { id: 0x0a0b, relativeTargetPortIds: [2, 3] },
      ],
    });
    const page = vpd83(new Host(cm, { initiatorPortId: 'x', targetPortId: 3 }), 0);
    expect(page.designationDescriptors.map((x) => [x.association, x.designatorType])).toEqual([
      [0, 3],
      [1, 4],
      [1, 5],
      [2, 3],
    ]);
    expect(page.designationDescriptors[2]?.designator).toEqual(new Uint8Array([0, 0, 0x0a, 0x0b]));
    // A port in no group: no group designator.
    const alone = vpd83(new Host(cm, { initiatorPortId: 'x', targetPortId: 9 }), 0);
    expect(alone.designationDescriptors.length).toBe(3);
  });

  test('8Fh: every descriptor from the limits', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    const rod = (rodType: number, tokenOut: boolean) => ({
      rodType,
      ecpyInt: false,
      tokenIn: true,
      tokenOut,
      preferenceIndicator: 0,
    });
    expect(vpd(h, 1, 0x8f)).toEqual({
      kind: 'thirdPartyCopy',
      ...HEAD,
      descriptors: [
        {
          kind: 'blockDeviceRodLimits',
          vendorSpecific: new Uint8Array(6),
          maximumRangeDescriptors: 7,
          maximumInactivityTimeout: 900,
          defaultInactivityTimeout: 30,
          maximumTokenTransferSize: 1000n,
          optimalTransferCount: 0n,
        },
        {
          kind: 'supportedCommands',
          commands: [
            { operationCode: 0x83, serviceActions: [0x00, 0x01, 0x10, 0x11, 0x1c] },
            { operationCode: 0x84, serviceActions: [0x00, 0x01, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08] },
          ],
        },
        {
          kind: 'parameterData',
          maximumCscdDescriptorCount: 16,
          maximumSegmentDescriptorCount: 64,
          maximumDescriptorListLength: 2560,
          maximumInlineDataLength: 0,
        },
        { kind: 'supportedDescriptors', descriptorTypeCodes: [0x02, 0x0a, 0xe4] },
        { kind: 'supportedCscdIds', cscdIds: [0xffff] },
        {
          kind: 'rodTokenFeatures',
          remoteTokens: 0,
          minimumTokenLifetime: 0,
          maximumTokenLifetime: 0xffff_ffff,
          maximumTokenInactivityTimeout: 900,
          deviceTypeSpecificDescriptors: [
            {
              kind: 'block',
              optimalBlockRodLengthGranularity: 1,
              maximumBytesInBlockRod: 1000n * 4096n,
              optimalBytesInBlockRodTransfer: 0n,
              optimalBytesToTokenPerSegment: 0n,
              optimalBytesFromTokenPerSegment: 0n,
            },
          ],
        },
        {
          kind: 'supportedRodTokenAndRodTypes',
          rodTypes: [
            rod(0x0001_0000, false),
            rod(0x0080_0000, true),
            rod(0x0080_0001, true),
            rod(0x0080_0002, true),
            rod(0xffff_0001, false),
          ],
        },
        {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 3,
          maximumIdentifiedConcurrentCopies: 3,
          maximumSegmentLength: 256 * 1024 * 1024,
          dataSegmentGranularity: 0,
          inlineDataGranularity: 0,
        },
      ],
    });
  });

  test('B0h: MAXIMUM TRANSFER LENGTH from the limit, everything else 0', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    expect(vpd(h, 1, 0xb0)).toEqual({
      kind: 'blockLimits',
      ...HEAD,
      wsnz: false,
      maximumCompareAndWriteLength: 0,
      optimalTransferLengthGranularity: 0,
      maximumTransferLength: 77,
      optimalTransferLength: 0,
      maximumPrefetchLength: 0,
      extended: {
        maximumUnmapLbaCount: 0,
        maximumUnmapBlockDescriptorCount: 0,
        optimalUnmapGranularity: 0,
        ugavalid: false,
        unmapGranularityAlignment: 0,
        maximumWriteSameLength: 0n,
        maximumAtomicTransferLength: 0,
        atomicAlignment: 0,
        atomicTransferLengthGranularity: 0,
        maximumAtomicTransferLengthWithAtomicBoundary: 0,
        maximumAtomicBoundarySize: 0,
      },
    });
  });

  test('B1h: non-rotating, nothing else', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    expect(vpd(h, 1, 0xb1)).toEqual({
      kind: 'blockDeviceCharacteristics',
      ...HEAD,
      mediumRotationRate: 1,
      productType: 0,
      wabereq: 0,
      wacereq: 0,
      nominalFormFactor: 0,
      mact: false,
      zoned: 0,
      rbwz: false,
      bocs: false,
      fuab: false,
      vbuls: false,
      depopulationTime: 0,
    });
  });

  test('a page not served: 24h/00h at PAGE CODE; EVPD = 0 with a page code: at PAGE CODE too', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    const sense = { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } };
    for (const pageCode of [0x80, 0xb2]) {
      expectSense(h.run(0, encodeInquiryCdb({ evpd: true, pageCode, allocationLength: 255, control: 0 })), sense);
    }
    const std = encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 255, control: 0 });
    std[2] = 0x83; // a page code with EVPD = 0 (the encoder refuses to build it)
    expectSense(h.run(0, std), sense);
  });

  test('a LUN with no logical unit: standard INQUIRY answers (PQ 3), a VPD page is 25h/00h', () => {
    const h = new Host(makeCm(LIMITS).cm, A1);
    const std = h.run(5, encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 255, control: 0 }));
    expectGood(std);
    expect((std.dataIn as Uint8Array)[0]).toBe(0x7f);
    expectSense(h.run(5, encodeInquiryCdb({ evpd: true, pageCode: 0, allocationLength: 255, control: 0 })), {
      key: 5,
      asc: 0x25,
      ascq: 0,
    });
  });
});
