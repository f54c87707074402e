/**
 * The one table of the commands the copy manager implements. The dispatcher refuses every
 * command that is not in it (INVALID COMMAND OPERATION CODE), REPORT SUPPORTED OPERATION CODES
 * reports exactly its entries, and VPD page 8Fh's supported commands descriptor lists its
 * third-party copy entries. The CDB USAGE DATA of each entry is derived from the command's
 * decoder: every bit a decoder reads into a field is "evaluated", minus the fields the entry says
 * the device server ignores, so the map can only claim what the codec reads.
 *
 * @internal
 */
import { type CdbCommand, decodeCdb } from '../cdb/index.js';
import { MAINTENANCE_IN_SA, OPCODE, SERVICE_ACTION_IN_16_SA, TPC_IN_SA, TPC_OUT_SA } from '../constants/opcodes.js';
import type { TraceEntry } from '../internal/byte-reader.js';

/** One command the copy manager implements. */
export interface SupportedCommand {
  /** The `command` name {@link decodeCdb} gives it. */
  readonly command: Exclude<CdbCommand, 'unknown'>;
  readonly operationCode: number;
  /** SERVICE ACTION, for commands that have one. */
  readonly serviceAction?: number | undefined;
  /** CDB length in bytes. */
  readonly cdbLength: number;
  /**
   * Fields the decoder reads but the device server ignores (obsolete fields, GROUP NUMBER,
   * hints it has no use for): zero in the CDB usage map.
   */
  readonly ignored: readonly string[];
  /** Implemented only when target port groups are configured (asymmetric logical unit access). */
  readonly alua?: true | undefined;
}

/**
 * Every command the copy manager implements, ordered by operation code then service action.
 * DPO and FUA are honoured trivially (no cache: every write reaches the medium before GOOD), so
 * they count as evaluated; RDPROTECT / WRPROTECT are evaluated (non-zero is refused).
 */
export const SUPPORTED_COMMANDS: readonly SupportedCommand[] = [
  { command: 'TEST UNIT READY', operationCode: OPCODE.TEST_UNIT_READY, cdbLength: 6, ignored: [] },
  { command: 'REQUEST SENSE', operationCode: OPCODE.REQUEST_SENSE, cdbLength: 6, ignored: [] },
  { command: 'INQUIRY', operationCode: OPCODE.INQUIRY, cdbLength: 6, ignored: [] },
  { command: 'MODE SENSE (6)', operationCode: OPCODE.MODE_SENSE_6, cdbLength: 6, ignored: [] },
  {
    command: 'READ CAPACITY (10)',
    operationCode: OPCODE.READ_CAPACITY_10,
    cdbLength: 10,
    ignored: ['logicalBlockAddress', 'pmi'],
  },
  { command: 'READ (10)', operationCode: OPCODE.READ_10, cdbLength: 10, ignored: ['rarc', 'groupNumber'] },
  { command: 'WRITE (10)', operationCode: OPCODE.WRITE_10, cdbLength: 10, ignored: ['groupNumber'] },
  {
    command: 'SYNCHRONIZE CACHE (10)',
    operationCode: OPCODE.SYNCHRONIZE_CACHE_10,
    cdbLength: 10,
    ignored: ['groupNumber'],
  },
  { command: 'MODE SENSE (10)', operationCode: OPCODE.MODE_SENSE_10, cdbLength: 10, ignored: [] },
  {
    command: 'EXTENDED COPY (LID1)',
    operationCode: OPCODE.THIRD_PARTY_COPY_OUT,
    serviceAction: TPC_OUT_SA.EXTENDED_COPY_LID1,
    cdbLength: 16,
    ignored: [],
  },
  {
    command: 'EXTENDED COPY (LID4)',
    operationCode: OPCODE.THIRD_PARTY_COPY_OUT,
    serviceAction: TPC_OUT_SA.EXTENDED_COPY_LID4,
    cdbLength: 16,
    ignored: [],
  },
  {
    command: 'POPULATE TOKEN',
    operationCode: OPCODE.THIRD_PARTY_COPY_OUT,
    serviceAction: TPC_OUT_SA.POPULATE_TOKEN,
    cdbLength: 16,
    ignored: ['groupNumber'],
  },
  {
    command: 'WRITE USING TOKEN',
    operationCode: OPCODE.THIRD_PARTY_COPY_OUT,
    serviceAction: TPC_OUT_SA.WRITE_USING_TOKEN,
    cdbLength: 16,
    ignored: ['groupNumber'],
  },
  {
    command: 'COPY OPERATION ABORT',
    operationCode: OPCODE.THIRD_PARTY_COPY_OUT,
    serviceAction: TPC_OUT_SA.COPY_OPERATION_ABORT,
    cdbLength: 16,
    ignored: [],
  },
  ...(
    [
      ['RECEIVE COPY STATUS (LID1)', TPC_IN_SA.RECEIVE_COPY_STATUS_LID1],
      ['RECEIVE COPY DATA (LID1)', TPC_IN_SA.RECEIVE_COPY_DATA_LID1],
      ['RECEIVE COPY OPERATING PARAMETERS', TPC_IN_SA.RECEIVE_COPY_OPERATING_PARAMETERS],
      ['RECEIVE COPY FAILURE DETAILS (LID1)', TPC_IN_SA.RECEIVE_COPY_FAILURE_DETAILS_LID1],
    ] as const
  ).map(([command, serviceAction]) => ({
    command,
    operationCode: OPCODE.THIRD_PARTY_COPY_IN,
    serviceAction,
    cdbLength: 16,
    ignored: [],
  })),
  {
    command: 'RECEIVE COPY STATUS (LID4)',
    operationCode: OPCODE.THIRD_PARTY_COPY_IN,
    serviceAction: TPC_IN_SA.RECEIVE_COPY_STATUS_LID4,
    cdbLength: 16,
    ignored: [],
  },
  {
    command: 'RECEIVE COPY DATA (LID4)',
    operationCode: OPCODE.THIRD_PARTY_COPY_IN,
    serviceAction: TPC_IN_SA.RECEIVE_COPY_DATA_LID4,
    cdbLength: 16,
    ignored: [],
  },
  {
    command: 'RECEIVE ROD TOKEN INFORMATION',
    operationCode: OPCODE.THIRD_PARTY_COPY_IN,
    serviceAction: TPC_IN_SA.RECEIVE_ROD_TOKEN_INFORMATION,
    cdbLength: 16,
    ignored: [],
  },
  {
    command: 'REPORT ALL ROD TOKENS',
    operationCode: OPCODE.THIRD_PARTY_COPY_IN,
    serviceAction: TPC_IN_SA.REPORT_ALL_ROD_TOKENS,
    cdbLength: 16,
    ignored: [],
  },
  { command: 'READ (16)', operationCode: OPCODE.READ_16, cdbLength: 16, ignored: ['rarc', 'groupNumber'] },
  { command: 'WRITE (16)', operationCode: OPCODE.WRITE_16, cdbLength: 16, ignored: ['groupNumber'] },
  {
    command: 'SYNCHRONIZE CACHE (16)',
    operationCode: OPCODE.SYNCHRONIZE_CACHE_16,
    cdbLength: 16,
    ignored: ['groupNumber'],
  },
  {
    command: 'READ CAPACITY (16)',
    operationCode: OPCODE.SERVICE_ACTION_IN_16,
    serviceAction: SERVICE_ACTION_IN_16_SA.READ_CAPACITY_16,
    cdbLength: 16,
    ignored: ['logicalBlockAddress', 'pmi'],
  },
  // SELECT REPORT is not evaluated: every LUN is reported whatever it says.
  { command: 'REPORT LUNS', operationCode: OPCODE.REPORT_LUNS, cdbLength: 12, ignored: ['selectReport'] },
  {
    command: 'REPORT TARGET PORT GROUPS',
    operationCode: OPCODE.MAINTENANCE_IN,
    serviceAction: MAINTENANCE_IN_SA.REPORT_TARGET_PORT_GROUPS,
    cdbLength: 12,
    ignored: [],
    alua: true,
  },
  {
    command: 'REPORT SUPPORTED OPERATION CODES',
    operationCode: OPCODE.MAINTENANCE_IN,
    serviceAction: MAINTENANCE_IN_SA.REPORT_SUPPORTED_OPERATION_CODES,
    cdbLength: 12,
    ignored: [],
  },
];

