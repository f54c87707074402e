import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbDesignationDescriptor, arbDesignationDescriptorList } from '../../src/arbitraries/designation.js';
import {
  type DesignationDescriptor,
  decodeDesignationDescriptor,
  decodeDesignationDescriptorList,
  designatorBytesOf,
  designatorViewOf,
  encodeDesignationDescriptor,
  encodeDesignationDescriptorList,
} from '../../src/designation/index.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import { describeLaws } from '../laws.js';
import { h, inhex } from './inhex.js';

const dropIssues = <T extends { issues?: unknown }>(v: T): Omit<T, 'issues'> => {
  const { issues: _, ...rest } = v;
  return rest;
};
const dropListIssues = (v: { descriptors: readonly DesignationDescriptor[]; issues?: unknown }) => ({
  descriptors: v.descriptors.map(dropIssues),
});

describeLaws<DesignationDescriptor>({
  name: 'DesignationDescriptor (any, lenient)',
  arb: arbDesignationDescriptor(),
  encode: encodeDesignationDescriptor,
  decode: decodeDesignationDescriptor,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
});
describeLaws<DesignationDescriptor>({
  name: 'DesignationDescriptor (valid)',
  arb: arbDesignationDescriptor({ valid: true }),
  encode: encodeDesignationDescriptor,
  decode: decodeDesignationDescriptor,
});
describeLaws({
  name: 'DesignationDescriptorList (any)',
  arb: arbDesignationDescriptorList(),
  encode: encodeDesignationDescriptorList,
  decode: decodeDesignationDescriptorList,
  strictAcceptsCanonical: false,
  normalise: dropListIssues,
  fuzzMaxLength: 600,
});
describeLaws({
  name: 'DesignationDescriptorList (valid)',
  arb: arbDesignationDescriptorList({ valid: true }),
  encode: encodeDesignationDescriptorList,
  decode: decodeDesignationDescriptorList,
  fuzzMaxLength: 600,
});

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('valid descriptors decode without issues', () => {
  test.prop([arbDesignationDescriptor({ valid: true })])('no issues in lenient mode', (d) => {
    expect(decodeDesignationDescriptor(encodeDesignationDescriptor(d)).issues).toBeUndefined();
  });
  test.prop([arbDesignationDescriptor({ valid: true })])('designatorBytesOf inverts designatorViewOf', (d) => {
    const v = designatorViewOf(d);
    expect(v.kind).not.toBe('malformed');
    const back = designatorBytesOf(v);
    expect(back.designatorType).toBe(d.designatorType);
    if (d.designatorType !== 8) expect(back.designator).toEqual(d.designator);
    else expect(designatorViewOf({ ...d, designator: back.designator })).toEqual(v);
  });
  test.prop([fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 15 })])(
    'designatorViewOf never throws',
    (designator, designatorType) => {
      designatorViewOf({ protocolIdentifier: 0, codeSet: 1, piv: false, association: 0, designatorType, designator });
    },
  );
});

