import { describe, expect, it } from 'vitest';
import * as A from '../../src/arbitraries/cdb.js';
import * as C from '../../src/cdb/index.js';
import type { DecodeOptions } from '../../src/internal/byte-reader.js';
import { type Codec, describeLaws } from '../laws.js';
import { expectCodecError, hexBytes, toHex } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: table of heterogeneous codecs
type AnyCodec = [string, () => any, (v: any) => Uint8Array, (b: Uint8Array, o?: DecodeOptions) => unknown];

const CODECS: AnyCodec[] = [
  ['TestUnitReadyCdb', A.arbTestUnitReadyCdb, C.encodeTestUnitReadyCdb, C.decodeTestUnitReadyCdb],
  ['RequestSenseCdb', A.arbRequestSenseCdb, C.encodeRequestSenseCdb, C.decodeRequestSenseCdb],
  ['InquiryCdb', A.arbInquiryCdb, C.encodeInquiryCdb, C.decodeInquiryCdb],
  ['Read10Cdb', A.arbRead10Cdb, C.encodeRead10Cdb, C.decodeRead10Cdb],
  ['Write10Cdb', A.arbWrite10Cdb, C.encodeWrite10Cdb, C.decodeWrite10Cdb],
  ['Read16Cdb', A.arbRead16Cdb, C.encodeRead16Cdb, C.decodeRead16Cdb],
  ['Write16Cdb', A.arbWrite16Cdb, C.encodeWrite16Cdb, C.decodeWrite16Cdb],
  ['ReadCapacity16Cdb', A.arbReadCapacity16Cdb, C.encodeReadCapacity16Cdb, C.decodeReadCapacity16Cdb],
  ['ReportLunsCdb', A.arbReportLunsCdb, C.encodeReportLunsCdb, C.decodeReportLunsCdb],
  ['ReadCapacity10Cdb', A.arbReadCapacity10Cdb, C.encodeReadCapacity10Cdb, C.decodeReadCapacity10Cdb],
  ['ModeSense6Cdb', A.arbModeSense6Cdb, C.encodeModeSense6Cdb, C.decodeModeSense6Cdb],
  ['ModeSense10Cdb', A.arbModeSense10Cdb, C.encodeModeSense10Cdb, C.decodeModeSense10Cdb],
  ['SynchronizeCache10Cdb', A.arbSynchronizeCache10Cdb, C.encodeSynchronizeCache10Cdb, C.decodeSynchronizeCache10Cdb],
  ['SynchronizeCache16Cdb', A.arbSynchronizeCache16Cdb, C.encodeSynchronizeCache16Cdb, C.decodeSynchronizeCache16Cdb],
  [
    'ReportSupportedOperationCodesCdb',
    A.arbReportSupportedOperationCodesCdb,
    C.encodeReportSupportedOperationCodesCdb,
    C.decodeReportSupportedOperationCodesCdb,
  ],
  [
    'ReportTargetPortGroupsCdb',
    A.arbReportTargetPortGroupsCdb,
    C.encodeReportTargetPortGroupsCdb,
    C.decodeReportTargetPortGroupsCdb,
  ],
  ['PopulateTokenCdb', A.arbPopulateTokenCdb, C.encodePopulateTokenCdb, C.decodePopulateTokenCdb],
  ['WriteUsingTokenCdb', A.arbWriteUsingTokenCdb, C.encodeWriteUsingTokenCdb, C.decodeWriteUsingTokenCdb],
  ['ExtendedCopyLid1Cdb', A.arbExtendedCopyLid1Cdb, C.encodeExtendedCopyLid1Cdb, C.decodeExtendedCopyLid1Cdb],
  ['ExtendedCopyLid4Cdb', A.arbExtendedCopyLid4Cdb, C.encodeExtendedCopyLid4Cdb, C.decodeExtendedCopyLid4Cdb],
  ['CopyOperationAbortCdb', A.arbCopyOperationAbortCdb, C.encodeCopyOperationAbortCdb, C.decodeCopyOperationAbortCdb],
  [
    'ReceiveRodTokenInformationCdb',
    A.arbReceiveRodTokenInformationCdb,
    C.encodeReceiveRodTokenInformationCdb,
    C.decodeReceiveRodTokenInformationCdb,
  ],
  [
    'ReceiveCopyStatusLid4Cdb',
    A.arbReceiveCopyStatusLid4Cdb,
    C.encodeReceiveCopyStatusLid4Cdb,
    C.decodeReceiveCopyStatusLid4Cdb,
  ],
  [
    'ReceiveCopyDataLid4Cdb',
    A.arbReceiveCopyDataLid4Cdb,
    C.encodeReceiveCopyDataLid4Cdb,
    C.decodeReceiveCopyDataLid4Cdb,
  ],
  [
    'ReceiveCopyOperatingParametersCdb',
    A.arbReceiveCopyOperatingParametersCdb,
    C.encodeReceiveCopyOperatingParametersCdb,
    C.decodeReceiveCopyOperatingParametersCdb,
  ],
  ['ReportAllRodTokensCdb', A.arbReportAllRodTokensCdb, C.encodeReportAllRodTokensCdb, C.decodeReportAllRodTokensCdb],
  [
    'ReceiveCopyStatusLid1Cdb',
    A.arbReceiveCopyStatusLid1Cdb,
    C.encodeReceiveCopyStatusLid1Cdb,
    C.decodeReceiveCopyStatusLid1Cdb,
  ],
  [
    'ReceiveCopyDataLid1Cdb',
    A.arbReceiveCopyDataLid1Cdb,
    C.encodeReceiveCopyDataLid1Cdb,
    C.decodeReceiveCopyDataLid1Cdb,
  ],
  [
    'ReceiveCopyFailureDetailsLid1Cdb',
    A.arbReceiveCopyFailureDetailsLid1Cdb,
    C.encodeReceiveCopyFailureDetailsLid1Cdb,
    C.decodeReceiveCopyFailureDetailsLid1Cdb,
  ],
];

