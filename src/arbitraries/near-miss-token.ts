/**
 * Near-misses of the block device zero ROD token, alone or inside a WRITE USING TOKEN parameter
 * list: a wrong ROD TOKEN LENGTH, a reserved byte set, a ROD type WRITE USING TOKEN does not take.
 *
 * @packageDocumentation
 * @internal
 */
import fc from 'fast-check';
import { WRITE_USING_TOKEN_LAYOUT } from '../parameter-list/layouts.js';
import { ROD_TOKEN_SIZE } from '../rod-token/index.js';
import { ROD_TOKEN_LAYOUT } from '../rod-token/layout.js';
import { type Draft, dv, msb, nonZeroByte, reservedOf, withByte } from './near-miss-draft.js';

/** Where the ROD token starts in a WRITE USING TOKEN parameter list. */
export const TOKEN_AT: number = WRITE_USING_TOKEN_LAYOUT.field.rodToken.offset;
const TOKEN = ROD_TOKEN_LAYOUT.field;
/** Reserved bytes of the block device zero ROD token: the header's reserved bytes and 8-511 (SBC-4). */
const ZERO_TOKEN_RESERVED: readonly number[] = [
  ...reservedOf(ROD_TOKEN_LAYOUT).reservedBytes.filter((o) => o < TOKEN.copyManagerRodTokenIdentifier.offset),
  TOKEN.copyManagerRodTokenIdentifier.offset,
  ROD_TOKEN_SIZE - 1,
];

/** Defects of the block device zero ROD token at `at` in `b` (a WUT list at 16, or the token at 0). */
export function tokenDrafts(b: Uint8Array<ArrayBuffer>, at: number): fc.Arbitrary<Draft>[] {
  return [
    fc
      .oneof(fc.constantFrom(0, 0x1f7, 0x1f9, 0xffff), fc.integer({ min: 0, max: 0xffff }))
      .filter((v) => v !== 0x01f8)
      .map((v) => {
        const bytes = b.slice();
        dv(bytes).setUint16(at + TOKEN.rodTokenLength.offset, v);
        return {
          bytes,
          mutation: 'wrong-rod-token-length',
          detail: `ROD TOKEN LENGTH ${v.toString(16).padStart(4, '0')}h, should be 01F8h`,
          rule: 'spc.rod-token.length',
        };
      }),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...ZERO_TOKEN_RESERVED),
          fc.integer({ min: TOKEN.copyManagerRodTokenIdentifier.offset, max: ROD_TOKEN_SIZE - 1 }),
        ),
        nonZeroByte(),
      )
      .map(([off, v]) => ({
        bytes: withByte(b, at + off, v),
        mutation: 'reserved-byte',
        detail: `block device zero ROD token byte ${off} (reserved) = ${v.toString(16).padStart(2, '0')}h`,
        rule: 'sbc.rod-token.zero-reserved',
        at: { byte: TOKEN_AT + off, bit: msb(v) },
      })),
    fc
      .oneof(fc.integer({ min: 0xffff_fff0, max: 0xffff_ffff }), fc.constantFrom(0x0000_0001, 0x0001_0001, 0xffff_0000))
      .map((t) => {
        const bytes = b.slice();
        dv(bytes).setUint32(at + TOKEN.rodType.offset, t);
        return {
          bytes,
          mutation: 'unsupported-token-type',
          detail: `ROD TYPE ${t.toString(16).padStart(8, '0')}h in the token (not supported for WRITE USING TOKEN)`,
          rule: 'spc.rod-token.unsupported-type',
        };
      }),
  ];
}
