/**
 * Builders for the sense data a copy manager (device server) returns, and the converter from a
 * {@link ScsiCodecError} to ILLEGAL REQUEST sense data.
 *
 * @packageDocumentation
 */

import { SENSE_KEY } from '../constants/sense-key.js';
import { isScsiCodecError, ScsiCodecError } from '../errors.js';
import { show } from '../internal/byte-writer.js';
import { inputFault, ownEntry } from '../internal/contract.js';
import { ruleIdOfCodecError, ruleOf, ruleSenseParts } from '../rules/spec.js';
import type { DescriptorSenseData, FixedSenseData, SenseData, SenseDataDescriptor } from './sense-data.js';
import { fieldPointerSks, type SenseKeySpecific, senseKeySpecificKind } from './sense-key-specific.js';

const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;

/**
 * Format options shared by every builder.
 *
 * @remarks Since 0.1.0
 */
export interface SenseBuildOptions {
  /**
   * `'fixed'` or `'descriptor'`. When omitted: fixed format, unless INFORMATION or COMMAND-SPECIFIC
   * INFORMATION does not fit 32 bits or extra descriptors are given, then descriptor format.
   */
  readonly format?: 'fixed' | 'descriptor' | undefined;
  /** Deferred error (response code 71h/73h) instead of current (70h/72h). Default `false`. */
  readonly deferred?: boolean | undefined;
}

/**
 * Everything {@link buildSenseData} can put in sense data.
 *
 * @remarks Since 0.1.0
 */
export interface SenseDataSpec extends SenseBuildOptions {
  readonly senseKey: number;
  /** ADDITIONAL SENSE CODE. */
  readonly asc: number;
  /** ADDITIONAL SENSE CODE QUALIFIER. Default 0. */
  readonly ascq?: number | undefined;
  /**
   * INFORMATION (VALID=1). In fixed format a value above FFFF FFFFh cannot be represented: with
   * `format` omitted descriptor format is chosen; with `format: 'fixed'` VALID is set to 0 and the
   * INFORMATION field to zero (never a truncated value).
   */
  readonly information?: bigint | number | undefined;
  /** COMMAND-SPECIFIC INFORMATION. With `format: 'fixed'` a value above FFFF FFFFh throws. */
  readonly commandSpecificInformation?: bigint | number | undefined;
  /** SENSE KEY SPECIFIC (fixed bytes 15-17 / descriptor 02h). */
  readonly senseKeySpecific?: SenseKeySpecific | undefined;
  /** FIELD REPLACEABLE UNIT CODE (non-zero; fixed byte 14 / descriptor 03h). */
  readonly fieldReplaceableUnitCode?: number | undefined;
  /** ILI (fixed byte 2 bit 5 / block commands descriptor 05h). */
  readonly ili?: boolean | undefined;
  /** Extra descriptors appended in descriptor format (forces descriptor format when omitted `format`). */
  readonly descriptors?: readonly SenseDataDescriptor[] | undefined;
}

function big(v: bigint | number, field: string): bigint {
  const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
  if (b < 0n || b > U64_MAX) {
    throw new ScsiCodecError('ERR_FIELD_RANGE', 'SenseData', field, 0, `${show(v)} is not an integer in 0..2^64-1`);
  }
  return b;
}

/** A SENSE KEY SPECIFIC field with SKSV=0 and zeros, of the variant the sense key selects. */
function emptySenseKeySpecific(senseKey: number): SenseKeySpecific {
  switch (senseKeySpecificKind(senseKey)) {
    case 'fieldPointer':
      return {
        kind: 'fieldPointer',
        sksv: false,
        commandData: false,
        bitPointerValid: false,
        bitPointer: 0,
        fieldPointer: 0,
      };
    case 'actualRetryCount':
      return { kind: 'actualRetryCount', sksv: false, actualRetryCount: 0 };
    case 'progressIndication':
      return { kind: 'progressIndication', sksv: false, progressIndication: 0 };
    case 'segmentPointer':
      return {
        kind: 'segmentPointer',
        sksv: false,
        segmentDescriptor: false,
        bitPointerValid: false,
        bitPointer: 0,
        fieldPointer: 0,
      };
    case 'unitAttentionQueueOverflow':
      return { kind: 'unitAttentionQueueOverflow', sksv: false, overflow: false };
    default:
      return { kind: 'raw', sksv: false, value: 0 };
  }
}

