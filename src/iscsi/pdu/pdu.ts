/**
 * iSCSI PDUs (RFC 7143 section 11): the 48-byte Basic Header Segment, the AHS, the header digest,
 * the data segment with its padding and the data digest, for every PDU an iSCSI target sends or
 * receives. Encoders and decoders are driven by one layout table per PDU (below), so every PDU
 * gets the same bounds checks, reserved-bit checks (strict mode) and digest handling.
 *
 * Conventions: 32-bit fields (tags, sequence numbers, lengths) are numbers; the 8-byte LUN field
 * is a bigint (byte 8 most significant), like the LUNs of REPORT LUNS: `lunFromNumber` and
 * `lunToNumber` convert the SAM single-level forms. ISID (48 bits) is a number.
 *
 * @packageDocumentation
 */
import { ByteReader, type DecodeOptions, issuesOf } from '../../internal/byte-reader.js';
import { ByteWriter, byteFieldLength, show, unknownVariant } from '../../internal/byte-writer.js';
import { asUint8Array, inputFault, isUint8Array, notBytes } from '../../internal/contract.js';
import { ahsTotalLength, type IscsiAhs, readAhs, writeAhs } from './ahs.js';
import {
  ISCSI_BHS_LENGTH,
  ISCSI_DIGEST_LENGTH,
  ISCSI_MAX_DATA_SEGMENT_LENGTH,
  type IscsiPduName,
  iscsiPduName,
  isVendorSpecificIscsiOpcode,
} from './constants.js';
import { crc32c, readIscsiDigest, writeIscsiDigest } from './crc32c.js';
import { BHS_STRUCTURE, BY_NAME, BY_OPCODE, type Layout, UNKNOWN_STRUCTURE } from './pdu-layouts.js';
import type {
  IscsiDigestOptions,
  IscsiPdu,
  IscsiPduDecodeOptions,
  IscsiPduInput,
  IscsiScsiCommand,
  IscsiUnknownPdu,
} from './pdu-types.js';

// The PDU types live in pdu-types.ts; importers of this module see them here too.
export type * from './pdu-types.js';

const pad4 = (n: number): number => (n + 3) & ~3;

// ---------------------------------------------------------------------------------------------
// BHS and framing

/**
 * The fields every BHS has, whatever the opcode: enough to route and frame a PDU.
 *
 * @see RFC 7143 section 11.2.1
 * @remarks Since 0.2.0
 */
export interface IscsiBhs {
  /** Opcode (6 bits). */
  readonly opcodeValue: number;
  /** The PDU's name, `'Unknown'` for opcodes without a variant. */
  readonly kind: IscsiPduName;
  /** Byte 0 bit 6 (I). */
  readonly immediate: boolean;
  /** Byte 1 bit 7 (F). */
  readonly final: boolean;
  /** TotalAHSLength, in 4-byte words. */
  readonly totalAhsLength: number;
  /** DataSegmentLength, in bytes, padding excluded. */
  readonly dataSegmentLength: number;
  /** Bytes 8-15 (LUN, or opcode-specific) as a bigint. */
  readonly lunOrOpcodeSpecific: bigint;
  /** Bytes 16-19. */
  readonly initiatorTaskTag: number;
}

/**
 * Decode the 48-byte BHS generically (bytes after 48 are ignored).
 *
 * @see RFC 7143 section 11.2.1
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (fewer than 48 bytes).
 * @remarks Since 0.2.0
 */
export function decodeIscsiBhs(bytes: Uint8Array, options?: DecodeOptions): IscsiBhs {
  const r = new ByteReader(bytes, BHS_STRUCTURE, options);
  r.need(ISCSI_BHS_LENGTH);
  const opcodeValue = r.bits(0, 5, 0, 'opcode');
  return {
    opcodeValue,
    kind: iscsiPduName(opcodeValue),
    immediate: r.bit(0, 6, 'immediate'),
    final: r.bit(1, 7, 'final'),
    totalAhsLength: r.u8(4, 'totalAhsLength'),
    dataSegmentLength: r.u24(5, 'dataSegmentLength'),
    lunOrOpcodeSpecific: r.u64(8, 'lun'),
    initiatorTaskTag: r.u32(16, 'initiatorTaskTag'),
  };
}

