import { describe, expect, it } from 'vitest';
import {
  arbExtendedCopyLid1ParameterList,
  arbExtendedCopyLid4ParameterList,
} from '../../src/arbitraries/extended-copy.js';
import {
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  type ExtendedCopyLid1ParameterList,
  type ExtendedCopyLid4ParameterList,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
} from '../../src/parameter-list/index.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

const dropIssues = <T extends object>(v: T) => {
  const { issues: _i, ...rest } = v as T & { issues?: unknown };
  return rest;
};

describeLaws<ExtendedCopyLid1ParameterList>({
  name: 'ExtendedCopyLid1ParameterList (strict-valid)',
  arb: arbExtendedCopyLid1ParameterList({ valid: true }),
  encode: encodeExtendedCopyLid1ParameterList,
  decode: decodeExtendedCopyLid1ParameterList,
});
describeLaws<ExtendedCopyLid1ParameterList>({
  name: 'ExtendedCopyLid1ParameterList (reserved E4h fields, unknown types)',
  arb: arbExtendedCopyLid1ParameterList({ maxCscdDescriptors: 6, maxSegmentDescriptors: 6 }),
  encode: encodeExtendedCopyLid1ParameterList,
  decode: decodeExtendedCopyLid1ParameterList,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
});
describeLaws<ExtendedCopyLid4ParameterList>({
  name: 'ExtendedCopyLid4ParameterList (strict-valid)',
  arb: arbExtendedCopyLid4ParameterList({ valid: true }),
  encode: encodeExtendedCopyLid4ParameterList,
  decode: decodeExtendedCopyLid4ParameterList,
});
describeLaws<ExtendedCopyLid4ParameterList>({
  name: 'ExtendedCopyLid4ParameterList (any LIST FORMAT, reserved E4h fields)',
  arb: arbExtendedCopyLid4ParameterList(),
  encode: encodeExtendedCopyLid4ParameterList,
  decode: decodeExtendedCopyLid4ParameterList,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
});

const NAA = hexBytes('60 01 40 50 00 00 00 00 00 00 00 00 00 00 00 01');
const LIST: ExtendedCopyLid1ParameterList = {
  listIdentifier: 0x2a,
  str: false,
  listIdUsage: 0,
  priority: 0,
  cscdDescriptors: [
    {
      kind: 'identification',
      luIdType: 0,
      peripheralDeviceType: 0,
      relativeInitiatorPortIdentifier: 0,
      designationDescriptor: {
        protocolIdentifier: 0,
        codeSet: 1,
        piv: false,
        association: 0,
        designatorType: 3,
        designator: NAA,
      },
      pad: false,
      fixed: false,
      diskBlockLength: 512,
    },
  ],
  segmentDescriptors: [
    {
      kind: 'blockToBlock',
      dc: false,
      cat: false,
      sourceCscdDescriptorId: 0,
      destinationCscdDescriptorId: 0,
      blockDeviceNumberOfBlocks: 8,
      sourceBlockDeviceLogicalBlockAddress: 0x10n,
      destinationBlockDeviceLogicalBlockAddress: 0x20n,
    },
  ],
  inlineData: new Uint8Array(0),
};

