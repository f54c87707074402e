/** The conformance core: requests per kind, response matching, profile and manifest parsing. */
import { describe, expect, it } from 'vitest';
import { decodeCdb } from '../../src/cdb/index.js';
import { parseCorpusManifest, replayCaseOf } from '../../src/conformance/manifest.js';
import { DEFAULT_DEVICE_SERVER_PROFILE, profileFromJson, profileToJson } from '../../src/conformance/profile.js';
import {
  type ConformingResponse,
  checkTarget,
  describeConforming,
  replayRequest,
  responseConforms,
} from '../../src/conformance/replay.js';
import { ScsiCodecError } from '../../src/errors.js';
import { decodeWriteUsingTokenParameterList } from '../../src/parameter-list/index.js';
import { blockDeviceZeroRodToken } from '../../src/rod-token/index.js';
import { buildSenseData, encodeSenseData } from '../../src/sense/index.js';

const sks = (byte: number, bit?: number) => ({
  kind: 'fieldPointer' as const,
  sksv: true,
  commandData: false,
  bitPointerValid: bit !== undefined,
  bitPointer: bit ?? 0,
  fieldPointer: byte,
});

describe('replayRequest', () => {
  it('wraps each kind in the command a device server receives it with', () => {
    const list = new Uint8Array(32);
    const pt = replayRequest('populate-token-params', list);
    expect(decodeCdb(pt.cdb)).toMatchObject({ kind: 'POPULATE TOKEN', parameterListLength: 32 });
    expect(pt.dataOut).toBe(list);
    expect(decodeCdb(replayRequest('write-using-token-params', list).cdb)).toMatchObject({
      kind: 'WRITE USING TOKEN',
      parameterListLength: 32,
    });
    expect(decodeCdb(replayRequest('extended-copy-params', list).cdb)).toMatchObject({
      kind: 'EXTENDED COPY (LID1)',
      parameterListLength: 32,
    });
    const cdb = new Uint8Array(6);
    const data = new Uint8Array(3);
    expect(replayRequest('cdb', cdb, data)).toEqual({ cdb, dataOut: data });
    const token = blockDeviceZeroRodToken();
    const t = replayRequest('rod-token', token);
    const wut = decodeWriteUsingTokenParameterList(t.dataOut, { strict: true });
    expect(wut.rodToken).toEqual(token);
    expect(wut.blockDeviceRangeDescriptors).toEqual([{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 1 }]);
  });
});

describe('responseConforms', () => {
  const want: ConformingResponse = {
    status: 2,
    senseKey: 5,
    asc: 0x26,
    ascq: 0,
    fieldPointer: { commandData: false, byte: 2, bit: 3 },
  };
  const fixed = encodeSenseData(buildSenseData({ senseKey: 5, asc: 0x26, senseKeySpecific: sks(2, 3) }));
  const desc = encodeSenseData(
    buildSenseData({ senseKey: 5, asc: 0x26, senseKeySpecific: sks(2, 3), format: 'descriptor' }),
  );
  it('matches status, sense key, ASC/ASCQ and field pointer in either sense format', () => {
    expect(responseConforms({ status: 2, sense: fixed }, want)).toBe(true);
    expect(responseConforms({ status: 2, sense: desc }, want)).toBe(true);
    expect(responseConforms({ status: 0 }, want)).toBe(false);
    expect(responseConforms({ status: 2 }, want)).toBe(false);
    expect(responseConforms({ status: 2, sense: new Uint8Array([0x70]) }, want)).toBe(false);
    const otherBit = encodeSenseData(buildSenseData({ senseKey: 5, asc: 0x26, senseKeySpecific: sks(2, 4) }));
    expect(responseConforms({ status: 2, sense: otherBit }, want)).toBe(false);
    const noBit = encodeSenseData(buildSenseData({ senseKey: 5, asc: 0x26, senseKeySpecific: sks(2) }));
    expect(responseConforms({ status: 2, sense: noBit }, want)).toBe(false);
    const otherAsc = encodeSenseData(buildSenseData({ senseKey: 5, asc: 0x24, senseKeySpecific: sks(2, 3) }));
    expect(responseConforms({ status: 2, sense: otherAsc }, want)).toBe(false);
  });
  it('null pointer: SKSV must be 0; absent: any', () => {
    const none = encodeSenseData(buildSenseData({ senseKey: 5, asc: 0x26 }));
    expect(responseConforms({ status: 2, sense: none }, { ...want, fieldPointer: null })).toBe(true);
    expect(responseConforms({ status: 2, sense: fixed }, { ...want, fieldPointer: null })).toBe(false);
    const { fieldPointer: _, ...any } = want;
    expect(responseConforms({ status: 2, sense: fixed }, any)).toBe(true);
    expect(responseConforms({ status: 2, sense: none }, any)).toBe(true);
    expect(responseConforms({ status: 0 }, { status: 0 })).toBe(true);
  });
  it('describes responses in words', () => {
    expect(describeConforming(want)).toBe('CHECK CONDITION 5/26h/00h field pointer parameter list byte 2 bit 3');
    expect(describeConforming({ status: 0 })).toBe('GOOD');
  });
});

