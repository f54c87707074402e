/**
 * The names of the structure kinds the CLI knows, their titles and the codec shape. No codec is
 * imported here (src/cli/codecs.ts imports this file), so the two never import each other.
 */
import type { DecodeOptions } from '../internal/byte-reader.js';

/** Kind names accepted by `--as`. */
export const KINDS = [
  'cdb',
  'sense',
  'populate-token-params',
  'write-using-token-params',
  'extended-copy-params',
  'extended-copy-lid4-params',
  'rrti-data',
  'copy-status',
  'rod-token',
  'vpd',
  'designation',
] as const;

/** One of {@link KINDS}. */
export type Kind = (typeof KINDS)[number];

/** A codec as the CLI uses it (values are untyped JSON-like data here). */
export interface KindCodec {
  readonly decode: (bytes: Uint8Array, options?: DecodeOptions) => unknown;
  readonly encode: (value: never) => Uint8Array;
}

/** Human title of each kind. */
export const KIND_TITLES: Readonly<Record<Kind, string>> = {
  cdb: 'CDB (POPULATE TOKEN, WRITE USING TOKEN, RRTI, RECEIVE COPY STATUS, COPY OPERATION ABORT ...)',
  sense: 'sense data (fixed 70h/71h or descriptor 72h/73h)',
  'populate-token-params': 'POPULATE TOKEN parameter list',
  'write-using-token-params': 'WRITE USING TOKEN parameter list',
  'extended-copy-params': 'EXTENDED COPY (LID1) parameter list',
  'extended-copy-lid4-params': 'EXTENDED COPY (LID4) parameter list',
  'rrti-data': 'RECEIVE ROD TOKEN INFORMATION parameter data',
  'copy-status': 'RECEIVE COPY STATUS (LID4) parameter data',
  'rod-token': 'ROD token (512 bytes)',
  vpd: 'VPD page (8Fh Third-party Copy, 83h Device Identification, ...)',
  designation: 'designation descriptor (VPD 83h format)',
};

/** True if `s` is a kind name. */
export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}
