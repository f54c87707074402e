/**
 * iSCSI text data: the key=value pairs of Login and Text PDU data segments, each followed by one
 * NUL (RFC 7143 section 6.1). Keys and values are UTF-8 (decoded and encoded here without any
 * platform API).
 *
 * @packageDocumentation
 */
import type { DecodeIssue } from '../../errors.js';
import { ByteReader, type DecodeOptions, issuesOf } from '../../internal/byte-reader.js';
import { ByteWriter, show } from '../../internal/byte-writer.js';
import { arrayField, inputFault } from '../../internal/contract.js';

const STRUCTURE = 'IscsiTextKeys';

/** Longest key name (bytes). @see RFC 7143 section 6.1 (standard-label) @remarks Since 0.2.0 */
export const ISCSI_MAX_KEY_LENGTH = 63;

/**
 * Longest value (bytes) of a key whose value is not a binary value (hex-constant `0x...` or
 * base64-constant `0b...`). @see RFC 7143 section 6.1 @remarks Since 0.2.0
 */
export const ISCSI_MAX_VALUE_LENGTH = 255;

/**
 * Longest binary value (bytes of its text, `0x`/`0b` prefix included) this codec accepts: the
 * bound for large binary values such as CHAP_C and CHAP_R (a CHAP challenge of 1024 bytes is
 * 2050 characters in hex). A bound of this library, generous for every key RFC 7143 defines.
 *
 * @see RFC 7143 sections 6.1 and 12.1.3
 * @remarks Since 0.2.0
 */
export const ISCSI_MAX_BINARY_VALUE_LENGTH = 8192;

/**
 * The keys that may repeat in one text data segment: a SendTargets answer lists each target
 * as TargetName followed by its TargetAddress values (RFC 7143 section 6.2 and appendix C).
 * Every other key appears at most once.
 *
 * @remarks Since 0.2.0
 */
export const ISCSI_REPEATABLE_KEYS: ReadonlySet<string> = new Set(['TargetName', 'TargetAddress']);

/** One key=value pair. @see RFC 7143 section 6.1 @remarks Since 0.2.0 */
export interface IscsiTextPair {
  readonly key: string;
  readonly value: string;
}

/** Decoded text data. @remarks Since 0.2.0 */
export interface IscsiTextKeys {
  /** The pairs in the order they were sent. */
  readonly pairs: readonly IscsiTextPair[];
  /** Findings of a lenient decode (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * Decode a logical text data segment (the data segments of a Login or Text PDU sequence with C
 * = 1, concatenated). Every pair must end with a NUL; the key is what precedes the first `=`.
 * Strict mode (lenient: issues) rejects: a key that is not a standard-label (letters, digits,
 * `.-+@_`, starting with a capital letter) or longer than 63 bytes, a value over 255 bytes that
 * is not a binary value (or a binary value over 8192), a duplicate key (except
 * {@link ISCSI_REPEATABLE_KEYS}), and NUL bytes padding
 * the end. Malformed UTF-8, a pair without `=` or without its NUL throw in both modes.
 *
 * @see RFC 7143 section 6.1
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (last pair without NUL), `ERR_INVALID_VALUE` (no `=`,
 *   bad UTF-8, an empty pair; strict: the rules above).
 * @remarks Since 0.2.0
 */
export function decodeIscsiTextKeys(data: Uint8Array, options?: DecodeOptions): IscsiTextKeys {
  const r = new ByteReader(data, STRUCTURE, options);
  const a = r.u8a;
  const pairs: IscsiTextPair[] = [];
  const seen = new Set<string>();
  let off = 0;
  while (off < a.length) {
    if (a[off] === 0) {
      // Trailing NULs (some initiators pad): tolerated, nothing may follow them.
      for (let i = off; i < a.length; i++) {
        if (a[i] !== 0) throw r.error('ERR_INVALID_VALUE', 'key', off, 'empty key=value pair');
      }
      r.tolerate('ERR_INVALID_VALUE', 'key', off, 'NUL bytes after the last key=value pair');
      break;
    }
    let end = off;
    while (end < a.length && a[end] !== 0) end++;
    if (end === a.length) throw r.error('ERR_TRUNCATED', 'value', off, 'key=value pair without its NUL delimiter');
    let eq = off;
    while (eq < end && a[eq] !== 0x3d) eq++;
    if (eq === end) throw r.error('ERR_INVALID_VALUE', 'key', off, 'key=value pair without "="');
    const key = utf8Decode(r, off, eq, 'key');
    const value = utf8Decode(r, eq + 1, end, 'value');
    if (!isStandardLabel(key) || eq - off > ISCSI_MAX_KEY_LENGTH) {
      r.tolerate('ERR_INVALID_VALUE', 'key', off, `key ${show(key)} is not a standard-label of at most 63 bytes`);
    }
    const vlen = end - eq - 1;
    const limit = isBinaryValue(value) ? ISCSI_MAX_BINARY_VALUE_LENGTH : ISCSI_MAX_VALUE_LENGTH;
    if (vlen > limit)
      r.tolerate('ERR_INVALID_VALUE', 'value', eq + 1, `value of ${key} is ${vlen} bytes (limit ${limit})`);
    if (seen.has(key) && !ISCSI_REPEATABLE_KEYS.has(key))
      r.tolerate('ERR_INVALID_VALUE', 'key', off, `duplicate key ${show(key)}`);
    seen.add(key);
    pairs.push({ key, value });
    off = end + 1;
  }
  return { pairs, ...issuesOf(r) };
}

/**
 * Encode key=value pairs, each followed by a NUL. Keys must be standard-labels of at most 63
 * bytes and unique (except {@link ISCSI_REPEATABLE_KEYS}); values hold no NUL and respect the 255-byte limit (8192 for a binary value).
 *
 * @see RFC 7143 section 6.1
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` for a key or value that breaks those rules.
 * @remarks Since 0.2.0
 */
export function encodeIscsiTextKeys(pairs: readonly IscsiTextPair[]): Uint8Array<ArrayBuffer> {
  try {
    return encodeTextKeys(pairs);
  } catch (e) {
    // Wrapped in an object so that an error thrown reading an element names the field `pairs`.
    throw inputFault(e, STRUCTURE, [{ pairs }], 'ERR_FIELD_RANGE');
  }
}

/** Pairs one encode takes at most (checked before the list is walked: far beyond any negotiation). */
const MAX_PAIRS = 1 << 20;

function encodeTextKeys(pairs: readonly IscsiTextPair[]): Uint8Array<ArrayBuffer> {
  const err = new ByteWriter(0, STRUCTURE);
  // `length` read first: a Proxy whose traps throw reports that error (as the cause), not "not an array".
  if (typeof pairs === 'object' && pairs !== null) void pairs.length;
  const list = arrayField(STRUCTURE, 'pairs', 0, pairs, MAX_PAIRS);
  const parts: Uint8Array[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const key = (p as IscsiTextPair | null)?.key;
    const value = (p as IscsiTextPair | null)?.value;
    if (typeof key !== 'string' || !isStandardLabel(key))
      throw err.error('key', n, `${show(key)} is not a standard-label`);
    if (typeof value !== 'string') throw err.error('value', n, `${show(value)} is not a string`);
    const k = utf8Encode(key, 'key');
    const v = utf8Encode(value, 'value');
    if (k.length > ISCSI_MAX_KEY_LENGTH) throw err.error('key', n, `key ${show(key)} is longer than 63 bytes`);
    if (seen.has(key) && !ISCSI_REPEATABLE_KEYS.has(key)) throw err.error('key', n, `duplicate key ${show(key)}`);
    seen.add(key);
    if (v.includes(0)) throw err.error('value', n + k.length + 1, 'value holds a NUL');
    const limit = isBinaryValue(value) ? ISCSI_MAX_BINARY_VALUE_LENGTH : ISCSI_MAX_VALUE_LENGTH;
    if (v.length > limit)
      throw err.error('value', n + k.length + 1, `value of ${key} is ${v.length} bytes (limit ${limit})`);
    parts.push(k, v);
    n += k.length + v.length + 2;
  }
  const out = new Uint8Array(n);
  let off = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const k = parts[i] as Uint8Array;
    const v = parts[i + 1] as Uint8Array;
    out.set(k, off);
    out[off + k.length] = 0x3d;
    out.set(v, off + k.length + 1);
    off += k.length + v.length + 2; // the NUL is already 0
  }
  return out;
}

