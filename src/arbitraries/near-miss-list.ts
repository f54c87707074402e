/**
 * Near-misses of a POPULATE TOKEN or WRITE USING TOKEN parameter list the device server accepts:
 * lengths off by one, reserved bits and bytes, truncation, a partial or missing descriptor,
 * ranges beyond the capacity or overlapping, too many descriptors or blocks, and the defects
 * particular to each list (INACTIVITY TIMEOUT and ROD TYPE; the ROD token). Offsets come from
 * the layout tables of `src/parameter-list/layouts.ts`.
 *
 * @packageDocumentation
 * @internal
 */
import fc from 'fast-check';
import type { DeviceServerProfile } from '../conformance/profile.js';
import { ROD_TYPE } from '../constants/rod-type.js';
import {
  BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT,
  POPULATE_TOKEN_LAYOUT,
  WRITE_USING_TOKEN_LAYOUT,
} from '../parameter-list/layouts.js';
import { POPULATE_TOKEN_MINIMUM_DATA_LENGTH } from '../parameter-list/populate-token.js';
import { WRITE_USING_TOKEN_MINIMUM_DATA_LENGTH } from '../parameter-list/write-using-token.js';
import { type Draft, dv, msb, nonZeroByte, type ReservedPositions, reservedOf, withByte } from './near-miss-draft.js';
import { TOKEN_AT, tokenDrafts } from './near-miss-token.js';
import type { CasePointer } from './rule-expectations.js';

/** What the mutations need of a PT / WUT parameter list, read from its layout table. */
export interface ListLayout extends ReservedPositions {
  readonly kind: 'populate-token-params' | 'write-using-token-params';
  readonly cmd: 'populate-token' | 'write-using-token';
  readonly header: number;
  readonly minDataLength: number;
  readonly rangeLengthOffset: number;
  readonly maxDescriptors: number;
}

/** Most descriptors the 16-bit DATA LENGTH can describe after a header of `header` bytes. */
function maxDescriptorsAfter(header: number): number {
  return Math.floor((0xffff + 2 - header) / BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.length);
}

