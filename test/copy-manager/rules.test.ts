/**
 * One test per copy-manager rule: exact status, sense key, ASC/ASCQ, field pointer (and
 * INFORMATION where the rule defines it). Requests are built with the package encoders, responses
 * decoded strictly with its decoders.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeInquiryCdb,
  encodeReadCapacity16Cdb,
  encodeReportAllRodTokensCdb,
  encodeReportLunsCdb,
  encodeTestUnitReadyCdb,
} from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { decodeRodToken, encodeRodToken, ROD_TYPE } from '../../src/rod-token/index.js';
import { decodeAllRodTokens } from '../../src/status/index.js';
import {
  decodeBlockLimitsVpdPage,
  decodeDeviceIdentificationVpdPage,
  decodeSupportedVpdPagesVpdPage,
  decodeThirdPartyCopyVpdPage,
  validateThirdPartyCopyVpdPage,
} from '../../src/vpd/index.js';
import {
  A1,
  A2,
  B1,
  B2,
  expectGood,
  expectSense,
  Host,
  makeCm,
  pattern,
  ptList,
  wutList,
  zeroToken,
} from './helpers.js';

const IR = 0x5; // ILLEGAL REQUEST
const CA = 0xa; // COPY ABORTED
const cdbAt = (field: number) => ({ cd: true, field });
const parAt = (field: number) => ({ cd: false, field });

function setup(options = {}) {
  const { cm, clock } = makeCm(options);
  return { cm, clock, a: new Host(cm, A1), a2: new Host(cm, A2), b: new Host(cm, B1), b2: new Host(cm, B2) };
}

describe('commands and CDB rules', () => {
  test('unsupported opcode: 20h/00h, pointer CDB byte 0', () => {
    const { a } = setup();
    expectSense(a.run(0, Uint8Array.of(0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0)), {
      key: IR,
      asc: 0x20,
      ascq: 0,
      pointer: cdbAt(0),
    });
    // THIRD-PARTY COPY OUT with a service action this copy manager does not implement.
    expectSense(a.run(0, Uint8Array.of(0x83, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), {
      key: IR,
      asc: 0x20,
      ascq: 0,
    });
  });

  test('unknown LUN: 25h/00h; INQUIRY there answers peripheral qualifier 3', () => {
    const { a } = setup();
    expectSense(a.run(9, encodeTestUnitReadyCdb({ control: 0 })), { key: IR, asc: 0x25, ascq: 0, pointer: null });
    const inq = a.run(9, encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 96, control: 0 }));
    expectGood(inq);
    expect(inq.dataIn?.[0]).toBe(0x7f);
  });

  test('a CDB cut short: 24h/00h from the codec error', () => {
    const { a } = setup();
    const r = a.run(0, Uint8Array.of(0x83, 0x10, 0, 0));
    expectSense(r, { key: IR, asc: 0x24, ascq: 0 });
  });

  test('READ/WRITE beyond capacity: 21h/00h at the LBA; too long: 24h/00h at TRANSFER LENGTH', () => {
    const { a } = setup({ maxTransferLength: 16 });
    expectSense(a.read(0, (1n << 20n) - 1n, 2), { key: IR, asc: 0x21, ascq: 0, pointer: cdbAt(2) });
    expectSense(a.read(0, 0, 17), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(10) });
    expectGood(a.read(0, 0, 0));
  });

  test('TEST UNIT READY, READ CAPACITY (16), REPORT LUNS, data-in cut to ALLOCATION LENGTH', () => {
    const { a } = setup();
    expectGood(a.run(0, encodeTestUnitReadyCdb({ control: 0 })));
    const rc = a.run(
      1,
      encodeReadCapacity16Cdb({ logicalBlockAddress: 0n, allocationLength: 32, pmi: false, control: 0 }),
    );
    const v = new DataView((rc.dataIn as Uint8Array).buffer);
    expect(v.getBigUint64(0)).toBe((1n << 17n) - 1n);
    expect(v.getUint32(8)).toBe(4096);
    const rl = a.run(0, encodeReportLunsCdb({ selectReport: 0, allocationLength: 64, control: 0 }));
    expect([...(rl.dataIn as Uint8Array)]).toEqual([
      0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
    ]);
    const short = a.run(0, encodeReportLunsCdb({ selectReport: 0, allocationLength: 4, control: 0 }));
    expect(short.dataIn?.length).toBe(4);
  });

  test('VPD pages tell the enforced limits', () => {
    const opts = {
      maxRangeDescriptors: 7,
      maxTokenTransferSize: 1234n,
      maxTransferLength: 99,
      defaultInactivityTimeout: 11,
      maxInactivityTimeout: 22,
      maxConcurrentCopies: 3,
    };
    const { a } = setup(opts);
    const inq = (page: number) =>
      a.run(0, encodeInquiryCdb({ evpd: true, pageCode: page, allocationLength: 0xffff, control: 0 }))
        .dataIn as Uint8Array;
    expect(decodeSupportedVpdPagesVpdPage(inq(0x00), { strict: true }).supportedPageCodes).toEqual([
      0x00, 0x83, 0x8f, 0xb0, 0xb1,
    ]);
    expect(decodeBlockLimitsVpdPage(inq(0xb0), { strict: true }).maximumTransferLength).toBe(99);
    const tpc = decodeThirdPartyCopyVpdPage(inq(0x8f), { strict: true });
    expect(validateThirdPartyCopyVpdPage(inq(0x8f), { blockLength: 512 })).toEqual([]);
    const limits = tpc.descriptors.find((d) => d.kind === 'blockDeviceRodLimits');
    expect(limits).toMatchObject({
      maximumRangeDescriptors: 7,
      maximumTokenTransferSize: 1234n,
      defaultInactivityTimeout: 11,
      maximumInactivityTimeout: 22,
    });
    expect(tpc.descriptors.find((d) => d.kind === 'generalCopyOperations')).toMatchObject({
      totalConcurrentCopies: 3,
      maximumIdentifiedConcurrentCopies: 3,
    });
    expect(tpc.descriptors.find((d) => d.kind === 'rodTokenFeatures')).toMatchObject({ remoteTokens: 0 });
    const id = decodeDeviceIdentificationVpdPage(inq(0x83), { strict: true });
    expect(id.designationDescriptors.map((d) => d.association)).toEqual([0, 1, 2]);
    expectSense(a.run(0, encodeInquiryCdb({ evpd: true, pageCode: 0x80, allocationLength: 255, control: 0 })), {
      key: IR,
      asc: 0x24,
      ascq: 0,
      pointer: cdbAt(2),
    });
  });
});

describe('POPULATE TOKEN parameter list rules (SBC 5.12)', () => {
  test('PARAMETER LIST LENGTH 0: nothing happens; 1..15: 1Ah/00h', () => {
    const { a } = setup();
    expectGood(a.populateRaw(0, 1, new Uint8Array(0), 0));
    expectSense(a.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
    expectSense(a.populateRaw(0, 1, new Uint8Array(15), 15), { key: IR, asc: 0x1a, ascq: 0 });
  });

  test('DATA LENGTH < 1Eh: 26h/00h at byte 0', () => {
    const { a } = setup();
    const list = ptList([{ lba: 0, count: 1 }]);
    list[1] = 0x1d;
    expectSense(a.populateRaw(0, 1, list), { key: IR, asc: 0x26, ascq: 0, pointer: parAt(0) });
  });

  test('range list shorter than one descriptor: 26h/00h at byte 14', () => {
    const { a } = setup();
    const list = ptList([{ lba: 0, count: 1 }]);
    list[15] = 8;
    expectSense(a.populateRaw(0, 1, list), { key: IR, asc: 0x26, ascq: 0, pointer: parAt(14) });
  });

  test('partial last descriptor and descriptors cut off by PARAMETER LIST LENGTH are ignored', () => {
    const { a } = setup();
    const list = ptList([
      { lba: 0, count: 2 },
      { lba: 10, count: 3 },
    ]);
    // Parameter list length stops in the middle of the second descriptor.
    expectGood(a.populateRaw(0, 1, list, 40));
    expect(a.rrti(0, 1).transferCount).toBe(2n);
  });

  test('INACTIVITY TIMEOUT above the maximum: 26h/00h at byte 4', () => {
    const { a } = setup({ maxInactivityTimeout: 100 });
    expectSense(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 101 }), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: parAt(4),
    });
    expectGood(a.populate(0, 1, [{ lba: 0, count: 1 }], { inactivityTimeout: 100 }));
  });

  test('RTV with an unsupported ROD TYPE: 26h/00h at byte 8', () => {
    const { a } = setup();
    for (const rodType of [ROD_TYPE.POINT_IN_TIME_COPY_COPY_ON_WRITE, ROD_TYPE.BLOCK_DEVICE_ZERO, 0xffff_fff0]) {
      expectSense(a.populate(0, 1, [{ lba: 0, count: 1 }], { rtv: true, rodType }), {
        key: IR,
        asc: 0x26,
        ascq: 0,
        pointer: parAt(8),
      });
    }
    // Without RTV the ROD TYPE field is ignored and the copy manager picks point-in-time default.
    const tok = a.token(0, 1, [{ lba: 0, count: 1 }], { rtv: false, rodType: 0xffff_fff0 });
    expect(decodeRodToken(tok).rodType).toBe(ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT);
    // "Any point in time" gives a persistent token.
    const any = a.token(0, 2, [{ lba: 0, count: 1 }], { rtv: true, rodType: ROD_TYPE.POINT_IN_TIME_COPY_ANY });
    expect(decodeRodToken(any).rodType).toBe(ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT);
  });

  test('too many descriptors: 26h/08h; too many blocks in total: 26h/00h; MAXIMUM TRANSFER LENGTH does not limit a range', () => {
    const { a } = setup({ maxRangeDescriptors: 2, maxTransferLength: 8, maxTokenTransferSize: 12n });
    const three = [0, 10, 20].map((lba) => ({ lba, count: 1 }));
    expectSense(a.populate(0, 1, three), { key: IR, asc: 0x26, ascq: 0x08, pointer: parAt(14) });
    // 9 blocks in one descriptor, above Block Limits MAXIMUM TRANSFER LENGTH (8): SBC-5 5.12.3 limits
    // a range by MAXIMUM BYTES IN BLOCK ROD (8Fh), here 12 blocks' worth.
    expectGood(
      a.populate(0, 1, [
        { lba: 0, count: 1 },
        { lba: 10, count: 9 },
      ]),
    );
    expectSense(
      a.populate(0, 2, [
        { lba: 0, count: 8 },
        { lba: 10, count: 5 },
      ]),
      { key: IR, asc: 0x26, ascq: 0, pointer: parAt(14) },
    );
  });

  test('overlapping descriptors: 26h/00h at the later one; beyond capacity: 21h/00h at its LBA', () => {
    const { a } = setup();
    expectSense(
      a.populate(0, 1, [
        { lba: 10, count: 5 },
        { lba: 0, count: 1 },
        { lba: 14, count: 1 },
      ]),
      { key: IR, asc: 0x26, ascq: 0, pointer: parAt(16 + 32) },
    );
    expectSense(
      a.populate(0, 1, [
        { lba: 0, count: 1 },
        { lba: (1n << 20n) - 1n, count: 2 },
      ]),
      { key: IR, asc: 0x21, ascq: 0, pointer: parAt(32) },
    );
  });

  test('token limits: 55h/0Dh, per nexus and in total; nothing live is freed', () => {
    const { a, a2, b } = setup({ maxLiveTokens: 3, maxTokensPerNexus: 2 });
    const t1 = a.token(0, 1, [{ lba: 0, count: 8 }]);
    a.token(0, 2, [{ lba: 10, count: 1 }]);
    expectSense(a.populate(0, 3, [{ lba: 2, count: 1 }]), { key: IR, asc: 0x55, ascq: 0x0d, pointer: null });
    // Another port of the same host is another I_T nexus with its own share.
    a2.token(0, 1, [{ lba: 3, count: 1 }]);
    expectSense(b.populate(0, 1, [{ lba: 4, count: 1 }]), { key: IR, asc: 0x55, ascq: 0x0d, pointer: null });
    expectGood(b.wut(1, 1, t1, [{ lba: 0, count: 1 }]));
    expect(b.cm.liveTokenCount).toBe(3);
  });

  test('list identifier of a running operation: 00h/16h OPERATION IN PROGRESS (same I_T_L nexus only)', () => {
    const { a, b, clock } = setup({ backgroundBytesPerSecond: 512 * 1000 });
    const tok = a.token(0, 1, [{ lba: 0, count: 64 }]);
    expectGood(a.wut(1, 5, tok, [{ lba: 0, count: 8 }], { immed: true }));
    expectSense(a.populate(1, 5, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x00, ascq: 0x16, pointer: cdbAt(6) });
    expectSense(a.wut(1, 5, tok, [{ lba: 8, count: 1 }]), { key: IR, asc: 0x00, ascq: 0x16, pointer: cdbAt(6) });
    expectGood(b.populate(1, 5, [{ lba: 0, count: 1 }]));
    // Another logical unit has its own list identifiers (SPC-5: the copy manager is in the LU).
    expectGood(a.populate(0, 5, [{ lba: 0, count: 1 }]));
    clock.advance(100);
    expectGood(a.populate(1, 5, [{ lba: 0, count: 1 }]));
  });

  test('list identifiers and results are per I_T_L nexus: same list ID on two LUs, RRTI to the other LU', () => {
    const { a } = setup();
    expectGood(a.populate(0, 3, [{ lba: 0, count: 2 }]));
    expectGood(a.populate(1, 3, [{ lba: 0, count: 1 }]));
    expect(a.rrti(0, 3).transferCount).toBe(2n);
    expect(a.rrti(1, 3).transferCount).toBe(1n);
    expectGood(a.populate(0, 4, [{ lba: 0, count: 2 }]));
    expectSense(a.rrtiRaw(1, 4), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
  });
});

describe('tokens (SPC 5.17.6)', () => {
  test('RRTI from another I_T nexus: 24h/00h at CDB byte 2; the token works through any port', () => {
    const { a, a2, b2 } = setup();
    expectGood(a.write(0, 0, pattern(4, 512, 1), 512));
    const tok = a.token(0, 1, [{ lba: 0, count: 4 }]);
    expectSense(a2.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
    expectGood(b2.wut(0, 1, tok, [{ lba: 100, count: 4 }]));
    expect(b2.read(0, 100, 4).dataIn).toEqual(pattern(4, 512, 1));
  });

  test('token layout: generic ROD token, creator LU, bytes represented, block device data, target device, 256+ random bits', () => {
    const { a } = setup();
    const tok = a.token(1, 1, [{ lba: 3, count: 5 }]);
    const t = decodeRodToken(tok, { strict: true });
    if (t.kind !== 'generic') throw new Error('not generic');
    expect(t.numberOfBytesRepresented).toBe(5n * 4096n);
    expect(t.creatorLogicalUnitDescriptor?.diskBlockLength).toBe(4096);
    expect(t.deviceTypeSpecificData).toMatchObject({ kind: 'blockDevice', logicalBlockLength: 4096 });
    expect(t.targetDeviceDescriptor.association).toBe(2);
    expect(t.extendedRodTokenData.slice(0, 32).some((x) => x !== 0)).toBe(true);
    // Two tokens for the same range differ (identifier and secret).
    const tok2 = a.token(1, 2, [{ lba: 3, count: 5 }]);
    expect(tok2).not.toEqual(tok);
  });

  test('forged, altered, corrupt, wrong length, unsupported type, remote', () => {
    const { a, b } = setup();
    const tok = a.token(0, 1, [{ lba: 0, count: 8 }]);
    const at16 = parAt(16);
    const flip = (i: number) => {
      const f = tok.slice();
      f[i] = (f[i] as number) ^ 1;
      return f;
    };
    expectSense(b.wut(1, 1, flip(200), [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x04, pointer: at16 });
    expectSense(b.wut(1, 1, flip(15), [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x04, pointer: at16 });
    expectSense(b.wut(1, 1, flip(7), [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x0a, pointer: parAt(22) });
    const corrupt = tok.slice();
    corrupt[16] = 0xe0; // creator descriptor type code must be E4h: TOKEN CORRUPT at that field (16 + 16)
    expectSense(b.wut(1, 1, corrupt, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x05, pointer: parAt(32) });
    const vendor = encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff0, bytes: new Uint8Array(504) });
    expectSense(b.wut(1, 1, vendor, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x01, pointer: at16 });
    const other = makeCm({}, 42); // another instance: its own random identity
    const remote = new Host(other.cm, A1).token(0, 1, [{ lba: 0, count: 8 }]);
    expectSense(b.wut(1, 1, remote, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x02, pointer: parAt(144) });
    // The genuine token still works.
    expectGood(b.wut(1, 1, tok, [{ lba: 0, count: 1 }]));
  });

  test('point-in-time default and persistent keep their image; access upon reference is not for POPULATE TOKEN', () => {
    const { a, b } = setup();
    const old = pattern(8, 512, 1);
    const neu = pattern(8, 512, 2);
    expectGood(a.write(0, 0, old, 512));
    const def = a.token(0, 1, [{ lba: 0, count: 8 }]);
    const per = a.token(0, 2, [{ lba: 0, count: 8 }], { rtv: true, rodType: ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT });
    // SBC-5 5.12.2: POPULATE TOKEN creates a point in time ROD token; RTV = 1 with another type is 26h/00h.
    expectSense(a.populate(0, 3, [{ lba: 0, count: 8 }], { rtv: true, rodType: ROD_TYPE.ACCESS_UPON_REFERENCE }), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: parAt(8),
    });
    expectGood(b.write(0, 0, neu, 512)); // overwrite the source after POPULATE TOKEN
    expectGood(b.wut(1, 1, def, [{ lba: 0, count: 1 }]));
    expectGood(b.wut(1, 2, per, [{ lba: 1, count: 1 }]));
    expect(b.read(1, 0, 1).dataIn).toEqual(old);
    expect(b.read(1, 1, 1).dataIn).toEqual(old);
  });

  test('change vulnerable: cancelled by any overlapping write through any port (23h/08h)', () => {
    const { a, b2 } = setup();
    const cv = ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE;
    const t = a.token(
      0,
      1,
      [
        { lba: 0, count: 4 },
        { lba: 100, count: 4 },
      ],
      { rtv: true, rodType: cv },
    );
    expectGood(b2.write(0, 50, pattern(1, 512, 3), 512)); // not overlapping
    expectGood(b2.wut(1, 1, t, [{ lba: 0, count: 1 }]));
    expectGood(b2.write(0, 103, pattern(1, 512, 3), 512)); // overlaps the second range
    expectSense(b2.wut(1, 1, t, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x08, pointer: parAt(16) });
    // A WRITE USING TOKEN into the range cancels too.
    const t2 = a.token(0, 2, [{ lba: 200, count: 8 }], { rtv: true, rodType: cv });
    expectGood(b2.wut(0, 2, zeroToken(), [{ lba: 207, count: 1 }]));
    expectSense(b2.wut(1, 2, t2, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x08 });
  });

  test('inactivity timeout: default when 0, refreshed on use, then 23h/07h; record kept, later 23h/04h', () => {
    const { a, b, clock } = setup({ defaultInactivityTimeout: 10 });
    const t = a.token(0, 1, [{ lba: 0, count: 8 }]);
    clock.advance(9_000);
    expectGood(b.wut(1, 1, t, [{ lba: 0, count: 1 }])); // refreshes
    clock.advance(10_000);
    expectGood(b.wut(1, 1, t, [{ lba: 0, count: 1 }])); // exactly at the limit: still valid
    clock.advance(10_001);
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x07, pointer: parAt(16) });
    clock.advance(55_000);
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x07 });
    clock.advance(10_000); // records live max(2 x timeout, 60 s) after the event
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x04 });
    expect(a.cm.liveTokenCount).toBe(0);
  });

  test('DEL_TKN: deleted after the command (23h/09h)', () => {
    const { a, b } = setup();
    const t = a.token(0, 1, [{ lba: 0, count: 8 }]);
    expectGood(b.wut(1, 1, t, [{ lba: 0, count: 1 }], { delTkn: true }));
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x09, pointer: parAt(16) });
  });

  test('invalidation records are bounded (maxInvalidationRecords): the oldest falls back to TOKEN UNKNOWN', () => {
    const { a, b } = setup({ maxLiveTokens: 2, maxTokensPerNexus: 2, maxInvalidationRecords: 8 });
    const tokens: Uint8Array[] = [];
    for (let i = 0; i < 9; i++) {
      const t = a.token(0, 100 + i, [{ lba: i, count: 1 }]);
      expectGood(b.wut(0, 200 + i, t, [{ lba: 1000 + i, count: 1 }], { delTkn: true }));
      tokens.push(t);
    }
    // 9 deleted tokens, room for 8 records: the first is forgotten, the others keep 23h/09h.
    expectSense(b.wut(0, 1, tokens[0]!, [{ lba: 2000, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x04 });
    expectSense(b.wut(0, 1, tokens[1]!, [{ lba: 2000, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x09 });
    expectSense(b.wut(0, 1, tokens[8]!, [{ lba: 2000, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x09 });
  });

  test('invalidation records by default: 16 x maxLiveTokens, each for twice its inactivity timeout', () => {
    const { a, b, clock } = setup({ maxLiveTokens: 2, maxTokensPerNexus: 2, defaultInactivityTimeout: 60 });
    const tokens: Uint8Array[] = [];
    for (let i = 0; i < 9; i++) {
      const t = a.token(0, 100 + i, [{ lba: i, count: 1 }]);
      expectGood(b.wut(0, 200 + i, t, [{ lba: 1000 + i, count: 1 }], { delTkn: true }));
      tokens.push(t);
    }
    // 9 records fit 32: every deleted token still reads TOKEN DELETED (4 x maxLiveTokens forgot the first).
    for (const t of tokens) expectSense(b.wut(0, 1, t, [{ lba: 2000, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x09 });
    clock.advance(120_001); // past twice the inactivity timeout: forgotten (rule spc.rod-token.forgotten)
    expectSense(b.wut(0, 1, tokens[8]!, [{ lba: 2000, count: 1 }]), { key: IR, asc: 0x23, ascq: 0x04 });
  });

  test('RRTI with ALLOCATION LENGTH 0 discards the results, not the token (SPC-5 RRTI)', () => {
    const { cm, a } = setup();
    expectGood(a.populate(0, 1, [{ lba: 0, count: 4 }]));
    const r = a.rrtiRaw(0, 1, 0);
    expectGood(r);
    expect(r.dataIn?.length).toBe(0);
    expectSense(a.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
    expect(cm.liveTokenCount).toBe(1);
    const all = a.run(0, encodeReportAllRodTokensCdb({ allocationLength: 4096, control: 0 }));
    expect(decodeAllRodTokens(all.dataIn as Uint8Array, { strict: true }).rodManagementTokens.length).toBe(1);
  });

  test('RRTI data is discarded after a full transfer (SPC-5), kept after a truncated one; the token lives on', () => {
    const { a, b } = setup();
    expectGood(a.write(0, 0, pattern(4, 512, 5), 512));
    expectGood(a.populate(0, 1, [{ lba: 0, count: 4 }]));
    expect(a.rrtiRaw(0, 1, 100).dataIn?.length).toBe(100);
    const info = a.rrti(0, 1);
    expectSense(a.rrtiRaw(0, 1), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
    expectGood(b.wut(0, 2, info.token as Uint8Array, [{ lba: 100, count: 4 }]));
    expect(b.read(0, 100, 4).dataIn).toEqual(pattern(4, 512, 5));
  });

  test('REPORT ALL ROD TOKENS lists the live tokens as 96-byte management tokens', () => {
    const { a } = setup();
    const t1 = a.token(0, 1, [{ lba: 0, count: 4 }]);
    const t2 = a.token(1, 2, [{ lba: 0, count: 1 }]);
    const r = a.run(0, encodeReportAllRodTokensCdb({ allocationLength: 4096, control: 0 }));
    const all = decodeAllRodTokens(r.dataIn as Uint8Array, { strict: true });
    expect(all.rodManagementTokens).toEqual([t1.slice(0, 96), t2.slice(0, 96)]);
  });
});

describe('copies (SBC 4.28, 5.59)', () => {
  test('OFFSET INTO ROD in destination blocks, multiple ranges, 512 → 4096 (the SBC example)', () => {
    const { a, b } = setup();
    const src = pattern(101, 512, 9);
    expectGood(a.write(0, 0, src, 512));
    // Token over LBAs 15-20 and 40-100 (6 + 61 = 67 blocks of 512 bytes).
    const t = a.token(0, 1, [
      { lba: 15, count: 6 },
      { lba: 40, count: 61 },
    ]);
    // OFFSET INTO ROD 1 on a 4096-byte LU = byte 4096 = the token's 9th 512-byte block = LBA 42.
    expectGood(b.wut(1, 1, t, [{ lba: 5, count: 1 }], { offsetIntoRod: 1n }));
    expect(b.read(1, 5, 1).dataIn).toEqual(src.slice(42 * 512, 50 * 512));
    // Two destination ranges are filled in order.
    expectGood(
      b.wut(1, 2, t, [
        { lba: 10, count: 1 },
        { lba: 3, count: 1 },
      ]),
    );
    const rod = new Uint8Array([...src.slice(15 * 512, 21 * 512), ...src.slice(40 * 512, 101 * 512)]);
    expect(b.read(1, 10, 1).dataIn).toEqual(rod.slice(0, 4096));
    expect(b.read(1, 3, 1).dataIn).toEqual(rod.slice(4096, 8192));
  });

  test('within one LU, overlapping source and destination (point in time), and 4096 → 512 bytes', () => {
    const { a, b } = setup();
    const src = pattern(32, 512, 11);
    expectGood(a.write(0, 100, src, 512));
    const t = a.token(0, 1, [{ lba: 100, count: 32 }]);
    expectGood(a.wut(0, 2, t, [{ lba: 110, count: 32 }])); // shift up by 10 blocks over itself
    expect(a.read(0, 110, 32).dataIn).toEqual(src);
    expect(a.read(0, 100, 10).dataIn).toEqual(src.slice(0, 10 * 512));
    // From the 4096-byte LU back to the 512-byte LU, into two ranges.
    expectGood(b.write(1, 7, pattern(2, 4096, 12), 4096));
    const t2 = b.token(1, 3, [{ lba: 7, count: 2 }]);
    expectGood(
      b.wut(0, 4, t2, [
        { lba: 5000, count: 4 },
        { lba: 4000, count: 12 },
      ]),
    );
    expect(b.read(0, 5000, 4).dataIn).toEqual(pattern(2, 4096, 12).slice(0, 2048));
    expect(b.read(0, 4000, 12).dataIn).toEqual(pattern(2, 4096, 12).slice(2048));
  });

  test('OFFSET INTO ROD at or past the end: 26h/00h at byte 8', () => {
    const { a, b } = setup();
    const t = a.token(0, 1, [{ lba: 0, count: 16 }]); // 8192 bytes = 2 blocks of the 4096-byte LU
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 1 }], { offsetIntoRod: 2n }), {
      key: IR,
      asc: 0x26,
      ascq: 0,
      pointer: parAt(8),
    });
  });

  test('WRITE USING TOKEN DATA LENGTH rules: < 226h or ≠ 534 + range list: 26h/00h at byte 0', () => {
    const { a, b } = setup();
    const t = a.token(0, 1, [{ lba: 0, count: 1 }]);
    const list = wutList(t, [{ lba: 0, count: 1 }]);
    list[0] = 0;
    list[1] = 0x10;
    expectSense(b.wutRaw(0, 1, list), { key: IR, asc: 0x26, ascq: 0, pointer: parAt(0) });
    const two = wutList(t, [
      { lba: 0, count: 1 },
      { lba: 5, count: 1 },
    ]);
    two[1] = ((two[1] as number) - 16) & 0xff; // DATA LENGTH says one descriptor, range list says two
    expectSense(b.wutRaw(0, 1, two), { key: IR, asc: 0x26, ascq: 0, pointer: parAt(0) });
    expectSense(b.wutRaw(0, 1, list.subarray(0, 100)), { key: IR, asc: 0x1a, ascq: 0 });
  });

  test('block device zero ROD token zeroes by metadata', () => {
    const { a, b, cm } = setup();
    expectGood(a.write(0, 0, pattern(64, 512, 4), 512));
    expectGood(b.wut(0, 1, zeroToken(), [{ lba: 8, count: 40 }]));
    expect(b.read(0, 8, 40).dataIn).toEqual(new Uint8Array(40 * 512));
    expect(b.read(0, 0, 8).dataIn).toEqual(pattern(64, 512, 4).slice(0, 8 * 512));
    const lu = engineOf(cm).lu(0);
    expect(lu.store.extentCount).toBe(2);
    expect(b.rrti(0, 1)).toMatchObject({ copyOperationStatus: 1, transferCount: 40n });
  });

  test('short token, zero-fill (SBC): whole blocks, zero-padded partial block, 0Dh/04h with INFORMATION = count', () => {
    const { a, b } = setup();
    const src = pattern(12, 512, 5);
    expectGood(a.write(0, 0, src, 512));
    const t = a.token(0, 1, [{ lba: 0, count: 12 }]); // 6144 bytes = 1.5 blocks of 4096
    expectGood(b.write(1, 0, pattern(4, 4096, 6), 4096));
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 4 }]), { key: CA, asc: 0x0d, ascq: 0x04, information: 2n });
    const back = b.read(1, 0, 4).dataIn as Uint8Array;
    expect(back.slice(0, 6144)).toEqual(src);
    expect(back.slice(6144, 8192)).toEqual(new Uint8Array(2048));
    expect(back.slice(8192)).toEqual(pattern(4, 4096, 6).slice(8192));
    const info = b.rrti(1, 1);
    expect(info).toMatchObject({ copyOperationStatus: 3, extendedCopyCompletionStatus: 2, transferCount: 2n });
    expect(info.senseData).toMatchObject({ senseKey: CA, additionalSenseCode: 0x0d, additionalSenseCodeQualifier: 4 });
  });

  test('short token whose zero-filled partial block completes the request: GOOD, RRTI 01h (SBC-5 4.28.2)', () => {
    const { a, b } = setup();
    const src = pattern(12, 512, 5);
    expectGood(a.write(0, 0, src, 512));
    const t = a.token(0, 1, [{ lba: 0, count: 12 }]); // 6144 bytes = 1.5 blocks of 4096
    // Two destination blocks asked for, two written (the second half zero): no shortfall.
    expectGood(b.wut(1, 1, t, [{ lba: 0, count: 2 }]));
    const back = b.read(1, 0, 2).dataIn as Uint8Array;
    expect(back.slice(0, 6144)).toEqual(src);
    expect(back.slice(6144)).toEqual(new Uint8Array(2048));
    expect(b.rrti(1, 1)).toMatchObject({ copyOperationStatus: 1, extendedCopyCompletionStatus: 0, transferCount: 2n });
  });

  test('short token, policy underrun (not SBC): no partial block, underrun reported', () => {
    const { a, b } = setup({ shortTokenPolicy: 'underrun' });
    const t = a.token(0, 1, [{ lba: 0, count: 12 }]);
    expectSense(b.wut(1, 1, t, [{ lba: 0, count: 4 }]), { key: CA, asc: 0x0d, ascq: 0x04, information: 1n });
    // Less than one destination block left: nothing transferred, ILLEGAL REQUEST.
    const small = a.token(0, 2, [{ lba: 0, count: 4 }]);
    expectSense(b.wut(1, 2, small, [{ lba: 0, count: 1 }]), { key: IR, asc: 0x0d, ascq: 0x04, information: 0n });
  });

  test('IMMED: background copy at the configured rate; RRTI 12h with a growing count, then 01h', () => {
    const { a, b, clock } = setup({ backgroundBytesPerSecond: 4096 * 1000 }); // one 4096-byte block per ms
    expectGood(a.write(0, 0, pattern(80, 512, 7), 512));
    const t = a.token(0, 1, [{ lba: 0, count: 80 }]);
    expectGood(b.wut(1, 9, t, [{ lba: 0, count: 10 }], { immed: true }));
    let info = b.rrti(1, 9);
    expect(info).toMatchObject({ copyOperationStatus: 0x12, transferCount: 0n, estimatedStatusUpdateDelay: 10 });
    clock.advance(4);
    info = b.rrti(1, 9);
    expect(info).toMatchObject({ copyOperationStatus: 0x12, transferCount: 4n, estimatedStatusUpdateDelay: 6 });
    expect(b.read(1, 0, 4).dataIn).toEqual(pattern(80, 512, 7).slice(0, 4 * 4096));
    expect(b.read(1, 4, 1).dataIn).toEqual(new Uint8Array(4096));
    clock.advance(100);
    info = b.rrti(1, 9);
    expect(info).toMatchObject({ copyOperationStatus: 1, transferCount: 10n, estimatedStatusUpdateDelay: 0xffff_fffe });
    expect(b.read(1, 0, 10).dataIn).toEqual(pattern(80, 512, 7));
  });

  test('COPY OPERATION ABORT ends a background copy with 60h; unknown list ID: 24h/00h', () => {
    const { a, b, clock } = setup({ backgroundBytesPerSecond: 4096 * 1000 });
    const t = a.token(0, 1, [{ lba: 0, count: 80 }]);
    expectGood(b.wut(1, 9, t, [{ lba: 0, count: 10 }], { immed: true }));
    clock.advance(3);
    expectGood(b.abort(1, 9));
    clock.advance(100);
    expectGood(b.abort(1, 9)); // finished operations: no effect
    expect(b.rrti(1, 9)).toMatchObject({
      copyOperationStatus: 0x60,
      extendedCopyCompletionStatus: 0x40,
      transferCount: 3n,
    });
    expectSense(b.abort(1, 77), { key: IR, asc: 0x24, ascq: 0, pointer: cdbAt(2) });
  });

  test('maximum concurrent copies: the next background copy gets 55h/03h', () => {
    const { a, b, clock } = setup({ backgroundBytesPerSecond: 4096, maxConcurrentCopies: 2 });
    const t = a.token(0, 1, [{ lba: 0, count: 80 }]);
    expectGood(b.wut(1, 1, t, [{ lba: 0, count: 2 }], { immed: true }));
    expectGood(b.wut(1, 2, t, [{ lba: 2, count: 2 }], { immed: true }));
    // ABORTED COMMAND (a transient shortage the host may retry; what Windows' class driver expects).
    expectSense(b.wut(1, 3, t, [{ lba: 4, count: 2 }], { immed: true }), {
      key: 0xb,
      asc: 0x55,
      ascq: 0x03,
      pointer: null,
    });
    expect(b.cm.runningCopies).toBe(2);
    clock.advance(2000);
    expectGood(b.wut(1, 3, t, [{ lba: 4, count: 2 }], { immed: true }));
  });

  test('RECEIVE COPY STATUS (LID4) reports the same status without token; RRTI data cut to ALLOCATION LENGTH', () => {
    const { a } = setup();
    expectGood(a.populate(0, 1, [{ lba: 0, count: 4 }]));
    const rcs = a.rcs(0, 1);
    expectGood(rcs);
    expect(rcs.dataIn?.length).toBe(32);
    const r = a.rrtiRaw(0, 1, 40);
    expect(r.dataIn?.length).toBe(40);
    expect(new DataView((r.dataIn as Uint8Array).buffer).getUint32(0)).toBe(546);
  });

  test('PT and WUT bodies of the parameter lists round-trip through the encoders (sanity)', () => {
    expect(ptList([{ lba: 1, count: 2 }]).length).toBe(32);
  });
});
