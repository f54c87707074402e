/**
 * Range descriptor lists of 4 or more are written through one DataView (writeRangeList's lean
 * path). The bytes are the descriptors' fields at 16 x index, and a bad descriptor anywhere in the
 * list throws the checked writer's error: its field and absolute offset (a hole is skipped).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import { ByteWriter } from '../../src/internal/byte-writer.js';
import { writeRangeList } from '../../src/parameter-list/block-device-range-descriptor.js';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  type PopulateTokenParameterList,
} from '../../src/parameter-list/index.js';

const descriptor = fc.record(
  {
    logicalBlockAddress: fc.oneof(
      fc.constant(0n),
      fc.constant((1n << 64n) - 1n),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    ),
    numberOfLogicalBlocks: fc.oneof(fc.constant(0), fc.constant(0xffff_ffff), fc.nat({ max: 0xffff_ffff })),
  },
  { noNullPrototype: true },
);

/** What a descriptor may wrongly hold, with the field its error names (+8: NUMBER OF LOGICAL BLOCKS). */
const BAD: readonly [unknown, string, number][] = [
  [{ logicalBlockAddress: -1n, numberOfLogicalBlocks: 1 }, 'logicalBlockAddress', 0],
  [{ logicalBlockAddress: 1n << 64n, numberOfLogicalBlocks: 1 }, 'logicalBlockAddress', 0],
  [{ logicalBlockAddress: 5, numberOfLogicalBlocks: 1 }, 'logicalBlockAddress', 0],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: -1 }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: 2 ** 32 }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: 1.5 }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: '1' }, 'numberOfLogicalBlocks', 8],
  // values `>>>` itself throws on (a TypeError, not our error, if tested before their type)
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: 2n ** 200n }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: 7n }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: 5n, numberOfLogicalBlocks: Symbol.iterator }, 'numberOfLogicalBlocks', 8],
  [{ logicalBlockAddress: Symbol.iterator, numberOfLogicalBlocks: 1 }, 'logicalBlockAddress', 0],
  [null, 'blockDeviceRangeDescriptors', 0],
  [7, 'blockDeviceRangeDescriptors', 0],
];

const header = { immed: false, rtv: false, inactivityTimeout: 0, rodType: 0 };

describe('range descriptor lists written through the lean path', () => {
  test.prop([fc.array(descriptor, { minLength: 0, maxLength: 80 })])(
    'each descriptor at 16 + 16 x index, reserved bytes zero, decoded back equal',
    (ranges) => {
      const list: PopulateTokenParameterList = { ...header, blockDeviceRangeDescriptors: ranges };
      const bytes = encodePopulateTokenParameterList(list);
      const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      ranges.forEach((d, i) => {
        expect(v.getBigUint64(16 + 16 * i)).toBe(d.logicalBlockAddress);
        expect(v.getUint32(24 + 16 * i)).toBe(d.numberOfLogicalBlocks);
        expect(v.getUint32(28 + 16 * i)).toBe(0);
      });
      expect(decodePopulateTokenParameterList(bytes).blockDeviceRangeDescriptors).toEqual(ranges);
    },
  );

  test.prop([fc.array(descriptor, { minLength: 4, maxLength: 40 }), fc.nat(), fc.boolean()])(
    'a bad descriptor anywhere: the checked error, its field and absolute offset (every bad value)',
    (ranges, at, wut) => {
      const k = at % ranges.length;
      for (const [value, field, plus] of BAD) {
        const list = ranges.slice() as unknown[];
        list[k] = value;
        const headerLength = wut ? 536 : 16;
        let thrown: unknown;
        try {
          if (wut) {
            encodeWriteUsingTokenParameterList({
              delTkn: false,
              immed: false,
              offsetIntoRod: 0n,
              rodToken: new Uint8Array(512),
              blockDeviceRangeDescriptors: list as BlockDeviceRangeDescriptor[],
            });
          } else {
            encodePopulateTokenParameterList({
              ...header,
              blockDeviceRangeDescriptors: list as BlockDeviceRangeDescriptor[],
            });
          }
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toMatchObject({ code: 'ERR_FIELD_RANGE', field, offset: headerLength + 16 * k + plus });
      }
    },
  );

  test.prop([fc.array(descriptor, { minLength: 4, maxLength: 40 }), fc.nat()])(
    'a hole is skipped: its bytes stay zero',
    (ranges, at) => {
      const k = at % ranges.length;
      const list = ranges.slice();
      delete list[k];
      const bytes = encodePopulateTokenParameterList({ ...header, blockDeviceRangeDescriptors: list });
      expect([...bytes.subarray(16 + 16 * k, 32 + 16 * k)]).toEqual(new Array(16).fill(0));
      const v = new DataView(bytes.buffer);
      list.forEach((d, i) => {
        expect(v.getBigUint64(16 + 16 * i)).toBe(d.logicalBlockAddress);
      });
    },
  );
});

describe('writeRangeList (internal) without room for the list', () => {
  const four = Array.from({ length: 4 }, (_, i) => ({ logicalBlockAddress: BigInt(i), numberOfLogicalBlocks: i }));
  test.prop([fc.integer({ min: 0, max: 63 }), fc.constantFrom(-32, -16, -1, 0, 8, 16)])(
    'the checked writer says so (ERR_FIELD_RANGE at the first descriptor that does not fit), never a RangeError',
    (length, off) => {
      const w = new ByteWriter(length, 'PopulateTokenParameterList');
      let thrown: unknown;
      try {
        writeRangeList(w, off, four);
      } catch (e) {
        thrown = e;
      }
      // (the checked writer needs the last descriptor's fields, not its 4 reserved bytes)
      const fits = off >= 0 && off + 60 <= length;
      if (fits) expect(thrown).toBeUndefined();
      else expect(thrown).toBeInstanceOf(ScsiCodecError);
    },
  );
});
