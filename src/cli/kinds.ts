/**
 * The kinds of structure the CLI knows: how to decode, encode, size and recognise each.
 * The codecs themselves come from src/codecs.ts (wired to the area modules).
 */
import { CODECS } from './codecs.js';
import type { Kind, KindCodec } from './kind-names.js';

export { isKind, KIND_TITLES, KINDS, type Kind, type KindCodec } from './kind-names.js';

/** The codec for a kind, or undefined if this build has none yet. */
export function codecOf(kind: Kind): KindCodec | undefined {
  return CODECS[kind];
}

const u16 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u32 = (b: Uint8Array, o: number): number => u16(b, o) * 0x10000 + u16(b, o + 2);

/** CDB length from the opcode's group code (SPC); undefined for variable/vendor groups. */
function cdbLength(opcode: number): number | undefined {
  switch (opcode >> 5) {
    case 0:
      return 6;
    case 1:
    case 2:
      return 10;
    case 4:
      return 16;
    case 5:
      return 12;
    default:
      return undefined;
  }
}

/**
 * Length of the structure of `kind` at the start of `b`, from its own header (clamped to what
 * is there): how several structures in one input are split.
 */
export function structureLength(kind: Kind, b: Uint8Array): number {
  const n = b.length;
  const len = declaredLength(kind, b);
  return len === undefined ? n : Math.max(1, Math.min(n, len));
}

/**
 * Length the structure of `kind` at the start of `b` declares in its header (not clamped), or
 * undefined if the header is not all there or the kind has no length of its own.
 */
export function declaredLength(kind: Kind, b: Uint8Array): number | undefined {
  const n = b.length;
  const clamp = (len: number | undefined, headerBytes: number): number | undefined =>
    len === undefined || n < headerBytes ? undefined : len;
  switch (kind) {
    case 'cdb':
      return clamp(cdbLength(b[0] ?? 0), 1);
    case 'sense':
      return clamp(8 + (b[7] ?? 0), 8);
    case 'vpd':
      return clamp(4 + u16(b, 2), 4);
    case 'designation':
      return clamp(4 + (b[3] ?? 0), 4);
    case 'rod-token': {
      // Generic and block device zero tokens are 512 bytes whatever ROD TOKEN LENGTH says.
      const type = u32(b, 0);
      const fixed = type === 0x0001_0000 || (type >= 0x0080_0000 && type <= 0x0080_ffff) || type === 0xffff_0001;
      return clamp(fixed || u16(b, 6) === 0x01f8 ? 512 : 8 + u16(b, 6), 8);
    }
    case 'populate-token-params':
    case 'write-using-token-params':
      return clamp(2 + u16(b, 0), 2);
    case 'extended-copy-params':
      return clamp(16 + u16(b, 2) + u32(b, 8) + u32(b, 12), 16);
    case 'extended-copy-lid4-params':
      return clamp(48 + u16(b, 42) + u16(b, 44) + u16(b, 46), 48);
    case 'rrti-data':
    case 'copy-status':
      return clamp(4 + u32(b, 0), 4);
  }
}

/** A guess: the kind and why. */
export interface Detection {
  readonly kind: Kind;
  readonly reason: string;
}

const hx = (v: number, d = 2): string => `${v.toString(16).padStart(d, '0')}h`;

/**
 * Recognise the structure at the start of `b`: sense by response code 70h-73h, a CDB by
 * opcode 83h/84h, a VPD page by page code and page length, a ROD token by ROD TOKEN LENGTH
 * 01F8h, parameter lists and status data by their length fields, a designation descriptor
 * by its length byte.
 */
export function detectKind(b: Uint8Array): Detection | undefined {
  const n = b.length;
  if (n === 0) return undefined;
  const b0 = b[0] as number;
  const code = b0 & 0x7f;
  if (code >= 0x70 && code <= 0x73 && n >= 8) return { kind: 'sense', reason: `response code ${hx(code)}` };
  if ((b0 === 0x83 || b0 === 0x84) && n >= 16) {
    return { kind: 'cdb', reason: `opcode ${hx(b0)} service action ${hx((b[1] ?? 0) & 0x1f)}` };
  }
  if (n >= 8 && u16(b, 6) === 0x01f8 && (n === 512 || n === 96 || n >= 512)) {
    return { kind: 'rod-token', reason: 'ROD TOKEN LENGTH 01F8h' };
  }
  // RRTI / RECEIVE COPY STATUS (LID4): AVAILABLE DATA, RESPONSE TO SERVICE ACTION, TRANSFER
  // COUNT UNITS and a SENSE DATA LENGTH no larger than its field (checked before VPD: both start
  // with 00h bytes).
  const units = b[15] ?? 0xff;
  if (
    n >= 32 &&
    4 + u32(b, 0) <= n &&
    [0x00, 0x01, 0x10, 0x11].includes((b[4] ?? 0) & 0x1f) &&
    (units <= 0x06 || units === 0xf1) &&
    (b[14] ?? 0) <= (b[13] ?? 0)
  ) {
    const end = 4 + u32(b, 0);
    const why = 'AVAILABLE DATA, RESPONSE TO SERVICE ACTION, TRANSFER COUNT UNITS';
    if (end >= 36 + (b[13] ?? 0)) return { kind: 'rrti-data', reason: why };
    return { kind: 'copy-status', reason: why };
  }
  if (n >= 4 && [0x00, 0x80, 0x83, 0x86, 0x8f, 0xb0, 0xb1, 0xb2].includes(b[1] ?? -1) && b0 >> 5 !== 0b010) {
    const len = 4 + u16(b, 2);
    if (len <= n || (b[1] === 0x8f && len <= n + 8)) return { kind: 'vpd', reason: `page code ${hx(b[1] ?? 0)}` };
  }
  if (n >= 552 && 2 + u16(b, 0) <= n && u16(b, 534) + 536 === 2 + u16(b, 0)) {
    return { kind: 'write-using-token-params', reason: 'WRITE USING TOKEN DATA LENGTH and range descriptor length' };
  }
  if (n >= 16 && 2 + u16(b, 0) <= n && u16(b, 14) + 16 === 2 + u16(b, 0)) {
    return { kind: 'populate-token-params', reason: 'POPULATE TOKEN DATA LENGTH and range descriptor length' };
  }
  if (n >= 4 && 4 + (b[3] ?? 0) <= n && ((b[1] ?? 0) & 0x0f) <= 0x0a && (b0 & 0x0f) >= 1 && (b0 & 0x0f) <= 3) {
    return { kind: 'designation', reason: 'code set, designator type and length' };
  }
  return undefined;
}
