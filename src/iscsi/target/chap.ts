/**
 * CHAP with MD5 for iSCSI login (RFC 7143 section 12.1.3, RFC 1994): binary value encoding,
 * challenge generation and response computation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** CHAP_A value of MD5 (RFC 1994 / IANA PPP authentication algorithms). */
export const CHAP_MD5 = 5;

/** Length of the challenges this target sends (RFC 7143 section 12.1.3 asks for unpredictable ones). */
export const CHAP_CHALLENGE_LENGTH = 16;

/** Longest binary value we accept from a peer (a challenge or response; RFC 7143 caps values at 8192 bytes). */
const MAX_BINARY = 1024;

/**
 * Decodes an iSCSI binary value: `0x`/`0X` hex or `0b`/`0B` base64 (RFC 7143 section 6.1).
 * Returns undefined when the text is not a well-formed binary value.
 */
export function decodeBinaryValue(text: string): Buffer | undefined {
  if (text.length < 3 || text.length > 2 + 2 * MAX_BINARY) return undefined;
  const prefix = text.slice(0, 2).toLowerCase();
  const body = text.slice(2);
  if (prefix === '0x') {
    if (!/^[0-9a-fA-F]+$/.test(body)) return undefined;
    // An odd number of digits has an implied leading zero (RFC 7143 section 6.1: hex-constant).
    return Buffer.from(body.length % 2 === 1 ? `0${body}` : body, 'hex');
  }
  if (prefix === '0b') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
    return Buffer.from(body, 'base64');
  }
  return undefined;
}

/** Encodes bytes as an iSCSI hex binary value (`0x...`). */
export function encodeBinaryValue(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** CHAP response: MD5(identifier || secret || challenge) (RFC 1994 section 4.1). */
export function chapResponse(identifier: number, secret: string | Uint8Array, challenge: Uint8Array): Buffer {
  const h = createHash('md5');
  h.update(Uint8Array.of(identifier & 0xff));
  h.update(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
  h.update(challenge);
  return h.digest();
}

/** A fresh CHAP identifier and challenge from the system CSPRNG. */
export function newChallenge(): { readonly identifier: number; readonly challenge: Buffer } {
  const b = randomBytes(1 + CHAP_CHALLENGE_LENGTH);
  return { identifier: b[0] as number, challenge: b.subarray(1) };
}

/** Constant-time comparison of an expected and a received response. */
export function sameResponse(expected: Uint8Array, received: Uint8Array): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}
