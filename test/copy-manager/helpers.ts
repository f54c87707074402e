/**
 * Host-side helpers for copy-manager tests: build commands with the package's encoders, check
 * responses with its decoders.
 */
import { expect } from 'vitest';
import {
  encodeCopyOperationAbortCdb,
  encodePopulateTokenCdb,
  encodeRead16Cdb,
  encodeReceiveCopyStatusLid4Cdb,
  encodeReceiveRodTokenInformationCdb,
  encodeWrite16Cdb,
  encodeWriteUsingTokenCdb,
} from '../../src/cdb/index.js';
import type { ItNexus } from '../../src/copy-manager/index.js';
import {
  type CommandResponse,
  CopyManager,
  type CopyManagerOptions,
  ManualClock,
} from '../../src/copy-manager/index.js';
import {
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/parameter-list/index.js';
import { blockDeviceZeroRodToken } from '../../src/rod-token/index.js';
import { decodeSenseData, type SenseData } from '../../src/sense/index.js';
import {
  decodeCopyStatusLid4,
  decodeRodTokenInformation,
  type RodTokenDescriptor,
  type RodTokenInformation,
} from '../../src/status/index.js';

export const A1: ItNexus = { initiatorPortId: 'iqn.host-a', targetPortId: 1 };
export const A2: ItNexus = { initiatorPortId: 'iqn.host-a', targetPortId: 2 };
export const B1: ItNexus = { initiatorPortId: 'iqn.host-b', targetPortId: 1 };
export const B2: ItNexus = { initiatorPortId: 'iqn.host-b', targetPortId: 2 };

/** Deterministic "random" source for tests (xorshift32). */
export function seededRandom(seed: number): (b: Uint8Array) => void {
  let x = seed >>> 0 || 1;
  return (b) => {
    for (let i = 0; i < b.length; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      b[i] = x & 0xff;
    }
  };
}

export function makeCm(options: Partial<CopyManagerOptions> = {}, seed = 1): { cm: CopyManager; clock: ManualClock } {
  const clock = new ManualClock(1_000_000);
  const cm = new CopyManager({
    clock,
    random: seededRandom(seed),
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 20n },
      { blockSize: 4096, capacity: 1n << 17n },
    ],
    ...options,
  });
  return { cm, clock };
}

export interface RangeIn {
  readonly lba: bigint | number;
  readonly count: number;
}

export interface PtOptions {
  readonly immed?: boolean;
  readonly rtv?: boolean;
  readonly rodType?: number;
  readonly inactivityTimeout?: number;
}

/** POPULATE TOKEN parameter list (package encoder). */
export function ptList(ranges: readonly RangeIn[], o: PtOptions = {}): Uint8Array<ArrayBuffer> {
  return encodePopulateTokenParameterList({
    rtv: o.rtv ?? false,
    immed: o.immed ?? false,
    inactivityTimeout: o.inactivityTimeout ?? 0,
    rodType: o.rodType ?? 0,
    blockDeviceRangeDescriptors: ranges.map((r) => ({
      logicalBlockAddress: BigInt(r.lba),
      numberOfLogicalBlocks: r.count,
    })),
  });
}

export interface WutOptions {
  readonly immed?: boolean;
  readonly delTkn?: boolean;
  readonly offsetIntoRod?: bigint;
}

/** WRITE USING TOKEN parameter list (package encoder). */
export function wutList(token: Uint8Array, ranges: readonly RangeIn[], o: WutOptions = {}): Uint8Array<ArrayBuffer> {
  return encodeWriteUsingTokenParameterList({
    delTkn: o.delTkn ?? false,
    immed: o.immed ?? false,
    offsetIntoRod: o.offsetIntoRod ?? 0n,
    rodToken: token,
    blockDeviceRangeDescriptors: ranges.map((r) => ({
      logicalBlockAddress: BigInt(r.lba),
      numberOfLogicalBlocks: r.count,
    })),
  });
}

/** The block device zero ROD token (package constant). */
export function zeroToken(): Uint8Array<ArrayBuffer> {
  return blockDeviceZeroRodToken();
}

