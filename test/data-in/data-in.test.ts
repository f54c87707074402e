import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  arbReadCapacity16ParameterData,
  arbReportLunsParameterData,
  arbStandardInquiryData,
} from '../../src/arbitraries/data-in.js';
import {
  decodeReadCapacity16ParameterData,
  decodeReportLunsParameterData,
  decodeStandardInquiryData,
  encodeReadCapacity16ParameterData,
  encodeReportLunsParameterData,
  encodeStandardInquiryData,
  lunFromNumber,
  lunToNumber,
  RC_BASIS,
  type ReadCapacity16ParameterData,
  requiredReportLunsParameterDataLength,
  requiredStandardInquiryDataLength,
  type StandardInquiryData,
} from '../../src/data-in/index.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

describeLaws({
  name: 'StandardInquiryData',
  arb: arbStandardInquiryData(),
  encode: encodeStandardInquiryData,
  decode: decodeStandardInquiryData,
});
describeLaws({
  name: 'ReadCapacity16ParameterData',
  arb: arbReadCapacity16ParameterData(),
  encode: encodeReadCapacity16ParameterData,
  decode: decodeReadCapacity16ParameterData,
});
describeLaws({
  name: 'ReportLunsParameterData',
  arb: arbReportLunsParameterData(),
  encode: encodeReportLunsParameterData,
  decode: decodeReportLunsParameterData,
});

// ------------------------------------------------------------------ standard INQUIRY data

const INQ_FIXED: StandardInquiryData = {
  peripheralQualifier: 0,
  peripheralDeviceType: 0,
  rmb: true,
  luCong: false,
  hotPluggable: 0,
  version: 0x07,
  normaca: true,
  hisup: true,
  responseDataFormat: 2,
  sccs: false,
  acc: false,
  tpgs: 3,
  threePc: true,
  protect: true,
  encserv: true,
  vs1: false,
  multip: true,
  cmdque: true,
  vs2: false,
  t10VendorIdentification: 'ACME    ',
  productIdentification: 'ODX DISK        ',
  productRevisionLevel: '0100',
};
// SPC-5 "Standard INQUIRY data format": byte 1 RMB; byte 3 NORMACA|HISUP|RDF 2; byte 4 ADDITIONAL
// LENGTH 1Fh; byte 5 TPGS 11b|3PC|PROTECT; byte 6 ENCSERV|MULTIP; byte 7 CMDQUE.
const INQ_36 = [
  '00 80 07 32 1f 39 50 02',
  '41 43 4d 45 20 20 20 20', // ACME
  '4f 44 58 20 44 49 53 4b 20 20 20 20 20 20 20 20', // ODX DISK
  '30 31 30 30', // 0100
].join(' ');

function inq(hex: string): Uint8Array {
  return hexBytes(hex);
}
/** 36-byte data with ADDITIONAL LENGTH `al` followed by `tail`. */
function inqWith(al: number, tail: Uint8Array): Uint8Array {
  const b = new Uint8Array(36 + tail.length);
  b.set(inq(INQ_36));
  b[4] = al;
  b.set(tail, 36);
  return b;
}