for (const [name, arb, encode, decode] of CODECS) {
  describeLaws({ name, arb: arb(), encode, decode, fuzzMaxLength: 40 } as Codec<unknown>);
}
describeLaws<C.Cdb>({
  name: 'Cdb (decodeCdb/encodeCdb)',
  arb: A.arbCdb(),
  encode: C.encodeCdb,
  decode: C.decodeCdb,
  fuzzMaxLength: 40,
});

describe('CDB known-answer byte layouts (spec section 2)', () => {
  const cases: [string, C.Cdb, string][] = [
    [
      'POPULATE TOKEN 83h/10h: LIST ID 6-9, PLL 10-13, GROUP 14, CONTROL 15',
      {
        kind: 'POPULATE TOKEN',
        listIdentifier: 0x01020304,
        parameterListLength: 0x20,
        groupNumber: 0x1f,
        control: 0,
      },
      '83 10 00 00 00 00 01 02 03 04 00 00 00 20 1f 00',
    ],
    [
      'WRITE USING TOKEN 83h/11h, 6-bit group number',
      { kind: 'WRITE USING TOKEN', listIdentifier: 7, parameterListLength: 552, groupNumber: 0x3f, control: 0x04 },
      '83 11 00 00 00 00 00 00 00 07 00 00 02 28 3f 04',
    ],
    [
      'COPY OPERATION ABORT 83h/1Ch: LIST ID 2-5',
      { kind: 'COPY OPERATION ABORT', listIdentifier: 0xdeadbeef, control: 0 },
      '83 1c de ad be ef 00 00 00 00 00 00 00 00 00 00',
    ],
    [
      'EXTENDED COPY (LID1) 83h/00h',
      { kind: 'EXTENDED COPY (LID1)', parameterListLength: 0x40, control: 0 },
      '83 00 00 00 00 00 00 00 00 00 00 00 00 40 00 00',
    ],
    [
      'EXTENDED COPY (LID4) 83h/01h',
      { kind: 'EXTENDED COPY (LID4)', parameterListLength: 0x10000, control: 0 },
      '83 01 00 00 00 00 00 00 00 00 00 01 00 00 00 00',
    ],
    [
      'RRTI 84h/07h: LIST ID 2-5, ALLOCATION LENGTH 10-13',
      { kind: 'RECEIVE ROD TOKEN INFORMATION', listIdentifier: 1, allocationLength: 550, control: 0 },
      '84 07 00 00 00 01 00 00 00 00 00 00 02 26 00 00',
    ],
    [
      'RECEIVE COPY STATUS (LID4) 84h/05h',
      { kind: 'RECEIVE COPY STATUS (LID4)', listIdentifier: 2, allocationLength: 0x20, control: 0 },
      '84 05 00 00 00 02 00 00 00 00 00 00 00 20 00 00',
    ],
    [
      'RECEIVE COPY DATA (LID4) 84h/06h',
      { kind: 'RECEIVE COPY DATA (LID4)', listIdentifier: 3, allocationLength: 0x1000, control: 0 },
      '84 06 00 00 00 03 00 00 00 00 00 00 10 00 00 00',
    ],
    [
      'RECEIVE COPY OPERATING PARAMETERS 84h/03h',
      { kind: 'RECEIVE COPY OPERATING PARAMETERS', allocationLength: 0x100, control: 0 },
      '84 03 00 00 00 00 00 00 00 00 00 00 01 00 00 00',
    ],
    [
      'REPORT ALL ROD TOKENS 84h/08h',
      { kind: 'REPORT ALL ROD TOKENS', allocationLength: 0x2000, control: 0 },
      '84 08 00 00 00 00 00 00 00 00 00 00 20 00 00 00',
    ],
    [
      'RECEIVE COPY STATUS (LID1) 84h/00h: 1-byte LIST ID in byte 2',
      { kind: 'RECEIVE COPY STATUS (LID1)', listIdentifier: 0xab, allocationLength: 12, control: 0 },
      '84 00 ab 00 00 00 00 00 00 00 00 00 00 0c 00 00',
    ],
    [
      'RECEIVE COPY DATA (LID1) 84h/01h',
      { kind: 'RECEIVE COPY DATA (LID1)', listIdentifier: 1, allocationLength: 4, control: 0 },
      '84 01 01 00 00 00 00 00 00 00 00 00 00 04 00 00',
    ],
    [
      'RECEIVE COPY FAILURE DETAILS (LID1) 84h/04h',
      { kind: 'RECEIVE COPY FAILURE DETAILS (LID1)', listIdentifier: 0xff, allocationLength: 60, control: 0 },
      '84 04 ff 00 00 00 00 00 00 00 00 00 00 3c 00 00',
    ],
    [
      'INQUIRY standard',
      { kind: 'INQUIRY', evpd: false, pageCode: 0, allocationLength: 36, control: 0 },
      '12 00 00 00 24 00',
    ],
    [
      'INQUIRY EVPD page 8Fh, allocation length u16',
      { kind: 'INQUIRY', evpd: true, pageCode: 0x8f, allocationLength: 0x1000, control: 0 },
      '12 01 8f 10 00 00',
    ],
    [
      'READ CAPACITY (16) 9Eh/10h',
      { kind: 'READ CAPACITY (16)', logicalBlockAddress: 0n, allocationLength: 32, pmi: false, control: 0 },
      '9e 10 00 00 00 00 00 00 00 00 00 00 00 20 00 00',
    ],
    [
      'READ CAPACITY (10) 25h: obsolete LBA 2-5, PMI byte 8 bit 0',
      { kind: 'READ CAPACITY (10)', logicalBlockAddress: 0x01020304, pmi: true, control: 0x04 },
      '25 00 01 02 03 04 00 00 01 04',
    ],
    [
      'MODE SENSE (6) 1Ah: DBD, PC 01b, page 0Ah, subpage FFh, ALLOCATION LENGTH 255',
      {
        kind: 'MODE SENSE (6)',
        dbd: true,
        pc: 1,
        pageCode: 0x0a,
        subpageCode: 0xff,
        allocationLength: 255,
        control: 0,
      },
      '1a 08 4a ff ff 00',
    ],
    [
      'MODE SENSE (10) 5Ah: LLBAA, PC 11b, page 3Fh, ALLOCATION LENGTH 7-8',
      {
        kind: 'MODE SENSE (10)',
        llbaa: true,
        dbd: false,
        pc: 3,
        pageCode: 0x3f,
        subpageCode: 0,
        allocationLength: 0x1234,
        control: 0,
      },
      '5a 10 ff 00 00 00 00 12 34 00',
    ],
    [
      'SYNCHRONIZE CACHE (10) 35h: IMMED, LBA 2-5, GROUP 6, NUMBER OF LOGICAL BLOCKS 7-8',
      {
        kind: 'SYNCHRONIZE CACHE (10)',
        immed: true,
        logicalBlockAddress: 0x10,
        groupNumber: 0x3f,
        numberOfLogicalBlocks: 0x0102,
        control: 0,
      },
      '35 02 00 00 00 10 3f 01 02 00',
    ],
    [
      'SYNCHRONIZE CACHE (16) 91h: LBA 2-9, NUMBER OF LOGICAL BLOCKS 10-13, GROUP 14',
      {
        kind: 'SYNCHRONIZE CACHE (16)',
        immed: false,
        logicalBlockAddress: 0x0102030405060708n,
        numberOfLogicalBlocks: 0x0a0b0c0d,
        groupNumber: 1,
        control: 0,
      },
      '91 00 01 02 03 04 05 06 07 08 0a 0b 0c 0d 01 00',
    ],
    [
      'REPORT SUPPORTED OPERATION CODES A3h/0Ch: RCTD, options 010b, opcode 83h SA 0011h',
      {
        kind: 'REPORT SUPPORTED OPERATION CODES',
        rctd: true,
        reportingOptions: 2,
        requestedOperationCode: 0x83,
        requestedServiceAction: 0x11,
        allocationLength: 0xffff,
        control: 0,
      },
      'a3 0c 82 83 00 11 00 00 ff ff 00 00',
    ],
    [
      'REPORT TARGET PORT GROUPS A3h/0Ah: PARAMETER DATA FORMAT 001b in byte 1 bits 7:5',
      { kind: 'REPORT TARGET PORT GROUPS', parameterDataFormat: 1, allocationLength: 0x2000, control: 0 },
      'a3 2a 00 00 00 00 00 00 20 00 00 00',
    ],
    [
      'READ (10) with RDPROTECT 5, DPO, FUA',
      {
        kind: 'READ (10)',
        rdprotect: 5,
        dpo: true,
        fua: true,
        rarc: false,
        logicalBlockAddress: 0x12345678,
        transferLength: 8,
        groupNumber: 3,
        control: 0,
      },
      '28 b8 12 34 56 78 03 00 08 00',
    ],
    [
      'WRITE (10) with WRPROTECT 1',
      {
        kind: 'WRITE (10)',
        wrprotect: 1,
        dpo: false,
        fua: true,
        logicalBlockAddress: 1,
        transferLength: 0xffff,
        groupNumber: 0,
        control: 0,
      },
      '2a 28 00 00 00 01 00 ff ff 00',
    ],
    [
      'READ (16) 64-bit LBA',
      {
        kind: 'READ (16)',
        rdprotect: 0,
        dpo: false,
        fua: false,
        rarc: true,
        logicalBlockAddress: 0x0102030405060708n,
        transferLength: 0x10000,
        groupNumber: 0x3f,
        control: 0,
      },
      '88 04 01 02 03 04 05 06 07 08 00 01 00 00 3f 00',
    ],
    [
      'WRITE (16)',
      {
        kind: 'WRITE (16)',
        wrprotect: 7,
        dpo: true,
        fua: false,
        logicalBlockAddress: 0xffffffffffffffffn,
        transferLength: 1,
        groupNumber: 1,
        control: 0x80,
      },
      '8a f0 ff ff ff ff ff ff ff ff 00 00 00 01 01 80',
    ],
    ['TEST UNIT READY', { kind: 'TEST UNIT READY', control: 0 }, '00 00 00 00 00 00'],
    [
      'REPORT LUNS',
      { kind: 'REPORT LUNS', selectReport: 2, allocationLength: 0x4000, control: 0 },
      'a0 00 02 00 00 00 00 00 40 00 00 00',
    ],
  ];
  it.each(cases)('%s', (_name, cdb, hex) => {
    expect(toHex(C.encodeCdb(cdb))).toBe(hex);
    expect(C.decodeCdb(hexBytes(hex), { strict: true })).toEqual(cdb);
  });
});

