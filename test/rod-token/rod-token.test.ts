import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbDesignationDescriptor } from '../../src/arbitraries/designation.js';
import {
  arbIdentificationDescriptorCscd,
  arbRodManagementToken,
  arbRodToken,
} from '../../src/arbitraries/rod-token.js';
import { designatorBytesOf } from '../../src/designation/index.js';
import {
  BLOCK_DEVICE_ZERO_ROD_TOKEN,
  type BlockDeviceRodTokenData,
  blockDeviceZeroRodToken,
  decodeIdentificationDescriptorCscd,
  decodeRodManagementToken,
  decodeRodToken,
  encodeIdentificationDescriptorCscd,
  encodeRodManagementToken,
  encodeRodToken,
  type GenericRodToken,
  type IdentificationDescriptorCscd,
  isBlockDeviceZeroRodToken,
  isGenericRodType,
  numberOfBytesRepresentedOf,
  type RodManagementToken,
  type RodToken,
  rodTypeName,
} from '../../src/rod-token/index.js';
import { describeLaws } from '../laws.js';
import { dropIssues, err, h, handBuilt, handBytes } from './helpers.js';

describeLaws<RodToken>({
  name: 'RodToken (any)',
  arb: arbRodToken(),
  encode: encodeRodToken,
  decode: decodeRodToken,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
  fuzzMaxLength: 700,
});
describeLaws<RodToken>({
  name: 'RodToken (valid)',
  arb: arbRodToken({ valid: true }),
  encode: encodeRodToken,
  decode: decodeRodToken,
  fuzzMaxLength: 700,
});
describeLaws<RodManagementToken>({
  name: 'RodManagementToken (any)',
  arb: arbRodManagementToken(),
  encode: encodeRodManagementToken,
  decode: decodeRodManagementToken,
  strictAcceptsCanonical: false,
  normalise: dropIssues,
});
describeLaws<RodManagementToken>({
  name: 'RodManagementToken (valid)',
  arb: arbRodManagementToken({ valid: true }),
  encode: encodeRodManagementToken,
  decode: decodeRodManagementToken,
});
describeLaws<IdentificationDescriptorCscd>({
  name: 'IdentificationDescriptorCscd',
  arb: arbIdentificationDescriptorCscd({ valid: true }),
  encode: encodeIdentificationDescriptorCscd,
  decode: decodeIdentificationDescriptorCscd,
  fuzzMaxLength: 40,
});

describe('valid tokens', () => {
  test.prop([arbRodToken({ valid: true })])(
    'decode without issues, also the management prefix of generic tokens',
    (t) => {
      const b = encodeRodToken(t);
      expect(decodeRodToken(b).issues).toBeUndefined();
      if (t.kind === 'generic') {
        const m = decodeRodManagementToken(b.subarray(0, 96), { strict: true });
        expect(m).toEqual({
          kind: 'generic',
          rodType: t.rodType,
          copyManagerRodTokenIdentifier: t.copyManagerRodTokenIdentifier,
          numberOfBytesRepresented: t.numberOfBytesRepresented,
          ...(t.creatorLogicalUnitDescriptor === undefined
            ? {}
            : { creatorLogicalUnitDescriptor: t.creatorLogicalUnitDescriptor }),
        });
        expect(encodeRodManagementToken(m)).toEqual(b.subarray(0, 96));
      }
    },
  );
  test.prop([arbRodToken()])('every generic or zero token is 512 bytes', (t) => {
    const b = encodeRodToken(t);
    if (t.kind !== 'opaque') expect(b.length).toBe(512);
    else expect(b.length).toBe(8 + t.bytes.length);
  });
});

describe('block device zero ROD token', () => {
  const zero = blockDeviceZeroRodToken();
  it('known answer: FF FF 00 01 00 00 01 F8 then 504 zeros', () => {
    const want = new Uint8Array(512);
    want.set([0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x01, 0xf8]);
    expect(zero).toEqual(want);
    expect(encodeRodToken(BLOCK_DEVICE_ZERO_ROD_TOKEN)).toEqual(want);
    expect(decodeRodToken(zero, { strict: true })).toEqual({ kind: 'blockDeviceZero', rodType: 0xffff0001 });
    expect(Object.isFrozen(BLOCK_DEVICE_ZERO_ROD_TOKEN)).toBe(true);
  });
  it('is a fresh copy each time', () => {
    const a = blockDeviceZeroRodToken();
    a[100] = 1;
    expect(blockDeviceZeroRodToken()[100]).toBe(0);
  });
  it('isBlockDeviceZeroRodToken', () => {
    expect(isBlockDeviceZeroRodToken(zero)).toBe(true);
    expect(isBlockDeviceZeroRodToken(zero.subarray(0, 7))).toBe(false);
    expect(isBlockDeviceZeroRodToken(h('ffff000200000 1f8'.replace(' ', '')))).toBe(false);
    expect(isBlockDeviceZeroRodToken(encodeRodToken(handBuilt))).toBe(false);
  });
  it('strict rejects non-zero reserved bytes; lenient keeps them byte-exact', () => {
    const b = blockDeviceZeroRodToken();
    b[300] = 0x80;
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 300,
      bit: 7,
    });
    const t = decodeRodToken(b);
    expect(t).toMatchObject({ kind: 'blockDeviceZero' });
    expect(encodeRodToken(t)).toEqual(b);
  });
});