describe('standard INQUIRY data: known answers (SPC-5 table)', () => {
  it('36 bytes, no tail', () => {
    expect(toHex(encodeStandardInquiryData(INQ_FIXED))).toBe(toHex(inq(INQ_36)));
    expect(decodeStandardInquiryData(inq(INQ_36), { strict: true })).toEqual(INQ_FIXED);
  });
  it('97 bytes: vendor specific, VERSION DESCRIPTORs (SAM-5, SPC-5, SBC-4), ADDITIONAL LENGTH 5Bh', () => {
    const vendorSpecific = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
    const versionDescriptors = [0x00a0, 0x05c0, 0x0600, 0, 0, 0, 0, 0];
    const v = { ...INQ_FIXED, vendorSpecific, versionDescriptors, vendorSpecificParameters: Uint8Array.of(0xee) };
    const b = encodeStandardInquiryData(v);
    expect(b.length).toBe(97);
    expect(b[4]).toBe(0x5c);
    expect(toHex(b.subarray(36, 56))).toBe(toHex(vendorSpecific));
    expect(toHex(b.subarray(56, 76))).toBe('00 00 00 a0 05 c0 06 00 00 00 00 00 00 00 00 00 00 00 00 00');
    expect(b.subarray(76, 96).every((x) => x === 0)).toBe(true);
    expect(b[96]).toBe(0xee);
    expect(decodeStandardInquiryData(b, { strict: true })).toEqual(v);
  });
  it('ends after 3 VERSION DESCRIPTORs: 64 bytes, ADDITIONAL LENGTH 3Bh', () => {
    const v = { ...INQ_FIXED, vendorSpecific: new Uint8Array(20), versionDescriptors: [1, 2, 3] };
    const b = encodeStandardInquiryData(v);
    expect(b.length).toBe(64);
    expect(b[4]).toBe(0x3b);
    expect(decodeStandardInquiryData(b, { strict: true })).toEqual(v);
  });
  it('ASCII fields are space padded on encode and kept untrimmed on decode', () => {
    const b = encodeStandardInquiryData({ ...INQ_FIXED, t10VendorIdentification: 'AB', productRevisionLevel: '' });
    expect(toHex(b.subarray(8, 16))).toBe('41 42 20 20 20 20 20 20');
    expect(toHex(b.subarray(32, 36))).toBe('20 20 20 20');
    expect(decodeStandardInquiryData(b).t10VendorIdentification).toBe('AB      ');
  });
  it('obsolete bits are ignored (also in strict mode) and written as zero', () => {
    const b = inq(INQ_36);
    b[3] = (b[3] as number) | 0xc0;
    b[6] = (b[6] as number) | 0x8f;
    b[7] = (b[7] as number) | 0xfc;
    const v = decodeStandardInquiryData(b, { strict: true });
    expect(v).toEqual(INQ_FIXED);
    expect(toHex(encodeStandardInquiryData(v))).toBe(toHex(inq(INQ_36)));
  });
  it('HOT PLUGGABLE (SPC-6): byte 1 bits 5:4', () => {
    const b = encodeStandardInquiryData({ ...INQ_FIXED, hotPluggable: 2 });
    expect(b[1]).toBe(0xa0);
    expect(decodeStandardInquiryData(b, { strict: true }).hotPluggable).toBe(2);
  });
  it('VS bits: byte 6 bit 5 and byte 7 bit 0', () => {
    const b = encodeStandardInquiryData({ ...INQ_FIXED, vs1: true, vs2: true });
    expect(b[6]).toBe(0x70);
    expect(b[7]).toBe(0x03);
  });
  it('bytes after ADDITIONAL LENGTH + 5 are ignored', () => {
    const b = inqWith(0x1f, Uint8Array.of(1, 2, 3));
    expect(decodeStandardInquiryData(b, { strict: true })).toEqual(INQ_FIXED);
  });
  it('records a trace', () => {
    const trace: TraceEntry[] = [];
    decodeStandardInquiryData(inq(INQ_36), { trace });
    expect(trace.find((t) => t.field === 'threePc')).toMatchObject({ offset: 5, bits: [3, 3], value: true });
    expect(trace.find((t) => t.field === 't10VendorIdentification')).toMatchObject({ offset: 8, length: 8 });
  });
  it('requiredStandardInquiryDataLength = ADDITIONAL LENGTH + 5', () => {
    expect(requiredStandardInquiryDataLength(inqWith(0x5b, new Uint8Array(0)).subarray(0, 5))).toBe(96);
    expect(requiredStandardInquiryDataLength(inq(INQ_36))).toBe(36);
    expectCodecError(() => requiredStandardInquiryDataLength(inq('00 00 07 02')), {
      code: 'ERR_TRUNCATED',
      field: 'additionalLength',
      offset: 4,
    });
  });
});

