import { SAM_STATUS } from '../../constants/sam-status.js';
import { SENSE_KEY } from '../../constants/sense-key.js';
import { buildSenseData, encodeSenseData } from '../../sense/index.js';
import { encodeIscsiSenseSegment, ISCSI_RESERVED_TAG, type IscsiScsiDataOut } from '../pdu/index.js';
import type { ConnectionState } from './context.js';
import { maybeExecute } from './execution.js';
import type { R2tState, Session, Task } from './session.js';
import { abortTask } from './task-management.js';

/** Send R2Ts for the solicited part, within MaxOutstandingR2T and MaxBurstLength (RFC 7143 section 11.8). */
export function sendR2ts(c: ConnectionState, s: Session, t: Task): void {
  const max = s.params.maxOutstandingR2T;
  while (t.r2ts.size < max && t.r2tOffset < t.edtl) {
    const len = Math.min(s.params.maxBurstLength, t.edtl - t.r2tOffset);
    const ttt = c.nextTtt;
    c.nextTtt = c.nextTtt >= 0x7fff_fffe ? 1 : c.nextTtt + 1;
    const r: R2tState = { ttt, r2tSn: t.nextR2tSn, next: t.r2tOffset, end: t.r2tOffset + len, dataSn: 0 };
    t.r2ts.set(ttt, r);
    t.nextR2tSn = (t.nextR2tSn + 1) >>> 0;
    t.r2tOffset += len;
    c.send({
      kind: 'R2T',
      lun: t.lunField,
      initiatorTaskTag: t.itt,
      targetTransferTag: ttt,
      statSn: c.statSn,
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      r2tSn: r.r2tSn,
      bufferOffset: r.next,
      desiredDataTransferLength: len,
    });
  }
}

/**
 * A Data-Out: checked against its task's sequence (unsolicited or R2T), then its `len` data
 * bytes go into the task's buffer (`copyInto`, when the data is still in the receive queue).
 */
export function onDataOut(
  c: ConnectionState,
  s: Session,
  p: IscsiScsiDataOut,
  len: number = p.data.length,
  copyInto?: (dest: Uint8Array, offset: number) => void,
): undefined {
  const t = s.tasks.get(p.initiatorTaskTag);
  // Data for a task we no longer (or never) had (aborted, refused with BUSY, failed): discarded.
  if (t === undefined || t.conn !== c || t.buffer === undefined) return undefined;
  let end: number;
  // A sequence error ends the task with CHECK CONDITION, ABORTED COMMAND (RFC 7143 sections
  // 7.1 and 11.4.7.2); the connection and the session go on.
  if (p.targetTransferTag === ISCSI_RESERVED_TAG) {
    if (p.dataSn !== t.unsolicitedDataSn)
      return failTask(c, s, t, 0x4b, 0x00, `DataSN ${p.dataSn}, expected ${t.unsolicitedDataSn}`);
    if (p.bufferOffset !== t.received)
      return failTask(c, s, t, 0x4b, 0x05, `buffer offset ${p.bufferOffset}, expected ${t.received}`);
    if (p.bufferOffset + len > t.unsolicitedEnd)
      return failTask(c, s, t, 0x0c, 0x0c, 'unsolicited data beyond the first burst');
    t.unsolicitedDataSn++;
    end = p.bufferOffset + len;
  } else {
    const r = t.r2ts.get(p.targetTransferTag);
    if (r === undefined) return failTask(c, s, t, 0x4b, 0x01, `unknown Target Transfer Tag ${p.targetTransferTag}`);
    if (p.dataSn !== r.dataSn) return failTask(c, s, t, 0x4b, 0x00, `DataSN ${p.dataSn}, expected ${r.dataSn}`);
    if (p.bufferOffset !== r.next || p.bufferOffset !== t.received) {
      return failTask(c, s, t, 0x4b, 0x05, `buffer offset ${p.bufferOffset}, expected ${r.next}`);
    }
    if (p.bufferOffset + len > r.end) return failTask(c, s, t, 0x4b, 0x05, 'Data-Out beyond its R2T');
    r.dataSn++;
    r.next += len;
    end = r.next;
    if (r.next === r.end) {
      if (!p.final) return failTask(c, s, t, 0x4b, 0x00, 'R2T sequence ended without the F bit');
      t.r2ts.delete(r.ttt);
    } else if (p.final) return failTask(c, s, t, 0x4b, 0x00, 'F bit before the end of the R2T');
  }
  if (copyInto !== undefined) copyInto(t.buffer, p.bufferOffset);
  else t.buffer.set(p.data, p.bufferOffset);
  t.received = end;
  if (t.received === t.edtl) maybeExecute(c, s, t);
  else if (t.r2ts.size < s.params.maxOutstandingR2T && t.received >= t.unsolicitedEnd) sendR2ts(c, s, t);
  return undefined;
}

/** End a task that broke the data transfer rules: CHECK CONDITION, ABORTED COMMAND with `asc`/`ascq`. */
function failTask(c: ConnectionState, s: Session, t: Task, asc: number, ascq: number, why: string): undefined {
  c.ctx.log(`${c.peer}: task ${t.itt}: ${why}: ABORTED COMMAND`);
  abortTask(c, s, t);
  const senseData = encodeSenseData(buildSenseData({ senseKey: SENSE_KEY.ABORTED_COMMAND, asc, ascq }));
  c.send({
    kind: 'SCSI Response',
    bidiReadResidualOverflow: false,
    bidiReadResidualUnderflow: false,
    residualOverflow: false,
    residualUnderflow: t.edtl > 0,
    response: 0,
    status: SAM_STATUS.CHECK_CONDITION,
    initiatorTaskTag: t.itt,
    snackTag: 0,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
    expDataSn: 0,
    bidirectionalReadResidualCount: 0,
    residualCount: t.edtl,
    data: encodeIscsiSenseSegment(senseData),
  });
  return undefined;
}
