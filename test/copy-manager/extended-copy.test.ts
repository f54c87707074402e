/**
 * EXTENDED COPY (LID1) and RECEIVE COPY RESULTS in the copy manager: block → block copies between
 * LUs named by their VPD 83h designators, list identifiers, limits, and the sense of malformed lists.
 */
import { describe, expect, it } from 'vitest';
import {
  encodeExtendedCopyLid1Cdb,
  encodeInquiryCdb,
  encodeReceiveCopyFailureDetailsLid1Cdb,
  encodeReceiveCopyOperatingParametersCdb,
  encodeReceiveCopyStatusLid1Cdb,
} from '../../src/cdb/index.js';
import {
  type CscdDescriptor,
  type ExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid1ParameterList,
  type SegmentDescriptor,
} from '../../src/parameter-list/index.js';
import {
  decodeCopyFailureDetailsLid1,
  decodeCopyOperatingParameters,
  decodeCopyStatusLid1,
} from '../../src/status/index.js';
import { decodeThirdPartyCopyVpdPage } from '../../src/vpd/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';
import { b2b, e4, luNaa } from './xcopy-helpers.js';

function list(
  cscd: CscdDescriptor[],
  segs: SegmentDescriptor[],
  o: Partial<ExtendedCopyLid1ParameterList> = {},
): Uint8Array {
  return encodeExtendedCopyLid1ParameterList({
    listIdentifier: 1,
    str: false,
    listIdUsage: 0,
    priority: 0,
    cscdDescriptors: cscd,
    segmentDescriptors: segs,
    inlineData: new Uint8Array(0),
    ...o,
  });
}

function xcopy(h: Host, lun: number, p: Uint8Array, pll = p.length) {
  return h.run(lun, encodeExtendedCopyLid1Cdb({ parameterListLength: pll, control: 0 }), p);
}

const COPY_ABORTED = 0x0a;
const ILLEGAL = 0x05;

