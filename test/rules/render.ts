/**
 * Renders DEVICE_SERVER_RULES as docs/rules.md (the rule table for readers). The doc test checks
 * the file against this rendering; `RULES_DOC_WRITE=1 npx vitest run test/rules/doc.test.ts`
 * rewrites it.
 */
import { ascAscqName } from '../../src/constants/asc-ascq.js';
import { samStatusName } from '../../src/constants/sam-status.js';
import { senseKeyName } from '../../src/constants/sense-key.js';
import { DEVICE_SERVER_RULES, type RuleFieldPointer, type RuleResponse } from '../../src/rules/index.js';

const hex2 = (v: number): string => `${v.toString(16).toUpperCase().padStart(2, '0')}h`;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function pointer(p: RuleFieldPointer | undefined): string {
  if (p === undefined || p.kind === 'none') return 'no sense key specific data';
  const where = p.commandData ? 'CDB' : 'parameter list';
  if (p.kind === 'field') return `field pointer: ${where} byte ${p.byte}${p.bit === undefined ? '' : ` bit ${p.bit}`}`;
  return `field pointer: ${where}, ${p.how}`;
}

/** One response in words. */
export function renderResponse(r: RuleResponse): string {
  const status = samStatusName(r.status) ?? hex2(r.status);
  if (r.senseKey === undefined || r.ascAscq === undefined)
    return `${status}${r.effect === undefined ? '' : `: ${r.effect}`}`;
  const asc = r.ascAscq >> 8;
  const ascq = r.ascAscq & 0xff;
  const parts = [
    `${status}, ${senseKeyName(r.senseKey) ?? hex2(r.senseKey)}, ${hex2(asc)}/${hex2(ascq)} ${ascAscqName(asc, ascq) ?? ''}`.trim(),
    pointer(r.fieldPointer),
  ];
  if (r.information !== undefined) parts.push(`INFORMATION: ${r.information}`);
  if (r.effect !== undefined) parts.push(r.effect);
  return parts.join('; ');
}

/** docs/rules.md. */
export function renderRulesMarkdown(): string {
  const rules = Object.values(DEVICE_SERVER_RULES);
  const lines = [
    '# Device-server rules',
    '',
    '<!-- Generated from DEVICE_SERVER_RULES (src/rules/table.ts) by test/rules/render.ts; do not edit.',
    '     Regenerate: RULES_DOC_WRITE=1 npx vitest run test/rules/doc.test.ts -->',
    '',
    'Every check the reference copy manager (`scsi-odx/copy-manager`) makes, as the rule table',
    '`DEVICE_SERVER_RULES` exported by `scsi-odx` holds it: a stable id, the condition, the response',
    'the copy manager gives and the standard it follows. Where the standard leaves a choice, the other',
    'conforming responses are listed with the reason for the choice. Decoder errors and issues carry the',
    'id (`ScsiCodecError.rule`, `DecodeIssue.rule`); `senseForRule(id, detail)` builds the sense data.',
    '',
    `${rules.length} rules.`,
    '',
    '| Rule id | Commands | Condition | Response of the copy manager | Other conforming responses | Standard |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rules) {
    const alt = r.alternatives.map(renderResponse).join(' / ');
    const why = r.reasoning === undefined ? '' : ` (Why: ${r.reasoning})`;
    lines.push(
      `| \`${r.id}\` | ${cell(r.commands.join(', '))} | ${cell(r.condition)} | ${cell(renderResponse(r.response))} | ${cell(alt === '' ? '-' : alt + why)} | ${cell(r.reference)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
