import {
  decodeIscsiTextKeys,
  ISCSI_LOGIN_STATUS,
  type IscsiLoginRequest,
  type IscsiTextPair,
  initialIscsiNegotiationState,
  negotiateIscsiKeys,
} from '../pdu/index.js';
import { CHAP_MD5, chapResponse, decodeBinaryValue, encodeBinaryValue, newChallenge, sameResponse } from './chap.js';
import type { ConnectionState, LoginState } from './context.js';
import { EMPTY, encodeTextPairs } from './context.js';
import type { IscsiChapCredentials } from './options.js';
import { initiatorPortName, sessionParams } from './session.js';

/** A Login Request: stage checks, text collection, negotiation, CHAP, then the response. */
export function onLogin(c: ConnectionState, p: IscsiLoginRequest): void {
  const st = loginState(c, p);
  if (st === undefined) return;
  const pairs = loginText(c, p, st);
  if (pairs === undefined) return;
  loginStep(c, p, st, pairs);
}

/** The login state, made at the first PDU; checks what must not change and the stage transition. */
function loginState(c: ConnectionState, p: IscsiLoginRequest): LoginState | undefined {
  let st = c.login;
  if (st === undefined) {
    st = {
      isid: p.isid,
      tsih: p.tsih,
      itt: p.initiatorTaskTag,
      cid: p.cid,
      cmdSn: p.cmdSn,
      negotiation: initialIscsiNegotiationState(p.tsih === 0),
      text: [],
      textBytes: 0,
      auth: 'none',
      chapId: 0,
      chapChallenge: EMPTY,
      existing: undefined,
      stage: p.csg,
    };
    c.login = st;
    c.statSn = p.expStatSn >>> 0;
    c.cid = p.cid;
    if (p.versionMin > 0) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.UNSUPPORTED_VERSION, 'unsupported version');
      return undefined;
    }
    if (p.tsih !== 0) {
      const s = c.ctx.sessionByTsih(p.tsih);
      if (s === undefined || s.isid !== p.isid || s.portalGroupTag !== c.portal.portalGroupTag || s.ended) {
        loginFail(c, p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'no such session');
        return undefined;
      }
      st.existing = s;
    }
  } else if (p.isid !== st.isid || p.tsih !== st.tsih || p.cid !== st.cid) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'ISID/TSIH/CID changed during login');
    return undefined;
  }
  if (p.csg === 2 || p.csg === 3 || (p.transit && (p.nsg === 2 || p.nsg <= p.csg))) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'invalid stage transition');
    return undefined;
  }
  if (p.csg < st.stage) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'stage went back');
    return undefined;
  }
  st.stage = p.csg;
  return st;
}

/**
 * Text continuation (C bit): collect, bounded, and ask for the rest. The decoded pairs once the
 * last part is in, else undefined (answered or failed here).
 */
function loginText(c: ConnectionState, p: IscsiLoginRequest, st: LoginState): readonly IscsiTextPair[] | undefined {
  st.textBytes += p.data.length;
  if (st.textBytes > c.ctx.limits.maxTextBytes) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.OUT_OF_RESOURCES, 'login text too long');
    return undefined;
  }
  st.text.push(Uint8Array.from(p.data));
  if (p.continue) {
    loginRespond(c, p, false, [], 0);
    return undefined;
  }
  const data = st.text.length === 1 ? (st.text[0] as Uint8Array) : Buffer.concat(st.text);
  st.text = [];
  st.textBytes = 0;
  try {
    return decodeIscsiTextKeys(data).pairs;
  } catch {
    loginFail(c, p, ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'malformed login text');
    return undefined;
  }
}

