// REPORT SUPPORTED OPERATION CODES (truthful, from the one command table) and asymmetric logical
// unit access (TPGS, VPD 83h target port group designator, REPORT TARGET PORT GROUPS): exact bytes
// through execute().
import { describe, expect, it } from 'vitest';
import {
  decodeCdb,
  encodeInquiryCdb,
  encodeReportSupportedOperationCodesCdb,
  encodeReportTargetPortGroupsCdb,
} from '../../src/cdb/index.js';
import { cdbUsageData, SUPPORTED_COMMANDS } from '../../src/copy-manager/commands.js';
import {
  type CommandResponse,
  CopyManager,
  type CopyManagerOptions,
  ManualClock,
} from '../../src/copy-manager/index.js';
import { decodeAllCommandsParameterData, decodeOneCommandParameterData } from '../../src/data-in/index.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { hexBytes, toHex } from '../cdb/helpers.js';
import { seededRandom } from './helpers.js';

const GROUPS = [
  { id: 1, relativeTargetPortIds: [1] },
  { id: 2, relativeTargetPortIds: [2, 3] },
];

function makeCm(o: Partial<CopyManagerOptions> = {}): CopyManager {
  return new CopyManager({
    clock: new ManualClock(1_000_000),
    random: seededRandom(3),
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 20n, ownerTargetPortGroup: o.targetPortGroups ? 1 : undefined },
      { blockSize: 4096, capacity: 1n << 17n, ownerTargetPortGroup: o.targetPortGroups ? 2 : undefined },
    ],
    ...o,
  });
}

const via = (port: number) => ({ initiatorPortId: 'iqn.host-a', targetPortId: port });
const run = (cm: CopyManager, cdb: Uint8Array, lun = 0, port = 1): CommandResponse =>
  cm.execute({ nexus: via(port), lun, cdb });
function good(r: CommandResponse): string {
  expect(r.senseData === undefined ? '' : toHex(r.senseData)).toBe('');
  expect(r.status).toBe(0);
  return toHex(r.dataIn ?? new Uint8Array(0));
}
function sense(r: CommandResponse): string {
  expect(r.status).toBe(2);
  return toHex(r.senseData ?? new Uint8Array(0));
}
function illegalRequest(asc: number, ascq: number, sks15: number, field: number): string {
  return toHex(
    hexBytes(`70 00 05 00 00 00 00 0a 00 00 00 00 ${hex2(asc)} ${hex2(ascq)} 00 ${hex2(sks15)} 00 ${hex2(field)}`),
  );
}
const hex2 = (n: number) => n.toString(16).padStart(2, '0');

const rsoc = (reportingOptions: number, op = 0, sa = 0, rctd = false, allocationLength = 65535) =>
  encodeReportSupportedOperationCodesCdb({
    rctd,
    reportingOptions,
    requestedOperationCode: op,
    requestedServiceAction: sa,
    allocationLength,
    control: 0,
  });

