/**
 * Near-miss arbitraries: almost-valid CDBs, parameter lists and ROD tokens for robustness testing
 * of a copy manager (target), each with the sense data a correct target returns.
 *
 * @packageDocumentation
 */

import fc from 'fast-check';
import { decodeCdb, encodeCdb } from '../cdb/index.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../parameter-list/index.js';
import { decodeRodToken, encodeRodToken } from '../rod-token/index.js';
import { senseForRule } from '../rules/sense.js';
import {
  buildInvalidFieldInCdbSense,
  buildInvalidFieldInParameterListSense,
  buildInvalidTokenOperationSense,
  buildLbaOutOfRangeSense,
  buildParameterListLengthErrorSense,
  type SenseData,
  senseDataFromCodecError,
} from '../sense/index.js';
import {
  arbCopyOperationAbortCdb,
  arbPopulateTokenCdb,
  arbReceiveCopyStatusLid4Cdb,
  arbReceiveRodTokenInformationCdb,
  arbWriteUsingTokenCdb,
} from './cdb.js';
import { arbPopulateTokenParameterList, arbWriteUsingTokenParameterList } from './parameter-list.js';
import { arbRodToken } from './rod-token.js';

/**
 * The structures near-misses are generated for: what an application client sends to a copy
 * manager.
 *
 * @remarks Since 0.1.0
 */
export const NEAR_MISS_KINDS = ['cdb', 'populate-token-params', 'write-using-token-params', 'rod-token'] as const;

/** One of {@link NEAR_MISS_KINDS}. @remarks Since 0.1.0 */
export type NearMissKind = (typeof NEAR_MISS_KINDS)[number];

/**
 * Which check finds the defect:
 * - `decoder`: strict decoding of the structure throws a ScsiCodecError (for a WRITE USING TOKEN
 *   list, strict decoding of the embedded ROD token too);
 * - `validator`: the structure decodes, and a semantic check (`validateRangeDescriptors` with the
 *   target's capacity) rejects it;
 * - `target`: only a target knows (e.g. a PT PARAMETER LIST LENGTH of 1-15 in the CDB).
 *
 * @remarks Since 0.1.0
 */
export type NearMissDetection = 'decoder' | 'validator' | 'target';

/**
 * One near-miss case.
 *
 * @remarks Since 0.1.0
 */
export interface NearMiss {
  /** The bytes to send (CDB, parameter list, or a ROD token as carried in WRITE USING TOKEN). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly kind: NearMissKind;
  /** Mutation name, e.g. `data-length-off-by-one`, `reserved-bit`, `wrong-rod-token-length`. */
  readonly mutation: string;
  /** Where the defect is, in words. */
  readonly detail: string;
  readonly detectedBy: NearMissDetection;
  /**
   * Sense data a correct target returns (CHECK CONDITION). Field pointers count from the start of
   * `bytes`; for a `rod-token` case add 16 when the token is sent inside a WRITE USING TOKEN list.
   */
  readonly expected: SenseData;
}

/** Most significant set bit of a non-zero byte. */
function msb(v: number): number {
  return 31 - Math.clz32(v);
}

function withU16(b: Uint8Array<ArrayBuffer>, off: number, v: number): Uint8Array<ArrayBuffer> {
  const out = b.slice();
  out[off] = (v >> 8) & 0xff;
  out[off + 1] = v & 0xff;
  return out;
}

function withByte(b: Uint8Array<ArrayBuffer>, off: number, v: number): Uint8Array<ArrayBuffer> {
  const out = b.slice();
  out[off] = v;
  return out;
}

function u16(b: Uint8Array, off: number): number {
  return ((b[off] as number) << 8) | (b[off + 1] as number);
}

const nonZeroByte = (): fc.Arbitrary<number> => fc.integer({ min: 1, max: 255 });

/** Reserved byte positions of the ODX CDBs, by opcode << 8 | service action. */
const CDB_RESERVED_BYTES: Readonly<Record<number, readonly number[]>> = {
  33552: [2, 3, 4, 5],
  33553: [2, 3, 4, 5],
  33564: [6, 7, 8, 9, 10, 11, 12, 13, 14],
  33797: [6, 7, 8, 9, 14],
  33799: [6, 7, 8, 9, 14],
};