describe('checkTarget', () => {
  it('reports each non-conforming case with its rule, counts per rule, accepts async targets', async () => {
    const cases = [
      { kind: 'cdb' as const, bytes: new Uint8Array(6), expected: { conforming: [{ status: 0 }] }, name: 'a' },
      {
        kind: 'cdb' as const,
        bytes: new Uint8Array(6),
        expected: { rule: 'x.y.z', conforming: [{ status: 2, senseKey: 5 }] },
        name: 'b',
      },
    ];
    const report = await checkTarget(cases, async () => ({ status: 0 }));
    expect(report.total).toBe(2);
    expect(report.passed).toBe(1);
    expect(report.failures.map((f) => [f.case.name, f.got, f.want])).toEqual([
      ['b', 'GOOD', ['CHECK CONDITION 5/?/?']],
    ]);
    expect(report.byRule).toEqual({ valid: { cases: 1, failed: 0 }, 'x.y.z': { cases: 1, failed: 1 } });
    expect(() => checkTarget(cases, undefined)).toThrow(/give a target/);
    expect(() => checkTarget(cases, undefined)).toThrow(ScsiCodecError);
    // A target that returns nothing: the promise rejects with a ScsiCodecError.
    await expect(checkTarget(cases, (() => undefined) as never)).rejects.toThrow(/returned no object/);
  });
});

describe('profile and manifest', () => {
  it('profile JSON round trip; bad fields named', () => {
    const j = profileToJson(DEFAULT_DEVICE_SERVER_PROFILE);
    expect(profileFromJson(JSON.parse(JSON.stringify(j)))).toEqual(DEFAULT_DEVICE_SERVER_PROFILE);
    expect(() => profileFromJson({ ...j, capacity: 12 })).toThrow(/DeviceServerProfile\.capacity/);
    expect(() => profileFromJson({ ...j, blockSize: 0 })).toThrow(/DeviceServerProfile\.blockSize/);
    expect(() => profileFromJson(null)).toThrow(ScsiCodecError);
  });
  it('parses a manifest; replayable lines become cases, others do not; errors name the line', () => {
    const header = JSON.stringify({
      scsiOdxCorpus: 1,
      directory: 'd',
      seed: 1,
      count: 2,
      kinds: ['cdb', 'sense'],
      invalidRatio: 0.5,
      profile: profileToJson(DEFAULT_DEVICE_SERVER_PROFILE),
    });
    const l1 = JSON.stringify({
      file: 'cdb-0.bin',
      kind: 'cdb',
      valid: true,
      length: 10,
      dataOutZeros: 4,
      expected: { conforming: [{ status: 0 }] },
    });
    const l2 = JSON.stringify({ file: 'sense-0.bin', kind: 'sense', valid: true, length: 18 });
    const m = parseCorpusManifest(`${header}\n${l1}\n${l2}\n`);
    expect(m.header.profile).toEqual(DEFAULT_DEVICE_SERVER_PROFILE);
    const c = replayCaseOf(m.lines[0] as (typeof m.lines)[number], new Uint8Array(10));
    expect(c?.dataOut).toEqual(new Uint8Array(4));
    expect(replayCaseOf(m.lines[1] as (typeof m.lines)[number], new Uint8Array(18))).toBeUndefined();
    expect(() => parseCorpusManifest('')).toThrow(ScsiCodecError);
    expect(() => parseCorpusManifest('{"a":1}')).toThrow(/line 1 @ byte 0: not a scsi-odx corpus manifest header/);
    expect(() => parseCorpusManifest(`${header}\nnope`)).toThrow(/line 2 @ byte 1: not JSON/);
    expect(() => parseCorpusManifest(`${header}\n{"file":1}`)).toThrow(/line 2 @ byte 1: needs file, kind and valid/);
    expect(() => parseCorpusManifest(7 as never)).toThrow(/not a string/);
  });
});
