/**
 * fast-check arbitraries for sense data (shipped as the `scsi-odx/arbitraries` subpath).
 *
 * They reach every descriptor type (including reserved and vendor-specific types kept raw), zero
 * descriptors, the 252-byte maximum, nested forwarded sense data and every sense-key-specific
 * variant. Generated values are canonical: `decodeSenseData(encodeSenseData(x))` equals `x`, also
 * in strict mode.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type DescriptorSenseData,
  encodedSenseDataLength,
  type FixedSenseData,
  MAX_SENSE_DATA_LENGTH,
  type SenseData,
  type SenseDataDescriptor,
  type UserDataSegmentReferral,
} from '../sense/sense-data.js';
import { type SenseKeySpecific, senseKeySpecificKind } from '../sense/sense-key-specific.js';
import { arbDesignationDescriptor } from './designation.js';

const u8 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xff });
const u16 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffff });
const u32 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffff_ffff });
const u64 = (): fc.Arbitrary<bigint> => fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const senseKeyArb = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 15 });
const rec = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { noNullPrototype: true });
const bytes = (maxLength: number): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.uint8Array({ maxLength: Math.min(maxLength, 24) }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: maxLength, maxLength }) },
  );

/**
 * SENSE KEY SPECIFIC field of the variant `senseKey` selects (every variant is reachable through
 * the sense keys 0-15).
 *
 * @remarks Since 0.1.0
 */
export function arbSenseKeySpecific(senseKey: number): fc.Arbitrary<SenseKeySpecific> {
  const sksv = fc.boolean();
  switch (senseKeySpecificKind(senseKey)) {
    case 'fieldPointer':
      return rec({
        kind: fc.constant('fieldPointer' as const),
        sksv,
        commandData: fc.boolean(),
        bitPointerValid: fc.boolean(),
        bitPointer: fc.integer({ min: 0, max: 7 }),
        fieldPointer: u16(),
      });
    case 'actualRetryCount':
      return rec({ kind: fc.constant('actualRetryCount' as const), sksv, actualRetryCount: u16() });
    case 'progressIndication':
      return rec({ kind: fc.constant('progressIndication' as const), sksv, progressIndication: u16() });
    case 'segmentPointer':
      return rec({
        kind: fc.constant('segmentPointer' as const),
        sksv,
        segmentDescriptor: fc.boolean(),
        bitPointerValid: fc.boolean(),
        bitPointer: fc.integer({ min: 0, max: 7 }),
        fieldPointer: u16(),
      });
    case 'unitAttentionQueueOverflow':
      return rec({ kind: fc.constant('unitAttentionQueueOverflow' as const), sksv, overflow: fc.boolean() });
    default:
      return rec({ kind: fc.constant('raw' as const), sksv, value: fc.integer({ min: 0, max: 0x7fffff }) });
  }
}

/**
 * Fixed-format sense data (70h/71h), 18 to 252 bytes.
 *
 * @remarks Since 0.1.0
 */
export function arbFixedSenseData(): fc.Arbitrary<FixedSenseData> {
  return senseKeyArb().chain((senseKey) =>
    rec<FixedSenseData>({
      kind: fc.constant('fixed' as const),
      responseCode: fc.constantFrom(0x70 as const, 0x71 as const),
      valid: fc.boolean(),
      segmentNumber: u8(),
      filemark: fc.boolean(),
      eom: fc.boolean(),
      ili: fc.boolean(),
      sdatOvfl: fc.boolean(),
      senseKey: fc.constant(senseKey),
      information: u32(),
      commandSpecificInformation: u32(),
      additionalSenseCode: u8(),
      additionalSenseCodeQualifier: u8(),
      fieldReplaceableUnitCode: u8(),
      senseKeySpecific: arbSenseKeySpecific(senseKey),
      additionalSenseBytes: bytes(MAX_SENSE_DATA_LENGTH - 18),
    }),
  );
}

function arbReferral(): fc.Arbitrary<UserDataSegmentReferral> {
  return rec<UserDataSegmentReferral>({
    firstUserDataSegmentLba: u64(),
    lastUserDataSegmentLba: u64(),
    targetPortGroups: fc.array(
      rec({ asymmetricAccessState: fc.integer({ min: 0, max: 15 }), targetPortGroup: u16() }),
      { maxLength: 4 },
    ),
  });
}

