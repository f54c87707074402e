/**
 * Our capture reader against tshark (the oracle for framing): for every SCSI command in a
 * capture, the frame number, LUN, ITT, opcode, service action, transfer lengths, status and
 * sense key/ASC/ASCQ, read from `tshark -T fields`.
 */
import { spawnSync } from 'node:child_process';
import { decodeSenseData, normalizeSenseData, readCaptureExchanges } from '../../src/index.js';

export interface CommandFacts {
  frame: number;
  itt: number;
  lun: number;
  opcode: number;
  serviceAction: number | undefined;
  expectedDataTransferLength: number;
  dataInLength: number;
  dataOutLength: number;
  status: number | undefined;
  senseKey: number | undefined;
  asc: number | undefined;
  ascq: number | undefined;
}

const FIELDS = [
  'frame.number',
  'tcp.stream',
  'iscsi.opcode',
  'iscsi.initiatortasktag',
  'iscsi.datasegmentlength',
  'scsi.lun',
  'scsi_sbc.opcode',
  'scsi.spc.opcode',
  'scsi.extcopy.service_action',
  'scsi.recv_copy.service_action',
  'iscsi.scsicommand.expecteddatatransferlength',
  'iscsi.scsiresponse.status',
  'scsi.sns.key',
  'scsi.sns.asc',
  'scsi.sns.ascq',
] as const;

const num = (s: string | undefined): number | undefined => (s === undefined || s === '' ? undefined : Number(s));

/** The facts tshark gives, per command frame. `ports`: extra ports to dissect as iSCSI. */
export function tsharkFacts(file: string, ports: readonly number[] = []): Map<number, CommandFacts> {
  const args = [
    '-r',
    file,
    '-Y',
    'iscsi',
    '-T',
    'fields',
    '-E',
    'separator=|',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=;',
  ];
  for (const p of ports) args.push('-d', `tcp.port==${p},iscsi`);
  for (const f of FIELDS) args.push('-e', f);
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error !== undefined || r.status !== 0) throw new Error(`tshark failed: ${r.error?.message ?? r.stderr}`);
  const byFrame = new Map<number, CommandFacts>();
  // Open tasks by connection and ITT (the latest command with that ITT).
  const open = new Map<string, CommandFacts>();
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue;
    const c = line.split('|');
    const frame = Number(c[0]);
    const stream = c[1];
    const ops = (c[2] ?? '').split(';').filter((x) => x !== '');
    const itts = (c[3] ?? '').split(';');
    const dsls = (c[4] ?? '').split(';');
    const first = (i: number): string | undefined => (c[i] ?? '').split(';').find((x) => x !== '');
    let statusIndex = 0;
    const statuses = (c[11] ?? '').split(';').filter((x) => x !== '');
    ops.forEach((opText, k) => {
      const op = Number(opText);
      const itt = Number(itts[k]);
      const key = `${stream}/${itt}`;
      const dsl = Number(dsls[k] ?? 0);
      if (op === 0x01) {
        const opcode = num(first(6)) ?? num(first(7)) ?? -1;
        const f: CommandFacts = {
          frame,
          itt,
          lun: num(first(5)) ?? 0,
          opcode,
          serviceAction: opcode === 0x83 ? num(first(8)) : opcode === 0x84 ? num(first(9)) : undefined,
          expectedDataTransferLength: num(first(10)) ?? 0,
          dataInLength: 0,
          dataOutLength: dsl,
          status: undefined,
          senseKey: undefined,
          asc: undefined,
          ascq: undefined,
        };
        open.set(key, f);
        byFrame.set(frame, f);
        return;
      }
      const f = open.get(key);
      if (f === undefined) return;
      if (op === 0x05) f.dataOutLength += dsl;
      else if (op === 0x25) {
        f.dataInLength += dsl;
      } else if (op === 0x21) {
        f.status = num(statuses[statusIndex++]);
        f.senseKey = num(first(12));
        f.asc = num(first(13));
        f.ascq = num(first(14));
      }
      if (op === 0x25 && statuses.length > statusIndex && k === ops.length - 1) {
        // A Data-In with S carries the status (tshark shows it as iscsi.scsiresponse.status).
        f.status = num(statuses[statusIndex++]);
      }
    });
  }
  return byFrame;
}

/** The same facts from our reader. */
export function ourFacts(bytes: Uint8Array, ports?: readonly number[]): Map<number, CommandFacts> {
  const out = new Map<number, CommandFacts>();
  for (const x of readCaptureExchanges(bytes, { keepData: () => false, ...(ports === undefined ? {} : { ports }) })) {
    const op = x.cdb[0] as number;
    let senseKey: number | undefined;
    let asc: number | undefined;
    let ascq: number | undefined;
    if (x.sense.length > 0) {
      const n = normalizeSenseData(decodeSenseData(x.sense));
      senseKey = n.senseKey;
      asc = n.asc;
      ascq = n.ascq;
    }
    out.set(x.frame, {
      frame: x.frame,
      itt: x.initiatorTaskTag,
      lun: x.lun,
      opcode: op,
      serviceAction: op === 0x83 || op === 0x84 ? (x.cdb[1] as number) & 0x1f : undefined,
      expectedDataTransferLength: x.expectedDataTransferLength,
      dataInLength: x.dataInLength,
      dataOutLength: x.dataOutLength,
      status: x.status,
      senseKey,
      asc,
      ascq,
    });
  }
  return out;
}