describe('sg3_utils vpd_di_all.hex: one descriptor of every type', () => {
  const page = inhex('sg3utils_inhex_vpd_di_all.hex');
  const list = decodeDesignationDescriptorList(page.subarray(4));
  const ds = list.descriptors;
  const views = ds.map(designatorViewOf);
  it('has 15 descriptors and fills the page length exactly', () => {
    expect(page.length - 4).toBe((page[2] as number) * 256 + (page[3] as number));
    expect(ds.length).toBe(15);
    expect(encodeDesignationDescriptorList({ descriptors: ds.map(dropIssues) })).toEqual(page.subarray(4));
    expect(ds.map((d) => d.designatorType)).toEqual([0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9, 10]);
  });
  it('only the SCSI name string (not NUL terminated) is an issue', () => {
    expect(list.issues?.map((i) => [i.code, i.field])).toEqual([['ERR_INVALID_VALUE', 'scsiNameString']]);
    expect(err(() => decodeDesignationDescriptorList(page.subarray(4), { strict: true })).field).toBe('scsiNameString');
  });
  it('decodes each view', () => {
    expect(views[0]).toEqual({
      kind: 'vendorSpecific',
      vendorSpecificData: h('1122334455667788 99aabbccddeeffed cba9876543 21'),
    });
    expect(ds[0]?.codeSet).toBe(1);
    expect(views[1]).toEqual({
      kind: 't10VendorId',
      t10VendorIdentification: 'ABC     ',
      vendorSpecificIdentifier: 'XYZ123456789',
    });
    expect(ds[1]?.codeSet).toBe(2);
    expect(views[2]).toEqual({ kind: 'eui64', eui64: 0x1122334455667788n });
    expect(views[3]).toEqual({ kind: 'eui64', eui64: 0x1122334455667788n, directoryId: 0x123 });
    expect(views[4]).toEqual({ kind: 'eui64', identifierExtension: 0x0123456789abcdefn, eui64: 0x1122334455667788n });
    expect(views[5]).toEqual({ kind: 'naa', naa: 5, ieeeCompanyId: 0x122334, vendorSpecificIdentifier: 0x455667788n });
    expect(views[6]).toEqual({
      kind: 'naa',
      naa: 6,
      ieeeCompanyId: 0x122334,
      vendorSpecificIdentifier: 0x455667788n,
      vendorSpecificIdentifierExtension: 0xaabbccddeeffeeddn,
    });
    expect(ds[7]?.association).toBe(1);
    expect(views[7]).toEqual({ kind: 'relativeTargetPort', relativeTargetPortIdentifier: 2 });
    expect(views[8]).toEqual({ kind: 'targetPortGroup', targetPortGroup: 3 });
    expect(views[9]).toEqual({ kind: 'logicalUnitGroup', logicalUnitGroup: 4 });
    expect(views[10]).toEqual({
      kind: 'md5LogicalUnitIdentifier',
      md5LogicalUnitIdentifier: h('ffeeddccbbaa99887766554433221100'),
    });
    expect(ds[11]).toMatchObject({ codeSet: 3, association: 2, designatorType: 8 });
    expect(views[11]).toEqual({ kind: 'scsiNameString', scsiNameString: 'iqn.5886.com.acme.diskarrays-sn-a8675309' });
    expect(ds[12]).toMatchObject({ protocolIdentifier: 9, piv: true, association: 1, designatorType: 9 });
    expect(views[12]).toEqual({
      kind: 'protocolSpecificPortIdentifier',
      protocolIdentifier: 9,
      protocolSpecificData: h('04000200'),
      deviceAddress: 4,
      interfaceNumber: 2,
    });
    expect(ds[13]).toMatchObject({ protocolIdentifier: 0xa, piv: true });
    expect(views[13]).toMatchObject({ kind: 'protocolSpecificPortIdentifier', routingId: 0x0123 });
    expect(views[14]).toEqual({ kind: 'uuid', uuidType: 1, uuid: '11223344-5566-7788-99aa-bbccddeefedc' });
  });
});

describe('sg3_utils vpd_dev_id.hex', () => {
  const page = inhex('sg3utils_inhex_vpd_dev_id.hex');
  it('decodes NAA-5 LU, SAS target port, relative port, target device NAA, SCSI name string', () => {
    const list = decodeDesignationDescriptorList(page.subarray(4), { strict: true });
    expect(list.issues).toBeUndefined();
    const [lu, port, rel, dev, name] = list.descriptors;
    expect(list.descriptors.length).toBe(5);
    expect(lu).toMatchObject({ codeSet: 1, piv: false, association: 0, designatorType: 3 });
    expect(designatorViewOf(lu as DesignationDescriptor)).toEqual({
      kind: 'naa',
      naa: 5,
      ieeeCompanyId: 0x000c50,
      vendorSpecificIdentifier: 0x03011cb2bn,
    });
    expect(port).toMatchObject({ protocolIdentifier: 6, codeSet: 1, piv: true, association: 1, designatorType: 3 });
    expect(designatorViewOf(port as DesignationDescriptor)).toMatchObject({
      naa: 5,
      vendorSpecificIdentifier: 0x03011cb29n,
    });
    expect(rel).toMatchObject({ protocolIdentifier: 6, piv: true, association: 1, designatorType: 4 });
    expect(designatorViewOf(rel as DesignationDescriptor)).toEqual({
      kind: 'relativeTargetPort',
      relativeTargetPortIdentifier: 1,
    });
    expect(dev).toMatchObject({ protocolIdentifier: 6, piv: true, association: 2, designatorType: 3 });
    expect(designatorViewOf(dev as DesignationDescriptor)).toMatchObject({
      naa: 5,
      vendorSpecificIdentifier: 0x03011cb28n,
    });
    expect(name).toMatchObject({ codeSet: 3, association: 2, designatorType: 8 });
    expect(designatorViewOf(name as DesignationDescriptor)).toEqual({
      kind: 'scsiNameString',
      scsiNameString: 'naa.5000C5003011CB28',
    });
    expect(encodeDesignationDescriptorList(list)).toEqual(page.subarray(4));
  });
});

