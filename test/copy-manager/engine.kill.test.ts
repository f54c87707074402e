/**
 * Engine paths no test reached before (issue 17, mutation testing): results of a token that
 * expired, background EXTENDED COPY (LID4) at the concurrent-copy limit, a range list whose every
 * descriptor is cut off, DEL_TKN with IMMED = 1, and VPD page B1h. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeExtendedCopyLid4Cdb, encodeInquiryCdb } from '../../src/cdb/index.js';
import { encodeExtendedCopyLid4ParameterList } from '../../src/parameter-list/index.js';
import { decodeBlockDeviceCharacteristicsVpdPage } from '../../src/vpd/index.js';
import { A1, expectGood, expectSense, Host, makeCm, ptList, wutList } from './helpers.js';
import { b2b, e4, luNaa } from './xcopy-helpers.js';

const IR = 5;

describe('results of a dead token', () => {
  test('RRTI after the token expired: 24h/00h at LIST IDENTIFIER, and the token reads EXPIRED', () => {
    const { cm, clock } = makeCm({ defaultInactivityTimeout: 2 });
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }]));
    expectGood(h.populate(0, 2, [{ lba: 1, count: 1 }]));
    const t2 = h.rrti(0, 2).token as Uint8Array;
    clock.advance(2_000);
    expectGood(h.rrtiRaw(0, 1, 2)); // exactly at the timeout: still there (2 bytes: kept)
    clock.advance(1);
    expectSense(h.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
    expectSense(h.wut(0, 3, t2, [{ lba: 10, count: 1 }]), {
      key: IR,
      asc: 0x23,
      ascq: 0x07,
      pointer: { cd: false, field: 16 },
    });
  });
});

describe('background EXTENDED COPY (LID4) at maxConcurrentCopies', () => {
  test('the copy beyond the limit is ABORTED COMMAND, INSUFFICIENT RESOURCES; nothing is kept for it', () => {
    const { cm } = makeCm({ maxConcurrentCopies: 1, backgroundBytesPerSecond: 1 });
    const h = new Host(cm, A1);
    const naa = luNaa(h, 0);
    const list = (id: number) =>
      encodeExtendedCopyLid4ParameterList({
        listFormat: 1,
        str: false,
        listIdUsage: 0,
        priority: 0,
        headerCscdDescriptorListLength: 0x20,
        gSense: false,
        immed: true,
        headerCscdDescriptorTypeCode: 0xff,
        listIdentifier: id,
        cscdDescriptors: [e4(naa)],
        segmentDescriptors: [b2b(0, 0, 4, 0n, 100n)],
        inlineData: new Uint8Array(0),
      });
    const run = (p: Uint8Array) =>
      h.run(0, encodeExtendedCopyLid4Cdb({ parameterListLength: p.length, control: 0 }), p);
    expectGood(run(list(1)));
    expect(cm.runningCopies).toBe(1);
    expectSense(run(list(2)), { key: 0x0b, asc: 0x55, ascq: 0x03, pointer: null });
    expect(cm.runningCopies).toBe(1);
    expectSense(h.rcs(0, 2), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });
});

describe('a range list whose descriptors are all cut off by PARAMETER LIST LENGTH', () => {
  test('POPULATE TOKEN: 26h/00h at BLOCK DEVICE RANGE DESCRIPTOR LENGTH (byte 14); WRITE USING TOKEN: byte 534', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const pt = ptList([{ lba: 0, count: 1 }]);
    expectSense(h.populateRaw(0, 1, pt.subarray(0, 31), 31), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 14 },
    });
    const t = h.token(0, 2, [{ lba: 0, count: 1 }]);
    const wut = wutList(t, [{ lba: 5, count: 1 }]);
    expectSense(h.wutRaw(0, 3, wut.subarray(0, 551), 551), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: { cd: false, field: 534 },
    });
  });
});

describe('WRITE USING TOKEN with IMMED = 1 and DEL_TKN = 1', () => {
  test('the token is deleted when the background copy starts', () => {
    const { cm } = makeCm({ backgroundBytesPerSecond: 1 });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 2, t, [{ lba: 10, count: 4 }], { immed: true, delTkn: true }));
    expect(cm.runningCopies).toBe(1);
    expectSense(h.wut(0, 3, t, [{ lba: 20, count: 1 }]), {
      key: IR,
      asc: 0x23,
      ascq: 0x09,
      pointer: { cd: false, field: 16 },
    });
  });
});

describe('VPD page B1h (Block Device Characteristics)', () => {
  test('non-rotating memory: no form factor, not zoned, no erase or depopulation semantics', () => {
    const { cm } = makeCm();
    const r = cm.execute({
      nexus: A1,
      lun: 1,
      cdb: encodeInquiryCdb({ evpd: true, pageCode: 0xb1, allocationLength: 255, control: 0 }),
    });
    expectGood(r);
    const p = decodeBlockDeviceCharacteristicsVpdPage(r.dataIn as Uint8Array, { strict: true });
    expect(p).toMatchObject({
      kind: 'blockDeviceCharacteristics',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      mediumRotationRate: 1,
      productType: 0,
      wabereq: 0,
      wacereq: 0,
      nominalFormFactor: 0,
      mact: false,
      zoned: 0,
      rbwz: false,
      bocs: false,
      fuab: false,
      vbuls: false,
      depopulationTime: 0,
    });
  });
});
