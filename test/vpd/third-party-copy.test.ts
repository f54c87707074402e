import { describe, expect, it } from 'vitest';
import {
  arbBlockDeviceRodLimitsDescriptor,
  arbCopyGroupIdentifierDescriptor,
  arbGeneralCopyOperationsDescriptor,
  arbHeldDataDescriptor,
  arbParameterDataDescriptor,
  arbRodTokenFeaturesDescriptor,
  arbStreamCopyOperationsDescriptor,
  arbSupportedCommandsDescriptor,
  arbSupportedCscdIdsDescriptor,
  arbSupportedDescriptorsDescriptor,
  arbSupportedRodTokenAndRodTypesDescriptor,
  arbThirdPartyCopyDescriptor,
  arbThirdPartyCopyVpdPage,
  arbUnknownThirdPartyCopyDescriptor,
} from '../../src/arbitraries/vpd.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import {
  decodeThirdPartyCopyDescriptor,
  decodeThirdPartyCopyVpdPage,
  encodeThirdPartyCopyDescriptor,
  encodeThirdPartyCopyVpdPage,
  sortThirdPartyCopyDescriptors,
  type ThirdPartyCopyDescriptor,
  type ThirdPartyCopyVpdPage,
} from '../../src/vpd/third-party-copy.js';
import { describeLaws } from '../laws.js';
import { h, vector } from './hex.js';

describeLaws({
  name: 'ThirdPartyCopyVpdPage',
  arb: arbThirdPartyCopyVpdPage(),
  encode: encodeThirdPartyCopyVpdPage,
  decode: decodeThirdPartyCopyVpdPage,
  fuzzMaxLength: 600,
});

const descriptorArbs = {
  BlockDeviceRodLimitsDescriptor: arbBlockDeviceRodLimitsDescriptor(),
  SupportedCommandsDescriptor: arbSupportedCommandsDescriptor(),
  ParameterDataDescriptor: arbParameterDataDescriptor(),
  SupportedDescriptorsDescriptor: arbSupportedDescriptorsDescriptor(),
  SupportedCscdIdsDescriptor: arbSupportedCscdIdsDescriptor(),
  CopyGroupIdentifierDescriptor: arbCopyGroupIdentifierDescriptor(),
  RodTokenFeaturesDescriptor: arbRodTokenFeaturesDescriptor(),
  SupportedRodTokenAndRodTypesDescriptor: arbSupportedRodTokenAndRodTypesDescriptor(),
  GeneralCopyOperationsDescriptor: arbGeneralCopyOperationsDescriptor(),
  StreamCopyOperationsDescriptor: arbStreamCopyOperationsDescriptor(),
  HeldDataDescriptor: arbHeldDataDescriptor(),
  UnknownThirdPartyCopyDescriptor: arbUnknownThirdPartyCopyDescriptor(),
  ThirdPartyCopyDescriptor: arbThirdPartyCopyDescriptor(),
};
for (const [name, arb] of Object.entries(descriptorArbs)) {
  describeLaws<ThirdPartyCopyDescriptor>({
    name,
    arb: arb as typeof descriptorArbs.ThirdPartyCopyDescriptor,
    encode: encodeThirdPartyCopyDescriptor,
    decode: decodeThirdPartyCopyDescriptor,
  });
}

function codecError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

