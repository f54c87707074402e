/**
 * Typed views of the DESIGNATOR field of a designation (identification) descriptor, one per
 * DESIGNATOR TYPE. The raw designator bytes stay the source of truth
 * ({@link DesignationDescriptor.designator}); a view is derived from them on demand.
 *
 * @packageDocumentation
 */

import { ByteReader, hex } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import type { DesignationDescriptor } from './designation-descriptor.js';
import { utf8Decode, utf8Encode } from './utf8.js';

/**
 * DESIGNATOR TYPE values (SPC, Device Identification VPD page, "DESIGNATOR TYPE field").
 *
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @remarks Since 0.1.0
 */
export const DESIGNATOR_TYPE = {
  VENDOR_SPECIFIC: 0x0,
  T10_VENDOR_ID: 0x1,
  EUI_64: 0x2,
  NAA: 0x3,
  RELATIVE_TARGET_PORT: 0x4,
  TARGET_PORT_GROUP: 0x5,
  LOGICAL_UNIT_GROUP: 0x6,
  MD5_LOGICAL_UNIT_IDENTIFIER: 0x7,
  SCSI_NAME_STRING: 0x8,
  PROTOCOL_SPECIFIC_PORT_IDENTIFIER: 0x9,
  UUID: 0xa,
} as const;

/** One of the defined {@link DESIGNATOR_TYPE} values. @remarks Since 0.1.0 */
export type DesignatorType = (typeof DESIGNATOR_TYPE)[keyof typeof DESIGNATOR_TYPE];

/**
 * CODE SET values (byte 0 bits 3:0).
 *
 * @remarks Since 0.1.0
 */
export const CODE_SET = { BINARY: 0x1, ASCII: 0x2, UTF_8: 0x3 } as const;

/** One of the defined {@link CODE_SET} values. @remarks Since 0.1.0 */
export type CodeSet = (typeof CODE_SET)[keyof typeof CODE_SET];

/**
 * ASSOCIATION values (byte 1 bits 5:4).
 *
 * @remarks Since 0.1.0
 */
export const ASSOCIATION = { LOGICAL_UNIT: 0x0, TARGET_PORT: 0x1, TARGET_DEVICE: 0x2 } as const;

/** One of the defined {@link ASSOCIATION} values. @remarks Since 0.1.0 */
export type Association = (typeof ASSOCIATION)[keyof typeof ASSOCIATION];

/**
 * PROTOCOL IDENTIFIER values (byte 0 bits 7:4, meaningful when PIV = 1 and the association is
 * target port or target device).
 *
 * @remarks Since 0.1.0
 */
export const PROTOCOL_IDENTIFIER = {
  FCP: 0x0,
  SPI: 0x1,
  SSA: 0x2,
  SBP: 0x3,
  SRP: 0x4,
  ISCSI: 0x5,
  SAS: 0x6,
  ADT: 0x7,
  ATA: 0x8,
  UAS: 0x9,
  SOP: 0xa,
  PCIE: 0xb,
  NONE: 0xf,
} as const;

