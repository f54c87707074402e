// Encoders given arbitrary JavaScript values (wrong types, missing fields) throw only ScsiCodecError.
import { fc, test } from '@fast-check/vitest';
import { arbDesignationDescriptor } from '../../src/arbitraries/designation.js';
import { arbRodManagementToken, arbRodToken } from '../../src/arbitraries/rod-token.js';
import { encodeDesignationDescriptor, encodeDesignationDescriptorList } from '../../src/designation/index.js';
import {
  encodeIdentificationDescriptorCscd,
  encodeRodManagementToken,
  encodeRodToken,
} from '../../src/rod-token/index.js';
import { expectOnlyCodecErrors } from '../laws.js';

// Any keys, `toString` and `valueOf` included: error messages never call the value's own code.
const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true });

/** A valid value with one field replaced by anything (or removed), or anything at all. */
function corrupted<T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    anything,
    fc.tuple(arb, fc.nat(), anything, fc.boolean()).map(([v, i, x, drop]) => {
      const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      const keys = Object.keys(o);
      const k = keys[i % keys.length] as string;
      if (drop) delete o[k];
      else o[k] = x;
      return o;
    }),
  );
}

const encoders: [string, (v: never) => unknown, fc.Arbitrary<unknown>][] = [
  ['encodeDesignationDescriptor', encodeDesignationDescriptor, corrupted(arbDesignationDescriptor())],
  [
    'encodeDesignationDescriptorList',
    encodeDesignationDescriptorList,
    fc.oneof(
      anything,
      fc.array(corrupted(arbDesignationDescriptor()), { maxLength: 3 }).map((descriptors) => ({ descriptors })),
    ),
  ],
  ['encodeRodToken', encodeRodToken, corrupted(arbRodToken())],
  ['encodeRodManagementToken', encodeRodManagementToken, corrupted(arbRodManagementToken())],
  ['encodeIdentificationDescriptorCscd', encodeIdentificationDescriptorCscd, anything],
];
for (const [name, encode, arb] of encoders)
  test.prop([arb])(`${name}: arbitrary input throws only ScsiCodecError`, (v) => {
    expectOnlyCodecErrors(() => encode(v as never));
  });
