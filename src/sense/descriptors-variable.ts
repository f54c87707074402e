/**
 * The variable-length sense data descriptors: OSD (06h-08h, kept raw), user data segment referral
 * (0Bh), forwarded sense data (0Ch) and device designation (0Eh).
 *
 * @see SPC-5 sense data descriptors; SBC-4 user data segment referral sense data descriptor
 * @internal
 */
import {
  encodedDesignationDescriptorLength,
  readDesignationDescriptor,
  writeDesignationDescriptor,
} from '../designation/designation-descriptor.js';
import { isScsiCodecError } from '../errors.js';
import type { ByteReader } from '../internal/byte-reader.js';
import { isUint8Array, objectList } from '../internal/contract.js';
import { defineLayout } from '../internal/layout.js';
import {
  checkReserved,
  readFlag,
  readNumber,
  reservedFields,
  valueFields,
  writeFields,
} from '../internal/layout-codec.js';
import {
  bytesOf,
  type DescriptorCodec,
  fieldRange,
  HEADER,
  type NestedSenseCodec,
  S,
  unknown,
} from './descriptor-codec.js';
import {
  type DeviceDesignationSenseDescriptor,
  type ForwardedSenseDataSenseDescriptor,
  type OsdSenseDescriptor,
  type ReferralTargetPortGroupDescriptor,
  SENSE_DESCRIPTOR_TYPE,
  type SenseData,
  type SenseDataDescriptor,
  type UserDataSegmentReferral,
  type UserDataSegmentReferralSenseDescriptor,
} from './types.js';

/** Bytes 2..n kept raw: the OSD descriptors. */
export function osdCodec(kind: OsdSenseDescriptor['kind']): DescriptorCodec<OsdSenseDescriptor> {
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

export const userDataSegmentReferralCodec: DescriptorCodec<UserDataSegmentReferralSenseDescriptor> = {
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

export const forwardedSenseDataCodec: DescriptorCodec<ForwardedSenseDataSenseDescriptor> = {
  kind: 'forwardedSenseData',
  additionalLength: 0x02,
  variable: true,
  layout: FORWARDED_SENSE_DATA,
  read: (d, _at, len, _senseKey, nested) => readForwarded(d, len, nested),
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

export const deviceDesignationCodec: DescriptorCodec<DeviceDesignationSenseDescriptor> = {
  kind: 'deviceDesignation',
  additionalLength: 0x02,
  variable: true,
  layout: DEVICE_DESIGNATION,
  // A designation that does not fill the descriptor is kept raw, so the result may be `unknown`.
  read: (d, _at, len) => readDeviceDesignation(d, len) as DeviceDesignationSenseDescriptor,
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
