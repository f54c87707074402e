/**
 * Sense data descriptors (descriptor format sense data, bytes 8..n) as a codec table keyed by
 * DESCRIPTOR TYPE: one entry per type with its ADDITIONAL LENGTH (exact, or the minimum for a
 * variable-length type), its layout and its read/write functions. The generic functions at the end
 * check lengths, keep unknown and too-short descriptors raw and dispatch through the table.
 *
 * Offsets are relative to the descriptor's byte 0 (DESCRIPTOR TYPE), as in the SPC tables.
 *
 * @see SPC-5 sense data descriptors
 * @packageDocumentation
 */
import {
  encodedDesignationDescriptorLength,
  readDesignationDescriptor,
  writeDesignationDescriptor,
} from '../designation/designation-descriptor.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import { type ByteReader, hex } from '../internal/byte-reader.js';
import { type ByteWriter, show } from '../internal/byte-writer.js';
import { isUint8Array, objectList } from '../internal/contract.js';
import { defineLayout, type FieldLayout, type StructureLayout } from '../internal/layout.js';
import {
  checkReserved,
  readBigint,
  readFlag,
  readNumber,
  reservedFields,
  valueFields,
  writeField,
  writeFields,
} from '../internal/layout-codec.js';
import { readSenseKeySpecific, writeSenseKeySpecific } from './sense-key-specific.js';
import {
  type DeviceDesignationSenseDescriptor,
  type ForwardedSenseDataSenseDescriptor,
  type OsdSenseDescriptor,
  type ReferralTargetPortGroupDescriptor,
  SENSE_DESCRIPTOR_TYPE,
  type SenseData,
  type SenseDataDescriptor,
  type UnknownSenseDescriptor,
  type UserDataSegmentReferral,
  type UserDataSegmentReferralSenseDescriptor,
} from './types.js';

const S = 'SenseDataDescriptor';

/**
 * The sense data codec, passed in for the forwarded sense data descriptor (0Ch), which nests sense
 * data (the sense data module imports this one, not the other way round).
 *
 * @internal
 */
export interface NestedSenseCodec {
  readonly read: (r: ByteReader) => SenseData;
  readonly write: (w: ByteWriter, off: number, s: SenseData, len: number) => void;
  readonly length: (s: SenseData, offset: number) => number;
}

type Named = Exclude<SenseDataDescriptor, UnknownSenseDescriptor>;

/** One descriptor type. `d` spans exactly the descriptor (2 + ADDITIONAL LENGTH bytes). */
interface DescriptorCodec<D extends Named> {
  readonly kind: D['kind'];
  /** ADDITIONAL LENGTH: the only one allowed (fixed-size types) or the least (variable ones). */
  readonly additionalLength: number;
  readonly variable: boolean;
  /** The fixed-offset fields (for variable types: the fixed part), header included. */
  readonly layout?: StructureLayout;
  readonly read: (d: ByteReader, len: number, senseKey: number, nested: NestedSenseCodec) => D;
  /** Variable types: ADDITIONAL LENGTH for `d` (shapes checked); `offset` = the descriptor's absolute offset. */
  readonly dataLength?: (d: D, offset: number, nested: NestedSenseCodec) => number;
  /** `w` spans the whole descriptor, header already written; `n` = ADDITIONAL LENGTH. */
  readonly write: (w: ByteWriter, d: D, n: number, nested: NestedSenseCodec) => void;
}

/** Header of every descriptor: DESCRIPTOR TYPE and ADDITIONAL LENGTH (counting from byte 2). */
const HEADER = [
  { name: 'descriptorType', offset: 0, width: 1, kind: 'uint' },
  { name: 'additionalLength', offset: 1, width: 1, kind: 'uint', countsFrom: 2 },
] as const satisfies readonly FieldLayout[];

/** A fixed-size descriptor's layout: header, then `fields` (reserved ones in the order checked). */
function layout<const N extends string>(
  name: string,
  additionalLength: number,
  fields: readonly (FieldLayout & { readonly name: N })[],
) {
  type All = N | (typeof HEADER)[number]['name'];
  return defineLayout<All>(name, 2 + additionalLength, [...HEADER, ...fields] as (FieldLayout & { name: All })[]);
}