/** Vendor specific designator (type 0h). @remarks Since 0.1.0 */
export interface VendorSpecificDesignator {
  readonly kind: 'vendorSpecific';
  readonly vendorSpecificData: Uint8Array;
}
/** T10 vendor ID based designator (type 1h). @remarks Since 0.1.0 */
export interface T10VendorIdDesignator {
  readonly kind: 't10VendorId';
  /** T10 VENDOR IDENTIFICATION: 8 bytes, as char codes (so any byte string is kept). */
  readonly t10VendorIdentification: string;
  /** VENDOR SPECIFIC IDENTIFIER: the rest, as char codes. */
  readonly vendorSpecificIdentifier: string;
}
/** EUI-64 based designator (type 2h) in its 8-, 12- or 16-byte form. @remarks Since 0.1.0 */
export interface Eui64Designator {
  readonly kind: 'eui64';
  /** The 8-byte EUI-64 (IEEE COMPANY_ID in the top 24 bits). */
  readonly eui64: bigint;
  /** 12-byte form: DIRECTORY ID (bytes 8-11). */
  readonly directoryId?: number;
  /** 16-byte form: IDENTIFIER EXTENSION (bytes 0-7, the EUI-64 follows in bytes 8-15). */
  readonly identifierExtension?: bigint;
}
/** NAA IEEE Extended (NAA 2h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeExtendedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x2;
  /** VENDOR SPECIFIC IDENTIFIER A (12 bits). */
  readonly vendorSpecificIdentifierA: number;
  /** IEEE COMPANY_ID (OUI, 24 bits). */
  readonly ieeeCompanyId: number;
  /** VENDOR SPECIFIC IDENTIFIER B (24 bits). */
  readonly vendorSpecificIdentifierB: number;
}
/** NAA Locally Assigned (NAA 3h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaLocallyAssignedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x3;
  /** LOCALLY ADMINISTERED VALUE (60 bits). */
  readonly locallyAdministeredValue: bigint;
}
/** NAA IEEE Registered (NAA 5h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeRegisteredDesignator {
  readonly kind: 'naa';
  readonly naa: 0x5;
  /** IEEE COMPANY_ID (OUI, 24 bits, straddling nibbles). */
  readonly ieeeCompanyId: number;
  /** VENDOR SPECIFIC IDENTIFIER (36 bits). */
  readonly vendorSpecificIdentifier: bigint;
}
/** NAA IEEE Registered Extended (NAA 6h, 16 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeRegisteredExtendedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x6;
  readonly ieeeCompanyId: number;
  readonly vendorSpecificIdentifier: bigint;
  /** VENDOR SPECIFIC IDENTIFIER EXTENSION (64 bits). */
  readonly vendorSpecificIdentifierExtension: bigint;
}
/** Any NAA designator (type 3h). @remarks Since 0.1.0 */
export type NaaDesignator =
  | NaaIeeeExtendedDesignator
  | NaaLocallyAssignedDesignator
  | NaaIeeeRegisteredDesignator
  | NaaIeeeRegisteredExtendedDesignator;
/** Relative target port designator (type 4h). @remarks Since 0.1.0 */
export interface RelativeTargetPortDesignator {
  readonly kind: 'relativeTargetPort';
  readonly relativeTargetPortIdentifier: number;
}
/** Target port group designator (type 5h). @remarks Since 0.1.0 */
export interface TargetPortGroupDesignator {
  readonly kind: 'targetPortGroup';
  readonly targetPortGroup: number;
}
/** Logical unit group designator (type 6h). @remarks Since 0.1.0 */
export interface LogicalUnitGroupDesignator {
  readonly kind: 'logicalUnitGroup';
  readonly logicalUnitGroup: number;
}
/** MD5 logical unit identifier designator (type 7h). @remarks Since 0.1.0 */
export interface Md5LogicalUnitIdentifierDesignator {
  readonly kind: 'md5LogicalUnitIdentifier';
  /** MD5 LOGICAL UNIT IDENTIFIER (16 bytes). */
  readonly md5LogicalUnitIdentifier: Uint8Array;
}
/** SCSI name string designator (type 8h). @remarks Since 0.1.0 */
export interface ScsiNameStringDesignator {
  readonly kind: 'scsiNameString';
  /** The name: UTF-8 decoded up to the first NUL (or the end), U+FFFD for malformed bytes. */
  readonly scsiNameString: string;
}
/** Protocol specific port identifier designator (type 9h). @remarks Since 0.1.0 */
export interface ProtocolSpecificPortIdentifierDesignator {
  readonly kind: 'protocolSpecificPortIdentifier';
  /** The PROTOCOL IDENTIFIER of the descriptor header (selects the layout). */
  readonly protocolIdentifier: number;
  /** The designator bytes. */
  readonly protocolSpecificData: Uint8Array;
  /** USB (UAS, 9h), 4-byte form: DEVICE ADDRESS (byte 0 bits 6:0). */
  readonly deviceAddress?: number;
  /** USB (UAS, 9h), 4-byte form: INTERFACE NUMBER (byte 2). */
  readonly interfaceNumber?: number;
  /** PCI Express (SOP, Ah), 8-byte form: ROUTING ID (bytes 0-1). */
  readonly routingId?: number;
}
/** UUID designator (type Ah). @remarks Since 0.1.0 */
export interface UuidDesignator {
  readonly kind: 'uuid';
  /** UUID TYPE (byte 0 bits 7:4): 1h = locally assigned UUID. */
  readonly uuidType: number;
  /** The 16-byte UUID, formatted `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (lowercase). */
  readonly uuid: string;
}
/** Reserved designator type (Bh-Fh): bytes only. @remarks Since 0.1.0 */
export interface ReservedDesignator {
  readonly kind: 'reserved';
  readonly designatorType: number;
  readonly bytes: Uint8Array;
}
/**
 * A designator whose length (or NAA value) does not fit its type's layout: bytes only, plus why.
 *
 * @remarks Since 0.1.0
 */
