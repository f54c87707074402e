/**
 * The 512-byte ROD token (SPC "ROD token format") and the 96-byte ROD management token.
 *
 * @packageDocumentation
 */
import { isGenericRodType, ROD_TYPE, rodTypeName, VENDOR_SPECIFIC_ROD_TYPE_MIN } from '../constants/rod-type.js';
import { readDesignationDescriptor, writeDesignationDescriptor } from '../designation/designation-descriptor.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';
import { inputFault, isUint8Array } from '../internal/contract.js';
import {
  type IdentificationDescriptorCscd,
  readIdentificationDescriptorCscd,
  writeIdentificationDescriptorCscd,
} from './identification-descriptor-cscd.js';

import type { BlockDeviceZeroRodToken, RodToken, RodTokenBody, RodTokenDeviceTypeSpecificData } from './types.js';

export type {
  BlockDeviceRodTokenData,
  BlockDeviceZeroRodToken,
  GenericRodToken,
  OpaqueRodToken,
  RawDeviceTypeSpecificData,
  RodToken,
  RodTokenBody,
  RodTokenDeviceTypeSpecificData,
} from './types.js';

/** Size of every ODX ROD token: 512 bytes. @remarks Since 0.1.0 */
export const ROD_TOKEN_SIZE = 512;
/** The ROD TOKEN LENGTH (bytes 6-7) every ODX token carries: 01F8h (504). @remarks Since 0.1.0 */
export const ROD_TOKEN_LENGTH = 0x01f8;
/** Size of a ROD management token (header + body): 96 bytes. @remarks Since 0.1.0 */
export const ROD_MANAGEMENT_TOKEN_SIZE = 96;

const U64_MAX = (1n << 64n) - 1n;

/**
 * The block device zero ROD token as a value (frozen): `encodeRodToken(BLOCK_DEVICE_ZERO_ROD_TOKEN)`
 * gives its 512 bytes; {@link blockDeviceZeroRodToken} gives them directly.
 *
 * @remarks Since 0.1.0
 */
export const BLOCK_DEVICE_ZERO_ROD_TOKEN: BlockDeviceZeroRodToken = Object.freeze({
  kind: 'blockDeviceZero',
  rodType: ROD_TYPE.BLOCK_DEVICE_ZERO,
} as const);

/**
 * A fresh copy of the 512-byte block device zero ROD token: `FF FF 00 01 00 00 01 F8` then 504
 * zero bytes (byte-identical to what ddpt and Windows' MAKE_ZERO_TOKEN produce). A new array per
 * call, since a Uint8Array cannot be frozen.
 *
 * @see SBC-4 block device zero ROD token
 * @remarks Since 0.1.0
 */
export function blockDeviceZeroRodToken(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(ROD_TOKEN_SIZE);
  b.set([0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x01, 0xf8]);
  return b;
}

/**
 * True if `bytes` is at least 8 bytes long and its ROD TYPE is FFFF 0001h (block device zero
 * ROD token). Checks the type only; decode strictly to validate the rest.
 *
 * @remarks Since 0.1.0
 */
export function isBlockDeviceZeroRodToken(bytes: Uint8Array): boolean {
  try {
    if (!isUint8Array(bytes) || bytes.length < 8) return false;
    return new ByteReader(bytes, 'RodToken').u32(0) === ROD_TYPE.BLOCK_DEVICE_ZERO;
  } catch (e) {
    throw inputFault(e, 'isBlockDeviceZeroRodToken', [bytes], 'ERR_FIELD_RANGE');
  }
}

/**
 * The likely intended NUMBER OF BYTES REPRESENTED: the wire value, except when the upper 64
 * bits are non-zero and the lower 64 bits are zero (QNAP writes a u64 at bytes 48-55): then the
 * upper half. Decoding reports that pattern as an `ERR_INVALID_VALUE` issue (in both modes; it
 * never throws, as it is a legal u128).
 *
 * @see SPC-5 ROD token format
 * @remarks Since 0.1.0
 */
