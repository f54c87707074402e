/**
 * Token bytes for the copy manager: the generic SPC ROD token layout, built and recognised with
 * the ROD token codec. Nothing but the 32-byte random secret is kept per token: the bytes are
 * rebuilt from the token's record and compared exactly.
 *
 * @internal
 */
import { type DesignationDescriptor, encodeDesignationDescriptor } from '../designation/index.js';
import { isScsiCodecError } from '../errors.js';
import { WRITE_USING_TOKEN_LAYOUT } from '../parameter-list/layouts.js';
import { decodeRodToken, encodeRodToken, ROD_TYPE, type RodToken } from '../rod-token/index.js';
import { fail } from './fault.js';
import { equalBytes } from './tokens.js';
import type { TokenFormat, TokenRec } from './types.js';

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

/** Token encoder / recogniser for one copy manager instance (identified by `deviceNaa`). */
export function makeTokenFormat(deviceNaa: Uint8Array): TokenFormat {
  const target = targetDeviceDesignation(deviceNaa);
  const targetBytes = encodeDesignationDescriptor(target);
  return {
    encode(t: TokenRec): Uint8Array<ArrayBuffer> {
      return encodeRodToken({
        kind: 'generic',
        rodType: t.rodType,
        copyManagerRodTokenIdentifier: BigInt(t.id),
        creatorLogicalUnitDescriptor: {
          luIdType: 0,
          peripheralDeviceType: 0,
          relativeInitiatorPortIdentifier: 0,
          designationDescriptor: logicalUnitDesignation(t.lu.naa),
          pad: false,
          fixed: false,
          diskBlockLength: t.lu.blockSize,
        },
        numberOfBytesRepresented: t.bytes,
        deviceTypeSpecificData: {
          kind: 'blockDevice',
          logicalBlockLength: t.lu.blockSize,
          pType: 0,
          protEn: false,
          pIExponent: 0,
          logicalBlocksPerPhysicalBlockExponent: 0,
          lbpme: false,
          lbprz: false,
          lowestAlignedLogicalBlockAddress: 0,
        },
        targetDeviceDescriptor: target,
        extendedRodTokenData: secretBytes(t.secret),
      });
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
