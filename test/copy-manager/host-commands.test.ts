// What real hosts need from the copy manager (READ CAPACITY (10), RDPROTECT/WRPROTECT, MODE SENSE,
// SYNCHRONIZE CACHE): exact data-in and sense bytes through execute().
import { describe, expect, it } from 'vitest';
import {
  encodeModeSense6Cdb,
  encodeModeSense10Cdb,
  encodeRead10Cdb,
  encodeRead16Cdb,
  encodeReadCapacity10Cdb,
  encodeSynchronizeCache10Cdb,
  encodeSynchronizeCache16Cdb,
  encodeWrite10Cdb,
  encodeWrite16Cdb,
} from '../../src/cdb/index.js';
import { type CommandResponse, CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { decodeModeParameterData6, decodeModeParameterData10 } from '../../src/data-in/index.js';
import { hexBytes, toHex } from '../cdb/helpers.js';
import { A1, seededRandom } from './helpers.js';

function makeCm(): CopyManager {
  return new CopyManager({
    clock: new ManualClock(1_000_000),
    random: seededRandom(7),
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 20n },
      { blockSize: 4096, capacity: (1n << 32n) + 5n },
      { blockSize: 512, capacity: 1n << 32n },
      { blockSize: 512, capacity: (1n << 32n) - 1n },
    ],
  });
}

const run = (cm: CopyManager, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): CommandResponse =>
  cm.execute({ nexus: A1, lun, cdb, dataOut });

function good(r: CommandResponse): string {
  expect(r.status).toBe(0);
  expect(r.senseData).toBeUndefined();
  return toHex(r.dataIn ?? new Uint8Array(0));
}

function sense(r: CommandResponse): string {
  expect(r.status).toBe(2);
  expect(r.dataIn).toBeUndefined();
  return toHex(r.senseData ?? new Uint8Array(0));
}

/** Fixed-format ILLEGAL REQUEST sense: ASC/ASCQ and (when given) SKS byte 15 and FIELD POINTER. */
function illegalRequest(asc: number, ascq: number, sks15?: number, field?: number): string {
  const b = hexBytes('70 00 05 00 00 00 00 0a 00 00 00 00 00 00 00 00 00 00');
  b[12] = asc;
  b[13] = ascq;
  if (sks15 !== undefined && field !== undefined) {
    b[15] = sks15;
    b[16] = field >> 8;
    b[17] = field & 0xff;
  }
  return toHex(b);
}
// SKSV | C/D = 1 (CDB) | BPV | bit pointer
const cdbBit = (bit: number) => 0xc8 | bit;
const CDB_BYTE = 0xc0;

describe('READ CAPACITY (10)', () => {
  const rc10 = encodeReadCapacity10Cdb({ logicalBlockAddress: 0, pmi: false, control: 0 });
  it('last LBA and block length', () => {
    expect(good(run(makeCm(), 0, rc10))).toBe('00 0f ff ff 00 00 02 00');
  });
  it('FFFFFFFFh when the last LBA does not fit 32 bits (and when it is exactly FFFFFFFFh)', () => {
    const cm = makeCm();
    expect(good(run(cm, 1, rc10))).toBe('ff ff ff ff 00 00 10 00');
    expect(good(run(cm, 2, rc10))).toBe('ff ff ff ff 00 00 02 00');
    expect(good(run(cm, 3, rc10))).toBe('ff ff ff fe 00 00 02 00');
  });
  it('obsolete LBA and PMI are ignored', () => {
    const cdb = encodeReadCapacity10Cdb({ logicalBlockAddress: 0x1234, pmi: true, control: 0 });
    expect(good(run(makeCm(), 0, cdb))).toBe('00 0f ff ff 00 00 02 00');
  });
  it('unknown LUN: 25h/00h', () => {
    expect(sense(run(makeCm(), 9, rc10))).toBe(illegalRequest(0x25, 0x00));
  });
});

