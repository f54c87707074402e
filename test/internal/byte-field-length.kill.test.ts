/**
 * `byteFieldLength` refuses a value that is not a Uint8Array with ERR_FIELD_RANGE (issue 17, fifth
 * session: the code was not asserted anywhere).
 */
import { describe, expect, it } from 'vitest';
import { ScsiCodecError } from '../../src/errors.js';
import { byteFieldLength } from '../../src/internal/byte-writer.js';

describe('byteFieldLength', () => {
  it.each([[[1]], [null], ['ab'], [new Uint16Array(2)]])('%s: ERR_FIELD_RANGE at the field', (value) => {
    let e: unknown;
    try {
      byteFieldLength('S', 'f', 2, value);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ScsiCodecError);
    expect((e as ScsiCodecError).code).toBe('ERR_FIELD_RANGE');
    expect([(e as ScsiCodecError).structure, (e as ScsiCodecError).field, (e as ScsiCodecError).offset]).toEqual([
      'S',
      'f',
      2,
    ]);
  });
});
