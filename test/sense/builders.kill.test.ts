/**
 * Sense builders at their edges (issue 17, third mutation session): the format chosen at
 * FFFF FFFFh and one above, the empty SKS each sense key gets, deferred response codes, what
 * fixed format refuses (with field, offset and text), the INFORMATION range, and the errors of
 * the reason and count arguments. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  buildCopyTargetDeviceDataUnderrunSense,
  buildInvalidTokenOperationSense,
  buildSenseData,
  type DescriptorSenseData,
  type FixedSenseData,
  senseDataFromCodecError,
} from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

describe('buildSenseData: the format', () => {
  it('INFORMATION or COMMAND-SPECIFIC INFORMATION FFFF FFFFh stays fixed; one more selects descriptor format', () => {
    const fixed = buildSenseData({ senseKey: 3, asc: 0x11, information: 0xffff_ffff }) as FixedSenseData;
    expect([fixed.kind, fixed.valid, fixed.information]).toEqual(['fixed', true, 0xffff_ffff]);
    expect(buildSenseData({ senseKey: 3, asc: 0x11, information: 0x1_0000_0000n }).kind).toBe('descriptor');
    const csi = buildSenseData({ senseKey: 3, asc: 0x11, commandSpecificInformation: 0xffff_ffff }) as FixedSenseData;
    expect([csi.kind, csi.commandSpecificInformation]).toEqual(['fixed', 0xffff_ffff]);
    expect(buildSenseData({ senseKey: 3, asc: 0x11, commandSpecificInformation: 0x1_0000_0000n }).kind).toBe(
      'descriptor',
    );
    expect(buildSenseData({ senseKey: 3, asc: 0x11, descriptors: [{ kind: 'blockCommands', ili: false }] }).kind).toBe(
      'descriptor',
    );
    expect(buildSenseData({ senseKey: 3, asc: 0x11, descriptors: [] }).kind).toBe('fixed');
  });
  it('fixed format forced: INFORMATION above 32 bits gives VALID=0; CSI above 32 bits and descriptors are refused', () => {
    const f = buildSenseData({
      senseKey: 3,
      asc: 0x11,
      information: 0x1_0000_0000n,
      format: 'fixed',
    }) as FixedSenseData;
    expect([f.valid, f.information]).toEqual([false, 0]);
    expect(
      err(() => buildSenseData({ senseKey: 0, asc: 0, commandSpecificInformation: 0x1_0000_0000n, format: 'fixed' })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'FixedSenseData',
      field: 'commandSpecificInformation',
      offset: 8,
      detail: '4294967296 does not fit the 4-byte fixed-format field; use descriptor format',
    });
    expect(
      err(() =>
        buildSenseData({ senseKey: 0, asc: 0, format: 'fixed', descriptors: [{ kind: 'blockCommands', ili: true }] }),
      ),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'FixedSenseData',
      field: 'descriptors',
      offset: 18,
      detail: 'fixed format has no descriptors',
    });
  });
  it('defaults: current error, ASCQ 0, no ILI, FRU 0, SKSV 0; deferred gives 71h / 73h', () => {
    expect(buildSenseData({ senseKey: 2, asc: 4 })).toEqual({
      kind: 'fixed',
      responseCode: 0x70,
      valid: false,
      segmentNumber: 0,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: false,
      senseKey: 2,
      information: 0,
      commandSpecificInformation: 0,
      additionalSenseCode: 4,
      additionalSenseCodeQualifier: 0,
      fieldReplaceableUnitCode: 0,
      senseKeySpecific: { kind: 'progressIndication', sksv: false, progressIndication: 0 },
      additionalSenseBytes: new Uint8Array(0),
    });
    expect(buildSenseData({ senseKey: 2, asc: 4, deferred: true }).responseCode).toBe(0x71);
    expect(buildSenseData({ senseKey: 2, asc: 4, deferred: false, format: 'descriptor' }).responseCode).toBe(0x72);
    expect(buildSenseData({ senseKey: 2, asc: 4, deferred: true, format: 'descriptor' })).toEqual({
      kind: 'descriptor',
      responseCode: 0x73,
      senseKey: 2,
      additionalSenseCode: 4,
      additionalSenseCodeQualifier: 0,
      sdatOvfl: false,
      descriptors: [],
    });
    expect((buildSenseData({ senseKey: 2, asc: 4, ili: true }) as FixedSenseData).ili).toBe(true);
  });
  it('the empty SKS of each sense key (fixed format)', () => {
    const sks = (senseKey: number) => (buildSenseData({ senseKey, asc: 0 }) as FixedSenseData).senseKeySpecific;
    expect(sks(5)).toEqual({
      kind: 'fieldPointer',
      sksv: false,
      commandData: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 0,
    });
    expect(sks(1)).toEqual({ kind: 'actualRetryCount', sksv: false, actualRetryCount: 0 });
    expect(sks(0)).toEqual({ kind: 'progressIndication', sksv: false, progressIndication: 0 });
    expect(sks(0x0a)).toEqual({
      kind: 'segmentPointer',
      sksv: false,
      segmentDescriptor: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 0,
    });
    expect(sks(6)).toEqual({ kind: 'unitAttentionQueueOverflow', sksv: false, overflow: false });
    expect(sks(0x0e)).toEqual({ kind: 'raw', sksv: false, value: 0 });
  });
  it('descriptor format: FRU 0 and ILI false add no descriptor', () => {
    const s = buildSenseData({ senseKey: 4, asc: 0x44, fieldReplaceableUnitCode: 0, ili: false, format: 'descriptor' });
    expect((s as DescriptorSenseData).descriptors).toEqual([]);
  });
  it('INFORMATION must be an integer in 0..2^64-1', () => {
    for (const information of [-1, 1.5, 2 ** 53, -1n, 1n << 64n]) {
      expect(
        err(() => buildSenseData({ senseKey: 0, asc: 0, information })),
        String(information),
      ).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure: 'SenseData',
        field: 'information',
        offset: 0,
      });
    }
    expect(err(() => buildSenseData({ senseKey: 0, asc: 0, information: -1 })).detail).toBe(
      '-1 is not an integer in 0..2^64-1',
    );
    const top = buildSenseData({ senseKey: 0, asc: 0, information: (1n << 64n) - 1n }) as DescriptorSenseData;
    expect(top.descriptors).toEqual([{ kind: 'information', valid: true, information: (1n << 64n) - 1n }]);
    expect(err(() => buildSenseData({ senseKey: 0, asc: 0, commandSpecificInformation: -1n })).field).toBe(
      'commandSpecificInformation',
    );
  });
});

describe('the other builders’ arguments', () => {
  it('INVALID TOKEN OPERATION: ASCQ 00h-0Ah or a reason name; anything else is named', () => {
    expect(buildInvalidTokenOperationSense(0)).toMatchObject({
      additionalSenseCode: 0x23,
      additionalSenseCodeQualifier: 0,
    });
    expect(buildInvalidTokenOperationSense(0x0a)).toMatchObject({ additionalSenseCodeQualifier: 0x0a });
    for (const reason of [-1, 0x0b, 1.5, 'toString', 'NOPE']) {
      expect(
        err(() => buildInvalidTokenOperationSense(reason as never)),
        String(reason),
      ).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure: 'SenseData',
        field: 'additionalSenseCodeQualifier',
        offset: 0,
      });
    }
    expect(err(() => buildInvalidTokenOperationSense('NOPE' as never)).detail).toBe(
      '"NOPE" is not an INVALID TOKEN OPERATION reason (00h-0Ah)',
    );
  });
  it('COPY TARGET DEVICE DATA UNDERRUN: 0 is ILLEGAL REQUEST, 1 COPY ABORTED; the count is INFORMATION', () => {
    expect(buildCopyTargetDeviceDataUnderrunSense(0)).toMatchObject({ senseKey: 5, valid: true, information: 0 });
    expect(buildCopyTargetDeviceDataUnderrunSense(1n)).toMatchObject({ senseKey: 0x0a, valid: true, information: 1 });
    expect(err(() => buildCopyTargetDeviceDataUnderrunSense(-1))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'information',
      detail: '-1 is not an integer in 0..2^64-1',
    });
  });
  it('senseDataFromCodecError refuses anything but a ScsiCodecError', () => {
    expect(err(() => senseDataFromCodecError(new Error('x') as never))).toMatchObject({
      code: 'ERR_UNEXPECTED_VALUE',
      structure: 'SenseData',
      field: 'err',
      offset: 0,
      detail: 'not a ScsiCodecError',
    });
  });
});
