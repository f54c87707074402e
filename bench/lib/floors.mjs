/**
 * Floor baselines: hand-written DataView routines that read (decoder floors) or write (encoder
 * floors) exactly the fields the codec under test reads or writes, with no validation and no
 * object building.
 *
 * Decoder floors: `floor(bytes, o)` takes the same Uint8Array the decoder gets, makes a DataView
 * over it, reads every field the decoder returns with the same width and type (a bigint where the
 * decoder returns a bigint, a boolean for a one-bit flag, a Uint8Array copy where the decoder
 * returns a byte-field copy) and stores each value into the preallocated array `o`; it returns the
 * number of values. The harness checks, before timing, that the multiset of values equals the
 * decoder's (see check.mjs). Where the decoder dispatches on a type code (sense key, descriptor
 * type) the floor does too: that is reading, not validation.
 *
 * Encoder floors: `floor(value)` allocates the output, makes a DataView and writes every field
 * from the same value object; the harness checks the bytes are identical to the encoder's.
 */

/** Shared output array for decoder floors (large enough for 64 range descriptors). */
export const O = new Array(1024).fill(0);

const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);

// ---------------------------------------------------------------- decoder floors

/** POPULATE TOKEN / WRITE USING TOKEN CDB: list id, parameter list length, group number, control. */
export function floorDecodeTokenCdb(b, o = O) {
  const v = view(b);
  o[0] = v.getUint32(6);
  o[1] = v.getUint32(10);
  o[2] = v.getUint8(14) & 0x3f;
  o[3] = v.getUint8(15);
  return 4;
}

/** RRTI CDB: list id, allocation length, control. */
export function floorDecodeRrtiCdb(b, o = O) {
  const v = view(b);
  o[0] = v.getUint32(2);
  o[1] = v.getUint32(10);
  o[2] = v.getUint8(15);
  return 3;
}

/** READ (16) / WRITE (16) CDB: protect field, three flags, LBA (bigint), length, group, control. */
export function floorDecodeRw16Cdb(b, o = O) {
  const v = view(b);
  const b1 = v.getUint8(1);
  o[0] = b1 >> 5;
  o[1] = (b1 & 0x10) !== 0;
  o[2] = (b1 & 0x08) !== 0;
  o[3] = (b1 & 0x04) !== 0;
  o[4] = v.getBigUint64(2);
  o[5] = v.getUint32(10);
  o[6] = v.getUint8(14) & 0x3f;
  o[7] = v.getUint8(15);
  return 8;
}

/** WRITE (16) CDB: protect field, two flags, LBA (bigint), length, group, control. */
export function floorDecodeWrite16Cdb(b, o = O) {
  const v = view(b);
  const b1 = v.getUint8(1);
  o[0] = b1 >> 5;
  o[1] = (b1 & 0x10) !== 0;
  o[2] = (b1 & 0x08) !== 0;
  o[3] = v.getBigUint64(2);
  o[4] = v.getUint32(10);
  o[5] = v.getUint8(14) & 0x3f;
  o[6] = v.getUint8(15);
  return 7;
}

/** Any CDB: dispatch on opcode / service action, then read that layout (here: the token CDBs). */
export function floorDecodeCdb(b, o = O) {
  const op = b[0];
  if (op === 0x83 || op === 0x84) {
    const sa = b[1] & 0x1f;
    if (op === 0x83 && (sa === 0x10 || sa === 0x11)) return floorDecodeTokenCdb(b, o);
    if (op === 0x84 && sa === 0x07) return floorDecodeRrtiCdb(b, o);
  } else if (op === 0x88) {
    return floorDecodeRw16Cdb(b, o);
  } else if (op === 0x8a) {
    return floorDecodeWrite16Cdb(b, o);
  }
  return 0;
}

/** Range descriptors at `off` (u16 length at `lenOff`): LBA (bigint) + block count each. */
function rangeList(v, lenOff, off, o, k) {
  const n = v.getUint16(lenOff) >> 4;
  for (let i = 0; i < n; i++) {
    o[k++] = v.getBigUint64(off);
    o[k++] = v.getUint32(off + 8);
    off += 16;
  }
  return k;
}

