/**
 * `scsi-odx decode --in FILE.pcap[ng]`: the timeline of the SCSI exchanges in a capture, ODX
 * exchanges decoded in full (CDB, parameter lists, RRTI data with the token, sense), and ROD
 * tokens followed from the RRTI that returned them to the WRITE USING TOKEN that uses them.
 */
import { decodeCdb } from '../cdb/index.js';
import { ascAscqName } from '../constants/asc-ascq.js';
import { senseKeyName } from '../constants/sense-key.js';
import { isScsiCodecError } from '../errors.js';
import type { CaptureExchange, CaptureSummary } from '../index.js';
import { readCaptureExchanges, readCapturePackets, tcpSegmentOf } from '../index.js';
import type { TraceEntry } from '../internal/byte-reader.js';
import { decodeSenseData, normalizeSenseData } from '../sense/index.js';
import { annotate } from './annotate.js';
import { renderDump } from './dump.js';
import { expandEmbedded } from './embedded.js';
import { toJsonValue } from './json.js';
import { codecOf, type Kind, structureLength } from './kinds.js';
import { commandName, SAM_STATUS_NAMES } from './names.js';
import { summarize } from './summary.js';

/** Options of the capture decoder. */
export interface CaptureDecodeOptions {
  readonly name: string;
  readonly json: boolean;
  readonly ports: readonly number[] | undefined;
  readonly lun: number | undefined;
  readonly command: string | undefined;
  readonly listId: number | undefined;
  readonly write: (s: string) => void;
  readonly warn: (s: string) => void;
}

const ODX_OPCODES = new Set([0x83, 0x84]);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const h8 = (v: number): string => `0x${v.toString(16).padStart(8, '0')}`;
const h2 = (v: number): string => `${v.toString(16).padStart(2, '0')}h`;

/** What the data of a command is, for the ODX bodies (and VPD pages of INQUIRY). */
function dataKinds(cdb: Uint8Array): { out?: Kind; in?: Kind } {
  const op = cdb[0] as number;
  const sa = (cdb[1] as number) & 0x1f;
  if (op === 0x83 && sa === 0x10) return { out: 'populate-token-params' };
  if (op === 0x83 && sa === 0x11) return { out: 'write-using-token-params' };
  if (op === 0x84 && sa === 0x07) return { in: 'rrti-data' };
  if (op === 0x84 && sa === 0x05) return { in: 'copy-status' };
  if (op === 0x12 && ((cdb[1] as number) & 1) === 1) return { in: 'vpd' };
  return {};
}

function commandLabel(cdb: Uint8Array): string {
  const op = cdb[0] as number;
  const sa = ODX_OPCODES.has(op) ? (cdb[1] as number) & 0x1f : undefined;
  const name = commandName(op, sa);
  const code = sa === undefined ? h2(op) : `${h2(op)}/${h2(sa)}`;
  return name === undefined ? `opcode ${code}` : `${name} (${code})`;
}

/** LIST IDENTIFIER of a third-party copy CDB that has one. */
function listIdentifierOf(cdb: Uint8Array): number | undefined {
  if (!ODX_OPCODES.has(cdb[0] as number)) return undefined;
  try {
    const c = decodeCdb(cdb) as { listIdentifier?: unknown };
    return typeof c.listIdentifier === 'number' ? c.listIdentifier : undefined;
  } catch {
    return undefined;
  }
}

/** `ILLEGAL REQUEST, INVALID FIELD IN CDB (24h/00h)` for sense bytes. */
export function senseSummary(sense: Uint8Array): string {
  try {
    const n = normalizeSenseData(decodeSenseData(sense));
    const key = senseKeyName(n.senseKey) ?? `sense key ${h2(n.senseKey)}`;
    const what = ascAscqName(n.asc, n.ascq);
    return `${key}, ${what === undefined ? '' : `${what} `}(${h2(n.asc)}/${h2(n.ascq)})`;
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return `sense data not decodable: ${e.message}`;
  }
}

function statusText(x: CaptureExchange): string {
  if (x.status === undefined) return x.iscsiResponse === undefined ? 'no status in the capture' : 'no status';
  const name = SAM_STATUS_NAMES[x.status] ?? `status ${h2(x.status)}`;
  if (x.iscsiResponse !== undefined && x.iscsiResponse !== 0) return `iSCSI response ${h2(x.iscsiResponse)}`;
  return x.sense.length > 0 ? `${name}: ${senseSummary(x.sense)}` : name;
}