/**
 * Options of {@link iscsiPduLength}.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiFramingOptions extends IscsiDigestOptions {
  /**
   * Largest DataSegmentLength accepted: a larger one throws `ERR_INVALID_VALUE` (field
   * `dataSegmentLength`) so a stream reader never waits for (or allocates) more. Default 2^24-1.
   */
  readonly maxDataSegmentLength?: number | undefined;
}

/**
 * The framer: how many bytes the next PDU of a stream takes, given the bytes received so far
 * (starting at a PDU boundary) and the connection's digest settings. Returns `undefined` while
 * fewer than 48 bytes (a whole BHS) are present; otherwise the PDU's total length (BHS + AHS +
 * header digest + padded data segment + data digest), which may exceed `bytes.length`: wait for
 * that many bytes, then {@link decodeIscsiPdu} exactly them.
 *
 * @example
 * ```ts
 * const n = iscsiPduLength(buffered, { headerDigest: false, dataDigest: false, maxDataSegmentLength: 262144 });
 * if (n !== undefined && buffered.length >= n) handle(decodeIscsiPdu(buffered.subarray(0, n)));
 * ```
 * @see RFC 7143 sections 11.1 and 11.2.1
 * @throws {ScsiCodecError} `ERR_INVALID_VALUE` if DataSegmentLength exceeds `maxDataSegmentLength`.
 * @remarks Since 0.2.0
 */
