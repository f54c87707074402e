/**
 * Kill tests for the EXTENDED COPY (LID1 and LID4) decoders (issue 17): every error and issue
 * with its code, structure, field, absolute offset, bit, text and rule, each length check exactly
 * at its limit and one past, reserved bits in strict mode, descriptors at index >= 2. Public
 * behaviour only.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
} from '../../src/parameter-list/index.js';
import {
  B2B_HEX,
  B2BO_HEX,
  bytes1,
  bytes4,
  E4_HEX,
  err,
  FC0_HEX,
  FORMATS,
  h,
  hexOf,
  IPV6_HEX,
  L1,
  L4,
  OTH_HEX,
  parts,
  withByte,
} from './extended-copy-fixtures.js';

/** A LID1 list (`L1`) or LID4 list of the given sections, with its header's lengths computed. */
function list(lid: 1 | 4, cscdHex: string, segHex: string, inlineHex = '', extraHex = ''): Uint8Array {
  const c = h(cscdHex).length;
  const s = h(segHex).length;
  const i = h(inlineHex).length;
  const x = (v: number, n: number) => v.toString(16).padStart(2 * n, '0');
  const header =
    lid === 1
      ? `00 00 ${x(c, 2)} 00000000 ${x(s, 4)} ${x(i, 4)}`
      : `01 00 0020 ${'00'.repeat(11)} 00 ff 000000 00000000 ${'00'.repeat(18)} ${x(c, 2)} ${x(s, 2)} ${x(i, 2)}`;
  return h(header + cscdHex + segHex + inlineHex + extraHex);
}
const dec = (lid: 1 | 4) => (lid === 1 ? decodeExtendedCopyLid1ParameterList : decodeExtendedCopyLid4ParameterList);
const ST = { 1: L1, 4: L4 } as const;
const START = { 1: 16, 4: 48 } as const;

describe('header: truncated, lengths', () => {
  for (const f of FORMATS) {
    it(`${f.name}: the header one byte short; a header alone is an empty list`, () => {
      const b = f.bytes.subarray(0, f.start - 1);
      expect(parts(err(() => f.decode(b)))).toEqual({
        code: 'ERR_TRUNCATED',
        structure: f.structure,
        field: undefined,
        offset: f.start - 1,
        bit: undefined,
        detail: `need ${f.start} bytes, have ${f.start - 1}`,
        rule: undefined,
      });
      const empty = f.bytes.slice(0, f.start);
      for (const at of Object.values(f.lengths)) empty.fill(0, at, at + (f.name === 'LID1' && at > 2 ? 4 : 2));
      expect(f.decode(empty, { strict: true })).toMatchObject({
        cscdDescriptors: [],
        segmentDescriptors: [],
        inlineData: new Uint8Array(0),
      });
    });
    it(`${f.name}: a CSCD DESCRIPTOR LIST LENGTH not a multiple of 32`, () => {
      for (const n of [0xa1, 0x9f, 0xb0]) {
        const b = withByte(f.bytes, f.lengths.cscd + 1, n);
        expect(parts(err(() => f.decode(b)))).toEqual({
          code: 'ERR_LENGTH_MISMATCH',
          structure: f.structure,
          field: 'cscdDescriptorListLength',
          offset: f.lengths.cscd,
          bit: undefined,
          detail: `${n} is not a multiple of 32`,
          rule: undefined,
        });
      }
    });
    it(`${f.name}: lists one byte longer than the data: ERR_TRUNCATED at INLINE DATA LENGTH`, () => {
      const b = f.bytes.subarray(0, f.bytes.length - 1);
      expect(parts(err(() => f.decode(b)))).toEqual({
        code: 'ERR_TRUNCATED',
        structure: f.structure,
        field: 'inlineDataLength',
        offset: f.lengths.inline,
        bit: undefined,
        detail: `lists need ${f.bytes.length} bytes, have ${f.bytes.length - 1}`,
        rule: undefined,
      });
      // Through the segment list length too (the lists end where the header says).
      const seg = withByte(f.bytes, f.lengths.segments + (f.name === 'LID1' ? 3 : 1), 0x48);
      expect(parts(err(() => f.decode(seg)))).toMatchObject({
        code: 'ERR_TRUNCATED',
        field: 'inlineDataLength',
        offset: f.lengths.inline,
        detail: `lists need ${f.bytes.length + 1} bytes, have ${f.bytes.length}`,
      });
    });
    it(`${f.name}: bytes after the inline data: an issue (strict: thrown); none when they end exactly`, () => {
      expect(f.decode(f.bytes).issues).toBeUndefined();
      const longer = new Uint8Array(f.bytes.length + 2);
      longer.set(f.bytes);
      const d = f.decode(longer);
      expect(d.issues).toEqual([
        {
          code: 'ERR_LENGTH_MISMATCH',
          structure: f.structure,
          field: undefined,
          offset: f.bytes.length,
          bit: undefined,
          message: '2 byte(s) after the inline data',
        },
      ]);
      const { issues: _, ...rest } = d;
      expect(rest).toEqual(f.list);
      expect(parts(err(() => f.decode(longer, { strict: true })))).toEqual({
        code: 'ERR_LENGTH_MISMATCH',
        structure: f.structure,
        field: undefined,
        offset: f.bytes.length,
        bit: undefined,
        detail: '2 byte(s) after the inline data',
        rule: undefined,
      });
    });
  }
});

