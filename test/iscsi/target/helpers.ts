/**
 * Helpers for the iSCSI target tests: a target on an ephemeral loopback port over a fresh copy
 * manager, and CDB builders from the package's encoders.
 */
import { encodeInquiryCdb, encodeRead16Cdb, encodeWrite16Cdb } from '../../../src/cdb/index.js';
import { CopyManager } from '../../../src/copy-manager/index.js';
import {
  IscsiInitiator,
  type IscsiInitiatorOptions,
  IscsiTarget,
  type IscsiTargetOptions,
} from '../../../src/iscsi/target/index.js';

export const TARGET_NAME = 'iqn.2026-12.org.scsi-odx:test';

export interface Running {
  readonly cm: CopyManager;
  readonly target: IscsiTarget;
  readonly port: number;
  readonly ports: readonly number[];
  readonly log: string[];
  connect(options?: Partial<IscsiInitiatorOptions>): Promise<IscsiInitiator>;
}

export async function startTarget(
  options: Partial<IscsiTargetOptions> = {},
  portals = 1,
  cmOptions: Record<string, unknown> = {},
): Promise<Running> {
  const cm = new CopyManager({
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 21n },
      { blockSize: 4096, capacity: 1n << 18n },
    ],
    ...cmOptions,
  });
  const log: string[] = [];
  const target = new IscsiTarget({
    copyManager: cm,
    targetName: TARGET_NAME,
    portals: Array.from({ length: portals }, () => ({ host: '127.0.0.1', port: 0 })),
    log: (l) => {
      log.push(l);
      if (log.length > 10_000) log.shift();
    },
    ...options,
  });
  const bound = await target.listen();
  const port = (bound[0] as { port: number }).port;
  return {
    cm,
    target,
    port,
    ports: bound.map((b) => b.port),
    log,
    connect: (o = {}) => IscsiInitiator.connect({ port, targetName: TARGET_NAME, timeoutMs: 5000, ...o }),
  };
}

export const inquiry = (allocationLength = 96): Uint8Array =>
  encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength, control: 0 });

export const read16 = (lba: bigint, blocks: number): Uint8Array =>
  encodeRead16Cdb({
    rdprotect: 0,
    dpo: false,
    fua: false,
    rarc: false,
    logicalBlockAddress: lba,
    transferLength: blocks,
    groupNumber: 0,
    control: 0,
  });

export const write16 = (lba: bigint, blocks: number): Uint8Array =>
  encodeWrite16Cdb({
    wrprotect: 0,
    dpo: false,
    fua: false,
    logicalBlockAddress: lba,
    transferLength: blocks,
    groupNumber: 0,
    control: 0,
  });

/** Deterministic bytes. */
export function pattern(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** Wait until `cond()` holds (polled), at most `ms`; returns its last value. */
export async function eventually(cond: () => boolean, ms = 5000): Promise<boolean> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}
