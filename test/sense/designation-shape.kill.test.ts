/**
 * Device designation sense descriptor (0Eh): a designation descriptor that is not an object (a
 * number, a string, a boolean) is refused by name at its own offset, like `null`, before any of its
 * fields is read. Public behaviour only (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { encodeSenseData } from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

const header = {
  kind: 'descriptor',
  responseCode: 0x72,
  senseKey: 5,
  additionalSenseCode: 0x24,
  additionalSenseCodeQualifier: 0,
  sdatOvfl: false,
} as const;
const encode = (d: unknown) => encodeSenseData({ ...header, descriptors: [d] } as never);

describe('device designation (0Eh) encoder: the designation descriptor must be an object', () => {
  it.each([5, 'x', true, 0n])('refuses %s as designationDescriptor at byte 12', (value) => {
    expect(
      err(() => encode({ kind: 'deviceDesignation', usageReason: 1, designationDescriptor: value })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'SenseDataDescriptor',
      field: 'designationDescriptor',
      offset: 12,
      detail: 'not a designation descriptor',
    });
  });
});
