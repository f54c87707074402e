import { describe, expect, it } from 'vitest';
import {
  arbCopyDataLid4,
  arbCopyFailureDetailsLid1,
  arbCopyStatusLid4,
  arbRodTokenInformation,
} from '../../src/arbitraries/status.js';
import { COPY_OPERATION_STATUS, TRANSFER_COUNT_UNITS } from '../../src/constants/copy-status.js';
import { decodeSenseData, encodeSenseData, type SenseData } from '../../src/sense/sense-data.js';
import {
  decodeCopyDataLid4,
  decodeCopyFailureDetailsLid1,
  decodeCopyStatusLid4,
  decodeRodTokenInformation,
  encodeCopyDataLid4,
  encodeCopyFailureDetailsLid1,
  encodeCopyStatusLid4,
  encodeRodTokenInformation,
  type RodTokenInformation,
  requiredCopyStatusLid4Length,
  requiredRodTokenInformationLength,
} from '../../src/status/index.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

describeLaws({
  name: 'RodTokenInformation',
  arb: arbRodTokenInformation(),
  encode: encodeRodTokenInformation,
  decode: decodeRodTokenInformation,
  fuzzMaxLength: 700,
});
describeLaws({
  name: 'CopyStatusLid4',
  arb: arbCopyStatusLid4(),
  encode: encodeCopyStatusLid4,
  decode: decodeCopyStatusLid4,
});
describeLaws({ name: 'CopyDataLid4', arb: arbCopyDataLid4(), encode: encodeCopyDataLid4, decode: decodeCopyDataLid4 });
describeLaws({
  name: 'CopyFailureDetailsLid1',
  arb: arbCopyFailureDetailsLid1(),
  encode: encodeCopyFailureDetailsLid1,
  decode: decodeCopyFailureDetailsLid1,
});

/** A 512-byte token: ROD TYPE 00800000h, ROD TOKEN LENGTH 01F8h, body bytes = index & FFh. */
function token(): Uint8Array {
  const t = new Uint8Array(512);
  for (let i = 8; i < 512; i++) t[i] = i & 0xff;
  t.set([0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0xf8]);
  return t;
}

const AFTER_PT: RodTokenInformation = {
  responseToServiceAction: 0x10,
  copyOperationStatus: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS,
  operationCounter: 0,
  estimatedStatusUpdateDelay: 0xffff_fffe,
  extendedCopyCompletionStatus: 0x00,
  senseData: undefined,
  transferCountUnits: TRANSFER_COUNT_UNITS.LOGICAL_BLOCKS,
  transferCount: 0x800n,
  segmentsProcessed: 0,
  rodTokenDescriptors: [{ idForCreatingRodCscdDescriptor: 0, rodToken: token() }],
};

const ILLEGAL_REQUEST_UNDERRUN: SenseData = decodeSenseData(
  hexBytes('70 00 0a 00 00 00 00 0a 00 00 00 00 0d 04 00 00 00 00'),
);

