/**
 * The CLI's JSON schema (which JSON strings are bigint or bytes) must cover every path the
 * arbitraries and the vectors produce. UPDATE_CLI_SCHEMA=1 rewrites src/cli/json-schema.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CODECS } from '../../src/cli/codecs.js';
import { parseHexText } from '../../src/cli/input.js';
import { collectPaths, fromJsonValue, toJsonValue } from '../../src/cli/json.js';
import { JSON_SCHEMAS } from '../../src/cli/json-schema.js';
import { detectKind, type Kind, structureLength } from '../../src/cli/kinds.js';
import { arbOfKind, generatableKinds } from './kind-arbitraries.js';

type PathTypes = Map<string, Set<'bigint' | 'bytes' | 'string'>>;

function pathsOf(kind: Kind): PathTypes {
  const paths: PathTypes = new Map();
  for (const v of fc.sample(arbOfKind(kind), { seed: 42, numRuns: 2000 })) collectPaths(v, paths);
  // Decoded vectors too (lenient decoding may add fields such as `truncated`).
  for (const f of readdirSync('test/vectors').filter((n) => n.endsWith('.hex'))) {
    const bytes = parseHexText(readFileSync(`test/vectors/${f}`, 'latin1'));
    let pos = 0;
    while (pos < bytes.length) {
      const rest = bytes.subarray(pos);
      const k = detectKind(rest)?.kind;
      if (k === undefined) break;
      const len = structureLength(k, rest);
      if (k === kind) collectPaths(CODECS[k]?.decode(rest.subarray(0, len)), paths);
      pos += len;
    }
  }
  return paths;
}

/** `*.name` where every path ending in `name` agrees, full paths otherwise. */
function schemaFrom(paths: PathTypes): Record<string, 'bigint' | 'bytes'> {
  const byName = new Map<string, Set<string>>();
  const nameOf = (p: string): string => p.slice(p.lastIndexOf('.') + 1).replace(/\[\]$/, '');
  for (const [p, types] of paths) {
    const set = byName.get(nameOf(p)) ?? new Set();
    for (const t of types) set.add(t);
    byName.set(nameOf(p), set);
  }
  const out: Record<string, 'bigint' | 'bytes'> = {};
  const entries: [string, 'bigint' | 'bytes'][] = [];
  for (const [p, types] of paths) {
    const t = types.has('bigint') ? 'bigint' : types.has('bytes') ? 'bytes' : undefined;
    if (t === undefined) continue;
    const all = byName.get(nameOf(p)) as Set<string>;
    entries.push(all.size === 1 ? [`*.${nameOf(p)}`, t] : [p, t]);
  }
  for (const [p, t] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) out[p] = t;
  return out;
}

const kinds = generatableKinds();

describe('CLI JSON schema', () => {
  const generated: Partial<Record<Kind, Record<string, 'bigint' | 'bytes'>>> = {};
  for (const kind of kinds) {
    it(`${kind}: no path holds two kinds of string value`, () => {
      const paths = pathsOf(kind);
      const conflicts = [...paths].filter(([, t]) => [...t].length > 1).map(([p, t]) => `${p}: ${[...t].join('|')}`);
      expect(conflicts).toEqual([]);
      generated[kind] = schemaFrom(paths);
    });
  }
  it('src/cli/json-schema.ts is up to date', () => {
    if (process.env['UPDATE_CLI_SCHEMA'] === '1') {
      const body = kinds
        .map((k) => {
          const entries = Object.entries(generated[k] ?? {}).map(([p, t]) => `    '${p}': '${t}',`);
          return `  '${k}': {\n${entries.join('\n')}\n  },`;
        })
        .join('\n');
      const file = readFileSync('src/cli/json-schema.ts', 'utf8');
      const head = file.slice(0, file.indexOf('export const JSON_SCHEMAS'));
      writeFileSync(
        'src/cli/json-schema.ts',
        `${head}export const JSON_SCHEMAS: Partial<Record<Kind, JsonSchema>> = {\n${body}\n};\n`,
      );
      return;
    }
    for (const k of kinds)
      expect(
        JSON_SCHEMAS[k],
        `${k} (run UPDATE_CLI_SCHEMA=1 npx vitest run ${'test/cli/json-schema.test.ts'})`,
      ).toEqual(generated[k]);
  });
  for (const kind of kinds) {
    it(`${kind}: JSON round trip in process (toJsonValue -> JSON text -> fromJsonValue -> encode)`, () => {
      const codec = CODECS[kind];
      for (const v of fc.sample(arbOfKind(kind), { seed: 7, numRuns: 100 })) {
        const bytes = codec?.encode(v as never) as Uint8Array;
        const decoded = codec?.decode(bytes);
        const json = JSON.parse(JSON.stringify(toJsonValue(decoded)));
        const back = fromJsonValue(json, JSON_SCHEMAS[kind] ?? {});
        expect(codec?.encode(back as never)).toEqual(bytes);
      }
    });
  }
});
