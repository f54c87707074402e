/**
 * Memory per live ROD token: 4096 tokens created through execute() (POPULATE TOKEN + RRTI each,
 * distinct list identifiers, all kept alive), heap delta / count. Must run with --expose-gc;
 * run.mjs starts it as a child process so the measurement gets a fresh heap. Prints one JSON line.
 *
 *   node --expose-gc bench/memory.mjs [--dist dir] [--count 4096]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as F from './lib/fixtures.mjs';
import { makeCopyManager } from './suites/copy-manager.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
    count: { type: 'string', default: '4096' },
  },
});
if (typeof globalThis.gc !== 'function') {
  console.log(JSON.stringify({ error: 'run with node --expose-gc' }));
  process.exit(1);
}
const cmMod = await import(pathToFileURL(`${values.dist}/copy-manager.js`).href);
const COUNT = Number(values.count);
const NEXUS = { initiatorPortId: 'iqn.2026-11.bench:host', targetPortId: 1 };

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const cm = makeCopyManager(cmMod, {
  maxLiveTokens: COUNT + 128,
  maxTokensPerNexus: COUNT + 128,
  maxInactivityTimeout: 3600,
});
const data = F.prng(1 << 20, 42);
let r = cm.execute({ nexus: NEXUS, lun: 0, cdb: F.write16Cdb(0n, 2048), dataOut: data });
if (r.status !== 0) throw new Error('WRITE (16) failed');
const ptList = F.populateTokenParameterList(1, { blocks: 2048 });
const mk = (listId) => ({ nexus: NEXUS, lun: 0, cdb: F.populateTokenCdb(listId, ptList.length), dataOut: ptList });
// warm up code paths and lazily created structures with a few tokens, then measure from there
for (let i = 0; i < 64; i++) {
  cm.execute(mk(0x4000_0000 + i));
  cm.execute({ nexus: NEXUS, lun: 0, cdb: F.rrtiCdb(0x4000_0000 + i, 1024) });
}
// the CDBs are built before the baseline so they are not counted
const requests = Array.from({ length: COUNT }, (_, i) => [
  mk(i + 1),
  { nexus: NEXUS, lun: 0, cdb: F.rrtiCdb(i + 1, 1024) },
]);
const live0 = cm.liveTokenCount;
const before = settle();
for (const [pt, rrti] of requests) {
  r = cm.execute(pt);
  if (r.status !== 0)
    throw new Error(
      `POPULATE TOKEN ${pt.cdb[9]} failed (status ${r.status}, sense ${Array.from(r.senseData ?? [], (x) => x.toString(16)).join(' ')})`,
    );
  r = cm.execute(rrti);
  if (r.status !== 0 || r.dataIn.length < 550) throw new Error('RRTI failed');
}
r = undefined;
const after = settle();
const live = cm.liveTokenCount - live0;
console.log(
  JSON.stringify({ count: COUNT, live, heapBefore: before, heapAfter: after, bytesPerToken: (after - before) / live }),
);