/** Negotiate the keys of one login step, run CHAP, answer, and enter full feature phase when asked. */
function loginStep(c: ConnectionState, p: IscsiLoginRequest, st: LoginState, pairs: readonly IscsiTextPair[]): void {
  const security = p.csg === 0;
  if (!security && c.ctx.chap !== undefined && st.auth !== 'done') {
    loginFail(c, p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'CHAP required');
    return;
  }
  const authDoneBefore = c.ctx.chap === undefined || st.auth === 'done';
  const wantTransit = p.transit;
  const outcome = negotiateIscsiKeys(
    pairs,
    security ? 'security' : 'operational',
    st.negotiation,
    c.config,
    wantTransit && authDoneBefore,
  );
  if (outcome.error !== undefined) {
    loginFail(c, p, outcome.error.status, outcome.error.message);
    return;
  }
  st.negotiation = outcome.state;
  const params = outcome.state.parameters;
  if (
    st.existing !== undefined &&
    params.initiatorName !== undefined &&
    params.initiatorName !== st.existing.initiatorName
  ) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'initiator name differs from the session');
    return;
  }
  const reply: IscsiTextPair[] = [...outcome.reply];

  // CHAP (RFC 7143 section 12.1.3).
  if (c.ctx.chap !== undefined && st.auth !== 'done') {
    if (!security) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'CHAP required');
      return;
    }
    const chapFail = chapStep(c, st, outcome.authentication, reply, params.authMethod === 'CHAP');
    if (chapFail !== undefined) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, chapFail);
      return;
    }
  }
  const authDone = c.ctx.chap === undefined || st.auth === 'done';
  let transit = wantTransit && authDone;
  if (transit && !authDoneBefore) {
    // Authentication finished in this very step: let the negotiation add what a transit needs.
    const again = negotiateIscsiKeys([], security ? 'security' : 'operational', st.negotiation, c.config, true);
    if (again.error === undefined) {
      st.negotiation = again.state;
      reply.push(...again.reply);
    }
  }
  if (transit && p.nsg === 3) {
    const ok = enterFullFeature(c, p, st);
    if (!ok) return;
    transit = true;
    loginRespond(c, p, true, reply, c.session?.tsih ?? 0);
    startFullFeature(c);
    return;
  }
  loginRespond(c, p, transit, reply, 0);
}

/** One CHAP step; returns a failure message, or undefined. Appends the target's keys to `reply`. */
function chapStep(
  c: ConnectionState,
  st: LoginState,
  keys: readonly IscsiTextPair[],
  reply: IscsiTextPair[],
  chapChosen: boolean,
): string | undefined {
  const chap = c.ctx.chap as IscsiChapCredentials;
  const get = (k: string): string | undefined => keys.find((x) => x.key === k)?.value;
  if (st.auth === 'none') {
    if (!chapChosen) {
      // AuthMethod not offered yet in this PDU: wait for it (CHAP keys before it are an error).
      return keys.length > 0 ? 'CHAP keys before AuthMethod=CHAP' : undefined;
    }
    st.auth = 'chap-start';
    if (get('CHAP_A') === undefined) return undefined;
  }
  if (st.auth === 'chap-start') {
    const a = get('CHAP_A');
    if (a === undefined) return keys.length > 0 ? 'expected CHAP_A' : undefined;
    if (!a.split(',').includes(String(CHAP_MD5))) {
      reply.push({ key: 'CHAP_A', value: 'Reject' });
      return 'no supported CHAP_A (MD5 = 5)';
    }
    const { identifier, challenge } = newChallenge();
    st.chapId = identifier;
    st.chapChallenge = challenge;
    st.auth = 'chap-response';
    reply.push(
      { key: 'CHAP_A', value: String(CHAP_MD5) },
      { key: 'CHAP_I', value: String(identifier) },
      { key: 'CHAP_C', value: encodeBinaryValue(challenge) },
    );
    return undefined;
  }
  if (st.auth === 'chap-response') {
    const n = get('CHAP_N');
    const r = get('CHAP_R');
    if (n === undefined || r === undefined) return 'expected CHAP_N and CHAP_R';
    const response = decodeBinaryValue(r);
    if (n !== chap.user || response === undefined) return 'authentication failure';
    if (!sameResponse(chapResponse(st.chapId, chap.secret, st.chapChallenge), response)) {
      return 'authentication failure';
    }
    const i = get('CHAP_I');
    const chapC = get('CHAP_C');
    if (i !== undefined || chapC !== undefined) {
      const mutual = c.ctx.mutualChap;
      if (mutual === undefined) return 'mutual CHAP asked for but not configured';
      const id = i === undefined || !/^\d{1,3}$/.test(i) ? -1 : Number(i);
      const challenge = chapC === undefined ? undefined : decodeBinaryValue(chapC);
      if (id < 0 || id > 255 || challenge === undefined || challenge.length === 0) return 'bad CHAP_I/CHAP_C';
      // A reflected challenge would let a peer make us answer our own challenge (RFC 7143 section 12.1.3).
      if (Buffer.compare(challenge, st.chapChallenge) === 0) return 'reflected CHAP challenge';
      reply.push(
        { key: 'CHAP_N', value: mutual.user },
        { key: 'CHAP_R', value: encodeBinaryValue(chapResponse(id, mutual.secret, challenge)) },
      );
    }
    st.auth = 'done';
    return undefined;
  }
  return undefined;
}

