/**
 * Arbitraries of requests a device server with a given {@link DeviceServerProfile} accepts (GOOD):
 * POPULATE TOKEN and WRITE USING TOKEN parameter lists inside its capacity and limits, and CDBs it
 * completes without state from earlier commands. The well-formed arbitraries of
 * `parameter-list.ts` / `cdb.ts` are what a decoder must parse; these are what a copy manager must
 * accept. Both reach the edges: empty lists where allowed, the last LBA, the maximum counts.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { encodeCdb } from '../cdb/index.js';
import { DEFAULT_DEVICE_SERVER_PROFILE, type DeviceServerProfile } from '../conformance/profile.js';
import type { BlockDeviceRangeDescriptor } from '../parameter-list/block-device-range-descriptor.js';
import { encodePopulateTokenParameterList, encodeWriteUsingTokenParameterList } from '../parameter-list/index.js';
import type { PopulateTokenParameterList } from '../parameter-list/populate-token.js';
import type { WriteUsingTokenParameterList } from '../parameter-list/write-using-token.js';
import { BLOCK_DEVICE_ZERO_ROD_TOKEN, encodeRodToken } from '../rod-token/index.js';
import { arbU64, arbUint } from './cdb.js';

const opts = { noNullPrototype: true } as const;

/** Largest list the DATA LENGTH field can describe: PT 4095, WUT 4062 descriptors. */
const PT_MAX_DESCRIPTORS = 4095;
const WUT_MAX_DESCRIPTORS = 4062;

/** A count of 0..max, biased to 0, 1 and max. */
function arbCount(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, Math.min(1, max), max), fc.integer({ min: 0, max }));
}

/**
 * Block device range descriptors `profile` accepts: 1..MAXIMUM RANGE DESCRIPTORS of them, none
 * overlapping, each inside the capacity and the per-descriptor limit, their sum inside MAXIMUM
 * TOKEN TRANSFER SIZE. In any order; touching and at the last LBA sometimes.
 *
 * @remarks Since 0.2.0
 */
export function arbValidRangeDescriptors(
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
  maxDescriptors: number = PT_MAX_DESCRIPTORS,
): fc.Arbitrary<BlockDeviceRangeDescriptor[]> {
  const most = Math.max(1, Math.min(profile.maxRangeDescriptors, maxDescriptors));
  const perMax = Math.min(profile.maxBlocksPerRangeDescriptor, 0xffff_ffff);
  const n = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: Math.min(most, 8) }) }, fc.constant(most));
  // Per descriptor: a count, the gap before it (wide gaps sometimes), a sort key for the order.
  const one = fc.tuple(
    arbCount(perMax),
    fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 1 << 20 }) }, fc.constant(-1)),
    fc.nat(),
  );
  const anchor = fc.oneof(
    fc.constant('start' as const),
    fc.constant('end' as const),
    fc.bigInt({ min: 0n, max: 1n << 64n }),
  );
  return fc
    .tuple(
      n.chain((count) => fc.array(one, { minLength: count, maxLength: count })),
      anchor,
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    )
    .map(([ds, at, wide]) =>
      layOut(
        profile,
        ds.map((d) => d[0]),
        ds.map((d) => (d[1] < 0 ? wide : BigInt(d[1]))),
        at,
        ds.map((d) => d[2]),
      ),
    );
}