describe('CSCD descriptors', () => {
  for (const lid of [1, 4] as const) {
    it(`LID${lid}: a 64-byte EAh/EBh at index 2 ending exactly at the list end, and running 32 bytes past it`, () => {
      for (const t of ['ea', 'eb']) {
        const more = IPV6_HEX.replace(/^ea/, t);
        const ok = dec(lid)(list(lid, E4_HEX + FC0_HEX + more, OTH_HEX), { strict: true });
        expect(ok.cscdDescriptors.map((d) => d.kind)).toEqual(['identification', 'other', 'other']);
        expect(ok.cscdDescriptors[2]).toMatchObject({ descriptorTypeCode: Number.parseInt(t, 16) });
        expect(ok.segmentDescriptors).toHaveLength(1);
        // The header says 96 bytes of CSCD descriptors: the 64-byte one at 64 runs past.
        const b = list(lid, E4_HEX + FC0_HEX + more, OTH_HEX);
        b[lid === 1 ? 3 : 43] = 96;
        expect(parts(err(() => dec(lid)(b)))).toEqual({
          code: 'ERR_LENGTH_MISMATCH',
          structure: ST[lid],
          field: 'cscdDescriptor',
          offset: START[lid] + 64,
          bit: undefined,
          detail: `the 64-byte 0x${t} descriptor runs past the list`,
          rule: undefined,
        });
      }
    });
    it(`LID${lid}: a 32-byte type other than E4h has no moreParameters; E4h is the identification kind`, () => {
      const d = dec(lid)(list(lid, FC0_HEX + FC0_HEX.replace(/^e0/, 'e9') + E4_HEX, ''));
      expect(d.cscdDescriptors[1]).not.toHaveProperty('moreParameters');
      expect(Object.keys(d.cscdDescriptors[1] ?? {})).toHaveLength(8);
      expect(d.cscdDescriptors.map((c) => c.kind)).toEqual(['other', 'other', 'identification']);
    });
    it(`LID${lid}: an E4h with DESIGNATOR LENGTH 21 at index 2 (the E4h codec's check, absolute offset)`, () => {
      const bad = `e4 00 0000 01 03 00 15 ${'00'.repeat(24)}`;
      expect(parts(err(() => dec(lid)(list(lid, FC0_HEX + FC0_HEX + bad, ''))))).toMatchObject({
        code: 'ERR_LENGTH_MISMATCH',
        structure: ST[lid],
        field: 'designatorLength',
        offset: START[lid] + 64 + 7,
      });
    });
  }
});