export function numberOfBytesRepresentedOf(token: { readonly numberOfBytesRepresented: bigint }): bigint {
  try {
    const v = token.numberOfBytesRepresented;
    if (typeof v !== 'bigint') {
      throw new ByteWriter(0, 'RodToken').error('numberOfBytesRepresented', 0, `${show(v)} is not a bigint`);
    }
    const hi = v >> 64n;
    const lo = v & U64_MAX;
    return hi !== 0n && lo === 0n ? hi : v;
  } catch (e) {
    throw inputFault(e, 'numberOfBytesRepresentedOf', [token], 'ERR_FIELD_RANGE');
  }
}

function allZero(r: ByteReader, off: number, len: number): boolean {
  r.needAt(off, len);
  for (let i = 0; i < len; i++) if (r.u8a[off + i] !== 0) return false;
  return true;
}

/** Bytes 8-95 of a generic token (shared by the full and the management token). */
function readRodTokenBody(r: ByteReader): RodTokenBody {
  const copyManagerRodTokenIdentifier = r.u64(8, 'copyManagerRodTokenIdentifier');
  let creator: IdentificationDescriptorCscd | undefined;
  if (!allZero(r, 16, 32)) {
    creator = readIdentificationDescriptorCscd(r, 16);
    const d = creator.designationDescriptor;
    if (d.designatorType !== 2 && d.designatorType !== 3)
      r.tolerate(
        'ERR_INVALID_VALUE',
        'designatorType',
        21,
        `creator designator type ${hex(d.designatorType, 1)} is not 2h (EUI-64) or 3h (NAA)`,
        3,
      );
    if (d.association !== 0)
      r.tolerate('ERR_INVALID_VALUE', 'association', 21, `creator association ${d.association} is not 0 (LU)`, 5);
  }
  const n = r.u128(48, 'numberOfBytesRepresented');
  if (n >> 64n !== 0n && (n & U64_MAX) === 0n)
    r.note(
      'ERR_INVALID_VALUE',
      'numberOfBytesRepresented',
      48,
      'upper 64 bits set, lower 64 bits zero: likely a u64 written at bytes 48-55 (see numberOfBytesRepresentedOf)',
    );
  r.reservedBytes(64, 32, 'rodTokenTypeSpecificData');
  return creator === undefined
    ? { copyManagerRodTokenIdentifier, numberOfBytesRepresented: n }
    : { copyManagerRodTokenIdentifier, creatorLogicalUnitDescriptor: creator, numberOfBytesRepresented: n };
}

function writeRodTokenBody(w: ByteWriter, t: RodTokenBody): void {
  w.u64(8, t.copyManagerRodTokenIdentifier, 'copyManagerRodTokenIdentifier');
  if (t.creatorLogicalUnitDescriptor !== undefined)
    writeIdentificationDescriptorCscd(w, 16, t.creatorLogicalUnitDescriptor);
  w.u128(48, t.numberOfBytesRepresented, 'numberOfBytesRepresented');
}

/** Check ROD TOKEN LENGTH = 01F8h; returns the `rodTokenLength` field to spread (empty if canonical). */
function readTokenLength(r: ByteReader): { rodTokenLength?: number } {
  const len = r.u16(6, 'rodTokenLength');
  if (len === ROD_TOKEN_LENGTH) return {};
  r.tolerate(
    'ERR_UNEXPECTED_VALUE',
    'rodTokenLength',
    6,
    `ROD TOKEN LENGTH is ${hex(len, 4)}, expected 0x01f8`,
    undefined,
    'spc.rod-token.length',
  );
  return { rodTokenLength: len };
}

function readDeviceTypeSpecificData(
  r: ByteReader,
  creator: IdentificationDescriptorCscd | undefined,
): RodTokenDeviceTypeSpecificData {
  if (creator === undefined || creator.peripheralDeviceType !== 0)
    return { kind: 'raw', bytes: r.bytes(96, 32, 'deviceTypeSpecificData') };
  r.reserved(100, 0xf0);
  r.reservedBytes(104, 24);
  return {
    kind: 'blockDevice',
    logicalBlockLength: r.u32(96, 'logicalBlockLength'),
    pType: r.bits(100, 3, 1, 'pType'),
    protEn: r.bit(100, 0, 'protEn'),
    pIExponent: r.bits(101, 7, 4, 'pIExponent'),
    logicalBlocksPerPhysicalBlockExponent: r.bits(101, 3, 0, 'logicalBlocksPerPhysicalBlockExponent'),
    lbpme: r.bit(102, 7, 'lbpme'),
    lbprz: r.bit(102, 6, 'lbprz'),
    lowestAlignedLogicalBlockAddress: r.u16(102, 'lowestAlignedLogicalBlockAddress') & 0x3fff,
  };
}