/** POPULATE TOKEN parameter list: RTV, IMMED, inactivity timeout, ROD type, range descriptors. */
export function floorDecodePopulateTokenParameterList(b, o = O) {
  const v = view(b);
  const b2 = v.getUint8(2);
  o[0] = (b2 & 2) !== 0;
  o[1] = (b2 & 1) !== 0;
  o[2] = v.getUint32(4);
  o[3] = v.getUint32(8);
  return rangeList(v, 14, 16, o, 4);
}

/** WRITE USING TOKEN parameter list: DEL_TKN, IMMED, offset (bigint), token (512-byte copy), ranges. */
export function floorDecodeWriteUsingTokenParameterList(b, o = O) {
  const v = view(b);
  const b2 = v.getUint8(2);
  o[0] = (b2 & 2) !== 0;
  o[1] = (b2 & 1) !== 0;
  o[2] = v.getBigUint64(8);
  o[3] = b.slice(16, 528);
  return rangeList(v, 534, 536, o, 4);
}

/** Designation descriptor header + designator copy at `off`; returns [k, end offset]. */
function designation(b, v, off, o, k) {
  const b0 = v.getUint8(off);
  const b1 = v.getUint8(off + 1);
  o[k++] = b0 >> 4;
  o[k++] = b0 & 0x0f;
  o[k++] = (b1 & 0x80) !== 0;
  o[k++] = (b1 >> 4) & 3;
  o[k++] = b1 & 0x0f;
  const len = v.getUint8(off + 3);
  o[k++] = b.slice(off + 4, off + 4 + len);
  return k;
}

/** ROD token (generic format, block device creator): every field the decoder returns. */
export function floorDecodeRodToken(b, o = O) {
  const v = view(b);
  o[0] = v.getUint32(0);
  o[1] = v.getBigUint64(8);
  // creator logical unit descriptor (E4h CSCD, bytes 16-47)
  const b17 = v.getUint8(17);
  o[2] = b17 >> 6;
  o[3] = b17 & 0x1f;
  o[4] = v.getUint16(18);
  let k = designation(b, v, 20, o, 5);
  const b44 = v.getUint8(44);
  o[k++] = (b44 & 4) !== 0;
  o[k++] = (b44 & 1) !== 0;
  o[k++] = (v.getUint8(45) << 16) | v.getUint16(46);
  // NUMBER OF BYTES REPRESENTED (u128)
  o[k++] = (v.getBigUint64(48) << 64n) | v.getBigUint64(56);
  // device type specific data (bytes 96-127)
  o[k++] = v.getUint32(96);
  const b100 = v.getUint8(100);
  const b101 = v.getUint8(101);
  const b102 = v.getUint8(102);
  o[k++] = (b100 >> 1) & 7;
  o[k++] = (b100 & 1) !== 0;
  o[k++] = b101 >> 4;
  o[k++] = b101 & 0x0f;
  o[k++] = (b102 & 0x80) !== 0;
  o[k++] = (b102 & 0x40) !== 0;
  o[k++] = v.getUint16(102) & 0x3fff;
  // target device descriptor at 128, then the extended ROD token data
  k = designation(b, v, 128, o, k);
  o[k++] = b.slice(132 + v.getUint8(131), 512);
  return k;
}

/** Sense-key-specific bytes at `off` (SKSV set), by sense key. */
function senseKeySpecific(v, off, key, o, k) {
  const s0 = v.getUint8(off);
  o[k++] = (s0 & 0x80) !== 0;
  if (key === 0x05 || key === 0x0a) {
    o[k++] = (s0 & (key === 0x05 ? 0x40 : 0x20)) !== 0; // C/D or SD
    o[k++] = (s0 & 0x08) !== 0;
    o[k++] = s0 & 7;
    o[k++] = v.getUint16(off + 1);
  } else {
    o[k++] = v.getUint16(off + 1);
  }
  return k;
}

/** Fixed-format sense data (70h/71h) at `p`: header fields, SKS, additional sense bytes. */
function fixedSenseAt(b, v, p, o, k) {
  const b0 = v.getUint8(p);
  const b2 = v.getUint8(p + 2);
  o[k++] = b0 & 0x7f;
  o[k++] = (b0 & 0x80) !== 0;
  o[k++] = v.getUint8(p + 1);
  o[k++] = (b2 & 0x80) !== 0;
  o[k++] = (b2 & 0x40) !== 0;
  o[k++] = (b2 & 0x20) !== 0;
  o[k++] = (b2 & 0x10) !== 0;
  const key = b2 & 0x0f;
  o[k++] = key;
  o[k++] = v.getUint32(p + 3);
  o[k++] = v.getUint32(p + 8);
  o[k++] = v.getUint8(p + 12);
  o[k++] = v.getUint8(p + 13);
  o[k++] = v.getUint8(p + 14);
  k = senseKeySpecific(v, p + 15, key, o, k);
  o[k++] = b.slice(p + 18, p + 8 + v.getUint8(p + 7));
  return k;
}

