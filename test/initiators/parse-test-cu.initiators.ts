/**
 * parseTestCu on excerpts of real iscsi-test-cu 1.19 output (against tgt and scsi-odx serve):
 * skipped tests counted apart from passed ones, verdicts followed by suite-cleanup output,
 * failed assertions attached to their test, a run cut short.
 */
import { describe, expect, it } from 'vitest';
import { parseTestCu } from './harness.js';

const TGT = `


     CUnit - A unit testing framework for C - Version 2.1-3
     http://cunit.sourceforge.net/


Suite: MultipathIO
  Test: Simple ...passed
  Test: CompareAndWrite ...    [SKIPPED] COMPAREANDWRITE is not implemented.
    [SKIPPED] COMPAREANDWRITE is not implemented.
passed
  Test: CompareAndWriteAsync ...FAILED
    1. test_multipathio_async_caw.c:45  - CU_ASSERT_EQUAL(atask->sense.key,SCSI_SENSE_MISCOMPARE)
    2. test_multipathio_async_caw.c:46  - CU_ASSERT_EQUAL(atask->sense.ascq,SCSI_SENSE_ASCQ_MISCOMPARE_DURING_VERIFY)
Suite: Inquiry
  Test: BlockLimits ...    [SKIPPED] Logical unit is fully provisioned. Skipping test
passed
  Test: MandatoryVPDSBC ...passed

Run Summary:    Type  Total    Ran Passed Failed Inactive
`;

const OURS = `    [SKIPPED] PERSISTENT RESERVE IN is not implemented.
Suite: Read10
  Test: DpoFua ...    [SKIPPED] REPORT_SUPPORTED_OPCODES is not implemented.
    [SKIPPED] REPORT_SUPPORTED_OPCODES is not implemented.
passed
  Test: Async ...passed    [SKIPPED] PERSISTENT RESERVE IN is not implemented.


Run Summary:    Type  Total    Ran Passed Failed Inactive
`;

describe('parseTestCu', () => {
  it('tells passed, skipped and failed apart and keeps the failed assertions', () => {
    const r = parseTestCu(TGT, 'SCSI');
    expect(r.map((t) => [t.name, t.outcome])).toEqual([
      ['SCSI.MultipathIO.Simple', 'PASSED'],
      ['SCSI.MultipathIO.CompareAndWrite', 'SKIPPED'],
      ['SCSI.MultipathIO.CompareAndWriteAsync', 'FAILED'],
      ['SCSI.Inquiry.BlockLimits', 'SKIPPED'],
      ['SCSI.Inquiry.MandatoryVPDSBC', 'PASSED'],
    ]);
    expect(r[1]!.skipMessages).toEqual(['COMPAREANDWRITE is not implemented.']);
    expect(r[2]!.failures).toEqual([
      'test_multipathio_async_caw.c:45  - CU_ASSERT_EQUAL(atask->sense.key,SCSI_SENSE_MISCOMPARE)',
      'test_multipathio_async_caw.c:46  - CU_ASSERT_EQUAL(atask->sense.ascq,SCSI_SENSE_ASCQ_MISCOMPARE_DURING_VERIFY)',
    ]);
    expect(r[3]!.skipMessages).toEqual(['Logical unit is fully provisioned. Skipping test']);
  });

  it('does not give a test the suite cleanup output printed after its verdict', () => {
    const r = parseTestCu(OURS, 'SCSI');
    expect(r.map((t) => [t.name, t.outcome])).toEqual([
      ['SCSI.Read10.DpoFua', 'SKIPPED'],
      ['SCSI.Read10.Async', 'PASSED'],
    ]);
  });

  it('a test without a verdict (the tool died or was killed) is FAILED', () => {
    const r = parseTestCu('Suite: Inquiry\n  Test: Standard ...passed\n  Test: AllocLength ...\n', 'SCSI');
    expect(r.map((t) => [t.name, t.outcome])).toEqual([
      ['SCSI.Inquiry.Standard', 'PASSED'],
      ['SCSI.Inquiry.AllocLength', 'FAILED'],
    ]);
    expect(r[1]!.failures[0]).toMatch(/no verdict/);
  });
});