export interface MalformedDesignator {
  readonly kind: 'malformed';
  readonly designatorType: number;
  readonly bytes: Uint8Array;
  readonly reason: string;
}

/**
 * Typed view of a designator, discriminated by `kind`.
 *
 * @remarks Since 0.1.0
 */
export type DesignatorView =
  | VendorSpecificDesignator
  | T10VendorIdDesignator
  | Eui64Designator
  | NaaDesignator
  | RelativeTargetPortDesignator
  | TargetPortGroupDesignator
  | LogicalUnitGroupDesignator
  | Md5LogicalUnitIdentifierDesignator
  | ScsiNameStringDesignator
  | ProtocolSpecificPortIdentifierDesignator
  | UuidDesignator
  | ReservedDesignator
  | MalformedDesignator;

/** Header fields the view reader needs. @internal */
export interface DesignatorContext {
  readonly codeSet: number;
  readonly piv: boolean;
  readonly protocolIdentifier: number;
  readonly association: number;
  readonly designatorType: number;
}

/** Code set each designator type requires (undefined = any of binary/ASCII/UTF-8). */
function requiredCodeSet(type: number): number | undefined {
  if (type === DESIGNATOR_TYPE.VENDOR_SPECIFIC) return undefined;
  if (type === DESIGNATOR_TYPE.T10_VENDOR_ID) return CODE_SET.ASCII;
  if (type === DESIGNATOR_TYPE.SCSI_NAME_STRING) return CODE_SET.UTF_8;
  return CODE_SET.BINARY;
}

/**
 * Read the typed view of the designator held by reader `r` (its whole window is the designator;
 * absolute offsets are kept). Strict mode throws for per-type violations (length, reserved bits,
 * code set, NAA value); lenient mode records them as issues and returns a `malformed` view
 * where the layout cannot be read.
 *
 * `codeSetOffset` is the position (relative to `r`) of the header byte holding CODE SET, used to
 * locate code set errors; it is normally -4.
 *
 * @internal
 */
