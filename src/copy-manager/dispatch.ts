/**
 * From a decoded CDB to its handler: one table keyed by the command (`Cdb['kind']`, i.e. the
 * OPERATION CODE and SERVICE ACTION), one small function per command. `CopyManager.execute`
 * checks the request, unit attentions and NACA first, then calls {@link dispatch}.
 *
 * @internal
 */
import type { Cdb } from '../cdb/index.js';
import { SAM_STATUS } from '../constants/sam-status.js';
import type { SupportedCommand } from './commands.js';
import type { CommandRequest, CommandResponse, Engine, ItlState } from './engine.js';
import * as xcopy from './extended-copy-results.js';
import { type Fault, fail } from './fault.js';
import * as wire from './wire.js';

/**
 * The SAM status codes `CopyManager.execute` returns (a subset of {@link SAM_STATUS}).
 *
 * @remarks Since 0.1.0
 */
export const SCSI_STATUS: { readonly GOOD: 0x00; readonly CHECK_CONDITION: 0x02 } = {
  GOOD: SAM_STATUS.GOOD,
  CHECK_CONDITION: SAM_STATUS.CHECK_CONDITION,
};

/** What a command handler works with. */
export interface Context {
  readonly e: Engine;
  readonly req: CommandRequest;
  readonly itl: ItlState | undefined;
  /** Data-out (empty when the request has none). */
  readonly data: Uint8Array;
  /** The LUN, checked to address a logical unit for every command but the ones in `ANY_LUN`. */
  readonly lun: number;
  readonly identity: wire.Identity;
  readonly commands: ReadonlyMap<string, SupportedCommand>;
}

type Kind = Cdb['kind'];
type CdbOf<K extends Kind> = Extract<Cdb, { readonly kind: K }>;
type Handler<K extends Kind> = (c: Context, cdb: CdbOf<K>) => CommandResponse;
type Table = { readonly [K in Kind]?: Handler<K> };

/** GOOD without data (a new object each time: callers may add to a response). */
function ok(): CommandResponse {
  return { status: SCSI_STATUS.GOOD };
}

/** CHECK CONDITION with the sense data of `f`. */
export function check(f: Fault): CommandResponse {
  return { status: SCSI_STATUS.CHECK_CONDITION, senseData: wire.senseFromFault(f) };
}

/** GOOD with data-in cut to ALLOCATION LENGTH. */
function good(bytes: Uint8Array, allocationLength: number): CommandResponse {
  return {
    status: SCSI_STATUS.GOOD,
    dataIn: bytes.length > allocationLength ? bytes.subarray(0, allocationLength) : bytes,
  };
}

/**
 * The parameter list is the first PARAMETER LIST LENGTH bytes of data-out. Data-out shorter than
 * that (the transport delivered less than the CDB announced) is PARAMETER LIST LENGTH ERROR with the
 * field pointer at PARAMETER LIST LENGTH (bytes 10-13 of POPULATE TOKEN and WRITE USING TOKEN), not a
 * shorter list; bytes beyond it are not part of the list.
 */
function parameterList(length: number, data: Uint8Array): Uint8Array {
  if (data.length < length) fail('spc.data-out.short');
  return data.subarray(0, length);
}

/** Commands answered whatever the LUN addresses (SAM-5: INQUIRY, REPORT LUNS, REQUEST SENSE). */
const ANY_LUN: Table = {
  'REQUEST SENSE': (c, cdb) => good(wire.requestSense(c.e, c.itl, cdb.desc), cdb.allocationLength),
  INQUIRY: (c, cdb) => good(wire.inquiry(c.e, c.req, cdb, c.identity), cdb.allocationLength),
  'REPORT LUNS': (c, cdb) => good(wire.reportLuns([...c.e.lus.keys()]), cdb.allocationLength),
};

function readCapacity16(c: Context, cdb: CdbOf<'READ CAPACITY (16)'>): CommandResponse {
  const lu = c.e.lu(c.lun);
  return good(wire.readCapacity16(lu.capacity - 1n, lu.blockSize), cdb.allocationLength);
}

function readCapacity10(c: Context): CommandResponse {
  const lu = c.e.lu(c.lun);
  return good(wire.readCapacity10(lu.capacity - 1n, lu.blockSize), 8);
}

/** Nothing is cached: only the range is checked (SBC-4 "SYNCHRONIZE CACHE (10) command"). */
function synchronizeCache(
  c: Context,
  cdb: CdbOf<'SYNCHRONIZE CACHE (10)' | 'SYNCHRONIZE CACHE (16)'>,
): CommandResponse {
  const lu = c.e.lu(c.lun);
  const lba = BigInt(cdb.logicalBlockAddress);
  if (lba >= lu.capacity || lba + BigInt(cdb.numberOfLogicalBlocks) > lu.capacity) fail('sbc.io.lba-out-of-range');
  return ok();
}

