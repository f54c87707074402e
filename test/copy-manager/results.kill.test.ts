/**
 * Response shapes and copy results the earlier kill tests left open (issue 17, fourth session):
 * GOOD without sense data has no `senseData` key at all, RECEIVE COPY DATA (LID4) of a WRITE USING
 * TOKEN that ended short carries the same status header (with its sense data) as RECEIVE COPY
 * STATUS (LID4). Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeExtendedCopyLid4Cdb,
  encodeReceiveCopyDataLid4Cdb,
  encodeReceiveCopyStatusLid4Cdb,
} from '../../src/cdb/index.js';
import { encodeExtendedCopyLid4ParameterList } from '../../src/parameter-list/index.js';
import { decodeCopyDataLid4, decodeCopyStatusLid4 } from '../../src/status/index.js';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';
import { b2b, e4, luNaa } from './xcopy-helpers.js';

function lid4(naa: Uint8Array, listIdentifier: number, gSense: boolean): Uint8Array<ArrayBuffer> {
  return encodeExtendedCopyLid4ParameterList({
    listFormat: 1,
    str: false,
    listIdUsage: 0,
    priority: 0,
    headerCscdDescriptorListLength: 0x20,
    gSense,
    immed: false,
    headerCscdDescriptorTypeCode: 0xff,
    listIdentifier,
    cscdDescriptors: [e4(naa)],
    segmentDescriptors: [b2b(0, 0, 1, 0n, 1n)],
    inlineData: new Uint8Array(0),
  });
}

describe('GOOD responses', () => {
  test('EXTENDED COPY (LID4) without G_SENSE: only a status, no senseData key', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const naa = luNaa(h, 0);
    const p = lid4(naa, 1, false);
    const r = h.run(0, encodeExtendedCopyLid4Cdb({ parameterListLength: p.length, control: 0 }), p);
    expect(r).toStrictEqual({ status: 0 });
    const g = lid4(naa, 2, true);
    const rg = h.run(0, encodeExtendedCopyLid4Cdb({ parameterListLength: g.length, control: 0 }), g);
    expect(Object.keys(rg).sort()).toEqual(['senseData', 'status']);
  });
});

describe('RECEIVE COPY DATA (LID4) of a WRITE USING TOKEN that ended short', () => {
  test('the header RECEIVE COPY STATUS (LID4) reports, sense data (0Dh/04h, INFORMATION) included', () => {
    const { cm } = makeCm({ shortTokenPolicy: 'underrun' });
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 3 }]);
    expectSense(h.wut(0, 2, t, [{ lba: 100, count: 5 }]), { key: 0x0a, asc: 0x0d, ascq: 0x04, information: 3n });
    const rcs = h.run(0, encodeReceiveCopyStatusLid4Cdb({ listIdentifier: 2, allocationLength: 1024, control: 0 }));
    expectGood(rcs);
    const st = decodeCopyStatusLid4(rcs.dataIn as Uint8Array, { strict: true });
    const rcd = h.run(0, encodeReceiveCopyDataLid4Cdb({ listIdentifier: 2, allocationLength: 1024, control: 0 }));
    expectGood(rcd);
    const cd = decodeCopyDataLid4(rcd.dataIn as Uint8Array, { strict: true });
    expect(st).toMatchObject({
      responseToServiceAction: 0x11,
      copyOperationStatus: 0x03,
      transferCountUnits: 0xf1,
      transferCount: 3n,
    });
    const { heldData, hdd, ...header } = cd;
    expect(header).toEqual(st);
    expect(hdd).toBe(false);
    expect(heldData.length).toBe(0);
    // The bytes: RECEIVE COPY DATA (LID4) is the status data with AVAILABLE DATA and HELD DATA
    // fields of its own; the sense data is the same bytes.
    const s = st.senseData;
    expect(s === undefined ? undefined : [s.senseKey, s.additionalSenseCode, s.additionalSenseCodeQualifier]).toEqual([
      0x0a, 0x0d, 0x04,
    ]);
  });
});
