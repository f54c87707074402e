/**
 * Near-miss EXTENDED COPY parameter lists (LID1 and LID4): a structurally valid list with one
 * defect, and the response a copy manager following the device-server rule table gives, taken from
 * the device-server rule table, `DEVICE_SERVER_RULES` (rule ids `spc.extended-copy.*`). Field pointers count from the start
 * of the parameter list, except where the rule points into the CDB (PARAMETER LIST LENGTH), with
 * PARAMETER LIST LENGTH = the length of `bytes`.
 *
 * Limits are the reference copy manager's (its RECEIVE COPY OPERATING PARAMETERS): 16 CSCD
 * descriptors, 64 segment descriptors, no inline data; `too-many-cscd-descriptors` and
 * `inline-data` assume them.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { DeviceServerProfile } from '../conformance/profile.js';
import type { ConformingResponse } from '../conformance/replay.js';
import {
  type BlockToBlockSegmentDescriptor,
  type BlockToBlockWithOffsetsSegmentDescriptor,
  CSCD_DESCRIPTOR_LENGTH,
  EXTENDED_COPY_LID1_HEADER_LENGTH,
  EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH,
  EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_TYPE_CODE,
  EXTENDED_COPY_LID4_HEADER_LENGTH,
  EXTENDED_COPY_LID4_LIST_FORMAT,
  type ExtendedCopyListBody,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  type IdentificationCscdDescriptor,
  LIST_ID_USAGE,
} from '../parameter-list/extended-copy.js';
import type { RuleId } from '../rules/table.js';
import type { SenseData } from '../sense/index.js';
import { arbUint } from './cdb.js';
import { arbBlockToBlockSegmentDescriptor, arbBlockToBlockWithOffsetsSegmentDescriptor } from './extended-copy.js';
import { expectationFor, senseOfRule } from './rule-expectations.js';

/** The list formats near-misses are generated for. @remarks Since 0.2.0 */
export const XCOPY_NEAR_MISS_KINDS = ['extended-copy-params', 'extended-copy-lid4-params'] as const;

/** One of {@link XCOPY_NEAR_MISS_KINDS}: LID1 (83h/00h) or LID4 (83h/01h). @remarks Since 0.2.0 */
export type XcopyNearMissKind = (typeof XCOPY_NEAR_MISS_KINDS)[number];

/** Most CSCD descriptors the reference copy manager accepts (RECEIVE COPY OPERATING PARAMETERS). */
const MAX_CSCD = 16;

/**
 * One near-miss EXTENDED COPY parameter list.
 *
 * @remarks Since 0.2.0
 */
export interface XcopyNearMiss {
  /** The parameter list to send (PARAMETER LIST LENGTH = its length). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly kind: XcopyNearMissKind;
  /** Mutation name, e.g. `list-id-usage-reserved`, `unsupported-segment-type`. */
  readonly mutation: string;
  /** Where the defect is, in words. */
  readonly detail: string;
  /** `decoder`: strict decoding rejects the list; `target`: it decodes, only the copy manager refuses it. */
  readonly detectedBy: 'decoder' | 'target';
  /** The rule of `DEVICE_SERVER_RULES` the response comes from. */
  readonly rule: RuleId;
  /** The conforming responses (the rule's response first, then its alternatives). */
  readonly conforming: readonly ConformingResponse[];
  /** The sense data of the rule's response (CHECK CONDITION). */
  readonly expected: SenseData;
  /** Empty: the list itself is the data-out (as for the other parameter-list near-misses). */
  readonly dataOut: Uint8Array<ArrayBuffer>;
}

interface Format {
  readonly kind: XcopyNearMissKind;
  readonly header: number;
  /** Offsets of CSCD DESCRIPTOR LIST LENGTH, SEGMENT DESCRIPTOR LIST LENGTH, INLINE DATA LENGTH, LIST IDENTIFIER. */
  readonly cscdLength: number;
  readonly inlineLength: number;
  readonly listIdentifier: number;
  readonly encode: (
    body: ExtendedCopyListBody,
    listIdentifier: number,
    lid4: Partial<Lid4Header>,
  ) => Uint8Array<ArrayBuffer>;
}

interface Lid4Header {
  readonly listFormat: number;
  readonly headerCscdDescriptorListLength: number;
  readonly headerCscdDescriptorTypeCode: number;
  readonly immed: boolean;
}

