/**
 * MODE SENSE (10) with LLBAA on a logical unit of the largest capacity the copy manager takes,
 * 2^64 blocks (issue 17, fifth session): the 16-byte block descriptor's NUMBER OF LOGICAL BLOCKS
 * saturates at FFFFFFFF_FFFFFFFFh (SPC-5 7.5.6.3, long LBA mode parameter block descriptor).
 * Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeModeSense10Cdb } from '../../src/cdb/index.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { decodeModeParameterData10 } from '../../src/data-in/index.js';
import { A1, seededRandom } from './helpers.js';

describe('MODE SENSE (10), LLBAA = 1, capacity 2^64 blocks', () => {
  test('NUMBER OF LOGICAL BLOCKS is 2^64 - 1', () => {
    const cm = new CopyManager({
      clock: new ManualClock(0),
      random: seededRandom(3),
      logicalUnits: [{ blockSize: 512, capacity: 1n << 64n }],
    });
    const cdb = encodeModeSense10Cdb({
      llbaa: true,
      dbd: false,
      pc: 0,
      pageCode: 0x0a,
      subpageCode: 0,
      allocationLength: 512,
      control: 0,
    });
    const r = cm.execute({ nexus: A1, lun: 0, cdb });
    expect(r.status).toBe(0);
    const d = decodeModeParameterData10(r.dataIn as Uint8Array, { strict: true });
    expect(d.longLba).toBe(true);
    expect(d.blockDescriptors).toEqual([{ numberOfLogicalBlocks: (1n << 64n) - 1n, logicalBlockLength: 512 }]);
  });
});
