/**
 * SENSE KEY SPECIFIC field (3 bytes): fixed-format bytes 15-17, sense key specific descriptor
 * (02h) bytes 4-6, direct-access block device descriptor (0Dh) bytes 4-6.
 *
 * @see SPC-5 sense key specific sense data
 * @internal
 */
import type { ByteReader } from '../internal/byte-reader.js';
import type { ByteWriter } from '../internal/byte-writer.js';
import { show } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';

/** Field pointer variant (sense key ILLEGAL REQUEST). @remarks Since 0.1.0 */
export interface FieldPointerSenseKeySpecific {
  readonly kind: 'fieldPointer';
  /** SKSV: byte 0 bit 7. */
  readonly sksv: boolean;
  /** C/D: byte 0 bit 6; `true` = error in the CDB, `false` = in the parameter data. */
  readonly commandData: boolean;
  /** BPV: byte 0 bit 3; BIT POINTER is valid. */
  readonly bitPointerValid: boolean;
  /** BIT POINTER: byte 0 bits 2:0. */
  readonly bitPointer: number;
  /** FIELD POINTER: bytes 1-2. */
  readonly fieldPointer: number;
}

/** Actual retry count variant (RECOVERED ERROR, MEDIUM ERROR, HARDWARE ERROR). @remarks Since 0.1.0 */
export interface ActualRetryCountSenseKeySpecific {
  readonly kind: 'actualRetryCount';
  readonly sksv: boolean;
  /** ACTUAL RETRY COUNT: bytes 1-2. */
  readonly actualRetryCount: number;
}

/** Progress indication variant (NO SENSE, NOT READY). @remarks Since 0.1.0 */
export interface ProgressIndicationSenseKeySpecific {
  readonly kind: 'progressIndication';
  readonly sksv: boolean;
  /** PROGRESS INDICATION: bytes 1-2, fraction of 65536. */
  readonly progressIndication: number;
}

/** Segment pointer variant (COPY ABORTED). @remarks Since 0.1.0 */
export interface SegmentPointerSenseKeySpecific {
  readonly kind: 'segmentPointer';
  readonly sksv: boolean;
  /** SD: byte 0 bit 5; `true` = field pointer relative to the start of the segment descriptor. */
  readonly segmentDescriptor: boolean;
  /** BPV: byte 0 bit 3. */
  readonly bitPointerValid: boolean;
  /** BIT POINTER: byte 0 bits 2:0. */
  readonly bitPointer: number;
  /** FIELD POINTER: bytes 1-2. */
  readonly fieldPointer: number;
}

/** Unit attention condition queue overflow variant (UNIT ATTENTION). @remarks Since 0.1.0 */
export interface UnitAttentionQueueOverflowSenseKeySpecific {
  readonly kind: 'unitAttentionQueueOverflow';
  readonly sksv: boolean;
  /** OVERFLOW: byte 0 bit 0. */
  readonly overflow: boolean;
}

/** Any other sense key: the 23 bits after SKSV, kept as a number (0..7FFFFFh). @remarks Since 0.1.0 */
export interface RawSenseKeySpecific {
  readonly kind: 'raw';
  readonly sksv: boolean;
  /** Byte 0 bits 6:0 and bytes 1-2 as one 23-bit big-endian number. */
  readonly value: number;
}

/**
 * SENSE KEY SPECIFIC field, decoded into the variant the sense key selects.
 *
 * @see SPC-5 sense key specific sense data
 * @remarks Since 0.1.0
 */
export type SenseKeySpecific =
  | FieldPointerSenseKeySpecific
  | ActualRetryCountSenseKeySpecific
  | ProgressIndicationSenseKeySpecific
  | SegmentPointerSenseKeySpecific
  | UnitAttentionQueueOverflowSenseKeySpecific
  | RawSenseKeySpecific;

/** The variant a sense key selects. @remarks Since 0.1.0 */
export type SenseKeySpecificKind = SenseKeySpecific['kind'];

/**
 * Which {@link SenseKeySpecific} variant a sense key selects.
 *
 * @see SPC-5 sense key specific sense data
 * @remarks Since 0.1.0
 */
export function senseKeySpecificKind(senseKey: number): SenseKeySpecificKind {
  try {
    return kindOf(senseKey);
  } catch (e) {
    throw inputFault(e, 'senseKeySpecificKind', [senseKey], 'ERR_FIELD_RANGE');
  }
}

/** {@link senseKeySpecificKind} without the input guard (for the decoder, whose key is a number). */
function kindOf(senseKey: number): SenseKeySpecificKind {
  switch (senseKey) {
    case 0x5:
      return 'fieldPointer';
    case 0x1:
    case 0x3:
    case 0x4:
      return 'actualRetryCount';
    case 0x0:
    case 0x2:
      return 'progressIndication';
    case 0xa:
      return 'segmentPointer';
    case 0x6:
      return 'unitAttentionQueueOverflow';
    default:
      return 'raw';
  }
}

