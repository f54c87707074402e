/**
 * The copy manager's internal data model: identifiers, records and limits shared by the engine
 * (`engine.ts`: logical units, I/O, copies), the token table (`tokens.ts`: token lifetimes) and
 * the nexus table (`nexus-table.ts`: per I_T_L nexus results and unit attentions).
 *
 * @internal
 */

import type { BlockDeviceRangeDescriptor } from '../parameter-list/block-device-range-descriptor.js';
import type { RuleId } from '../rules/ids.js';
import type { Extent, ExtentMap, Image } from './extent-map.js';
import type { Fault } from './fault.js';

/** One command as it arrives at the copy manager. @remarks Since 0.1.0 */
export interface CommandRequest {
  /** The I_T nexus (initiator port + target port) the command arrived on. */
  readonly nexus: ItNexus;
  /** Logical unit number. */
  readonly lun: number;
  /** The CDB bytes. */
  readonly cdb: Uint8Array;
  /** Data-out bytes (parameter list or write data), if any. */
  readonly dataOut?: Uint8Array | undefined;
}

/** The command's outcome. @remarks Since 0.1.0 */
export interface CommandResponse {
  /** SAM status: 00h GOOD or 02h CHECK CONDITION. */
  readonly status: number;
  /**
   * Sense data (fixed format, or descriptor format when INFORMATION needs 64 bits) with CHECK
   * CONDITION; with GOOD only for EXTENDED COPY (LID4) with G_SENSE = 1 (SPC-4 table 126).
   */
  readonly senseData?: Uint8Array;
  /** Data-in, already truncated to the CDB's ALLOCATION LENGTH. */
  readonly dataIn?: Uint8Array;
}

/** The SCSI I_T nexus a command arrives on. @remarks Since 0.1.0 */
export interface ItNexus {
  /** Initiator port identifier (any string, e.g. an iSCSI IQN or a WWPN). */
  readonly initiatorPortId: string;
  /** Relative target port identifier of this copy manager's port (1..65535). */
  readonly targetPortId: number;
}

/** One block device range descriptor. */
export interface Range {
  readonly lba: bigint;
  readonly count: number;
}

/** Logical unit configuration. @remarks Since 0.1.0 */
export interface LogicalUnitOptions {
  /** LUN (0..16383); defaults to the unit's index in the list. */
  readonly lun?: number | undefined;
  /** Logical block length in bytes (e.g. 512 or 4096). */
  readonly blockSize: number;
  /** Capacity in logical blocks (1..2^64). */
  readonly capacity: bigint;
  /**
   * With `CopyManagerOptions.targetPortGroups`: the id of the target port group that owns this
   * LU (active/optimized through it, active/non-optimized through every other group). Without
   * it, every group is active/optimized for this LU.
   *
   * @remarks Since 0.2.0
   */
  readonly ownerTargetPortGroup?: number | undefined;
}

/**
 * The copy manager's limits with every default filled in: exactly what it enforces and what
 * VPD pages 8Fh / B0h advertise.
 *
 * @remarks Since 0.1.0
 */
export interface CopyManagerLimits {
  /** Maximum live ROD tokens. */
  readonly maxLiveTokens: number;
  /** Maximum live tokens created through one I_T nexus. */
  readonly maxTokensPerNexus: number;
  /** Maximum background copy operations at a time. */
  readonly maxConcurrentCopies: number;
  /** MAXIMUM RANGE DESCRIPTORS per POPULATE TOKEN / WRITE USING TOKEN. */
  readonly maxRangeDescriptors: number;
  /** MAXIMUM TOKEN TRANSFER SIZE in logical blocks (sum over descriptors). */
  readonly maxTokenTransferSize: bigint;
  /** Block Limits MAXIMUM TRANSFER LENGTH (blocks): READ/WRITE and per range descriptor. */
  readonly maxTransferLength: number;
  /** Seconds. */
  readonly defaultInactivityTimeout: number;
  /** Seconds. */
  readonly maxInactivityTimeout: number;
  /** Background copy rate, bytes per second of clock time. */
  readonly backgroundBytesPerSecond: number;
  /** `'zero-fill'` (SBC-5 5.59.2) or `'underrun'` (whole blocks only, no zero-filled partial block: not SBC). */
  readonly shortTokenPolicy: 'zero-fill' | 'underrun';
  /** Results kept per I_T_L nexus (oldest completed ones are dropped beyond this). */
  readonly maxResultsPerNexus: number;
  /**
   * I_T nexuses the copy manager keeps state for (results, pending unit attentions); beyond this
   * the least recently used nexus's state is forgotten. @remarks Since 0.2.0
   */
  readonly maxNexuses: number;
  /** Seconds without a command after which a nexus's state is forgotten. @remarks Since 0.2.0 */
  readonly nexusIdleTimeout: number;
  /**
   * Invalidation records kept (why a dead token died: 23h/07h, 08h, 09h); beyond this the oldest is
   * forgotten and its token reads TOKEN UNKNOWN (rule `spc.rod-token.forgotten`). @remarks Since 0.2.0
   */
  readonly maxInvalidationRecords: number;
}

