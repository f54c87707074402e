// biome-ignore-all lint/suspicious/noAssignInExpressions: line parsers test one regex after another and keep the match
/**
 * Runs `sg_decode_sense` (sg3-utils, Debian 1.46: tool 1.21, libsgutils 1.97) and parses what it
 * prints into plain data. Every line the tool prints for fixed and descriptor sense is recognised;
 * an unrecognised line is kept in `unparsed` so that the comparison can fail on it instead of
 * silently ignoring it.
 *
 * Input: `sg_decode_sense --binary=FILE` (one sense buffer per run; the tool has no batch mode).
 */
import { runBatch, runTool } from './tools.js';

/** sg3_utils sense key names, indexed by sense key. */
export const SG_SENSE_KEY_NAMES: readonly string[] = [
  'No Sense',
  'Recovered Error',
  'Not Ready',
  'Medium Error',
  'Hardware Error',
  'Illegal Request',
  'Unit Attention',
  'Data Protect',
  'Blank Check',
  'Vendor specific(9)',
  'Copy Aborted',
  'Aborted Command',
  'Equal',
  'Volume Overflow',
  'Miscompare',
  'Completed',
];

/** sg3_utils SAM status names (forwarded status). */
export const SG_SAM_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'Good',
  2: 'Check Condition',
  4: 'Condition Met',
  8: 'Busy',
  16: 'Intermediate (obsolete)',
  20: 'Intermediate-Condition Met (obsolete)',
  24: 'Reservation Conflict',
  34: 'Command terminated (obsolete)',
  40: 'Task Set Full',
  48: 'ACA Active',
  64: 'Task Aborted',
};

/** How sg_decode_sense printed the ASC/ASCQ. */
export type ParsedAsc =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'vendorAsc'; readonly asc: number; readonly ascq: number }
  | { readonly kind: 'vendorAscq'; readonly asc: number; readonly ascq: number }
  | { readonly kind: 'unknown'; readonly asc: number; readonly ascq: number };

/** A sense-key-specific field as printed. */
export type ParsedSks =
  | { readonly kind: 'fieldPointer'; readonly cd: boolean; readonly fieldPointer: number; readonly bitPointer?: number }
  | { readonly kind: 'progress'; readonly whole: number; readonly hundredths: number }
  | { readonly kind: 'retryCount'; readonly count: number }
  | {
      readonly kind: 'segmentPointer';
      readonly sd: boolean;
      readonly fieldPointer: number;
      readonly bitPointer?: number;
    }
  | { readonly kind: 'uaOverflow'; readonly overflow: boolean }
  | { readonly kind: 'unexpected'; readonly senseKey: number };

export type ParsedSenseDescriptor =
  | { readonly type: 0x00; readonly valid: boolean; readonly information: bigint }
  | { readonly type: 0x01; readonly commandSpecificInformation: bigint }
  | { readonly type: 0x02; readonly sks: ParsedSks }
  | { readonly type: 0x03; readonly fieldReplaceableUnitCode: number }
  | { readonly type: 0x04; readonly filemark: boolean; readonly eom: boolean; readonly ili: boolean }
  | { readonly type: 0x05; readonly ili: boolean }
  | { readonly type: 0x06 | 0x07 | 0x08; readonly raw: Uint8Array }
  | {
      readonly type: 0x09;
      readonly extend: boolean;
      readonly error: number;
      readonly count: number;
      readonly lba: bigint;
      readonly device: number;
      readonly status: number;
    }
  | {
      readonly type: 0x0a;
      readonly whole: number;
      readonly fractionDigits: number;
      readonly senseKey: number;
      readonly asc: number;
      readonly ascq: number;
    }
  | {
      readonly type: 0x0b;
      readonly notAllR: boolean;
      readonly referrals: readonly {
        readonly firstLba?: bigint;
        readonly lastLba?: bigint;
        readonly tpgs: readonly { readonly tpg: number; readonly state: string }[];
        readonly truncated: boolean;
      }[];
    }
  | {
      readonly type: 0x0c;
      readonly fsdt: boolean;
      readonly senseDataSource: string;
      readonly forwardedStatus: string;
      readonly forwarded?: ParsedSense;
      /** The oracle's own output buffer cut the nested decode short. */
      readonly forwardedTruncated?: boolean;
    }
  | {
      readonly type: 0x0d;
      readonly ili: boolean;
      readonly sks?: ParsedSks;
      readonly fieldReplaceableUnitCode: number;
      readonly information?: bigint;
      readonly commandSpecificInformation: bigint;
    }
  | { readonly type: 0x0e; readonly usageReason: string; readonly designatorLines: readonly string[] }
  | { readonly type: 0x0f; readonly activationTime: number }
  | { readonly type: 'vendor' | 'unknown'; readonly code: number; readonly raw: Uint8Array }
  | { readonly type: 'tooShort'; readonly name: string };