/** SPC-4 table 172. */
const LID1: Format = {
  kind: 'extended-copy-params',
  header: EXTENDED_COPY_LID1_HEADER_LENGTH,
  cscdLength: 2,
  inlineLength: 12,
  listIdentifier: 0,
  encode: (body, listIdentifier) => encodeExtendedCopyLid1ParameterList({ ...body, listIdentifier }),
};

/** SPC-4 table 126. */
const LID4: Format = {
  kind: 'extended-copy-lid4-params',
  header: EXTENDED_COPY_LID4_HEADER_LENGTH,
  cscdLength: 42,
  inlineLength: 46,
  listIdentifier: 20,
  encode: (body, listIdentifier, h) =>
    encodeExtendedCopyLid4ParameterList({
      ...body,
      listIdentifier,
      listFormat: h.listFormat ?? EXTENDED_COPY_LID4_LIST_FORMAT,
      headerCscdDescriptorListLength:
        h.headerCscdDescriptorListLength ?? EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH,
      headerCscdDescriptorTypeCode:
        h.headerCscdDescriptorTypeCode ?? EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_TYPE_CODE,
      gSense: false,
      immed: h.immed ?? false,
    }),
};

/** An E4h CSCD descriptor a copy manager accepts (block device, NAA designator). */
function arbE4(): fc.Arbitrary<IdentificationCscdDescriptor> {
  return fc
    .tuple(fc.uint8Array({ minLength: 15, maxLength: 15 }), fc.constantFrom(0, 512, 4096), arbUint(16))
    .map(([rest, diskBlockLength, rpi]) => ({
      kind: 'identification' as const,
      luIdType: 0,
      peripheralDeviceType: 0,
      relativeInitiatorPortIdentifier: rpi,
      designationDescriptor: {
        protocolIdentifier: 0,
        codeSet: 1,
        piv: false,
        association: 0,
        designatorType: 3,
        // NAA 6 (IEEE registered extended): 16 bytes
        designator: Uint8Array.of(0x60 | ((rest[0] as number) & 0x0f), ...rest),
      },
      pad: false,
      fixed: false,
      diskBlockLength,
    }));
}

/** The valid list a near-miss starts from: E4h descriptors, 02h/0Ah segments, no inline data. */
interface Base {
  readonly body: ExtendedCopyListBody;
  readonly listIdentifier: number;
}

function arbBase(f: Format): fc.Arbitrary<Base> {
  return fc.record(
    {
      listIdentifier: f === LID1 ? arbUint(8) : arbUint(32),
      body: fc.record(
        {
          str: fc.boolean(),
          listIdUsage: fc.constantFrom(LIST_ID_USAGE.HOLD, LIST_ID_USAGE.NO_HOLD),
          priority: fc.integer({ min: 0, max: 7 }),
          cscdDescriptors: fc.array(arbE4(), { minLength: 1, maxLength: 3 }),
          segmentDescriptors: fc.array(
            fc.oneof(
              arbBlockToBlockSegmentDescriptor() as fc.Arbitrary<BlockToBlockSegmentDescriptor>,
              arbBlockToBlockWithOffsetsSegmentDescriptor() as fc.Arbitrary<BlockToBlockWithOffsetsSegmentDescriptor>,
            ),
            { minLength: 1, maxLength: 3 },
          ),
          inlineData: fc.constant(new Uint8Array(0)),
        },
        { noNullPrototype: true },
      ),
    },
    { noNullPrototype: true },
  );
}

function miss(
  f: Format,
  bytes: Uint8Array<ArrayBuffer>,
  mutation: string,
  detail: string,
  detectedBy: 'decoder' | 'target',
  rule: RuleId,
  fieldPointer?: number,
  bitPointer?: number,
): XcopyNearMiss {
  const at = fieldPointer === undefined ? undefined : { byte: fieldPointer, bit: bitPointer };
  return {
    bytes,
    kind: f.kind,
    mutation,
    detail,
    detectedBy,
    rule,
    dataOut: new Uint8Array(0),
    conforming: expectationFor(rule, at).conforming,
    expected: senseOfRule(rule, at) as SenseData,
  };
}

