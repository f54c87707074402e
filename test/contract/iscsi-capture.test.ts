/**
 * The input contract of the iSCSI PDU and capture helpers (issue 17: they were the last expected
 * failures of the contract test): named errors for arguments of the wrong type or range, and a
 * Uint8Array of another realm accepted like one of this realm.
 */
import { describe, expect, it } from 'vitest';
import {
  captureFormat,
  crc32c,
  encodeIscsiSenseSegment,
  encodeIscsiTextKeys,
  iscsiCommandCdb,
  iscsiCommandCdbFields,
  iscsiPduLength,
  isIscsiStandardLabel,
  isVendorSpecificIscsiOpcode,
  linkPayload,
  readIscsiDigest,
  ScsiCodecError,
  tcpSegmentOf,
  writeIscsiDigest,
} from '../../src/index.js';
import { foreignUint8Array, HostileError, throwingProxy } from './hostile.js';

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

// biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
const bad = (v: unknown): any => v;

describe('digests', () => {
  const zeros = new Uint8Array(32);
  it('crc32c: RFC 3720 B.4 value, pieces, another realm', () => {
    expect(crc32c(zeros)).toBe(0x8a9136aa);
    expect(crc32c(zeros, crc32c(zeros, 0, 0, 10), 10)).toBe(0x8a9136aa);
    expect(crc32c(foreignUint8Array(zeros))).toBe(0x8a9136aa);
    expect(crc32c(zeros, 0, 32, 32)).toBe(0);
  });
  it('crc32c: each argument checked, named', () => {
    const cases: [unknown[], string][] = [
      [[[0, 0]], 'bytes'],
      [[new Uint16Array(2)], 'bytes'],
      [[zeros, -1], 'previous'],
      [[zeros, 2 ** 32], 'previous'],
      [[zeros, 0.5], 'previous'],
      [[zeros, 0, 0, 33], 'end'],
      [[zeros, 0, 0, -1], 'end'],
      [[zeros, 0, 5, 4], 'start'],
      [[zeros, 0, -1], 'start'],
      [[zeros, 0, 1n], 'start'],
    ];
    for (const [args, field] of cases) {
      const e = err(() => (crc32c as (...a: unknown[]) => number)(...args));
      expect([e.code, e.field]).toEqual(['ERR_FIELD_RANGE', field]);
    }
    expect(crc32c(zeros, 2 ** 32 - 1, 0, 0)).toBe(2 ** 32 - 1);
  });
  it('writeIscsiDigest / readIscsiDigest: bounds exactly, value range, another realm', () => {
    const b = new Uint8Array(8);
    writeIscsiDigest(b, 4, 0x8a9136aa);
    expect([...b.subarray(4)]).toEqual([0xaa, 0x36, 0x91, 0x8a]);
    expect(readIscsiDigest(b, 4)).toBe(0x8a9136aa);
    expect(readIscsiDigest(foreignUint8Array(b), 4)).toBe(0x8a9136aa);
    for (const off of [5, -1, 0.5, Number.NaN]) {
      expect(err(() => readIscsiDigest(b, off)).code).toBe('ERR_TRUNCATED');
      expect(err(() => writeIscsiDigest(b, off, 0)).code).toBe('ERR_TRUNCATED');
    }
    for (const v of [-1, 2 ** 32, 1.5, bad('1')]) expect(err(() => writeIscsiDigest(b, 0, v)).field).toBe('value');
    expect(err(() => readIscsiDigest(bad(null), 0)).field).toBe('bytes');
    expect(err(() => writeIscsiDigest(bad([0, 0, 0, 0]), 0, 0)).field).toBe('bytes');
  });
});

