/**
 * EXTENDED COPY (LID1) parameter lists we encode, against an independent decoder: Wireshark's SCSI
 * dissector (tshark, `scsi.extcopy.*` fields). Each list travels as the immediate data of its own
 * iSCSI SCSI Command PDU (CDB 83h/00h) in a synthetic pcap; every field tshark prints must equal
 * ours, descriptor by descriptor. Needs `tshark`: the test fails, never skips, without it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import {
  arbBlockToBlockSegmentDescriptor,
  arbBlockToBlockWithOffsetsSegmentDescriptor,
  arbCscdDescriptor,
} from '../../src/arbitraries/extended-copy.js';
import {
  type CscdDescriptor,
  cscdDescriptorLength,
  type ExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid1Cdb,
  encodeExtendedCopyLid1ParameterList,
  encodeIscsiPdu,
  lunFromNumber,
} from '../../src/index.js';
import { Comparison, INTEROP_RUNS, INTEROP_SEED } from './harness.js';
import { pcap } from './pcap.js';

const dir = mkdtempSync(join(tmpdir(), 'scsi-odx-xcopy-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lists tshark's dissector can walk: any CSCD descriptors, 02h and 0Ah segments, inline data. */
const arbList: fc.Arbitrary<ExtendedCopyLid1ParameterList> = fc.record(
  {
    listIdentifier: fc.integer({ min: 0, max: 255 }),
    str: fc.boolean(),
    listIdUsage: fc.integer({ min: 0, max: 3 }),
    priority: fc.integer({ min: 0, max: 7 }),
    cscdDescriptors: fc.array(arbCscdDescriptor({ valid: true }), { maxLength: 5 }),
    segmentDescriptors: fc.array(
      fc.oneof(arbBlockToBlockSegmentDescriptor(), arbBlockToBlockWithOffsetsSegmentDescriptor()),
      { maxLength: 5 },
    ),
    inlineData: fc.uint8Array({ maxLength: 12 }),
  },
  { noNullPrototype: true },
);

const FIELDS = [
  'list_id',
  'xcopy_param_str',
  'xcopy_param_list_id_usage',
  'xcopy_param_priority',
  'cscd_list_len',
  'seg_desc_list_len',
  'inline_data_len',
  'lu_type',
  'per_dev_type',
  'rel_init_port_id',
  'cscd_code_set',
  'cscd_assoc',
  'cscd_des_type',
  'cscd_des_len',
  'disk_block_len',
  'seg_desc_type',
  'seg_desc_dc',
  'seg_desc_cat',
  'seg_desc_src_id',
  'seg_desc_dest_id',
  'seg_desc_num_of_blocks',
  'source_lba',
  'dest_lba',
].map((f) => `scsi.extcopy.${f}`);

/** Our values of each tshark field, in the order tshark prints them. */
function expected(l: ExtendedCopyLid1ParameterList, bytes: Uint8Array): Record<string, bigint[]> {
  const e: Record<string, bigint[]> = {};
  const add = (f: string, v: number | bigint | boolean) => {
    const k = `scsi.extcopy.${f}`;
    const list = e[k] ?? [];
    list.push(typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v));
    e[k] = list;
  };
  add('list_id', l.listIdentifier);
  add('xcopy_param_str', l.str);
  add('xcopy_param_list_id_usage', l.listIdUsage);
  add('xcopy_param_priority', l.priority);
  const cscdBytes = l.cscdDescriptors.reduce(
    (a, d) => a + (d.kind === 'other' ? cscdDescriptorLength(d.descriptorTypeCode) : 32),
    0,
  );
  add('cscd_list_len', cscdBytes);
  add('seg_desc_list_len', bytes.length - 16 - cscdBytes - l.inlineData.length);
  add('inline_data_len', l.inlineData.length);
  for (const d of l.cscdDescriptors) {
    add('lu_type', d.luIdType);
    add('per_dev_type', d.peripheralDeviceType);
    add('rel_init_port_id', d.relativeInitiatorPortIdentifier);
    // tshark walks every CSCD descriptor as the E4h layout: the generic ones' parameter bytes.
    const p = cscdParameters(d);
    add('cscd_code_set', p[0]! & 0x0f);
    add('cscd_assoc', (p[1]! >> 4) & 0x03);
    add('cscd_des_type', p[1]! & 0x0f);
    add('cscd_des_len', p[3]!);
    // Block device type specific parameters: PERIPHERAL DEVICE TYPE 00h, 04h, 05h, 07h, 0Eh (SPC-4).
    if (BLOCK_PDTS.has(d.peripheralDeviceType))
      add('disk_block_len', d.kind === 'identification' ? d.diskBlockLength : dtsp(d.deviceTypeSpecificParameters));
  }
  for (const s of l.segmentDescriptors) {
    if (s.kind === 'other') continue; // not generated
    add('seg_desc_type', s.kind === 'blockToBlock' ? 0x02 : 0x0a);
    add('seg_desc_dc', s.kind === 'blockToBlock' && s.dc);
    add('seg_desc_cat', s.cat);
    add('seg_desc_src_id', s.sourceCscdDescriptorId);
    add('seg_desc_dest_id', s.destinationCscdDescriptorId);
    if (s.kind === 'blockToBlock') {
      add('seg_desc_num_of_blocks', s.blockDeviceNumberOfBlocks);
      add('source_lba', s.sourceBlockDeviceLogicalBlockAddress);
      add('dest_lba', s.destinationBlockDeviceLogicalBlockAddress);
    }
  }
  return e;
}

