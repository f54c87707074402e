/**
 * REPORT SUPPORTED OPERATION CODES parameter data, both formats:
 *
 * - all_commands (REPORTING OPTIONS 000b): bytes 0-3 COMMAND DATA LENGTH (n-3), then command
 *   descriptors of 8 bytes (20 with a command timeouts descriptor): byte 0 OPERATION CODE; byte 1
 *   reserved; bytes 2-3 SERVICE ACTION; byte 4 reserved; byte 5 bit 6 RWCDLP, bits 5:4 MLU, bits
 *   3:2 CDLP, bit 1 CTDP, bit 0 SERVACTV; bytes 6-7 CDB LENGTH; bytes 8-19 the command timeouts
 *   descriptor when CTDP is set.
 * - one_command (REPORTING OPTIONS 001b-011b): byte 0 bit 0 RWCDLP; byte 1 bit 7 CTDP, bits 6:5
 *   MLU, bits 4:3 CDLP, bits 2:0 SUPPORT; bytes 2-3 CDB SIZE; CDB USAGE DATA; then the command
 *   timeouts descriptor when CTDP is set.
 * - Command timeouts descriptor (12 bytes): bytes 0-1 DESCRIPTOR LENGTH (000Ah); byte 2 reserved;
 *   byte 3 COMMAND SPECIFIC; bytes 4-7 NOMINAL COMMAND PROCESSING TIMEOUT; bytes 8-11 RECOMMENDED
 *   COMMAND TIMEOUT (seconds; 0 = none indicated).
 *
 * CTDP is not a field of the decoded values: it is set exactly when `commandTimeouts` is present.
 * Truncation follows the data-in policy (complete descriptors kept, `truncated: true`).
 *
 * @see SPC-5 "REPORT SUPPORTED OPERATION CODES command" (all_commands and one_command parameter
 *   data, command descriptor, command timeouts descriptor); RWCDLP as in SPC-6
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, checkRange } from '../internal/byte-writer.js';
import { inputFault, objectField, objectList } from '../internal/contract.js';
import { truncatedOf } from './common.js';

/** Length of a command timeouts descriptor. @remarks Since 0.2.0 */
export const COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH = 12;
/** Length of a command descriptor without (8) the command timeouts descriptor. @remarks Since 0.2.0 */
export const COMMAND_DESCRIPTOR_LENGTH = 8;

/**
 * SUPPORT values of the one_command parameter data.
 *
 * @see SPC-5 "SUPPORT field" table
 * @remarks Since 0.2.0
 */
export const RSOC_SUPPORT = {
  NOT_AVAILABLE: 0,
  NOT_SUPPORTED: 1,
  SUPPORTED: 3,
  SUPPORTED_VENDOR_SPECIFIC: 5,
} as const;

/** Command timeouts descriptor. @remarks Since 0.2.0 */
export interface CommandTimeoutsDescriptor {
  /** COMMAND SPECIFIC (byte 3). */
  readonly commandSpecific: number;
  /** NOMINAL COMMAND PROCESSING TIMEOUT (bytes 4-7), seconds; 0 = not indicated. */
  readonly nominalCommandProcessingTimeout: number;
  /** RECOMMENDED COMMAND TIMEOUT (bytes 8-11), seconds; 0 = not indicated. */
  readonly recommendedCommandTimeout: number;
}

/** One command descriptor of the all_commands parameter data. @remarks Since 0.2.0 */
export interface CommandDescriptor {
  /** OPERATION CODE (byte 0). */
  readonly operationCode: number;
  /** SERVICE ACTION (bytes 2-3); meaningful when `servactv`. */
  readonly serviceAction: number;
  /** SERVACTV (byte 5 bit 0): the command has a service action. */
  readonly servactv: boolean;
  /** RWCDLP (byte 5 bit 6). */
  readonly rwcdlp: boolean;
  /** MLU (byte 5 bits 5:4): multiple logical units affected. */
  readonly mlu: number;
  /** CDLP (byte 5 bits 3:2): command duration limit page. */
  readonly cdlp: number;
  /** CDB LENGTH (bytes 6-7). */
  readonly cdbLength: number;
  /** The command timeouts descriptor (bytes 8-19); present exactly when CTDP (byte 5 bit 1) is set. */
  readonly commandTimeouts?: CommandTimeoutsDescriptor;
}

/**
 * all_commands parameter data (REPORTING OPTIONS 000b).
 *
 * @remarks Since 0.2.0
 */