describe('RRTI known answers (spec 5.1)', () => {
  it('550-byte response after POPULATE TOKEN: AVAILABLE DATA 0222h, descriptors length 0202h, token at 38-549', () => {
    const b = encodeRodTokenInformation(AFTER_PT);
    expect(b.length).toBe(550);
    expect(toHex(b.subarray(0, 32))).toBe(
      '00 00 02 22 10 01 00 00 ff ff ff fe 00 00 00 f1 00 00 00 00 00 00 08 00 00 00 00 00 00 00 00 00',
    );
    expect(toHex(b.subarray(32, 38))).toBe('00 00 02 02 00 00');
    expect(b.subarray(38, 550)).toEqual(token());
    expect(requiredRodTokenInformationLength(b.subarray(0, 4))).toBe(550);
    expect(decodeRodTokenInformation(b, { strict: true })).toEqual(AFTER_PT);
  });

  it('after WRITE USING TOKEN: ROD TOKEN DESCRIPTORS LENGTH present and 0 (36 bytes)', () => {
    const v = { ...AFTER_PT, responseToServiceAction: 0x11, rodTokenDescriptors: [] };
    const b = encodeRodTokenInformation(v);
    expect(toHex(b.subarray(0, 5))).toBe('00 00 00 20 11');
    expect(toHex(b.subarray(32))).toBe('00 00 00 00');
    expect(decodeRodTokenInformation(b, { strict: true })).toEqual(v);
  });

  it('with 18 bytes of sense data: byte 13 = 20 (padded), byte 14 = 18, token length found via byte 13', () => {
    const v = {
      ...AFTER_PT,
      copyOperationStatus: 0x03,
      extendedCopyCompletionStatus: 0x02,
      senseData: ILLEGAL_REQUEST_UNDERRUN,
    };
    const b = encodeRodTokenInformation(v);
    expect(b.length).toBe(32 + 20 + 4 + 514);
    expect(b[13]).toBe(20);
    expect(b[14]).toBe(18);
    expect(toHex(b.subarray(52, 56))).toBe('00 00 02 02');
    expect(b.subarray(50, 52)).toEqual(new Uint8Array(2)); // the pad bytes
    const d = decodeRodTokenInformation(b, { strict: true });
    expect(d.senseData).toEqual(ILLEGAL_REQUEST_UNDERRUN);
    expect(d.rodTokenDescriptors[0]?.rodToken).toEqual(token());
    expect(encodeSenseData(d.senseData as SenseData)).toEqual(b.subarray(32, 50));
  });

  it('a decoder that used byte 14 would misplace the token: we do not', () => {
    // Hand-built: sense field 20 bytes with 18 valid; a reader using byte 14 would read the
    // descriptors length from bytes 50-53 (00 00 00 00 + ...) instead of 52-55.
    const b = encodeRodTokenInformation({ ...AFTER_PT, senseData: ILLEGAL_REQUEST_UNDERRUN });
    const d = decodeRodTokenInformation(b);
    expect(d.issues).toBeUndefined();
    expect(d.rodTokenDescriptors).toHaveLength(1);
  });
});

describe('RRTI cut short by ALLOCATION LENGTH (one policy: decode what is there, truncated: true)', () => {
  const full = encodeRodTokenInformation(AFTER_PT);
  it.each([
    [36, 0],
    [100, 0],
    [549, 0],
    [550, 1],
  ])('allocation length %i → %i descriptors', (n, count) => {
    const d = decodeRodTokenInformation(full.subarray(0, n), { strict: true });
    expect(d.rodTokenDescriptors).toHaveLength(count);
    expect(d.transferCount).toBe(0x800n);
    if (n < 550) {
      expect(d.truncated).toBe(true);
      expect(d.issues).toEqual([expect.objectContaining({ code: 'ERR_TRUNCATED', field: 'availableData', offset: 0 })]);
    } else {
      expect(d.truncated).toBeUndefined();
    }
  });
  it('header shorter than 32 bytes: ERR_TRUNCATED, but requiredRodTokenInformationLength works from 4 bytes', () => {
    expectCodecError(() => decodeRodTokenInformation(full.subarray(0, 31)), { code: 'ERR_TRUNCATED', offset: 31 });
    expect(requiredRodTokenInformationLength(full.subarray(0, 4))).toBe(550);
    expectCodecError(() => requiredRodTokenInformationLength(full.subarray(0, 3)), { code: 'ERR_TRUNCATED' });
  });
  it('sense data cut short is dropped (truncated)', () => {
    const b = encodeRodTokenInformation({ ...AFTER_PT, senseData: ILLEGAL_REQUEST_UNDERRUN });
    const d = decodeRodTokenInformation(b.subarray(0, 40));
    expect(d.senseData).toBeUndefined();
    expect(d.truncated).toBe(true);
  });
  it('a larger allocation buffer (trailing bytes) is ignored', () => {
    const big = new Uint8Array(600).fill(0xee);
    big.set(full);
    expect(decodeRodTokenInformation(big, { strict: true })).toEqual(AFTER_PT);
  });
});

