import { lunToNumber } from '../../data-in/index.js';
import { ISCSI_TMF_FUNCTION, ISCSI_TMF_RESPONSE, type IscsiTaskManagementFunctionRequest } from '../pdu/index.js';
import type { ConnectionState } from './context.js';
import type { Session, Task } from './session.js';

export function onTmf(c: ConnectionState, s: Session, p: IscsiTaskManagementFunctionRequest): void {
  const R = ISCSI_TMF_RESPONSE;
  const F = ISCSI_TMF_FUNCTION;
  const lun = lunToNumber(p.lun);
  const cm = c.ctx.cm;
  let response: number = R.FUNCTION_COMPLETE;
  let cold = false;
  const luLevel =
    p.function === F.ABORT_TASK_SET ||
    p.function === F.CLEAR_TASK_SET ||
    p.function === F.LOGICAL_UNIT_RESET ||
    p.function === F.CLEAR_ACA;
  if (luLevel && (lun === undefined || !c.ctx.lunExists(lun))) {
    response = R.LUN_DOES_NOT_EXIST;
  } else {
    switch (p.function) {
      case F.ABORT_TASK: {
        const t = s.tasks.get(p.referencedTaskTag);
        if (t !== undefined) abortTask(c, s, t);
        else {
          const copy = s.copyTasks.get(p.referencedTaskTag);
          if (copy !== undefined && cm.abortCopy?.(s.nexus, copy.lun, copy.listIdentifier) === true) {
            s.copyTasks.delete(p.referencedTaskTag);
          } else if (!s.inWindow(p.refCmdSn)) response = R.TASK_DOES_NOT_EXIST;
        }
        break;
      }
      case F.ABORT_TASK_SET:
        abortWhere(c, (t, ts) => ts === s && t.lun === lun);
        cm.abortTaskSet?.(s.nexus, lun as number);
        break;
      case F.CLEAR_TASK_SET:
        abortWhere(c, (t) => t.lun === lun);
        for (const other of c.ctx.sessions()) if (!other.discovery) cm.abortTaskSet?.(other.nexus, lun as number);
        break;
      case F.LOGICAL_UNIT_RESET:
        abortWhere(c, (t) => t.lun === lun);
        if (cm.logicalUnitReset === undefined) response = R.FUNCTION_NOT_SUPPORTED;
        else cm.logicalUnitReset(lun as number);
        break;
      case F.TARGET_WARM_RESET:
      case F.TARGET_COLD_RESET:
        abortWhere(c, () => true);
        if (cm.targetReset === undefined) response = R.FUNCTION_NOT_SUPPORTED;
        else cm.targetReset();
        cold = p.function === F.TARGET_COLD_RESET;
        break;
      case F.CLEAR_ACA:
        response = R.FUNCTION_NOT_SUPPORTED;
        break;
      case F.TASK_REASSIGN:
        response = R.TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED;
        break;
      default:
        response = R.FUNCTION_REJECTED;
    }
  }
  c.ctx.log(`${c.peer}: task management function ${p.function} LUN ${lun ?? '?'}: response ${response}`);
  c.send({
    kind: 'Task Management Function Response',
    response,
    initiatorTaskTag: p.initiatorTaskTag,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
  });
  if (cold && response === R.FUNCTION_COMPLETE) {
    // TARGET COLD RESET: every connection is dropped after the response (RFC 7143 section 11.5.1).
    setImmediate(() => {
      for (const other of [...c.ctx.sessions()]) c.ctx.endSession(other);
    });
  }
}

export function abortTask(c: ConnectionState, s: Session, t: Task): void {
  t.aborted = true;
  s.tasks.delete(t.itt);
  if (t.buffer !== undefined) {
    t.conn.pendingWriteBytes -= t.edtl;
    c.ctx.pendingWrites.bytes -= t.edtl;
    t.buffer = undefined;
  }
  t.r2ts.clear();
}

function abortWhere(c: ConnectionState, pred: (t: Task, s: Session) => boolean): void {
  for (const s of c.ctx.sessions()) {
    for (const t of [...s.tasks.values()]) if (pred(t, s)) abortTask(c, s, t);
  }
}
