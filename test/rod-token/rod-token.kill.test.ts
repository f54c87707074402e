/**
 * ROD token codec at its boundaries (issue 17, mutation testing): ROD type ranges at their
 * first and last values, lengths exactly at the limit and one past it, the exact issue each
 * lenient check records (field, offset, bit), and the strict reserved masks that depend on the
 * creator's peripheral device type. Written against the public decode/encode functions only.
 */
import { describe, expect, it } from 'vitest';
import type { DecodeIssue, ScsiCodecError } from '../../src/errors.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
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
  numberOfBytesRepresentedOf,
  ROD_TYPE,
} from '../../src/rod-token/index.js';
import { err, h, handBuilt, handBytes } from './helpers.js';

/** The shared hand-built token (helpers.ts), its creator descriptor and its bytes. */
const token: GenericRodToken = handBuilt;
const creator = handBuilt.creatorLogicalUnitDescriptor as IdentificationDescriptorCscd;
const bytes = handBytes;

describe('ROD types at the edges of their ranges', () => {
  it('generic: 0001 0000h and 0080 0000h-0080 0003h; 0080 0004h and 0080 FFFFh are not', () => {
    for (const t of [0x0001_0000, 0x0080_0000, 0x0080_0003]) {
      const b = bytes.slice();
      new DataView(b.buffer).setUint32(0, t);
      expect(decodeRodToken(b, { strict: true })).toMatchObject({ kind: 'generic', rodType: t });
    }
    for (const t of [0x0080_0004, 0x0000_ffff, 0x0001_0001]) {
      const b = bytes.slice();
      new DataView(b.buffer).setUint32(0, t);
      expect(decodeRodToken(b)).toMatchObject({ kind: 'opaque', rodType: t });
      expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
        code: 'ERR_UNSUPPORTED',
        field: 'rodType',
        offset: 0,
      });
    }
  });
  it('vendor specific from FFFF FFF0h: strict accepts FFFF FFF0h, not FFFF FFEFh', () => {
    const b = h('fffffff0 0000 0002 abcd');
    expect(decodeRodToken(b, { strict: true })).toEqual({
      kind: 'opaque',
      rodType: 0xffff_fff0,
      bytes: h('abcd'),
    });
    const c = h('ffffffef 0000 0002 abcd');
    const lenient = decodeRodToken(c);
    expect(lenient.issues).toHaveLength(1);
    expect(lenient.issues?.[0]).toMatchObject({
      code: 'ERR_UNSUPPORTED',
      structure: 'RodToken',
      field: 'rodType',
      offset: 0,
      bit: undefined,
      message: 'ROD type 0xffffffef (device type specific (0xffffffef)) is not a token type',
    });
    expect(err(() => decodeRodToken(c, { strict: true }))).toMatchObject({ code: 'ERR_UNSUPPORTED', offset: 0 });
  });
  it('the block device zero type is a token, but not a management token (strict)', () => {
    expect(decodeRodToken(blockDeviceZeroRodToken(), { strict: true })).toEqual({
      kind: 'blockDeviceZero',
      rodType: ROD_TYPE.BLOCK_DEVICE_ZERO,
    });
    const m = blockDeviceZeroRodToken().subarray(0, 96);
    expect(err(() => decodeRodManagementToken(m, { strict: true }))).toMatchObject({
      code: 'ERR_UNSUPPORTED',
      field: 'rodType',
    });
    expect(decodeRodManagementToken(m)).toMatchObject({ kind: 'opaque', rodType: ROD_TYPE.BLOCK_DEVICE_ZERO });
  });
  it('isBlockDeviceZeroRodToken needs the whole 8-byte header', () => {
    const z = blockDeviceZeroRodToken();
    expect(isBlockDeviceZeroRodToken(z.subarray(0, 8))).toBe(true);
    expect(isBlockDeviceZeroRodToken(z.subarray(0, 7))).toBe(false);
    expect(isBlockDeviceZeroRodToken(bytes)).toBe(false);
    expect(isBlockDeviceZeroRodToken(h('ffff0002 0000 01f8'))).toBe(false);
  });
});

