/** docs/rules.md is the rendering of DEVICE_SERVER_RULES (it cannot drift from the table). */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderRulesMarkdown } from './render.js';

describe('docs/rules.md', () => {
  test('is the rendering of the rule table', () => {
    const want = renderRulesMarkdown();
    if (process.env['RULES_DOC_WRITE'] === '1') writeFileSync('docs/rules.md', want);
    expect(readFileSync('docs/rules.md', 'utf8')).toBe(want);
  });
});
