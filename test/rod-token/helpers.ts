import { type GenericRodToken, ROD_TYPE } from '../../src/rod-token/index.js';
import { h } from '../designation/inhex.js';

export { err } from '../codec-error.js';

export { h };

/** `v` without its `issues` keys, at any depth (lenient decodes add them). */
export const dropIssues = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropIssues);
  if (v instanceof Uint8Array || typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'issues') out[k] = dropIssues(x);
  return out;
};

/** NAA 6h designator of the creator logical unit (16 bytes). */
export const naa6 = h('6001405abcdef0123456789abcdef012');

/** A generic token built from the spec tables (ROD token, E4h CSCD, block device data). */
export const handBuilt: GenericRodToken = {
  kind: 'generic',
  rodType: ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
  copyManagerRodTokenIdentifier: 0x0102030405060708n,
  creatorLogicalUnitDescriptor: {
    luIdType: 0,
    peripheralDeviceType: 0,
    relativeInitiatorPortIdentifier: 0x0007,
    designationDescriptor: {
      protocolIdentifier: 0,
      codeSet: 1,
      piv: false,
      association: 0,
      designatorType: 3,
      designator: naa6,
    },
    pad: false,
    fixed: false,
    diskBlockLength: 4096,
  },
  numberOfBytesRepresented: 0x1_0000_0000n,
  deviceTypeSpecificData: {
    kind: 'blockDevice',
    logicalBlockLength: 512,
    pType: 1,
    protEn: true,
    pIExponent: 2,
    logicalBlocksPerPhysicalBlockExponent: 3,
    lbpme: true,
    lbprz: false,
    lowestAlignedLogicalBlockAddress: 0x1234,
  },
  targetDeviceDescriptor: {
    protocolIdentifier: 0,
    codeSet: 1,
    piv: false,
    association: 2,
    designatorType: 3,
    designator: h('5000c5003011cb28'),
  },
  extendedRodTokenData: new Uint8Array(512 - 140).fill(0xa5),
};

/** The 512 bytes of {@link handBuilt}, written byte by byte from the tables. */
export const handBytes: Uint8Array = (() => {
  const b = new Uint8Array(512);
  b.set(h('00800000 0000 01f8'), 0);
  b.set(h('0102030405060708'), 8);
  b.set(h('e4 00 0007 01 03 00 10'), 16);
  b.set(naa6, 24);
  b.set(h('00 001000'), 44);
  b.set(h('00000000 00000001 00000000'), 52);
  b.set(h('00000200 03 23 92 34'), 96);
  b.set(h('01 23 00 08 5000c5003011cb28'), 128);
  b.fill(0xa5, 140);
  return b;
})();