describe('RRTI lengths that disagree: issues, strict throws at the field', () => {
  const full = encodeRodTokenInformation(AFTER_PT);
  it('ROD TOKEN DESCRIPTORS LENGTH ≠ AVAILABLE DATA - 32', () => {
    const b = full.slice();
    b[35] = 0x00; // 0200h instead of 0202h
    const d = decodeRodTokenInformation(b);
    expect(d.issues?.[0]).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'rodTokenDescriptorsLength',
      offset: 32,
    });
    expectCodecError(() => decodeRodTokenInformation(b, { strict: true }), {
      code: 'ERR_LENGTH_MISMATCH',
      field: 'rodTokenDescriptorsLength',
      offset: 32,
    });
  });
  it('LENGTH OF THE SENSE DATA FIELD not a multiple of 4', () => {
    const b = encodeCopyStatusLid4({ ...AFTER_PT, senseData: ILLEGAL_REQUEST_UNDERRUN });
    b[13] = 19;
    b[3] = 28 + 19;
    expectCodecError(() => decodeCopyStatusLid4(b.subarray(0, 51), { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      field: 'lengthOfTheSenseDataField',
      offset: 13,
    });
  });
  it('SENSE DATA LENGTH > LENGTH OF THE SENSE DATA FIELD', () => {
    const b = encodeCopyStatusLid4({ ...AFTER_PT, senseData: ILLEGAL_REQUEST_UNDERRUN });
    b[14] = 24;
    expectCodecError(() => decodeCopyStatusLid4(b, { strict: true }), { code: 'ERR_LENGTH_MISMATCH', offset: 14 });
  });
  it('strict: reserved bit 7 of byte 5 and reserved byte 26', () => {
    const b = full.slice();
    b[5] = 0x81;
    expectCodecError(() => decodeRodTokenInformation(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 5,
      bit: 7,
    });
    const c = full.slice();
    c[26] = 1;
    expectCodecError(() => decodeRodTokenInformation(c, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 26,
    });
  });
  it('undecodable sense data: lenient keeps the bytes as unparsedSenseData (and re-encodes them)', () => {
    const b = encodeCopyStatusLid4({
      ...AFTER_PT,
      unparsedSenseData: Uint8Array.of(0x7f, 1, 2, 3),
      senseData: undefined,
    });
    const d = decodeCopyStatusLid4(b);
    expect(d.senseData).toBeUndefined();
    expect(d.unparsedSenseData).toEqual(Uint8Array.of(0x7f, 1, 2, 3));
    expect(d.issues?.[0]).toMatchObject({ code: 'ERR_UNSUPPORTED', offset: 32 });
    expect(encodeCopyStatusLid4(d)).toEqual(b);
    expectCodecError(() => decodeCopyStatusLid4(b, { strict: true }), { code: 'ERR_UNSUPPORTED', offset: 32 });
  });
});

describe('RECEIVE COPY STATUS (LID4) and RECEIVE COPY DATA (LID4) known answers', () => {
  it('RCS (LID4): header only, AVAILABLE DATA 28', () => {
    const { rodTokenDescriptors: _r, ...v } = { ...AFTER_PT, transferCountUnits: 0 };
    const b = encodeCopyStatusLid4(v);
    expect(b.length).toBe(32);
    expect(toHex(b.subarray(0, 4))).toBe('00 00 00 1c');
    expect(requiredCopyStatusLid4Length(b)).toBe(32);
    expect(decodeCopyStatusLid4(b, { strict: true })).toEqual(v);
  });
  it('RCD (LID4): HDD in byte 5 bit 7, HELD DATA LENGTH after the sense data field', () => {
    const { rodTokenDescriptors: _r, ...h } = AFTER_PT;
    const v = { ...h, hdd: true, heldData: Uint8Array.of(1, 2, 3) };
    const b = encodeCopyDataLid4(v);
    expect(b[5]).toBe(0x81);
    expect(toHex(b.subarray(32))).toBe('00 00 00 03 01 02 03');
    expect(b[3]).toBe(35);
    expect(decodeCopyDataLid4(b, { strict: true })).toEqual(v);
    expect(decodeCopyDataLid4(b.subarray(0, 37))).toMatchObject({ heldData: Uint8Array.of(1), truncated: true });
  });
  it('RCFD (LID1): status at 56, SENSE DATA LENGTH at 58-59, sense at 60', () => {
    const v = { extendedCopyCommandStatus: 2, senseData: ILLEGAL_REQUEST_UNDERRUN };
    const b = encodeCopyFailureDetailsLid1(v);
    expect(b.length).toBe(78);
    expect(toHex(b.subarray(0, 4))).toBe('00 00 00 4a');
    expect(toHex(b.subarray(56, 61))).toBe('02 00 00 12 70');
    expect(decodeCopyFailureDetailsLid1(b, { strict: true })).toEqual(v);
  });
});

