/**
 * Layout table of the fixed part of the ROD token (the header shared by every ROD type and the
 * generic token's fixed fields up to the target device descriptor).
 *
 * @packageDocumentation
 */
import { defineLayout, type Layout } from '../internal/layout.js';

/**
 * ROD token fixed part (bytes 0-131; the target device descriptor's designator and the extended
 * ROD token data follow).
 *
 * @see SPC-5 ROD token format table (ROD token)
 * @remarks Since 0.2.0
 */
export const ROD_TOKEN_LAYOUT: Layout<
  | 'rodType'
  | 'reserved'
  | 'rodTokenLength'
  | 'copyManagerRodTokenIdentifier'
  | 'creatorLogicalUnitDescriptor'
  | 'numberOfBytesRepresented'
  | 'rodTokenTypeSpecificData'
  | 'deviceTypeSpecificData'
  | 'targetDeviceDescriptor'
> = defineLayout('RodToken', 132, [
  { name: 'rodType', offset: 0, width: 4, kind: 'uint' },
  { name: 'reserved', offset: 4, width: 2, kind: 'reserved' },
  { name: 'rodTokenLength', offset: 6, width: 2, kind: 'uint', countsFrom: 8 },
  { name: 'copyManagerRodTokenIdentifier', offset: 8, width: 8, kind: 'bigint' },
  { name: 'creatorLogicalUnitDescriptor', offset: 16, width: 32, kind: 'bytes' },
  { name: 'numberOfBytesRepresented', offset: 48, width: 16, kind: 'bigint' },
  { name: 'rodTokenTypeSpecificData', offset: 64, width: 32, kind: 'reserved' },
  { name: 'deviceTypeSpecificData', offset: 96, width: 32, kind: 'bytes' },
  { name: 'targetDeviceDescriptor', offset: 128, width: 4, kind: 'bytes' },
]);
