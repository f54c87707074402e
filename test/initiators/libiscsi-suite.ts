/**
 * libiscsi's tools (Debian `libiscsi-bin`) against a target on two loopback portals: SendTargets
 * discovery and LU listing (iscsi-ls), INQUIRY standard and VPD pages (iscsi-inq), READ CAPACITY
 * (16) (iscsi-readcapacity16), libiscsi's conformance suite (iscsi-test-cu) over the suites listed
 * in the expected-outcome file with the expected outcome of every test, and CHAP.
 *
 * `defineLibiscsiSuite('scsi-odx')` drives `scsi-odx serve` (expected-libiscsi.json);
 * `defineLibiscsiSuite('tgt')` drives Debian's tgt with the same harness (expected-libiscsi.tgt.json),
 * which shows the harness tells a failing target from a passing one. Every tool's output is kept
 * under initiators-logs/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeReportTargetPortGroupsCdb } from '../../src/cdb/index.js';
import { ASYMMETRIC_ACCESS_STATE, decodeReportTargetPortGroupsParameterData } from '../../src/data-in/index.js';
import { encodeInquiryCdb, validateThirdPartyCopyVpdPage } from '../../src/index.js';
import { buildIscsiBench, LOG_DIR, parseTestCu, runTool, type TestCuResult } from './harness.js';
import { startScsiOdx, startTgt, type TargetOptions, type TargetUnderTest } from './targets.js';

const MiB = 2 ** 20;

interface ExpectedTest {
  /** TARGET-FAILS: allowed for the comparison target (tgt) only; our target has no FAILED test. */
  readonly outcome: 'PASSED' | 'SKIPPED' | 'TOOL-BUG' | 'TARGET-FAILS';
  /** SKIPPED: text the `[SKIPPED]` line must contain. */
  readonly message?: string;
  /** SKIPPED: why (e.g. the sense an unimplemented optional command gets). */
  readonly reason?: string;
  /**
   * SKIPPED through CUnit's CU_PASS alone, which prints nothing: the tool shows it as passed. The
   * reason says which source line does it and why.
   */
  readonly silent?: boolean;
  /** TOOL-BUG, TARGET-FAILS: the outcome the tool reports (FAILED) and why. */
  readonly observed?: TestCuResult['outcome'] | readonly TestCuResult['outcome'][];
  readonly evidence?: string;
}
interface ExpectedFile {
  readonly tool: string;
  readonly suites: readonly string[];
  readonly tests: Readonly<Record<string, ExpectedTest>>;
}

