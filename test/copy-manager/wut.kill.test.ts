/**
 * WRITE USING TOKEN's transfer count when the token and the request differ in size (issue 17,
 * fourth session): fewer blocks than the token holds, a token ending inside a destination block
 * (zero-fill and underrun), in the foreground and in the background. TRANSFER COUNT, status, sense
 * and the bytes written, through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { A1, expectGood, expectSense, Host, makeCm, parseRrti, pattern } from './helpers.js';

const COPY_ABORTED = 0x0a;

/** LU 0: 512-byte blocks; LU 1: 4096-byte blocks. A 9-block (4608-byte) token on LU 0. */
function setup(policy: 'zero-fill' | 'underrun', backgroundBytesPerSecond = 2 ** 30) {
  const { cm, clock } = makeCm({ shortTokenPolicy: policy, backgroundBytesPerSecond });
  const h = new Host(cm, A1);
  const src = pattern(9, 512, 51);
  expectGood(h.write(0, 0, src, 512));
  const old = pattern(3, 4096, 52);
  expectGood(h.write(1, 10, old, 4096)); // the destination's blocks before the copy
  return { cm, clock, h, src, old, token: h.token(0, 1, [{ lba: 0, count: 9 }]) };
}

const status = (h: Host, id: number) => parseRrti(h.rcs(1, id).dataIn as Uint8Array, false);

describe('WRITE USING TOKEN: request and token of different sizes', () => {
  test('fewer blocks than the token holds: those blocks, TRANSFER COUNT = the request', () => {
    const { h, src, old } = setup('zero-fill');
    const token = h.token(0, 3, [{ lba: 0, count: 24 }]); // 3 destination blocks
    expectGood(h.wut(1, 2, token, [{ lba: 10, count: 1 }]));
    expect(status(h, 2)).toMatchObject({ copyOperationStatus: 0x01, transferCount: 1n });
    const got = h.read(1, 10, 3).dataIn as Uint8Array;
    expect(got.subarray(0, 4096)).toEqual(src.subarray(0, 4096));
    expect(got.subarray(4096)).toEqual(old.subarray(4096));
  });

  test('zero-fill: 1 1/8 blocks of token for 2 blocks: both written, the rest of the second zero (GOOD, 2)', () => {
    const { h, src, old, token } = setup('zero-fill');
    expectGood(h.wut(1, 2, token, [{ lba: 10, count: 2 }]));
    expect(status(h, 2)).toMatchObject({ copyOperationStatus: 0x01, transferCount: 2n });
    expect(status(h, 2).senseData).toBeUndefined();
    const got = h.read(1, 10, 3).dataIn as Uint8Array;
    expect(got.subarray(0, 4608)).toEqual(src);
    expect(got.subarray(4608, 8192).every((b) => b === 0)).toBe(true);
    expect(got.subarray(8192)).toEqual(old.subarray(8192));
  });

  test('zero-fill: 1 1/8 blocks of token for 3 blocks: 2 written, COPY ABORTED 0Dh/04h, INFORMATION 2', () => {
    const { h, src, old, token } = setup('zero-fill');
    expectSense(h.wut(1, 2, token, [{ lba: 10, count: 3 }]), {
      key: COPY_ABORTED,
      asc: 0x0d,
      ascq: 0x04,
      information: 2n,
    });
    expect(status(h, 2)).toMatchObject({ copyOperationStatus: 0x03, transferCount: 2n });
    const got = h.read(1, 10, 3).dataIn as Uint8Array;
    expect(got.subarray(0, 4608)).toEqual(src);
    expect(got.subarray(4608, 8192).every((b) => b === 0)).toBe(true);
    expect(got.subarray(8192)).toEqual(old.subarray(8192));
  });

  test('underrun: 1 1/8 blocks of token for 2 blocks: 1 written, the second left as it was (0Dh/04h, 1)', () => {
    const { h, src, old, token } = setup('underrun');
    expectSense(h.wut(1, 2, token, [{ lba: 10, count: 2 }]), {
      key: COPY_ABORTED,
      asc: 0x0d,
      ascq: 0x04,
      information: 1n,
    });
    expect(status(h, 2)).toMatchObject({ copyOperationStatus: 0x03, transferCount: 1n });
    const got = h.read(1, 10, 3).dataIn as Uint8Array;
    expect(got.subarray(0, 4096)).toEqual(src.subarray(0, 4096));
    expect(got.subarray(4096)).toEqual(old.subarray(4096));
  });

  test('in the background (IMMED = 1): GOOD at once, then 03h with the same sense and count', () => {
    for (const [policy, count, tc] of [
      ['zero-fill', 3, 2n],
      ['underrun', 2, 1n],
    ] as const) {
      const { cm, clock, h, src, token } = setup(policy, 4096);
      expectGood(h.wut(1, 2, token, [{ lba: 10, count }], { immed: true }));
      expect(status(h, 2)).toMatchObject({ copyOperationStatus: 0x12, transferCount: 0n });
      clock.advance(10_000);
      expect(cm.runningCopies).toBe(0);
      const st = status(h, 2);
      expect(st).toMatchObject({ copyOperationStatus: 0x03, transferCount: tc });
      const s = st.senseData;
      expect(s === undefined ? undefined : [s.senseKey, s.additionalSenseCode, s.additionalSenseCodeQualifier]).toEqual(
        [COPY_ABORTED, 0x0d, 0x04],
      );
      expect((h.read(1, 10, 1).dataIn as Uint8Array).subarray(0, 4096)).toEqual(src.subarray(0, 4096));
    }
  });

  test('several destination ranges: each gets its part of the token, the blocks after each stay as they were', () => {
    for (const immed of [false, true]) {
      const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
      const h = new Host(cm, A1);
      const src = pattern(3, 512, 53);
      expectGood(h.write(0, 0, src, 512));
      const around = pattern(12, 512, 54);
      expectGood(h.write(0, 100, around, 512));
      const t = h.token(0, 1, [{ lba: 0, count: 3 }]);
      expectGood(
        h.wut(
          0,
          2,
          t,
          [
            { lba: 101, count: 1 },
            { lba: 104, count: 2 },
          ],
          { immed },
        ),
      );
      clock.advance(10_000);
      expect(cm.runningCopies).toBe(0);
      const want = around.slice();
      want.set(src.subarray(0, 512), 512);
      want.set(src.subarray(512), 4 * 512);
      expect(h.read(0, 100, 12).dataIn).toEqual(want);
    }
  });
});
