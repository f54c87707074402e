/**
 * EXTENDED COPY (LID1 and LID4) at every limit and with every field pointer exact (issue 17,
 * mutation testing): each check of the header, the descriptors and the segments, exactly at its
 * limit and one past it, with descriptors at index 2 so that a pointer computed from an index or
 * a running offset is tested beyond the first descriptor. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeExtendedCopyLid1Cdb,
  encodeExtendedCopyLid4Cdb,
  encodeReceiveCopyDataLid1Cdb,
  encodeReceiveCopyDataLid4Cdb,
  encodeReceiveCopyFailureDetailsLid1Cdb,
  encodeReceiveCopyStatusLid1Cdb,
  encodeReceiveCopyStatusLid4Cdb,
  encodeReceiveRodTokenInformationCdb,
} from '../../src/cdb/index.js';
import {
  type CscdDescriptor,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  type SegmentDescriptor,
} from '../../src/parameter-list/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import {
  decodeCopyDataLid4,
  decodeCopyFailureDetailsLid1,
  decodeCopyStatusLid1,
  decodeCopyStatusLid4,
  decodeRodTokenInformation,
} from '../../src/status/index.js';
import { A1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';
import { b2b, b2bOffsets, e4, luNaa } from './xcopy-helpers.js';

const IR = 0x05;
const COPY_ABORTED = 0x0a;
const MiB = 1024 * 1024;

interface ListOptions {
  readonly listIdUsage?: number;
  readonly listIdentifier?: number;
  readonly immed?: boolean;
  readonly gSense?: boolean;
}

/** Where each list format keeps its header fields (SPC-4 tables 172 and 126). */
interface Format {
  readonly name: string;
  readonly header: number;
  readonly cscdLength: number;
  readonly segmentLength: number;
  readonly inlineLength: number;
  readonly listId: number;
  readonly encode: (c: CscdDescriptor[], s: SegmentDescriptor[], o?: ListOptions) => Uint8Array<ArrayBuffer>;
  readonly cdb: (pll: number) => Uint8Array;
  /** Write a segment descriptor list length into a list. */
  readonly setSegmentLength: (p: Uint8Array, v: number) => void;
  readonly setInlineLength: (p: Uint8Array, v: number) => void;
}

const LID1: Format = {
  name: 'LID1',
  header: 16,
  cscdLength: 2,
  segmentLength: 8,
  inlineLength: 12,
  listId: 0,
  encode: (c, s, o = {}) =>
    encodeExtendedCopyLid1ParameterList({
      listIdentifier: o.listIdentifier ?? 1,
      str: false,
      listIdUsage: o.listIdUsage ?? 0,
      priority: 0,
      cscdDescriptors: c,
      segmentDescriptors: s,
      inlineData: new Uint8Array(0),
    }),
  cdb: (pll) => encodeExtendedCopyLid1Cdb({ parameterListLength: pll, control: 0 }),
  setSegmentLength: (p, v) => new DataView(p.buffer, p.byteOffset).setUint32(8, v),
  setInlineLength: (p, v) => new DataView(p.buffer, p.byteOffset).setUint32(12, v),
};

const LID4: Format = {
  name: 'LID4',
  header: 48,
  cscdLength: 42,
  segmentLength: 44,
  inlineLength: 46,
  listId: 20,
  encode: (c, s, o = {}) =>
    encodeExtendedCopyLid4ParameterList({
      listFormat: 1,
      str: false,
      listIdUsage: o.listIdUsage ?? 0,
      priority: 0,
      headerCscdDescriptorListLength: 0x20,
      gSense: o.gSense ?? false,
      immed: o.immed ?? false,
      headerCscdDescriptorTypeCode: 0xff,
      listIdentifier: o.listIdentifier ?? 1,
      cscdDescriptors: c,
      segmentDescriptors: s,
      inlineData: new Uint8Array(0),
    }),
  cdb: (pll) => encodeExtendedCopyLid4Cdb({ parameterListLength: pll, control: 0 }),
  setSegmentLength: (p, v) => new DataView(p.buffer, p.byteOffset).setUint16(44, v),
  setInlineLength: (p, v) => new DataView(p.buffer, p.byteOffset).setUint16(46, v),
};

