/**
 * `scsi-odx corpus` from the built binary: deterministic for a seed; every valid case decodes
 * strictly; every invalid case is rejected the way its manifest line says, with the sense data
 * a correct target returns.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeNearMissKindStrict,
  type NearMissKind,
  nearMissSenseFromCodecError,
} from '../../src/arbitraries/near-miss.js';
import { CODECS } from '../../src/cli/codecs.js';
import { toHex } from '../../src/cli/input.js';
import type { Kind } from '../../src/cli/kinds.js';
import { isScsiCodecError, type ScsiCodecError } from '../../src/errors.js';
import { type BlockDeviceRangeDescriptor, validateRangeDescriptors } from '../../src/parameter-list/index.js';
import { DEVICE_SERVER_RULES, type RuleId } from '../../src/rules/index.js';
import { encodeSenseData } from '../../src/sense/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'scsi-odx-corpus-'));

function corpus(dir: string, args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'corpus', '--out', join(tmp, dir), ...args], {
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr };
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(join(tmp, dir)).sort()) out.set(f, toHex(readFileSync(join(tmp, dir, f))));
  return out;
}

interface ManifestLine {
  readonly file: string;
  readonly kind: Kind;
  readonly valid: boolean;
  readonly length: number;
  readonly mutation?: string;
  readonly detectedBy?: 'decoder' | 'validator' | 'target';
  readonly expected?: {
    senseData?: string;
    additionalSenseCode?: number;
    additionalSenseCodeQualifier?: number;
    rule?: string;
  };
}

const NEAR_MISS = new Set<Kind>(['cdb', 'populate-token-params', 'write-using-token-params', 'rod-token']);
/** EXTENDED COPY lists: near-misses answered from the device-server rule table. */
const XCOPY_NEAR_MISS = new Set<Kind>(['extended-copy-params', 'extended-copy-lid4-params']);

function strictError(fn: () => unknown): ScsiCodecError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (isScsiCodecError(e)) return e;
    throw e;
  }
}

describe('scsi-odx corpus', () => {
  const args = [
    '--kind',
    'all',
    '--count',
    '900',
    '--seed',
    '7',
    '--invalid-ratio',
    '0.6',
    '--dict',
    join(tmp, 'odx.dict'),
  ];

  it('is byte-identical for the same seed, different for another', () => {
    expect(corpus('a', args).status).toBe(0);
    expect(corpus('b', args).status).toBe(0);
    const a = snapshot('a');
    expect(a.size).toBe(902); // 900 cases + manifest.jsonl + the .scsi-odx-corpus marker
    expect(snapshot('b')).toEqual(a);
    expect(corpus('c', ['--kind', 'all', '--count', '900', '--seed', '8']).status).toBe(0);
    expect(snapshot('c')).not.toEqual(a);
    const dict = readFileSync(join(tmp, 'odx.dict'), 'utf8');
    expect(dict).toContain('write_using_token="\\x83\\x11"');
    expect(dict).toContain('rod_token_length_01f8="\\x01\\xf8"');
  });

  it('every valid case decodes strictly; every invalid case is rejected as its manifest line says', () => {
    const lines = readFileSync(join(tmp, 'a', 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ManifestLine);
    expect(lines).toHaveLength(900);
    const counts = new Map<string, number>();
    for (const m of lines) {
      const bytes = new Uint8Array(readFileSync(join(tmp, 'a', m.file)));
      expect(bytes.length).toBe(m.length);
      const codec = CODECS[m.kind];
      if (codec === undefined) throw new Error(`no codec for ${m.kind}`);
      const key = `${m.kind}/${m.valid ? 'valid' : m.mutation}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (m.valid) {
        expect(
          strictError(() => codec.decode(bytes, { strict: true })),
          m.file,
        ).toBeUndefined();
        continue;
      }
      if (XCOPY_NEAR_MISS.has(m.kind)) {
        // decoder: strict decoding rejects it; target: only the copy manager does. The sense is the rule's.
        const err = strictError(() => codec.decode(bytes, { strict: true }));
        expect(err === undefined, `${m.file} ${m.mutation}`).toBe(m.detectedBy === 'target');
        const rule = DEVICE_SERVER_RULES[m.expected?.rule as RuleId];
        expect(rule, `${m.file} rule ${m.expected?.rule}`).toBeDefined();
        expect([m.expected?.additionalSenseCode, m.expected?.additionalSenseCodeQualifier]).toEqual([
          (rule.response.ascAscq as number) >> 8,
          (rule.response.ascAscq as number) & 0xff,
        ]);
        continue;
      }
      if (!NEAR_MISS.has(m.kind)) {
        expect(
          strictError(() => codec.decode(bytes, { strict: true })),
          m.file,
        ).toBeDefined();
        continue;
      }
      const kind = m.kind as NearMissKind;
      const err = strictError(() => decodeNearMissKindStrict(kind, bytes));
      if (m.detectedBy === 'decoder') {
        expect(err, `${m.file} ${m.mutation}`).toBeDefined();
        const sense = toHex(encodeSenseData(nearMissSenseFromCodecError(kind, err as ScsiCodecError)));
        expect(sense, `${m.file} ${m.mutation}: ${err?.message}`).toBe(m.expected?.senseData);
      } else {
        expect(err, `${m.file} ${m.mutation}`).toBeUndefined();
        if (m.detectedBy === 'validator') {
          const list = decodeNearMissKindStrict(kind, bytes) as {
            blockDeviceRangeDescriptors: BlockDeviceRangeDescriptor[];
          };
          const issues = validateRangeDescriptors(list.blockDeviceRangeDescriptors);
          expect(
            issues.some(
              (i) => i.asc === m.expected?.additionalSenseCode && i.ascq === m.expected?.additionalSenseCodeQualifier,
            ),
            m.file,
          ).toBe(true);
        }
      }
    }
    // Both valid and invalid cases of every generated kind are present.
    const kinds = new Set(lines.map((l) => l.kind));
    for (const k of kinds) {
      expect(counts.get(`${k}/valid`), k).toBeGreaterThan(0);
      expect(
        [...counts.keys()].some((c) => c.startsWith(`${k}/`) && !c.endsWith('/valid')),
        k,
      ).toBe(true);
    }
  });

  it('reports progress on stderr and rejects bad options (exit 2)', () => {
    const r = corpus('d', ['--kind', 'sense', '--count', '10', '--seed', '1']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/corpus: 10 cases in .* \(\d+ ms\)/);
    expect(corpus('e', ['--kind', 'sense', '--count', '10', '--seed', '1', '--invalid-ratio', '2']).status).toBe(2);
    expect(corpus('e', ['--kind', 'bogus', '--count', '10', '--seed', '1']).status).toBe(2);
  });
});