/** Place the ranges left to right with the gaps (shrunk to fit the capacity), then permute. */
function layOut(
  p: DeviceServerProfile,
  counts: number[],
  gaps: bigint[],
  anchor: 'start' | 'end' | bigint,
  order: number[],
): BlockDeviceRangeDescriptor[] {
  // Sum within MAXIMUM TOKEN TRANSFER SIZE and the capacity: trim the counts from the end.
  let budget = p.maxTokenTransferSize < p.capacity ? p.maxTokenTransferSize : p.capacity;
  const c = counts.map((n) => {
    const v = BigInt(n) <= budget ? n : Number(budget);
    budget -= BigInt(v);
    return v;
  });
  const used = c.reduce((s, v) => s + BigInt(v), 0n);
  // Gaps: the first sits before the first range; scale them into what the capacity leaves.
  let room = p.capacity - used;
  const g = gaps.map((v) => {
    const x = v <= room ? v : room === 0n ? 0n : v % (room + 1n);
    room -= x;
    return x;
  });
  const span = used + g.reduce((s, v) => s + v, 0n);
  const free = p.capacity - span;
  const start = anchor === 'start' ? 0n : anchor === 'end' ? free : anchor % (free + 1n);
  const out: BlockDeviceRangeDescriptor[] = [];
  let lba = start;
  for (let i = 0; i < c.length; i++) {
    lba += g[i] as bigint;
    out.push({ logicalBlockAddress: lba, numberOfLogicalBlocks: c[i] as number });
    lba += BigInt(c[i] as number);
  }
  // A permutation from the random keys (stable for equal keys).
  return out
    .map((d, i) => ({ d, k: order[i] as number, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.d);
}

/**
 * A POPULATE TOKEN parameter list `profile` accepts: RTV = 0 with any ROD TYPE (ignored), or RTV = 1
 * with one it supports; INACTIVITY TIMEOUT 0..MAXIMUM INACTIVITY TIMEOUT; valid ranges.
 *
 * @remarks Since 0.2.0
 */
export function arbValidPopulateTokenParameterList(
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<PopulateTokenParameterList> {
  const types = profile.populateTokenRodTypes;
  const rodType =
    types.length === 0
      ? fc.record({ rtv: fc.constant(false), rodType: arbUint(32) }, opts)
      : fc.oneof(
          fc.record({ rtv: fc.constant(false), rodType: arbUint(32) }, opts),
          fc.record({ rtv: fc.constant(true), rodType: fc.constantFrom(...types) }, opts),
        );
  return fc
    .tuple(
      rodType,
      fc.boolean(),
      arbCount(profile.maxInactivityTimeout),
      arbValidRangeDescriptors(profile, PT_MAX_DESCRIPTORS),
    )
    .map(([t, immed, inactivityTimeout, blockDeviceRangeDescriptors]) => ({
      rtv: t.rtv,
      immed,
      inactivityTimeout,
      rodType: t.rodType,
      blockDeviceRangeDescriptors,
    }));
}

/**
 * A WRITE USING TOKEN parameter list `profile` accepts from any initiator: the block device zero
 * ROD token (the one token valid without an earlier POPULATE TOKEN), any OFFSET INTO ROD, DEL_TKN
 * and IMMED either way, valid ranges.
 *
 * @remarks Since 0.2.0
 */
export function arbValidWriteUsingTokenParameterList(
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<WriteUsingTokenParameterList> {
  const zero = encodeRodToken(BLOCK_DEVICE_ZERO_ROD_TOKEN);
  return fc
    .tuple(fc.boolean(), fc.boolean(), arbU64(), arbValidRangeDescriptors(profile, WUT_MAX_DESCRIPTORS))
    .map(([delTkn, immed, offsetIntoRod, blockDeviceRangeDescriptors]) => ({
      delTkn,
      immed,
      offsetIntoRod,
      rodToken: zero.slice(),
      blockDeviceRangeDescriptors,
    }));
}

/**
 * A CDB and the data-out it is sent with (empty when the command has none): what
 * {@link arbValidCommand} generates and what the near-miss mutations start from.
 *
 * @remarks Since 0.2.0
 */
export interface ValidCommand {
  readonly cdb: Uint8Array<ArrayBuffer>;
  readonly dataOut: Uint8Array<ArrayBuffer>;
}

/**
 * A command a device server with `profile` completes with GOOD on a fresh I_T nexus, and the
 * data-out it is sent with: TEST UNIT READY, standard INQUIRY, READ CAPACITY (10)/(16), READ and
 * WRITE (10)/(16) inside the capacity (at most 8 blocks, so the data stays small), SYNCHRONIZE
 * CACHE (16), POPULATE TOKEN and WRITE USING TOKEN with PARAMETER LIST LENGTH 0 (no data, not an
 * error) or with a valid list. CONTROL carries the vendor specific bits sometimes, never NACA.
 *
 * @remarks Since 0.2.0
 */
export function arbValidCommand(
  profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE,
): fc.Arbitrary<ValidCommand> {
  const c: CommandContext = {
    profile,
    none: new Uint8Array(0),
    control: fc.constantFrom(0, 0x40, 0x80, 0xc0),
    lastLba: profile.capacity - 1n,
    io: Math.min(8, profile.maxTransferLength),
  };
  // The order fixes what a seed gives: keep it.
  return fc.oneof(...stateless(c), ...blockIo(c), ...tokenCommands(c));
}

/** What the command arbitraries of {@link arbValidCommand} share. */
interface CommandContext {
  readonly profile: DeviceServerProfile;
  /** The empty data-out. */
  readonly none: Uint8Array<ArrayBuffer>;
  /** CONTROL: the vendor specific bits sometimes, never NACA. */
  readonly control: fc.Arbitrary<number>;
  readonly lastLba: bigint;
  /** Most blocks a READ or WRITE moves (8 at most, so the data stays small). */
  readonly io: number;
}

/** An LBA up to `maxLba` and a block count up to `maxCount` inside the capacity, at its end sometimes. */
function arbExtent(profile: DeviceServerProfile, maxLba: bigint, maxCount: number) {
  return fc
    .tuple(fc.integer({ min: 0, max: maxCount }), fc.oneof(fc.constant(0n), fc.constant(-1n), arbU64()))
    .map(([count, at]) => {
      const n = BigInt(count) > profile.capacity ? Number(profile.capacity) : count;
      const top = profile.capacity - BigInt(n) < maxLba ? profile.capacity - BigInt(n) : maxLba;
      const lba = at === -1n ? top : at % (top + 1n);
      return { lba, count: n };
    });
}

/** TEST UNIT READY, standard INQUIRY, READ CAPACITY (16) and (10). */
function stateless({ none, control }: CommandContext): fc.Arbitrary<ValidCommand>[] {
  return [
    control.map((c) => ({ cdb: encodeCdb({ kind: 'TEST UNIT READY', control: c }), dataOut: none })),
    fc.tuple(arbUint(16), control).map(([allocationLength, c]) => ({
      cdb: encodeCdb({ kind: 'INQUIRY', evpd: false, pageCode: 0, allocationLength, control: c }),
      dataOut: none,
    })),
    fc.tuple(arbUint(32), control).map(([allocationLength, c]) => ({
      cdb: encodeCdb({
        kind: 'READ CAPACITY (16)',
        logicalBlockAddress: 0n,
        allocationLength,
        pmi: false,
        control: c,
      }),
      dataOut: none,
    })),
    control.map((c) => ({
      cdb: encodeCdb({ kind: 'READ CAPACITY (10)', logicalBlockAddress: 0, pmi: false, control: c }),
      dataOut: none,
    })),
  ];
}

/** READ (16), WRITE (10), WRITE (16) and SYNCHRONIZE CACHE (16) inside the capacity. */
function blockIo({ profile, none, control, lastLba, io }: CommandContext): fc.Arbitrary<ValidCommand>[] {
  const bs = profile.blockSize;
  const u32Lba = lastLba < 0xffff_ffffn ? lastLba : 0xffff_ffffn;
  return [
    fc.tuple(arbExtent(profile, lastLba, io), fc.boolean(), fc.boolean(), control).map(([e, dpo, fua, c]) => ({
      cdb: encodeCdb({
        kind: 'READ (16)',
        rdprotect: 0,
        dpo,
        fua,
        rarc: false,
        logicalBlockAddress: e.lba,
        transferLength: e.count,
        groupNumber: 0,
        control: c,
      }),
      dataOut: none,
    })),
    fc.tuple(arbExtent(profile, u32Lba, io), fc.boolean(), fc.boolean(), control).map(([e, dpo, fua, c]) => ({
      cdb: encodeCdb({
        kind: 'WRITE (10)',
        wrprotect: 0,
        dpo,
        fua,
        logicalBlockAddress: Number(e.lba),
        transferLength: e.count,
        groupNumber: 0,
        control: c,
      }),
      dataOut: new Uint8Array(e.count * bs),
    })),
    fc.tuple(arbExtent(profile, lastLba, io), fc.boolean(), fc.boolean(), control).map(([e, dpo, fua, c]) => ({
      cdb: encodeCdb({
        kind: 'WRITE (16)',
        wrprotect: 0,
        dpo,
        fua,
        logicalBlockAddress: e.lba,
        transferLength: e.count,
        groupNumber: 0,
        control: c,
      }),
      dataOut: new Uint8Array(e.count * bs),
    })),
    fc.tuple(arbExtent(profile, lastLba, 0xffff_ffff), fc.boolean(), control).map(([e, immed, c]) => ({
      cdb: encodeCdb({
        kind: 'SYNCHRONIZE CACHE (16)',
        immed,
        logicalBlockAddress: e.lba,
        numberOfLogicalBlocks: e.count,
        groupNumber: 0,
        control: c,
      }),
      dataOut: none,
    })),
  ];
}

/** POPULATE TOKEN and WRITE USING TOKEN, with PARAMETER LIST LENGTH 0 (no data) or a valid list. */
function tokenCommands({ profile, none, control }: CommandContext): fc.Arbitrary<ValidCommand>[] {
  const cdb = (kind: 'POPULATE TOKEN' | 'WRITE USING TOKEN', listIdentifier: number, length: number, c: number) =>
    encodeCdb({ kind, listIdentifier, parameterListLength: length, groupNumber: 0, control: c });
  return [
    fc.tuple(arbUint(32), control).map(([id, c]) => ({ cdb: cdb('POPULATE TOKEN', id, 0, c), dataOut: none })),
    fc.tuple(arbUint(32), control, arbValidPopulateTokenParameterList(profile)).map(([id, c, list]) => {
      const dataOut = encodePopulateTokenParameterList(list);
      return { cdb: cdb('POPULATE TOKEN', id, dataOut.length, c), dataOut };
    }),
    fc.tuple(arbUint(32), control, arbValidWriteUsingTokenParameterList(profile)).map(([id, c, list]) => {
      const dataOut = encodeWriteUsingTokenParameterList(list);
      return { cdb: cdb('WRITE USING TOKEN', id, dataOut.length, c), dataOut };
    }),
    fc.tuple(arbUint(32), control).map(([id, c]) => ({ cdb: cdb('WRITE USING TOKEN', id, 0, c), dataOut: none })),
  ];
}
