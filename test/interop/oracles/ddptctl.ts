// biome-ignore-all lint/suspicious/noAssignInExpressions: line parsers test one regex after another and keep the match
/**
 * Runs `ddptctl --info --rtf=FILE` (ddpt 0.97, Debian) and parses its ROD token decode.
 *
 * Batching: a file holding N > 1 concatenated 512-byte tokens is decoded token by token
 * ("Decoding file with N ROD Tokens:" then " Decoding information from ROD Token k"); a token
 * the tool rejects stops only that token's output (the reason goes to stderr).
 */
import { runTool } from './tools.js';

export type BytesRepresented =
  | { readonly kind: 'value'; readonly value: bigint }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'huge' }
  | { readonly kind: 'huge2' }
  | { readonly kind: 'strange' };

export interface DdptDesignator {
  readonly designatorTypeName: string;
  readonly codeSetName: string;
  /** `transport:` line (PIV set and association target port / target device), if printed. */
  readonly transport: string | undefined;
  readonly lines: readonly string[];
}

export interface DdptBlockData {
  readonly blockSize: number;
  readonly protEn: boolean;
  readonly pType: number;
  readonly pIExponent: number;
  readonly protectionTypeNote: number | undefined;
  readonly lbpme: boolean;
  readonly lbprz: boolean;
  readonly lbppbe: number;
  readonly physicalBlockLength: number | undefined;
  readonly lowestAlignedLba: number;
}

export interface ParsedRodToken {
  readonly rodTypeName: string;
  readonly rodType: number;
  readonly vendorNote: boolean;
  readonly copyManagerRodTokenIdentifier?: string;
  readonly creator?: {
    readonly peripheralDeviceType?: number;
    readonly relativeInitiatorPortIdentifier?: number;
    readonly designator?: DdptDesignator;
    readonly unexpectedDesignatorType?: number;
  };
  readonly bytesRepresented?: BytesRepresented;
  readonly blockSizeZero?: boolean;
  readonly block?: DdptBlockData;
  readonly targetDevice?: DdptDesignator;
  readonly targetDeviceUnexpectedType?: number;
  readonly unparsed: readonly string[];
}

export function runDdptctlInfo(file: string): { stdout: string; stderr: string; status: number } {
  // latin1: byte-exact text (designators may hold any bytes)
  const r = runTool('ddptctl', ['--info', `--rtf=${file}`], 'latin1');
  return r;
}

/** Split a (possibly multi-token) ddptctl --info output into per-token line groups. */
export function splitTokens(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const out: string[][] = [];
  for (const l of lines) {
    if (/^Decoding file with \d+ ROD Tokens:$/.test(l)) continue;
    if (/^ ?Decoding information from ROD Token( \d+|:)$/.test(l)) {
      out.push([]);
      continue;
    }
    if (out.length > 0 && l.trim() !== '') out[out.length - 1]!.push(l);
  }
  return out;
}

function designatorAt(lines: readonly string[], i: number): { d: DdptDesignator; next: number } | undefined {
  const m = /^ {4}designator type: (.*), {2}code set: (.*)$/.exec(lines[i] ?? '');
  if (!m) return undefined;
  const body: string[] = [];
  let transport: string | undefined;
  let j = i + 1;
  const t = /^ {5}transport: (.*)$/.exec(lines[j] ?? '');
  if (t) {
    transport = t[1];
    j++;
  }
  while (j < lines.length && /^ {5,}/.test(lines[j]!) && !/^ {4}designator type:/.test(lines[j]!)) {
    body.push(lines[j++]!);
  }
  // hex dumps of designators start at column 0
  while (j < lines.length && /^[0-9a-f]{2}( |$)/.test(lines[j]!)) body.push(lines[j++]!);
  return { d: { designatorTypeName: m[1]!, codeSetName: m[2]!, transport, lines: body }, next: j };
}

