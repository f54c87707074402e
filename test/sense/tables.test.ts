import { describe, expect, it } from 'vitest';
import { ASC_ASCQ, ascAscqName, ascAscqTable } from '../../src/constants/asc-ascq.js';
import { SAM_STATUS, samStatusName } from '../../src/constants/sam-status.js';
import { SENSE_KEY, senseKeyName } from '../../src/constants/sense-key.js';

describe('ASC/ASCQ names (T10 asc-num list via sg3_utils)', () => {
  it.each([
    [0x00, 0x00, 'NO ADDITIONAL SENSE INFORMATION'],
    [0x00, 0x16, 'OPERATION IN PROGRESS'],
    [0x04, 0x07, 'LOGICAL UNIT NOT READY, OPERATION IN PROGRESS'],
    [0x08, 0x04, 'UNREACHABLE COPY TARGET'],
    [0x0d, 0x00, 'ERROR DETECTED BY THIRD PARTY TEMPORARY INITIATOR'],
    [0x0d, 0x01, 'THIRD PARTY DEVICE FAILURE'],
    [0x0d, 0x02, 'COPY TARGET DEVICE NOT REACHABLE'],
    [0x0d, 0x03, 'INCORRECT COPY TARGET DEVICE TYPE'],
    [0x0d, 0x04, 'COPY TARGET DEVICE DATA UNDERRUN'],
    [0x0d, 0x05, 'COPY TARGET DEVICE DATA OVERRUN'],
    [0x10, 0x01, 'LOGICAL BLOCK GUARD CHECK FAILED'],
    [0x11, 0x00, 'UNRECOVERED READ ERROR'],
    [0x1a, 0x00, 'PARAMETER LIST LENGTH ERROR'],
    [0x20, 0x00, 'INVALID COMMAND OPERATION CODE'],
    [0x21, 0x00, 'LOGICAL BLOCK ADDRESS OUT OF RANGE'],
    [0x22, 0x00, 'ILLEGAL FUNCTION (USE 20 00, 24 00, OR 26 00)'],
    [0x23, 0x00, 'INVALID TOKEN OPERATION, CAUSE NOT REPORTABLE'],
    [0x23, 0x01, 'INVALID TOKEN OPERATION, UNSUPPORTED TOKEN TYPE'],
    [0x23, 0x02, 'INVALID TOKEN OPERATION, REMOTE TOKEN USAGE NOT SUPPORTED'],
    [0x23, 0x03, 'INVALID TOKEN OPERATION, REMOTE ROD TOKEN CREATION NOT SUPPORTED'],
    [0x23, 0x04, 'INVALID TOKEN OPERATION, TOKEN UNKNOWN'],
    [0x23, 0x05, 'INVALID TOKEN OPERATION, TOKEN CORRUPT'],
    [0x23, 0x06, 'INVALID TOKEN OPERATION, TOKEN REVOKED'],
    [0x23, 0x07, 'INVALID TOKEN OPERATION, TOKEN EXPIRED'],
    [0x23, 0x08, 'INVALID TOKEN OPERATION, TOKEN CANCELLED'],
    [0x23, 0x09, 'INVALID TOKEN OPERATION, TOKEN DELETED'],
    [0x23, 0x0a, 'INVALID TOKEN OPERATION, INVALID TOKEN LENGTH'],
    [0x24, 0x00, 'INVALID FIELD IN CDB'],
    [0x25, 0x00, 'LOGICAL UNIT NOT SUPPORTED'],
    [0x26, 0x00, 'INVALID FIELD IN PARAMETER LIST'],
    [0x26, 0x04, 'INVALID RELEASE OF PERSISTENT RESERVATION'],
    [0x26, 0x08, 'TOO MANY SEGMENT DESCRIPTORS'],
    [0x26, 0x0d, 'COPY SEGMENT GRANULARITY VIOLATION'],
    [0x26, 0x16, 'FAST COPY NOT POSSIBLE'],
    [0x27, 0x07, 'SPACE ALLOCATION FAILED WRITE PROTECT'],
    [0x29, 0x07, 'I_T NEXUS LOSS OCCURRED'],
    [0x2a, 0x09, 'CAPACITY DATA HAS CHANGED'],
    [0x2c, 0x11, 'DESCRIPTOR FORMAT SENSE DATA REQUIRED'],
    [0x2f, 0x02, 'COMMANDS CLEARED BY DEVICE SERVER'],
    [0x38, 0x07, 'THIN PROVISIONING SOFT THRESHOLD REACHED'],
    [0x3f, 0x0e, 'REPORTED LUNS DATA HAS CHANGED'],
    [0x3f, 0x15, 'INSPECT REFERRALS SENSE DESCRIPTORS'],
    [0x40, 0x00, 'RAM FAILURE (SHOULD USE 40 NN)'],
    [0x44, 0x00, 'INTERNAL TARGET FAILURE'],
    [0x55, 0x03, 'INSUFFICIENT RESOURCES'],
    [0x55, 0x0c, 'INSUFFICIENT RESOURCES TO CREATE ROD'],
    [0x55, 0x0d, 'INSUFFICIENT RESOURCES TO CREATE ROD TOKEN'],
    [0x5d, 0xff, 'FAILURE PREDICTION THRESHOLD EXCEEDED (FALSE)'],
    [0x74, 0x79, 'SECURITY CONFLICT IN TRANSLATED DEVICE'],
  ])('%d/%d → %s', (asc, ascq, name) => {
    expect(ascAscqName(asc, ascq)).toBe(name);
  });
  it('T10 range entries', () => {
    expect(ascAscqName(0x40, 0x80)).toBe('DIAGNOSTIC FAILURE ON COMPONENT 80H');
    expect(ascAscqName(0x40, 0xff)).toBe('DIAGNOSTIC FAILURE ON COMPONENT FFH');
    expect(ascAscqName(0x40, 0x01)).toBeUndefined(); // 01h-7Fh reserved
    expect(ascAscqName(0x4d, 0x00)).toBe('TAGGED OVERLAPPED COMMANDS (00H = TASK TAG)');
    expect(ascAscqName(0x4d, 0x2a)).toBe('TAGGED OVERLAPPED COMMANDS (2AH = TASK TAG)');
    expect(ascAscqName(0x70, 0x05)).toBe('DECOMPRESSION EXCEPTION SHORT ALGORITHM ID OF 05H');
  });
  it('vendor-specific ranges', () => {
    expect(ascAscqName(0x80, 0x00)).toBe('VENDOR SPECIFIC (ASC 80H, ASCQ 00H)');
    expect(ascAscqName(0xff, 0xff)).toBe('VENDOR SPECIFIC (ASC FFH, ASCQ FFH)');
    expect(ascAscqName(0x24, 0x85)).toBe('VENDOR SPECIFIC QUALIFICATION OF ASC 24H (ASCQ 85H)');
    expect(ascAscqName(0x5d, 0xff)).toBe('FAILURE PREDICTION THRESHOLD EXCEEDED (FALSE)'); // exact entry wins
  });
  it('reserved codes and non-bytes are undefined', () => {
    expect(ascAscqName(0x23, 0x0b)).toBeUndefined();
    expect(ascAscqName(0x0f, 0x00)).toBeUndefined();
    expect(ascAscqName(0x7f, 0x00)).toBeUndefined();
    expect(ascAscqName(-1, 0)).toBeUndefined();
    expect(ascAscqName(0x100, 0)).toBeUndefined();
    expect(ascAscqName(1.5, 0)).toBeUndefined();
  });
  it('table size and shape', () => {
    const t = ascAscqTable();
    // Every exact entry of sg3_utils' copy of T10's list (asc-num.txt 20231114) — the three range
    // entries and the vendor ranges come on top, by rule.
    expect(t.size).toBe(762);
    expect(ascAscqTable()).toBe(t); // built once
    for (const [k, v] of t) {
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(0x8000); // no vendor ASC in the standard list
      expect(v).toMatch(/^[A-Z0-9][A-Z0-9 ,.&/()_'+-]*$/);
      expect(v).toBe(v.toUpperCase());
    }
  });
  it('every ASC_ASCQ constant names a table entry', () => {
    for (const [key, code] of Object.entries(ASC_ASCQ)) {
      const name = ascAscqName(code >> 8, code & 0xff);
      expect(name, key).toBeDefined();
      expect(name?.replace(/[^A-Z0-9]+/g, '_').replace(/_$/, ''), key).toBe(key);
    }
  });
});

describe('sense keys and SAM status', () => {
  it('names every sense key', () => {
    expect(senseKeyName(SENSE_KEY.ILLEGAL_REQUEST)).toBe('ILLEGAL REQUEST');
    expect(senseKeyName(SENSE_KEY.COPY_ABORTED)).toBe('COPY ABORTED');
    expect(senseKeyName(0xf)).toBe('COMPLETED');
    expect(senseKeyName(16)).toBeUndefined();
    expect(senseKeyName(0.5)).toBeUndefined();
    expect(Object.values(SENSE_KEY)).toEqual([...Array(16).keys()]);
  });
  it('names SAM status codes', () => {
    expect(samStatusName(SAM_STATUS.CHECK_CONDITION)).toBe('CHECK CONDITION');
    expect(samStatusName(SAM_STATUS.TASK_SET_FULL)).toBe('TASK SET FULL');
    expect(samStatusName(0x01)).toBeUndefined();
    for (const v of Object.values(SAM_STATUS)) expect(samStatusName(v)).toBeDefined();
  });
});