/** Valid ODX CDBs (PT, WUT, COA, RRTI, RCS LID4), encoded. */
function arbOdxCdbBytes(): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  return fc
    .oneof(
      arbPopulateTokenCdb(),
      arbWriteUsingTokenCdb(),
      arbCopyOperationAbortCdb(),
      arbReceiveRodTokenInformationCdb(),
      arbReceiveCopyStatusLid4Cdb(),
    )
    .map((c) => encodeCdb(c));
}

function cdbNearMisses(b: Uint8Array<ArrayBuffer>): fc.Arbitrary<NearMiss>[] {
  const key = ((b[0] as number) << 8) | ((b[1] as number) & 0x1f);
  const reservedBytes = CDB_RESERVED_BYTES[key] ?? [];
  const out: fc.Arbitrary<NearMiss>[] = [
    fc.integer({ min: 5, max: 7 }).map((bit) => ({
      bytes: withByte(b, 1, (b[1] as number) | (1 << bit)),
      kind: 'cdb' as const,
      mutation: 'reserved-bit',
      detail: `CDB byte 1 bit ${bit} (reserved) set`,
      detectedBy: 'decoder' as const,
      expected: buildInvalidFieldInCdbSense({ fieldPointer: 1, bitPointer: bit }),
    })),
  ];
  if (reservedBytes.length > 0) {
    out.push(
      fc.tuple(fc.constantFrom(...reservedBytes), nonZeroByte()).map(([off, v]) => ({
        bytes: withByte(b, off, v),
        kind: 'cdb' as const,
        mutation: 'reserved-byte',
        detail: `CDB byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
        detectedBy: 'decoder' as const,
        expected: buildInvalidFieldInCdbSense({ fieldPointer: off, bitPointer: msb(v) }),
      })),
    );
  }
  if (key === 0x8310 || key === 0x8311) {
    out.push(
      fc.integer({ min: 6, max: 7 }).map((bit) => ({
        bytes: withByte(b, 14, (b[14] as number) | (1 << bit)),
        kind: 'cdb' as const,
        mutation: 'reserved-bit',
        detail: `CDB byte 14 bit ${bit} (reserved) set`,
        detectedBy: 'decoder' as const,
        expected: buildInvalidFieldInCdbSense({ fieldPointer: 14, bitPointer: bit }),
      })),
    );
  }
  if (key === 0x8310) {
    out.push(
      fc.integer({ min: 1, max: 15 }).map((len) => {
        const bytes = b.slice();
        new DataView(bytes.buffer).setUint32(10, len);
        return {
          bytes,
          kind: 'cdb' as const,
          mutation: 'parameter-list-length-1-to-15',
          detail: `POPULATE TOKEN PARAMETER LIST LENGTH ${len} (1-15 is an error)`,
          detectedBy: 'target' as const,
          expected: buildParameterListLengthErrorSense(),
        };
      }),
    );
  }
  return out;
}

/** Layout of a PT / WUT parameter list. */
interface ListLayout {
  readonly kind: 'populate-token-params' | 'write-using-token-params';
  readonly header: number;
  readonly rangeLengthOffset: number;
  readonly reservedBits: readonly number[];
  readonly reservedBytes: readonly number[];
}

const PT_LAYOUT: ListLayout = {
  kind: 'populate-token-params',
  header: 16,
  rangeLengthOffset: 14,
  reservedBits: [2, 3, 4, 5, 6, 7],
  reservedBytes: [3, 12, 13],
};
const WUT_LAYOUT: ListLayout = {
  kind: 'write-using-token-params',
  header: 536,
  rangeLengthOffset: 534,
  reservedBits: [2, 3, 4, 5, 6, 7],
  reservedBytes: [3, 4, 5, 6, 7, 528, 529, 530, 531, 532, 533],
};

function listNearMisses(b: Uint8Array<ArrayBuffer>, l: ListLayout): fc.Arbitrary<NearMiss>[] {
  const kind = l.kind;
  const count = (b.length - l.header) / 16;
  const dataLength = u16(b, 0);
  const rangeLength = u16(b, l.rangeLengthOffset);
  const out: fc.Arbitrary<NearMiss>[] = [
    fc.constantFrom(-1, 1).map((d) => ({
      bytes: withU16(b, 0, dataLength + d),
      kind,
      mutation: 'data-length-off-by-one',
      detail: `DATA LENGTH ${dataLength + d}, should be ${dataLength}`,
      detectedBy: 'decoder' as const,
      expected: buildInvalidFieldInParameterListSense({ fieldPointer: 0 }),
    })),
    fc.constantFrom(-1, 1).map((d) => ({
      bytes: withU16(b, l.rangeLengthOffset, rangeLength + d),
      kind,
      mutation: 'range-descriptor-length-off-by-one',
      detail: `BLOCK DEVICE RANGE DESCRIPTOR LENGTH ${rangeLength + d}, should be ${rangeLength}`,
      detectedBy: 'decoder' as const,
      // Below 16 the range length itself is at fault; otherwise DATA LENGTH no longer agrees with it.
      expected: buildInvalidFieldInParameterListSense({ fieldPointer: rangeLength + d < 16 ? l.rangeLengthOffset : 0 }),
    })),
    fc.constantFrom(...l.reservedBits).map((bit) => ({
      bytes: withByte(b, 2, (b[2] as number) | (1 << bit)),
      kind,
      mutation: 'reserved-bit',
      detail: `byte 2 bit ${bit} (reserved) set`,
      detectedBy: 'decoder' as const,
      expected: buildInvalidFieldInParameterListSense({ fieldPointer: 2, bitPointer: bit }),
    })),
    fc.tuple(fc.constantFrom(...l.reservedBytes), nonZeroByte()).map(([off, v]) => ({
      bytes: withByte(b, off, v),
      kind,
      mutation: 'reserved-byte',
      detail: `byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
      detectedBy: 'decoder' as const,
      expected: buildInvalidFieldInParameterListSense({ fieldPointer: off, bitPointer: msb(v) }),
    })),
    // Cut before the first descriptor is complete (SBC ignores descriptors cut off after it).
    fc.integer({ min: 1, max: Math.min(b.length - 1, l.header + 15) }).map((len) => ({
      bytes: b.slice(0, len),
      kind,
      mutation: 'truncated',
      detail: `cut to ${len} of ${b.length} bytes`,
      detectedBy: 'decoder' as const,
      expected:
        len >= l.header
          ? senseForRule('sbc.range-descriptors.none', { fieldPointer: l.rangeLengthOffset })
          : senseForRule(
              kind === 'populate-token-params'
                ? 'sbc.populate-token.parameter-list-length'
                : 'sbc.write-using-token.header-truncated',
            ),
    })),
    fc.constant({
      bytes: withU16(withU16(b.slice(0, l.header), 0, l.header - 2), l.rangeLengthOffset, 0),
      kind,
      mutation: 'no-range-descriptors',
      detail: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH 0',
      detectedBy: 'decoder' as const,
      expected: buildInvalidFieldInParameterListSense({ fieldPointer: l.rangeLengthOffset }),
    }),
  ];
  if (count > 0) {
    out.push(
      fc.tuple(fc.nat({ max: count - 1 }), fc.integer({ min: 12, max: 15 }), nonZeroByte()).map(([i, at, v]) => {
        const off = l.header + 16 * i + at;
        return {
          bytes: withByte(b, off, v),
          kind,
          mutation: 'reserved-byte',
          detail: `range descriptor ${i} byte ${at} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
          detectedBy: 'decoder' as const,
          expected: buildInvalidFieldInParameterListSense({ fieldPointer: off, bitPointer: msb(v) }),
        };
      }),
      // LBA + NUMBER OF LOGICAL BLOCKS beyond 2^64: out of range for every capacity.
      fc.tuple(fc.nat({ max: count - 1 }), fc.integer({ min: 2, max: 0xffff_ffff })).map(([i, n]) => {
        const bytes = b.slice();
        const dv = new DataView(bytes.buffer);
        const off = l.header + 16 * i;
        dv.setBigUint64(off, (1n << 64n) - 1n);
        dv.setUint32(off + 8, n);
        return {
          bytes,
          kind,
          mutation: 'lba-out-of-range',
          detail: `range descriptor ${i}: LBA FFFFFFFFFFFFFFFFh + ${n} blocks`,
          detectedBy: 'validator' as const,
          expected: buildLbaOutOfRangeSense({ lba: (1n << 64n) - 1n, commandData: false, fieldPointer: off }),
        };
      }),
      // A copy of a descriptor (with at least one block) appended, or written over the last one
      // when the list is full: the ranges overlap.
      fc.nat({ max: count - 1 }).map((i) => {
        const off = l.header + 16 * i;
        const room = dataLength + 16 <= 0xffff;
        const at = room ? b.length : i === count - 1 ? l.header : b.length - 16;
        const bytes = new Uint8Array(room ? b.length + 16 : b.length);
        bytes.set(b);
        bytes.set(b.subarray(off, off + 16), at);
        const dv = new DataView(bytes.buffer);
        if (dv.getUint32(off + 8) === 0) {
          dv.setUint32(off + 8, 1);
          dv.setUint32(at + 8, 1);
        }
        if (dv.getBigUint64(off) === (1n << 64n) - 1n) {
          dv.setBigUint64(off, 0n);
          dv.setBigUint64(at, 0n);
        }
        if (room) {
          dv.setUint16(0, dataLength + 16);
          dv.setUint16(l.rangeLengthOffset, rangeLength + 16);
        }
        return {
          bytes,
          kind,
          detail: `range descriptor ${(at - l.header) / 16} repeats descriptor ${i}`,
          mutation: 'overlapping-ranges',
          detectedBy: 'validator' as const,
          expected: buildInvalidFieldInParameterListSense(),
        };
      }),
    );
  }
  if (kind === 'write-using-token-params') {
    out.push(
      fc
        .integer({ min: 0, max: 0xffff })
        .filter((v) => v !== 0x01f8)
        .map((v) => ({
          bytes: withU16(b, 22, v),
          kind,
          mutation: 'wrong-rod-token-length',
          detail: `ROD TOKEN LENGTH ${v.toString(16).padStart(4, '0')}h, should be 01F8h`,
          detectedBy: 'decoder' as const,
          expected: buildInvalidTokenOperationSense('INVALID_TOKEN_LENGTH', { fieldPointer: 22 }),
        })),
    );
  }
  return out;
}

function rodTokenNearMisses(b: Uint8Array<ArrayBuffer>): fc.Arbitrary<NearMiss>[] {
  return [
    fc
      .integer({ min: 0, max: 0xffff })
      .filter((v) => v !== 0x01f8)
      .map((v) => ({
        bytes: withU16(b, 6, v),
        kind: 'rod-token' as const,
        mutation: 'wrong-rod-token-length',
        detail: `ROD TOKEN LENGTH ${v.toString(16).padStart(4, '0')}h, should be 01F8h`,
        detectedBy: 'decoder' as const,
        expected: buildInvalidTokenOperationSense('INVALID_TOKEN_LENGTH', { fieldPointer: 6 }),
      })),
    fc.tuple(fc.constantFrom(4, 5), nonZeroByte()).map(([off, v]) => ({
      bytes: withByte(b, off, v),
      kind: 'rod-token' as const,
      mutation: 'reserved-byte',
      detail: `token byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
      detectedBy: 'decoder' as const,
      expected: buildInvalidTokenOperationSense('TOKEN_CORRUPT', { fieldPointer: off, bitPointer: msb(v) }),
    })),
  ];
}

/**
 * Valid encodings of a near-miss kind (the starting points of the mutations): ODX CDBs (PT,
 * WUT, COPY OPERATION ABORT, RRTI, RECEIVE COPY STATUS (LID4)), parameter lists, ROD tokens of
 * the generic and block device zero types.
 *
 * @remarks Since 0.1.0
 */
export function arbValidEncoding(kind: NearMissKind): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  switch (kind) {
    case 'cdb':
      return arbOdxCdbBytes().filter((b) => strictlyValid(kind, b));
    case 'populate-token-params':
      return arbPopulateTokenParameterList()
        .map((v) => encodePopulateTokenParameterList(v))
        .filter((b) => strictlyValid(kind, b));
    case 'write-using-token-params':
      return fc
        .tuple(arbWriteUsingTokenParameterList(), arbStrictRodTokenBytes())
        .map(([v, token]) => encodeWriteUsingTokenParameterList({ ...v, rodToken: token }))
        .filter((b) => strictlyValid(kind, b));
    case 'rod-token':
      return arbStrictRodTokenBytes();
  }
}

function arbStrictRodTokenBytes(): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  return arbRodToken({ valid: true })
    .map((v) => encodeRodToken(v))
    .filter((b) => b.length === 512 && strictlyValid('rod-token', b));
}