/** A fixed-size type read and written through its layout: reserved bits from the table, then `read`. */
function fixed<D extends Named>(
  kind: D['kind'],
  l: StructureLayout,
  read: (d: ByteReader, senseKey: number) => D,
  write?: (w: ByteWriter, d: D) => void,
): DescriptorCodec<D> {
  const reserved = reservedFields(l);
  const values = valueFields(l).filter((f) => f.offset >= 2);
  return {
    kind,
    additionalLength: l.length - 2,
    variable: false,
    layout: l,
    read: (d, _len, senseKey) => {
      checkReserved(d, reserved);
      return read(d, senseKey);
    },
    write: write ?? ((w, d) => writeFields(w, values, d)),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixed-size descriptor types

const INFORMATION = layout('InformationSenseDescriptor', 0x0a, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x7f },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'valid', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'information', offset: 4, width: 8, kind: 'bigint' },
]);

const COMMAND_SPECIFIC_INFORMATION = layout('CommandSpecificInformationSenseDescriptor', 0x0a, [
  { name: 'reserved', offset: 2, width: 2, kind: 'reserved' },
  { name: 'commandSpecificInformation', offset: 4, width: 8, kind: 'bigint' },
]);

const SENSE_KEY_SPECIFIC = layout('SenseKeySpecificSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 2, kind: 'reserved' },
  { name: 'senseKeySpecific', offset: 4, width: 3, kind: 'bytes' },
  { name: 'reserved', offset: 7, width: 1, kind: 'reserved' },
]);

const FIELD_REPLACEABLE_UNIT = layout('FieldReplaceableUnitSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'fieldReplaceableUnitCode', offset: 3, width: 1, kind: 'uint' },
]);

const STREAM_COMMANDS = layout('StreamCommandsSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved', mask: 0x1f },
  { name: 'filemark', offset: 3, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'eom', offset: 3, width: 1, kind: 'bit', hi: 6, lo: 6 },
  { name: 'ili', offset: 3, width: 1, kind: 'bit', hi: 5, lo: 5 },
]);

const BLOCK_COMMANDS = layout('BlockCommandsSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved', mask: 0xdf },
  { name: 'ili', offset: 3, width: 1, kind: 'bit', hi: 5, lo: 5 },
]);

/** LBA: bits 47:24 in bytes 10, 8, 6 and bits 23:0 in bytes 11, 9, 7 (SAT's byte pairs). */
const ATA_STATUS_RETURN = layout('AtaStatusReturnSenseDescriptor', 0x0c, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'extend', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'error', offset: 3, width: 1, kind: 'uint' },
  { name: 'count', offset: 4, width: 2, kind: 'uint' },
  { name: 'lba', offset: 6, width: 6, kind: 'bytes' },
  { name: 'device', offset: 12, width: 1, kind: 'uint' },
  { name: 'status', offset: 13, width: 1, kind: 'uint' },
]);

const ANOTHER_PROGRESS_INDICATION = layout('AnotherProgressIndicationSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xf0 },
  { name: 'reserved', offset: 5, width: 1, kind: 'reserved' },
  { name: 'senseKey', offset: 2, width: 1, kind: 'bits', hi: 3, lo: 0 },
  { name: 'additionalSenseCode', offset: 3, width: 1, kind: 'uint' },
  { name: 'additionalSenseCodeQualifier', offset: 4, width: 1, kind: 'uint' },
  { name: 'progressIndication', offset: 6, width: 2, kind: 'uint' },
]);

const DIRECT_ACCESS_BLOCK_DEVICE = layout('DirectAccessBlockDeviceSenseDescriptor', 0x16, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x5f },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'valid', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'ili', offset: 2, width: 1, kind: 'bit', hi: 5, lo: 5 },
  { name: 'senseKeySpecific', offset: 4, width: 3, kind: 'bytes' },
  { name: 'fieldReplaceableUnitCode', offset: 7, width: 1, kind: 'uint' },
  { name: 'information', offset: 8, width: 8, kind: 'bigint' },
  { name: 'commandSpecificInformation', offset: 16, width: 8, kind: 'bigint' },
]);