function matchesCommand(cdb: Uint8Array, filter: string): boolean {
  const op = cdb[0] as number;
  const sa = (cdb[1] as number) & 0x1f;
  const f = filter.trim().toLowerCase();
  const m = /^(?:0x)?([0-9a-f]{1,2})h?(?:\/(?:0x)?([0-9a-f]{1,2})h?)?$/.exec(f);
  if (m !== null) {
    if (Number.parseInt(m[1] as string, 16) !== op) return false;
    return m[2] === undefined || Number.parseInt(m[2], 16) === sa;
  }
  const name = (commandName(op, ODX_OPCODES.has(op) ? sa : undefined) ?? '').toLowerCase();
  const norm = (s: string): string => s.replace(/[^a-z0-9]+/g, ' ').trim();
  return norm(name).includes(norm(f));
}

interface Decoded {
  readonly kind: Kind;
  readonly value: unknown;
  readonly lines: string[];
  readonly error?: string;
}

/** Decode one structure of `kind` (leniently) with its annotated dump. */
function decodeKind(kind: Kind, bytes: Uint8Array): Decoded {
  const codec = codecOf(kind);
  if (codec === undefined) return { kind, value: undefined, lines: [], error: `no ${kind} codec` };
  const length = kind === 'cdb' ? bytes.length : structureLength(kind, bytes);
  const slice = bytes.subarray(0, length);
  const trace: TraceEntry[] = [];
  try {
    const value = codec.decode(slice, { trace });
    expandEmbedded(slice, trace);
    const summary = summarize(kind, value);
    const lines = [
      ...(summary === undefined ? [] : [`# ${summary}`]),
      ...renderDump(slice, trace, annotate, 0, slice.length),
    ];
    if (length < bytes.length) {
      const rest = bytes.subarray(length);
      lines.push(
        rest.every((b) => b === 0)
          ? `# ${rest.length} zero bytes after the structure: padding, not decoded`
          : `# ${rest.length} bytes after the structure, not decoded`,
      );
    }
    return { kind, value, lines };
  } catch (e) {
    if (!isScsiCodecError(e)) throw e;
    return { kind, value: undefined, lines: [], error: e.message };
  }
}

/** The CDB without the BHS's zero padding (its length from the group code, SPC-6 4.2.5.1). */
function trimCdb(cdb: Uint8Array): Uint8Array {
  const group = (cdb[0] as number) >> 5;
  const len = group === 0 ? 6 : group === 1 || group === 2 ? 10 : group === 4 ? 16 : group === 5 ? 12 : cdb.length;
  return cdb.subarray(0, Math.min(len, cdb.length));
}

interface TokenSeen {
  readonly time: number;
  readonly frame: number;
  readonly stream: number;
  readonly initiator: string;
  readonly listId: number | undefined;
}

/** The initiator port of an exchange: its name and ISID from the login, else its address. */
function initiatorPort(x: CaptureExchange): string {
  const c = x.connection;
  if (c.initiatorName !== undefined && c.isid !== undefined) {
    return `${c.initiatorName},i,0x${c.isid.toString(16).padStart(12, '0')}`;
  }
  return c.initiator.replace(/:\d+$/, '');
}

/** The TCP ports that carry the most payload bytes (for a hint when none is iSCSI's). */
function busiestPorts(bytes: Uint8Array): number[] {
  const byPort = new Map<number, number>();
  try {
    for (const p of readCapturePackets(bytes)) {
      let seg: ReturnType<typeof tcpSegmentOf>;
      try {
        seg = tcpSegmentOf(p.linkType, p.data);
      } catch {
        return [];
      }
      if ('skip' in seg) continue;
      for (const port of [seg.sourcePort, seg.destinationPort])
        byPort.set(port, (byPort.get(port) ?? 0) + seg.payload.length);
    }
  } catch {
    return [];
  }
  return [...byPort.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([port]) => port);
}

/** An exchange with what the capture decoder makes of it. */
interface ExchangeView {
  readonly x: CaptureExchange;
  /** The CDB without the BHS's padding. */
  readonly cdb: Uint8Array;
  readonly listId: number | undefined;
  readonly isOdx: boolean;
  readonly decodedOut: Decoded | undefined;
  readonly decodedIn: Decoded | undefined;
  /** Where the ROD token a WRITE USING TOKEN uses came from. */
  readonly tokenNote: string | undefined;
}

