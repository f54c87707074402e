/**
 * What the RECEIVE COPY DATA, RECEIVE COPY STATUS (LID1 and LID4), RECEIVE COPY FAILURE DETAILS
 * (LID1) and RECEIVE ROD TOKEN INFORMATION CDBs share: LIST IDENTIFIER, ALLOCATION LENGTH and
 * CONTROL (LID1 and LID4 differ in the LIST IDENTIFIER's width, which their layout tables say),
 * so one decoded shape and one field-naming body for all six.
 *
 * @see SPC-4 "RECEIVE COPY DATA (LID1) command" and the other RECEIVE COPY CDB tables; SPC-5 (LID4,
 *   RECEIVE ROD TOKEN INFORMATION)
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import type { Layout } from '../internal/layout.js';
import { readNumber } from '../internal/layout-codec.js';
import { type CdbSpec, cdbSpec } from './common.js';

/**
 * A decoded RECEIVE COPY DATA, RECEIVE COPY STATUS, RECEIVE COPY FAILURE DETAILS or RECEIVE ROD
 * TOKEN INFORMATION CDB (THIRD-PARTY COPY IN with a LIST IDENTIFIER).
 *
 * @remarks Since 0.2.0 (the shape of the five RECEIVE COPY CDBs with a LIST IDENTIFIER since 0.1.0)
 */
export interface ReceiveCopyCdbFields<K extends string> {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: K;
  /** LIST IDENTIFIER (LID1: byte 2, one byte; LID4: bytes 2-5). */
  readonly listIdentifier: number;
  /** ALLOCATION LENGTH (bytes 10-13). */
  readonly allocationLength: number;
  /** CONTROL (byte 15). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** The field names of a RECEIVE COPY layout table with a LIST IDENTIFIER. @internal */
export type ReceiveCopyLayoutField =
  | 'allocationLength'
  | 'control'
  | 'listIdentifier'
  | 'operationCode'
  | 'reserved'
  | 'serviceAction';

/** The spec of a RECEIVE COPY CDB with a LIST IDENTIFIER, from its layout table. @internal */
export function receiveCopyCdbSpec<K extends string>(
  kind: K,
  layout: Layout<ReceiveCopyLayoutField>,
  decode: (bytes: Uint8Array, options?: DecodeOptions) => ReceiveCopyCdbFields<K>,
): CdbSpec<ReceiveCopyCdbFields<K>> {
  const F = layout.field;
  return cdbSpec(
    kind,
    layout,
    (r) => ({
      kind,
      listIdentifier: readNumber(r, F.listIdentifier),
      allocationLength: readNumber(r, F.allocationLength),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decode,
  );
}