describe('lengths exactly at the limit', () => {
  it('extended ROD token data filling bytes 140-511 exactly', () => {
    const ext = Uint8Array.from({ length: 372 }, (_, i) => i & 0xff);
    const b = encodeRodToken({ ...token, extendedRodTokenData: ext });
    expect(b.length).toBe(512);
    expect(b.subarray(140)).toEqual(ext);
    expect((decodeRodToken(b, { strict: true }) as GenericRodToken).extendedRodTokenData).toEqual(ext);
    const e = err(() => encodeRodToken({ ...token, extendedRodTokenData: new Uint8Array(373) }));
    expect([e.field, e.offset, e.detail]).toEqual(['extendedRodTokenData', 140, '373 bytes do not fit bytes 140-511']);
  });
  it('a 512-byte token has no trailing-bytes issue; 513 bytes have one at byte 512', () => {
    expect('issues' in decodeRodToken(bytes)).toBe(false);
    const long = new Uint8Array(513);
    long.set(bytes);
    expect(decodeRodToken(long).issues).toEqual([
      expect.objectContaining({
        code: 'ERR_LENGTH_MISMATCH',
        field: undefined,
        offset: 512,
        message: '1 byte(s) after the 512-byte token',
      }),
    ]);
  });
  it('management token: 96 bytes exactly, 97 with an issue at byte 96', () => {
    const m = bytes.slice(0, 96);
    expect('issues' in decodeRodManagementToken(m, { strict: true })).toBe(false);
    const long = bytes.slice(0, 97);
    expect(decodeRodManagementToken(long).issues).toEqual([
      expect.objectContaining({
        code: 'ERR_LENGTH_MISMATCH',
        offset: 96,
        message: '1 byte(s) after the 96-byte token',
      }),
    ]);
    expect(err(() => decodeRodManagementToken(long, { strict: true })).offset).toBe(96);
  });
  it('zero token reserved data: exactly 504 bytes', () => {
    const reservedData = new Uint8Array(504);
    reservedData[503] = 1;
    const b = encodeRodToken({ kind: 'blockDeviceZero', rodType: ROD_TYPE.BLOCK_DEVICE_ZERO, reservedData });
    expect(b[511]).toBe(1);
    expect(decodeRodToken(b)).toEqual({ kind: 'blockDeviceZero', rodType: ROD_TYPE.BLOCK_DEVICE_ZERO, reservedData });
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 511,
      bit: 0,
    });
    expect(
      err(() =>
        encodeRodToken({
          kind: 'blockDeviceZero',
          rodType: ROD_TYPE.BLOCK_DEVICE_ZERO,
          reservedData: new Uint8Array(505),
        }),
      ),
    ).toMatchObject({ field: 'reservedData', offset: 8 });
    expect(
      err(() => encodeRodToken({ kind: 'blockDeviceZero', rodType: 0xffff_0002 as typeof ROD_TYPE.BLOCK_DEVICE_ZERO })),
    ).toMatchObject({ field: 'rodType', offset: 0, detail: 'must be 0xffff0001' });
  });
  it('lowest aligned LBA: 3FFFh fits next to LBPME and LBPRZ; 4000h, -1 and 0.5 do not', () => {
    const d = { ...token.deviceTypeSpecificData, lbpme: true, lbprz: true, lowestAlignedLogicalBlockAddress: 0x3fff };
    const b = encodeRodToken({ ...token, deviceTypeSpecificData: d } as GenericRodToken);
    expect([b[102], b[103]]).toEqual([0xff, 0xff]);
    expect((decodeRodToken(b, { strict: true }) as GenericRodToken).deviceTypeSpecificData).toEqual(d);
    const low = encodeRodToken({
      ...token,
      deviceTypeSpecificData: { ...d, lbpme: false, lbprz: true, lowestAlignedLogicalBlockAddress: 1 },
    } as GenericRodToken);
    expect([low[102], low[103]]).toEqual([0x40, 0x01]);
    for (const v of [0x4000, -1, 0.5]) {
      const e = err(() =>
        encodeRodToken({
          ...token,
          deviceTypeSpecificData: { ...d, lowestAlignedLogicalBlockAddress: v },
        } as GenericRodToken),
      );
      expect([e.field, e.offset, e.bit]).toEqual(['lowestAlignedLogicalBlockAddress', 102, 5]);
    }
  });
  it('device type specific data bytes 96-101 byte-exact', () => {
    const d = {
      kind: 'blockDevice' as const,
      logicalBlockLength: 0x0102_0304,
      pType: 7,
      protEn: true,
      pIExponent: 0xf,
      logicalBlocksPerPhysicalBlockExponent: 0xe,
      lbpme: false,
      lbprz: false,
      lowestAlignedLogicalBlockAddress: 0x2345,
    };
    const b = encodeRodToken({ ...token, deviceTypeSpecificData: d });
    expect([...b.subarray(96, 104)]).toEqual([1, 2, 3, 4, 0x0f, 0xfe, 0x23, 0x45]);
    expect((decodeRodToken(b, { strict: true }) as GenericRodToken).deviceTypeSpecificData).toEqual(d);
  });
});

/** The issues of the ROD token's own checks (the designation codec's code set checks left out). */
const mine = (issues: readonly DecodeIssue[] | undefined) =>
  (issues ?? []).filter((i) => i.field !== 'codeSet').map((i) => [i.code, i.field, i.offset, i.bit]);