/**
 * Build sense data from its parts (the generic builder the others use).
 *
 * Fixed format: VALID = INFORMATION given and representable; SKS = the one given or SKSV=0 zeros.
 * Descriptor format: information (00h, VALID=1), command-specific information (01h), sense key
 * specific (02h), field replaceable unit (03h) and block commands (05h, when `ili`) descriptors,
 * in that order and only for the parts given, then `descriptors`.
 *
 * @example
 * ```ts
 * const s = buildSenseData({ senseKey: SENSE_KEY.ILLEGAL_REQUEST, asc: 0x24, ascq: 0 });
 * encodeSenseData(s); // 18 bytes: 70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00
 * ```
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value does not fit (checked again when encoding).
 * @remarks Since 0.1.0
 */
export function buildSenseData(spec: SenseDataSpec): SenseData {
  try {
    const information = spec.information === undefined ? undefined : big(spec.information, 'information');
    const csi =
      spec.commandSpecificInformation === undefined
        ? undefined
        : big(spec.commandSpecificInformation, 'commandSpecificInformation');
    const extra = spec.descriptors ?? [];
    const format =
      spec.format ??
      ((information !== undefined && information > U32_MAX) || (csi !== undefined && csi > U32_MAX) || extra.length > 0
        ? 'descriptor'
        : 'fixed');
    const deferred = spec.deferred === true;
    const ascq = spec.ascq ?? 0;
    if (format === 'descriptor') {
      const descriptors: SenseDataDescriptor[] = [];
      if (information !== undefined) descriptors.push({ kind: 'information', valid: true, information });
      if (csi !== undefined) descriptors.push({ kind: 'commandSpecificInformation', commandSpecificInformation: csi });
      if (spec.senseKeySpecific !== undefined) {
        descriptors.push({ kind: 'senseKeySpecific', senseKeySpecific: spec.senseKeySpecific });
      }
      if (spec.fieldReplaceableUnitCode !== undefined && spec.fieldReplaceableUnitCode !== 0) {
        descriptors.push({ kind: 'fieldReplaceableUnit', fieldReplaceableUnitCode: spec.fieldReplaceableUnitCode });
      }
      if (spec.ili === true) descriptors.push({ kind: 'blockCommands', ili: true });
      descriptors.push(...extra);
      const s: DescriptorSenseData = {
        kind: 'descriptor',
        responseCode: deferred ? 0x73 : 0x72,
        senseKey: spec.senseKey,
        additionalSenseCode: spec.asc,
        additionalSenseCodeQualifier: ascq,
        sdatOvfl: false,
        descriptors,
      };
      return s;
    }
    if (csi !== undefined && csi > U32_MAX) {
      throw new ScsiCodecError(
        'ERR_FIELD_RANGE',
        'FixedSenseData',
        'commandSpecificInformation',
        8,
        `${csi} does not fit the 4-byte fixed-format field; use descriptor format`,
      );
    }
    if (extra.length > 0) {
      throw new ScsiCodecError(
        'ERR_FIELD_RANGE',
        'FixedSenseData',
        'descriptors',
        18,
        'fixed format has no descriptors',
      );
    }
    const valid = information !== undefined && information <= U32_MAX;
    const s: FixedSenseData = {
      kind: 'fixed',
      responseCode: deferred ? 0x71 : 0x70,
      valid,
      segmentNumber: 0,
      filemark: false,
      eom: false,
      ili: spec.ili === true,
      sdatOvfl: false,
      senseKey: spec.senseKey,
      information: valid ? Number(information) : 0,
      commandSpecificInformation: csi === undefined ? 0 : Number(csi),
      additionalSenseCode: spec.asc,
      additionalSenseCodeQualifier: ascq,
      fieldReplaceableUnitCode: spec.fieldReplaceableUnitCode ?? 0,
      senseKeySpecific: spec.senseKeySpecific ?? emptySenseKeySpecific(spec.senseKey),
      additionalSenseBytes: new Uint8Array(0),
    };
    return s;
  } catch (e) {
    throw inputFault(e, 'SenseData', [spec], 'ERR_FIELD_RANGE');
  }
}

