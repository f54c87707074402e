/**
 * Every dump form people paste, as the real tools print it (fixtures in test/vectors/dumps, made
 * by its generate.sh with util-linux hexdump, coreutils od, xxd and sg3_utils): each decodes to
 * exactly what the binary it was made from decodes to. Where a tool is installed here, the
 * fixture is also checked against a fresh run of it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHexSections } from '../../src/cli/input.js';

const CLI = 'dist/cli.js';
const DIR = 'test/vectors/dumps';

function run(args: string[], input?: string | Uint8Array): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** fixture, the binary it shows, the command that made it (run in DIR). */
const FIXTURES: readonly [string, string, string[]][] = [
  ['sense32.hexdump.txt', 'sense32.bin', ['hexdump', 'sense32.bin']],
  ['sense32.hexdump-C.txt', 'sense32.bin', ['hexdump', '-C', 'sense32.bin']],
  ['sense32.od-tx1.txt', 'sense32.bin', ['od', '-tx1', 'sense32.bin']],
  ['sense32.od-x.txt', 'sense32.bin', ['od', '-x', 'sense32.bin']],
  ['sense32.od-An.txt', 'sense32.bin', ['od', '-An', '-tx1', 'sense32.bin']],
  ['sense32.xxd-i.txt', 'sense32.bin', ['xxd', '-i', 'sense32.bin']],
  ['sense32.xxd.txt', 'sense32.bin', ['xxd', 'sense32.bin']],
  ['wut.od-An.txt', 'wut.bin', ['od', '-An', '-tx1', 'wut.bin']],
  ['wut.hexdump.txt', 'wut.bin', ['hexdump', 'wut.bin']],
  ['wut.od-tx1.txt', 'wut.bin', ['od', '-tx1', 'wut.bin']],
  ['vpd_tpc.sg_vpd-H.txt', 'vpd_tpc.bin', ['sg_vpd', '--inhex=vpd_tpc.bin', '--raw', '-H']],
];

/** tshark -x dumps of frames of the committed real capture, and the command that made each. */
const TSHARK: readonly [string, string[]][] = [
  ['tshark-x-frame151.txt', ['-x', '-Y', 'frame.number==151']],
  ['tshark-x-frames150-153.txt', ['-x', '-Y', 'frame.number>=150 && frame.number<=153']],
];