/**
 * Strict decoding of a near-miss kind, as a copy manager would check what it receives: the CDB,
 * the parameter list, and for WRITE USING TOKEN the embedded ROD token too. Throws the
 * ScsiCodecError that strict decoding throws (its offset counts from the start of `bytes`).
 *
 * @throws {ScsiCodecError} whatever strict decoding rejects.
 * @remarks Since 0.1.0
 */
export function decodeNearMissKindStrict(kind: NearMissKind, bytes: Uint8Array): unknown {
  switch (kind) {
    case 'cdb':
      return decodeCdb(bytes, { strict: true });
    case 'populate-token-params':
      return decodePopulateTokenParameterList(bytes, { strict: true });
    case 'write-using-token-params': {
      const list = decodeWriteUsingTokenParameterList(bytes, { strict: true });
      // The token sits at byte 16: re-decode it in place so error offsets count from byte 0.
      const view = bytes.subarray(0, 16 + 512);
      decodeTokenAt(view, 16);
      return list;
    }
    case 'rod-token':
      return decodeRodToken(bytes, { strict: true });
  }
}

function decodeTokenAt(bytes: Uint8Array, at: number): void {
  try {
    decodeRodToken(bytes.subarray(at), { strict: true });
  } catch (e) {
    if (isScsiCodecError(e)) {
      throw new ScsiCodecError(e.code, e.structure, e.field, e.offset + at, e.detail, { bit: e.bit, cause: e });
    }
    throw e;
  }
}

