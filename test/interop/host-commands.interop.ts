/**
 * What the copy manager answers real hosts, through Debian's sg3_utils: standard INQUIRY (VERSION,
 * TPGS, 3PC, PROTECT) through `sg_inq --inhex`, VPD 83h with the relative target port and target
 * port group designators through `sg_vpd --inhex`, and the sense data of the host commands' errors
 * through `sg_decode_sense`. sg3_utils 1.46 (Debian 12) has no `--inhex` for sg_opcodes, sg_modes
 * or sg_rtpg, so REPORT SUPPORTED OPERATION CODES, MODE SENSE and REPORT TARGET PORT GROUPS data
 * are checked byte for byte in test/copy-manager instead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeInquiryCdb,
  encodeModeSense6Cdb,
  encodeRead10Cdb,
  encodeReportSupportedOperationCodesCdb,
  encodeReportTargetPortGroupsCdb,
  encodeSynchronizeCache16Cdb,
  encodeWrite16Cdb,
} from '../../src/cdb/index.js';
import { SUPPORTED_COMMANDS } from '../../src/copy-manager/commands.js';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import { decodeStandardInquiryData, VERSION_DESCRIPTOR } from '../../src/data-in/index.js';
import { decodeDesignationDescriptorList } from '../../src/designation/index.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { seededRandom } from '../copy-manager/helpers.js';
import { compareDesignatorText } from './compare-designator.js';
import { compareSense } from './compare-sense.js';
import { Comparison } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { parseSgDecodeSense, runSgDecodeSenseBatch } from './oracles/sg-decode-sense.js';
import { parseSgVpdDevId, runSgVpd } from './oracles/sg-vpd.js';
import { runTool, scratch } from './oracles/tools.js';

const s = scratch('host-commands');
afterAll(() => s.dispose());

const ASSOCIATION_HEADINGS = ['Addressed logical unit', 'Target port', 'Target device that contains addressed lu'];

function makeCm(alua: boolean): CopyManager {
  return new CopyManager({
    clock: new ManualClock(0),
    random: seededRandom(11),
    targetPortGroups: alua
      ? [
          { id: 1, relativeTargetPortIds: [1] },
          { id: 0x1234, relativeTargetPortIds: [2, 3] },
        ]
      : undefined,
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 24n, ownerTargetPortGroup: alua ? 1 : undefined },
      { blockSize: 4096, capacity: 1n << 20n, ownerTargetPortGroup: alua ? 0x1234 : undefined },
    ],
  });
}

const run = (cm: CopyManager, cdb: Uint8Array, lun = 0, port = 1) =>
  cm.execute({ nexus: { initiatorPortId: 'iqn.host', targetPortId: port }, lun, cdb });

describe('host commands vs sg3_utils', () => {
  calibrate();

  it('every command of the copy manager command table has the same name in sg_opcodes (opcode, service action)', () => {
    const c = new Comparison('copy manager: command table names', 'sg_opcodes');
    // Compare names with case, spaces and the LID suffix spacing folded: 'READ CAPACITY (10)' = 'Read capacity(10)'.
    const fold = (name: string) => name.toUpperCase().replace(/\s+/g, '');
    for (const cmd of SUPPORTED_COMMANDS) {
      const op = `0x${cmd.operationCode.toString(16)}${cmd.serviceAction === undefined ? '' : `,0x${cmd.serviceAction.toString(16)}`}`;
      c.begin(`${cmd.command} ${op}`, Uint8Array.of(cmd.operationCode, cmd.serviceAction ?? 0));
      const out = runTool('sg_opcodes', ['--enumerate', `--opcode=${op}`, '--pdt=0']).stdout.split('\n');
      const oracle = fold(out[1] ?? '');
      let ours = fold(cmd.command);
      if (ours.endsWith('(LID4)') && !oracle.endsWith('(LID4)')) {
        c.exclude(
          'name (LID4 suffix)',
          'SPC-5 "THIRD-PARTY COPY IN service actions" names 84h/05h RECEIVE COPY STATUS(LID4); sg3_utils 1.46 drops the suffix',
        );
        ours = ours.slice(0, -'(LID4)'.length);
      }
      c.eq('name', ours, oracle);
    }
    expect(c.finish()).toBe('');
  });

  it('standard INQUIRY with and without target port groups decodes the same in sg_inq', () => {
    const c = new Comparison('copy manager: standard INQUIRY', 'sg_inq');
    for (const alua of [false, true]) {
      const r = run(makeCm(alua), encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 255, control: 0 }));
      const b = r.dataIn as Uint8Array;
      c.begin(`TPGS ${alua}`, b);
      const v = decodeStandardInquiryData(b, { strict: true });
      const out = runTool('sg_inq', ['--page=sinq', '--raw', `--inhex=${s.write('inq.bin', b)}`]).stdout;
      const f = Object.fromEntries(
        [...out.matchAll(/\b([A-Za-z0-9_]+)=(0x[0-9a-fA-F]+|\d+)/g)].map((m) => [m[1], Number(m[2])]),
      );
      c.eq('version', v.version, f['version']);
      c.eq('tpgs', v.tpgs, f['TPGS']);
      c.eq('threePc', v.threePc ? 1 : 0, f['3PC']);
      c.eq('protect', v.protect ? 1 : 0, f['Protect']);
      c.eq('tpgs is 01b exactly with groups', v.tpgs, alua ? 1 : 0);
      // VERSION DESCRIPTORs by name: sg_inq -d prints one per line after "Version descriptors:".
      const d = runTool('sg_inq', ['--page=sinq', '--raw', '-d', `--inhex=${s.write('inq.bin', b)}`]).stdout;
      const names = (d.split('Version descriptors:')[1] ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const expected: Record<number, string> = {
        [VERSION_DESCRIPTOR.SAM_5]: 'SAM-5 (no version claimed)',
        [VERSION_DESCRIPTOR.SPC_4]: 'SPC-4 (no version claimed)',
        [VERSION_DESCRIPTOR.SBC_3]: 'SBC-3 (no version claimed)',
      };
      c.eq(
        'versionDescriptors',
        (v.versionDescriptors ?? []).map((x) => expected[x] ?? x).join('; '),
        names.join('; '),
      );
      c.eq('versionDescriptors claimed', v.versionDescriptors?.length, 3);
    }
    expect(c.finish()).toBe('');
  });

  it('VPD 83h through each port: relative target port and target port group designators in sg_vpd', () => {
    const c = new Comparison('copy manager: VPD 83h with target port groups', 'sg_vpd');
    const cm = makeCm(true);
    for (const [lun, port] of [
      [0, 1],
      [0, 2],
      [1, 3],
      [1, 9],
    ] as const) {
      const di = run(
        cm,
        encodeInquiryCdb({ evpd: true, pageCode: 0x83, allocationLength: 0xffff, control: 0 }),
        lun,
        port,
      ).dataIn as Uint8Array;
      c.begin(`LUN ${lun} port ${port}`, di);
      const list = decodeDesignationDescriptorList(di.subarray(4, 4 + ((di[2]! << 8) | di[3]!)), { strict: true });
      const o = parseSgVpdDevId(runSgVpd(s.write('di.bin', di), ['--page=0x83']).stdout);
      c.unparsed(o.unparsed);
      const order = [0, 1, 2].flatMap((a) => list.descriptors.filter((d) => d.association === a));
      c.eq('designators printed', order.length, o.designators.length);
      c.eq(
        'target port group designator present',
        order.filter((d) => d.designatorType === 5).length,
        port === 9 ? 0 : 1,
      );
      order.forEach((d, j) => {
        const od = o.designators[j];
        if (od === undefined) return;
        c.eq(`designator[${j}].association`, ASSOCIATION_HEADINGS[d.association], od.association);
        compareDesignatorText(c, `designator[${j}]`, d, od);
      });
    }
    expect(c.finish()).toBe('');
  });

  it('the sense data of the host commands errors decodes the same in sg_decode_sense', () => {
    const c = new Comparison('copy manager: sense data of host command errors', 'sg_decode_sense');
    const cm = makeCm(true);
    const rw = { dpo: false, fua: false, groupNumber: 0, control: 0 };
    const ms6 = { dbd: false, pc: 0, pageCode: 0x3f, subpageCode: 0, allocationLength: 255, control: 0 };
    const cases = [
      [
        'READ (10) RDPROTECT 3',
        run(cm, encodeRead10Cdb({ ...rw, rdprotect: 3, rarc: false, logicalBlockAddress: 0, transferLength: 1 })),
      ],
      [
        'WRITE (16) WRPROTECT 1',
        run(cm, encodeWrite16Cdb({ ...rw, wrprotect: 1, logicalBlockAddress: 0n, transferLength: 0 })),
      ],
      ['MODE SENSE saved values', run(cm, encodeModeSense6Cdb({ ...ms6, pc: 3 }))],
      ['MODE SENSE page not served', run(cm, encodeModeSense6Cdb({ ...ms6, pageCode: 0x19 }))],
      ['MODE SENSE subpage not served', run(cm, encodeModeSense6Cdb({ ...ms6, subpageCode: 2 }))],
      [
        'RSOC REPORTING OPTIONS 111b',
        run(
          cm,
          encodeReportSupportedOperationCodesCdb({
            rctd: false,
            reportingOptions: 7,
            requestedOperationCode: 0,
            requestedServiceAction: 0,
            allocationLength: 512,
            control: 0,
          }),
        ),
      ],
      [
        'RTPG PARAMETER DATA FORMAT 010b',
        run(cm, encodeReportTargetPortGroupsCdb({ parameterDataFormat: 2, allocationLength: 512, control: 0 })),
      ],
      [
        'SYNCHRONIZE CACHE (16) past the capacity',
        run(
          cm,
          encodeSynchronizeCache16Cdb({
            immed: false,
            logicalBlockAddress: 1n << 24n,
            numberOfLogicalBlocks: 0,
            groupNumber: 0,
            control: 0,
          }),
        ),
      ],
      ['MODE SELECT (6)', run(cm, Uint8Array.of(0x15, 0x10, 0, 0, 0, 0))],
    ] as const;
    for (const [id, r] of cases) expect(r.status, id).toBe(2);
    const outs = runSgDecodeSenseBatch(cases.map(([, r]) => r.senseData!));
    cases.forEach(([id, r], i) => {
      c.begin(id, r.senseData!);
      compareSense(c, 'sense', decodeSenseData(r.senseData!, { strict: true }), parseSgDecodeSense(outs[i]!));
    });
    expect(c.finish()).toBe('');
  });
});
