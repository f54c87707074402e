/**
 * Additional Header Segments (AHS): the extended CDB AHS (type 1), the bidirectional read
 * expected data transfer length AHS (type 2), any other type kept raw.
 *
 * @packageDocumentation
 */
import { ScsiCodecError } from '../../errors.js';
import type { ByteReader } from '../../internal/byte-reader.js';
import type { ByteWriter } from '../../internal/byte-writer.js';
import { show } from '../../internal/byte-writer.js';
import { isUint8Array } from '../../internal/contract.js';
import { ISCSI_AHS_TYPE, ISCSI_MAX_AHS_LENGTH } from './constants.js';

const STRUCTURE = 'IscsiAhs';

/**
 * Extended CDB AHS (AHSType 1): the bytes of the CDB past its first 16 (those are in the BHS).
 * AHSLength = length + 1 (the reserved byte 3).
 *
 * @see RFC 7143 section 11.2.2.3
 * @remarks Since 0.2.0
 */
export interface IscsiExtendedCdbAhs {
  readonly kind: 'Extended CDB';
  /** CDB bytes 16 onwards (1 to 65530 bytes, fitting the 1020-byte total AHS). */
  readonly extendedCdb: Uint8Array;
}

/**
 * Bidirectional Read Expected Data Transfer Length AHS (AHSType 2, AHSLength 5).
 *
 * @see RFC 7143 section 11.2.2.4
 * @remarks Since 0.2.0
 */
export interface IscsiBidirectionalReadDataLengthAhs {
  readonly kind: 'Bidirectional Read Data Length';
  /** Expected Read-Data Length (u32). */
  readonly expectedReadDataLength: number;
}

/**
 * Any other AHS, kept raw: AHSType (all 8 bits) and the AHSLength bytes from byte 3 on.
 *
 * @see RFC 7143 section 11.2.2
 * @remarks Since 0.2.0
 */
export interface IscsiUnknownAhs {
  readonly kind: 'Unknown';
  /** AHSType byte (bits 7-6 reserved: strict decoding refuses them set; bits 5-0 the AHS code). Never 1 or 2. */
  readonly ahsType: number;
  /** AHS-Specific bytes (byte 3 onwards, AHSLength of them, padding excluded). */
  readonly bytes: Uint8Array;
}

/** One AHS. @see RFC 7143 section 11.2.2 @remarks Since 0.2.0 */
export type IscsiAhs = IscsiExtendedCdbAhs | IscsiBidirectionalReadDataLengthAhs | IscsiUnknownAhs;

const pad4 = (n: number): number => (n + 3) & ~3;

/** Bytes the AHS takes on the wire, padding included. @internal */
export function ahsWireLength(ahs: IscsiAhs, offset: number): number {
  if (typeof ahs !== 'object' || ahs === null) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', STRUCTURE, 'ahs', offset, `${show(ahs)} is not an AHS`);
  }
  switch (ahs.kind) {
    case 'Extended CDB': {
      const cdb = ahs.extendedCdb;
      if (!isUint8Array(cdb) || cdb.length === 0) {
        throw new ScsiCodecError('ERR_FIELD_RANGE', STRUCTURE, 'extendedCdb', offset, 'must be a non-empty Uint8Array');
      }
      return pad4(4 + cdb.length);
    }
    case 'Bidirectional Read Data Length':
      return 8;
    case 'Unknown': {
      const s = ahs.bytes;
      if (!isUint8Array(s)) {
        throw new ScsiCodecError('ERR_FIELD_RANGE', STRUCTURE, 'ahsSpecific', offset, 'not a Uint8Array');
      }
      return pad4(3 + s.length);
    }
    default:
      throw new ScsiCodecError(
        'ERR_FIELD_RANGE',
        STRUCTURE,
        'kind',
        offset,
        `${show((ahs as { kind?: unknown }).kind)} is not a known AHS kind`,
      );
  }
}

/** Total AHS bytes (checked against the 1020-byte limit). @internal */
export function ahsTotalLength(list: readonly IscsiAhs[], offset: number): number {
  if (!Array.isArray(list)) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', STRUCTURE, 'ahs', offset, `${show(list)} is not an array`);
  }
  let n = 0;
  for (const a of list) n += ahsWireLength(a, offset + n);
  if (n > ISCSI_MAX_AHS_LENGTH) {
    throw new ScsiCodecError(
      'ERR_FIELD_RANGE',
      STRUCTURE,
      'ahs',
      offset,
      `${n} bytes of AHS exceed ${ISCSI_MAX_AHS_LENGTH}`,
    );
  }
  return n;
}