export function readDesignatorView(r: ByteReader, ctx: DesignatorContext, headerOffset = -4): DesignatorView {
  const type = ctx.designatorType;
  const len = r.length;
  const data = (): Uint8Array<ArrayBuffer> => r.bytes(0, len, 'designator');
  const lengthOff = headerOffset + 3;
  const malformed = (reason: string): MalformedDesignator => {
    r.tolerate('ERR_LENGTH_MISMATCH', 'designatorLength', lengthOff, reason);
    return { kind: 'malformed', designatorType: type, bytes: data(), reason };
  };
  if (type > DESIGNATOR_TYPE.UUID) {
    r.tolerate('ERR_UNSUPPORTED', 'designatorType', headerOffset + 1, `reserved designator type ${hex(type, 1)}`, 3);
    return { kind: 'reserved', designatorType: type, bytes: data() };
  }
  const cs = requiredCodeSet(type);
  if (cs === undefined ? ctx.codeSet < 1 || ctx.codeSet > 3 : ctx.codeSet !== cs) {
    r.tolerate(
      'ERR_INVALID_VALUE',
      'codeSet',
      headerOffset,
      `code set ${hex(ctx.codeSet, 1)} is not allowed for designator type ${hex(type, 1)}`,
      3,
    );
  }
  switch (type) {
    case DESIGNATOR_TYPE.VENDOR_SPECIFIC:
      return { kind: 'vendorSpecific', vendorSpecificData: data() };
    case DESIGNATOR_TYPE.T10_VENDOR_ID:
      if (len < 8) return malformed(`T10 vendor ID designator needs at least 8 bytes, has ${len}`);
      return {
        kind: 't10VendorId',
        t10VendorIdentification: r.ascii(0, 8, 't10VendorIdentification'),
        vendorSpecificIdentifier: r.ascii(8, len - 8, 'vendorSpecificIdentifier'),
      };
    case DESIGNATOR_TYPE.EUI_64:
      if (len === 8) return { kind: 'eui64', eui64: r.u64(0, 'eui64') };
      if (len === 12) return { kind: 'eui64', eui64: r.u64(0, 'eui64'), directoryId: r.u32(8, 'directoryId') };
      if (len === 16)
        return {
          kind: 'eui64',
          identifierExtension: r.u64(0, 'identifierExtension'),
          eui64: r.u64(8, 'eui64'),
        };
      return malformed(`EUI-64 designator must be 8, 12 or 16 bytes, is ${len}`);
    case DESIGNATOR_TYPE.NAA:
      return readNaa(r, malformed);
    case DESIGNATOR_TYPE.RELATIVE_TARGET_PORT:
    case DESIGNATOR_TYPE.TARGET_PORT_GROUP:
    case DESIGNATOR_TYPE.LOGICAL_UNIT_GROUP: {
      if (len !== 4) return malformed(`designator type ${hex(type, 1)} must be 4 bytes, is ${len}`);
      r.reservedBytes(0, 2);
      if (type === DESIGNATOR_TYPE.RELATIVE_TARGET_PORT)
        return { kind: 'relativeTargetPort', relativeTargetPortIdentifier: r.u16(2, 'relativeTargetPortIdentifier') };
      if (type === DESIGNATOR_TYPE.TARGET_PORT_GROUP)
        return { kind: 'targetPortGroup', targetPortGroup: r.u16(2, 'targetPortGroup') };
      return { kind: 'logicalUnitGroup', logicalUnitGroup: r.u16(2, 'logicalUnitGroup') };
    }
    case DESIGNATOR_TYPE.MD5_LOGICAL_UNIT_IDENTIFIER:
      if (len !== 16) return malformed(`MD5 logical unit identifier must be 16 bytes, is ${len}`);
      return { kind: 'md5LogicalUnitIdentifier', md5LogicalUnitIdentifier: r.bytes(0, 16, 'md5LogicalUnitIdentifier') };
    case DESIGNATOR_TYPE.SCSI_NAME_STRING:
      return readScsiName(r, lengthOff);
    case DESIGNATOR_TYPE.PROTOCOL_SPECIFIC_PORT_IDENTIFIER:
      return readProtocolSpecific(r, ctx, headerOffset);
    default:
      // UUID (Ah)
      if (len !== 18) return malformed(`UUID designator must be 18 bytes, is ${len}`);
      r.reserved(0, 0x0f);
      r.reservedBytes(1, 1);
      {
        const uuidType = r.bits(0, 7, 4, 'uuidType');
        if (uuidType !== 1)
          r.tolerate(
            'ERR_INVALID_VALUE',
            'uuidType',
            0,
            `UUID type ${hex(uuidType, 1)} is not 1h (locally assigned)`,
            7,
          );
        return { kind: 'uuid', uuidType, uuid: formatUuid(r.bytes(2, 16, 'uuid')) };
      }
  }
}