/** PROTECT = 0 in the standard INQUIRY data: no protection information (SBC-4 "READ (10) command"). */
function read(c: Context, cdb: CdbOf<'READ (10)' | 'READ (16)'>): CommandResponse {
  if (cdb.rdprotect !== 0) fail('sbc.io.protect');
  const lengthAt = cdb.kind === 'READ (10)' ? 7 : 10;
  return {
    status: SCSI_STATUS.GOOD,
    dataIn: c.e.read(c.lun, BigInt(cdb.logicalBlockAddress), cdb.transferLength, lengthAt),
  };
}

function write(c: Context, cdb: CdbOf<'WRITE (10)' | 'WRITE (16)'>): CommandResponse {
  if (cdb.wrprotect !== 0) fail('sbc.io.protect');
  const lengthAt = cdb.kind === 'WRITE (10)' ? 7 : 10;
  c.e.write(c.lun, BigInt(cdb.logicalBlockAddress), cdb.transferLength, c.data, lengthAt);
  return ok();
}

function extendedCopyLid1(c: Context, cdb: CdbOf<'EXTENDED COPY (LID1)'>): CommandResponse {
  const list = parameterList(cdb.parameterListLength, c.data);
  if (list.length === 0) return ok();
  const fault = xcopy.extendedCopyLid1(c.e, c.req.nexus, c.lun, list);
  return fault === undefined ? ok() : check(fault);
}

function extendedCopyLid4(c: Context, cdb: CdbOf<'EXTENDED COPY (LID4)'>): CommandResponse {
  const list = parameterList(cdb.parameterListLength, c.data);
  if (list.length === 0) return ok();
  const out = xcopy.extendedCopyLid4(c.e, c.req.nexus, c.lun, list);
  if (out.fault !== undefined) return check(out.fault);
  return out.goodSense === undefined ? ok() : { status: SCSI_STATUS.GOOD, senseData: out.goodSense };
}

function populateToken(c: Context, cdb: CdbOf<'POPULATE TOKEN'>): CommandResponse {
  const list = parameterList(cdb.parameterListLength, c.data);
  if (list.length === 0) return ok();
  c.e.populateToken(c.req.nexus, c.lun, cdb.listIdentifier, wire.populateTokenRequest(list));
  return ok();
}

function writeUsingToken(c: Context, cdb: CdbOf<'WRITE USING TOKEN'>): CommandResponse {
  const list = parameterList(cdb.parameterListLength, c.data);
  if (list.length === 0) return ok();
  const fault = c.e.writeUsingToken(c.req.nexus, c.lun, cdb.listIdentifier, wire.writeUsingTokenRequest(list));
  return fault === undefined ? ok() : check(fault);
}

/**
 * SPC-5 RECEIVE ROD TOKEN INFORMATION: the data is discarded once all of it has been transferred
 * (and with ALLOCATION LENGTH 0); a shorter ALLOCATION LENGTH keeps it, so the host can ask again
 * with a larger buffer. The token itself stays valid either way.
 */
function receiveRodTokenInformation(c: Context, cdb: CdbOf<'RECEIVE ROD TOKEN INFORMATION'>): CommandResponse {
  const { e, req, lun } = c;
  const op = xcopy.lid4Result(e, req.nexus, lun, cdb.listIdentifier);
  if (cdb.allocationLength === 0) {
    e.discard(op);
    return { status: SCSI_STATUS.GOOD, dataIn: new Uint8Array(0) };
  }
  const bytes = xcopy.isExtendedCopyLid4(op)
    ? xcopy.rodTokenInformationLid4(e, op)
    : wire.rodTokenInformation(e, op, true);
  if (bytes.length <= cdb.allocationLength) e.discard(op);
  return good(bytes, cdb.allocationLength);
}

function receiveCopyStatusLid4(c: Context, cdb: CdbOf<'RECEIVE COPY STATUS (LID4)'>): CommandResponse {
  const op = xcopy.lid4Result(c.e, c.req.nexus, c.lun, cdb.listIdentifier);
  if (xcopy.isExtendedCopyLid4(op)) return good(xcopy.copyStatusLid4(c.e, op), cdb.allocationLength);
  return good(wire.rodTokenInformation(c.e, op, false), cdb.allocationLength);
}

function receiveCopyDataLid4(c: Context, cdb: CdbOf<'RECEIVE COPY DATA (LID4)'>): CommandResponse {
  const op = xcopy.lid4Result(c.e, c.req.nexus, c.lun, cdb.listIdentifier);
  const header = xcopy.isExtendedCopyLid4(op) ? undefined : wire.copyStatusHeader(c.e, op);
  return good(xcopy.receiveCopyDataLid4(c.e, op, header), cdb.allocationLength);
}

