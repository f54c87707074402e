/**
 * EXTENDED COPY (LID4) in the copy manager (SPC-4 table 126): the 48-byte header's fixed fields,
 * foreground and background (IMMED = 1) copies, RECEIVE COPY STATUS / DATA (LID4), COPY OPERATION
 * ABORT, G_SENSE; and the 0Ah segment (block → block with byte offsets) in both list formats.
 */
import { describe, expect, it } from 'vitest';
import {
  encodeExtendedCopyLid1Cdb,
  encodeExtendedCopyLid4Cdb,
  encodeInquiryCdb,
  encodeReceiveCopyDataLid4Cdb,
  encodeReceiveCopyStatusLid1Cdb,
  encodeReportSupportedOperationCodesCdb,
} from '../../src/cdb/index.js';
import {
  type CscdDescriptor,
  type ExtendedCopyLid4ParameterList,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  type SegmentDescriptor,
} from '../../src/parameter-list/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { decodeCopyDataLid4, decodeCopyStatusLid4 } from '../../src/status/index.js';
import { decodeThirdPartyCopyVpdPage } from '../../src/vpd/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';
import { b2b, b2bOffsets, e4, luNaa } from './xcopy-helpers.js';

const ILLEGAL = 0x05;

/** Byte equality of large buffers (vitest's deep equality walks megabytes element by element). */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
const COPY_ABORTED = 0x0a;

function lid4(
  cscd: CscdDescriptor[],
  segs: SegmentDescriptor[],
  o: Partial<ExtendedCopyLid4ParameterList> = {},
): Uint8Array<ArrayBuffer> {
  return encodeExtendedCopyLid4ParameterList({
    listFormat: 1,
    str: false,
    listIdUsage: 0,
    priority: 0,
    headerCscdDescriptorListLength: 0x20,
    gSense: false,
    immed: false,
    headerCscdDescriptorTypeCode: 0xff,
    listIdentifier: 0x1000,
    cscdDescriptors: cscd,
    segmentDescriptors: segs,
    inlineData: new Uint8Array(0),
    ...o,
  });
}

function xcopy4(h: Host, lun: number, p: Uint8Array) {
  return h.run(lun, encodeExtendedCopyLid4Cdb({ parameterListLength: p.length, control: 0 }), p);
}

function status(h: Host, lun: number, listId: number) {
  const r = h.rcs(lun, listId);
  expectGood(r);
  return decodeCopyStatusLid4(r.dataIn as Uint8Array, { strict: true });
}

/** Two 512-byte LUs, background copies at 1 MiB/s. */
function setup() {
  const { cm, clock } = makeCm({
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 16n },
      { blockSize: 512, capacity: 1n << 16n },
    ],
    backgroundBytesPerSecond: 1 << 20,
  });
  const h = new Host(cm, A1);
  return { cm, clock, h, a: luNaa(h, 0), b: luNaa(h, 1) };
}

