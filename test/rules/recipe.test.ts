/**
 * One answer: the README's POPULATE TOKEN device-server recipe (strict decoding + the rule table)
 * and the reference copy manager give byte-identical sense data (or both GOOD) for the malformed
 * POPULATE TOKEN lists of issue 14 and more.
 */
import { describe, expect, test } from 'vitest';
import { decodePopulateTokenCdb, encodePopulateTokenCdb } from '../../src/cdb/index.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { isScsiCodecError } from '../../src/errors.js';
import {
  decodePopulateTokenParameterList,
  encodePopulateTokenParameterList,
  validateRangeDescriptors,
} from '../../src/parameter-list/index.js';
import { senseForRangeDescriptorIssue, senseForRule } from '../../src/rules/index.js';
import { encodeSenseData, type SenseData, senseDataFromCodecError } from '../../src/sense/index.js';
import { seededRandom } from '../copy-manager/helpers.js';

const CAPACITY = 1n << 20n;
const limits = { maximumRangeDescriptors: 64, maximumTokenTransferSize: 1n << 24n, capacity: CAPACITY };
const POINT_IN_TIME = [0x0080_0000, 0x0080_0001, 0x0080_0002, 0x0080_ffff];

/** The README recipe, verbatim but for the imports. */
function populateToken(cdb: Uint8Array, dataOut: Uint8Array): SenseData | undefined {
  try {
    const { parameterListLength } = decodePopulateTokenCdb(cdb, { strict: true });
    if (parameterListLength === 0) return undefined; // nothing to do (SBC)
    // PARAMETER LIST LENGTH 1-15, data-out shorter than it, lengths, reserved fields: err.rule says.
    const list = decodePopulateTokenParameterList(dataOut, { strict: true, parameterListLength });
    if (list.inactivityTimeout > 3600) return senseForRule('sbc.populate-token.inactivity-timeout');
    if (list.rtv && !POINT_IN_TIME.includes(list.rodType)) return senseForRule('sbc.populate-token.rod-type');
    const [first] = validateRangeDescriptors(list.blockDeviceRangeDescriptors, limits);
    return first === undefined ? undefined : senseForRangeDescriptorIssue(first, 'populateToken');
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return senseDataFromCodecError(e);
  }
}

function list(descriptors: [bigint, number][], o: { rtv?: boolean; rodType?: number; timeout?: number } = {}) {
  return encodePopulateTokenParameterList({
    rtv: o.rtv ?? false,
    immed: false,
    inactivityTimeout: o.timeout ?? 0,
    rodType: o.rodType ?? 0,
    blockDeviceRangeDescriptors: descriptors.map(([logicalBlockAddress, numberOfLogicalBlocks]) => ({
      logicalBlockAddress,
      numberOfLogicalBlocks,
    })),
  });
}
const one = () => list([[0n, 8]]);
const two = () =>
  list([
    [0n, 8],
    [100n, 8],
  ]);
const patched = (b: Uint8Array, f: (b: Uint8Array) => void) => {
  f(b);
  return b;
};

interface Case {
  readonly name: string;
  readonly data: Uint8Array;
  /** PARAMETER LIST LENGTH in the CDB (default: the data's length). */
  readonly pll?: number;
  /** The rule the case breaks, or GOOD. */
  readonly want: string;
}

