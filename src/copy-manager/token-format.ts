/**
 * Token bytes for the copy manager: the generic SPC ROD token layout, built and recognised with
 * the ROD token codec. Nothing but the 32-byte random secret is kept per token: the bytes are
 * rebuilt from the token's record (a template per logical unit and ROD type, encoded once by the
 * codec, with the identifier, byte count and secret written in) and compared exactly.
 *
 * @internal
 */
import { type DesignationDescriptor, encodeDesignationDescriptor } from '../designation/index.js';
import { isScsiCodecError } from '../errors.js';
import { put32 } from '../internal/byte-writer.js';
import { WRITE_USING_TOKEN_LAYOUT } from '../parameter-list/layouts.js';
import { decodeRodToken, encodeRodToken, ROD_TOKEN_SIZE, ROD_TYPE, type RodToken } from '../rod-token/index.js';
import { ROD_TOKEN_LAYOUT } from '../rod-token/layout.js';
import { fail } from './fault.js';
import { equalBytes } from './tokens.js';
import { LU_BLOCK_FORMAT, type Lu, TOKEN_SECRET_LENGTH, type TokenBytesOf, type TokenFormat } from './types.js';

/** Offset of the token inside the WRITE USING TOKEN parameter list (field pointers). */
const TOKEN_AT = WRITE_USING_TOKEN_LAYOUT.field.rodToken.offset;

/** The ROD types of the tokens this copy manager makes (access upon reference: EXTENDED COPY only). */
const OUR_TYPES: ReadonlySet<number> = new Set([
  ROD_TYPE.ACCESS_UPON_REFERENCE,
  ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
  ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
  ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
]);

/** The target device designation descriptor (association 10b, NAA 3) carried in every token. */
export function targetDeviceDesignation(naa: Uint8Array): DesignationDescriptor {
  return { protocolIdentifier: 0, codeSet: 1, piv: false, association: 2, designatorType: 3, designator: naa };
}

/** The logical unit designation descriptor (association 00b, NAA 3). */
export function logicalUnitDesignation(naa: Uint8Array): DesignationDescriptor {
  return { protocolIdentifier: 0, codeSet: 1, piv: false, association: 0, designatorType: 3, designator: naa };
}

function secretBytes(secret: string): Uint8Array {
  const b = new Uint8Array(secret.length);
  for (let i = 0; i < secret.length; i++) b[i] = secret.charCodeAt(i);
  return b;
}

/** COPY MANAGER ROD TOKEN IDENTIFIER and NUMBER OF BYTES REPRESENTED (SPC-5 ROD token format). */
const ID_AT = ROD_TOKEN_LAYOUT.field.copyManagerRodTokenIdentifier.offset;
const BYTES = ROD_TOKEN_LAYOUT.field.numberOfBytesRepresented;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Store a safe integer as an unsigned big-endian 64-bit value at `at` (the byte layer's u32 store). */
function put64(b: Uint8Array, at: number, n: number): void {
  put32(b, at, Math.floor(n / 0x1_0000_0000));
  put32(b, at + 4, n >>> 0);
}

/** The ROD token codec's encoding of a token of ours (SPC-5 ROD token format, generic). */
function encodeToken(
  t: TokenBytesOf,
  target: DesignationDescriptor,
  id: number,
  bytes: bigint,
  secret: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return encodeRodToken({
    kind: 'generic',
    rodType: t.rodType,
    copyManagerRodTokenIdentifier: BigInt(id),
    creatorLogicalUnitDescriptor: {
      luIdType: 0,
      peripheralDeviceType: 0,
      relativeInitiatorPortIdentifier: 0,
      designationDescriptor: logicalUnitDesignation(t.lu.naa),
      pad: false,
      fixed: false,
      diskBlockLength: t.lu.blockSize,
    },
    numberOfBytesRepresented: bytes,
    deviceTypeSpecificData: {
      kind: 'blockDevice',
      logicalBlockLength: t.lu.blockSize,
      ...LU_BLOCK_FORMAT,
    },
    targetDeviceDescriptor: target,
    extendedRodTokenData: secret,
  });
}

/** Token encoder / recogniser for one copy manager instance (identified by `deviceNaa`). */
export function makeTokenFormat(deviceNaa: Uint8Array): TokenFormat {
  const target = targetDeviceDesignation(deviceNaa);
  const targetBytes = encodeDesignationDescriptor(target);
  // The extended ROD token data (the secret) follows the fixed part and the target designator.
  const secretAt = ROD_TOKEN_LAYOUT.length + deviceNaa.length;
  /**
   * The token of a record with identifier 0, no bytes represented and a zero secret, by logical
   * unit and ROD type: every other byte of its tokens, encoded once by the ROD token codec.
   */
  const templates = new WeakMap<Lu, Map<number, Uint8Array>>();
  const template = (t: TokenBytesOf): Uint8Array => {
    let byType = templates.get(t.lu);
    if (byType === undefined) {
      byType = new Map();
      templates.set(t.lu, byType);
    }
    let b = byType.get(t.rodType);
    if (b === undefined) {
      b = encodeToken(t, target, 0, 0n, new Uint8Array(TOKEN_SECRET_LENGTH));
      byType.set(t.rodType, b);
    }
    return b;
  };
  return {
    encode(t: TokenBytesOf, into?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
      const s = t.secret;
      // The general encoder for what the template's fields cannot hold (over 2^53 bytes, a secret of
      // another length).
      if (t.bytes > MAX_SAFE || s.length !== TOKEN_SECRET_LENGTH)
        return encodeToken(t, target, t.id, t.bytes, secretBytes(s));
      const b = into ?? new Uint8Array(ROD_TOKEN_SIZE);
      b.set(template(t));
      put64(b, ID_AT, t.id);
      put64(b, BYTES.offset + BYTES.width - 8, Number(t.bytes));
      for (let i = 0; i < TOKEN_SECRET_LENGTH; i++) b[secretAt + i] = s.charCodeAt(i);
      return b;
    },
    classify(bytes: Uint8Array) {
      // Strict: a token this copy manager made is always well formed, so whatever strict decoding
      // rejects is answered by the rule the decoder names (23h/0Ah, 23h/01h, 23h/05h at the field).
      let t: RodToken;
      try {
        t = decodeRodToken(bytes, { strict: true });
      } catch (e) {
        if (!isScsiCodecError(e)) throw e;
        return fail(e.rule ?? 'spc.rod-token.corrupt', { fieldPointer: TOKEN_AT + e.offset, bitPointer: e.bit });
      }
      if (t.kind === 'blockDeviceZero') return { kind: 'zero' };
      if (t.kind !== 'generic' || !OUR_TYPES.has(t.rodType)) fail('spc.rod-token.unsupported-type');
      const d = t.targetDeviceDescriptor;
      if (t.creatorLogicalUnitDescriptor === undefined) fail('spc.rod-token.corrupt', { fieldPointer: TOKEN_AT });
      // Ours = our target device descriptor (a per-instance random NAA); anything else is remote.
      if (!equalBytes(encodeDesignationDescriptor(d), targetBytes)) fail('spc.rod-token.remote');
      const id = t.copyManagerRodTokenIdentifier;
      return { kind: 'ours', id: id > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(id) };
    },
  };
}
