/**
 * Engine paths no test reached before (issue 17, mutation testing): results of a token that
 * expired, background EXTENDED COPY (LID4) at the concurrent-copy limit, a range list whose every
 * descriptor is cut off, DEL_TKN with IMMED = 1, and VPD page B1h. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeExtendedCopyLid1Cdb, encodeExtendedCopyLid4Cdb, encodeInquiryCdb } from '../../src/cdb/index.js';
import { encodeExtendedCopyLid4ParameterList } from '../../src/parameter-list/index.js';
import { decodeBlockDeviceCharacteristicsVpdPage } from '../../src/vpd/index.js';
import { A1, expectGood, expectSense, Host, makeCm, parseRrti, pattern, ptList, wutList } from './helpers.js';
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

describe('background progress, tick by tick', () => {
  test('OPERATION COUNTER and TRANSFER COUNT move only with progress; unused time carries over', () => {
    const { cm, clock } = makeCm({ backgroundBytesPerSecond: 512 });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 2, t, [{ lba: 100, count: 4 }], { immed: true }));
    const poll = () => parseRrti(h.rcs(0, 2).dataIn as Uint8Array, false);
    clock.advance(500);
    expect(poll()).toMatchObject({ copyOperationStatus: 0x12, operationCounter: 0, transferCount: 0n });
    expect(poll()).toMatchObject({ operationCounter: 0, transferCount: 0n }); // no time passed: no progress
    clock.advance(1000); // 1.5 s since the start: one block, 0.5 s carried over
    expect(poll()).toMatchObject({ operationCounter: 1, transferCount: 1n });
    clock.advance(500); // 2 s: two blocks
    expect(poll()).toMatchObject({ operationCounter: 2, transferCount: 2n });
    clock.advance(2000);
    expect(poll()).toMatchObject({ copyOperationStatus: 0x01, operationCounter: 3, transferCount: 4n });
  });
});

describe('parameter lists of length 0 and RRTI of exactly the data length', () => {
  test('PARAMETER LIST LENGTH 0: GOOD and nothing kept, for every command with a parameter list', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.populateRaw(0, 1, new Uint8Array(0), 0));
    expectGood(h.wutRaw(0, 2, new Uint8Array(0), 0));
    expectGood(h.run(0, encodeExtendedCopyLid1Cdb({ parameterListLength: 0, control: 0 })));
    expectGood(h.run(0, encodeExtendedCopyLid4Cdb({ parameterListLength: 0, control: 0 })));
    for (const id of [1, 2])
      expectSense(h.rrtiRaw(0, id), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });

  test('RRTI with ALLOCATION LENGTH exactly the data length: the data is returned and then discarded', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }]));
    const all = h.rrtiRaw(0, 1, 4096).dataIn as Uint8Array; // discarded too
    expectGood(h.populate(0, 2, [{ lba: 0, count: 1 }]));
    expect(h.rrtiRaw(0, 2, all.length - 1).dataIn?.length).toBe(all.length - 1); // kept
    const exact = h.rrtiRaw(0, 2, all.length);
    expectGood(exact);
    expect(exact.dataIn?.length).toBe(all.length);
    expectSense(h.rrtiRaw(0, 2), { key: IR, asc: 0x24, ascq: 0, pointer: { cd: true, field: 2 } });
  });

  test('RECEIVE COPY STATUS (LID4) of a POPULATE TOKEN: its own service action and logical-block units', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 3, [{ lba: 0, count: 6 }]));
    expect(parseRrti(h.rcs(0, 3).dataIn as Uint8Array, false)).toMatchObject({
      responseToServiceAction: 0x10,
      copyOperationStatus: 0x01,
      transferCountUnits: 0xf1,
      transferCount: 6n,
    });
  });
});

describe('a WRITE of 0 blocks writes nothing', () => {
  test('a change-vulnerable token over that LBA stays valid', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 100, count: 4 }], { rtv: true, rodType: 0x0080_0001 });
    expectGood(h.write(0, 102, new Uint8Array(0), 512));
    expectGood(h.wut(0, 2, t, [{ lba: 500, count: 4 }]));
    expectGood(h.write(0, 102, new Uint8Array(512), 512));
    expectSense(h.wut(0, 3, t, [{ lba: 600, count: 4 }]), { key: IR, asc: 0x23, ascq: 0x08 });
  });
});

describe('WRITE USING TOKEN details', () => {
  const CV = 0x0080_0001;
  test('a short token after OFFSET INTO ROD: COPY ABORTED 0Dh/04h, INFORMATION = blocks written', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expectSense(h.wut(0, 2, t, [{ lba: 100, count: 4 }], { offsetIntoRod: 2n }), {
      key: 0x0a,
      asc: 0x0d,
      ascq: 0x04,
      information: 2n,
    });
    expectGood(h.wut(0, 3, t, [{ lba: 100, count: 2 }], { offsetIntoRod: 2n }));
  });

  test('half a destination block left: zero-fill writes it padded (GOOD); underrun writes nothing (0Dh/04h, 0)', () => {
    const data = pattern(4, 512, 31);
    for (const policy of ['zero-fill', 'underrun'] as const) {
      const { cm } = makeCm({ shortTokenPolicy: policy });
      const h = new Host(cm, A1);
      expectGood(h.write(0, 0, data, 512));
      const t = h.token(0, 1, [{ lba: 0, count: 4 }]); // 2048 bytes
      const r = h.wut(1, 2, t, [{ lba: 5, count: 1 }]); // one 4096-byte block
      const block = h.read(1, 5, 1).dataIn as Uint8Array;
      if (policy === 'zero-fill') {
        expectGood(r);
        expect(block.subarray(0, 2048)).toEqual(data);
        expect(block.subarray(2048).every((b) => b === 0)).toBe(true);
      } else {
        expectSense(r, { key: IR, asc: 0x0d, ascq: 0x04, information: 0n });
        expect(block.every((b) => b === 0)).toBe(true);
      }
    }
  });

  test('a token is deleted only with DEL_TKN; a default (point in time) token survives writes to its source', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const before = pattern(2, 512, 32);
    expectGood(h.write(0, 10, before, 512));
    const t = h.token(0, 1, [{ lba: 10, count: 2 }]);
    expectGood(h.write(0, 10, pattern(2, 512, 33), 512));
    expectGood(h.wut(0, 2, t, [{ lba: 200, count: 2 }]));
    expectGood(h.wut(0, 3, t, [{ lba: 300, count: 2 }]));
    expect(h.read(0, 200, 2).dataIn).toEqual(before);
    expect(h.read(0, 300, 2).dataIn).toEqual(before);
  });

  test('a change-vulnerable token reads its source ranges where they are, into several destination ranges', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const a = pattern(2, 512, 34);
    const b = pattern(3, 512, 35);
    expectGood(h.write(0, 8, a, 512));
    expectGood(h.write(0, 40, b, 512));
    const t = h.token(
      0,
      1,
      [
        { lba: 8, count: 2 },
        { lba: 40, count: 3 },
      ],
      { rtv: true, rodType: CV },
    );
    expectGood(
      h.wut(0, 2, t, [
        { lba: 100, count: 1 },
        { lba: 110, count: 4 },
      ]),
    );
    expect(h.read(0, 100, 1).dataIn).toEqual(a.subarray(0, 512));
    expect(h.read(0, 110, 4).dataIn).toEqual(new Uint8Array([...a.subarray(512), ...b]));
  });

  test('a list identifier of a finished operation can be reused; RRTI with ALLOCATION LENGTH 0 spares a running copy', () => {
    const { cm } = makeCm({ backgroundBytesPerSecond: 1 });
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 1, [{ lba: 0, count: 1 }]));
    expectGood(h.populate(0, 1, [{ lba: 1, count: 1 }]));
    const t = h.token(0, 2, [{ lba: 0, count: 4 }]);
    expectGood(h.wut(0, 3, t, [{ lba: 50, count: 4 }], { immed: true }));
    expectGood(h.rrtiRaw(0, 3, 0));
    expect(parseRrti(h.rcs(0, 3).dataIn as Uint8Array, false).copyOperationStatus).toBe(0x12);
  });

  test('abortCopy: true only for a running copy of that I_T_L nexus', () => {
    const { cm } = makeCm({ backgroundBytesPerSecond: 1 });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 4 }]);
    expect(cm.abortCopy(A1, 0, 1)).toBe(false); // a finished POPULATE TOKEN
    expect(cm.abortCopy(A1, 0, 99)).toBe(false); // unknown
    expectGood(h.wut(0, 2, t, [{ lba: 50, count: 4 }], { immed: true }));
    expect(cm.abortCopy(A1, 0, 2)).toBe(true);
    expect(cm.abortCopy(A1, 0, 2)).toBe(false);
  });
});
