/**
 * CRC32C (Castagnoli, reflected polynomial 82F63B78h), the iSCSI header and data digest.
 * Slicing-by-8: eight 256-entry tables (8 KiB), made on first use.
 *
 * @packageDocumentation
 */

/** Reflected CRC32C polynomial. */
const POLY = 0x82f6_3b78;

let tables: Uint32Array | undefined;

function makeTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let s = 1; s < 8; s++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[s * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/**
 * The CRC32C of `bytes[start, end)`, continuing from `previous` (the value returned for the bytes
 * before: pass it to digest a segment in pieces; 0 to start). The value is the CRC as RFC 3720
 * appendix B.4 defines it: register preset to all ones, result complemented. iSCSI sends it
 * least significant byte first (see {@link writeIscsiDigest}).
 *
 * @example
 * ```ts
 * crc32c(new Uint8Array(32)); // 0x8a9136aa: on the wire aa 36 91 8a (RFC 3720 appendix B.4)
 * ```
 * @see RFC 7143 section 13.1; RFC 3720 appendix B.4
 * @remarks Since 0.2.0
 */
export function crc32c(bytes: Uint8Array, previous = 0, start = 0, end: number = bytes.length): number {
  const t = tables ?? makeTables();
  tables = t;
  let c = ~previous >>> 0;
  let i = start;
  const end8 = start + ((end - start) & ~7);
  while (i < end8) {
    const a =
      c ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    c =
      (t[7 * 256 + (a & 0xff)] as number) ^
      (t[6 * 256 + ((a >>> 8) & 0xff)] as number) ^
      (t[5 * 256 + ((a >>> 16) & 0xff)] as number) ^
      (t[4 * 256 + (a >>> 24)] as number) ^
      (t[3 * 256 + (bytes[i + 4] as number)] as number) ^
      (t[2 * 256 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
    i += 8;
  }
  while (i < end) {
    c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/**
 * Store a digest value at `offset` of `out` in iSCSI's byte order (least significant byte
 * first, so the bytes of RFC 3720 appendix B.4's examples come out as printed there).
 *
 * @see RFC 3720 appendix B.4
 * @remarks Since 0.2.0
 */
export function writeIscsiDigest(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value;
  out[offset + 1] = value >>> 8;
  out[offset + 2] = value >>> 16;
  out[offset + 3] = value >>> 24;
}

/**
 * Read a digest written by {@link writeIscsiDigest}. The caller checks the bounds.
 *
 * @remarks Since 0.2.0
 */
export function readIscsiDigest(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) |
      ((bytes[offset + 1] as number) << 8) |
      ((bytes[offset + 2] as number) << 16) |
      ((bytes[offset + 3] as number) << 24)) >>>
    0
  );
}
