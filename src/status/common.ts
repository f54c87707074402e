/**
 * The one truncation policy of every status structure (data cut short by ALLOCATION LENGTH):
 *
 * - the fixed part must be present, else `ERR_TRUNCATED` (ask for at least that many bytes, or
 *   use the `requiredXLength` helpers, which need only the 4-byte AVAILABLE DATA);
 * - past the fixed part, the decoder decodes every complete item present, sets `truncated: true`
 *   and records an `ERR_TRUNCATED` issue (in strict mode too: truncation by ALLOCATION LENGTH is
 *   normal, not malformed data); partial items are dropped;
 * - bytes after AVAILABLE DATA + 4 (a larger allocation buffer) are ignored.
 *
 * @internal
 */
import { ByteReader, type DecodeOptions } from '../internal/byte-reader.js';

/** An opened status structure. @internal */
export interface StatusWindow {
  readonly r: ByteReader;
  /** End (exclusive) of the data to decode: min(AVAILABLE DATA + 4, buffer length), ≥ fixed length. */
  readonly end: number;
  /** Data was cut short. */
  readonly truncated: boolean;
  /** AVAILABLE DATA + 4, as declared. */
  readonly declaredEnd: number;
}

/** Open a status structure whose bytes 0-3 are AVAILABLE DATA (n-3). @internal */
export function openStatus(
  bytes: Uint8Array,
  structure: string,
  options: DecodeOptions | undefined,
  fixedLength: number,
): StatusWindow {
  const r = new ByteReader(bytes, structure, options);
  r.need(fixedLength);
  const declaredEnd = 4 + r.u32(0, 'availableData');
  // what there is to report is out of line, so that the common case is small enough to inline
  if (declaredEnd < fixedLength || declaredEnd > r.length) noteLengths(r, declaredEnd, fixedLength);
  return {
    r,
    end: Math.max(fixedLength, Math.min(declaredEnd, r.length)),
    truncated: declaredEnd > r.length,
    declaredEnd,
  };
}

/** AVAILABLE DATA short of the fixed part (an issue), or past the bytes present (a note). */
function noteLengths(r: ByteReader, declaredEnd: number, fixedLength: number): void {
  if (declaredEnd < fixedLength) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      'availableData',
      0,
      `AVAILABLE DATA ${declaredEnd - 4} does not cover the ${fixedLength}-byte fixed part`,
    );
  }
  if (declaredEnd > r.length) {
    r.note(
      'ERR_TRUNCATED',
      'availableData',
      0,
      `AVAILABLE DATA says ${declaredEnd} bytes, only ${r.length} present (cut short by ALLOCATION LENGTH?)`,
    );
  }
}

/** `{ truncated: true }` or nothing. @internal */
export function truncatedOf(truncated: boolean): { truncated?: true } {
  return truncated ? { truncated: true } : {};
}

/**
 * AVAILABLE DATA + 4 from the first 4 bytes of a status structure.
 *
 * @internal
 */
export function requiredStatusLength(headerBytes: Uint8Array, structure: string): number {
  const r = new ByteReader(headerBytes, structure);
  return 4 + r.u32(0, 'availableData');
}
