/** senseDataFromCodecError on real errors from the POPULATE TOKEN CDB and parameter list decoders. */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { arbPopulateTokenParameterList } from '../../src/arbitraries/parameter-list.js';
import { decodePopulateTokenCdb } from '../../src/cdb/populate-token.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import {
  decodePopulateTokenParameterList,
  encodePopulateTokenParameterList,
} from '../../src/parameter-list/populate-token.js';
import { senseDataFromCodecError } from '../../src/sense/builders.js';
import { normalizeSenseData } from '../../src/sense/normalize.js';
import { decodeSenseData, encodeSenseData } from '../../src/sense/sense-data.js';

const caught = (fn: () => unknown): ScsiCodecError => {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
};

describe('converter on real decoder errors', () => {
  it('reserved bit in the PT parameter list header → 26h/00h, C/D=0, field pointer 2, BPV, bit pointer', () => {
    const list = encodePopulateTokenParameterList({
      rtv: false,
      immed: false,
      inactivityTimeout: 0,
      rodType: 0,
      blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 8 }],
    });
    list[2] = 0x80;
    const e = caught(() => decodePopulateTokenParameterList(list, { strict: true }));
    expect(e).toMatchObject({ code: 'ERR_RESERVED_NONZERO', offset: 2, bit: 7 });
    const n = normalizeSenseData(senseDataFromCodecError(e));
    expect(n).toMatchObject({ senseKey: 5, asc: 0x26, ascq: 0 });
    expect(n.senseKeySpecific).toEqual({
      kind: 'fieldPointer',
      sksv: true,
      commandData: false,
      bitPointerValid: true,
      bitPointer: 7,
      fieldPointer: 2,
    });
  });
  it('a PT parameter list cut short → 1Ah/00h PARAMETER LIST LENGTH ERROR at PARAMETER LIST LENGTH (CDB byte 10)', () => {
    const e = caught(() => decodePopulateTokenParameterList(new Uint8Array(10), { strict: true }));
    expect([e.code, e.rule]).toEqual(['ERR_TRUNCATED', 'sbc.populate-token.parameter-list-length']);
    expect(normalizeSenseData(senseDataFromCodecError(e))).toMatchObject({
      asc: 0x1a,
      ascq: 0,
      senseKeySpecific: { commandData: true, fieldPointer: 10 },
    });
  });
  it('a PT CDB error → 24h/00h with C/D=1', () => {
    const cdb = new Uint8Array(16);
    cdb[0] = 0x83;
    cdb[1] = 0x10;
    cdb[2] = 0x01; // reserved byte
    const e = caught(() => decodePopulateTokenCdb(cdb, { strict: true }));
    const n = normalizeSenseData(senseDataFromCodecError(e));
    expect(n).toMatchObject({ senseKey: 5, asc: 0x24, ascq: 0 });
    expect(n.senseKeySpecific).toMatchObject({ commandData: true, fieldPointer: e.offset });
  });
  // Counts the runs that really reached an assertion, so the property cannot pass vacuously.
  let asserted = 0;
  afterAll(() => {
    expect(asserted).toBeGreaterThan(0);
  });
  test.prop([arbPopulateTokenParameterList(), fc.nat(), fc.integer({ min: 1, max: 255 })])(
    'any strict parameter-list error converts to sense that points at the error offset',
    (pt, at, value) => {
      const bytes = encodePopulateTokenParameterList(pt);
      const i = at % bytes.length;
      bytes[i] = (bytes[i] ?? 0) ^ value;
      let e: ScsiCodecError | undefined;
      try {
        decodePopulateTokenParameterList(bytes, { strict: true });
      } catch (x) {
        if (!isScsiCodecError(x)) throw x;
        e = x;
      }
      if (e === undefined) return;
      asserted++;
      const wire = encodeSenseData(senseDataFromCodecError(e));
      const n = normalizeSenseData(decodeSenseData(wire, { strict: true }));
      if (e.code === 'ERR_TRUNCATED') expect(n.asc).toBe(0x1a);
      else expect(n.senseKeySpecific).toMatchObject({ commandData: false, fieldPointer: e.offset });
    },
  );
});
