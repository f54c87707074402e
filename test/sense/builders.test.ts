import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbSenseData } from '../../src/arbitraries/sense.js';
import { SENSE_KEY } from '../../src/constants/sense-key.js';
import { ScsiCodecError } from '../../src/errors.js';
import {
  buildCopyTargetDeviceDataUnderrunSense,
  buildInsufficientResourcesToCreateRodSense,
  buildInsufficientResourcesToCreateRodTokenSense,
  buildInvalidCommandOperationCodeSense,
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  buildInvalidTokenOperationSense,
  buildLbaOutOfRangeSense,
  buildOperationInProgressSense,
  buildParameterListLengthErrorSense,
  buildSenseData,
  INVALID_TOKEN_OPERATION,
  senseDataFromCodecError,
} from '../../src/sense/builders.js';
import { normalizeSenseData } from '../../src/sense/normalize.js';
import { decodeSenseData, encodeSenseData, type SenseData } from '../../src/sense/sense-data.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const norm = (s: SenseData) => normalizeSenseData(s);
const err = (structure: string, offset: number, code: ScsiCodecError['code'] = 'ERR_INVALID_VALUE', bit?: number) =>
  new ScsiCodecError(code, structure, 'x', offset, 'test', { bit });

describe('senseDataFromCodecError', () => {
  it('parameter list error at offset 14 → ILLEGAL REQUEST 26h/00h, SKSV=1, C/D=0, field pointer 14', () => {
    const s = senseDataFromCodecError(err('PopulateTokenParameterList', 14));
    expect(hex(encodeSenseData(s))).toBe('700005000000000a00000000260000' + '80000e');
    expect(norm(s)).toMatchObject({ senseKey: 5, asc: 0x26, ascq: 0 });
    expect(norm(s).senseKeySpecific).toEqual({
      kind: 'fieldPointer',
      sksv: true,
      commandData: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 14,
    });
  });
  it('a bit error sets BPV and BIT POINTER', () => {
    const s = senseDataFromCodecError(err('WriteUsingTokenParameterList', 2, 'ERR_RESERVED_NONZERO', 1));
    expect(hex(encodeSenseData(s)).slice(30)).toBe('890002'); // SKSV | BPV | bit 1, field 2
  });
  it('a CDB error (structure name ending in Cdb) → 24h/00h with C/D=1', () => {
    const s = senseDataFromCodecError(err('PopulateTokenCdb', 1, 'ERR_UNEXPECTED_VALUE', 4));
    expect(norm(s)).toMatchObject({ senseKey: 5, asc: 0x24, ascq: 0 });
    expect(hex(encodeSenseData(s)).slice(30)).toBe('cc0001'); // SKSV | C/D | BPV | bit 4
  });
  it('`where` overrides the structure name', () => {
    expect(norm(senseDataFromCodecError(err('PopulateTokenCdb', 1), 'parameterList')).asc).toBe(0x26);
    expect(norm(senseDataFromCodecError(err('Whatever', 1), 'cdb')).asc).toBe(0x24);
  });
  it('truncated parameter list → 1Ah/00h PARAMETER LIST LENGTH ERROR without SKS', () => {
    const s = senseDataFromCodecError(err('PopulateTokenParameterList', 16, 'ERR_TRUNCATED'));
    expect(norm(s)).toMatchObject({ senseKey: 5, asc: 0x1a, ascq: 0, senseKeySpecific: undefined });
  });
  it('truncated CDB stays 24h/00h', () => {
    expect(norm(senseDataFromCodecError(err('PopulateTokenCdb', 10, 'ERR_TRUNCATED'))).asc).toBe(0x24);
  });
  it('field pointer above FFFFh is not masked: SKSV=0 (fixed), no SKS descriptor (descriptor)', () => {
    const f = senseDataFromCodecError(err('WriteUsingTokenParameterList', 0x10010));
    expect(hex(encodeSenseData(f)).slice(30)).toBe('000000');
    const d = senseDataFromCodecError(err('WriteUsingTokenParameterList', 0x10010), undefined, {
      format: 'descriptor',
    });
    expect(d.kind === 'descriptor' && d.descriptors).toEqual([]);
  });
  it('descriptor format and deferred options', () => {
    const s = senseDataFromCodecError(err('PopulateTokenParameterList', 14), undefined, {
      format: 'descriptor',
      deferred: true,
    });
    expect(hex(encodeSenseData(s))).toBe('730526000000000802060000' + '80000e00');
  });
  it('rejects a non-codec error with our error', () => {
    expect(() => senseDataFromCodecError(new Error('x') as ScsiCodecError)).toThrow(ScsiCodecError);
  });
  test.prop([fc.string(), fc.nat({ max: 0xffff }), fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined })])(
    'every converted error encodes and decodes back to the same field pointer',
    (structure, offset, bit) => {
      const s = senseDataFromCodecError(err(structure, offset, 'ERR_INVALID_VALUE', bit));
      const n = normalizeSenseData(decodeSenseData(encodeSenseData(s), { strict: true }));
      expect(n.senseKeySpecific).toMatchObject({ fieldPointer: offset, bitPointerValid: bit !== undefined });
    },
  );
});