describe('EXTENDED COPY (LID1)', () => {
  it('copies blocks between two LUs named by their NAA designators, and reports the status', () => {
    const { cm } = makeCm({
      logicalUnits: [
        { blockSize: 512, capacity: 4096n },
        { blockSize: 512, capacity: 4096n },
      ],
    });
    const h = new Host(cm, A1);
    const data = pattern(16, 512, 7);
    expectGood(h.write(0, 100, data, 512));
    const p = list([e4(luNaa(h, 0)), e4(luNaa(h, 1), 512)], [b2b(0, 1, 16, 100n, 200n), b2b(0, 0, 4, 100n, 0n)], {
      listIdentifier: 9,
    });
    expectGood(xcopy(h, 1, p));
    expect(h.read(1, 200, 16).dataIn).toEqual(data);
    expect(h.read(0, 0, 4).dataIn).toEqual(data.subarray(0, 4 * 512));
    const st = h.run(1, encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 9, allocationLength: 64, control: 0 }));
    expectGood(st);
    const s = decodeCopyStatusLid1(st.dataIn as Uint8Array);
    expect(s).toMatchObject({
      copyCommandStatus: 1,
      segmentsProcessed: 2,
      transferCountUnits: 0,
      transferCount: 20 * 512,
    });
    // The result belongs to that I_T_L nexus only.
    const other = new Host(cm, B1).run(
      1,
      encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 9, allocationLength: 64, control: 0 }),
    );
    expectSense(other, { key: ILLEGAL, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });

  it('CSCD ID FFFFh is the LU the command was sent to; NO LIST ID keeps no result', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const data = pattern(2, 4096, 3);
    expectGood(h.write(1, 5, data, 4096));
    const p = list([], [b2b(0xffff, 0xffff, 2, 5n, 50n)], { listIdentifier: 0, listIdUsage: 3 });
    expectGood(xcopy(h, 1, p));
    expect(h.read(1, 50, 2).dataIn).toEqual(data);
    const st = h.run(1, encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 0, allocationLength: 64, control: 0 }));
    expectSense(st, { key: ILLEGAL, asc: 0x24, ascq: 0 });
  });

  it('a designator this copy manager does not serve is COPY TARGET DEVICE NOT REACHABLE (CVE-2020-28374)', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const foreign = new Uint8Array([0x60, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const p = list([e4(luNaa(h, 0)), e4(foreign)], [b2b(1, 0, 1, 0n, 0n)], { listIdentifier: 3 });
    expectSense(xcopy(h, 0, p), { key: COPY_ABORTED, asc: 0x0d, ascq: 0x02 });
    const fd = h.run(
      0,
      encodeReceiveCopyFailureDetailsLid1Cdb({ listIdentifier: 3, allocationLength: 255, control: 0 }),
    );
    expectGood(fd);
    const d = decodeCopyFailureDetailsLid1(fd.dataIn as Uint8Array);
    expect(d.extendedCopyCommandStatus).toBe(2);
    expect(d.senseData?.senseKey).toBe(COPY_ABORTED);
  });

  it('malformed lists get the SPC sense with their field pointers', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const naa = luNaa(h, 0);
    const good = list([e4(naa)], [b2b(0, 0, 1, 0n, 1n)]);
    // Truncated lists: PARAMETER LIST LENGTH ERROR.
    expectSense(xcopy(h, 0, good.subarray(0, 16 + 31)), { key: ILLEGAL, asc: 0x1a, ascq: 0 });
    expectSense(xcopy(h, 0, good.subarray(0, good.length - 1)), { key: ILLEGAL, asc: 0x1a, ascq: 0 });
    // Unsupported CSCD and segment types.
    const fc = list(
      [
        {
          ...(e4(naa) as object),
          kind: 'other',
          descriptorTypeCode: 0xe0,
          nul: false,
          cscdParameters: new Uint8Array(24),
          deviceTypeSpecificParameters: new Uint8Array(4),
        } as CscdDescriptor,
      ],
      [b2b(0, 0, 1, 0n, 1n)],
    );
    expectSense(xcopy(h, 0, fc), { key: ILLEGAL, asc: 0x26, ascq: 0x07, pointer: { cd: false, field: 16 } });
    const stream = list([e4(naa)], [{ kind: 'other', descriptorTypeCode: 0x03, byte1: 0, bytes: new Uint8Array(12) }]);
    expectSense(xcopy(h, 0, stream), { key: ILLEGAL, asc: 0x26, ascq: 0x09, pointer: { cd: false, field: 48 } });
    // An unsupported segment type whose DESCRIPTOR LENGTH runs past the list: the type is reported.
    const past = stream.slice();
    new DataView(past.buffer).setUint16(50, 0x0100);
    expectSense(xcopy(h, 0, past), { key: ILLEGAL, asc: 0x26, ascq: 0x09, pointer: { cd: false, field: 48 } });
    // Too many descriptors.
    const many = list(
      Array.from({ length: 17 }, () => e4(naa)),
      [b2b(0, 0, 1, 0n, 1n)],
    );
    expectSense(xcopy(h, 0, many), { key: ILLEGAL, asc: 0x26, ascq: 0x06 });
    const segs = list(
      [e4(naa)],
      Array.from({ length: 65 }, () => b2b(0, 0, 1, 0n, 1n)),
    );
    expectSense(xcopy(h, 0, segs), { key: ILLEGAL, asc: 0x26, ascq: 0x08 });
    // Lists beyond MAXIMUM DESCRIPTOR LIST LENGTH: PARAMETER LIST LENGTH ERROR.
    const long = list(
      Array.from({ length: 17 }, () => e4(naa)),
      Array.from({ length: 80 }, () => b2b(0, 0, 1, 0n, 1n)),
    );
    expectSense(xcopy(h, 0, long), { key: ILLEGAL, asc: 0x1a, ascq: 0 });
    // Beyond the end of the LU: COPY ABORTED.
    const eol = list([e4(naa)], [b2b(0, 0, 2, 0n, (1n << 20n) - 1n)]);
    expectSense(xcopy(h, 0, eol), { key: COPY_ABORTED, asc: 0, ascq: 0 });
    // Unknown CSCD index.
    expectSense(xcopy(h, 0, list([e4(naa)], [b2b(0, 1, 1, 0n, 1n)])), { key: COPY_ABORTED, asc: 0x0d, ascq: 0x02 });
    // PARAMETER LIST LENGTH 0 is no copy at all.
    expectGood(xcopy(h, 0, new Uint8Array(0)));
  });

  it('advertises the limits it enforces in RECEIVE COPY OPERATING PARAMETERS and VPD 8Fh', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const r = h.run(0, encodeReceiveCopyOperatingParametersCdb({ allocationLength: 1024, control: 0 }));
    expectGood(r);
    const op = decodeCopyOperatingParameters(r.dataIn as Uint8Array, { strict: true });
    expect(op).toMatchObject({
      snlid: true,
      maximumCscdDescriptorCount: 16,
      maximumSegmentDescriptorCount: 64,
      maximumInlineDataLength: 0,
      implementedDescriptorTypeCodes: [0x02, 0x0a, 0xe4],
    });
    const v = h.run(0, encodeInquiryCdb({ evpd: true, pageCode: 0x8f, allocationLength: 4096, control: 0 }));
    const page = decodeThirdPartyCopyVpdPage(v.dataIn as Uint8Array, { strict: true });
    const kinds = page.descriptors.map((d) => d.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['parameterData', 'supportedDescriptors', 'supportedCscdIds', 'generalCopyOperations']),
    );
    const pd = page.descriptors.find((d) => d.kind === 'parameterData');
    expect(pd).toMatchObject({
      maximumCscdDescriptorCount: op.maximumCscdDescriptorCount,
      maximumDescriptorListLength: op.maximumDescriptorListLength,
    });
  });
});
