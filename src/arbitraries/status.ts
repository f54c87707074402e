/**
 * fast-check arbitraries for the third-party copy status data (RRTI, RECEIVE COPY STATUS / DATA /
 * OPERATING PARAMETERS / FAILURE DETAILS, REPORT ALL ROD TOKENS).
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { CopyDataLid1 } from '../status/receive-copy-data-lid1.js';
import type { CopyOperatingParameters } from '../status/receive-copy-operating-parameters.js';
import type { CopyStatusLid1 } from '../status/receive-copy-status-lid1.js';
import type { AllRodTokens } from '../status/report-all-rod-tokens.js';
import { arbUint } from './cdb.js';

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
