/**
 * iSCSI text negotiation, target side (RFC 7143 sections 6 and 13): pure functions that answer
 * an initiator's key=value offers, keep the negotiated operational parameters, and report fatal
 * negotiation failures as typed outcomes (never thrown).
 *
 * @packageDocumentation
 */
import { inputFault } from '../../internal/contract.js';
import { ISCSI_LOGIN_STATUS } from './constants.js';
import {
  ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
  ISCSI_KEY_RULES,
  ISCSI_PROTOCOL_LEVEL,
  type IscsiAuthMethod,
  type IscsiDigest,
  type IscsiKeyRule,
  type IscsiNegotiationError,
  type IscsiNegotiationOutcome,
  type IscsiNegotiationStage,
  type IscsiNegotiationState,
  type IscsiNegotiationTarget,
  type IscsiOperationalParameters,
  type IscsiTargetNegotiationConfig,
  NUM_24,
} from './negotiation-keys.js';
import type { IscsiTextPair } from './text.js';

// Types, defaults and the key rules live in negotiation-keys.ts; importers of this module see them here too.
export type * from './negotiation-keys.js';
export { ISCSI_DEFAULT_OPERATIONAL_PARAMETERS, ISCSI_KEY_RULES, ISCSI_PROTOCOL_LEVEL } from './negotiation-keys.js';

const CONNECTION_DEFAULTS = {
  headerDigest: ISCSI_DEFAULT_OPERATIONAL_PARAMETERS.headerDigest,
  dataDigest: ISCSI_DEFAULT_OPERATIONAL_PARAMETERS.dataDigest,
  initiatorMaxRecvDataSegmentLength: ISCSI_DEFAULT_OPERATIONAL_PARAMETERS.initiatorMaxRecvDataSegmentLength,
  targetMaxRecvDataSegmentLength: ISCSI_DEFAULT_OPERATIONAL_PARAMETERS.targetMaxRecvDataSegmentLength,
  authMethod: undefined,
} as const;

/**
 * The state before a login's first request.
 *
 * @param leading true when the Login Request has TSIH 0 (a new session).
 * @param parameters for a connection joining a session: the session's parameters (its
 *   connection-only ones, digests, MaxRecvDataSegmentLength and AuthMethod, are reset to their
 *   defaults). Default: RFC 7143's defaults.
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` for arguments of the wrong shape.
 * @remarks Since 0.2.0
 */
export function initialIscsiNegotiationState(
  leading: boolean,
  parameters: IscsiOperationalParameters = ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
): IscsiNegotiationState {
  try {
    return initialState(leading, parameters);
  } catch (e) {
    throw inputFault(e, 'IscsiNegotiationState', [leading, parameters]);
  }
}

