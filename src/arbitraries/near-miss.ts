/**
 * Near-miss arbitraries: requests a device server accepts (GOOD), each with exactly one defect,
 * and the conforming responses the device-server rule it breaks names (the first one is what the
 * reference copy manager answers).
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { type Cdb, decodeCdb, encodeCdb } from '../cdb/index.js';
import { DEFAULT_DEVICE_SERVER_PROFILE, type DeviceServerProfile } from '../conformance/profile.js';
import type { ConformingResponse, ReplayCase } from '../conformance/replay.js';
import { ROD_TYPE } from '../constants/rod-type.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import type { StructureLayout } from '../internal/layout.js';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  validateRangeDescriptors,
} from '../parameter-list/index.js';
import {
  BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT,
  POPULATE_TOKEN_LAYOUT,
  WRITE_USING_TOKEN_LAYOUT,
} from '../parameter-list/layouts.js';
import { POPULATE_TOKEN_MINIMUM_DATA_LENGTH } from '../parameter-list/populate-token.js';
import { WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH } from '../parameter-list/write-using-token.js';
import { BLOCK_DEVICE_ZERO_ROD_TOKEN, decodeRodToken, encodeRodToken, ROD_TOKEN_SIZE } from '../rod-token/index.js';
import { ROD_TOKEN_LAYOUT } from '../rod-token/layout.js';
import { type SenseData, senseDataFromCodecError } from '../sense/index.js';
import { arbCdb } from './cdb.js';
import {
  arbValidCommand,
  arbValidPopulateTokenParameterList,
  arbValidWriteUsingTokenParameterList,
} from './device-server.js';
import { arbPopulateTokenParameterList, arbRawRodToken, arbWriteUsingTokenParameterList } from './parameter-list.js';
import { arbRodToken } from './rod-token.js';
import { type CasePointer, expectationFor, senseOfRule } from './rule-expectations.js';

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
 * - `validator`: the structure decodes, and `validateRangeDescriptors` with the profile's limits
 *   reports it;
 * - `target`: only a device server knows (a PARAMETER LIST LENGTH of 1-15, data-out shorter than
 *   the CDB says, an unsupported ROD type, an LBA beyond the capacity in a CDB).
 *
 * @remarks Since 0.1.0
 */
export type NearMissDetection = 'decoder' | 'validator' | 'target';

/**
 * One near-miss case: a request the device server of the profile accepts, with one defect.
 *
 * @remarks Since 0.1.0
 */
export interface NearMiss {
  /** The bytes: a CDB, a parameter list, or a ROD token (sent at byte 16 of a WRITE USING TOKEN list). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly kind: NearMissKind;
  /** Data-out sent with a `cdb` case (empty for the others: the list is the data-out). @remarks Since 0.2.0 */
  readonly dataOut: Uint8Array<ArrayBuffer>;
  /** Mutation name, e.g. `data-length-off-by-one`, `reserved-bit`, `wrong-rod-token-length`. */
  readonly mutation: string;
  /** Where the defect is, in words. */
  readonly detail: string;
  readonly detectedBy: NearMissDetection;
  /** The device-server rule the defect breaks (`DEVICE_SERVER_RULES` id). @remarks Since 0.2.0 */
  readonly rule: string;
  /**
   * The conforming responses (the first is the reference copy manager's), field pointers counted
   * from the start of the request's CDB or parameter list: for a `rod-token` case, of the WRITE
   * USING TOKEN list it is sent in (token byte + 16). @remarks Since 0.2.0
   */
  readonly conforming: readonly ConformingResponse[];
  /**
   * Sense data of the reference copy manager's CHECK CONDITION, `undefined` when the rule's
   * answer is GOOD (e.g. range descriptors cut off by PARAMETER LIST LENGTH are ignored).
   */
  readonly expected: SenseData | undefined;
}

/** Most significant set bit of a non-zero byte. */
function msb(v: number): number {
  return 31 - Math.clz32(v);
}

const nonZeroByte = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(1, 0x80, 0xff), fc.integer({ min: 1, max: 255 }));
const NO_DATA = new Uint8Array(0);

