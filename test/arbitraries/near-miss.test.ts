/**
 * Near-miss and device-server-valid arbitraries against the reference copy manager: valid means
 * GOOD, each near-miss gets one of the responses its rule lists, and every mutation is reached.
 */
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbValidCommand, arbValidPopulateTokenParameterList } from '../../src/arbitraries/device-server.js';
import * as barrel from '../../src/arbitraries/index.js';
import {
  arbNearMiss,
  arbValidEncoding,
  arbWellFormedEncoding,
  decodeNearMissKindStrict,
  NEAR_MISS_KINDS,
  type NearMiss,
  nearMissMutations,
} from '../../src/arbitraries/near-miss.js';
import {
  copyManagerOptionsForProfile,
  DEFAULT_DEVICE_SERVER_PROFILE,
  type DeviceServerProfile,
} from '../../src/conformance/profile.js';
import { copyManagerTarget, type ReplayResult, replayCorpusCase } from '../../src/conformance/replay.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { encodeSenseData } from '../../src/sense/index.js';

const PROFILES: Record<string, DeviceServerProfile | undefined> = {
  default: undefined,
  small: {
    blockSize: 4096,
    capacity: 1000n,
    maxRangeDescriptors: 3,
    maxTokenTransferSize: 300n,
    maxBlocksPerRangeDescriptor: 300,
    maxTransferLength: 16,
    maxInactivityTimeout: 10,
    populateTokenRodTypes: [0x0080_0000],
  },
};

/** A fresh reference copy manager for `profile` (cases are independent). */
function target(profile: DeviceServerProfile = DEFAULT_DEVICE_SERVER_PROFILE) {
  return copyManagerTarget(new CopyManager({ clock: new ManualClock(), ...copyManagerOptionsForProfile(profile) }));
}

async function replay(c: NearMiss, profile?: DeviceServerProfile): Promise<ReplayResult> {
  return replayCorpusCase(
    { kind: c.kind, bytes: c.bytes, dataOut: c.dataOut, expected: { rule: c.rule, conforming: c.conforming } },
    target(profile),
  );
}

describe('device-server-valid arbitraries', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    for (const kind of NEAR_MISS_KINDS) {
      test.prop([arbValidEncoding(kind, profile)])(
        `${name} profile, ${kind}: GOOD from the copy manager`,
        async (b) => {
          const r = await replayCorpusCase(
            { kind, bytes: b, expected: { conforming: [{ status: 0 }] } },
            target(profile),
          );
          expect(r.ok, r.got).toBe(true);
        },
      );
    }
    test.prop([arbValidCommand(profile)])(`${name} profile, commands with data-out: GOOD`, async (c) => {
      const r = await replayCorpusCase(
        { kind: 'cdb', bytes: c.cdb, dataOut: c.dataOut, expected: { conforming: [{ status: 0 }] } },
        target(profile),
      );
      expect(r.ok, r.got).toBe(true);
    });
  }
  for (const kind of NEAR_MISS_KINDS) {
    test.prop([arbWellFormedEncoding(kind)])(`${kind}: well-formed encodings decode strictly`, (b) => {
      expect(() => decodeNearMissKindStrict(kind, b)).not.toThrow();
    });
  }
});

describe('device-server-valid arbitraries reach the edges', () => {
  it('most descriptors, the last LBA, counts 0 and maximum, timeouts 0 and maximum, PLL 0', () => {
    const p = DEFAULT_DEVICE_SERVER_PROFILE;
    const lists = fc.sample(arbValidPopulateTokenParameterList(p), { seed: 5, numRuns: 2000 });
    const ranges = lists.flatMap((l) => l.blockDeviceRangeDescriptors);
    expect(lists.some((l) => l.blockDeviceRangeDescriptors.length === p.maxRangeDescriptors)).toBe(true);
    expect(lists.some((l) => l.blockDeviceRangeDescriptors.length === 1)).toBe(true);
    expect(
      ranges.some(
        (r) => r.numberOfLogicalBlocks > 0 && r.logicalBlockAddress + BigInt(r.numberOfLogicalBlocks) === p.capacity,
      ),
    ).toBe(true);
    expect(ranges.some((r) => r.logicalBlockAddress === 0n && r.numberOfLogicalBlocks > 0)).toBe(true);
    expect(ranges.some((r) => r.numberOfLogicalBlocks === 0)).toBe(true);
    expect(ranges.some((r) => r.numberOfLogicalBlocks === p.maxBlocksPerRangeDescriptor)).toBe(true);
    expect(lists.some((l) => l.inactivityTimeout === 0)).toBe(true);
    expect(lists.some((l) => l.inactivityTimeout === p.maxInactivityTimeout)).toBe(true);
    expect(lists.some((l) => l.rtv) && lists.some((l) => !l.rtv)).toBe(true);
    const cmds = fc.sample(arbValidCommand(p), { seed: 5, numRuns: 2000 });
    const pll0 = cmds.filter(
      (c) =>
        c.cdb[0] === 0x83 &&
        c.cdb.length === 16 &&
        c.cdb[13] === 0 &&
        c.cdb[12] === 0 &&
        c.cdb[11] === 0 &&
        c.cdb[10] === 0,
    );
    expect(pll0.length).toBeGreaterThan(0);
    // Reserved bits are set only in the near-misses: strict decoding accepts every valid case.
    for (const kind of NEAR_MISS_KINDS) {
      for (const b of fc.sample(arbValidEncoding(kind, p), { seed: 6, numRuns: 300 })) {
        expect(() => decodeNearMissKindStrict(kind, b), kind).not.toThrow();
      }
    }
  });
});

