import { decodeCdb } from '../../cdb/index.js';
import { OPCODE } from '../../constants/opcodes.js';
import { SAM_STATUS } from '../../constants/sam-status.js';
import { SENSE_KEY } from '../../constants/sense-key.js';
import type { CommandResponse } from '../../copy-manager/index.js';
import { buildSenseData, encodeSenseData } from '../../sense/index.js';
import { encodeIscsiSenseSegment, ISCSI_RESERVED_TAG, type IscsiPduInput, type IscsiScsiDataIn } from '../pdu/index.js';
import type { ConnectionState } from './context.js';
import { EMPTY } from './context.js';
import type { Session, Task } from './session.js';

export function maybeExecute(c: ConnectionState, s: Session, t: Task): void {
  if (t.aborted || !t.ordered) return;
  if (t.buffer !== undefined && t.received < t.edtl) return;
  execute(c, s, t);
}

function execute(c: ConnectionState, s: Session, t: Task): void {
  s.tasks.delete(t.itt);
  const dataOut = t.buffer;
  if (dataOut !== undefined) {
    c.pendingWriteBytes -= t.edtl;
    c.ctx.pendingWrites.bytes -= t.edtl;
    t.buffer = undefined;
  }
  // Write residuals (RFC 7143 section 11.4.5): an Expected Data Transfer Length below what the
  // CDB asks for writes only that much (whole blocks); above, the excess is not written.
  const w = c.ctx.writeLength(t.lun, t.cdb);
  const sent = t.write ? t.edtl : 0;
  let cdb = t.cdb;
  let res: CommandResponse | undefined;
  if (w !== undefined && w.bytes > sent) {
    t.writeOverflow = w.bytes - sent;
    if (sent % w.blockSize === 0) cdb = c.ctx.withTransferLength(cdb, sent / w.blockSize);
    else {
      // Not a whole number of blocks: ILLEGAL REQUEST, INVALID FIELD IN INFORMATION UNIT (SPC-5).
      res = {
        status: SAM_STATUS.CHECK_CONDITION,
        senseData: encodeSenseData(buildSenseData({ senseKey: SENSE_KEY.ILLEGAL_REQUEST, asc: 0x0e, ascq: 0x03 })),
      };
    }
  } else if (w !== undefined && w.bytes < sent) t.writeUnderflow = sent - w.bytes;
  try {
    res ??= c.ctx.cm.execute({ nexus: s.nexus, lun: t.lun, cdb, dataOut });
  } catch (e) {
    c.ctx.log(`${c.peer}: copy manager failed: ${e instanceof Error ? e.message : String(e)}`);
    c.send({
      kind: 'SCSI Response',
      bidiReadResidualOverflow: false,
      bidiReadResidualUnderflow: false,
      residualOverflow: false,
      residualUnderflow: false,
      response: 1, // Target Failure (RFC 7143 section 11.4.3)
      status: 0,
      initiatorTaskTag: t.itt,
      snackTag: 0,
      statSn: c.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      expDataSn: 0,
      bidirectionalReadResidualCount: 0,
      residualCount: 0,
    });
    return;
  }
  c.ctx.traceCommand(s, t.lun, t.cdb, dataOut, res, t.edtl);
  // A WRITE's data was copied into the logical unit: its buffer serves the next WRITE (the pool
  // keeps nothing while a trace callback may hold it). Parameter lists are not reused: the
  // copy manager may keep views of them.
  if (w !== undefined && dataOut !== undefined) c.ctx.writeBuffers.give(dataOut as Buffer);
  if (t.cdb[0] === OPCODE.THIRD_PARTY_COPY_OUT) {
    try {
      const c = decodeCdb(t.cdb);
      if (c.kind === 'POPULATE TOKEN' || c.kind === 'WRITE USING TOKEN') {
        s.rememberCopyTask(t.itt, t.lun, c.listIdentifier);
      }
    } catch {
      // not a copy the initiator can abort
    }
  }
  respond(c, s, t, res);
}

function respond(c: ConnectionState, s: Session, t: Task, res: CommandResponse): void {
  const dataIn = res.dataIn ?? EMPTY;
  const edtl = t.edtl;
  const readable = t.read ? edtl : 0;
  const n = Math.min(dataIn.length, readable);
  let under = false;
  let over = false;
  let residual = 0;
  if (dataIn.length > readable) {
    over = true;
    residual = dataIn.length - readable;
  } else if (t.read && dataIn.length < edtl) {
    under = true;
    residual = edtl - dataIn.length;
  } else if (t.writeOverflow > 0) {
    over = true;
    residual = t.writeOverflow;
  } else if (t.writeUnderflow > 0) {
    under = true;
    residual = t.writeUnderflow;
  }
  const sense = res.senseData;
  const statusInData = sense === undefined && n > 0;
  let dataSn = 0;
  if (n > 0) {
    const maxSeg = c.maxSendDsl;
    const burst = s.params.maxBurstLength;
    let off = 0;
    let burstStart = 0;
    while (off < n) {
      const len = Math.min(maxSeg, n - off, burstStart + burst - off);
      const last = off + len === n;
      const final = last || off + len - burstStart === burst;
      const withStatus = last && statusInData;
      const pdu: IscsiPduInput<IscsiScsiDataIn> = {
        kind: 'SCSI Data-In',
        final,
        acknowledge: false,
        residualOverflow: withStatus && over,
        residualUnderflow: withStatus && under,
        statusPresent: withStatus,
        status: withStatus ? res.status : 0,
        lun: t.lunField,
        initiatorTaskTag: t.itt,
        targetTransferTag: ISCSI_RESERVED_TAG,
        statSn: withStatus ? c.nextStatSn() : 0,
        expCmdSn: s.expCmdSn,
        maxCmdSn: s.maxCmdSn,
        dataSn: dataSn++,
        bufferOffset: off,
        residualCount: withStatus ? residual : 0,
      };
      c.sendWithData(pdu, dataIn.subarray(off, off + len));
      off += len;
      if (final) burstStart = off;
    }
  }
  if (statusInData) return;
  c.send({
    kind: 'SCSI Response',
    bidiReadResidualOverflow: false,
    bidiReadResidualUnderflow: false,
    residualOverflow: over,
    residualUnderflow: under,
    response: 0,
    status: res.status,
    initiatorTaskTag: t.itt,
    snackTag: 0,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
    expDataSn: dataSn,
    bidirectionalReadResidualCount: 0,
    residualCount: residual,
    data: sense === undefined ? EMPTY : encodeIscsiSenseSegment(sense),
  });
}
