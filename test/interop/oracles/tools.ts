/**
 * Locating and running the Debian oracles (sg3-utils: sg_decode_sense, sg_vpd; ddpt: ddptctl).
 *
 * The interop suite never skips: if a tool is missing, {@link requireOracles} throws an error
 * that says exactly what to install.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_HINT = 'apt-get install -y sg3-utils ddpt';

/** The tools and the Debian package that ships each. */
export const ORACLES = {
  sg_decode_sense: 'sg3-utils',
  sg_vpd: 'sg3-utils',
  ddptctl: 'ddpt',
  /** Only its name lookup (`sg_opcodes --enumerate --opcode=OP[,SA] --pdt=DT`), for the 8Fh Supported Commands names. */
  sg_opcodes: 'sg3-utils',
  /** Standard INQUIRY data (`sg_inq --page=sinq --raw --inhex=FILE`). */
  sg_inq: 'sg3-utils',
} as const;
export type OracleName = keyof typeof ORACLES;

/** Version line of a tool (`--version` prints to stderr), or undefined if it cannot run. */
export function oracleVersion(tool: OracleName): string | undefined {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined) return undefined;
  const text = `${r.stdout}${r.stderr}`;
  const m = /version:\s*([^\n]+)/.exec(text);
  return m?.[1]?.trim() ?? text.split('\n')[0]?.trim();
}

/** Throws (never skips) when an oracle is missing, naming the apt-get line that installs it. */
export function requireOracles(): Record<OracleName, string> {
  const out: Partial<Record<OracleName, string>> = {};
  const missing: string[] = [];
  for (const tool of Object.keys(ORACLES) as OracleName[]) {
    const v = oracleVersion(tool);
    if (v === undefined) missing.push(`${tool} (Debian package ${ORACLES[tool]})`);
    else out[tool] = v;
  }
  if (missing.length > 0) {
    throw new Error(
      `interop oracles not found on PATH: ${missing.join(', ')}.\n` +
        `Install them with:  ${INSTALL_HINT}\n` +
        'The interop suite (npm run test:interop) compares our codecs with these independent decoders; it is never skipped.',
    );
  }
  return out as Record<OracleName, string>;
}

export interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a tool synchronously, capturing output. Throws only if the tool cannot be started. */
export function runTool(
  tool: OracleName | 'bash',
  args: readonly string[],
  encoding: 'utf8' | 'latin1' = 'utf8',
): ToolResult {
  const r = spawnSync(tool, args, { encoding, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) {
    throw new Error(`cannot run ${tool}: ${r.error.message}. Install with: ${INSTALL_HINT}`);
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch directory removed by `dispose()`. */
export interface Scratch {
  readonly dir: string;
  write(name: string, bytes: Uint8Array): string;
  dispose(): void;
}

export function scratch(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), `scsi-odx-interop-${prefix}-`));
  return {
    dir,
    write(name, bytes) {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lowercase hex with no separators. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Space-separated hex, the form the sg3_utils command lines accept. */
export function hexArgs(bytes: Uint8Array): string[] {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'));
}

/**
 * Run one shell loop over many items (the oracles take one input per run; forking them from one
 * bash keeps a 300-case corpus well under a second of process start-up). `body` is bash code
 * using "$x" for the item; its stdout per item is returned in order. A non-zero exit of the
 * body fails the batch, naming the item.
 */
export function runBatch(body: string, items: readonly string[], encoding: 'utf8' | 'latin1' = 'utf8'): string[] {
  const out: string[] = [];
  const SEP = '@@@@interop-batch@@@@';
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    const r = spawnSync(
      'bash',
      ['-c', `for x in "$@"; do echo "${SEP}"; { ${body} ; } || echo "${SEP}exit $? for $x"; done`, 'batch', ...chunk],
      {
        encoding,
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    if (r.error !== undefined) throw new Error(`cannot run bash: ${r.error.message}`);
    const parts = r.stdout.split(`${SEP}\n`).slice(1);
    if (parts.length !== chunk.length)
      throw new Error(`batch: ${parts.length} outputs for ${chunk.length} items\n${r.stderr}`);
    for (const p of parts) {
      const m = new RegExp(`${SEP}exit (\\d+) for (.*)`).exec(p);
      if (m) throw new Error(`batch: exit ${m[1]} for ${m[2]}: ${r.stderr}`);
      out.push(p);
    }
  }
  return out;
}
