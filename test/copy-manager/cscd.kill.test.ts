/**
 * EXTENDED COPY: the designation descriptor of an E4h CSCD descriptor must be exactly the LU's NAA
 * designator (issue 17, fourth session): the same bytes under code set ASCII, or the NAA bytes
 * followed by more bytes under designator type NAA, name no logical unit. Through `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeExtendedCopyLid1Cdb } from '../../src/cdb/index.js';
import { type CscdDescriptor, encodeExtendedCopyLid1ParameterList } from '../../src/parameter-list/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { A1, expectGood, expectSense, Host, makeCm } from './helpers.js';
import { b2b, e4, luNaa } from './xcopy-helpers.js';

function lid1(cscd: CscdDescriptor): Uint8Array<ArrayBuffer> {
  return encodeExtendedCopyLid1ParameterList({
    listIdentifier: 1,
    str: false,
    listIdUsage: 0,
    priority: 0,
    cscdDescriptors: [cscd],
    segmentDescriptors: [b2b(0, 0, 1, 0n, 1n)],
    inlineData: new Uint8Array(0),
  });
}

function withDesignation(naa: Uint8Array, o: object): CscdDescriptor {
  const d = e4(naa) as CscdDescriptor & { designationDescriptor: object };
  return { ...d, designationDescriptor: { ...d.designationDescriptor, ...o } } as CscdDescriptor;
}

describe('E4h CSCD descriptor: exactly the NAA designator of a logical unit', () => {
  test('code set ASCII, or the NAA bytes and 4 more: COPY ABORTED 0Dh/02h at SOURCE CSCD DESCRIPTOR ID', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const naa = luNaa(h, 0);
    const run = (p: Uint8Array) =>
      h.run(0, encodeExtendedCopyLid1Cdb({ parameterListLength: p.length, control: 0 }), p);
    expectGood(run(lid1(e4(naa))));
    for (const o of [{ codeSet: 2 }, { designator: new Uint8Array([...naa, 0, 0, 0, 0]) }]) {
      const r = run(lid1(withDesignation(naa, o)));
      expectSense(r, { key: 0x0a, asc: 0x0d, ascq: 0x02 });
      const s = decodeSenseData(r.senseData as Uint8Array, { strict: true });
      expect(s.kind === 'fixed' ? s.senseKeySpecific : undefined).toMatchObject({
        kind: 'segmentPointer',
        fieldPointer: 16 + 32 + 4,
      });
    }
  });
});