describe('errors', () => {
  it('truncated header / designator', () => {
    expect(err(() => decodeDesignationDescriptor(h('010300')))).toMatchObject({ code: 'ERR_TRUNCATED' });
    expect(err(() => decodeDesignationDescriptor(h('0103000850')))).toMatchObject({
      code: 'ERR_TRUNCATED',
      field: 'designator',
    });
  });
  it('strict: NAA 5 must be 8 bytes', () => {
    const b = h('01030004 50000c50');
    expect(designatorViewOf(decodeDesignationDescriptor(b))).toMatchObject({ kind: 'malformed' });
    expect(decodeDesignationDescriptor(b).issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', offset: 3 });
    expect(err(() => decodeDesignationDescriptor(b, { strict: true }))).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'designatorLength',
      offset: 3,
    });
  });
  it('strict: reserved bits, at absolute offsets', () => {
    expect(err(() => decodeDesignationDescriptor(h('01430008 5000c5003011cb2b'), { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 1,
      bit: 6,
    });
    expect(err(() => decodeDesignationDescriptor(h('01030108 5000c5003011cb2b'), { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 2,
    });
    // Reserved bytes 0-1 of a relative target port designator, inside a list (second descriptor).
    expect(
      err(() => decodeDesignationDescriptorList(h('01030008 5000c5003011cb2b 61940004 00010001'), { strict: true })),
    ).toMatchObject({ code: 'ERR_RESERVED_NONZERO', offset: 17 });
  });
  it('strict: wrong code set, reserved type, UUID type', () => {
    expect(err(() => decodeDesignationDescriptor(h('02030008 5000c5003011cb2b'), { strict: true }))).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'codeSet',
      offset: 0,
    });
    expect(err(() => decodeDesignationDescriptor(h('010b0000'), { strict: true }))).toMatchObject({
      code: 'ERR_UNSUPPORTED',
      field: 'designatorType',
    });
    expect(designatorViewOf(decodeDesignationDescriptor(h('010b000100')))).toEqual({
      kind: 'reserved',
      designatorType: 0xb,
      bytes: h('00'),
    });
    expect(
      err(() => decodeDesignationDescriptor(h('010a0012 20 00 00112233445566778899aabbccddeeff'), { strict: true })),
    ).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'uuidType',
      offset: 4,
    });
  });
  it('trailing bytes after one descriptor', () => {
    expect(decodeDesignationDescriptor(h('0100000000')).issues?.[0]).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      offset: 4,
    });
    expect(err(() => decodeDesignationDescriptor(h('0100000000'), { strict: true })).code).toBe('ERR_LENGTH_MISMATCH');
  });
  it('list: a descriptor cut short at the end', () => {
    const l = decodeDesignationDescriptorList(h('01000001 aa 010300'));
    expect(l.descriptors.length).toBe(1);
    expect(l.issues?.[0]).toMatchObject({ code: 'ERR_TRUNCATED', offset: 5 });
    expect(err(() => decodeDesignationDescriptorList(h('01000001 aa 010300'), { strict: true }))).toMatchObject({
      code: 'ERR_TRUNCATED',
      offset: 5,
    });
  });
  it('encoders reject values that do not fit', () => {
    const d: DesignationDescriptor = {
      protocolIdentifier: 0,
      codeSet: 1,
      piv: false,
      association: 0,
      designatorType: 0,
      designator: new Uint8Array(0),
    };
    expect(err(() => encodeDesignationDescriptor({ ...d, codeSet: 16 }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'codeSet',
      offset: 0,
    });
    expect(err(() => encodeDesignationDescriptor({ ...d, protocolIdentifier: -1 }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'protocolIdentifier',
    });
    expect(err(() => encodeDesignationDescriptor({ ...d, association: 4 }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'association',
      offset: 1,
    });
    expect(err(() => encodeDesignationDescriptor({ ...d, designatorType: 1.5 }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'designatorType',
    });
    expect(err(() => encodeDesignationDescriptor({ ...d, designator: new Uint8Array(256) }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'designatorLength',
      offset: 3,
    });
    expect(
      err(() => designatorBytesOf({ kind: 'naa', naa: 5, ieeeCompanyId: 0x1000000, vendorSpecificIdentifier: 0n })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'ieeeCompanyId',
    });
    expect(
      err(() => designatorBytesOf({ kind: 'naa', naa: 5, ieeeCompanyId: 1, vendorSpecificIdentifier: 1n << 36n })),
    ).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'vendorSpecificIdentifier',
    });
  });
  it('known answer: NAA 5 builder', () => {
    expect(
      designatorBytesOf({ kind: 'naa', naa: 5, ieeeCompanyId: 0x000c50, vendorSpecificIdentifier: 0x03011cb2bn }),
    ).toEqual({
      designatorType: 3,
      designator: h('5000c5003011cb2b'),
    });
    expect(designatorBytesOf({ kind: 'scsiNameString', scsiNameString: 'naa.5' }).designator).toEqual(
      h('6e61612e 35000000'),
    );
  });
});