function loginRespond(
  c: ConnectionState,
  p: IscsiLoginRequest,
  transit: boolean,
  reply: readonly IscsiTextPair[],
  tsih: number,
): void {
  const st = c.login as LoginState;
  const s = c.session ?? st.existing;
  const data = encodeTextPairs(reply);
  c.send({
    kind: 'Login Response',
    transit,
    continue: false,
    csg: p.csg,
    nsg: transit ? p.nsg : 0,
    versionMax: 0,
    versionActive: 0,
    isid: st.isid,
    // A connection joining a session echoes its TSIH; a new session gets one in the final response.
    tsih: st.tsih !== 0 ? st.tsih : tsih,
    initiatorTaskTag: p.initiatorTaskTag,
    statSn: c.nextStatSn(),
    expCmdSn: s?.expCmdSn ?? st.cmdSn,
    maxCmdSn: s?.maxCmdSn ?? (st.cmdSn + c.ctx.limits.maxCommandsInFlight - 1) >>> 0,
    statusClass: 0,
    statusDetail: 0,
    data,
  });
}

function loginFail(c: ConnectionState, p: IscsiLoginRequest, status: number, why: string): void {
  c.ctx.log(
    `${c.peer}: login failed (${(status >> 8).toString(16).padStart(2, '0')}${(status & 0xff).toString(16).padStart(2, '0')}h): ${why}`,
  );
  const st = c.login;
  c.send({
    kind: 'Login Response',
    transit: false,
    continue: false,
    csg: p.csg & 3,
    nsg: 0,
    versionMax: 0,
    versionActive: 0,
    isid: p.isid,
    tsih: 0,
    initiatorTaskTag: p.initiatorTaskTag,
    statSn: c.nextStatSn(),
    expCmdSn: st?.cmdSn ?? p.cmdSn,
    maxCmdSn: st?.cmdSn ?? p.cmdSn,
    statusClass: status >> 8,
    statusDetail: status & 0xff,
  });
  c.closeAfterFlush();
}

function enterFullFeature(c: ConnectionState, p: IscsiLoginRequest, st: LoginState): boolean {
  const params = st.negotiation.parameters;
  const name = params.initiatorName;
  if (name === undefined) {
    loginFail(c, p, ISCSI_LOGIN_STATUS.MISSING_PARAMETER, 'no InitiatorName');
    return false;
  }
  const discovery = params.sessionType === 'Discovery';
  if (st.existing !== undefined) {
    const s = st.existing;
    if (s.ended) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.SESSION_DOES_NOT_EXIST, 'session ended');
      return false;
    }
    // Connection reinstatement: a connection with the same CID is replaced (RFC 7143 section 6.3.4).
    for (const other of s.connections) if (other.cid === st.cid) other.close();
    if (s.connections.size >= Math.min(s.params.maxConnections, c.ctx.limits.maxConnectionsPerSession)) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.TOO_MANY_CONNECTIONS, 'too many connections');
      return false;
    }
    c.session = s;
  } else {
    const s = c.ctx.openSession(name, st.isid, c.portal.portalGroupTag, discovery, sessionParams(params), st.cmdSn);
    if (s === undefined) {
      loginFail(c, p, ISCSI_LOGIN_STATUS.OUT_OF_RESOURCES, 'too many sessions');
      return false;
    }
    c.session = s;
  }
  c.session.connections.add(c);
  c.ctx.log(
    `${c.peer}: ${discovery ? 'discovery' : 'normal'} session ${initiatorPortName(name, st.isid)} TSIH ${c.session.tsih} CID ${st.cid} logged in (HeaderDigest=${params.headerDigest}, DataDigest=${params.dataDigest}, MaxRecvDataSegmentLength=${params.initiatorMaxRecvDataSegmentLength})`,
  );
  return true;
}

/** After the final Login Response: digests and segment lengths take effect (RFC 7143 section 13.1). */
function startFullFeature(c: ConnectionState): void {
  const st = c.login as LoginState;
  const params = st.negotiation.parameters;
  c.phase = 'full feature';
  c.headerDigest = params.headerDigest === 'CRC32C';
  c.dataDigest = params.dataDigest === 'CRC32C';
  c.maxRecvDsl = params.targetMaxRecvDataSegmentLength;
  c.maxSendDsl = params.initiatorMaxRecvDataSegmentLength;
  c.negotiation = st.negotiation;
  c.login = undefined;
  if (c.loginTimer !== undefined) clearTimeout(c.loginTimer);
  c.loginTimer = undefined;
  const every = c.ctx.limits.nopInIntervalMs;
  if (every > 0) {
    c.nopTimer = setInterval(() => c.keepalive(), every);
    c.nopTimer.unref?.();
  }
}