describe('RDPROTECT / WRPROTECT (PROTECT = 0): 24h/00h at byte 1 bit 7', () => {
  const rw = { dpo: false, fua: false, groupNumber: 0, control: 0 };
  for (let p = 1; p < 8; p++) {
    it(`RDPROTECT / WRPROTECT ${p}`, () => {
      const cm = makeCm();
      const want = illegalRequest(0x24, 0x00, cdbBit(7), 1);
      const r10 = encodeRead10Cdb({ ...rw, rdprotect: p, rarc: false, logicalBlockAddress: 0, transferLength: 1 });
      const r16 = encodeRead16Cdb({ ...rw, rdprotect: p, rarc: false, logicalBlockAddress: 0n, transferLength: 1 });
      const w10 = encodeWrite10Cdb({ ...rw, wrprotect: p, logicalBlockAddress: 0, transferLength: 1 });
      const w16 = encodeWrite16Cdb({ ...rw, wrprotect: p, logicalBlockAddress: 0n, transferLength: 1 });
      expect(sense(run(cm, 0, r10))).toBe(want);
      expect(sense(run(cm, 0, r16))).toBe(want);
      expect(sense(run(cm, 0, w10, new Uint8Array(512).fill(1)))).toBe(want);
      expect(sense(run(cm, 0, w16, new Uint8Array(512).fill(1)))).toBe(want);
      // Nothing was written.
      const back = run(
        cm,
        0,
        encodeRead10Cdb({ ...rw, rdprotect: 0, rarc: false, logicalBlockAddress: 0, transferLength: 1 }),
      );
      expect(back.dataIn).toEqual(new Uint8Array(512));
    });
  }
  it('checked before the LBA range (an out-of-range READ with RDPROTECT is still 24h/00h)', () => {
    const cdb = encodeRead16Cdb({
      ...rw,
      rdprotect: 2,
      rarc: false,
      logicalBlockAddress: (1n << 64n) - 1n,
      transferLength: 1,
    });
    expect(sense(run(makeCm(), 0, cdb))).toBe(illegalRequest(0x24, 0x00, cdbBit(7), 1));
  });
  it('DPO and FUA are accepted (DPOFUA = 1 in the mode parameter header)', () => {
    const cdb = encodeRead10Cdb({
      ...rw,
      dpo: true,
      fua: true,
      rdprotect: 0,
      rarc: false,
      logicalBlockAddress: 0,
      transferLength: 1,
    });
    expect(run(makeCm(), 0, cdb).status).toBe(0);
  });
  it('READ past the capacity: 21h/00h at the LBA (SBC-4), with 0 blocks only past the last LBA + 1', () => {
    const cm = makeCm();
    const read10 = (lba: number, n: number) =>
      run(cm, 0, encodeRead10Cdb({ ...rw, rdprotect: 0, rarc: false, logicalBlockAddress: lba, transferLength: n }));
    expect(sense(read10(2 ** 20 - 1, 2))).toBe(illegalRequest(0x21, 0x00, CDB_BYTE, 2));
    expect(sense(read10(2 ** 20 + 1, 0))).toBe(illegalRequest(0x21, 0x00, CDB_BYTE, 2));
    expect(sense(read10(0xffff_ffff, 1))).toBe(illegalRequest(0x21, 0x00, CDB_BYTE, 2));
    expect(read10(2 ** 20 - 1, 1).status).toBe(0);
  });
});

const MS6 = { dbd: false, pc: 0, pageCode: 0x3f, subpageCode: 0, allocationLength: 255, control: 0 };
const HEADER6 = '37 00 10 08'; // MODE DATA LENGTH 55, medium 00h, DPOFUA, one 8-byte block descriptor
const BD_LU0 = '00 10 00 00 00 00 02 00'; // 2^20 blocks of 512 bytes
const CACHING = `08 12 ${'00 '.repeat(18).trim()}`;
const CONTROL = `0a 0a ${'00 '.repeat(10).trim()}`;
const IEC = `1c 0a 08 ${'00 '.repeat(9).trim()}`; // DEXCPT

