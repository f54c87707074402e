/**
 * `scsi-odx decode --in FILE.pcapng` on the synthetic ODX capture: the timeline, ODX bodies
 * decoded, the token followed across initiators, --json and the filters.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odxCapture } from './odx-capture.js';

const CLI = 'dist/cli.js';
const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-capture-'));
const file = join(dir, 'odx.pcapng');
writeFileSync(file, odxCapture().bytes);

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scsi-odx decode on a capture', () => {
  it('prints the timeline, decodes the ODX bodies and follows the token across hosts', () => {
    const r = run(['decode', '--in', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toMatch(
      /# connection 0: 192\.168\.1\.10:50001 -> 192\.168\.1\.1:3260; iqn\.2026-12\.test:host-a,i,0x400000000000 -> iqn\.2026-12\.test:target,t,0x0001; header digest None, data digest None \(from the login\)/,
    );
    expect(out).toMatch(/c0 .* 0x00000001 {2}POPULATE TOKEN \(83h\/10h\) list 1 {2}-> {2}GOOD/);
    expect(out).toMatch(/RECEIVE ROD TOKEN INFORMATION \(84h\/07h\) list 1 {2}-> {2}GOOD/);
    expect(out).toMatch(/c1 .* WRITE USING TOKEN \(83h\/11h\) list 2 {2}-> {2}GOOD/);
    expect(out).toMatch(
      /token from RRTI at \d+\.\d+ s \(frame \d+, connection 0, list 1, iqn\.2026-12\.test:host-a,i,0x400000000000\) used by WUT at \d+\.\d+ s from another initiator \(iqn\.2026-12\.test:host-b,i,0x400000000001\)/,
    );
    expect(out).toMatch(/list 9 {2}-> {2}CHECK CONDITION: ILLEGAL REQUEST/);
    expect(out).toMatch(/Data-Out \(\d+ bytes, as populate-token-params\):/);
    expect(out).toMatch(/Data-In \(\d+ bytes, as rrti-data\):/);
    expect(out).toMatch(/Data-Out \(\d+ bytes, as write-using-token-params\):/);
    expect(out).toMatch(/# \d+ frames, 2 iSCSI connections, \d+ PDUs, 4 exchanges \(4 shown\)/);
  });

  it('--json: one object per exchange', () => {
    const r = run(['decode', '--json', '--in', file]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.command)).toEqual([
      'POPULATE TOKEN',
      'RECEIVE ROD TOKEN INFORMATION',
      'WRITE USING TOKEN',
      'RECEIVE ROD TOKEN INFORMATION',
    ]);
    expect(lines[1].dataIn.kind).toBe('rrti-data');
    expect(lines[1].dataIn.value.rodTokenDescriptors[0].rodToken).toHaveLength(1024);
    expect(lines[2].token).toMatch(/from another initiator/);
    expect(lines[3].senseSummary).toMatch(/ILLEGAL REQUEST/);
    expect(lines[0].nexus).toMatch(/host-a,i,0x400000000000/);
  });

  it('filters: --lun, --command, --list-id', () => {
    const count = (args: string[]): number =>
      run(['decode', '--json', '--in', file, ...args])
        .stdout.trim()
        .split('\n')
        .filter((l) => l !== '').length;
    expect(count(['--lun', '1'])).toBe(2);
    expect(count(['--command', 'write using token'])).toBe(1);
    expect(count(['--command', '84h/07h'])).toBe(2);
    expect(count(['--command', '0x83'])).toBe(2);
    expect(count(['--list-id', '1'])).toBe(2);
    expect(count(['--list-id', '1', '--command', 'populate'])).toBe(1);
  });

  it('a capture without iSCSI on the port asked for says so and names the busiest ports, exit 0', () => {
    const r = run(['decode', '--port', '3261', '--in', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 iSCSI connections, 0 PDUs, 0 exchanges/);
    expect(r.stderr).toMatch(
      /no iSCSI connection on port 3261; TCP ports with the most traffic: 3260, .* \(try --port\)/,
    );
  });

  it('a real QEMU capture on another port: --port finds its ODX exchanges', () => {
    const q = 'test/vectors/captures/qemu-full-odx-a-to-b-64k.pcap';
    const r = run(['decode', '--port', '42599', '--command', '83h', '--in', q]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/POPULATE TOKEN \(83h\/10h\) list \d+ {2}-> {2}GOOD/);
    expect(r.stdout).toMatch(/WRITE USING TOKEN \(83h\/11h\) list \d+ {2}-> {2}GOOD/);
    expect(r.stdout).toMatch(/token from RRTI at [\d.]+ s \(frame \d+, connection \d+, list \d+/);
  });

  it('a damaged capture file is exit 1 with the reason', () => {
    const bad = join(dir, 'bad.pcapng');
    const b = odxCapture().bytes.slice();
    b[8] = 0x77; // the byte-order magic
    writeFileSync(bad, b);
    const r = run(['decode', '--in', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/byteOrderMagic/);
  });
});
