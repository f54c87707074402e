/**
 * fast-check arbitraries for ROD tokens and ROD management tokens.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { ROD_TYPE } from '../constants/rod-type.js';
import type { IdentificationDescriptorCscd } from '../rod-token/identification-descriptor-cscd.js';
import {
  BLOCK_DEVICE_ZERO_ROD_TOKEN,
  type BlockDeviceRodTokenData,
  type BlockDeviceZeroRodToken,
  type GenericRodToken,
  type OpaqueRodToken,
  ROD_TOKEN_LENGTH,
  type RodManagementToken,
  type RodToken,
  type RodTokenBody,
  type RodTokenDeviceTypeSpecificData,
} from '../rod-token/rod-token.js';
import { arbDesignationDescriptor } from './designation.js';

/** Options for the ROD token arbitraries. @remarks Since 0.1.0 */
export interface ArbRodTokenOptions {
  /**
   * `true`: only tokens a strict decode accepts without issues (generic tokens with a creator
   * designator of type 2h/3h, target device descriptor of type 2h/3h/8h with association 10b,
   * canonical lengths, vendor specific opaque types). `false` (default): also bad ROD TOKEN
   * LENGTHs, reserved ROD types, any designators, non-zero zero-token bodies and the QNAP
   * NUMBER OF BYTES REPRESENTED pattern.
   */
  readonly valid?: boolean;
}

const GENERIC_TYPES = [
  ROD_TYPE.ACCESS_UPON_REFERENCE,
  ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
  ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
  ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
  ROD_TYPE.POINT_IN_TIME_COPY_COPY_ON_WRITE,
] as const;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const badLength = fc.integer({ min: 0, max: 0xffff }).filter((n) => n !== ROD_TOKEN_LENGTH);

function withLength<T extends object>(base: T, len: number | null): T {
  return len === null ? base : { ...base, rodTokenLength: len };
}

/** Arbitrary E4h Identification Descriptor CSCD descriptor (designator ≤ 20 bytes). @remarks Since 0.1.0 */
export function arbIdentificationDescriptorCscd(
  options?: ArbRodTokenOptions,
): fc.Arbitrary<IdentificationDescriptorCscd> {
  const valid = options?.valid === true;
  const designationDescriptor = valid
    ? arbDesignationDescriptor({ valid: true, designatorTypes: [2, 3], associations: [0], maxDesignatorLength: 20 })
    : arbDesignationDescriptor({ maxDesignatorLength: 20 });
  return fc
    .record(
      {
        luIdType: fc.integer({ min: 0, max: 3 }),
        peripheralDeviceType: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 31 })),
        relativeInitiatorPortIdentifier: fc.integer({ min: 0, max: 0xffff }),
        designationDescriptor,
        pad: fc.boolean(),
        fixed: fc.boolean(),
        diskBlockLength: fc.oneof(fc.constantFrom(0, 512, 4096, 0xffffff), fc.integer({ min: 0, max: 0xffffff })),
      },
      { noNullPrototype: true },
    )
    .map((c) => (valid && c.peripheralDeviceType !== 1 ? { ...c, fixed: false } : c));
}

function arbBlockData(): fc.Arbitrary<BlockDeviceRodTokenData> {
  return fc.record(
    {
      kind: fc.constant('blockDevice' as const),
      logicalBlockLength: fc.oneof(fc.constantFrom(512, 4096, 0, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff })),
      pType: fc.integer({ min: 0, max: 7 }),
      protEn: fc.boolean(),
      pIExponent: fc.integer({ min: 0, max: 15 }),
      logicalBlocksPerPhysicalBlockExponent: fc.integer({ min: 0, max: 15 }),
      lbpme: fc.boolean(),
      lbprz: fc.boolean(),
      lowestAlignedLogicalBlockAddress: fc.integer({ min: 0, max: 0x3fff }),
    },
    { noNullPrototype: true },
  );
}

function arbBytesRepresented(valid: boolean): fc.Arbitrary<bigint> {
  const any = fc.oneof(
    fc.constantFrom(0n, 1n, U64_MAX, U128_MAX, 0x1_0000_0000n),
    fc.bigInt({ min: 0n, max: U64_MAX }),
    fc.bigInt({ min: 0n, max: U128_MAX }),
  );
  const clean = any.filter((n) => !(n >> 64n !== 0n && (n & U64_MAX) === 0n));
  if (valid) return clean;
  // The QNAP pattern: a u64 in bytes 48-55, bytes 56-63 zero.
  return fc.oneof(
    clean,
    fc.bigInt({ min: 1n, max: U64_MAX }).map((n) => n << 64n),
  );
}

function arbBody(valid: boolean): fc.Arbitrary<RodTokenBody> {
  return fc
    .tuple(
      fc.bigInt({ min: 0n, max: U64_MAX }),
      fc.option(arbIdentificationDescriptorCscd({ valid }), { nil: undefined, freq: 5 }),
      arbBytesRepresented(valid),
    )
    .map(([copyManagerRodTokenIdentifier, creator, numberOfBytesRepresented]) =>
      creator === undefined
        ? { copyManagerRodTokenIdentifier, numberOfBytesRepresented }
        : { copyManagerRodTokenIdentifier, creatorLogicalUnitDescriptor: creator, numberOfBytesRepresented },
    );
}

