import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arbThirdPartyCopyVpdPage } from '../../src/arbitraries/vpd.js';
import { encodeThirdPartyCopyVpdPage, type ThirdPartyCopyVpdPage } from '../../src/vpd/third-party-copy.js';
import { validateThirdPartyCopyVpdPage } from '../../src/vpd/validate-third-party-copy.js';
import { mutated } from '../laws.js';
import { GOOD } from './fixtures.js';
import { vector } from './hex.js';

describe('validateThirdPartyCopyVpdPage', () => {
  it('a good page has no issues (object and bytes, with block length)', () => {
    expect(validateThirdPartyCopyVpdPage(GOOD, { blockLength: 512 })).toEqual([]);
    expect(validateThirdPartyCopyVpdPage(encodeThirdPartyCopyVpdPage(GOOD), { blockLength: 512 })).toEqual([]);
  });

  it('reports every problem of a page at once, with paths and offsets', () => {
    const b = encodeThirdPartyCopyVpdPage(GOOD);
    // descriptor offsets: 0000h @4 (36), 0001h @40 (16), 0106h @56 (96), 0108h @152 (136), 8001h @288 (36)
    expect(b.length).toBe(288 + 36);
    const bad = b.slice();
    bad[4 + 19] = 120; // DEFAULT INACTIVITY TIMEOUT 120 > MAXIMUM 60
    bad[56 + 4] = 0x23; // ROD Token Features: reserved bits 7:4 and REMOTE TOKENS 3h (reserved)
    bad[152 + 8 + 64 + 4] = (bad[152 + 8 + 64 + 4] as number) | 0x01; // TOKEN_OUT for FFFF0001h
    bad[152 + 8 + 7] = 0x05; // preference 5: sum not 0/FFFFh
    bad[288 + 11] = 17; // MAXIMUM IDENTIFIED CONCURRENT COPIES 17 > 16
    bad[52] = 0x02; // 84h SAs 03h, 02h: not ascending, and RRTI (07h) no longer listed
    const issues = validateThirdPartyCopyVpdPage(bad, { blockLength: 4096 });
    expect(issues.map((i) => [i.code, i.path, i.offset])).toEqual([
      ['ERR_INVALID_VALUE', 'descriptors[0].defaultInactivityTimeout', 20],
      ['ERR_INVALID_VALUE', 'descriptors[0].maximumTokenTransferSize', 24],
      ['ERR_INVALID_VALUE', 'descriptors[1].commands', 45],
      ['ERR_INVALID_VALUE', 'descriptors[1].commands[1].serviceActions[1]', 52],
      ['ERR_RESERVED_NONZERO', 'descriptors[2].reserved', 60],
      ['ERR_INVALID_VALUE', 'descriptors[2].remoteTokens', 60],
      ['ERR_INVALID_VALUE', 'descriptors[3].preferenceIndicator', 160],
      ['ERR_INVALID_VALUE', 'descriptors[3].rodTypes[1].tokenOut', 228],
      ['ERR_INVALID_VALUE', 'descriptors[4].maximumIdentifiedConcurrentCopies', 296],
    ]);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(10);
  });

  it('structural problems: order, lengths, missing mandatory descriptors', () => {
    const page: ThirdPartyCopyVpdPage = { ...GOOD, descriptors: [GOOD.descriptors[4]!, GOOD.descriptors[0]!] };
    const issues = validateThirdPartyCopyVpdPage(page);
    expect(issues.map((i) => [i.code, i.path, i.offset])).toEqual([
      ['ERR_INVALID_VALUE', 'descriptors', 4],
      ['ERR_INVALID_VALUE', 'descriptors[1].descriptorType', 40],
    ]);
    expect(issues[0]?.message).toMatch(/Supported Commands/);
  });

  it('the sg3_utils sample: clamped PAGE LENGTH, implicit CSCD IDs listed, no 8001h', () => {
    const issues = validateThirdPartyCopyVpdPage(vector('sg3utils_inhex_vpd_tpc.hex'));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ERR_LENGTH_MISMATCH', 'pageLength'],
      ['ERR_INVALID_VALUE', 'descriptors'],
      ['ERR_INVALID_VALUE', 'descriptors[4].cscdIds[0]'],
      ['ERR_INVALID_VALUE', 'descriptors[4].cscdIds[1]'],
    ]);
    expect(issues[1]?.message).toMatch(/General Copy Operations/);
  });

  it('undecodable input yields one issue, never a throw', () => {
    expect(validateThirdPartyCopyVpdPage(new Uint8Array([0, 0x80, 0, 0]))).toEqual([
      { code: 'ERR_UNEXPECTED_VALUE', path: 'pageCode', offset: 1, message: 'expected 0x8f, got 0x80' },
    ]);
    const bad = {
      ...GOOD,
      descriptors: [{ ...GOOD.descriptors[0]!, maximumRangeDescriptors: 70000 }],
    } as ThirdPartyCopyVpdPage;
    expect(validateThirdPartyCopyVpdPage(bad).map((i) => [i.code, i.path, i.offset])).toEqual([
      ['ERR_FIELD_RANGE', 'descriptors[0].maximumRangeDescriptors', 14],
    ]);
  });

  test.prop([
    fc.oneof(
      arbThirdPartyCopyVpdPage().map(encodeThirdPartyCopyVpdPage),
      mutated(arbThirdPartyCopyVpdPage().map(encodeThirdPartyCopyVpdPage)),
      fc.uint8Array({ maxLength: 300 }),
    ),
  ])('never throws on any bytes', (bytes) => {
    expect(Array.isArray(validateThirdPartyCopyVpdPage(bytes, { blockLength: 512 }))).toBe(true);
  });
});
