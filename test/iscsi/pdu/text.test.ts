import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbIscsiTextPairs } from '../../../src/arbitraries/iscsi.js';
import { decodeIscsiTextKeys, encodeIscsiTextKeys, type IscsiTextKeys } from '../../../src/index.js';
import { expectCodecError } from '../../cdb/helpers.js';
import { describeLaws } from '../../laws.js';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describeLaws<IscsiTextKeys>({
  name: 'iSCSI text keys',
  arb: arbIscsiTextPairs().map((pairs) => ({ pairs })),
  encode: (t) => encodeIscsiTextKeys(t.pairs),
  decode: (b, o) => decodeIscsiTextKeys(b, o),
});

describe('iSCSI text keys', () => {
  it('NUL-terminated key=value pairs, the key up to the first "=", UTF-8 values', () => {
    const b = encodeIscsiTextKeys([
      { key: 'InitiatorAlias', value: 'hôte=1' },
      { key: 'HeaderDigest', value: 'CRC32C,None' },
      { key: 'X-com.example.Empty', value: '' },
    ]);
    expect(Array.from(b.subarray(0, 23))).toEqual([...ascii('InitiatorAlias=h'), 0xc3, 0xb4, ...ascii('te=1'), 0]);
    expect(decodeIscsiTextKeys(b, { strict: true }).pairs).toEqual([
      { key: 'InitiatorAlias', value: 'hôte=1' },
      { key: 'HeaderDigest', value: 'CRC32C,None' },
      { key: 'X-com.example.Empty', value: '' },
    ]);
  });
  it('limits: key 63 bytes, value 255 bytes, binary value 8192 bytes', () => {
    const k63 = `K${'k'.repeat(62)}`;
    expect(
      decodeIscsiTextKeys(encodeIscsiTextKeys([{ key: k63, value: 'v'.repeat(255) }]), { strict: true }).pairs,
    ).toHaveLength(1);
    expectCodecError(() => encodeIscsiTextKeys([{ key: `${k63}k`, value: '' }]), {
      code: 'ERR_FIELD_RANGE',
      field: 'key',
    });
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'K', value: 'v'.repeat(256) }]), {
      code: 'ERR_FIELD_RANGE',
      field: 'value',
    });
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'K', value: 'é'.repeat(128) }]), {
      code: 'ERR_FIELD_RANGE',
      field: 'value',
    });
    const chap = `0x${'ab'.repeat(4095)}`;
    expect(
      decodeIscsiTextKeys(encodeIscsiTextKeys([{ key: 'CHAP_C', value: chap }]), { strict: true }).pairs[0]?.value,
    ).toBe(chap);
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'CHAP_C', value: `${chap}ab` }]), { code: 'ERR_FIELD_RANGE' });
    // Decoding: the same limits, strict errors and lenient issues.
    const long = ascii(`K=${'v'.repeat(256)}\0`);
    expect(decodeIscsiTextKeys(long).issues?.[0]).toMatchObject({
      code: 'ERR_INVALID_VALUE',
      field: 'value',
      offset: 2,
    });
    expectCodecError(() => decodeIscsiTextKeys(long, { strict: true }), { code: 'ERR_INVALID_VALUE', field: 'value' });
  });
  it('duplicate keys are refused, except TargetName and TargetAddress (SendTargets answers)', () => {
    expectCodecError(
      () =>
        encodeIscsiTextKeys([
          { key: 'MaxBurstLength', value: '1' },
          { key: 'MaxBurstLength', value: '2' },
        ]),
      { code: 'ERR_FIELD_RANGE', field: 'key' },
    );
    const dup = ascii('A=1\0B=2\0A=3\0');
    expect(decodeIscsiTextKeys(dup).issues?.[0]).toMatchObject({ code: 'ERR_INVALID_VALUE', field: 'key', offset: 8 });
    expectCodecError(() => decodeIscsiTextKeys(dup, { strict: true }), { code: 'ERR_INVALID_VALUE', offset: 8 });
    const st = [
      { key: 'TargetName', value: 'iqn.2026-12.a:1' },
      { key: 'TargetAddress', value: '127.0.0.1:3260,1' },
      { key: 'TargetAddress', value: '127.0.0.1:3261,2' },
      { key: 'TargetName', value: 'iqn.2026-12.a:2' },
    ];
    expect(decodeIscsiTextKeys(encodeIscsiTextKeys(st), { strict: true }).pairs).toEqual(st);
  });
  it('malformed text: no "=", no NUL, bad UTF-8, bad key characters, trailing NULs', () => {
    expectCodecError(() => decodeIscsiTextKeys(ascii('NoEquals\0')), {
      code: 'ERR_INVALID_VALUE',
      field: 'key',
      offset: 0,
    });
    expectCodecError(() => decodeIscsiTextKeys(ascii('A=1\0B=2')), { code: 'ERR_TRUNCATED', offset: 4 });
    expectCodecError(() => decodeIscsiTextKeys(Uint8Array.of(0x41, 0x3d, 0xc3, 0x28, 0)), {
      code: 'ERR_INVALID_VALUE',
      field: 'value',
      offset: 3,
    });
    expectCodecError(() => decodeIscsiTextKeys(Uint8Array.of(0x41, 0x3d, 0xe0, 0x80, 0x80, 0)), {
      code: 'ERR_INVALID_VALUE',
      field: 'value',
    }); // overlong
    expectCodecError(() => decodeIscsiTextKeys(Uint8Array.of(0x41, 0x3d, 0xed, 0xa0, 0x80, 0)), {
      code: 'ERR_INVALID_VALUE',
    }); // surrogate
    expectCodecError(() => decodeIscsiTextKeys(Uint8Array.of(0x41, 0x3d, 0xf0, 0x9f, 0)), {
      code: 'ERR_INVALID_VALUE',
    }); // cut
    expect(decodeIscsiTextKeys(ascii('lower=1\0')).issues?.[0]).toMatchObject({ field: 'key' });
    expectCodecError(() => decodeIscsiTextKeys(ascii('lower=1\0'), { strict: true }), { code: 'ERR_INVALID_VALUE' });
    expect(decodeIscsiTextKeys(ascii('A=1\0\0\0')).pairs).toEqual([{ key: 'A', value: '1' }]);
    expectCodecError(() => decodeIscsiTextKeys(ascii('A=1\0\0\0'), { strict: true }), {
      code: 'ERR_INVALID_VALUE',
      offset: 4,
    });
    expectCodecError(() => decodeIscsiTextKeys(ascii('A=1\0\0B=2\0')), { code: 'ERR_INVALID_VALUE', offset: 4 });
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'A', value: 'x\0y' }]), {
      code: 'ERR_FIELD_RANGE',
      field: 'value',
    });
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'A', value: '\ud800' }]), {
      code: 'ERR_FIELD_RANGE',
      field: 'value',
    });
    expectCodecError(() => encodeIscsiTextKeys([{ key: 'A=B', value: '' }]), { code: 'ERR_FIELD_RANGE', field: 'key' });
    expectCodecError(() => encodeIscsiTextKeys('A=1' as never), { code: 'ERR_FIELD_RANGE' });
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 40 })])('any UTF-8 value without NUL round-trips', (s) => {
    const value = s.replaceAll('\0', '');
    expect(decodeIscsiTextKeys(encodeIscsiTextKeys([{ key: 'V', value }])).pairs).toEqual([{ key: 'V', value }]);
  });
});