export interface ParsedSense {
  readonly format: 'fixed' | 'descriptor';
  readonly deferred: boolean;
  readonly senseKeyName: string;
  /** Sense key number recovered from the name (undefined if the name is not one of the 16). */
  readonly senseKey: number | undefined;
  readonly sdatOvfl: boolean;
  readonly asc: ParsedAsc | undefined;
  /** Fixed format only. */
  readonly fixed?: {
    /** Printed only when VALID is set or INFORMATION is non-zero. */
    readonly information?: { readonly valid: boolean; readonly value: number };
    readonly filemark: boolean;
    readonly eom: boolean;
    readonly ili: boolean;
    /** Printed only when non-zero. */
    readonly fieldReplaceableUnitCode?: number;
    /** Printed only when SKSV is set. */
    readonly sks?: ParsedSks;
    /** ASC/ASCQ 00h/1Dh (ATA PASS THROUGH INFORMATION AVAILABLE): INFORMATION and COMMAND-SPECIFIC INFORMATION read as ATA registers. */
    readonly ata?: {
      readonly expectedRecoveredError: boolean;
      readonly error: number;
      readonly status: number;
      readonly device: number;
      readonly count: number;
      readonly countUpperNonZero: boolean;
      readonly extend: boolean;
      readonly logIndex: number;
      readonly lbaHigh: number;
      readonly lbaMid: number;
      readonly lbaLow: number;
      readonly lbaUpperNonZero: boolean;
    };
  };
  readonly descriptors: readonly ParsedSenseDescriptor[];
  /** Lines no rule recognised (a correct parse leaves this empty). */
  readonly unparsed: readonly string[];
}

