import { describe, expect, it } from 'vitest';
import {
  arbBlockLimitsVpdPage,
  arbSupportedVpdPagesVpdPage,
  arbUnknownVpdPage,
  arbVpdPage,
} from '../../src/arbitraries/vpd.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import {
  type BlockLimitsVpdPage,
  decodeBlockLimitsVpdPage,
  encodeBlockLimitsVpdPage,
} from '../../src/vpd/block-limits.js';
import { decodeSupportedVpdPagesVpdPage, encodeSupportedVpdPagesVpdPage } from '../../src/vpd/supported-vpd-pages.js';
import { decodeVpdPage, encodeVpdPage } from '../../src/vpd/vpd-page.js';
import { requiredVpdPageLength } from '../../src/vpd/vpd-page-header.js';
import { describeLaws } from '../laws.js';
import { h, vector } from './hex.js';

describeLaws({
  name: 'BlockLimitsVpdPage',
  arb: arbBlockLimitsVpdPage(),
  encode: encodeBlockLimitsVpdPage,
  decode: decodeBlockLimitsVpdPage,
});
describeLaws({
  name: 'SupportedVpdPagesVpdPage',
  arb: arbSupportedVpdPagesVpdPage(),
  encode: encodeSupportedVpdPagesVpdPage,
  decode: decodeSupportedVpdPagesVpdPage,
});
describeLaws({ name: 'UnknownVpdPage', arb: arbUnknownVpdPage(), encode: encodeVpdPage, decode: decodeVpdPage });
describeLaws({ name: 'VpdPage', arb: arbVpdPage(), encode: encodeVpdPage, decode: decodeVpdPage, fuzzMaxLength: 600 });

function codecError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const FULL: BlockLimitsVpdPage = {
  kind: 'blockLimits',
  peripheralQualifier: 0,
  peripheralDeviceType: 0,
  wsnz: true,
  maximumCompareAndWriteLength: 1,
  optimalTransferLengthGranularity: 8,
  maximumTransferLength: 0x4000,
  optimalTransferLength: 0x800,
  maximumPrefetchLength: 0,
  extended: {
    maximumUnmapLbaCount: 0xffffffff,
    maximumUnmapBlockDescriptorCount: 0x40,
    optimalUnmapGranularity: 8,
    ugavalid: true,
    unmapGranularityAlignment: 7,
    maximumWriteSameLength: 0x0102030405060708n,
    maximumAtomicTransferLength: 0x11,
    atomicAlignment: 0x12,
    atomicTransferLengthGranularity: 0x13,
    maximumAtomicTransferLengthWithAtomicBoundary: 0x14,
    maximumAtomicBoundarySize: 0x15,
  },
};
const FULL_BYTES = h(`00 b0 00 3c  01 01 00 08  00 00 40 00  00 00 08 00  00 00 00 00
  ff ff ff ff  00 00 00 40  00 00 00 08  80 00 00 07  01 02 03 04 05 06 07 08
  00 00 00 11  00 00 00 12  00 00 00 13  00 00 00 14  00 00 00 15`);

describe('Block Limits (B0h)', () => {
  it('encodes the SBC table layout (PAGE LENGTH 003Ch)', () => {
    expect(encodeBlockLimitsVpdPage(FULL)).toEqual(FULL_BYTES);
    expect(decodeBlockLimitsVpdPage(FULL_BYTES, { strict: true })).toEqual(FULL);
  });

  it('decodes the older 0010h page without extended fields', () => {
    const short = FULL_BYTES.slice(0, 20);
    short[3] = 0x10;
    const { extended: _, ...base } = FULL;
    expect(decodeBlockLimitsVpdPage(short, { strict: true })).toEqual(base);
    expect(encodeBlockLimitsVpdPage(base)).toEqual(short);
  });

  it('odd PAGE LENGTH: lenient decodes and reports, strict throws', () => {
    const b = new Uint8Array([...FULL_BYTES, 0, 0, 0, 0]);
    b[3] = 0x40;
    const p = decodeBlockLimitsVpdPage(b);
    expect(p.extended).toEqual(FULL.extended);
    expect(p.issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', field: 'pageLength', offset: 2 });
    expect(codecError(() => decodeBlockLimitsVpdPage(b, { strict: true })).code).toBe('ERR_LENGTH_MISMATCH');
  });

  it('page cut short by ALLOCATION LENGTH: lenient keeps the first fields', () => {
    const p = decodeBlockLimitsVpdPage(FULL_BYTES.slice(0, 40));
    expect(p.extended).toBeUndefined();
    expect(p.maximumTransferLength).toBe(0x4000);
    expect(p.issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', field: 'pageLength' });
  });

  it('strict rejects reserved bits in byte 4', () => {
    const b = FULL_BYTES.slice();
    b[4] = 0x81;
    const e = codecError(() => decodeBlockLimitsVpdPage(b, { strict: true }));
    expect([e.code, e.offset, e.bit]).toEqual(['ERR_RESERVED_NONZERO', 4, 7]);
    expect(decodeBlockLimitsVpdPage(b).wsnz).toBe(true);
  });

  it('UNMAP GRANULARITY ALIGNMENT is 31 bits', () => {
    const e = codecError(() =>
      encodeBlockLimitsVpdPage({ ...FULL, extended: { ...FULL.extended!, unmapGranularityAlignment: 0x80000000 } }),
    );
    expect([e.code, e.field, e.offset]).toEqual(['ERR_FIELD_RANGE', 'unmapGranularityAlignment', 32]);
  });
});

describe('Supported VPD Pages (00h)', () => {
  it('known answer', () => {
    const b = h('00 00 00 04 00 83 8f b0');
    expect(decodeSupportedVpdPagesVpdPage(b, { strict: true })).toEqual({
      kind: 'supportedVpdPages',
      peripheralQualifier: 0,
      peripheralDeviceType: 0,
      supportedPageCodes: [0x00, 0x83, 0x8f, 0xb0],
    });
  });
  it('non-ascending codes: strict ERR_INVALID_VALUE at the offending byte', () => {
    const e = codecError(() => decodeSupportedVpdPagesVpdPage(h('00 00 00 03 00 b0 8f'), { strict: true }));
    expect([e.code, e.field, e.offset]).toEqual(['ERR_INVALID_VALUE', 'supportedPageCode', 6]);
  });
});

describe('decodeVpdPage / encodeVpdPage dispatch', () => {
  it('dispatches on PAGE CODE', () => {
    expect(decodeVpdPage(FULL_BYTES).kind).toBe('blockLimits');
    expect(decodeVpdPage(h('00 00 00 00')).kind).toBe('supportedVpdPages');
    expect(decodeVpdPage(h('7f 80 00 02 41 42'))).toEqual({
      kind: 'unknown',
      peripheralQualifier: 3,
      peripheralDeviceType: 0x1f,
      pageCode: 0x80,
      bytes: h('41 42'),
    });
    const tpc = decodeVpdPage(vector('sg3utils_inhex_vpd_tpc.hex'));
    expect(tpc.kind).toBe('thirdPartyCopy');
  });
});

describe('requiredVpdPageLength', () => {
  it('is PAGE LENGTH + 4', () => {
    expect(requiredVpdPageLength(h('00 8f 00 8c'))).toBe(0x90);
    expect(requiredVpdPageLength(h('00 b0 ff ff 00'))).toBe(0x10003);
  });
  it('needs the 4-byte header', () => {
    const e = codecError(() => requiredVpdPageLength(h('00 8f 00')));
    expect([e.code, e.field]).toEqual(['ERR_TRUNCATED', 'pageLength']);
  });
});