/** One descriptor of any type; `senseKey` selects the SKS variants, `depth` bounds forwarded nesting. */
function arbDescriptor(senseKey: number, depth: number): fc.Arbitrary<SenseDataDescriptor> {
  const arbs: fc.Arbitrary<SenseDataDescriptor>[] = [
    rec({ kind: fc.constant('information' as const), valid: fc.boolean(), information: u64() }),
    rec({ kind: fc.constant('commandSpecificInformation' as const), commandSpecificInformation: u64() }),
    rec({ kind: fc.constant('senseKeySpecific' as const), senseKeySpecific: arbSenseKeySpecific(senseKey) }),
    rec({ kind: fc.constant('fieldReplaceableUnit' as const), fieldReplaceableUnitCode: u8() }),
    rec({ kind: fc.constant('streamCommands' as const), filemark: fc.boolean(), eom: fc.boolean(), ili: fc.boolean() }),
    rec({ kind: fc.constant('blockCommands' as const), ili: fc.boolean() }),
    rec({
      kind: fc.constantFrom(
        'osdObjectIdentification' as const,
        'osdResponseIntegrityCheckValue' as const,
        'osdAttributeIdentification' as const,
      ),
      bytes: bytes(40),
    }),
    rec({
      kind: fc.constant('ataStatusReturn' as const),
      extend: fc.boolean(),
      error: u8(),
      count: u16(),
      lba: fc
        .tuple(fc.integer({ min: 0, max: 0xffffff }), fc.integer({ min: 0, max: 0xffffff }))
        .map(([hi, lo]) => hi * 0x1000000 + lo),
      device: u8(),
      status: u8(),
    }),
    rec({
      kind: fc.constant('anotherProgressIndication' as const),
      senseKey: senseKeyArb(),
      additionalSenseCode: u8(),
      additionalSenseCodeQualifier: u8(),
      progressIndication: u16(),
    }),
    rec({
      kind: fc.constant('userDataSegmentReferral' as const),
      notAllR: fc.boolean(),
      userDataSegmentReferrals: fc.array(arbReferral(), { maxLength: 3 }),
    }),
    rec({
      kind: fc.constant('directAccessBlockDevice' as const),
      valid: fc.boolean(),
      ili: fc.boolean(),
      senseKeySpecific: arbSenseKeySpecific(senseKey),
      fieldReplaceableUnitCode: u8(),
      information: u64(),
      commandSpecificInformation: u64(),
    }),
    rec({
      kind: fc.constant('deviceDesignation' as const),
      usageReason: u8(),
      designationDescriptor: arbDesignationDescriptor({ valid: true, maxDesignatorLength: 40 }),
    }),
    rec({ kind: fc.constant('microcodeActivation' as const), microcodeActivationTime: u16() }),
    rec({
      kind: fc.constant('unknown' as const),
      descriptorType: fc.oneof(fc.integer({ min: 0x10, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })),
      bytes: bytes(MAX_SENSE_DATA_LENGTH - 10),
    }),
  ];
  arbs.push(
    rec({
      kind: fc.constant('forwardedSenseData' as const),
      forwardedSenseDataTruncated: fc.boolean(),
      senseDataSource: fc.integer({ min: 0, max: 15 }),
      forwardedStatus: u8(),
      senseData:
        depth <= 0
          ? fc.constant(new Uint8Array(0))
          : fc.oneof(
              { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
              { weight: 4, arbitrary: senseDataAt(depth - 1) },
            ),
    }),
  );
  return fc.oneof(...arbs);
}

/** Keep the first descriptors that fit the 252-byte limit. */
function fit(s: DescriptorSenseData): DescriptorSenseData {
  const kept: SenseDataDescriptor[] = [];
  let n = 8;
  for (const d of s.descriptors) {
    const len = encodedSenseDataLength({ ...s, descriptors: [d] }) - 8;
    if (n + len > MAX_SENSE_DATA_LENGTH) continue;
    kept.push(d);
    n += len;
  }
  return kept.length === s.descriptors.length ? s : { ...s, descriptors: kept };
}

function descriptorSenseAt(depth: number): fc.Arbitrary<DescriptorSenseData> {
  return senseKeyArb()
    .chain((senseKey) =>
      rec<DescriptorSenseData>({
        kind: fc.constant('descriptor' as const),
        responseCode: fc.constantFrom(0x72 as const, 0x73 as const),
        senseKey: fc.constant(senseKey),
        additionalSenseCode: u8(),
        additionalSenseCodeQualifier: u8(),
        sdatOvfl: fc.boolean(),
        descriptors: fc.array(arbDescriptor(senseKey, depth), { maxLength: 8 }),
      }),
    )
    .map(fit);
}

function senseDataAt(depth: number): fc.Arbitrary<SenseData> {
  return fc.oneof(arbFixedSenseData(), descriptorSenseAt(depth));
}

/**
 * Descriptor-format sense data (72h/73h), at most 252 bytes, every descriptor type reachable,
 * forwarded sense nested up to two levels.
 *
 * @remarks Since 0.1.0
 */
export function arbDescriptorSenseData(): fc.Arbitrary<DescriptorSenseData> {
  return descriptorSenseAt(2);
}

/**
 * Sense data of either format.
 *
 * @remarks Since 0.1.0
 */
export function arbSenseData(): fc.Arbitrary<SenseData> {
  return fc.oneof(arbFixedSenseData(), arbDescriptorSenseData());
}