describe('dump forms made by the real tools', () => {
  for (const [fixture, bin, cmd] of FIXTURES) {
    it(`${fixture} (${cmd.join(' ')}) decodes as ${bin} does`, () => {
      const want = run(['decode', '--json', '--in', `${DIR}/${bin}`]);
      const got = run(['decode', '--json', '--in', `${DIR}/${fixture}`]);
      expect(got.status, got.stderr).toBe(0);
      expect(want.status).toBe(0);
      expect(got.stdout).toBe(want.stdout);
      const bytes = readFileSync(`${DIR}/${bin}`);
      const sections = parseHexSections(readFileSync(`${DIR}/${fixture}`, 'latin1'));
      expect(sections).toHaveLength(1);
      if (sections[0]?.elided === undefined) expect(Buffer.from(sections[0]?.bytes ?? [])).toEqual(bytes);
    });
    it.runIf(have(cmd[0] as string))(`${fixture} is what ${cmd[0]} prints today`, () => {
      const r = spawnSync(cmd[0] as string, cmd.slice(1), { cwd: DIR, encoding: 'latin1' });
      expect(r.stdout).toBe(readFileSync(`${DIR}/${fixture}`, 'latin1'));
    });
  }

  it('says that default hexdump words are byte-swapped, and od offsets octal', () => {
    const h = run(['decode', '--in', `${DIR}/sense32.hexdump.txt`]);
    expect(h.stdout).toMatch(/# input: 16-bit words printed byte-swapped/);
    expect(h.stdout).toContain('senseKey [bits 3:0] = 0x5  (ILLEGAL REQUEST)');
    const o = run(['decode', '--in', `${DIR}/sense32.od-tx1.txt`]);
    expect(o.stdout).toMatch(/# input: offsets are octal/);
  });

  it('resolves an od -An "*" line from the structure length (552-byte WRITE USING TOKEN list)', () => {
    const text = readFileSync(`${DIR}/wut.od-An.txt`, 'latin1');
    expect(text).toMatch(/^\*$/m);
    const r = run(['decode', '--in', `${DIR}/wut.od-An.txt`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# 552 bytes as write-using-token-params/);
    expect(r.stdout).not.toMatch(/padding/);
  });

  it('reads sg_raw -vvv output: the CDB and the raw sense, each a section', () => {
    const r = run(['decode', '--in', `${DIR}/rrti.sg_raw-vvv.txt`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/section 1 \(cdb to send: .*16 bytes as cdb/);
    expect(r.stdout).toMatch(/section 2 \(Raw sense data .*18 bytes as sense/);
    expect(r.stdout).toContain('RECEIVE ROD TOKEN INFORMATION');
  });

  it('reads a Wireshark "Copy as C array" (with /* */ ASCII comments)', () => {
    const r = run(['decode', '--json', '--in', `${DIR}/sense.wireshark-c-array.txt`]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).senseKey).toBe(5);
  });

  it('rejects a C array whose declared size disagrees with its bytes', () => {
    const r = run(['decode', '-'], 'static const unsigned char pkt1[3] = { 0x70, 0x00 };\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/declares 3 bytes but holds 2/);
  });
});

describe('tshark -x dumps of iSCSI frames', () => {
  for (const [fixture, args] of TSHARK) {
    it.runIf(have('tshark'))(`${fixture} is what tshark prints today`, () => {
      const r = spawnSync('tshark', ['-r', '../captures/tgt-libiscsi-loopback.pcapng', ...args], {
        cwd: DIR,
        encoding: 'latin1',
      });
      expect(r.stdout).toBe(readFileSync(`${DIR}/${fixture}`, 'latin1'));
    });
  }
  it('one frame with its Ethernet/IP/TCP/iSCSI headers: the sense data of the SCSI Response', () => {
    const r = run(['decode', '--in', `${DIR}/tshark-x-frame151.txt`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# 18 bytes as sense$/m);
    expect(r.stdout).toContain(
      '# input: frame: 127.0.0.1:3260 -> 127.0.0.1:44626, TCP payload at byte 66: iSCSI SCSI Response, ITT 0x33deec59, status 02h: its sense data',
    );
    expect(r.stdout).toContain('INVALID COMMAND OPERATION CODE (20h/00h)');
    // The same sense picked out by hand: --offset and --length switch the frame reading off.
    const m = run(['decode', '--json', '--offset', '116', '--length', '18', '--in', `${DIR}/tshark-x-frame151.txt`]);
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout).additionalSenseCode).toBe(0x20);
  });
  it('several frames (and a reassembled PDU): each structure in turn, the rest said and skipped', () => {
    const r = run(['decode', '--in', `${DIR}/tshark-x-frames150-153.txt`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/section 2 \(Reassembled TCP \(96 bytes\):\) part 1 byte 0: 16 bytes as cdb/);
    expect(r.stdout).toContain('# EXTENDED COPY (LID1), parameter list length 47');
    expect(r.stdout).toMatch(/section 3 byte 0: 18 bytes as sense/);
    expect(r.stdout).toMatch(/section 4 byte 0: 10 bytes as cdb/);
    expect(r.stderr).toMatch(/section 1 .*1 bytes that do not start an iSCSI SCSI PDU/);
    expect(r.stderr).toMatch(/section 5: .*8 bytes of data of opcode 5eh, not a structure this tool decodes/);
  });
});

describe('zero padding after a structure', () => {
  it('a fixed sense in a zero-padded 32-byte buffer decodes, the zeros reported as padding (exit 0)', () => {
    const r = run(['decode', '--in', `${DIR}/sense32.bin`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# 14 zero bytes after the structure \(bytes 18\.\.31\): padding, not decoded$/m);
    expect(r.stdout).not.toMatch(/Supported VPD pages|as vpd/);
    const j = run(['decode', '--json', '--in', `${DIR}/sense32.bin`]);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout).additionalSenseCode).toBe(0x24);
    expect(j.stderr).toMatch(/14 zero bytes after the structure/);
  });
  it('non-zero bytes after a structure are still decoded as further structures', () => {
    const two =
      '70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00 70 00 06 00 00 00 00 0a 00 00 00 00 29 00 00 00 00 00';
    const r = run(['decode', two]);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/bytes as sense/g)).toHaveLength(2);
  });
});

describe('--offset, --length, --version', () => {
  it('--offset and --length pick the structure out of a larger buffer', () => {
    const hex = `de ad be ef 70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 00 00 00 ff ff`;
    const r = run(['decode', '--json', '--offset', '4', '--length', '18', hex]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).senseKey).toBe(5);
    const hx = run(['decode', '--offset', '0x4', '--length', '0x12', hex]);
    expect(hx.stdout).toMatch(/# input: bytes 4\.\.21 of the input/);
    const past = run(['decode', '--offset', '4', '--length', '40', hex]);
    expect(past.status).toBe(1);
    expect(past.stderr).toMatch(/runs past its 24 bytes/);
    expect(run(['decode', '--offset', 'x', hex]).status).toBe(2);
  });
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const a of ['--version', '-V']) {
      const r = run([a]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`scsi-odx ${pkg.version}\n`);
    }
  });
});