function writeDeviceTypeSpecificData(w: ByteWriter, d: RodTokenDeviceTypeSpecificData): void {
  if (typeof d !== 'object' || d === null) throw w.error('deviceTypeSpecificData', 96, 'missing');
  if (d.kind === 'raw') {
    w.bytes(96, d.bytes, 'deviceTypeSpecificData', 32);
    return;
  }
  w.u32(96, d.logicalBlockLength, 'logicalBlockLength');
  w.bits(100, 3, 1, d.pType, 'pType');
  w.bit(100, 0, d.protEn, 'protEn');
  w.bits(101, 7, 4, d.pIExponent, 'pIExponent');
  w.bits(101, 3, 0, d.logicalBlocksPerPhysicalBlockExponent, 'logicalBlocksPerPhysicalBlockExponent');
  const lowest = d.lowestAlignedLogicalBlockAddress;
  if (!Number.isInteger(lowest) || lowest < 0 || lowest > 0x3fff)
    throw w.error('lowestAlignedLogicalBlockAddress', 102, `${show(lowest)} does not fit 14 bits`, 5);
  w.u16(102, lowest, 'lowestAlignedLogicalBlockAddress');
  w.bit(102, 7, d.lbpme, 'lbpme');
  w.bit(102, 6, d.lbprz, 'lbprz');
}

function strictRodType(r: ByteReader, type: number, allowZero: boolean): void {
  if (isGenericRodType(type) || type >= VENDOR_SPECIFIC_ROD_TYPE_MIN) return;
  if (allowZero && type === ROD_TYPE.BLOCK_DEVICE_ZERO) return;
  r.tolerate(
    'ERR_UNSUPPORTED',
    'rodType',
    0,
    `ROD type ${hex(type, 8)} (${rodTypeName(type)}) is not a token type`,
    undefined,
    'spc.rod-token.unsupported-type',
  );
}

function trailing(r: ByteReader, size: number): void {
  if (r.length > size)
    r.tolerate('ERR_LENGTH_MISMATCH', undefined, size, `${r.length - size} byte(s) after the ${size}-byte token`);
}

/**
 * Read a ROD token filling reader `r` (it may be longer than 512 bytes: extra bytes are an issue).
 *
 * @internal
 */