const MICROCODE_ACTIVATION = layout('MicrocodeActivationSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 4, kind: 'reserved' },
  { name: 'microcodeActivationTime', offset: 6, width: 2, kind: 'uint' },
]);

const INFO = INFORMATION.field;
const CSI = COMMAND_SPECIFIC_INFORMATION.field;
const FRU = FIELD_REPLACEABLE_UNIT.field;
const SC = STREAM_COMMANDS.field;
const BC = BLOCK_COMMANDS.field;
const API = ANOTHER_PROGRESS_INDICATION.field;
const ATA = ATA_STATUS_RETURN.field;
const DABD = DIRECT_ACCESS_BLOCK_DEVICE.field;
const MA = MICROCODE_ACTIVATION.field;

const informationCodec = fixed(
  'information',
  INFORMATION,
  (d) => ({
    kind: 'information',
    valid: readFlag(d, INFO.valid),
    information: readBigint(d, INFO.information),
  }),
  (w, d) => {
    writeField(w, INFO.valid, d.valid);
    writeField(w, INFO.information, d.information);
  },
);

const commandSpecificInformationCodec = fixed(
  'commandSpecificInformation',
  COMMAND_SPECIFIC_INFORMATION,
  (d) => ({
    kind: 'commandSpecificInformation',
    commandSpecificInformation: readBigint(d, CSI.commandSpecificInformation),
  }),
  (w, d) => writeField(w, CSI.commandSpecificInformation, d.commandSpecificInformation),
);

/** Reserved bytes 2-3, SENSE KEY SPECIFIC, then reserved byte 7 (checked in that order). */
const senseKeySpecificCodec: DescriptorCodec<Extract<Named, { kind: 'senseKeySpecific' }>> = {
  kind: 'senseKeySpecific',
  additionalLength: SENSE_KEY_SPECIFIC.length - 2,
  variable: false,
  layout: SENSE_KEY_SPECIFIC,
  read: (d, _len, senseKey) => {
    const [before, after] = SKS_RESERVED;
    checkReserved(d, before);
    const senseKeySpecific = readSenseKeySpecific(d, SENSE_KEY_SPECIFIC.field.senseKeySpecific.offset, senseKey);
    checkReserved(d, after);
    return { kind: 'senseKeySpecific', senseKeySpecific };
  },
  write: (w, d) => writeSenseKeySpecific(w, SENSE_KEY_SPECIFIC.field.senseKeySpecific.offset, d.senseKeySpecific),
};
const SKS_RESERVED = [
  reservedFields(SENSE_KEY_SPECIFIC).filter((f) => f.offset < 4),
  reservedFields(SENSE_KEY_SPECIFIC).filter((f) => f.offset > 4),
] as const;

const fieldReplaceableUnitCodec = fixed(
  'fieldReplaceableUnit',
  FIELD_REPLACEABLE_UNIT,
  (d) => ({
    kind: 'fieldReplaceableUnit',
    fieldReplaceableUnitCode: readNumber(d, FRU.fieldReplaceableUnitCode),
  }),
  (w, d) => writeField(w, FRU.fieldReplaceableUnitCode, d.fieldReplaceableUnitCode),
);

const streamCommandsCodec = fixed('streamCommands', STREAM_COMMANDS, (d) => ({
  kind: 'streamCommands',
  filemark: readFlag(d, SC.filemark),
  eom: readFlag(d, SC.eom),
  ili: readFlag(d, SC.ili),
}));

const blockCommandsCodec = fixed(
  'blockCommands',
  BLOCK_COMMANDS,
  (d) => ({
    kind: 'blockCommands',
    ili: readFlag(d, BC.ili),
  }),
  (w, d) => writeField(w, BC.ili, d.ili),
);

