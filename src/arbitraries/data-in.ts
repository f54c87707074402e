/**
 * fast-check arbitraries for the data-in structures: standard INQUIRY data, READ CAPACITY (16)
 * parameter data, REPORT LUNS parameter data.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type KnownModePage,
  MODE_PAGE_LAYOUTS,
  type ModeBlockDescriptor,
  type ModePage,
  type UnknownModePage,
} from '../data-in/mode-pages.js';
import type { ModeParameterData6, ModeParameterData10 } from '../data-in/mode-parameters.js';
import type { ReadCapacity10ParameterData } from '../data-in/read-capacity-10-parameter-data.js';
import type { ReadCapacity16ParameterData } from '../data-in/read-capacity-16-parameter-data.js';
import type { ReportLunsParameterData } from '../data-in/report-luns-parameter-data.js';
import type {
  AllCommandsParameterData,
  CommandTimeoutsDescriptor,
  OneCommandParameterData,
} from '../data-in/report-supported-operation-codes-parameter-data.js';
import type {
  ReportTargetPortGroupsParameterData,
  TargetPortGroupDescriptor,
} from '../data-in/report-target-port-groups-parameter-data.js';
import type { StandardInquiryData } from '../data-in/standard-inquiry-data.js';
import { arbU64, arbUint } from './cdb.js';

const opts = { noNullPrototype: true } as const;

/** A fixed-length ASCII field: printable characters (20h-7Eh), space padded or full. */
function arbAsciiField(length: number): fc.Arbitrary<string> {
  const ch = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
  return fc.oneof(
    fc.constant(' '.repeat(length)),
    fc.constant('~'.repeat(length)),
    fc.array(ch, { minLength: 0, maxLength: length }).map((a) => a.join('').padEnd(length, ' ')),
  );
}

/** The optional tail of standard INQUIRY data (bytes 36-n), in one of its canonical shapes. */
function arbInquiryTail(): fc.Arbitrary<
  Pick<StandardInquiryData, 'vendorSpecific' | 'versionDescriptors' | 'vendorSpecificParameters'>
> {
  const vs20 = fc.uint8Array({ minLength: 20, maxLength: 20 });
  const vd = fc.oneof(fc.constantFrom(0x0000, 0x00c0, 0x0460, 0x04c0, 0x0600, 0xffff), arbUint(16));
  return fc.oneof(
    fc.constant({}),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map((vendorSpecific) => ({ vendorSpecific })),
    fc
      .tuple(vs20, fc.array(vd, { minLength: 1, maxLength: 8 }))
      .map(([vendorSpecific, versionDescriptors]) => ({ vendorSpecific, versionDescriptors })),
    fc
      .tuple(
        vs20,
        fc.array(vd, { minLength: 8, maxLength: 8 }),
        fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 32 }), fc.uint8Array({ minLength: 164, maxLength: 164 })),
      )
      .map(([vendorSpecific, versionDescriptors, vendorSpecificParameters]) => ({
        vendorSpecific,
        versionDescriptors,
        vendorSpecificParameters,
      })),
  );
}

/**
 * Standard INQUIRY data: every field over its whole range (reserved PERIPHERAL QUALIFIER, DEVICE
 * TYPE, RESPONSE DATA FORMAT, TPGS and HOT PLUGGABLE codes included), every tail shape from 36 bytes to the
 * 260-byte maximum.
 *
 * @remarks Since 0.1.0
 */
