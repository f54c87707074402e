/**
 * Thin provisioning at scale: a 1 TiB POPULATE TOKEN + WRITE USING TOKEN is metadata only (no
 * bytes are allocated); data is checked by reading sample blocks back. No timing assertions.
 */
import { describe, expect, test } from 'vitest';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { A1, B2, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';

const TIB = 1n << 40n;

describe('large logical units', () => {
  test('1 TiB copy through POPULATE TOKEN + WRITE USING TOKEN, 4096 → 512-byte blocks', () => {
    const { cm } = makeCm({
      logicalUnits: [
        { blockSize: 4096, capacity: 1n << 40n }, // 4 PiB
        { blockSize: 512, capacity: 1n << 64n }, // the largest SCSI capacity
      ],
      maxTransferLength: 0xffff_ffff,
      maxTokenTransferSize: 1n << 32n,
    });
    const a = new Host(cm, A1);
    const b = new Host(cm, B2);
    const blocks = Number(TIB / 4096n); // 2^28 source blocks
    const samples = [0, 1, 12345, blocks / 2 + 7, blocks - 1];
    for (const lba of samples) expectGood(a.write(0, lba, pattern(1, 4096, lba % 251), 4096));
    expectGood(a.write(0, blocks, pattern(1, 4096, 99), 4096)); // just past the copied range
    const token = a.token(0, 1, [{ lba: 0, count: blocks }]);
    const dst = 1n << 50n; // far beyond 32 bits
    const dstBlocks = Number(TIB / 512n); // 2^31 destination blocks
    expectGood(b.wut(1, 2, token, [{ lba: dst, count: dstBlocks }]));
    expect(b.rrti(1, 2)).toMatchObject({ copyOperationStatus: 1, transferCount: BigInt(dstBlocks) });
    for (const lba of samples) {
      const r = b.read(1, dst + BigInt(lba) * 8n, 8);
      expectGood(r);
      expect(r.dataIn).toEqual(pattern(1, 4096, lba % 251));
    }
    expect(b.read(1, dst + 8n * 2n + 3n, 2).dataIn).toEqual(new Uint8Array(1024)); // never written: zeros
    expect(b.read(1, dst + TIB / 512n, 8).dataIn).toEqual(new Uint8Array(4096)); // the block after the range
    // Metadata only: the destination holds one extent per written source block, no more.
    const store = engineOf(cm).lu(1).store;
    expect(store.extentCount).toBe(samples.length);
    expect(store.mappedBytes).toBe(BigInt(samples.length * 4096));
    // A READ larger than one buffer can hold is refused even under a huge MAXIMUM TRANSFER LENGTH.
    expectSense(b.read(1, 0, 2 ** 22), { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 10 } });
    // And the last LBA of a 2^64-block LU is addressable.
    expectGood(b.write(1, (1n << 64n) - 1n, pattern(1, 512, 3), 512));
    expect(b.read(1, (1n << 64n) - 1n, 1).dataIn).toEqual(pattern(1, 512, 3));
  });
});