const ataStatusReturnCodec = fixed(
  'ataStatusReturn',
  ATA_STATUS_RETURN,
  (d) => {
    const o = ATA.lba.offset;
    const hi = d.u8(o + 4, 'lba') * 0x10000 + d.u8(o + 2, 'lba') * 0x100 + d.u8(o, 'lba');
    const lo = d.u8(o + 5, 'lba') * 0x10000 + d.u8(o + 3, 'lba') * 0x100 + d.u8(o + 1, 'lba');
    return {
      kind: 'ataStatusReturn',
      extend: readFlag(d, ATA.extend),
      error: readNumber(d, ATA.error),
      count: readNumber(d, ATA.count),
      lba: hi * 0x1000000 + lo,
      device: readNumber(d, ATA.device),
      status: readNumber(d, ATA.status),
    };
  },
  (w, d) => {
    writeFields(w, [ATA.extend, ATA.error, ATA.count], d);
    const o = ATA.lba.offset;
    w.u48(o, d.lba, 'lba'); // range check only; rewritten below in the SAT byte order
    const hi = Math.floor(d.lba / 0x1000000);
    const lo = d.lba % 0x1000000;
    w.u8(o, hi & 0xff, 'lba');
    w.u8(o + 1, lo & 0xff, 'lba');
    w.u8(o + 2, (hi >>> 8) & 0xff, 'lba');
    w.u8(o + 3, (lo >>> 8) & 0xff, 'lba');
    w.u8(o + 4, hi >>> 16, 'lba');
    w.u8(o + 5, lo >>> 16, 'lba');
    writeFields(w, [ATA.device, ATA.status], d);
  },
);

const anotherProgressIndicationCodec = fixed('anotherProgressIndication', ANOTHER_PROGRESS_INDICATION, (d) => ({
  kind: 'anotherProgressIndication',
  senseKey: readNumber(d, API.senseKey),
  additionalSenseCode: readNumber(d, API.additionalSenseCode),
  additionalSenseCodeQualifier: readNumber(d, API.additionalSenseCodeQualifier),
  progressIndication: readNumber(d, API.progressIndication),
}));

const directAccessBlockDeviceCodec = fixed(
  'directAccessBlockDevice',
  DIRECT_ACCESS_BLOCK_DEVICE,
  (d, senseKey) => ({
    kind: 'directAccessBlockDevice',
    valid: readFlag(d, DABD.valid),
    ili: readFlag(d, DABD.ili),
    senseKeySpecific: readSenseKeySpecific(d, DABD.senseKeySpecific.offset, senseKey),
    fieldReplaceableUnitCode: readNumber(d, DABD.fieldReplaceableUnitCode),
    information: readBigint(d, DABD.information),
    commandSpecificInformation: readBigint(d, DABD.commandSpecificInformation),
  }),
  (w, d) => {
    writeFields(w, [DABD.valid, DABD.ili], d);
    writeSenseKeySpecific(w, DABD.senseKeySpecific.offset, d.senseKeySpecific);
    writeFields(w, [DABD.fieldReplaceableUnitCode, DABD.information, DABD.commandSpecificInformation], d);
  },
);

const microcodeActivationCodec = fixed(
  'microcodeActivation',
  MICROCODE_ACTIVATION,
  (d) => ({
    kind: 'microcodeActivation',
    microcodeActivationTime: readNumber(d, MA.microcodeActivationTime),
  }),
  (w, d) => writeField(w, MA.microcodeActivationTime, d.microcodeActivationTime),
);

// ---------------------------------------------------------------------------------------------
// Variable-length descriptor types

/** Bytes 2..n kept raw: the OSD descriptors. */
function osdCodec(kind: OsdSenseDescriptor['kind']): DescriptorCodec<OsdSenseDescriptor> {
  return {
    kind,
    additionalLength: 0,
    variable: true,
    read: (d) => ({ kind, bytes: d.rest(2, 'descriptorData') }),
    dataLength: (d, offset) => bytesOf(d.bytes, S, 'data', offset + 2).length,
    write: (w, d) => w.bytes(2, d.bytes, 'data'),
  };
}

const USER_DATA_SEGMENT_REFERRAL = defineLayout('UserDataSegmentReferralSenseDescriptor', 4, [
  ...HEADER,
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'notAllR', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
]);