/** Descriptor-format sense data (72h/73h) at `p`: header, then information and SKS descriptors. */
function descriptorSenseAt(v, p, o, k) {
  const key = v.getUint8(p + 1) & 0x0f;
  o[k++] = v.getUint8(p) & 0x7f;
  o[k++] = key;
  o[k++] = v.getUint8(p + 2);
  o[k++] = v.getUint8(p + 3);
  o[k++] = (v.getUint8(p + 4) & 0x80) !== 0;
  const end = p + 8 + v.getUint8(p + 7);
  for (let off = p + 8; off < end; ) {
    const type = v.getUint8(off);
    if (type === 0x00) {
      o[k++] = (v.getUint8(off + 2) & 0x80) !== 0;
      o[k++] = v.getBigUint64(off + 4);
    } else if (type === 0x02) {
      k = senseKeySpecific(v, off + 4, key, o, k);
    }
    off += 2 + v.getUint8(off + 1);
  }
  return k;
}

export function floorDecodeFixedSense(b, o = O) {
  return fixedSenseAt(b, view(b), 0, o, 0);
}

export function floorDecodeDescriptorSense(b, o = O) {
  return descriptorSenseAt(view(b), 0, o, 0);
}

/**
 * RECEIVE ROD TOKEN INFORMATION parameter data: header fields, the embedded sense data (read like
 * the sense floors, by response code), then each ROD token descriptor (id + a copy of the token).
 */
export function floorDecodeRodTokenInformation(b, o = O) {
  const v = view(b);
  o[0] = v.getUint8(4) & 0x1f;
  o[1] = v.getUint8(5) & 0x7f;
  o[2] = v.getUint16(6);
  o[3] = v.getUint32(8);
  o[4] = v.getUint8(12);
  o[5] = v.getUint8(15);
  o[6] = v.getBigUint64(16);
  o[7] = v.getUint16(24);
  let k = 8;
  if (v.getUint8(14) !== 0) {
    k = (v.getUint8(32) & 0x7f) >= 0x72 ? descriptorSenseAt(v, 32, o, k) : fixedSenseAt(b, v, 32, o, k);
  }
  const at = 32 + v.getUint8(13);
  const end = at + 4 + v.getUint32(at);
  for (let off = at + 4; off < end; ) {
    const size = 8 + v.getUint16(off + 8);
    o[k++] = v.getUint16(off);
    o[k++] = b.slice(off + 2, off + 2 + size);
    off += 2 + size;
  }
  return k;
}