function initialState(leading: boolean, parameters: IscsiOperationalParameters): IscsiNegotiationState {
  return {
    parameters:
      parameters === ISCSI_DEFAULT_OPERATIONAL_PARAMETERS ? parameters : { ...parameters, ...CONNECTION_DEFAULTS },
    leading,
    negotiated: [],
    rounds: 0,
    declaredMaxRecvDataSegmentLength: false,
    declaredPortalGroupTag: false,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The answer constants of RFC 7143 section 6.2. */
const NOT_UNDERSTOOD = 'NotUnderstood';
const IRRELEVANT = 'Irrelevant';
const REJECT = 'Reject';

/** Parse a numerical value: decimal or hex-constant (RFC 7143 section 6.1); undefined if neither or over 2^53. */
function parseNumber(v: string): number | undefined {
  let n: number;
  if (/^[0-9]{1,16}$/.test(v)) n = Number(v);
  else if (/^0[xX][0-9a-fA-F]{1,13}$/.test(v)) n = Number.parseInt(v.slice(2), 16);
  else return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}

function parseBoolean(v: string): boolean | undefined {
  return v === 'Yes' ? true : v === 'No' ? false : undefined;
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

/** The numeric keys and the parameter each sets. */
const NUMERIC_PARAMETER: Readonly<Record<string, keyof IscsiOperationalParameters>> = {
  MaxConnections: 'maxConnections',
  MaxBurstLength: 'maxBurstLength',
  FirstBurstLength: 'firstBurstLength',
  DefaultTime2Wait: 'defaultTime2Wait',
  DefaultTime2Retain: 'defaultTime2Retain',
  MaxOutstandingR2T: 'maxOutstandingR2T',
  ErrorRecoveryLevel: 'errorRecoveryLevel',
};

/** The Boolean keys and the parameter each sets. */
const BOOLEAN_PARAMETER: Readonly<Record<string, keyof IscsiOperationalParameters>> = {
  InitialR2T: 'initialR2T',
  ImmediateData: 'immediateData',
  DataPDUInOrder: 'dataPduInOrder',
  DataSequenceInOrder: 'dataSequenceInOrder',
};

function targetNumber(key: string, c: IscsiTargetNegotiationConfig): number {
  switch (key) {
    case 'MaxConnections':
      return c.maxConnections ?? 1;
    case 'MaxBurstLength':
      return c.maxBurstLength ?? 1_048_576;
    case 'FirstBurstLength':
      return c.firstBurstLength ?? 262_144;
    case 'DefaultTime2Wait':
      return c.defaultTime2Wait ?? 2;
    case 'DefaultTime2Retain':
      return c.defaultTime2Retain ?? 20;
    case 'MaxOutstandingR2T':
      return c.maxOutstandingR2T ?? 16;
    case 'ErrorRecoveryLevel':
      return c.errorRecoveryLevel ?? 0;
    default:
      return ISCSI_PROTOCOL_LEVEL;
  }
}

function targetBoolean(key: string, c: IscsiTargetNegotiationConfig): boolean {
  switch (key) {
    case 'InitialR2T':
      return c.initialR2T ?? false;
    case 'ImmediateData':
      return c.immediateData ?? true;
    case 'DataPDUInOrder':
      return c.dataPduInOrder ?? true;
    default:
      return c.dataSequenceInOrder ?? true;
  }
}

/** Keys answered after the others of the same request (their answer depends on them). */
const LATE_KEYS: ReadonlySet<string> = new Set(['FirstBurstLength']);

/**
 * Answer the keys of one Login or Text Request, target side. Pure: the state in, a new state
 * out.
 *
 * Rules applied (RFC 7143 sections 6.2 and 13, see {@link ISCSI_KEY_RULES}):
 * - list keys (HeaderDigest, DataDigest, AuthMethod, TaskReporting): the first offered value the
 *   target accepts, else `Reject` (for AuthMethod: login fails with 0201h);
 * - numeric keys: a malformed or out-of-range value is answered `Reject` and the default kept;
 *   otherwise min / max of offer and target value;
 * - Boolean keys: `Yes`/`No` only (else `Reject`), OR / AND with the target's value;
 * - declarative keys get no answer (InitiatorName, InitiatorAlias, SessionType, TargetName,
 *   MaxRecvDataSegmentLength; one out of its range fails with 0200h), target-only keys from the
 *   initiator get `Reject`;
 * - leading-only keys on a non-leading connection get `Irrelevant`, and so do the data transfer
 *   keys in a discovery session and FirstBurstLength when InitialR2T=Yes and ImmediateData=No;
 * - in a Text Request (full feature phase), login-only and leading-only keys get `Reject`;
 * - unknown keys, X- and X# extension keys get `NotUnderstood`; IFMarker / OFMarker `No`,
 *   IFMarkInt / OFMarkInt `Reject` (obsoleted keys);
 * - a target that does not accept AuthMethod=None fails a login that reaches the operational
 *   stage (or asks to leave the security stage) without an agreed AuthMethod (0201h);
 * - operational keys in the security stage are answered as in the operational stage (a
 *   deliberate leniency: some initiators send them early); security keys in the operational
 *   stage fail the login (0200h).
 *
 * Fatal failures come back in `error` (never thrown): a key sent twice in one request, or
 * negotiated twice in one login, or a declaration changed (0200h), no InitiatorName in the first request (0207h), no TargetName in a normal
 * session's first request (0207h), an unknown TargetName (0203h), a SessionType that is not
 * Normal/Discovery or a refused discovery session (0209h), no acceptable AuthMethod (0201h).
 *
 * Declarations the target adds: TargetPortalGroupTag (and TargetAlias, if configured) in the
 * answer to the request naming the target of a normal session; MaxRecvDataSegmentLength in the
 * first answer of the operational stage, or when `transit` is set and it has not been sent. The
 * target makes no offers of its own: keys the initiator does not offer keep RFC 7143's defaults,
 * so a target must be able to live with those (the config values only bound the answers).
 *
 * @param request the request's decoded key=value pairs.
 * @param stage the request's stage (CSG for a Login Request; 'full feature' for a Text Request).
 * @param transit the target will answer with T = 1: leaving the security stage then needs an
 *   agreed AuthMethod when the target does not accept `None` (else 0201h). (The operational stage
 *   needs one in any case.)
 * @see RFC 7143 sections 6.2, 6.3, 12 and 13
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` for arguments of the wrong shape.
 * @remarks Since 0.2.0
 */
export function negotiateIscsiKeys(
  request: readonly IscsiTextPair[],
  stage: IscsiNegotiationStage,
  state: IscsiNegotiationState,
  config: IscsiTargetNegotiationConfig,
  transit = false,
): IscsiNegotiationOutcome {
  try {
    return negotiate(request, stage, state, config, transit);
  } catch (e) {
    throw inputFault(e, 'IscsiNegotiation', [request, stage, state, config, transit]);
  }
}

/** One request being answered: its inputs and what the answer has gathered so far. */
interface Round {
  readonly stage: IscsiNegotiationStage;
  readonly state: IscsiNegotiationState;
  readonly config: IscsiTargetNegotiationConfig;
  /** Full feature phase (a Text Request). */
  readonly ffp: boolean;
  readonly p: Mutable<IscsiOperationalParameters>;
  readonly reply: IscsiTextPair[];
  readonly authentication: IscsiTextPair[];
  /** Keys negotiated in this login so far (this request's included). */
  readonly negotiated: string[];
  sendTargets: string | undefined;
}

/** A fatal failure: the outcome's `error`. */
const failure = (status: number, message: string, key?: string): IscsiNegotiationError => ({ status, key, message });

function negotiate(
  request: readonly IscsiTextPair[],
  stage: IscsiNegotiationStage,
  state: IscsiNegotiationState,
  config: IscsiTargetNegotiationConfig,
  transit: boolean,
): IscsiNegotiationOutcome {
  const ffp = stage === 'full feature';
  const r: Round = {
    stage,
    state,
    config,
    ffp,
    p: { ...state.parameters },
    reply: [],
    authentication: [],
    negotiated: ffp ? [] : [...state.negotiated],
    sendTargets: undefined,
  };
  const error =
    repeatedKey(request, r.negotiated) ??
    (ffp ? undefined : declarations(r, request)) ??
    answerAll(r, request) ??
    authenticationMissing(r, transit);
  if (error !== undefined) return { reply: [], state, authentication: [], error };
  // FirstBurstLength never exceeds MaxBurstLength (RFC 7143 section 13.14).
  if (r.p.firstBurstLength > r.p.maxBurstLength) r.p.firstBurstLength = r.p.maxBurstLength;
  const declared = targetDeclarations(r);
  return {
    reply: r.reply,
    state: {
      parameters: r.p,
      leading: state.leading,
      negotiated: ffp ? state.negotiated : r.negotiated,
      rounds: state.rounds + 1,
      ...declared,
    },
    authentication: r.authentication,
    ...(r.sendTargets === undefined ? {} : { sendTargets: r.sendTargets }),
  };
}

/** One request, one value per key; one login, one negotiation per key. */
function repeatedKey(
  request: readonly IscsiTextPair[],
  negotiated: readonly string[],
): IscsiNegotiationError | undefined {
  const seen = new Set<string>();
  for (const { key } of request) {
    if (seen.has(key)) return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `key ${key} sent twice in one request`, key);
    seen.add(key);
    const rule = ISCSI_KEY_RULES[key];
    // Declarations may be repeated with the same value (some initiators resend them); the
    // handlers below refuse a different one.
    if (negotiated.includes(key) && rule !== undefined && rule.kind !== 'security' && rule.kind !== 'declarative') {
      return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `key ${key} negotiated twice in one login`, key);
    }
  }
  return undefined;
}

/** The declarations that decide how the rest is answered (login only): SessionType, InitiatorName, TargetName. */
function declarations(r: Round, request: readonly IscsiTextPair[]): IscsiNegotiationError | undefined {
  const { p, state, config } = r;
  const first = state.rounds === 0;
  const value = (key: string): string | undefined => request.find((kv) => kv.key === key)?.value;
  const st = value('SessionType');
  if (st !== undefined) {
    if (st !== 'Normal' && st !== 'Discovery') {
      return failure(
        ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED,
        `SessionType ${st} is not Normal or Discovery`,
        'SessionType',
      );
    }
    if (state.leading && !state.negotiated.includes('SessionType')) p.sessionType = st;
    else if (st !== p.sessionType) {
      return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'SessionType differs from the session', 'SessionType');
    }
  }
  if (p.sessionType === 'Discovery' && config.allowDiscovery === false) {
    return failure(ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED, 'discovery sessions are not served', 'SessionType');
  }
  const iname = value('InitiatorName');
  if (iname !== undefined) {
    if (state.negotiated.includes('InitiatorName') && iname !== p.initiatorName) {
      return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'InitiatorName changed during login', 'InitiatorName');
    }
    p.initiatorName = iname;
  }
  if (first && iname === undefined) {
    return failure(
      ISCSI_LOGIN_STATUS.MISSING_PARAMETER,
      'InitiatorName missing from the first Login Request',
      'InitiatorName',
    );
  }
  const tname = value('TargetName');
  if (tname !== undefined) {
    if (p.sessionType === 'Normal' && !config.targets.some((t) => t.name === tname)) {
      return failure(ISCSI_LOGIN_STATUS.NOT_FOUND, `no target named ${tname}`, 'TargetName');
    }
    if (state.negotiated.includes('TargetName') && tname !== p.targetName) {
      return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'TargetName changed during login', 'TargetName');
    }
    p.targetName = tname;
  }
  if (first && p.sessionType === 'Normal' && tname === undefined) {
    return failure(
      ISCSI_LOGIN_STATUS.MISSING_PARAMETER,
      'TargetName missing from a normal session login',
      'TargetName',
    );
  }
  return undefined;
}