/** One user data segment referral descriptor (20 bytes + 4 per target port group), from its byte 0. */
const REFERRAL = defineLayout('UserDataSegmentReferral', 20, [
  { name: 'reserved', offset: 0, width: 3, kind: 'reserved' },
  { name: 'numberOfTargetPortGroupDescriptors', offset: 3, width: 1, kind: 'uint' },
  { name: 'firstUserDataSegmentLba', offset: 4, width: 8, kind: 'bigint' },
  { name: 'lastUserDataSegmentLba', offset: 12, width: 8, kind: 'bigint' },
]).field;

/** Target port group descriptor inside a referral (4 bytes), from its byte 0. */
const REFERRAL_TPG = defineLayout('ReferralTargetPortGroupDescriptor', 4, [
  { name: 'reserved', offset: 0, width: 1, kind: 'reserved', mask: 0xf0 },
  { name: 'reserved', offset: 1, width: 1, kind: 'reserved' },
  { name: 'asymmetricAccessState', offset: 0, width: 1, kind: 'bits', hi: 3, lo: 0 },
  { name: 'targetPortGroup', offset: 2, width: 2, kind: 'uint' },
]).field;

function readReferral(d: ByteReader): UserDataSegmentReferralSenseDescriptor {
  checkReserved(d, REFERRAL_RESERVED);
  const notAllR = readFlag(d, USER_DATA_SEGMENT_REFERRAL.field.notAllR);
  const userDataSegmentReferrals: UserDataSegmentReferral[] = [];
  let pos = USER_DATA_SEGMENT_REFERRAL.length;
  while (pos < d.length) {
    if (!d.has(pos, 20)) {
      d.tolerate('ERR_LENGTH_MISMATCH', 'userDataSegmentReferral', pos, 'partial referral descriptor; dropped');
      break;
    }
    const k = d.u8(pos + REFERRAL.numberOfTargetPortGroupDescriptors.offset, 'numberOfTargetPortGroupDescriptors');
    if (!d.has(pos, 20 + 4 * k)) {
      d.tolerate(
        'ERR_LENGTH_MISMATCH',
        'numberOfTargetPortGroupDescriptors',
        pos + 3,
        `${k} target port group descriptors do not fit the descriptor; referral dropped`,
      );
      break;
    }
    d.reservedBytes(pos, 3);
    const targetPortGroups: ReferralTargetPortGroupDescriptor[] = [];
    for (let i = 0; i < k; i++) {
      const t = pos + 20 + 4 * i;
      d.reserved(t, 0xf0);
      d.reservedBytes(t + 1, 1);
      targetPortGroups.push({
        asymmetricAccessState: d.bits(t, 3, 0, 'asymmetricAccessState'),
        targetPortGroup: d.u16(t + REFERRAL_TPG.targetPortGroup.offset, 'targetPortGroup'),
      });
    }
    userDataSegmentReferrals.push({
      firstUserDataSegmentLba: d.u64(pos + REFERRAL.firstUserDataSegmentLba.offset, 'firstUserDataSegmentLba'),
      lastUserDataSegmentLba: d.u64(pos + REFERRAL.lastUserDataSegmentLba.offset, 'lastUserDataSegmentLba'),
      targetPortGroups,
    });
    pos += 20 + 4 * k;
  }
  return { kind: 'userDataSegmentReferral', notAllR, userDataSegmentReferrals };
}
const REFERRAL_RESERVED = reservedFields(USER_DATA_SEGMENT_REFERRAL);

const userDataSegmentReferralCodec: DescriptorCodec<UserDataSegmentReferralSenseDescriptor> = {
  kind: 'userDataSegmentReferral',
  additionalLength: 0x02,
  variable: true,
  layout: USER_DATA_SEGMENT_REFERRAL,
  read: readReferral,
  dataLength: (d, offset) => {
    let n = 2;
    for (const u of objectList(S, 'userDataSegmentReferrals', offset + 4, d.userDataSegmentReferrals, 0xff)) {
      n += 20 + 4 * objectList(S, 'targetPortGroups', offset + 2 + n, u.targetPortGroups, 0xff).length;
    }
    return n;
  },
  write: (w, d) => {
    w.bit(2, 0, d.notAllR, 'notAllR');
    let pos = 4;
    for (const u of d.userDataSegmentReferrals) {
      w.u8(pos + 3, u.targetPortGroups.length, 'numberOfTargetPortGroupDescriptors');
      w.u64(pos + 4, u.firstUserDataSegmentLba, 'firstUserDataSegmentLba');
      w.u64(pos + 12, u.lastUserDataSegmentLba, 'lastUserDataSegmentLba');
      pos += 20;
      for (const t of u.targetPortGroups) {
        w.bits(pos, 3, 0, t.asymmetricAccessState, 'asymmetricAccessState');
        w.u16(pos + 2, t.targetPortGroup, 'targetPortGroup');
        pos += 4;
      }
    }
  },
};

