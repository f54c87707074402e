/**
 * ByteReader's device-server rules and trace entries (issue 17, fifth session): a rule named by
 * the call, or else the reader's own, goes into the error or the issue; an issue without a rule has
 * no `rule` key at all; a read without a field name leaves no trace entry; a u64 whose high word is
 * zero reads its low word.
 */
import { describe, expect, it } from 'vitest';
import { ByteReader, type TraceEntry } from '../../src/internal/byte-reader.js';
import type { RuleId } from '../../src/rules/ids.js';
import { err } from '../codec-error.js';

const CALL: RuleId = 'spc.rod-token.corrupt';
const OWN: RuleId = 'sbc.rod-token.zero-reserved';

function reader(strict: boolean, own?: RuleId): ByteReader {
  const r = new ByteReader(new Uint8Array([0xff, 0, 0, 0]), 'T', { strict });
  if (own !== undefined) r.rule = own;
  return r;
}

describe('ByteReader rules', () => {
  it.each([
    ['the call names one', CALL, undefined, CALL],
    ['only the reader has one', undefined, OWN, OWN],
    ['both: the call wins', CALL, OWN, CALL],
  ])('strict error: %s', (_, call, own, expected) => {
    const e = err(() => reader(true, own).tolerate('ERR_RESERVED_NONZERO', 'f', 0, 'set', 7, call));
    expect(e.rule).toBe(expected);
  });

  it.each([
    ['the call names one', CALL, undefined, CALL],
    ['only the reader has one', undefined, OWN, OWN],
    ['both: the call wins', CALL, OWN, CALL],
  ])('lenient issue: %s', (_, call, own, expected) => {
    const r = reader(false, own);
    r.tolerate('ERR_RESERVED_NONZERO', 'f', 0, 'set', 7, call);
    expect(r.issues).toStrictEqual([
      { code: 'ERR_RESERVED_NONZERO', structure: 'T', field: 'f', offset: 0, bit: 7, message: 'set', rule: expected },
    ]);
  });

  it('an issue without any rule has no rule key', () => {
    const r = reader(false);
    r.note('ERR_INVALID_VALUE', 'f', 1, 'odd', undefined);
    expect(r.issues).toHaveLength(1);
    expect(Object.keys(r.issues[0] as object)).not.toContain('rule');
    expect(r.issues).toStrictEqual([
      { code: 'ERR_INVALID_VALUE', structure: 'T', field: 'f', offset: 1, bit: undefined, message: 'odd' },
    ]);
  });

  it('a strict error without any rule has rule undefined', () => {
    expect(err(() => reader(true).tolerate('ERR_RESERVED_NONZERO', 'f', 0, 'set')).rule).toBeUndefined();
  });
});

describe('ByteReader trace and u64', () => {
  it('a read without a field name leaves no trace entry; one with a name does', () => {
    const trace: TraceEntry[] = [];
    const r = new ByteReader(new Uint8Array([1, 2, 3, 4]), 'T', { trace });
    r.u8(0);
    r.u16(1);
    expect(trace).toEqual([]);
    r.u8(3, 'x');
    expect(trace).toEqual([{ structure: 'T', field: 'x', offset: 3, length: 1, value: 4 }]);
  });

  it('u64 with a zero high word: the low word, from the right bytes', () => {
    const b = new Uint8Array([0xaa, 0xbb, 0xcc, 0xdd, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78]);
    expect(new ByteReader(b, 'T').u64(4, 'v')).toBe(0x1234_5678n);
    expect(new ByteReader(b, 'T').u64(0, 'v')).toBe(0xaabb_ccdd_0000_0000n);
  });
});