/** LU 0: 512-byte blocks, LU 1: 4096, LU 2: 8192 (room for a 256 MiB segment); slow background copies. */
function setup() {
  const { cm, clock } = makeCm({
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 16n },
      { blockSize: 4096, capacity: 1n << 13n },
      { blockSize: 8192, capacity: 1n << 16n },
    ],
    backgroundBytesPerSecond: 512,
  });
  const h = new Host(cm, A1);
  return { cm, clock, h, naa: [luNaa(h, 0), luNaa(h, 1), luNaa(h, 2)] as const };
}

const SEG = 28; // a 02h segment descriptor: 4 + 24 bytes
const OFF_SEG = 32; // a 0Ah segment descriptor: 4 + 28 bytes
const CSCD = 32;

function run(h: Host, f: Format, p: Uint8Array, pll = p.length) {
  return h.run(0, f.cdb(pll), p);
}

/** COPY ABORTED with the segment pointer (SD = 0: a byte of the parameter list) at `field`. */
function expectAborted(r: ReturnType<Host['run']>, asc: number, ascq: number, field: number): void {
  expectSense(r, { key: COPY_ABORTED, asc, ascq });
  const s = decodeSenseData(r.senseData as Uint8Array, { strict: true });
  expect(s.kind === 'fixed' ? s.senseKeySpecific : undefined).toEqual({
    kind: 'segmentPointer',
    sksv: true,
    segmentDescriptor: false,
    bitPointerValid: false,
    bitPointer: 0,
    fieldPointer: field,
  });
}

const par = (field: number, bit?: number) => (bit === undefined ? { cd: false, field } : { cd: false, field, bit });

describe.each([LID1, LID4])('EXTENDED COPY ($name): header checks', (f) => {
  test('a list one byte shorter than the header, or than the lists it announces: 1Ah/00h at PARAMETER LIST LENGTH', () => {
    const { h, naa } = setup();
    const p = f.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)]);
    expectSense(run(h, f, p.subarray(0, f.header - 1)), {
      key: IR,
      asc: 0x1a,
      ascq: 0,
      pointer: { cd: true, field: 10 },
    });
    expectSense(run(h, f, p.subarray(0, p.length - 1)), {
      key: IR,
      asc: 0x1a,
      ascq: 0,
      pointer: { cd: true, field: 10 },
    });
    expectGood(run(h, f, p));
    // Exactly the header (no descriptor at all): nothing to copy.
    const empty = f.encode([], []);
    expect(empty.length).toBe(f.header);
    expectGood(run(h, f, empty));
  });

  test('INLINE DATA LENGTH 1: 26h/0Bh at INLINE DATA LENGTH', () => {
    const { h, naa } = setup();
    const p = f.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)]);
    f.setInlineLength(p, 1);
    expectSense(run(h, f, p), { key: IR, asc: 0x26, ascq: 0x0b, pointer: par(f.inlineLength) });
  });

  test('descriptor lists of exactly MAXIMUM DESCRIPTOR LIST LENGTH (2560) pass; one byte more is 1Ah/00h', () => {
    const { h, naa } = setup();
    const cscd = Array.from({ length: 16 }, () => e4(naa[0]));
    const segs = Array.from({ length: 64 }, (_, i) => b2bOffsets(0, 15, 1, BigInt(i), BigInt(100 + i), 0, 0));
    const p = f.encode(cscd, segs);
    expect(p.length).toBe(f.header + 16 * CSCD + 64 * OFF_SEG);
    expectGood(run(h, f, p));
    f.setSegmentLength(p, 64 * OFF_SEG + 1);
    expectSense(run(h, f, p), { key: IR, asc: 0x1a, ascq: 0, pointer: par(f.cscdLength) });
  });

  test('17 CSCD descriptors: TOO MANY TARGET DESCRIPTORS at the CSCD list length', () => {
    const { h, naa } = setup();
    const p = f.encode(
      Array.from({ length: 17 }, () => e4(naa[0])),
      [b2b(0, 0, 1, 0n, 1n)],
    );
    expectSense(run(h, f, p), { key: IR, asc: 0x26, ascq: 0x06, pointer: par(f.cscdLength) });
  });

  test('64 segments pass; 65 are TOO MANY SEGMENT DESCRIPTORS at the segment list length', () => {
    const { h, naa } = setup();
    const segs = (n: number) => Array.from({ length: n }, (_, i) => b2b(0, 0, 1, BigInt(i), BigInt(1000 + i)));
    expectGood(run(h, f, f.encode([e4(naa[0])], segs(64))));
    expectSense(run(h, f, f.encode([e4(naa[0])], segs(65))), {
      key: IR,
      asc: 0x26,
      ascq: 0x08,
      pointer: par(f.segmentLength),
    });
  });

  test('LIST ID USAGE 01b, and 11b with a LIST IDENTIFIER: 26h/00h at the field', () => {
    const { h, naa } = setup();
    const c = [e4(naa[0])];
    const s = [b2b(0, 0, 1, 0n, 1n)];
    expectSense(run(h, f, f.encode(c, s, { listIdUsage: 1 })), { key: IR, asc: 0x26, ascq: 0, pointer: par(1, 4) });
    expectSense(run(h, f, f.encode(c, s, { listIdUsage: 3, listIdentifier: 5 })), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(f.listId),
    });
    expectGood(run(h, f, f.encode(c, s, { listIdUsage: 3, listIdentifier: 0 })));
  });
});

