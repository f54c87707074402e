/**
 * normalizeSenseData field by field (issue 17, third mutation session): which descriptor wins
 * when several carry the same field (the first valid one; the direct-access block device
 * descriptor only as a fallback), flags OR-ed over descriptors, fields dropped when not valid,
 * and the errors for malformed values. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  type DescriptorSenseData,
  type FixedSenseData,
  normalizeSenseData,
  type SenseDataDescriptor,
  type SenseKeySpecific,
} from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

const sks = (actualRetryCount: number, sksv = true): SenseKeySpecific => ({
  kind: 'actualRetryCount',
  sksv,
  actualRetryCount,
});

const fixed: FixedSenseData = {
  kind: 'fixed',
  responseCode: 0x70,
  valid: false,
  segmentNumber: 0,
  filemark: false,
  eom: false,
  ili: false,
  sdatOvfl: false,
  senseKey: 3,
  information: 0x1234_5678,
  commandSpecificInformation: 0x9abc_def0,
  additionalSenseCode: 0x11,
  additionalSenseCodeQualifier: 0x05,
  fieldReplaceableUnitCode: 0,
  senseKeySpecific: sks(7, false),
  additionalSenseBytes: new Uint8Array(0),
};

const descriptorSense = (descriptors: SenseDataDescriptor[], more: Partial<DescriptorSenseData> = {}) =>
  normalizeSenseData({
    kind: 'descriptor',
    responseCode: 0x72,
    senseKey: 4,
    additionalSenseCode: 0x44,
    additionalSenseCodeQualifier: 0x01,
    sdatOvfl: false,
    descriptors,
    ...more,
  });

const dabd = (over: Partial<Extract<SenseDataDescriptor, { kind: 'directAccessBlockDevice' }>> = {}) =>
  ({
    kind: 'directAccessBlockDevice',
    valid: true,
    ili: false,
    senseKeySpecific: sks(0x0d),
    fieldReplaceableUnitCode: 0x0d,
    information: 0xd0n,
    commandSpecificInformation: 0xd1n,
    ...over,
  }) as const;

describe('fixed format', () => {
  it('every field; INFORMATION only when VALID, SKS only when SKSV, FRU 0 is none', () => {
    expect(normalizeSenseData(fixed)).toEqual({
      format: 'fixed',
      responseCode: 0x70,
      current: true,
      deferred: false,
      senseKey: 3,
      asc: 0x11,
      ascq: 0x05,
      information: undefined,
      commandSpecificInformation: 0x9abc_def0n,
      senseKeySpecific: undefined,
      fieldReplaceableUnitCode: undefined,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: false,
    });
    const n = normalizeSenseData({
      ...fixed,
      responseCode: 0x71,
      valid: true,
      fieldReplaceableUnitCode: 9,
      senseKeySpecific: sks(7),
    });
    expect([n.format, n.current, n.deferred, n.information, n.fieldReplaceableUnitCode, n.senseKeySpecific]).toEqual([
      'fixed',
      false,
      true,
      0x1234_5678n,
      9,
      sks(7),
    ]);
  });
  it('each flag on its own', () => {
    for (const flag of ['filemark', 'eom', 'ili', 'sdatOvfl'] as const) {
      const n = normalizeSenseData({ ...fixed, [flag]: true });
      expect([n.filemark, n.eom, n.ili, n.sdatOvfl], flag).toEqual(
        ['filemark', 'eom', 'ili', 'sdatOvfl'].map((f) => f === flag),
      );
    }
  });
});

describe('descriptor format', () => {
  it('no descriptors: nothing but the header fields', () => {
    expect(descriptorSense([], { responseCode: 0x73, sdatOvfl: true })).toEqual({
      format: 'descriptor',
      responseCode: 0x73,
      current: false,
      deferred: true,
      senseKey: 4,
      asc: 0x44,
      ascq: 0x01,
      information: undefined,
      commandSpecificInformation: undefined,
      senseKeySpecific: undefined,
      fieldReplaceableUnitCode: undefined,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: true,
    });
    expect(descriptorSense([])).toMatchObject({ responseCode: 0x72, current: true, deferred: false, sdatOvfl: false });
  });
  it('INFORMATION: the first valid information descriptor, before the 0Dh descriptor wherever that is', () => {
    const info = (information: bigint, valid = true) => ({ kind: 'information', valid, information }) as const;
    expect(descriptorSense([info(1n, false), info(2n), info(3n)]).information).toBe(2n);
    expect(descriptorSense([dabd(), info(5n)]).information).toBe(5n);
    expect(descriptorSense([info(5n, false), dabd()]).information).toBe(0xd0n);
    expect(descriptorSense([dabd({ valid: false }), dabd({ information: 0xe0n })]).information).toBe(0xe0n);
    expect(descriptorSense([dabd({ valid: false })]).information).toBeUndefined();
    expect(descriptorSense([dabd(), dabd({ information: 0xe0n })]).information).toBe(0xd0n);
  });
  it('COMMAND-SPECIFIC INFORMATION: the first 01h descriptor, else the first 0Dh', () => {
    const csi = (v: bigint) => ({ kind: 'commandSpecificInformation', commandSpecificInformation: v }) as const;
    expect(descriptorSense([csi(1n), csi(2n)]).commandSpecificInformation).toBe(1n);
    expect(descriptorSense([dabd(), csi(2n)]).commandSpecificInformation).toBe(2n);
    expect(descriptorSense([dabd(), dabd({ commandSpecificInformation: 0xe1n })]).commandSpecificInformation).toBe(
      0xd1n,
    );
  });
  it('SENSE KEY SPECIFIC: the first 02h descriptor with SKSV, else the first 0Dh with SKSV', () => {
    const d02 = (s: SenseKeySpecific) => ({ kind: 'senseKeySpecific', senseKeySpecific: s }) as const;
    expect(descriptorSense([d02(sks(1, false)), d02(sks(2)), d02(sks(3))]).senseKeySpecific).toEqual(sks(2));
    expect(descriptorSense([dabd(), d02(sks(2))]).senseKeySpecific).toEqual(sks(2));
    expect(descriptorSense([d02(sks(1, false)), dabd()]).senseKeySpecific).toEqual(sks(0x0d));
    expect(
      descriptorSense([dabd({ senseKeySpecific: sks(1, false) }), dabd({ senseKeySpecific: sks(0x0e) })])
        .senseKeySpecific,
    ).toEqual(sks(0x0e));
    expect(descriptorSense([dabd(), dabd({ senseKeySpecific: sks(0x0e) })]).senseKeySpecific).toEqual(sks(0x0d));
    expect(descriptorSense([dabd({ senseKeySpecific: sks(1, false) })]).senseKeySpecific).toBeUndefined();
  });
  it('FIELD REPLACEABLE UNIT CODE: the first non-zero 03h descriptor, else the first non-zero 0Dh', () => {
    const fru = (v: number) => ({ kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: v }) as const;
    expect(descriptorSense([fru(0), fru(2), fru(3)]).fieldReplaceableUnitCode).toBe(2);
    expect(descriptorSense([dabd(), fru(2)]).fieldReplaceableUnitCode).toBe(2);
    expect(descriptorSense([fru(0), dabd()]).fieldReplaceableUnitCode).toBe(0x0d);
    expect(
      descriptorSense([dabd({ fieldReplaceableUnitCode: 0 }), dabd({ fieldReplaceableUnitCode: 0x0e })])
        .fieldReplaceableUnitCode,
    ).toBe(0x0e);
    expect(descriptorSense([dabd(), dabd({ fieldReplaceableUnitCode: 0x0e })]).fieldReplaceableUnitCode).toBe(0x0d);
    expect(descriptorSense([dabd({ fieldReplaceableUnitCode: 0 })]).fieldReplaceableUnitCode).toBeUndefined();
  });
  it('FILEMARK, EOM, ILI: set by any descriptor that carries them, never cleared by a later one', () => {
    const stream = (filemark: boolean, eom: boolean, ili: boolean) =>
      ({ kind: 'streamCommands', filemark, eom, ili }) as const;
    const flags = (ds: SenseDataDescriptor[]) => {
      const n = descriptorSense(ds);
      return [n.filemark, n.eom, n.ili];
    };
    expect(flags([stream(true, false, false), stream(false, false, false)])).toEqual([true, false, false]);
    expect(flags([stream(false, true, false), stream(false, false, false)])).toEqual([false, true, false]);
    expect(flags([stream(false, false, true), stream(false, false, false)])).toEqual([false, false, true]);
    expect(flags([stream(false, false, false)])).toEqual([false, false, false]);
    expect(
      flags([
        { kind: 'blockCommands', ili: true },
        { kind: 'blockCommands', ili: false },
      ]),
    ).toEqual([false, false, true]);
    expect(flags([{ kind: 'blockCommands', ili: false }])).toEqual([false, false, false]);
    expect(flags([dabd({ ili: true }), dabd({ ili: false })])).toEqual([false, false, true]);
    expect(flags([dabd({ ili: false })])).toEqual([false, false, false]);
  });
  it('other descriptors are ignored', () => {
    const n = descriptorSense([
      { kind: 'unknown', descriptorType: 0x80, bytes: new Uint8Array(2) },
      { kind: 'microcodeActivation', microcodeActivationTime: 5 },
    ]);
    expect(n).toEqual(descriptorSense([]));
  });
});

describe('malformed values', () => {
  it('not sense data, descriptors not a list, a throwing getter', () => {
    expect(err(() => normalizeSenseData(null as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'normalizeSenseData',
      field: undefined,
      offset: 0,
      detail: 'not a well-formed normalizeSenseData',
    });
    expect(err(() => descriptorSense(5 as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'DescriptorSenseData',
      field: 'descriptors',
      offset: 8,
      detail: 'not an array',
    });
    const throwing = Object.defineProperty({ ...fixed }, 'senseKey', {
      enumerable: true,
      get() {
        throw new Error('senseKey getter');
      },
    });
    const e = err(() => normalizeSenseData(throwing));
    expect([e.code, e.structure, e.field, (e.cause as Error).message]).toEqual([
      'ERR_FIELD_RANGE',
      'normalizeSenseData',
      'senseKey',
      'senseKey getter',
    ]);
  });
});
