/**
 * Sense data from the rule table: {@link senseForRule} and the helper for
 * `validateRangeDescriptors` issues.
 *
 * @packageDocumentation
 */
import { ScsiCodecError } from '../errors.js';
import { show } from '../internal/byte-writer.js';
import { inputFault, ownEntry } from '../internal/contract.js';
import type { RangeDescriptorIssue } from '../parameter-list/block-device-range-descriptor.js';
import {
  BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT,
  type RangeListKind,
  rangeListOffsets,
} from '../parameter-list/layouts.js';
import { buildSenseData, type SenseBuildOptions } from '../sense/builders.js';
import type { SenseData } from '../sense/sense-data.js';
import { type RuleDetail, ruleOf, ruleSenseParts } from './spec.js';
import type { RuleId } from './table.js';

export type { RuleDetail } from './spec.js';

/**
 * The sense data of a rule's response (`DEVICE_SERVER_RULES[id].response`). A fixed field pointer
 * comes from the table; a computed one (the offending field, a descriptor's index) from `detail`.
 * INFORMATION is set from `detail.information` for rules whose response carries it.
 *
 * @example
 * ```ts
 * senseForRule('sbc.populate-token.inactivity-timeout');
 * // ILLEGAL REQUEST 26h/00h, FIELD POINTER 4, C/D = 0
 * senseForRule('sbc.populate-token.reserved', { fieldPointer: 2, bitPointer: 7 });
 * ```
 * @throws {ScsiCodecError} `ERR_UNEXPECTED_VALUE` for an id not in the table, `ERR_INVALID_VALUE`
 * for a rule whose response is GOOD (it has no sense data).
 * @remarks Since 0.2.0
 */
export function senseForRule(id: RuleId, detail?: RuleDetail, options?: SenseBuildOptions): SenseData {
  try {
    const rule = ruleOf(id);
    if (rule === undefined) {
      throw new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'DeviceServerRule', 'id', 0, `${String(id)} is not a rule id`);
    }
    const parts = ruleSenseParts(rule, detail);
    if (parts === undefined) {
      throw new ScsiCodecError(
        'ERR_INVALID_VALUE',
        'DeviceServerRule',
        'id',
        0,
        `rule ${id} answers GOOD: no sense data`,
      );
    }
    return buildSenseData({ ...options, ...parts });
  } catch (e) {
    throw inputFault(e, 'senseForRule', [id, detail, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/** The rule each `validateRangeDescriptors` issue code breaks. */
const RANGE_RULES: { readonly [K in RangeDescriptorIssue['code']]: RuleId } = {
  TOO_MANY_DESCRIPTORS: 'sbc.range-descriptors.too-many',
  OVERLAP: 'sbc.range-descriptors.overlap',
  TOTAL_TOO_LARGE: 'sbc.range-descriptors.total-too-large',
  DESCRIPTOR_TOO_LARGE: 'sbc.range-descriptors.descriptor-too-large',
  OUT_OF_RANGE: 'sbc.range-descriptors.out-of-range',
};

/**
 * The rule a `validateRangeDescriptors` issue breaks and its field pointer in `list` (the
 * POPULATE TOKEN or WRITE USING TOKEN parameter list).
 *
 * @remarks Since 0.2.0
 */
export function ruleForRangeDescriptorIssue(
  issue: RangeDescriptorIssue,
  list: RangeListKind,
): { readonly rule: RuleId; readonly fieldPointer: number } {
  try {
    return rangeIssueRule(issue, list);
  } catch (e) {
    throw inputFault(e, 'ruleForRangeDescriptorIssue', [issue, list], 'ERR_UNEXPECTED_VALUE');
  }
}

function rangeIssueRule(
  issue: RangeDescriptorIssue,
  list: RangeListKind,
): { readonly rule: RuleId; readonly fieldPointer: number } {
  const bad = (field: string, detail: string) =>
    new ScsiCodecError('ERR_UNEXPECTED_VALUE', 'ruleForRangeDescriptorIssue', field, 0, detail);
  if (typeof issue !== 'object' || issue === null) throw bad('issue', 'not an object');
  const rule = ownEntry(RANGE_RULES, issue.code);
  if (rule === undefined) throw bad('code', `${show(issue.code)} is not a range descriptor issue code`);
  const i = issue.descriptorIndex;
  if (typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0) {
    throw bad('descriptorIndex', `${show(i)} is not a non-negative integer`);
  }
  if (list !== 'populateToken' && list !== 'writeUsingToken') throw bad('list', `${show(list)} is not a range list`);
  const o = rangeListOffsets(list);
  const at = o.firstDescriptor + BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.length * issue.descriptorIndex;
  const f = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.field;
  const fieldPointer =
    issue.code === 'TOO_MANY_DESCRIPTORS' || issue.code === 'TOTAL_TOO_LARGE'
      ? o.rangeLength
      : issue.code === 'DESCRIPTOR_TOO_LARGE'
        ? at + f.numberOfLogicalBlocks.offset
        : at + f.logicalBlockAddress.offset;
  return { rule, fieldPointer };
}

/**
 * The sense data a device server returns for a `validateRangeDescriptors` issue found in the
 * range descriptors of `list`: the rule's response (26h/08h, 26h/00h or 21h/00h) with its field
 * pointer (the range length field, or the offending descriptor's LOGICAL BLOCK ADDRESS or NUMBER
 * OF LOGICAL BLOCKS). Report the first issue of the list `validateRangeDescriptors` returns, as
 * the reference copy manager does.
 *
 * @example
 * ```ts
 * const [first] = validateRangeDescriptors(ranges, limits);
 * if (first) return senseForRangeDescriptorIssue(first, 'populateToken');
 * ```
 * @remarks Since 0.2.0
 */
export function senseForRangeDescriptorIssue(
  issue: RangeDescriptorIssue,
  list: RangeListKind,
  options?: SenseBuildOptions,
): SenseData {
  try {
    const { rule, fieldPointer } = ruleForRangeDescriptorIssue(issue, list);
    return senseForRule(rule, { fieldPointer }, options);
  } catch (e) {
    throw inputFault(e, 'senseForRangeDescriptorIssue', [issue, list, options], 'ERR_UNEXPECTED_VALUE');
  }
}
