/**
 * Kill tests for `layouts.ts` (issue 17): the range-list offsets the rule table's field pointers
 * come from, for both lists (SBC-5 table 72: range length at byte 14, descriptors from byte 16;
 * table 159: at 534 and from 536). Through the public `ruleForRangeDescriptorIssue`.
 */
import { describe, expect, it } from 'vitest';
import { ruleForRangeDescriptorIssue } from '../../src/index.js';

describe('range list offsets of POPULATE TOKEN and WRITE USING TOKEN', () => {
  it('the range length field and descriptor 2 of each list', () => {
    const at = (
      code: 'TOO_MANY_DESCRIPTORS' | 'OUT_OF_RANGE' | 'DESCRIPTOR_TOO_LARGE',
      list: 'populateToken' | 'writeUsingToken',
    ) => ruleForRangeDescriptorIssue({ code, descriptorIndex: 2 } as never, list).fieldPointer;
    expect(at('TOO_MANY_DESCRIPTORS', 'populateToken')).toBe(14);
    expect(at('OUT_OF_RANGE', 'populateToken')).toBe(16 + 2 * 16);
    expect(at('DESCRIPTOR_TOO_LARGE', 'populateToken')).toBe(16 + 2 * 16 + 8);
    expect(at('TOO_MANY_DESCRIPTORS', 'writeUsingToken')).toBe(534);
    expect(at('OUT_OF_RANGE', 'writeUsingToken')).toBe(536 + 2 * 16);
    expect(at('DESCRIPTOR_TOO_LARGE', 'writeUsingToken')).toBe(536 + 2 * 16 + 8);
  });
});