describe('standard INQUIRY data: truncation and lengths', () => {
  it('fewer than 36 bytes: ERR_TRUNCATED at the end of the buffer', () => {
    expectCodecError(() => decodeStandardInquiryData(inq(INQ_36).subarray(0, 35)), {
      code: 'ERR_TRUNCATED',
      structure: 'StandardInquiryData',
      offset: 35,
    });
  });
  it('cut by ALLOCATION LENGTH: truncated, complete fields kept, issue recorded (strict too)', () => {
    const full = encodeStandardInquiryData({
      ...INQ_FIXED,
      vendorSpecific: new Uint8Array(20).fill(9),
      versionDescriptors: [0x0600, 0x0601],
    });
    for (const strict of [false, true]) {
      const v = decodeStandardInquiryData(full.subarray(0, 61), { strict });
      expect(v.truncated).toBe(true);
      expect(v.vendorSpecific?.length).toBe(20);
      expect(v.versionDescriptors).toEqual([0x0600]);
      expect(v.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([['ERR_TRUNCATED', 'additionalLength', 4]]);
    }
    const short = decodeStandardInquiryData(full.subarray(0, 40));
    expect(short.vendorSpecific).toEqual(new Uint8Array(4).fill(9));
    expect(short.versionDescriptors).toBeUndefined();
  });
  it('ADDITIONAL LENGTH below 31: lenient issue, strict ERR_LENGTH_MISMATCH', () => {
    const b = inqWith(30, new Uint8Array(0));
    expect(decodeStandardInquiryData(b).issues?.[0]).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'additionalLength',
      offset: 4,
    });
    expectCodecError(() => decodeStandardInquiryData(b, { strict: true }), {
      code: 'ERR_LENGTH_MISMATCH',
      field: 'additionalLength',
      offset: 4,
    });
  });
  it('data ending inside a VERSION DESCRIPTOR: strict ERR_LENGTH_MISMATCH, lenient drops it', () => {
    const b = inqWith(61 - 5, new Uint8Array(25));
    expectCodecError(() => decodeStandardInquiryData(b, { strict: true }), {
      code: 'ERR_LENGTH_MISMATCH',
      field: 'additionalLength',
      offset: 4,
    });
    const v = decodeStandardInquiryData(b);
    expect(v.versionDescriptors).toEqual([0]);
    expect(v.issues?.[0]?.code).toBe('ERR_LENGTH_MISMATCH');
  });
  it('data ending inside reserved bytes: accepted by strict mode, noted', () => {
    for (const end of [57, 80]) {
      const v = decodeStandardInquiryData(inqWith(end - 5, new Uint8Array(end - 36)), { strict: true });
      expect(v.issues?.map((i) => i.code)).toEqual(['ERR_LENGTH_MISMATCH']);
      expect(encodeStandardInquiryData(v).length).toBe(end === 57 ? 56 : 74);
    }
  });
});

describe('standard INQUIRY data: strict checks', () => {
  it.each([
    [1, 0x01, 0],
    [1, 0x08, 3],
    [5, 0x02, 1],
    [5, 0x04, 2],
  ])('reserved bit in byte %i (mask %s) → ERR_RESERVED_NONZERO bit %i', (byte, mask, bit) => {
    const b = inq(INQ_36);
    b[byte] = (b[byte] as number) | mask;
    expect(decodeStandardInquiryData(b)).toEqual(decodeStandardInquiryData(inq(INQ_36)));
    expectCodecError(() => decodeStandardInquiryData(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      field: 'reserved',
      offset: byte,
      bit,
    });
  });
  it.each([
    [56, 0x80, 7],
    [57, 0x01, 0],
    [90, 0x10, 4],
  ])('reserved byte %i of the tail → ERR_RESERVED_NONZERO', (byte, value, bit) => {
    const b = encodeStandardInquiryData({
      ...INQ_FIXED,
      vendorSpecific: new Uint8Array(20),
      versionDescriptors: [0, 0, 0, 0, 0, 0, 0, 0],
      vendorSpecificParameters: new Uint8Array(4),
    });
    b[byte] = value;
    expectCodecError(() => decodeStandardInquiryData(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: byte,
      bit,
    });
  });
  it('byte 56 bits 3:0 (obsolete SPI CLOCKING/QAS/IUS) are ignored', () => {
    const b = encodeStandardInquiryData({ ...INQ_FIXED, vendorSpecific: new Uint8Array(20), versionDescriptors: [1] });
    b[56] = 0x0f;
    expect(decodeStandardInquiryData(b, { strict: true }).versionDescriptors).toEqual([1]);
  });
  it('non-printable ASCII: lenient issue, strict ERR_INVALID_VALUE at the byte', () => {
    const b = inq(INQ_36);
    b[12] = 0x00;
    b[20] = 0x7f;
    const v = decodeStandardInquiryData(b);
    expect(v.t10VendorIdentification).toBe('ACME\u0000   ');
    expect(v.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
      ['ERR_INVALID_VALUE', 't10VendorIdentification', 12],
      ['ERR_INVALID_VALUE', 'productIdentification', 20],
    ]);
    expectCodecError(() => decodeStandardInquiryData(b, { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      field: 't10VendorIdentification',
      offset: 12,
    });
    expect(decodeStandardInquiryData(encodeStandardInquiryData(v)).t10VendorIdentification).toBe('ACME\u0000   ');
  });
});

