import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { utf8Decode, utf8Encode } from '../../src/designation/utf8.js';

const td = new TextDecoder('utf-8', { ignoreBOM: true });
const te = new TextEncoder();
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Bytes biased towards UTF-8 lead/continuation bytes and the boundary cases (E0, ED, F0, F4).
const utf8ish = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(
      0x7f,
      0x80,
      0x8f,
      0x90,
      0x9f,
      0xa0,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
    ),
  ),
  { maxLength: 40 },
);

test.prop([utf8ish])('utf8Decode matches TextDecoder on any bytes', (a) => {
  const b = Uint8Array.from(a);
  const want = td.decode(b);
  const got = utf8Decode(b);
  expect(got.text).toBe(want);
  let valid = true;
  try {
    fatal.decode(b);
  } catch {
    valid = false;
  }
  expect(got.ok).toBe(valid);
});
test.prop([fc.string({ unit: 'binary' })])('utf8Encode matches TextEncoder; decode inverts it', (s) => {
  expect(utf8Encode(s)).toEqual(te.encode(s));
  expect(utf8Decode(utf8Encode(s))).toEqual({ text: s, ok: true });
});
test.prop([fc.string({ unit: 'binary-ascii' })])('ascii is identity', (s) => {
  expect(utf8Decode(utf8Encode(s)).text).toBe(s);
});