describe('EXTENDED COPY (LID4)', () => {
  it('copies between LUs at once (IMMED = 0); RECEIVE COPY STATUS (LID4) reports bytes and segments', () => {
    const { h, a, b } = setup();
    const data = pattern(64, 512, 5);
    expectGood(h.write(0, 10, data, 512));
    const p = lid4([e4(a), e4(b)], [b2b(0, 1, 32, 10n, 1000n), b2b(0, 1, 32, 42n, 1032n)], { listIdentifier: 77 });
    expectGood(xcopy4(h, 0, p));
    expect(h.read(1, 1000, 64).dataIn).toEqual(data);
    expect(status(h, 0, 77)).toMatchObject({
      responseToServiceAction: 0x01,
      copyOperationStatus: 0x01,
      transferCountUnits: 0x00,
      transferCount: BigInt(64 * 512),
      segmentsProcessed: 2,
    });
    // A LID4 result is not a LID1 one, and belongs to its I_T_L nexus.
    expectSense(h.run(0, encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 77, allocationLength: 64, control: 0 })), {
      key: ILLEGAL,
      asc: 0x24,
      ascq: 0,
    });
    expectSense(new Host(h.cm, B1).rcs(0, 77), { key: ILLEGAL, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });

  it('IMMED = 1 copies in the background: status 12h with progress, then 01h; the data lands', () => {
    const { h, clock, a, b } = setup();
    const data = pattern(4096, 512, 9); // 2 MiB: two seconds at 1 MiB/s
    expectGood(h.write(0, 0, data, 512));
    const p = lid4([e4(a), e4(b)], [b2b(0, 1, 2048, 0n, 8192n), b2b(0, 1, 2048, 2048n, 10240n)], {
      immed: true,
      listIdentifier: 5,
    });
    expectGood(xcopy4(h, 0, p));
    const s0 = status(h, 0, 5);
    expect(s0.copyOperationStatus).toBe(0x12);
    expect(s0.transferCount).toBe(0n);
    clock.advance(500);
    const s1 = status(h, 0, 5);
    expect(s1.copyOperationStatus).toBe(0x12);
    expect(s1.transferCount).toBe(BigInt(512 * 1024));
    expect(s1.segmentsProcessed).toBe(0);
    clock.advance(1000);
    const s2 = status(h, 0, 5);
    expect(s2.transferCount).toBe(BigInt(1536 * 1024));
    expect(s2.segmentsProcessed).toBe(1);
    // The first segment is complete, the second half-way.
    expect(same(h.read(1, 8192, 2048).dataIn, data.subarray(0, 2048 * 512))).toBe(true);
    // The list identifier is in use while the copy runs: OPERATION IN PROGRESS at LIST IDENTIFIER.
    expectSense(xcopy4(h, 0, p), { key: ILLEGAL, asc: 0x00, ascq: 0x16, pointer: { cd: false, field: 20 } });
    clock.advance(600);
    const s3 = status(h, 0, 5);
    expect(s3).toMatchObject({ copyOperationStatus: 0x01, transferCount: BigInt(4096 * 512), segmentsProcessed: 2 });
    expect(same(h.read(1, 8192, 4096).dataIn, data)).toBe(true);
  });

  it('COPY OPERATION ABORT terminates a background copy (60h); what was copied stays', () => {
    const { h, clock, a, b } = setup();
    const data = pattern(2048, 512, 3);
    expectGood(h.write(0, 0, data, 512));
    expectGood(xcopy4(h, 0, lid4([e4(a), e4(b)], [b2b(0, 1, 2048, 0n, 0n)], { immed: true, listIdentifier: 9 })));
    clock.advance(250); // 256 KiB of 1 MiB
    expectGood(h.abort(0, 9));
    clock.advance(5000);
    const s = status(h, 0, 9);
    expect(s.copyOperationStatus).toBe(0x60);
    expect(s.transferCount).toBe(BigInt(256 * 1024));
    expect(same(h.read(1, 0, 512).dataIn, data.subarray(0, 512 * 512))).toBe(true);
    expect(h.read(1, 512, 1).dataIn).toEqual(new Uint8Array(512));
  });

  it('a segment that cannot be performed ends a background copy with errors (02h) and its sense', () => {
    const { h, clock, a, b } = setup();
    expectGood(h.write(0, 0, pattern(8, 512, 1), 512));
    const p = lid4([e4(a), e4(b)], [b2b(0, 1, 8, 0n, 0n), b2b(0, 1, 8, 0n, (1n << 16n) - 4n)], {
      immed: true,
      listIdentifier: 3,
    });
    expectGood(xcopy4(h, 0, p));
    clock.advance(1000);
    const s = status(h, 0, 3);
    expect(s).toMatchObject({ copyOperationStatus: 0x02, transferCount: 4096n, segmentsProcessed: 1 });
    expect(s.senseData?.senseKey).toBe(COPY_ABORTED);
    expect(h.read(1, 0, 8).dataIn).toEqual(pattern(8, 512, 1));
  });

  it('G_SENSE = 1: GOOD with sense data COMPLETED, EXTENDED COPY INFORMATION AVAILABLE, segments processed', () => {
    const { h, a } = setup();
    const r = xcopy4(h, 0, lid4([e4(a)], [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 0n, 2n)], { gSense: true }));
    expect(r.status).toBe(0);
    const sense = decodeSenseData(r.senseData as Uint8Array);
    expect([sense.senseKey, sense.additionalSenseCode, sense.additionalSenseCodeQualifier]).toEqual([0x0f, 0x00, 0x20]);
    expect(sense.kind === 'fixed' ? sense.commandSpecificInformation : undefined).toBe(2);
    // G_SENSE = 0: no sense data with GOOD
    expect(xcopy4(h, 0, lid4([e4(a)], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 2 })).senseData).toBeUndefined();
  });

  it('RECEIVE COPY DATA (LID4): the status header and no held data', () => {
    const { h, a } = setup();
    expectGood(xcopy4(h, 0, lid4([e4(a)], [b2b(0, 0, 4, 0n, 8n)], { listIdentifier: 12 })));
    const r = h.run(0, encodeReceiveCopyDataLid4Cdb({ listIdentifier: 12, allocationLength: 1024, control: 0 }));
    expectGood(r);
    const d = decodeCopyDataLid4(r.dataIn as Uint8Array, { strict: true });
    expect(d).toMatchObject({ responseToServiceAction: 1, copyOperationStatus: 1, transferCount: 2048n });
    expect(d.heldData).toEqual(new Uint8Array(0));
  });

  it("the header's fixed fields and IMMED without a list identifier: INVALID FIELD IN PARAMETER LIST", () => {
    const { h, a } = setup();
    const segs = [b2b(0, 0, 1, 0n, 1n)];
    const cases: [Partial<ExtendedCopyLid4ParameterList>, { field: number; bit?: number }][] = [
      [{ listFormat: 2 }, { field: 0 }],
      [{ headerCscdDescriptorListLength: 0 }, { field: 2 }],
      [{ headerCscdDescriptorTypeCode: 0xe4 }, { field: 16 }],
      [
        { immed: true, listIdUsage: 3, listIdentifier: 0 },
        { field: 1, bit: 4 },
      ],
      [{ listIdUsage: 3, listIdentifier: 1 }, { field: 20 }],
    ];
    for (const [o, pointer] of cases) {
      expectSense(xcopy4(h, 0, lid4([e4(a)], segs, o)), {
        key: ILLEGAL,
        asc: 0x26,
        ascq: 0,
        pointer: { cd: false, ...pointer },
      });
    }
    // Lists and counts point at the LID4 header's own length fields.
    const many = lid4(
      Array.from({ length: 17 }, () => e4(a)),
      segs,
    );
    expectSense(xcopy4(h, 0, many), { key: ILLEGAL, asc: 0x26, ascq: 0x06, pointer: { cd: false, field: 42 } });
    expectSense(xcopy4(h, 0, lid4([e4(a)], segs).subarray(0, 47)), { key: ILLEGAL, asc: 0x1a, ascq: 0 });
  });

  it('is advertised: REPORT SUPPORTED OPERATION CODES and VPD 8Fh list 83h/01h and 84h/06h, 8Fh lists 0Ah', () => {
    const { h } = setup();
    for (const [op, sa] of [
      [0x83, 0x01],
      [0x84, 0x06],
    ]) {
      const r = h.run(
        0,
        encodeReportSupportedOperationCodesCdb({
          rctd: false,
          reportingOptions: 2,
          requestedOperationCode: op as number,
          requestedServiceAction: sa as number,
          allocationLength: 64,
          control: 0,
        }),
      );
      expectGood(r);
      expect((r.dataIn as Uint8Array)[1]! & 0x07).toBe(3); // SUPPORT 011b: supported as in the standard
    }
    const v = h.run(0, encodeInquiryCdb({ evpd: true, pageCode: 0x8f, allocationLength: 4096, control: 0 }));
    const page = decodeThirdPartyCopyVpdPage(v.dataIn as Uint8Array, { strict: true });
    const sd = page.descriptors.find((d) => d.kind === 'supportedDescriptors');
    expect(sd).toMatchObject({ descriptorTypeCodes: [0x02, 0x0a, 0xe4] });
    const sc = page.descriptors.find((d) => d.kind === 'supportedCommands');
    if (sc?.kind !== 'supportedCommands') throw new Error('no supported commands descriptor');
    expect(sc.commands.find((c) => c.operationCode === 0x83)?.serviceActions).toContain(0x01);
    expect(sc.commands.find((c) => c.operationCode === 0x84)?.serviceActions).toContain(0x06);
  });
});

