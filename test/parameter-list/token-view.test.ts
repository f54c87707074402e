/**
 * The copy manager's WRITE USING TOKEN decode (`readWriteUsingTokenList` with `viewToken`) returns
 * the ROD token as a view of the list; the public decoder returns a copy. Both decode the same
 * value, issues and errors included.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { arbWriteUsingTokenParameterList } from '../../src/arbitraries/parameter-list.js';
import {
  decodeWriteUsingTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/parameter-list/index.js';
import { readWriteUsingTokenList } from '../../src/parameter-list/write-using-token.js';

/** The outcome of a decode: its value, or the error's code, field and offset. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    const x = e as { code?: string; field?: string; offset?: number };
    return { error: [x.code, x.field, x.offset] };
  }
}

describe('readWriteUsingTokenList(viewToken)', () => {
  test.prop([arbWriteUsingTokenParameterList(0), fc.integer({ min: 0, max: 7 })])(
    'the token is a view of the input at byte 16; the public decode copies it',
    (list, pad) => {
      const encoded = encodeWriteUsingTokenParameterList(list);
      // at an offset in a larger buffer: the view must start at the list's byte 16, not the buffer's
      const buf = new Uint8Array(pad + encoded.length);
      buf.set(encoded, pad);
      const bytes = buf.subarray(pad);
      const viewed = readWriteUsingTokenList(bytes, undefined, true);
      const copied = decodeWriteUsingTokenParameterList(bytes);
      expect(viewed).toEqual(copied);
      expect(viewed.rodToken.buffer).toBe(buf.buffer);
      expect(viewed.rodToken.byteOffset).toBe(pad + 16);
      expect(viewed.rodToken.length).toBe(512);
      expect(copied.rodToken.buffer).not.toBe(buf.buffer);
      // a write into the input shows through the view only
      bytes[16] = (bytes[16] as number) ^ 0xff;
      expect(viewed.rodToken[0]).toBe(bytes[16]);
      expect(copied.rodToken[0]).not.toBe(bytes[16]);
    },
  );

  test.prop([fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.boolean()])(
    'on any bytes: the same value or the same error as the public decoder',
    (bytes, strict) => {
      expect(outcome(() => readWriteUsingTokenList(bytes, { strict }, true))).toEqual(
        outcome(() => decodeWriteUsingTokenParameterList(bytes, { strict })),
      );
    },
  );
});