/**
 * True for a standard-label: one or more letters, digits, `.`, `-`, `+`, `@`, `_`, the first a
 * capital letter. (Length is checked separately, in bytes.) False for a value that is not a string.
 *
 * @see RFC 7143 section 6.1
 * @remarks Since 0.2.0
 */
export function isIscsiStandardLabel(s: string): boolean {
  return typeof s === 'string' && isStandardLabel(s);
}

function isStandardLabel(s: string): boolean {
  return /^[A-Z][A-Za-z0-9.+@_-]*$/.test(s);
}

/** A hex-constant or base64-constant (RFC 7143 section 6.1). */
function isBinaryValue(v: string): boolean {
  return v.length > 2 && v[0] === '0' && (v[1] === 'x' || v[1] === 'X' || v[1] === 'b' || v[1] === 'B');
}

/** Strict UTF-8 decode of a[start, end) (no overlongs, no surrogates, max U+10FFFF). */
function utf8Decode(r: ByteReader, start: number, end: number, field: string): string {
  const a = r.u8a;
  let s = '';
  let i = start;
  while (i < end) {
    const b = a[i] as number;
    if (b < 0x80) {
      s += String.fromCharCode(b);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      min = 0x1_0000;
    } else {
      throw r.error('ERR_INVALID_VALUE', field, i, `byte ${show(b)} does not start a UTF-8 sequence`);
    }
    if (i + need >= end) throw r.error('ERR_INVALID_VALUE', field, i, 'UTF-8 sequence cut short');
    for (let k = 1; k <= need; k++) {
      const c = a[i + k] as number;
      if ((c & 0xc0) !== 0x80) throw r.error('ERR_INVALID_VALUE', field, i + k, 'bad UTF-8 continuation byte');
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10_ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw r.error('ERR_INVALID_VALUE', field, i, 'overlong or invalid UTF-8 code point');
    }
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

/** UTF-8 encode; a lone surrogate is ERR_FIELD_RANGE (never replaced silently). */
function utf8Encode(s: string, field: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x1_0000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else throw new ByteWriter(0, STRUCTURE).error(field, 0, 'lone UTF-16 surrogate');
    } else if (c >= 0xd800 && c <= 0xdfff) throw new ByteWriter(0, STRUCTURE).error(field, 0, 'lone UTF-16 surrogate');
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x1_0000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}