describe('segment descriptors', () => {
  const CSCD = E4_HEX + FC0_HEX;
  const two = OTH_HEX + B2B_HEX; // 7 + 28 bytes: the third segment is at 35
  for (const lid of [1, 4] as const) {
    const seg3 = START[lid] + 64 + 35;
    it(`LID${lid}: a header of 4 bytes (type, length 0) ends the list exactly; 1-3 bytes run past it`, () => {
      const d = dec(lid)(list(lid, CSCD, `${two}0c 00 0000`), { strict: true });
      expect(d.segmentDescriptors[2]).toEqual({
        kind: 'other',
        descriptorTypeCode: 0x0c,
        byte1: 0,
        bytes: new Uint8Array(0),
      });
      for (const tail of ['0c', '0c 00', '0c 00 00']) {
        expect(parts(err(() => dec(lid)(list(lid, CSCD, two + tail))))).toEqual({
          code: 'ERR_LENGTH_MISMATCH',
          structure: ST[lid],
          field: 'segmentDescriptor',
          offset: seg3,
          bit: undefined,
          detail: 'segment descriptor header runs past the list',
          rule: undefined,
        });
      }
    });
    it(`LID${lid}: DESCRIPTOR LENGTH running one byte past the list: unknown types carry the rule`, () => {
      // Unknown type 04h: 3 parameter bytes declared, 2 present.
      expect(parts(err(() => dec(lid)(list(lid, CSCD, `${two}04 00 0003 0102`))))).toEqual({
        code: 'ERR_LENGTH_MISMATCH',
        structure: ST[lid],
        field: 'descriptorLength',
        offset: seg3 + 2,
        bit: undefined,
        detail: 'descriptor length 3 runs past the list',
        rule: 'spc.extended-copy.unsupported-segment-type',
      });
      // Exactly fitting: decoded.
      expect(dec(lid)(list(lid, CSCD, `${two}04 00 0003 010203`)).segmentDescriptors[2]).toMatchObject({
        kind: 'other',
        bytes: h('010203'),
      });
      // Known types 02h and 0Ah cut short: the length is wrong, no rule of an unknown type.
      for (const [known, n] of [
        [B2B_HEX, 24],
        [B2BO_HEX, 28],
      ] as const) {
        const short = h(known).subarray(0, h(known).length - 1);
        expect(parts(err(() => dec(lid)(list(lid, CSCD, two + hexOf(short)))))).toEqual({
          code: 'ERR_LENGTH_MISMATCH',
          structure: ST[lid],
          field: 'descriptorLength',
          offset: seg3 + 2,
          bit: undefined,
          detail: `descriptor length ${n} runs past the list`,
          rule: undefined,
        });
      }
    });
    it(`LID${lid}: 02h and 0Ah with the other's DESCRIPTOR LENGTH`, () => {
      const b2bLong = `02 00 001c ${'00'.repeat(28)}`;
      expect(parts(err(() => dec(lid)(list(lid, CSCD, two + b2bLong))))).toEqual({
        code: 'ERR_LENGTH_MISMATCH',
        structure: ST[lid],
        field: 'descriptorLength',
        offset: seg3 + 2,
        bit: undefined,
        detail: '02h descriptor length 0x001c',
        rule: undefined,
      });
      const b2boShort = `0a 00 0018 ${'00'.repeat(24)}`;
      expect(parts(err(() => dec(lid)(list(lid, CSCD, two + b2boShort))))).toEqual({
        code: 'ERR_LENGTH_MISMATCH',
        structure: ST[lid],
        field: 'descriptorLength',
        offset: seg3 + 2,
        bit: undefined,
        detail: '0Ah descriptor length 0x0018',
        rule: undefined,
      });
    });
    it(`LID${lid}: reserved bits of 02h and 0Ah at index 2 (strict only)`, () => {
      const cases: [string, number, number][] = [
        // [segment hex, relative offset of the bad byte, bit]
        [B2B_HEX.replace(/^02 03/, '02 07'), 1, 2],
        [B2B_HEX.replace(/^02 03/, '02 83'), 1, 7],
        [B2B_HEX.replace(/0002 0000 0102/, '0002 8000 0102'), 8, 7],
        [B2B_HEX.replace(/0002 0000 0102/, '0002 0001 0102'), 9, 0],
        [B2BO_HEX.replace(/^0a 01/, '0a 03'), 1, 1],
        [B2BO_HEX.replace(/^0a 01/, '0a 81'), 1, 7],
      ];
      for (const [seg, rel, bit] of cases) {
        const b = list(lid, CSCD, two + seg);
        expect(dec(lid)(b).segmentDescriptors).toHaveLength(3);
        expect(parts(err(() => dec(lid)(b, { strict: true })))).toMatchObject({
          code: 'ERR_RESERVED_NONZERO',
          structure: ST[lid],
          field: 'reserved',
          offset: seg3 + rel,
          bit,
        });
      }
    });
    it(`LID${lid}: a segment after a 64-byte CSCD descriptor`, () => {
      const d = dec(lid)(list(lid, IPV6_HEX + E4_HEX, B2B_HEX + OTH_HEX));
      expect(d.segmentDescriptors.map((s) => s.kind)).toEqual(['blockToBlock', 'other']);
    });
  }
});

