/**
 * Standard INQUIRY data of the copy manager: RMB, LU_CONG, NORMACA and HISUP read as cleared
 * (issue 17, fifth session; the other flags are in inquiry.kill.test.ts). NORMACA = 0 is what makes
 * NACA = 1 in a CDB's CONTROL byte an error (SAM-5). Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeInquiryCdb } from '../../src/cdb/index.js';
import { decodeStandardInquiryData } from '../../src/data-in/index.js';
import { A1, expectGood, makeCm } from './helpers.js';

describe('standard INQUIRY data: the flags a disk without removable media and ACA clears', () => {
  test('RMB, LU_CONG, NORMACA, HISUP are 0', () => {
    const { cm } = makeCm();
    const r = cm.execute({
      nexus: A1,
      lun: 0,
      cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 255, control: 0 }),
    });
    expectGood(r);
    expect(decodeStandardInquiryData(r.dataIn as Uint8Array, { strict: true })).toMatchObject({
      rmb: false,
      luCong: false,
      normaca: false,
      hisup: false,
    });
  });
});
