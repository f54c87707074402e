/**
 * fast-check arbitraries for the POPULATE TOKEN / WRITE USING TOKEN parameter lists.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { BlockDeviceRangeDescriptor } from '../parameter-list/block-device-range-descriptor.js';
import type { PopulateTokenParameterList } from '../parameter-list/populate-token.js';
import type { WriteUsingTokenParameterList } from '../parameter-list/write-using-token.js';
import { arbU64, arbUint } from './cdb.js';

const opts = { noNullPrototype: true } as const;

/** A block device range descriptor (LBA and count biased to 0 and maximum). @remarks Since 0.1.0 */
export function arbBlockDeviceRangeDescriptor(): fc.Arbitrary<BlockDeviceRangeDescriptor> {
  return fc.record({ logicalBlockAddress: arbU64(), numberOfLogicalBlocks: arbUint(32) }, opts);
}

/**
 * A descriptor list of `minLength`..`maxLength` entries, occasionally exactly `maxLength` (the
 * largest list the DATA LENGTH field can describe when `maxLength` is that limit).
 *
 * @remarks Since 0.1.0
 */
export function arbBlockDeviceRangeDescriptors(
  minLength: number,
  maxLength: number,
): fc.Arbitrary<BlockDeviceRangeDescriptor[]> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(arbBlockDeviceRangeDescriptor(), { minLength, maxLength: Math.min(maxLength, 8) }),
    },
    {
      weight: 1,
      arbitrary: arbBlockDeviceRangeDescriptor().map((d) => Array.from({ length: maxLength }, () => d)),
    },
  );
}

/** ROD TYPE values, known and reserved/vendor. @internal */
function arbRodType(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(0, 0x0001_0000, 0x0080_0000, 0x0080_0001, 0x0080_0002, 0x0080_0003, 0x0080_ffff, 0xffff_0001),
    arbUint(32),
  );
}

/**
 * A 512-byte ROD token: random bytes with ROD TOKEN LENGTH 01F8h, the block device zero token, or
 * entirely random bytes (the list codecs treat it as opaque).
 *
 * @remarks Since 0.1.0
 */
export function arbRawRodToken(): fc.Arbitrary<Uint8Array> {
  const zero = new Uint8Array(512);
  zero.set([0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x01, 0xf8]);
  return fc.oneof(
    fc.constant(zero).map((z) => z.slice()),
    fc.uint8Array({ minLength: 512, maxLength: 512 }).map((b) => {
      b[6] = 0x01;
      b[7] = 0xf8;
      return b;
    }),
    fc.uint8Array({ minLength: 512, maxLength: 512 }),
  );
}

/**
 * A POPULATE TOKEN parameter list with `minDescriptors` (default 1, the smallest valid list) to
 * 4095 (the most DATA LENGTH can describe) descriptors. Pass 0 to also reach the empty list.
 *
 * @remarks Since 0.1.0
 */
export function arbPopulateTokenParameterList(minDescriptors = 1): fc.Arbitrary<PopulateTokenParameterList> {
  return fc.record(
    {
      rtv: fc.boolean(),
      immed: fc.boolean(),
      inactivityTimeout: arbUint(32),
      rodType: arbRodType(),
      blockDeviceRangeDescriptors: arbBlockDeviceRangeDescriptors(minDescriptors, 4095),
    },
    opts,
  );
}

/**
 * A WRITE USING TOKEN parameter list with `minDescriptors` (default 1) to 4062 descriptors.
 *
 * @remarks Since 0.1.0
 */
export function arbWriteUsingTokenParameterList(minDescriptors = 1): fc.Arbitrary<WriteUsingTokenParameterList> {
  return fc.record(
    {
      delTkn: fc.boolean(),
      immed: fc.boolean(),
      offsetIntoRod: arbU64(),
      rodToken: arbRawRodToken(),
      blockDeviceRangeDescriptors: arbBlockDeviceRangeDescriptors(minDescriptors, 4062),
    },
    opts,
  );
}
