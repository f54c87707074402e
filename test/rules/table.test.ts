/** The rule table is well formed, and senseForRule / senseForRangeDescriptorIssue answer from it. */
import { describe, expect, test } from 'vitest';
import { ascAscqName } from '../../src/constants/asc-ascq.js';
import { SAM_STATUS } from '../../src/constants/sam-status.js';
import { isScsiCodecError } from '../../src/errors.js';
import { validateRangeDescriptors } from '../../src/parameter-list/index.js';
import {
  DEVICE_SERVER_RULES,
  isRuleId,
  type RuleId,
  senseForRangeDescriptorIssue,
  senseForRule,
} from '../../src/rules/index.js';
import { normalizeSenseData } from '../../src/sense/index.js';

const rules = Object.values(DEVICE_SERVER_RULES);

describe('DEVICE_SERVER_RULES', () => {
  test('ids are the keys, stable in form, and every response is well formed', () => {
    expect(rules.length).toBeGreaterThanOrEqual(60);
    for (const [key, r] of Object.entries(DEVICE_SERVER_RULES)) {
      expect(r.id).toBe(key);
      expect(r.id).toMatch(/^(spc|sbc|sam)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(isRuleId(r.id)).toBe(true);
      expect(r.commands.length).toBeGreaterThan(0);
      expect(r.reference).toMatch(/^(SPC|SBC|SAM)-\d/);
      for (const resp of [r.response, ...r.alternatives]) {
        if (resp.status === SAM_STATUS.GOOD) {
          expect(resp.senseKey).toBeUndefined();
          continue;
        }
        expect(resp.status).toBe(SAM_STATUS.CHECK_CONDITION);
        const code = resp.ascAscq as number;
        expect(ascAscqName(code >> 8, code & 0xff), `${r.id} ${code.toString(16)}`).toBeDefined();
        const p = resp.fieldPointer;
        if (p?.kind === 'field') expect(p.byte).toBeLessThan(0x10000);
      }
      // A choice is explained.
      if (r.alternatives.length > 0 && !r.id.startsWith('spc.extended-copy.')) expect(r.reasoning, r.id).toBeDefined();
    }
    expect(isRuleId('sbc.no-such-rule')).toBe(false);
    expect(isRuleId('toString')).toBe(false);
  });

  test('senseForRule builds the response of every CHECK CONDITION rule; GOOD rules have no sense data', () => {
    for (const r of rules) {
      if (r.response.status === SAM_STATUS.GOOD) {
        expect(() => senseForRule(r.id), r.id).toThrow(/answers GOOD/);
        continue;
      }
      const s = normalizeSenseData(senseForRule(r.id, { fieldPointer: 300, bitPointer: 3, information: 7n }));
      expect([s.senseKey, s.asc * 256 + s.ascq], r.id).toEqual([r.response.senseKey, r.response.ascAscq]);
      const p = r.response.fieldPointer;
      const sks = s.senseKeySpecific;
      if (p === undefined || p.kind === 'none') expect(sks?.sksv ?? false, r.id).toBe(false);
      else if (sks?.kind === 'fieldPointer') {
        expect([sks.commandData, sks.fieldPointer], r.id).toEqual([p.commandData, p.kind === 'field' ? p.byte : 300]);
      } else throw new Error(`${r.id}: no field pointer`);
      expect(s.information !== undefined, r.id).toBe(r.response.information !== undefined);
    }
    expect(() => senseForRule('nope' as RuleId)).toThrow(/not a rule id/);
  });

  test('senseForRangeDescriptorIssue: the rule and its pointer in each list', () => {
    const d = (lba: bigint, n: number) => ({ logicalBlockAddress: lba, numberOfLogicalBlocks: n });
    const cases: [ReturnType<typeof validateRangeDescriptors>[number], number, number, number][] = [];
    const [over] = validateRangeDescriptors([d(0n, 8), d(4n, 8)]);
    const [out] = validateRangeDescriptors([d(0n, 1), d(10n, 8)], { capacity: 12n });
    const [many] = validateRangeDescriptors([d(0n, 1), d(2n, 1)], { maximumRangeDescriptors: 1 });
    const [total] = validateRangeDescriptors([d(0n, 5), d(10n, 5)], { maximumTokenTransferSize: 8n });
    const [large] = validateRangeDescriptors([d(0n, 1), d(10n, 5)], { maximumBlocksPerDescriptor: 4 });
    for (const [issue, asc, pt, wut] of [
      [over, 0x2600, 32, 552],
      [out, 0x2100, 32, 552],
      [many, 0x2608, 14, 534],
      [total, 0x2600, 14, 534],
      [large, 0x2600, 40, 560],
    ] as const) {
      if (issue === undefined) throw new Error('no issue');
      cases.push([issue, asc, pt, wut]);
      for (const [list, at] of [
        ['populateToken', pt],
        ['writeUsingToken', wut],
      ] as const) {
        const s = normalizeSenseData(senseForRangeDescriptorIssue(issue, list));
        const sks = s.senseKeySpecific;
        expect([s.senseKey, s.asc * 256 + s.ascq, sks?.kind === 'fieldPointer' ? sks.fieldPointer : -1]).toEqual([
          5,
          asc,
          at,
        ]);
      }
    }
    expect(cases).toHaveLength(5);
    try {
      senseForRangeDescriptorIssue({ code: 'NOPE' } as never, 'populateToken');
      throw new Error('no error');
    } catch (e) {
      expect(isScsiCodecError(e)).toBe(true);
    }
  });
});