/** Parse one token's lines (from {@link splitTokens}). */
export function parseDdptToken(lines: readonly string[]): ParsedRodToken {
  const unparsed: string[] = [];
  const t = /^ {2}ROD type: (.*?)(?: \[0x([0-9a-f]+)\])?$/.exec(lines[0] ?? '');
  if (!t) throw new Error(`ddptctl: unexpected first token line ${JSON.stringify(lines[0])}`);
  const bare = t[2] === undefined ? /^0x([0-9a-f]+)$/.exec(t[1]!) : null;
  const out: {
    -readonly [K in keyof ParsedRodToken]: ParsedRodToken[K];
  } = {
    rodTypeName: bare ? '' : t[1]!,
    rodType: parseInt(t[2] ?? bare?.[1] ?? 'x', 16),
    vendorNote: false,
    unparsed,
  };
  let creator:
    | {
        peripheralDeviceType?: number;
        relativeInitiatorPortIdentifier?: number;
        designator?: DdptDesignator;
        unexpectedDesignatorType?: number;
      }
    | undefined;
  let block: Partial<{ -readonly [K in keyof DdptBlockData]: DdptBlockData[K] }> | undefined;
  let i = 1;
  let section: 'creator' | 'block' | 'target' | '' = '';
  while (i < lines.length) {
    const l = lines[i]!;
    let m: RegExpExecArray | null;
    if (l === '    Since ROD type is vendor specific, the following may not be relevant') out.vendorNote = true;
    else if ((m = /^ {2}Copy manager ROD Token identifier: 0x([0-9a-f]{16})$/.exec(l)))
      out.copyManagerRodTokenIdentifier = m[1]!;
    else if (l === '  Creator Logical Unit descriptor:') {
      creator = {};
      out.creator = creator;
      section = 'creator';
    } else if ((m = /^ {4}Peripheral Device type: 0x([0-9a-f]+)$/.exec(l)) && creator)
      creator.peripheralDeviceType = parseInt(m[1]!, 16);
    else if ((m = /^ {4}Relative initiator port identifier: 0x([0-9a-f]+)$/.exec(l)) && creator)
      creator.relativeInitiatorPortIdentifier = parseInt(m[1]!, 16);
    else if ((m = /^ {6}Expected designator type of EUI-64 or NAA, got 0x([0-9a-f]+)$/.exec(l)) && creator)
      creator.unexpectedDesignatorType = parseInt(m[1]!, 16);
    else if (/^ {4}designator type: /.test(l)) {
      const d = designatorAt(lines, i);
      if (d) {
        if (section === 'creator' && creator) creator.designator = d.d;
        else if (section === 'target') out.targetDevice = d.d;
        else unparsed.push(l);
        i = d.next;
        continue;
      }
      unparsed.push(l);
    } else if ((m = /^ {2}Number of bytes represented: (.*)$/.exec(l))) {
      const v = m[1]!;
      const n = /^(\d+) \[0x([0-9a-f]+)\]$/.exec(v);
      if (n) out.bytesRepresented = { kind: 'value', value: BigInt(n[1]!) };
      else if (v === 'unknown or too large') out.bytesRepresented = { kind: 'unknown' };
      else if (v === 'huge, bypass') out.bytesRepresented = { kind: 'huge' };
      else if (v === 'huge 2, bypass') out.bytesRepresented = { kind: 'huge2' };
      else if (v === 'strange (top 8 bytes 0xff)') out.bytesRepresented = { kind: 'strange' };
      else unparsed.push(l);
    } else if (l === '  Device type specific data (for disk) has block size of 0; unlikely so skip')
      out.blockSizeZero = true;
    else if (l === '  Assume pdt=0 (e.g. disk) and decode device type specific data:') {
      block = {};
      section = 'block';
    } else if ((m = /^ {4}block size: (\d+) \[0x[0-9a-f]+\] bytes$/.exec(l)) && block) block.blockSize = Number(m[1]);
    else if (
      (m = /^ {4}Protection: prot_en=([01]), p_type=(\d+), p_i_exponent=(\d+)(?: \[type (\d+) protection\])?$/.exec(
        l,
      )) &&
      block
    ) {
      block.protEn = m[1] === '1';
      block.pType = Number(m[2]);
      block.pIExponent = Number(m[3]);
      block.protectionTypeNote = m[4] === undefined ? undefined : Number(m[4]);
    } else if ((m = /^ {4}Logical block provisioning: lbpme=([01]), lbprz=([01])$/.exec(l)) && block) {
      block.lbpme = m[1] === '1';
      block.lbprz = m[2] === '1';
    } else if ((m = /^ {4}Logical blocks per physical block exponent=(\d+)$/.exec(l)) && block)
      block.lbppbe = Number(m[1]);
    else if ((m = /^ {6}\[so physical block length=(\d+) bytes\]$/.exec(l)) && block)
      block.physicalBlockLength = Number(m[1]);
    else if ((m = /^ {4}Lowest aligned logical block address=(\d+)$/.exec(l)) && block)
      block.lowestAlignedLba = Number(m[1]);
    else if (l === '  Target device descriptor:') section = 'target';
    else if ((m = /^ {2}Target device descriptor: unexpected designator type \[0x([0-9a-f]+)\]$/.exec(l)))
      out.targetDeviceUnexpectedType = parseInt(m[1]!, 16);
    else unparsed.push(l);
    i++;
  }
  if (block !== undefined) out.block = block as DdptBlockData;
  return out;
}

/** Parse a whole ddptctl --info run (one or many tokens). */
export function parseDdptctl(stdout: string): ParsedRodToken[] {
  return splitTokens(stdout).map(parseDdptToken);
}
