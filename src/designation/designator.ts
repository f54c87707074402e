/**
 * Reading the typed view of the DESIGNATOR field of a designation (identification) descriptor.
 * The raw designator bytes stay the source of truth (`DesignationDescriptor.designator`); a view is
 * derived from them on demand.
 *
 * @packageDocumentation
 */

import { type ByteReader, hex } from '../internal/byte-reader.js';
import {
  CODE_SET,
  DESIGNATOR_TYPE,
  type DesignatorContext,
  type DesignatorView,
  type MalformedDesignator,
  PROTOCOL_IDENTIFIER,
  type ProtocolSpecificPortIdentifierDesignator,
  type ScsiNameStringDesignator,
} from './designator-types.js';
import { utf8Decode } from './utf8.js';

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
      return readUuid(r, malformed); // UUID (Ah)
  }
}

function readUuid(r: ByteReader, malformed: (reason: string) => MalformedDesignator): DesignatorView {
  if (r.length !== 18) return malformed(`UUID designator must be 18 bytes, is ${r.length}`);
  r.reserved(0, 0x0f);
  r.reservedBytes(1, 1);
  const uuidType = r.bits(0, 7, 4, 'uuidType');
  if (uuidType !== 1)
    r.tolerate('ERR_INVALID_VALUE', 'uuidType', 0, `UUID type ${hex(uuidType, 1)} is not 1h (locally assigned)`, 7);
  return { kind: 'uuid', uuidType, uuid: formatUuid(r.bytes(2, 16, 'uuid')) };
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