/** Answer every key, the late ones (whose answer depends on others) last. */
function answerAll(r: Round, request: readonly IscsiTextPair[]): IscsiNegotiationError | undefined {
  const ordered = [...request.filter((kv) => !LATE_KEYS.has(kv.key)), ...request.filter((kv) => LATE_KEYS.has(kv.key))];
  for (const { key, value } of ordered) {
    const error = answerKey(r, key, value);
    if (error !== undefined) return error;
  }
  return undefined;
}

/** Answer one key: the answers every kind of key shares, then its own (security or operational). */
function answerKey(r: Round, key: string, v: string): IscsiNegotiationError | undefined {
  const rule = ISCSI_KEY_RULES[key];
  if (rule === undefined) {
    r.reply.push({ key, value: unknownKeyAnswer(key) });
    return undefined; // answered, no error
  }
  const fixed = fixedAnswer(r, key, rule);
  if (fixed !== undefined) {
    r.reply.push({ key, value: fixed });
    return undefined;
  }
  if (rule.kind === 'security') return answerSecurityKey(r, key, v);
  return answerOperationalKey(r, key, rule, v);
}

/** The answer to a key with no rule: the markers of RFC 3720 get their fixed answers, the rest NotUnderstood. */
function unknownKeyAnswer(key: string): string {
  if (key === 'IFMarker' || key === 'OFMarker') return 'No';
  if (key === 'IFMarkInt' || key === 'OFMarkInt') return REJECT;
  return NOT_UNDERSTOOD;
}

