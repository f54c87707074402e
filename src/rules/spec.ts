/**
 * From a rule to the parts of its sense data (plain values; `senseForRule` and
 * `senseDataFromCodecError` build the sense data from them).
 *
 * @internal
 */
import type { ScsiCodecError } from '../errors.js';
import { fieldPointerSks, type SenseKeySpecific } from '../sense/sense-key-specific.js';
import { DEVICE_SERVER_RULES, isRuleId, type RuleId } from './table.js';
import type { DeviceServerRule } from './types.js';

/**
 * What a caller knows about one occurrence of a rule: the field pointer for rules whose pointer is
 * computed (ignored for rules with a fixed field pointer) and the INFORMATION value.
 *
 * @remarks Since 0.2.0
 */
export interface RuleDetail {
  /** FIELD POINTER for a `computed` field pointer; SKSV = 0 when absent or above FFFFh. */
  readonly fieldPointer?: number | undefined;
  /** BIT POINTER (0-7) for a `computed` field pointer. */
  readonly bitPointer?: number | undefined;
  /** INFORMATION (VALID = 1), for rules whose response carries it. */
  readonly information?: bigint | number | undefined;
}

/** The sense parts of a rule's response. @internal */
export interface RuleSenseParts {
  readonly senseKey: number;
  readonly asc: number;
  readonly ascq: number;
  readonly information: bigint | number | undefined;
  readonly senseKeySpecific: SenseKeySpecific | undefined;
}

/** The rule, or `undefined` for an id that is not in the table. @internal */
export function ruleOf(id: unknown): DeviceServerRule<RuleId> | undefined {
  return isRuleId(id) ? DEVICE_SERVER_RULES[id] : undefined;
}

/**
 * The sense parts of `rule`'s response with `detail`, or `undefined` when the rule answers GOOD.
 *
 * @internal
 */
export function ruleSenseParts(rule: DeviceServerRule, detail: RuleDetail | undefined): RuleSenseParts | undefined {
  const r = rule.response;
  if (r.senseKey === undefined || r.ascAscq === undefined) return undefined;
  const p = r.fieldPointer;
  const senseKeySpecific =
    p === undefined || p.kind === 'none'
      ? undefined
      : p.kind === 'field'
        ? fieldPointerSks(p.commandData, p.byte, p.bit)
        : fieldPointerSks(p.commandData, detail?.fieldPointer, detail?.bitPointer);
  return {
    senseKey: r.senseKey,
    asc: r.ascAscq >> 8,
    ascq: r.ascAscq & 0xff,
    information: r.information === undefined ? undefined : detail?.information,
    senseKeySpecific,
  };
}

/**
 * The rule a codec error breaks: the one set where it was thrown, else the generic rule for its
 * place (CDB: reserved field or invalid field; parameter list: truncated or invalid field).
 *
 * @internal
 */
export function ruleIdOfCodecError(err: ScsiCodecError, where: 'cdb' | 'parameterList' | undefined): RuleId {
  if (isRuleId(err.rule)) return err.rule;
  const place = where ?? (/Cdb$/.test(err.structure) ? 'cdb' : 'parameterList');
  if (place === 'cdb') return err.code === 'ERR_RESERVED_NONZERO' ? 'spc.cdb.reserved' : 'spc.cdb.invalid-field';
  return err.code === 'ERR_TRUNCATED' ? 'spc.parameter-list.truncated' : 'spc.parameter-list.invalid-field';
}
