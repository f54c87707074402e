/**
 * Device-server rules: public exports of this area.
 *
 * @packageDocumentation
 */
export type { RuleDetail } from './sense.js';
export { ruleForRangeDescriptorIssue, senseForRangeDescriptorIssue, senseForRule } from './sense.js';
export type { RuleId } from './table.js';
export { DEVICE_SERVER_RULES, isRuleId } from './table.js';
export type { DeviceServerRule, RuleFieldPointer, RuleResponse } from './types.js';