describe('sg3_utils inhex/vpd_tpc.hex', () => {
  const bytes = vector('sg3utils_inhex_vpd_tpc.hex');

  it('is 140 bytes: PAGE LENGTH 008Ch but only 0088h bytes follow', () => {
    expect(bytes.length).toBe(0x88 + 4);
  });

  it('decodes leniently to the documented values, reporting the clamped PAGE LENGTH', () => {
    const page = decodeThirdPartyCopyVpdPage(bytes);
    expect(page.peripheralQualifier).toBe(0);
    expect(page.peripheralDeviceType).toBe(0);
    expect(page.issues).toEqual([
      expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH', field: 'pageLength', offset: 2 }),
    ]);
    expect(page.descriptors.map((d) => d.kind)).toEqual([
      'blockDeviceRodLimits',
      'supportedCommands',
      'parameterData',
      'supportedDescriptors',
      'supportedCscdIds',
      'copyGroupIdentifier',
    ]);
    const [bdrl, sc, pd, sd, ids, cgi] = page.descriptors;
    expect(bdrl).toEqual({
      kind: 'blockDeviceRodLimits',
      vendorSpecific: new Uint8Array(6),
      maximumRangeDescriptors: 0x0123,
      maximumInactivityTimeout: 60,
      defaultInactivityTimeout: 30,
      maximumTokenTransferSize: 0x0000_0099_8877_6655n,
      optimalTransferCount: 0x0000_0044_5566_7788n,
    });
    expect(sc).toEqual({
      kind: 'supportedCommands',
      commands: [
        { operationCode: 0x00, serviceActions: [] },
        { operationCode: 0x03, serviceActions: [] },
        { operationCode: 0x12, serviceActions: [] },
        { operationCode: 0x83, serviceActions: [0x10, 0x11] },
        { operationCode: 0x84, serviceActions: [0x07] },
      ],
    });
    expect(pd).toEqual({
      kind: 'parameterData',
      maximumCscdDescriptorCount: 0x1c,
      maximumSegmentDescriptorCount: 0x40,
      maximumDescriptorListLength: 0x0001_2233,
      // SPC bytes 16-19; sg3_utils prints 99887700h (it reads 17-20)
      maximumInlineDataLength: 0x0099_8877,
    });
    expect(sd).toEqual({ kind: 'supportedDescriptors', descriptorTypeCodes: [0x02, 0xe9] });
    expect(ids).toEqual({ kind: 'supportedCscdIds', cscdIds: [0x0000, 0x0001, 0xc000, 0xffff] });
    expect(cgi).toEqual({
      kind: 'copyGroupIdentifier',
      copyGroupIdentifier: h('10 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee fe dc'),
    });
  });

  it('records a decode trace with absolute offsets (one entry per field)', () => {
    const trace: TraceEntry[] = [];
    decodeThirdPartyCopyVpdPage(bytes, { trace });
    expect(trace.filter((t) => t.field === 'descriptorType').map((t) => t.offset)).toEqual([4, 40, 60, 92, 100, 116]);
    expect(trace.find((t) => t.field === 'maximumInlineDataLength')).toEqual({
      structure: 'ParameterDataDescriptor',
      field: 'maximumInlineDataLength',
      offset: 60 + 16,
      length: 4,
      value: 0x998877,
    });
  });

  it('strict decoding reports the PAGE LENGTH mismatch', () => {
    const e = codecError(() => decodeThirdPartyCopyVpdPage(bytes, { strict: true }));
    expect([e.code, e.structure, e.field, e.offset]).toEqual([
      'ERR_LENGTH_MISMATCH',
      'ThirdPartyCopyVpdPage',
      'pageLength',
      2,
    ]);
  });

  it('re-encodes to the same bytes with the corrected PAGE LENGTH 0088h', () => {
    const fixed = bytes.slice();
    fixed[3] = 0x88;
    expect(encodeThirdPartyCopyVpdPage(decodeThirdPartyCopyVpdPage(bytes))).toEqual(fixed);
    expect(decodeThirdPartyCopyVpdPage(fixed, { strict: true }).issues).toBeUndefined();
  });
});

const ROD_LIMITS: ThirdPartyCopyDescriptor = {
  kind: 'blockDeviceRodLimits',
  vendorSpecific: h('01 02 03 04 05 06'),
  maximumRangeDescriptors: 8,
  maximumInactivityTimeout: 0xffffffff,
  defaultInactivityTimeout: 30,
  maximumTokenTransferSize: 0x0102030405060708n,
  optimalTransferCount: 0x800n,
};