describe('lenient checks record exact issues; strict throws the same', () => {
  it('creator designator type and association (byte 21)', () => {
    const b = bytes.slice();
    b[21] = 0x10; // association 01b, designator type 0h (vendor specific)
    const t = decodeRodToken(b);
    expect(mine(t.issues)).toEqual([
      ['ERR_INVALID_VALUE', 'designatorType', 21, 3],
      ['ERR_INVALID_VALUE', 'association', 21, 5],
    ]);
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      field: 'designatorType',
      offset: 21,
      bit: 3,
    });
    const eui = bytes.slice();
    eui[21] = 0x02; // EUI-64 is allowed
    expect(decodeRodToken(eui).issues?.some((i) => i.field === 'designatorType')).not.toBe(true);
  });
  it('target device descriptor association and designator type (byte 129)', () => {
    const b = bytes.slice();
    b[129] = 0x01; // association 00b, designator type 1h
    const t = decodeRodToken(b);
    expect(mine(t.issues)).toEqual([
      ['ERR_INVALID_VALUE', 'association', 129, 5],
      ['ERR_INVALID_VALUE', 'designatorType', 129, 3],
    ]);
    for (const type of [2, 3]) {
      const c = bytes.slice();
      c[129] = 0x20 | type;
      expect('issues' in decodeRodToken(c)).toBe(false);
    }
  });
  it('NUMBER OF BYTES REPRESENTED: only "upper half set, lower half zero" is noted', () => {
    const at = (v: bigint): Uint8Array => encodeRodToken({ ...token, numberOfBytesRepresented: v });
    expect('issues' in decodeRodToken(at((1n << 64n) | 1n))).toBe(false);
    expect('issues' in decodeRodToken(at(0xffff_ffff_ffff_ffffn))).toBe(false);
    expect(decodeRodToken(at(1n << 64n)).issues?.[0]).toMatchObject({ field: 'numberOfBytesRepresented', offset: 48 });
    expect(numberOfBytesRepresentedOf({ numberOfBytesRepresented: 1n << 64n })).toBe(1n);
    expect(numberOfBytesRepresentedOf({ numberOfBytesRepresented: (1n << 64n) | 1n })).toBe((1n << 64n) | 1n);
    expect(numberOfBytesRepresentedOf({ numberOfBytesRepresented: 0n })).toBe(0n);
  });
  it('block device reserved bits: byte 100 bits 7-4 and bytes 104-127 (strict), kept raw for another PDT', () => {
    const b = bytes.slice();
    b[100] = 0x10;
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      offset: 100,
      bit: 4,
    });
    expect(decodeRodToken(b)).toMatchObject({ deviceTypeSpecificData: { kind: 'blockDevice' } });
    const c = bytes.slice();
    c[127] = 0x02;
    expect(err(() => decodeRodToken(c, { strict: true }))).toMatchObject({ offset: 127, bit: 1 });
    const tape = bytes.slice();
    tape[17] = 0x01; // creator PDT 01h: bytes 96-127 kept as they are
    tape[100] = 0xff;
    tape[127] = 0xff;
    const t = decodeRodToken(tape, { strict: true }) as GenericRodToken;
    expect(t.deviceTypeSpecificData).toEqual({ kind: 'raw', bytes: tape.slice(96, 128) });
    expect(encodeRodToken(t)).toEqual(tape);
  });
  it('opaque ROD TOKEN LENGTH: equal to the body length is canonical, otherwise kept with an issue', () => {
    const ok = h('fffffff1 0000 0003 010203');
    expect(decodeRodToken(ok)).toEqual({ kind: 'opaque', rodType: 0xffff_fff1, bytes: h('010203') });
    const short = h('fffffff1 0000 0002 010203');
    expect(decodeRodToken(short)).toMatchObject({ rodTokenLength: 2, bytes: h('010203') });
    expect(decodeRodToken(short).issues?.[0]).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'rodTokenLength',
      offset: 6,
      message: 'ROD TOKEN LENGTH 2 but 3 byte(s) follow the header',
    });
    expect(encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff1, bytes: h('0102') })).toEqual(
      h('fffffff1 0000 0002 0102'),
    );
    expect(
      err(() => encodeRodToken({ kind: 'opaque', rodType: ROD_TYPE.BLOCK_DEVICE_ZERO, bytes: new Uint8Array(0) })),
    ).toMatchObject({
      field: 'rodType',
      offset: 0,
    });
  });
  it('management token encoders: a generic type is not opaque; an unknown kind is refused', () => {
    expect(
      err(() => encodeRodManagementToken({ kind: 'opaque', rodType: 0x0080_0001, bytes: new Uint8Array(88) })),
    ).toMatchObject({ field: 'rodType', offset: 0, detail: '0x00800001 is a generic ROD type' });
    expect(err(() => encodeRodManagementToken({ kind: 'mystery', rodType: 0x0080_0001 } as never))).toMatchObject({
      field: 'kind',
      offset: 0,
    });
    expect(
      err(() =>
        encodeRodManagementToken({
          kind: 'generic',
          rodType: 0xffff_fff0,
          copyManagerRodTokenIdentifier: 0n,
          numberOfBytesRepresented: 0n,
        }),
      ),
    ).toMatchObject({ field: 'rodType', detail: '0xfffffff0 is not a generic ROD type' });
    const m = encodeRodManagementToken({
      kind: 'opaque',
      rodType: 0xffff_fff0,
      rodTokenLength: 5,
      bytes: new Uint8Array(88).fill(7),
    });
    expect([...m.subarray(0, 9)]).toEqual([0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 5, 7]);
  });
});

describe('Identification Descriptor CSCD (E4h)', () => {
  const e4 = encodeIdentificationDescriptorCscd(creator);
  it('a 20-byte designator fits, 21 does not (encoder and decoder)', () => {
    const d20 = {
      ...creator,
      designationDescriptor: {
        ...creator.designationDescriptor,
        designatorType: 0,
        designator: new Uint8Array(20).fill(1),
      },
    };
    const b = encodeIdentificationDescriptorCscd(d20);
    expect(b[7]).toBe(20);
    expect(decodeIdentificationDescriptorCscd(b, { strict: true })).toEqual(d20);
    const d21 = {
      ...creator,
      designationDescriptor: { ...creator.designationDescriptor, designator: new Uint8Array(21) },
    };
    expect(err(() => encodeIdentificationDescriptorCscd(d21))).toMatchObject({
      field: 'designatorLength',
      offset: 7,
      detail: 'designator is 21 bytes, max 20',
    });
    const c = b.slice();
    c[7] = 21;
    expect(err(() => decodeIdentificationDescriptorCscd(c))).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      offset: 7,
      detail: 'designator length 21 exceeds 20',
    });
  });
  it('byte 28: FIXED is reserved except for PDT 01h; PAD is allowed', () => {
    const fixed = e4.slice();
    fixed[28] = 0x01;
    expect(err(() => decodeIdentificationDescriptorCscd(fixed, { strict: true }))).toMatchObject({
      offset: 28,
      bit: 0,
    });
    fixed[1] = 0x01; // PDT 01h (sequential access)
    expect(decodeIdentificationDescriptorCscd(fixed, { strict: true })).toMatchObject({
      fixed: true,
      peripheralDeviceType: 1,
    });
    const pad = e4.slice();
    pad[28] = 0x04;
    expect(decodeIdentificationDescriptorCscd(pad, { strict: true })).toMatchObject({ pad: true, fixed: false });
    pad[28] = 0x08;
    expect(err(() => decodeIdentificationDescriptorCscd(pad, { strict: true }))).toMatchObject({ offset: 28, bit: 3 });
  });
  it('reserved bits of bytes 1, 4, 5 and the designator padding (strict)', () => {
    const cases: [number, number, number][] = [
      [1, 0x20, 5],
      [4, 0x10, 4],
      [5, 0x40, 6],
      [24, 0x01, 0], // after the 16-byte designator (bytes 8-23): padding
      [27, 0x80, 7],
    ];
    for (const [off, v, bit] of cases) {
      const b = e4.slice();
      b[off] = (b[off] as number) | v;
      expect(
        err(() => decodeIdentificationDescriptorCscd(b, { strict: true })),
        `byte ${off}`,
      ).toMatchObject({
        code: 'ERR_RESERVED_NONZERO',
        offset: off,
        bit,
      });
    }
  });
  it('bytes 1-3 and 29-31 byte-exact; trailing bytes are an issue at byte 32', () => {
    const c = {
      ...creator,
      luIdType: 2,
      peripheralDeviceType: 0x1f,
      relativeInitiatorPortIdentifier: 0xabcd,
      diskBlockLength: 0x01_0203,
    };
    const b = encodeIdentificationDescriptorCscd(c);
    expect([b[0], b[1], b[2], b[3], b[29], b[30], b[31]]).toEqual([0xe4, 0x9f, 0xab, 0xcd, 1, 2, 3]);
    const long = new Uint8Array(33);
    long.set(b);
    expect(decodeIdentificationDescriptorCscd(long).issues).toEqual([
      expect.objectContaining({
        code: 'ERR_LENGTH_MISMATCH',
        offset: 32,
        message: '1 byte(s) after the 32-byte descriptor',
      }),
    ]);
    expect('issues' in decodeIdentificationDescriptorCscd(b)).toBe(false);
  });
});