describe('header fields', () => {
  it('LID1: reserved byte 1 bits 7:6 and bytes 4-7 (strict only)', () => {
    for (const [at, v, bit] of [
      [1, 0x75, 6],
      [1, 0xb5, 7],
      [4, 0x01, 0],
      [7, 0x80, 7],
    ] as const) {
      const b = withByte(bytes1, at, v);
      expect(decodeExtendedCopyLid1ParameterList(b).issues).toBeUndefined();
      expect(parts(err(() => decodeExtendedCopyLid1ParameterList(b, { strict: true })))).toMatchObject({
        code: 'ERR_RESERVED_NONZERO',
        structure: L1,
        field: 'reserved',
        offset: at,
        bit,
      });
    }
  });
  it('LID4: reserved bytes 4-14, byte 15 bits 7:2, 17-19, 24-41 (strict only)', () => {
    for (const [at, v, bit] of [
      [1, 0x75, 6],
      [4, 0x01, 0],
      [14, 0x02, 1],
      [15, 0x07, 2],
      [15, 0x83, 7],
      [17, 0x10, 4],
      [19, 0x01, 0],
      [24, 0x40, 6],
      [41, 0x01, 0],
    ] as const) {
      const b = withByte(bytes4, at, v);
      expect(decodeExtendedCopyLid4ParameterList(b).issues).toBeUndefined();
      expect(parts(err(() => decodeExtendedCopyLid4ParameterList(b, { strict: true })))).toMatchObject({
        code: 'ERR_RESERVED_NONZERO',
        structure: L4,
        field: 'reserved',
        offset: at,
        bit,
      });
    }
  });
  it('LID4: LIST FORMAT other than 01h: an ERR_UNSUPPORTED issue, strict: thrown', () => {
    for (const fmt of [0x00, 0x02, 0xff]) {
      const b = withByte(bytes4, 0, fmt);
      const d = decodeExtendedCopyLid4ParameterList(b);
      expect(d.listFormat).toBe(fmt);
      const message = `LIST FORMAT 0x${fmt.toString(16).padStart(2, '0')} is not 01h`;
      expect(d.issues).toEqual([
        { code: 'ERR_UNSUPPORTED', structure: L4, field: 'listFormat', offset: 0, bit: undefined, message },
      ]);
      expect(parts(err(() => decodeExtendedCopyLid4ParameterList(b, { strict: true })))).toEqual({
        code: 'ERR_UNSUPPORTED',
        structure: L4,
        field: 'listFormat',
        offset: 0,
        bit: undefined,
        detail: message,
        rule: undefined,
      });
    }
  });
  it('LID4: every header field at its own offset (each byte changed alone)', () => {
    const b = bytes4.slice();
    b[1] = 0x08; // LIST ID USAGE 01b, STR 0, PRIORITY 0
    b[2] = 0x12;
    b[3] = 0x34;
    b[15] = 0x02; // G_SENSE only
    b[16] = 0xe4;
    b.set([0, 0, 0, 1], 20);
    expect(decodeExtendedCopyLid4ParameterList(b, { strict: true })).toMatchObject({
      listFormat: 1,
      str: false,
      listIdUsage: 1,
      priority: 0,
      headerCscdDescriptorListLength: 0x1234,
      gSense: true,
      immed: false,
      headerCscdDescriptorTypeCode: 0xe4,
      listIdentifier: 1,
    });
  });
});

describe('the caller’s faults', () => {
  for (const f of FORMATS) {
    it(`${f.name}: not bytes, and options whose getter throws`, () => {
      expect(parts(err(() => f.decode([1, 2, 3] as unknown as Uint8Array)))).toEqual({
        code: 'ERR_UNEXPECTED_VALUE',
        structure: f.structure,
        field: undefined,
        offset: 0,
        bit: undefined,
        detail: 'input is not a Uint8Array',
        rule: undefined,
      });
      const boom = new Error('boom');
      const options = {
        get strict(): boolean {
          throw boom;
        },
      };
      const e = err(() => f.decode(f.bytes, options));
      expect(parts(e)).toEqual({
        code: 'ERR_UNEXPECTED_VALUE',
        structure: f.structure,
        field: 'strict',
        offset: 0,
        bit: undefined,
        detail: 'reading argument 2.strict threw an error of its own (see cause)',
        rule: undefined,
      });
      expect(e.cause).toBe(boom);
    });
  }
});