export const PT_LAYOUT: ListLayout = {
  kind: 'populate-token-params',
  cmd: 'populate-token',
  header: POPULATE_TOKEN_LAYOUT.length,
  minDataLength: POPULATE_TOKEN_MINIMUM_DATA_LENGTH,
  rangeLengthOffset: POPULATE_TOKEN_LAYOUT.field.blockDeviceRangeDescriptorLength.offset,
  ...reservedOf(POPULATE_TOKEN_LAYOUT),
  maxDescriptors: maxDescriptorsAfter(POPULATE_TOKEN_LAYOUT.length),
};
export const WUT_LAYOUT: ListLayout = {
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
const U64_MAX = (1n << 64n) - 1n;

interface Desc {
  lba: bigint;
  count: number;
}

/** A valid list and what the mutations read of it. */
interface ListBase {
  readonly p: DeviceServerProfile;
  readonly b: Uint8Array<ArrayBuffer>;
  readonly l: ListLayout;
  readonly ds: Desc[];
  readonly dataLength: number;
  readonly rangeLength: number;
  /** Logical blocks in all the descriptors. */
  readonly sum: bigint;
}

/** Offset of range descriptor `i` in the list. */
const descAt = (l: ListLayout, i: number): number => l.header + RDL * i;

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

function sumOf(ds: readonly Desc[]): bigint {
  return ds.reduce((s, d) => s + BigInt(d.count), 0n);
}

/** The rule for a list cut to `len` bytes by PARAMETER LIST LENGTH. */
function truncation(l: ListLayout, len: number): { rule: string; at?: CasePointer } {
  if (l.kind === 'populate-token-params' && len < l.header) return { rule: 'sbc.populate-token.parameter-list-length' };
  if (l.kind === 'write-using-token-params' && len < l.header)
    return { rule: 'sbc.write-using-token.header-truncated' };
  if (len < l.header + RDL) return { rule: 'sbc.range-descriptors.none', at: { byte: l.rangeLengthOffset } };
  return { rule: `sbc.${l.cmd}.truncated-descriptors` };
}

/** Lengths, reserved fields and truncation: the mutations every valid list allows. */
function headerDrafts({ b, l, ds, dataLength }: ListBase): fc.Arbitrary<Draft>[] {
  return [
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
    fc.tuple(fc.nat({ max: ds.length - 1 }), fc.constantFrom(...RD_RESERVED), nonZeroByte()).map(([i, at, v]) => ({
      bytes: withByte(b, descAt(l, i) + at, v),
      mutation: 'reserved-byte',
      detail: `range descriptor ${i} byte ${at} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
      rule: 'sbc.range-descriptor.reserved',
      at: { byte: descAt(l, i) + at, bit: msb(v) },
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
}

/** 1-15 bytes of an incomplete last descriptor, when DATA LENGTH has room for them. */
function partialDescriptorDrafts({ b, l, dataLength, rangeLength }: ListBase): fc.Arbitrary<Draft>[] {
  if (dataLength + 15 > 0xffff) return [];
  return [
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
  ];
}

/** LBA beyond the capacity (or LBA + count past 2^64): no other range is touched. */
function outOfRangeDrafts({ p, b, l, ds, sum }: ListBase): fc.Arbitrary<Draft>[] {
  const outOfRange: Draft[] = [];
  for (let i = 0; i < ds.length && outOfRange.length < 4; i++) {
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
        at: { byte: descAt(l, i) },
      });
    }
  }
  return outOfRange.length > 0 ? [fc.constantFrom(...outOfRange)] : [];
}

type Used = { d: Desc; i: number };

/** Two descriptors in use: the later-listed one moves inside the earlier one (and shrinks to fit). */
function overlapInside({ b, l, ds }: ListBase, used: readonly Used[]): Draft {
  const a = used[0] as Used;
  const c = used[1] as Used;
  const next = ds.map((d) => ({ ...d }));
  const [first, second] = a.i < c.i ? [a, c] : [c, a];
  next[second.i] = { lba: first.d.lba, count: Math.min(second.d.count, first.d.count) };
  return {
    bytes: withDescs(b, l, next),
    mutation: 'overlapping-ranges',
    detail: `range descriptor ${second.i} lies inside descriptor ${first.i}`,
    rule: 'sbc.range-descriptors.overlap',
    at: { byte: descAt(l, second.i) },
  };
}

/** One descriptor in use: a copy of it appended, when the limits leave room. */
function overlapRepeat({ p, b, l, ds, sum }: ListBase, a: Used): Draft | undefined {
  if (
    ds.length >= p.maxRangeDescriptors ||
    ds.length >= l.maxDescriptors ||
    sum + BigInt(a.d.count) > p.maxTokenTransferSize
  ) {
    return undefined;
  }
  const next = [...ds, { ...a.d }];
  return {
    bytes: withDescs(b, l, next),
    mutation: 'overlapping-ranges',
    detail: `range descriptor ${ds.length} repeats descriptor ${a.i}`,
    rule: 'sbc.range-descriptors.overlap',
    at: { byte: descAt(l, ds.length) },
  };
}

/** At most one descriptor in use: count-0 ones become one block at the same LBA as another. */
function overlapFromZeros({ p, b, l, ds, sum }: ListBase, a: Used | undefined): Draft | undefined {
  const zeros = ds.map((d, i) => ({ d, i })).filter((x) => x.d.count === 0);
  if (a !== undefined && zeros.length >= 1 && sum + 1n <= p.maxTokenTransferSize) {
    const z = zeros[0] as Used;
    const next = ds.map((d) => ({ ...d }));
    next[z.i] = { lba: a.d.lba, count: 1 };
    const later = Math.max(z.i, a.i);
    return {
      bytes: withDescs(b, l, next),
      mutation: 'overlapping-ranges',
      detail: `range descriptor ${z.i} (1 block) overlaps descriptor ${a.i}`,
      rule: 'sbc.range-descriptors.overlap',
      at: { byte: descAt(l, later) },
    };
  }
  if (
    a === undefined &&
    zeros.length >= 2 &&
    sum + 2n <= p.maxTokenTransferSize &&
    p.maxBlocksPerRangeDescriptor >= 1
  ) {
    const [x, y] = zeros as [Used, Used];
    const lba = x.d.lba < p.capacity ? x.d.lba : 0n;
    const next = ds.map((d) => ({ ...d }));
    next[x.i] = { lba, count: 1 };
    next[y.i] = { lba, count: 1 };
    return {
      bytes: withDescs(b, l, next),
      mutation: 'overlapping-ranges',
      detail: `range descriptors ${x.i} and ${y.i} name the same block`,
      rule: 'sbc.range-descriptors.overlap',
      at: { byte: descAt(l, y.i) },
    };
  }
  return undefined;
}

/** Two descriptors sharing LBAs, the later-listed one inside the earlier one: one overlapping pair. */
function overlapDrafts(c: ListBase): fc.Arbitrary<Draft>[] {
  const used = c.ds.map((d, i) => ({ d, i })).filter((x) => x.d.count > 0);
  let draft: Draft | undefined;
  if (used.length >= 2) draft = overlapInside(c, used);
  else if (used.length === 1) draft = overlapRepeat(c, used[0] as Used) ?? overlapFromZeros(c, used[0]);
  else draft = overlapFromZeros(c, undefined);
  return draft === undefined ? [] : [fc.constant(draft)];
}

/** One more descriptor than MAXIMUM RANGE DESCRIPTORS: count 0 ones (they cover nothing). */
function tooManyDrafts({ p, b, l, ds }: ListBase): fc.Arbitrary<Draft>[] {
  const more = p.maxRangeDescriptors + 1 - ds.length;
  if (more <= 0 || p.maxRangeDescriptors + 1 > l.maxDescriptors) return [];
  const next = [...ds, ...Array.from({ length: more }, () => ({ lba: 0n, count: 0 }))];
  return [
    fc.constant({
      bytes: withDescs(b, l, next),
      mutation: 'too-many-range-descriptors',
      detail: `${next.length} range descriptors, MAXIMUM RANGE DESCRIPTORS ${p.maxRangeDescriptors}`,
      rule: 'sbc.range-descriptors.too-many',
      at: { byte: l.rangeLengthOffset },
    }),
  ];
}

/** Total over MAXIMUM TOKEN TRANSFER SIZE: more descriptors after the last range, each within the per-descriptor limit. */
function totalTooLargeDrafts({ p, b, l, ds, sum }: ListBase): fc.Arbitrary<Draft>[] {
  const need = p.maxTokenTransferSize + 1n - sum;
  const per = BigInt(Math.min(p.maxBlocksPerRangeDescriptor, 0xffff_ffff));
  const extra = (need + per - 1n) / per;
  const end = ds.reduce((m, d) => (d.count > 0 && d.lba + BigInt(d.count) > m ? d.lba + BigInt(d.count) : m), 0n);
  if (
    need <= 0n ||
    BigInt(ds.length) + extra > BigInt(Math.min(p.maxRangeDescriptors, l.maxDescriptors)) ||
    end + need > p.capacity
  ) {
    return [];
  }
  const next = [...ds];
  let left = need;
  let lba = end;
  while (left > 0n) {
    const c = left < per ? left : per;
    next.push({ lba, count: Number(c) });
    lba += c;
    left -= c;
  }
  return [
    fc.constant({
      bytes: withDescs(b, l, next),
      mutation: 'total-too-large',
      detail: `${sum + need} logical blocks in all, MAXIMUM TOKEN TRANSFER SIZE ${p.maxTokenTransferSize}`,
      rule: 'sbc.range-descriptors.total-too-large',
      at: { byte: l.rangeLengthOffset },
    }),
  ];
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

/** POPULATE TOKEN only: INACTIVITY TIMEOUT over the maximum, a ROD TYPE the profile does not support. */
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

/** The near-misses of one valid list (in the order `fc.oneof` picks from: it fixes what a seed gives). */
export function listDrafts(p: DeviceServerProfile, b: Uint8Array<ArrayBuffer>, l: ListLayout): fc.Arbitrary<Draft>[] {
  const ds = descsOf(b, l);
  const c: ListBase = {
    p,
    b,
    l,
    ds,
    dataLength: dv(b).getUint16(0),
    rangeLength: dv(b).getUint16(l.rangeLengthOffset),
    sum: sumOf(ds),
  };
  return [
    ...headerDrafts(c),
    ...partialDescriptorDrafts(c),
    ...outOfRangeDrafts(c),
    ...overlapDrafts(c),
    ...tooManyDrafts(c),
    ...totalTooLargeDrafts(c),
    ...(l.kind === 'populate-token-params' ? ptDrafts(p, b) : tokenDrafts(b, TOKEN_AT)),
  ];
}