export interface AllCommandsParameterData {
  readonly commandDescriptors: readonly CommandDescriptor[];
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * one_command parameter data (REPORTING OPTIONS 001b, 010b, 011b).
 *
 * @remarks Since 0.2.0
 */
export interface OneCommandParameterData {
  /** RWCDLP (byte 0 bit 0). */
  readonly rwcdlp: boolean;
  /** MLU (byte 1 bits 6:5). */
  readonly mlu: number;
  /** CDLP (byte 1 bits 4:3). */
  readonly cdlp: number;
  /** SUPPORT (byte 1 bits 2:0): see {@link RSOC_SUPPORT}. */
  readonly support: number;
  /** CDB USAGE DATA (CDB SIZE bytes from byte 4; a copy). Byte 0 is the operation code. */
  readonly cdbUsageData: Uint8Array;
  /** The command timeouts descriptor; present exactly when CTDP (byte 1 bit 7) is set. */
  readonly commandTimeouts?: CommandTimeoutsDescriptor;
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

const ALL = 'AllCommandsParameterData';
const ONE = 'OneCommandParameterData';
const CTD = 'CommandTimeoutsDescriptor';

function writeTimeouts(w: ByteWriter, off: number, t: CommandTimeoutsDescriptor): void {
  const s = w.sub(off, COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH, CTD);
  objectField(CTD, 'commandTimeouts', s.start, t);
  s.u16(0, COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH - 2, 'descriptorLength');
  s.u8(3, t.commandSpecific, 'commandSpecific');
  s.u32(4, t.nominalCommandProcessingTimeout, 'nominalCommandProcessingTimeout');
  s.u32(8, t.recommendedCommandTimeout, 'recommendedCommandTimeout');
}

function readTimeouts(parent: ByteReader, off: number): CommandTimeoutsDescriptor {
  const r = parent.sub(off, COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH, CTD);
  const len = r.u16(0, 'descriptorLength');
  if (len !== COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH - 2) {
    r.tolerate('ERR_INVALID_VALUE', 'descriptorLength', 0, `DESCRIPTOR LENGTH ${len}, expected 10`);
  }
  r.reservedBytes(2, 1);
  return {
    commandSpecific: r.u8(3, 'commandSpecific'),
    nominalCommandProcessingTimeout: r.u32(4, 'nominalCommandProcessingTimeout'),
    recommendedCommandTimeout: r.u32(8, 'recommendedCommandTimeout'),
  };
}

const descriptorLength = (d: CommandDescriptor): number =>
  COMMAND_DESCRIPTOR_LENGTH + (d.commandTimeouts === undefined ? 0 : COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH);

/**
 * Encode all_commands parameter data; COMMAND DATA LENGTH and each CTDP are computed.
 *
 * @see SPC-5 "All_commands parameter data", "Command descriptor format"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.2.0
 */
export function encodeAllCommandsParameterData(value: AllCommandsParameterData): Uint8Array<ArrayBuffer> {
  try {
    const list = objectList(ALL, 'commandDescriptors', 4, value.commandDescriptors, 0xffff_ffff / 8);
    const total = list.reduce((n, d) => n + descriptorLength(d), 4);
    const w = new ByteWriter(total, ALL);
    w.u32(0, total - 4, 'commandDataLength');
    let off = 4;
    for (const d of list) {
      const s = w.sub(off, descriptorLength(d), 'CommandDescriptor');
      s.u8(0, d.operationCode, 'operationCode');
      s.u16(2, d.serviceAction, 'serviceAction');
      s.bit(5, 6, d.rwcdlp, 'rwcdlp');
      s.bits(5, 5, 4, d.mlu, 'mlu');
      s.bits(5, 3, 2, d.cdlp, 'cdlp');
      s.bit(5, 1, d.commandTimeouts !== undefined, 'ctdp');
      s.bit(5, 0, d.servactv, 'servactv');
      s.u16(6, d.cdbLength, 'cdbLength');
      if (d.commandTimeouts !== undefined) writeTimeouts(s, 8, d.commandTimeouts);
      off += descriptorLength(d);
    }
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'AllCommandsParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode all_commands parameter data. The 4-byte header must be present; descriptors cut off by
 * ALLOCATION LENGTH are dropped (`truncated: true`, `ERR_TRUNCATED` issue in both modes); bytes
 * after COMMAND DATA LENGTH + 4 are ignored.
 *
 * @see SPC-5 "All_commands parameter data"
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 4 bytes); strict: `ERR_RESERVED_NONZERO`,
 *   `ERR_LENGTH_MISMATCH` (a descriptor running past COMMAND DATA LENGTH), `ERR_INVALID_VALUE`.
 * @remarks Since 0.2.0
 */
export function decodeAllCommandsParameterData(bytes: Uint8Array, options?: DecodeOptions): AllCommandsParameterData {
  try {
    const r = new ByteReader(bytes, ALL, options);
    r.need(4);
    const declaredEnd = 4 + r.u32(0, 'commandDataLength');
    const truncated = declaredEnd > r.length;
    if (truncated) {
      r.note(
        'ERR_TRUNCATED',
        'commandDataLength',
        0,
        `COMMAND DATA LENGTH says ${declaredEnd} bytes, only ${r.length} present`,
      );
    }
    const end = Math.min(declaredEnd, r.length);
    const commandDescriptors: CommandDescriptor[] = [];
    let off = 4;
    while (off + COMMAND_DESCRIPTOR_LENGTH <= end) {
      const ctdp = r.bit(off + 5, 1, 'ctdp');
      const len = COMMAND_DESCRIPTOR_LENGTH + (ctdp ? COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH : 0);
      if (off + len > end) break;
      const s = r.sub(off, len, 'CommandDescriptor');
      s.reservedBytes(1, 1);
      s.reservedBytes(4, 1);
      s.reserved(5, 0x80);
      const d = {
        operationCode: s.u8(0, 'operationCode'),
        serviceAction: s.u16(2, 'serviceAction'),
        servactv: s.bit(5, 0, 'servactv'),
        rwcdlp: s.bit(5, 6, 'rwcdlp'),
        mlu: s.bits(5, 5, 4, 'mlu'),
        cdlp: s.bits(5, 3, 2, 'cdlp'),
        cdbLength: s.u16(6, 'cdbLength'),
      };
      commandDescriptors.push(ctdp ? { ...d, commandTimeouts: readTimeouts(s, 8) } : d);
      off += len;
    }
    if (off < end && !truncated) {
      r.tolerate(
        'ERR_LENGTH_MISMATCH',
        'commandDataLength',
        0,
        `${end - off} byte(s) left over after the last descriptor`,
      );
    }
    return { commandDescriptors, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'AllCommandsParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode one_command parameter data; CDB SIZE and CTDP are computed.
 *
 * @see SPC-5 "One_command parameter data"
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit its field.
 * @remarks Since 0.2.0
 */
export function encodeOneCommandParameterData(value: OneCommandParameterData): Uint8Array<ArrayBuffer> {
  try {
    const n = byteFieldLength(ONE, 'cdbUsageData', 4, value.cdbUsageData);
    checkRange(ONE, 'cdbUsageData', 2, n, 0xffff);
    const t = value.commandTimeouts;
    const w = new ByteWriter(4 + n + (t === undefined ? 0 : COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH), ONE);
    w.bit(0, 0, value.rwcdlp, 'rwcdlp');
    w.bit(1, 7, t !== undefined, 'ctdp');
    w.bits(1, 6, 5, value.mlu, 'mlu');
    w.bits(1, 4, 3, value.cdlp, 'cdlp');
    w.bits(1, 2, 0, value.support, 'support');
    w.u16(2, n, 'cdbSize');
    w.bytes(4, value.cdbUsageData, 'cdbUsageData');
    if (t !== undefined) writeTimeouts(w, 4 + n, t);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'OneCommandParameterData', [value], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode one_command parameter data. The 4-byte header must be present; CDB USAGE DATA cut short
 * by ALLOCATION LENGTH is kept as far as present (`truncated: true`, `ERR_TRUNCATED` issue in both
 * modes); a timeouts descriptor cut short is dropped.
 *
 * @see SPC-5 "One_command parameter data"
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 4 bytes); strict: `ERR_RESERVED_NONZERO`,
 *   `ERR_INVALID_VALUE`.
 * @remarks Since 0.2.0
 */
export function decodeOneCommandParameterData(bytes: Uint8Array, options?: DecodeOptions): OneCommandParameterData {
  try {
    const r = new ByteReader(bytes, ONE, options);
    r.need(4);
    r.reserved(0, 0xfe);
    const ctdp = r.bit(1, 7, 'ctdp');
    const n = r.u16(2, 'cdbSize');
    const declaredEnd = 4 + n + (ctdp ? COMMAND_TIMEOUTS_DESCRIPTOR_LENGTH : 0);
    const truncated = declaredEnd > r.length;
    if (truncated) {
      r.note('ERR_TRUNCATED', 'cdbSize', 2, `${declaredEnd} bytes described, only ${r.length} present`);
    }
    const usage = r.bytes(4, Math.min(n, r.length - 4), 'cdbUsageData');
    const base = {
      rwcdlp: r.bit(0, 0, 'rwcdlp'),
      mlu: r.bits(1, 6, 5, 'mlu'),
      cdlp: r.bits(1, 4, 3, 'cdlp'),
      support: r.bits(1, 2, 0, 'support'),
      cdbUsageData: usage,
    };
    const withT = ctdp && !truncated ? { ...base, commandTimeouts: readTimeouts(r, 4 + n) } : base;
    return { ...withT, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'OneCommandParameterData', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
