/**
 * REPORT TARGET PORT GROUPS parameter data, both formats:
 *
 * - length only (PARAMETER DATA FORMAT 000b): bytes 0-3 RETURN DATA LENGTH (n-3), then the target
 *   port group descriptors;
 * - extended header (001b): bytes 0-3 RETURN DATA LENGTH (n-3); byte 4 bits 6:4 FORMAT TYPE
 *   (001b); byte 5 IMPLICIT TRANSITION TIME (seconds); bytes 6-7 reserved; then the descriptors.
 *
 * Target port group descriptor: byte 0 bit 7 PREF, bits 3:0 ASYMMETRIC ACCESS STATE; byte 1 bit 7
 * T_SUP, 6 O_SUP, 4 LBD_SUP, 3 U_SUP, 2 S_SUP, 1 AN_SUP, 0 AO_SUP; bytes 2-3 TARGET PORT GROUP;
 * byte 4 reserved; byte 5 STATUS CODE; byte 6 vendor specific; byte 7 TARGET PORT COUNT; then one
 * 4-byte target port descriptor per port (bytes 0-1 obsolete, 2-3 RELATIVE TARGET PORT
 * IDENTIFIER).
 *
 * The decoder tells the formats apart as sg3_utils does: FORMAT TYPE 001b in byte 4 bits 6:4 means
 * the extended header (in the length-only format those bits are a descriptor's reserved bits).
 *
 * @see SPC-5 "REPORT TARGET PORT GROUPS command" (parameter data formats, target port group
 *   descriptor, target port descriptor)
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { arrayField, inputFault, objectList } from '../internal/contract.js';
import { truncatedOf } from './common.js';

const STRUCTURE = 'ReportTargetPortGroupsParameterData';

/**
 * ASYMMETRIC ACCESS STATE values.
 *
 * @see SPC-5 "ASYMMETRIC ACCESS STATE field" table
 * @remarks Since 0.2.0
 */
export const ASYMMETRIC_ACCESS_STATE = {
  ACTIVE_OPTIMIZED: 0x0,
  ACTIVE_NON_OPTIMIZED: 0x1,
  STANDBY: 0x2,
  UNAVAILABLE: 0x3,
  LOGICAL_BLOCK_DEPENDENT: 0x4,
  OFFLINE: 0xe,
  TRANSITIONING: 0xf,
} as const;

/** One target port group descriptor. @remarks Since 0.2.0 */
export interface TargetPortGroupDescriptor {
  /** PREF (byte 0 bit 7): preferred target port group. */
  readonly pref: boolean;
  /** ASYMMETRIC ACCESS STATE (byte 0 bits 3:0): see {@link ASYMMETRIC_ACCESS_STATE}. */
  readonly asymmetricAccessState: number;
  /** T_SUP (byte 1 bit 7): transitioning supported. */
  readonly tSup: boolean;
  /** O_SUP (byte 1 bit 6): offline supported. */
  readonly oSup: boolean;
  /** LBD_SUP (byte 1 bit 4): logical block dependent supported. */
  readonly lbdSup: boolean;
  /** U_SUP (byte 1 bit 3): unavailable supported. */
  readonly uSup: boolean;
  /** S_SUP (byte 1 bit 2): standby supported. */
  readonly sSup: boolean;
  /** AN_SUP (byte 1 bit 1): active/non-optimized supported. */
  readonly anSup: boolean;
  /** AO_SUP (byte 1 bit 0): active/optimized supported. */
  readonly aoSup: boolean;
  /** TARGET PORT GROUP (bytes 2-3). */
  readonly targetPortGroup: number;
  /** STATUS CODE (byte 5). */
  readonly statusCode: number;
  /** Vendor specific (byte 6). */
  readonly vendorSpecific: number;
  /** RELATIVE TARGET PORT IDENTIFIER of each target port descriptor (TARGET PORT COUNT = length). */
  readonly relativeTargetPortIdentifiers: readonly number[];
}

/**
 * REPORT TARGET PORT GROUPS parameter data: `parameterDataFormat` 0 (length only) or 1 (extended
 * header, with IMPLICIT TRANSITION TIME).
 *
 * @remarks Since 0.2.0
 */
export type ReportTargetPortGroupsParameterData = (
  | { readonly parameterDataFormat: 0 }
  | {
      readonly parameterDataFormat: 1;
      /** IMPLICIT TRANSITION TIME (byte 5), seconds; 0 = not specified. */
      readonly implicitTransitionTime: number;
    }
) & {
  readonly targetPortGroupDescriptors: readonly TargetPortGroupDescriptor[];
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
};

const FORMAT_TYPE_EXTENDED = 1;
const descLength = (d: TargetPortGroupDescriptor): number => 8 + 4 * d.relativeTargetPortIdentifiers.length;

/**
 * Encode REPORT TARGET PORT GROUPS parameter data; RETURN DATA LENGTH and each TARGET PORT COUNT
 * are computed.
 *
 * @see SPC-5 "REPORT TARGET PORT GROUPS parameter data"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit, a group has more than 255
 *   ports, or `parameterDataFormat` is not 0 or 1.
 * @remarks Since 0.2.0
 */
