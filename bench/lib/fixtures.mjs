/**
 * Benchmark inputs, built by hand from the byte layouts in the wire-format reference (not with the
 * encoders under test), so decoders can be measured on their own.
 */

function dv(u8) {
  return new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** Deterministic pseudo-random bytes (xorshift32). */
export function prng(len, seed = 0x9e3779b9) {
  const out = new Uint8Array(len);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// ---- CDBs (16 bytes) ----

export function populateTokenCdb(listId = 0x01020304, pll = 32) {
  const b = new Uint8Array(16);
  const v = dv(b);
  b[0] = 0x83;
  b[1] = 0x10;
  v.setUint32(6, listId);
  v.setUint32(10, pll);
  return b;
}

export function writeUsingTokenCdb(listId = 0x01020305, pll = 552) {
  const b = populateTokenCdb(listId, pll);
  b[1] = 0x11;
  return b;
}

export function rrtiCdb(listId = 0x01020304, allocationLength = 1024) {
  const b = new Uint8Array(16);
  const v = dv(b);
  b[0] = 0x84;
  b[1] = 0x07;
  v.setUint32(2, listId);
  v.setUint32(10, allocationLength);
  return b;
}

function rw16(opcode, lba, blocks) {
  const b = new Uint8Array(16);
  const v = dv(b);
  b[0] = opcode;
  v.setBigUint64(2, BigInt(lba));
  v.setUint32(10, blocks);
  return b;
}
export const read16Cdb = (lba = 0x12345678n, blocks = 2048) => rw16(0x88, lba, blocks);
export const write16Cdb = (lba = 0x12345678n, blocks = 2048) => rw16(0x8a, lba, blocks);

// ---- parameter lists ----

/** POPULATE TOKEN parameter list with `n` range descriptors (`blocks` each, spaced apart). */
export function populateTokenParameterList(n, { blocks = 2048, lba0 = 0n, immed = false } = {}) {
  const b = new Uint8Array(16 + 16 * n);
  const v = dv(b);
  v.setUint16(0, b.length - 2);
  b[2] = immed ? 1 : 0;
  v.setUint32(4, 30);
  v.setUint16(14, 16 * n);
  for (let i = 0; i < n; i++) {
    v.setBigUint64(16 + 16 * i, lba0 + BigInt(i) * BigInt(blocks) * 2n);
    v.setUint32(24 + 16 * i, blocks);
  }
  return b;
}

/** WRITE USING TOKEN parameter list with `token` (512 bytes) and `n` range descriptors. */
export function writeUsingTokenParameterList(n, token, { blocks = 2048, lba0 = 0n, offsetIntoRod = 0n } = {}) {
  const b = new Uint8Array(536 + 16 * n);
  const v = dv(b);
  v.setUint16(0, b.length - 2);
  v.setBigUint64(8, offsetIntoRod);
  b.set(token, 16);
  v.setUint16(534, 16 * n);
  for (let i = 0; i < n; i++) {
    v.setBigUint64(536 + 16 * i, lba0 + BigInt(i) * BigInt(blocks) * 2n);
    v.setUint32(544 + 16 * i, blocks);
  }
  return b;
}

// ---- ROD token (512 bytes, generic point-in-time, block device creator) ----

export function rodToken() {
  const b = new Uint8Array(512);
  const v = dv(b);
  v.setUint32(0, 0x0080_0002); // point in time copy - persistent
  v.setUint16(6, 0x01f8);
  v.setBigUint64(8, 0x0000_0000_0000_1234n); // COPY MANAGER ROD TOKEN IDENTIFIER
  // CREATOR LOGICAL UNIT DESCRIPTOR: E4h identification descriptor CSCD
  b[16] = 0xe4;
  b[17] = 0x00; // LU ID TYPE 0, PDT 0
  v.setUint16(18, 0);
  b[20] = 0x01; // code set binary
  b[21] = 0x03; // association LU, NAA
  b[23] = 16; // designator length
  b.set([0x60, 0x01, 0x40, 0x50, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22, 0x33, 0x44], 24);
  b[44] = 0x00; // PAD 0
  b[45] = 0x00;
  v.setUint16(46, 512); // DISK BLOCK LENGTH (u24 at 45-47)
  // NUMBER OF BYTES REPRESENTED (u128) = 1 MiB
  v.setBigUint64(48, 0n);
  v.setBigUint64(56, 1n << 20n);
  // DEVICE TYPE SPECIFIC DATA (READ CAPACITY (16) bytes 8-31)
  v.setUint32(96, 512);
  b[101] = 0x03; // LBPPBE 3
  b[102] = 0x80; // LBPME
  // TARGET DEVICE DESCRIPTOR: designation descriptor, association target device, NAA 5
  b[128] = 0x01;
  b[129] = 0x23;
  b[131] = 8;
  b.set([0x50, 0x01, 0x40, 0x50, 0xaa, 0xbb, 0xcc, 0xdd], 132);
  // EXTENDED ROD TOKEN DATA: random
  b.set(prng(512 - 140, 7), 140);
  return b;
}

// ---- RRTI parameter data ----

/** RRTI data after a completed POPULATE TOKEN: 32-byte header, no sense, one 512-byte token. */
export function rrtiAfterPopulate(token = rodToken(), transferCount = 2048n) {
  const b = new Uint8Array(550);
  const v = dv(b);
  v.setUint32(0, 546);
  b[4] = 0x10;
  b[5] = 0x01;
  v.setUint16(6, 1);
  v.setUint32(8, 0xffff_fffe);
  b[12] = 0x00;
  b[13] = 0;
  b[14] = 0;
  b[15] = 0xf1;
  v.setBigUint64(16, transferCount);
  v.setUint32(32, 514);
  b.set(token, 38);
  return b;
}

/** RRTI data after a WRITE USING TOKEN that underran: 20 bytes of descriptor sense, no token. */
export function rrtiAfterWriteUsingToken(sense = descriptorSense()) {
  const field = (sense.length + 3) & ~3;
  const b = new Uint8Array(32 + field + 4);
  const v = dv(b);
  v.setUint32(0, b.length - 4);
  b[4] = 0x11;
  b[5] = 0x03;
  v.setUint16(6, 2);
  v.setUint32(8, 0xffff_fffe);
  b[12] = 0x02;
  b[13] = field;
  b[14] = sense.length;
  b[15] = 0xf1;
  v.setBigUint64(16, 1024n);
  b.set(sense, 32);
  return b;
}

// ---- sense data ----

/** Fixed format: ILLEGAL REQUEST, INVALID FIELD IN PARAMETER LIST, field pointer 534 (18 bytes). */
export function fixedSense() {
  const b = new Uint8Array(18);
  const v = dv(b);
  b[0] = 0x70;
  b[2] = 0x05;
  b[7] = 10;
  b[12] = 0x26;
  b[13] = 0x00;
  b[15] = 0x80; // SKSV, C/D = 0 (parameter data), BPV = 0
  v.setUint16(16, 534);
  return b;
}

/**
 * Descriptor format: COPY ABORTED, COPY TARGET DEVICE DATA UNDERRUN, an information descriptor
 * (64-bit transfer count) and a sense key specific descriptor (segment pointer): 28 bytes.
 */
export function descriptorSense() {
  const b = new Uint8Array(28);
  const v = dv(b);
  b[0] = 0x72;
  b[1] = 0x0a;
  b[2] = 0x0d;
  b[3] = 0x04;
  b[7] = 20;
  // information descriptor
  b[8] = 0x00;
  b[9] = 0x0a;
  b[10] = 0x80; // VALID
  v.setBigUint64(12, 0x1_0000_0400n);
  // sense key specific descriptor
  b[20] = 0x02;
  b[21] = 0x06;
  b[24] = 0x80; // SKSV, SD = 0, BPV = 0
  v.setUint16(25, 536);
  return b;
}

// ---- Third-party Copy VPD page (8Fh), as an ODX target reports it ----

export function thirdPartyCopyVpdPage() {
  const parts = [];
  const desc = (type, body) => {
    const len = (4 + body.length + 3) & ~3;
    const d = new Uint8Array(len);
    const v = dv(d);
    v.setUint16(0, type);
    v.setUint16(2, len - 4);
    d.set(body, 4);
    parts.push(d);
  };
  // 0000h Block Device ROD Limits
  {
    const body = new Uint8Array(32);
    const v = dv(body);
    v.setUint16(6, 64); // MAXIMUM RANGE DESCRIPTORS
    v.setUint32(8, 3600); // MAXIMUM INACTIVITY TIMEOUT
    v.setUint32(12, 60); // DEFAULT INACTIVITY TIMEOUT
    v.setBigUint64(16, 1n << 24n); // MAXIMUM TOKEN TRANSFER SIZE
    v.setBigUint64(24, 1n << 11n); // OPTIMAL TRANSFER COUNT
    desc(0x0000, body);
  }
  // 0001h Supported Commands: 83h {10h, 11h, 1Ch}, 84h {03h, 05h, 07h, 08h}
  {
    const list = [0x83, 3, 0x10, 0x11, 0x1c, 0x84, 4, 0x03, 0x05, 0x07, 0x08];
    desc(0x0001, Uint8Array.from([list.length, ...list]));
  }
  // 0106h ROD Token Features, one block ROD device type specific features descriptor
  {
    const body = new Uint8Array(44 + 48);
    const v = dv(body);
    body[0] = 0x00; // REMOTE TOKENS 0
    v.setUint32(12, 1); // MINIMUM TOKEN LIFETIME
    v.setUint32(16, 86400); // MAXIMUM TOKEN LIFETIME
    v.setUint32(20, 3600); // MAXIMUM TOKEN INACTIVITY TIMEOUT
    v.setUint16(42, 48);
    body[44] = 0x00; // format 0, PDT 0
    v.setUint16(46, 0x2c);
    v.setUint16(50, 8); // OPTIMAL BLOCK ROD LENGTH GRANULARITY
    v.setBigUint64(52, 1n << 33n); // MAXIMUM BYTES IN BLOCK ROD
    v.setBigUint64(60, 1n << 20n); // OPTIMAL BYTES IN BLOCK ROD TRANSFER
    v.setBigUint64(68, 1n << 20n); // OPTIMAL BYTES TO TOKEN PER SEGMENT
    v.setBigUint64(76, 1n << 20n); // OPTIMAL BYTES FROM TOKEN PER SEGMENT
    desc(0x0106, body);
  }
  // 0108h Supported ROD Token and ROD Types: three ROD type descriptors
  {
    const types = [
      [0x0080_0000, 0x03, 0x7fff],
      [0x0080_0002, 0x03, 0x8000],
      [0xffff_0001, 0x02, 0x0000],
    ];
    const body = new Uint8Array(4 + 64 * types.length);
    const v = dv(body);
    v.setUint16(2, 64 * types.length);
    types.forEach(([t, flags, pref], i) => {
      v.setUint32(4 + 64 * i, t);
      body[8 + 64 * i] = flags;
      v.setUint16(10 + 64 * i, pref);
    });
    desc(0x0108, body);
  }
  // 8001h General Copy Operations
  {
    const body = new Uint8Array(32);
    const v = dv(body);
    v.setUint32(0, 2);
    v.setUint32(4, 2);
    v.setUint32(8, 0);
    body[12] = 9;
    body[13] = 0;
    desc(0x8001, body);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const page = new Uint8Array(4 + total);
  page[0] = 0x00;
  page[1] = 0x8f;
  dv(page).setUint16(2, total);
  let off = 4;
  for (const p of parts) {
    page.set(p, off);
    off += p.length;
  }
  return page;
}