export function iscsiPduLength(bytes: Uint8Array, options?: IscsiFramingOptions): number | undefined {
  try {
    return framedLength(bytes, options);
  } catch (e) {
    throw inputFault(e, BHS_STRUCTURE, [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

function framedLength(input: Uint8Array, options?: IscsiFramingOptions): number | undefined {
  const bytes = asUint8Array(input);
  if (bytes === undefined) {
    throw new ByteReader(new Uint8Array(0), BHS_STRUCTURE).error(
      'ERR_UNEXPECTED_VALUE',
      undefined,
      0,
      `input is ${notBytes(input)}`,
    );
  }
  if (bytes.length < ISCSI_BHS_LENGTH) return undefined;
  const totalAhs = (bytes[4] as number) * 4;
  const dsl = ((bytes[5] as number) << 16) | ((bytes[6] as number) << 8) | (bytes[7] as number);
  checkMaxDsl(dsl, options?.maxDataSegmentLength, 0);
  return pduLength(totalAhs, dsl, options);
}

function pduLength(totalAhs: number, dsl: number, options: IscsiDigestOptions | undefined): number {
  return (
    ISCSI_BHS_LENGTH +
    totalAhs +
    (options?.headerDigest === true ? ISCSI_DIGEST_LENGTH : 0) +
    (dsl === 0 ? 0 : pad4(dsl) + (options?.dataDigest === true ? ISCSI_DIGEST_LENGTH : 0))
  );
}

function checkMaxDsl(dsl: number, max: number | undefined, base: number): void {
  if (max !== undefined && dsl > max) {
    throw new ByteReader(new Uint8Array(0), BHS_STRUCTURE, undefined, base).error(
      'ERR_INVALID_VALUE',
      'dataSegmentLength',
      5,
      `DataSegmentLength ${dsl} exceeds the limit ${max}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Decode

/**
 * Decode one whole PDU: `bytes` must hold exactly it (frame a stream with
 * {@link iscsiPduLength}; extra bytes after it are `ERR_LENGTH_MISMATCH`, strict: thrown,
 * lenient: an issue). Strict mode also rejects reserved bits, non-zero padding, wrong fixed
 * bits (F = 1 where the RFC fixes it, ITT FFFFFFFFh in Reject and Asynchronous Message; lenient:
 * issues) and non-vendor unknown opcodes.
 *
 * @see RFC 7143 section 11
 * @throws {ScsiCodecError} `ERR_TRUNCATED`; `ERR_INVALID_VALUE` (DataSegmentLength over the
 *   limit, digest mismatch); `ERR_LENGTH_MISMATCH` (an AHS runs past TotalAHSLength); strict:
 *   `ERR_RESERVED_NONZERO`, `ERR_UNEXPECTED_VALUE`, `ERR_UNSUPPORTED`.
 * @remarks Since 0.2.0
 */
export function decodeIscsiPdu(bytes: Uint8Array, options?: IscsiPduDecodeOptions): IscsiPdu {
  // The probe only checks the input and finds the layout (no trace: the PDU's reader records).
  const probe = new ByteReader(bytes, BHS_STRUCTURE);
  probe.need(ISCSI_BHS_LENGTH);
  const opcodeValue = probe.bits(0, 5, 0);
  const lay = BY_OPCODE[opcodeValue];
  const r =
    lay === undefined
      ? new ByteReader(bytes, UNKNOWN_STRUCTURE, options)
      : new ByteReader(bytes, lay.structure, options);
  r.bits(0, 5, 0, 'opcode');
  const totalAhs = r.u8(4, 'totalAhsLength') * 4;
  const dsl = r.u24(5, 'dataSegmentLength');
  checkMaxDsl(dsl, options?.maxDataSegmentLength, 0);
  const total = pduLength(totalAhs, dsl, options);
  r.need(total);
  if (r.length > total)
    r.tolerate('ERR_LENGTH_MISMATCH', 'dataSegmentLength', total, `${r.length - total} bytes after the PDU`);
  const data = readSegments(r, totalAhs, dsl, options);
  const ahs = totalAhs === 0 ? NO_AHS : readAhs(r, ISCSI_BHS_LENGTH, totalAhs);
  r.reserved(0, 0x80);
  if (lay === undefined) return unknownPdu(r, opcodeValue, ahs, data);
  const o: Record<string, unknown> = { kind: lay.name };
  for (const [name, kind, at, a, b] of lay.fields) {
    switch (kind) {
      case 'bit':
        o[name] = r.bit(at, a as number, name);
        break;
      case 'bits':
        o[name] = r.bits(at, a as number, b as number, name);
        break;
      case 'u8':
        o[name] = r.u8(at, name);
        break;
      case 'u16':
        o[name] = r.u16(at, name);
        break;
      case 'u32':
        o[name] = r.u32(at, name);
        break;
      case 'u48':
        o[name] = r.u48(at, name);
        break;
      case 'u64':
        o[name] = r.u64(at, name);
        break;
      case 'bytes':
        o[name] = r.bytes(at, a as number, name);
        break;
    }
  }
  checkFixedAndReserved(r, lay);
  o['ahs'] = ahs;
  o['data'] = data;
  if (r.issues.length > 0) o['issues'] = r.issues;
  return o as unknown as IscsiPdu;
}

/**
 * The header digest (checked), the data segment's padding (zero) and data digest (checked):
 * returns the data segment (a copy, or a view with `dataView`).
 */
function readSegments(
  r: ByteReader,
  totalAhs: number,
  dsl: number,
  options: IscsiPduDecodeOptions | undefined,
): Uint8Array {
  const verify = options?.verifyDigests !== false;
  let off = ISCSI_BHS_LENGTH + totalAhs;
  if (options?.headerDigest === true) {
    if (verify) {
      const a = r.u8a;
      if (crc32c(a, 0, 0, off) !== readIscsiDigest(a, off)) {
        throw r.error('ERR_INVALID_VALUE', 'headerDigest', off, 'header digest mismatch');
      }
    }
    off += ISCSI_DIGEST_LENGTH;
  }
  if (dsl === 0) return EMPTY;
  for (let i = off + dsl; i < off + pad4(dsl); i++) {
    if (r.u8(i) !== 0) r.tolerate('ERR_RESERVED_NONZERO', 'padding', i, 'data segment padding byte is not zero');
  }
  if (options?.dataDigest === true && verify) {
    const a = r.u8a;
    const end = off + pad4(dsl);
    if (crc32c(a, 0, off, end) !== readIscsiDigest(a, end)) {
      throw r.error('ERR_INVALID_VALUE', 'dataDigest', end, 'data digest mismatch');
    }
  }
  return options?.dataView === true ? r.u8a.subarray(off, off + dsl) : r.bytes(off, dsl, 'data');
}

/** A PDU whose opcode has no layout: its header bytes as they are (vendor specific opcodes are not an issue). */
function unknownPdu(r: ByteReader, opcodeValue: number, ahs: readonly IscsiAhs[], data: Uint8Array): IscsiUnknownPdu {
  if (!isVendorSpecificIscsiOpcode(opcodeValue)) {
    r.tolerate('ERR_UNSUPPORTED', 'opcode', 0, `opcode ${show(opcodeValue)} is not an iSCSI opcode`);
  }
  return {
    kind: 'Unknown',
    opcodeValue,
    immediate: r.bit(0, 6, 'immediate'),
    headerBytes1To3: r.bytes(1, 3, 'headerBytes1To3'),
    headerBytes8To47: r.bytes(8, 40, 'headerBytes8To47'),
    ahs,
    data,
    ...issuesOf(r),
  };
}

/** The fixed bits of a layout (lenient: issues) and, in strict mode, its reserved bits. */
function checkFixedAndReserved(r: ByteReader, lay: Layout): void {
  for (const [name, at, mask, value] of lay.fixed) {
    const v = r.u8(at) & mask;
    if (v !== value)
      r.tolerate('ERR_UNEXPECTED_VALUE', name, at, `must be ${show(value)} under mask ${show(mask)}, is ${show(v)}`);
  }
  if (r.strict) {
    const a = r.u8a;
    const res = lay.reserved;
    for (let i = 0; i < ISCSI_BHS_LENGTH; i++) {
      const m = (res[i] as number) & (a[i] as number);
      if (m !== 0) r.reserved(i, res[i] as number);
    }
  }
}

const EMPTY: Uint8Array = new Uint8Array(0);
const NO_AHS: readonly IscsiAhs[] = Object.freeze([]) as readonly IscsiAhs[];

// ---------------------------------------------------------------------------------------------
// Encode

/**
 * Encode one PDU: BHS, AHS, header digest, data segment with its zero padding and data digest
 * (each digest only when `options` turns it on; no data digest without data). TotalAHSLength and
 * DataSegmentLength are computed. Fixed bits (F = 1, I = 1 in Login Request, ITT FFFFFFFFh in
 * Reject and Asynchronous Message) are set; reserved bits are zero.
 *
 * @see RFC 7143 section 11
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a field does not fit, `kind` is not a PDU name,
 *   the AHS exceed 1020 bytes or the data 2^24-1 bytes.
 * @remarks Since 0.2.0
 */
export function encodeIscsiPdu(pdu: IscsiPdu | IscsiPduInput, options?: IscsiDigestOptions): Uint8Array<ArrayBuffer> {
  try {
    return encodePdu(pdu, options);
  } catch (e) {
    throw inputFault(e, pduStructureOf(pdu), [pdu, options], 'ERR_FIELD_RANGE');
  }
}

/** The structure name of a PDU value's opcode (for errors), without running any of its code. */
function pduStructureOf(pdu: unknown): string {
  try {
    const name = (pdu as { kind?: unknown } | null)?.kind;
    return (typeof name === 'string' ? BY_NAME.get(name)?.structure : undefined) ?? UNKNOWN_STRUCTURE;
  } catch {
    return UNKNOWN_STRUCTURE;
  }
}

function encodePdu(pdu: IscsiPdu | IscsiPduInput, options?: IscsiDigestOptions): Uint8Array<ArrayBuffer> {
  const name = (pdu as { kind?: unknown } | null)?.kind;
  const lay = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  const structure = lay?.structure ?? UNKNOWN_STRUCTURE;
  if (lay === undefined && name !== 'Unknown') throw unknownVariant(structure, 'kind', 0, name);
  const ahsList = pdu.ahs ?? NO_AHS;
  const totalAhs = ahsTotalLength(ahsList, ISCSI_BHS_LENGTH);
  const data = pdu.data ?? EMPTY;
  if (!isUint8Array(data))
    throw new ByteWriter(0, structure).error('data', ISCSI_BHS_LENGTH, `${show(data)} is not a Uint8Array`);
  if (data.length > ISCSI_MAX_DATA_SEGMENT_LENGTH) {
    throw new ByteWriter(0, structure).error('dataSegmentLength', 5, `${data.length} bytes of data exceed 2^24-1`);
  }
  const hd = options?.headerDigest === true;
  const dd = options?.dataDigest === true;
  const total = pduLength(totalAhs, data.length, options);
  const w = new ByteWriter(total, structure);
  if (lay === undefined) {
    const u = pdu as IscsiUnknownPdu;
    w.bits(0, 5, 0, u.opcodeValue, 'opcodeValue');
    if (BY_OPCODE[u.opcodeValue] !== undefined)
      throw w.error('opcodeValue', 0, `opcode ${u.opcodeValue} has its own variant`);
    w.bit(0, 6, u.immediate, 'immediate');
    w.bytes(1, u.headerBytes1To3, 'headerBytes1To3', 3);
    w.bytes(8, u.headerBytes8To47, 'headerBytes8To47', 40);
  } else {
    const o = pdu as unknown as Record<string, unknown>;
    w.buf[0] = lay.opcode;
    for (const [f, kind, at, a, b] of lay.fields) {
      const v = o[f];
      switch (kind) {
        case 'bit':
          w.bit(at, a as number, v as boolean, f);
          break;
        case 'bits':
          w.bits(at, a as number, b as number, v as number, f);
          break;
        case 'u8':
          w.u8(at, v as number, f);
          break;
        case 'u16':
          w.u16(at, v as number, f);
          break;
        case 'u32':
          w.u32(at, v as number, f);
          break;
        case 'u48':
          w.u48(at, v as number, f);
          break;
        case 'u64':
          w.u64(at, v as bigint, f);
          break;
        case 'bytes':
          w.bytes(at, v as Uint8Array, f, a);
          break;
      }
    }
    for (const [, at, mask, value] of lay.fixed) w.buf[at] = ((w.buf[at] as number) & ~mask) | value;
  }
  w.u8(4, totalAhs / 4, 'totalAhsLength');
  w.u24(5, data.length, 'dataSegmentLength');
  writeAhs(w, ISCSI_BHS_LENGTH, ahsList);
  let off = ISCSI_BHS_LENGTH + totalAhs;
  if (hd) {
    writeIscsiDigest(w.buf, off, crc32c(w.buf, 0, 0, off));
    off += ISCSI_DIGEST_LENGTH;
  }
  if (data.length > 0) {
    w.buf.set(data, off);
    const end = off + pad4(data.length);
    if (dd) writeIscsiDigest(w.buf, end, crc32c(w.buf, 0, off, end));
  }
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * The whole CDB of a SCSI Command: the BHS's 16 bytes followed by the extended CDB AHS, if any.
 *
 * @see RFC 7143 sections 11.3.5 and 11.2.2.3
 * @remarks Since 0.2.0
 */
export function iscsiCommandCdb(pdu: Pick<IscsiScsiCommand, 'cdb' | 'ahs'>): Uint8Array {
  try {
    return commandCdb(pdu);
  } catch (e) {
    throw inputFault(e, 'IscsiScsiCommand', [pdu], 'ERR_FIELD_RANGE');
  }
}

function commandCdb(pdu: Pick<IscsiScsiCommand, 'cdb' | 'ahs'>): Uint8Array {
  if (typeof pdu !== 'object' || pdu === null)
    throw new ByteWriter(0, 'IscsiScsiCommand').error(undefined, 0, 'not an object');
  const cdb = asUint8Array(pdu.cdb);
  if (cdb === undefined)
    throw new ByteWriter(0, 'IscsiScsiCommand').error('cdb', 32, `${show(pdu.cdb)} is not a Uint8Array`);
  const ext = pdu.ahs.find((a) => a.kind === 'Extended CDB');
  if (ext === undefined) return pdu.cdb;
  const extended = asUint8Array(ext.extendedCdb);
  if (extended === undefined) {
    throw new ByteWriter(0, 'IscsiScsiCommand').error(
      'extendedCdb',
      48,
      `${show(ext.extendedCdb)} is not a Uint8Array`,
    );
  }
  const out = new Uint8Array(cdb.length + extended.length);
  out.set(cdb);
  out.set(extended, cdb.length);
  return out;
}

/**
 * The `cdb` and `ahs` fields of a SCSI Command for a CDB of any length: up to 16 bytes go in the
 * BHS (zero padded), the rest in an extended CDB AHS.
 *
 * @see RFC 7143 sections 11.3.5 and 11.2.2.3
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if `cdb` is empty or too long for the AHS.
 * @remarks Since 0.2.0
 */
export function iscsiCommandCdbFields(input: Uint8Array): { cdb: Uint8Array; ahs: IscsiAhs[] } {
  const cdb = asUint8Array(input) ?? EMPTY;
  const n = cdb === EMPTY ? -1 : cdb.length;
  if (n < 1 || n > 16 + (1020 - 4)) {
    throw new ByteWriter(0, 'IscsiScsiCommand').error('cdb', 32, `CDB length ${n} is not in 1..1032`);
  }
  if (n <= 16) {
    const c = new Uint8Array(16);
    c.set(cdb);
    return { cdb: c, ahs: [] };
  }
  return { cdb: cdb.slice(0, 16), ahs: [{ kind: 'Extended CDB', extendedCdb: cdb.slice(16) }] };
}

/**
 * The data segment of a SCSI Response (or Asynchronous Message) carrying sense data:
 * SenseLength (2 bytes), the sense data, then any response data.
 *
 * @see RFC 7143 section 11.4.7.2
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if the sense data is longer than 65535 bytes.
 * @remarks Since 0.2.0
 */
export function encodeIscsiSenseSegment(senseData: Uint8Array, responseData?: Uint8Array): Uint8Array<ArrayBuffer> {
  const extra = responseData ?? EMPTY;
  const s = 'IscsiSenseSegment';
  const senseLength = byteFieldLength(s, 'senseData', 2, senseData);
  const extraLength = byteFieldLength(s, 'responseData', 2 + senseLength, extra);
  if (senseLength > 0xffff) throw new ByteWriter(0, s).error('senseLength', 0, `${senseLength} is not in 0..65535`);
  const w = new ByteWriter(2 + senseLength + extraLength, s);
  w.u16(0, senseLength, 'senseLength');
  w.bytes(2, senseData, 'senseData');
  w.bytes(2 + senseLength, extra, 'responseData');
  return w.finish();
}

/**
 * Split a SCSI Response (or Asynchronous Message) data segment into sense data and response
 * data (or iSCSI event data). An empty segment gives empty sense data.
 *
 * @see RFC 7143 section 11.4.7.2
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (1 byte, or SenseLength past the end).
 * @remarks Since 0.2.0
 */
export function decodeIscsiSenseSegment(
  data: Uint8Array,
  options?: DecodeOptions,
): { senseData: Uint8Array; responseData: Uint8Array } {
  const r = new ByteReader(data, 'IscsiSenseSegment', options);
  if (r.length === 0) return { senseData: EMPTY, responseData: EMPTY };
  const senseLength = r.u16(0, 'senseLength');
  return { senseData: r.bytes(2, senseLength, 'senseData'), responseData: r.rest(2 + senseLength, 'responseData') };
}

/**
 * The reserved bits of an opcode's BHS (per byte), for tests and fuzzers; `undefined` for an
 * opcode without a layout.
 *
 * @internal
 */
export function iscsiReservedBits(opcodeValue: number): Uint8Array | undefined {
  return BY_OPCODE[opcodeValue]?.reserved.slice();
}