describe('known answers (spec tables)', () => {
  it('0000h Block Device ROD Limits', () => {
    expect(encodeThirdPartyCopyDescriptor(ROD_LIMITS)).toEqual(
      h(`00 00 00 20  01 02 03 04 05 06  00 08  ff ff ff ff  00 00 00 1e
         01 02 03 04 05 06 07 08  00 00 00 00 00 00 08 00`),
    );
  });

  it('0106h ROD Token Features with block, stream and copy-manager descriptors', () => {
    const d: ThirdPartyCopyDescriptor = {
      kind: 'rodTokenFeatures',
      remoteTokens: 6,
      minimumTokenLifetime: 1,
      maximumTokenLifetime: 0x100,
      maximumTokenInactivityTimeout: 0x20,
      deviceTypeSpecificDescriptors: [
        {
          kind: 'block',
          optimalBlockRodLengthGranularity: 0x80,
          maximumBytesInBlockRod: 0x1000n,
          optimalBytesInBlockRodTransfer: 0xffffffffffffffffn,
          optimalBytesToTokenPerSegment: 2n,
          optimalBytesFromTokenPerSegment: 3n,
        },
        { kind: 'stream', maximumBytesInStreamRod: 4n, optimalBytesInStreamRodTransfer: 5n },
        { kind: 'copyManager', maximumBytesInProcessorRod: 6n, optimalBytesInProcessorRodTransfer: 7n },
      ],
    };
    const b = encodeThirdPartyCopyDescriptor(d);
    expect(b.length).toBe(48 + 3 * 48);
    const dv = new DataView(b.buffer);
    expect(dv.getUint16(0)).toBe(0x0106);
    expect(dv.getUint16(2)).toBe(48 + 3 * 48 - 4);
    expect(b[4]).toBe(6);
    expect(dv.getUint32(16)).toBe(1);
    expect(dv.getUint32(20)).toBe(0x100);
    expect(dv.getUint32(24)).toBe(0x20);
    expect(dv.getUint16(46)).toBe(144);
    // block descriptor at 48
    expect([b[48], b[49], dv.getUint16(50), dv.getUint16(54)]).toEqual([0x00, 0, 0x2c, 0x80]);
    expect(dv.getBigUint64(56)).toBe(0x1000n);
    expect(dv.getBigUint64(64)).toBe(0xffffffffffffffffn);
    expect(dv.getBigUint64(72)).toBe(2n);
    expect(dv.getBigUint64(80)).toBe(3n);
    // stream at 96, copy manager at 144
    expect([b[96], dv.getUint16(98), b[144], dv.getUint16(146)]).toEqual([0x01, 0x2c, 0x03, 0x2c]);
    expect(dv.getBigUint64(104)).toBe(4n);
    expect(dv.getBigUint64(160)).toBe(7n);
    expect(decodeThirdPartyCopyDescriptor(b, { strict: true })).toEqual(d);
  });

  it('0108h ROD types: 64-byte descriptors, flags in byte 4', () => {
    const d: ThirdPartyCopyDescriptor = {
      kind: 'supportedRodTokenAndRodTypes',
      rodTypes: [
        { rodType: 0x00800000, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0xffff },
        { rodType: 0xffff0001, ecpyInt: true, tokenIn: true, tokenOut: false, preferenceIndicator: 0 },
      ],
    };
    const b = encodeThirdPartyCopyDescriptor(d);
    expect(b.length).toBe(8 + 128);
    expect(Array.from(b.subarray(0, 16))).toEqual([
      0x01, 0x08, 0x00, 0x84, 0, 0, 0x00, 0x80, 0x00, 0x80, 0x00, 0x00, 0x03, 0, 0xff, 0xff,
    ]);
    expect(Array.from(b.subarray(72, 80))).toEqual([0xff, 0xff, 0x00, 0x01, 0x82, 0, 0, 0]);
  });

  it('8001h, 9101h, C001h fixed layouts', () => {
    expect(
      encodeThirdPartyCopyDescriptor({
        kind: 'generalCopyOperations',
        totalConcurrentCopies: 1,
        maximumIdentifiedConcurrentCopies: 2,
        maximumSegmentLength: 3,
        dataSegmentGranularity: 4,
        inlineDataGranularity: 5,
      }),
    ).toEqual(h(`80 01 00 20 00 00 00 01 00 00 00 02 00 00 00 03 04 05 ${'00 '.repeat(18)}`));
    expect(
      encodeThirdPartyCopyDescriptor({ kind: 'streamCopyOperations', maximumStreamDeviceTransferSize: 9 }),
    ).toEqual(h(`91 01 00 0c 00 00 00 09 ${'00 '.repeat(8)}`));
    expect(
      encodeThirdPartyCopyDescriptor({ kind: 'heldData', heldDataLimit: 0x10000, heldDataGranularity: 9 }),
    ).toEqual(h(`c0 01 00 1c 00 01 00 00 09 ${'00 '.repeat(23)}`));
  });

  it('pads variable descriptors with zeros to a multiple of 4', () => {
    expect(encodeThirdPartyCopyDescriptor({ kind: 'supportedDescriptors', descriptorTypeCodes: [2, 0xe9] })).toEqual(
      h('00 08 00 04 02 02 e9 00'),
    );
    expect(encodeThirdPartyCopyDescriptor({ kind: 'supportedDescriptors', descriptorTypeCodes: [] })).toEqual(
      h('00 08 00 04 00 00 00 00'),
    );
    expect(encodeThirdPartyCopyDescriptor({ kind: 'supportedCscdIds', cscdIds: [0xffff] })).toEqual(
      h('00 0c 00 04 00 02 ff ff'),
    );
  });

  it('keeps unknown descriptor types byte-exact', () => {
    const page = h('00 8f 00 0c  e0 05 00 08 de ad be ef 01 02 03 04');
    const p = decodeThirdPartyCopyVpdPage(page, { strict: true });
    expect(p.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0xe005, bytes: h('de ad be ef 01 02 03 04') }]);
    expect(encodeThirdPartyCopyVpdPage(p)).toEqual(page);
  });

  it('sortThirdPartyCopyDescriptors orders by type', () => {
    const ds: ThirdPartyCopyDescriptor[] = [
      { kind: 'heldData', heldDataLimit: 0, heldDataGranularity: 0 },
      { kind: 'unknown', descriptorType: 0x0002, bytes: new Uint8Array(0) },
      ROD_LIMITS,
    ];
    expect(sortThirdPartyCopyDescriptors(ds).map((d) => d.kind)).toEqual([
      'blockDeviceRodLimits',
      'unknown',
      'heldData',
    ]);
  });
});

