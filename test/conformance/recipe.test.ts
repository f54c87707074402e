/**
 * Issue 14 must-show: the README device-server recipe (strict decoding + senseDataFromCodecError,
 * then validateRangeDescriptors + senseForRangeDescriptorIssue) and the reference copy manager
 * give byte-identical sense data for every near-miss mutation the recipe can see (the ones strict
 * decoding or the range validator finds), on a default and a small profile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbNearMiss,
  decodeNearMissKindStrict,
  NEAR_MISS_KINDS,
  type NearMiss,
} from '../../src/arbitraries/near-miss.js';
import {
  copyManagerOptionsForProfile,
  DEFAULT_DEVICE_SERVER_PROFILE,
  type DeviceServerProfile,
} from '../../src/conformance/profile.js';
import { replayRequest } from '../../src/conformance/replay.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { isScsiCodecError } from '../../src/errors.js';
import { type BlockDeviceRangeDescriptor, validateRangeDescriptors } from '../../src/parameter-list/index.js';
import { senseForRangeDescriptorIssue } from '../../src/rules/index.js';
import { encodeSenseData, senseDataFromCodecError } from '../../src/sense/index.js';

const SMALL: DeviceServerProfile = {
  ...DEFAULT_DEVICE_SERVER_PROFILE,
  blockSize: 4096,
  capacity: 1000n,
  maxRangeDescriptors: 3,
  maxTokenTransferSize: 300n,
  maxBlocksPerRangeDescriptor: 300,
  maxInactivityTimeout: 10,
};

/** The recipe: the sense a device server built on the strict decoders returns, or undefined if they accept. */
function recipe(c: NearMiss, p: DeviceServerProfile): Uint8Array | undefined {
  // A ROD token case travels in a WRITE USING TOKEN list: check that list, as a device server would.
  const kind = c.kind === 'rod-token' ? 'write-using-token-params' : c.kind;
  const bytes = c.kind === 'rod-token' ? replayRequest('rod-token', c.bytes).dataOut : c.bytes;
  let value: unknown;
  try {
    value = decodeNearMissKindStrict(kind, bytes);
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return encodeSenseData(senseDataFromCodecError(e, kind === 'cdb' ? 'cdb' : 'parameterList'));
  }
  if (kind === 'cdb') return undefined;
  const list = value as { blockDeviceRangeDescriptors: BlockDeviceRangeDescriptor[] };
  const [first] = validateRangeDescriptors(list.blockDeviceRangeDescriptors, {
    maximumRangeDescriptors: p.maxRangeDescriptors,
    maximumTokenTransferSize: p.maxTokenTransferSize,
    maximumBlocksPerDescriptor: p.maxBlocksPerRangeDescriptor,
    capacity: p.capacity,
  });
  if (first === undefined) return undefined;
  return encodeSenseData(
    senseForRangeDescriptorIssue(first, kind === 'populate-token-params' ? 'populateToken' : 'writeUsingToken'),
  );
}

function copyManagerSense(c: NearMiss, p: DeviceServerProfile): Uint8Array | undefined {
  const cm = new CopyManager({ clock: new ManualClock(), ...copyManagerOptionsForProfile(p) });
  const req = replayRequest(c.kind, c.bytes, c.dataOut);
  const r = cm.execute({
    nexus: { initiatorPortId: 'recipe', targetPortId: 1 },
    lun: 0,
    cdb: req.cdb,
    dataOut: req.dataOut,
  });
  return r.status === 0 ? undefined : r.senseData;
}

describe('README recipe vs the copy manager: byte-identical sense', () => {
  for (const [name, p] of [
    ['default', DEFAULT_DEVICE_SERVER_PROFILE],
    ['small', SMALL],
  ] as const) {
    for (const kind of NEAR_MISS_KINDS) {
      it(`${name} profile, ${kind}: every mutation the recipe detects`, () => {
        const seen = new Map<string, number>();
        for (const c of fc.sample(arbNearMiss(kind, p), { seed: 14, numRuns: 2000 })) {
          const mine = recipe(c, p);
          if (mine === undefined) continue;
          const key = `${c.mutation} ${c.rule}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          const theirs = copyManagerSense(c, p);
          expect(theirs && Buffer.from(theirs).toString('hex'), `${key}: ${c.detail}`).toBe(
            Buffer.from(mine).toString('hex'),
          );
        }
        // The recipe sees decoder- and validator-found defects of this kind.
        expect(seen.size, [...seen.keys()].join(', ')).toBeGreaterThan(kind === 'cdb' ? 0 : 2);
        console.log(`${name} ${kind}: ${[...seen].map(([k, n]) => `${k} ${n}`).join('; ')}`);
      });
    }
  }
});
