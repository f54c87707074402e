/**
 * The structure of src/ stays the way ARCHITECTURE.md describes it: no import circles, no source
 * file over 600 lines of code, no function over 80 lines.
 *
 * - Imports: every `import`, `import type`, `export ... from` and `import()` with a relative
 *   specifier is an edge (type-only imports too: a circle of types is still a circle to read).
 * - File size: physical lines minus the lines of data tables. A data table is a top-level `const`
 *   whose initializer (under `as const` / `satisfies`) is an object or array literal holding only
 *   literals (strings, numbers, booleans, nested objects and arrays, references to constants): no
 *   function, arrow, call or class, or a `defineLayout(...)` call (src/internal/layout.ts) whose
 *   arguments are such literals. `src/constants/asc-ascq.ts` is the typical one.
 * - Function size: the lines a function, method, accessor, constructor or arrow function spans,
 *   nested functions included.
 *
 * Files and functions that are too big are listed in EXCEPTIONS with the reason; an entry that is
 * no longer needed fails the test, so the list only shrinks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');
const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 80;

/**
 * Known violations, each with the reason it is allowed: `what` is a file (too many lines),
 * `file#function` (too long) or `circle: a <-> b` (files sorted).
 */
const EXCEPTIONS: readonly { readonly what: string; readonly reason: string }[] = [
  {
    what: 'src/rules/table.ts',
    reason:
      'data table: the device server rule entries, built with small helpers (invalidPar, computed) that the literal-only data-table detection does not recognise',
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = sourceFiles(SRC);
const rel = (p: string): string => relative(resolve('.'), p).split('\\').join('/');
const parsed = new Map(
  files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]),
);

/** Resolve a relative specifier (`./x.js`, `../y/index.js`, `./z`) to a file of src/. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|ts|mjs|cjs)$/, '');
  for (const c of [`${stem}.ts`, join(stem, 'index.ts')]) if (parsed.has(c)) return c;
  return undefined;
}

function importsOf(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier !== undefined) {
      if (ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] !== undefined &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      out.push(n.arguments[0].text);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      out.push(n.argument.literal.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

/** True for an expression made only of literals, constant references and nested literals. */
function isData(e: ts.Expression): boolean {
  if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e))
    return isData(e.expression);
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every(
      (p) =>
        (ts.isPropertyAssignment(p) && isData(p.initializer)) ||
        ts.isShorthandPropertyAssignment(p) ||
        (ts.isSpreadAssignment(p) && isData(p.expression)),
    );
  }
  if (ts.isArrayLiteralExpression(e))
    return e.elements.every((x) => (ts.isSpreadElement(x) ? isData(x.expression) : isData(x)));
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'defineLayout')
    return e.arguments.every(isData);
  if (ts.isPrefixUnaryExpression(e)) return isData(e.operand);
  if (ts.isBinaryExpression(e)) return isData(e.left) && isData(e.right);
  return (
    ts.isStringLiteralLike(e) ||
    ts.isNumericLiteral(e) ||
    ts.isBigIntLiteral(e) ||
    ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword
  );
}

const lineOf = (sf: ts.SourceFile, pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;

/** Physical lines, minus the lines of top-level data tables. */
function codeLines(sf: ts.SourceFile): { lines: number; table: number } {
  let table = 0;
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (d.initializer !== undefined && isData(d.initializer) && !ts.isIdentifier(d.initializer)) {
        table += lineOf(sf, d.initializer.getEnd()) - lineOf(sf, d.initializer.getStart(sf)) + 1;
      }
    }
  }
  const lines = sf.text.split('\n').length - (sf.text.endsWith('\n') ? 1 : 0);
  return { lines: lines - table, table };
}

function functionName(n: ts.Node, sf: ts.SourceFile): string {
  const named = n as { name?: ts.Node };
  if (named.name !== undefined) return named.name.getText(sf);
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  const p = n.parent;
  if (p !== undefined && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)))
    return p.name.getText(sf);
  return `(anonymous@${lineOf(sf, n.getStart(sf)) + 1})`;
}

