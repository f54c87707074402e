// A ROD token usage example (as in the README), run as a test against the public entry point.
import { expect, it } from 'vitest';
import {
  blockDeviceZeroRodToken,
  decodeRodToken,
  designatorViewOf,
  encodeRodToken,
  numberOfBytesRepresentedOf,
  rodTypeName,
} from '../../src/index.js';

function describeToken(token: Uint8Array): string {
  const t = decodeRodToken(token); // lenient: discrepancies land in t.issues
  if (t.kind !== 'generic') return rodTypeName(t.rodType);
  const creator = t.creatorLogicalUnitDescriptor;
  const view = creator === undefined ? undefined : designatorViewOf(creator.designationDescriptor);
  const who = view === undefined ? 'unknown' : view.kind === 'naa' ? `NAA ${view.naa}` : view.kind;
  return `${rodTypeName(t.rodType)}, ${numberOfBytesRepresentedOf(t)} bytes, creator ${who}`;
}

it('README example', () => {
  const zero = blockDeviceZeroRodToken();
  expect(decodeRodToken(zero)).toEqual({ kind: 'blockDeviceZero', rodType: 4294901761 });
  expect(describeToken(zero)).toBe('block device zero ROD token');
  const generic = encodeRodToken({
    kind: 'generic',
    rodType: 0x00800000,
    copyManagerRodTokenIdentifier: 1n,
    creatorLogicalUnitDescriptor: {
      luIdType: 0,
      peripheralDeviceType: 0,
      relativeInitiatorPortIdentifier: 0,
      designationDescriptor: {
        protocolIdentifier: 0,
        codeSet: 1,
        piv: false,
        association: 0,
        designatorType: 3,
        designator: Uint8Array.of(0x50, 0x00, 0xc5, 0x00, 0x30, 0x11, 0xcb, 0x2b),
      },
      pad: false,
      fixed: false,
      diskBlockLength: 512,
    },
    numberOfBytesRepresented: 1048576n,
    deviceTypeSpecificData: { kind: 'raw', bytes: new Uint8Array(32) },
    targetDeviceDescriptor: {
      protocolIdentifier: 0,
      codeSet: 1,
      piv: false,
      association: 2,
      designatorType: 3,
      designator: Uint8Array.of(0x50, 0x00, 0xc5, 0x00, 0x30, 0x11, 0xcb, 0x28),
    },
    extendedRodTokenData: new Uint8Array(0),
  });
  expect(describeToken(generic)).toBe('point in time copy - default, 1048576 bytes, creator NAA 5');
});
