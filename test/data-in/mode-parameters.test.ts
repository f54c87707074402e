// Mode parameter data (MODE SENSE 6/10) and READ CAPACITY (10) parameter data codecs.
import { describe, expect, it } from 'vitest';
import {
  arbModeParameterData6,
  arbModeParameterData10,
  arbReadCapacity10ParameterData,
} from '../../src/arbitraries/data-in.js';
import {
  type ControlModePage,
  decodeModeParameterData6,
  decodeModeParameterData10,
  decodeReadCapacity10ParameterData,
  encodeModeParameterData6,
  encodeModeParameterData10,
  encodeReadCapacity10ParameterData,
  type ModeParameterData6,
  readCapacity10ReturnedLba,
  requiredModeParameterDataLength,
} from '../../src/data-in/index.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

describeLaws({
  name: 'ReadCapacity10ParameterData',
  arb: arbReadCapacity10ParameterData(),
  encode: encodeReadCapacity10ParameterData,
  decode: decodeReadCapacity10ParameterData,
});
describeLaws({
  name: 'ModeParameterData6',
  arb: arbModeParameterData6(),
  encode: encodeModeParameterData6,
  decode: decodeModeParameterData6,
  fuzzMaxLength: 300,
});
describeLaws({
  name: 'ModeParameterData10',
  arb: arbModeParameterData10(),
  encode: encodeModeParameterData10,
  decode: decodeModeParameterData10,
  fuzzMaxLength: 600,
});

describe('READ CAPACITY (10) parameter data', () => {
  it('bytes 0-3 RETURNED LOGICAL BLOCK ADDRESS, 4-7 LOGICAL BLOCK LENGTH IN BYTES', () => {
    const b = encodeReadCapacity10ParameterData({
      returnedLogicalBlockAddress: 0x1fffff,
      logicalBlockLengthInBytes: 512,
    });
    expect(toHex(b)).toBe('00 1f ff ff 00 00 02 00');
    expect(decodeReadCapacity10ParameterData(b)).toEqual({
      returnedLogicalBlockAddress: 0x1fffff,
      logicalBlockLengthInBytes: 512,
    });
  });
  it('RETURNED LBA saturates at FFFFFFFFh when the last LBA exceeds FFFFFFFEh', () => {
    expect(readCapacity10ReturnedLba(0xffff_fffen)).toBe(0xffff_fffe);
    expect(readCapacity10ReturnedLba(0xffff_ffffn)).toBe(0xffff_ffff);
    expect(readCapacity10ReturnedLba(1n << 40n)).toBe(0xffff_ffff);
  });
  it('fewer than 8 bytes: ERR_TRUNCATED', () => {
    expectCodecError(() => decodeReadCapacity10ParameterData(new Uint8Array(7)), { code: 'ERR_TRUNCATED' });
  });
});

const CONTROL: ControlModePage = {
  kind: 'control',
  ps: false,
  tst: 0,
  tmfOnly: false,
  dpicz: false,
  dSense: true,
  gltsd: false,
  rlec: false,
  queueAlgorithmModifier: 1,
  nuar: false,
  qerr: 0,
  vs: false,
  rac: false,
  uaIntlckCtrl: 0,
  swp: true,
  ato: false,
  tas: true,
  atmpe: false,
  rwwp: false,
  sblp: false,
  autoloadMode: 0,
  busyTimeoutPeriod: 0x0102,
  extendedSelfTestCompletionTime: 0xffff,
};

