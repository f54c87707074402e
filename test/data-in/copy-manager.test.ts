// The reference copy manager's data-in, decoded (strictly) with the data-in codecs it now uses.
import { describe, expect, it } from 'vitest';
import { encodeInquiryCdb, encodeReadCapacity16Cdb, encodeReportLunsCdb } from '../../src/cdb/index.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import {
  decodeReadCapacity16ParameterData,
  decodeReportLunsParameterData,
  decodeStandardInquiryData,
  lunToNumber,
  requiredReportLunsParameterDataLength,
  requiredStandardInquiryDataLength,
} from '../../src/data-in/index.js';

const nexus = { initiatorPortId: 'host-a', targetPortId: 1 };

function makeCm(): CopyManager {
  return new CopyManager({
    clock: new ManualClock(),
    vendorIdentification: 'ACME',
    productIdentification: 'ODX TARGET',
    logicalUnits: [
      { lun: 300, blockSize: 4096, capacity: 1n << 40n },
      { lun: 0, blockSize: 512, capacity: 1000n },
      { lun: 1, blockSize: 520, capacity: 1n << 64n },
    ],
  });
}

function dataIn(cm: CopyManager, lun: number, cdb: Uint8Array): Uint8Array {
  const r = cm.execute({ nexus, lun, cdb });
  expect(r.status).toBe(0);
  return r.dataIn ?? new Uint8Array(0);
}

describe('copy manager data-in through the data-in codecs', () => {
  it('standard INQUIRY data: 64 bytes, VERSION 06h (SPC-4), 3PC, SAM-5/SPC-4/SBC-3 VERSION DESCRIPTORs', () => {
    const cm = makeCm();
    const inq = (alloc: number, lun = 0) =>
      dataIn(cm, lun, encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: alloc, control: 0 }));
    expect(requiredStandardInquiryDataLength(inq(5))).toBe(64);
    const v = decodeStandardInquiryData(inq(255), { strict: true });
    expect(v).toMatchObject({
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      version: 6,
      responseDataFormat: 2,
      threePc: true,
      t10VendorIdentification: 'ACME    ',
      productIdentification: 'ODX TARGET      ',
      productRevisionLevel: '0100',
    });
    expect(v.vendorSpecific).toEqual(new Uint8Array(20));
    // libiscsi's iscsi-test-cu takes a 003Ch Block Limits page as SBC-3 only with 04C0h here.
    expect(v.versionDescriptors).toEqual([0x00a0, 0x0460, 0x04c0]);
    expect(inq(255).length).toBe(64);
    expect(v.truncated).toBeUndefined();
    // An unknown LUN: PERIPHERAL QUALIFIER 011b, DEVICE TYPE 1Fh.
    const none = decodeStandardInquiryData(inq(36, 7), { strict: true });
    expect([none.peripheralQualifier, none.peripheralDeviceType]).toEqual([3, 0x1f]);
  });
  it('READ CAPACITY (16): last LBA and block length per LU', () => {
    const cm = makeCm();
    const rc = (lun: number, alloc = 32) =>
      dataIn(
        cm,
        lun,
        encodeReadCapacity16Cdb({ logicalBlockAddress: 0n, allocationLength: alloc, pmi: false, control: 0 }),
      );
    expect(decodeReadCapacity16ParameterData(rc(0), { strict: true })).toEqual({
      returnedLogicalBlockAddress: 999n,
      logicalBlockLengthInBytes: 512,
      rcBasis: 0,
      pType: 0,
      protEn: false,
      pIExponent: 0,
      logicalBlocksPerPhysicalBlockExponent: 0,
      lbpme: false,
      lbprz: false,
      lowestAlignedLogicalBlockAddress: 0,
    });
    expect(decodeReadCapacity16ParameterData(rc(1), { strict: true }).returnedLogicalBlockAddress).toBe(
      (1n << 64n) - 1n,
    );
    const short = decodeReadCapacity16ParameterData(rc(300, 20), { strict: true });
    expect(short).toMatchObject({ returnedLogicalBlockAddress: (1n << 40n) - 1n, logicalBlockLengthInBytes: 4096 });
    expect(short.truncated).toBe(true);
  });
  it('REPORT LUNS: ascending, peripheral device and flat space addressing', () => {
    const cm = makeCm();
    const rl = (alloc: number) =>
      dataIn(cm, 0, encodeReportLunsCdb({ selectReport: 0, allocationLength: alloc, control: 0 }));
    const first = rl(16);
    expect(requiredReportLunsParameterDataLength(first)).toBe(32);
    expect(decodeReportLunsParameterData(first)).toMatchObject({ luns: [0n], truncated: true });
    const v = decodeReportLunsParameterData(rl(32), { strict: true });
    expect(v.luns).toEqual([0n, 0x0001_0000_0000_0000n, 0x412c_0000_0000_0000n]);
    expect(v.luns.map(lunToNumber)).toEqual([0, 1, 300]);
  });
});