/** Run the capture decoder over `bytes`; returns the exit code. */
export function decodeCapture(bytes: Uint8Array, o: CaptureDecodeOptions): number {
  let t0: number | undefined;
  for (const p of readCapturePackets(bytes)) {
    t0 = p.seconds + p.nanoseconds / 1e9;
    break;
  }
  const rel = (t: number): string => (t - (t0 ?? t)).toFixed(6);
  const it = readCaptureExchanges(bytes, {
    ...(o.ports === undefined ? {} : { ports: o.ports }),
    keepData: (cdb) => dataKinds(cdb).in !== undefined || dataKinds(cdb).out !== undefined,
    onWarning: (w) => {
      o.warn(`scsi-odx: ${o.name}: frame ${w.frame}: ${w.message}\n`);
    },
  });
  const tokens = new Map<string, TokenSeen>();
  let shown = 0;
  let total = 0;
  if (!o.json) {
    o.write(`# ${o.name}: SCSI exchanges (time from the first frame, s)\n`);
    o.write(
      `#${'time'.padStart(12)}  conn  frame  ${'initiator port'.padEnd(24)}  LUN  ITT         command  ->  status\n`,
    );
  }
  const connectionsShown = new Set<number>();
  for (;;) {
    const r = it.next();
    if (r.done) {
      writeSummary(bytes, o, r.value, total, shown);
      break;
    }
    total++;
    // Tokens returned by RRTI are remembered whether or not the exchange is shown.
    const v = viewOf(r.value, tokens, rel);
    if (!wanted(v, o)) continue;
    shown++;
    if (o.json) o.write(`${JSON.stringify(toJsonValue(exchangeJson(v, rel)))}\n`);
    else writeExchange(v, o, rel, connectionsShown);
  }
  return 0;
}

/** Decode an exchange's data and follow its ROD token (remembered in `tokens`). */
function viewOf(x: CaptureExchange, tokens: Map<string, TokenSeen>, rel: (t: number) => string): ExchangeView {
  const cdb = trimCdb(x.cdb);
  const listId = listIdentifierOf(cdb);
  const kinds = dataKinds(cdb);
  const decodedIn =
    kinds.in !== undefined && x.dataIn !== undefined && x.dataIn.length > 0
      ? decodeKind(kinds.in, x.dataIn)
      : undefined;
  const decodedOut =
    kinds.out !== undefined && x.dataOut !== undefined && x.dataOut.length > 0
      ? decodeKind(kinds.out, x.dataOut)
      : undefined;
  let tokenNote: string | undefined;
  const inToken = (decodedIn?.value as { rodTokenDescriptors?: { rodToken?: unknown }[] } | undefined)
    ?.rodTokenDescriptors?.[0]?.rodToken;
  if (inToken instanceof Uint8Array && inToken.length > 0) {
    tokens.set(hex(inToken), {
      time: x.responseTime ?? x.time,
      frame: x.responseFrame ?? x.frame,
      stream: x.connection.stream,
      initiator: initiatorPort(x),
      listId,
    });
  }
  const outToken = (decodedOut?.value as { rodToken?: unknown } | undefined)?.rodToken;
  if (outToken instanceof Uint8Array && kinds.out === 'write-using-token-params') {
    const seen = tokens.get(hex(outToken));
    if (seen === undefined) tokenNote = 'token not returned by any RRTI in this capture';
    else {
      const who =
        seen.initiator === initiatorPort(x)
          ? seen.stream === x.connection.stream
            ? 'from the same connection'
            : `from the same initiator on connection ${x.connection.stream}`
          : `from another initiator (${initiatorPort(x)})`;
      tokenNote = `token from RRTI at ${rel(seen.time)} s (frame ${seen.frame}, connection ${seen.stream}${seen.listId === undefined ? '' : `, list ${seen.listId}`}, ${seen.initiator}) used by WUT at ${rel(x.time)} s ${who}`;
    }
  }
  return { x, cdb, listId, isOdx: ODX_OPCODES.has(cdb[0] as number), decodedOut, decodedIn, tokenNote };
}

/** Whether the exchange passes the --lun, --command and --list-id filters. */
function wanted(v: ExchangeView, o: CaptureDecodeOptions): boolean {
  if (o.lun !== undefined && v.x.lun !== o.lun) return false;
  if (o.command !== undefined && !matchesCommand(v.cdb, o.command)) return false;
  return !(o.listId !== undefined && v.listId !== o.listId);
}

/** The decoded CDB (ODX commands) and sense data of a shown exchange. */
function decodedCdbAndSense(v: ExchangeView): { cdb: Decoded | undefined; sense: Decoded | undefined } {
  return {
    cdb: v.isOdx ? decodeKind('cdb', v.cdb) : undefined,
    sense: v.x.sense.length > 0 ? decodeKind('sense', v.x.sense) : undefined,
  };
}