describe('builders', () => {
  it('invalid token operation by name and by ASCQ, 23h/00h-0Ah', () => {
    for (const [name, ascq] of Object.entries(INVALID_TOKEN_OPERATION)) {
      const a = buildInvalidTokenOperationSense(name as keyof typeof INVALID_TOKEN_OPERATION);
      expect(a).toEqual(buildInvalidTokenOperationSense(ascq));
      expect(norm(a)).toMatchObject({ senseKey: 5, asc: 0x23, ascq });
    }
    expect(hex(encodeSenseData(buildInvalidTokenOperationSense('TOKEN_UNKNOWN')))).toBe(
      '700005000000000a00000000230400000000',
    );
    expect(() => buildInvalidTokenOperationSense(0x0b)).toThrow(expect.objectContaining({ code: 'ERR_FIELD_RANGE' }));
    expect(norm(buildInvalidTokenOperationSense('TOKEN_CORRUPT', { fieldPointer: 16 })).senseKeySpecific).toMatchObject(
      {
        commandData: false,
        fieldPointer: 16,
      },
    );
  });
  it('copy target device data underrun: COPY ABORTED with count, ILLEGAL REQUEST when 0', () => {
    const s = buildCopyTargetDeviceDataUnderrunSense(4096);
    expect(hex(encodeSenseData(s))).toBe('f0000a000010000a000000000d0400000000');
    expect(norm(buildCopyTargetDeviceDataUnderrunSense(0))).toMatchObject({ senseKey: 5, information: 0n });
  });
  it('INFORMATION above 32 bits: descriptor format by default, VALID=0 when fixed is forced', () => {
    const big = 0x1_0000_0001n;
    const d = buildCopyTargetDeviceDataUnderrunSense(big);
    expect(d.kind).toBe('descriptor');
    expect(norm(d)).toMatchObject({ senseKey: SENSE_KEY.COPY_ABORTED, asc: 0x0d, ascq: 4, information: big });
    const f = buildCopyTargetDeviceDataUnderrunSense(big, { format: 'fixed' });
    expect(f).toMatchObject({ kind: 'fixed', valid: false, information: 0 });
    expect(norm(f).information).toBeUndefined();
  });
  it('insufficient resources to create ROD / ROD token', () => {
    expect(norm(buildInsufficientResourcesToCreateRodSense())).toMatchObject({ senseKey: 5, asc: 0x55, ascq: 0x0c });
    expect(norm(buildInsufficientResourcesToCreateRodTokenSense({ senseKey: 0xb }))).toMatchObject({
      senseKey: 0xb,
      asc: 0x55,
      ascq: 0x0d,
    });
  });
  it('26h/xx with field pointer, 24h/00h, 21h/00h, 20h/00h, 00h/16h, 1Ah/00h', () => {
    expect(hex(encodeSenseData(buildInvalidFieldInParameterListSense({ ascq: 8, fieldPointer: 2 })))).toBe(
      '700005000000000a00000000260800800002',
    );
    expect(hex(encodeSenseData(buildInvalidFieldInCdbSense({ fieldPointer: 14, bitPointer: 5 })))).toBe(
      '700005000000000a00000000240000cd000e',
    );
    expect(norm(buildLbaOutOfRangeSense({ lba: 1234n }))).toMatchObject({ asc: 0x21, information: 1234n });
    expect(norm(buildInvalidCommandOperationCodeSense({ fieldPointer: 0 }))).toMatchObject({ asc: 0x20, ascq: 0 });
    expect(norm(buildOperationInProgressSense())).toMatchObject({ senseKey: 5, asc: 0, ascq: 0x16 });
    expect(norm(buildParameterListLengthErrorSense({ deferred: true }))).toMatchObject({ deferred: true, asc: 0x1a });
  });
  it('generic builder: descriptor order and fixed-format checks', () => {
    const s = buildSenseData({
      senseKey: 4,
      asc: 0x44,
      information: 1,
      commandSpecificInformation: 2,
      senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 3 },
      fieldReplaceableUnitCode: 9,
      ili: true,
      format: 'descriptor',
    });
    expect(s.kind === 'descriptor' && s.descriptors.map((d) => d.kind)).toEqual([
      'information',
      'commandSpecificInformation',
      'senseKeySpecific',
      'fieldReplaceableUnit',
      'blockCommands',
    ]);
    expect(decodeSenseData(encodeSenseData(s), { strict: true })).toEqual(s);
    expect(() =>
      buildSenseData({ senseKey: 0, asc: 0, commandSpecificInformation: 2n ** 40n, format: 'fixed' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_FIELD_RANGE', field: 'commandSpecificInformation' }));
    expect(() => buildSenseData({ senseKey: 0, asc: 0, information: -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_FIELD_RANGE' }),
    );
  });
});

describe('normalizeSenseData', () => {
  test.prop([arbSenseData()])('fixed and descriptor agree on the basic fields', (s) => {
    const n = normalizeSenseData(s);
    expect(n.senseKey).toBe(s.senseKey);
    expect(n.asc).toBe(s.additionalSenseCode);
    expect(n.deferred).toBe(s.responseCode === 0x71 || s.responseCode === 0x73);
    expect(n.current).toBe(!n.deferred);
  });
  it('the same content normalises identically in both formats (except the format fields)', () => {
    const spec = {
      senseKey: 3,
      asc: 0x11,
      ascq: 0,
      information: 0x1234,
      commandSpecificInformation: 7,
      fieldReplaceableUnitCode: 0x77,
      senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 0x198 } as const,
    };
    const a = norm(buildSenseData({ ...spec, format: 'fixed' }));
    const b = norm(buildSenseData({ ...spec, format: 'descriptor' }));
    expect({ ...a, format: '', responseCode: 0 }).toEqual({ ...b, format: '', responseCode: 0 });
    expect(a.information).toBe(0x1234n);
  });
  it('falls back to the direct-access block device descriptor', () => {
    const n = norm({
      kind: 'descriptor',
      responseCode: 0x72,
      senseKey: 3,
      additionalSenseCode: 0x11,
      additionalSenseCodeQualifier: 0,
      sdatOvfl: false,
      descriptors: [
        {
          kind: 'directAccessBlockDevice',
          valid: true,
          ili: true,
          senseKeySpecific: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 1 },
          fieldReplaceableUnitCode: 5,
          information: 99n,
          commandSpecificInformation: 98n,
        },
      ],
    });
    expect(n).toMatchObject({
      information: 99n,
      commandSpecificInformation: 98n,
      fieldReplaceableUnitCode: 5,
      ili: true,
    });
    expect(n.senseKeySpecific).toMatchObject({ actualRetryCount: 1 });
  });
});