describe('decodeCdb: unknown opcodes and service actions decode generically', () => {
  it('unknown plain opcode keeps bytes and has no serviceAction', () => {
    const b = hexBytes('2f 00 00 00 00 00 00 00 00 00'); // VERIFY (10)
    const d = C.decodeCdb(b, { strict: true });
    expect(d).toEqual({ kind: 'unknown', operationCode: 0x2f, bytes: b });
    expect('serviceAction' in d).toBe(false);
    expect(C.encodeCdb(d)).toEqual(b);
  });
  it('83h with an unknown service action (16h SET TAPE STREAM MIRRORING)', () => {
    const b = hexBytes('83 16 00 00 00 00 00 00 00 00 00 00 00 00 00 00');
    expect(C.decodeCdb(b)).toEqual({ kind: 'unknown', operationCode: 0x83, serviceAction: 0x16, bytes: b });
  });
  it('9Eh with another service action, A3h MAINTENANCE IN', () => {
    expect(C.decodeCdb(hexBytes('9e 11 00 00'))).toMatchObject({ kind: 'unknown', serviceAction: 0x11 });
    // A3h/05h REPORT IDENTIFYING INFORMATION is not modelled (0Ah and 0Ch are).
    expect(C.decodeCdb(hexBytes('a3 05 00'))).toMatchObject({
      kind: 'unknown',
      operationCode: 0xa3,
      serviceAction: 0x05,
    });
  });
  it('7Fh variable-length CDB reports its 16-bit service action from bytes 8-9', () => {
    const b = hexBytes('7f 00 00 00 00 00 00 18 00 0d 00 00');
    expect(C.decodeCdb(b)).toMatchObject({ kind: 'unknown', operationCode: 0x7f, serviceAction: 0x000d });
  });
  it('the result is a copy, not a view', () => {
    const b = hexBytes('2f 00');
    const d = C.decodeCdb(b) as C.UnknownCdb;
    b[1] = 9;
    expect(d.bytes[1]).toBe(0);
  });
});

