/**
 * The built `scsi-odx` binary (dist/cli.js, built once by test/global-setup.ts): vectors, every
 * input format, decode --json | encode round trips for generated structures of every kind, and
 * errors with their exit codes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CODECS } from '../../src/cli/codecs.js';
import { parseHexText, toHexLines } from '../../src/cli/input.js';
import { KINDS } from '../../src/cli/kinds.js';
import { allForms } from './formats.js';
import { arbOfKind, generatableKinds } from './kind-arbitraries.js';

const CLI = 'dist/cli.js';
const tmp = mkdtempSync(join(tmpdir(), 'scsi-odx-cli-'));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], input?: string | Uint8Array): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const vectors = readdirSync('test/vectors').filter((f) => f.endsWith('.hex'));

describe('scsi-odx decode: vectors', () => {
  for (const f of vectors) {
    it(`${f} decodes (annotated dump and JSON)`, () => {
      const dump = run(['decode', '--in', `test/vectors/${f}`]);
      expect(dump.stderr).toBe('');
      expect(dump.status).toBe(0);
      expect(dump.stdout).toMatch(/^# .*bytes as \S+ \(detected: /);
      const json = run(['decode', '--json', '--in', `test/vectors/${f}`]);
      expect(json.status).toBe(0);
      expect(json.stderr).toMatch(/decoding as /);
      const values = json.stdout.trim().startsWith('{\n')
        ? [JSON.parse(json.stdout)]
        : json.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l));
      expect(values.length).toBeGreaterThan(0);
    });
  }

  it('annotates with names and units (fixed sense vector)', () => {
    const r = run(['decode', '--in', 'test/vectors/sg3utils_inhex_fixed_sense.hex']);
    expect(r.stdout).toContain('senseKey [bits 3:0] = 0x3  (MEDIUM ERROR)');
    expect(r.stdout).toMatch(/additionalSenseCodeQualifier = 0x00 +\(UNRECOVERED READ ERROR\)/);
    expect(r.stdout).toMatch(/^000c {2}11 +# +additionalSenseCode = 0x11$/m);
  });

  it('decodes the seven sense arrays of sg_sense_test.c in turn', () => {
    const r = run(['decode', '--json', '--in', 'test/vectors/sg3utils_sg_sense_test_arrays.hex']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('--check lists what strict decoding rejects, exit 1; ok and exit 0 otherwise', () => {
    const tpc = run(['decode', '--check', '--in', 'test/vectors/sg3utils_inhex_vpd_tpc.hex']);
    expect(tpc.status).toBe(1);
    expect(tpc.stdout).toBe(
      'vpd: ERR_LENGTH_MISMATCH ThirdPartyCopyVpdPage.pageLength @ byte 2: PAGE LENGTH 0x008c needs 144 bytes but only 140 are present (clamped)\n',
    );
    const reserved = run(['decode', '--check', '83 30 00 00 00 00 00 00 00 01 00 00 02 30 00 00']);
    expect(reserved.status).toBe(1);
    expect(reserved.stdout).toBe(
      'cdb: ERR_RESERVED_NONZERO PopulateTokenCdb.reserved @ byte 1 bit 5: reserved bits set (0x20)\n',
    );
    const ok = run(['decode', '--check', '--in', 'test/vectors/sg3utils_inhex_fixed_sense.hex']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('sense: ok\n');
  });

  it('says what it assumed, and --as overrides detection', () => {
    const cdb = '83 10 00 00 00 00 00 00 00 01 00 00 02 30 00 00';
    expect(run(['decode', cdb]).stdout).toContain('as cdb (detected: opcode 83h service action 10h)');
    expect(run(['decode', '--as', 'cdb', cdb]).stdout).toMatch(/^# 16 bytes as cdb\n/);
    expect(run(['decode', '--as', 'cdb', cdb]).stdout).toContain('(POPULATE TOKEN)');
  });
});

describe('scsi-odx decode: detection and embedded structures', () => {
  it('RRTI data after POPULATE TOKEN: detected, with the ROD token decoded in place', () => {
    const token = new Uint8Array(512);
    token.set([0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0xf8]);
    token.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0], 56); // NUMBER OF BYTES REPRESENTED
    const head = [
      0x00, 0x00, 0x02, 0x22, 0x10, 0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xfe, 0x00, 0x00, 0x00, 0xf1, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00,
    ];
    const bytes = Uint8Array.from([...head, ...token]);
    const r = run(['decode', toHexLines(bytes)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# 550 bytes as rrti-data \(detected: /);
    expect(r.stdout).toContain('responseToServiceAction [bits 4:0] = 0x10  (POPULATE TOKEN)');
    expect(r.stdout).toContain('copyOperationStatus [bits 6:0] = 0x01  (completed without errors)');
    expect(r.stdout).toMatch(/^0026 {2}00 80 00 00 +# +rodType = 0x00800000 {2}\(point in time copy/m);
  });
});

describe('scsi-odx decode: every input format gives the same result', () => {
  for (const f of vectors) {
    it(f, () => {
      const bytes = parseHexText(readFileSync(`test/vectors/${f}`, 'latin1'));
      const reference = run(['decode', '--json', '--in', `test/vectors/${f}`]).stdout;
      const forms = allForms(bytes);
      const files: string[] = [];
      for (const [name, text] of Object.entries(forms)) {
        const p = join(tmp, `${f}.${name}.txt`);
        writeFileSync(p, text);
        files.push(p);
      }
      const bin = join(tmp, `${f}.bin`);
      writeFileSync(bin, bytes);
      for (const p of [...files, bin]) {
        const r = run(['decode', '--json', '--in', p]);
        expect(r.status, p).toBe(0);
        expect(r.stdout, p).toBe(reference);
      }
      // stdin, and hex arguments
      expect(run(['decode', '--json', '-'], forms['xxd']).stdout).toBe(reference);
      expect(run(['decode', '--json'], forms['hexdumpC']).stdout).toBe(reference);
      expect(run(['decode', '--json', '-'], bytes).stdout).toBe(reference);
      expect(run(['decode', '--json', ...(forms['spaced'] as string).split(' ')]).stdout).toBe(reference);
    });
  }
});

describe('scsi-odx decode --json | encode round trip', () => {
  for (const kind of generatableKinds()) {
    it(`${kind}: generated structures`, () => {
      const codec = CODECS[kind];
      if (codec === undefined) throw new Error('no codec');
      const values = fc.sample(arbOfKind(kind), { seed: 20261121, numRuns: 60 });
      const encodings = values.map((v) => codec.encode(v as never));
      const files = encodings.map((b, i) => {
        const p = join(tmp, `${kind}-${i}.bin`);
        writeFileSync(p, b);
        return p;
      });
      const decoded = run(['decode', '--as', kind, '--json', ...files.flatMap((p) => ['--in', p])]);
      expect(decoded.stderr).toBe('');
      expect(decoded.status).toBe(0);
      const lines = decoded.stdout.trim().split('\n');
      expect(lines).toHaveLength(encodings.length);
      const encoded = run(['encode', '--as', kind], decoded.stdout);
      expect(encoded.stderr).toBe('');
      expect(encoded.status).toBe(0);
      expect(encoded.stdout).toBe(`${encodings.map((b) => toHexLines(b)).join('\n\n')}\n`);
      // One structure: pretty JSON in, hex and --binary out.
      const one = run(['decode', '--as', kind, '--json', '--in', files[0] as string]);
      const bin = spawnSync(process.execPath, [CLI, 'encode', '--as', kind, '--binary'], { input: one.stdout });
      expect(new Uint8Array(bin.stdout)).toEqual(encodings[0]);
    });
  }
});

describe('scsi-odx without node_modules (zero runtime dependencies)', () => {
  it('decode and encode work from a bare copy of dist/; corpus explains that it needs fast-check', () => {
    const bare = mkdtempSync(join(tmpdir(), 'scsi-odx-bare-'));
    cpSync('dist', join(bare, 'dist'), { recursive: true });
    const cli = join(bare, 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'decode', '--json', '70 00 05 00 00 00 00 0a 00 00 00 00 26 00'], {
      encoding: 'utf8',
      cwd: bare,
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).additionalSenseCode).toBe(0x26);
    const c = spawnSync(
      process.execPath,
      [cli, 'corpus', '--kind', 'cdb', '--count', '1', '--seed', '1', '--out', bare],
      {
        encoding: 'utf8',
        cwd: bare,
      },
    );
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('corpus needs the fast-check package');
  });
});

describe('scsi-odx errors and exit codes', () => {
  it('bad hex: one line naming the line, exit 1', () => {
    const r = run(['decode', '--as', 'sense'], '70 00 05\n00 zz\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('scsi-odx: line 2: not hex: "zz"\n');
  });
  it('a strict decode error names structure, field and byte offset, exit 1', () => {
    const r = run(['decode', '--strict', '--as', 'cdb', '83 30 00 00 00 00 00 00 00 01 00 00 02 30 00 00']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('scsi-odx: PopulateTokenCdb.reserved @ byte 1 bit 5: reserved bits set (0x20)\n');
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
  it('a truncated structure is an error even in lenient mode, exit 1', () => {
    const r = run(['decode', '--as', 'rod-token', 'ff ff 00 01 00 00 01']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^scsi-odx: RodToken.* @ byte \d+: .*\n$/);
  });
  it('structures before a bad one are still printed, then the error, exit 1', () => {
    const r = run(['decode', '70 00 05 00 00 00 00 0a 00 00 00 00 26 00 00 80 00 0e 01 02']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('(INVALID FIELD IN PARAMETER LIST)');
    expect(r.stderr).toMatch(/^scsi-odx: arguments, structure at input byte 18: cannot tell what these 2 bytes are/);
  });
  it('undetectable input asks for --as, exit 1', () => {
    const r = run(['decode', '01 02']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot tell what these 2 bytes are .*--as KIND/);
  });
  it('bad JSON for encode, exit 1', () => {
    expect(run(['encode', '--as', 'cdb'], '{"kind": "POPULATE TOKEN"').status).toBe(1);
    const r = run(
      ['encode', '--as', 'cdb'],
      '{"kind":"POPULATE TOKEN","listIdentifier":-1,"parameterListLength":0,"groupNumber":0,"control":0}',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^scsi-odx: PopulateTokenCdb\.listIdentifier @ byte 6: /);
  });
  it('usage errors exit 2', () => {
    expect(run([]).status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
    expect(run(['decode', '--as', 'nonsense', '00']).status).toBe(2);
    expect(run(['decode', '--bogus', '00']).status).toBe(2);
    expect(run(['encode']).status).toBe(2);
    expect(run(['corpus', '--kind', 'cdb']).status).toBe(2);
    expect(run(['corpus', '--kind', 'cdb', '--count', 'x', '--seed', '1', '--out', tmp]).status).toBe(2);
    expect(run(['decode', '--in', join(tmp, 'does-not-exist')]).status).toBe(2);
    const r = run(['decode', '--as', 'nonsense', '00']);
    expect(r.stderr).toContain('unknown kind');
  });
  it('--help for every subcommand, with examples', () => {
    for (const cmd of ['decode', 'encode', 'corpus']) {
      const r = run([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: scsi-odx ${cmd}`));
      expect(r.stdout).toContain('Examples:');
    }
    const main = run(['--help']);
    expect(main.status).toBe(0);
    for (const k of KINDS) expect(main.stdout).toContain(k);
  });
});
