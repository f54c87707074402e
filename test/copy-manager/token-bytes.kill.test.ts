/**
 * A presented ROD token whose bytes strict decoding refuses (issue 17, fourth session): INVALID
 * TOKEN OPERATION with the ASCQ of the decoder's rule, the field pointer at the offending byte of
 * the WRITE USING TOKEN parameter list (16 + its offset in the token) and the bit pointer of a
 * reserved bit. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { decodeRodToken } from '../../src/rod-token/index.js';
import { A1, expectSense, Host, makeCm } from './helpers.js';

const IR = 0x05;
const par = (field: number, bit?: number) => (bit === undefined ? { cd: false, field } : { cd: false, field, bit });

describe('WRITE USING TOKEN with a token changed in one byte', () => {
  const cases: { name: string; at: number; value: number; ascq: number; pointer: ReturnType<typeof par> }[] = [
    { name: 'a reserved bit of the header (byte 5 bit 7)', at: 5, value: 0x80, ascq: 0x05, pointer: par(21, 7) },
    {
      name: 'a reserved bit of the creator descriptor (byte 17 bit 5)',
      at: 17,
      value: 0x20,
      ascq: 0x05,
      pointer: par(33, 5),
    },
    {
      name: 'a reserved bit past the descriptor (byte 40 bit 0)',
      at: 40,
      value: 0x01,
      ascq: 0x05,
      pointer: par(56, 0),
    },
    { name: 'the creator descriptor type code (byte 16)', at: 16, value: 0xe5, ascq: 0x05, pointer: par(32) },
    { name: 'a ROD type not made here (0080 0003h)', at: 3, value: 0x03, ascq: 0x01, pointer: par(16) },
    { name: 'ROD TOKEN LENGTH (byte 6)', at: 6, value: 0x00, ascq: 0x0a, pointer: par(22) },
  ];
  for (const c of cases) {
    test(`${c.name}: 23h/${c.ascq.toString(16).padStart(2, '0')}h`, () => {
      const { cm } = makeCm();
      const h = new Host(cm, A1);
      const t = h.token(0, 1, [{ lba: 0, count: 1 }]).slice();
      t[c.at] = c.value;
      expectSense(h.wut(0, 2, t, [{ lba: 10, count: 1 }]), { key: IR, asc: 0x23, ascq: c.ascq, pointer: c.pointer });
    });
  }
});

describe('the token RRTI returns', () => {
  test('every field but the identifier and the 32-byte secret (the rest of the extended data is zero)', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const t = h.token(1, 1, [{ lba: 0, count: 3 }]);
    const d = decodeRodToken(t, { strict: true }) as ReturnType<typeof decodeRodToken> & {
      creatorLogicalUnitDescriptor: { designationDescriptor: { designator: Uint8Array } };
      targetDeviceDescriptor: { designator: Uint8Array };
      extendedRodTokenData: Uint8Array;
    };
    const dev = d.targetDeviceDescriptor.designator;
    const desig = { protocolIdentifier: 0, codeSet: 1, piv: false, designatorType: 3 };
    expect(d).toEqual({
      kind: 'generic',
      rodType: 0x0080_0000,
      copyManagerRodTokenIdentifier: 1n,
      creatorLogicalUnitDescriptor: {
        luIdType: 0,
        peripheralDeviceType: 0,
        relativeInitiatorPortIdentifier: 0,
        designationDescriptor: { ...desig, association: 0, designator: new Uint8Array([...dev.subarray(0, 6), 0, 1]) },
        pad: false,
        fixed: false,
        diskBlockLength: 4096,
      },
      numberOfBytesRepresented: 3n * 4096n,
      deviceTypeSpecificData: {
        kind: 'blockDevice',
        logicalBlockLength: 4096,
        pType: 0,
        protEn: false,
        pIExponent: 0,
        logicalBlocksPerPhysicalBlockExponent: 0,
        lbpme: false,
        lbprz: false,
        lowestAlignedLogicalBlockAddress: 0,
      },
      targetDeviceDescriptor: { ...desig, association: 2, designator: dev },
      extendedRodTokenData: d.extendedRodTokenData,
    });
    expect(d.extendedRodTokenData.subarray(32).every((b) => b === 0)).toBe(true);
    expect(d.extendedRodTokenData.subarray(0, 32).some((b) => b !== 0)).toBe(true);
  });
});