describe('status encoders reject values that do not fit (ERR_FIELD_RANGE)', () => {
  it.each([
    ['copyOperationStatus 80h', { copyOperationStatus: 0x80 }, 'copyOperationStatus', 5],
    ['responseToServiceAction 20h', { responseToServiceAction: 0x20 }, 'responseToServiceAction', 4],
    ['transferCount 2^64', { transferCount: 1n << 64n }, 'transferCount', 16],
    ['transferCount as a number', { transferCount: 5 as unknown as bigint }, 'transferCount', 16],
    ['operationCounter 65536', { operationCounter: 65536 }, 'operationCounter', 6],
    ['estimatedStatusUpdateDelay 2^32', { estimatedStatusUpdateDelay: 2 ** 32 }, 'estimatedStatusUpdateDelay', 8],
    [
      'token whose ROD TOKEN LENGTH disagrees with its size',
      { rodTokenDescriptors: [{ idForCreatingRodCscdDescriptor: 0, rodToken: new Uint8Array(512) }] },
      'rodToken',
      38,
    ],
    [
      'idForCreatingRodCscdDescriptor 65536',
      { rodTokenDescriptors: [{ idForCreatingRodCscdDescriptor: 65536, rodToken: token() }] },
      'idForCreatingRodCscdDescriptor',
      36,
    ],
  ])('%s', (_n, patch, field, offset) => {
    expectCodecError(() => encodeRodTokenInformation({ ...AFTER_PT, ...patch } as RodTokenInformation), {
      code: 'ERR_FIELD_RANGE',
      field,
      offset,
    });
  });
});

describe('LID4 data / failure details encoders reject values that do not fit (ERR_FIELD_RANGE)', () => {
  const { rodTokenDescriptors: _r, ...h } = AFTER_PT;
  it.each([
    [
      'RCD (LID4) heldData not bytes',
      () => encodeCopyDataLid4({ ...h, hdd: false, heldData: 'x' as unknown as Uint8Array }),
      'heldData',
      36,
    ],
    [
      'RCD (LID4) hdd not a boolean',
      () => encodeCopyDataLid4({ ...h, hdd: 0 as unknown as boolean, heldData: new Uint8Array() }),
      'hdd',
      5,
    ],
    [
      'RCS (LID4) segmentsProcessed 65536',
      () => encodeCopyStatusLid4({ ...h, segmentsProcessed: 65536 }),
      'segmentsProcessed',
      24,
    ],
    [
      'RCS (LID4) 253 bytes of unparsed sense (field length over 255)',
      () => encodeCopyStatusLid4({ ...h, unparsedSenseData: new Uint8Array(253) }),
      'lengthOfTheSenseDataField',
      13,
    ],
    [
      'RCFD (LID1) extendedCopyCommandStatus 256',
      () => encodeCopyFailureDetailsLid1({ extendedCopyCommandStatus: 256, senseData: undefined }),
      'extendedCopyCommandStatus',
      56,
    ],
  ])('%s', (_n, fn, field, offset) => {
    expectCodecError(fn, { code: 'ERR_FIELD_RANGE', field, offset });
  });
});