function readNaa(r: ByteReader, malformed: (reason: string) => MalformedDesignator): DesignatorView {
  const len = r.length;
  if (len < 1) return malformed('NAA designator is empty');
  const naa = r.bits(0, 7, 4, 'naa');
  const want = naa === 6 ? 16 : 8;
  if (naa !== 2 && naa !== 3 && naa !== 5 && naa !== 6) {
    r.tolerate('ERR_UNSUPPORTED', 'naa', 0, `NAA ${hex(naa, 1)} is not 2h, 3h, 5h or 6h`, 7);
    return { kind: 'malformed', designatorType: DESIGNATOR_TYPE.NAA, bytes: r.bytes(0, len), reason: `NAA ${naa}` };
  }
  if (len !== want) return malformed(`NAA ${naa} designator must be ${want} bytes, is ${len}`);
  const q = r.u64(0);
  if (naa === 2)
    return {
      kind: 'naa',
      naa: 0x2,
      vendorSpecificIdentifierA: Number((q >> 48n) & 0xfffn),
      ieeeCompanyId: Number((q >> 24n) & 0xffffffn),
      vendorSpecificIdentifierB: Number(q & 0xffffffn),
    };
  if (naa === 3) return { kind: 'naa', naa: 0x3, locallyAdministeredValue: q & 0x0fff_ffff_ffff_ffffn };
  const ieeeCompanyId = Number((q >> 36n) & 0xffffffn);
  const vendorSpecificIdentifier = q & 0xf_ffff_ffffn;
  if (naa === 5) return { kind: 'naa', naa: 0x5, ieeeCompanyId, vendorSpecificIdentifier };
  return {
    kind: 'naa',
    naa: 0x6,
    ieeeCompanyId,
    vendorSpecificIdentifier,
    vendorSpecificIdentifierExtension: r.u64(8, 'vendorSpecificIdentifierExtension'),
  };
}

function readScsiName(r: ByteReader, lengthOff: number): ScsiNameStringDesignator {
  const len = r.length;
  const all = r.bytes(0, len, 'scsiNameString');
  let nul = all.indexOf(0);
  if (nul < 0) {
    r.tolerate('ERR_INVALID_VALUE', 'scsiNameString', len, 'SCSI name string is not null terminated');
    nul = len;
  } else {
    for (let i = nul + 1; i < len; i++)
      if (all[i] !== 0) {
        r.tolerate('ERR_INVALID_VALUE', 'scsiNameString', i, 'non-NUL byte after the terminating NUL');
        break;
      }
  }
  if (len % 4 !== 0)
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'designatorLength',
      lengthOff,
      `SCSI name string length ${len} is not a multiple of 4`,
    );
  const { text, ok } = utf8Decode(all.subarray(0, nul));
  if (!ok) r.tolerate('ERR_INVALID_VALUE', 'scsiNameString', 0, 'SCSI name string is not valid UTF-8');
  return { kind: 'scsiNameString', scsiNameString: text };
}