/** Read the 3-byte SKS field at `off`, as the variant `senseKey` selects. @internal */
export function readSenseKeySpecific(r: ByteReader, off: number, senseKey: number): SenseKeySpecific {
  r.needAt(off, 3, 'senseKeySpecific');
  const sksv = r.bit(off, 7, 'sksv');
  switch (kindOf(senseKey)) {
    case 'fieldPointer':
      r.reserved(off, 0x30, 'senseKeySpecific.reserved');
      return {
        kind: 'fieldPointer',
        sksv,
        commandData: r.bit(off, 6, 'commandData'),
        bitPointerValid: r.bit(off, 3, 'bitPointerValid'),
        bitPointer: r.bits(off, 2, 0, 'bitPointer'),
        fieldPointer: r.u16(off + 1, 'fieldPointer'),
      };
    case 'actualRetryCount':
      r.reserved(off, 0x7f, 'senseKeySpecific.reserved');
      return { kind: 'actualRetryCount', sksv, actualRetryCount: r.u16(off + 1, 'actualRetryCount') };
    case 'progressIndication':
      r.reserved(off, 0x7f, 'senseKeySpecific.reserved');
      return { kind: 'progressIndication', sksv, progressIndication: r.u16(off + 1, 'progressIndication') };
    case 'segmentPointer':
      r.reserved(off, 0x50, 'senseKeySpecific.reserved');
      return {
        kind: 'segmentPointer',
        sksv,
        segmentDescriptor: r.bit(off, 5, 'segmentDescriptor'),
        bitPointerValid: r.bit(off, 3, 'bitPointerValid'),
        bitPointer: r.bits(off, 2, 0, 'bitPointer'),
        fieldPointer: r.u16(off + 1, 'fieldPointer'),
      };
    case 'unitAttentionQueueOverflow':
      r.reserved(off, 0x7e, 'senseKeySpecific.reserved');
      r.reservedBytes(off + 1, 2, 'senseKeySpecific.reserved');
      return { kind: 'unitAttentionQueueOverflow', sksv, overflow: r.bit(off, 0, 'overflow') };
    default:
      return { kind: 'raw', sksv, value: (r.bits(off, 6, 0) << 16) | r.u16(off + 1, 'senseKeySpecific') };
  }
}

/** Write the 3-byte SKS field at `off` (whatever variant is given; reserved bits zero). @internal */
export function writeSenseKeySpecific(w: ByteWriter, off: number, s: SenseKeySpecific): void {
  if (typeof s !== 'object' || s === null) throw w.error('senseKeySpecific', off, `${show(s)} is not an object`);
  w.bit(off, 7, s.sksv, 'sksv');
  switch (s.kind) {
    case 'fieldPointer':
      w.bit(off, 6, s.commandData, 'commandData');
      w.bit(off, 3, s.bitPointerValid, 'bitPointerValid');
      w.bits(off, 2, 0, s.bitPointer, 'bitPointer');
      w.u16(off + 1, s.fieldPointer, 'fieldPointer');
      return;
    case 'actualRetryCount':
      w.u16(off + 1, s.actualRetryCount, 'actualRetryCount');
      return;
    case 'progressIndication':
      w.u16(off + 1, s.progressIndication, 'progressIndication');
      return;
    case 'segmentPointer':
      w.bit(off, 5, s.segmentDescriptor, 'segmentDescriptor');
      w.bit(off, 3, s.bitPointerValid, 'bitPointerValid');
      w.bits(off, 2, 0, s.bitPointer, 'bitPointer');
      w.u16(off + 1, s.fieldPointer, 'fieldPointer');
      return;
    case 'unitAttentionQueueOverflow':
      w.bit(off, 0, s.overflow, 'overflow');
      return;
    case 'raw': {
      const v = s.value;
      if (!Number.isInteger(v) || v < 0 || v > 0x7fffff) {
        throw w.error('senseKeySpecific', off, `${show(v)} does not fit 23 bits (0..0x7fffff)`);
      }
      w.bits(off, 6, 0, v >>> 16, 'senseKeySpecific');
      w.u16(off + 1, v & 0xffff, 'senseKeySpecific');
      return;
    }
    default:
      throw w.error('senseKeySpecific', off, `unknown sense key specific kind ${show((s as { kind: unknown }).kind)}`);
  }
}

/**
 * Field-pointer SKS (ILLEGAL REQUEST). `undefined` when the field pointer does not fit 16 bits:
 * a FIELD POINTER is never masked, the SKS is then omitted (SKSV=0). Shared by the sense builders
 * and the rule table; not exported from the package.
 */
export function fieldPointerSks(
  commandData: boolean,
  fieldPointer: number | undefined,
  bitPointer: number | undefined,
): SenseKeySpecific | undefined {
  if (fieldPointer === undefined || !Number.isInteger(fieldPointer) || fieldPointer < 0 || fieldPointer > 0xffff) {
    return undefined;
  }
  const bpv = bitPointer !== undefined && Number.isInteger(bitPointer) && bitPointer >= 0 && bitPointer <= 7;
  return {
    kind: 'fieldPointer',
    sksv: true,
    commandData,
    bitPointerValid: bpv,
    bitPointer: bpv ? bitPointer : 0,
    fieldPointer,
  };
}
