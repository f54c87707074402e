/**
 * ROD token writer field names (issue 17, third mutation session; kept apart from
 * rod-token.kill.test.ts because StrykerJS's incremental mode re-runs every test of a test file
 * that changed): each field of the block device type specific data, opaque and management ROD TYPE
 * and ROD TOKEN LENGTH, the reserved ROD token type specific data. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeRodToken,
  encodeRodManagementToken,
  encodeRodToken,
  type GenericRodToken,
} from '../../src/rod-token/index.js';
import { handBytes as bytes, err, handBuilt as token } from './helpers.js';

describe('ROD token encoders name every field that does not fit', () => {
  it('block device type specific data: each field with its byte and bit', () => {
    const dt = token.deviceTypeSpecificData as GenericRodToken['deviceTypeSpecificData'] & { kind: 'blockDevice' };
    const cases: [string, unknown, number, number | undefined][] = [
      ['logicalBlockLength', 2 ** 32, 96, undefined],
      ['pType', 8, 100, 3],
      ['protEn', 1, 100, 0],
      ['pIExponent', 16, 101, 7],
      ['lbpme', 'x', 102, 7],
      ['lbprz', null, 102, 6],
    ];
    for (const [field, value, offset, bit] of cases) {
      const e = err(() => encodeRodToken({ ...token, deviceTypeSpecificData: { ...dt, [field]: value } as never }));
      expect([e.code, e.structure, e.field, e.offset, e.bit], field).toEqual([
        'ERR_FIELD_RANGE',
        'RodToken',
        field,
        offset,
        bit,
      ]);
    }
  });
  it('opaque and management tokens: ROD TYPE and ROD TOKEN LENGTH', () => {
    const cases: [() => unknown, string, string, number][] = [
      [() => encodeRodToken({ kind: 'opaque', rodType: 2 ** 32, bytes: new Uint8Array(1) }), 'RodToken', 'rodType', 0],
      [
        () =>
          encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff0, rodTokenLength: 0x10000, bytes: new Uint8Array(1) }),
        'RodToken',
        'rodTokenLength',
        6,
      ],
      [
        () => encodeRodManagementToken({ kind: 'opaque', rodType: -1, bytes: new Uint8Array(88) }),
        'RodManagementToken',
        'rodType',
        0,
      ],
      [
        () =>
          encodeRodManagementToken({
            kind: 'opaque',
            rodType: 0xffff_fff0,
            rodTokenLength: -1,
            bytes: new Uint8Array(88),
          }),
        'RodManagementToken',
        'rodTokenLength',
        6,
      ],
    ];
    for (const [fn, structure, field, offset] of cases) {
      expect(err(fn), `${structure}.${field}`).toMatchObject({ code: 'ERR_FIELD_RANGE', structure, field, offset });
    }
  });
  it('an opaque body that is not a Uint8Array (no length at all) is named', () => {
    for (const body of [null, 5]) {
      expect(
        err(() => encodeRodToken({ kind: 'opaque', rodType: 0xffff_fff0, bytes: body as never })),
        String(body),
      ).toMatchObject({
        code: 'ERR_FIELD_RANGE',
        structure: 'RodToken',
        field: 'body',
        offset: 8,
        detail: 'not a Uint8Array',
      });
    }
  });
  it('the reserved ROD token type specific data (bytes 64-95) is named in strict errors', () => {
    const b = bytes.slice();
    b[95] = 0x40;
    expect(err(() => decodeRodToken(b, { strict: true }))).toMatchObject({
      code: 'ERR_RESERVED_NONZERO',
      field: 'rodTokenTypeSpecificData',
      offset: 95,
      bit: 6,
    });
  });
});
