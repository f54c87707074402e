/**
 * Copy-manager benchmarks, all through the byte-level `execute()`:
 *  - full ODX cycle (POPULATE TOKEN + RRTI + WRITE USING TOKEN + RRTI), 1 MiB, against the codec
 *    work of its own exchanges (decoding its CDBs and parameter lists, encoding its RRTI data);
 *  - the same cycle for 1 TiB against 1 MiB (size independence);
 *  - the cycle at 1 GiB against a naive copy manager that copies bytes (bench/lib/naive-copy-manager.mjs);
 *  - READ (16) / WRITE (16) of 1 MiB against a plain Uint8Array copy of 1 MiB.
 */
import * as F from '../lib/fixtures.mjs';
import { NaiveCopyManager } from '../lib/naive-copy-manager.mjs';

const NEXUS = { initiatorPortId: 'iqn.2026-11.bench:host', targetPortId: 1 };
const BS = 512;
const MiB = 1 << 20;
const GiB = 2 ** 30;
const TiB = 2 ** 40;
const PT_LIST = 0x10;
const WUT_LIST = 0x11;

/**
 * A copy manager with a source LU 0 and a destination LU 1, big enough for 1 TiB ranges. Default
 * (system) clock, as in real use: time passes during the benchmark.
 */
export function makeCopyManager(cmMod, extra = {}) {
  const { CopyManager } = cmMod;
  let seed = 1;
  return new CopyManager({
    // deterministic "random" bytes: the benchmark must not depend on the system CSPRNG's speed
    random: (b) => {
      for (let i = 0; i < b.length; i++) {
        // Math.imul: exact low 32 bits, no heap number per byte (the product overflows 2^53)
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        b[i] = seed >>> 24;
      }
    },
    logicalUnits: [
      { blockSize: BS, capacity: 1n << 42n },
      { blockSize: BS, capacity: 1n << 42n },
    ],
    maxTransferLength: 0xffff_ffff,
    maxTokenTransferSize: 1n << 41n,
    ...extra,
  });
}

function write16(cm, lun, lba, data) {
  const r = cm.execute({ nexus: NEXUS, lun, cdb: F.write16Cdb(BigInt(lba), data.length / BS), dataOut: data });
  if (r.status !== 0) throw new Error(`WRITE (16) failed: ${describe(r)}`);
}

function describe(r) {
  const s = r.senseData;
  if (s === undefined) return `status ${r.status}`;
  const desc = (s[0] & 0x7f) >= 0x72;
  const key = desc ? s[1] & 0xf : s[2] & 0xf;
  const asc = desc ? s[2] : s[12];
  const ascq = desc ? s[3] : s[13];
  return `status ${r.status}, sense key ${key.toString(16)}h, ASC/ASCQ ${asc.toString(16)}h/${ascq.toString(16)}h`;
}

/**
 * One ODX cycle of `bytes` through `cm.execute()`: PT on LU 0 + RRTI, WUT (DEL_TKN) to LU 1 + RRTI.
 * Everything is bytes; the client side only copies the token out of the RRTI data into the
 * prebuilt WUT parameter list.
 */
export function odxCycle(cm, bytes) {
  const blocks = bytes / BS;
  // one range descriptor holds at most 2^32-1 blocks; split larger copies over several
  const per = 2 ** 31;
  const n = Math.max(1, Math.ceil(blocks / per));
  const ptList = F.populateTokenParameterList(n, { blocks: Math.min(blocks, per) });
  // contiguous source ranges
  const pv = new DataView(ptList.buffer);
  for (let i = 0; i < n; i++) pv.setBigUint64(16 + 16 * i, BigInt(i) * BigInt(per));
  const wutList = F.writeUsingTokenParameterList(n, new Uint8Array(512), { blocks: Math.min(blocks, per) });
  const wv = new DataView(wutList.buffer);
  for (let i = 0; i < n; i++) wv.setBigUint64(536 + 16 * i, BigInt(i) * BigInt(per));
  wutList[2] = 0x02; // DEL_TKN: the token is not needed after the copy
  const pt = { nexus: NEXUS, lun: 0, cdb: F.populateTokenCdb(PT_LIST, ptList.length), dataOut: ptList };
  const rrtiPt = { nexus: NEXUS, lun: 0, cdb: F.rrtiCdb(PT_LIST, 1024) };
  const wut = { nexus: NEXUS, lun: 1, cdb: F.writeUsingTokenCdb(WUT_LIST, wutList.length), dataOut: wutList };
  const rrtiWut = { nexus: NEXUS, lun: 1, cdb: F.rrtiCdb(WUT_LIST, 1024) };
  const cycle = () => {
    let r = cm.execute(pt);
    if (r.status !== 0) throw new Error(`POPULATE TOKEN: ${describe(r)}`);
    r = cm.execute(rrtiPt);
    const d = r.dataIn;
    if (r.status !== 0 || d === undefined || d.length < 550) throw new Error(`RRTI after PT: ${describe(r)}`);
    const tokenAt = 32 + d[13] + 6; // ROD token descriptor: after LENGTH OF THE SENSE DATA FIELD
    wutList.set(d.subarray(tokenAt, tokenAt + 512), 16);
    r = cm.execute(wut);
    if (r.status !== 0) throw new Error(`WRITE USING TOKEN: ${describe(r)}`);
    r = cm.execute(rrtiWut);
    if (r.status !== 0 || r.dataIn === undefined || r.dataIn[5] !== 0x01)
      throw new Error(`RRTI after WUT: ${describe(r)}`);
    return r.dataIn;
  };
  cycle(); // validate once before timing
  return cycle;
}