describe('standard INQUIRY data: encoder errors', () => {
  it('values that do not fit', () => {
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, peripheralQualifier: 8 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'peripheralQualifier',
      offset: 0,
      bit: 7,
    });
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, tpgs: 4 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'tpgs',
      offset: 5,
      bit: 5,
    });
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, t10VendorIdentification: 'TOO LONG!' }), {
      code: 'ERR_FIELD_RANGE',
      field: 't10VendorIdentification',
      offset: 8,
    });
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, productIdentification: 'é€' }), {
      code: 'ERR_FIELD_RANGE',
      field: 'productIdentification',
      offset: 17,
    });
  });
  it('inconsistent tails', () => {
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, versionDescriptors: [1] }), {
      code: 'ERR_FIELD_RANGE',
      field: 'vendorSpecific',
      offset: 36,
    });
    expectCodecError(() => encodeStandardInquiryData({ ...INQ_FIXED, vendorSpecific: new Uint8Array(21) }), {
      code: 'ERR_FIELD_RANGE',
      field: 'vendorSpecific',
      offset: 36,
    });
    const vs = new Uint8Array(20);
    expectCodecError(
      () =>
        encodeStandardInquiryData({
          ...INQ_FIXED,
          vendorSpecific: vs,
          versionDescriptors: [1, 2, 3, 4, 5, 6, 7],
          vendorSpecificParameters: Uint8Array.of(1),
        }),
      { code: 'ERR_FIELD_RANGE', field: 'versionDescriptors', offset: 58 },
    );
    expectCodecError(
      () => encodeStandardInquiryData({ ...INQ_FIXED, vendorSpecific: vs, versionDescriptors: new Array(9).fill(0) }),
      { code: 'ERR_FIELD_RANGE', field: 'versionDescriptors', offset: 58 },
    );
    expectCodecError(
      () => encodeStandardInquiryData({ ...INQ_FIXED, vendorSpecific: vs, versionDescriptors: [0x10000] }),
      { code: 'ERR_FIELD_RANGE', field: 'versionDescriptor', offset: 58 },
    );
  });
  it('260 bytes is the maximum', () => {
    const v = {
      ...INQ_FIXED,
      vendorSpecific: new Uint8Array(20),
      versionDescriptors: new Array(8).fill(0),
      vendorSpecificParameters: new Uint8Array(164),
    };
    const b = encodeStandardInquiryData(v);
    expect(b.length).toBe(260);
    expect(b[4]).toBe(0xff);
    expectCodecError(() => encodeStandardInquiryData({ ...v, vendorSpecificParameters: new Uint8Array(165) }), {
      code: 'ERR_FIELD_RANGE',
      field: 'additionalLength',
      offset: 4,
    });
  });
});

// ------------------------------------------------------------------ READ CAPACITY (16)

const RC16: ReadCapacity16ParameterData = {
  returnedLogicalBlockAddress: 0x1_0000_0000n,
  logicalBlockLengthInBytes: 512,
  rcBasis: RC_BASIS.LAST_LOGICAL_BLOCK,
  pType: 1,
  protEn: true,
  pIExponent: 0,
  logicalBlocksPerPhysicalBlockExponent: 3,
  lbpme: true,
  lbprz: true,
  lowestAlignedLogicalBlockAddress: 7,
};
const RC16_HEX = `00 00 00 01 00 00 00 00 00 00 02 00 13 03 c0 07${' 00'.repeat(16)}`;

