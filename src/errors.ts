/**
 * The one error type every scsi-odx decoder and encoder throws.
 *
 * @packageDocumentation
 */
import type { RuleId } from './rules/ids.js';

/**
 * Stable string codes carried by {@link ScsiCodecError}. They never change meaning between
 * versions; new codes are listed in the CHANGELOG when added.
 *
 * - `ERR_TRUNCATED`: the buffer is shorter than the structure (or its declared length) requires.
 * - `ERR_LENGTH_MISMATCH`: a length field disagrees with the buffer, its children or another length.
 * - `ERR_UNEXPECTED_VALUE`: a fixed-value field (opcode, service action, page code, ROD TOKEN LENGTH) is wrong.
 * - `ERR_RESERVED_NONZERO`: a reserved field is not zero (strict mode only).
 * - `ERR_FIELD_RANGE`: encode side: a value is not an integer of the right kind or does not fit its field.
 * - `ERR_INVALID_VALUE`: a field holds a value the standard forbids (e.g. overlapping ranges, a bad order).
 * - `ERR_UNSUPPORTED`: an unknown format or descriptor type where strict mode asks for a known one.
 *
 * @remarks Since 0.1.0
 */
export const SCSI_CODEC_ERROR_CODE = {
  ERR_TRUNCATED: 'ERR_TRUNCATED',
  ERR_LENGTH_MISMATCH: 'ERR_LENGTH_MISMATCH',
  ERR_UNEXPECTED_VALUE: 'ERR_UNEXPECTED_VALUE',
  ERR_RESERVED_NONZERO: 'ERR_RESERVED_NONZERO',
  ERR_FIELD_RANGE: 'ERR_FIELD_RANGE',
  ERR_INVALID_VALUE: 'ERR_INVALID_VALUE',
  ERR_UNSUPPORTED: 'ERR_UNSUPPORTED',
} as const;

/** One of the stable {@link SCSI_CODEC_ERROR_CODE} strings. @remarks Since 0.1.0 */
export type ScsiCodecErrorCode = (typeof SCSI_CODEC_ERROR_CODE)[keyof typeof SCSI_CODEC_ERROR_CODE];

/**
 * A problem found while decoding leniently: what strict mode would have thrown, kept as data.
 * `offset` is absolute in the caller's buffer.
 *
 * @remarks Since 0.1.0
 */
export interface DecodeIssue {
  readonly code: ScsiCodecErrorCode;
  readonly structure: string;
  readonly field: string | undefined;
  readonly offset: number;
  readonly bit: number | undefined;
  readonly message: string;
  /**
   * The device-server rule this finding breaks (see `DEVICE_SERVER_RULES`), when the decoder knows
   * one: the response a device server gives for it.
   *
   * @remarks Since 0.2.0
   */
  readonly rule?: RuleId;
}

/** Options for {@link ScsiCodecError}'s constructor. @remarks Since 0.1.0 */
export interface ScsiCodecErrorOptions {
  /** Bit position (0 = LSB) of the offending bit within the byte at `offset`, when one bit is at fault. */
  readonly bit?: number | undefined;
  /** The underlying error, if any. */
  readonly cause?: unknown;
  /** The device-server rule the input breaks (see {@link ScsiCodecError.rule}). @remarks Since 0.2.0 */
  readonly rule?: RuleId | undefined;
}

/**
 * The one error type a public function of this package throws for bad input: every decoder and
 * encoder, the sense-data builders and the other exported helpers throw it (and nothing else) for
 * any value they cannot use, and `CopyManager.execute()` throws it with code
 * `ERR_UNEXPECTED_VALUE` and structure `CommandRequest` (`field` naming the member) for a request of
 * the wrong JavaScript shape (since 0.2.0). The `CopyManager` constructor checks its options with
 * `RangeError` / `TypeError` instead (a configuration error, not input).
 *
 * `offset` is the absolute byte offset of the offending field in the caller's buffer (for a
 * decoder) or in the output being built (for an encoder), so that
 * {@link senseDataFromCodecError}-style converters can build the sense-key-specific FIELD
 * POINTER straight from it.
 *
 * The message reads `Structure.field @ byte N[ bit B]: detail`.
 *
 * Do not rely on `instanceof` across realms or duplicate installs: use {@link isScsiCodecError}.
 *
 * @example
 * ```ts
 * try { decodeSenseData(bytes, { strict: true }); }
 * catch (e) { if (isScsiCodecError(e)) console.log(e.code, e.field, e.offset); }
 * ```
 * @remarks Since 0.1.0
 */
export class ScsiCodecError extends Error {
  override readonly name = 'ScsiCodecError';
  /** Stable code, see {@link SCSI_CODEC_ERROR_CODE}. */
  readonly code: ScsiCodecErrorCode;
  /** The structure being decoded or encoded, e.g. `PopulateTokenCdb`. */
  readonly structure: string;
  /** The field at fault (T10 name in lowerCamelCase), if one is. */
  readonly field: string | undefined;
  /** Absolute byte offset of the field at fault. */
  readonly offset: number;
  /** Bit (0 = LSB) within the byte at `offset`, if one bit is at fault. */
  readonly bit: number | undefined;
  /** The detail part of the message, without the location prefix. */
  readonly detail: string;
  /**
   * The device-server rule the input breaks, set where the decoder throws (see
   * `DEVICE_SERVER_RULES`): `senseDataFromCodecError` answers from it.
   *
   * @remarks Since 0.2.0
   */
  readonly rule: RuleId | undefined;

  constructor(
    code: ScsiCodecErrorCode,
    structure: string,
    field: string | undefined,
    offset: number,
    detail: string,
    options?: ScsiCodecErrorOptions,
  ) {
    const bit = options?.bit;
    const where = `${structure}${field === undefined ? '' : `.${field}`} @ byte ${offset}${bit === undefined ? '' : ` bit ${bit}`}`;
    super(`${where}: ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.structure = structure;
    this.field = field;
    this.offset = offset;
    this.bit = bit;
    this.detail = detail;
    this.rule = options?.rule;
  }
}

const CODES: ReadonlySet<string> = new Set(Object.values(SCSI_CODEC_ERROR_CODE));

/**
 * True if `e` is a {@link ScsiCodecError}, checked by name and code (works across realms and
 * duplicate installs, unlike `instanceof`).
 *
 * @remarks Since 0.1.0
 */
export function isScsiCodecError(e: unknown): e is ScsiCodecError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as { name?: unknown; code?: unknown; offset?: unknown };
  try {
    return (
      o.name === 'ScsiCodecError' && typeof o.code === 'string' && CODES.has(o.code) && typeof o.offset === 'number'
    );
  } catch {
    return false; // a Proxy or getter that throws: not one of ours
  }
}