const FORWARDED_SENSE_DATA = defineLayout('ForwardedSenseDataSenseDescriptor', 4, [
  ...HEADER,
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x70 },
  { name: 'forwardedSenseDataTruncated', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'senseDataSource', offset: 2, width: 1, kind: 'bits', hi: 3, lo: 0 },
  { name: 'forwardedStatus', offset: 3, width: 1, kind: 'uint' },
]);
const FSD = FORWARDED_SENSE_DATA.field;
const FSD_RESERVED = reservedFields(FORWARDED_SENSE_DATA);

/** Nested sense must fill the forwarded sense descriptor exactly (no trailing bytes). */
function readForwardedSense(sub: ByteReader, nested: NestedSenseCodec): SenseData {
  const senseData = nested.read(sub);
  if (sub.length > 8) {
    const used = 8 + sub.u8(7);
    if (used < sub.length) {
      sub.tolerate(
        'ERR_LENGTH_MISMATCH',
        'additionalSenseLength',
        7,
        `forwarded sense data is ${used} bytes but the descriptor holds ${sub.length}; trailing bytes dropped`,
      );
    }
  }
  return senseData;
}

function readForwarded(d: ByteReader, len: number, nested: NestedSenseCodec): ForwardedSenseDataSenseDescriptor {
  checkReserved(d, FSD_RESERVED);
  const head = {
    kind: 'forwardedSenseData' as const,
    forwardedSenseDataTruncated: readFlag(d, FSD.forwardedSenseDataTruncated),
    senseDataSource: readNumber(d, FSD.senseDataSource),
    forwardedStatus: readNumber(d, FSD.forwardedStatus),
  };
  const at = FORWARDED_SENSE_DATA.length;
  if (len === 2) return { ...head, senseData: new Uint8Array(0) };
  const sub = d.sub(at, len - 2, 'ForwardedSenseData');
  if (d.strict) return { ...head, senseData: readForwardedSense(sub, nested) };
  const before = d.issues.length;
  try {
    return { ...head, senseData: readForwardedSense(sub, nested) };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    d.issues.length = before;
    d.note(
      e.code,
      'forwardedSenseData',
      e.offset - d.base,
      `forwarded sense data not decodable (${e.message}); kept raw`,
    );
    return { ...head, senseData: d.rest(at, 'forwardedSenseData') };
  }
}

const forwardedSenseDataCodec: DescriptorCodec<ForwardedSenseDataSenseDescriptor> = {
  kind: 'forwardedSenseData',
  additionalLength: 0x02,
  variable: true,
  layout: FORWARDED_SENSE_DATA,
  read: (d, len, _senseKey, nested) => readForwarded(d, len, nested),
  dataLength: (d, offset, nested) =>
    2 + (isUint8Array(d.senseData) ? d.senseData.length : nested.length(d.senseData, offset + 4)),
  write: (w, d, n, nested) => {
    writeFields(w, FSD_VALUES, d);
    if (isUint8Array(d.senseData)) w.bytes(4, d.senseData, 'senseData');
    else nested.write(w, 4, d.senseData, n - 2);
  },
};
const FSD_VALUES = valueFields(FORWARDED_SENSE_DATA).filter((f) => f.offset >= 2);

const DEVICE_DESIGNATION = defineLayout('DeviceDesignationSenseDescriptor', 4, [
  ...HEADER,
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'usageReason', offset: 3, width: 1, kind: 'uint' },
]);

