/**
 * Exactly which writes cancel a change-vulnerable point-in-time ROD token (issue 17, fifth
 * session): a write of 0 blocks inside its range does not, and a WRITE USING TOKEN cancels only
 * the tokens over the blocks it wrote, range by range (not the blocks after a later destination
 * range). SBC-4 4.26 (change-vulnerable tokens). Through `execute()` only.
 */
import { describe, test } from 'vitest';
import { ROD_TYPE } from '../../src/constants/rod-type.js';
import { A1, expectGood, expectSense, Host, makeCm, pattern } from './helpers.js';

const CV = ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE;
const CANCELLED = { key: 0x05, asc: 0x23, ascq: 0x08, pointer: { cd: false, field: 16 } };

describe('change-vulnerable tokens and the writes that cancel them', () => {
  test('a WRITE (16) of 0 blocks inside the token range leaves the token live', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 10 }], { rtv: true, rodType: CV });
    expectGood(h.write(0, 5, new Uint8Array(0), 512));
    expectGood(h.wut(0, 2, t, [{ lba: 100, count: 10 }]));
  });

  test('a non-zero write inside the range cancels it (the control case)', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 10 }], { rtv: true, rodType: CV });
    expectGood(h.write(0, 9, pattern(1, 512, 3), 512));
    expectSense(h.wut(0, 2, t, [{ lba: 100, count: 10 }]), CANCELLED);
  });

  test('a WRITE USING TOKEN into two destination ranges cancels only tokens over the blocks written', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const beyond = h.token(0, 1, [{ lba: 101, count: 2 }], { rtv: true, rodType: CV });
    const inside = h.token(0, 2, [{ lba: 100, count: 1 }], { rtv: true, rodType: CV });
    const src = h.token(0, 3, [{ lba: 0, count: 2 }]);
    expectGood(
      h.wut(0, 4, src, [
        { lba: 50, count: 1 },
        { lba: 100, count: 1 },
      ]),
    );
    expectSense(h.wut(0, 5, inside, [{ lba: 200, count: 1 }]), CANCELLED);
    expectGood(h.wut(0, 6, beyond, [{ lba: 300, count: 2 }]));
  });
});