describe('PDU helpers', () => {
  it('iscsiPduLength: another realm accepted, look-alikes rejected, a throwing options trap is the cause', () => {
    const bhs = new Uint8Array(48);
    bhs[7] = 5; // DataSegmentLength 5: padded to 8
    expect(iscsiPduLength(foreignUint8Array(bhs))).toBe(56);
    expect(err(() => iscsiPduLength(bad(Object.create(Uint8Array.prototype)))).code).toBe('ERR_UNEXPECTED_VALUE');
    expect(err(() => iscsiPduLength(bhs, bad(throwingProxy()))).cause).toBeInstanceOf(HostileError);
  });
  it('iscsiCommandCdbFields / iscsiCommandCdb: another realm, bad shapes', () => {
    const cdb = foreignUint8Array(Array.from({ length: 20 }, (_, i) => i + 1));
    const f = iscsiCommandCdbFields(cdb);
    expect(f.cdb.length).toBe(16);
    expect([...iscsiCommandCdb(f)]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(err(() => iscsiCommandCdbFields(new Uint8Array(0))).field).toBe('cdb');
    expect(err(() => iscsiCommandCdbFields(bad('abc'))).field).toBe('cdb');
    expect(err(() => iscsiCommandCdb(bad({ cdb: [1], ahs: [] }))).field).toBe('cdb');
    expect(err(() => iscsiCommandCdb(bad(null))).code).toBe('ERR_FIELD_RANGE');
    const e = err(() =>
      iscsiCommandCdb(bad({ cdb: new Uint8Array(16), ahs: [{ kind: 'Extended CDB', extendedCdb: 7 }] })),
    );
    expect(e.field).toBe('extendedCdb');
  });
  it('encodeIscsiSenseSegment: lengths checked before anything is allocated', () => {
    expect([...encodeIscsiSenseSegment(Uint8Array.of(0x70), Uint8Array.of(9))]).toEqual([0, 1, 0x70, 9]);
    expect(err(() => encodeIscsiSenseSegment(new Uint8Array(0x10000))).field).toBe('senseLength');
    expect(encodeIscsiSenseSegment(new Uint8Array(0xffff)).length).toBe(0x10001);
    expect(err(() => encodeIscsiSenseSegment(bad(undefined))).field).toBe('senseData');
    expect(err(() => encodeIscsiSenseSegment(new Uint8Array(1), bad('x'))).field).toBe('responseData');
  });
  it('encodeIscsiTextKeys: pairs must be an array of objects; an element that throws names `pairs`', () => {
    expect(err(() => encodeIscsiTextKeys(bad('a=b'))).field).toBe('pairs');
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;
    expect(err(() => encodeIscsiTextKeys(bad(huge))).field).toBe('pairs');
    const e = err(() => encodeIscsiTextKeys(bad([{ key: 'A', value: 'b' }, throwingProxy()])));
    expect([e.field, e.cause instanceof HostileError]).toEqual(['pairs', true]);
    const list: unknown[] = [{ key: 'A', value: 'b' }];
    Object.defineProperty(list, 1, {
      enumerable: true,
      get() {
        throw new HostileError('element');
      },
    });
    const g = err(() => encodeIscsiTextKeys(bad(list)));
    expect([g.field, g.cause instanceof HostileError]).toEqual(['pairs', true]);
  });
  it('predicates answer false for values of another type, without converting them', () => {
    const hostile = {
      [Symbol.toPrimitive]() {
        throw new HostileError('toPrimitive');
      },
    };
    expect(isVendorSpecificIscsiOpcode(bad(hostile))).toBe(false);
    expect(isVendorSpecificIscsiOpcode(bad('28'))).toBe(false);
    expect(isVendorSpecificIscsiOpcode(0x1c)).toBe(true);
    expect(isIscsiStandardLabel(bad(hostile))).toBe(false);
    expect(isIscsiStandardLabel(bad(['Key']))).toBe(false);
    expect(isIscsiStandardLabel('Key')).toBe(true);
  });
});

describe('capture helpers', () => {
  it('captureFormat, linkPayload, tcpSegmentOf: another realm accepted, anything else ERR_UNEXPECTED_VALUE', () => {
    const pcap = Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1);
    expect(captureFormat(foreignUint8Array(pcap))).toBe('pcap');
    expect(err(() => captureFormat(bad([0xd4, 0xc3, 0xb2, 0xa1]))).code).toBe('ERR_UNEXPECTED_VALUE');
    const raw4 = foreignUint8Array([0x45]);
    expect(linkPayload(101, raw4)).toEqual({ ethertype: 0x0800, offset: 0 });
    expect(err(() => linkPayload(1, bad(undefined))).field).toBe('data');
    expect(err(() => tcpSegmentOf(1, bad('frame'))).field).toBe('data');
    const e = err(() => linkPayload(bad(Symbol('x')), new Uint8Array(20)));
    expect([e.code, e.field]).toEqual(['ERR_UNSUPPORTED', 'linkType']);
  });
});