function readDeviceDesignation(d: ByteReader, len: number): SenseDataDescriptor {
  checkReserved(d, DD_RESERVED);
  const usageReason = readNumber(d, DEVICE_DESIGNATION.field.usageReason);
  const sub = d.sub(DEVICE_DESIGNATION.length, len - 2, 'DesignationDescriptor');
  const before = d.issues.length;
  let designationDescriptor: DeviceDesignationSenseDescriptor['designationDescriptor'];
  try {
    designationDescriptor = readDesignationDescriptor(sub, 0);
  } catch (e) {
    if (d.strict || !isScsiCodecError(e)) throw e;
    d.issues.length = before;
    d.note(
      e.code,
      'designationDescriptor',
      e.offset - d.base,
      `designation descriptor not decodable (${e.message}); kept raw`,
    );
    return unknown(d, SENSE_DESCRIPTOR_TYPE.deviceDesignation);
  }
  const n = encodedDesignationDescriptorLength(designationDescriptor);
  if (n !== sub.length) {
    if (!d.strict) d.issues.length = before;
    sub.tolerate(
      'ERR_LENGTH_MISMATCH',
      'designatorLength',
      3,
      `designation descriptor is ${n} bytes, the sense descriptor holds ${sub.length}; kept raw`,
    );
    return unknown(d, SENSE_DESCRIPTOR_TYPE.deviceDesignation);
  }
  // Other lenient findings (e.g. a code set the designator type does not allow) stay as issues:
  // the designator bytes are kept, so the descriptor still re-encodes.
  return { kind: 'deviceDesignation', usageReason, designationDescriptor };
}
const DD_RESERVED = reservedFields(DEVICE_DESIGNATION);

const deviceDesignationCodec: DescriptorCodec<DeviceDesignationSenseDescriptor> = {
  kind: 'deviceDesignation',
  additionalLength: 0x02,
  variable: true,
  layout: DEVICE_DESIGNATION,
  // A designation that does not fill the descriptor is kept raw, so the result may be `unknown`.
  read: (d, len) => readDeviceDesignation(d, len) as DeviceDesignationSenseDescriptor,
  dataLength: (d, offset) => {
    if (d.designationDescriptor === null || typeof d.designationDescriptor !== 'object') {
      throw fieldRange(S, 'designationDescriptor', offset + 4, 'not a designation descriptor');
    }
    bytesOf(d.designationDescriptor.designator, 'DesignationDescriptor', 'designator', offset + 8);
    return 2 + encodedDesignationDescriptorLength(d.designationDescriptor);
  },
  write: (w, d) => {
    w.u8(3, d.usageReason, 'usageReason');
    writeDesignationDescriptor(w, 4, d.designationDescriptor);
  },
};

// ---------------------------------------------------------------------------------------------
// The table

/** The codec of every named type, by DESCRIPTOR TYPE (index = type code; 00h-0Fh). */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous codec table keyed by descriptor type
const BY_CODE: readonly (DescriptorCodec<any> | undefined)[] = (() => {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const codecs: DescriptorCodec<any>[] = [
    informationCodec,
    commandSpecificInformationCodec,
    senseKeySpecificCodec,
    fieldReplaceableUnitCodec,
    streamCommandsCodec,
    blockCommandsCodec,
    osdCodec('osdObjectIdentification'),
    osdCodec('osdResponseIntegrityCheckValue'),
    osdCodec('osdAttributeIdentification'),
    ataStatusReturnCodec,
    anotherProgressIndicationCodec,
    userDataSegmentReferralCodec,
    forwardedSenseDataCodec,
    directAccessBlockDeviceCodec,
    deviceDesignationCodec,
    microcodeActivationCodec,
  ];
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const table: (DescriptorCodec<any> | undefined)[] = [];
  for (const c of codecs) {
    const code = SENSE_DESCRIPTOR_TYPE[c.kind as Named['kind']];
    if (table[code] !== undefined) throw new Error(`sense descriptor table: type ${hex(code, 2)} twice`);
    table[code] = c;
  }
  return table;
})();

/** The same codecs by `kind` (a `Map`: no prototype keys, and fast for string keys). */
// biome-ignore lint/suspicious/noExplicitAny: see BY_CODE
const BY_KIND: ReadonlyMap<unknown, DescriptorCodec<any>> = new Map(
  BY_CODE.filter((c) => c !== undefined).map((c) => [c.kind, c]),
);