/** The byte offset of the first segment descriptor of a base list. */
function firstSegmentAt(f: Format, b: Base): number {
  return f.header + b.body.cscdDescriptors.length * CSCD_DESCRIPTOR_LENGTH;
}

/** The list a base encodes to, and an encoder of variants of it. */
function variants(f: Format, b: Base) {
  const enc = (body: Partial<ExtendedCopyListBody>, id = b.listIdentifier, h: Partial<Lid4Header> = {}) =>
    f.encode({ ...b.body, ...body }, id, h);
  return { enc, valid: enc({}) };
}

/** LIST ID USAGE, LIST IDENTIFIER and CSCD descriptor defects. */
function listIdAndCscdMutations(f: Format, b: Base): fc.Arbitrary<XcopyNearMiss>[] {
  const { enc, valid } = variants(f, b);
  return [
    fc.constant(
      miss(
        f,
        (() => {
          const x = valid.slice();
          x[1] = ((x[1] as number) & ~0x18) | 0x08;
          return x;
        })(),
        'list-id-usage-reserved',
        'LIST ID USAGE 01b (reserved)',
        'target',
        'spc.extended-copy.list-id-usage-reserved',
      ),
    ),
    (f === LID1 ? fc.integer({ min: 1, max: 0xff }) : fc.integer({ min: 1, max: 0xffff_ffff })).map((id) =>
      miss(
        f,
        enc({ listIdUsage: LIST_ID_USAGE.NO_LIST_ID }, id),
        'no-list-id-nonzero',
        `LIST ID USAGE 11b with LIST IDENTIFIER ${id}`,
        'target',
        'spc.extended-copy.no-list-id-nonzero',
        f.listIdentifier,
      ),
    ),
    fc
      .tuple(
        fc.integer({ min: 0, max: b.body.cscdDescriptors.length - 1 }),
        fc.constantFrom(0xe0, 0xe1, 0xe2, 0xe3, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xfe),
      )
      .map(([i, type]) => {
        const at = f.header + i * CSCD_DESCRIPTOR_LENGTH;
        const x = valid.slice();
        x[at] = type;
        return miss(
          f,
          x,
          'unsupported-cscd-type',
          `CSCD descriptor ${i} type ${type.toString(16)}h`,
          'target',
          'spc.extended-copy.unsupported-cscd-type',
          at,
        );
      }),
    fc
      .tuple(fc.integer({ min: 0, max: b.body.cscdDescriptors.length - 1 }), fc.integer({ min: 1, max: 31 }))
      .map(([i, pdt]) => {
        const at = f.header + i * CSCD_DESCRIPTOR_LENGTH;
        const x = valid.slice();
        x[at + 1] = ((x[at + 1] as number) & 0xe0) | pdt;
        return miss(
          f,
          x,
          'cscd-peripheral-device-type',
          `CSCD descriptor ${i} PERIPHERAL DEVICE TYPE ${pdt.toString(16)}h (not a block device)`,
          'target',
          'spc.extended-copy.cscd-peripheral-device-type',
          at + 1,
          4,
        );
      }),
  ];
}

/** Segment type, descriptor count and inline data defects. */
function segmentAndLimitMutations(f: Format, b: Base): fc.Arbitrary<XcopyNearMiss>[] {
  const { enc, valid } = variants(f, b);
  return [
    fc
      .constantFrom(
        0x00,
        0x01,
        0x03,
        0x04,
        0x05,
        0x06,
        0x07,
        0x08,
        0x09,
        0x0b,
        0x0c,
        0x0d,
        0x0e,
        0x0f,
        0x10,
        0x12,
        0x14,
        0xbe,
        0xbf,
      )
      .map((type) => {
        // The first segment keeps its DESCRIPTOR LENGTH: it is read as an unknown type, kept raw.
        const at = firstSegmentAt(f, b);
        const x = valid.slice();
        x[at] = type;
        return miss(
          f,
          x,
          'unsupported-segment-type',
          `first segment descriptor type ${type.toString(16).padStart(2, '0')}h`,
          'target',
          'spc.extended-copy.unsupported-segment-type',
          at,
        );
      }),
    fc
      .array(arbE4(), { minLength: MAX_CSCD + 1, maxLength: MAX_CSCD + 2 })
      .map((cscd) =>
        miss(
          f,
          enc({ cscdDescriptors: cscd }),
          'too-many-cscd-descriptors',
          `${cscd.length} CSCD descriptors (the copy manager takes ${MAX_CSCD})`,
          'target',
          'spc.extended-copy.too-many-cscd-descriptors',
          f.cscdLength,
        ),
      ),
    fc
      .uint8Array({ minLength: 1, maxLength: 16 })
      .map((inline) =>
        miss(
          f,
          enc({ inlineData: inline }),
          'inline-data',
          `${inline.length} bytes of inline data (MAXIMUM INLINE DATA LENGTH 0)`,
          'target',
          'spc.extended-copy.inline-data',
          f.inlineLength,
        ),
      ),
  ];
}