describe('CDB decode errors', () => {
  const PT = '83 10 00 00 00 00 00 00 00 01 00 00 00 20 00 00';
  it.each([
    ['empty input', '', {}, { code: 'ERR_TRUNCATED', offset: 0 }],
    [
      'too-short POPULATE TOKEN',
      '83 10 00 00 00 00 00 00 00 01',
      {},
      { code: 'ERR_TRUNCATED', structure: 'PopulateTokenCdb' },
    ],
    ['too-short READ (10)', '28 00 00 00', {}, { code: 'ERR_TRUNCATED', structure: 'Read10Cdb' }],
    ['service-action opcode without byte 1', '83', {}, { code: 'ERR_TRUNCATED', offset: 1 }],
    ['7Fh shorter than 10 bytes', '7f 00 00 00 00 00 00 00', {}, { code: 'ERR_TRUNCATED' }],
    [
      'strict: PT byte 1 bit 5 (reserved above SA)',
      '83 30 00 00 00 00 00 00 00 01 00 00 00 20 00 00',
      { strict: true },
      { code: 'ERR_RESERVED_NONZERO', offset: 1, bit: 5 },
    ],
    [
      'strict: PT reserved byte 3',
      '83 10 00 01 00 00 00 00 00 01 00 00 00 20 00 00',
      { strict: true },
      { code: 'ERR_RESERVED_NONZERO', offset: 3, bit: 0 },
    ],
    [
      'strict: PT byte 14 bit 7 (above 6-bit GROUP NUMBER)',
      '83 10 00 00 00 00 00 00 00 01 00 00 00 20 80 00',
      { strict: true },
      { code: 'ERR_RESERVED_NONZERO', offset: 14, bit: 7 },
    ],
    [
      'strict: RRTI reserved byte 14',
      '84 07 00 00 00 01 00 00 00 00 00 00 02 26 04 00',
      { strict: true },
      { code: 'ERR_RESERVED_NONZERO', structure: 'ReceiveRodTokenInformationCdb', offset: 14, bit: 2 },
    ],
    [
      'strict: WRITE (10) byte 1 bit 2',
      '2a 04 00 00 00 00 00 00 01 00',
      { strict: true },
      { code: 'ERR_RESERVED_NONZERO', offset: 1, bit: 2 },
    ],
    [
      'strict: INQUIRY page code with EVPD 0',
      '12 00 83 00 24 00',
      { strict: true },
      { code: 'ERR_INVALID_VALUE', field: 'pageCode', offset: 2 },
    ],
    ['strict: bytes after the CDB', `${PT} 00`, { strict: true }, { code: 'ERR_LENGTH_MISMATCH', offset: 16 }],
    [
      'decodePopulateTokenCdb given a WUT CDB',
      '83 11 00 00 00 00 00 00 00 01 00 00 00 20 00 00',
      { which: 'pt' },
      { code: 'ERR_UNEXPECTED_VALUE', field: 'serviceAction', offset: 1 },
    ],
  ] as const)('%s', (_n, hex, opts, want) => {
    const o = opts as DecodeOptions & { which?: string };
    const fn = o.which === 'pt' ? C.decodePopulateTokenCdb : C.decodeCdb;
    expectCodecError(() => fn(hexBytes(hex), o), want);
  });

  it('lenient mode ignores reserved bits and records extra bytes as an issue', () => {
    const d = C.decodeCdb(hexBytes('83 f0 ff ff ff ff 00 00 00 01 00 00 00 20 c5 00 aa'));
    expect(d).toMatchObject({ kind: 'POPULATE TOKEN', listIdentifier: 1, groupNumber: 5 });
    expect((d as C.PopulateTokenCdb).issues).toEqual([
      expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', offset: 16 }),
    ]);
  });
});

