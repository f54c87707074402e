/**
 * Internal: a CHECK CONDITION the copy manager wants to report, as data. The byte boundary
 * turns it into sense data with the sense codecs.
 *
 * @internal
 */
import { type RuleDetail, ruleOf, ruleSenseParts } from '../rules/spec.js';
import type { RuleId } from '../rules/table.js';
import { buildSenseData, type SenseData } from '../sense/index.js';

/** Where the sense-key-specific FIELD POINTER points. */
export interface FieldPointer {
  /** `true`: CDB byte; `false`: parameter list (data-out) byte. */
  readonly cd: boolean;
  readonly field: number;
  readonly bit?: number | undefined;
}

/** A CHECK CONDITION as data. */
export interface Fault {
  readonly senseKey: number;
  readonly asc: number;
  readonly ascq: number;
  readonly pointer?: FieldPointer | undefined;
  /** INFORMATION field (VALID = 1) when present. */
  readonly information?: bigint | undefined;
  /** The device-server rule that gives this response (see `DEVICE_SERVER_RULES`). */
  readonly rule?: RuleId | undefined;
}

/** Thrown inside the engine; caught by `execute()` and turned into sense data. */
export class FaultError extends Error {
  readonly fault: Fault;
  constructor(fault: Fault) {
    super(
      `CHECK CONDITION ${fault.senseKey.toString(16)}h ${fault.asc.toString(16).padStart(2, '0')}h/${fault.ascq.toString(16).padStart(2, '0')}h`,
    );
    this.name = 'FaultError';
    this.fault = fault;
  }
}

/**
 * The fault a device-server rule answers with (its status is CHECK CONDITION): sense key, ASC/ASCQ
 * and field pointer from the rule table, the pointer and INFORMATION of `detail` where the rule
 * computes them.
 */
export function faultFor(rule: RuleId, detail?: RuleDetail): Fault {
  const r = ruleOf(rule);
  const parts = r === undefined ? undefined : ruleSenseParts(r, detail);
  if (parts === undefined) throw new Error(`rule ${rule} does not answer CHECK CONDITION`);
  const sks = parts.senseKeySpecific;
  const pointer =
    sks?.kind === 'fieldPointer'
      ? { cd: sks.commandData, field: sks.fieldPointer, bit: sks.bitPointerValid ? sks.bitPointer : undefined }
      : undefined;
  const info = parts.information;
  return {
    senseKey: parts.senseKey,
    asc: parts.asc,
    ascq: parts.ascq,
    pointer,
    information: info === undefined ? undefined : BigInt(info),
    rule,
  };
}

/** Throw the CHECK CONDITION of a device-server rule (see {@link faultFor}). */
export function fail(rule: RuleId, detail?: RuleDetail): never {
  throw new FaultError(faultFor(rule, detail));
}

/**
 * The sense data of a fault (fixed format unless INFORMATION needs more than 32 bits): sense key,
 * ASC/ASCQ, INFORMATION and the field pointer (SPC-5 "Sense key specific"). The one builder for
 * CHECK CONDITION and for the faults copy results keep.
 */
export function faultSenseData(f: Fault): SenseData {
  const p = f.pointer;
  return buildSenseData({
    senseKey: f.senseKey,
    asc: f.asc,
    ascq: f.ascq,
    information: f.information,
    senseKeySpecific:
      p === undefined
        ? undefined
        : {
            kind: 'fieldPointer',
            sksv: true,
            commandData: p.cd,
            bitPointerValid: p.bit !== undefined,
            bitPointer: p.bit ?? 0,
            fieldPointer: p.field,
          },
  });
}
