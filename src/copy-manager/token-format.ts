/**
 * Token bytes for the copy manager: generic ROD token layout (SPC "ROD token format"), built and
 * recognised with the ROD token codec.
 *
 * TEMPORARY: until src/rod-token lands on main this file writes the layout with the byte layer.
 *
 * @internal
 */
import { ByteReader } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { CM_ROD_TYPE, type TokenFormat, type TokenRec } from './engine.js';
import { illegal, paramAt } from './fault.js';

const TOKEN_AT = 16; // token offset inside the WRITE USING TOKEN parameter list

const OUR_TYPES: ReadonlySet<number> = new Set([
  CM_ROD_TYPE.ACCESS_UPON_REFERENCE,
  CM_ROD_TYPE.PIT_DEFAULT,
  CM_ROD_TYPE.PIT_CHANGE_VULNERABLE,
  CM_ROD_TYPE.PIT_PERSISTENT,
]);

export const tokenFormat: TokenFormat = {
  encode(t: TokenRec, targetDevice: Uint8Array): Uint8Array<ArrayBuffer> {
    const w = new ByteWriter(512, 'RodToken');
    w.u32(0, t.rodType, 'rodType');
    w.u16(6, 0x01f8, 'rodTokenLength');
    w.u64(8, BigInt(t.id), 'copyManagerRodTokenIdentifier');
    // Creator LU descriptor: Identification Descriptor CSCD (E4h), NAA designator.
    w.u8(16, 0xe4, 'descriptorTypeCode');
    w.u8(20, 0x01, 'codeSet');
    w.u8(21, 0x03, 'designatorType');
    w.u8(23, t.lu.naa.length, 'designatorLength');
    w.bytes(24, t.lu.naa, 'designator');
    w.u24(45, t.lu.blockSize, 'diskBlockLength');
    w.u128(48, t.bytes, 'numberOfBytesRepresented');
    w.u32(96, t.lu.blockSize, 'logicalBlockLength');
    w.bytes(128, targetDevice, 'targetDeviceDescriptor');
    const at = 128 + targetDevice.length;
    for (let i = 0; i < t.secret.length; i++) w.u8(at + i, t.secret.charCodeAt(i), 'extendedRodTokenData');
    return w.finish();
  },
  classify(bytes: Uint8Array, targetDevice: Uint8Array) {
    const r = new ByteReader(bytes, 'RodToken');
    if (r.u16(6) !== 0x01f8) illegal(0x23, 0x0a, paramAt(TOKEN_AT + 6));
    const type = r.u32(0);
    if (type === CM_ROD_TYPE.BLOCK_DEVICE_ZERO) return { kind: 'zero' };
    if (!OUR_TYPES.has(type)) illegal(0x23, 0x01, paramAt(TOKEN_AT));
    const assoc = r.bits(129, 5, 4);
    const len = r.u8(131);
    if (r.u8(16) !== 0xe4 || assoc !== 2 || 132 + len > 512) illegal(0x23, 0x05, paramAt(TOKEN_AT));
    const dev = r.bytes(128, 4 + len);
    if (dev.length !== targetDevice.length || dev.some((b, i) => b !== targetDevice[i])) {
      illegal(0x23, 0x02, paramAt(TOKEN_AT + 128));
    }
    const id = r.u64(8);
    return { kind: 'ours', id: id > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(id) };
  },
};