describe.each([LID1, LID4])('EXTENDED COPY ($name): descriptors at index 2', (f) => {
  const seg0 = (nCscd: number) => f.header + nCscd * CSCD;

  test('a CSCD descriptor of another type, or of another device type: pointer at that descriptor', () => {
    const { h, naa } = setup();
    const other = {
      ...(e4(naa[0]) as object),
      kind: 'other',
      descriptorTypeCode: 0xe0,
      nul: false,
      cscdParameters: new Uint8Array(24),
      deviceTypeSpecificParameters: new Uint8Array(4),
    } as CscdDescriptor;
    const s = [b2b(0, 0, 1, 0n, 1n)];
    expectSense(run(h, f, f.encode([e4(naa[0]), e4(naa[0]), other], s)), {
      key: IR,
      asc: 0x26,
      ascq: 0x07,
      pointer: par(f.header + 2 * CSCD),
    });
    const tape = { ...e4(naa[0]), peripheralDeviceType: 1 } as CscdDescriptor;
    expectSense(run(h, f, f.encode([e4(naa[0]), e4(naa[0]), tape], s)), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(f.header + 2 * CSCD + 1, 4),
    });
  });

  test('an unsupported segment type at index 2: 26h/09h at its type code', () => {
    const { h, naa } = setup();
    const p = f.encode(
      [e4(naa[0])],
      [
        b2b(0, 0, 1, 0n, 1n),
        b2b(0, 0, 1, 2n, 3n),
        { kind: 'other', descriptorTypeCode: 0x03, byte1: 0, bytes: new Uint8Array(12) },
      ],
    );
    expectSense(run(h, f, p), { key: IR, asc: 0x26, ascq: 0x09, pointer: par(seg0(1) + 2 * SEG) });
  });

  test('segment 2 names an unknown CSCD: COPY ABORTED 0Dh/02h at its CSCD ID; segments 0 and 1 stay copied', () => {
    const { h, naa } = setup();
    const data = pattern(2, 512, 4);
    expectGood(h.write(0, 0, data, 512));
    const at = seg0(1) + 2 * SEG;
    for (const [bad, field] of [
      [b2b(7, 0, 1, 0n, 40n), at + 4],
      [b2b(0, 7, 1, 0n, 40n), at + 6],
    ] as const) {
      const p = f.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 20n), b2b(0, 0, 1, 1n, 21n), bad]);
      expectAborted(run(h, f, p), 0x0d, 0x02, field);
      expect(h.read(0, 20, 2).dataIn).toEqual(data);
    }
  });

  test('DISK BLOCK LENGTH other than the LU block length: COPY ABORTED 0Dh/03h at the CSCD ID; equal passes', () => {
    const { h, naa } = setup();
    const at = seg0(2) + 2 * SEG;
    const first = [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n)];
    const wrong = e4(naa[0], 4096);
    expectAborted(run(h, f, f.encode([e4(naa[0]), wrong], [...first, b2b(1, 0, 1, 0n, 5n)])), 0x0d, 0x03, at + 4);
    expectAborted(run(h, f, f.encode([e4(naa[0]), wrong], [...first, b2b(0, 1, 1, 0n, 5n)])), 0x0d, 0x03, at + 6);
    expectGood(run(h, f, f.encode([e4(naa[0]), e4(naa[0], 512)], [...first, b2b(1, 1, 1, 0n, 5n)])));
  });

  test('a 02h segment of exactly MAXIMUM SEGMENT LENGTH (256 MiB) passes; one block more is 26h/00h at byte 10', () => {
    const { h, naa } = setup();
    const at = seg0(1) + 2 * SEG;
    const first = [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n)];
    const blocks = (256 * MiB) / 8192;
    expectGood(
      run(
        h,
        f,
        f.encode([e4(naa[2])], [...first.map(() => b2b(0, 0, 1, 0n, 1n)), b2b(0, 0, blocks, 0n, BigInt(blocks))]),
      ),
    );
    expectSense(run(h, f, f.encode([e4(naa[2])], [...first, b2b(0, 0, blocks + 1, 0n, BigInt(blocks + 1))])), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(at + 10),
    });
  });

  test('a 0Ah segment of exactly 256 MiB passes; one byte more is 26h/00h at NUMBER OF BYTES (byte 8)', () => {
    const { h, naa } = setup();
    const at = seg0(1) + 2 * OFF_SEG;
    const first = [b2bOffsets(0, 0, 1, 0n, 1n, 0, 0), b2bOffsets(0, 0, 1, 2n, 3n, 0, 0)];
    expectGood(run(h, f, f.encode([e4(naa[2])], [...first, b2bOffsets(0, 0, 256 * MiB, 0n, 32768n, 0, 0)])));
    expectSense(run(h, f, f.encode([e4(naa[2])], [...first, b2bOffsets(0, 0, 256 * MiB + 1, 0n, 32768n, 0, 0)])), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(at + 8),
    });
  });

  test('DC = 1 bytes not a multiple of the source block length: COPY ABORTED 26h/0Dh at byte 10', () => {
    const { h, naa } = setup();
    const at = seg0(2) + 2 * SEG;
    const first = [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n)];
    const dc = (blocks: number) => ({ ...b2b(1, 0, blocks, 0n, 100n), dc: true }) as SegmentDescriptor;
    expectAborted(run(h, f, f.encode([e4(naa[0]), e4(naa[1])], [...first, dc(1)])), 0x26, 0x0d, at + 10);
    expectGood(run(h, f, f.encode([e4(naa[0]), e4(naa[1])], [...first, dc(8)])));
    expectGood(run(h, f, f.encode([e4(naa[0]), e4(naa[1])], [...first, b2b(1, 0, 1, 0n, 200n)])));
  });

  test('0Ah byte offsets: block length - 1 passes; the block length is 26h/00h at byte 28 or 30', () => {
    const { h, naa } = setup();
    const at = seg0(1) + 2 * OFF_SEG;
    const first = [b2bOffsets(0, 0, 1, 0n, 1n, 0, 0), b2bOffsets(0, 0, 1, 2n, 3n, 0, 0)];
    const data = pattern(1, 512, 6);
    expectGood(h.write(0, 10, data, 512));
    expectGood(run(h, f, f.encode([e4(naa[0])], [...first, b2bOffsets(0, 0, 1, 10n, 50n, 511, 511)])));
    expect(h.read(0, 50, 1).dataIn?.[511]).toBe(data[511]);
    expectSense(run(h, f, f.encode([e4(naa[0])], [...first, b2bOffsets(0, 0, 1, 10n, 50n, 512, 0)])), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(at + 28),
    });
    expectSense(run(h, f, f.encode([e4(naa[0])], [...first, b2bOffsets(0, 0, 1, 10n, 50n, 0, 512)])), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: par(at + 30),
    });
  });

  test('a range ending at the capacity passes; one block past it is COPY ABORTED 00h/00h at the LBA', () => {
    const { h, naa } = setup();
    const at = seg0(1) + 2 * SEG;
    const first = [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n)];
    const last = (1n << 16n) - 1n;
    expectGood(run(h, f, f.encode([e4(naa[0])], [...first, b2b(0, 0, 1, last, 10n)])));
    expectGood(run(h, f, f.encode([e4(naa[0])], [...first, b2b(0, 0, 1, 10n, last)])));
    expectAborted(run(h, f, f.encode([e4(naa[0])], [...first, b2b(0, 0, 2, last, 10n)])), 0, 0, at + 12);
    expectAborted(run(h, f, f.encode([e4(naa[0])], [...first, b2b(0, 0, 2, 10n, last)])), 0, 0, at + 20);
    // 0Ah: the last byte of the last block, and one byte past it.
    const atOff = seg0(1) + 2 * OFF_SEG;
    const firstOff = [b2bOffsets(0, 0, 1, 0n, 1n, 0, 0), b2bOffsets(0, 0, 1, 2n, 3n, 0, 0)];
    expectGood(run(h, f, f.encode([e4(naa[0])], [...firstOff, b2bOffsets(0, 0, 1, last, 10n, 511, 0)])));
    expectAborted(
      run(h, f, f.encode([e4(naa[0])], [...firstOff, b2bOffsets(0, 0, 2, last, 10n, 511, 0)])),
      0,
      0,
      atOff + 12,
    );
    expectAborted(
      run(h, f, f.encode([e4(naa[0])], [...firstOff, b2bOffsets(0, 0, 2, 10n, last, 0, 511)])),
      0,
      0,
      atOff + 20,
    );
  });
});