/** Third-party Copy VPD page (8Fh): header, then each descriptor by type. */
export function floorDecodeThirdPartyCopyVpdPage(b, o = O) {
  const v = view(b);
  const b0 = v.getUint8(0);
  o[0] = b0 >> 5;
  o[1] = b0 & 0x1f;
  let k = 2;
  const end = 4 + v.getUint16(2);
  for (let off = 4; off < end; ) {
    const type = v.getUint16(off);
    const len = v.getUint16(off + 2);
    switch (type) {
      case 0x0000:
        o[k++] = b.slice(off + 4, off + 10);
        o[k++] = v.getUint16(off + 10);
        o[k++] = v.getUint32(off + 12);
        o[k++] = v.getUint32(off + 16);
        o[k++] = v.getBigUint64(off + 20);
        o[k++] = v.getBigUint64(off + 28);
        break;
      case 0x0001: {
        const listEnd = off + 5 + v.getUint8(off + 4);
        for (let p = off + 5; p < listEnd; ) {
          o[k++] = v.getUint8(p);
          const n = v.getUint8(p + 1);
          for (let i = 0; i < n; i++) o[k++] = v.getUint8(p + 2 + i);
          p += 2 + n;
        }
        break;
      }
      case 0x0106: {
        o[k++] = v.getUint8(off + 4) & 0x0f;
        o[k++] = v.getUint32(off + 16);
        o[k++] = v.getUint32(off + 20);
        o[k++] = v.getUint32(off + 24);
        const dEnd = off + 48 + v.getUint16(off + 46);
        for (let p = off + 48; p < dEnd; p += 48) {
          o[k++] = v.getUint16(p + 6);
          o[k++] = v.getBigUint64(p + 8);
          o[k++] = v.getBigUint64(p + 16);
          o[k++] = v.getBigUint64(p + 24);
          o[k++] = v.getBigUint64(p + 32);
        }
        break;
      }
      case 0x0108: {
        const dEnd = off + 8 + v.getUint16(off + 6);
        for (let p = off + 8; p < dEnd; p += 64) {
          o[k++] = v.getUint32(p);
          const f = v.getUint8(p + 4);
          o[k++] = (f & 0x80) !== 0;
          o[k++] = (f & 0x02) !== 0;
          o[k++] = (f & 0x01) !== 0;
          o[k++] = v.getUint16(p + 6);
        }
        break;
      }
      case 0x8001:
        o[k++] = v.getUint32(off + 4);
        o[k++] = v.getUint32(off + 8);
        o[k++] = v.getUint32(off + 12);
        o[k++] = v.getUint8(off + 16);
        o[k++] = v.getUint8(off + 17);
        break;
      default:
        break;
    }
    off += 4 + len;
  }
  return k;
}

// ---------------------------------------------------------------- encoder floors

function cdb16(op, sa) {
  const u = new Uint8Array(16);
  u[0] = op;
  u[1] = sa;
  return u;
}

export function floorEncodePopulateTokenCdb(x) {
  const u = cdb16(0x83, 0x10);
  const v = new DataView(u.buffer);
  v.setUint32(6, x.listIdentifier);
  v.setUint32(10, x.parameterListLength);
  v.setUint8(14, x.groupNumber);
  v.setUint8(15, x.control);
  return u;
}

export function floorEncodeWriteUsingTokenCdb(x) {
  const u = cdb16(0x83, 0x11);
  const v = new DataView(u.buffer);
  v.setUint32(6, x.listIdentifier);
  v.setUint32(10, x.parameterListLength);
  v.setUint8(14, x.groupNumber);
  v.setUint8(15, x.control);
  return u;
}

export function floorEncodeRrtiCdb(x) {
  const u = cdb16(0x84, 0x07);
  const v = new DataView(u.buffer);
  v.setUint32(2, x.listIdentifier);
  v.setUint32(10, x.allocationLength);
  v.setUint8(15, x.control);
  return u;
}

function rw16(op, x) {
  const u =
    op === 0x88
      ? cdb16(op, (x.rdprotect << 5) | (x.dpo ? 0x10 : 0) | (x.fua ? 0x08 : 0) | (x.rarc ? 0x04 : 0))
      : cdb16(op, (x.wrprotect << 5) | (x.dpo ? 0x10 : 0) | (x.fua ? 0x08 : 0));
  const v = new DataView(u.buffer);
  v.setBigUint64(2, x.logicalBlockAddress);
  v.setUint32(10, x.transferLength);
  v.setUint8(14, x.groupNumber);
  v.setUint8(15, x.control);
  return u;
}
export const floorEncodeRead16Cdb = (x) => rw16(0x88, x);
export const floorEncodeWrite16Cdb = (x) => rw16(0x8a, x);

/** Any CDB: dispatch on `command`, then write that layout. */
export function floorEncodeCdb(x) {
  switch (x.kind) {
    case 'POPULATE TOKEN':
      return floorEncodePopulateTokenCdb(x);
    case 'WRITE USING TOKEN':
      return floorEncodeWriteUsingTokenCdb(x);
    case 'RECEIVE ROD TOKEN INFORMATION':
      return floorEncodeRrtiCdb(x);
    default:
      return rw16(x.kind === 'READ (16)' ? 0x88 : 0x8a, x);
  }
}

function writeRanges(v, off, list) {
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    v.setBigUint64(off, d.logicalBlockAddress);
    v.setUint32(off + 8, d.numberOfLogicalBlocks);
    off += 16;
  }
}