describe('0Ah block → block with byte offsets (LID1 and LID4)', () => {
  it('copies NUMBER OF BYTES from a byte offset into the first source block to one into the destination', () => {
    const { h, a, b } = setup();
    const data = pattern(4, 512, 11);
    expectGood(h.write(0, 100, data, 512));
    const before = h.read(1, 200, 4).dataIn as Uint8Array;
    // LID1: 1000 bytes from LBA 100 + 17 to LBA 200 + 300
    const p1 = encodeExtendedCopyLid1ParameterList({
      listIdentifier: 0,
      str: false,
      listIdUsage: 3,
      priority: 0,
      cscdDescriptors: [e4(a), e4(b)],
      segmentDescriptors: [b2bOffsets(0, 1, 1000, 100n, 200n, 17, 300)],
      inlineData: new Uint8Array(0),
    });
    expect(h.run(1, encodeExtendedCopyLid1Cdb({ parameterListLength: p1.length, control: 0 }), p1).status).toBe(0);
    const after = h.read(1, 200, 4).dataIn as Uint8Array;
    const want = before.slice();
    want.set(data.subarray(17, 17 + 1000), 300);
    expect(after).toEqual(want);
    // LID4: the same kind of segment within LU A
    expectGood(xcopy4(h, 0, lid4([e4(a)], [b2bOffsets(0, 0, 5, 100n, 0n, 1, 511)])));
    expect((h.read(0, 0, 2).dataIn as Uint8Array).subarray(511, 516)).toEqual(data.subarray(1, 6));
  });

  it('a byte offset not inside the first block, and a range past the end, are refused', () => {
    const { h, a } = setup();
    expectSense(xcopy4(h, 0, lid4([e4(a)], [b2bOffsets(0, 0, 8, 0n, 1n, 512, 0)])), {
      key: ILLEGAL,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 48 + 32 + 28 },
    });
    expectSense(xcopy4(h, 0, lid4([e4(a)], [b2bOffsets(0, 0, 8, 0n, 1n, 0, 512)])), {
      key: ILLEGAL,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 48 + 32 + 30 },
    });
    expectSense(xcopy4(h, 0, lid4([e4(a)], [b2bOffsets(0, 0, 1024, 0n, (1n << 16n) - 1n, 0, 0)])), {
      key: COPY_ABORTED,
      asc: 0,
      ascq: 0,
    });
  });
});