describe('EXTENDED COPY results', () => {
  test('a LIST IDENTIFIER in use by a background LID4 copy: 00h/16h at the LIST IDENTIFIER of either list', () => {
    const { h, naa, cm } = setup();
    expectGood(run(h, LID4, LID4.encode([e4(naa[0])], [b2b(0, 0, 64, 0n, 100n)], { immed: true, listIdentifier: 9 })));
    expect(cm.runningCopies).toBe(1);
    expectSense(run(h, LID4, LID4.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 9 })), {
      key: IR,
      asc: 0x00,
      ascq: 0x16,
      pointer: par(20),
    });
    expectSense(run(h, LID1, LID1.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 9 })), {
      key: IR,
      asc: 0x00,
      ascq: 0x16,
      pointer: par(0),
    });
    // Another list identifier is free.
    expectGood(run(h, LID1, LID1.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 10 })));
  });

  test('G_SENSE: COMMAND-SPECIFIC INFORMATION is the number of segments processed', () => {
    const { h, naa } = setup();
    const segs = [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n), b2b(0, 0, 1, 4n, 5n)];
    const r = run(h, LID4, LID4.encode([e4(naa[0])], segs, { gSense: true }));
    expect(r.status).toBe(0);
    const s = decodeSenseData(r.senseData as Uint8Array, { strict: true });
    expect([s.senseKey, s.additionalSenseCode, s.additionalSenseCodeQualifier]).toEqual([0x0f, 0x00, 0x20]);
    const csi = s.kind === 'fixed' ? s.commandSpecificInformation : undefined;
    expect(csi).toBe(3);
    // Without G_SENSE: no sense data.
    expect(run(h, LID4, LID4.encode([e4(naa[0])], segs, { listIdentifier: 2 })).senseData).toBeUndefined();
  });

  test('a LID1 result is not reported by the LID4 receive commands, nor a LID4 one by the LID1 commands', () => {
    const { h, naa } = setup();
    expectGood(run(h, LID1, LID1.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 3 })));
    expectGood(run(h, LID4, LID4.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n)], { listIdentifier: 4 })));
    const lid4Status = (id: number) =>
      h.run(0, encodeReceiveCopyStatusLid4Cdb({ listIdentifier: id, allocationLength: 64, control: 0 }));
    const lid1 = [
      (id: number) => encodeReceiveCopyStatusLid1Cdb({ listIdentifier: id, allocationLength: 64, control: 0 }),
      (id: number) => encodeReceiveCopyDataLid1Cdb({ listIdentifier: id, allocationLength: 64, control: 0 }),
      (id: number) => encodeReceiveCopyFailureDetailsLid1Cdb({ listIdentifier: id, allocationLength: 64, control: 0 }),
    ];
    const unknown = { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } };
    expectSense(lid4Status(3), unknown);
    expectGood(lid4Status(4));
    expect(decodeCopyStatusLid4(lid4Status(4).dataIn as Uint8Array).copyOperationStatus).toBe(0x01);
    const st = h.run(0, (lid1[0] as (id: number) => Uint8Array)(3));
    expectGood(st);
    expect(decodeCopyStatusLid1(st.dataIn as Uint8Array).segmentsProcessed).toBe(1);
    for (const cdb of lid1) {
      expectSense(h.run(0, cdb(4)), unknown);
      expectGood(h.run(0, cdb(3)));
    }
  });

  test('RECEIVE COPY FAILURE DETAILS: the sense of the failed segment, after the segments before it', () => {
    const { h, naa } = setup();
    const p = LID1.encode([e4(naa[0])], [b2b(0, 0, 1, 0n, 1n), b2b(0, 0, 1, 2n, 3n), b2b(0, 9, 1, 0n, 40n)], {
      listIdentifier: 6,
    });
    expectSense(run(h, LID1, p), { key: COPY_ABORTED, asc: 0x0d, ascq: 0x02 });
    const st = decodeCopyStatusLid1(
      h.run(0, encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 6, allocationLength: 64, control: 0 }))
        .dataIn as Uint8Array,
    );
    expect(st).toMatchObject({ hdd: false, copyCommandStatus: 0x02, segmentsProcessed: 2, transferCountUnits: 0 });
    expect(st.transferCount).toBe(1024);
    const fd = decodeCopyFailureDetailsLid1(
      h.run(0, encodeReceiveCopyFailureDetailsLid1Cdb({ listIdentifier: 6, allocationLength: 256, control: 0 }))
        .dataIn as Uint8Array,
    );
    const s = fd.senseData as NonNullable<typeof fd.senseData>;
    expect([s.senseKey, s.additionalSenseCode, s.additionalSenseCodeQualifier]).toEqual([COPY_ABORTED, 0x0d, 0x02]);
    expect(fd.extendedCopyCommandStatus).toBe(0x02);
    // The kept sense keeps the segment pointer: byte 6 of segment 2 (DESTINATION CSCD DESCRIPTOR ID).
    expect(s.kind === 'fixed' ? s.senseKeySpecific : undefined).toEqual({
      kind: 'segmentPointer',
      sksv: true,
      segmentDescriptor: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 16 + 32 + 2 * 28 + 6,
    });
    // Reported once: the failure details are then discarded.
    expectSense(
      h.run(0, encodeReceiveCopyFailureDetailsLid1Cdb({ listIdentifier: 6, allocationLength: 256, control: 0 })),
      { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } },
    );
  });

  test('TRANSFER COUNT of a LID1 copy: bytes up to FFFFFFFFh, then KiB (TRANSFER COUNT UNITS 01h)', () => {
    const { cm } = makeCm({ logicalUnits: [{ blockSize: 8192, capacity: 1n << 20n }] });
    const h = new Host(cm, A1);
    const naa = luNaa(h, 0);
    const seg = (i: number, bytes: number) => b2bOffsets(0, 0, bytes, 0n, BigInt(40000 * (i + 1)), 0, 0);
    const status = (id: number) =>
      decodeCopyStatusLid1(
        h.run(0, encodeReceiveCopyStatusLid1Cdb({ listIdentifier: id, allocationLength: 64, control: 0 }))
          .dataIn as Uint8Array,
      );
    const full = Array.from({ length: 15 }, (_, i) => seg(i, 256 * MiB));
    expectGood(run(h, LID1, LID1.encode([e4(naa)], [...full, seg(15, 256 * MiB - 1)], { listIdentifier: 1 })));
    expect(status(1)).toMatchObject({ copyCommandStatus: 1, segmentsProcessed: 16, transferCountUnits: 0 });
    expect(status(1).transferCount).toBe(0xffff_ffff);
    expectGood(run(h, LID1, LID1.encode([e4(naa)], [...full, seg(15, 256 * MiB)], { listIdentifier: 2 })));
    expect(status(2)).toMatchObject({ transferCountUnits: 1, transferCount: 4 * 1024 * 1024 });
  });

  test('RRTI and RECEIVE COPY DATA (LID4) of an EXTENDED COPY (LID4): its status header, no token, no held data', () => {
    const { h, naa } = setup();
    const segs = [b2b(0, 0, 2, 0n, 10n), b2b(0, 0, 1, 4n, 20n)];
    expectGood(run(h, LID4, LID4.encode([e4(naa[0])], segs, { listIdentifier: 8 })));
    const header = {
      responseToServiceAction: 0x01,
      copyOperationStatus: 0x01,
      operationCounter: 2,
      extendedCopyCompletionStatus: 0,
      transferCountUnits: 0,
      transferCount: 1536n,
      segmentsProcessed: 2,
    };
    const d = h.run(0, encodeReceiveCopyDataLid4Cdb({ listIdentifier: 8, allocationLength: 256, control: 0 }));
    expectGood(d);
    const cd = decodeCopyDataLid4(d.dataIn as Uint8Array, { strict: true });
    expect(cd).toMatchObject({ ...header, hdd: false });
    expect(cd.heldData.length).toBe(0);
    const r = h.run(0, encodeReceiveRodTokenInformationCdb({ listIdentifier: 8, allocationLength: 1024, control: 0 }));
    expectGood(r);
    const info = decodeRodTokenInformation(r.dataIn as Uint8Array, { strict: true });
    expect(info).toMatchObject(header);
    expect(info.rodTokenDescriptors).toEqual([]);
  });
});