/** Decoded RRTI / RCS parameter data, in the shape the tests use. */
export interface RrtiInfo {
  readonly responseToServiceAction: number;
  readonly copyOperationStatus: number;
  readonly operationCounter: number;
  readonly estimatedStatusUpdateDelay: number;
  readonly extendedCopyCompletionStatus: number;
  readonly transferCountUnits: number;
  readonly transferCount: bigint;
  readonly senseData: SenseData | undefined;
  readonly token: Uint8Array | undefined;
}

/** Decode RRTI (or, with `rrti = false`, RECEIVE COPY STATUS (LID4)) data strictly with the package decoders. */
export function parseRrti(bytes: Uint8Array, rrti = true): RrtiInfo {
  const d = rrti ? decodeRodTokenInformation(bytes, { strict: true }) : decodeCopyStatusLid4(bytes, { strict: true });
  const descs: readonly RodTokenDescriptor[] = rrti ? (d as RodTokenInformation).rodTokenDescriptors : [];
  if (descs.length > 0) expect(descs[0]?.idForCreatingRodCscdDescriptor).toBe(0);
  return {
    responseToServiceAction: d.responseToServiceAction,
    copyOperationStatus: d.copyOperationStatus,
    operationCounter: d.operationCounter,
    estimatedStatusUpdateDelay: d.estimatedStatusUpdateDelay,
    extendedCopyCompletionStatus: d.extendedCopyCompletionStatus,
    transferCountUnits: d.transferCountUnits,
    transferCount: d.transferCount,
    senseData: d.senseData,
    token: descs[0]?.rodToken,
  };
}

/** Issues commands on one nexus. */
export class Host {
  readonly cm: CopyManager;
  readonly nexus: ItNexus;
  constructor(cm: CopyManager, nexus: ItNexus) {
    this.cm = cm;
    this.nexus = nexus;
  }
  run(lun: number, cdb: Uint8Array, dataOut?: Uint8Array): CommandResponse {
    return this.cm.execute({ nexus: this.nexus, lun, cdb, dataOut });
  }
  read(lun: number, lba: bigint | number, count: number): CommandResponse {
    const cdb = encodeRead16Cdb({
      rdprotect: 0,
      dpo: false,
      fua: false,
      rarc: false,
      logicalBlockAddress: BigInt(lba),
      transferLength: count,
      groupNumber: 0,
      control: 0,
    });
    return this.run(lun, cdb);
  }
  write(lun: number, lba: bigint | number, data: Uint8Array, blockSize: number): CommandResponse {
    const cdb = encodeWrite16Cdb({
      wrprotect: 0,
      dpo: false,
      fua: false,
      logicalBlockAddress: BigInt(lba),
      transferLength: data.length / blockSize,
      groupNumber: 0,
      control: 0,
    });
    return this.run(lun, cdb, data);
  }
  populate(lun: number, listId: number, ranges: readonly RangeIn[], o: PtOptions = {}): CommandResponse {
    const list = ptList(ranges, o);
    return this.populateRaw(lun, listId, list);
  }
  populateRaw(lun: number, listId: number, list: Uint8Array, pll = list.length): CommandResponse {
    const cdb = encodePopulateTokenCdb({
      listIdentifier: listId,
      parameterListLength: pll,
      groupNumber: 0,
      control: 0,
    });
    return this.run(lun, cdb, list);
  }
  wut(lun: number, listId: number, token: Uint8Array, ranges: readonly RangeIn[], o: WutOptions = {}): CommandResponse {
    return this.wutRaw(lun, listId, wutList(token, ranges, o));
  }
  wutRaw(lun: number, listId: number, list: Uint8Array, pll = list.length): CommandResponse {
    const cdb = encodeWriteUsingTokenCdb({
      listIdentifier: listId,
      parameterListLength: pll,
      groupNumber: 0,
      control: 0,
    });
    return this.run(lun, cdb, list);
  }
  rrtiRaw(lun: number, listId: number, allocationLength = 4096): CommandResponse {
    const cdb = encodeReceiveRodTokenInformationCdb({ listIdentifier: listId, allocationLength, control: 0 });
    return this.run(lun, cdb);
  }
  rrti(lun: number, listId: number): RrtiInfo {
    const r = this.rrtiRaw(lun, listId);
    expect(r.status).toBe(0);
    return parseRrti(r.dataIn as Uint8Array);
  }
  rcs(lun: number, listId: number): CommandResponse {
    const cdb = encodeReceiveCopyStatusLid4Cdb({ listIdentifier: listId, allocationLength: 4096, control: 0 });
    return this.run(lun, cdb);
  }
  abort(lun: number, listId: number): CommandResponse {
    return this.run(lun, encodeCopyOperationAbortCdb({ listIdentifier: listId, control: 0 }));
  }
  /** POPULATE TOKEN + RRTI: the token bytes. */
  token(lun: number, listId: number, ranges: readonly RangeIn[], o: PtOptions = {}): Uint8Array {
    const r = this.populate(lun, listId, ranges, o);
    expectGood(r);
    const info = this.rrti(lun, listId);
    expect(info.copyOperationStatus).toBe(1);
    return info.token as Uint8Array;
  }
}

