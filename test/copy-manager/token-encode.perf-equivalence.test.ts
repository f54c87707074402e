/**
 * The token format encodes a record by patching a per-LU, per-ROD-type template (identifier,
 * NUMBER OF BYTES REPRESENTED, secret) into a buffer instead of running the ROD token encoder each
 * time: the bytes must be exactly the encoder's, for any identifier, byte count (past 2^53 the
 * encoder itself is used), secret (other lengths: the encoder), NAA, block size and ROD type, and
 * whether or not the caller passes the buffer to write into.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  logicalUnitDesignation,
  makeTokenFormat,
  targetDeviceDesignation,
} from '../../src/copy-manager/token-format.js';
import type { TokenBytesOf } from '../../src/copy-manager/types.js';
import { encodeRodToken, ROD_TYPE } from '../../src/rod-token/index.js';

const arbNaa = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => {
  b[0] = 0x30 | ((b[0] as number) & 0x0f);
  return b;
});

const arbSecret = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => String.fromCharCode(...b));

const arbRec = fc.record({
  id: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.nat()),
  secret: fc.oneof(arbSecret(32, 32), arbSecret(32, 32), arbSecret(0, 40)),
  rodType: fc.constantFrom(
    ROD_TYPE.ACCESS_UPON_REFERENCE,
    ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
    ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
    ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
  ),
  blockSize: fc.oneof(fc.constantFrom(512, 4096), fc.integer({ min: 1, max: 0xffffff })),
  lun: fc.integer({ min: 0, max: 16383 }),
  bytes: fc.oneof(
    fc.constantFrom(0n, 1n, BigInt(Number.MAX_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER) + 1n, 1n << 88n),
    fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
    fc.bigInt({ min: 0n, max: (1n << 88n) - 1n }),
  ),
});
type RecShape = typeof arbRec extends fc.Arbitrary<infer T> ? T : never;

function record(deviceNaa: Uint8Array, r: RecShape): TokenBytesOf {
  const naa = deviceNaa.slice();
  naa[6] = (r.lun >> 8) & 0xff;
  naa[7] = r.lun & 0xff;
  return {
    id: r.id,
    secret: r.secret,
    rodType: r.rodType,
    bytes: r.bytes,
    lu: { naa, blockSize: r.blockSize },
  } as unknown as TokenBytesOf;
}

/** The token of a record, by the ROD token encoder (SPC-5 ROD token format, generic). */
function expected(deviceNaa: Uint8Array, t: TokenBytesOf): Uint8Array {
  return encodeRodToken({
    kind: 'generic',
    rodType: t.rodType,
    copyManagerRodTokenIdentifier: BigInt(t.id),
    creatorLogicalUnitDescriptor: {
      luIdType: 0,
      peripheralDeviceType: 0,
      relativeInitiatorPortIdentifier: 0,
      designationDescriptor: logicalUnitDesignation(t.lu.naa),
      pad: false,
      fixed: false,
      diskBlockLength: t.lu.blockSize,
    },
    numberOfBytesRepresented: t.bytes,
    deviceTypeSpecificData: {
      kind: 'blockDevice',
      logicalBlockLength: t.lu.blockSize,
      pType: 0,
      protEn: false,
      pIExponent: 0,
      logicalBlocksPerPhysicalBlockExponent: 0,
      lbpme: false,
      lbprz: false,
      lowestAlignedLogicalBlockAddress: 0,
    },
    targetDeviceDescriptor: targetDeviceDesignation(deviceNaa),
    extendedRodTokenData: Uint8Array.from(t.secret, (c) => c.charCodeAt(0)),
  });
}

describe('token format encode', () => {
  test.prop([arbNaa, fc.array(arbRec, { minLength: 1, maxLength: 4 })])(
    'is the ROD token encoder’s bytes, into a given buffer or a new one',
    (naa, recs) => {
      const format = makeTokenFormat(naa);
      const into = new Uint8Array(512).fill(0xa5);
      // several records through one format and one buffer: templates and the buffer are reused
      for (const r of recs) {
        const rec = record(naa, r);
        const want = expected(naa, rec);
        expect(format.encode(rec)).toStrictEqual(want);
        const got = format.encode(rec, into);
        expect(got).toStrictEqual(want);
        // the template path (up to 2^53 bytes, a 32-byte secret) writes into the buffer given
        expect(got === into).toBe(rec.bytes <= BigInt(Number.MAX_SAFE_INTEGER) && rec.secret.length === 32);
      }
    },
  );

  test('a record of the same LU and ROD type after one past 2^53 bytes: template path again', () => {
    const naa = Uint8Array.of(0x31, 2, 3, 4, 5, 6, 0, 0);
    const format = makeTokenFormat(naa);
    const lu = { naa, blockSize: 512 } as TokenBytesOf['lu'];
    const base = { secret: 'k'.repeat(32), rodType: ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT, lu };
    const big = { ...base, id: 7, bytes: 1n << 60n };
    const small = { ...base, id: 8, bytes: 1n << 20n };
    const into = new Uint8Array(512);
    expect(format.encode(big, into)).toStrictEqual(expected(naa, big));
    expect(format.encode(small, into)).toBe(into);
    expect(into).toStrictEqual(expected(naa, small));
  });
});
