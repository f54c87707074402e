/**
 * Sense builders called without options, and their C/D bits (issue 17, fourth mutation session,
 * survivors of the `builders.ts` run): every builder whose options are optional works with none,
 * and the field pointer SKS says CDB (C/D = 1) or parameter list (C/D = 0) as each builder
 * documents, LOGICAL BLOCK ADDRESS OUT OF RANGE defaulting to the CDB. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  buildInsufficientResourcesToCreateRodSense,
  buildInsufficientResourcesToCreateRodTokenSense,
  buildInvalidCommandOperationCodeSense,
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  buildLbaOutOfRangeSense,
  buildOperationInProgressSense,
  buildParameterListLengthErrorSense,
  type FixedSenseData,
} from '../../src/sense/index.js';

const parts = (s: unknown) => {
  const f = s as FixedSenseData;
  return [f.kind, f.senseKey, f.additionalSenseCode, f.additionalSenseCodeQualifier, f.valid, f.senseKeySpecific];
};
const noPointer = {
  kind: 'fieldPointer',
  sksv: false,
  commandData: false,
  bitPointerValid: false,
  bitPointer: 0,
  fieldPointer: 0,
};

describe('no options at all', () => {
  it.each([
    ['insufficient resources to create ROD', () => buildInsufficientResourcesToCreateRodSense(), 0x55, 0x0c],
    ['… ROD token', () => buildInsufficientResourcesToCreateRodTokenSense(), 0x55, 0x0d],
    ['invalid field in parameter list', () => buildInvalidFieldInParameterListSense(), 0x26, 0],
    ['invalid field in CDB', () => buildInvalidFieldInCdbSense(), 0x24, 0],
    ['LBA out of range', () => buildLbaOutOfRangeSense(), 0x21, 0],
    ['invalid command operation code', () => buildInvalidCommandOperationCodeSense(), 0x20, 0],
    ['operation in progress', () => buildOperationInProgressSense(), 0x00, 0x16],
    ['parameter list length error', () => buildParameterListLengthErrorSense(), 0x1a, 0],
  ] as const)('%s: fixed ILLEGAL REQUEST, no INFORMATION, SKSV = 0', (_name, build, asc, ascq) => {
    expect(parts(build())).toEqual(['fixed', 5, asc, ascq, false, noPointer]);
  });
});

describe('the field pointer’s C/D bit', () => {
  const cd = (s: unknown) => {
    const k = (s as FixedSenseData).senseKeySpecific;
    return k.kind === 'fieldPointer' ? [k.sksv, k.commandData, k.fieldPointer] : k;
  };
  it('CDB builders: C/D = 1', () => {
    expect(cd(buildInvalidFieldInCdbSense({ fieldPointer: 2 }))).toEqual([true, true, 2]);
    expect(cd(buildInvalidCommandOperationCodeSense({ fieldPointer: 1, bitPointer: 4 }))).toEqual([true, true, 1]);
  });
  it('parameter list builder: C/D = 0', () => {
    expect(cd(buildInvalidFieldInParameterListSense({ fieldPointer: 16 }))).toEqual([true, false, 16]);
  });
  it('LBA out of range: C/D = 1 unless commandData is false; INFORMATION = lba', () => {
    expect(cd(buildLbaOutOfRangeSense({ fieldPointer: 2 }))).toEqual([true, true, 2]);
    expect(cd(buildLbaOutOfRangeSense({ fieldPointer: 2, commandData: true }))).toEqual([true, true, 2]);
    expect(cd(buildLbaOutOfRangeSense({ fieldPointer: 24, commandData: false }))).toEqual([true, false, 24]);
    const s = buildLbaOutOfRangeSense({ lba: 0x1234 }) as FixedSenseData;
    expect([s.valid, s.information]).toEqual([true, 0x1234]);
  });
});