describe('Identification Descriptor CSCD: names and offsets a caller sees', () => {
  const e4 = encodeIdentificationDescriptorCscd(creator);
  it('trace names every field with its absolute offset', () => {
    const trace: TraceEntry[] = [];
    decodeIdentificationDescriptorCscd(e4, { trace });
    const mine = trace.filter((t) => t.structure === 'IdentificationDescriptorCscd');
    expect(mine.map((t) => [t.field, t.offset, t.length])).toEqual([
      ['descriptorTypeCode', 0, 1],
      ['peripheralDeviceType', 1, 1],
      ['luIdType', 1, 1],
      ['relativeInitiatorPortIdentifier', 2, 2],
      ...mine.slice(4, -3).map((t) => [t.field, t.offset, t.length]),
      ['pad', 28, 1],
      ['fixed', 28, 1],
      ['diskBlockLength', 29, 3],
    ]);
    expect(mine.find((t) => t.field === 'relativeInitiatorPortIdentifier')?.value).toBe(7);
    expect(mine.find((t) => t.field === 'diskBlockLength')?.value).toBe(4096);
  });
  it('strict reserved-bit errors name their field', () => {
    const cases: [number, number, string][] = [
      [1, 0x20, 'obsolete'],
      [4, 0x10, 'protocolIdentifier'],
      [5, 0x80, 'piv'],
      [24, 0x01, 'designatorPad'],
      [28, 0x10, 'reserved'],
    ];
    for (const [off, v, field] of cases) {
      const b = e4.slice();
      b[off] = (b[off] as number) | v;
      expect(
        err(() => decodeIdentificationDescriptorCscd(b, { strict: true })),
        `byte ${off}`,
      ).toMatchObject({
        code: 'ERR_RESERVED_NONZERO',
        structure: 'IdentificationDescriptorCscd',
        field,
        offset: off,
      });
    }
  });
  it('a cut descriptor is truncated at its start, whatever is missing', () => {
    for (const n of [0, 1, 8, 31]) {
      expect(err(() => decodeIdentificationDescriptorCscd(e4.subarray(0, n)))).toMatchObject({
        code: 'ERR_TRUNCATED',
        offset: 0,
        detail: `need bytes 0..31, have ${n}`,
      });
    }
    const inToken = bytes.slice();
    expect(err(() => decodeRodToken(inToken.subarray(0, 40)))).toMatchObject({ code: 'ERR_TRUNCATED' });
  });
  it('encoder errors name the field and its offset', () => {
    const cases: [Partial<IdentificationDescriptorCscd>, string, number][] = [
      [{ luIdType: 4 }, 'luIdType', 1],
      [{ peripheralDeviceType: 0x20 }, 'peripheralDeviceType', 1],
      [{ relativeInitiatorPortIdentifier: 0x10000 }, 'relativeInitiatorPortIdentifier', 2],
      [{ pad: 1 as unknown as boolean }, 'pad', 28],
      [{ fixed: 'no' as unknown as boolean }, 'fixed', 28],
      [{ diskBlockLength: 0x100_0000 }, 'diskBlockLength', 29],
      [
        { designationDescriptor: null as unknown as IdentificationDescriptorCscd['designationDescriptor'] },
        'designationDescriptor',
        4,
      ],
    ];
    for (const [change, field, offset] of cases) {
      expect(
        err(() => encodeIdentificationDescriptorCscd({ ...creator, ...change })),
        field,
      ).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        field,
        offset,
      });
    }
    expect(
      err(() => encodeIdentificationDescriptorCscd(null as unknown as IdentificationDescriptorCscd)),
    ).toMatchObject({
      field: 'creatorLogicalUnitDescriptor',
      offset: 0,
    });
    const inToken = err(() =>
      encodeRodToken({ ...token, creatorLogicalUnitDescriptor: { ...creator, diskBlockLength: -1 } }),
    );
    expect([inToken.field, inToken.offset]).toEqual(['diskBlockLength', 45]);
  });
});