describe('EXTENDED COPY (LID1) parameter list: byte layout', () => {
  it('encodes the header, one E4h CSCD and one 02h segment at their SPC offsets', () => {
    const b = encodeExtendedCopyLid1ParameterList(LIST);
    expect(b.length).toBe(16 + 32 + 28);
    expect(toHex(b.subarray(0, 16))).toBe('2a 00 00 20 00 00 00 00 00 00 00 1c 00 00 00 00');
    expect(b[16]).toBe(0xe4);
    expect(toHex(b.subarray(20, 24))).toBe('01 03 00 10');
    expect(toHex(b.subarray(44, 48))).toBe('00 00 02 00');
    expect(toHex(b.subarray(48, 52))).toBe('02 00 00 18');
    expect(toHex(b.subarray(58, 60))).toBe('00 08');
    expect(b[67]).toBe(0x10);
    expect(b[75]).toBe(0x20);
  });
  it('rejects a CSCD list length that is not a multiple of 32, with its offset', () => {
    const b = encodeExtendedCopyLid1ParameterList(LIST);
    b[3] = 0x1f;
    expectCodecError(() => decodeExtendedCopyLid1ParameterList(b), { code: 'ERR_LENGTH_MISMATCH', offset: 2 });
  });
  it('rejects a 02h descriptor with a wrong DESCRIPTOR LENGTH at byte 2 of the descriptor', () => {
    const b = encodeExtendedCopyLid1ParameterList(LIST);
    b[51] = 0x14;
    expectCodecError(() => decodeExtendedCopyLid1ParameterList(b), { code: 'ERR_LENGTH_MISMATCH', offset: 50 });
  });
  it('throws ERR_TRUNCATED when the lists run past the data', () => {
    const b = encodeExtendedCopyLid1ParameterList(LIST);
    expectCodecError(() => decodeExtendedCopyLid1ParameterList(b.subarray(0, b.length - 1)), { code: 'ERR_TRUNCATED' });
  });
  it('keeps trailing bytes as an issue (strict: thrown)', () => {
    const b = encodeExtendedCopyLid1ParameterList(LIST);
    const longer = new Uint8Array(b.length + 3);
    longer.set(b);
    expect(decodeExtendedCopyLid1ParameterList(longer).issues?.[0]?.code).toBe('ERR_LENGTH_MISMATCH');
    expectCodecError(() => decodeExtendedCopyLid1ParameterList(longer, { strict: true }), {
      code: 'ERR_LENGTH_MISMATCH',
    });
  });
  it('keeps unknown CSCD and segment types raw', () => {
    const list: ExtendedCopyLid1ParameterList = {
      ...LIST,
      cscdDescriptors: [
        {
          kind: 'other',
          descriptorTypeCode: 0xe5,
          luIdType: 0,
          nul: true,
          peripheralDeviceType: 0,
          relativeInitiatorPortIdentifier: 7,
          cscdParameters: new Uint8Array(24).fill(0xab),
          deviceTypeSpecificParameters: new Uint8Array([0, 0, 2, 0]),
        },
      ],
      segmentDescriptors: [{ kind: 'other', descriptorTypeCode: 0x04, byte1: 3, bytes: new Uint8Array([1, 2]) }],
    };
    const b = encodeExtendedCopyLid1ParameterList(list);
    expect(decodeExtendedCopyLid1ParameterList(b)).toEqual(list);
    expect(toHex(b.subarray(48, 54))).toBe('04 03 00 02 01 02');
  });
});

describe('EXTENDED COPY (LID4) parameter list: byte layout (SPC-4 table 126)', () => {
  const LID4: ExtendedCopyLid4ParameterList = {
    listFormat: 1,
    str: false,
    listIdUsage: 0,
    priority: 0,
    headerCscdDescriptorListLength: 0x20,
    gSense: false,
    immed: true,
    headerCscdDescriptorTypeCode: 0xff,
    listIdentifier: 0x01020304,
    cscdDescriptors: LIST.cscdDescriptors,
    segmentDescriptors: LIST.segmentDescriptors,
    inlineData: new Uint8Array(0),
  };
  it('puts the CSCD descriptors at byte 48: the header CSCD descriptor is bytes 16-47 of the header itself', () => {
    const b = encodeExtendedCopyLid4ParameterList(LID4);
    expect(b.length).toBe(48 + 32 + 28);
    // 0 format, 1 flags, 2-3 HEADER CSCD DESCRIPTOR LIST LENGTH 0020h, 15 IMMED, 16 type FFh, 20-23 LIST ID
    expect(toHex(b.subarray(0, 4))).toBe('01 00 00 20');
    expect(b[15]).toBe(0x01);
    expect(b[16]).toBe(0xff);
    expect(toHex(b.subarray(20, 24))).toBe('01 02 03 04');
    // 42-43 CSCD DESCRIPTOR LIST LENGTH (n-47), 44-45 SEGMENT ..., 46-47 INLINE DATA LENGTH
    expect(toHex(b.subarray(42, 48))).toBe('00 20 00 1c 00 00');
    expect(b[48]).toBe(0xe4);
    expect(b[80]).toBe(0x02);
    expect(decodeExtendedCopyLid4ParameterList(b)).toEqual(LID4);
  });
  it('read as an SPC-3 list, bytes 2-3 describe bytes 16-47 as one target descriptor of type FFh', () => {
    const b = encodeExtendedCopyLid4ParameterList(LID4);
    const spc3TargetDescriptorListLength = (b[2]! << 8) | b[3]!;
    expect(16 + spc3TargetDescriptorListLength).toBe(48);
    expect(b[16]).toBe(0xff);
  });
  it('decodes other HEADER CSCD values as they are (the copy manager refuses them)', () => {
    const b = encodeExtendedCopyLid4ParameterList({
      ...LID4,
      headerCscdDescriptorListLength: 0,
      headerCscdDescriptorTypeCode: 0xe4,
    });
    expect(b.length).toBe(48 + 32 + 28);
    const d = decodeExtendedCopyLid4ParameterList(b);
    expect([d.headerCscdDescriptorListLength, d.headerCscdDescriptorTypeCode]).toEqual([0, 0xe4]);
  });
});