/** Lists or header cut short. */
function truncationMutations(f: Format, b: Base): fc.Arbitrary<XcopyNearMiss>[] {
  const { valid } = variants(f, b);
  return [
    fc
      .integer({ min: 1, max: 8 })
      .map((cut) =>
        miss(
          f,
          valid.slice(0, valid.length - Math.min(cut, valid.length - f.header)),
          'lists-truncated',
          `last ${Math.min(cut, valid.length - f.header)} byte(s) of the lists cut off`,
          'decoder',
          'spc.extended-copy.lists-truncated',
        ),
      ),
    fc
      .integer({ min: 1, max: f.header - 1 })
      .map((len) =>
        miss(
          f,
          valid.slice(0, len),
          'header-truncated',
          `parameter list of ${len} bytes, shorter than the ${f.header}-byte header`,
          'decoder',
          'spc.extended-copy.header-truncated',
        ),
      ),
  ];
}

/** The LID4 header's fixed fields and IMMED without a list identifier. */
function lid4Mutations(f: Format, b: Base): fc.Arbitrary<XcopyNearMiss>[] {
  const { enc } = variants(f, b);
  return [
    fc
      .integer({ min: 0, max: 0xff })
      .filter((v) => v !== EXTENDED_COPY_LID4_LIST_FORMAT)
      .map((v) =>
        miss(
          f,
          enc({}, b.listIdentifier, { listFormat: v }),
          'lid4-list-format',
          `PARAMETER LIST FORMAT ${v.toString(16).padStart(2, '0')}h`,
          'decoder',
          'spc.extended-copy.lid4-list-format',
          0,
        ),
      ),
    fc
      .integer({ min: 0, max: 0xffff })
      .filter((v) => v !== EXTENDED_COPY_LID4_HEADER_CSCD_DESCRIPTOR_LIST_LENGTH)
      .map((v) =>
        miss(
          f,
          enc({}, b.listIdentifier, { headerCscdDescriptorListLength: v }),
          'lid4-header-cscd-list-length',
          `HEADER CSCD DESCRIPTOR LIST LENGTH ${v.toString(16).padStart(4, '0')}h`,
          'target',
          'spc.extended-copy.lid4-header-cscd-list-length',
          2,
        ),
      ),
    fc
      .integer({ min: 0, max: 0xfe })
      .map((v) =>
        miss(
          f,
          enc({}, b.listIdentifier, { headerCscdDescriptorTypeCode: v }),
          'lid4-header-cscd-type',
          `HEADER CSCD DESCRIPTOR TYPE CODE ${v.toString(16).padStart(2, '0')}h`,
          'target',
          'spc.extended-copy.lid4-header-cscd-type',
          16,
        ),
      ),
    fc.constant(
      miss(
        f,
        enc({ listIdUsage: LIST_ID_USAGE.NO_LIST_ID }, 0, { immed: true }),
        'immed-without-list-id',
        'IMMED = 1 with LIST ID USAGE 11b',
        'target',
        'spc.extended-copy.immed-without-list-id',
        1,
        4,
      ),
    ),
  ];
}

function mutations(f: Format, b: Base): fc.Arbitrary<XcopyNearMiss>[] {
  return [
    ...listIdAndCscdMutations(f, b),
    ...segmentAndLimitMutations(f, b),
    ...truncationMutations(f, b),
    ...(f === LID4 ? lid4Mutations(f, b) : []),
  ];
}

