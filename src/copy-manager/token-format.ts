/**
 * Token bytes for the copy manager: the generic SPC ROD token layout, built and recognised with
 * the ROD token codec. Nothing but the 32-byte random secret is kept per token: the bytes are
 * rebuilt from the token's record and compared exactly.
 *
 * @internal
 */
import { type DesignationDescriptor, encodeDesignationDescriptor } from '../designation/index.js';
import { isScsiCodecError } from '../errors.js';
import { decodeRodToken, encodeRodToken, ROD_TOKEN_LENGTH } from '../rod-token/index.js';
import { CM_ROD_TYPE, type TokenFormat, type TokenRec } from './engine.js';
import { illegal, paramAt } from './fault.js';

/** Offset of the token inside the WRITE USING TOKEN parameter list (field pointers). */
const TOKEN_AT = 16;

const OUR_TYPES: ReadonlySet<number> = new Set([
  CM_ROD_TYPE.ACCESS_UPON_REFERENCE,
  CM_ROD_TYPE.PIT_DEFAULT,
  CM_ROD_TYPE.PIT_CHANGE_VULNERABLE,
  CM_ROD_TYPE.PIT_PERSISTENT,
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
      let t: ReturnType<typeof decodeRodToken>;
      try {
        t = decodeRodToken(bytes);
      } catch {
        return illegal(0x23, 0x05, paramAt(TOKEN_AT)); // TOKEN CORRUPT: structure unreadable
      }
      if (t.rodTokenLength !== undefined && t.rodTokenLength !== ROD_TOKEN_LENGTH) {
        illegal(0x23, 0x0a, paramAt(TOKEN_AT + 6)); // INVALID TOKEN LENGTH
      }
      if (t.kind === 'blockDeviceZero') {
        // SBC-4 block device zero ROD token: bytes 4-5 and 8-511 are reserved. SPC-5 lets a recipient
        // check reserved fields; this copy manager does, like the strict decoder: a set bit is
        // TOKEN CORRUPT with the field pointer at the first offending byte and bit.
        try {
          decodeRodToken(bytes, { strict: true });
        } catch (e) {
          if (!isScsiCodecError(e)) throw e;
          illegal(0x23, 0x05, paramAt(TOKEN_AT + e.offset, e.bit));
        }
        return { kind: 'zero' };
      }
      if (t.kind !== 'generic' || !OUR_TYPES.has(t.rodType)) illegal(0x23, 0x01, paramAt(TOKEN_AT));
      const d = t.targetDeviceDescriptor;
      if (d.association !== 2 || t.creatorLogicalUnitDescriptor === undefined) illegal(0x23, 0x05, paramAt(TOKEN_AT));
      // Ours = our target device descriptor (a per-instance random NAA); anything else is remote.
      if (!sameBytes(encodeDesignationDescriptor(d), targetBytes)) illegal(0x23, 0x02, paramAt(TOKEN_AT + 128));
      const id = t.copyManagerRodTokenIdentifier;
      return { kind: 'ours', id: id > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(id) };
    },
  };
}
