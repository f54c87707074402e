// REPORT SUPPORTED OPERATION CODES and REPORT TARGET PORT GROUPS parameter data codecs.
import { describe, expect, it } from 'vitest';
import {
  arbAllCommandsParameterData,
  arbOneCommandParameterData,
  arbReportTargetPortGroupsParameterData,
} from '../../src/arbitraries/data-in.js';
import {
  type AllCommandsParameterData,
  decodeAllCommandsParameterData,
  decodeOneCommandParameterData,
  decodeReportTargetPortGroupsParameterData,
  encodeAllCommandsParameterData,
  encodeOneCommandParameterData,
  encodeReportTargetPortGroupsParameterData,
  type ReportTargetPortGroupsParameterData,
} from '../../src/data-in/index.js';
import { expectCodecError, hexBytes, toHex } from '../cdb/helpers.js';
import { describeLaws } from '../laws.js';

describeLaws({
  name: 'AllCommandsParameterData',
  arb: arbAllCommandsParameterData(),
  encode: encodeAllCommandsParameterData,
  decode: decodeAllCommandsParameterData,
  fuzzMaxLength: 200,
});
describeLaws({
  name: 'OneCommandParameterData',
  arb: arbOneCommandParameterData(),
  encode: encodeOneCommandParameterData,
  decode: decodeOneCommandParameterData,
  fuzzMaxLength: 80,
});
describeLaws({
  name: 'ReportTargetPortGroupsParameterData',
  arb: arbReportTargetPortGroupsParameterData(),
  encode: encodeReportTargetPortGroupsParameterData,
  decode: decodeReportTargetPortGroupsParameterData,
  fuzzMaxLength: 200,
});

const T = { commandSpecific: 0, nominalCommandProcessingTimeout: 0, recommendedCommandTimeout: 30 };
const ALL: AllCommandsParameterData = {
  commandDescriptors: [
    { operationCode: 0x28, serviceAction: 0, servactv: false, rwcdlp: false, mlu: 0, cdlp: 0, cdbLength: 10 },
    {
      operationCode: 0x83,
      serviceAction: 0x10,
      servactv: true,
      rwcdlp: false,
      mlu: 0,
      cdlp: 0,
      cdbLength: 16,
      commandTimeouts: T,
    },
  ],
};

describe('REPORT SUPPORTED OPERATION CODES parameter data', () => {
  const allHex = [
    '00 00 00 1c', // COMMAND DATA LENGTH 8 + 20
    '28 00 00 00 00 00 00 0a',
    '83 00 00 10 00 03 00 10', // CTDP | SERVACTV
    '00 0a 00 00 00 00 00 00 00 00 00 1e', // timeouts: length 0Ah, recommended 30 s
  ].join(' ');
  it('all_commands: 8-byte descriptors, 20 with CTDP', () => {
    expect(toHex(encodeAllCommandsParameterData(ALL))).toBe(allHex);
    expect(decodeAllCommandsParameterData(hexBytes(allHex), { strict: true })).toEqual(ALL);
  });
  it('all_commands cut short: the complete descriptors, truncated', () => {
    const d = decodeAllCommandsParameterData(hexBytes(allHex).subarray(0, 20));
    expect(d.commandDescriptors).toHaveLength(1);
    expect(d.truncated).toBe(true);
  });
  it('one_command: SUPPORT 011b, CDB SIZE, usage data, timeouts', () => {
    const one = {
      rwcdlp: false,
      mlu: 0,
      cdlp: 0,
      support: 3,
      cdbUsageData: hexBytes('28 f8 ff ff ff ff 00 ff ff 04'),
      commandTimeouts: T,
    };
    const hex = '00 83 00 0a 28 f8 ff ff ff ff 00 ff ff 04 00 0a 00 00 00 00 00 00 00 00 00 1e';
    expect(toHex(encodeOneCommandParameterData(one))).toBe(hex);
    expect(decodeOneCommandParameterData(hexBytes(hex), { strict: true })).toEqual(one);
    const cut = decodeOneCommandParameterData(hexBytes(hex).subarray(0, 6));
    expect(cut).toMatchObject({ support: 3, cdbUsageData: hexBytes('28 f8'), truncated: true });
  });
  it('one_command: wrong timeouts DESCRIPTOR LENGTH is an issue (strict: thrown)', () => {
    const b = hexBytes('00 80 00 00 00 0b 00 00 00 00 00 00 00 00 00 00');
    expect(decodeOneCommandParameterData(b).issues?.[0]?.code).toBe('ERR_INVALID_VALUE');
    expectCodecError(() => decodeOneCommandParameterData(b, { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      offset: 4,
    });
  });
});

const GROUPS: ReportTargetPortGroupsParameterData = {
  parameterDataFormat: 1,
  implicitTransitionTime: 0,
  targetPortGroupDescriptors: [
    {
      pref: true,
      asymmetricAccessState: 0,
      tSup: false,
      oSup: false,
      lbdSup: false,
      uSup: false,
      sSup: false,
      anSup: true,
      aoSup: true,
      targetPortGroup: 1,
      statusCode: 0,
      vendorSpecific: 0,
      relativeTargetPortIdentifiers: [1],
    },
    {
      pref: false,
      asymmetricAccessState: 1,
      tSup: false,
      oSup: false,
      lbdSup: false,
      uSup: false,
      sSup: false,
      anSup: true,
      aoSup: true,
      targetPortGroup: 2,
      statusCode: 0,
      vendorSpecific: 0,
      relativeTargetPortIdentifiers: [2, 3],
    },
  ],
};

describe('REPORT TARGET PORT GROUPS parameter data', () => {
  const descs = '80 03 00 01 00 00 00 01 00 00 00 01 01 03 00 02 00 00 00 02 00 00 00 02 00 00 00 03';
  it('extended header: FORMAT TYPE 001b, IMPLICIT TRANSITION TIME', () => {
    const hex = `00 00 00 20 10 00 00 00 ${descs}`;
    expect(toHex(encodeReportTargetPortGroupsParameterData(GROUPS))).toBe(hex);
    expect(decodeReportTargetPortGroupsParameterData(hexBytes(hex), { strict: true })).toEqual(GROUPS);
  });
  it('length only: descriptors straight after RETURN DATA LENGTH', () => {
    const v = { parameterDataFormat: 0 as const, targetPortGroupDescriptors: GROUPS.targetPortGroupDescriptors };
    const hex = `00 00 00 1c ${descs}`;
    expect(toHex(encodeReportTargetPortGroupsParameterData(v))).toBe(hex);
    expect(decodeReportTargetPortGroupsParameterData(hexBytes(hex), { strict: true })).toEqual(v);
  });
  it('cut short: complete groups only, truncated', () => {
    const d = decodeReportTargetPortGroupsParameterData(hexBytes(`00 00 00 1c ${descs}`).subarray(0, 20));
    expect(d.targetPortGroupDescriptors).toHaveLength(1);
    expect(d.truncated).toBe(true);
  });
});