describe('Identification Descriptor CSCD: the caller’s own errors', () => {
  it('a throwing options getter or descriptor field comes back as the cause, naming the structure', () => {
    const e4 = encodeIdentificationDescriptorCscd(creator);
    const options = Object.defineProperty({}, 'strict', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const d = err(() => decodeIdentificationDescriptorCscd(e4, options));
    expect([d.code, d.structure, d.field, (d.cause as Error).message]).toEqual([
      'ERR_UNEXPECTED_VALUE',
      'IdentificationDescriptorCscd',
      'strict',
      'getter',
    ]);
    const value = Object.defineProperty({ ...creator }, 'pad', {
      enumerable: true,
      get() {
        throw new Error('pad getter');
      },
    });
    const e = err(() => encodeIdentificationDescriptorCscd(value));
    expect([e.code, e.structure, e.field, (e.cause as Error).message]).toEqual([
      'ERR_FIELD_RANGE',
      'IdentificationDescriptorCscd',
      'pad',
      'pad getter',
    ]);
  });
});

describe('decodeRodToken at an offset (a WRITE USING TOKEN parameter list)', () => {
  // 16 bytes before the token (the WUT header), 10 after it (more of the parameter list).
  const list = new Uint8Array(16 + 512 + 10);
  list.set(bytes, 16);
  it('reads the 512 bytes at the offset: no trailing issue for the bytes after them', () => {
    expect(decodeRodToken(list, { offset: 16, strict: true })).toEqual(decodeRodToken(bytes, { strict: true }));
    expect(decodeRodToken(list.subarray(0, 528), { offset: 16, strict: true })).toEqual(token);
  });
  it('reports offsets in the whole buffer', () => {
    const b = list.slice();
    b[16 + 21] = 0x00; // creator designator type 0h
    expect(err(() => decodeRodToken(b, { offset: 16, strict: true }))).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'designatorType',
      offset: 37,
      bit: 3,
      rule: 'spc.rod-token.corrupt',
    });
    expect(err(() => decodeRodToken(list.subarray(0, 527), { offset: 16 }))).toMatchObject({
      code: 'ERR_TRUNCATED',
      offset: 527,
      detail: 'need 512 bytes, have 511',
    });
  });
  it('offset 0 is the start; the end of the buffer leaves an empty token; past the end is truncated', () => {
    expect(decodeRodToken(bytes, { offset: 0, strict: true })).toEqual(token);
    expect(err(() => decodeRodToken(list, { offset: 538 }))).toMatchObject({
      code: 'ERR_TRUNCATED',
      field: 'rodTokenLength',
      offset: 538,
      detail: 'need 8 bytes, have 0',
    });
    expect(err(() => decodeRodToken(list, { offset: 600 }))).toMatchObject({
      code: 'ERR_TRUNCATED',
      offset: 538,
      detail: 'need bytes 600..599, have 538',
    });
  });
  it('an offset that is not a non-negative safe integer is refused', () => {
    for (const offset of [-1, 1.5, Number.NaN, 2 ** 53, '16' as unknown as number]) {
      expect(
        err(() => decodeRodToken(list, { offset })),
        String(offset),
      ).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure: 'RodToken',
        field: 'offset',
        offset: 0,
        detail: `option offset ${String(offset)} is not a non-negative integer`,
      });
    }
  });
});

describe('the device-server rule each ROD token finding carries', () => {
  const ruleOf = (b: Uint8Array) => {
    const e = err(() => decodeRodToken(b, { strict: true }));
    return [e.code, e.field, e.offset, e.rule];
  };
  it('reserved bytes 4-5: sbc.rod-token.zero-reserved in a zero token, spc.rod-token.corrupt otherwise', () => {
    const z = blockDeviceZeroRodToken();
    z[4] = 1;
    expect(ruleOf(z)).toEqual(['ERR_RESERVED_NONZERO', 'reserved', 4, 'sbc.rod-token.zero-reserved']);
    const g = bytes.slice();
    g[5] = 1;
    expect(ruleOf(g)).toEqual(['ERR_RESERVED_NONZERO', 'reserved', 5, 'spc.rod-token.corrupt']);
  });
  it('zero token bytes 8-511: sbc.rod-token.zero-reserved', () => {
    const z = blockDeviceZeroRodToken();
    z[200] = 4;
    expect(ruleOf(z)).toEqual(['ERR_RESERVED_NONZERO', 'reserved', 200, 'sbc.rod-token.zero-reserved']);
  });
  it('ROD TOKEN LENGTH (generic, zero, opaque): spc.rod-token.length, in the lenient issue too', () => {
    const z = blockDeviceZeroRodToken();
    z[7] = 0;
    expect(ruleOf(z)).toEqual(['ERR_UNEXPECTED_VALUE', 'rodTokenLength', 6, 'spc.rod-token.length']);
    const g = bytes.slice();
    g[6] = 0;
    expect(ruleOf(g)).toEqual(['ERR_UNEXPECTED_VALUE', 'rodTokenLength', 6, 'spc.rod-token.length']);
    expect(decodeRodToken(g).issues?.[0]?.rule).toBe('spc.rod-token.length');
    const o = h('fffffff0 0000 0003 0102');
    expect(ruleOf(o)).toEqual(['ERR_LENGTH_MISMATCH', 'rodTokenLength', 6, 'spc.rod-token.length']);
    expect(decodeRodToken(o).issues?.[0]?.rule).toBe('spc.rod-token.length');
  });
  it('a reserved ROD type: spc.rod-token.unsupported-type; anything else corrupt', () => {
    const g = bytes.slice();
    g[3] = 4; // 0080 0004h
    expect(ruleOf(g)).toEqual(['ERR_UNSUPPORTED', 'rodType', 0, 'spc.rod-token.unsupported-type']);
    expect(decodeRodToken(g).issues?.[0]?.rule).toBe('spc.rod-token.unsupported-type');
    expect(err(() => decodeRodToken(bytes.subarray(0, 100)))).toMatchObject({
      code: 'ERR_TRUNCATED',
      offset: 100,
      rule: 'spc.rod-token.corrupt',
    });
    const t = bytes.slice();
    t[129] = 0x03; // target descriptor association 00b
    expect(ruleOf(t)).toEqual(['ERR_INVALID_VALUE', 'association', 129, 'spc.rod-token.corrupt']);
  });
});