/**
 * The answer a known key gets whatever its value (Reject when it is sent in the wrong phase or by
 * the wrong side, Irrelevant where it does not apply), or `undefined` when its value decides.
 * Records an operational key as negotiated.
 */
function fixedAnswer(r: Round, key: string, rule: IscsiKeyRule): string | undefined {
  if (!r.ffp && rule.kind !== 'security' && !r.negotiated.includes(key)) r.negotiated.push(key);
  if (r.ffp && (rule.use === 'IO' || rule.use === 'LO')) return REJECT;
  if (!r.ffp && rule.use === 'FFPO') return REJECT;
  if (rule.senders === 'target') return REJECT;
  if (rule.kind === 'security') return undefined;
  if (rule.use === 'LO' && !r.state.leading && rule.kind !== 'declarative') return IRRELEVANT;
  if (rule.irrelevantInDiscovery === true && r.p.sessionType === 'Discovery') return IRRELEVANT;
  return undefined;
}

/** AuthMethod (the first method the target accepts) and the CHAP keys (kept for the authenticator). */
function answerSecurityKey(r: Round, key: string, v: string): IscsiNegotiationError | undefined {
  if (r.stage !== 'security') {
    return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `${key} outside the security stage`, key);
  }
  if (key !== 'AuthMethod') {
    if (r.p.authMethod !== 'CHAP')
      return failure(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `${key} without AuthMethod=CHAP`, key);
    r.authentication.push({ key, value: v });
    return undefined;
  }
  r.negotiated.push(key);
  const accepted = r.config.authMethods ?? ['None'];
  const choice = v.split(',').find((m): m is IscsiAuthMethod => (accepted as readonly string[]).includes(m));
  if (choice === undefined) {
    return failure(ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, `no acceptable AuthMethod in ${v}`, key);
  }
  r.p.authMethod = choice;
  r.reply.push({ key, value: choice });
  return undefined;
}