function arbGeneric(valid: boolean): fc.Arbitrary<GenericRodToken> {
  const target = valid
    ? arbDesignationDescriptor({ valid: true, designatorTypes: [2, 3, 8], associations: [2] })
    : arbDesignationDescriptor();
  return fc
    .tuple(
      fc.constantFrom(...GENERIC_TYPES),
      valid ? fc.constant(null) : fc.option(badLength, { nil: null, freq: 3 }),
      arbBody(valid),
      target,
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      arbBlockData(),
    )
    .chain(([rodType, len, body, targetDeviceDescriptor, raw, block]) => {
      const pdt0 = body.creatorLogicalUnitDescriptor?.peripheralDeviceType === 0;
      const deviceTypeSpecificData: RodTokenDeviceTypeSpecificData = pdt0 ? block : { kind: 'raw', bytes: raw };
      const n = 512 - 132 - targetDeviceDescriptor.designator.length;
      return fc.uint8Array({ minLength: n, maxLength: n }).map(
        (extendedRodTokenData): GenericRodToken =>
          withLength(
            {
              kind: 'generic',
              rodType,
              ...body,
              deviceTypeSpecificData,
              targetDeviceDescriptor,
              extendedRodTokenData,
            },
            len,
          ),
      );
    });
}

function arbZero(valid: boolean): fc.Arbitrary<BlockDeviceZeroRodToken> {
  if (valid) return fc.constant(BLOCK_DEVICE_ZERO_ROD_TOKEN);
  return fc
    .tuple(
      fc.option(badLength, { nil: null, freq: 2 }),
      fc.option(
        fc.tuple(fc.uint8Array({ minLength: 504, maxLength: 504 }), fc.integer({ min: 0, max: 503 })).map(([b, i]) => {
          b[i] = (b[i] as number) | 1;
          return b;
        }),
        { nil: null, freq: 2 },
      ),
    )
    .map(([len, data]) => {
      const base = withLength<BlockDeviceZeroRodToken>(BLOCK_DEVICE_ZERO_ROD_TOKEN, len);
      return data === null ? base : { ...base, reservedData: data };
    });
}

const vendorType = fc.integer({ min: 0xffff_fff0, max: 0xffff_ffff });
const opaqueType = fc.oneof(
  vendorType,
  fc.constantFrom(
    0,
    1,
    0xffff,
    0x0001_0001,
    0x0080_0004,
    0x0080_ffff,
    0xff00_0000,
    0xffff_0000,
    0xffff_0002,
    0xffff_ffef,
  ),
  fc
    .integer({ min: 0, max: 0xffff_ffff })
    .filter((t) => t !== ROD_TYPE.BLOCK_DEVICE_ZERO && !GENERIC_TYPES.includes(t as (typeof GENERIC_TYPES)[number])),
);

function arbOpaque(valid: boolean): fc.Arbitrary<OpaqueRodToken> {
  return fc
    .tuple(
      valid ? vendorType : opaqueType,
      fc.oneof(fc.uint8Array({ minLength: 504, maxLength: 504 }), fc.uint8Array({ maxLength: 600 })),
      valid ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: null, freq: 3 }),
    )
    .map(([rodType, body, len]) =>
      withLength<OpaqueRodToken>({ kind: 'opaque', rodType, bytes: body }, len === body.length ? null : len),
    );
}

/**
 * Arbitrary ROD token of every class: generic (all five generic ROD types, creator descriptors
 * of each designator type, target device descriptors of type 2h/3h/8h and others), the block
 * device zero token, vendor specific and reserved/unknown types (opaque).
 *
 * @remarks Since 0.1.0
 */
export function arbRodToken(options?: ArbRodTokenOptions): fc.Arbitrary<RodToken> {
  const valid = options?.valid === true;
  return fc.oneof({ arbitrary: arbGeneric(valid), weight: 4 }, arbZero(valid), arbOpaque(valid));
}

/**
 * Arbitrary 96-byte ROD management token (generic or opaque).
 *
 * @remarks Since 0.1.0
 */
export function arbRodManagementToken(options?: ArbRodTokenOptions): fc.Arbitrary<RodManagementToken> {
  const valid = options?.valid === true;
  const len = valid ? fc.constant(null) : fc.option(badLength, { nil: null, freq: 3 });
  const generic = fc
    .tuple(fc.constantFrom(...GENERIC_TYPES), len, arbBody(valid))
    .map(([rodType, l, body]): RodManagementToken => withLength({ kind: 'generic', rodType, ...body }, l));
  const opaque = fc
    .tuple(
      valid ? vendorType : fc.oneof(opaqueType, fc.constant(ROD_TYPE.BLOCK_DEVICE_ZERO)),
      len,
      fc.uint8Array({ minLength: 88, maxLength: 88 }),
    )
    .map(([rodType, l, body]): RodManagementToken => withLength({ kind: 'opaque', rodType, bytes: body }, l));
  return fc.oneof({ arbitrary: generic, weight: 3 }, opaque);
}
