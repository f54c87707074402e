/**
 * A Uint8Array of another prototype (a subclass, or one from another realm) whose ArrayBuffer is
 * detached: every byte input refuses it with ScsiCodecError and says why, instead of calling it
 * "a Uint8Array, not a Uint8Array".
 */
import { describe, expect, test } from 'vitest';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { isScsiCodecError } from '../../src/errors.js';
import { decodeRodToken } from '../../src/rod-token/index.js';

class Sub extends Uint8Array {}

function detachedSub(): Sub {
  const ab = new ArrayBuffer(512);
  const v = new Sub(ab);
  structuredClone(ab, { transfer: [ab] });
  return v;
}

describe('a detached Uint8Array of another prototype', () => {
  test('a decoder throws ScsiCodecError naming the detached buffer', () => {
    let e: unknown;
    try {
      decodeRodToken(detachedSub());
    } catch (x) {
      e = x;
    }
    expect(isScsiCodecError(e)).toBe(true);
    expect((e as Error).message).toContain('input is a Uint8Array over a detached ArrayBuffer');
    expect((e as Error).message).not.toContain('not a Uint8Array');
  });

  test('execute() refuses it as the CDB with the same words', () => {
    const cm = new CopyManager({ clock: new ManualClock(0), logicalUnits: [{ blockSize: 512, capacity: 8n }] });
    expect(() => cm.execute({ nexus: { initiatorPortId: 'i', targetPortId: 1 }, lun: 0, cdb: detachedSub() })).toThrow(
      /a Uint8Array over a detached ArrayBuffer/,
    );
  });
});
