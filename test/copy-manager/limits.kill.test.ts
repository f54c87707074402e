/**
 * Every limit exactly at the limit and one past it (issue 17, mutation testing: `>` -> `>=`
 * survived where no test sat on the boundary): TRANSFER LENGTH, LBA + length against the
 * capacity (READ, WRITE, SYNCHRONIZE CACHE), data-out length, INACTIVITY TIMEOUT and the token
 * lifetime, range descriptor count and total, OFFSET INTO ROD, concurrent background copies.
 * Exact sense key, ASC/ASCQ and field pointer, through `execute()`.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeRead10Cdb,
  encodeRead16Cdb,
  encodeSynchronizeCache10Cdb,
  encodeSynchronizeCache16Cdb,
  encodeWrite10Cdb,
  encodeWrite16Cdb,
} from '../../src/cdb/index.js';
import { CopyManager, type CopyManagerOptions, ManualClock } from '../../src/copy-manager/index.js';
import { A1, expectGood, expectSense, Host, pattern, seededRandom } from './helpers.js';

const IR = 5;
const ABORTED_COMMAND = 0xb;

function setup(o: Partial<CopyManagerOptions> = {}) {
  const clock = new ManualClock(1_000_000);
  const cm = new CopyManager({
    clock,
    random: seededRandom(11),
    logicalUnits: [{ blockSize: 512, capacity: 64n }],
    ...o,
  });
  return { cm, clock, h: new Host(cm, A1) };
}

const io = {
  read10: (lba: number, n: number) =>
    encodeRead10Cdb({
      rdprotect: 0,
      dpo: false,
      fua: false,
      rarc: false,
      logicalBlockAddress: lba,
      transferLength: n,
      groupNumber: 0,
      control: 0,
    }),
  read16: (lba: number, n: number) =>
    encodeRead16Cdb({
      rdprotect: 0,
      dpo: false,
      fua: false,
      rarc: false,
      logicalBlockAddress: BigInt(lba),
      transferLength: n,
      groupNumber: 0,
      control: 0,
    }),
  write10: (lba: number, n: number) =>
    encodeWrite10Cdb({
      wrprotect: 0,
      dpo: false,
      fua: false,
      logicalBlockAddress: lba,
      transferLength: n,
      groupNumber: 0,
      control: 0,
    }),
  write16: (lba: number, n: number) =>
    encodeWrite16Cdb({
      wrprotect: 0,
      dpo: false,
      fua: false,
      logicalBlockAddress: BigInt(lba),
      transferLength: n,
      groupNumber: 0,
      control: 0,
    }),
};

describe('READ and WRITE: TRANSFER LENGTH at MAXIMUM TRANSFER LENGTH', () => {
  test('8 blocks pass, 9 are INVALID FIELD IN CDB at TRANSFER LENGTH (byte 7 or 10)', () => {
    const { h } = setup({ maxTransferLength: 8 });
    const r = h.run(0, io.read16(0, 8));
    expectGood(r);
    expect(r.dataIn?.length).toBe(8 * 512);
    expectGood(h.run(0, io.read10(0, 8)));
    expectGood(h.run(0, io.write16(0, 8), pattern(8, 512, 1)));
    expectGood(h.run(0, io.write10(0, 8), pattern(8, 512, 2)));
    expectSense(h.run(0, io.read16(0, 9)), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 10 } });
    expectSense(h.run(0, io.read10(0, 9)), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 7 } });
    expectSense(h.run(0, io.write16(0, 9), pattern(9, 512, 1)), {
      key: IR,
      asc: 0x24,
      ascq: 0,
      pointer: { cd: true, field: 10 },
    });
    expectSense(h.run(0, io.write10(0, 9), pattern(9, 512, 1)), {
      key: IR,
      asc: 0x24,
      ascq: 0,
      pointer: { cd: true, field: 7 },
    });
  });
});

describe('READ, WRITE, SYNCHRONIZE CACHE: the last block of the capacity', () => {
  test('LBA + TRANSFER LENGTH = capacity passes; one more is LBA OUT OF RANGE at byte 2', () => {
    const { h } = setup();
    const data = pattern(4, 512, 3);
    expectGood(h.run(0, io.write16(60, 4), data));
    const r = h.run(0, io.read16(60, 4));
    expectGood(r);
    expect(r.dataIn).toEqual(data);
    expectGood(h.run(0, io.read10(63, 1)));
    const oor = { key: IR, asc: 0x21, ascq: 0, pointer: { cd: true, field: 2 } };
    expectSense(h.run(0, io.read16(61, 4)), oor);
    expectSense(h.run(0, io.read10(64, 1)), oor);
    expectSense(h.run(0, io.write16(61, 4), data), oor);
  });

  test('SYNCHRONIZE CACHE (10) and (16): the range is checked against the capacity', () => {
    const { h } = setup();
    const sc10 = (lba: number, n: number) =>
      encodeSynchronizeCache10Cdb({
        immed: false,
        logicalBlockAddress: lba,
        numberOfLogicalBlocks: n,
        groupNumber: 0,
        control: 0,
      });
    const sc16 = (lba: number, n: number) =>
      encodeSynchronizeCache16Cdb({
        immed: false,
        logicalBlockAddress: BigInt(lba),
        numberOfLogicalBlocks: n,
        groupNumber: 0,
        control: 0,
      });
    const oor = { key: IR, asc: 0x21, ascq: 0, pointer: { cd: true, field: 2 } };
    for (const sc of [sc10, sc16]) {
      expectGood(h.run(0, sc(0, 64)));
      expectGood(h.run(0, sc(63, 1)));
      expectGood(h.run(0, sc(63, 0)));
      expectSense(h.run(0, sc(64, 0)), oor);
      expectSense(h.run(0, sc(63, 2)), oor);
      expectSense(h.run(0, sc(0, 65)), oor);
    }
  });

  test('WRITE with one byte of data-out missing: PARAMETER LIST LENGTH ERROR without a pointer', () => {
    const { h } = setup();
    expectSense(h.run(0, io.write16(0, 2), new Uint8Array(1023)), { key: IR, asc: 0x1a, ascq: 0, pointer: null });
    expectGood(h.run(0, io.write16(0, 2), new Uint8Array(1024)));
  });
});

describe('POPULATE TOKEN: INACTIVITY TIMEOUT and the token lifetime', () => {
  test('INACTIVITY TIMEOUT = MAXIMUM INACTIVITY TIMEOUT passes; one more is 26h/00h at byte 4', () => {
    const { h } = setup({ maxInactivityTimeout: 100 });
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 100 }));
    expectSense(h.populate(0, 2, [{ lba: 0, count: 1 }], { inactivityTimeout: 101 }), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 4 },
    });
  });

  test('INACTIVITY TIMEOUT 0: the default; a token used exactly at its timeout lives, 1 ms later it expired', () => {
    const { h, clock } = setup({ defaultInactivityTimeout: 5 });
    const t = h.token(0, 1, [{ lba: 0, count: 2 }]);
    clock.advance(5_000);
    expectGood(h.wut(0, 2, t, [{ lba: 10, count: 1 }])); // idle exactly 5 s: still live, and used now
    clock.advance(5_000);
    expectGood(h.wut(0, 3, t, [{ lba: 11, count: 1 }]));
    clock.advance(5_001);
    expectSense(h.wut(0, 4, t, [{ lba: 12, count: 1 }]), {
      key: IR,
      asc: 0x23,
      ascq: 0x07,
      pointer: { cd: false, field: 16 },
    });
  });
});

describe('range descriptors: count and total exactly at their limits', () => {
  test('MAXIMUM RANGE DESCRIPTORS: 3 pass, 4 are TOO MANY SEGMENT DESCRIPTORS at the range length', () => {
    const { h } = setup({ maxRangeDescriptors: 3 });
    const ranges = (n: number) => Array.from({ length: n }, (_, i) => ({ lba: 4 * i, count: 1 }));
    const t = h.token(0, 1, ranges(3));
    expectSense(h.populate(0, 2, ranges(4)), { key: IR, asc: 0x26, ascq: 0x08, pointer: { cd: false, field: 14 } });
    expectGood(h.wut(0, 3, t, ranges(3)));
    expectSense(h.wut(0, 4, t, ranges(4)), { key: IR, asc: 0x26, ascq: 0x08, pointer: { cd: false, field: 534 } });
  });

  test('MAXIMUM TOKEN TRANSFER SIZE: 10 blocks pass, 11 are 26h/00h at the range length', () => {
    const { h } = setup({ maxTokenTransferSize: 10n });
    const t = h.token(0, 1, [
      { lba: 0, count: 6 },
      { lba: 20, count: 4 },
    ]);
    expectSense(
      h.populate(0, 2, [
        { lba: 0, count: 6 },
        { lba: 20, count: 5 },
      ]),
      { key: IR, asc: 0x26, ascq: 0, pointer: { cd: false, field: 14 } },
    );
    expectGood(h.wut(0, 3, t, [{ lba: 40, count: 10 }]));
    expectSense(h.wut(0, 4, t, [{ lba: 40, count: 11 }]), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 534 },
    });
  });

  test('the offending descriptor is named at 16 x its index for indices 0 to 3 (WRITE USING TOKEN too)', () => {
    const { h } = setup();
    const t = h.token(0, 1, [{ lba: 0, count: 8 }]);
    for (let i = 0; i < 4; i++) {
      const ranges = Array.from({ length: 4 }, (_, k) => ({ lba: 10 + 2 * k, count: 1 }));
      ranges[i] = { lba: 64, count: 1 }; // past the capacity
      expectSense(h.populate(0, 10 + i, ranges), {
        key: IR,
        asc: 0x21,
        ascq: 0,
        pointer: { cd: false, field: 16 + 16 * i },
      });
      expectSense(h.wut(0, 20 + i, t, ranges), {
        key: IR,
        asc: 0x21,
        ascq: 0,
        pointer: { cd: false, field: 536 + 16 * i },
      });
    }
  });
});

describe('WRITE USING TOKEN: OFFSET INTO ROD at the end of the token', () => {
  test('offset = blocks - 1 passes (one block left); offset = blocks is 26h/00h at OFFSET INTO ROD (byte 8)', () => {
    const { h } = setup();
    const data = pattern(4, 512, 9);
    expectGood(h.write(0, 0, data, 512));
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 2, t, [{ lba: 30, count: 1 }], { offsetIntoRod: 3n }));
    const r = h.read(0, 30, 1);
    expect(r.dataIn).toEqual(data.subarray(3 * 512));
    expectSense(h.wut(0, 3, t, [{ lba: 30, count: 1 }], { offsetIntoRod: 4n }), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 8 },
    });
  });
});

describe('background copies: exactly maxConcurrentCopies run at once', () => {
  test('with 2 allowed, 2 IMMED copies run and the third is ABORTED COMMAND, INSUFFICIENT RESOURCES', () => {
    const { h, cm } = setup({ maxConcurrentCopies: 2, backgroundBytesPerSecond: 1 });
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 2, t, [{ lba: 10, count: 4 }], { immed: true }));
    expectGood(h.wut(0, 3, t, [{ lba: 20, count: 4 }], { immed: true }));
    expect(cm.runningCopies).toBe(2);
    expectSense(h.wut(0, 4, t, [{ lba: 30, count: 4 }], { immed: true }), {
      key: ABORTED_COMMAND,
      asc: 0x55,
      ascq: 0x03,
      pointer: null,
    });
    expect(cm.runningCopies).toBe(2);
  });
});
