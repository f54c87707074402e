/**
 * Copy-manager soak: many commands from many distinct I_T nexuses over simulated days of
 * `ManualClock` time, with point-in-time tokens over data overwritten right after POPULATE TOKEN.
 * Checks that the heap after GC stays under a bound computed from the configured limits (printed
 * next to each measurement) and that no internal record outlives what it belongs to.
 *
 * `npm run test:soak` (CI: 10^5 commands, 10^4 nexuses). Locally, large:
 *   SOAK_COMMANDS=1000000 SOAK_NEXUSES=100000 npm run test:soak
 * Runs with `node --expose-gc` (vitest.soak.config.ts).
 */
import { expect, test } from 'vitest';
import {
  encodeInquiryCdb,
  encodeReportAllRodTokensCdb,
  encodeRequestSenseCdb,
  encodeTestUnitReadyCdb,
} from '../../src/cdb/index.js';
import { engineOf } from '../../src/copy-manager/copy-manager.js';
import { COMPACT_RATIO } from '../../src/copy-manager/extent-map.js';
import { type CommandResponse, CopyManager, type ItNexus, ManualClock } from '../../src/copy-manager/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { Host, parseRrti, seededRandom } from '../copy-manager/helpers.js';

const COMMANDS = Number(process.env['SOAK_COMMANDS'] ?? '100000');
const NEXUSES = Number(process.env['SOAK_NEXUSES'] ?? '10000');
const SEED = Number(process.env['SOAK_SEED'] ?? '17');
/** Mean clock step per command (ms): 10^6 commands ≈ 3 simulated days. */
const STEP_MS = 520;

// The limits under test (small on purpose, so the bound is tight enough to mean something).
const BS = 512;
const LU_BLOCKS = 4096; // 2 MiB per LU
const LUS = 2;
const CHUNK = 8; // every WRITE / range is 8 aligned blocks
const LIMITS = {
  maxLiveTokens: 128,
  maxTokensPerNexus: 8,
  maxConcurrentCopies: 2,
  maxRangeDescriptors: 4,
  maxTokenTransferSize: 32n,
  maxTransferLength: 32,
  defaultInactivityTimeout: 60,
  maxInactivityTimeout: 3600,
  maxNexuses: 256,
  nexusIdleTimeout: 3600,
  backgroundBytesPerSecond: 64 * 1024,
};

/**
 * Upper estimates of V8 object costs (bytes), generous on purpose: a live token record with its
 * 32-byte secret string and image extents list; a dead token record; one I_T nexus's state without
 * results; one I_T_L state; one copy operation result (with a fault and its sense).
 */
const COST = { token: 2048, deadToken: 1024, nexus: 1024, itl: 512, result: 1024 };

const MiB = 1 << 20;

/** The bound: everything the limits allow to exist at once, plus a fixed allowance for V8 noise. */
function bound(): { bytes: number; formula: string } {
  const maxResults = Math.max(16, LIMITS.maxTokensPerNexus);
  const store = COMPACT_RATIO * LUS * LU_BLOCKS * BS;
  const tokenBytes = Number(LIMITS.maxTokenTransferSize) * BS;
  const images = COMPACT_RATIO * (LIMITS.maxLiveTokens + LIMITS.maxConcurrentCopies) * tokenBytes;
  const tokens = LIMITS.maxLiveTokens * COST.token + 4 * LIMITS.maxLiveTokens * COST.deadToken;
  const nexuses = LIMITS.maxNexuses * (COST.nexus + LUS * (COST.itl + maxResults * COST.result));
  const slack = 16 * MiB;
  const bytes = store + images + tokens + nexuses + slack;
  const formula =
    `${COMPACT_RATIO}·LUs·capacity (${mb(store)}) + ${COMPACT_RATIO}·(maxLiveTokens+maxConcurrentCopies)·maxTokenTransferSize·bs (${mb(images)})` +
    ` + maxLiveTokens·${COST.token} + 4·maxLiveTokens·${COST.deadToken} (${mb(tokens)})` +
    ` + maxNexuses·(${COST.nexus} + LUs·(${COST.itl} + max(16,maxTokensPerNexus)·${COST.result})) (${mb(nexuses)})` +
    ` + 16 MiB slack = ${mb(bytes)}`;
  return { bytes, formula };
}

