import { describe, expect, it } from 'vitest';
import {
  arbAllRodTokens,
  arbCopyDataLid1,
  arbCopyOperatingParameters,
  arbCopyStatusLid1,
} from '../../src/arbitraries/status.js';
import {
  COPY_OPERATION_STATUS,
  copyOperationStatusName,
  isCopyCompletedWithoutErrors,
  TRANSFER_COUNT_UNITS,
  transferCountInBytes,
  transferCountUnitsName,
} from '../../src/constants/copy-status.js';
import {
  decodeAllRodTokens,
  decodeCopyDataLid1,
  decodeCopyOperatingParameters,
  decodeCopyStatusLid1,
  encodeAllRodTokens,
  encodeCopyDataLid1,
  encodeCopyOperatingParameters,
  encodeCopyStatusLid1,
  requiredAllRodTokensLength,
  requiredCopyDataLid1Length,
  requiredCopyOperatingParametersLength,
} from '../../src/status/index.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

describeLaws({
  name: 'CopyOperatingParameters',
  arb: arbCopyOperatingParameters(),
  encode: encodeCopyOperatingParameters,
  decode: decodeCopyOperatingParameters,
});
describeLaws({ name: 'AllRodTokens', arb: arbAllRodTokens(), encode: encodeAllRodTokens, decode: decodeAllRodTokens });
describeLaws({
  name: 'CopyStatusLid1',
  arb: arbCopyStatusLid1(),
  encode: encodeCopyStatusLid1,
  decode: decodeCopyStatusLid1,
});
describeLaws({ name: 'CopyDataLid1', arb: arbCopyDataLid1(), encode: encodeCopyDataLid1, decode: decodeCopyDataLid1 });

describe('constants', () => {
  it('COPY OPERATION STATUS names and classes', () => {
    expect(COPY_OPERATION_STATUS.TERMINATED).toBe(0x60);
    expect(copyOperationStatusName(0x01)).toBe('completed without errors');
    expect(copyOperationStatusName(0x05)).toBeUndefined();
    expect([1, 2, 3, 4, 0x10, 0x60].map(isCopyCompletedWithoutErrors)).toEqual([true, false, true, true, false, false]);
  });
  it('TRANSFER COUNT UNITS names and byte conversion', () => {
    expect(TRANSFER_COUNT_UNITS.LOGICAL_BLOCKS).toBe(0xf1);
    expect(transferCountUnitsName(0xf1)).toBe('logical blocks');
    expect(transferCountUnitsName(0x07)).toBeUndefined();
    expect(transferCountInBytes(0x02, 3n)).toBe(3n << 20n);
    expect(transferCountInBytes(0xf1, 3n)).toBeUndefined();
  });
});

describe('RECEIVE COPY STATUS (LID1) known answer (spec 5.5)', () => {
  it('12 bytes, AVAILABLE DATA 8', () => {
    const v = { hdd: true, copyCommandStatus: 1, segmentsProcessed: 2, transferCountUnits: 0xf1, transferCount: 0x800 };
    const hex = '00 00 00 08 81 00 02 f1 00 00 08 00';
    expect(toHex(encodeCopyStatusLid1(v))).toBe(hex);
    expect(decodeCopyStatusLid1(hexBytes(hex), { strict: true })).toEqual(v);
  });
  it('shorter than 12 bytes: ERR_TRUNCATED', () => {
    expectCodecError(() => decodeCopyStatusLid1(hexBytes('00 00 00 08 81 00 02 f1')), {
      code: 'ERR_TRUNCATED',
      offset: 8,
    });
  });
});

describe('RECEIVE COPY OPERATING PARAMETERS', () => {
  const v = {
    snlid: true,
    maximumCscdDescriptorCount: 2,
    maximumSegmentDescriptorCount: 1,
    maximumDescriptorListLength: 0x400,
    maximumSegmentLength: 0x10000,
    maximumInlineDataLength: 0,
    heldDataLimit: 0,
    maximumStreamDeviceTransferSize: 0,
    totalConcurrentCopies: 16,
    maximumConcurrentCopies: 8,
    dataSegmentGranularity: 9,
    inlineDataGranularity: 0,
    heldDataGranularity: 0,
    implementedDescriptorTypeCodes: [0x02, 0xe4],
  };
  it('known answer: AVAILABLE DATA 42, list length at 43, codes at 44', () => {
    const b = encodeCopyOperatingParameters(v);
    expect(b.length).toBe(46);
    expect(toHex(b.subarray(0, 16))).toBe('00 00 00 2a 01 00 00 00 00 02 00 01 00 00 04 00');
    expect(toHex(b.subarray(34, 46))).toBe('00 10 08 09 00 00 00 00 00 02 02 e4');
    expect(requiredCopyOperatingParametersLength(b.subarray(0, 4))).toBe(46);
  });
  it('cut short by ALLOCATION LENGTH: complete codes decoded, truncated: true', () => {
    const d = decodeCopyOperatingParameters(encodeCopyOperatingParameters(v).subarray(0, 45), { strict: true });
    expect(d.implementedDescriptorTypeCodes).toEqual([0x02]);
    expect(d.truncated).toBe(true);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'ERR_TRUNCATED', field: 'availableData' })]);
  });
  it('fixed part cut short: ERR_TRUNCATED', () => {
    expectCodecError(() => decodeCopyOperatingParameters(encodeCopyOperatingParameters(v).subarray(0, 40)), {
      code: 'ERR_TRUNCATED',
      offset: 40,
    });
  });
  it('codes not ascending: issue (strict: ERR_INVALID_VALUE at the code)', () => {
    const b = encodeCopyOperatingParameters({ ...v, implementedDescriptorTypeCodes: [0xe4, 0x02] });
    expect(decodeCopyOperatingParameters(b).issues).toEqual([
      expect.objectContaining({ code: 'ERR_INVALID_VALUE', offset: 45 }),
    ]);
    expectCodecError(() => decodeCopyOperatingParameters(b, { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      offset: 45,
    });
  });
  it('strict: reserved byte 40', () => {
    const b = encodeCopyOperatingParameters(v);
    b[40] = 2;
    expectCodecError(() => decodeCopyOperatingParameters(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 40,
      bit: 1,
    });
  });
  it('encoder: 256 codes and a code of 256 are rejected', () => {
    expectCodecError(
      () => encodeCopyOperatingParameters({ ...v, implementedDescriptorTypeCodes: Array(256).fill(0) }),
      { code: 'ERR_FIELD_RANGE', field: 'implementedDescriptorTypeCodes' },
    );
    expectCodecError(() => encodeCopyOperatingParameters({ ...v, implementedDescriptorTypeCodes: [256] }), {
      code: 'ERR_FIELD_RANGE',
      offset: 44,
    });
    expectCodecError(() => encodeCopyOperatingParameters({ ...v, totalConcurrentCopies: 65536 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'totalConcurrentCopies',
      offset: 34,
    });
  });
});

