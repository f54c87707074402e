/**
 * Designator bytes from a typed view (the inverse of the view reader in designator.ts).
 *
 * @packageDocumentation
 */

import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import type { DesignatorView, Eui64Designator, NaaDesignator } from './designator-types.js';
import { utf8Encode } from './utf8.js';

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
      case 'eui64':
        return { designatorType: 2, designator: eui64Bytes(view) };
      case 'naa':
        return { designatorType: 3, designator: naaBytes(view) };
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

function eui64Bytes(view: Eui64Designator): Uint8Array<ArrayBuffer> {
  const S = 'Designator';
  if (view.identifierExtension !== undefined) {
    const w = new ByteWriter(16, S);
    w.u64(0, view.identifierExtension, 'identifierExtension');
    w.u64(8, view.eui64, 'eui64');
    return w.finish();
  }
  const w = new ByteWriter(view.directoryId === undefined ? 8 : 12, S);
  w.u64(0, view.eui64, 'eui64');
  if (view.directoryId !== undefined) w.u32(8, view.directoryId, 'directoryId');
  return w.finish();
}

function naaBytes(view: NaaDesignator): Uint8Array<ArrayBuffer> {
  const S = 'Designator';
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
    if (!Number.isInteger(c) || c < 0 || c > 0xffffff) throw w.error('ieeeCompanyId', 0, `${c} does not fit 24 bits`);
    if (typeof v !== 'bigint' || v < 0n || v > 0xf_ffff_ffffn)
      throw w.error('vendorSpecificIdentifier', 3, `${show(v)} does not fit 36 bits`);
    w.u64(0, (BigInt(view.naa) << 60n) | (BigInt(c) << 36n) | v, 'vendorSpecificIdentifier');
    if (view.naa === 6) w.u64(8, view.vendorSpecificIdentifierExtension, 'vendorSpecificIdentifierExtension');
  }
  return w.finish();
}