/**
 * The codec work of one ODX cycle, on the same bytes: run the cycle once, recording its four
 * exchanges, and return a function that decodes the four CDBs and the two parameter lists and
 * encodes the two RRTI parameter data (from their decoded values) with the core codecs `m`.
 */
export function odxCodecWork(m, cm) {
  const seen = [];
  const recorder = {
    execute(req) {
      const r = cm.execute(req);
      seen.push({ cdb: req.cdb.slice(), dataOut: req.dataOut?.slice(), dataIn: r.dataIn?.slice() });
      return r;
    },
  };
  odxCycle(recorder, MiB); // runs the cycle once to validate it
  if (seen.length !== 4) throw new Error(`expected 4 exchanges, saw ${seen.length}`);
  const [pt, rrtiPt, wut, rrtiWut] = seen;
  const strip = (x) => {
    const { issues: _, ...rest } = x;
    return rest;
  };
  const rrtiPtValue = strip(m.decodeRodTokenInformation(rrtiPt.dataIn));
  const rrtiWutValue = strip(m.decodeRodTokenInformation(rrtiWut.dataIn));
  for (const [v, bytes] of [
    [rrtiPtValue, rrtiPt.dataIn],
    [rrtiWutValue, rrtiWut.dataIn],
  ]) {
    const again = m.encodeRodTokenInformation(v);
    if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i]))
      throw new Error('RRTI data does not re-encode to the bytes the copy manager sent');
  }
  return (_) => {
    m.decodeCdb(pt.cdb);
    m.decodePopulateTokenParameterList(pt.dataOut);
    m.decodeCdb(rrtiPt.cdb);
    m.encodeRodTokenInformation(rrtiPtValue);
    m.decodeCdb(wut.cdb);
    m.decodeWriteUsingTokenParameterList(wut.dataOut);
    m.decodeCdb(rrtiWut.cdb);
    return m.encodeRodTokenInformation(rrtiWutValue);
  };
}

/** The cycle functions take one (ignored) argument, so they fit the measurement loop. */
const asFn = (cycle) => (_) => cycle();