describe('REPORT ALL ROD TOKENS', () => {
  const t1 = new Uint8Array(96).fill(1);
  const t2 = new Uint8Array(96).fill(2);
  it('known answer: AVAILABLE DATA = 4 + 96 × tokens, tokens from byte 8', () => {
    const b = encodeAllRodTokens({ rodManagementTokens: [t1, t2] });
    expect(b.length).toBe(200);
    expect(toHex(b.subarray(0, 9))).toBe('00 00 00 c4 00 00 00 00 01');
    expect(requiredAllRodTokensLength(b)).toBe(200);
  });
  it('truncated in the second token: one token, truncated: true', () => {
    const d = decodeAllRodTokens(encodeAllRodTokens({ rodManagementTokens: [t1, t2] }).subarray(0, 150));
    expect(d.rodManagementTokens).toEqual([t1]);
    expect(d.truncated).toBe(true);
  });
  it('token list not a multiple of 96: issue, partial ignored', () => {
    const b = encodeAllRodTokens({ rodManagementTokens: [t1] });
    const odd = new Uint8Array(b.length + 10);
    odd.set(b);
    odd[3] = 4 + 96 + 10;
    const d = decodeAllRodTokens(odd);
    expect(d.rodManagementTokens).toHaveLength(1);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', offset: 0 })]);
    expectCodecError(() => decodeAllRodTokens(odd, { strict: true }), { code: 'ERR_LENGTH_MISMATCH' });
  });
  it('encoder rejects a 95-byte token', () => {
    expectCodecError(() => encodeAllRodTokens({ rodManagementTokens: [new Uint8Array(95)] }), {
      code: 'ERR_FIELD_RANGE',
      field: 'rodManagementTokens',
      offset: 8,
    });
  });
});

describe('RECEIVE COPY DATA (LID1)', () => {
  it('known answer and truncation', () => {
    const b = encodeCopyDataLid1({ heldData: Uint8Array.of(9, 8, 7) });
    expect(toHex(b)).toBe('00 00 00 03 09 08 07');
    expect(requiredCopyDataLid1Length(b)).toBe(7);
    expect(decodeCopyDataLid1(b.subarray(0, 5))).toMatchObject({ heldData: Uint8Array.of(9), truncated: true });
    expectCodecError(() => requiredCopyDataLid1Length(b.subarray(0, 3)), { code: 'ERR_TRUNCATED' });
  });
});

describe('more status encoders reject values that do not fit (ERR_FIELD_RANGE)', () => {
  const lid1 = { hdd: false, copyCommandStatus: 0, segmentsProcessed: 0, transferCountUnits: 0, transferCount: 0 };
  it.each([
    [
      'LID1 copyCommandStatus 80h',
      () => encodeCopyStatusLid1({ ...lid1, copyCommandStatus: 0x80 }),
      'copyCommandStatus',
      4,
    ],
    ['LID1 hdd not a boolean', () => encodeCopyStatusLid1({ ...lid1, hdd: 1 as unknown as boolean }), 'hdd', 4],
    ['LID1 transferCount 2^32', () => encodeCopyStatusLid1({ ...lid1, transferCount: 2 ** 32 }), 'transferCount', 8],
    ['LID1 units 256', () => encodeCopyStatusLid1({ ...lid1, transferCountUnits: 256 }), 'transferCountUnits', 7],
    [
      'RCD LID1 heldData not bytes',
      () => encodeCopyDataLid1({ heldData: [1, 2] as unknown as Uint8Array }),
      'heldData',
      4,
    ],
  ])('%s', (_n, fn, field, offset) => {
    expectCodecError(fn, { code: 'ERR_FIELD_RANGE', field, offset });
  });
});
