/**
 * Near-miss expectations from the device-server rule table: a rule id and the field pointer of
 * the case give the conforming responses (the rule's response, then its alternatives) and the
 * sense data of the reference copy manager (`senseForRule`).
 *
 * @packageDocumentation
 */
import type { ConformingResponse, ExpectedResponse } from '../conformance/replay.js';
import { DEVICE_SERVER_RULES, isRuleId, type RuleId, type RuleResponse, senseForRule } from '../rules/index.js';
import type { SenseData } from '../sense/index.js';

/** Where a case puts its defect (for rules whose field pointer is computed). */
export interface CasePointer {
  readonly byte: number;
  readonly bit?: number | undefined;
}

function ruleOf(id: string): (typeof DEVICE_SERVER_RULES)[RuleId] {
  if (!isRuleId(id)) throw new Error(`no device-server rule ${id}`);
  return DEVICE_SERVER_RULES[id];
}

function conforming(r: RuleResponse, at: CasePointer | undefined): ConformingResponse {
  if (r.senseKey === undefined || r.ascAscq === undefined) return { status: r.status };
  const base = { status: r.status, senseKey: r.senseKey, asc: r.ascAscq >> 8, ascq: r.ascAscq & 0xff };
  const p = r.fieldPointer;
  if (p === undefined || p.kind === 'none') return { ...base, fieldPointer: null };
  const byte = p.kind === 'field' ? p.byte : at?.byte;
  const bit = p.kind === 'field' ? p.bit : at?.bit;
  if (byte === undefined) throw new Error('a computed field pointer needs the case pointer');
  return {
    ...base,
    fieldPointer: bit === undefined ? { commandData: p.commandData, byte } : { commandData: p.commandData, byte, bit },
  };
}

/** The conforming responses of rule `id` for a case whose defect is at `at`. */
export function expectationFor(id: string, at?: CasePointer): ExpectedResponse {
  const r = ruleOf(id);
  return { rule: id, conforming: [r.response, ...r.alternatives].map((x) => conforming(x, at)) };
}

/** Sense data of rule `id`'s response (`senseForRule`), `undefined` when the rule answers GOOD. */
export function senseOfRule(id: string, at?: CasePointer): SenseData | undefined {
  const r = ruleOf(id);
  if (r.response.senseKey === undefined) return undefined;
  return senseForRule(id as RuleId, at === undefined ? undefined : { fieldPointer: at.byte, bitPointer: at.bit });
}