export function copyManagerCases(cmMod, opts, core = {}) {
  const cases = [];
  if (cmMod === undefined || typeof cmMod.CopyManager !== 'function') {
    const missing = 'scsi-odx/copy-manager not built yet';
    for (const name of [
      'ODX cycle via execute() (PT+RRTI+WUT+RRTI), 1 MiB',
      'ODX cycle, 1 TiB vs 1 MiB range',
      'ODX cycle at 1 GiB vs naive byte-copying CM',
      'READ (16) 1 MiB via execute()',
      'WRITE (16) 1 MiB via execute()',
    ])
      cases.push({ id: name, name, group: 'copy-manager', missing });
    return cases;
  }
  // source data: 1 MiB written at LBA 0 of LU 0 (the 1 MiB range is real data; larger ranges are
  // that extent followed by unwritten blocks)
  const data = F.prng(MiB, 42);

  // 1. the cycle against the codec work of its own exchanges (a ratio measured in the same run:
  // an absolute cycles/s goal swings with the machine's load)
  cases.push({
    id: 'odx-cycle',
    name: 'ODX cycle via execute() (PT+RRTI+WUT+RRTI), 1 MiB',
    group: 'copy-manager',
    mode: 'slower',
    goal: 2,
    goalText: '<= 2x its codec work',
    baselineName: 'codec work of its exchanges',
    setup() {
      if (typeof core.decodeCdb !== 'function') throw new Error('core codecs (dist/index.js) not built');
      const cm = makeCopyManager(cmMod);
      write16(cm, 0, 0, data);
      const work = odxCodecWork(core, cm);
      const cycle = odxCycle(cm, MiB);
      return {
        subject: { fn: asFn(cycle), input: 0 },
        baseline: { fn: work, input: 0 },
      };
    },
  });

  // 2. size independence
  cases.push({
    id: 'odx-size',
    name: 'ODX cycle, 1 TiB vs 1 MiB range',
    group: 'copy-manager',
    mode: 'slower',
    goal: 1.5,
    goalText: '<= 1.5x the 1 MiB cycle',
    baselineName: '1 MiB cycle',
    setup() {
      const cm = makeCopyManager(cmMod);
      write16(cm, 0, 0, data);
      return {
        subject: { fn: asFn(odxCycle(cm, TiB)), input: 0 },
        baseline: { fn: asFn(odxCycle(cm, MiB)), input: 0 },
      };
    },
  });

  // 3. against the naive copy manager at 1 GiB
  cases.push({
    id: 'odx-naive',
    name: 'ODX cycle at 1 GiB vs naive byte-copying CM',
    group: 'copy-manager',
    mode: 'faster',
    goal: 1000,
    goalText: '>= 1000x faster',
    baselineName: 'naive CM, 1 GiB',
    heavy: true,
    setup() {
      const cm = makeCopyManager(cmMod);
      // fill the whole 1 GiB source range with data, in 64 MiB writes
      const chunk = new Uint8Array(64 * MiB);
      for (let i = 0; i < chunk.length; i += MiB) chunk.set(data, i);
      for (let off = 0; off < GiB; off += chunk.length) write16(cm, 0, off / BS, chunk);
      const naive = new NaiveCopyManager([
        { blockSize: BS, blocks: GiB / BS },
        { blockSize: BS, blocks: GiB / BS },
      ]);
      for (let off = 0; off < GiB; off += chunk.length) naive.lus[0].data.set(chunk, off);
      return {
        subject: { fn: asFn(odxCycle(cm, GiB)), input: 0 },
        baseline: { fn: asFn(odxCycle(naive, GiB)), input: 0, batch: 1 },
      };
    },
  });

  // 4. READ (16) / WRITE (16) of 1 MiB against a plain Uint8Array copy of 1 MiB: `slice()`, a new
  // array holding a copy, which is what a READ has to return (and what a WRITE has to keep). Also
  // measured, for information: `set()` into an existing, cache-warm 1 MiB array (a bare memcpy).
  const copySrc = F.prng(MiB, 3);
  const copyDst = new Uint8Array(MiB);
  const plainCopy = (x) => x.slice();
  const memcpy = (x) => {
    copyDst.set(x);
    return copyDst;
  };
  for (const [id, name, op] of [
    ['read16', 'READ (16) 1 MiB via execute()', 'read'],
    ['write16', 'WRITE (16) 1 MiB via execute()', 'write'],
  ]) {
    cases.push({
      id,
      name,
      group: 'copy-manager',
      mode: 'faster',
      throughputBytes: MiB,
      goal: 0.5,
      goalText: '>= 0.5x copy throughput',
      baselineName: 'Uint8Array slice() 1 MiB',
      setup() {
        const cm = makeCopyManager(cmMod);
        write16(cm, 0, 0, data);
        let fn;
        if (op === 'read') {
          const req = { nexus: NEXUS, lun: 0, cdb: F.read16Cdb(0n, MiB / BS) };
          fn = (_) => {
            const r = cm.execute(req);
            if (r.status !== 0) throw new Error(`READ (16): ${describe(r)}`);
            return r.dataIn;
          };
        } else {
          const req = { nexus: NEXUS, lun: 0, cdb: F.write16Cdb(1n << 20n, MiB / BS), dataOut: copySrc };
          fn = (_) => {
            const r = cm.execute(req);
            if (r.status !== 0) throw new Error(`WRITE (16): ${describe(r)}`);
            return r;
          };
        }
        const first = fn(0);
        if (op === 'read' && (first.length !== MiB || first[12345] !== data[12345]))
          throw new Error('READ (16) returned wrong data');
        return {
          subject: { fn, input: 0 },
          baseline: { fn: plainCopy, input: copySrc },
          extra: [{ name: 'set() into an existing 1 MiB array', fn: memcpy, input: copySrc }],
        };
      },
    });
  }
  void opts;
  return cases;
}
