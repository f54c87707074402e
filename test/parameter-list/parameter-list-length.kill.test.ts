/**
 * Kill tests for range descriptors cut off by the PARAMETER LIST LENGTH (or the buffer) in the
 * POPULATE TOKEN and WRITE USING TOKEN decoders (issue 17): a buffer shorter than the CDB says
 * (the "data out" shortfall), descriptors cut off with none left (refused) or some left (ignored,
 * noted), each with its field, offset and rule. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/index.js';
import { err, parts } from './extended-copy-fixtures.js';

const ranges = [
  { logicalBlockAddress: 8n, numberOfLogicalBlocks: 4 },
  { logicalBlockAddress: 16n, numberOfLogicalBlocks: 4 },
  { logicalBlockAddress: 32n, numberOfLogicalBlocks: 4 },
];
const LISTS = [
  {
    structure: 'PopulateTokenParameterList',
    bytes: encodePopulateTokenParameterList({
      rtv: false,
      immed: false,
      inactivityTimeout: 0,
      rodType: 0,
      blockDeviceRangeDescriptors: ranges,
    }),
    decode: decodePopulateTokenParameterList,
    header: 16,
    rangeLength: 14,
    prefix: 'sbc.populate-token',
  },
  {
    structure: 'WriteUsingTokenParameterList',
    bytes: encodeWriteUsingTokenParameterList({
      delTkn: false,
      immed: false,
      offsetIntoRod: 0n,
      rodToken: new Uint8Array(512),
      blockDeviceRangeDescriptors: ranges,
    }),
    decode: decodeWriteUsingTokenParameterList,
    header: 536,
    rangeLength: 534,
    prefix: 'sbc.write-using-token',
  },
] as const;

describe('PARAMETER LIST LENGTH one byte past the buffer', () => {
  for (const l of LISTS) {
    it(`${l.structure}: ERR_TRUNCATED at the end of the buffer, rule spc.data-out.short`, () => {
      const n = l.bytes.length;
      expect(l.decode(l.bytes, { parameterListLength: n }).blockDeviceRangeDescriptors).toEqual(ranges);
      expect(parts(err(() => l.decode(l.bytes, { parameterListLength: n + 1 })))).toEqual({
        code: 'ERR_TRUNCATED',
        structure: l.structure,
        field: 'parameterListLength',
        offset: n,
        bit: undefined,
        detail: `PARAMETER LIST LENGTH is ${n + 1} but the buffer holds ${n} bytes`,
        rule: 'spc.data-out.short',
      });
    });
  }
});

describe('range descriptors cut off by PARAMETER LIST LENGTH', () => {
  for (const l of LISTS) {
    it(`${l.structure}: none complete: refused (lenient: an issue) at the range length, rule sbc.range-descriptors.none`, () => {
      const pll = l.header + 15;
      const detail = `range descriptors need 48 bytes but the parameter list has 15: no complete descriptor`;
      const v = l.decode(l.bytes, { parameterListLength: pll });
      expect(v.blockDeviceRangeDescriptors).toEqual([]);
      expect(v.issues).toEqual([
        {
          code: 'ERR_TRUNCATED',
          structure: l.structure,
          field: 'blockDeviceRangeDescriptorLength',
          offset: l.rangeLength,
          bit: undefined,
          message: detail,
          rule: 'sbc.range-descriptors.none',
        },
      ]);
      expect(parts(err(() => l.decode(l.bytes, { parameterListLength: pll, strict: true })))).toEqual({
        code: 'ERR_TRUNCATED',
        structure: l.structure,
        field: 'blockDeviceRangeDescriptorLength',
        offset: l.rangeLength,
        bit: undefined,
        detail,
        rule: 'sbc.range-descriptors.none',
      });
    });
    it(`${l.structure}: two complete: the third ignored, noted in both modes`, () => {
      const pll = l.header + 32;
      const issue = {
        code: 'ERR_TRUNCATED',
        structure: l.structure,
        field: 'blockDeviceRangeDescriptorLength',
        offset: l.rangeLength,
        bit: undefined,
        message: 'range descriptors need 48 bytes but the parameter list has 32 (truncated descriptors ignored)',
        rule: `${l.prefix}.truncated-descriptors`,
      };
      for (const strict of [false, true]) {
        const v = l.decode(l.bytes, { parameterListLength: pll, strict });
        expect(v.blockDeviceRangeDescriptors).toEqual(ranges.slice(0, 2));
        expect(v.issues).toEqual([issue]);
      }
    });
  }
});