/** Run sg_decode_sense on one sense buffer (binary file). */
export function runSgDecodeSense(file: string): string {
  const r = runTool('sg_decode_sense', [`--binary=${file}`], 'latin1');
  if (r.status !== 0) throw new Error(`sg_decode_sense exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Decode many sense buffers with one shell process (the tool itself takes one buffer per run):
 * bash runs sg_decode_sense on each file in turn and prints a separator line before each.
 * Returns one stdout per file, in order.
 */
export function runSgDecodeSenseBatch(senses: readonly Uint8Array[]): string[] {
  // The bytes go on the command line as hex (no temporary files); latin1 keeps any designator text byte-exact.
  const items = senses.map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' '));
  return runBatch('sg_decode_sense $x', items, 'latin1');
}

const CLOSE = ' ^^^^^^^^^^^^^^^^';

const HEADER = /^(Fixed|Descriptor) format, (current|<<<deferred>>>); Sense key: (.+)$/;

function hexBytes(lines: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const l of lines) for (const t of l.trim().split(/\s+/)) if (/^[0-9a-f]{2}$/i.test(t)) out.push(parseInt(t, 16));
  return Uint8Array.from(out);
}

function parseAsc(line: string): ParsedAsc | undefined {
  let m = /^Additional sense: (.*)$/.exec(line);
  if (m) return { kind: 'name', text: m[1]!.trim() };
  m = /^vendor specific ASC=([0-9a-f]{2}), ASCQ=([0-9a-f]{2}) \(hex\)$/i.exec(line);
  if (m) return { kind: 'vendorAsc', asc: parseInt(m[1]!, 16), ascq: parseInt(m[2]!, 16) };
  m = /^ASC=([0-9a-f]{2}), vendor specific qualification ASCQ=([0-9a-f]{2}) \(hex\)$/i.exec(line);
  if (m) return { kind: 'vendorAscq', asc: parseInt(m[1]!, 16), ascq: parseInt(m[2]!, 16) };
  m = /^ASC=([0-9a-f]{2}), ASCQ=([0-9a-f]{2}) \(hex\)$/i.exec(line);
  if (m) return { kind: 'unknown', asc: parseInt(m[1]!, 16), ascq: parseInt(m[2]!, 16) };
  return undefined;
}

/** Parse the SKS text (the part after "Sense Key Specific:" / "Sense key specific:" or a bare SKS line). */
function parseSks(text: string): ParsedSks | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  let m = /^(?:Field pointer: )?Error in (Command|Data parameters): byte (\d+)(?: bit (\d+))?$/.exec(t);
  if (m)
    return {
      kind: 'fieldPointer',
      cd: m[1] === 'Command',
      fieldPointer: Number(m[2]),
      ...(m[3] === undefined ? {} : { bitPointer: Number(m[3]) }),
    };
  m = /^Progress indication: (\d+)\.(\d\d)%$/.exec(t);
  if (m) return { kind: 'progress', whole: Number(m[1]), hundredths: Number(m[2]) };
  m = /^Actual retry count: (0x[0-9a-f]+|\d+)$/i.exec(t);
  if (m) return { kind: 'retryCount', count: Number(m[1]) };
  m = /^Segment pointer: Relative to start of (segment descriptor|parameter list), byte (\d+)(?: bit (\d+))?$/.exec(t);
  if (m)
    return {
      kind: 'segmentPointer',
      sd: m[1] === 'segment descriptor',
      fieldPointer: Number(m[2]),
      ...(m[3] === undefined ? {} : { bitPointer: Number(m[3]) }),
    };
  m = /^Unit attention condition queue: overflow flag is ([01])$/.exec(t);
  if (m) return { kind: 'uaOverflow', overflow: m[1] === '1' };
  m = /^Sense_key: 0x([0-9a-f]+) unexpected/i.exec(t);
  if (m) return { kind: 'unexpected', senseKey: parseInt(m[1]!, 16) };
  return undefined;
}

/** Split descriptor-format output into the "Descriptor type:" blocks (a block = its lines). */
function descriptorBlocks(lines: readonly string[]): string[][] {
  const blocks: string[][] = [];
  let depth = 0;
  for (const line of lines) {
    if (/^ +v{16}$/.test(line)) depth++;
    else if (line === CLOSE) depth--;
    else if (/\^{16}$/.test(line))
      depth = 0; // truncated nested output: every open level ends here
    else if (depth === 0 && /^ {2}Descriptor type: /.test(line)) {
      blocks.push([line]);
      continue;
    }
    if (blocks.length > 0) blocks[blocks.length - 1]!.push(line);
  }
  return blocks;
}

function parseDescriptor(block: string[], unparsed: string[]): ParsedSenseDescriptor {
  const first = block[0]!.replace(/^ {2}Descriptor type: /, '');
  const rest = block.slice(1);
  const all = [first, ...rest].join('\n');
  if (/>> descriptor too short/.test(first) || /^ +>> descriptor too short$/.test(rest[0] ?? '')) {
    return { type: 'tooShort', name: first.replace(/:.*$/, '') };
  }
  let m: RegExpExecArray | null;
  if ((m = /^Information: (Valid=0 \(-> vendor specific\) )?0x([0-9a-f]+)$/.exec(first))) {
    return { type: 0x00, valid: m[1] === undefined, information: BigInt(`0x${m[2]}`) };
  }
  if ((m = /^Command specific: 0x([0-9a-f]+)$/.exec(first))) {
    return { type: 0x01, commandSpecificInformation: BigInt(`0x${m[1]}`) };
  }
  if ((m = /^Sense key specific: (.*)$/.exec(first))) {
    const text = [m[1]!, ...rest.filter((l) => !/^ {4}[0-9a-f]{2}( [0-9a-f]{2})* ?$/.test(l))].join(' ');
    const sks = parseSks(text);
    if (sks === undefined) unparsed.push(all);
    return { type: 0x02, sks: sks ?? { kind: 'unexpected', senseKey: -1 } };
  }
  if ((m = /^Field replaceable unit code: 0x([0-9a-f]+)$/.exec(first))) {
    return { type: 0x03, fieldReplaceableUnitCode: parseInt(m[1]!, 16) };
  }
  if ((m = /^Stream commands: (.*)$/.exec(first))) {
    return {
      type: 0x04,
      filemark: m[1]!.includes('FILEMARK'),
      eom: m[1]!.includes('End Of Medium (EOM)'),
      ili: m[1]!.includes('Incorrect Length Indicator (ILI)'),
    };
  }
  if ((m = /^Block commands: Incorrect Length Indicator \(ILI\) (set|clear)$/.exec(first))) {
    return { type: 0x05, ili: m[1] === 'set' };
  }
  const osd: Record<string, 0x06 | 0x07 | 0x08> = {
    'OSD object identification': 0x06,
    'OSD response integrity check value': 0x07,
    'OSD attribute identification': 0x08,
  };
  if (osd[first] !== undefined) return { type: osd[first]!, raw: hexBytes(rest) };
  if ((m = /^ATA Status Return: extend=([01]) error=0x([0-9a-f]+)\s*$/.exec(first))) {
    const m2 = /count=0x([0-9a-f]+) lba=0x([0-9a-f]+) device=0x([0-9a-f]+) status=0x([0-9a-f]+)/.exec(rest.join(' '));
    if (!m2) unparsed.push(all);
    return {
      type: 0x09,
      extend: m[1] === '1',
      error: parseInt(m[2]!, 16),
      count: m2 ? parseInt(m2[1]!, 16) : -1,
      lba: m2 ? BigInt(`0x${m2[2]}`) : -1n,
      device: m2 ? parseInt(m2[3]!, 16) : -1,
      status: m2 ? parseInt(m2[4]!, 16) : -1,
    };
  }
  if ((m = /^Another progress indication: (\d+)\.02(\d+)%$/.exec(first))) {
    // sg3_utils prints "%d.02%d%%" (a format-string slip): whole part, literal "02", then
    // ((progress*100) % 65536) / 656 without padding.
    const m2 = /\[sense_key=0x([0-9a-f]+) asc,ascq=0x([0-9a-f]+),0x([0-9a-f]+)\]/.exec(rest.join(' '));
    if (!m2) unparsed.push(all);
    return {
      type: 0x0a,
      whole: Number(m[1]),
      fractionDigits: Number(m[2]),
      senseKey: m2 ? parseInt(m2[1]!, 16) : -1,
      asc: m2 ? parseInt(m2[2]!, 16) : -1,
      ascq: m2 ? parseInt(m2[3]!, 16) : -1,
    };
  }
  if (/^User data segment referral: ?$/.test(first)) {
    let notAllR = false;
    const referrals: {
      firstLba?: bigint;
      lastLba?: bigint;
      tpgs: { tpg: number; state: string }[];
      truncated: boolean;
    }[] = [];
    for (const l of rest) {
      const t = l.trim();
      if ((m = /^Not all referrals: ([01])$/.exec(t))) notAllR = m[1] === '1';
      else if (/^Descriptor \d+$/.test(t)) referrals.push({ tpgs: [], truncated: false });
      else if ((m = /^first uds LBA: 0x([0-9a-f]+)$/.exec(t)))
        referrals[referrals.length - 1]!.firstLba = BigInt(`0x${m[1]}`);
      else if ((m = /^last uds LBA: +0x([0-9a-f]+)$/.exec(t)))
        referrals[referrals.length - 1]!.lastLba = BigInt(`0x${m[1]}`);
      else if ((m = /^tpg: (\d+) {2}state: (.+)$/.exec(t)))
        referrals[referrals.length - 1]!.tpgs.push({ tpg: Number(m[1]), state: m[2]! });
      else if (t === 'truncated descriptor, stop') referrals[referrals.length - 1]!.truncated = true;
      else if (t !== '') unparsed.push(l);
    }
    return { type: 0x0b, notAllR, referrals };
  }
  if (first === 'Forwarded sense data') {
    let fsdt = false;
    let source = '';
    let status = '';
    let nested: string[] | undefined;
    let depth = 0;
    let truncated = false;
    let closed = false;
    for (const l of rest) {
      if (nested !== undefined) {
        if (/\^{16}$/.test(l) && (depth === 0 || l !== CLOSE)) {
          // A closing marker glued to other text means the oracle's internal buffer cut the
          // nested decode short (and swallowed the inner closing markers).
          truncated = l !== CLOSE;
          closed = true;
          break;
        }
        if (/^ +v{16}$/.test(l)) depth++;
        else if (l === CLOSE) depth--;
        nested.push(l);
        continue;
      }
      if ((m = /^ {4}FSDT: (set|clear)$/.exec(l))) fsdt = m[1] === 'set';
      else if ((m = /^ {4}Sense data source: (.+)$/.exec(l))) source = m[1]!;
      else if ((m = /^ {4}Forwarded status: (.+)$/.exec(l))) status = m[1]!;
      else if (/^ +v{16}$/.test(l)) nested = [];
      else if (l.trim() !== '') unparsed.push(l);
    }
    return {
      type: 0x0c,
      fsdt,
      senseDataSource: source,
      forwardedStatus: status,
      ...(nested === undefined
        ? {}
        : { forwarded: parseSgDecodeSense(nested.join('\n')), forwardedTruncated: truncated || !closed }),
    };
  }
  if (first === 'Direct-access block device') {
    let ili = false;
    let sks: ParsedSks | undefined;
    let fru = -1;
    let info: bigint | undefined;
    let csi = -1n;
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i]!.trim();
      if (t === 'ILI (incorrect length indication) set') ili = true;
      else if ((m = /^Sense key specific: (.*)$/.exec(t))) {
        let text = m[1]!;
        if (text.endsWith(':')) text += ` ${rest[++i]?.trim() ?? ''}`;
        sks = parseSks(text);
        if (sks === undefined) unparsed.push(rest[i]!);
      } else if ((m = /^Field replaceable unit code: 0x([0-9a-f]+)$/.exec(t))) fru = parseInt(m[1]!, 16);
      else if ((m = /^Information: 0x([0-9a-f]+)$/.exec(t))) info = BigInt(`0x${m[1]}`);
      else if ((m = /^Command specific: 0x([0-9a-f]+)$/.exec(t))) csi = BigInt(`0x${m[1]}`);
      else if (t !== '') unparsed.push(rest[i]!);
    }
    return {
      type: 0x0d,
      ili,
      ...(sks === undefined ? {} : { sks }),
      fieldReplaceableUnitCode: fru,
      ...(info === undefined ? {} : { information: info }),
      commandSpecificInformation: csi,
    };
  }
  if (first === 'Device designation') {
    const ur = /^ {4}Usage reason: (.+)$/.exec(rest[0] ?? '');
    if (!ur) unparsed.push(all);
    return { type: 0x0e, usageReason: ur?.[1] ?? '', designatorLines: rest.slice(1).filter((l) => l.trim() !== '') };
  }
  if ((m = /^Microcode activation time: (\d+) seconds$/.exec(first))) {
    return { type: 0x0f, activationTime: Number(m[1]) };
  }
  if ((m = /^(Vendor specific|Unknown) \[0x([0-9a-f]+)\]$/.exec(first))) {
    return { type: m[1] === 'Vendor specific' ? 'vendor' : 'unknown', code: parseInt(m[2]!, 16), raw: hexBytes(rest) };
  }
  unparsed.push(all);
  return { type: 'unknown', code: -1, raw: new Uint8Array() };
}

/** Parse sg_decode_sense's stdout for one fixed or descriptor sense buffer. */
export function parseSgDecodeSense(stdout: string): ParsedSense {
  const lines = stdout.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const unparsed: string[] = [];
  const h = HEADER.exec(lines[0] ?? '');
  if (!h) throw new Error(`sg_decode_sense: unexpected first line: ${JSON.stringify(lines[0])}\n${stdout}`);
  const format = h[1] === 'Fixed' ? 'fixed' : 'descriptor';
  const senseKeyName = h[3]!;
  const idx = SG_SENSE_KEY_NAMES.indexOf(senseKeyName);
  let i = 1;
  let sdatOvfl = false;
  if (lines[i] === '<<<Sense data overflow (SDAT_OVFL)>>>') {
    sdatOvfl = true;
    i++;
  }
  const asc = lines[i] === undefined ? undefined : parseAsc(lines[i]!);
  if (asc !== undefined) i++;
  const rest = lines.slice(i);
  if (format === 'fixed') {
    let information: { valid: boolean; value: number } | undefined;
    let filemark = false;
    let eom = false;
    let ili = false;
    let fru: number | undefined;
    let sks: ParsedSks | undefined;
    let expectedRecoveredError = false;
    let ata1: RegExpExecArray | null = null;
    let ata2: RegExpExecArray | null = null;
    for (const l of rest) {
      let m: RegExpExecArray | null;
      if (l === '  >> expected Sense key: Recovered Error ??') expectedRecoveredError = true;
      else if (
        (m =
          /^ {2}error=0x([0-9a-f]+), status=0x([0-9a-f]+), device=0x([0-9a-f]+), count\(7:0\)=0x([0-9a-f]+)(\+?) ?$/.exec(
            l,
          ))
      )
        ata1 = m;
      else if (
        (m =
          /^ {2}extend=([01]), log_index=0x([0-9a-f]+), lba_high,mid,low\(7:0\)=0x([0-9a-f]+),0x([0-9a-f]+),0x([0-9a-f]+)(\+?) ?$/.exec(
            l,
          ))
      )
        ata2 = m;
      else if (
        (m = /^ {1,2}(Valid=0, )?(?:Info fld=0x([0-9a-f]+) \[\d+\] )?((?: (?:FMK|EOM|ILI))*)$/.exec(l)) &&
        l.trim() !== ''
      ) {
        if (m[2] !== undefined) information = { valid: m[1] === undefined, value: parseInt(m[2], 16) };
        filemark = / FMK/.test(m[3]!);
        eom = / EOM/.test(m[3]!);
        ili = / ILI/.test(m[3]!);
      } else if ((m = /^ {2}Field replaceable unit code: (\d+)$/.exec(l))) fru = Number(m[1]);
      else if ((m = /^ {2}Sense Key Specific: (.*)$/.exec(l))) {
        sks = parseSks(m[1]!);
        if (sks === undefined) unparsed.push(l);
      } else if (
        /^ {2}(Progress indication|Actual retry count|Segment pointer|Unit attention condition queue|Sense_key):/.test(
          l,
        )
      ) {
        sks = parseSks(l);
        if (sks === undefined) unparsed.push(l);
      } else if (l.trim() !== '') unparsed.push(l);
    }
    return {
      format,
      deferred: h[2] !== 'current',
      senseKeyName,
      senseKey: idx < 0 ? undefined : idx,
      sdatOvfl,
      asc,
      fixed: {
        ...(information === undefined ? {} : { information }),
        filemark,
        eom,
        ili,
        ...(fru === undefined ? {} : { fieldReplaceableUnitCode: fru }),
        ...(sks === undefined ? {} : { sks }),
        ...(ata1 && ata2
          ? {
              ata: {
                expectedRecoveredError,
                error: parseInt(ata1[1]!, 16),
                status: parseInt(ata1[2]!, 16),
                device: parseInt(ata1[3]!, 16),
                count: parseInt(ata1[4]!, 16),
                countUpperNonZero: ata1[5] === '+',
                extend: ata2[1] === '1',
                logIndex: parseInt(ata2[2]!, 16),
                lbaHigh: parseInt(ata2[3]!, 16),
                lbaMid: parseInt(ata2[4]!, 16),
                lbaLow: parseInt(ata2[5]!, 16),
                lbaUpperNonZero: ata2[6] === '+',
              },
            }
          : {}),
      },
      descriptors: [],
      unparsed,
    };
  }
  const blocks = descriptorBlocks(rest);
  const firstBlockLine = rest.findIndex((l) => /^ {2}Descriptor type: /.test(l));
  for (const l of firstBlockLine < 0 ? rest : rest.slice(0, firstBlockLine)) if (l.trim() !== '') unparsed.push(l);
  const descriptors = blocks.map((b) => parseDescriptor(b, unparsed));
  return {
    format,
    deferred: h[2] !== 'current',
    senseKeyName,
    senseKey: idx < 0 ? undefined : idx,
    sdatOvfl,
    asc,
    descriptors,
    unparsed,
  };
}