export function readRodToken(r: ByteReader): RodToken {
  r.need(8, 'rodTokenLength');
  const rodType = r.u32(0, 'rodType');
  const zeroToken = rodType === ROD_TYPE.BLOCK_DEVICE_ZERO;
  r.reservedBytes(4, 2, 'reserved', zeroToken ? 'sbc.rod-token.zero-reserved' : undefined);
  if (isGenericRodType(rodType)) {
    r.need(ROD_TOKEN_SIZE);
    const len = readTokenLength(r);
    trailing(r, ROD_TOKEN_SIZE);
    const body = readRodTokenBody(r);
    const deviceTypeSpecificData = readDeviceTypeSpecificData(r, body.creatorLogicalUnitDescriptor);
    const target = readDesignationDescriptor(r, 128);
    if (target.association !== 2)
      r.tolerate(
        'ERR_INVALID_VALUE',
        'association',
        129,
        `target device descriptor association ${target.association} is not 2 (target device)`,
        5,
      );
    const t = target.designatorType;
    if (t !== 2 && t !== 3 && t !== 8)
      r.tolerate(
        'ERR_INVALID_VALUE',
        'designatorType',
        129,
        `target device designator type ${hex(t, 1)} is not 2h, 3h or 8h`,
        3,
      );
    const extStart = 132 + target.designator.length;
    const extendedRodTokenData = r.bytes(extStart, ROD_TOKEN_SIZE - extStart, 'extendedRodTokenData');
    const creator = body.creatorLogicalUnitDescriptor;
    if (len.rodTokenLength === undefined && creator !== undefined) {
      // The usual token as one literal (same keys, same order), cheaper than an object spread.
      return {
        kind: 'generic',
        rodType,
        copyManagerRodTokenIdentifier: body.copyManagerRodTokenIdentifier,
        creatorLogicalUnitDescriptor: creator,
        numberOfBytesRepresented: body.numberOfBytesRepresented,
        deviceTypeSpecificData,
        targetDeviceDescriptor: target,
        extendedRodTokenData,
      };
    }
    return {
      kind: 'generic',
      rodType,
      ...len,
      ...body,
      deviceTypeSpecificData,
      targetDeviceDescriptor: target,
      extendedRodTokenData,
    };
  }
  if (rodType === ROD_TYPE.BLOCK_DEVICE_ZERO) {
    r.need(ROD_TOKEN_SIZE);
    const len = readTokenLength(r);
    trailing(r, ROD_TOKEN_SIZE);
    const zero = allZero(r, 8, ROD_TOKEN_SIZE - 8);
    if (!zero) r.reservedBytes(8, ROD_TOKEN_SIZE - 8, 'reserved', 'sbc.rod-token.zero-reserved');
    const base: BlockDeviceZeroRodToken = { kind: 'blockDeviceZero', rodType: ROD_TYPE.BLOCK_DEVICE_ZERO, ...len };
    return zero ? base : { ...base, reservedData: r.bytes(8, ROD_TOKEN_SIZE - 8, 'reservedData') };
  }
  strictRodType(r, rodType, true);
  const len = r.u16(6, 'rodTokenLength');
  const body = r.rest(8, 'body');
  if (len !== body.length)
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'rodTokenLength',
      6,
      `ROD TOKEN LENGTH ${len} but ${body.length} byte(s) follow the header`,
      undefined,
      'spc.rod-token.length',
    );
  return len === body.length
    ? { kind: 'opaque', rodType, bytes: body }
    : { kind: 'opaque', rodType, rodTokenLength: len, bytes: body };
}

/**
 * Options of {@link decodeRodToken}.
 *
 * @remarks Since 0.2.0
 */
export interface RodTokenDecodeOptions extends DecodeOptions {
  /**
   * Read the token at this byte offset of the buffer (at most 512 bytes from there), e.g.
   * `WRITE_USING_TOKEN_ROD_TOKEN_OFFSET` in a WRITE USING TOKEN parameter list; offsets in errors and
   * issues are then offsets in the whole buffer.
   */
  readonly offset?: number | undefined;
}

/**
 * Decode a ROD token.
 *
 * - Generic types (0001 0000h, 0080 0000h-0080 0003h): the 512-byte SPC layout.
 * - FFFF 0001h: the block device zero ROD token (bytes 8-511 reserved).
 * - Anything else (vendor specific FFFF FFF0h+, reserved): opaque, byte-exact.
 *
 * ROD TOKEN LENGTH ≠ 01F8h (generic and zero tokens): lenient decodes and reports an issue;
 * strict throws `ERR_UNEXPECTED_VALUE` at byte 6 (a copy manager answers 23h/0Ah INVALID TOKEN
 * LENGTH).
 *
 * Every error and issue carries its device-server rule (`spc.rod-token.length`,
 * `spc.rod-token.unsupported-type`, `sbc.rod-token.zero-reserved`, else `spc.rod-token.corrupt`),
 * so `senseDataFromCodecError` gives the INVALID TOKEN OPERATION sense a copy manager returns. With
 * `offset` the token is read at that offset of `bytes` (16 in a WRITE USING TOKEN parameter list)
 * and every offset reported is one in `bytes`: the field pointer the copy manager reports.
 *
 * @example
 * ```ts
 * const t = decodeRodToken(blockDeviceZeroRodToken());
 * t.kind; // 'blockDeviceZero'
 * ```
 * @see SPC-5 ROD token format
 * @throws {ScsiCodecError} `ERR_TRUNCATED`, `ERR_UNEXPECTED_VALUE` (creator descriptor type code
 *   not E4h), `ERR_LENGTH_MISMATCH` (creator designator > 20 bytes); strict also
 *   `ERR_UNEXPECTED_VALUE` (ROD TOKEN LENGTH), `ERR_RESERVED_NONZERO`, `ERR_INVALID_VALUE`,
 *   `ERR_LENGTH_MISMATCH`, `ERR_UNSUPPORTED` (reserved ROD type).
 * @remarks Since 0.1.0
 */
