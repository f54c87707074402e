/**
 * Background EXTENDED COPY (LID4, IMMED = 1) tick by tick (issue 17, fourth session): what a tick
 * copied stays as it was copied when the source changes later, a later segment's bytes go to its
 * own destination and no further, and SEGMENTS PROCESSED counts segments of 0 bytes as the
 * foreground copy does. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeExtendedCopyLid4Cdb } from '../../src/cdb/index.js';
import { encodeExtendedCopyLid4ParameterList, type SegmentDescriptor } from '../../src/parameter-list/index.js';
import { decodeCopyStatusLid4 } from '../../src/status/index.js';
import { A1, expectGood, Host, makeCm, pattern } from './helpers.js';
import { b2b, b2bOffsets, e4, luNaa } from './xcopy-helpers.js';

function setup() {
  const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
  const h = new Host(cm, A1);
  const naa = luNaa(h, 0);
  const run = (segs: SegmentDescriptor[], listIdentifier: number, immed: boolean) => {
    const p = encodeExtendedCopyLid4ParameterList({
      listFormat: 1,
      str: false,
      listIdUsage: 0,
      priority: 0,
      headerCscdDescriptorListLength: 0x20,
      gSense: false,
      immed,
      headerCscdDescriptorTypeCode: 0xff,
      listIdentifier,
      cscdDescriptors: [e4(naa)],
      segmentDescriptors: segs,
      inlineData: new Uint8Array(0),
    });
    return h.run(0, encodeExtendedCopyLid4Cdb({ parameterListLength: p.length, control: 0 }), p);
  };
  const status = (id: number) => decodeCopyStatusLid4(h.rcs(0, id).dataIn as Uint8Array, { strict: true });
  return { cm, clock, h, run, status };
}

describe('background EXTENDED COPY (LID4)', () => {
  test('bytes copied by an earlier tick are not copied again from a source written since', () => {
    const { cm, clock, h, run } = setup();
    const a = pattern(4, 512, 71);
    const b = pattern(4, 512, 72);
    expectGood(h.write(0, 0, a, 512));
    expectGood(run([b2b(0, 0, 4, 0n, 100n)], 1, true));
    clock.advance(2_000); // blocks 0 and 1 copied
    expectGood(h.write(0, 0, b, 512)); // the source changes under the running copy
    clock.advance(2_000);
    expect(cm.runningCopies).toBe(0);
    expect(h.read(0, 100, 4).dataIn).toEqual(new Uint8Array([...a.subarray(0, 1024), ...b.subarray(1024)]));
  });

  test('the second segment writes its own destination only, in one tick or across ticks', () => {
    for (const tick of [500, 4_000]) {
      const { cm, clock, h, run } = setup();
      const src = pattern(4, 512, 73);
      const around = pattern(8, 512, 74);
      expectGood(h.write(0, 0, src, 512));
      expectGood(h.write(0, 200, around, 512));
      expectGood(run([b2b(0, 0, 2, 0n, 300n), b2b(0, 0, 2, 2n, 202n)], 2, true));
      for (let i = 0; i < 16 && cm.runningCopies > 0; i++) clock.advance(tick);
      expect(cm.runningCopies).toBe(0);
      const want = around.slice();
      want.set(src.subarray(1024), 2 * 512);
      expect(h.read(0, 200, 8).dataIn).toEqual(want);
      expect(h.read(0, 300, 2).dataIn).toEqual(src.subarray(0, 1024));
    }
  });

  test('SEGMENTS PROCESSED counts segments of 0 bytes, first, in the middle and last, as the foreground copy does', () => {
    const zero = b2bOffsets(0, 0, 0, 0n, 500n, 0, 0);
    const lists: SegmentDescriptor[][] = [
      [zero, b2b(0, 0, 1, 0n, 100n)],
      [b2b(0, 0, 1, 0n, 100n), zero, b2b(0, 0, 1, 1n, 101n)],
      [b2b(0, 0, 1, 0n, 100n), zero],
      [zero],
    ];
    for (const segs of lists) {
      const { cm, clock, run, status } = setup();
      expectGood(run(segs, 1, false));
      expectGood(run(segs, 2, true));
      clock.advance(10_000);
      expect(cm.runningCopies).toBe(0);
      const fg = status(1);
      const bg = status(2);
      expect(fg.segmentsProcessed).toBe(segs.length);
      expect([bg.copyOperationStatus, bg.segmentsProcessed, bg.transferCount]).toEqual([
        0x01,
        segs.length,
        fg.transferCount,
      ]);
    }
  });
});
