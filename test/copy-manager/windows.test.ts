/**
 * A Windows-shaped offloaded copy (what its disk class driver sends): POPULATE TOKEN and WRITE
 * USING TOKEN with IMMED = 0, RTV = 0, one contiguous extent per command, list identifiers from one
 * counter, one RRTI per operation; it reads only the first 8Fh descriptor (Block Device ROD
 * Limits, type 0000h, length 0020h). Also the VPD pages that decide the size of its ranges.
 */
import { describe, expect, test } from 'vitest';
import { encodeInquiryCdb, encodeRead16Cdb } from '../../src/cdb/index.js';
import { decodeRodTokenInformation } from '../../src/status/index.js';
import { decodeBlockLimitsVpdPage, decodeThirdPartyCopyVpdPage } from '../../src/vpd/index.js';
import { A1, B1, expectGood, expectSense, Host, makeCm } from './helpers.js';

const MiB = 1 << 20;

function inquiry(h: Host, pageCode: number): Uint8Array {
  const r = h.run(0, encodeInquiryCdb({ evpd: true, pageCode, allocationLength: 0xffff, control: 0 }));
  expectGood(r);
  return r.dataIn as Uint8Array;
}

describe('Windows-shaped single-extent copies', () => {
  // 64 MiB and 1 GiB in one range descriptor, 512-byte blocks: 131,072 and 2,097,152 blocks, above
  // Block Limits MAXIMUM TRANSFER LENGTH (65,536 by default), which Windows ignores for ranges.
  test.each([
    ['64 MiB', 64 * MiB],
    ['1 GiB', 1024 * MiB],
  ])('%s: PT, RRTI, WUT, RRTI; data copied', (_name, bytes) => {
    const { cm } = makeCm({
      logicalUnits: [
        { blockSize: 512, capacity: 1n << 24n },
        { blockSize: 512, capacity: 1n << 24n },
      ],
    });
    const a = new Host(cm, A1);
    const b = new Host(cm, B1);
    const blocks = bytes / 512;
    // Some data at the start, the middle and the end of the extent (the rest stays thin).
    const marks = [0, blocks >> 1, blocks - 1];
    for (const [i, lba] of marks.entries()) expectGood(a.write(0, 100 + lba, new Uint8Array(512).fill(i + 1), 512));
    // The first 8Fh descriptor Windows parses: Block Device ROD Limits, type 0000h, length 0020h.
    const vpd = inquiry(a, 0x8f);
    expect([vpd[4], vpd[5], vpd[6], vpd[7]]).toEqual([0, 0, 0, 0x20]);
    let listId = 1;
    const pt = listId++;
    expectGood(a.populate(0, pt, [{ lba: 100, count: blocks }]));
    const ptInfo = decodeRodTokenInformation(a.rrtiRaw(0, pt, 4096).dataIn as Uint8Array, { strict: true });
    expect(ptInfo).toMatchObject({
      copyOperationStatus: 1,
      transferCountUnits: 0xf1,
      transferCount: BigInt(blocks),
      segmentsProcessed: 0,
    });
    expect(ptInfo.rodTokenDescriptors).toHaveLength(1);
    const token = ptInfo.rodTokenDescriptors[0]?.rodToken as Uint8Array;
    expect(token.length).toBe(512); // ROD TOKEN DESCRIPTOR LENGTH 514 = 2 + 512
    const wut = listId++;
    expectGood(b.wut(1, wut, token, [{ lba: 5000, count: blocks }]));
    const wutInfo = decodeRodTokenInformation(b.rrtiRaw(1, wut, 4096).dataIn as Uint8Array, { strict: true });
    expect(wutInfo).toMatchObject({ copyOperationStatus: 1, transferCountUnits: 0xf1, transferCount: BigInt(blocks) });
    for (const [i, lba] of marks.entries())
      expect(b.read(1, 5000 + lba, 1).dataIn).toEqual(new Uint8Array(512).fill(i + 1));
    expect(b.read(1, 5001, 1).dataIn).toEqual(new Uint8Array(512));
  });
});

describe('VPD pages that size the ranges and transfers', () => {
  test('8Fh ROD Token Features carries the block ROD descriptor: MAXIMUM BYTES IN BLOCK ROD = token size in bytes', () => {
    const { cm } = makeCm({ maxTokenTransferSize: 1n << 22n });
    const page = decodeThirdPartyCopyVpdPage(inquiry(new Host(cm, A1), 0x8f), { strict: true });
    const features = page.descriptors.find((d) => d.kind === 'rodTokenFeatures');
    if (features?.kind !== 'rodTokenFeatures') throw new Error('no ROD Token Features descriptor');
    expect(features.deviceTypeSpecificDescriptors).toEqual([
      {
        kind: 'block',
        optimalBlockRodLengthGranularity: 1,
        maximumBytesInBlockRod: (1n << 22n) * 512n,
        optimalBytesInBlockRodTransfer: 0n,
        optimalBytesToTokenPerSegment: 0n,
        optimalBytesFromTokenPerSegment: 0n,
      },
    ]);
    // Access upon reference is recognised but never made (POPULATE TOKEN: point in time only).
    const types = page.descriptors.find((d) => d.kind === 'supportedRodTokenAndRodTypes');
    if (types?.kind !== 'supportedRodTokenAndRodTypes') throw new Error('no ROD types descriptor');
    expect(types.rodTypes.find((t) => t.rodType === 0x0001_0000)?.tokenOut).toBe(false);
  });

  test('Block Limits: the full page (PAGE LENGTH 003Ch); MAXIMUM TRANSFER LENGTH what READ accepts', () => {
    const { cm } = makeCm({ maxTransferLength: 0xffff_ffff });
    const h = new Host(cm, A1);
    const raw = inquiry(h, 0xb0);
    expect(raw.length).toBe(64);
    expect([raw[2], raw[3]]).toEqual([0x00, 0x3c]);
    // 0xFFFFFFFF configured; one transfer is at most 1 GiB: 2^21 blocks of 512 bytes advertised.
    const mtl = decodeBlockLimitsVpdPage(raw, { strict: true }).maximumTransferLength;
    expect(mtl).toBe(2 ** 21);
    const read = (n: number) =>
      h.run(
        0,
        encodeRead16Cdb({
          rdprotect: 0,
          dpo: false,
          fua: false,
          rarc: false,
          logicalBlockAddress: 0n,
          transferLength: n,
          groupNumber: 0,
          control: 0,
        }),
      );
    // One block over the advertised maximum: 24h/00h at TRANSFER LENGTH (byte 10).
    expectSense(read(mtl + 1), { key: 5, asc: 0x24, ascq: 0, pointer: { cd: true, field: 10 } });
    expectGood(read(8));
  });
});