/** CONTROL byte bit the device server evaluates: NACA (SAM-5 "CONTROL byte"). */
const CONTROL_NACA = 0x04;

/** The table as it applies to one copy manager (with or without target port groups). */
export function commandsFor(alua: boolean): ReadonlyMap<string, SupportedCommand> {
  return new Map(SUPPORTED_COMMANDS.filter((c) => alua || c.alua !== true).map((c) => [c.command, c]));
}

/**
 * CDB USAGE DATA for a supported command (SPC-5 "One_command parameter data"): byte 0 the
 * operation code, the service action in its CDB position, and a one for every bit of every field
 * the command's decoder reads that the device server does not ignore; of CONTROL only NACA.
 */
export function cdbUsageData(c: SupportedCommand): Uint8Array<ArrayBuffer> {
  const probe = new Uint8Array(c.cdbLength).fill(0xff);
  probe[0] = c.operationCode;
  if (c.serviceAction !== undefined) probe[1] = 0xe0 | c.serviceAction;
  const trace: TraceEntry[] = [];
  const decoded = decodeCdb(probe, { trace });
  if (decoded.kind !== c.command) throw new Error(`command table: ${c.command} decodes as ${decoded.kind}`);
  const usage = new Uint8Array(c.cdbLength);
  for (const t of trace) {
    if (t.field === 'operationCode' || t.field === 'serviceAction' || c.ignored.includes(t.field)) continue;
    if (t.field === 'control') {
      usage[t.offset] = (usage[t.offset] as number) | CONTROL_NACA;
      continue;
    }
    if (t.bits !== undefined) {
      const [hi, lo] = t.bits;
      usage[t.offset] = (usage[t.offset] as number) | (((1 << (hi - lo + 1)) - 1) << lo);
    } else {
      for (let i = 0; i < t.length; i++) usage[t.offset + i] = 0xff;
    }
  }
  usage[0] = c.operationCode;
  if (c.serviceAction !== undefined) usage[1] = (usage[1] as number) | c.serviceAction;
  return usage;
}