describe('known answer: hand-built generic token', () => {
  it('encodes to the spec layout', () => {
    expect(encodeRodToken(handBuilt)).toEqual(handBytes);
  });
  it('decodes strictly to the same value', () => {
    expect(decodeRodToken(handBytes, { strict: true })).toEqual(handBuilt);
  });
  it('LBPPBE is byte 101 bits 3:0, lowest aligned LBA 14 bits of bytes 102-103', () => {
    const t = decodeRodToken(handBytes) as GenericRodToken;
    expect(t.deviceTypeSpecificData).toMatchObject({
      logicalBlocksPerPhysicalBlockExponent: 3,
      pIExponent: 2,
      lowestAlignedLogicalBlockAddress: 0x1234,
    });
  });
  it('a creator descriptor copied from VPD 83h (FreeBSD) keeps its protocol identifier; strict rejects it', () => {
    const b = handBytes.slice();
    b[20] = 0x61; // protocol identifier 6 in the reserved nibble
    const t = decodeRodToken(b) as GenericRodToken;
    expect(t.creatorLogicalUnitDescriptor?.designationDescriptor.protocolIdentifier).toBe(6);
    expect(encodeRodToken(t)).toEqual(b);
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({ code: 'ERR_RESERVED_NONZERO', offset: 20 });
  });
  it('a zero creator descriptor is absent', () => {
    const b = handBytes.slice();
    b.fill(0, 16, 48);
    b.fill(0, 96, 128);
    const t = decodeRodToken(b, { strict: true }) as GenericRodToken;
    expect(t.creatorLogicalUnitDescriptor).toBeUndefined();
    expect(t.deviceTypeSpecificData).toEqual({ kind: 'raw', bytes: new Uint8Array(32) });
    expect(encodeRodToken(t)).toEqual(b);
  });
  it('a SCSI name string target device descriptor', () => {
    const name = designatorBytesOf({ kind: 'scsiNameString', scsiNameString: 'naa.5000C5003011CB28' }).designator;
    const t: GenericRodToken = {
      ...handBuilt,
      targetDeviceDescriptor: {
        protocolIdentifier: 0,
        codeSet: 3,
        piv: false,
        association: 2,
        designatorType: 8,
        designator: name,
      },
      extendedRodTokenData: new Uint8Array(512 - 132 - name.length),
    };
    const b = encodeRodToken(t);
    expect(b.subarray(128, 132)).toEqual(h('03 28 00 18'));
    expect(decodeRodToken(b, { strict: true })).toEqual(t);
  });
});

describe('ROD TOKEN LENGTH', () => {
  const bad = handBytes.slice();
  bad[7] = 0xf0;
  it('lenient decodes, reports and round-trips', () => {
    const t = decodeRodToken(bad);
    expect(t.rodTokenLength).toBe(0x1f0);
    expect(t.issues?.[0]).toMatchObject({ code: 'ERR_UNEXPECTED_VALUE', field: 'rodTokenLength', offset: 6 });
    expect(encodeRodToken(t)).toEqual(bad);
  });
  it('strict throws ERR_UNEXPECTED_VALUE at byte 6 (copy manager: 23h/0Ah)', () => {
    expect(err(() => decodeRodToken(bad, { strict: true }))).toMatchObject({
      code: 'ERR_UNEXPECTED_VALUE',
      structure: 'RodToken',
      field: 'rodTokenLength',
      offset: 6,
    });
    const z = blockDeviceZeroRodToken();
    z[6] = 0x02;
    expect(err(() => decodeRodToken(z, { strict: true }))).toMatchObject({ code: 'ERR_UNEXPECTED_VALUE', offset: 6 });
  });
  it('truncated and over-long tokens', () => {
    expect(err(() => decodeRodToken(handBytes.subarray(0, 511)))).toMatchObject({ code: 'ERR_TRUNCATED' });
    expect(err(() => decodeRodToken(handBytes.subarray(0, 7)))).toMatchObject({ code: 'ERR_TRUNCATED' });
    const long = new Uint8Array(513);
    long.set(handBytes);
    expect(decodeRodToken(long).issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', offset: 512 });
    expect(err(() => decodeRodToken(long, { strict: true }))).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      offset: 512,
    });
  });
});