export function decodeRodToken(bytes: Uint8Array, options?: RodTokenDecodeOptions): RodToken {
  try {
    const at = options?.offset;
    let r = new ByteReader(bytes, 'RodToken', options);
    if (at !== undefined) {
      if (!Number.isSafeInteger(at) || at < 0) {
        throw r.error('ERR_FIELD_RANGE', 'offset', 0, `option offset ${String(at)} is not a non-negative integer`);
      }
      r = r.sub(at, Math.min(ROD_TOKEN_SIZE, Math.max(0, r.length - at)));
    }
    r.rule = 'spc.rod-token.corrupt';
    const t = readRodToken(r);
    // One literal rather than `{ ...t, ...issuesOf(r) }`, which would copy every field once more.
    return r.issues.length === 0 ? t : { ...t, issues: r.issues };
  } catch (e) {
    throw inputFault(e, 'RodToken', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode a ROD token: 512 bytes for generic and zero tokens (ROD TOKEN LENGTH 01F8h unless
 * `rodTokenLength` says otherwise), 8 + body bytes for opaque ones.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` (with `field`) if a value does not fit, the ROD type
 *   does not match the format, or the extended ROD token data is too long.
 * @remarks Since 0.1.0
 */
export function encodeRodToken(t: RodToken): Uint8Array<ArrayBuffer> {
  try {
    if (typeof t !== 'object' || t === null) throw new ByteWriter(0, 'RodToken').error(undefined, 0, 'not a ROD token');
    if (t.kind === 'opaque') {
      const body = t.bytes;
      if (!isUint8Array(body)) throw new ByteWriter(0, 'RodToken').error('body', 8, 'not a Uint8Array');
      const w = new ByteWriter(8 + body.length, 'RodToken');
      w.u32(0, t.rodType, 'rodType');
      if (isGenericRodType(t.rodType) || t.rodType === ROD_TYPE.BLOCK_DEVICE_ZERO)
        throw w.error(
          'rodType',
          0,
          `${hex(t.rodType, 8)} has a defined layout: use format 'generic' or 'blockDeviceZero'`,
        );
      w.u16(6, t.rodTokenLength ?? body.length, 'rodTokenLength');
      w.bytes(8, body, 'body');
      return w.finish();
    }
    const w = new ByteWriter(ROD_TOKEN_SIZE, 'RodToken');
    w.u32(0, t.rodType, 'rodType');
    w.u16(6, t.rodTokenLength ?? ROD_TOKEN_LENGTH, 'rodTokenLength');
    if (t.kind === 'blockDeviceZero') {
      if (t.rodType !== ROD_TYPE.BLOCK_DEVICE_ZERO) throw w.error('rodType', 0, 'must be 0xffff0001');
      if (t.reservedData !== undefined) w.bytes(8, t.reservedData, 'reservedData', ROD_TOKEN_SIZE - 8);
      return w.finish();
    }
    if (t.kind !== 'generic') throw w.error('kind', 0, 'unknown token kind');
    if (!isGenericRodType(t.rodType)) throw w.error('rodType', 0, `${hex(t.rodType, 8)} is not a generic ROD type`);
    writeRodTokenBody(w, t);
    writeDeviceTypeSpecificData(w, t.deviceTypeSpecificData);
    const target = t.targetDeviceDescriptor;
    if (typeof target !== 'object' || target === null) throw w.error('targetDeviceDescriptor', 128, 'missing');
    writeDesignationDescriptor(w, 128, target);
    const ext = t.extendedRodTokenData;
    if (!isUint8Array(ext)) throw w.error('extendedRodTokenData', 132, 'not a Uint8Array');
    const start = 132 + target.designator.length;
    if (start + ext.length > ROD_TOKEN_SIZE)
      throw w.error('extendedRodTokenData', start, `${ext.length} bytes do not fit bytes ${start}-511`);
    w.bytes(start, ext, 'extendedRodTokenData');
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'RodToken', [t], 'ERR_FIELD_RANGE');
  }
}

/**
 * ROD management token (REPORT ALL ROD TOKENS): the first 96 bytes (header + body) of a generic
 * token, ROD TOKEN LENGTH left unchanged (01F8h).
 *
 * @see SPC-5 ROD token format
 * @remarks Since 0.1.0
 */
export interface GenericRodManagementToken extends RodTokenBody {
  readonly kind: 'generic';
  readonly rodType: number;
  /** ROD TOKEN LENGTH: present only when it is not 01F8h. */
  readonly rodTokenLength?: number;
  /** Discrepancies tolerated by a lenient decode (absent when there are none). */
  readonly issues?: readonly DecodeIssue[];
}

/** A 96-byte management token of a non-generic ROD type: body kept as bytes. @remarks Since 0.1.0 */
export interface OpaqueRodManagementToken {
  readonly kind: 'opaque';
  readonly rodType: number;
  /** ROD TOKEN LENGTH: present only when it is not 01F8h. */
  readonly rodTokenLength?: number;
  /** Bytes 8-95 (88 bytes). */
  readonly bytes: Uint8Array;
  readonly issues?: readonly DecodeIssue[];
}

/** A decoded ROD management token. @remarks Since 0.1.0 */
export type RodManagementToken = GenericRodManagementToken | OpaqueRodManagementToken;

/**
 * Read a 96-byte management token at the start of `r` (which may be longer; the caller decides).
 *
 * @internal
 */
export function readRodManagementToken(r: ByteReader): RodManagementToken {
  r.need(ROD_MANAGEMENT_TOKEN_SIZE);
  const rodType = r.u32(0, 'rodType');
  r.reservedBytes(4, 2);
  const len = readTokenLength(r);
  if (isGenericRodType(rodType)) return { kind: 'generic', rodType, ...len, ...readRodTokenBody(r) };
  strictRodType(r, rodType, false);
  return { kind: 'opaque', rodType, ...len, bytes: r.bytes(8, 88, 'body') };
}

/**
 * Decode a 96-byte ROD management token.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (< 96 bytes) and what {@link decodeRodToken} throws
 *   for bytes 0-95; extra bytes are an `ERR_LENGTH_MISMATCH` issue (strict: thrown).
 * @remarks Since 0.1.0
 */
export function decodeRodManagementToken(bytes: Uint8Array, options?: DecodeOptions): RodManagementToken {
  try {
    const r = new ByteReader(bytes, 'RodManagementToken', options);
    const t = readRodManagementToken(r);
    trailing(r, ROD_MANAGEMENT_TOKEN_SIZE);
    return { ...t, ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'RodManagementToken', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Write a management token at `off` of `w` (96 bytes).
 *
 * @internal
 */
export function writeRodManagementToken(w: ByteWriter, off: number, t: RodManagementToken): void {
  const s = w.sub(off, ROD_MANAGEMENT_TOKEN_SIZE, 'RodManagementToken');
  if (typeof t !== 'object' || t === null) throw s.error(undefined, 0, 'not a management token');
  s.u32(0, t.rodType, 'rodType');
  s.u16(6, t.rodTokenLength ?? ROD_TOKEN_LENGTH, 'rodTokenLength');
  if (t.kind === 'opaque') {
    if (isGenericRodType(t.rodType)) throw s.error('rodType', 0, `${hex(t.rodType, 8)} is a generic ROD type`);
    s.bytes(8, t.bytes, 'body', 88);
    return;
  }
  if (t.kind !== 'generic') throw s.error('kind', 0, 'unknown token kind');
  if (!isGenericRodType(t.rodType)) throw s.error('rodType', 0, `${hex(t.rodType, 8)} is not a generic ROD type`);
  writeRodTokenBody(s, t);
}

/**
 * Encode a 96-byte ROD management token.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` (with `field`) if a value does not fit.
 * @remarks Since 0.1.0
 */
export function encodeRodManagementToken(token: RodManagementToken): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(ROD_MANAGEMENT_TOKEN_SIZE, 'RodManagementToken');
    writeRodManagementToken(w, 0, token);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'RodManagementToken', [token], 'ERR_FIELD_RANGE');
  }
}