describe('CDB encoders reject values that do not fit (ERR_FIELD_RANGE, never masked)', () => {
  const pt = { listIdentifier: 0, parameterListLength: 0, groupNumber: 0, control: 0 };
  const r10 = {
    rdprotect: 0,
    dpo: false,
    fua: false,
    rarc: false,
    logicalBlockAddress: 0,
    transferLength: 0,
    groupNumber: 0,
    control: 0,
  };
  it.each([
    ['PT listIdentifier 2^32', () => C.encodePopulateTokenCdb({ ...pt, listIdentifier: 2 ** 32 }), 'listIdentifier', 6],
    ['PT listIdentifier -1', () => C.encodePopulateTokenCdb({ ...pt, listIdentifier: -1 }), 'listIdentifier', 6],
    ['PT listIdentifier 1.5', () => C.encodePopulateTokenCdb({ ...pt, listIdentifier: 1.5 }), 'listIdentifier', 6],
    ['PT groupNumber 64', () => C.encodePopulateTokenCdb({ ...pt, groupNumber: 64 }), 'groupNumber', 14],
    ['PT control 256', () => C.encodePopulateTokenCdb({ ...pt, control: 256 }), 'control', 15],
    [
      'WUT parameterListLength 2^32',
      () => C.encodeWriteUsingTokenCdb({ ...pt, parameterListLength: 2 ** 32 }),
      'parameterListLength',
      10,
    ],
    [
      'RCS LID1 listIdentifier 256',
      () => C.encodeReceiveCopyStatusLid1Cdb({ listIdentifier: 256, allocationLength: 0, control: 0 }),
      'listIdentifier',
      2,
    ],
    ['READ (10) rdprotect 8', () => C.encodeRead10Cdb({ ...r10, rdprotect: 8 }), 'rdprotect', 1],
    ['READ (10) LBA 2^32', () => C.encodeRead10Cdb({ ...r10, logicalBlockAddress: 2 ** 32 }), 'logicalBlockAddress', 2],
    ['READ (10) transferLength 65536', () => C.encodeRead10Cdb({ ...r10, transferLength: 65536 }), 'transferLength', 7],
    [
      'READ (16) LBA 2^64',
      () => C.encodeRead16Cdb({ ...r10, logicalBlockAddress: 1n << 64n }),
      'logicalBlockAddress',
      2,
    ],
    [
      'INQUIRY allocationLength 65536',
      () => C.encodeInquiryCdb({ evpd: true, pageCode: 0, allocationLength: 65536, control: 0 }),
      'allocationLength',
      3,
    ],
    [
      'INQUIRY page code without EVPD',
      () => C.encodeInquiryCdb({ evpd: false, pageCode: 0x80, allocationLength: 0, control: 0 }),
      'pageCode',
      2,
    ],
    [
      'unknown CDB whose operationCode disagrees with bytes',
      () => C.encodeCdb({ kind: 'unknown', operationCode: 0x35, bytes: Uint8Array.of(0x36) }),
      'operationCode',
      0,
    ],
    [
      'unknown 83h CDB without serviceAction',
      () => C.encodeCdb({ kind: 'unknown', operationCode: 0x83, bytes: Uint8Array.of(0x83, 0x16) }),
      'serviceAction',
      1,
    ],
    [
      'encoder given another command',
      () => C.encodePopulateTokenCdb({ ...pt, kind: 'WRITE USING TOKEN' as 'POPULATE TOKEN' }),
      'kind',
      0,
    ],
  ])('%s', (_n, fn, field, offset) => {
    expectCodecError(fn, { code: 'ERR_FIELD_RANGE', field, offset });
  });
});

describe('trace', () => {
  it('decodeCdb traces each field of a known CDB once, with absolute offsets', () => {
    const trace: import('../../src/internal/byte-reader.js').TraceEntry[] = [];
    C.decodeCdb(hexBytes('83 10 00 00 00 00 00 00 00 01 00 00 00 20 00 00'), { trace });
    const fields = trace.map((t) => `${t.field}@${t.offset}`);
    expect(fields).toEqual(
      expect.arrayContaining(['operationCode@0', 'serviceAction@1', 'listIdentifier@6', 'parameterListLength@10']),
    );
    expect(new Set(fields).size).toBe(fields.length);
  });
  it('an unknown CDB traces operationCode, serviceAction and bytes', () => {
    const trace: import('../../src/internal/byte-reader.js').TraceEntry[] = [];
    C.decodeCdb(hexBytes('84 16 00 00'), { trace });
    expect(trace.map((t) => t.field)).toEqual(['operationCode', 'serviceAction', 'bytes']);
  });
});