export function expectGood(r: CommandResponse): void {
  if (r.status !== 0) {
    const s = r.senseData === undefined ? undefined : decodeSenseData(r.senseData);
    expect.fail(
      `expected GOOD, got status ${r.status} ${JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    );
  }
}

export interface ExpectedSense {
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
  /** `{ cd, field, bit? }` or `null` for "SKSV = 0". Omitted: not checked. */
  readonly pointer?: { readonly cd: boolean; readonly field: number; readonly bit?: number } | null;
  readonly information?: bigint;
}

/** The sense fields that matter, in one normalised view. */
export function senseSummary(bytes: Uint8Array): {
  key: number;
  asc: number;
  ascq: number;
  pointer: { cd: boolean; field: number; bit?: number } | null;
  information: bigint | undefined;
} {
  const s = decodeSenseData(bytes, { strict: true });
  let sks: unknown;
  let information: bigint | undefined;
  if (s.kind === 'fixed') {
    sks = s.senseKeySpecific;
    information = s.valid ? BigInt(s.information) : undefined;
  } else {
    for (const d of s.descriptors) {
      if (d.kind === 'senseKeySpecific') sks = d.senseKeySpecific;
      if (d.kind === 'information' && d.valid) information = d.information;
    }
  }
  const k = sks as
    | {
        kind: string;
        sksv: boolean;
        commandData?: boolean;
        fieldPointer?: number;
        bitPointerValid?: boolean;
        bitPointer?: number;
      }
    | undefined;
  const pointer =
    k?.sksv === true && k.kind === 'fieldPointer'
      ? {
          cd: k.commandData as boolean,
          field: k.fieldPointer as number,
          ...(k.bitPointerValid === true ? { bit: k.bitPointer as number } : {}),
        }
      : null;
  return {
    key: s.senseKey,
    asc: s.additionalSenseCode,
    ascq: s.additionalSenseCodeQualifier,
    pointer,
    information,
  };
}

export function expectSense(r: CommandResponse, e: ExpectedSense): void {
  expect(r.status, 'status').toBe(2);
  expect(r.senseData).toBeDefined();
  const s = senseSummary(r.senseData as Uint8Array);
  expect({ key: s.key, asc: s.asc, ascq: s.ascq }).toEqual({ key: e.key, asc: e.asc, ascq: e.ascq });
  if (e.pointer !== undefined) expect(s.pointer, 'field pointer').toEqual(e.pointer);
  if (e.information !== undefined) expect(s.information, 'INFORMATION').toBe(e.information);
}

/** `n` blocks of `bs` bytes, each block filled with a pattern derived from `seed`. */
export function pattern(n: number, bs: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n * bs);
  for (let i = 0; i < out.length; i++) out[i] = (seed * 31 + i * 7 + (i >> 9)) & 0xff;
  return out;
}
