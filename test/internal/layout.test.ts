import { expect, test } from 'vitest';
import { defineLayout } from '../../src/internal/layout.js';

test('x', () => {
  const l = defineLayout('X', 4, [
    { name: 'a', offset: 0, width: 2, kind: 'uint', countsFrom: 2 },
    { name: 'rtv', offset: 2, width: 1, kind: 'bit', hi: 1, lo: 1 },
    { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfc },
    { name: 'immed', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
    { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  ]);
  expect(l.field.rtv.hi).toBe(1);
  expect(() =>
    defineLayout('Y', 2, [
      { name: 'a', offset: 0, width: 2, kind: 'uint' },
      { name: 'b', offset: 1, width: 1, kind: 'bits', hi: 3, lo: 0 },
    ]),
  ).toThrow(/overlaps/);
  expect(() => defineLayout('Y', 2, [{ name: 'a', offset: 1, width: 2, kind: 'uint' }])).toThrow(/outside/);
});