/** @internal */
export interface Lu {
  readonly lun: number;
  readonly blockSize: number;
  readonly capacity: bigint;
  readonly store: ExtentMap;
  /** Live change-vulnerable tokens on this LU (cancelled by overlapping writes). */
  readonly cvTokens: Set<TokenRec>;
  /** 8-byte NAA 6? no: NAA 3 (locally assigned) designator, unique per instance + LUN. */
  readonly naa: Uint8Array;
}

/** A live ROD token (small: no copy of the 512 token bytes is kept). */
export interface TokenRec {
  /** The POPULATE TOKEN result that reports this token (dropped when the token dies). */
  op: OpRec | undefined;
  /** COPY MANAGER ROD TOKEN IDENTIFIER (unique, never reused while the instance lives). */
  readonly id: number;
  /** 256 random bits, one char per byte. */
  readonly secret: string;
  readonly rodType: number;
  readonly lu: Lu;
  /** Live (change-vulnerable, access-upon-reference) types: the source ranges; emptied when the token dies. */
  ranges: readonly Range[];
  /** NUMBER OF BYTES REPRESENTED. */
  readonly bytes: bigint;
  /** Point-in-time image (default / persistent types); released when the token dies. */
  image: readonly Extent[] | undefined;
  readonly inactivityMs: number;
  lastUse: number;
  readonly owner: string;
}

/** A background (IMMED = 1) copy in progress. */
export interface Background {
  readonly dst: Lu;
  readonly ranges: readonly Range[];
  readonly src: Image;
  readonly totalBytes: bigint;
  doneBytes: bigint;
  lastTime: number;
  readonly residual: Fault | undefined;
  /**
   * Copies bytes [from, to) of the operation itself, instead of `src` laid over `ranges` on `dst`
   * (EXTENDED COPY segments, which may span several logical units; `dst` then only sets the
   * progress granularity).
   */
  readonly apply?: ((from: bigint, to: bigint) => void) | undefined;
}

/** A copy operation's results, as RRTI / RECEIVE COPY STATUS report them. */
export interface OpRec {
  readonly listId: number;
  /** The I_T_L nexus whose list identifier this is (SPC-5: the copy manager is in the logical unit). */
  readonly lun: number;
  /** Nexus key of the I_T nexus. */
  readonly owner: string;
  /** 10h (POPULATE TOKEN) or 11h (WRITE USING TOKEN). */
  readonly serviceAction: number;
  status: number;
  /** SAM status of the finished operation (EXTENDED COPY COMPLETION STATUS). */
  completionStatus: number;
  /** In logical blocks (F1h units). */
  transferCount: bigint;
  fault: Fault | undefined;
  token: TokenRec | undefined;
  bg: Background | undefined;
  operationCounter: number;
}

/**
 * Unit attention conditions the copy manager establishes, as `ASC << 8 | ASCQ`.
 *
 * @see SAM-5 "Unit attention condition", "Logical unit reset", "I_T nexus loss"; SPC-5 ASC table
 */
export const UNIT_ATTENTION = {
  /** 29h/01h POWER ON OCCURRED (option `powerOnUnitAttention`, a nexus's first command to an LU). */
  POWER_ON: 0x2901,
  /** 29h/03h BUS DEVICE RESET FUNCTION OCCURRED: logical unit reset (and target reset, one per LU). */
  BUS_DEVICE_RESET: 0x2903,
  /** 29h/07h I_T NEXUS LOSS OCCURRED. */
  I_T_NEXUS_LOSS: 0x2907,
} as const;

/** The rule of each pending unit attention code. */
const UNIT_ATTENTION_RULES: ReadonlyMap<number, RuleId> = new Map<number, RuleId>([
  [UNIT_ATTENTION.POWER_ON, 'sam.unit-attention.power-on'],
  [UNIT_ATTENTION.BUS_DEVICE_RESET, 'sam.unit-attention.reset'],
  [UNIT_ATTENTION.I_T_NEXUS_LOSS, 'sam.unit-attention.nexus-loss'],
]);

/**
 * The rule of a pending unit attention (`ASC << 8 | ASCQ`, one of `UNIT_ATTENTION`). Throws for
 * any other code: the copy manager only queues the codes above, so another is a bug here, never
 * something to report as a reset.
 */
export function unitAttentionRule(code: number): RuleId {
  const rule = UNIT_ATTENTION_RULES.get(code);
  if (rule === undefined) throw new Error(`copy manager: no rule for unit attention ${code.toString(16)}h`);
  return rule;
}

