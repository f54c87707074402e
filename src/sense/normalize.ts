/**
 * One format-independent view of sense data (sg3_utils' sg_scsi_normalize_sense idea).
 *
 * @packageDocumentation
 */

import { inputFault, objectList } from '../internal/contract.js';
import type { DescriptorSenseData, FixedSenseData, SenseData, SenseDataDescriptor } from './sense-data.js';
import { MAX_SENSE_DATA_LENGTH } from './sense-data.js';
import type { SenseKeySpecific } from './sense-key-specific.js';

/**
 * The fields an application usually wants, whichever the sense data format.
 *
 * @remarks Since 0.1.0
 */
export interface NormalizedSenseData {
  readonly format: 'fixed' | 'descriptor';
  /** RESPONSE CODE (70h-73h). */
  readonly responseCode: number;
  /** True for 70h/72h (current error). */
  readonly current: boolean;
  /** True for 71h/73h (deferred error). */
  readonly deferred: boolean;
  readonly senseKey: number;
  /** ADDITIONAL SENSE CODE. */
  readonly asc: number;
  /** ADDITIONAL SENSE CODE QUALIFIER. */
  readonly ascq: number;
  /**
   * INFORMATION, only when marked valid: fixed format with VALID=1; descriptor format from the
   * first information descriptor (00h) with VALID=1, else a direct-access block device descriptor
   * (0Dh) with VALID=1.
   */
  readonly information: bigint | undefined;
  /**
   * COMMAND-SPECIFIC INFORMATION: fixed format always (bytes 8-11); descriptor format from the
   * command-specific information descriptor (01h), else the 0Dh descriptor, else `undefined`.
   */
  readonly commandSpecificInformation: bigint | undefined;
  /** SENSE KEY SPECIFIC, only when SKSV=1 (fixed bytes 15-17, descriptor 02h, else 0Dh). */
  readonly senseKeySpecific: SenseKeySpecific | undefined;
  /** FIELD REPLACEABLE UNIT CODE, `undefined` when absent or zero (zero = no unit identified). */
  readonly fieldReplaceableUnitCode: number | undefined;
  /** FILEMARK (fixed byte 2, or stream commands descriptor 04h). */
  readonly filemark: boolean;
  /** EOM (fixed byte 2, or stream commands descriptor 04h). */
  readonly eom: boolean;
  /** ILI (fixed byte 2, or descriptors 04h, 05h, 0Dh). */
  readonly ili: boolean;
  /** SDAT_OVFL. */
  readonly sdatOvfl: boolean;
}

/**
 * Normalise sense data of either format into one shape.
 *
 * @example
 * ```ts
 * const n = normalizeSenseData(decodeSenseData(senseBuffer));
 * if (n.senseKey === SENSE_KEY.ILLEGAL_REQUEST && n.asc === 0x23) console.log('invalid token', n.ascq);
 * ```
 * @see SPC-5 fixed and descriptor format sense data and sense data descriptors
 * @remarks Since 0.1.0
 */
export function normalizeSenseData(s: SenseData): NormalizedSenseData {
  try {
    const deferred = s.responseCode === 0x71 || s.responseCode === 0x73;
    return s.kind === 'fixed' ? normalizeFixed(s, deferred) : normalizeDescriptorFormat(s, deferred);
  } catch (e) {
    throw inputFault(e, 'normalizeSenseData', [s], 'ERR_FIELD_RANGE');
  }
}

function normalizeFixed(s: FixedSenseData, deferred: boolean): NormalizedSenseData {
  return {
    format: 'fixed',
    responseCode: s.responseCode,
    current: !deferred,
    deferred,
    senseKey: s.senseKey,
    asc: s.additionalSenseCode,
    ascq: s.additionalSenseCodeQualifier,
    information: s.valid ? BigInt(s.information) : undefined,
    commandSpecificInformation: BigInt(s.commandSpecificInformation),
    senseKeySpecific: s.senseKeySpecific.sksv ? s.senseKeySpecific : undefined,
    fieldReplaceableUnitCode: s.fieldReplaceableUnitCode === 0 ? undefined : s.fieldReplaceableUnitCode,
    filemark: s.filemark,
    eom: s.eom,
    ili: s.ili,
    sdatOvfl: s.sdatOvfl,
  };
}

/** What the descriptors say: the first of each kind, the direct-access block device descriptor's as fallback. */
interface Collected {
  information?: bigint;
  dabdInformation?: bigint;
  csi?: bigint;
  dabdCsi?: bigint;
  sks?: SenseKeySpecific;
  dabdSks?: SenseKeySpecific;
  fru?: number;
  dabdFru?: number;
  filemark: boolean;
  eom: boolean;
  ili: boolean;
}

function collect(c: Collected, d: SenseDataDescriptor): void {
  switch (d.kind) {
    case 'information':
      if (d.valid) c.information ??= d.information;
      break;
    case 'commandSpecificInformation':
      c.csi ??= d.commandSpecificInformation;
      break;
    case 'senseKeySpecific':
      if (d.senseKeySpecific.sksv) c.sks ??= d.senseKeySpecific;
      break;
    case 'fieldReplaceableUnit':
      if (d.fieldReplaceableUnitCode !== 0) c.fru ??= d.fieldReplaceableUnitCode;
      break;
    case 'streamCommands':
      c.filemark ||= d.filemark;
      c.eom ||= d.eom;
      c.ili ||= d.ili;
      break;
    case 'blockCommands':
      c.ili ||= d.ili;
      break;
    case 'directAccessBlockDevice':
      if (d.valid) c.dabdInformation ??= d.information;
      c.dabdCsi ??= d.commandSpecificInformation;
      if (d.senseKeySpecific.sksv) c.dabdSks ??= d.senseKeySpecific;
      if (d.fieldReplaceableUnitCode !== 0) c.dabdFru ??= d.fieldReplaceableUnitCode;
      c.ili ||= d.ili;
      break;
    default:
      break;
  }
}

function normalizeDescriptorFormat(s: DescriptorSenseData, deferred: boolean): NormalizedSenseData {
  const c: Collected = { filemark: false, eom: false, ili: false };
  for (const d of objectList('DescriptorSenseData', 'descriptors', 8, s.descriptors, MAX_SENSE_DATA_LENGTH)) {
    collect(c, d);
  }
  return {
    format: 'descriptor',
    responseCode: s.responseCode,
    current: !deferred,
    deferred,
    senseKey: s.senseKey,
    asc: s.additionalSenseCode,
    ascq: s.additionalSenseCodeQualifier,
    information: c.information ?? c.dabdInformation,
    commandSpecificInformation: c.csi ?? c.dabdCsi,
    senseKeySpecific: c.sks ?? c.dabdSks,
    fieldReplaceableUnitCode: c.fru ?? c.dabdFru,
    filemark: c.filemark,
    eom: c.eom,
    ili: c.ili,
    sdatOvfl: s.sdatOvfl,
  };
}