function longFunctions(sf: ts.SourceFile): { name: string; lines: number }[] {
  const out: { name: string; lines: number }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && (n as { body?: ts.Node }).body !== undefined) {
      const lines = lineOf(sf, n.getEnd()) - lineOf(sf, n.getStart(sf)) + 1;
      if (lines > MAX_FUNCTION_LINES) out.push({ name: functionName(n, sf), lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const graph = new Map<string, string[]>();
for (const [f, sf] of parsed) {
  const deps = importsOf(sf)
    .map((s) => resolveImport(f, s))
    .filter((x): x is string => x !== undefined);
  graph.set(f, [...new Set(deps)]);
}

const circleName = (files: readonly string[]): string => `circle: ${files.join(' <-> ')}`;

const violations: string[] = circles(graph).map(circleName);
for (const [f, sf] of parsed) {
  const { lines } = codeLines(sf);
  if (lines > MAX_FILE_LINES) violations.push(rel(f));
  for (const fn of longFunctions(sf)) violations.push(`${rel(f)}#${fn.name}`);
}
const report = (what: string): string => {
  if (what.startsWith('circle: ')) return what;
  const [file, fn] = what.split('#') as [string, string | undefined];
  const sf = parsed.get(resolve(file)) as ts.SourceFile;
  if (fn === undefined) return `${what}: ${codeLines(sf).lines} lines of code (max ${MAX_FILE_LINES})`;
  const n = longFunctions(sf).find((x) => x.name === fn)?.lines;
  return `${what}: ${n} lines (max ${MAX_FUNCTION_LINES})`;
};

describe('architecture of src/', () => {
  it('reads every source file and its imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.values()].some((d) => d.length > 0)).toBe(true);
  });

  it('has no import circles', () => {
    const excepted = new Set(EXCEPTIONS.map((e) => e.what));
    expect(
      circles(graph)
        .map(circleName)
        .filter((c) => !excepted.has(c)),
    ).toEqual([]);
  });

  it(`has no source file over ${MAX_FILE_LINES} lines of code and no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const excepted = new Set(EXCEPTIONS.map((e) => e.what));
    if (process.env['ARCH_REPORT'] !== undefined) console.log(violations.map(report).join('\n'));
    expect(violations.filter((v) => !excepted.has(v)).map(report)).toEqual([]);
  });

  it('lists only exceptions that are still needed', () => {
    const now = new Set(violations);
    expect(
      EXCEPTIONS.filter((e) => !now.has(e.what)).map((e) => `${e.what} (${e.reason}) is within limits now`),
    ).toEqual([]);
  });

  it('the checks see what they must (a circle, a data table, a long function)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(g)).toEqual([['a', 'b', 'c']]);
    const table = ts.createSourceFile(
      't.ts',
      `export const T = {\n  a: 1,\n  b: [2, 'x'],\n} as const;\nexport const F = { f: () => 1 };\n`,
      ts.ScriptTarget.Latest,
      true,
    );
    expect(codeLines(table)).toEqual({ lines: 1, table: 4 });
    const layout = ts.createSourceFile(
      'y.ts',
      `const L = defineLayout('X', 2, [\n  { name: 'a', offset: 0, width: 2, kind: 'uint' },\n]);\nconst C = f([\n  1,\n]);\n`,
      ts.ScriptTarget.Latest,
      true,
    );
    expect(codeLines(layout)).toEqual({ lines: 3, table: 3 });
    const long = ts.createSourceFile(
      'l.ts',
      `function big() {\n${'  f();\n'.repeat(MAX_FUNCTION_LINES - 1)}}\nconst small = () => {\n  g();\n};\n`,
      ts.ScriptTarget.Latest,
      true,
    );
    expect(longFunctions(long)).toEqual([{ name: 'big', lines: MAX_FUNCTION_LINES + 1 }]);
  });
});
