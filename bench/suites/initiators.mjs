/**
 * Real-initiator benchmark rows: `scsi-odx serve` driven by libiscsi (a real iSCSI initiator)
 * over loopback, measured side by side in one run.
 *
 * - 1 MiB sequential READ (libiscsi's iscsi-perf) and WRITE (bench/initiators/iscsi-bench.c,
 *   since iscsi-perf 1.19 only reads), 8 commands in flight, against our target and against
 *   Debian's tgt serving a RAM-backed LU (/dev/shm). Rounds alternate which target goes first;
 *   results are the median rounds, the ratio the median of the rounds' ratios. Goal: >= 1.0x tgt.
 * - A 1 GiB copy inside one LU by ODX (POPULATE TOKEN + RRTI + WRITE USING TOKEN + RRTI) against
 *   the same copy by the host (READ (16) + WRITE (16) of 1 MiB pieces, 8 in flight), both over one
 *   libiscsi connection. Goal: >= 1000x.
 *
 * Needs libiscsi-bin, libiscsi-dev, a C compiler and tgt (apt-get install libiscsi-bin
 * libiscsi-dev tgt); without them the rows say n/a and why.
 */
import { buildIscsiBench, have, run, startScsiOdx, startTgt } from '../lib/iscsi-targets.mjs';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const BLOCK = 512;
const IN_FLIGHT = 8;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gbs = (bytesPerSec) => `${(bytesPerSec / 1e9).toFixed(2)} GB/s`;
const hex = (b) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));
function indexOfBytes(hay, needle) {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** iscsi-perf: sequential READ (16) of 1 MiB, IN_FLIGHT deep, for `seconds`; bytes per second. */
async function perfRead(url, seconds) {
  const out = await run(
    'iscsi-perf',
    ['-m', `${IN_FLIGHT}`, '-b', `${MiB / BLOCK}`, '-t', `${seconds}`, url],
    (seconds + 30) * 1000,
  );
  const all = [...out.matchAll(/iops average (\d+)/g)];
  if (all.length === 0) throw new Error(`iscsi-perf printed no average: ${out.slice(-300)}`);
  return Number(all.at(-1)[1]) * MiB;
}

async function benchWrite(bin, url, seconds) {
  const out = await run(bin, ['write', url, `${MiB}`, `${IN_FLIGHT}`, `${seconds}`], (seconds + 30) * 1000);
  const r = JSON.parse(out.trim().split('\n').at(-1));
  return r.bytes / (r.ns / 1e9);
}

/** Range descriptors covering `blocks` from `lba`, each at most `perDescriptor` blocks. */
function ranges(lba, blocks, perDescriptor) {
  const out = [];
  for (let done = 0; done < blocks; done += perDescriptor)
    out.push({
      logicalBlockAddress: BigInt(lba + done),
      numberOfLogicalBlocks: Math.min(perDescriptor, blocks - done),
    });
  return out;
}

async function odxRow(core, bin, target, rounds, iterations) {
  const url = target.url(1);
  const blocks = GiB / BLOCK;
  // our Block Limits MAXIMUM TRANSFER LENGTH caps each range descriptor
  const b0 = await run('iscsi-inq', ['-e', '1', '-c', '176', url], 30_000);
  const maxXfer = Number(/maximum transfer length:(\d+)/.exec(b0)?.[1] ?? 0) || blocks;
  const src = ranges(0, blocks, maxXfer);
  const dst = ranges(blocks, blocks, maxXfer);
  // the source holds data: 1 GiB written from LBA 0 first (not timed)
  await run(bin, ['write', url, `${MiB}`, `${IN_FLIGHT}`, '120', `${GiB}`], 150_000);

  const ptList = core.encodePopulateTokenParameterList({
    rtv: false,
    immed: false,
    inactivityTimeout: 0,
    rodType: 0,
    blockDeviceRangeDescriptors: src,
  });
  const cmd = (cdb, kind) => `${hex(cdb)}:${kind}`;
  const pt = cmd(
    core.encodePopulateTokenCdb({ listIdentifier: 1, parameterListLength: ptList.length, groupNumber: 0, control: 0 }),
    `out:${hex(ptList)}`,
  );
  const rrti = (listIdentifier) =>
    cmd(core.encodeReceiveRodTokenInformationCdb({ listIdentifier, allocationLength: 1024, control: 0 }), 'in:1024');
  // one untimed PT + RRTI: the token, and where it sits in the RRTI data
  const probe = JSON.parse((await run(bin, ['cmds', url, '1', '-', pt, rrti(1)], 60_000)).trim());
  const rrtiData = unhex(probe.lastDataIn);
  const info = core.decodeRodTokenInformation(rrtiData);
  const token = info.rodTokenDescriptors[0]?.rodToken;
  if (token === undefined)
    throw new Error(`RRTI after POPULATE TOKEN returned no token (status ${info.copyOperationStatus})`);
  const wutList = core.encodeWriteUsingTokenParameterList({
    delTkn: false,
    immed: false,
    offsetIntoRod: 0n,
    rodToken: token,
    blockDeviceRangeDescriptors: dst,
  });
  const from = indexOfBytes(rrtiData, token);
  const at = indexOfBytes(wutList, token);
  const wut = cmd(
    core.encodeWriteUsingTokenCdb({
      listIdentifier: 2,
      parameterListLength: wutList.length,
      groupNumber: 0,
      control: 0,
    }),
    `out:${hex(wutList)}`,
  );

  const odxNs = [];
  const hostNs = [];
  for (let r = 0; r < rounds; r++) {
    const o = JSON.parse(
      (
        await run(
          bin,
          ['cmds', url, `${iterations}`, `${from},${at},${token.length}`, pt, rrti(1), wut, rrti(2)],
          120_000,
        )
      ).trim(),
    );
    const done = core.decodeRodTokenInformation(unhex(o.lastDataIn));
    if (done.copyOperationStatus !== 0x01 || done.transferCount !== BigInt(blocks))
      throw new Error(
        `WRITE USING TOKEN did not copy 1 GiB: status ${done.copyOperationStatus.toString(16)}h, ${done.transferCount} blocks`,
      );
    // the median iteration: a garbage collection in the server lands in one of them
    odxNs.push(median(o.iterationNs));
    const h = JSON.parse(
      (await run(bin, ['hostcopy', url, '0', `${blocks}`, `${blocks}`, `${MiB}`, `${IN_FLIGHT}`], 300_000)).trim(),
    );
    if (h.bytes !== GiB) throw new Error(`host copy moved ${h.bytes} bytes`);
    hostNs.push(h.ns);
  }
  return { odx: median(odxNs), host: median(hostNs), descriptors: src.length };
}

const fmtTime = (ns) =>
  ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s` : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(0)} us`;

/**
 * The rows, in run.mjs's row shape. `wanted(row)` filters by name; `fmtRatio` formats ratios.
 */
export async function initiatorRows({ dist, core, quick, wanted, fmtRatio }) {
  const readRow = {
    id: 'iscsi-read-1m',
    name: 'iSCSI 1 MiB sequential READ, libiscsi iscsi-perf, 8 in flight',
    group: 'iscsi',
    baseline: 'tgt 1.0.85, RAM-backed LU',
    goal: '>= 1.0x tgt',
  };
  const writeRow = {
    id: 'iscsi-write-1m',
    name: 'iSCSI 1 MiB sequential WRITE, libiscsi (iscsi-bench.c), 8 in flight',
    group: 'iscsi',
    baseline: 'tgt 1.0.85, RAM-backed LU',
    goal: '>= 1.0x tgt',
  };
  const odx = {
    id: 'iscsi-odx-1g',
    name: 'ODX 1 GiB copy over iSCSI (PT + RRTI + WUT + RRTI), libiscsi',
    group: 'iscsi',
    baseline: 'host READ + WRITE copy, same connection',
    goal: '>= 1000x',
  };
  const rows = [readRow, writeRow, odx].filter(wanted);
  if (rows.length === 0) return [];
  const missing = ['iscsi-perf', 'iscsi-ls', 'iscsi-inq', 'tgtd', 'tgtadm', 'cc'].filter((c) => !have(c));
  if (missing.length > 0 || core.encodePopulateTokenCdb === undefined)
    return rows.map((r) => ({
      ...r,
      result: 'n/a',
      note: `needs ${missing.join(', ') || 'dist/index.js'} (apt-get install libiscsi-bin libiscsi-dev tgt gcc)`,
    }));
  let bin;
  try {
    bin = buildIscsiBench();
  } catch (e) {
    return rows.map((r) => ({
      ...r,
      result: 'n/a',
      note: `cc iscsi-bench.c -liscsi failed (libiscsi-dev?): ${e.message}`,
    }));
  }
  const seconds = quick ? 1 : 3;
  const rounds = quick ? 1 : 5;
  const out = [];
  let ours;
  let tgt;
  try {
    ours = await startScsiOdx(dist, [GiB, 2 * GiB]);
    tgt = await startTgt([GiB]);
    for (const [row, measure] of [
      [readRow, (t) => perfRead(t.url(0), seconds)],
      [writeRow, (t) => benchWrite(bin.path, t.url(0), seconds)],
    ]) {
      if (!wanted(row)) continue;
      try {
        const a = [];
        const b = [];
        for (let r = 0; r < rounds; r++) {
          // alternate who goes first
          if (r % 2 === 0) {
            a.push(await measure(ours));
            b.push(await measure(tgt));
          } else {
            b.push(await measure(tgt));
            a.push(await measure(ours));
          }
        }
        // paired: each round's ratio (both measured back to back), then the median round, so a
        // load change between rounds moves both sides
        const ratio = median(a.map((x, i) => x / b[i]));
        out.push({
          ...row,
          result: gbs(median(a)),
          baselineResult: gbs(median(b)),
          ratio,
          ratioText: fmtRatio(ratio),
          holds: ratio >= 1.0,
          rounds,
          note: `rounds (ours/tgt, GB/s): ${a.map((x, i) => `${(x / 1e9).toFixed(2)}/${(b[i] / 1e9).toFixed(2)}`).join(', ')}`,
        });
      } catch (e) {
        out.push({ ...row, result: 'error', note: String(e.message ?? e), holds: false });
      }
    }
    if (wanted(odx)) {
      try {
        const m = await odxRow(core, bin.path, ours, rounds, quick ? 20 : 50);
        const ratio = m.host / m.odx;
        out.push({
          ...odx,
          result: fmtTime(m.odx),
          baselineResult: fmtTime(m.host),
          ratio,
          ratioText: fmtRatio(ratio),
          holds: ratio >= 1000,
          note: `${m.descriptors} range descriptors each way (Block Limits MAXIMUM TRANSFER LENGTH); host copy: 1 MiB READ (16) + WRITE (16), ${IN_FLIGHT} in flight`,
        });
      } catch (e) {
        out.push({ ...odx, result: 'error', note: String(e.message ?? e), holds: false });
      }
    }
  } catch (e) {
    for (const r of rows)
      if (!out.some((o) => o.id === r.id))
        out.push({ ...r, result: 'error', note: String(e.message ?? e), holds: false });
  } finally {
    await ours?.stop();
    await tgt?.stop();
    bin.remove();
  }
  return out;
}