export function floorEncodePopulateTokenParameterList(x) {
  const n = x.blockDeviceRangeDescriptors.length;
  const u = new Uint8Array(16 + 16 * n);
  const v = new DataView(u.buffer);
  v.setUint16(0, 14 + 16 * n);
  v.setUint8(2, (x.rtv ? 2 : 0) | (x.immed ? 1 : 0));
  v.setUint32(4, x.inactivityTimeout);
  v.setUint32(8, x.rodType);
  v.setUint16(14, 16 * n);
  writeRanges(v, 16, x.blockDeviceRangeDescriptors);
  return u;
}

export function floorEncodeWriteUsingTokenParameterList(x) {
  const n = x.blockDeviceRangeDescriptors.length;
  const u = new Uint8Array(536 + 16 * n);
  const v = new DataView(u.buffer);
  v.setUint16(0, 534 + 16 * n);
  v.setUint8(2, (x.delTkn ? 2 : 0) | (x.immed ? 1 : 0));
  v.setBigUint64(8, x.offsetIntoRod);
  u.set(x.rodToken, 16);
  v.setUint16(534, 16 * n);
  writeRanges(v, 536, x.blockDeviceRangeDescriptors);
  return u;
}

function writeDesignation(u, v, off, d) {
  v.setUint8(off, (d.protocolIdentifier << 4) | d.codeSet);
  v.setUint8(off + 1, (d.piv ? 0x80 : 0) | (d.association << 4) | d.designatorType);
  v.setUint8(off + 3, d.designator.length);
  u.set(d.designator, off + 4);
  return off + 4 + d.designator.length;
}

export function floorEncodeRodToken(x) {
  const u = new Uint8Array(512);
  const v = new DataView(u.buffer);
  v.setUint32(0, x.rodType);
  v.setUint16(6, 0x01f8);
  v.setBigUint64(8, x.copyManagerRodTokenIdentifier);
  const c = x.creatorLogicalUnitDescriptor;
  v.setUint8(16, 0xe4);
  v.setUint8(17, (c.luIdType << 6) | c.peripheralDeviceType);
  v.setUint16(18, c.relativeInitiatorPortIdentifier);
  writeDesignation(u, v, 20, c.designationDescriptor);
  v.setUint8(44, (c.pad ? 4 : 0) | (c.fixed ? 1 : 0));
  v.setUint8(45, c.diskBlockLength >>> 16);
  v.setUint16(46, c.diskBlockLength & 0xffff);
  const n = x.numberOfBytesRepresented;
  v.setBigUint64(48, n >> 64n);
  v.setBigUint64(56, BigInt.asUintN(64, n));
  const d = x.deviceTypeSpecificData;
  v.setUint32(96, d.logicalBlockLength);
  v.setUint8(100, (d.pType << 1) | (d.protEn ? 1 : 0));
  v.setUint8(101, (d.pIExponent << 4) | d.logicalBlocksPerPhysicalBlockExponent);
  v.setUint16(102, (d.lbpme ? 0x8000 : 0) | (d.lbprz ? 0x4000 : 0) | d.lowestAlignedLogicalBlockAddress);
  const end = writeDesignation(u, v, 128, x.targetDeviceDescriptor);
  u.set(x.extendedRodTokenData, end);
  return u;
}

function writeSks(v, off, key, s) {
  if (key === 0x05 || key === 0x0a) {
    v.setUint8(
      off,
      (s.sksv ? 0x80 : 0) |
        ((key === 0x05 ? s.commandData : s.segmentDescriptor) ? (key === 0x05 ? 0x40 : 0x20) : 0) |
        (s.bitPointerValid ? 0x08 : 0) |
        s.bitPointer,
    );
  } else {
    v.setUint8(off, s.sksv ? 0x80 : 0);
  }
  v.setUint16(off + 1, s.fieldPointer ?? s.progressIndication ?? s.actualRetryCount ?? 0);
}

function fixedSenseLength(x) {
  return 18 + x.additionalSenseBytes.length;
}