describe('ROD token functions on the caller’s malformed values', () => {
  const throwing = (o: object, k: string): never =>
    Object.defineProperty({ ...o }, k, {
      enumerable: true,
      get() {
        throw new Error(`${k} getter`);
      },
    }) as never;
  const summary = (e: ScsiCodecError) => [
    e.code,
    e.structure,
    e.field,
    e.offset,
    (e.cause as Error | undefined)?.message,
  ];
  it('a throwing getter comes back as the cause, with the function’s structure and error code', () => {
    expect(summary(err(() => decodeRodToken(bytes, throwing({}, 'strict'))))).toEqual([
      'ERR_UNEXPECTED_VALUE',
      'RodToken',
      'strict',
      0,
      'strict getter',
    ]);
    expect(summary(err(() => decodeRodToken(bytes, throwing({}, 'offset'))))).toEqual([
      'ERR_UNEXPECTED_VALUE',
      'RodToken',
      'offset',
      0,
      'offset getter',
    ]);
    expect(summary(err(() => decodeRodManagementToken(bytes.subarray(0, 96), throwing({}, 'strict'))))).toEqual([
      'ERR_UNEXPECTED_VALUE',
      'RodManagementToken',
      'strict',
      0,
      'strict getter',
    ]);
    expect(summary(err(() => encodeRodToken(throwing(token, 'kind'))))).toEqual([
      'ERR_FIELD_RANGE',
      'RodToken',
      'kind',
      0,
      'kind getter',
    ]);
    const m = { kind: 'generic', rodType: 0x80_0000, copyManagerRodTokenIdentifier: 0n, numberOfBytesRepresented: 0n };
    expect(summary(err(() => encodeRodManagementToken(throwing(m, 'copyManagerRodTokenIdentifier'))))).toEqual([
      'ERR_FIELD_RANGE',
      'RodManagementToken',
      'copyManagerRodTokenIdentifier',
      0,
      'copyManagerRodTokenIdentifier getter',
    ]);
    expect(summary(err(() => numberOfBytesRepresentedOf(throwing({}, 'numberOfBytesRepresented'))))).toEqual([
      'ERR_FIELD_RANGE',
      'numberOfBytesRepresentedOf',
      'numberOfBytesRepresented',
      0,
      'numberOfBytesRepresented getter',
    ]);
  });
  it('numberOfBytesRepresentedOf needs a bigint', () => {
    expect(err(() => numberOfBytesRepresentedOf({ numberOfBytesRepresented: 5 as never }))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      field: 'numberOfBytesRepresented',
      offset: 0,
      detail: '5 is not a bigint',
    });
    expect(err(() => numberOfBytesRepresentedOf(null as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'numberOfBytesRepresentedOf',
      field: undefined,
      detail: 'not a well-formed numberOfBytesRepresentedOf',
    });
  });
  it('isBlockDeviceZeroRodToken: false for anything but a Uint8Array; a broken subclass is refused', () => {
    const lookAlike = { length: 512, 0: 0xff, 1: 0xff, 2: 0, 3: 1 };
    expect(isBlockDeviceZeroRodToken(lookAlike as never)).toBe(false);
    expect(isBlockDeviceZeroRodToken(null as never)).toBe(false);
    class Broken extends Uint8Array {
      override get length(): number {
        throw new Error('length getter');
      }
    }
    expect(err(() => isBlockDeviceZeroRodToken(new Broken(blockDeviceZeroRodToken())))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'isBlockDeviceZeroRodToken',
      offset: 0,
    });
  });
  it('encoders name what is missing or of the wrong type, with its offset', () => {
    const cases: [() => unknown, string, string | undefined, number, string][] = [
      [() => encodeRodToken(5 as never), 'RodToken', undefined, 0, 'not a ROD token'],
      [() => encodeRodManagementToken(5 as never), 'RodManagementToken', undefined, 0, 'not a management token'],
      [
        () => encodeRodManagementToken({ kind: 'foo', rodType: 0x80_0000 } as never),
        'RodManagementToken',
        'kind',
        0,
        'unknown token kind',
      ],
      [() => encodeRodToken({ ...token, kind: 'foo' } as never), 'RodToken', 'kind', 0, 'unknown token kind'],
      [
        () => encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff0, bytes: [1] } as never),
        'RodToken',
        'body',
        8,
        'not a Uint8Array',
      ],
      [
        () => encodeRodToken({ kind: 'opaque', rodType: 0x1_0000, bytes: new Uint8Array(2) }),
        'RodToken',
        'rodType',
        0,
        "0x00010000 has a defined layout: use format 'generic' or 'blockDeviceZero'",
      ],
      [
        () => encodeRodToken({ ...token, rodType: 0xffff_fff0 }),
        'RodToken',
        'rodType',
        0,
        '0xfffffff0 is not a generic ROD type',
      ],
      [
        () => encodeRodToken({ ...token, deviceTypeSpecificData: null as never }),
        'RodToken',
        'deviceTypeSpecificData',
        96,
        'missing',
      ],
      [
        () => encodeRodToken({ ...token, deviceTypeSpecificData: 5 as never }),
        'RodToken',
        'deviceTypeSpecificData',
        96,
        'missing',
      ],
      [
        () => encodeRodToken({ ...token, deviceTypeSpecificData: { kind: 'raw', bytes: new Uint8Array(31) } }),
        'RodToken',
        'deviceTypeSpecificData',
        96,
        'must be exactly 32 bytes, got 31',
      ],
      [
        () => encodeRodToken({ ...token, targetDeviceDescriptor: 5 as never }),
        'RodToken',
        'targetDeviceDescriptor',
        128,
        'missing',
      ],
      [
        () => encodeRodToken({ ...token, extendedRodTokenData: [1] as never }),
        'RodToken',
        'extendedRodTokenData',
        132,
        'not a Uint8Array',
      ],
      [
        () => encodeRodToken({ ...token, creatorLogicalUnitDescriptor: 5 as never }),
        'RodToken',
        'creatorLogicalUnitDescriptor',
        16,
        'not an E4h descriptor',
      ],
      [
        () =>
          encodeRodToken({ ...token, creatorLogicalUnitDescriptor: { ...creator, designationDescriptor: 5 as never } }),
        'RodToken',
        'designationDescriptor',
        20,
        'missing',
      ],
      [
        () => encodeRodToken({ ...token, numberOfBytesRepresented: 1n << 128n }),
        'RodToken',
        'numberOfBytesRepresented',
        48,
        expect.any(String) as never,
      ],
    ];
    for (const [fn, structure, field, offset, detail] of cases) {
      expect(err(fn), `${field} ${detail}`).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure,
        field,
        offset,
        detail,
      });
    }
  });
  it('raw device type specific data and an opaque ROD TOKEN LENGTH are written byte-exact', () => {
    const raw = Uint8Array.from({ length: 32 }, (_, i) => 0x80 | i);
    const b = encodeRodToken({ ...token, deviceTypeSpecificData: { kind: 'raw', bytes: raw } });
    expect(b.subarray(96, 128)).toEqual(raw);
    expect(b.subarray(0, 96)).toEqual(bytes.subarray(0, 96));
    expect(b.subarray(128)).toEqual(bytes.subarray(128));
    const o = encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff0, rodTokenLength: 7, bytes: h('0102') });
    expect(o).toEqual(h('fffffff0 0000 0007 0102'));
  });
});