/** State of one I_T_L nexus. */
export interface ItlState {
  /** Copy operation results by list identifier (made on first use). */
  results: Map<number, OpRec> | undefined;
  /** Pending unit attentions, oldest first (made on first use). */
  ua: number[] | undefined;
}

/** State of one I_T nexus (least recently used first in `Engine.nexuses`). */
export interface NexusState {
  readonly key: string;
  lastSeen: number;
  /** By LUN. */
  readonly itl: Map<number, ItlState>;
}

/** What {@link Engine.census} counts. */
export interface EngineCensus {
  readonly liveTokens: number;
  readonly liveTokenImages: number;
  readonly invalidationRecords: number;
  /** Dead tokens still holding an image or a result (must be 0). */
  readonly deadTokensPinning: number;
  /** Nexuses with a live-token share. */
  readonly tokenOwners: number;
  readonly nexuses: number;
  readonly itlNexuses: number;
  readonly results: number;
  /** Results still pointing at a dead token (must be 0). */
  readonly resultsWithDeadToken: number;
  readonly unitAttentions: number;
  readonly running: number;
}

/** Length of a token's random secret (its extended ROD token data): 256 bits. */
export const TOKEN_SECRET_LENGTH = 32;

/**
 * What every logical unit of the copy manager reports of its protection, physical blocks and
 * provisioning: none, one logical block per physical block, fully provisioned. READ CAPACITY (16)
 * parameter data and the block device type specific data of its ROD tokens (SBC-4, "ROD token
 * device type specific data": the READ CAPACITY (16) fields) both read it, so they cannot disagree.
 */
export const LU_BLOCK_FORMAT: {
  readonly pType: 0;
  readonly protEn: false;
  readonly pIExponent: 0;
  readonly logicalBlocksPerPhysicalBlockExponent: 0;
  readonly lbpme: false;
  readonly lbprz: false;
  readonly lowestAlignedLogicalBlockAddress: 0;
} = Object.freeze({
  pType: 0,
  protEn: false,
  pIExponent: 0,
  logicalBlocksPerPhysicalBlockExponent: 0,
  lbpme: false,
  lbprz: false,
  lowestAlignedLogicalBlockAddress: 0,
} as const);

/** What a token's bytes are built from (kept for a dead token's exact compare). */
export type TokenBytesOf = Pick<TokenRec, 'id' | 'secret' | 'rodType' | 'lu' | 'bytes'>;

/** Builds and recognises token bytes (implemented with the ROD token codec). */
export interface TokenFormat {
  /**
   * The 512 token bytes of a token: written into `into` (512 bytes) and returned when the format
   * can, else a new array.
   */
  encode(rec: TokenBytesOf, into?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  /**
   * Classify presented token bytes: the block device zero token, one that claims to be ours
   * (returns its identifier), or throws the 23h/xx fault.
   */
  classify(bytes: Uint8Array): { kind: 'zero' } | { kind: 'ours'; id: number };
}

/** Typed POPULATE TOKEN request (decoded parameter list). */
export interface PopulateRequest {
  readonly immed: boolean;
  readonly rtv: boolean;
  readonly inactivityTimeout: number;
  readonly rodType: number;
  readonly ranges: readonly Range[];
  /** The same ranges as decoded: what the range checks validate. */
  readonly descriptors: readonly BlockDeviceRangeDescriptor[];
}

/** Typed WRITE USING TOKEN request (decoded parameter list). */
export interface WriteUsingTokenRequest {
  readonly immed: boolean;
  readonly delTkn: boolean;
  readonly offsetIntoRod: bigint;
  readonly token: Uint8Array;
  readonly ranges: readonly Range[];
  /** The same ranges as decoded: what the range checks validate. */
  readonly descriptors: readonly BlockDeviceRangeDescriptor[];
}

/** An empty, frozen range list (dead tokens and point-in-time tokens keep no ranges). */
export const NO_RANGES: readonly Range[] = Object.freeze([]);

interface NexusKey {
  readonly i: string;
  readonly t: number;
  readonly key: string;
}
/** Key per nexus object, built once so that a lookup does not build and hash a string. */
const NEXUS_KEYS: WeakMap<ItNexus, NexusKey> = new WeakMap();

/** The key of an I_T nexus (initiator port, relative target port). */
export function nexusKey(n: ItNexus): string {
  const c = NEXUS_KEYS.get(n);
  // checked against the fields, so a caller that reuses (even mutates) its nexus object stays correct
  if (c !== undefined && c.i === n.initiatorPortId && c.t === n.targetPortId) return c.key;
  const key = `${n.initiatorPortId}\u0000${n.targetPortId}`;
  if (typeof n === 'object' && n !== null) NEXUS_KEYS.set(n, { i: n.initiatorPortId, t: n.targetPortId, key });
  return key;
}
