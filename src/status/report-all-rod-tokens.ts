/**
 * REPORT ALL ROD TOKENS parameter data (84h/08h): 0-3 AVAILABLE DATA (n-3); 4-7 reserved; 8-n
 * ROD management tokens, 96 bytes each (header + body of a ROD token), kept raw.
 *
 * @see SPC-4 "REPORT ALL ROD TOKENS parameter data" (layout from FreeBSD/ddptctl; UNCONFIRMED against spec text)
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { inputFault } from '../internal/contract.js';
import { openStatus, requiredStatusLength, truncatedOf } from './common.js';

/** Length of a ROD management token. @remarks Since 0.1.0 */
export const ROD_MANAGEMENT_TOKEN_LENGTH = 96;

/** Decoded REPORT ALL ROD TOKENS data. @remarks Since 0.1.0 */
export interface AllRodTokens {
  /** ROD management tokens: 96-byte copies (decode the first 96 bytes' fields with the ROD token module). */
  readonly rodManagementTokens: readonly Uint8Array[];
  /** Data cut short by ALLOCATION LENGTH. */
  readonly truncated?: true;
  /** Findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Encode REPORT ALL ROD TOKENS data.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a token is not exactly 96 bytes.
 * @remarks Since 0.1.0
 */
export function encodeAllRodTokens(v: AllRodTokens): Uint8Array<ArrayBuffer> {
  try {
    const tokens = v.rodManagementTokens;
    checkRange('AllRodTokens', 'rodManagementTokens', 8, Array.isArray(tokens) ? tokens.length : -1, 0x2aaaaaa);
    const w = new ByteWriter(8 + tokens.length * ROD_MANAGEMENT_TOKEN_LENGTH, 'AllRodTokens');
    w.u32(0, 4 + tokens.length * ROD_MANAGEMENT_TOKEN_LENGTH, 'availableData');
    tokens.forEach((t, i) => {
      w.bytes(8 + i * ROD_MANAGEMENT_TOKEN_LENGTH, t, 'rodManagementTokens', ROD_MANAGEMENT_TOKEN_LENGTH);
    });
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'AllRodTokens', [v], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode REPORT ALL ROD TOKENS data. A token list that is not a multiple of 96 bytes is an
 * `ERR_LENGTH_MISMATCH` issue (strict: thrown) and the partial token is ignored.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if the 8-byte header is missing; strict:
 * `ERR_RESERVED_NONZERO`, `ERR_LENGTH_MISMATCH`.
 * @remarks Since 0.1.0
 */
export function decodeAllRodTokens(bytes: Uint8Array, options?: DecodeOptions): AllRodTokens {
  try {
    const { r, end, truncated, declaredEnd } = openStatus(bytes, 'AllRodTokens', options, 8);
    r.reservedBytes(4, 4);
    const declared = declaredEnd - 8;
    if (declared > 0 && declared % ROD_MANAGEMENT_TOKEN_LENGTH !== 0) {
      r.tolerate('ERR_LENGTH_MISMATCH', 'availableData', 0, `token list of ${declared} bytes is not a multiple of 96`);
    }
    const tokens: Uint8Array[] = [];
    for (let off = 8; off + ROD_MANAGEMENT_TOKEN_LENGTH <= end; off += ROD_MANAGEMENT_TOKEN_LENGTH) {
      tokens.push(r.bytes(off, ROD_MANAGEMENT_TOKEN_LENGTH, 'rodManagementToken'));
    }
    return { rodManagementTokens: tokens, ...truncatedOf(truncated), ...issuesOf(r) };
  } catch (e) {
    throw inputFault(e, 'AllRodTokens', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * ALLOCATION LENGTH that fetches all of the REPORT ALL ROD TOKENS data: AVAILABLE DATA + 4.
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes are given.
 * @remarks Since 0.1.0
 */
export function requiredAllRodTokensLength(headerBytes: Uint8Array): number {
  try {
    return requiredStatusLength(headerBytes, 'AllRodTokens');
  } catch (e) {
    throw inputFault(e, 'AllRodTokens', [headerBytes], 'ERR_UNEXPECTED_VALUE');
  }
}