interface Draft {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly dataOut?: Uint8Array<ArrayBuffer>;
  readonly mutation: string;
  readonly detail: string;
  readonly rule: string;
  readonly at?: CasePointer;
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function withByte(b: Uint8Array<ArrayBuffer>, off: number, v: number): Uint8Array<ArrayBuffer> {
  const out = b.slice();
  out[off] = v;
  return out;
}

// ---------------------------------------------------------------- CDBs

/** Reserved (byte, bit) positions of a command's CDB, found by the strict decoder. */
const reservedCache = new Map<string, readonly (readonly [number, number])[]>();

function reservedBitsOf(cdb: Uint8Array<ArrayBuffer>): readonly (readonly [number, number])[] {
  const key = decodeCdb(cdb).kind;
  const hit = reservedCache.get(key);
  if (hit !== undefined) return hit;
  const out: [number, number][] = [];
  for (let byte = 1; byte < cdb.length; byte++) {
    for (let bit = 0; bit < 8; bit++) {
      if (((cdb[byte] as number) & (1 << bit)) !== 0) continue;
      const b = withByte(cdb, byte, (cdb[byte] as number) | (1 << bit));
      try {
        decodeCdb(b, { strict: true });
      } catch (e) {
        if (isScsiCodecError(e) && e.code === 'ERR_RESERVED_NONZERO' && e.offset === byte) out.push([byte, bit]);
      }
    }
  }
  reservedCache.set(key, out);
  return out;
}

function cdbDrafts(p: DeviceServerProfile, base: { cdb: Uint8Array<ArrayBuffer>; dataOut: Uint8Array<ArrayBuffer> }) {
  const cdb = base.cdb;
  const command = decodeCdb(cdb).kind;
  const out: fc.Arbitrary<Draft>[] = [];
  const reserved = reservedBitsOf(cdb);
  if (reserved.length > 0) {
    out.push(
      fc.constantFrom(...reserved).map(([byte, bit]) => ({
        bytes: withByte(cdb, byte, (cdb[byte] as number) | (1 << bit)),
        dataOut: base.dataOut,
        mutation: 'reserved-bit',
        detail: `${command}: CDB byte ${byte} bit ${bit} (reserved) set`,
        rule: 'spc.cdb.reserved',
        at: { byte, bit },
      })),
    );
  }
  const last = cdb.length - 1;
  out.push(
    fc.constant({
      bytes: withByte(cdb, last, (cdb[last] as number) | 0x04),
      dataOut: base.dataOut,
      mutation: 'naca',
      detail: `${command}: NACA = 1 in CONTROL (byte ${last} bit 2); NORMACA = 0`,
      rule: 'sam.cdb.naca',
      at: { byte: last, bit: 2 },
    }),
  );
  const pllCommand = command === 'POPULATE TOKEN' || command === 'WRITE USING TOKEN';
  if (command === 'POPULATE TOKEN') {
    out.push(
      fc.tuple(fc.integer({ min: 1, max: 15 }), arbValidPopulateTokenParameterList(p)).map(([len, list]) => {
        const bytes = cdb.slice();
        dv(bytes).setUint32(10, len);
        return {
          bytes,
          dataOut: encodePopulateTokenParameterList(list).slice(0, len),
          mutation: 'parameter-list-length-1-to-15',
          detail: `POPULATE TOKEN PARAMETER LIST LENGTH ${len} (shorter than the 16-byte header)`,
          rule: 'sbc.populate-token.parameter-list-length',
        };
      }),
    );
  }
  if (pllCommand) {
    out.push(
      fc.tuple(fc.integer({ min: 1, max: 0xffff_ffff }), fc.nat({ max: 64 })).map(([len, have]) => {
        const bytes = cdb.slice();
        dv(bytes).setUint32(10, len);
        const n = Math.min(have, len - 1);
        return {
          bytes,
          dataOut: new Uint8Array(n),
          mutation: 'data-out-short',
          detail: `${command} PARAMETER LIST LENGTH ${len}, ${n} bytes of data-out`,
          rule: 'spc.data-out.short',
        };
      }),
    );
  }
  if (command === 'READ (16)' || command === 'WRITE (16)' || command === 'SYNCHRONIZE CACHE (16)') {
    const lenAt = 10;
    const count = dv(cdb).getUint32(lenAt);
    if (p.capacity <= (1n << 64n) - 1n) {
      out.push(
        fc.bigInt({ min: 0n, max: 3n }).map((k) => {
          const n = count === 0 ? 1 : count;
          let lba = p.capacity - BigInt(n) + 1n + k;
          if (lba > (1n << 64n) - 1n) lba = (1n << 64n) - 1n;
          const bytes = cdb.slice();
          dv(bytes).setBigUint64(2, lba);
          dv(bytes).setUint32(lenAt, n);
          return {
            bytes,
            dataOut: command === 'WRITE (16)' ? new Uint8Array(n * p.blockSize) : base.dataOut,
            mutation: 'lba-out-of-range',
            detail: `${command}: LBA ${lba} + ${n} blocks, capacity ${p.capacity}`,
            rule: 'sbc.io.lba-out-of-range',
          };
        }),
      );
    }
  }
  if (command === 'READ (16)' && p.maxTransferLength < 0xffff_ffff) {
    out.push(
      fc.integer({ min: p.maxTransferLength + 1, max: 0xffff_ffff }).map((n) => {
        const bytes = cdb.slice();
        dv(bytes).setBigUint64(2, 0n);
        dv(bytes).setUint32(10, n);
        return {
          bytes,
          dataOut: base.dataOut,
          mutation: 'transfer-length',
          detail: `READ (16) TRANSFER LENGTH ${n}, MAXIMUM TRANSFER LENGTH ${p.maxTransferLength}`,
          rule: 'sbc.io.transfer-length',
          at: { byte: 10 },
        };
      }),
    );
  }
  if (command === 'READ (16)' || command === 'WRITE (16)') {
    out.push(
      fc.integer({ min: 1, max: 7 }).map((v) => ({
        bytes: withByte(cdb, 1, ((cdb[1] as number) & 0x1f) | (v << 5)),
        dataOut: base.dataOut,
        mutation: 'protect',
        detail: `${command}: ${command === 'READ (16)' ? 'RD' : 'WR'}PROTECT ${v}, PROTECT = 0`,
        rule: 'sbc.io.protect',
      })),
    );
  }
  if ((command === 'WRITE (16)' || command === 'WRITE (10)') && base.dataOut.length > 0) {
    out.push(
      fc.nat({ max: base.dataOut.length - 1 }).map((n) => ({
        bytes: cdb,
        dataOut: base.dataOut.slice(0, n),
        mutation: 'write-data-out-short',
        detail: `${command}: ${n} of ${base.dataOut.length} bytes of data-out`,
        rule: 'sbc.write.data-out-short',
      })),
    );
  }
  if (command === 'INQUIRY') {
    out.push(
      fc.integer({ min: 1, max: 255 }).map((v) => ({
        bytes: withByte(cdb, 2, v),
        dataOut: base.dataOut,
        mutation: 'inquiry-page-code',
        detail: `INQUIRY EVPD = 0 with PAGE CODE ${v.toString(16).padStart(2, '0')}h`,
        rule: 'spc.inquiry.page-code',
      })),
    );
  }
  return out;
}

// ---------------------------------------------------------------- parameter lists

/** What the mutations need of a PT / WUT parameter list, read from its layout table. */
interface ListLayout {
  readonly kind: 'populate-token-params' | 'write-using-token-params';
  readonly cmd: 'populate-token' | 'write-using-token';
  readonly header: number;
  readonly minDataLength: number;
  readonly rangeLengthOffset: number;
  /** Reserved bits of single-byte fields with a mask: [byte, bit]. */
  readonly reservedBits: readonly (readonly [number, number])[];
  /** Whole reserved bytes. */
  readonly reservedBytes: readonly number[];
  readonly maxDescriptors: number;
}

/** Reserved bits and bytes of a layout (`kind: 'reserved'` fields). */
function reservedOf(layout: StructureLayout): Pick<ListLayout, 'reservedBits' | 'reservedBytes'> {
  const bits: [number, number][] = [];
  const bytes: number[] = [];
  for (const f of layout.fields) {
    if (f.kind !== 'reserved') continue;
    if (f.width === 1 && f.mask !== undefined) {
      for (let bit = 0; bit < 8; bit++) if ((f.mask & (1 << bit)) !== 0) bits.push([f.offset, bit]);
    } else for (let i = 0; i < f.width; i++) bytes.push(f.offset + i);
  }
  return { reservedBits: bits, reservedBytes: bytes };
}

/** Most descriptors the 16-bit DATA LENGTH can describe after a header of `header` bytes. */
function maxDescriptorsAfter(header: number): number {
  return Math.floor((0xffff + 2 - header) / BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.length);
}

const PT_LAYOUT: ListLayout = {
  kind: 'populate-token-params',
  cmd: 'populate-token',
  header: POPULATE_TOKEN_LAYOUT.length,
  minDataLength: POPULATE_TOKEN_MINIMUM_DATA_LENGTH,
  rangeLengthOffset: POPULATE_TOKEN_LAYOUT.field.blockDeviceRangeDescriptorLength.offset,
  ...reservedOf(POPULATE_TOKEN_LAYOUT),
  maxDescriptors: maxDescriptorsAfter(POPULATE_TOKEN_LAYOUT.length),
};
const WUT_LAYOUT: ListLayout = {
  kind: 'write-using-token-params',
  cmd: 'write-using-token',
  header: WRITE_USING_TOKEN_LAYOUT.length,
  minDataLength: WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH,
  rangeLengthOffset: WRITE_USING_TOKEN_LAYOUT.field.blockDeviceRangeDescriptorLength.offset,
  ...reservedOf(WRITE_USING_TOKEN_LAYOUT),
  maxDescriptors: maxDescriptorsAfter(WRITE_USING_TOKEN_LAYOUT.length),
};
const RD = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.field;
/** Block device range descriptor length (16). */
const RDL = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.length;
const RD_RESERVED = reservedOf(BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT).reservedBytes;
const TOKEN_AT = WRITE_USING_TOKEN_LAYOUT.field.rodToken.offset;
const TOKEN = ROD_TOKEN_LAYOUT.field;
/** Reserved bytes of the block device zero ROD token: the header's reserved bytes and 8-511 (SBC-4). */
const ZERO_TOKEN_RESERVED: readonly number[] = [
  ...reservedOf(ROD_TOKEN_LAYOUT).reservedBytes.filter((o) => o < TOKEN.copyManagerRodTokenIdentifier.offset),
  TOKEN.copyManagerRodTokenIdentifier.offset,
  ROD_TOKEN_SIZE - 1,
];

interface Desc {
  lba: bigint;
  count: number;
}

function descsOf(b: Uint8Array, l: ListLayout): Desc[] {
  const v = dv(b);
  const out: Desc[] = [];
  for (let off = l.header; off + RDL <= b.length; off += RDL) {
    out.push({
      lba: v.getBigUint64(off + RD.logicalBlockAddress.offset),
      count: v.getUint32(off + RD.numberOfLogicalBlocks.offset),
    });
  }
  return out;
}

/** The list with its descriptors replaced (both length fields recomputed). */
function withDescs(b: Uint8Array<ArrayBuffer>, l: ListLayout, ds: readonly Desc[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(l.header + RDL * ds.length);
  out.set(b.subarray(0, l.header));
  const v = dv(out);
  v.setUint16(0, out.length - 2);
  v.setUint16(l.rangeLengthOffset, RDL * ds.length);
  ds.forEach((d, i) => {
    v.setBigUint64(l.header + RDL * i + RD.logicalBlockAddress.offset, d.lba);
    v.setUint32(l.header + RDL * i + RD.numberOfLogicalBlocks.offset, d.count);
  });
  return out;
}

const U64_MAX = (1n << 64n) - 1n;

function sumOf(ds: readonly Desc[]): bigint {
  return ds.reduce((s, d) => s + BigInt(d.count), 0n);
}

function listDrafts(p: DeviceServerProfile, b: Uint8Array<ArrayBuffer>, l: ListLayout): fc.Arbitrary<Draft>[] {
  const ds = descsOf(b, l);
  const n = ds.length;
  const dataLength = dv(b).getUint16(0);
  const rangeLength = dv(b).getUint16(l.rangeLengthOffset);
  const descAt = (i: number): number => l.header + RDL * i;
  const out: fc.Arbitrary<Draft>[] = [
    fc.constantFrom(-1, 1).map((d) => {
      const bytes = b.slice();
      dv(bytes).setUint16(0, dataLength + d);
      const tooSmall = dataLength + d < l.minDataLength;
      return {
        bytes,
        mutation: 'data-length-off-by-one',
        detail: `DATA LENGTH ${dataLength + d}, should be ${dataLength}`,
        rule: tooSmall ? `sbc.${l.cmd}.data-length` : `sbc.${l.cmd}.data-length-mismatch`,
      };
    }),
    fc.constantFrom(...l.reservedBits).map(([byte, bit]) => ({
      bytes: withByte(b, byte, (b[byte] as number) | (1 << bit)),
      mutation: 'reserved-bit',
      detail: `byte ${byte} bit ${bit} (reserved) set`,
      rule: `sbc.${l.cmd}.reserved`,
      at: { byte, bit },
    })),
    fc.tuple(fc.constantFrom(...l.reservedBytes), nonZeroByte()).map(([off, v]) => ({
      bytes: withByte(b, off, v),
      mutation: 'reserved-byte',
      detail: `byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
      rule: `sbc.${l.cmd}.reserved`,
      at: { byte: off, bit: msb(v) },
    })),
    fc.tuple(fc.nat({ max: n - 1 }), fc.constantFrom(...RD_RESERVED), nonZeroByte()).map(([i, at, v]) => ({
      bytes: withByte(b, descAt(i) + at, v),
      mutation: 'reserved-byte',
      detail: `range descriptor ${i} byte ${at} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
      rule: 'sbc.range-descriptor.reserved',
      at: { byte: descAt(i) + at, bit: msb(v) },
    })),
    fc.integer({ min: 1, max: b.length - 1 }).map((len) => ({
      bytes: b.slice(0, len),
      mutation: 'truncated',
      detail: `cut to ${len} of ${b.length} bytes by PARAMETER LIST LENGTH`,
      ...truncation(l, len),
    })),
    fc.constant({
      bytes: withDescs(b, l, []),
      mutation: 'no-range-descriptors',
      detail: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH 0',
      rule: `sbc.${l.cmd}.range-length`,
    }),
  ];
  if (dataLength + 15 <= 0xffff) {
    out.push(
      fc.tuple(fc.integer({ min: 1, max: 15 }), fc.uint8Array({ minLength: 15, maxLength: 15 })).map(([k, extra]) => {
        const bytes = new Uint8Array(b.length + k);
        bytes.set(b);
        bytes.set(extra.subarray(0, k), b.length);
        dv(bytes).setUint16(0, dataLength + k);
        dv(bytes).setUint16(l.rangeLengthOffset, rangeLength + k);
        return {
          bytes,
          mutation: 'partial-descriptor',
          detail: `${k} bytes of an incomplete last range descriptor (BLOCK DEVICE RANGE DESCRIPTOR LENGTH ${rangeLength + k})`,
          rule: `sbc.${l.cmd}.partial-descriptor`,
        };
      }),
    );
  }
  const sum = sumOf(ds);
  // LBA beyond the capacity (or LBA + count past 2^64): no other range is touched.
  const outOfRange: Draft[] = [];
  for (let i = 0; i < n && outOfRange.length < 4; i++) {
    const c = Math.max(1, (ds[i] as Desc).count);
    if (sum - BigInt((ds[i] as Desc).count) + BigInt(c) > p.maxTokenTransferSize) continue;
    if (c > p.maxBlocksPerRangeDescriptor) continue;
    const candidates: bigint[] = [];
    if (p.capacity <= U64_MAX) candidates.push(p.capacity);
    const justPast = p.capacity - BigInt(c) + 1n;
    if (justPast <= U64_MAX && !ds.some((d, j) => j !== i && d.count > 0 && d.lba + BigInt(d.count) > justPast)) {
      candidates.push(justPast);
    }
    if (c >= 2) candidates.push(U64_MAX);
    for (const lba of candidates) {
      const next = ds.map((d, j) => (j === i ? { lba, count: c } : d));
      outOfRange.push({
        bytes: withDescs(b, l, next),
        mutation: 'lba-out-of-range',
        detail: `range descriptor ${i}: LBA ${lba} + ${c} blocks, capacity ${p.capacity}`,
        rule: 'sbc.range-descriptors.out-of-range',
        at: { byte: descAt(i) },
      });
    }
  }
  if (outOfRange.length > 0) out.push(fc.constantFrom(...outOfRange));
  const overlap = overlapDraft(p, b, l, ds);
  if (overlap !== undefined) out.push(fc.constant(overlap));
  // One more descriptor than MAXIMUM RANGE DESCRIPTORS: count 0 ones (they cover nothing).
  const more = p.maxRangeDescriptors + 1 - n;
  if (more > 0 && p.maxRangeDescriptors + 1 <= l.maxDescriptors) {
    const next = [...ds, ...Array.from({ length: more }, () => ({ lba: 0n, count: 0 }))];
    out.push(
      fc.constant({
        bytes: withDescs(b, l, next),
        mutation: 'too-many-range-descriptors',
        detail: `${next.length} range descriptors, MAXIMUM RANGE DESCRIPTORS ${p.maxRangeDescriptors}`,
        rule: 'sbc.range-descriptors.too-many',
        at: { byte: l.rangeLengthOffset },
      }),
    );
  }
  // Total over MAXIMUM TOKEN TRANSFER SIZE: more descriptors after the last range, each within
  // the per-descriptor limit.
  const need = p.maxTokenTransferSize + 1n - sum;
  const per = BigInt(Math.min(p.maxBlocksPerRangeDescriptor, 0xffff_ffff));
  const extra = (need + per - 1n) / per;
  const end = ds.reduce((m, d) => (d.count > 0 && d.lba + BigInt(d.count) > m ? d.lba + BigInt(d.count) : m), 0n);
  if (
    need > 0n &&
    BigInt(n) + extra <= BigInt(Math.min(p.maxRangeDescriptors, l.maxDescriptors)) &&
    end + need <= p.capacity
  ) {
    const next = [...ds];
    let left = need;
    let lba = end;
    while (left > 0n) {
      const c = left < per ? left : per;
      next.push({ lba, count: Number(c) });
      lba += c;
      left -= c;
    }
    out.push(
      fc.constant({
        bytes: withDescs(b, l, next),
        mutation: 'total-too-large',
        detail: `${sum + need} logical blocks in all, MAXIMUM TOKEN TRANSFER SIZE ${p.maxTokenTransferSize}`,
        rule: 'sbc.range-descriptors.total-too-large',
        at: { byte: l.rangeLengthOffset },
      }),
    );
  }
  if (l.kind === 'populate-token-params') out.push(...ptDrafts(p, b));
  else out.push(...tokenDrafts(b, TOKEN_AT));
  return out;
}

/** The rule for a list cut to `len` bytes by PARAMETER LIST LENGTH. */
function truncation(l: ListLayout, len: number): { rule: string; at?: CasePointer } {
  if (l.kind === 'populate-token-params' && len < l.header) return { rule: 'sbc.populate-token.parameter-list-length' };
  if (l.kind === 'write-using-token-params' && len < l.header)
    return { rule: 'sbc.write-using-token.header-truncated' };
  if (len < l.header + RDL) return { rule: 'sbc.range-descriptors.none', at: { byte: l.rangeLengthOffset } };
  return { rule: `sbc.${l.cmd}.truncated-descriptors` };
}

/** Two descriptors sharing LBAs, the later-listed one inside the earlier one: one overlapping pair. */
function overlapDraft(
  p: DeviceServerProfile,
  b: Uint8Array<ArrayBuffer>,
  l: ListLayout,
  ds: Desc[],
): Draft | undefined {
  const used = ds.map((d, i) => ({ d, i })).filter((x) => x.d.count > 0);
  const descAt = (i: number): number => l.header + RDL * i;
  if (used.length >= 2) {
    const a = used[0] as { d: Desc; i: number };
    const c = used[1] as { d: Desc; i: number };
    const next = ds.map((d) => ({ ...d }));
    // The later-listed descriptor moves inside the earlier-listed one (and shrinks to fit).
    const [first, second] = a.i < c.i ? [a, c] : [c, a];
    next[second.i] = { lba: first.d.lba, count: Math.min(second.d.count, first.d.count) };
    return {
      bytes: withDescs(b, l, next),
      mutation: 'overlapping-ranges',
      detail: `range descriptor ${second.i} lies inside descriptor ${first.i}`,
      rule: 'sbc.range-descriptors.overlap',
      at: { byte: descAt(second.i) },
    };
  }
  if (used.length === 1) {
    const a = used[0] as { d: Desc; i: number };
    const sum = sumOf(ds);
    if (
      ds.length < p.maxRangeDescriptors &&
      ds.length < l.maxDescriptors &&
      sum + BigInt(a.d.count) <= p.maxTokenTransferSize
    ) {
      const next = [...ds, { ...a.d }];
      return {
        bytes: withDescs(b, l, next),
        mutation: 'overlapping-ranges',
        detail: `range descriptor ${ds.length} repeats descriptor ${a.i}`,
        rule: 'sbc.range-descriptors.overlap',
        at: { byte: descAt(ds.length) },
      };
    }
  }
  if (used.length <= 1) {
    // Two count-0 descriptors (or one beside the only used one) become one block at the same LBA.
    const zeros = ds.map((d, i) => ({ d, i })).filter((x) => x.d.count === 0);
    const sum = sumOf(ds);
    const a = used[0];
    if (a !== undefined && zeros.length >= 1 && sum + 1n <= p.maxTokenTransferSize) {
      const z = zeros[0] as { d: Desc; i: number };
      const next = ds.map((d) => ({ ...d }));
      next[z.i] = { lba: a.d.lba, count: 1 };
      const later = Math.max(z.i, a.i);
      return {
        bytes: withDescs(b, l, next),
        mutation: 'overlapping-ranges',
        detail: `range descriptor ${z.i} (1 block) overlaps descriptor ${a.i}`,
        rule: 'sbc.range-descriptors.overlap',
        at: { byte: descAt(later) },
      };
    }
    if (
      a === undefined &&
      zeros.length >= 2 &&
      sum + 2n <= p.maxTokenTransferSize &&
      p.maxBlocksPerRangeDescriptor >= 1
    ) {
      const [x, y] = zeros as [{ d: Desc; i: number }, { d: Desc; i: number }];
      const lba = x.d.lba < p.capacity ? x.d.lba : 0n;
      const next = ds.map((d) => ({ ...d }));
      next[x.i] = { lba, count: 1 };
      next[y.i] = { lba, count: 1 };
      return {
        bytes: withDescs(b, l, next),
        mutation: 'overlapping-ranges',
        detail: `range descriptors ${x.i} and ${y.i} name the same block`,
        rule: 'sbc.range-descriptors.overlap',
        at: { byte: descAt(y.i) },
      };
    }
  }
  return undefined;
}

const UNSUPPORTED_PT_TYPES = [
  ROD_TYPE.ACCESS_UPON_REFERENCE,
  ROD_TYPE.POINT_IN_TIME_COPY_COPY_ON_WRITE,
  ROD_TYPE.BLOCK_DEVICE_ZERO,
  ROD_TYPE.COPY_MANAGER_INTERNAL,
  0x0080_0004,
  0xffff_fff0,
  0xffff_ffff,
];

function ptDrafts(p: DeviceServerProfile, b: Uint8Array<ArrayBuffer>): fc.Arbitrary<Draft>[] {
  const out: fc.Arbitrary<Draft>[] = [];
  if (p.maxInactivityTimeout < 0xffff_ffff) {
    out.push(
      fc
        .oneof(
          fc.constant(p.maxInactivityTimeout + 1),
          fc.integer({ min: p.maxInactivityTimeout + 1, max: 0xffff_ffff }),
        )
        .map((t) => {
          const bytes = b.slice();
          dv(bytes).setUint32(4, t);
          return {
            bytes,
            mutation: 'inactivity-timeout-too-large',
            detail: `INACTIVITY TIMEOUT ${t}, MAXIMUM INACTIVITY TIMEOUT ${p.maxInactivityTimeout}`,
            rule: 'sbc.populate-token.inactivity-timeout',
          };
        }),
    );
  }
  const types = UNSUPPORTED_PT_TYPES.filter((t) => !p.populateTokenRodTypes.includes(t));
  if (types.length > 0) {
    out.push(
      fc.constantFrom(...types).map((t) => {
        const bytes = b.slice();
        bytes[2] = (bytes[2] as number) | 0x02;
        dv(bytes).setUint32(8, t);
        return {
          bytes,
          mutation: 'unsupported-rod-type',
          detail: `RTV = 1, ROD TYPE ${t.toString(16).padStart(8, '0')}h not supported for POPULATE TOKEN`,
          rule: 'sbc.populate-token.rod-type',
        };
      }),
    );
  }
  return out;
}

/** Defects of the block device zero ROD token at `at` in `b` (a WUT list at 16, or the token at 0). */
function tokenDrafts(b: Uint8Array<ArrayBuffer>, at: number): fc.Arbitrary<Draft>[] {
  return [
    fc
      .oneof(fc.constantFrom(0, 0x1f7, 0x1f9, 0xffff), fc.integer({ min: 0, max: 0xffff }))
      .filter((v) => v !== 0x01f8)
      .map((v) => {
        const bytes = b.slice();
        dv(bytes).setUint16(at + TOKEN.rodTokenLength.offset, v);
        return {
          bytes,
          mutation: 'wrong-rod-token-length',
          detail: `ROD TOKEN LENGTH ${v.toString(16).padStart(4, '0')}h, should be 01F8h`,
          rule: 'spc.rod-token.length',
        };
      }),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...ZERO_TOKEN_RESERVED),
          fc.integer({ min: TOKEN.copyManagerRodTokenIdentifier.offset, max: ROD_TOKEN_SIZE - 1 }),
        ),
        nonZeroByte(),
      )
      .map(([off, v]) => ({
        bytes: withByte(b, at + off, v),
        mutation: 'reserved-byte',
        detail: `block device zero ROD token byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
        rule: 'sbc.rod-token.zero-reserved',
        at: { byte: TOKEN_AT + off, bit: msb(v) },
      })),
    fc
      .oneof(fc.integer({ min: 0xffff_fff0, max: 0xffff_ffff }), fc.constantFrom(0x0000_0001, 0x0001_0001, 0xffff_0000))
      .map((t) => {
        const bytes = b.slice();
        dv(bytes).setUint32(at + TOKEN.rodType.offset, t);
        return {
          bytes,
          mutation: 'unsupported-token-type',
          detail: `ROD TYPE ${t.toString(16).padStart(8, '0')}h in the token (not supported for WRITE USING TOKEN)`,
          rule: 'spc.rod-token.unsupported-type',
        };
      }),
  ];
}

// ---------------------------------------------------------------- public API

/**
 * Encodings a device server with `profile` (default: the reference copy manager's defaults, see
 * `DEFAULT_DEVICE_SERVER_PROFILE`) accepts with GOOD: CDBs it completes on a fresh I_T nexus
 * without data-out (`arbValidCommand` also gives the ones with data-out), POPULATE TOKEN and WRITE
 * USING TOKEN parameter lists inside its capacity and limits (the WRITE USING TOKEN ones carry
 * the block device zero ROD token), and the block device zero ROD token. These are the starting
 * points of the near-misses. For what a decoder must parse, see {@link arbWellFormedEncoding}.
 *
 * @remarks Since 0.1.0 (the `profile` parameter, and acceptance by a device server rather than
 * strict decoding alone, since 0.2.0)
 */
export function arbValidEncoding(
  kind: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  switch (kind) {
    case 'cdb':
      return arbValidCommand(profile)
        .filter((c) => c.dataOut.length === 0)
        .map((c) => c.cdb);
    case 'populate-token-params':
      return arbValidPopulateTokenParameterList(profile).map((v) => encodePopulateTokenParameterList(v));
    case 'write-using-token-params':
      return arbValidWriteUsingTokenParameterList(profile).map((v) => encodeWriteUsingTokenParameterList(v));
    case 'rod-token':
      return fc.constant(null).map(() => encodeRodToken(BLOCK_DEVICE_ZERO_ROD_TOKEN));
  }
}

/**
 * Well-formed encodings of a near-miss kind: what a strict decoder must accept, whatever a device
 * server makes of them (any CDB of the ODX commands, lists with any LBAs, counts, ROD types and
 * token bytes, ROD tokens of every class).
 *
 * @remarks Since 0.2.0
 */
export function arbWellFormedEncoding(kind: NearMissKind): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  switch (kind) {
    case 'cdb':
      return arbCdb()
        .map((c) => encodeCdbLoose(c))
        .filter((b): b is Uint8Array<ArrayBuffer> => b !== undefined && strictlyValid(kind, b));
    case 'populate-token-params':
      return arbPopulateTokenParameterList()
        .map((v) => encodePopulateTokenParameterList(v))
        .filter((b) => strictlyValid(kind, b));
    case 'write-using-token-params':
      return fc
        .tuple(arbWriteUsingTokenParameterList(), fc.oneof(arbStrictRodTokenBytes(), arbRawRodToken()))
        .map(([v, token]) => encodeWriteUsingTokenParameterList({ ...v, rodToken: token }))
        .filter((b) => strictlyValid(kind, b));
    case 'rod-token':
      return arbStrictRodTokenBytes();
  }
}

function encodeCdbLoose(c: Cdb): Uint8Array<ArrayBuffer> | undefined {
  try {
    return encodeCdb(c);
  } catch {
    return undefined;
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
      // Re-decode the token in place so error offsets count from the start of the list.
      decodeTokenAt(bytes.subarray(0, TOKEN_AT + ROD_TOKEN_SIZE), TOKEN_AT);
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
      throw new ScsiCodecError(e.code, e.structure, e.field, e.offset + at, e.detail, {
        bit: e.bit,
        cause: e,
        rule: e.rule,
      });
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
 * The sense data for a near-miss that strict decoding rejected with `err`: the sense module's
 * `senseDataFromCodecError` (24h/00h in a CDB, 26h/00h or 1Ah/00h in a parameter list).
 *
 * @remarks Since 0.1.0
 */
export function nearMissSenseFromCodecError(kind: NearMissKind, err: ScsiCodecError): SenseData {
  return senseDataFromCodecError(err, kind === 'cdb' ? 'cdb' : 'parameterList');
}

function detect(kind: NearMissKind, p: DeviceServerProfile, bytes: Uint8Array): NearMissDetection {
  let value: unknown;
  try {
    value = decodeNearMissKindStrict(kind, bytes);
  } catch {
    return 'decoder';
  }
  if (kind === 'populate-token-params' || kind === 'write-using-token-params') {
    const list = value as { blockDeviceRangeDescriptors: Parameters<typeof validateRangeDescriptors>[0] };
    const issues = validateRangeDescriptors(list.blockDeviceRangeDescriptors, {
      maximumRangeDescriptors: p.maxRangeDescriptors,
      maximumTokenTransferSize: p.maxTokenTransferSize,
      maximumBlocksPerDescriptor: p.maxBlocksPerRangeDescriptor,
      capacity: p.capacity,
    });
    if (issues.length > 0) return 'validator';
  }
  return 'target';
}

function finish(kind: NearMissKind, p: DeviceServerProfile, d: Draft): NearMiss {
  const e = expectationFor(d.rule, d.at);
  return {
    bytes: d.bytes,
    kind,
    dataOut: d.dataOut ?? NO_DATA,
    mutation: d.mutation,
    detail: d.detail,
    detectedBy: detect(kind, p, d.bytes),
    rule: d.rule,
    conforming: e.conforming,
    expected: senseOfRule(d.rule, d.at),
  };
}

/**
 * Near-misses of `kind` (or of every kind) for a device server with `profile`: a request it
 * accepts with exactly one defect (off-by-one lengths, truncation, reserved bits and bytes,
 * ranges beyond the capacity or overlapping, too many descriptors, unsupported ROD types, wrong
 * ROD TOKEN LENGTH, NACA, ...), the device-server rule it breaks, and the conforming responses.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbNearMiss } from 'scsi-odx/arbitraries';
 * import { copyManagerTarget, replayCorpusCase } from 'scsi-odx';
 * await fc.assert(fc.asyncProperty(arbNearMiss('write-using-token-params'), async (c) => {
 *   const r = await replayCorpusCase({ ...c, expected: { rule: c.rule, conforming: c.conforming } }, myTarget);
 *   return r.ok;
 * }));
 * ```
 * @remarks Since 0.1.0 (`rule`, `conforming`, `dataOut` and the profile since 0.2.0)
 */
export function arbNearMiss(
  kind?: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<NearMiss> {
  if (kind === undefined) return fc.oneof(...NEAR_MISS_KINDS.map((k) => arbNearMiss(k, profile)));
  const p = profile;
  const drafts = (): fc.Arbitrary<Draft> => {
    switch (kind) {
      case 'cdb':
        return arbValidCommand(p).chain((c) => fc.oneof(...cdbDrafts(p, c)));
      case 'populate-token-params':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...listDrafts(p, b, PT_LAYOUT)));
      case 'write-using-token-params':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...listDrafts(p, b, WUT_LAYOUT)));
      case 'rod-token':
        return arbValidEncoding(kind, p).chain((b) => fc.oneof(...tokenDrafts(b, 0)));
    }
  };
  return drafts().map((d) => finish(kind, p, d));
}

/**
 * A near-miss as a case for `replayCorpusCase` / `checkTarget` (from the main entry).
 *
 * @remarks Since 0.2.0
 */
export function nearMissReplayCase(c: NearMiss): ReplayCase {
  return {
    kind: c.kind,
    bytes: c.bytes,
    dataOut: c.dataOut,
    expected: { rule: c.rule, conforming: c.conforming },
    mutation: c.mutation,
    name: `${c.kind} ${c.mutation}: ${c.detail}`,
  };
}

/**
 * Every mutation of `kind` that `profile` allows, for coverage tests (a total over MAXIMUM TOKEN
 * TRANSFER SIZE needs more descriptors than MAXIMUM RANGE DESCRIPTORS when each one is limited
 * to far less). @internal
 */
export function nearMissMutations(
  kind: NearMissKind,
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): readonly string[] {
  const p = profile;
  const totalReachable =
    BigInt(Math.min(p.maxBlocksPerRangeDescriptor, 0xffff_ffff)) * BigInt(p.maxRangeDescriptors - 1) >
    p.maxTokenTransferSize;
  switch (kind) {
    case 'cdb':
      return [
        'data-out-short',
        'inquiry-page-code',
        'lba-out-of-range',
        'naca',
        'parameter-list-length-1-to-15',
        'protect',
        'reserved-bit',
        'transfer-length',
        'write-data-out-short',
      ];
    case 'rod-token':
      return ['reserved-byte', 'unsupported-token-type', 'wrong-rod-token-length'];
    default:
      return [
        'data-length-off-by-one',
        'lba-out-of-range',
        'no-range-descriptors',
        'overlapping-ranges',
        'partial-descriptor',
        'reserved-bit',
        'reserved-byte',
        'too-many-range-descriptors',
        ...(totalReachable ? ['total-too-large'] : []),
        'truncated',
        ...(kind === 'populate-token-params'
          ? ['inactivity-timeout-too-large', 'unsupported-rod-type']
          : ['unsupported-token-type', 'wrong-rod-token-length']),
      ];
  }
}