export function arbStandardInquiryData(): fc.Arbitrary<StandardInquiryData> {
  return fc
    .tuple(
      fc.record(
        {
          peripheralQualifier: fc.oneof(fc.constantFrom(0, 1, 3), arbUint(3)),
          peripheralDeviceType: fc.oneof(fc.constantFrom(0x00, 0x01, 0x05, 0x0d, 0x1e, 0x1f), arbUint(5)),
          rmb: fc.boolean(),
          luCong: fc.boolean(),
          hotPluggable: arbUint(2),
          version: fc.oneof(fc.constantFrom(0x00, 0x05, 0x06, 0x07), arbUint(8)),
          normaca: fc.boolean(),
          hisup: fc.boolean(),
          responseDataFormat: fc.oneof(fc.constant(2), arbUint(4)),
          sccs: fc.boolean(),
          acc: fc.boolean(),
          tpgs: arbUint(2),
          threePc: fc.boolean(),
          protect: fc.boolean(),
          encserv: fc.boolean(),
          vs1: fc.boolean(),
          multip: fc.boolean(),
          cmdque: fc.boolean(),
          vs2: fc.boolean(),
          t10VendorIdentification: arbAsciiField(8),
          productIdentification: arbAsciiField(16),
          productRevisionLevel: arbAsciiField(4),
        },
        opts,
      ),
      arbInquiryTail(),
    )
    .map(([fixed, tail]) => ({ ...fixed, ...tail }));
}

/**
 * READ CAPACITY (16) parameter data: every field over its whole range (reserved RC BASIS codes
 * 2-3, P_TYPE 3-7, 14-bit LOWEST ALIGNED LOGICAL BLOCK ADDRESS maximum included).
 *
 * @remarks Since 0.1.0
 */
export function arbReadCapacity16ParameterData(): fc.Arbitrary<ReadCapacity16ParameterData> {
  return fc.record(
    {
      returnedLogicalBlockAddress: arbU64(),
      logicalBlockLengthInBytes: fc.oneof(fc.constantFrom(512, 520, 4096, 4160), arbUint(32)),
      rcBasis: arbUint(2),
      pType: arbUint(3),
      protEn: fc.boolean(),
      pIExponent: arbUint(4),
      logicalBlocksPerPhysicalBlockExponent: arbUint(4),
      lbpme: fc.boolean(),
      lbprz: fc.boolean(),
      lowestAlignedLogicalBlockAddress: arbUint(14),
    },
    opts,
  );
}

/** One 8-byte LUN: simple forms, the REPORT LUNS well-known LUN, extremes and any 64-bit value. */
function arbLun(): fc.Arbitrary<bigint> {
  return fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((n) => BigInt(n) << 48n),
    fc.integer({ min: 0, max: 0x3fff }).map((n) => BigInt(0x4000 | n) << 48n),
    fc.constantFrom(0xc101_0000_0000_0000n, 0n, (1n << 64n) - 1n),
    arbU64(),
  );
}

/**
 * REPORT LUNS parameter data: an empty list, short lists and a long one (up to 1024 LUNs).
 *
 * @remarks Since 0.1.0
 */
export function arbReportLunsParameterData(): fc.Arbitrary<ReportLunsParameterData> {
  return fc.record(
    {
      luns: fc.oneof(
        fc.constant([]),
        fc.array(arbLun(), { minLength: 1, maxLength: 16 }),
        fc.array(arbLun(), { minLength: 1024, maxLength: 1024 }),
      ),
    },
    opts,
  );
}

/**
 * READ CAPACITY (10) parameter data: both fields over their whole range (FFFFFFFFh included).
 *
 * @remarks Since 0.2.0
 */
export function arbReadCapacity10ParameterData(): fc.Arbitrary<ReadCapacity10ParameterData> {
  return fc.record(
    {
      returnedLogicalBlockAddress: arbUint(32),
      logicalBlockLengthInBytes: fc.oneof(fc.constantFrom(512, 4096), arbUint(32)),
    },
    opts,
  );
}