// The 13 malformed lists of issue 14 (8 of which the two disagreed on), then more.
const CASES: readonly Case[] = [
  { name: 'reserved bit 7 of byte 2', data: patched(one(), (b) => (b[2] = 0x80)), want: 'sbc.populate-token.reserved' },
  { name: 'reserved byte 3', data: patched(one(), (b) => (b[3] = 1)), want: 'sbc.populate-token.reserved' },
  { name: 'reserved byte 12', data: patched(one(), (b) => (b[12] = 0x40)), want: 'sbc.populate-token.reserved' },
  {
    name: 'descriptor reserved byte 15',
    data: patched(one(), (b) => (b[31] = 2)),
    want: 'sbc.range-descriptor.reserved',
  },
  {
    name: 'DATA LENGTH + 2',
    data: patched(one(), (b) => (b[1] = 32)),
    want: 'sbc.populate-token.data-length-mismatch',
  },
  { name: 'DATA LENGTH 1Dh', data: patched(one(), (b) => (b[1] = 0x1d)), want: 'sbc.populate-token.data-length' },
  {
    name: 'range descriptor length 24 (partial second descriptor)',
    data: patched(two().slice(0, 40), (b) => {
      b[1] = 14 + 24;
      b[15] = 24;
    }),
    want: 'GOOD',
  },
  {
    name: 'range descriptor length 24, DATA LENGTH unchanged',
    data: patched(one(), (b) => (b[15] = 24)),
    want: 'sbc.populate-token.data-length-mismatch',
  },
  {
    name: 'range descriptor length 8',
    data: patched(one(), (b) => (b[15] = 8)),
    want: 'sbc.populate-token.range-length',
  },
  {
    name: 'zero descriptors',
    data: list([]),
    want: 'sbc.populate-token.range-length',
  },
  { name: 'list cut by PARAMETER LIST LENGTH 40', data: two(), pll: 40, want: 'GOOD' },
  { name: 'PARAMETER LIST LENGTH 8', data: one(), pll: 8, want: 'sbc.populate-token.parameter-list-length' },
  { name: 'PARAMETER LIST LENGTH beyond the data-out', data: one(), pll: 64, want: 'spc.data-out.short' },
  // More: every semantic rule the recipe shares with the copy manager.
  { name: 'cut inside the first descriptor', data: two(), pll: 24, want: 'sbc.range-descriptors.none' },
  {
    name: 'overlapping ranges',
    data: list([
      [0n, 8],
      [4n, 8],
    ]),
    want: 'sbc.range-descriptors.overlap',
  },
  { name: 'beyond the capacity', data: list([[CAPACITY - 4n, 8]]), want: 'sbc.range-descriptors.out-of-range' },
  { name: 'past 2^64', data: list([[(1n << 64n) - 1n, 2]]), want: 'sbc.range-descriptors.out-of-range' },
  {
    name: 'too many descriptors',
    data: list(Array.from({ length: 65 }, (_, i): [bigint, number] => [BigInt(i * 10), 1])),
    want: 'sbc.range-descriptors.too-many',
  },
  {
    name: 'total over MAXIMUM TOKEN TRANSFER SIZE',
    data: list([[0n, 2 ** 24 + 1]]),
    want: 'sbc.range-descriptors.total-too-large',
  },
  {
    name: 'INACTIVITY TIMEOUT over the maximum',
    data: list([[0n, 8]], { timeout: 3601 }),
    want: 'sbc.populate-token.inactivity-timeout',
  },
  {
    name: 'RTV = 1, access upon reference',
    data: list([[0n, 8]], { rtv: true, rodType: 0x0001_0000 }),
    want: 'sbc.populate-token.rod-type',
  },
  {
    name: 'RTV = 1, block device zero',
    data: list([[0n, 8]], { rtv: true, rodType: 0xffff_0001 }),
    want: 'sbc.populate-token.rod-type',
  },
  { name: 'well formed', data: list([[0n, 8]], { rtv: true, rodType: 0x0080_ffff }), want: 'GOOD' },
  { name: 'PARAMETER LIST LENGTH 0', data: one(), pll: 0, want: 'GOOD' },
];

describe('README device-server recipe vs the copy manager: byte-identical sense', () => {
  test.each(CASES)('$name', (c) => {
    const cm = new CopyManager({
      clock: new ManualClock(),
      random: seededRandom(7),
      logicalUnits: [{ blockSize: 512, capacity: CAPACITY }],
    });
    const pll = c.pll ?? c.data.length;
    const cdb = encodePopulateTokenCdb({ listIdentifier: 1, parameterListLength: pll, groupNumber: 0, control: 0 });
    const recipe = populateToken(cdb, c.data);
    const got = cm.execute({ nexus: { initiatorPortId: 'h', targetPortId: 1 }, lun: 0, cdb, dataOut: c.data });
    if (c.want === 'GOOD') {
      expect(recipe).toBeUndefined();
      expect(got.status).toBe(0);
      return;
    }
    expect(got.status).toBe(2);
    expect(recipe).toBeDefined();
    expect(Array.from(got.senseData as Uint8Array)).toEqual(Array.from(encodeSenseData(recipe as SenseData)));
    // And the rule named is the one that gives this sense.
    let rule: string | undefined;
    try {
      decodePopulateTokenParameterList(c.data, { strict: true, parameterListLength: Math.min(pll, c.data.length + 1) });
    } catch (e) {
      if (isScsiCodecError(e)) rule = e.rule;
    }
    if (rule !== undefined) expect(rule).toBe(c.want);
  });
});
