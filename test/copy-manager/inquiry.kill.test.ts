/**
 * Standard INQUIRY data of the copy manager, every flag (issue 17): the flags it clears must read as
 * cleared, 3PC set, and identifications longer than their fields are cut to 8 (vendor) and 16
 * (product) bytes. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeInquiryCdb } from '../../src/cdb/index.js';
import { decodeStandardInquiryData } from '../../src/data-in/index.js';
import { A1, expectGood, makeCm } from './helpers.js';

function inquiry(o: { vendorIdentification?: string; productIdentification?: string } = {}) {
  const { cm } = makeCm(o);
  const r = cm.execute({
    nexus: A1,
    lun: 0,
    cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 255, control: 0 }),
  });
  expectGood(r);
  return decodeStandardInquiryData(r.dataIn as Uint8Array, { strict: true });
}

describe('standard INQUIRY data: flags', () => {
  test('3PC set; PROTECT, ENCSERV, VS, MULTIP, CMDQUE and the other VS bit clear; no ALUA without groups', () => {
    expect(inquiry()).toMatchObject({
      threePc: true,
      protect: false,
      encserv: false,
      vs1: false,
      multip: false,
      cmdque: false,
      vs2: false,
      tpgs: 0,
      productRevisionLevel: '0100',
    });
  });
});

describe('standard INQUIRY data: identification fields are cut to their width', () => {
  test('a 12-character vendor keeps its first 8, a 20-character product its first 16', () => {
    const d = inquiry({ vendorIdentification: 'ABCDEFGHIJKL', productIdentification: 'PRODUCT-NAME-1234567' });
    expect(d.t10VendorIdentification).toBe('ABCDEFGH');
    expect(d.productIdentification).toBe('PRODUCT-NAME-123');
  });
});