/** The --json object of an exchange. */
function exchangeJson(v: ExchangeView, rel: (t: number) => string): object {
  const { x, cdb, isOdx, decodedIn, decodedOut } = v;
  const decoded = decodedCdbAndSense(v);
  return {
    frame: x.frame,
    time: x.time,
    relativeTime: Number(rel(x.time)),
    connection: x.connection.stream,
    initiator: x.connection.initiator,
    target: x.connection.target,
    nexus: x.nexus,
    lun: x.lun,
    initiatorTaskTag: x.initiatorTaskTag,
    opcode: cdb[0],
    serviceAction: isOdx ? (cdb[1] as number) & 0x1f : undefined,
    command: commandName(cdb[0] as number, isOdx ? (cdb[1] as number) & 0x1f : undefined),
    listIdentifier: v.listId,
    cdb,
    cdbDecoded: decoded.cdb?.value,
    expectedDataTransferLength: x.expectedDataTransferLength,
    dataOutLength: x.dataOutLength,
    dataInLength: x.dataInLength,
    dataOutPdus: x.dataOutPdus,
    dataInPdus: x.dataInPdus,
    r2ts: x.r2ts,
    dataOut:
      decodedOut === undefined
        ? undefined
        : { kind: decodedOut.kind, value: decodedOut.value, error: decodedOut.error },
    dataIn:
      decodedIn === undefined ? undefined : { kind: decodedIn.kind, value: decodedIn.value, error: decodedIn.error },
    responseFrame: x.responseFrame,
    status: x.status,
    statusName: x.status === undefined ? undefined : SAM_STATUS_NAMES[x.status],
    iscsiResponse: x.iscsiResponse,
    residualCount: x.residualCount,
    sense: x.sense.length > 0 ? x.sense : undefined,
    senseDecoded: decoded.sense?.value,
    senseSummary: x.sense.length > 0 ? senseSummary(x.sense) : undefined,
    token: v.tokenNote,
    issues: x.issues.length > 0 ? x.issues : undefined,
  };
}

/** The timeline line of an exchange (after its connection's line, the first time), and its details. */
function writeExchange(
  v: ExchangeView,
  o: CaptureDecodeOptions,
  rel: (t: number) => string,
  connectionsShown: Set<number>,
): void {
  const { x, cdb, listId } = v;
  const decoded = decodedCdbAndSense(v);
  if (!connectionsShown.has(x.connection.stream)) {
    connectionsShown.add(x.connection.stream);
    const c = x.connection;
    const dig = `header digest ${c.headerDigest ? 'CRC32C' : 'None'}, data digest ${c.dataDigest ? 'CRC32C' : 'None'} (${c.digestsFrom === 'login' ? 'from the login' : c.digestsFrom === 'detected' ? 'detected by CRC32C; login not in the capture' : 'assumed; login not in the capture'})`;
    o.write(
      `# connection ${c.stream}: ${c.initiator} -> ${c.target}; ${x.nexus ?? 'I_T nexus unknown (login not in the capture)'}; ${dig}\n`,
    );
  }
  const line = `${rel(x.time).padStart(13)}  ${`c${x.connection.stream}`.padEnd(4)}  ${String(x.frame).padStart(5)}  ${initiatorPort(x).padEnd(24)}  ${String(x.lun).padStart(3)}  ${h8(x.initiatorTaskTag)}  ${commandLabel(cdb)}${listId === undefined ? '' : ` list ${listId}`}  ->  ${statusText(x)}`;
  o.write(`${line}\n`);
  const indent = (lines: readonly string[]): string => lines.map((l) => `      ${l}`).join('\n');
  const body = (d: Decoded): string => indent(d.lines.length > 0 ? d.lines : [`# ${d.error}`]);
  if (decoded.cdb !== undefined) o.write(`    CDB:\n${body(decoded.cdb)}\n`);
  for (const [label, d, len] of [
    ['Data-Out', v.decodedOut, x.dataOutLength],
    ['Data-In', v.decodedIn, x.dataInLength],
  ] as const) {
    if (d === undefined) continue;
    o.write(`    ${label} (${len} bytes, as ${d.kind}):\n${body(d)}\n`);
  }
  if (v.tokenNote !== undefined) o.write(`    ${v.tokenNote}\n`);
  if (decoded.sense !== undefined && (v.isOdx || o.command !== undefined)) {
    o.write(`    Sense:\n${body(decoded.sense)}\n`);
  }
  for (const i of x.issues) o.write(`    # ${i}\n`);
}

/** The closing line (and a hint when no connection was on the iSCSI port). */
function writeSummary(
  bytes: Uint8Array,
  o: CaptureDecodeOptions,
  s: CaptureSummary,
  total: number,
  shown: number,
): void {
  if (s.connections.length === 0) {
    const hint = busiestPorts(bytes);
    o.warn(
      `scsi-odx: ${o.name}: no iSCSI connection on port ${(o.ports ?? [3260]).join(', ')}${hint.length === 0 ? '' : `; TCP ports with the most traffic: ${hint.join(', ')} (try --port)`}\n`,
    );
  }
  if (!o.json) {
    o.write(
      `# ${s.frames} frames, ${s.connections.length} iSCSI connection${s.connections.length === 1 ? '' : 's'}, ${s.pdus} PDUs, ${total} exchanges (${shown} shown), ${s.retransmittedSegments} retransmitted segments, ${s.gapBytes} bytes missing, ${s.warnings} warnings\n`,
    );
  }
}