/**
 * Options of the ILLEGAL REQUEST builders that can point at the offending field.
 *
 * @remarks Since 0.1.0
 */
export interface FieldPointerOptions extends SenseBuildOptions {
  /** Byte offset of the offending field (FIELD POINTER, SKSV=1). Omitted (SKSV=0) when > FFFFh. */
  readonly fieldPointer?: number | undefined;
  /** Bit (0-7) within that byte (BIT POINTER, BPV=1). */
  readonly bitPointer?: number | undefined;
}

/**
 * ASCQ values of ASC 23h INVALID TOKEN OPERATION.
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments); SPC-5 ROD token validation (INVALID TOKEN OPERATION additional sense codes)
 * @remarks Since 0.1.0
 */
export const INVALID_TOKEN_OPERATION = {
  CAUSE_NOT_REPORTABLE: 0x00,
  UNSUPPORTED_TOKEN_TYPE: 0x01,
  REMOTE_TOKEN_USAGE_NOT_SUPPORTED: 0x02,
  REMOTE_ROD_TOKEN_CREATION_NOT_SUPPORTED: 0x03,
  TOKEN_UNKNOWN: 0x04,
  TOKEN_CORRUPT: 0x05,
  TOKEN_REVOKED: 0x06,
  TOKEN_EXPIRED: 0x07,
  TOKEN_CANCELLED: 0x08,
  TOKEN_DELETED: 0x09,
  INVALID_TOKEN_LENGTH: 0x0a,
} as const;

/** A key of {@link INVALID_TOKEN_OPERATION}. @remarks Since 0.1.0 */
export type InvalidTokenOperationReason = keyof typeof INVALID_TOKEN_OPERATION;

/**
 * ILLEGAL REQUEST, 23h/xx INVALID TOKEN OPERATION (the reason as an ASCQ 00h-0Ah or its name).
 * `fieldPointer` (parameter list, C/D=0) optionally points at the token.
 *
 * @example
 * ```ts
 * buildInvalidTokenOperationSense('TOKEN_EXPIRED'); // ILLEGAL REQUEST 23h/07h
 * ```
 * @see SPC-5 ROD token validation (INVALID TOKEN OPERATION additional sense codes); SPC-5 annex D (ASC and ASCQ assignments)
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` for an unknown reason.
 * @remarks Since 0.1.0
 */