export function encodeReportTargetPortGroupsParameterData(
  value: ReportTargetPortGroupsParameterData,
): Uint8Array<ArrayBuffer> {
  try {
    const ext = value.parameterDataFormat === 1;
    if (!ext && value.parameterDataFormat !== 0) {
      throw new ByteWriter(0, STRUCTURE).error('parameterDataFormat', 0, 'must be 0 (length only) or 1 (extended)');
    }
    const list: readonly TargetPortGroupDescriptor[] = objectList(
      STRUCTURE,
      'targetPortGroupDescriptors',
      4,
      value.targetPortGroupDescriptors,
      0xffff_ffff / 8,
    );
    for (const d of list)
      arrayField(STRUCTURE, 'relativeTargetPortIdentifiers', 4, d.relativeTargetPortIdentifiers, 0xff);
    const head = ext ? 8 : 4;
    let total = head;
    for (const d of list) {
      checkRange(STRUCTURE, 'relativeTargetPortIdentifiers', total + 7, d.relativeTargetPortIdentifiers.length, 0xff);
      total += descLength(d);
    }
    const w = new ByteWriter(total, STRUCTURE);
    w.u32(0, total - 4, 'returnDataLength');
    if (value.parameterDataFormat === 1) {
      w.bits(4, 6, 4, FORMAT_TYPE_EXTENDED, 'formatType');
      w.u8(5, value.implicitTransitionTime, 'implicitTransitionTime');
    }
    let off = head;
    for (const d of list) {
      const s = w.sub(off, descLength(d), 'TargetPortGroupDescriptor');
      s.bit(0, 7, d.pref, 'pref');
      s.bits(0, 3, 0, d.asymmetricAccessState, 'asymmetricAccessState');
      s.bit(1, 7, d.tSup, 'tSup');
      s.bit(1, 6, d.oSup, 'oSup');
      s.bit(1, 4, d.lbdSup, 'lbdSup');
      s.bit(1, 3, d.uSup, 'uSup');
      s.bit(1, 2, d.sSup, 'sSup');
      s.bit(1, 1, d.anSup, 'anSup');
      s.bit(1, 0, d.aoSup, 'aoSup');
      s.u16(2, d.targetPortGroup, 'targetPortGroup');
      s.u8(5, d.statusCode, 'statusCode');
      s.u8(6, d.vendorSpecific, 'vendorSpecific');
      s.u8(7, d.relativeTargetPortIdentifiers.length, 'targetPortCount');
      d.relativeTargetPortIdentifiers.forEach((id: number, i: number) => {
        s.u16(8 + 4 * i + 2, id, 'relativeTargetPortIdentifier');
      });
      off += descLength(d);
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ReportTargetPortGroupsParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode REPORT TARGET PORT GROUPS parameter data (either format, told apart by FORMAT TYPE).
 * RETURN DATA LENGTH must be present; descriptors cut off by ALLOCATION LENGTH are dropped
 * (`truncated: true`, `ERR_TRUNCATED` issue in both modes).
 *
 * @see SPC-5 "REPORT TARGET PORT GROUPS parameter data"
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 4 bytes, or an extended header cut short);
 *   strict: `ERR_RESERVED_NONZERO`, `ERR_LENGTH_MISMATCH`.
 * @remarks Since 0.2.0
 */
export function decodeReportTargetPortGroupsParameterData(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ReportTargetPortGroupsParameterData {
  try {
    const r = new ByteReader(bytes, STRUCTURE, options);
    r.need(4);
    const declaredEnd = 4 + r.u32(0, 'returnDataLength');
    const ext = r.length >= 5 && declaredEnd >= 5 && r.bits(4, 6, 4) === FORMAT_TYPE_EXTENDED;
    let implicitTransitionTime = 0;
    if (ext) {
      r.need(8);
      r.bits(4, 6, 4, 'formatType');
      r.reserved(4, 0x8f);
      implicitTransitionTime = r.u8(5, 'implicitTransitionTime');
      r.reservedBytes(6, 2);
    }
    const truncated = declaredEnd > r.length;
    if (truncated) {
      r.note(
        'ERR_TRUNCATED',
        'returnDataLength',
        0,
        `RETURN DATA LENGTH says ${declaredEnd} bytes, only ${r.length} present`,
      );
    }
    const end = Math.min(declaredEnd, r.length);
    const targetPortGroupDescriptors: TargetPortGroupDescriptor[] = [];
    let off = ext ? 8 : 4;
    while (off + 8 <= end) {
      const count = r.u8(off + 7);
      const len = 8 + 4 * count;
      if (off + len > end) break;
      const s = r.sub(off, len, 'TargetPortGroupDescriptor');
      s.reserved(0, 0x70);
      s.reserved(1, 0x20);
      s.reservedBytes(4, 1);
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        s.reservedBytes(8 + 4 * i, 2);
        ids.push(s.u16(8 + 4 * i + 2, 'relativeTargetPortIdentifier'));
      }
      targetPortGroupDescriptors.push({
        pref: s.bit(0, 7, 'pref'),
        asymmetricAccessState: s.bits(0, 3, 0, 'asymmetricAccessState'),
        tSup: s.bit(1, 7, 'tSup'),
        oSup: s.bit(1, 6, 'oSup'),
        lbdSup: s.bit(1, 4, 'lbdSup'),
        uSup: s.bit(1, 3, 'uSup'),
        sSup: s.bit(1, 2, 'sSup'),
        anSup: s.bit(1, 1, 'anSup'),
        aoSup: s.bit(1, 0, 'aoSup'),
        targetPortGroup: s.u16(2, 'targetPortGroup'),
        statusCode: s.u8(5, 'statusCode'),
        vendorSpecific: s.u8(6, 'vendorSpecific'),
        relativeTargetPortIdentifiers: ids,
      });
      off += len;
    }
    if (off < end && !truncated) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'returnDataLength',
        0,
        `${end - off} byte(s) left over after the last descriptor`,
      );
    }
    const rest = { targetPortGroupDescriptors, ...truncatedOf(truncated), ...issuesOf(r) };
    return ext ? { parameterDataFormat: 1, implicitTransitionTime, ...rest } : { parameterDataFormat: 0, ...rest };
  } catch (e) {
    throw inputFault(e, 'ReportTargetPortGroupsParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
