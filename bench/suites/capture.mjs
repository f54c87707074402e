/**
 * Capture decoding against tshark: a ~100 MB pcap of one iSCSI connection (login, then READ (10)
 * commands of 256 KiB, each answered by 32 Data-In PDUs of 8 KiB in 64 KiB TCP segments, as
 * Linux loopback captures look), generated here; `scsi-odx decode --json` (a whole process, like
 * tshark) against `tshark -T fields` of every command on the same file, side by side. Rates in
 * MB of capture file per second; each tool run `rounds` times, interleaved, median taken.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MSS = 65483;

/** Build the capture: returns its bytes and how many commands it holds. */
export function makeCapture(core, targetBytes) {
  const parts = [];
  let size = 24;
  const header = new Uint8Array(24);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 0xa1b2c3d4, true);
  hv.setUint16(4, 2, true);
  hv.setUint16(6, 4, true);
  hv.setUint32(16, 262144, true);
  hv.setUint32(20, 1, true); // Ethernet
  parts.push(header);
  const seq = [1000, 5000];
  let frameNo = 0;
  const frame = (fromInitiator, payload) => {
    const d = fromInitiator ? 0 : 1;
    const ipLen = 20 + 20 + payload.length;
    const f = new Uint8Array(16 + 14 + ipLen);
    const v = new DataView(f.buffer);
    const t = frameNo++;
    v.setUint32(0, 1_700_000_000 + Math.floor(t / 100000), true);
    v.setUint32(4, (t % 100000) * 10, true);
    v.setUint32(8, f.length - 16, true);
    v.setUint32(12, f.length - 16, true);
    v.setUint16(16 + 12, 0x0800);
    const ip = 30;
    f[ip] = 0x45;
    v.setUint16(ip + 2, ipLen);
    v.setUint16(ip + 6, 0x4000);
    f[ip + 8] = 64;
    f[ip + 9] = 6;
    f.set([127, 0, 0, 1], ip + 12);
    f.set([127, 0, 0, 1], ip + 16);
    const tcp = ip + 20;
    v.setUint16(tcp, fromInitiator ? 40000 : 3260);
    v.setUint16(tcp + 2, fromInitiator ? 3260 : 40000);
    v.setUint32(tcp + 4, seq[d] >>> 0);
    v.setUint32(tcp + 8, seq[1 - d] >>> 0);
    f[tcp + 12] = 0x50;
    f[tcp + 13] = 0x18;
    v.setUint16(tcp + 14, 65535);
    f.set(payload, tcp + 20);
    seq[d] = (seq[d] + payload.length) >>> 0;
    parts.push(f);
    size += f.length;
  };
  const send = (fromInitiator, bytes) => {
    for (let o = 0; o < bytes.length; o += MSS)
      frame(fromInitiator, bytes.subarray(o, Math.min(bytes.length, o + MSS)));
  };
  const text = (pairs) => core.encodeIscsiTextKeys(pairs.map(([key, value]) => ({ key, value })));
  send(
    true,
    core.encodeIscsiPdu({
      kind: 'Login Request',
      transit: true,
      continue: false,
      csg: 1,
      nsg: 3,
      versionMax: 0,
      versionMin: 0,
      isid: 0x023d00000001,
      tsih: 0,
      initiatorTaskTag: 0,
      cid: 0,
      cmdSn: 0,
      expStatSn: 0,
      data: text([
        ['InitiatorName', 'iqn.2026-12.bench:host'],
        ['TargetName', 'iqn.2026-12.bench:target'],
      ]),
    }),
  );
  send(
    false,
    core.encodeIscsiPdu({
      kind: 'Login Response',
      transit: true,
      continue: false,
      csg: 1,
      nsg: 3,
      versionMax: 0,
      versionActive: 0,
      isid: 0x023d00000001,
      tsih: 1,
      initiatorTaskTag: 0,
      statSn: 0,
      expCmdSn: 1,
      maxCmdSn: 64,
      statusClass: 0,
      statusDetail: 0,
      data: text([['TargetPortalGroupTag', '1']]),
    }),
  );
  const chunk = new Uint8Array(8192);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
  let commands = 0;
  while (size < targetBytes) {
    const itt = ++commands;
    const cdb = new Uint8Array(16);
    cdb.set([0x28, 0, 0, 0, (itt >> 8) & 0xff, itt & 0xff, 0, 2, 0, 0]);
    send(
      true,
      core.encodeIscsiPdu({
        kind: 'SCSI Command',
        immediate: false,
        final: true,
        read: true,
        write: false,
        attr: 1,
        lun: 1n << 48n,
        initiatorTaskTag: itt,
        expectedDataTransferLength: 262144,
        cmdSn: itt,
        expStatSn: itt,
        cdb,
      }),
    );
    const pdus = [];
    for (let k = 0; k < 32; k++) {
      pdus.push(
        core.encodeIscsiPdu({
          kind: 'SCSI Data-In',
          final: k === 31,
          acknowledge: false,
          residualOverflow: false,
          residualUnderflow: false,
          statusPresent: k === 31,
          status: 0,
          lun: 1n << 48n,
          initiatorTaskTag: itt,
          targetTransferTag: 0xffffffff,
          statSn: itt,
          expCmdSn: itt + 1,
          maxCmdSn: itt + 64,
          dataSn: k,
          bufferOffset: k * 8192,
          residualCount: 0,
          data: chunk,
        }),
      );
    }
    let n = 0;
    for (const p of pdus) n += p.length;
    const all = new Uint8Array(n);
    let o = 0;
    for (const p of pdus) {
      all.set(p, o);
      o += p.length;
    }
    send(false, all);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, commands };
}

