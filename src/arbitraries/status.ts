/**
 * fast-check arbitraries for the third-party copy status data (RRTI, RECEIVE COPY STATUS / DATA /
 * OPERATING PARAMETERS / FAILURE DETAILS, REPORT ALL ROD TOKENS).
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { CopyDataLid1 } from '../status/receive-copy-data-lid1.js';
import type { CopyDataLid4 } from '../status/receive-copy-data-lid4.js';
import type { CopyFailureDetailsLid1 } from '../status/receive-copy-failure-details-lid1.js';
import type { CopyOperatingParameters } from '../status/receive-copy-operating-parameters.js';
import type { CopyStatusLid1 } from '../status/receive-copy-status-lid1.js';
import type { CopyStatusLid4 } from '../status/receive-copy-status-lid4.js';
import type { RodTokenDescriptor, RodTokenInformation } from '../status/receive-rod-token-information.js';
import type { AllRodTokens } from '../status/report-all-rod-tokens.js';
import { arbU64, arbUint } from './cdb.js';
import { arbSenseData } from './sense.js';

const opts = { noNullPrototype: true } as const;

/** COPY OPERATION STATUS: defined codes plus reserved ones (7 bits). @remarks Since 0.1.0 */
export function arbCopyOperationStatus(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0x01, 0x02, 0x03, 0x04, 0x10, 0x11, 0x12, 0x60), arbUint(7));
}
/** TRANSFER COUNT UNITS: defined codes plus reserved ones. @remarks Since 0.1.0 */
export function arbTransferCountUnits(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xf1), arbUint(8));
}

/** RECEIVE COPY OPERATING PARAMETERS data; 0 to 255 ascending type codes. @remarks Since 0.1.0 */
export function arbCopyOperatingParameters(): fc.Arbitrary<CopyOperatingParameters> {
  return fc.record(
    {
      snlid: fc.boolean(),
      maximumCscdDescriptorCount: arbUint(16),
      maximumSegmentDescriptorCount: arbUint(16),
      maximumDescriptorListLength: arbUint(32),
      maximumSegmentLength: arbUint(32),
      maximumInlineDataLength: arbUint(32),
      heldDataLimit: arbUint(32),
      maximumStreamDeviceTransferSize: arbUint(32),
      totalConcurrentCopies: arbUint(16),
      maximumConcurrentCopies: arbUint(8),
      dataSegmentGranularity: arbUint(8),
      inlineDataGranularity: arbUint(8),
      heldDataGranularity: arbUint(8),
      implementedDescriptorTypeCodes: fc.oneof(
        fc.uniqueArray(arbUint(8), { maxLength: 24 }).map((a) => a.sort((x, y) => x - y)),
        fc.constant(Array.from({ length: 255 }, (_, i) => i)),
      ),
    },
    opts,
  );
}

/** REPORT ALL ROD TOKENS data: 0 to a few 96-byte management tokens. @remarks Since 0.1.0 */
export function arbAllRodTokens(): fc.Arbitrary<AllRodTokens> {
  return fc.record(
    { rodManagementTokens: fc.array(fc.uint8Array({ minLength: 96, maxLength: 96 }), { maxLength: 4 }) },
    opts,
  );
}

/** RECEIVE COPY STATUS (LID1) data. @remarks Since 0.1.0 */
export function arbCopyStatusLid1(): fc.Arbitrary<CopyStatusLid1> {
  return fc.record(
    {
      hdd: fc.boolean(),
      copyCommandStatus: fc.oneof(fc.constantFrom(0, 1, 2), arbUint(7)),
      segmentsProcessed: arbUint(16),
      transferCountUnits: arbTransferCountUnits(),
      transferCount: arbUint(32),
    },
    opts,
  );
}

/** RECEIVE COPY DATA (LID1) data: empty or some held data. @remarks Since 0.1.0 */
export function arbCopyDataLid1(): fc.Arbitrary<CopyDataLid1> {
  return fc.record({ heldData: fc.uint8Array({ maxLength: 64 }) }, opts);
}

/** The shared RRTI / RECEIVE COPY STATUS (LID4) / RECEIVE COPY DATA (LID4) header fields. @internal */
function copyStatusHeaderFields() {
  return {
    responseToServiceAction: fc.oneof(fc.constantFrom(0x10, 0x11, 0x00, 0x01), arbUint(5)),
    copyOperationStatus: arbCopyOperationStatus(),
    operationCounter: arbUint(16),
    estimatedStatusUpdateDelay: fc.oneof(fc.constantFrom(0xffff_fffe, 0xffff_ffff), arbUint(32)),
    extendedCopyCompletionStatus: fc.oneof(fc.constantFrom(0x00, 0x02, 0x40), arbUint(8)),
    senseData: fc.option(arbSenseData(), { nil: undefined, freq: 2 }),
    transferCountUnits: arbTransferCountUnits(),
    transferCount: arbU64(),
    segmentsProcessed: arbUint(16),
  };
}

/**
 * A raw ROD token whose ROD TOKEN LENGTH (bytes 6-7) matches its size: usually 512 bytes (01F8h),
 * sometimes another size (8..80 bytes) to exercise the descriptor walk.
 *
 * @remarks Since 0.1.0
 */
export function arbRawRodTokenWithLength(): fc.Arbitrary<Uint8Array> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.uint8Array({ minLength: 512, maxLength: 512 }) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 8, maxLength: 80 }) },
    )
    .map((b) => {
      b[6] = (b.length - 8) >> 8;
      b[7] = (b.length - 8) & 0xff;
      return b;
    });
}

/** A ROD token descriptor. @remarks Since 0.1.0 */
export function arbRodTokenDescriptor(): fc.Arbitrary<RodTokenDescriptor> {
  return fc.record(
    { idForCreatingRodCscdDescriptor: fc.oneof(fc.constant(0), arbUint(16)), rodToken: arbRawRodTokenWithLength() },
    opts,
  );
}

/** RRTI parameter data: 0 to 3 ROD token descriptors, with or without sense data. @remarks Since 0.1.0 */
export function arbRodTokenInformation(): fc.Arbitrary<RodTokenInformation> {
  return fc.record(
    { ...copyStatusHeaderFields(), rodTokenDescriptors: fc.array(arbRodTokenDescriptor(), { maxLength: 3 }) },
    opts,
  );
}

/** RECEIVE COPY STATUS (LID4) parameter data. @remarks Since 0.1.0 */
export function arbCopyStatusLid4(): fc.Arbitrary<CopyStatusLid4> {
  return fc.record(copyStatusHeaderFields(), opts);
}

/** RECEIVE COPY DATA (LID4) parameter data. @remarks Since 0.1.0 */
export function arbCopyDataLid4(): fc.Arbitrary<CopyDataLid4> {
  return fc.record(
    { ...copyStatusHeaderFields(), hdd: fc.boolean(), heldData: fc.uint8Array({ maxLength: 64 }) },
    opts,
  );
}

/** RECEIVE COPY FAILURE DETAILS (LID1) data. @remarks Since 0.1.0 */
export function arbCopyFailureDetailsLid1(): fc.Arbitrary<CopyFailureDetailsLid1> {
  return fc.record(
    {
      extendedCopyCommandStatus: fc.oneof(fc.constantFrom(0x00, 0x02), arbUint(8)),
      senseData: fc.option(arbSenseData(), { nil: undefined, freq: 2 }),
    },
    opts,
  );
}
