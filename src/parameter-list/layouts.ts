/**
 * Layout tables of the fixed-offset parts of the POPULATE TOKEN and WRITE USING TOKEN parameter
 * lists and of the block device range descriptor: the one place their offsets are written. The
 * codecs, the rule table's field pointers, the copy manager and the near-miss mutations read them.
 *
 * @packageDocumentation
 */
import { defineLayout, type Layout } from '../internal/layout.js';

/**
 * POPULATE TOKEN parameter list header (16 bytes); range descriptors follow at byte 16.
 *
 * @see SBC-5 5.12.2 table 72 (POPULATE TOKEN parameter list)
 * @remarks Since 0.2.0
 */
export const POPULATE_TOKEN_LAYOUT: Layout<
  | 'populateTokenDataLength'
  | 'reserved'
  | 'rtv'
  | 'immed'
  | 'inactivityTimeout'
  | 'rodType'
  | 'blockDeviceRangeDescriptorLength'
> = defineLayout('PopulateTokenParameterList', 16, [
  { name: 'populateTokenDataLength', offset: 0, width: 2, kind: 'uint', countsFrom: 2 },
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfc },
  { name: 'rtv', offset: 2, width: 1, kind: 'bit', hi: 1, lo: 1 },
  { name: 'immed', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'inactivityTimeout', offset: 4, width: 4, kind: 'uint' },
  { name: 'rodType', offset: 8, width: 4, kind: 'uint' },
  { name: 'reserved', offset: 12, width: 2, kind: 'reserved' },
  { name: 'blockDeviceRangeDescriptorLength', offset: 14, width: 2, kind: 'uint', countsFrom: 16 },
]);

/**
 * WRITE USING TOKEN parameter list header (536 bytes, the ROD token included); range descriptors
 * follow at byte 536.
 *
 * @see SBC-5 5.59.2 table 159 (WRITE USING TOKEN parameter list)
 * @remarks Since 0.2.0
 */
export const WRITE_USING_TOKEN_LAYOUT: Layout<
  | 'writeUsingTokenDataLength'
  | 'reserved'
  | 'delTkn'
  | 'immed'
  | 'offsetIntoRod'
  | 'rodToken'
  | 'blockDeviceRangeDescriptorLength'
> = defineLayout('WriteUsingTokenParameterList', 536, [
  { name: 'writeUsingTokenDataLength', offset: 0, width: 2, kind: 'uint', countsFrom: 2 },
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfc },
  { name: 'delTkn', offset: 2, width: 1, kind: 'bit', hi: 1, lo: 1 },
  { name: 'immed', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'reserved', offset: 3, width: 5, kind: 'reserved' },
  { name: 'offsetIntoRod', offset: 8, width: 8, kind: 'bigint' },
  { name: 'rodToken', offset: 16, width: 512, kind: 'bytes' },
  { name: 'reserved', offset: 528, width: 6, kind: 'reserved' },
  { name: 'blockDeviceRangeDescriptorLength', offset: 534, width: 2, kind: 'uint', countsFrom: 536 },
]);

/**
 * Block device range descriptor (16 bytes).
 *
 * @see SBC-5 5.12.3 table 73 (Block device range descriptor)
 * @remarks Since 0.2.0
 */
export const BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT: Layout<
  'logicalBlockAddress' | 'numberOfLogicalBlocks' | 'reserved'
> = defineLayout('BlockDeviceRangeDescriptor', 16, [
  { name: 'logicalBlockAddress', offset: 0, width: 8, kind: 'bigint' },
  { name: 'numberOfLogicalBlocks', offset: 8, width: 4, kind: 'uint' },
  { name: 'reserved', offset: 12, width: 4, kind: 'reserved' },
]);

/** The two range-descriptor lists: their header layout and where the descriptors start. @remarks Since 0.2.0 */
export type RangeListKind = 'populateToken' | 'writeUsingToken';

/**
 * Offset of the BLOCK DEVICE RANGE DESCRIPTOR LENGTH field and of the first descriptor in each list.
 *
 * @remarks Since 0.2.0
 */
export function rangeListOffsets(list: RangeListKind): {
  readonly rangeLength: number;
  readonly firstDescriptor: number;
} {
  const l = list === 'populateToken' ? POPULATE_TOKEN_LAYOUT : WRITE_USING_TOKEN_LAYOUT;
  return { rangeLength: l.field.blockDeviceRangeDescriptorLength.offset, firstDescriptor: l.length };
}