function writeFixedSense(u, v, p, x) {
  const extra = x.additionalSenseBytes.length;
  v.setUint8(p, (x.valid ? 0x80 : 0) | x.responseCode);
  v.setUint8(p + 1, x.segmentNumber);
  v.setUint8(
    p + 2,
    (x.filemark ? 0x80 : 0) | (x.eom ? 0x40 : 0) | (x.ili ? 0x20 : 0) | (x.sdatOvfl ? 0x10 : 0) | x.senseKey,
  );
  v.setUint32(p + 3, x.information);
  v.setUint8(p + 7, 10 + extra);
  v.setUint32(p + 8, x.commandSpecificInformation);
  v.setUint8(p + 12, x.additionalSenseCode);
  v.setUint8(p + 13, x.additionalSenseCodeQualifier);
  v.setUint8(p + 14, x.fieldReplaceableUnitCode);
  if (x.senseKeySpecific !== undefined) writeSks(v, p + 15, x.senseKey, x.senseKeySpecific);
  u.set(x.additionalSenseBytes, p + 18);
}

function descriptorSenseLength(x) {
  let len = 8;
  for (const d of x.descriptors) len += d.kind === 'information' ? 12 : 8;
  return len;
}

function writeDescriptorSense(v, p, x, len) {
  v.setUint8(p, x.responseCode);
  v.setUint8(p + 1, x.senseKey);
  v.setUint8(p + 2, x.additionalSenseCode);
  v.setUint8(p + 3, x.additionalSenseCodeQualifier);
  v.setUint8(p + 4, x.sdatOvfl ? 0x80 : 0);
  v.setUint8(p + 7, len - 8);
  let off = p + 8;
  for (const d of x.descriptors) {
    if (d.kind === 'information') {
      v.setUint8(off, 0x00);
      v.setUint8(off + 1, 0x0a);
      v.setUint8(off + 2, d.valid ? 0x80 : 0);
      v.setBigUint64(off + 4, d.information);
      off += 12;
    } else {
      v.setUint8(off, 0x02);
      v.setUint8(off + 1, 0x06);
      writeSks(v, off + 4, x.senseKey, d.senseKeySpecific);
      off += 8;
    }
  }
}

export function floorEncodeFixedSense(x) {
  const u = new Uint8Array(fixedSenseLength(x));
  writeFixedSense(u, new DataView(u.buffer), 0, x);
  return u;
}

export function floorEncodeDescriptorSense(x) {
  const len = descriptorSenseLength(x);
  const u = new Uint8Array(len);
  writeDescriptorSense(new DataView(u.buffer), 0, x, len);
  return u;
}

/** RRTI parameter data: header, embedded sense (by format), token descriptors. */
export function floorEncodeRodTokenInformation(x) {
  const s = x.senseData;
  const senseLen = s === undefined ? 0 : s.kind === 'fixed' ? fixedSenseLength(s) : descriptorSenseLength(s);
  const field = (senseLen + 3) & ~3;
  let list = 0;
  for (const d of x.rodTokenDescriptors) list += 2 + d.rodToken.length;
  const u = new Uint8Array(32 + field + 4 + list);
  const v = new DataView(u.buffer);
  v.setUint32(0, 28 + field + 4 + list);
  v.setUint8(4, x.responseToServiceAction);
  v.setUint8(5, x.copyOperationStatus);
  v.setUint16(6, x.operationCounter);
  v.setUint32(8, x.estimatedStatusUpdateDelay);
  v.setUint8(12, x.extendedCopyCompletionStatus);
  v.setUint8(13, field);
  v.setUint8(14, senseLen);
  v.setUint8(15, x.transferCountUnits);
  v.setBigUint64(16, x.transferCount);
  v.setUint16(24, x.segmentsProcessed);
  if (s !== undefined) {
    if (s.kind === 'fixed') writeFixedSense(u, v, 32, s);
    else writeDescriptorSense(v, 32, s, senseLen);
  }
  let off = 32 + field;
  v.setUint32(off, list);
  off += 4;
  for (const d of x.rodTokenDescriptors) {
    v.setUint16(off, d.idForCreatingRodCscdDescriptor);
    u.set(d.rodToken, off + 2);
    off += 2 + d.rodToken.length;
  }
  return u;
}

const VPD_DESC_LENGTH = { blockDeviceRodLimits: 36, generalCopyOperations: 36 };

function supportedCommandsLength(d) {
  let n = 0;
  for (const c of d.commands) n += 2 + c.serviceActions.length;
  return n;
}

