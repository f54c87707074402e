/**
 * Encoders given malformed values (from untyped JavaScript, or JSON) throw ScsiCodecError naming the
 * field, never a TypeError, and never accept a discriminant that names no variant. Cases found by an
 * independent review.
 */
import { describe, expect, it } from 'vitest';
import {
  encodeDeviceIdentificationVpdPage,
  encodeRodManagementToken,
  encodeRodToken,
  encodeThirdPartyCopyDescriptor,
  encodeThirdPartyCopyVpdPage,
  encodeVpdPage,
  isScsiCodecError,
  type ScsiCodecError,
} from '../src/index.js';

function codecError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

// biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
const bad = (v: unknown): any => v;

describe('encoders reject malformed values with ScsiCodecError', () => {
  it('a third-party copy descriptor with an unknown kind', () => {
    for (const kind of ['bogus', undefined, null, Number.NaN, true, {}]) {
      const e = codecError(() => encodeThirdPartyCopyDescriptor(bad({ kind })));
      expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', 'kind']);
      codecError(() =>
        encodeThirdPartyCopyVpdPage(
          bad({ kind: 'thirdPartyCopy', peripheralQualifier: 0, peripheralDeviceType: 0, descriptors: [{ kind }] }),
        ),
      );
    }
    expect(codecError(() => encodeThirdPartyCopyDescriptor(bad(null))).field).toBe('kind');
  });
  it('missing or non-byte fields in 8Fh descriptors and pages', () => {
    expect(
      codecError(() => encodeThirdPartyCopyDescriptor(bad({ kind: 'copyGroupIdentifier', copyGroupIdentifier: null })))
        .field,
    ).toBe('copyGroupIdentifier');
    expect(
      codecError(() => encodeThirdPartyCopyDescriptor(bad({ kind: 'unknown', descriptorType: 0x1234, bytes: null })))
        .field,
    ).toBe('raw');
    expect(
      codecError(() =>
        encodeVpdPage(bad({ kind: 'unknown', peripheralQualifier: 0, peripheralDeviceType: 0, pageCode: 0xc0 })),
      ).field,
    ).toBe('raw');
  });
  it('a VPD page with an unknown kind', () => {
    const e = codecError(() => encodeVpdPage(bad({ kind: 'bogus' })));
    expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', 'kind']);
  });
  it('a designation descriptor without its designator (VPD 83h page)', () => {
    const e = codecError(() =>
      encodeDeviceIdentificationVpdPage(
        bad({
          kind: 'deviceIdentification',
          peripheralQualifier: 0,
          peripheralDeviceType: 0,
          designationDescriptors: [
            { protocolIdentifier: 0, codeSet: 1, piv: false, association: 0, designatorType: 0 },
          ],
        }),
      ),
    );
    expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', 'designator']);
  });
  it('a ROD token or management token whose kind names no variant', () => {
    for (const kind of [undefined, 'x', 42]) {
      const m = codecError(() =>
        encodeRodManagementToken(
          bad({ kind, rodType: 0x00800000, copyManagerRodTokenIdentifier: 1n, numberOfBytesRepresented: 0n }),
        ),
      );
      expect([m.code, m.field]).toEqual(['ERR_FIELD_RANGE', 'kind']);
      expect(codecError(() => encodeRodToken(bad({ kind, rodType: 0x00800000 }))).field).toBe('kind');
    }
  });
});