function strictlyValid(kind: NearMissKind, bytes: Uint8Array): boolean {
  try {
    decodeNearMissKindStrict(kind, bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The sense data a copy manager returns for a near-miss that strict decoding rejected with
 * `err`: the sense module's `senseDataFromCodecError` (24h/00h in a CDB, 26h/00h or 1Ah/00h in a
 * parameter list), except for ROD token defects, which are INVALID TOKEN OPERATION (23h):
 * INVALID TOKEN LENGTH for a wrong ROD TOKEN LENGTH, TOKEN CORRUPT otherwise.
 *
 * @remarks Since 0.1.0
 */
export function nearMissSenseFromCodecError(kind: NearMissKind, err: ScsiCodecError): SenseData {
  const tokenError =
    kind === 'rod-token' || (kind === 'write-using-token-params' && err.structure !== 'WriteUsingTokenParameterList');
  if (tokenError) {
    const opts =
      err.bit === undefined ? { fieldPointer: err.offset } : { fieldPointer: err.offset, bitPointer: err.bit };
    return buildInvalidTokenOperationSense(
      err.field === 'rodTokenLength' ? 'INVALID_TOKEN_LENGTH' : 'TOKEN_CORRUPT',
      opts,
    );
  }
  return senseDataFromCodecError(err, kind === 'cdb' ? 'cdb' : 'parameterList');
}

/**
 * Near-misses of `kind` (or of every kind): a valid encoding with one defect (off-by-one
 * lengths, truncation, reserved bits set, out-of-range LBAs, wrong ROD TOKEN LENGTH,
 * overlapping ranges, ...) and the sense data a correct copy manager returns for it, built with
 * the sense module's builders.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbNearMiss } from 'scsi-odx/arbitraries';
 * fc.assert(fc.property(arbNearMiss('write-using-token-params'), (c) => {
 *   const sense = myTarget.writeUsingToken(c.bytes); // CHECK CONDITION sense
 *   expect(sense).toEqual(encodeSenseData(c.expected));
 * }));
 * ```
 * @remarks Since 0.1.0
 */
export function arbNearMiss(kind?: NearMissKind): fc.Arbitrary<NearMiss> {
  if (kind === undefined) return fc.oneof(...NEAR_MISS_KINDS.map((k) => arbNearMiss(k)));
  return arbValidEncoding(kind).chain((b) => {
    const cases =
      kind === 'cdb'
        ? cdbNearMisses(b)
        : kind === 'populate-token-params'
          ? listNearMisses(b, PT_LAYOUT)
          : kind === 'write-using-token-params'
            ? listNearMisses(b, WUT_LAYOUT)
            : rodTokenNearMisses(b);
    return fc.oneof(...cases);
  });
}