/** One known mode page: every field of its layout over its whole range. */
function arbKnownModePage(): fc.Arbitrary<KnownModePage> {
  return fc.oneof(
    ...[...MODE_PAGE_LAYOUTS.values()].map((layout) => {
      const fields: Record<string, fc.Arbitrary<unknown>> = { kind: fc.constant(layout.kind), ps: fc.boolean() };
      for (const f of layout.fields) {
        fields[f.name] = 'bit' in f ? fc.boolean() : arbUint('hi' in f ? f.hi - f.lo + 1 : f.bytes * 8);
      }
      return fc.record(fields, opts) as unknown as fc.Arbitrary<KnownModePage>;
    }),
  );
}

/** A mode page kept raw: page_0 or sub_page format, never one the decoder would read into fields. */
function arbUnknownModePage(): fc.Arbitrary<UnknownModePage> {
  const page0 = fc.record(
    {
      kind: fc.constant('unknown' as const),
      ps: fc.boolean(),
      spf: fc.constant(false),
      pageCode: arbUint(6),
      subpageCode: fc.constant(0),
      bytes: fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.uint8Array({ minLength: 255, maxLength: 255 })),
    },
    opts,
  );
  const sub = fc.record(
    {
      kind: fc.constant('unknown' as const),
      ps: fc.boolean(),
      spf: fc.constant(true),
      pageCode: arbUint(6),
      subpageCode: arbUint(8),
      bytes: fc.uint8Array({ maxLength: 300 }),
    },
    opts,
  );
  return fc.oneof(page0, sub).filter((p) => p.spf || MODE_PAGE_LAYOUTS.get(p.pageCode)?.pageLength !== p.bytes.length);
}

/** Any mode page (known layouts and raw ones). @remarks Since 0.2.0 */
export function arbModePage(): fc.Arbitrary<ModePage> {
  return fc.oneof(arbKnownModePage(), arbUnknownModePage());
}

function arbBlockDescriptor(long: boolean): fc.Arbitrary<ModeBlockDescriptor> {
  return fc.record(
    {
      numberOfLogicalBlocks: long ? arbU64() : arbUint(32).map(BigInt),
      logicalBlockLength: fc.oneof(fc.constantFrom(512, 4096), arbUint(long ? 32 : 24)),
    },
    opts,
  );
}

const commonMode = (long: boolean, maxPages: number) => ({
  mediumType: arbUint(8),
  deviceSpecificParameter: arbUint(8),
  blockDescriptors: fc.array(arbBlockDescriptor(long), { maxLength: 2 }),
  modePages: fc.array(arbModePage(), { maxLength: maxPages }),
});

/**
 * MODE SENSE (6) parameter data that fits its 1-byte MODE DATA LENGTH: short block descriptors,
 * known and raw pages.
 *
 * @remarks Since 0.2.0
 */
export function arbModeParameterData6(): fc.Arbitrary<ModeParameterData6> {
  return fc.record(commonMode(false, 4), opts).filter((v) => {
    const pages = v.modePages.reduce(
      (n, p) =>
        n +
        (p.kind === 'unknown'
          ? (p.spf ? 4 : 2) + p.bytes.length
          : 2 + (MODE_PAGE_LAYOUTS.get(pageCodeOf(p))?.pageLength ?? 0)),
      0,
    );
    return 4 + 8 * v.blockDescriptors.length + pages <= 256;
  });
}

function pageCodeOf(p: KnownModePage): number {
  for (const l of MODE_PAGE_LAYOUTS.values()) if (l.kind === p.kind) return l.pageCode;
  return -1;
}

/**
 * MODE SENSE (10) parameter data: short or long block descriptors, known and raw pages.
 *
 * @remarks Since 0.2.0
 */
export function arbModeParameterData10(): fc.Arbitrary<ModeParameterData10> {
  return fc.boolean().chain((longLba) => fc.record({ ...commonMode(longLba, 5), longLba: fc.constant(longLba) }, opts));
}

function withOptional<T extends object, K extends string, V>(
  base: fc.Arbitrary<T>,
  key: K,
  value: fc.Arbitrary<V>,
): fc.Arbitrary<T | (T & Record<K, V>)> {
  return fc
    .tuple(base, fc.option(value, { nil: undefined }))
    .map(([b, v]) => (v === undefined ? b : ({ ...b, [key]: v } as T & Record<K, V>)));
}

