import { describe, expect, it } from 'vitest';
import { arbDeviceIdentificationVpdPage } from '../../src/arbitraries/vpd.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import {
  decodeDeviceIdentificationVpdPage,
  encodeDeviceIdentificationVpdPage,
} from '../../src/vpd/device-identification.js';
import { decodeVpdPage } from '../../src/vpd/vpd-page.js';
import { describeLaws } from '../laws.js';
import { h, vector } from './hex.js';

describeLaws({
  name: 'DeviceIdentificationVpdPage',
  arb: arbDeviceIdentificationVpdPage(),
  encode: encodeDeviceIdentificationVpdPage,
  decode: decodeDeviceIdentificationVpdPage,
  fuzzMaxLength: 400,
});

function codecError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

/** Header fields of a descriptor, for compact expectations. */
const hdr = (d: {
  protocolIdentifier: number;
  codeSet: number;
  piv: boolean;
  association: number;
  designatorType: number;
}) => [d.protocolIdentifier, d.codeSet, d.piv, d.association, d.designatorType];

describe('sg3_utils inhex/vpd_dev_id.hex', () => {
  const bytes = vector('sg3utils_inhex_vpd_dev_id.hex');
  it('decodes (strict) to NAA-5 LU, SAS target port, relative port, target device NAA, SCSI name string', () => {
    const p = decodeDeviceIdentificationVpdPage(bytes, { strict: true });
    expect([p.peripheralQualifier, p.peripheralDeviceType, p.issues]).toEqual([0, 0, undefined]);
    expect(p.designationDescriptors.map(hdr)).toEqual([
      [0, 1, false, 0, 3],
      [6, 1, true, 1, 3],
      [6, 1, true, 1, 4],
      [6, 1, true, 2, 3],
      [0, 3, false, 2, 8],
    ]);
    const [lu, port, rel, dev, name] = p.designationDescriptors;
    expect(lu?.designator).toEqual(h('50 00 c5 00 30 11 cb 2b'));
    expect(port?.designator).toEqual(h('50 00 c5 00 30 11 cb 29'));
    expect(rel?.designator).toEqual(h('00 00 00 01'));
    expect(dev?.designator).toEqual(h('50 00 c5 00 30 11 cb 28'));
    expect(String.fromCharCode(...(name?.designator ?? []))).toBe('naa.5000C5003011CB28\0\0\0\0');
    expect(encodeDeviceIdentificationVpdPage(p)).toEqual(bytes);
    expect(decodeVpdPage(bytes)).toEqual(p);
  });
});

describe('sg3_utils inhex/vpd_di_all.hex', () => {
  const bytes = vector('sg3utils_inhex_vpd_di_all.hex');
  it('decodes one descriptor of every designator type 0h-Ah and re-encodes byte-exact', () => {
    expect(bytes.length).toBe(4 + 0x104);
    const p = decodeDeviceIdentificationVpdPage(bytes);
    expect(p.designationDescriptors.map(hdr)).toEqual([
      [0, 1, false, 0, 0],
      [0, 2, false, 0, 1],
      [0, 1, false, 0, 2],
      [0, 1, false, 0, 2],
      [0, 1, false, 0, 2],
      [0, 1, false, 0, 3],
      [0, 1, false, 0, 3],
      [0, 1, false, 1, 4],
      [0, 1, false, 1, 5],
      [0, 1, false, 0, 6],
      [0, 1, false, 0, 7],
      [0, 3, false, 2, 8],
      [9, 1, true, 1, 9],
      [0xa, 1, true, 1, 9],
      [0, 1, false, 0, 0xa],
    ]);
    const d = p.designationDescriptors;
    expect(d.map((x) => x.designator.length)).toEqual([22, 20, 8, 12, 16, 8, 16, 4, 4, 4, 16, 40, 4, 8, 18]);
    expect(String.fromCharCode(...(d[1]?.designator.subarray(0, 8) ?? []))).toBe('ABC     ');
    expect(String.fromCharCode(...(d[11]?.designator ?? []))).toBe('iqn.5886.com.acme.diskarrays-sn-a8675309');
    expect(d[14]?.designator).toEqual(h('10 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee fe dc'));
    expect(encodeDeviceIdentificationVpdPage(p)).toEqual(bytes);
  });
});

describe('83h errors', () => {
  it('a descriptor cut short by ALLOCATION LENGTH: lenient drops it and reports, strict throws', () => {
    const full = vector('sg3utils_inhex_vpd_dev_id.hex');
    const cut = full.slice(0, 30); // PAGE LENGTH still 0048h
    const p = decodeDeviceIdentificationVpdPage(cut);
    expect(p.designationDescriptors).toHaveLength(2);
    expect(p.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
      ['ERR_LENGTH_MISMATCH', 'pageLength', 2],
      ['ERR_TRUNCATED', 'designator', 28],
    ]);
    expect(codecError(() => decodeDeviceIdentificationVpdPage(cut, { strict: true })).code).toBe('ERR_LENGTH_MISMATCH');
  });
  it('wrong PAGE CODE', () => {
    const e = codecError(() => decodeDeviceIdentificationVpdPage(h('00 80 00 00')));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_UNEXPECTED_VALUE', 'pageCode', 1]);
  });
  it('designator longer than 255 bytes: ERR_FIELD_RANGE', () => {
    const e = codecError(() =>
      encodeDeviceIdentificationVpdPage({
        kind: 'deviceIdentification',
        peripheralQualifier: 0,
        peripheralDeviceType: 0,
        designationDescriptors: [
          {
            protocolIdentifier: 0,
            codeSet: 1,
            piv: false,
            association: 0,
            designatorType: 0,
            designator: new Uint8Array(256),
          },
        ],
      }),
    );
    expect([e.code, e.field, e.offset]).toEqual(['ERR_FIELD_RANGE', 'designatorLength', 7]);
  });
});
