/**
 * Our capture reader against tshark (the oracle for framing) on every capture in
 * test/vectors/captures (real traffic) and on synthetic ones: for each SCSI command, the frame
 * number, LUN, ITT, opcode, service action, transfer lengths, status and sense key/ASC/ASCQ
 * must agree with `tshark -T fields`. ODX bodies are checked with our own codecs (tshark does not
 * decode them). Needs `tshark` (Debian package `tshark`): fails, never skips, without it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodePopulateTokenParameterList,
  decodeRodTokenInformation,
  decodeWriteUsingTokenParameterList,
  readCaptureExchanges,
} from '../../src/index.js';
import { odxCapture } from '../capture/odx-capture.js';
import { Conversation, command, concat, dataIn, INITIATOR, login, pcap, response, TARGET } from '../capture/writer.js';
import { type CommandFacts, ourFacts, tsharkFacts } from './capture-tshark.js';

const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-capture-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsharkVersion(): string {
  try {
    return execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    throw new Error('tshark not found: apt-get install -y tshark (the capture interop test never skips)');
  }
}

const CAPTURES = 'test/vectors/captures';
/** Target ports other than 3260 the captures' README names (`-d tcp.port==N,iscsi`). */
const extraPorts = [...readFileSync(join(CAPTURES, 'README.md'), 'utf8').matchAll(/tcp\.port==(\d+),iscsi/g)].map((m) =>
  Number(m[1]),
);
const ports = [3260, ...new Set(extraPorts)];
const real = readdirSync(CAPTURES)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .map((f) => join(CAPTURES, f));

/** Synthetic captures: the ODX one, and one with data split across many PDUs and header digests. */
function synthetic(): string[] {
  const a = join(dir, 'synthetic-odx.pcapng');
  writeFileSync(a, odxCapture().bytes);
  const c = new Conversation(INITIATOR, TARGET).handshake();
  const [req, resp] = login({ headerDigest: true, dataDigest: true });
  c.send(true, req).send(false, resp);
  const d = { headerDigest: true, dataDigest: true };
  for (let t = 1; t <= 20; t++) {
    const n = t * 700;
    const data = new Uint8Array(n).fill(t);
    c.send(
      true,
      command({ itt: t, lun: t % 3, cdb: Uint8Array.of(0x28, 0, 0, 0, 0, t, 0, 0, 1, 0), edtl: n, read: true }, d),
    );
    const pdus = [];
    for (let o = 0; o < n; o += 512)
      pdus.push(
        dataIn({ itt: t, lun: t % 3, offset: o, data: data.subarray(o, Math.min(n, o + 512)), dataSn: o / 512 }, d),
      );
    pdus.push(
      response(
        {
          itt: t,
          status: t % 4 === 0 ? 2 : 0,
          ...(t % 4 === 0 ? { sense: Uint8Array.of(0x70, 0, 6, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0, 0, 0, 0, 0) } : {}),
        },
        d,
      ),
    );
    c.send(false, concat(...pdus), 1000);
  }
  const b = join(dir, 'synthetic-digests.pcap');
  writeFileSync(b, pcap(c.frames({ type: 'sll' }), { linkType: 113, nano: true }));
  return [a, b];
}

function compare(file: string): { commands: number; fields: number } {
  const theirs = tsharkFacts(file, ports.slice(1));
  const ours = ourFacts(new Uint8Array(readFileSync(file)), ports);
  expect(
    [...ours.keys()].sort((x, y) => x - y),
    `${file}: command frames`,
  ).toEqual([...theirs.keys()].sort((x, y) => x - y));
  let fields = 0;
  for (const [frame, t] of theirs) {
    const o = ours.get(frame) as CommandFacts;
    for (const k of Object.keys(t) as (keyof CommandFacts)[]) {
      expect(o[k], `${file} frame ${frame} ${k}`).toBe(t[k]);
      fields++;
    }
  }
  return { commands: theirs.size, fields };
}

describe(`capture reader against ${tsharkVersion()}`, () => {
  it('there are real captures to compare', () => {
    expect(real.length).toBeGreaterThan(0);
  });
  for (const file of [...real, ...synthetic()]) {
    it(`${file.replace(dir, '<tmp>')}: every command agrees with tshark`, () => {
      const { commands, fields } = compare(file);
      expect(commands).toBeGreaterThan(0);
      console.log(`${file.replace(dir, '<tmp>')}: ${commands} commands, ${fields} fields agree with tshark`);
    });
    it(`${file.replace(dir, '<tmp>')}: every ODX body decodes with our codecs`, () => {
      for (const x of readCaptureExchanges(new Uint8Array(readFileSync(file)), { ports })) {
        const op = x.cdb[0];
        const sa = (x.cdb[1] as number) & 0x1f;
        if (op === 0x83 && sa === 0x10 && x.dataOut !== undefined && x.dataOut.length > 0)
          decodePopulateTokenParameterList(x.dataOut);
        if (op === 0x83 && sa === 0x11 && x.dataOut !== undefined && x.dataOut.length > 0)
          decodeWriteUsingTokenParameterList(x.dataOut);
        if (op === 0x84 && sa === 0x07 && x.status === 0 && x.dataIn !== undefined && x.dataIn.length > 0)
          decodeRodTokenInformation(x.dataIn);
      }
    });
  }
});
