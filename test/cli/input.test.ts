import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError, looksBinary, parseHexText, parseInputBytes } from '../../src/cli/input.js';
import { allForms } from './formats.js';

const bytesOf = (s: string): number[] => Array.from(parseHexText(s));

describe('hex input parsing', () => {
  it('reads plain hex in the usual spellings', () => {
    for (const s of [
      '72 01 03',
      '720103',
      '72:01:03',
      '0x72, 0x01, 0x03',
      '{0x72,0x01,0x03};',
      '\\x72\\x01\\x03',
      '72h 1 3',
    ]) {
      expect(bytesOf(s), s).toEqual([0x72, 1, 3]);
    }
  });
  it('reads sg3_utils inhex: # comments and one-digit bytes', () => {
    expect(bytesOf('# header\n72 6 18 7 0 0 0 1c  # tail\n\n c a 1 2\n')).toEqual([
      0x72, 6, 0x18, 7, 0, 0, 0, 0x1c, 0x0c, 0x0a, 1, 2,
    ]);
  });
  it('reads real xxd, hexdump -C (with * repeats), xxd -a and od output', () => {
    const want = [
      0x72, 0x01, 0x03, 0x02, 0x80, 0x00, 0x00, 0x4c, 0x00, 0x0a, 0x80, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
      0xbb, 0x01, 0x0a, 0x00, 0x00, 0x33, 0x44, 0x55, 0x66, 0x77, 0xbb, 0xcc, 0xff, 0x02, 0x06, 0x00, 0x00, 0x80, 0x01,
      0x01, 0x00, 0x03, 0x02, 0x00, 0x45, 0x23,
    ];
    const xxdOut = `00000000: 7201 0302 8000 004c 000a 8000 1122 3344  r......L....."3D
00000010: 5566 77bb 010a 0000 3344 5566 77bb ccff  Ufw.....3DUfw...
00000020: 0206 0000 8001 0100 0302 0045 23         ...........E#
`;
    const hexdumpOut = `00000000  72 01 03 02 80 00 00 4c  00 0a 80 00 11 22 33 44  |r......L....."3D|
00000010  55 66 77 bb 01 0a 00 00  33 44 55 66 77 bb cc ff  |Ufw.....3DUfw...|
00000020  02 06 00 00 80 01 01 00  03 02 00 45 23           |...........E#|
0000002d
`;
    const odOut = `000000 72 01 03 02 80 00 00 4c 00 0a 80 00 11 22 33 44
000010 55 66 77 bb 01 0a 00 00 33 44 55 66 77 bb cc ff
000020 02 06 00 00 80 01 01 00 03 02 00 45 23
00002d
`;
    expect(bytesOf(xxdOut)).toEqual(want);
    expect(bytesOf(hexdumpOut)).toEqual(want);
    expect(bytesOf(odOut)).toEqual(want);
    const zeros = [...new Array(64).fill(0), 0x61, 0x62];
    expect(
      bytesOf(`00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
00000040  61 62                                             |ab|
00000042`),
    ).toEqual(zeros);
    expect(
      bytesOf(`00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................
*
00000040: 6162                                     ab`),
    ).toEqual(zeros);
  });
  it('reads a tshark -x dump whose ASCII column looks like hex', () => {
    const b = Uint8Array.from([0x64, 0x65, 0x61, 0x64, 0x20, 0x62, 0x65, 0x65, 0x66]); // "dead beef"
    expect(bytesOf('0000  64 65 61 64 20 62 65 65 66   dead beef')).toEqual(Array.from(b));
  });
  test.prop([fc.uint8Array({ minLength: 1, maxLength: 700 })])(
    'every form of the same bytes parses to them',
    (bytes) => {
      for (const [name, text] of Object.entries(allForms(bytes))) {
        expect(Array.from(parseHexText(text)), name).toEqual(Array.from(bytes));
      }
    },
  );
  it('names the line of a token that is not hex', () => {
    expect(() => parseHexText('72 01\n03 zz')).toThrowError(InputError);
    expect(() => parseHexText('72 01\n03 zz')).toThrowError(/line 2: not hex: "zz"/);
    expect(() => parseHexText('123')).toThrowError(/odd number of hex digits/);
  });
  it('tells binary from text', () => {
    expect(looksBinary(Uint8Array.from([0x37, 0x32, 0x20, 0x30, 0x31, 0x0a]))).toBe(false);
    expect(looksBinary(Uint8Array.from([0x72, 0x00]))).toBe(true);
    expect(Array.from(parseInputBytes(Uint8Array.from([0x72, 0x00, 0xff])))).toEqual([0x72, 0, 0xff]);
    expect(Array.from(parseInputBytes(new TextEncoder().encode('72 00 ff\n')))).toEqual([0x72, 0, 0xff]);
    expect(Array.from(parseInputBytes(new TextEncoder().encode('\ufeff72 00 ff\r\n')))).toEqual([0x72, 0, 0xff]);
  });
});

describe('hex input parsing: regressions', () => {
  it('reads a one-line tshark -x dump whose ASCII column is only spaces (one 20h byte)', () => {
    // Found by the "every form" property (seed -1998155813): this parsed as 00 00 20.
    const text = `0000  20${' '.repeat(45)}    `;
    expect(Array.from(parseHexText(text))).toEqual([0x20]);
    expect(Array.from(parseHexText(`0000  20 20${' '.repeat(42)}     `))).toEqual([0x20, 0x20]);
  });
  it('still reads short plain hex that starts with four digits as plain hex', () => {
    expect(Array.from(parseHexText('0000 20'))).toEqual([0, 0, 0x20]);
  });
});
