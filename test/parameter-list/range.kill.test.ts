/**
 * Kill tests for the range-descriptor walk and validateRangeDescriptors (issue 17, third
 * mutation session): the overlap sweep's order among ranges with the same starting LBA, a
 * non-object descriptor in an encoder, and the text of the partial-descriptor issue. Public
 * behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  ScsiCodecError,
  validateRangeDescriptors,
} from '../../src/index.js';

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const d = (lba: number, n: number): BlockDeviceRangeDescriptor => ({
  logicalBlockAddress: BigInt(lba),
  numberOfLogicalBlocks: n,
});
const pairs = (ranges: BlockDeviceRangeDescriptor[]) =>
  validateRangeDescriptors(ranges).map((i) => [i.code, i.descriptorIndex, i.otherDescriptorIndex]);

describe('overlap sweep: ranges in LBA order, ties in list order', () => {
  it('three ranges at the same LBA with different ends: each later one overlaps the furthest so far', () => {
    // Sorted (LBA, index): 0, 1, 2. The first range reaches furthest, so both others overlap it.
    expect(pairs([d(0, 10), d(0, 2), d(0, 5)])).toEqual([
      ['OVERLAP', 1, 0],
      ['OVERLAP', 2, 0],
    ]);
    // Growing ends: the furthest end moves to each new range in turn.
    expect(pairs([d(0, 2), d(0, 5), d(0, 10)])).toEqual([
      ['OVERLAP', 1, 0],
      ['OVERLAP', 2, 1],
    ]);
    expect(pairs([d(0, 5), d(0, 10), d(0, 2)])).toEqual([
      ['OVERLAP', 1, 0],
      ['OVERLAP', 2, 1],
    ]);
  });
  it('listed out of LBA order: the sweep sorts by LBA first', () => {
    // By LBA: #1 [0,5), #3 [0,10), #2 [10,12), #0 [20,21): only #3 overlaps #1.
    expect(pairs([d(20, 1), d(0, 5), d(10, 2), d(0, 10)])).toEqual([['OVERLAP', 3, 1]]);
    // By LBA: #1 [0,2), #2 [0,9), #3 [0,4), #0 [5,6).
    expect(pairs([d(5, 1), d(0, 2), d(0, 9), d(0, 4)])).toEqual([
      ['OVERLAP', 2, 1],
      ['OVERLAP', 3, 2],
      ['OVERLAP', 2, 0],
    ]);
  });
});

describe('range descriptor lists in encoders and decoders', () => {
  it('an element that is not an object is named at its offset', () => {
    const pt = err(() =>
      encodePopulateTokenParameterList({
        immed: false,
        rtv: false,
        inactivityTimeout: 0,
        rodType: 0,
        blockDeviceRangeDescriptors: [5 as never],
      }),
    );
    expect([pt.code, pt.structure, pt.field, pt.offset, pt.detail]).toEqual([
      'ERR_FIELD_RANGE',
      'PopulateTokenParameterList',
      'blockDeviceRangeDescriptors',
      16,
      'not a descriptor object',
    ]);
    const wut = err(() =>
      encodeWriteUsingTokenParameterList({
        delTkn: false,
        immed: false,
        offsetIntoRod: 0n,
        rodToken: new Uint8Array(512),
        blockDeviceRangeDescriptors: [d(0, 1), 'x' as never],
      }),
    );
    expect([wut.structure, wut.field, wut.offset, wut.detail]).toEqual([
      'WriteUsingTokenParameterList',
      'blockDeviceRangeDescriptors',
      552,
      'not a descriptor object',
    ]);
  });
  it('a BLOCK DEVICE RANGE DESCRIPTOR LENGTH that is not a multiple of 16: the issue says so', () => {
    const b = encodePopulateTokenParameterList({
      immed: false,
      rtv: false,
      inactivityTimeout: 0,
      rodType: 0,
      blockDeviceRangeDescriptors: [d(1, 1), d(9, 1)],
    });
    b[1] = 14 + 20;
    b[15] = 20;
    const v = decodePopulateTokenParameterList(b);
    expect(v.blockDeviceRangeDescriptors).toEqual([d(1, 1)]);
    expect(v.ignoredBytes).toBe(4);
    expect(v.issues).toEqual([
      {
        code: 'ERR_LENGTH_MISMATCH',
        structure: 'PopulateTokenParameterList',
        field: 'blockDeviceRangeDescriptorLength',
        offset: 14,
        message: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH 20 is not a multiple of 16 (partial last descriptor ignored)',
        rule: 'sbc.populate-token.partial-descriptor',
      },
    ]);
  });
});