// Every command descriptor (OPERATION CODE, SERVICE ACTION, SERVACTV, CDB LENGTH) in table order.
const DESCRIPTORS = [
  '00 00 00 00 00 00 00 06', // TEST UNIT READY
  '03 00 00 00 00 00 00 06', // REQUEST SENSE
  '12 00 00 00 00 00 00 06', // INQUIRY
  '1a 00 00 00 00 00 00 06', // MODE SENSE (6)
  '25 00 00 00 00 00 00 0a', // READ CAPACITY (10)
  '28 00 00 00 00 00 00 0a', // READ (10)
  '2a 00 00 00 00 00 00 0a', // WRITE (10)
  '35 00 00 00 00 00 00 0a', // SYNCHRONIZE CACHE (10)
  '5a 00 00 00 00 00 00 0a', // MODE SENSE (10)
  '83 00 00 00 00 01 00 10', // EXTENDED COPY (LID1)
  '83 00 00 01 00 01 00 10', // EXTENDED COPY (LID4)
  '83 00 00 10 00 01 00 10', // POPULATE TOKEN
  '83 00 00 11 00 01 00 10', // WRITE USING TOKEN
  '83 00 00 1c 00 01 00 10', // COPY OPERATION ABORT
  '84 00 00 00 00 01 00 10', // RECEIVE COPY STATUS (LID1)
  '84 00 00 01 00 01 00 10', // RECEIVE COPY DATA (LID1)
  '84 00 00 03 00 01 00 10', // RECEIVE COPY OPERATING PARAMETERS
  '84 00 00 04 00 01 00 10', // RECEIVE COPY FAILURE DETAILS (LID1)
  '84 00 00 05 00 01 00 10', // RECEIVE COPY STATUS (LID4)
  '84 00 00 06 00 01 00 10', // RECEIVE COPY DATA (LID4)
  '84 00 00 07 00 01 00 10', // RECEIVE ROD TOKEN INFORMATION
  '84 00 00 08 00 01 00 10', // REPORT ALL ROD TOKENS
  '88 00 00 00 00 00 00 10', // READ (16)
  '8a 00 00 00 00 00 00 10', // WRITE (16)
  '91 00 00 00 00 00 00 10', // SYNCHRONIZE CACHE (16)
  '9e 00 00 10 00 01 00 10', // READ CAPACITY (16)
  'a0 00 00 00 00 00 00 0c', // REPORT LUNS
  'a3 00 00 0a 00 01 00 0c', // REPORT TARGET PORT GROUPS (with target port groups only)
  'a3 00 00 0c 00 01 00 0c', // REPORT SUPPORTED OPERATION CODES
];
const RTPG_LINE = 27;