/** The operational keys: digests, TaskReporting, declarations, Boolean and numeric keys. */
function answerOperationalKey(r: Round, key: string, rule: IscsiKeyRule, v: string): IscsiNegotiationError | undefined {
  const { p, config } = r;
  const answer = (val: string): void => {
    r.reply.push({ key, value: val });
  };
  switch (key) {
    case 'HeaderDigest':
    case 'DataDigest': {
      const accepted = (key === 'HeaderDigest' ? config.headerDigests : config.dataDigests) ?? ['None', 'CRC32C'];
      const choice = v.split(',').find((d): d is IscsiDigest => (accepted as readonly string[]).includes(d));
      if (choice === undefined) answer(REJECT);
      else {
        if (key === 'HeaderDigest') p.headerDigest = choice;
        else p.dataDigest = choice;
        answer(choice);
      }
      break;
    }
    case 'TaskReporting':
      answer(v.split(',').includes('RFC3720') ? 'RFC3720' : REJECT);
      break;
    case 'MaxRecvDataSegmentLength': {
      const n = parseNumber(v);
      if (n === undefined || n < NUM_24[0] || n > NUM_24[1]) {
        // A declaration has no answer to carry "Reject": the login (or text exchange) fails.
        return failure(
          ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
          `MaxRecvDataSegmentLength ${v} is not in 512..16777215`,
          key,
        );
      }
      p.initiatorMaxRecvDataSegmentLength = n;
      break;
    }
    case 'SendTargets':
      r.sendTargets = v;
      break;
    case 'InitiatorAlias':
      p.initiatorAlias = v;
      break;
    case 'SessionType':
    case 'InitiatorName':
    case 'TargetName':
      break; // see declarations()
    default:
      answer(
        rule.kind === 'or' || rule.kind === 'and' ? booleanAnswer(r, key, rule, v) : numericAnswer(r, key, rule, v),
      );
  }
  return undefined;
}

/** A Boolean key: `Yes`/`No` only (else `Reject`), OR / AND with the target's value. */
function booleanAnswer(r: Round, key: string, rule: IscsiKeyRule, v: string): string {
  const b = parseBoolean(v);
  if (b === undefined) return REJECT;
  const mine = targetBoolean(key, r.config);
  const result = rule.kind === 'or' ? b || mine : b && mine;
  (r.p as Record<string, unknown>)[BOOLEAN_PARAMETER[key] as string] = result;
  return yesNo(result);
}