/** The libiscsi stage against one target kind, in a describe block of its own. */
export function defineLibiscsiSuite(kind: 'scsi-odx' | 'tgt'): void {
  const onTgt = kind === 'tgt';
  describe(onTgt ? 'libiscsi against tgt 1.0.85 (comparison)' : 'libiscsi against scsi-odx serve', () => {
    const expectedPath = path.join(
      import.meta.dirname,
      onTgt ? 'expected-libiscsi.tgt.json' : 'expected-libiscsi.json',
    );
    const start = (o: TargetOptions) => (onTgt ? startTgt(o) : startScsiOdx(o));
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedFile;

    /** Every observed outcome, written out for updating the expected file after a change. */
    const observed: Record<
      string,
      { outcome: string; skipMessages?: readonly string[]; failures?: readonly string[] }
    > = {};

    const LUS = [
      { bytes: 64 * MiB, blockSize: 512 },
      { bytes: 64 * MiB, blockSize: onTgt ? 512 : 4096 },
    ] as const;

    let target: TargetUnderTest;

    beforeAll(async () => {
      target = await start({ luns: LUS, label: onTgt ? 'tgtd' : 'scsi-odx-serve' });
    }, 90_000);

    afterAll(async () => {
      await target?.stop();
      writeFileSync(
        path.join(LOG_DIR, onTgt ? 'observed-libiscsi.tgt.json' : 'observed-libiscsi.json'),
        `${JSON.stringify(observed, null, 2)}\n`,
      );
    });

    /** `Key:value` lines of a libiscsi tool's output. */
    function fields(stdout: string): Map<string, string> {
      const m = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const i = line.indexOf(':');
        if (i > 0 && !m.has(line.slice(0, i))) m.set(line.slice(0, i), line.slice(i + 1).trim());
      }
      return m;
    }

    describe('iscsi-ls', () => {
      it('SendTargets discovery through each portal names the target', async () => {
        for (const portal of target.portals) {
          const r = await runTool('iscsi-ls', [`iscsi://${portal}`], {
            label: 'iscsi-ls-discovery',
            timeoutMs: 30_000,
          });
          expect(r.code, r.logFile).toBe(0);
          const listed = [...r.stdout.matchAll(/^Target:(\S+) Portal:(\S+)$/gm)].map((m) => [m[1], m[2]]);
          expect(
            listed.map((l) => l[0]),
            r.logFile,
          ).toContain(target.iqn);
          // the portal we asked through is among the addresses returned (host:port,tpgt)
          expect(
            listed.some((l) => l[1]!.startsWith(`${portal},`)),
            r.logFile,
          ).toBe(true);
        }
      });

      it('-s lists every LU as a direct-access device with its size', async () => {
        const r = await runTool('iscsi-ls', ['-s', `iscsi://${target.portals[0]}`], {
          label: 'iscsi-ls-s',
          timeoutMs: 30_000,
        });
        expect(r.code, r.logFile).toBe(0);
        for (const lu of target.luns) {
          // iscsi-ls prints READ CAPACITY (10)'s last LBA x block length, scaled by 1024s (so 64 MiB - 1 block: 63M)
          const size = ((lu.bytes / lu.blockSize - 1) * lu.blockSize) / MiB;
          const re = new RegExp(`^Lun:${lu.lun}\\s+Type:DIRECT_ACCESS \\(Size:${Math.floor(size)}M\\)$`, 'm');
          expect(r.stdout, r.logFile).toMatch(re);
        }
      });
    });

    describe('iscsi-inq', () => {
      it('standard INQUIRY: a connected direct-access device', async () => {
        const r = await runTool('iscsi-inq', [target.url(target.luns[0]!.lun)], { label: 'iscsi-inq-std' });
        expect(r.code, r.logFile).toBe(0);
        const f = fields(r.stdout);
        expect(f.get('Peripheral Qualifier'), r.logFile).toBe('CONNECTED');
        expect(f.get('Peripheral Device Type'), r.logFile).toBe('DIRECT_ACCESS');
        expect(f.get('ReponseDataFormat'), r.logFile).toBe('2');
        if (!onTgt) {
          // third-party copy (3PC); two target port groups: implicit ALUA (TPGS 01b)
          expect(f.get('3PC'), r.logFile).toBe('1');
          expect(f.get('TPGS'), r.logFile).toBe('1');
        }
      });

      it('VPD 00h lists the pages a host reads', async () => {
        const r = await runTool('iscsi-inq', ['-e', '1', '-c', '0', target.url(target.luns[0]!.lun)], {
          label: 'iscsi-inq-vpd00',
        });
        expect(r.code, r.logFile).toBe(0);
        const pages = [...r.stdout.matchAll(/^Page:0x([0-9a-f]{2})/gm)].map((m) => Number.parseInt(m[1]!, 16));
        const want = onTgt ? [0x00, 0x83, 0xb0] : [0x00, 0x83, 0x8f, 0xb0];
        for (const p of want) expect(pages, r.logFile).toContain(p);
      });

      it('VPD 83h: designators decode', async () => {
        const r = await runTool('iscsi-inq', ['-e', '1', '-c', String(0x83), target.url(target.luns[0]!.lun)], {
          label: 'iscsi-inq-vpd83',
        });
        expect(r.code, r.logFile).toBe(0);
        expect(r.stdout).toMatch(/Page Code:\(0x83\) DEVICE_IDENTIFICATION/);
        const types = [...r.stdout.matchAll(/^Designator Type:\((\d+)\)/gm)].map((m) => Number(m[1]));
        const associations = [...r.stdout.matchAll(/^Association:\((\d+)\)/gm)].map((m) => Number(m[1]));
        expect(types.length, r.logFile).toBeGreaterThan(0);
        if (!onTgt) {
          // an LU designator (association 0), and the relative target port (type 4) and target port
          // group (type 5) of the port asked through
          expect(associations, r.logFile).toContain(0);
          expect(types, r.logFile).toContain(4);
          expect(types, r.logFile).toContain(5);
        }
      });

      it.skipIf(onTgt)('VPD 8Fh (third-party copy): returned with GOOD status', async () => {
        const r = await runTool('iscsi-inq', ['-e', '1', '-c', String(0x8f), target.url(target.luns[0]!.lun)], {
          label: 'iscsi-inq-vpd8f',
        });
        // iscsi-inq 1.19 has no decoder for 8Fh: after a GOOD INQUIRY it fails to unmarshall the page
        // (utils/iscsi-inq.c, scsi_datain_unmarshall returns NULL for pages it does not know). A
        // CHECK CONDITION would print "Inquiry command failed" instead.
        expect(r.stderr, r.logFile).not.toMatch(/Inquiry command failed/);
        expect(r.stderr + r.stdout, r.logFile).toMatch(
          /failed to unmarshall inquiry datain blob|Usupported pagecode:0x8f/,
        );
      });

      it.skipIf(onTgt)(
        'VPD 8Fh bytes read through libiscsi pass our validator (Block Device ROD Limits first)',
        async () => {
          const bin = await buildIscsiBench();
          const cdb = Buffer.from(
            encodeInquiryCdb({ kind: 'INQUIRY', evpd: true, pageCode: 0x8f, allocationLength: 4096, control: 0 }),
          ).toString('hex');
          const r = await runTool(bin, ['cmds', target.url(target.luns[0]!.lun), '1', '-', `${cdb}:in:4096`], {
            label: 'iscsi-bench-vpd8f',
          });
          expect(r.code, `${r.stderr} (${r.logFile})`).toBe(0);
          const page = new Uint8Array(Buffer.from(JSON.parse(r.stdout.trim()).lastDataIn, 'hex'));
          expect(page[1], r.logFile).toBe(0x8f);
          expect(validateThirdPartyCopyVpdPage(page, { blockLength: target.luns[0]!.blockSize }), r.logFile).toEqual(
            [],
          );
          // Windows parses only the first descriptor: Block Device ROD Limits (0000h)
          expect((page[4]! << 8) | page[5]!, r.logFile).toBe(0x0000);
        },
      );

      it.skipIf(onTgt)(
        'REPORT TARGET PORT GROUPS through libiscsi: each LU optimized through its owner group only',
        async () => {
          const bin = await buildIscsiBench();
          const cdb = Buffer.from(
            encodeReportTargetPortGroupsCdb({ parameterDataFormat: 0, allocationLength: 1024, control: 0 }),
          ).toString('hex');
          // serve: LU i is owned by group (i mod portals) + 1; each portal is its own group
          for (const [i, lu] of target.luns.entries()) {
            for (const portal of [0, 1]) {
              const r = await runTool(bin, ['cmds', target.url(lu.lun, portal), '1', '-', `${cdb}:in:1024`], {
                label: `iscsi-bench-rtpg-lun${lu.lun}-portal${portal + 1}`,
              });
              expect(r.code, `${r.stderr} (${r.logFile})`).toBe(0);
              const data = decodeReportTargetPortGroupsParameterData(
                new Uint8Array(Buffer.from(JSON.parse(r.stdout.trim()).lastDataIn, 'hex')),
              );
              const states = new Map(
                data.targetPortGroupDescriptors.map((d) => [d.targetPortGroup, d.asymmetricAccessState]),
              );
              const owner = (i % target.portals.length) + 1;
              expect(states.size, r.logFile).toBe(2);
              for (const [group, state] of states)
                expect(state, `LU ${lu.lun} group ${group} (${r.logFile})`).toBe(
                  group === owner
                    ? ASYMMETRIC_ACCESS_STATE.ACTIVE_OPTIMIZED
                    : ASYMMETRIC_ACCESS_STATE.ACTIVE_NON_OPTIMIZED,
                );
            }
          }
        },
      );

      it('VPD B0h (block limits) decodes', async () => {
        const r = await runTool('iscsi-inq', ['-e', '1', '-c', String(0xb0), target.url(target.luns[0]!.lun)], {
          label: 'iscsi-inq-vpdb0',
        });
        expect(r.code, r.logFile).toBe(0);
        const f = fields(r.stdout);
        expect(f.has('maximum transfer length'), r.logFile).toBe(true);
        expect(f.has('optimal transfer length granularity'), r.logFile).toBe(true);
      });
    });

    describe('iscsi-readcapacity16', () => {
      it('reports each LU size and block length', async () => {
        for (const lu of target.luns) {
          const r = await runTool('iscsi-readcapacity16', [target.url(lu.lun)], {
            label: `iscsi-readcapacity16-${lu.lun}`,
          });
          expect(r.code, r.logFile).toBe(0);
          const f = fields(r.stdout);
          expect(f.get('LOGICAL BLOCK LENGTH IN BYTES'), r.logFile).toBe(String(lu.blockSize));
          expect(f.get('RETURNED LOGICAL BLOCK ADDRESS'), r.logFile).toBe(String(lu.bytes / lu.blockSize - 1));
          expect(f.get('Total size'), r.logFile).toBe(String(lu.bytes));
        }
      });
    });

    describe(`iscsi-test-cu (${expected.tool})`, () => {
      it('the expected list names exactly the tests of its suites', () => {
        for (const name of Object.keys(expected.tests))
          expect(
            expected.suites.some((s) => name.startsWith(`${s}.`)),
            name,
          ).toBe(true);
      });

      for (const suite of expected.suites) {
        describe(suite, () => {
          let results: Map<string, TestCuResult>;
          let log = '';
          let timedOut = false;
          beforeAll(async () => {
            const lu = target.luns[0]!.lun;
            // -V: also print the LOG_VERBOSE lines, where some tests say [SKIPPED]
            const args = ['-d', '-V', '-t', suite, target.url(lu, 0)];
            // MultipathIO reaches the same LU through the second portal (the other target port group)
            if (suite.endsWith('.MultipathIO')) args.push(target.url(lu, 1));
            const r = await runTool('iscsi-test-cu', args, { label: `iscsi-test-cu-${suite}`, timeoutMs: 120_000 });
            log = r.logFile;
            const family = suite.split('.')[0]!;
            results = new Map(parseTestCu(r.stdout, family).map((t) => [t.name, t]));
            for (const t of results.values())
              observed[t.name] = {
                outcome: t.outcome,
                ...(t.skipMessages.length > 0 ? { skipMessages: t.skipMessages } : {}),
                ...(t.failures.length > 0 ? { failures: t.failures } : {}),
              };
            timedOut = r.timedOut;
          }, 150_000);

          it('ran, the target stayed up, and every test it ran is in the expected list', () => {
            expect(target.server.exited(), `the target exited during ${suite}`).toBeUndefined();
            expect(timedOut, `iscsi-test-cu ${suite} timed out (${log})`).toBe(false);
            expect(results.size, log).toBeGreaterThan(0);
            const unlisted = [...results.keys()].filter((n) => expected.tests[n] === undefined);
            expect(unlisted, `tests missing from ${path.basename(expectedPath)} (${log})`).toEqual([]);
          });

          for (const [name, want] of Object.entries(expected.tests).filter(([n]) => n.startsWith(`${suite}.`))) {
            it(`${name.slice(suite.length + 1)}: ${want.outcome}`, () => {
              const got = results.get(name);
              expect(got, `${name} did not run (${log})`).toBeDefined();
              const detail = `${name}: ${got!.outcome} ${JSON.stringify(got!.skipMessages)} ${got!.failures.join(' | ')} (${log})`;
              if (want.outcome === 'TARGET-FAILS')
                expect(onTgt, `${name}: a failure of our own target is never expected`).toBe(true);
              if (want.outcome === 'TOOL-BUG' || want.outcome === 'TARGET-FAILS') {
                expect(want.evidence, `${name}: ${want.outcome} needs evidence`).toBeTruthy();
                // a race in the tool may let it report either of several outcomes: all are listed
                expect([want.observed ?? 'FAILED'].flat(), detail).toContain(got!.outcome);
              } else if (want.silent === true) {
                expect(want.outcome, `${name}: only a skip can be silent`).toBe('SKIPPED');
                expect(got!.outcome, detail).toBe('PASSED');
              } else {
                expect(got!.outcome, detail).toBe(want.outcome);
              }
              if (want.outcome === 'SKIPPED') {
                expect(want.reason, `${name}: SKIPPED needs a reason`).toBeTruthy();
                if (want.silent !== true) {
                  expect(want.message, `${name}: SKIPPED needs the [SKIPPED] text`).toBeTruthy();
                  expect(got!.skipMessages.join('\n'), detail).toContain(want.message);
                }
              }
            });
          }
        });
      }
    });

    describe('CHAP', () => {
      const chap = { user: 'odx-initiator', secret: 'correct-horse-42' };
      let secured: TargetUnderTest;
      beforeAll(async () => {
        secured = await start({ luns: [LUS[0]], chap, label: onTgt ? 'tgtd-chap' : 'scsi-odx-serve-chap' });
      }, 90_000);
      afterAll(async () => {
        await secured?.stop();
      });

      it('the right secret logs in (iscsi-inq)', async () => {
        const r = await runTool('iscsi-inq', [secured.url(secured.luns[0]!.lun, 0, chap)], { label: 'chap-right' });
        expect(r.code, r.logFile).toBe(0);
        expect(fields(r.stdout).get('Peripheral Device Type'), r.logFile).toBe('DIRECT_ACCESS');
      });

      it('a wrong secret gets login status 0201h (authentication failure)', async () => {
        const r = await runTool(
          'iscsi-inq',
          [secured.url(secured.luns[0]!.lun, 0, { ...chap, secret: 'wrong-horse-4242' })],
          {
            label: 'chap-wrong',
          },
        );
        expect(r.code, r.logFile).toBe(10);
        // libiscsi lib/login.c: "Failed to log in to target. Status: <text>(<status class and detail>)"
        expect(r.stderr, r.logFile).toMatch(/Status: Authentication failure\(513\)/);
      });

      it('a wrong user name gets 0201h too', async () => {
        const r = await runTool(
          'iscsi-inq',
          [secured.url(secured.luns[0]!.lun, 0, { ...chap, user: 'someone-else' })],
          {
            label: 'chap-wrong-user',
          },
        );
        expect(r.code, r.logFile).toBe(10);
        expect(r.stderr, r.logFile).toMatch(/Status: Authentication failure\(513\)/);
      });

      it('no credentials: the login is refused', async () => {
        const r = await runTool('iscsi-inq', [secured.url(secured.luns[0]!.lun, 0)], { label: 'chap-none' });
        expect(r.code, r.logFile).toBe(10);
        expect(r.stderr, r.logFile).toMatch(/Failed to log in to target\. Status: .*\((513|514)\)/);
      });
    });
  });
}