describe('strict validation of a generic token', () => {
  it('creator designator type must be 2h or 3h; association 0', () => {
    const b = handBytes.slice();
    b[21] = 0x00; // vendor specific
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({ code: 'ERR_INVALID_VALUE', offset: 21 });
    expect(decodeRodToken(b).issues?.some((i) => i.field === 'designatorType' && i.offset === 21)).toBe(true);
  });
  it('creator descriptor type code must be E4h; designator ≤ 20 bytes', () => {
    const b = handBytes.slice();
    b[16] = 0xe5;
    expect(err(() => decodeRodToken(b))).toMatchObject({
      code: 'ERR_UNEXPECTED_VALUE',
      field: 'descriptorTypeCode',
      offset: 16,
    });
    const c = handBytes.slice();
    c[23] = 21;
    expect(err(() => decodeRodToken(c))).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'designatorLength',
      offset: 23,
    });
  });
  it('target device descriptor association must be 10b and type 2h/3h/8h', () => {
    const b = handBytes.slice();
    b[129] = 0x03; // association LU
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'association',
      offset: 129,
    });
    const c = handBytes.slice();
    c.set(h('01 24 00 04 00000001'), 128);
    expect(err(() => decodeRodToken(c, { strict: true }))).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'designatorType',
      offset: 129,
    });
  });
  it('reserved bytes 64-95 and 104-127', () => {
    const b = handBytes.slice();
    b[70] = 1;
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 70,
      bit: 0,
    });
    const c = handBytes.slice();
    c[120] = 4;
    expect(err(() => decodeRodToken(c, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 120,
      bit: 2,
    });
  });
  it('reserved ROD types are opaque; strict rejects them, vendor types are accepted', () => {
    const b = handBytes.slice();
    b.set(h('00000001'), 0);
    expect(decodeRodToken(b)).toMatchObject({ kind: 'opaque', rodType: 1 });
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_UNSUPPORTED',
      field: 'rodType',
      offset: 0,
    });
    b.set(h('fffffff5'), 0);
    const t = decodeRodToken(b, { strict: true });
    expect(t).toEqual({ kind: 'opaque', rodType: 0xfffffff5, bytes: handBytes.slice(8) });
    expect(encodeRodToken(t)).toEqual(b);
  });
  it('opaque: ROD TOKEN LENGTH disagreeing with the body is kept', () => {
    const b = h('fffffff0 0000 0010 01020304');
    const t = decodeRodToken(b);
    expect(t).toMatchObject({ kind: 'opaque', rodTokenLength: 16, bytes: h('01020304') });
    expect(encodeRodToken(t)).toEqual(b);
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', offset: 6 });
  });
});

describe('NUMBER OF BYTES REPRESENTED in the wrong half (QNAP)', () => {
  const b = handBytes.slice();
  b.fill(0, 48, 64);
  b.set(h('0000000040000000'), 48); // 1 GiB as u64 at 48-55
  it('decodes the u128 exactly, reports an issue, offers the intended value', () => {
    const t = decodeRodToken(b) as GenericRodToken;
    expect(t.numberOfBytesRepresented).toBe(0x40000000n << 64n);
    expect(numberOfBytesRepresentedOf(t)).toBe(0x40000000n);
    expect(t.issues).toEqual([
      expect.objectContaining({ code: 'ERR_INVALID_VALUE', field: 'numberOfBytesRepresented', offset: 48 }),
    ]);
    expect(encodeRodToken(t)).toEqual(b);
    // Legal u128: strict reports but does not throw.
    expect((decodeRodToken(b, { strict: true }) as GenericRodToken).issues?.length).toBe(1);
  });
  it('leaves normal values alone', () => {
    expect(numberOfBytesRepresentedOf({ numberOfBytesRepresented: 0x1_0000_0000n })).toBe(0x1_0000_0000n);
    expect(numberOfBytesRepresentedOf({ numberOfBytesRepresented: (1n << 128n) - 1n })).toBe((1n << 128n) - 1n);
  });
});