/**
 * Near-miss EXTENDED COPY parameter lists of one format, each with the response from the rule
 * table. Every case is refused by the reference copy manager before any designator is looked up,
 * so the expectation holds whatever logical units it serves.
 *
 * @example
 * ```ts
 * const [m] = fc.sample(arbExtendedCopyNearMiss('extended-copy-lid4-params'), 1);
 * m.rule; // e.g. 'spc.extended-copy.lid4-header-cscd-type'
 * ```
 * @remarks Since 0.2.0
 */
export function arbExtendedCopyNearMiss(kind: XcopyNearMissKind): fc.Arbitrary<XcopyNearMiss> {
  const f = kind === 'extended-copy-params' ? LID1 : LID4;
  return arbBase(f).chain((b) => fc.oneof(...mutations(f, b)));
}

/** The rule of every mutation (for documentation and coverage checks). @remarks Since 0.2.0 */
export const XCOPY_NEAR_MISS_RULES: readonly RuleId[] = [
  'spc.extended-copy.list-id-usage-reserved',
  'spc.extended-copy.no-list-id-nonzero',
  'spc.extended-copy.unsupported-cscd-type',
  'spc.extended-copy.cscd-peripheral-device-type',
  'spc.extended-copy.unsupported-segment-type',
  'spc.extended-copy.too-many-cscd-descriptors',
  'spc.extended-copy.inline-data',
  'spc.extended-copy.lists-truncated',
  'spc.extended-copy.header-truncated',
  'spc.extended-copy.lid4-list-format',
  'spc.extended-copy.lid4-header-cscd-list-length',
  'spc.extended-copy.lid4-header-cscd-type',
  'spc.extended-copy.immed-without-list-id',
];

/**
 * EXTENDED COPY lists a device server with `profile` performs (GOOD) whatever its designators:
 * no CSCD descriptor, 02h and 0Ah segments from and to CSCD ID FFFFh (the logical unit the command
 * is sent to) inside its capacity, LIST ID USAGE 11b (no list identifier to collide with).
 *
 * @remarks Since 0.2.0
 */
export function arbValidExtendedCopyList(
  kind: XcopyNearMissKind,
  profile: Pick<DeviceServerProfile, 'blockSize' | 'capacity'>,
): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const f = kind === 'extended-copy-params' ? LID1 : LID4;
  const blocks = 64;
  const maxLba = profile.capacity > BigInt(blocks) ? profile.capacity - BigInt(blocks) : 0n;
  const lba = fc.bigInt({ min: 0n, max: maxLba });
  const b2b = fc.record(
    {
      kind: fc.constant('blockToBlock' as const),
      dc: fc.boolean(),
      cat: fc.boolean(),
      sourceCscdDescriptorId: fc.constant(0xffff),
      destinationCscdDescriptorId: fc.constant(0xffff),
      blockDeviceNumberOfBlocks: fc.integer({ min: 0, max: blocks }),
      sourceBlockDeviceLogicalBlockAddress: lba,
      destinationBlockDeviceLogicalBlockAddress: lba,
    },
    { noNullPrototype: true },
  );
  const withOffsets = fc.record(
    {
      kind: fc.constant('blockToBlockWithOffsets' as const),
      cat: fc.boolean(),
      sourceCscdDescriptorId: fc.constant(0xffff),
      destinationCscdDescriptorId: fc.constant(0xffff),
      numberOfBytes: fc.integer({ min: 0, max: (blocks - 1) * profile.blockSize }),
      sourceBlockDeviceLogicalBlockAddress: lba,
      destinationBlockDeviceLogicalBlockAddress: lba,
      sourceBlockDeviceByteOffset: fc.integer({ min: 0, max: Math.min(0xffff, profile.blockSize - 1) }),
      destinationBlockDeviceByteOffset: fc.integer({ min: 0, max: Math.min(0xffff, profile.blockSize - 1) }),
    },
    { noNullPrototype: true },
  );
  return fc
    .record(
      {
        str: fc.boolean(),
        priority: fc.integer({ min: 0, max: 7 }),
        segmentDescriptors: fc.array(fc.oneof(b2b, withOffsets), { minLength: 1, maxLength: 3 }),
      },
      { noNullPrototype: true },
    )
    .map((b) =>
      f.encode(
        { ...b, listIdUsage: LIST_ID_USAGE.NO_LIST_ID, cscdDescriptors: [], inlineData: new Uint8Array(0) },
        0,
        {},
      ),
    );
}
