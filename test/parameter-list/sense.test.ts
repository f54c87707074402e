import { describe, expect, it } from 'vitest';
import { decodePopulateTokenCdb } from '../../src/cdb/populate-token.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/parameter-list/index.js';
import { senseDataFromCodecError } from '../../src/sense/builders.js';
import { normalizeSenseData } from '../../src/sense/normalize.js';

function strictError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const ONE = [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 8 }];
const PT = encodePopulateTokenParameterList({
  rtv: false,
  immed: false,
  inactivityTimeout: 0,
  rodType: 0,
  blockDeviceRangeDescriptors: ONE,
});

describe('strict decode errors become the sense data a device server returns', () => {
  it('POPULATE TOKEN list with range descriptor length 8 → ILLEGAL REQUEST, 26h/00h, field pointer 14, C/D 0', () => {
    const b = PT.slice(0, 24);
    b[1] = 22; // DATA LENGTH = 14 + 8
    b[15] = 8; // BLOCK DEVICE RANGE DESCRIPTOR LENGTH
    const err = strictError(() => decodePopulateTokenParameterList(b, { strict: true, parameterListLength: 24 }));
    const n = normalizeSenseData(senseDataFromCodecError(err));
    expect([n.senseKey, n.asc, n.ascq]).toEqual([0x05, 0x26, 0x00]);
    expect(n.senseKeySpecific).toMatchObject({
      kind: 'fieldPointer',
      sksv: true,
      commandData: false,
      bitPointerValid: false,
      fieldPointer: 14,
    });
  });

  it('DATA LENGTH below 001Eh → field pointer 0', () => {
    const b = PT.slice();
    b[1] = 0x1d;
    const n = normalizeSenseData(
      senseDataFromCodecError(strictError(() => decodePopulateTokenParameterList(b, { strict: true }))),
    );
    expect([n.senseKey, n.asc, n.ascq]).toEqual([0x05, 0x26, 0x00]);
    expect(n.senseKeySpecific).toMatchObject({ fieldPointer: 0, commandData: false });
  });

  it('reserved bit in a parameter list → field pointer + bit pointer', () => {
    const b = PT.slice();
    b[2] = 0x80;
    const n = normalizeSenseData(
      senseDataFromCodecError(strictError(() => decodePopulateTokenParameterList(b, { strict: true }))),
    );
    expect(n.senseKeySpecific).toMatchObject({
      fieldPointer: 2,
      bitPointerValid: true,
      bitPointer: 7,
      commandData: false,
    });
  });

  it('WRITE USING TOKEN list shorter than PARAMETER LIST LENGTH says → 1Ah/00h PARAMETER LIST LENGTH ERROR', () => {
    const w = encodeWriteUsingTokenParameterList({
      delTkn: false,
      immed: false,
      offsetIntoRod: 0n,
      rodToken: new Uint8Array(512),
      blockDeviceRangeDescriptors: ONE,
    });
    const err = strictError(() => decodeWriteUsingTokenParameterList(w.subarray(0, 100), { strict: true }));
    const n = normalizeSenseData(senseDataFromCodecError(err));
    expect([n.senseKey, n.asc, n.ascq]).toEqual([0x05, 0x1a, 0x00]);
  });

  it('a CDB error → 24h/00h with C/D 1 (reserved byte 3 of a POPULATE TOKEN CDB)', () => {
    const cdb = Uint8Array.from([0x83, 0x10, 0, 0x40, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x20, 0, 0]);
    const n = normalizeSenseData(
      senseDataFromCodecError(strictError(() => decodePopulateTokenCdb(cdb, { strict: true }))),
    );
    expect([n.senseKey, n.asc, n.ascq]).toEqual([0x05, 0x24, 0x00]);
    expect(n.senseKeySpecific).toMatchObject({ commandData: true, fieldPointer: 3, bitPointer: 6 });
  });
});
