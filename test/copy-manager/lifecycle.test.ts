/**
 * Nexus and logical unit lifecycle (SAM-5 I_T nexus loss, logical unit reset, hard reset, ABORT
 * TASK SET), unit attentions per I_T_L nexus, REQUEST SENSE, and NACA in CONTROL.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeInquiryCdb,
  encodePopulateTokenCdb,
  encodeReadCapacity16Cdb,
  encodeReportLunsCdb,
  encodeRequestSenseCdb,
  encodeTestUnitReadyCdb,
} from '../../src/cdb/index.js';
import { commandsFor } from '../../src/copy-manager/commands.js';
import type { CopyManager } from '../../src/copy-manager/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import {
  A1,
  A2,
  B1,
  expectGood,
  expectSense,
  Host,
  makeCm,
  parseRrti,
  pattern,
  ptList,
  senseSummary,
} from './helpers.js';

const IR = 0x5;
const UA = 0x6;
const TUR = encodeTestUnitReadyCdb({ control: 0 });

function setup(options = {}) {
  const { cm, clock } = makeCm(options);
  return { cm, clock, a: new Host(cm, A1), a2: new Host(cm, A2), b: new Host(cm, B1) };
}

function requestSense(h: Host, lun: number, desc = false, allocationLength = 252) {
  const r = h.run(lun, encodeRequestSenseCdb({ desc, allocationLength, control: 0 }));
  expectGood(r);
  return r.dataIn as Uint8Array;
}

function expectUa(h: Host, lun: number, ascq: number): void {
  expectSense(h.run(lun, TUR), { key: UA, asc: 0x29, ascq, pointer: null });
}

/** A background WRITE USING TOKEN (zero token) that runs for a while at 1 MiB/s of clock time. */
function startCopy(h: Host, lun: number, listId: number, lba: number): void {
  expectGood(h.wut(lun, listId, zeroTokenBytes(), [{ lba, count: 2048 }], { immed: true }));
}

import { zeroToken as zeroTokenBytes } from './helpers.js';

function rcsStatus(h: Host, lun: number, listId: number): number {
  const r = h.rcs(lun, listId);
  expectGood(r);
  return parseRrti(r.dataIn as Uint8Array, false).copyOperationStatus;
}

describe('NACA = 1 in CONTROL (NORMACA = 0): ILLEGAL REQUEST 24h/00h, pointer at CONTROL bit 2', () => {
  const cases: [string, Uint8Array, number][] = [
    ['TEST UNIT READY', encodeTestUnitReadyCdb({ control: 0x04 }), 5],
    ['INQUIRY', encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 36, control: 0x04 }), 5],
    ['REQUEST SENSE', encodeRequestSenseCdb({ desc: false, allocationLength: 18, control: 0x04 }), 5],
    ['REPORT LUNS', encodeReportLunsCdb({ selectReport: 0, allocationLength: 64, control: 0x04 }), 11],
    [
      'READ CAPACITY (16)',
      encodeReadCapacity16Cdb({ logicalBlockAddress: 0n, pmi: false, allocationLength: 32, control: 0x04 }),
      15,
    ],
    [
      'POPULATE TOKEN',
      encodePopulateTokenCdb({ listIdentifier: 1, parameterListLength: 32, groupNumber: 0, control: 0x04 }),
      15,
    ],
  ];
  for (const [name, cdb, at] of cases) {
    test(name, () => {
      const { cm, a } = setup();
      const r = a.run(0, cdb, name === 'POPULATE TOKEN' ? ptList([{ lba: 0, count: 1 }]) : undefined);
      expectSense(r, { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: at, bit: 2 } });
      expect(cm.liveTokenCount).toBe(0); // the command was not processed
    });
  }
  test('every command of the table (the new host commands included), CONTROL 04h and otherwise zero: 24h/00h at its last byte, bit 2', () => {
    const { a } = setup();
    for (const c of commandsFor(false).values()) {
      const cdb = new Uint8Array(c.cdbLength);
      cdb[0] = c.operationCode;
      if (c.serviceAction !== undefined) cdb[1] = c.serviceAction;
      cdb[c.cdbLength - 1] = 0x04;
      const r = a.run(0, cdb);
      expect(r.status, c.command).toBe(2);
      expect(senseSummary(r.senseData as Uint8Array), c.command).toEqual({
        key: IR,
        asc: 0x24,
        ascq: 0,
        pointer: { cd: true, field: c.cdbLength - 1, bit: 2 },
        information: undefined,
      });
    }
  });
  test('an unsupported command with NACA = 1 is still INVALID COMMAND OPERATION CODE (20h/00h)', () => {
    const { a } = setup();
    const xcopy = new Uint8Array(16);
    xcopy[0] = 0x83;
    xcopy[1] = 0x02; // THIRD-PARTY COPY OUT 02h: not implemented
    xcopy[15] = 0x04;
    expectSense(a.run(0, xcopy), { key: IR, asc: 0x20, ascq: 0, pointer: { cd: true, field: 0 } });
  });
  test('READ (16) with CONTROL 04h, and other CONTROL bits (vendor specific, FLAG/LINK) alone are accepted', () => {
    const { a } = setup();
    const read = a.read(0, 0, 1).status;
    expect(read).toBe(0);
    const cdb = a.run(0, Uint8Array.of(0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x04));
    expectSense(cdb, { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 15, bit: 2 } });
    expectGood(a.run(0, encodeTestUnitReadyCdb({ control: 0xc0 })));
  });
  test('on an unknown LUN the LUN error comes first only for LU commands; INQUIRY still checks NACA', () => {
    const { a } = setup();
    const inq = encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 36, control: 0x04 });
    expectSense(a.run(7, inq), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 5, bit: 2 } });
  });
});

