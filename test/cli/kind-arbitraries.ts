/** Arbitrary values of every CLI kind, with the codec that encodes them (test helper). */
import type { fc } from '@fast-check/vitest';
import * as arbs from '../../src/arbitraries/index.js';
import { CODECS } from '../../src/cli/codecs.js';
import type { Kind } from '../../src/cli/kinds.js';

const table: Partial<Record<Kind, () => fc.Arbitrary<unknown>>> = {
  cdb: arbs.arbCdb,
  sense: arbs.arbSenseData,
  'populate-token-params': () => arbs.arbPopulateTokenParameterList(),
  'write-using-token-params': () => arbs.arbWriteUsingTokenParameterList(),
  'extended-copy-params': () => arbs.arbExtendedCopyLid1ParameterList(),
  'extended-copy-lid4-params': () => arbs.arbExtendedCopyLid4ParameterList(),
  'rod-token': () => arbs.arbRodToken(),
  'rrti-data': arbs.arbRodTokenInformation,
  'copy-status': arbs.arbCopyStatusLid4,
  vpd: arbs.arbVpdPage,
  designation: () => arbs.arbDesignationDescriptor(),
};

/** Kinds this build can generate and encode. */
export function generatableKinds(): Kind[] {
  return (Object.keys(table) as Kind[]).filter((k) => CODECS[k] !== undefined);
}

/** The arbitrary of `kind`'s values. */
export function arbOfKind(kind: Kind): fc.Arbitrary<unknown> {
  const f = table[kind];
  if (f === undefined) throw new Error(`no arbitrary for ${kind}`);
  return f();
}
