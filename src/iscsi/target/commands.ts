import { SAM_STATUS } from '../../constants/sam-status.js';
import { lunToNumber } from '../../data-in/index.js';
import { ISCSI_REJECT_REASON, ISCSI_RESERVED_TAG, type IscsiScsiCommand, iscsiCommandCdb } from '../pdu/index.js';
import type { ConnectionState } from './context.js';
import { sendR2ts } from './data-out.js';
import { maybeExecute } from './execution.js';
import type { Session, Task } from './session.js';

/**
 * A SCSI Command. Its immediate data is `p.data`, or (when the PDU was decoded without it)
 * `immediateLength` bytes that `copyImmediate` puts into the task's buffer.
 */
export function onScsiCommand(
  c: ConnectionState,
  s: Session,
  p: IscsiScsiCommand,
  bytes: Uint8Array,
  immediateLength: number = p.data.length,
  copyImmediate?: (dest: Uint8Array, offset: number) => void,
): void {
  if (s.discovery) {
    c.rejectCommand(p, bytes, ISCSI_REJECT_REASON.COMMAND_NOT_SUPPORTED);
    return;
  }
  onCommand(c, s, p, bytes, immediateLength, copyImmediate);
}

function onCommand(
  c: ConnectionState,
  s: Session,
  p: IscsiScsiCommand,
  bytes: Uint8Array,
  immediateLength: number,
  copyImmediate: ((dest: Uint8Array, offset: number) => void) | undefined,
): void {
  if (!p.immediate && !s.inWindow(p.cmdSn)) return; // out of window: dropped (RFC 7143 section 4.2.2.1)
  if (s.tasks.has(p.initiatorTaskTag) || p.initiatorTaskTag === ISCSI_RESERVED_TAG) {
    c.rejectCommand(p, bytes, ISCSI_REJECT_REASON.INVALID_PDU_FIELD);
    return;
  }
  const lunNumber = lunToNumber(p.lun) ?? 0xffff;
  const edtl = p.expectedDataTransferLength;
  if (
    immediateLength > 0 &&
    (!p.write || !s.params.immediateData || immediateLength > edtl || immediateLength > s.params.firstBurstLength)
  ) {
    c.rejectCommand(p, bytes, ISCSI_REJECT_REASON.PROTOCOL_ERROR);
    return;
  }
  const writeLen = p.write ? edtl : 0;
  if (overLimits(c, s, p, writeLen, lunNumber)) return;
  const unsolicitedEnd =
    writeLen === 0
      ? 0
      : p.final || s.params.initialR2T
        ? immediateLength
        : Math.min(s.params.firstBurstLength, writeLen);
  const task: Task = {
    itt: p.initiatorTaskTag,
    conn: c,
    lun: lunNumber,
    lunField: p.lun,
    cdb: Uint8Array.from(iscsiCommandCdb(p)),
    edtl,
    read: p.read,
    write: p.write,
    buffer: undefined,
    received: 0,
    unsolicitedEnd,
    unsolicitedDataSn: 0,
    r2tOffset: unsolicitedEnd,
    nextR2tSn: 0,
    r2ts: new Map(),
    ordered: false,
    aborted: false,
    writeOverflow: 0,
    writeUnderflow: 0,
  };
  if (writeLen > 0) {
    // Every byte of it is written before the command runs (DataPDUInOrder / DataSequenceInOrder =
    // Yes), so it need not be zeroed, and may be a buffer an earlier WRITE used.
    task.buffer = c.ctx.writeBuffers.take(writeLen);
    c.pendingWriteBytes += writeLen;
    c.ctx.pendingWrites.bytes += writeLen;
    if (copyImmediate !== undefined) copyImmediate(task.buffer, 0);
    else if (immediateLength > 0) task.buffer.set(p.data, 0);
    task.received = immediateLength;
  }
  s.tasks.set(task.itt, task);
  s.admit(p.immediate, p.cmdSn, () => {
    task.ordered = true;
    maybeExecute(c, s, task);
  });
  if (!task.aborted && task.received < writeLen) sendR2ts(c, s, task);
}

/**
 * A command over the limits is answered with a status alone, nothing buffered, its Data-Out
 * discarded; returns true when it was.
 */
function overLimits(c: ConnectionState, s: Session, p: IscsiScsiCommand, writeLen: number, lunNumber: number): boolean {
  const limits = c.ctx.limits;
  if (
    (p.immediate && s.tasks.size >= limits.maxCommandsInFlight + 8) ||
    (writeLen > 0 && c.pendingWriteBytes + writeLen > limits.maxPendingWriteBytes)
  ) {
    // Over the limits: BUSY (SAM-5 status).
    s.admit(p.immediate, p.cmdSn, () => sendStatusOnly(c, s, p, SAM_STATUS.BUSY));
    return true;
  }
  if (writeLen > 0 && c.ctx.pendingWrites.bytes + writeLen > limits.maxTargetPendingWriteBytes) {
    // Over the target-wide budget. SAM-5 section 5.3.1: TASK SET FULL when the I_T nexus has a
    // command in this LU's task set, BUSY when it has none.
    let mine = false;
    for (const t of s.tasks.values()) if (t.lun === lunNumber) mine = true;
    const status = mine ? SAM_STATUS.TASK_SET_FULL : SAM_STATUS.BUSY;
    s.admit(p.immediate, p.cmdSn, () => sendStatusOnly(c, s, p, status));
    return true;
  }
  return false;
}

function sendStatusOnly(c: ConnectionState, s: Session, p: IscsiScsiCommand, status: number): void {
  c.send({
    kind: 'SCSI Response',
    bidiReadResidualOverflow: false,
    bidiReadResidualUnderflow: false,
    residualOverflow: false,
    residualUnderflow: false,
    response: 0,
    status,
    initiatorTaskTag: p.initiatorTaskTag,
    snackTag: 0,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
    expDataSn: 0,
    bidirectionalReadResidualCount: 0,
    residualCount: 0,
  });
}