describe('REQUEST SENSE (SPC-5)', () => {
  test('no pending condition: NO SENSE 00h/00h, fixed format, 18 bytes, truncated to ALLOCATION LENGTH', () => {
    const { a } = setup();
    const s = requestSense(a, 0);
    expect(s.length).toBe(18);
    expect(s[0]).toBe(0x70);
    expect(senseSummary(s)).toMatchObject({ key: 0, asc: 0, ascq: 0 });
    expect(requestSense(a, 0, false, 8)).toEqual(s.subarray(0, 8));
    expect(requestSense(a, 0, false, 0).length).toBe(0);
  });
  test('DESC = 1: descriptor format', () => {
    const { a } = setup();
    const s = requestSense(a, 1, true);
    expect(s[0]).toBe(0x72);
    const d = decodeSenseData(s, { strict: true });
    expect(d.kind).toBe('descriptor');
    expect(senseSummary(s)).toMatchObject({ key: 0, asc: 0, ascq: 0 });
  });
  test('unknown LUN: GOOD with ILLEGAL REQUEST 25h/00h sense data', () => {
    const { a } = setup();
    expect(senseSummary(requestSense(a, 9))).toMatchObject({ key: IR, asc: 0x25, ascq: 0 });
  });
  test('returns and clears the pending unit attention (fixed and descriptor format)', () => {
    const { a } = setup({ powerOnUnitAttention: true });
    expect(senseSummary(requestSense(a, 0))).toMatchObject({ key: UA, asc: 0x29, ascq: 0x01 });
    expect(senseSummary(requestSense(a, 0))).toMatchObject({ key: 0, asc: 0, ascq: 0 });
    const d = requestSense(a, 1, true);
    expect(d[0]).toBe(0x72);
    expect(senseSummary(d)).toMatchObject({ key: UA, asc: 0x29, ascq: 0x01 });
    expectGood(a.run(1, TUR));
  });
});

describe('unit attentions per I_T_L nexus', () => {
  test('power-on UA is off by default', () => {
    const { a } = setup();
    expectGood(a.run(0, TUR));
  });
  test('power-on UA (29h/01h): once per I_T_L nexus; INQUIRY and REPORT LUNS are not blocked and do not clear it', () => {
    const { a, a2, b } = setup({ powerOnUnitAttention: true });
    expectGood(a.run(0, encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 36, control: 0 })));
    expectGood(a.run(0, encodeReportLunsCdb({ selectReport: 0, allocationLength: 64, control: 0 })));
    expectUa(a, 0, 0x01);
    expectGood(a.run(0, TUR));
    expectUa(a, 1, 0x01); // each logical unit has its own
    expectUa(a2, 0, 0x01); // each I_T nexus has its own
    expectUa(b, 1, 0x01);
    expectGood(b.run(1, TUR));
    // A command to a LUN that does not exist is not a UA matter.
    expectSense(b.run(5, TUR), { key: IR, asc: 0x25, ascq: 0 });
  });
  test('a UA blocks the command: nothing is done (no token made)', () => {
    const { cm, a } = setup({ powerOnUnitAttention: true });
    expectUa(a, 1, 0x01);
    expectSense(a.populate(0, 1, [{ lba: 0, count: 1 }]), { key: UA, asc: 0x29, ascq: 0x01 });
    expect(cm.liveTokenCount).toBe(0);
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }]));
    expect(cm.liveTokenCount).toBe(1);
  });
});

