/**
 * iSCSI target benchmarks (server side), driven by the package's own initiator over loopback in
 * the same process (so one thread carries both ends):
 *  - 1 MiB sequential READ (16) and WRITE (16) throughput, 4 commands in flight;
 *  - a 1 GiB copy by ODX over iSCSI (POPULATE TOKEN + RRTI + WRITE USING TOKEN + RRTI) against
 *    the same copy done by reading and writing the data over the same connection (goal >= 1000x).
 * The comparison with a C target (tgt) through a real initiator lives with the real-initiator stage.
 */
import * as F from '../lib/fixtures.mjs';

const MiB = 1 << 20;
const GiB = 2 ** 30;
const BS = 512;

function read16(lba, blocks) {
  const c = new Uint8Array(16);
  const v = new DataView(c.buffer);
  c[0] = 0x88;
  v.setBigUint64(2, BigInt(lba));
  v.setUint32(10, blocks);
  return c;
}

function write16(lba, blocks) {
  const c = read16(lba, blocks);
  c[0] = 0x8a;
  return c;
}

function fmtGBs(bytes, ms) {
  return `${(bytes / 1e6 / ms).toFixed(2)} GB/s`;
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} us`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Run `op(i)` with `depth` in flight until `ms` have passed or `count` ops ran; returns { n, ms }. */
async function pump(op, depth, ms, count = Number.POSITIVE_INFINITY) {
  const t0 = performance.now();
  let issued = 0;
  let done = 0;
  let failure;
  await new Promise((resolve) => {
    const next = () => {
      if (failure !== undefined || issued >= count || performance.now() - t0 >= ms) {
        if (done === issued) resolve();
        return;
      }
      const i = issued++;
      op(i).then(
        () => {
          done++;
          next();
        },
        (e) => {
          failure = e;
          done++;
          if (done === issued) resolve();
        },
      );
    };
    for (let k = 0; k < depth; k++) next();
  });
  if (failure !== undefined) throw failure;
  return { n: done, ms: performance.now() - t0 };
}

function check(r, what) {
  if (r.status !== 0) throw new Error(`${what}: status ${r.status}`);
  return r;
}

/**
 * Rows for bench/run.mjs (already measured).
 * @param {{ iscsiMod: any, cmMod: any, quick: boolean, wanted: (c: {name: string}) => boolean }} o
 */
export async function iscsiRows({ iscsiMod, cmMod, quick, wanted }) {
  const names = {
    read: 'iSCSI READ (16) 1 MiB sequential, 4 in flight (own initiator, loopback)',
    write: 'iSCSI WRITE (16) 1 MiB sequential, 4 in flight (own initiator, loopback)',
    odx: 'iSCSI 1 GiB copy: ODX (PT+RRTI+WUT+RRTI) vs read+write over the same connection',
  };
  const want = Object.fromEntries(Object.entries(names).map(([k, name]) => [k, wanted({ name })]));
  if (!Object.values(want).some(Boolean)) return [];
  if (iscsiMod === undefined || cmMod === undefined) {
    return Object.values(names).map((name) => ({
      id: name,
      name,
      group: 'iscsi',
      result: 'n/a',
      note: 'scsi-odx/iscsi not built yet',
    }));
  }
  const { CopyManager } = cmMod;
  const { IscsiTarget, IscsiInitiator } = iscsiMod;
  const cm = new CopyManager({
    logicalUnits: [
      { blockSize: BS, capacity: 1n << 24n },
      { blockSize: BS, capacity: 1n << 24n },
    ],
    maxTransferLength: 1 << 22,
  });
  const target = new IscsiTarget({ copyManager: cm, portals: [{ host: '127.0.0.1', port: 0 }] });
  const [portal] = await target.listen();
  const host = await IscsiInitiator.connect({ port: portal.port, targetName: target.targetName, timeoutMs: 60_000 });
  const rows = [];
  const seconds = quick ? 1 : 3;
  try {
    const chunk = F.prng(MiB, 7);
    const region = 64; // MiB cycled through
    const blocks = MiB / BS;
    if (want.write || want.read) {
      const w = await pump(
        (i) =>
          host.command(0, write16((i % region) * blocks, blocks), { dataOut: chunk }).then((r) => check(r, 'WRITE')),
        4,
        seconds * 1000,
      );
      if (want.write)
        rows.push({
          id: 'iscsi-write',
          name: names.write,
          group: 'iscsi',
          goal: '',
          baseline: '',
          result: `${fmtGBs(w.n * MiB, w.ms)} (${w.n} commands)`,
          bytesPerSecond: (w.n * MiB * 1000) / w.ms,
          holds: undefined,
          note: 'initiator and target share one Node thread; the tgt comparison with a real initiator is in the real-initiator rows',
        });
      if (want.read) {
        const r = await pump(
          (i) =>
            host.command(0, read16((i % region) * blocks, blocks), { readLength: MiB }).then((x) => check(x, 'READ')),
          4,
          seconds * 1000,
        );
        rows.push({
          id: 'iscsi-read',
          name: names.read,
          group: 'iscsi',
          goal: '',
          baseline: '',
          result: `${fmtGBs(r.n * MiB, r.ms)} (${r.n} commands)`,
          bytesPerSecond: (r.n * MiB * 1000) / r.ms,
          holds: undefined,
          note: 'initiator and target share one Node thread',
        });
      }
    }
    if (want.odx) {
      // 1 GiB of real data on LU 0 (written in-process, not timed).
      const nexus = { initiatorPortId: 'bench-loader', targetPortId: 1 };
      for (let m = 0; m < 1024; m++) {
        check(cm.execute({ nexus, lun: 0, cdb: write16(m * blocks, blocks), dataOut: chunk }), 'load');
      }
      const total = GiB / BS;
      const ptList = F.populateTokenParameterList(1, { blocks: total });
      const wutList = F.writeUsingTokenParameterList(1, new Uint8Array(512), { blocks: total });
      wutList[2] = 0x02; // DEL_TKN
      const odx = async () => {
        check(await host.command(0, F.populateTokenCdb(0x10, ptList.length), { dataOut: ptList }), 'POPULATE TOKEN');
        const info = check(await host.command(0, F.rrtiCdb(0x10, 1024), { readLength: 1024 }), 'RRTI');
        const d = info.dataIn;
        const at = 32 + d[13] + 6;
        wutList.set(d.subarray(at, at + 512), 16);
        check(await host.command(1, F.writeUsingTokenCdb(0x11, wutList.length), { dataOut: wutList }), 'WUT');
        const done = check(await host.command(1, F.rrtiCdb(0x11, 1024), { readLength: 1024 }), 'RRTI');
        if (done.dataIn[5] !== 0x01) throw new Error(`copy status ${done.dataIn[5]}`);
      };
      await odx(); // validate
      const samples = [];
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 500 || samples.length < 20) {
        const s = performance.now();
        await odx();
        samples.push(performance.now() - s);
      }
      const odxMs = median(samples);
      // The same copy by the host: READ 1 MiB from LU 0, WRITE it to LU 1, 4 in flight.
      const copyOnce = async () => {
        const s = performance.now();
        await pump(
          async (i) => {
            const r = check(await host.command(0, read16(i * blocks, blocks), { readLength: MiB }), 'READ');
            check(await host.command(1, write16(i * blocks, blocks), { dataOut: r.dataIn }), 'WRITE');
          },
          4,
          Number.POSITIVE_INFINITY,
          1024,
        );
        return performance.now() - s;
      };
      const baselines = [];
      for (let k = 0; k < (quick ? 1 : 2); k++) baselines.push(await copyOnce());
      const baseMs = median(baselines);
      const ratio = baseMs / odxMs;
      rows.push({
        id: 'iscsi-odx-1gib',
        name: names.odx,
        group: 'iscsi',
        goal: '>= 1000x faster',
        baseline: 'host read+write of 1 GiB over iSCSI',
        result: fmtMs(odxMs),
        baselineResult: `${fmtMs(baseMs)} (${fmtGBs(GiB, baseMs)} copied)`,
        subjectMs: odxMs,
        baselineMs: baseMs,
        ratio,
        ratioText: `${Math.round(ratio).toLocaleString('en-US')}x`,
        holds: ratio >= 1000,
        note: `ODX: median of ${samples.length} cycles; read+write: ${baselines.length} run(s)`,
      });
    }
  } finally {
    await host.logout().catch(() => undefined);
    await target.close();
  }
  return rows;
}
