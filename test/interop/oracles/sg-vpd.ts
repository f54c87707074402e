/**
 * Runs `sg_vpd` (sg3-utils, Debian 1.46: sg_vpd 1.63) on a VPD page held in a binary file and
 * parses its output. Input: `sg_vpd --inhex=FILE --raw -v [--long]` (`--raw` with `--inhex` means
 * the file is binary; `-v` adds the `[PQual=..  Peripheral device type: ..]` line and, for 8Fh, a
 * `Descriptor type=N [0xN] , len L` line before every descriptor, including the types the tool
 * cannot decode, which it hex-dumps to stderr).
 */
import { runTool } from './tools.js';

export interface SgVpdHeader {
  readonly title: string;
  readonly peripheralQualifier: number | undefined;
  readonly peripheralDeviceTypeName: string | undefined;
}

/** One 8Fh descriptor as printed: its type/length (from -v), section title and its lines. */
export interface SgTpcDescriptor {
  readonly type: number;
  readonly length: number;
  readonly title: string | undefined;
  /** `Key: value` lines in order (nested ROD type lines included, leading blanks trimmed). */
  readonly pairs: readonly (readonly [string, string])[];
  /** Lines without `: ` (list items such as command names or `0x0800`). */
  readonly items: readonly string[];
}

export interface SgTpcPage extends SgVpdHeader {
  readonly descriptors: readonly SgTpcDescriptor[];
  readonly stderr: string;
}

/** One designation descriptor of the 83h page as printed. */
export interface SgDesignator {
  /** Association heading it was printed under. */
  readonly association: string;
  readonly designatorTypeName: string;
  readonly codeSetName: string;
  readonly transport: string | undefined;
  /** The lines that follow (value), trimmed. */
  readonly lines: readonly string[];
}

export interface SgDevIdPage extends SgVpdHeader {
  readonly designators: readonly SgDesignator[];
  readonly unparsed: readonly string[];
  readonly stderr: string;
}

export function runSgVpd(file: string, extra: readonly string[] = []): { stdout: string; stderr: string } {
  const r = runTool('sg_vpd', [`--inhex=${file}`, '--raw', '-v', ...extra]);
  if (r.status !== 0) throw new Error(`sg_vpd exited ${r.status}: ${r.stderr}\n${r.stdout}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

function header(lines: string[]): SgVpdHeader {
  const title = lines.shift() ?? '';
  let pq: number | undefined;
  let pdt: string | undefined;
  const m = /^ {3}\[PQual=(\d+) {2}Peripheral device type: (.*)\]$/.exec(lines[0] ?? '');
  if (m) {
    pq = Number(m[1]);
    pdt = m[2];
    lines.shift();
  }
  return { title, peripheralQualifier: pq, peripheralDeviceTypeName: pdt };
}

/** 8Fh sections whose lines are list items (their text may contain ': '). */
const LIST_TITLES: ReadonlySet<string> = new Set([
  'Supported commands',
  'Supported descriptors',
  'Supported CSCD IDs (above 0x7ff)',
  'Copy group identifier',
]);

/** Parse `sg_vpd -v` output for the Third-party Copy page (8Fh). */
export function parseSgVpdTpc(stdout: string, stderr = ''): SgTpcPage {
  // sg_vpd's hex dump of a malformed 000Dh designator ends without a newline, so the next
  // descriptor's -v line is glued to it: split it off again.
  const fixed = stdout.replace(/([^\n])(Descriptor type=\d+ \[0x[0-9a-f]+\] , len \d+)/g, '$1\n$2');
  const lines = fixed.split('\n').filter((l) => l.trim() !== '');
  const h = header(lines);
  if (h.title !== 'Third party copy VPD page:') throw new Error(`sg_vpd: not a 3PC page: ${h.title}`);
  const descriptors: {
    type: number;
    length: number;
    title: string | undefined;
    pairs: [string, string][];
    items: string[];
  }[] = [];
  for (const l of lines) {
    const d = /^Descriptor type=(\d+) \[0x[0-9a-f]+\] , len (\d+)$/.exec(l);
    if (d) {
      descriptors.push({ type: Number(d[1]), length: Number(d[2]), title: undefined, pairs: [], items: [] });
      continue;
    }
    const cur = descriptors[descriptors.length - 1];
    if (cur === undefined) throw new Error(`sg_vpd: line before first descriptor: ${l}`);
    const t = /^ (\S.*):$/.exec(l);
    if (t && cur.title === undefined) {
      cur.title = t[1]!;
      continue;
    }
    const s = l.trim();
    const kv = /^([^:]+): (.*)$/.exec(s) ?? /^([^:]+):$/.exec(s);
    if (kv && !LIST_TITLES.has(cur.title ?? '')) cur.pairs.push([kv[1]!, kv[2] ?? '']);
    else cur.items.push(s);
  }
  return { ...h, descriptors, stderr };
}

/** Marker line inserted where sg_vpd's output of one designator was cut short. */
export const CUT = '@@interop: output cut here@@';

/** Parse `sg_vpd -v` output for the Device Identification page (83h). */
export function parseSgVpdDevId(stdout: string, stderr = ''): SgDevIdPage {
  // Hex dumps of odd designators can end without a newline: split the next heading off again.
  // Such a dump is also cut short (sg3_utils formats each designator into a bounded buffer):
  // the split point is marked so the comparison knows the dump is a prefix.
  const fixed = stdout
    .replace(
      /^(.*\S) *( {2}(?:Addressed logical unit|Target port|Target device that contains addressed lu):)$/gm,
      `$1\n${CUT}\n$2`,
    )
    .replace(/^(.*\S) *( {4}designator type: )/gm, `$1\n${CUT}\n$2`);
  const lines = fixed.split('\n').filter((l) => l.trim() !== '');
  const h = header(lines);
  if (h.title !== 'Device Identification VPD page:') throw new Error(`sg_vpd: not an 83h page: ${h.title}`);
  const designators: {
    association: string;
    designatorTypeName: string;
    codeSetName: string;
    transport: string | undefined;
    lines: string[];
  }[] = [];
  const unparsed: string[] = [];
  let association = '';
  for (const l of lines) {
    let m = /^ {2}(\S.*):$/.exec(l);
    if (m) {
      association = m[1]!;
      continue;
    }
    m = /^ {4}designator type: (.*), {2}code set: (.*)$/.exec(l);
    if (m) {
      designators.push({ association, designatorTypeName: m[1]!, codeSetName: m[2]!, transport: undefined, lines: [] });
      continue;
    }
    const cur = designators[designators.length - 1];
    if (cur === undefined) {
      unparsed.push(l);
      continue;
    }
    m = /^ {5}transport: (.*)$/.exec(l);
    if (m && cur.lines.length === 0) cur.transport = m[1]!;
    else cur.lines.push(l);
  }
  return { ...h, designators, unparsed, stderr };
}