function arbCommandTimeouts(): fc.Arbitrary<CommandTimeoutsDescriptor> {
  return fc.record(
    {
      commandSpecific: arbUint(8),
      nominalCommandProcessingTimeout: arbUint(32),
      recommendedCommandTimeout: arbUint(32),
    },
    opts,
  );
}

/**
 * REPORT SUPPORTED OPERATION CODES all_commands parameter data: descriptors with and without
 * command timeouts descriptors, every flag, empty lists.
 *
 * @remarks Since 0.2.0
 */
export function arbAllCommandsParameterData(): fc.Arbitrary<AllCommandsParameterData> {
  const d = fc.record(
    {
      operationCode: arbUint(8),
      serviceAction: arbUint(16),
      servactv: fc.boolean(),
      rwcdlp: fc.boolean(),
      mlu: arbUint(2),
      cdlp: arbUint(2),
      cdbLength: fc.oneof(fc.constantFrom(6, 10, 12, 16, 32), arbUint(16)),
    },
    opts,
  );
  return fc.record(
    { commandDescriptors: fc.array(withOptional(d, 'commandTimeouts', arbCommandTimeouts()), { maxLength: 24 }) },
    opts,
  );
}

/**
 * REPORT SUPPORTED OPERATION CODES one_command parameter data: every SUPPORT value, usage data of
 * 0 to 32 bytes, with and without a command timeouts descriptor.
 *
 * @remarks Since 0.2.0
 */
export function arbOneCommandParameterData(): fc.Arbitrary<OneCommandParameterData> {
  const base = fc.record(
    {
      rwcdlp: fc.boolean(),
      mlu: arbUint(2),
      cdlp: arbUint(2),
      support: arbUint(3),
      cdbUsageData: fc.uint8Array({ maxLength: 32 }),
    },
    opts,
  );
  return withOptional(base, 'commandTimeouts', arbCommandTimeouts());
}

function arbTargetPortGroupDescriptor(): fc.Arbitrary<TargetPortGroupDescriptor> {
  return fc.record(
    {
      pref: fc.boolean(),
      asymmetricAccessState: fc.oneof(fc.constantFrom(0x0, 0x1, 0x2, 0x3, 0x4, 0xe, 0xf), arbUint(4)),
      tSup: fc.boolean(),
      oSup: fc.boolean(),
      lbdSup: fc.boolean(),
      uSup: fc.boolean(),
      sSup: fc.boolean(),
      anSup: fc.boolean(),
      aoSup: fc.boolean(),
      targetPortGroup: arbUint(16),
      statusCode: fc.oneof(fc.constantFrom(0, 1, 2), arbUint(8)),
      vendorSpecific: arbUint(8),
      relativeTargetPortIdentifiers: fc.oneof(
        fc.array(arbUint(16), { maxLength: 4 }),
        fc.array(arbUint(16), { minLength: 255, maxLength: 255 }),
      ),
    },
    opts,
  );
}

/**
 * REPORT TARGET PORT GROUPS parameter data in both formats: no groups, several, a group with 255
 * ports, every access state (reserved codes too).
 *
 * @remarks Since 0.2.0
 */
export function arbReportTargetPortGroupsParameterData(): fc.Arbitrary<ReportTargetPortGroupsParameterData> {
  const list = fc.array(arbTargetPortGroupDescriptor(), { maxLength: 4 });
  return fc.oneof(
    fc.record({ parameterDataFormat: fc.constant(0 as const), targetPortGroupDescriptors: list }, opts),
    fc.record(
      {
        parameterDataFormat: fc.constant(1 as const),
        implicitTransitionTime: arbUint(8),
        targetPortGroupDescriptors: list,
      },
      opts,
    ),
  );
}