function readProtocolSpecific(r: ByteReader, ctx: DesignatorContext, headerOffset: number): DesignatorView {
  if (!ctx.piv)
    r.tolerate('ERR_INVALID_VALUE', 'piv', headerOffset + 1, 'protocol specific port identifier needs PIV=1', 7);
  const base: ProtocolSpecificPortIdentifierDesignator = {
    kind: 'protocolSpecificPortIdentifier',
    protocolIdentifier: ctx.protocolIdentifier,
    protocolSpecificData: r.bytes(0, r.length, 'protocolSpecificData'),
  };
  if (ctx.protocolIdentifier === PROTOCOL_IDENTIFIER.UAS && r.length === 4) {
    r.reserved(0, 0x80);
    r.reservedBytes(1, 1);
    r.reservedBytes(3, 1);
    return { ...base, deviceAddress: r.bits(0, 6, 0, 'deviceAddress'), interfaceNumber: r.u8(2, 'interfaceNumber') };
  }
  if (ctx.protocolIdentifier === PROTOCOL_IDENTIFIER.SOP && r.length === 8) {
    r.reservedBytes(2, 6);
    return { ...base, routingId: r.u16(0, 'routingId') };
  }
  return base;
}

function formatUuid(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += (b[i] as number).toString(16).padStart(2, '0');
  }
  return s;
}

/**
 * The typed view of a descriptor's designator (lenient: never throws for content; per-type
 * violations give a `malformed` view or are ignored). The raw `designator` bytes remain the
 * source of truth.
 *
 * @example
 * ```ts
 * const v = designatorViewOf(decodeDesignationDescriptor(bytes));
 * if (v.kind === 'naa' && v.naa === 5) console.log(v.ieeeCompanyId.toString(16), v.vendorSpecificIdentifier);
 * ```
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @remarks Since 0.1.0
 */