describe('strict and lenient error handling', () => {
  const page = (...descs: ThirdPartyCopyDescriptor[]): ThirdPartyCopyVpdPage => ({
    kind: 'thirdPartyCopy',
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
    descriptors: descs,
  });
  const held: ThirdPartyCopyDescriptor = { kind: 'heldData', heldDataLimit: 1, heldDataGranularity: 1 };

  it('rejects a wrong PAGE CODE in both modes', () => {
    const e = codecError(() => decodeThirdPartyCopyVpdPage(h('00 80 00 00')));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_UNEXPECTED_VALUE', 'pageCode', 1]);
  });

  it('throws ERR_TRUNCATED for a short header', () => {
    const e = codecError(() => decodeThirdPartyCopyVpdPage(h('00 8f 00')));
    expect(e.code).toBe('ERR_TRUNCATED');
  });

  it('descriptors out of order: encoded as given, strict rejects at the second descriptor', () => {
    const b = encodeThirdPartyCopyVpdPage(page(held, ROD_LIMITS));
    const e = codecError(() => decodeThirdPartyCopyVpdPage(b, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_INVALID_VALUE', 'descriptorType', 4 + 32]);
    const lenient = decodeThirdPartyCopyVpdPage(b);
    expect(lenient.descriptors).toEqual([held, ROD_LIMITS]);
    expect(lenient.issues?.map((i) => i.code)).toEqual(['ERR_INVALID_VALUE']);
    expect(encodeThirdPartyCopyVpdPage(lenient)).toEqual(b);
  });

  it('non-zero pad: strict ERR_RESERVED_NONZERO at the pad byte, lenient silent', () => {
    const b = h('00 8f 00 08 00 08 00 04 01 02 00 77');
    const e = codecError(() => decodeThirdPartyCopyVpdPage(b, { strict: true }));
    expect([e.code, e.structure, e.field, e.offset, e.bit]).toEqual([
      'ERR_RESERVED_NONZERO',
      'SupportedDescriptorsDescriptor',
      'pad',
      11,
      6,
    ]);
    expect(decodeThirdPartyCopyVpdPage(b).issues).toBeUndefined();
  });

  it('descriptor length too long for its content (extra pad): ERR_LENGTH_MISMATCH', () => {
    const b = h('00 8f 00 0c 00 08 00 08 01 02 00 00 00 00 00 00');
    const e = codecError(() => decodeThirdPartyCopyVpdPage(b, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_LENGTH_MISMATCH', 'descriptorLength', 6]);
    expect(decodeThirdPartyCopyVpdPage(b).descriptors).toEqual([
      { kind: 'supportedDescriptors', descriptorTypeCodes: [2] },
    ]);
  });

  it('list length past the descriptor: clamped leniently', () => {
    const b = h('00 8f 00 08 00 08 00 04 09 02 e9 05');
    const p = decodeThirdPartyCopyVpdPage(b);
    expect(p.descriptors).toEqual([{ kind: 'supportedDescriptors', descriptorTypeCodes: [2, 0xe9, 5] }]);
    expect(p.issues?.[0]).toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      field: 'supportedDescriptorListLength',
      offset: 8,
    });
  });

  it('known descriptor too short: kept raw leniently', () => {
    const b = h('00 8f 00 08 00 00 00 04 01 02 03 04');
    const p = decodeThirdPartyCopyVpdPage(b);
    expect(p.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0, bytes: h('01 02 03 04') }]);
    expect(p.issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', field: 'descriptorLength', offset: 6 });
    expect(encodeThirdPartyCopyVpdPage(p)).toEqual(b);
  });

  it('descriptor cut short by ALLOCATION LENGTH: strict ERR_TRUNCATED', () => {
    const full = encodeThirdPartyCopyVpdPage(page(ROD_LIMITS, held));
    const cut = full.slice(0, 4 + 36 + 8);
    cut[3] = 36 + 8; // PAGE LENGTH claims what is present; the descriptor does not fit
    const e = codecError(() => decodeThirdPartyCopyVpdPage(cut, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_TRUNCATED', 'descriptorLength', 42]);
  });

  it('TOKEN_OUT set for the zero ROD type and bad preference sums', () => {
    const d: ThirdPartyCopyDescriptor = {
      kind: 'supportedRodTokenAndRodTypes',
      rodTypes: [
        { rodType: 0xffff0001, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 1 },
        { rodType: 0x00800000, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 1 },
      ],
    };
    const b = encodeThirdPartyCopyDescriptor(d);
    const e = codecError(() => decodeThirdPartyCopyDescriptor(b, { strict: true }));
    expect([e.code, e.field, e.offset, e.bit]).toEqual(['ERR_INVALID_VALUE', 'tokenOut', 12, 0]);
    const lenient = decodeThirdPartyCopyDescriptor(b);
    expect(lenient.issues?.map((i) => [i.code, i.field, i.offset])).toEqual([
      ['ERR_INVALID_VALUE', 'tokenOut', 12],
      ['ERR_INVALID_VALUE', 'rodType', 72],
      ['ERR_INVALID_VALUE', 'preferenceIndicator', 8],
    ]);
  });

  it('ROD device type specific descriptors out of order (copy manager before block): ERR_INVALID_VALUE', () => {
    const d: ThirdPartyCopyDescriptor = {
      kind: 'rodTokenFeatures',
      remoteTokens: 0,
      minimumTokenLifetime: 0,
      maximumTokenLifetime: 0,
      maximumTokenInactivityTimeout: 0,
      deviceTypeSpecificDescriptors: [
        { kind: 'copyManager', maximumBytesInProcessorRod: 1n, optimalBytesInProcessorRodTransfer: 2n },
        {
          kind: 'block',
          optimalBlockRodLengthGranularity: 0,
          maximumBytesInBlockRod: 0n,
          optimalBytesInBlockRodTransfer: 0n,
          optimalBytesToTokenPerSegment: 0n,
          optimalBytesFromTokenPerSegment: 0n,
        },
      ],
    };
    const b = encodeThirdPartyCopyDescriptor(d);
    const e = codecError(() => decodeThirdPartyCopyDescriptor(b, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_INVALID_VALUE', 'peripheralDeviceType', 96]);
    const lenient = decodeThirdPartyCopyDescriptor(b);
    expect(lenient.issues).toHaveLength(1);
    expect({ ...lenient, issues: undefined }).toEqual({ ...d, issues: undefined });
  });

  it('unknown descriptor whose length is not a multiple of 4: strict ERR_LENGTH_MISMATCH, lenient keeps it', () => {
    const b = h('00 8f 00 07 f0 00 00 03 01 02 03');
    const e = codecError(() => decodeThirdPartyCopyVpdPage(b, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_LENGTH_MISMATCH', 'descriptorLength', 6]);
    const p = decodeThirdPartyCopyVpdPage(b);
    expect(p.descriptors).toEqual([{ kind: 'unknown', descriptorType: 0xf000, bytes: h('01 02 03') }]);
    expect(encodeThirdPartyCopyVpdPage(p)).toEqual(b);
  });

  it('0108h list not a multiple of 64: the partial descriptor is dropped and reported', () => {
    const b = h(`01 08 00 08 00 00 00 04 00 80 00 00`);
    const e = codecError(() => decodeThirdPartyCopyDescriptor(b, { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_LENGTH_MISMATCH', 'rodTypeDescriptorsLength', 6]);
    expect(decodeThirdPartyCopyDescriptor(b)).toMatchObject({ kind: 'supportedRodTokenAndRodTypes', rodTypes: [] });
  });

  it('encoder range errors carry field and offset', () => {
    const e = codecError(() =>
      encodeThirdPartyCopyVpdPage(
        page(held, {
          kind: 'generalCopyOperations',
          totalConcurrentCopies: 2 ** 32,
          maximumIdentifiedConcurrentCopies: 0,
          maximumSegmentLength: 0,
          dataSegmentGranularity: 0,
          inlineDataGranularity: 0,
        }),
      ),
    );
    expect([e.code, e.field, e.offset]).toEqual(['ERR_FIELD_RANGE', 'totalConcurrentCopies', 4 + 32 + 4]);
    const v = codecError(() =>
      encodeThirdPartyCopyDescriptor({ ...ROD_LIMITS, vendorSpecific: new Uint8Array(5) } as ThirdPartyCopyDescriptor),
    );
    expect([v.code, v.field, v.offset]).toEqual(['ERR_FIELD_RANGE', 'vendorSpecific', 4]);
    const c = codecError(() =>
      encodeThirdPartyCopyDescriptor({
        kind: 'supportedCommands',
        commands: [{ operationCode: 0x83, serviceActions: new Array(254).fill(0) }],
      }),
    );
    expect([c.code, c.field]).toEqual(['ERR_FIELD_RANGE', 'commandsSupportedListLength']);
  });
});