export function floorEncodeThirdPartyCopyVpdPage(x) {
  // sizes first
  let total = 4;
  for (const d of x.descriptors) {
    switch (d.kind) {
      case 'supportedCommands':
        total += (5 + supportedCommandsLength(d) + 3) & ~3;
        break;
      case 'rodTokenFeatures':
        total += 48 + 48 * d.deviceTypeSpecificDescriptors.length;
        break;
      case 'supportedRodTokenAndRodTypes':
        total += 8 + 64 * d.rodTypes.length;
        break;
      default:
        total += VPD_DESC_LENGTH[d.kind];
    }
  }
  const u = new Uint8Array(total);
  const v = new DataView(u.buffer);
  v.setUint8(0, (x.peripheralQualifier << 5) | x.peripheralDeviceType);
  v.setUint8(1, 0x8f);
  v.setUint16(2, total - 4);
  let off = 4;
  for (const d of x.descriptors) {
    switch (d.kind) {
      case 'blockDeviceRodLimits':
        v.setUint16(off, 0x0000);
        v.setUint16(off + 2, 32);
        u.set(d.vendorSpecific, off + 4);
        v.setUint16(off + 10, d.maximumRangeDescriptors);
        v.setUint32(off + 12, d.maximumInactivityTimeout);
        v.setUint32(off + 16, d.defaultInactivityTimeout);
        v.setBigUint64(off + 20, d.maximumTokenTransferSize);
        v.setBigUint64(off + 28, d.optimalTransferCount);
        off += 36;
        break;
      case 'supportedCommands': {
        const listLen = supportedCommandsLength(d);
        const len = (5 + listLen + 3) & ~3;
        v.setUint16(off, 0x0001);
        v.setUint16(off + 2, len - 4);
        v.setUint8(off + 4, listLen);
        let p = off + 5;
        for (const c of d.commands) {
          v.setUint8(p, c.operationCode);
          v.setUint8(p + 1, c.serviceActions.length);
          for (let i = 0; i < c.serviceActions.length; i++) v.setUint8(p + 2 + i, c.serviceActions[i]);
          p += 2 + c.serviceActions.length;
        }
        off += len;
        break;
      }
      case 'rodTokenFeatures': {
        const n = d.deviceTypeSpecificDescriptors.length;
        v.setUint16(off, 0x0106);
        v.setUint16(off + 2, 44 + 48 * n);
        v.setUint8(off + 4, d.remoteTokens);
        v.setUint32(off + 16, d.minimumTokenLifetime);
        v.setUint32(off + 20, d.maximumTokenLifetime);
        v.setUint32(off + 24, d.maximumTokenInactivityTimeout);
        v.setUint16(off + 46, 48 * n);
        let p = off + 48;
        for (const f of d.deviceTypeSpecificDescriptors) {
          v.setUint8(p, 0x00);
          v.setUint16(p + 2, 0x2c);
          v.setUint16(p + 6, f.optimalBlockRodLengthGranularity);
          v.setBigUint64(p + 8, f.maximumBytesInBlockRod);
          v.setBigUint64(p + 16, f.optimalBytesInBlockRodTransfer);
          v.setBigUint64(p + 24, f.optimalBytesToTokenPerSegment);
          v.setBigUint64(p + 32, f.optimalBytesFromTokenPerSegment);
          p += 48;
        }
        off = p;
        break;
      }
      case 'supportedRodTokenAndRodTypes': {
        const n = d.rodTypes.length;
        v.setUint16(off, 0x0108);
        v.setUint16(off + 2, 4 + 64 * n);
        v.setUint16(off + 6, 64 * n);
        let p = off + 8;
        for (const t of d.rodTypes) {
          v.setUint32(p, t.rodType);
          v.setUint8(p + 4, (t.ecpyInt ? 0x80 : 0) | (t.tokenIn ? 2 : 0) | (t.tokenOut ? 1 : 0));
          v.setUint16(p + 6, t.preferenceIndicator);
          p += 64;
        }
        off = p;
        break;
      }
      case 'generalCopyOperations':
        v.setUint16(off, 0x8001);
        v.setUint16(off + 2, 32);
        v.setUint32(off + 4, d.totalConcurrentCopies);
        v.setUint32(off + 8, d.maximumIdentifiedConcurrentCopies);
        v.setUint32(off + 12, d.maximumSegmentLength);
        v.setUint8(off + 16, d.dataSegmentGranularity);
        v.setUint8(off + 17, d.inlineDataGranularity);
        off += 36;
        break;
      default:
        break;
    }
  }
  return u;
}