describe('management token', () => {
  it('is the first 96 bytes with ROD TOKEN LENGTH unchanged', () => {
    const m = decodeRodManagementToken(handBytes.subarray(0, 96), { strict: true });
    expect(m).toMatchObject({
      kind: 'generic',
      rodType: 0x800000,
      copyManagerRodTokenIdentifier: 0x0102030405060708n,
    });
    expect(encodeRodManagementToken(m)).toEqual(handBytes.subarray(0, 96));
    expect(err(() => decodeRodManagementToken(handBytes.subarray(0, 95)))).toMatchObject({ code: 'ERR_TRUNCATED' });
    expect(decodeRodManagementToken(handBytes).issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', offset: 96 });
  });
});

describe('encoders reject values that do not fit', () => {
  const cases: [string, () => unknown, string, number][] = [
    ['rodType', () => encodeRodToken({ ...handBuilt, rodType: 0x1_0000_0000 }), 'rodType', 0],
    ['non-generic type', () => encodeRodToken({ ...handBuilt, rodType: 0xfffffff0 }), 'rodType', 0],
    [
      'opaque with a generic type',
      () => encodeRodToken({ kind: 'opaque', rodType: 0x10000, bytes: new Uint8Array(4) }),
      'rodType',
      0,
    ],
    ['rodTokenLength', () => encodeRodToken({ ...handBuilt, rodTokenLength: 0x10000 }), 'rodTokenLength', 6],
    [
      'identifier',
      () => encodeRodToken({ ...handBuilt, copyManagerRodTokenIdentifier: 1n << 64n }),
      'copyManagerRodTokenIdentifier',
      8,
    ],
    [
      'bytes represented',
      () => encodeRodToken({ ...handBuilt, numberOfBytesRepresented: -1n }),
      'numberOfBytesRepresented',
      48,
    ],
    [
      'creator designator > 20',
      () =>
        encodeRodToken({
          ...handBuilt,
          creatorLogicalUnitDescriptor: {
            ...(handBuilt.creatorLogicalUnitDescriptor as IdentificationDescriptorCscd),
            designationDescriptor: {
              protocolIdentifier: 0,
              codeSet: 1,
              piv: false,
              association: 0,
              designatorType: 3,
              designator: new Uint8Array(21),
            },
          },
        }),
      'designatorLength',
      23,
    ],
    [
      'disk block length',
      () =>
        encodeRodToken({
          ...handBuilt,
          creatorLogicalUnitDescriptor: {
            ...(handBuilt.creatorLogicalUnitDescriptor as IdentificationDescriptorCscd),
            diskBlockLength: 0x1000000,
          },
        }),
      'diskBlockLength',
      45,
    ],
    [
      'LBPPBE',
      () =>
        encodeRodToken({
          ...handBuilt,
          deviceTypeSpecificData: {
            ...(handBuilt.deviceTypeSpecificData as BlockDeviceRodTokenData),
            logicalBlocksPerPhysicalBlockExponent: 16,
          },
        }),
      'logicalBlocksPerPhysicalBlockExponent',
      101,
    ],
    [
      'lowest aligned LBA',
      () =>
        encodeRodToken({
          ...handBuilt,
          deviceTypeSpecificData: {
            ...(handBuilt.deviceTypeSpecificData as BlockDeviceRodTokenData),
            lowestAlignedLogicalBlockAddress: 0x4000,
          },
        }),
      'lowestAlignedLogicalBlockAddress',
      102,
    ],
    [
      'extended data too long',
      () => encodeRodToken({ ...handBuilt, extendedRodTokenData: new Uint8Array(373) }),
      'extendedRodTokenData',
      140,
    ],
    [
      'zero reserved data length',
      () => encodeRodToken({ ...BLOCK_DEVICE_ZERO_ROD_TOKEN, reservedData: new Uint8Array(3) }),
      'reservedData',
      8,
    ],
    [
      'management opaque body',
      () => encodeRodManagementToken({ kind: 'opaque', rodType: 0xfffffff0, bytes: new Uint8Array(87) }),
      'body',
      8,
    ],
  ];
  for (const [name, fn, field, offset] of cases)
    it(name, () => {
      expect(err(fn)).toMatchObject({ code: 'ERR_FIELD_RANGE', field, offset });
    });
  it('shorter extended data is zero filled', () => {
    const b = encodeRodToken({ ...handBuilt, extendedRodTokenData: new Uint8Array(0) });
    expect(b.subarray(140).every((x) => x === 0)).toBe(true);
  });
});

describe('ROD types', () => {
  it('names', () => {
    expect(rodTypeName(0x10000)).toBe('access upon reference');
    expect(rodTypeName(0x800002)).toBe('point in time copy - persistent');
    expect(rodTypeName(0xffff0001)).toBe('block device zero ROD token');
    expect(rodTypeName(0xfffffff3)).toBe('vendor specific (0xfffffff3)');
    expect(rodTypeName(0xff000000)).toBe('device type specific (0xff000000)');
    expect(rodTypeName(0xffffffef)).toBe('device type specific (0xffffffef)');
    expect(rodTypeName(0x1)).toBe('reserved (0x00000001)');
    expect(rodTypeName(0x800004)).toBe('reserved (0x00800004)');
    expect(rodTypeName(-1)).toBe('invalid (-1)');
  });
  test.prop([fc.integer({ min: 0, max: 0xffffffff })])('generic types are exactly the five', (t) => {
    expect(isGenericRodType(t)).toBe([0x10000, 0x800000, 0x800001, 0x800002, 0x800003].includes(t));
  });
});

describe('arbitraries reach the edges', () => {
  it('every token class and target designator type appears', () => {
    const seen = new Set<string>();
    for (const t of fc.sample(arbRodToken(), 2000)) {
      seen.add(t.kind);
      if (t.kind === 'generic') {
        seen.add(`target:${t.targetDeviceDescriptor.designatorType}`);
        if (t.creatorLogicalUnitDescriptor)
          seen.add(`creator:${t.creatorLogicalUnitDescriptor.designationDescriptor.designatorType}`);
        if (t.rodTokenLength !== undefined) seen.add('badLength');
      }
      if (t.kind === 'opaque') seen.add(t.rodType >= 0xfffffff0 ? 'vendor' : 'reserved');
    }
    for (const k of [
      'generic',
      'blockDeviceZero',
      'opaque',
      'vendor',
      'reserved',
      'badLength',
      'target:2',
      'target:3',
      'target:8',
      'target:0',
      'creator:2',
      'creator:3',
    ])
      expect(seen).toContain(k);
  });
  it('designators of every type, zero and max length', () => {
    const types = new Set<number>();
    const lens = new Set<number>();
    for (const d of fc.sample(arbDesignationDescriptor(), 3000)) {
      types.add(d.designatorType);
      lens.add(d.designator.length);
    }
    expect(types.size).toBe(16);
    expect(lens).toContain(0);
    expect(lens).toContain(255);
  });
});

describe('trace', () => {
  it('records every field with absolute offsets (for the annotated dump)', () => {
    const trace: import('../../src/internal/byte-reader.js').TraceEntry[] = [];
    const big = new Uint8Array(520);
    big.set(handBytes, 8);
    decodeRodToken(big.subarray(8), { trace });
    const at = (field: string) => trace.find((e) => e.field === field);
    expect(at('rodType')).toMatchObject({ structure: 'RodToken', offset: 0, length: 4, value: 0x800000 });
    expect(at('logicalBlocksPerPhysicalBlockExponent')).toMatchObject({ offset: 101, bits: [3, 0], value: 3 });
    expect(at('numberOfBytesRepresented')).toMatchObject({ offset: 48, length: 16, value: 0x1_0000_0000n });
    expect(at('diskBlockLength')).toMatchObject({ offset: 45, length: 3, value: 4096 });
    expect(trace.filter((e) => e.field === 'designatorLength').map((e) => e.offset)).toEqual([23, 131]);
  });
  it('encoders reject non-objects with ScsiCodecError', () => {
    expect(err(() => encodeRodToken(null as never)).code).toBe('ERR_FIELD_RANGE');
    expect(err(() => encodeRodToken({ ...handBuilt, targetDeviceDescriptor: null as never })).field).toBe(
      'targetDeviceDescriptor',
    );
    expect(err(() => encodeRodManagementToken(undefined as never)).code).toBe('ERR_FIELD_RANGE');
  });
});

describe('QNAP-style target device descriptor (PIV=1, code set UTF-8, NAA)', () => {
  const b = handBytes.slice();
  b.set(h('53 a3 00 08'), 128); // protocol 5 (iSCSI), code set 3, PIV, association 10b, NAA
  it('lenient decodes it with a code set issue and round-trips; strict rejects it', () => {
    const t = decodeRodToken(b) as GenericRodToken;
    expect(t.targetDeviceDescriptor).toMatchObject({
      protocolIdentifier: 5,
      codeSet: 3,
      piv: true,
      association: 2,
      designatorType: 3,
    });
    expect(t.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([['ERR_INVALID_VALUE', 'codeSet', 128]]);
    expect(encodeRodToken(t)).toEqual(b);
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'codeSet',
      offset: 128,
    });
  });
});