describe('REPORT SUPPORTED OPERATION CODES', () => {
  it('all_commands: every command of the table, nothing else (no RTPG without target port groups)', () => {
    const lines = DESCRIPTORS.filter((_, i) => i !== RTPG_LINE);
    const body = lines.join(' ');
    expect(good(run(makeCm(), rsoc(0)))).toBe(`00 00 00 ${hex2(lines.length * 8)} ${body}`);
  });
  it('all_commands with target port groups lists REPORT TARGET PORT GROUPS too', () => {
    expect(good(run(makeCm({ targetPortGroups: GROUPS }), rsoc(0)))).toBe(
      `00 00 00 ${hex2(DESCRIPTORS.length * 8)} ${DESCRIPTORS.join(' ')}`,
    );
  });
  it('RCTD: CTDP set and a 12-byte command timeouts descriptor (no timeout indicated) per command', () => {
    const r = run(makeCm(), rsoc(0, 0, 0, true));
    const d = decodeAllCommandsParameterData(r.dataIn as Uint8Array, { strict: true });
    expect(d.commandDescriptors).toHaveLength(DESCRIPTORS.length - 1);
    for (const c of d.commandDescriptors) {
      expect(c.commandTimeouts).toEqual({
        commandSpecific: 0,
        nominalCommandProcessingTimeout: 0,
        recommendedCommandTimeout: 0,
      });
    }
    expect(toHex((r.dataIn as Uint8Array).subarray(0, 24))).toBe(
      '00 00 02 30 00 00 00 00 00 02 00 06 00 0a 00 00 00 00 00 00 00 00 00 00',
    );
  });
  it('cut to ALLOCATION LENGTH', () => {
    expect(good(run(makeCm(), rsoc(0, 0, 0, false, 10)))).toBe('00 00 00 e0 00 00 00 00 00 00');
  });
  it.each([
    [
      'READ (10): DPO, FUA and RDPROTECT evaluated; RARC and GROUP NUMBER not; CONTROL: NACA',
      1,
      0x28,
      0,
      '28 f8 ff ff ff ff 00 ff ff 04',
    ],
    ['WRITE (16)', 1, 0x8a, 0, '8a f8 ff ff ff ff ff ff ff ff ff ff ff ff 00 04'],
    ['READ CAPACITY (10): obsolete LBA and PMI ignored', 1, 0x25, 0, '25 00 00 00 00 00 00 00 00 04'],
    ['MODE SENSE (6)', 1, 0x1a, 0, '1a 08 ff ff ff 04'],
    ['MODE SENSE (10)', 1, 0x5a, 0, '5a 18 ff ff 00 00 00 ff ff 04'],
    ['SYNCHRONIZE CACHE (10): IMMED, LBA, blocks', 1, 0x35, 0, '35 02 ff ff ff ff 00 ff ff 04'],
    ['REPORT LUNS: SELECT REPORT not evaluated', 1, 0xa0, 0, 'a0 00 00 00 00 00 ff ff ff ff 00 04'],
    ['REQUEST SENSE', 1, 0x03, 0, '03 01 00 00 ff 04'],
    ['POPULATE TOKEN (010b)', 2, 0x83, 0x10, '83 10 00 00 00 00 ff ff ff ff ff ff ff ff 00 04'],
    ['RSOC itself (011b)', 3, 0xa3, 0x0c, 'a3 0c 87 ff ff ff ff ff ff ff 00 04'],
    ['READ CAPACITY (16) (011b)', 3, 0x9e, 0x10, '9e 10 00 00 00 00 00 00 00 00 ff ff ff ff 00 04'],
    ['INQUIRY (011b, no service actions)', 3, 0x12, 0x55, '12 01 ff ff ff 04'],
  ])('one_command %s', (_name, options, op, sa, usage) => {
    const r = run(makeCm(), rsoc(options, op, sa));
    const n = hexBytes(usage).length;
    expect(good(r)).toBe(`00 03 00 ${hex2(n)} ${usage}`);
  });
  it('one_command with RCTD appends the timeouts descriptor', () => {
    expect(good(run(makeCm(), rsoc(1, 0x00, 0, true)))).toBe(
      '00 83 00 06 00 00 00 00 00 04 00 0a 00 00 00 00 00 00 00 00 00 00',
    );
  });
  it('one_command for a command not implemented: SUPPORT 001b, no usage data', () => {
    const cm = makeCm();
    expect(good(run(cm, rsoc(1, 0x2f)))).toBe('00 01 00 00'); // VERIFY (10)
    expect(good(run(cm, rsoc(2, 0x83, 0x02)))).toBe('00 01 00 00'); // 83h/02h: no such service action
    expect(good(run(cm, rsoc(2, 0xa3, 0x0a)))).toBe('00 01 00 00'); // RTPG without groups
    expect(good(run(cm, rsoc(1, 0x15)))).toBe('00 01 00 00'); // MODE SELECT (6)
  });
  it('001b for an opcode with service actions, 010b for one without, 100b-111b: 24h/00h at REPORTING OPTIONS', () => {
    const cm = makeCm();
    const want = illegalRequest(0x24, 0x00, 0xca, 2);
    expect(sense(run(cm, rsoc(1, 0x83)))).toBe(want);
    expect(sense(run(cm, rsoc(2, 0x28)))).toBe(want);
    for (const o of [4, 5, 6, 7]) expect(sense(run(cm, rsoc(o)))).toBe(want);
  });
  it('agrees with itself as libiscsi checks it: 001b/010b by SERVACTV, CDB[0] usage = opcode', () => {
    const cm = makeCm({ targetPortGroups: GROUPS });
    const all = decodeAllCommandsParameterData(run(cm, rsoc(0)).dataIn as Uint8Array, { strict: true });
    for (const d of all.commandDescriptors) {
      const one = run(cm, rsoc(d.servactv ? 2 : 1, d.operationCode, d.serviceAction));
      const v = decodeOneCommandParameterData(one.dataIn as Uint8Array, { strict: true });
      expect(v.support).toBe(3);
      expect(v.cdbUsageData.length).toBe(d.cdbLength);
      expect(v.cdbUsageData[0]).toBe(d.operationCode);
      expect(run(cm, rsoc(d.servactv ? 1 : 2, d.operationCode, d.serviceAction)).status).toBe(2);
    }
  });
});

