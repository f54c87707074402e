/**
 * `execute()` paths no test reached before (issue 17, mutation testing): a reserved CDB bit set
 * (strict decoding decides), NACA on a command this copy manager does not implement, a parameter
 * list the codec refuses inside EXTENDED COPY, RECEIVE COPY DATA (LID4) of a POPULATE TOKEN, and
 * the default and given INQUIRY identification. Exact sense and bytes, through `execute()`.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeExtendedCopyLid1Cdb,
  encodeInquiryCdb,
  encodeReceiveCopyDataLid4Cdb,
  encodeReportTargetPortGroupsCdb,
} from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { decodeStandardInquiryData } from '../../src/data-in/index.js';
import { encodeExtendedCopyLid1ParameterList } from '../../src/parameter-list/index.js';
import { decodeCopyDataLid4 } from '../../src/status/index.js';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';
import { b2b, e4, luNaa } from './xcopy-helpers.js';

const IR = 5;

describe('CDB decoding in execute()', () => {
  test('a reserved bit of TEST UNIT READY: INVALID FIELD IN CDB at that bit', () => {
    const { cm } = makeCm();
    const cdb = new Uint8Array(6);
    cdb[2] = 0x10;
    expectSense(cm.execute({ nexus: A1, lun: 0, cdb }), {
      key: IR,
      asc: 0x24,
      ascq: 0,
      pointer: { cd: true, field: 2, bit: 4 },
    });
    expectGood(cm.execute({ nexus: A1, lun: 0, cdb: new Uint8Array(6) }));
  });

  test('what only strict decoding refuses besides reserved bits (a byte past the CDB) is decided leniently', () => {
    const { cm } = makeCm();
    expectGood(cm.execute({ nexus: A1, lun: 0, cdb: new Uint8Array(7) }));
  });

  test('NACA on a command that is not implemented (REPORT TARGET PORT GROUPS without ALUA): 20h/00h', () => {
    const { cm } = makeCm();
    const cdb = encodeReportTargetPortGroupsCdb({ parameterDataFormat: 0, allocationLength: 64, control: 0x04 });
    expectSense(cm.execute({ nexus: A1, lun: 0, cdb }), {
      key: IR,
      asc: 0x20,
      ascq: 0,
      pointer: { cd: true, field: 0 },
    });
  });
});

describe('parameter lists the codec refuses', () => {
  test('EXTENDED COPY (LID1) with a 02h segment of DESCRIPTOR LENGTH 0014h: INVALID FIELD IN PARAMETER LIST', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const p = encodeExtendedCopyLid1ParameterList({
      listIdentifier: 1,
      str: false,
      listIdUsage: 0,
      priority: 0,
      cscdDescriptors: [e4(luNaa(h, 0))],
      segmentDescriptors: [b2b(0, 0, 1, 0n, 1n)],
      inlineData: new Uint8Array(0),
    });
    new DataView(p.buffer).setUint16(16 + 32 + 2, 0x14);
    const r = h.run(0, encodeExtendedCopyLid1Cdb({ parameterListLength: p.length, control: 0 }), p);
    expectSense(r, { key: IR, asc: 0x26, ascq: 0, pointer: { cd: false, field: 50 } });
  });
});

describe('RECEIVE COPY DATA (LID4) of a POPULATE TOKEN', () => {
  test('the status header RECEIVE COPY STATUS (LID4) reports, and no held data', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    expectGood(h.populate(0, 5, [{ lba: 0, count: 7 }]));
    const r = h.run(0, encodeReceiveCopyDataLid4Cdb({ listIdentifier: 5, allocationLength: 1024, control: 0 }));
    expectGood(r);
    const d = decodeCopyDataLid4(r.dataIn as Uint8Array, { strict: true });
    expect(d).toMatchObject({
      responseToServiceAction: 0x10,
      copyOperationStatus: 0x01,
      operationCounter: 1,
      extendedCopyCompletionStatus: 0,
      transferCountUnits: 0xf1,
      transferCount: 7n,
      segmentsProcessed: 0,
      hdd: false,
    });
    expect(d.heldData.length).toBe(0);
  });
});

describe('standard INQUIRY identification', () => {
  const inquiry = (o: { vendorIdentification?: string; productIdentification?: string }) => {
    const { cm } = makeCm(o);
    const r = cm.execute({
      nexus: A1,
      lun: 0,
      cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 96, control: 0 }),
    });
    expectGood(r);
    return decodeStandardInquiryData(r.dataIn as Uint8Array);
  };
  test('defaults: SCSI-ODX, COPY MANAGER', () => {
    const d = inquiry({});
    expect(d.t10VendorIdentification.trimEnd()).toBe('SCSI-ODX');
    expect(d.productIdentification.trimEnd()).toBe('COPY MANAGER');
  });
  test('given: as given', () => {
    const d = inquiry({ vendorIdentification: 'ACME', productIdentification: 'THING' });
    expect(d.t10VendorIdentification.trimEnd()).toBe('ACME');
    expect(d.productIdentification.trimEnd()).toBe('THING');
  });
});

describe('engineOf (diagnostics)', () => {
  test('refuses an object that is not a CopyManager', () => {
    expect(() => engineOf({} as never)).toThrow(new TypeError('not a CopyManager'));
    expect(engineOf(makeCm().cm)).toBeDefined();
  });
});