function timeRun(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ns = Number(process.hrtime.bigint() - t);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ns, lines: r.stdout.split('\n').filter((l) => l !== '').length };
}

/** The bench row: returns a row object for run.mjs. */
export function captureRow(core, dist, { quick, rounds }) {
  const base = {
    id: 'capture-decode-100mb',
    name: 'capture decode, 100 MB pcap (scsi-odx decode --json vs tshark -T fields)',
    group: 'capture',
    goal: '>= 1x tshark',
    baseline: 'tshark -T fields (every command)',
  };
  if (core.readCaptureExchanges === undefined) return { ...base, result: 'n/a', note: 'capture reader not built yet' };
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
  } catch {
    return { ...base, result: 'n/a', note: 'tshark not installed (apt-get install -y tshark)', holds: undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-bench-capture-'));
  try {
    const { bytes, commands } = makeCapture(core, quick ? 20e6 : 100e6);
    const file = join(dir, 'bench.pcap');
    writeFileSync(file, bytes);
    const ours = [];
    const theirs = [];
    let oursLines = 0;
    let theirLines = 0;
    const n = Math.max(2, Math.min(rounds, quick ? 2 : 3));
    for (let i = 0; i < n; i++) {
      const a = timeRun(process.execPath, [join(dist, 'cli.js'), 'decode', '--json', '--in', file]);
      ours.push(a.ns);
      oursLines = a.lines;
      const b = timeRun('tshark', [
        '-r',
        file,
        '-Y',
        'iscsi.opcode == 0x01',
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'iscsi.initiatortasktag',
      ]);
      theirs.push(b.ns);
      theirLines = b.lines;
    }
    if (oursLines !== commands || theirLines !== commands) {
      return {
        ...base,
        result: 'error',
        note: `commands: ${commands} made, ours ${oursLines}, tshark ${theirLines}`,
        holds: false,
      };
    }
    const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const o = med(ours);
    const t = med(theirs);
    const mbs = (ns) => `${((bytes.length / ns) * 1e3).toFixed(0)} MB/s (${(ns / 1e9).toFixed(2)} s)`;
    const ratio = t / o;
    return {
      ...base,
      result: mbs(o),
      baselineResult: mbs(t),
      subjectNs: o,
      baselineNs: t,
      ratio,
      ratioText: `${ratio.toFixed(2)}x`,
      holds: ratio >= 1,
      note: `${(bytes.length / 1e6).toFixed(0)} MB, ${commands} READ commands of 256 KiB in 32 Data-In PDUs each; median of ${n} interleaved runs per tool (whole processes)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