/** Bytes 4-27 of a CSCD descriptor as we encode them. */
function cscdParameters(d: CscdDescriptor): Uint8Array {
  if (d.kind === 'other') return d.cscdParameters;
  const dd = d.designationDescriptor;
  return Uint8Array.of(dd.codeSet, (dd.association << 4) | dd.designatorType, 0, dd.designator.length);
}

const BLOCK_PDTS: ReadonlySet<number> = new Set([0x00, 0x04, 0x05, 0x07, 0x0e]);
const dtsp = (b: Uint8Array) => (b[1]! << 16) | (b[2]! << 8) | b[3]!;

it(`tshark decodes ${INTEROP_RUNS} random EXTENDED COPY (LID1) parameter lists as we encode them`, () => {
  const lists = fc.sample(arbList, { numRuns: INTEROP_RUNS, seed: INTEROP_SEED });
  const encoded = lists.map((l) => encodeExtendedCopyLid1ParameterList(l));
  const segs = encoded.map((data, i) => ({
    fromInitiator: true,
    payload: encodeIscsiPdu({
      kind: 'SCSI Command',
      immediate: false,
      final: true,
      read: false,
      write: true,
      attr: 1,
      lun: lunFromNumber(0),
      initiatorTaskTag: i + 1,
      expectedDataTransferLength: data.length,
      cmdSn: i + 1,
      expStatSn: 1,
      cdb: encodeExtendedCopyLid1Cdb({ parameterListLength: data.length, control: 0 }),
      ahs: [],
      data,
    }),
  }));
  const file = join(dir, 'xcopy.pcap');
  writeFileSync(file, pcap(segs));
  const json = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-d',
      'tcp.port==3260,iscsi',
      '-o',
      'iscsi.bogus_pdu_filter:FALSE',
      '-o',
      'tcp.desegment_tcp_streams:FALSE',
      '-T',
      'json',
      ...FIELDS.flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const frames = JSON.parse(json) as { _source: { layers: Record<string, string[]> } }[];
  expect(frames).toHaveLength(lists.length);
  const c = new Comparison('EXTENDED COPY (LID1) parameter list', 'tshark scsi.extcopy');
  lists.forEach((l, i) => {
    const bytes = encoded[i]!;
    c.begin(`list ${i}`, bytes);
    const ours = expected(l, bytes);
    const theirs = frames[i]!._source.layers;
    for (const f of FIELDS) {
      const a = ours[f] ?? [];
      const b = (theirs[f] ?? []).map((v) => BigInt(v));
      c.eq(`${f} count`, a.length, b.length);
      a.forEach((v, k) => {
        c.eq(`${f}[${k}]`, v, b[k]);
      });
    }
  });
  const report = c.finish();
  expect(c.stats.cases).toBeGreaterThanOrEqual(300);
  expect(report).toBe('');
});