/**
 * The layouts of the descriptor types that have one (fixed-size types whole; variable types their
 * fixed part), by `kind`: offsets relative to the descriptor's byte 0.
 *
 * @internal
 */
export const SENSE_DESCRIPTOR_LAYOUTS: Readonly<Partial<Record<Named['kind'], StructureLayout>>> = Object.fromEntries(
  BY_CODE.filter((c) => c?.layout !== undefined).map((c) => [c?.kind, c?.layout]),
);

// ---------------------------------------------------------------------------------------------
// Generic descriptor functions

function fieldRange(structure: string, field: string, offset: number, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', structure, field, offset, detail);
}

function bytesOf(v: unknown, structure: string, field: string, offset: number): Uint8Array {
  if (!isUint8Array(v)) throw fieldRange(structure, field, offset, 'not a Uint8Array');
  return v;
}

function unknown(d: ByteReader, type: number): UnknownSenseDescriptor {
  return { kind: 'unknown', descriptorType: type, bytes: d.rest(2, 'descriptorData') };
}

/**
 * Read one descriptor; `d` is exactly the descriptor (2 + `len` bytes). A known type whose
 * ADDITIONAL LENGTH is too short for it is kept raw (tolerated); a fixed-size type with a longer
 * one is decoded (tolerated).
 *
 * @internal
 */
export function readSenseDescriptor(
  d: ByteReader,
  type: number,
  len: number,
  senseKey: number,
  nested: NestedSenseCodec,
): SenseDataDescriptor {
  const c = BY_CODE[type];
  if (c === undefined) return unknown(d, type);
  const want = c.additionalLength;
  if (c.variable) {
    if (len < want) {
      d.tolerate(
        'ERR_LENGTH_MISMATCH',
        'additionalLength',
        1,
        `descriptor ${hex(type, 2)} needs at least ${want}; kept raw`,
      );
      return unknown(d, type);
    }
  } else if (len !== want) {
    d.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalLength',
      1,
      `descriptor ${hex(type, 2)} must have ADDITIONAL LENGTH ${hex(want, 2)}, got ${hex(len, 2)}${len < want ? '; kept raw' : ''}`,
    );
    if (len < want) return unknown(d, type);
  }
  return c.read(d, len, senseKey, nested);
}

// biome-ignore lint/suspicious/noExplicitAny: see BY_CODE
function codecOf(d: SenseDataDescriptor, offset: number): DescriptorCodec<any> {
  const c = BY_KIND.get((d as { kind?: unknown }).kind);
  if (c === undefined) {
    throw fieldRange(S, 'kind', offset, `unknown descriptor kind ${show((d as { kind: unknown }).kind)}`);
  }
  return c;
}

/**
 * ADDITIONAL LENGTH of a descriptor (the bytes after its 2-byte header), shapes checked;
 * `offset` = the descriptor's absolute offset, for errors.
 *
 * @internal
 */
export function senseDescriptorDataLength(d: SenseDataDescriptor, offset: number, nested: NestedSenseCodec): number {
  if (d.kind === 'unknown') return bytesOf(d.bytes, S, 'data', offset + 2).length;
  const c = codecOf(d, offset);
  return c.dataLength === undefined ? c.additionalLength : c.dataLength(d, offset, nested);
}

/**
 * Write one descriptor: `w` spans exactly it (2 + `n` bytes, `n` from
 * {@link senseDescriptorDataLength}).
 *
 * @internal
 */
export function writeSenseDescriptor(w: ByteWriter, d: SenseDataDescriptor, n: number, nested: NestedSenseCodec): void {
  if (d.kind === 'unknown') {
    w.u8(0, d.descriptorType, 'descriptorType');
    w.u8(1, n, 'additionalLength');
    w.bytes(2, d.bytes, 'data');
    return;
  }
  const c = codecOf(d, w.start);
  w.u8(0, SENSE_DESCRIPTOR_TYPE[c.kind as Named['kind']], 'descriptorType');
  w.u8(1, n, 'additionalLength');
  c.write(w, d, n, nested);
}