export function buildInvalidTokenOperationSense(
  reason: InvalidTokenOperationReason | number,
  options?: FieldPointerOptions,
): SenseData {
  try {
    const ascq = typeof reason === 'number' ? reason : ownEntry(INVALID_TOKEN_OPERATION, reason);
    if (typeof ascq !== 'number' || !Number.isInteger(ascq) || ascq < 0 || ascq > 0x0a) {
      throw new ScsiCodecError(
        'ERR_FIELD_RANGE',
        'SenseData',
        'additionalSenseCodeQualifier',
        0,
        `${show(reason)} is not an INVALID TOKEN OPERATION reason (00h-0Ah)`,
      );
    }
    return buildSenseData({
      ...options,
      senseKey: SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x23,
      ascq,
      senseKeySpecific: fieldPointerSks(false, options?.fieldPointer, options?.bitPointer),
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [reason, options], 'ERR_FIELD_RANGE');
  }
}

/**
 * 0Dh/04h COPY TARGET DEVICE DATA UNDERRUN with INFORMATION = `transferCount` (SBC 4.28.2):
 * sense key COPY ABORTED if the transfer count is non-zero, ILLEGAL REQUEST if it is zero.
 * A transfer count above FFFF FFFFh selects descriptor format unless `format: 'fixed'` is forced
 * (then VALID=0, see {@link SenseDataSpec.information}).
 *
 * @see SBC-4 POPULATE TOKEN / WRITE USING TOKEN completion with a residual
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if the count is not in 0..2^64-1.
 * @remarks Since 0.1.0
 */
export function buildCopyTargetDeviceDataUnderrunSense(
  transferCount: bigint | number,
  options?: SenseBuildOptions,
): SenseData {
  try {
    const tc = big(transferCount, 'information');
    return buildSenseData({
      ...options,
      senseKey: tc === 0n ? SENSE_KEY.ILLEGAL_REQUEST : SENSE_KEY.COPY_ABORTED,
      asc: 0x0d,
      ascq: 0x04,
      information: tc,
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [transferCount, options], 'ERR_FIELD_RANGE');
  }
}

/** Options with an overridable sense key. @remarks Since 0.1.0 */
export interface SenseKeyOptions extends SenseBuildOptions {
  /** Sense key; default ILLEGAL REQUEST. */
  readonly senseKey?: number | undefined;
}

/**
 * 55h/0Ch INSUFFICIENT RESOURCES TO CREATE ROD (sense key ILLEGAL REQUEST unless overridden).
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildInsufficientResourcesToCreateRodSense(options?: SenseKeyOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: options?.senseKey ?? SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x55,
      ascq: 0x0c,
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * 55h/0Dh INSUFFICIENT RESOURCES TO CREATE ROD TOKEN (sense key ILLEGAL REQUEST unless overridden).
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildInsufficientResourcesToCreateRodTokenSense(options?: SenseKeyOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: options?.senseKey ?? SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x55,
      ascq: 0x0d,
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/** Options of {@link buildInvalidFieldInParameterListSense}. @remarks Since 0.1.0 */
export interface ParameterListFieldOptions extends FieldPointerOptions {
  /** ASCQ of the 26h family (default 00h INVALID FIELD IN PARAMETER LIST). */
  readonly ascq?: number | undefined;
}

/**
 * ILLEGAL REQUEST, 26h/xx (default 26h/00h INVALID FIELD IN PARAMETER LIST), C/D=0, with the
 * field pointer when given.
 *
 * @see SBC-4 POPULATE TOKEN parameter list (validation and sense); SBC-4 WRITE USING TOKEN parameter list; SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildInvalidFieldInParameterListSense(options?: ParameterListFieldOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x26,
      ascq: options?.ascq ?? 0,
      senseKeySpecific: fieldPointerSks(false, options?.fieldPointer, options?.bitPointer),
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * ILLEGAL REQUEST, 24h/00h INVALID FIELD IN CDB, C/D=1, with the field pointer when given.
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildInvalidFieldInCdbSense(options?: FieldPointerOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x24,
      ascq: 0,
      senseKeySpecific: fieldPointerSks(true, options?.fieldPointer, options?.bitPointer),
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * ILLEGAL REQUEST, 1Ah/00h PARAMETER LIST LENGTH ERROR.
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildParameterListLengthErrorSense(options?: SenseBuildOptions): SenseData {
  try {
    return buildSenseData({ ...options, senseKey: SENSE_KEY.ILLEGAL_REQUEST, asc: 0x1a, ascq: 0 });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/** Options of {@link buildLbaOutOfRangeSense}. @remarks Since 0.1.0 */
export interface LbaOutOfRangeOptions extends FieldPointerOptions {
  /** The offending LBA, reported in INFORMATION when given. */
  readonly lba?: bigint | number | undefined;
  /** Whether the field pointer is in the CDB (default) or in the parameter list (`false`). */
  readonly commandData?: boolean | undefined;
}

/**
 * ILLEGAL REQUEST, 21h/00h LOGICAL BLOCK ADDRESS OUT OF RANGE; INFORMATION = `lba` when given.
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildLbaOutOfRangeSense(options?: LbaOutOfRangeOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x21,
      ascq: 0,
      information: options?.lba,
      senseKeySpecific: fieldPointerSks(options?.commandData ?? true, options?.fieldPointer, options?.bitPointer),
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * ILLEGAL REQUEST, 20h/00h INVALID COMMAND OPERATION CODE (field pointer in the CDB when given,
 * e.g. 0 for the opcode or 1 with bit pointer 4 for a service action).
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildInvalidCommandOperationCodeSense(options?: FieldPointerOptions): SenseData {
  try {
    return buildSenseData({
      ...options,
      senseKey: SENSE_KEY.ILLEGAL_REQUEST,
      asc: 0x20,
      ascq: 0,
      senseKeySpecific: fieldPointerSks(true, options?.fieldPointer, options?.bitPointer),
    });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * ILLEGAL REQUEST, 00h/16h OPERATION IN PROGRESS (e.g. the list identifier is already in use on
 * this I_T nexus).
 *
 * @see SPC-5 annex D (ASC and ASCQ assignments)
 * @remarks Since 0.1.0
 */
export function buildOperationInProgressSense(options?: SenseBuildOptions): SenseData {
  try {
    return buildSenseData({ ...options, senseKey: SENSE_KEY.ILLEGAL_REQUEST, asc: 0x00, ascq: 0x16 });
  } catch (e) {
    throw inputFault(e, 'SenseData', [options], 'ERR_FIELD_RANGE');
  }
}

/**
 * The sense data a device server returns for a CDB or parameter list that a decoder of this
 * package rejected with `err`, answered from the device-server rule table (`DEVICE_SERVER_RULES`):
 * the response of `err.rule` when the decoder set one, with the field pointer at `err.offset` and
 * `err.bit` where the rule's pointer is the offending field. ROD token errors give INVALID TOKEN
 * OPERATION (23h/0Ah for ROD TOKEN LENGTH, 23h/05h TOKEN CORRUPT otherwise); PARAMETER LIST LENGTH
 * 1-15 of POPULATE TOKEN gives 1Ah/00h with the pointer at CDB byte 10.
 *
 * Errors without a rule (from decoders that set none) keep the generic rules:
 * - `where` defaults from `err.structure`: a name ending in `Cdb` means `'cdb'`, anything else
 *   `'parameterList'`.
 * - `'parameterList'` and `ERR_TRUNCATED`: ILLEGAL REQUEST, 1Ah/00h PARAMETER LIST LENGTH ERROR,
 *   no sense key specific data (`spc.parameter-list.truncated`).
 * - Otherwise ILLEGAL REQUEST with 24h/00h INVALID FIELD IN CDB (C/D=1) for `'cdb'` or 26h/00h
 *   INVALID FIELD IN PARAMETER LIST (C/D=0) for `'parameterList'`; SKSV=1, FIELD POINTER =
 *   `err.offset`, and BPV=1 with BIT POINTER = `err.bit` when the error names a bit.
 * - A FIELD POINTER above FFFFh cannot be represented and is never masked: SKSV=0 (fixed format)
 *   or no sense key specific descriptor (descriptor format).
 *
 * @example
 * ```ts
 * try { decodePopulateTokenParameterList(data, { strict: true, parameterListLength }); }
 * catch (e) { if (isScsiCodecError(e)) return encodeSenseData(senseDataFromCodecError(e)); }
 * ```
 * @throws {ScsiCodecError} `ERR_UNEXPECTED_VALUE` if `err` is not a ScsiCodecError.
 * @remarks Since 0.1.0; answers from the rule table since 0.2.0
 */
export function senseDataFromCodecError(
  err: ScsiCodecError,
  where?: 'cdb' | 'parameterList',
  options?: SenseBuildOptions,
): SenseData {
  try {
    if (!isScsiCodecError(err)) {
      throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'SenseData', 'err', 0, 'not a ScsiCodecError');
    }
    const rule = ruleOf(ruleIdOfCodecError(err, where));
    const parts =
      rule === undefined ? undefined : ruleSenseParts(rule, { fieldPointer: err.offset, bitPointer: err.bit });
    if (parts === undefined) {
      // Only a rule that answers GOOD gets here, and no decoder throws for one.
      throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'SenseData', 'err', 0, `rule ${String(err.rule)} answers GOOD`);
    }
    return buildSenseData({ ...options, ...parts });
  } catch (e) {
    throw inputFault(e, 'senseDataFromCodecError', [err, where, options], 'ERR_FIELD_RANGE');
  }
}