/** Write the AHS list at `off` (already sized by {@link ahsTotalLength}). @internal */
export function writeAhs(w: ByteWriter, off: number, list: readonly IscsiAhs[]): void {
  for (const a of list) {
    switch (a.kind) {
      case 'Extended CDB':
        w.u16(off, a.extendedCdb.length + 1, 'ahsLength');
        w.u8(off + 2, ISCSI_AHS_TYPE.EXTENDED_CDB, 'ahsType');
        w.bytes(off + 4, a.extendedCdb, 'extendedCdb');
        off += pad4(4 + a.extendedCdb.length);
        break;
      case 'Bidirectional Read Data Length':
        w.u16(off, 5, 'ahsLength');
        w.u8(off + 2, ISCSI_AHS_TYPE.BIDIRECTIONAL_READ_DATA_LENGTH, 'ahsType');
        w.u32(off + 4, a.expectedReadDataLength, 'expectedReadDataLength');
        off += 8;
        break;
      default: {
        const t = a.ahsType;
        if (t === ISCSI_AHS_TYPE.EXTENDED_CDB || t === ISCSI_AHS_TYPE.BIDIRECTIONAL_READ_DATA_LENGTH) {
          throw w.error('ahsType', off + 2, `AHSType ${t} has its own variant`);
        }
        w.u16(off, a.bytes.length, 'ahsLength');
        w.u8(off + 2, t, 'ahsType');
        w.bytes(off + 3, a.bytes, 'ahsSpecific');
        off += pad4(3 + a.bytes.length);
      }
    }
  }
}

/** Read the AHS list in [off, off+len) of `r`. @internal */
export function readAhs(r: ByteReader, off: number, len: number): IscsiAhs[] {
  const out: IscsiAhs[] = [];
  const end = off + len;
  while (off < end) {
    if (end - off < 4) {
      throw r.error('ERR_LENGTH_MISMATCH', 'totalAhsLength', off, 'TotalAHSLength ends inside an AHS header');
    }
    const ahsLength = r.u16(off, 'ahsLength');
    const ahsType = r.u8(off + 2, 'ahsType');
    // AHSType bits 7-6 are reserved (RFC 7143 section 11.2.2.2): strict mode refuses them.
    r.reserved(off + 2, 0xc0, 'ahsType');
    const wire = pad4(3 + ahsLength);
    if (off + wire > end) {
      throw r.error('ERR_LENGTH_MISMATCH', 'ahsLength', off, `AHSLength ${ahsLength} runs past TotalAHSLength`);
    }
    for (let i = off + 3 + ahsLength; i < off + wire; i++) {
      if (r.u8(i) !== 0) r.tolerate('ERR_RESERVED_NONZERO', 'ahsPadding', i, 'AHS padding byte is not zero');
    }
    if (ahsType === ISCSI_AHS_TYPE.EXTENDED_CDB && ahsLength >= 2) {
      r.reservedBytes(off + 3, 1);
      out.push({ kind: 'Extended CDB', extendedCdb: r.bytes(off + 4, ahsLength - 1, 'extendedCdb') });
    } else if (ahsType === ISCSI_AHS_TYPE.BIDIRECTIONAL_READ_DATA_LENGTH && ahsLength === 5) {
      r.reservedBytes(off + 3, 1);
      out.push({
        kind: 'Bidirectional Read Data Length',
        expectedReadDataLength: r.u32(off + 4, 'expectedReadDataLength'),
      });
    } else {
      if (ahsType === ISCSI_AHS_TYPE.EXTENDED_CDB || ahsType === ISCSI_AHS_TYPE.BIDIRECTIONAL_READ_DATA_LENGTH) {
        throw r.error(
          'ERR_LENGTH_MISMATCH',
          'ahsLength',
          off,
          `AHSLength ${ahsLength} is wrong for AHSType ${ahsType}`,
        );
      }
      out.push({ kind: 'Unknown', ahsType, bytes: r.bytes(off + 3, ahsLength, 'ahsSpecific') });
    }
    off += wire;
  }
  return out;
}