describe('MODE SENSE (6) / (10)', () => {
  it('MODE SENSE (6) all pages, current values', () => {
    const r = run(makeCm(), 0, encodeModeSense6Cdb(MS6));
    expect(good(r)).toBe([HEADER6, BD_LU0, CACHING, CONTROL, IEC].join(' '));
    const d = decodeModeParameterData6(r.dataIn as Uint8Array, { strict: true });
    expect(d.modePages.map((p) => p.kind)).toEqual(['caching', 'control', 'informationalExceptionsControl']);
  });
  it('subpage FFh (all subpages) gives the same page_0 pages; default values equal current', () => {
    const cm = makeCm();
    const all = good(run(cm, 0, encodeModeSense6Cdb(MS6)));
    expect(good(run(cm, 0, encodeModeSense6Cdb({ ...MS6, subpageCode: 0xff })))).toBe(all);
    expect(good(run(cm, 0, encodeModeSense6Cdb({ ...MS6, pc: 2 })))).toBe(all);
  });
  it('changeable values: every field zero (MODE SELECT not implemented)', () => {
    const r = run(makeCm(), 0, encodeModeSense6Cdb({ ...MS6, pc: 1, pageCode: 0x1c }));
    expect(good(r)).toBe(`17 00 10 08 ${BD_LU0} 1c 0a ${'00 '.repeat(10).trim()}`);
  });
  it('DBD: no block descriptor; one page', () => {
    const r = run(makeCm(), 0, encodeModeSense6Cdb({ ...MS6, dbd: true, pageCode: 0x0a }));
    expect(good(r)).toBe(`0f 00 10 00 ${CONTROL}`);
  });
  it('short LBA descriptor saturates NUMBER OF LOGICAL BLOCKS at FFFFFFFFh', () => {
    const r = run(makeCm(), 1, encodeModeSense6Cdb({ ...MS6, pageCode: 0x08 }));
    expect(good(r)).toBe(`1f 00 10 08 ff ff ff ff 00 00 10 00 ${CACHING}`);
  });
  it('MODE SENSE (10) with LLBAA: LONGLBA and a 16-byte descriptor', () => {
    const cdb = encodeModeSense10Cdb({ ...MS6, llbaa: true, pageCode: 0x0a, allocationLength: 512 });
    const r = run(makeCm(), 1, cdb);
    expect(good(r)).toBe(`00 22 00 10 01 00 00 10 00 00 00 01 00 00 00 05 00 00 00 00 00 00 10 00 ${CONTROL}`);
    expect(decodeModeParameterData10(r.dataIn as Uint8Array, { strict: true }).longLba).toBe(true);
  });
  it('MODE SENSE (10) with LLBAA and DBD: no descriptor, LONGLBA 0', () => {
    const r = run(
      makeCm(),
      1,
      encodeModeSense10Cdb({ ...MS6, llbaa: true, dbd: true, pageCode: 0x0a, allocationLength: 512 }),
    );
    expect(good(r)).toBe(`00 12 00 10 00 00 00 00 ${CONTROL}`);
  });
  it('MODE SENSE (10) without LLBAA: short descriptor', () => {
    const r = run(makeCm(), 0, encodeModeSense10Cdb({ ...MS6, llbaa: false, allocationLength: 512 }));
    expect(good(r)).toBe(['00 3a 00 10 00 00 00 08', BD_LU0, CACHING, CONTROL, IEC].join(' '));
  });
  it('cut to ALLOCATION LENGTH (header only with 4)', () => {
    expect(good(run(makeCm(), 0, encodeModeSense6Cdb({ ...MS6, allocationLength: 4 })))).toBe(HEADER6);
    expect(good(run(makeCm(), 0, encodeModeSense6Cdb({ ...MS6, allocationLength: 0 })))).toBe('');
  });
  it('saved values: 39h/00h SAVING PARAMETERS NOT SUPPORTED', () => {
    expect(sense(run(makeCm(), 0, encodeModeSense6Cdb({ ...MS6, pc: 3 })))).toBe(
      illegalRequest(0x39, 0x00, cdbBit(7), 2),
    );
  });
  it('a page not served: 24h/00h at PAGE CODE; a subpage not served: 24h/00h at SUBPAGE CODE', () => {
    const cm = makeCm();
    expect(sense(run(cm, 0, encodeModeSense6Cdb({ ...MS6, pageCode: 0x19 })))).toBe(
      illegalRequest(0x24, 0x00, cdbBit(5), 2),
    );
    expect(sense(run(cm, 0, encodeModeSense10Cdb({ ...MS6, llbaa: false, pageCode: 0x0a, subpageCode: 1 })))).toBe(
      illegalRequest(0x24, 0x00, cdbBit(7), 3),
    );
  });
  it('MODE SELECT stays unsupported: 20h/00h', () => {
    expect(sense(run(makeCm(), 0, hexBytes('15 10 00 00 00 00')))).toBe(illegalRequest(0x20, 0x00, CDB_BYTE, 0));
  });
});

describe('SYNCHRONIZE CACHE (10) / (16)', () => {
  const sc10 = (lba: number, n: number) =>
    encodeSynchronizeCache10Cdb({
      immed: false,
      logicalBlockAddress: lba,
      groupNumber: 0,
      numberOfLogicalBlocks: n,
      control: 0,
    });
  const sc16 = (lba: bigint, n: number) =>
    encodeSynchronizeCache16Cdb({
      immed: true,
      logicalBlockAddress: lba,
      groupNumber: 0,
      numberOfLogicalBlocks: n,
      control: 0,
    });
  it('GOOD within the capacity (0 blocks = through the last LBA)', () => {
    const cm = makeCm();
    expect(good(run(cm, 0, sc10(0, 0)))).toBe('');
    expect(good(run(cm, 0, sc10(2 ** 20 - 8, 8)))).toBe('');
    expect(good(run(cm, 0, sc16((1n << 20n) - 1n, 0)))).toBe('');
  });
  it('LBA + NUMBER OF LOGICAL BLOCKS past the capacity: 21h/00h at the LBA', () => {
    const cm = makeCm();
    const want = illegalRequest(0x21, 0x00, CDB_BYTE, 2);
    expect(sense(run(cm, 0, sc10(2 ** 20 - 8, 9)))).toBe(want);
    expect(sense(run(cm, 0, sc10(2 ** 20, 0)))).toBe(want);
    expect(sense(run(cm, 0, sc16((1n << 64n) - 1n, 0xffff_ffff)))).toBe(want);
  });
});