function mb(n: number): string {
  return `${(n / MiB).toFixed(1)} MiB`;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc (npm run test:soak)');
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** xorshift32 in [0, n). */
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ROD = { PIT_DEFAULT: 0x0080_0000, PIT_CV: 0x0080_0001, PIT_PERSISTENT: 0x0080_0002, AUR: 0x0001_0000 };

test(`soak: ${COMMANDS} commands from ${NEXUSES} distinct I_T nexuses`, { timeout: 3_600_000 }, () => {
  const clock = new ManualClock(0);
  const cm = new CopyManager({
    clock,
    random: seededRandom(SEED),
    logicalUnits: Array.from({ length: LUS }, () => ({ blockSize: BS, capacity: BigInt(LU_BLOCKS) })),
    powerOnUnitAttention: true,
    ...LIMITS,
  });
  const engine = engineOf(cm);
  const rnd = prng(SEED);
  const baseline = heapAfterGc();
  const { bytes: limit, formula } = bound();
  console.log(`bound over baseline: ${formula}`);
  console.log(`baseline heap+arrayBuffers after GC: ${mb(baseline)}`);

  let commands = 0;
  let session = 0;
  let nextId = 0;
  let prevId = -1;
  let pitChecks = 0;
  let maxHeap = 0;
  const outcomes = new Map<string, number>();
  const recent: Uint8Array[] = []; // tokens other nexuses fetched (used later, possibly dead)
  const checkpoints = 10;
  let nextCheckpoint = COMMANDS / checkpoints;

  const count = (r: CommandResponse): CommandResponse => {
    commands++;
    clock.advance(rnd(2 * STEP_MS));
    let k = 'GOOD';
    if (r.status !== 0) {
      const s = decodeSenseData(r.senseData as Uint8Array);
      k = `${s.senseKey.toString(16)}/${s.additionalSenseCode.toString(16)}/${s.additionalSenseCodeQualifier.toString(16)}`;
    }
    outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    return r;
  };

  const census = () => engine.census();
  const checkRecords = (): void => {
    const c = census();
    expect(c.liveTokens).toBeLessThanOrEqual(LIMITS.maxLiveTokens);
    expect(c.liveTokenImages).toBeLessThanOrEqual(c.liveTokens);
    expect(c.deadTokensPinning).toBe(0);
    expect(c.resultsWithDeadToken).toBe(0);
    expect(c.invalidationRecords).toBeLessThanOrEqual(4 * LIMITS.maxLiveTokens);
    expect(c.tokenOwners).toBeLessThanOrEqual(c.liveTokens);
    expect(c.nexuses).toBeLessThanOrEqual(LIMITS.maxNexuses);
    expect(c.itlNexuses).toBeLessThanOrEqual(LIMITS.maxNexuses * LUS);
    expect(c.results).toBeLessThanOrEqual(c.itlNexuses * Math.max(16, LIMITS.maxTokensPerNexus));
    expect(c.unitAttentions).toBeLessThanOrEqual(c.itlNexuses * 8);
    expect(c.running).toBeLessThanOrEqual(LIMITS.maxConcurrentCopies);
  };

  const report = (label: string): void => {
    const h = heapAfterGc() - baseline;
    maxHeap = Math.max(maxHeap, h);
    const c = census();
    console.log(
      `${label}: ${commands} commands, ${session} sessions, clock ${(clock.now() / 3_600_000).toFixed(1)} h, ` +
        `heap over baseline ${mb(h)} (bound ${mb(limit)}); live tokens ${c.liveTokens}, dead records ` +
        `${c.invalidationRecords}, nexuses ${c.nexuses}, I_T_L ${c.itlNexuses}, results ${c.results}, ` +
        `UAs ${c.unitAttentions}, running ${c.running}`,
    );
    expect(h).toBeLessThanOrEqual(limit);
    checkRecords();
  };

  while (commands < COMMANDS) {
    // Mostly a new I_T nexus; one in ten times the previous one logs in again (after its logout,
    // it then sees 29h/07h I_T NEXUS LOSS OCCURRED).
    const id = prevId >= 0 && rnd(10) === 0 ? prevId : nextId++ % NEXUSES;
    prevId = id;
    session++;
    const nexus: ItNexus = { initiatorPortId: `iqn.2026-12.soak:host-${id}`, targetPortId: 1 + (id % 2) };
    const h = new Host(cm, nexus);
    const lun = id % LUS;
    const chunks = LU_BLOCKS / CHUNK;
    // First command: the power-on (or I_T nexus loss, or reset) unit attention, then GOOD.
    for (let i = 0; i < 3 && count(h.run(lun, encodeTestUnitReadyCdb({ control: 0 }))).status !== 0; i++);
    const src = rnd(chunks) * CHUNK;
    let dst = rnd(chunks) * CHUNK;
    if (dst === src) dst = (dst + CHUNK) % LU_BLOCKS;
    const data = new Uint8Array(CHUNK * BS);
    data.fill(rnd(256));
    data[0] = id & 0xff;
    count(h.write(lun, src, data, BS));
    const before = count(h.read(lun, src, CHUNK)).dataIn;
    const kind = rnd(10);
    const rodType = kind < 5 ? undefined : kind < 7 ? ROD.PIT_PERSISTENT : kind < 9 ? ROD.PIT_CV : ROD.AUR;
    const listId = rnd(4);
    const timeout = [0, 1, 5, 30, 600, 3600, 3600][rnd(7)] as number;
    const pt = count(
      h.populate(lun, listId, [{ lba: src, count: CHUNK }], {
        rtv: rodType !== undefined,
        rodType: rodType ?? 0,
        inactivityTimeout: timeout,
      }),
    );
    // Overwrite the source at once: point-in-time tokens keep the old data alive, nothing else.
    const over = new Uint8Array(CHUNK * BS).fill(0xa5);
    count(h.write(lun, src, over, BS));
    let token: Uint8Array | undefined;
    const fetch = rnd(20);
    if (pt.status === 0 && fetch < 14) {
      const r = count(h.rrtiRaw(lun, listId, 1024));
      if (r.status === 0) token = parseRrti(r.dataIn as Uint8Array).token;
    } else if (pt.status === 0 && fetch < 17) {
      count(h.rrtiRaw(lun, listId, 0)); // discarded unread
    } else if (pt.status === 0 && fetch < 18) {
      count(h.rrtiRaw(lun, listId, 64)); // truncated: results kept
    } // else: never fetched, results retained until the token or the nexus state goes
    if (token !== undefined && rnd(4) === 0) {
      recent.push(token);
      if (recent.length > 16) recent.shift();
    }
    const use = token ?? (recent.length > 0 && rnd(3) === 0 ? recent[rnd(recent.length)] : undefined);
    if (use !== undefined) {
      const immed = rnd(10) === 0;
      const w = count(h.wut(lun, 4 + rnd(4), use, [{ lba: dst, count: CHUNK }], { delTkn: rnd(2) === 0, immed }));
      const pit = rodType === undefined || rodType === ROD.PIT_PERSISTENT;
      if (use === token && pit && !immed && w.status === 0) {
        // A point-in-time copy made after the overwrite still carries the data from POPULATE TOKEN time.
        const after = count(h.read(lun, dst, CHUNK)).dataIn as Uint8Array;
        if (!sameBytes(after, before as Uint8Array)) expect(after).toEqual(before); // (slow diff only on failure)
        pitChecks++;
      }
    }
    switch (rnd(8)) {
      case 0:
        count(h.run(lun, encodeRequestSenseCdb({ desc: rnd(2) === 0, allocationLength: 252, control: 0 })));
        break;
      case 1:
        count(h.run(lun, encodeInquiryCdb({ evpd: true, pageCode: 0x8f, allocationLength: 4096, control: 0 })));
        break;
      case 2:
        count(h.rcs(lun, 4 + rnd(4)));
        break;
      case 3:
        count(h.abort(lun, 4 + rnd(4)));
        break;
      case 4:
        count(h.run(lun, encodeReportAllRodTokensCdb({ allocationLength: 0xffff, control: 0 })));
        break;
      default:
        break;
    }
    // Half the initiators log out (the transport reports I_T nexus loss); the others just vanish.
    if (rnd(2) === 0) cm.itNexusLoss(nexus);
    if (session % 5000 === 0) cm.logicalUnitReset(rnd(LUS));
    if (session % 20000 === 0) cm.targetReset();
    if (session % 3000 === 0) cm.abortTaskSet(nexus, lun);
    if (commands >= nextCheckpoint) {
      report(`checkpoint ${Math.round((commands / COMMANDS) * 100)}%`);
      nextCheckpoint += COMMANDS / checkpoints;
    }
  }
  const distinct = Math.min(nextId, NEXUSES);
  console.log(`${distinct} distinct I_T nexuses in ${session} sessions`);
  expect(nextId).toBeGreaterThanOrEqual(NEXUSES); // every nexus id was used (needs SOAK_COMMANDS ≥ 10 × SOAK_NEXUSES)
  report('end');
  // Drain: after every lifetime has passed, nothing but one fresh nexus's state is left.
  clock.advance(2 * LIMITS.maxInactivityTimeout * 1000 + LIMITS.nexusIdleTimeout * 1000 + 86_400_000);
  const last = new Host(cm, { initiatorPortId: 'iqn.2026-12.soak:last', targetPortId: 1 });
  count(last.run(0, encodeTestUnitReadyCdb({ control: 0 })));
  expect(cm.runningCopies).toBe(0);
  const c = census();
  expect(c).toMatchObject({
    liveTokens: 0,
    invalidationRecords: 0,
    deadTokensPinning: 0,
    tokenOwners: 0,
    nexuses: 1,
    results: 0,
    running: 0,
  });
  const drained = heapAfterGc() - baseline;
  console.log(
    `drained: heap over baseline ${mb(drained)} (LU data ≤ ${mb(LUS * LU_BLOCKS * BS)}); max during run ${mb(maxHeap)} ` +
      `(bound ${mb(limit)}); ${pitChecks} point-in-time copies after overwrite verified`,
  );
  console.log(
    `outcomes: ${[...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  expect(drained).toBeLessThanOrEqual(COMPACT_RATIO * LUS * LU_BLOCKS * BS + 16 * MiB);
  expect(pitChecks).toBeGreaterThan(0);
});