describe('mode parameter data: byte layouts', () => {
  const six: ModeParameterData6 = {
    mediumType: 0,
    deviceSpecificParameter: 0x90, // WP | DPOFUA
    blockDescriptors: [{ numberOfLogicalBlocks: 0x100000n, logicalBlockLength: 512 }],
    modePages: [
      CONTROL,
      { kind: 'unknown', ps: true, spf: true, pageCode: 0x0a, subpageCode: 0x01, bytes: Uint8Array.of(1, 2) },
    ],
  };
  // header(6): MODE DATA LENGTH = 4 + 8 + 12 + 6 - 1 = 29; WP|DPOFUA; BLOCK DESCRIPTOR LENGTH 8.
  const sixHex = [
    '1d 00 90 08',
    '00 10 00 00 00 00 02 00', // short LBA: 0x100000 blocks, reserved, 512
    '0a 0a 04 10 08 40 00 00 01 02 ff ff', // control: D_SENSE; QAM 1; SWP; TAS; busy 0102h; self-test ffffh
    'ca 01 00 02 01 02', // PS|SPF, page 0Ah subpage 01h, PAGE LENGTH 2
  ].join(' ');
  it('MODE SENSE (6): header, short LBA descriptor, control page, a sub_page kept raw', () => {
    expect(toHex(encodeModeParameterData6(six))).toBe(sixHex);
    expect(decodeModeParameterData6(hexBytes(sixHex), { strict: true })).toEqual(six);
    expect(requiredModeParameterDataLength(hexBytes('1d'), 6)).toBe(30);
  });
  it('MODE SENSE (10): LONGLBA header and a 16-byte long LBA descriptor', () => {
    const ten = {
      ...six,
      longLba: true,
      blockDescriptors: [{ numberOfLogicalBlocks: 1n << 40n, logicalBlockLength: 4096 }],
      modePages: [],
    };
    const hex = '00 16 00 90 01 00 00 10 00 00 01 00 00 00 00 00 00 00 00 00 00 00 10 00';
    expect(toHex(encodeModeParameterData10(ten))).toBe(hex);
    expect(decodeModeParameterData10(hexBytes(hex), { strict: true })).toEqual(ten);
    expect(requiredModeParameterDataLength(hexBytes('00 16'), 10)).toBe(24);
  });
  it('a known page code with a non-standard PAGE LENGTH is kept raw', () => {
    const b = hexBytes('07 00 00 00 08 02 aa bb');
    expect(decodeModeParameterData6(b).modePages).toEqual([
      { kind: 'unknown', ps: false, spf: false, pageCode: 8, subpageCode: 0, bytes: Uint8Array.of(0xaa, 0xbb) },
    ]);
  });
  it('cut by ALLOCATION LENGTH: complete items kept, truncated set, ERR_TRUNCATED issue (strict too)', () => {
    const full = hexBytes(sixHex);
    const cut = decodeModeParameterData6(full.subarray(0, 20), { strict: true });
    expect(cut.truncated).toBe(true);
    expect(cut.blockDescriptors).toHaveLength(1);
    expect(cut.modePages).toEqual([]);
    expect(cut.issues?.[0]?.code).toBe('ERR_TRUNCATED');
    expect(decodeModeParameterData6(full.subarray(0, 4)).blockDescriptors).toEqual([]);
  });
  it('a page running past MODE DATA LENGTH: ERR_LENGTH_MISMATCH (strict throws, lenient drops it)', () => {
    const b = hexBytes('05 00 00 00 08 12');
    expect(decodeModeParameterData6(b).modePages).toEqual([]);
    expectCodecError(() => decodeModeParameterData6(b, { strict: true }), { code: 'ERR_LENGTH_MISMATCH', offset: 5 });
  });
  it('encoder refuses what does not fit', () => {
    expectCodecError(
      () =>
        encodeModeParameterData6({
          ...six,
          blockDescriptors: [{ numberOfLogicalBlocks: 1n << 32n, logicalBlockLength: 512 }],
        }),
      { code: 'ERR_FIELD_RANGE', field: 'numberOfLogicalBlocks' },
    );
    expectCodecError(
      () =>
        encodeModeParameterData6({
          ...six,
          modePages: [
            { kind: 'unknown', ps: false, spf: false, pageCode: 0x20, subpageCode: 0, bytes: new Uint8Array(255) },
          ],
        }),
      { code: 'ERR_FIELD_RANGE', field: 'modeDataLength' },
    );
    expectCodecError(
      () =>
        encodeModeParameterData6({
          ...six,
          modePages: [
            { kind: 'unknown', ps: false, spf: false, pageCode: 0x20, subpageCode: 3, bytes: new Uint8Array(1) },
          ],
        }),
      { code: 'ERR_FIELD_RANGE', field: 'subpageCode' },
    );
  });
  it('the trace names the page fields at absolute offsets', () => {
    const trace: TraceEntry[] = [];
    decodeModeParameterData6(hexBytes(sixHex), { trace });
    expect(trace.find((t) => t.field === 'swp')).toMatchObject({
      structure: 'ControlModePage',
      offset: 16,
      bits: [3, 3],
      value: true,
    });
    expect(trace.find((t) => t.field === 'busyTimeoutPeriod')).toMatchObject({ offset: 20, length: 2, value: 0x102 });
  });
});