describe('the command table is what the dispatcher implements, and the usage maps are truthful', () => {
  it('every ignored field is a field its decoder reads (no typos)', () => {
    for (const c of SUPPORTED_COMMANDS) {
      const probe = new Uint8Array(c.cdbLength).fill(0xff);
      probe[0] = c.operationCode;
      if (c.serviceAction !== undefined) probe[1] = 0xe0 | c.serviceAction;
      const trace: TraceEntry[] = [];
      expect(decodeCdb(probe, { trace }).kind).toBe(c.command);
      for (const f of c.ignored)
        expect(
          trace.map((t) => t.field),
          `${c.command}.${f}`,
        ).toContain(f);
    }
  });
  it('every table command is dispatched (never 20h/00h); every other opcode is 20h/00h', () => {
    const cm = makeCm({ targetPortGroups: GROUPS });
    const listed = new Set(SUPPORTED_COMMANDS.map((c) => `${c.operationCode}/${c.serviceAction ?? ''}`));
    for (const c of SUPPORTED_COMMANDS) {
      const cdb = new Uint8Array(c.cdbLength);
      cdb[0] = c.operationCode;
      if (c.serviceAction !== undefined) cdb[1] = c.serviceAction;
      const r = run(cm, cdb);
      if (r.status !== 0) expect(toHex(r.senseData as Uint8Array).slice(36, 41), c.command).not.toBe('20 00');
    }
    for (let op = 0; op < 256; op++) {
      if (listed.has(`${op}/`)) continue;
      const cdb = new Uint8Array(16);
      cdb[0] = op;
      cdb[1] = 0x1f; // a service action no family here implements
      const r = run(cm, cdb);
      expect(r.status, `opcode ${hex2(op)}`).toBe(2);
      expect(toHex(r.senseData as Uint8Array).slice(36, 41), `opcode ${hex2(op)}`).toBe('20 00');
    }
  });
  it('setting any bit the usage map leaves at zero changes nothing, or is refused as reserved at that bit', () => {
    const opts = { targetPortGroups: GROUPS };
    for (const c of SUPPORTED_COMMANDS) {
      const usage = cdbUsageData(c);
      const base = new Uint8Array(c.cdbLength);
      base[0] = c.operationCode;
      if (c.serviceAction !== undefined) base[1] = c.serviceAction;
      const want = run(makeCm(opts), base);
      for (let i = 1; i < c.cdbLength; i++) {
        for (let bit = 0; bit < 8; bit++) {
          if (((usage[i] as number) >> bit) & 1) continue;
          if (i === 1 && c.serviceAction !== undefined && bit < 5) continue; // the SERVICE ACTION itself
          const cdb = base.slice();
          cdb[i] = (cdb[i] as number) | (1 << bit);
          const got = run(makeCm(opts), cdb);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            // A bit "treated as reserved" (SPC-5: usage map 0) that the device server checks (rule
            // spc.cdb.reserved): ILLEGAL REQUEST 24h/00h, SKSV C/D BPV, pointer at this byte and bit.
            const s = got.senseData as Uint8Array;
            expect([s[2], s[12], s[13], s[15], s[16], s[17]], `${c.command} byte ${i} bit ${bit}`).toEqual([
              5,
              0x24,
              0,
              0xc8 | bit,
              0,
              i,
            ]);
          } else {
            expect(got, `${c.command} byte ${i} bit ${bit}`).toEqual(want);
          }
        }
      }
    }
  });
});