describe('READ CAPACITY (16) parameter data (SBC-4 table)', () => {
  it('known answer', () => {
    expect(toHex(encodeReadCapacity16ParameterData(RC16))).toBe(RC16_HEX);
    expect(decodeReadCapacity16ParameterData(hexBytes(RC16_HEX), { strict: true })).toEqual(RC16);
  });
  it('P_I_EXPONENT and LOWEST ALIGNED LBA maxima', () => {
    const b = encodeReadCapacity16ParameterData({
      ...RC16,
      pIExponent: 15,
      lbpme: false,
      lbprz: false,
      lowestAlignedLogicalBlockAddress: 0x3fff,
    });
    expect(toHex(b.subarray(13, 16))).toBe('f3 3f ff');
  });
  it('bytes after byte 31 are ignored', () => {
    const b = new Uint8Array(40).fill(0xff);
    b.set(hexBytes(RC16_HEX));
    expect(decodeReadCapacity16ParameterData(b, { strict: true })).toEqual(RC16);
  });
  it('16 to 31 bytes: truncated (strict too); fewer than 16: ERR_TRUNCATED', () => {
    for (const strict of [false, true]) {
      const v = decodeReadCapacity16ParameterData(hexBytes(RC16_HEX).subarray(0, 16), { strict });
      expect(v).toMatchObject({ ...RC16, truncated: true });
      expect(v.issues?.map((i) => [i.code, i.offset])).toEqual([['ERR_TRUNCATED', 16]]);
    }
    expectCodecError(() => decodeReadCapacity16ParameterData(hexBytes(RC16_HEX).subarray(0, 15)), {
      code: 'ERR_TRUNCATED',
      structure: 'ReadCapacity16ParameterData',
      offset: 15,
    });
  });
  it('reserved bits: ignored leniently, ERR_RESERVED_NONZERO in strict mode', () => {
    const b = hexBytes(RC16_HEX);
    b[12] = (b[12] as number) | 0x40;
    expect(decodeReadCapacity16ParameterData(b)).toEqual(RC16);
    expectCodecError(() => decodeReadCapacity16ParameterData(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 12,
      bit: 6,
    });
    const c = hexBytes(RC16_HEX);
    c[31] = 0x01;
    expectCodecError(() => decodeReadCapacity16ParameterData(c, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 31,
      bit: 0,
    });
  });
  it('encoder range errors', () => {
    expectCodecError(() => encodeReadCapacity16ParameterData({ ...RC16, lowestAlignedLogicalBlockAddress: 0x4000 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'lowestAlignedLogicalBlockAddress',
      offset: 14,
    });
    expectCodecError(() => encodeReadCapacity16ParameterData({ ...RC16, pType: 8 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'pType',
      offset: 12,
      bit: 3,
    });
    expectCodecError(() => encodeReadCapacity16ParameterData({ ...RC16, returnedLogicalBlockAddress: -1n }), {
      code: 'ERR_FIELD_RANGE',
      field: 'returnedLogicalBlockAddress',
      offset: 0,
    });
    expectCodecError(() => encodeReadCapacity16ParameterData({ ...RC16, logicalBlockLengthInBytes: 2 ** 32 }), {
      code: 'ERR_FIELD_RANGE',
      field: 'logicalBlockLengthInBytes',
      offset: 8,
    });
  });
});

// ------------------------------------------------------------------ REPORT LUNS

describe('REPORT LUNS parameter data (SPC-5 table)', () => {
  const hex3 = [
    '00 00 00 18 00 00 00 00',
    '00 00 00 00 00 00 00 00', // LUN 0, peripheral device addressing
    '00 01 00 00 00 00 00 00', // LUN 1
    '41 2c 00 00 00 00 00 00', // LUN 300, flat space addressing
  ].join(' ');
  const luns = [0, 1, 300].map(lunFromNumber);
  it('known answer', () => {
    expect(toHex(encodeReportLunsParameterData({ luns }))).toBe(toHex(hexBytes(hex3)));
    expect(decodeReportLunsParameterData(hexBytes(hex3), { strict: true })).toEqual({ luns });
  });
  it('empty list: 8 bytes, LUN LIST LENGTH 0', () => {
    expect(toHex(encodeReportLunsParameterData({ luns: [] }))).toBe('00 00 00 00 00 00 00 00');
    expect(decodeReportLunsParameterData(new Uint8Array(8), { strict: true })).toEqual({ luns: [] });
  });
  it('requiredReportLunsParameterDataLength = LUN LIST LENGTH + 8', () => {
    expect(requiredReportLunsParameterDataLength(hexBytes(hex3).subarray(0, 4))).toBe(32);
    expectCodecError(() => requiredReportLunsParameterDataLength(hexBytes('00 00 00')), {
      code: 'ERR_TRUNCATED',
      field: 'lunListLength',
      offset: 3,
    });
  });
  it('cut by ALLOCATION LENGTH: complete LUNs, truncated (strict too)', () => {
    for (const strict of [false, true]) {
      const v = decodeReportLunsParameterData(hexBytes(hex3).subarray(0, 29), { strict });
      expect(v.luns).toEqual(luns.slice(0, 2));
      expect(v.truncated).toBe(true);
      expect(v.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([['ERR_TRUNCATED', 'lunListLength', 0]]);
    }
  });
  it('bytes after LUN LIST LENGTH + 8 are ignored', () => {
    const b = new Uint8Array(40).fill(0xaa);
    b.set(hexBytes(hex3));
    expect(decodeReportLunsParameterData(b, { strict: true })).toEqual({ luns });
  });
  it('fewer than 8 bytes: ERR_TRUNCATED', () => {
    expectCodecError(() => decodeReportLunsParameterData(new Uint8Array(7)), {
      code: 'ERR_TRUNCATED',
      structure: 'ReportLunsParameterData',
      offset: 7,
    });
  });
  it('LUN LIST LENGTH not a multiple of 8: lenient drops the partial LUN, strict throws', () => {
    const b = hexBytes('00 00 00 0c 00 00 00 00 00 05 00 00 00 00 00 00 01 02 03 04');
    const v = decodeReportLunsParameterData(b);
    expect(v.luns).toEqual([lunFromNumber(5)]);
    expect(v.issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', field: 'lunListLength', offset: 0 });
    expectCodecError(() => decodeReportLunsParameterData(b, { strict: true }), {
      code: 'ERR_LENGTH_MISMATCH',
      field: 'lunListLength',
      offset: 0,
    });
  });
  it('reserved bytes 4-7: strict ERR_RESERVED_NONZERO', () => {
    const b = hexBytes('00 00 00 00 00 80 00 00');
    expect(decodeReportLunsParameterData(b)).toEqual({ luns: [] });
    expectCodecError(() => decodeReportLunsParameterData(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      offset: 5,
      bit: 7,
    });
  });
  it('encoder: a LUN that is not a 64-bit bigint', () => {
    expectCodecError(() => encodeReportLunsParameterData({ luns: [0n, 1n << 64n] }), {
      code: 'ERR_FIELD_RANGE',
      field: 'lun',
      offset: 16,
    });
    expectCodecError(() => encodeReportLunsParameterData({ luns: [5 as unknown as bigint] }), {
      code: 'ERR_FIELD_RANGE',
      field: 'lun',
      offset: 8,
    });
    expectCodecError(() => encodeReportLunsParameterData({ luns: 'x' as unknown as bigint[] }), {
      code: 'ERR_FIELD_RANGE',
      field: 'luns',
    });
  });
});

describe('LUN helpers (SAM-6 single-level peripheral device / flat space addressing)', () => {
  it('known answers', () => {
    expect(lunFromNumber(0)).toBe(0n);
    expect(lunFromNumber(255)).toBe(0x00ff_0000_0000_0000n);
    expect(lunFromNumber(256)).toBe(0x4100_0000_0000_0000n);
    expect(lunFromNumber(16383)).toBe(0x7fff_0000_0000_0000n);
    expect(lunToNumber(0x4005_0000_0000_0000n)).toBe(5);
    expect(lunToNumber(0x0105_0000_0000_0000n)).toBeUndefined(); // bus identifier 1
    expect(lunToNumber(0x0005_0000_0000_0001n)).toBeUndefined(); // second level
    expect(lunToNumber(0xc101_0000_0000_0000n)).toBeUndefined(); // REPORT LUNS well-known LUN
    expect(lunToNumber(0x8001_0000_0000_0000n)).toBeUndefined(); // logical unit addressing
    expect(lunToNumber(-1n)).toBeUndefined();
  });
  it('range errors', () => {
    for (const n of [-1, 16384, 1.5, Number.NaN]) {
      expectCodecError(() => lunFromNumber(n), { code: 'ERR_FIELD_RANGE', field: 'lun', offset: 0 });
    }
  });
  test.prop([fc.integer({ min: 0, max: 16383 })])('lunToNumber inverts lunFromNumber', (n) => {
    expect(lunToNumber(lunFromNumber(n))).toBe(n);
  });
});