describe('ROD token: the trace of every field (the annotated dump) and the exact issue texts', () => {
  type Decode = (b: Uint8Array, o: { trace: TraceEntry[] }) => unknown;
  const fields = (b: Uint8Array, decode: Decode = decodeRodToken) => {
    const trace: TraceEntry[] = [];
    decode(b, { trace });
    return trace
      .filter((t) => t.structure !== 'Designator')
      .map((t) => `${t.structure}.${t.field}@${t.offset}+${t.length}`);
  };
  const designation = (s: string, at: number, len: number) => [
    `${s}.designatorLength@${at + 3}+1`,
    `${s}.piv@${at + 1}+1`,
    `${s}.association@${at + 1}+1`,
    `${s}.protocolIdentifier@${at}+1`,
    `${s}.codeSet@${at}+1`,
    `${s}.designatorType@${at + 1}+1`,
    `${s}.designator@${at + 4}+${len}`,
  ];
  const creatorFields = (s: string) => [
    `${s}.descriptorTypeCode@16+1`,
    `${s}.peripheralDeviceType@17+1`,
    `${s}.luIdType@17+1`,
    `${s}.relativeInitiatorPortIdentifier@18+2`,
    ...designation(s, 20, 16),
    `${s}.pad@44+1`,
    `${s}.fixed@44+1`,
    `${s}.diskBlockLength@45+3`,
  ];
  it('a generic token with a block device creator', () => {
    expect(fields(bytes)).toEqual([
      'RodToken.rodType@0+4',
      'RodToken.rodTokenLength@6+2',
      'RodToken.copyManagerRodTokenIdentifier@8+8',
      ...creatorFields('RodToken'),
      'RodToken.numberOfBytesRepresented@48+16',
      'RodToken.logicalBlockLength@96+4',
      'RodToken.pType@100+1',
      'RodToken.protEn@100+1',
      'RodToken.pIExponent@101+1',
      'RodToken.logicalBlocksPerPhysicalBlockExponent@101+1',
      'RodToken.lbpme@102+1',
      'RodToken.lbprz@102+1',
      'RodToken.lowestAlignedLogicalBlockAddress@102+2',
      ...designation('RodToken', 128, 8),
      'RodToken.extendedRodTokenData@140+372',
    ]);
  });
  it('a generic token without a creator: raw device type specific data', () => {
    const b = bytes.slice();
    b.fill(0, 16, 48);
    expect(fields(b)).toEqual([
      'RodToken.rodType@0+4',
      'RodToken.rodTokenLength@6+2',
      'RodToken.copyManagerRodTokenIdentifier@8+8',
      'RodToken.numberOfBytesRepresented@48+16',
      'RodToken.deviceTypeSpecificData@96+32',
      ...designation('RodToken', 128, 8),
      'RodToken.extendedRodTokenData@140+372',
    ]);
  });
  it('a zero token with reserved data, an opaque token, management tokens', () => {
    const z = blockDeviceZeroRodToken();
    z[300] = 1;
    expect(fields(z)).toEqual(['RodToken.rodType@0+4', 'RodToken.rodTokenLength@6+2', 'RodToken.reservedData@8+504']);
    expect(fields(h('fffffff0 0000 0002 abcd'))).toEqual([
      'RodToken.rodType@0+4',
      'RodToken.rodTokenLength@6+2',
      'RodToken.body@8+2',
    ]);
    expect(fields(bytes.subarray(0, 96), decodeRodManagementToken)).toEqual([
      'RodManagementToken.rodType@0+4',
      'RodManagementToken.rodTokenLength@6+2',
      'RodManagementToken.copyManagerRodTokenIdentifier@8+8',
      ...creatorFields('RodManagementToken'),
      'RodManagementToken.numberOfBytesRepresented@48+16',
    ]);
    const m = new Uint8Array(96);
    m.set(h('fffffff0 0000 01f8'));
    expect(fields(m, decodeRodManagementToken)).toEqual([
      'RodManagementToken.rodType@0+4',
      'RodManagementToken.rodTokenLength@6+2',
      'RodManagementToken.body@8+88',
    ]);
  });
  it('issue messages', () => {
    const messages = (b: Uint8Array) => (decodeRodToken(b).issues ?? []).map((i) => i.message);
    const c = bytes.slice();
    c[21] = 0x10; // creator: association 01b, designator type 0h
    expect(messages(c)).toEqual([
      'creator designator type 0x0 is not 2h (EUI-64) or 3h (NAA)',
      'creator association 1 is not 0 (LU)',
    ]);
    const t = bytes.slice();
    t[129] = 0x10; // target: association 01b, designator type 0h
    expect(messages(t)).toEqual([
      'target device descriptor association 1 is not 2 (target device)',
      'target device designator type 0x0 is not 2h, 3h or 8h',
    ]);
    const n = encodeRodToken({ ...token, numberOfBytesRepresented: 5n << 64n });
    expect(messages(n)).toEqual([
      'upper 64 bits set, lower 64 bits zero: likely a u64 written at bytes 48-55 (see numberOfBytesRepresentedOf)',
    ]);
    const l = bytes.slice();
    l[7] = 0xf0;
    expect(messages(l)).toEqual(['ROD TOKEN LENGTH is 0x01f0, expected 0x01f8']);
    expect(decodeRodToken(l).issues?.[0]).toMatchObject({ code: 'ERR_UNEXPECTED_VALUE', field: 'rodTokenLength' });
  });
});