describe('near-miss arbitraries', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    for (const kind of NEAR_MISS_KINDS) {
      test.prop([arbNearMiss(kind, profile)])(
        `${name} profile, ${kind}: the copy manager gives the rule's response`,
        async (c) => {
          expect(c.kind).toBe(kind);
          const r = await replay(c, profile);
          expect(r.ok, `${c.mutation} ${c.rule} (${c.detail}): got ${r.got}, want ${r.want.join(' | ')}`).toBe(true);
        },
      );
    }
  }
  it('reaches every mutation of every kind (default profile)', () => {
    for (const kind of NEAR_MISS_KINDS) {
      const seen = new Set(fc.sample(arbNearMiss(kind), { seed: 1, numRuns: 3000 }).map((c) => c.mutation));
      expect([...seen].sort(), kind).toEqual([...nearMissMutations(kind)].sort());
    }
  });
  it('expected is the sense of the first conforming response; undefined when that is GOOD', () => {
    for (const c of fc.sample(arbNearMiss(), { seed: 2, numRuns: 500 })) {
      const first = c.conforming[0];
      expect(first, c.rule).toBeDefined();
      if (first?.status === 0) expect(c.expected).toBeUndefined();
      else expect(c.expected, c.rule).toBeDefined();
    }
  });
  it('known answer: WRITE USING TOKEN with ROD TOKEN LENGTH 01F7h -> 23h/0Ah, field pointer byte 22', () => {
    const c = fc
      .sample(arbNearMiss('write-using-token-params'), { seed: 3, numRuns: 2000 })
      .find((x) => x.mutation === 'wrong-rod-token-length') as NearMiss;
    expect(c.rule).toBe('spc.rod-token.length');
    const sense = encodeSenseData(c.expected as NonNullable<NearMiss['expected']>);
    // fixed format: ILLEGAL REQUEST, ASC 23h ASCQ 0Ah, SKSV=1 C/D=0 FIELD POINTER 0016h
    expect(Array.from(sense.subarray(0, 3))).toEqual([0x70, 0x00, 0x05]);
    expect(Array.from(sense.subarray(12, 18))).toEqual([0x23, 0x0a, 0x00, 0x80, 0x00, 0x16]);
  });
  it('known answer: a ROD token case points into the WRITE USING TOKEN list it is sent in (+16)', () => {
    const c = fc
      .sample(arbNearMiss('rod-token'), { seed: 4, numRuns: 500 })
      .find((x) => x.mutation === 'wrong-rod-token-length') as NearMiss;
    expect(c.conforming[0]).toEqual({
      status: 2,
      senseKey: 5,
      asc: 0x23,
      ascq: 0x0a,
      fieldPointer: { commandData: false, byte: 22 },
    });
  });
});

describe('scsi-odx/arbitraries barrel', () => {
  it('re-exports every arbitrary of every area file by name', () => {
    const names = new Set(Object.keys(barrel));
    for (const f of [
      'sense',
      'cdb',
      'parameter-list',
      'status',
      'designation',
      'rod-token',
      'vpd',
      'near-miss',
      'device-server',
    ]) {
      const text = readFileSync(`src/arbitraries/${f}.ts`, 'utf8');
      for (const m of text.matchAll(/^export function (arb\w+)/gm)) {
        const name = m[1] as string;
        if (name === 'arbUint' || name === 'arbU64') continue; // generic helpers of cdb.ts, not public
        expect(names.has(name), `${name} from ${f}.ts`).toBe(true);
      }
    }
    const index = readFileSync('src/arbitraries/index.ts', 'utf8');
    expect(index).not.toMatch(/export \*/);
  });
});