describe('I_T nexus loss (SAM-5)', () => {
  test('frees the nexus results, terminates its copies, UA 29h/07h on every LU for that nexus only', () => {
    const { cm, a, b } = setup({ backgroundBytesPerSecond: 1 << 20 });
    const t = a.token(0, 1, [{ lba: 0, count: 8 }]);
    expectGood(a.populate(1, 2, [{ lba: 0, count: 1 }]));
    startCopy(a, 0, 3, 5000);
    startCopy(b, 0, 3, 9000);
    expect(cm.runningCopies).toBe(2);
    cm.itNexusLoss(A1);
    expect(cm.runningCopies).toBe(1);
    expectUa(a, 0, 0x07);
    expectUa(a, 1, 0x07);
    expectGood(a.run(0, TUR));
    expectSense(a.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0 });
    expectSense(a.rrtiRaw(1, 2), { key: IR, asc: 0x24, ascq: 0 });
    expectSense(a.rcs(0, 3), { key: IR, asc: 0x24, ascq: 0 });
    // Another nexus sees nothing; the token lives on (SPC-5 token lifetime is not tied to the nexus).
    expectGood(b.run(0, TUR));
    expect(rcsStatus(b, 0, 3)).toBe(0x12);
    expectGood(b.wut(1, 4, t, [{ lba: 0, count: 1 }]));
  });
  test('accepts a nexus it has never seen (no state made beyond the UA)', () => {
    const { cm, b } = setup();
    cm.itNexusLoss({ initiatorPortId: 'never-seen', targetPortId: 9 });
    expectGood(b.run(0, TUR));
    expectUa(new Host(cm, { initiatorPortId: 'never-seen', targetPortId: 9 }), 0, 0x07);
  });
});

describe('logical unit reset, target reset, ABORT TASK SET, copy abort', () => {
  test('logicalUnitReset: copies on that LU terminated, results on it freed, UA 29h/03h there for every nexus', () => {
    const { cm, a, b } = setup({ backgroundBytesPerSecond: 1 << 20 });
    startCopy(a, 0, 1, 5000);
    startCopy(b, 1, 1, 100);
    expectGood(a.populate(1, 2, [{ lba: 0, count: 1 }]));
    expectGood(b.populate(0, 2, [{ lba: 0, count: 1 }]));
    cm.logicalUnitReset(0);
    expect(cm.runningCopies).toBe(1);
    expectUa(a, 0, 0x03);
    expectUa(b, 0, 0x03);
    expectGood(a.run(1, TUR));
    expectGood(b.run(1, TUR));
    expectSense(a.rcs(0, 1), { key: IR, asc: 0x24, ascq: 0 });
    expectSense(b.rrtiRaw(0, 2), { key: IR, asc: 0x24, ascq: 0 });
    expect(rcsStatus(b, 1, 1)).toBe(0x12);
    expect(a.rrti(1, 2).copyOperationStatus).toBe(1);
    cm.logicalUnitReset(42); // no such LU: nothing happens
  });
  test('targetReset: every LU reset (29h/03h on every LU), every copy terminated', () => {
    const { cm, a, b } = setup({ backgroundBytesPerSecond: 1 << 20 });
    startCopy(a, 0, 1, 5000);
    startCopy(b, 1, 1, 100);
    cm.targetReset();
    expect(cm.runningCopies).toBe(0);
    for (const h of [a, b]) for (const lun of [0, 1]) expectUa(h, lun, 0x03);
  });
  test('abortTaskSet: the copies of that nexus on that LU end with status 60h; results kept; no UA', () => {
    const { cm, a, b } = setup({ backgroundBytesPerSecond: 1 << 20 });
    startCopy(a, 0, 1, 5000);
    startCopy(b, 0, 1, 9000);
    cm.abortTaskSet(A1, 1); // other LU: nothing
    expect(cm.runningCopies).toBe(2);
    cm.abortTaskSet(A1, 0);
    expect(cm.runningCopies).toBe(1);
    expect(rcsStatus(a, 0, 1)).toBe(0x60);
    expect(rcsStatus(b, 0, 1)).toBe(0x12);
    expectGood(a.run(0, TUR));
  });
  test('abortCopy: true when it terminated a running copy, false otherwise', () => {
    const { cm, a, b } = setup({ backgroundBytesPerSecond: 1 << 20 });
    startCopy(a, 0, 7, 5000);
    expect(cm.abortCopy(B1, 0, 7)).toBe(false);
    expect(cm.abortCopy(A1, 1, 7)).toBe(false);
    expect(cm.abortCopy(A1, 0, 7)).toBe(true);
    expect(cm.abortCopy(A1, 0, 7)).toBe(false);
    expect(rcsStatus(a, 0, 7)).toBe(0x60);
    expect(b.cm.runningCopies).toBe(0);
  });
  test('the copy written so far stays; the rest is not written after the abort', () => {
    const { cm, clock, a } = setup({ backgroundBytesPerSecond: 512 * 1000 });
    expectGood(a.write(0, 5000, pattern(2048, 512, 3), 512));
    startCopy(a, 0, 1, 5000);
    clock.advance(10); // 10 blocks at 1000 blocks/s
    expect(cm.abortCopy(A1, 0, 1)).toBe(true);
    clock.advance(10_000);
    const r = a.read(0, 5000, 2048);
    const zeroed = (r.dataIn as Uint8Array).subarray(0, 10 * 512);
    expect(zeroed.every((x) => x === 0)).toBe(true);
    expect((r.dataIn as Uint8Array).subarray(20 * 512)).toEqual(pattern(2048, 512, 3).subarray(20 * 512));
  });
});

export type { CopyManager };
