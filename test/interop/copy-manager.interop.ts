/**
 * The reference copy manager's real answers through the same oracles: its INQUIRY VPD pages
 * (8Fh, 83h, B0h) through sg_vpd, the sense data of every error it returns in a catalogue of bad
 * commands through sg_decode_sense, and the ROD tokens it creates through ddptctl.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { encodeInquiryCdb } from '../../src/cdb/index.js';
import type { CommandResponse } from '../../src/copy-manager/index.js';
import { decodeDesignationDescriptorList } from '../../src/designation/index.js';
import { decodeRodToken } from '../../src/rod-token/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { decodeBlockLimitsVpdPage, decodeThirdPartyCopyVpdPage } from '../../src/vpd/index.js';
import { A1, B1, Host, makeCm, zeroToken } from '../copy-manager/helpers.js';
import { compareDesignatorText } from './compare-designator.js';
import { compareToken } from './compare-rod-token.js';
import { compareSense } from './compare-sense.js';
import { compareTpcPage, expectedCommandNames, lookupOpcodeNames } from './compare-vpd-tpc.js';
import { Comparison } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { parseDdptctl, runDdptctlInfo } from './oracles/ddptctl.js';
import { parseSgDecodeSense, runSgDecodeSenseBatch } from './oracles/sg-decode-sense.js';
import { parseSgVpdDevId, runSgVpd } from './oracles/sg-vpd.js';
import { runTool, scratch } from './oracles/tools.js';

const s = scratch('copy-manager');
afterAll(() => s.dispose());

const ASSOCIATION_HEADINGS = ['Addressed logical unit', 'Target port', 'Target device that contains addressed lu'];

function inquiry(h: Host, lun: number, page: number): Uint8Array {
  const r = h.run(lun, encodeInquiryCdb({ evpd: true, pageCode: page, allocationLength: 0xffff, control: 0 }));
  expect(r.status).toBe(0);
  return r.dataIn as Uint8Array;
}

describe('reference copy manager vs the oracles', () => {
  calibrate();
  const { cm } = makeCm({
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 24n },
      { blockSize: 4096, capacity: 1n << 20n },
    ],
  });
  const h = new Host(cm, A1);

  it('INQUIRY VPD 8Fh, 83h and B0h of every LU decode the same in sg_vpd', () => {
    const c = new Comparison('copy manager: VPD 8Fh/83h/B0h', 'sg_vpd');
    for (const lun of [0, 1]) {
      // 8Fh
      const tpc = inquiry(h, lun, 0x8f);
      c.begin(`LUN ${lun} 8Fh`, tpc);
      const page = decodeThirdPartyCopyVpdPage(tpc, { strict: true });
      lookupOpcodeNames(page.descriptors.flatMap((d) => expectedCommandNames(d, page.peripheralDeviceType)));
      compareTpcPage(
        c,
        page,
        runTool('sg_vpd', [`--inhex=${s.write('tpc.bin', tpc)}`, '--raw', '-v', '--page=0x8f']).stdout,
      );
      // 83h
      const di = inquiry(h, lun, 0x83);
      c.begin(`LUN ${lun} 83h`, di);
      const list = decodeDesignationDescriptorList(di.subarray(4, 4 + ((di[2]! << 8) | di[3]!)), { strict: true });
      const o = parseSgVpdDevId(runSgVpd(s.write('di.bin', di), ['--page=0x83']).stdout);
      c.unparsed(o.unparsed);
      const order = [0, 1, 2].flatMap((a) => list.descriptors.filter((d) => d.association === a));
      c.eq('designators printed', order.length, o.designators.length);
      order.forEach((d, j) => {
        const od = o.designators[j];
        if (od === undefined) return;
        c.eq(`designator[${j}].association`, ASSOCIATION_HEADINGS[d.association], od.association);
        compareDesignatorText(c, `designator[${j}]`, d, od);
      });
      // B0h
      const bl = inquiry(h, lun, 0xb0);
      c.begin(`LUN ${lun} B0h`, bl);
      const b0 = decodeBlockLimitsVpdPage(bl, { strict: true });
      const out = runTool('sg_vpd', [`--inhex=${s.write('b0.bin', bl)}`, '--raw', '--page=0xb0']).stdout;
      const kv = new Map(
        out
          .split('\n')
          .map((l) => /^ {2}([^:]+): (.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1]!, m[2]!] as const),
      );
      const n = (k: string) => {
        const v = kv.get(k);
        return v === undefined ? undefined : Number(/^-?\d+/.exec(v)?.[0]);
      };
      c.eq('B0h.wsnz', b0.wsnz ? 1 : 0, n('Write same non-zero (WSNZ)'));
      c.eq('B0h.maximumCompareAndWriteLength', b0.maximumCompareAndWriteLength, n('Maximum compare and write length'));
      c.eq(
        'B0h.optimalTransferLengthGranularity',
        b0.optimalTransferLengthGranularity,
        n('Optimal transfer length granularity'),
      );
      c.eq('B0h.maximumTransferLength', b0.maximumTransferLength, n('Maximum transfer length'));
      c.eq('B0h.optimalTransferLength', b0.optimalTransferLength, n('Optimal transfer length'));
      c.eq('B0h.maximumPrefetchLength', b0.maximumPrefetchLength, n('Maximum prefetch transfer length'));
    }
    expect(c.finish()).toBe('');
  });

  it('the sense data of every error in a catalogue of bad commands decodes the same in sg_decode_sense', () => {
    const c = new Comparison('copy manager: sense data of its errors', 'sg_decode_sense');
    const hb = new Host(cm, B1);
    const good = h.token(0, 0x100, [{ lba: 0, count: 64 }]);
    const corrupt = good.slice();
    corrupt[200] = corrupt[200]! ^ 0xff;
    const cases: [string, CommandResponse][] = [
      ['unsupported opcode', h.run(0, Uint8Array.of(0xff, 0, 0, 0, 0, 0))],
      [
        'INQUIRY unsupported VPD page',
        h.run(0, encodeInquiryCdb({ evpd: true, pageCode: 0x99, allocationLength: 255, control: 0 })),
      ],
      ['LUN not supported', h.run(7, encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 36, control: 0 }))],
      ['READ beyond capacity', h.read(0, 1n << 24n, 1)],
      ['PT range beyond capacity', h.populate(0, 1, [{ lba: (1n << 24n) - 1n, count: 8 }])],
      [
        'PT too many range descriptors',
        h.populate(
          0,
          2,
          Array.from({ length: 65 }, (_, i) => ({ lba: i * 8, count: 8 })),
        ),
      ],
      ['PT truncated parameter list', h.populateRaw(0, 3, new Uint8Array(10))],
      [
        'PT inactivity timeout above maximum',
        h.populate(0, 4, [{ lba: 0, count: 8 }], { inactivityTimeout: 0x7fffffff }),
      ],
      [
        'WUT unknown token',
        h.wut(
          0,
          5,
          zeroToken().map((_b, i) => (i < 8 ? [0, 0x80, 0, 0, 0, 0, 1, 0xf8][i]! : 0x5a)),
          [{ lba: 0, count: 8 }],
        ),
      ],
      ['WUT corrupt token', h.wut(0, 6, corrupt, [{ lba: 0, count: 8 }])],
      ['WUT token used from another host', hb.wut(0, 7, good, [{ lba: 128, count: 8 }])],
      ['WUT beyond capacity', h.wut(0, 8, good, [{ lba: (1n << 24n) - 1n, count: 8 }])],
      ['RRTI unknown list identifier', h.rrtiRaw(0, 0xdead)],
      ['RCS unknown list identifier', h.rcs(0, 0xbeef)],
      ['COPY OPERATION ABORT unknown list identifier', h.abort(0, 0xcafe)],
      [
        'PT list identifier in use',
        (() => {
          h.populate(0, 9, [{ lba: 0, count: 8 }], { immed: true });
          return h.populate(0, 9, [{ lba: 0, count: 8 }], { immed: true });
        })(),
      ],
    ];
    const withSense = cases.filter(([, r]) => r.senseData !== undefined);
    expect(withSense.length).toBeGreaterThanOrEqual(10);
    const outs = runSgDecodeSenseBatch(withSense.map(([, r]) => r.senseData!));
    withSense.forEach(([id, r], i) => {
      c.begin(id, r.senseData!);
      compareSense(c, 'sense', decodeSenseData(r.senseData!, { strict: true }), parseSgDecodeSense(outs[i]!));
    });
    expect(c.finish()).toBe('');
  });

  it('the ROD tokens it creates decode the same in ddptctl', () => {
    const c = new Comparison('copy manager: ROD tokens it creates', 'ddptctl');
    const tokens: Uint8Array[] = [];
    const variants = [
      {},
      { rtv: true, rodType: 0x0001_0000 },
      { rtv: true, rodType: 0x0080_0000 },
      { rtv: true, rodType: 0x0080_0001 },
      { rtv: true, rodType: 0x0080_0002 },
      { rtv: true, rodType: 0x0080_0003 },
    ];
    let listId = 0x200;
    for (const lun of [0, 1]) {
      for (const [k, v] of variants.entries()) {
        const r = h.populate(lun, ++listId, [{ lba: k * 16, count: 8 + k }], v);
        if (r.status !== 0) continue; // a ROD type this copy manager does not create
        const info = h.rrti(lun, listId);
        if (info.token !== undefined) tokens.push(info.token);
      }
    }
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    const all = new Uint8Array(512 * tokens.length);
    tokens.forEach((t, i) => {
      all.set(t, 512 * i);
    });
    const parsed = parseDdptctl(runDdptctlInfo(s.write('cm-tokens.bin', all)).stdout);
    expect(parsed.length).toBe(tokens.length);
    tokens.forEach((t, i) => {
      c.begin(`token ${i}`, t);
      compareToken(c, decodeRodToken(t, { strict: true }), t, parsed[i]!);
    });
    expect(c.finish()).toBe('');
  });
});
