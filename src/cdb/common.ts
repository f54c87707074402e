/**
 * Shared plumbing for the fixed-length CDB codecs.
 *
 * @internal
 */
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, show } from '../internal/byte-writer.js';

/**
 * The input an `encodeXCdb` function takes: the decoded shape, with the `kind` discriminant
 * optional (it is implied by the function) and `issues` ignored.
 *
 * @remarks Since 0.1.0
 */
export type CdbInput<T extends { readonly kind: string }> = Omit<T, 'kind' | 'issues'> & {
  readonly kind?: T['kind'];
  readonly issues?: readonly DecodeIssue[];
};

/**
 * A reader for a fixed-length CDB: ERR_TRUNCATED if shorter than `length`; bytes after the CDB are
 * an ERR_LENGTH_MISMATCH issue (strict: thrown); checks OPERATION CODE, and SERVICE ACTION
 * (byte 1 bits 4:0, bits 7:5 reserved) when `serviceAction` is given.
 *
 * @internal
 */
export function cdbReader(
  bytes: Uint8Array,
  structure: string,
  options: DecodeOptions | undefined,
  length: number,
  operationCode: number,
  serviceAction?: number,
): ByteReader {
  const r = new ByteReader(bytes, structure, options);
  r.need(length, 'operationCode');
  if (r.length > length) {
    r.tolerate(
      'ERR_LENGTH_MISMATCH',
      undefined,
      length,
      `${r.length - length} byte(s) after the ${length}-byte CDB (${hex(operationCode, 2)})`,
    );
  }
  r.expectU8(0, operationCode, 'operationCode');
  if (serviceAction !== undefined) {
    r.expectBits(1, 4, 0, serviceAction, 'serviceAction');
    r.reserved(1, 0xe0);
  }
  return r;
}

/** A writer for a fixed-length CDB with OPERATION CODE (and SERVICE ACTION) filled in. @internal */
export function cdbWriter(
  structure: string,
  length: number,
  operationCode: number,
  serviceAction?: number,
): ByteWriter {
  const w = new ByteWriter(length, structure);
  w.u8(0, operationCode, 'operationCode');
  if (serviceAction !== undefined) w.bits(1, 4, 0, serviceAction, 'serviceAction');
  return w;
}

/** Throw ERR_FIELD_RANGE if the caller passed a `kind` that is not this encoder's. @internal */
export function checkCommand(w: ByteWriter, given: string | undefined, expected: string): void {
  if (given !== undefined && given !== expected) {
    throw w.error('kind', 0, `encoder for '${expected}' was given kind ${show(given)}`);
  }
}