/** A numeric key: in range (else `Reject`), min / max with the target's value. */
function numericAnswer(r: Round, key: string, rule: IscsiKeyRule, v: string): string {
  const { p } = r;
  const n = parseNumber(v);
  const [lo, hi] = rule.range as readonly [number, number];
  if (n === undefined || n < lo || n > hi) return REJECT;
  const mine = targetNumber(key, r.config);
  let result = rule.kind === 'max' ? Math.max(n, mine) : Math.min(n, mine);
  if (key === 'FirstBurstLength') {
    if (p.initialR2T && !p.immediateData) return IRRELEVANT;
    result = Math.min(result, p.maxBurstLength);
  }
  if (key !== 'iSCSIProtocolLevel') {
    (p as Record<string, unknown>)[NUMERIC_PARAMETER[key] as string] = result;
  }
  return String(result);
}

/**
 * No way around authentication: a target that does not accept AuthMethod=None needs an agreed
 * method before the operational stage (RFC 7143 sections 6.3 and 12.1).
 */
function authenticationMissing(r: Round, transit: boolean): IscsiNegotiationError | undefined {
  const needsAuth = !(r.config.authMethods ?? ['None']).includes('None');
  if (needsAuth && r.p.authMethod === undefined && ((r.stage === 'security' && transit) || r.stage === 'operational')) {
    return failure(ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'authentication required', 'AuthMethod');
  }
  return undefined;
}

/** The target's declarations (TargetPortalGroupTag and TargetAlias, MaxRecvDataSegmentLength), once per login. */
function targetDeclarations(
  r: Round,
): Pick<IscsiNegotiationState, 'declaredMaxRecvDataSegmentLength' | 'declaredPortalGroupTag'> {
  const { p, config, state } = r;
  let declaredTpgt = state.declaredPortalGroupTag;
  let declaredMrdsl = state.declaredMaxRecvDataSegmentLength;
  if (!r.ffp && !declaredTpgt && p.sessionType === 'Normal' && p.targetName !== undefined) {
    declaredTpgt = true;
    r.reply.push({ key: 'TargetPortalGroupTag', value: String(config.targetPortalGroupTag) });
    const alias = config.targets.find((t) => t.name === p.targetName)?.alias;
    if (alias !== undefined) r.reply.push({ key: 'TargetAlias', value: alias });
  }
  if (!r.ffp && !declaredMrdsl && r.stage === 'operational') {
    declaredMrdsl = true;
    const mine = config.maxRecvDataSegmentLength ?? 262_144;
    p.targetMaxRecvDataSegmentLength = mine;
    r.reply.push({ key: 'MaxRecvDataSegmentLength', value: String(mine) });
  }
  return { declaredMaxRecvDataSegmentLength: declaredMrdsl, declaredPortalGroupTag: declaredTpgt };
}

/**
 * The Text Response keys for SendTargets: `All` (discovery sessions only) lists every target
 * with its addresses; an empty value, the session's own target (normal sessions only); a name,
 * that target if it exists (nothing otherwise). Each target is `TargetName=` followed by one
 * `TargetAddress=` per address (these two keys repeat, which the text codec allows).
 *
 * @see RFC 7143 section 13.3 and appendix C
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` for arguments of the wrong shape.
 * @remarks Since 0.2.0
 */
export function iscsiSendTargetsReply(
  value: string,
  parameters: IscsiOperationalParameters,
  targets: readonly IscsiNegotiationTarget[],
): IscsiTextPair[] {
  try {
    return sendTargetsReply(value, parameters, targets);
  } catch (e) {
    throw inputFault(e, 'SendTargets', [value, parameters, targets]);
  }
}

function sendTargetsReply(
  value: string,
  parameters: IscsiOperationalParameters,
  targets: readonly IscsiNegotiationTarget[],
): IscsiTextPair[] {
  let chosen: readonly IscsiNegotiationTarget[];
  if (value === 'All') {
    if (parameters.sessionType !== 'Discovery') return [{ key: 'SendTargets', value: REJECT }];
    chosen = targets;
  } else if (value === '') {
    if (parameters.sessionType !== 'Normal') return [{ key: 'SendTargets', value: REJECT }];
    chosen = targets.filter((t) => t.name === parameters.targetName);
  } else {
    chosen = targets.filter((t) => t.name === value);
  }
  const out: IscsiTextPair[] = [];
  for (const t of chosen) {
    out.push({ key: 'TargetName', value: t.name });
    for (const a of t.addresses) out.push({ key: 'TargetAddress', value: a });
  }
  return out;
}
