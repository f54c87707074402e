import {
  decodeIscsiTextKeys,
  ISCSI_LOGOUT_REASON,
  ISCSI_LOGOUT_RESPONSE,
  ISCSI_REJECT_REASON,
  ISCSI_RESERVED_TAG,
  type IscsiLogoutRequest,
  type IscsiNegotiationState,
  type IscsiNopOut,
  type IscsiTextPair,
  type IscsiTextRequest,
  iscsiSendTargetsReply,
  negotiateIscsiKeys,
} from '../pdu/index.js';
import type { ConnectionState } from './context.js';
import { encodeTextPairs, ProtocolError } from './context.js';
import type { Session } from './session.js';

export function onNopOut(c: ConnectionState, s: Session, p: IscsiNopOut): void {
  if (p.initiatorTaskTag === ISCSI_RESERVED_TAG) return; // an answer to a NOP-In of ours, or a no-op
  s.admit(p.immediate, p.cmdSn, () => {
    const echo = p.data.length > c.maxSendDsl ? p.data.subarray(0, c.maxSendDsl) : p.data;
    c.send({
      kind: 'NOP-In',
      lun: p.lun,
      initiatorTaskTag: p.initiatorTaskTag,
      targetTransferTag: ISCSI_RESERVED_TAG,
      statSn: c.nextStatSn(),
      expCmdSn: s.expCmdSn,
      maxCmdSn: s.maxCmdSn,
      data: echo,
    });
  });
}

export function onText(c: ConnectionState, s: Session, p: IscsiTextRequest): void {
  const pending = c.textOut;
  if (
    p.targetTransferTag !== ISCSI_RESERVED_TAG &&
    pending !== undefined &&
    pending.ttt === p.targetTransferTag &&
    pending.itt === p.initiatorTaskTag
  ) {
    // The initiator asks for the next part of a long answer (RFC 7143 section 11.10.4).
    c.textOut = undefined;
    sendText(c, s, p, pending.rest);
    return;
  }
  c.textOut = undefined;
  if (c.textIn === undefined || c.textIn.itt !== p.initiatorTaskTag) {
    c.textIn = { itt: p.initiatorTaskTag, parts: [], bytes: 0 };
  }
  const acc = c.textIn;
  acc.bytes += p.data.length;
  if (acc.bytes > c.ctx.limits.maxTextBytes) {
    c.textIn = undefined;
    throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, 'text too long');
  }
  acc.parts.push(Uint8Array.from(p.data));
  const base = {
    kind: 'Text Response' as const,
    lun: p.lun,
    initiatorTaskTag: p.initiatorTaskTag,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
  };
  if (p.continue) {
    // More text follows: an empty answer with a transfer tag asks for it (RFC 7143 section 11.10.2).
    c.send({ ...base, final: false, continue: false, targetTransferTag: 0x10 });
    return;
  }
  c.textIn = undefined;
  let pairs: readonly IscsiTextPair[];
  try {
    pairs = decodeIscsiTextKeys(acc.parts.length === 1 ? (acc.parts[0] as Uint8Array) : Buffer.concat(acc.parts)).pairs;
  } catch {
    throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, 'malformed text');
  }
  const state = c.negotiation as IscsiNegotiationState;
  const out = negotiateIscsiKeys(pairs, 'full feature', state, c.config);
  if (out.error !== undefined) throw new ProtocolError(ISCSI_REJECT_REASON.PROTOCOL_ERROR, out.error.message);
  c.negotiation = out.state;
  const reply: IscsiTextPair[] = [...out.reply];
  if (out.sendTargets !== undefined) {
    const cfg = {
      ...c.config,
      targets: [{ ...c.config.targets[0]!, addresses: c.ctx.targetAddresses(c.socket.localAddress) }],
    };
    reply.push(...iscsiSendTargetsReply(out.sendTargets, out.state.parameters, cfg.targets));
  }
  sendText(c, s, p, encodeTextPairs(reply), base.statSn);
}

/** A Text Response, split at the initiator's MaxRecvDataSegmentLength with C = 1 (RFC 7143 section 11.11). */
function sendText(
  c: ConnectionState,
  s: Session,
  p: IscsiTextRequest,
  data: Uint8Array,
  statSn = c.nextStatSn(),
): void {
  const more = data.length > c.maxSendDsl;
  let ttt = ISCSI_RESERVED_TAG;
  if (more) {
    ttt = c.nextTtt;
    c.nextTtt = c.nextTtt >= 0x7fff_fffe ? 1 : c.nextTtt + 1;
    c.textOut = { itt: p.initiatorTaskTag, ttt, rest: data.subarray(c.maxSendDsl) };
  }
  c.send({
    kind: 'Text Response',
    final: !more,
    continue: more,
    lun: p.lun,
    initiatorTaskTag: p.initiatorTaskTag,
    targetTransferTag: ttt,
    statSn,
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
    data: more ? data.subarray(0, c.maxSendDsl) : data,
  });
}

export function onLogout(c: ConnectionState, s: Session, p: IscsiLogoutRequest): void {
  const reason = p.reasonCode;
  let response: number = ISCSI_LOGOUT_RESPONSE.CLOSED_SUCCESSFULLY;
  let closeThis = false;
  let endSession = false;
  if (reason === ISCSI_LOGOUT_REASON.CLOSE_SESSION) {
    endSession = true;
  } else if (reason === ISCSI_LOGOUT_REASON.CLOSE_CONNECTION) {
    const target = [...s.connections].find((c) => c.cid === p.cid);
    if (target === undefined) response = ISCSI_LOGOUT_RESPONSE.CID_NOT_FOUND;
    else if (target === c) closeThis = true;
    else target.close();
  } else if (reason === ISCSI_LOGOUT_REASON.REMOVE_CONNECTION_FOR_RECOVERY) {
    response = ISCSI_LOGOUT_RESPONSE.CONNECTION_RECOVERY_NOT_SUPPORTED;
  } else {
    throw new ProtocolError(ISCSI_REJECT_REASON.INVALID_PDU_FIELD, `logout reason ${reason}`);
  }
  c.ctx.log(`${c.peer}: logout (reason ${reason}): response ${response}`);
  c.send({
    kind: 'Logout Response',
    response,
    initiatorTaskTag: p.initiatorTaskTag,
    statSn: c.nextStatSn(),
    expCmdSn: s.expCmdSn,
    maxCmdSn: s.maxCmdSn,
    time2Wait: 0,
    time2Retain: 0,
  });
  if (endSession) {
    c.closeAfterFlush();
    c.ctx.endSession(s);
  } else if (closeThis) c.closeAfterFlush();
}
