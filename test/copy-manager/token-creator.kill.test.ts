/**
 * A presented ROD token of a type this copy manager makes whose CREATOR LOGICAL UNIT DESCRIPTOR
 * (token bytes 16-47) is all zero (issue 17, fifth session): strict decoding reads it as absent,
 * and the copy manager answers TOKEN CORRUPT (23h/05h) with the field pointer at the token's first
 * byte in the WRITE USING TOKEN parameter list (16). Through `execute()` only.
 */
import { describe, test } from 'vitest';
import { A1, expectSense, Host, makeCm } from './helpers.js';

describe('WRITE USING TOKEN with a token without a creator logical unit descriptor', () => {
  test('23h/05h TOKEN CORRUPT at byte 16 of the parameter list', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(0, 1, [{ lba: 0, count: 1 }]).slice();
    t.fill(0, 16, 48);
    expectSense(h.wut(0, 2, t, [{ lba: 10, count: 1 }]), {
      key: 0x05,
      asc: 0x23,
      ascq: 0x05,
      pointer: { cd: false, field: 16 },
    });
  });
});