/** Commands to a logical unit (25h/00h when the LUN addresses none). */
const TO_LU: Table = {
  'TEST UNIT READY': ok,
  'READ CAPACITY (16)': readCapacity16,
  'READ CAPACITY (10)': readCapacity10,
  'REPORT SUPPORTED OPERATION CODES': (c, cdb) =>
    good(wire.reportSupportedOperationCodes(c.commands, cdb), cdb.allocationLength),
  // Only in the command table when target port groups are configured.
  'REPORT TARGET PORT GROUPS': (c, cdb) =>
    good(
      wire.reportTargetPortGroups(c.identity.alua as NonNullable<wire.Identity['alua']>, c.lun, cdb),
      cdb.allocationLength,
    ),
  'MODE SENSE (6)': (c, cdb) => good(wire.modeSense(c.e.lu(c.lun), cdb), cdb.allocationLength),
  'MODE SENSE (10)': (c, cdb) => good(wire.modeSense(c.e.lu(c.lun), cdb), cdb.allocationLength),
  'SYNCHRONIZE CACHE (10)': synchronizeCache,
  'SYNCHRONIZE CACHE (16)': synchronizeCache,
  'READ (10)': read,
  'READ (16)': read,
  'WRITE (10)': write,
  'WRITE (16)': write,
  'EXTENDED COPY (LID1)': extendedCopyLid1,
  'EXTENDED COPY (LID4)': extendedCopyLid4,
  'RECEIVE COPY STATUS (LID1)': (c, cdb) =>
    good(xcopy.receiveCopyStatusLid1(c.e, c.req.nexus, c.lun, cdb.listIdentifier), cdb.allocationLength),
  'RECEIVE COPY DATA (LID1)': (c, cdb) =>
    good(xcopy.receiveCopyDataLid1(c.e, c.req.nexus, c.lun, cdb.listIdentifier), cdb.allocationLength),
  'RECEIVE COPY FAILURE DETAILS (LID1)': (c, cdb) =>
    good(xcopy.receiveCopyFailureDetailsLid1(c.e, c.req.nexus, c.lun, cdb.listIdentifier), cdb.allocationLength),
  'RECEIVE COPY OPERATING PARAMETERS': (c, cdb) =>
    good(xcopy.receiveCopyOperatingParameters(c.e), cdb.allocationLength),
  'POPULATE TOKEN': populateToken,
  'WRITE USING TOKEN': writeUsingToken,
  'RECEIVE ROD TOKEN INFORMATION': receiveRodTokenInformation,
  'RECEIVE COPY STATUS (LID4)': receiveCopyStatusLid4,
  'RECEIVE COPY DATA (LID4)': receiveCopyDataLid4,
  'COPY OPERATION ABORT': (c, cdb) => {
    c.e.abort(c.req.nexus, c.lun, cdb.listIdentifier);
    return ok();
  },
  'REPORT ALL ROD TOKENS': (c, cdb) => good(wire.reportAllRodTokens(c.e), cdb.allocationLength),
};

/** A table entry, called with the CDB of its own kind (the table is keyed by `kind`). */
function entry(t: Table, kind: Kind): ((c: Context, cdb: Cdb) => CommandResponse) | undefined {
  return Object.hasOwn(t, kind) ? (t[kind] as (c: Context, cdb: Cdb) => CommandResponse) : undefined;
}

/**
 * Run one decoded command. The command table (`commands`, which REPORT SUPPORTED OPERATION CODES
 * reads too) decides what is implemented; every command but INQUIRY, REPORT LUNS and REQUEST SENSE
 * needs a logical unit at the LUN. Throws `FaultError` (and codec errors of the parameter list).
 */
export function dispatch(c: Omit<Context, 'lun'>, cdb: Cdb): CommandResponse {
  if (!c.commands.has(cdb.kind)) return fail('spc.cdb.unsupported-command');
  const anyLun = entry(ANY_LUN, cdb.kind);
  if (anyLun !== undefined) return anyLun(withLun(c, c.req.lun), cdb);
  const lun = c.e.lu(c.req.lun).lun; // 25h/00h for an unknown LUN
  const h = entry(TO_LU, cdb.kind);
  if (h === undefined) return fail('spc.cdb.unsupported-command');
  return h(withLun(c, lun), cdb);
}

/**
 * The handler's context: an object literal of fixed shape (a spread `{ ...c, lun }` made the
 * ODX cycle benchmark about a third slower: a dictionary-mode copy per command).
 */
function withLun(c: Omit<Context, 'lun'>, lun: number): Context {
  return { e: c.e, req: c.req, itl: c.itl, data: c.data, identity: c.identity, commands: c.commands, lun };
}