export function designatorViewOf(d: DesignationDescriptor): DesignatorView {
  try {
    const r = new ByteReader(d.designator, 'Designator', undefined, 4);
    return readDesignatorView(r, d);
  } catch (e) {
    throw inputFault(e, 'Designator', [d], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Canonical designator bytes for a typed view (the inverse of {@link designatorViewOf} for
 * well-formed views): NAA/EUI-64 fields packed, SCSI name strings UTF-8 encoded, NUL
 * terminated and padded to a multiple of 4, UUID type written. Returns the designator type too.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a field does not fit.
 * @remarks Since 0.1.0
 */
export function designatorBytesOf(view: DesignatorView): {
  readonly designatorType: number;
  readonly designator: Uint8Array<ArrayBuffer>;
} {
  try {
    const S = 'Designator';
    switch (view.kind) {
      case 'vendorSpecific':
        return { designatorType: 0, designator: view.vendorSpecificData.slice() };
      case 't10VendorId': {
        const n = view.vendorSpecificIdentifier.length;
        const w = new ByteWriter(8 + n, S);
        w.ascii(0, 8, view.t10VendorIdentification, 't10VendorIdentification');
        w.ascii(8, n, view.vendorSpecificIdentifier, 'vendorSpecificIdentifier');
        return { designatorType: 1, designator: w.finish() };
      }
      case 'eui64': {
        if (view.identifierExtension !== undefined) {
          const w = new ByteWriter(16, S);
          w.u64(0, view.identifierExtension, 'identifierExtension');
          w.u64(8, view.eui64, 'eui64');
          return { designatorType: 2, designator: w.finish() };
        }
        const w = new ByteWriter(view.directoryId === undefined ? 8 : 12, S);
        w.u64(0, view.eui64, 'eui64');
        if (view.directoryId !== undefined) w.u32(8, view.directoryId, 'directoryId');
        return { designatorType: 2, designator: w.finish() };
      }
      case 'naa': {
        const w = new ByteWriter(view.naa === 6 ? 16 : 8, S);
        w.bits(0, 7, 4, view.naa, 'naa');
        if (view.naa === 2) {
          w.bits(0, 3, 0, 0, 'naa');
          const a = view.vendorSpecificIdentifierA;
          if (!Number.isInteger(a) || a < 0 || a > 0xfff)
            throw w.error('vendorSpecificIdentifierA', 0, `${a} does not fit 12 bits`);
          w.bits(0, 3, 0, a >> 8, 'vendorSpecificIdentifierA');
          w.u8(1, a & 0xff, 'vendorSpecificIdentifierA');
          w.u24(2, view.ieeeCompanyId, 'ieeeCompanyId');
          w.u24(5, view.vendorSpecificIdentifierB, 'vendorSpecificIdentifierB');
        } else if (view.naa === 3) {
          const v = view.locallyAdministeredValue;
          if (typeof v !== 'bigint' || v < 0n || v > 0x0fff_ffff_ffff_ffffn)
            throw w.error('locallyAdministeredValue', 0, `${show(v)} does not fit 60 bits`);
          w.u64(0, (3n << 60n) | v, 'locallyAdministeredValue');
        } else {
          const c = view.ieeeCompanyId;
          const v = view.vendorSpecificIdentifier;
          if (!Number.isInteger(c) || c < 0 || c > 0xffffff)
            throw w.error('ieeeCompanyId', 0, `${c} does not fit 24 bits`);
          if (typeof v !== 'bigint' || v < 0n || v > 0xf_ffff_ffffn)
            throw w.error('vendorSpecificIdentifier', 3, `${show(v)} does not fit 36 bits`);
          w.u64(0, (BigInt(view.naa) << 60n) | (BigInt(c) << 36n) | v, 'vendorSpecificIdentifier');
          if (view.naa === 6) w.u64(8, view.vendorSpecificIdentifierExtension, 'vendorSpecificIdentifierExtension');
        }
        return { designatorType: 3, designator: w.finish() };
      }
      case 'relativeTargetPort':
      case 'targetPortGroup':
      case 'logicalUnitGroup': {
        const w = new ByteWriter(4, S);
        if (view.kind === 'relativeTargetPort') {
          w.u16(2, view.relativeTargetPortIdentifier, 'relativeTargetPortIdentifier');
          return { designatorType: 4, designator: w.finish() };
        }
        if (view.kind === 'targetPortGroup') {
          w.u16(2, view.targetPortGroup, 'targetPortGroup');
          return { designatorType: 5, designator: w.finish() };
        }
        w.u16(2, view.logicalUnitGroup, 'logicalUnitGroup');
        return { designatorType: 6, designator: w.finish() };
      }
      case 'md5LogicalUnitIdentifier': {
        const w = new ByteWriter(16, S);
        w.bytes(0, view.md5LogicalUnitIdentifier, 'md5LogicalUnitIdentifier', 16);
        return { designatorType: 7, designator: w.finish() };
      }
      case 'scsiNameString': {
        const text = utf8Encode(view.scsiNameString);
        if (text.includes(0)) throw new ByteWriter(0, S).error('scsiNameString', 0, 'name contains a NUL character');
        const n = (text.length + 1 + 3) & ~3;
        if (n > 255) throw new ByteWriter(0, S).error('scsiNameString', 0, `name needs ${n} bytes, max 255`);
        const w = new ByteWriter(n, S);
        w.bytes(0, text, 'scsiNameString');
        return { designatorType: 8, designator: w.finish() };
      }
      case 'protocolSpecificPortIdentifier':
        return { designatorType: 9, designator: view.protocolSpecificData.slice() };
      case 'uuid': {
        const w = new ByteWriter(18, S);
        w.bits(0, 7, 4, view.uuidType, 'uuidType');
        const hexDigits = typeof view.uuid === 'string' ? view.uuid.replace(/-/g, '') : '';
        if (!/^[0-9a-fA-F]{32}$/.test(hexDigits)) throw w.error('uuid', 2, 'not a 128-bit UUID string');
        for (let i = 0; i < 16; i++) w.u8(2 + i, Number.parseInt(hexDigits.slice(2 * i, 2 * i + 2), 16), 'uuid');
        return { designatorType: 0xa, designator: w.finish() };
      }
      default:
        return { designatorType: view.designatorType, designator: view.bytes.slice() };
    }
  } catch (e) {
    throw inputFault(e, 'Designator', [view], 'ERR_FIELD_RANGE');
  }
}
