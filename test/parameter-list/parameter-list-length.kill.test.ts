/**
 * Kill test for the PARAMETER LIST LENGTH option of the POPULATE TOKEN and WRITE USING TOKEN
 * decoders (issue 17): a buffer shorter than the CDB says is the device server's "data out"
 * shortfall, with its rule. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/index.js';
import { err, parts } from './extended-copy-fixtures.js';

const ranges = [{ logicalBlockAddress: 8n, numberOfLogicalBlocks: 4 }];
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