describe('asymmetric logical unit access', () => {
  const inq = encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 36, control: 0 });
  const vpd83 = encodeInquiryCdb({ evpd: true, pageCode: 0x83, allocationLength: 255, control: 0 });
  const rtpg = (parameterDataFormat: number, allocationLength = 4096) =>
    encodeReportTargetPortGroupsCdb({ parameterDataFormat, allocationLength, control: 0 });
  it('standard INQUIRY: TPGS 01b with groups (byte 5 = 18h), 00b without (08h: 3PC only)', () => {
    expect(run(makeCm({ targetPortGroups: GROUPS }), inq).dataIn?.[5]).toBe(0x18);
    expect(run(makeCm(), inq).dataIn?.[5]).toBe(0x08);
    expect(run(makeCm(), inq).dataIn?.[2]).toBe(0x06); // VERSION: SPC-4
  });
  it('VPD 83h: relative target port and target port group designators of the port used', () => {
    const cm = makeCm({ targetPortGroups: GROUPS });
    const page = good(run(cm, vpd83, 0, 3));
    expect(page).toContain('01 14 00 04 00 00 00 03 01 15 00 04 00 00 00 02');
    expect(good(run(cm, vpd83, 0, 1))).toContain('01 14 00 04 00 00 00 01 01 15 00 04 00 00 00 01');
    // A port in no group, and a copy manager without groups: no target port group designator.
    expect(good(run(cm, vpd83, 0, 9))).not.toContain('01 15 00 04');
    expect(good(run(makeCm(), vpd83, 0, 1))).not.toContain('01 15 00 04');
  });
  it('REPORT TARGET PORT GROUPS, extended header: owner active/optimized (PREF), the other active/non-optimized', () => {
    const cm = makeCm({ targetPortGroups: GROUPS });
    const g1 = (state: number, pref: boolean) => `${hex2(state | (pref ? 0x80 : 0))} 03 00 01 00 00 00 01 00 00 00 01`;
    const g2 = (state: number, pref: boolean) =>
      `${hex2(state | (pref ? 0x80 : 0))} 03 00 02 00 00 00 02 00 00 00 02 00 00 00 03`;
    expect(good(run(cm, rtpg(1), 0, 2))).toBe(`00 00 00 20 10 00 00 00 ${g1(0, true)} ${g2(1, false)}`);
    expect(good(run(cm, rtpg(1), 1, 1))).toBe(`00 00 00 20 10 00 00 00 ${g1(1, false)} ${g2(0, true)}`);
    expect(good(run(cm, rtpg(0), 1, 3))).toBe(`00 00 00 1c ${g1(1, false)} ${g2(0, true)}`);
    expect(good(run(cm, rtpg(0, 6), 1, 3))).toBe('00 00 00 1c 01 03');
  });
  it('an LU without an owner is active/optimized through every group', () => {
    const cm = new CopyManager({
      clock: new ManualClock(0),
      random: seededRandom(1),
      targetPortGroups: GROUPS,
      logicalUnits: [{ blockSize: 512, capacity: 8n }],
    });
    const d = good(run(cm, rtpg(0)));
    expect(d.slice(12, 14)).toBe('00');
    expect(d.slice(48, 50)).toBe('00');
  });
  it('PARAMETER DATA FORMAT 010b-111b: 24h/00h at byte 1 bit 7; without groups RTPG is 20h/00h', () => {
    const cm = makeCm({ targetPortGroups: GROUPS });
    for (const f of [2, 3, 7]) expect(sense(run(cm, rtpg(f)))).toBe(illegalRequest(0x24, 0x00, 0xcf, 1));
    expect(sense(run(makeCm(), rtpg(0)))).toBe(illegalRequest(0x20, 0x00, 0xc0, 0));
  });
  it('a configuration no device could report is refused', () => {
    expect(() =>
      makeCm({
        targetPortGroups: [
          { id: 1, relativeTargetPortIds: [1] },
          { id: 1, relativeTargetPortIds: [2] },
        ],
      }),
    ).toThrow(RangeError);
    expect(() =>
      makeCm({
        targetPortGroups: [
          { id: 1, relativeTargetPortIds: [1] },
          { id: 2, relativeTargetPortIds: [1] },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => makeCm({ targetPortGroups: [{ id: 1, relativeTargetPortIds: [0] }] })).toThrow(RangeError);
    expect(
      () =>
        new CopyManager({
          clock: new ManualClock(0),
          targetPortGroups: GROUPS,
          logicalUnits: [{ blockSize: 512, capacity: 8n, ownerTargetPortGroup: 7 }],
        }),
    ).toThrow(RangeError);
    expect(
      () =>
        new CopyManager({
          clock: new ManualClock(0),
          logicalUnits: [{ blockSize: 512, capacity: 8n, ownerTargetPortGroup: 1 }],
        }),
    ).toThrow(RangeError);
  });
});