describe('ROD token decode and encode details', () => {
  it('a token without a creator has no creatorLogicalUnitDescriptor key; one with a bad length keeps it', () => {
    const b = bytes.slice();
    b.fill(0, 16, 48);
    expect(Object.keys(decodeRodToken(b))).toEqual([
      'kind',
      'rodType',
      'copyManagerRodTokenIdentifier',
      'numberOfBytesRepresented',
      'deviceTypeSpecificData',
      'targetDeviceDescriptor',
      'extendedRodTokenData',
    ]);
    const l = bytes.slice();
    l[7] = 0xf0;
    expect(Object.keys(decodeRodToken(l))).toEqual([
      'kind',
      'rodType',
      'rodTokenLength',
      'copyManagerRodTokenIdentifier',
      'creatorLogicalUnitDescriptor',
      'numberOfBytesRepresented',
      'deviceTypeSpecificData',
      'targetDeviceDescriptor',
      'extendedRodTokenData',
      'issues',
    ]);
  });
  it('the creator check stops at byte 47: a set byte 48 is no creator', () => {
    const t: GenericRodToken = { ...token, numberOfBytesRepresented: 1n << 127n };
    delete (t as { creatorLogicalUnitDescriptor?: unknown }).creatorLogicalUnitDescriptor;
    const b = encodeRodToken(t);
    expect(b[48]).toBe(0x80);
    expect(b.subarray(16, 48).every((x) => x === 0)).toBe(true);
    const d = decodeRodToken(b, { strict: true }) as GenericRodToken;
    expect(d.creatorLogicalUnitDescriptor).toBeUndefined();
    expect(d.numberOfBytesRepresented).toBe(1n << 127n);
  });
  it('NUMBER OF BYTES REPRESENTED 0 is no issue', () => {
    expect('issues' in decodeRodToken(encodeRodToken({ ...token, numberOfBytesRepresented: 0n }))).toBe(false);
  });
  it('lowest aligned LBA 0 encodes; an out-of-range one says why', () => {
    const d = {
      ...token.deviceTypeSpecificData,
      lowestAlignedLogicalBlockAddress: 0,
    } as GenericRodToken['deviceTypeSpecificData'];
    const b = encodeRodToken({ ...token, deviceTypeSpecificData: d });
    expect([b[102], b[103]]).toEqual([0x80, 0x00]);
    const e = err(() =>
      encodeRodToken({
        ...token,
        deviceTypeSpecificData: {
          ...d,
          lowestAlignedLogicalBlockAddress: 0x4000,
        } as GenericRodToken['deviceTypeSpecificData'],
      }),
    );
    expect([e.structure, e.detail]).toEqual(['RodToken', '16384 does not fit 14 bits']);
  });
  it('truncation is reported before any field is read', () => {
    expect(err(() => decodeRodToken(bytes.subarray(0, 100))).detail).toBe('need 512 bytes, have 100');
    expect(err(() => decodeRodToken(blockDeviceZeroRodToken().subarray(0, 300))).detail).toBe(
      'need 512 bytes, have 300',
    );
    expect(err(() => decodeRodManagementToken(bytes.subarray(0, 95)))).toMatchObject({
      code: 'ERR_TRUNCATED',
      offset: 95,
      detail: 'need 96 bytes, have 95',
    });
  });
  it('management token: reserved bytes 4-5 (strict)', () => {
    const m = bytes.slice(0, 96);
    m[5] = 0x20;
    expect(err(() => decodeRodManagementToken(m, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      structure: 'RodManagementToken',
      offset: 5,
      bit: 5,
    });
    expect(decodeRodManagementToken(m)).toEqual(decodeRodManagementToken(bytes.subarray(0, 96)));
  });
  it('null is not a token; errors of a value name the writer’s structure', () => {
    expect(err(() => encodeRodToken(null as never)).detail).toBe('not a ROD token');
    expect(err(() => encodeRodManagementToken(null as never)).detail).toBe('not a management token');
    expect(err(() => numberOfBytesRepresentedOf({ numberOfBytesRepresented: 5 as never })).structure).toBe('RodToken');
    const e4 = err(() => encodeIdentificationDescriptorCscd({ ...creator, luIdType: 4 }));
    expect([e4.structure, e4.field, e4.offset]).toEqual(['IdentificationDescriptorCscd', 'luIdType', 1]);
    const inToken = err(() => encodeRodToken({ ...token, creatorLogicalUnitDescriptor: { ...creator, luIdType: 4 } }));
    expect([inToken.structure, inToken.field, inToken.offset]).toEqual(['RodToken', 'luIdType', 17]);
  });
});
