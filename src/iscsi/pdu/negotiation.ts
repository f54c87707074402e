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

function negotiate(
  request: readonly IscsiTextPair[],
  stage: IscsiNegotiationStage,
  state: IscsiNegotiationState,
  config: IscsiTargetNegotiationConfig,
  transit: boolean,
): IscsiNegotiationOutcome {
  const p: Mutable<IscsiOperationalParameters> = { ...state.parameters };
  const reply: IscsiTextPair[] = [];
  const authentication: IscsiTextPair[] = [];
  const ffp = stage === 'full feature';
  const negotiated = ffp ? [] : [...state.negotiated];
  const first = !ffp && state.rounds === 0;
  let sendTargets: string | undefined;
  let declaredMrdsl = state.declaredMaxRecvDataSegmentLength;
  let declaredTpgt = state.declaredPortalGroupTag;

  const fail = (status: number, message: string, key?: string): IscsiNegotiationOutcome => ({
    reply: [],
    state,
    authentication: [],
    error: { status, key, message },
  });

  // One request, one value per key; one login, one negotiation per key.
  const seen = new Set<string>();
  for (const { key } of request) {
    if (seen.has(key)) return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `key ${key} sent twice in one request`, key);
    seen.add(key);
    const rule = ISCSI_KEY_RULES[key];
    // Declarations may be repeated with the same value (some initiators resend them); the
    // handlers below refuse a different one.
    if (negotiated.includes(key) && rule !== undefined && rule.kind !== 'security' && rule.kind !== 'declarative') {
      return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `key ${key} negotiated twice in one login`, key);
    }
  }
  const value = (key: string): string | undefined => request.find((kv) => kv.key === key)?.value;

  // Declarations that decide how the rest is answered come first.
  if (!ffp) {
    const st = value('SessionType');
    if (st !== undefined) {
      if (st !== 'Normal' && st !== 'Discovery') {
        return fail(
          ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED,
          `SessionType ${st} is not Normal or Discovery`,
          'SessionType',
        );
      }
      if (state.leading && !state.negotiated.includes('SessionType')) p.sessionType = st;
      else if (st !== p.sessionType) {
        return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'SessionType differs from the session', 'SessionType');
      }
    }
    if (p.sessionType === 'Discovery' && config.allowDiscovery === false) {
      return fail(ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED, 'discovery sessions are not served', 'SessionType');
    }
    const iname = value('InitiatorName');
    if (iname !== undefined) {
      if (state.negotiated.includes('InitiatorName') && iname !== p.initiatorName) {
        return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'InitiatorName changed during login', 'InitiatorName');
      }
      p.initiatorName = iname;
    }
    if (first && iname === undefined) {
      return fail(
        ISCSI_LOGIN_STATUS.MISSING_PARAMETER,
        'InitiatorName missing from the first Login Request',
        'InitiatorName',
      );
    }
    const tname = value('TargetName');
    if (tname !== undefined) {
      if (p.sessionType === 'Normal' && !config.targets.some((t) => t.name === tname)) {
        return fail(ISCSI_LOGIN_STATUS.NOT_FOUND, `no target named ${tname}`, 'TargetName');
      }
      if (state.negotiated.includes('TargetName') && tname !== p.targetName) {
        return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, 'TargetName changed during login', 'TargetName');
      }
      p.targetName = tname;
    }
    if (first && p.sessionType === 'Normal' && tname === undefined) {
      return fail(ISCSI_LOGIN_STATUS.MISSING_PARAMETER, 'TargetName missing from a normal session login', 'TargetName');
    }
  }

  const ordered = [...request.filter((kv) => !LATE_KEYS.has(kv.key)), ...request.filter((kv) => LATE_KEYS.has(kv.key))];
  for (const { key, value: v } of ordered) {
    const rule = ISCSI_KEY_RULES[key];
    const answer = (val: string): void => {
      reply.push({ key, value: val });
    };
    if (rule === undefined) {
      if (key === 'IFMarker' || key === 'OFMarker') answer('No');
      else if (key === 'IFMarkInt' || key === 'OFMarkInt') answer(REJECT);
      else answer(NOT_UNDERSTOOD);
      continue;
    }
    if (!ffp && rule.kind !== 'security' && !negotiated.includes(key)) negotiated.push(key);
    if (ffp && (rule.use === 'IO' || rule.use === 'LO')) {
      answer(REJECT);
      continue;
    }
    if (!ffp && rule.use === 'FFPO') {
      answer(REJECT);
      continue;
    }
    if (rule.senders === 'target') {
      answer(REJECT);
      continue;
    }
    if (rule.kind === 'security') {
      if (stage !== 'security') {
        return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `${key} outside the security stage`, key);
      }
      if (key === 'AuthMethod') {
        negotiated.push(key);
        const accepted = config.authMethods ?? ['None'];
        const choice = v.split(',').find((m): m is IscsiAuthMethod => (accepted as readonly string[]).includes(m));
        if (choice === undefined) {
          return fail(ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, `no acceptable AuthMethod in ${v}`, key);
        }
        p.authMethod = choice;
        answer(choice);
      } else {
        if (p.authMethod !== 'CHAP')
          return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `${key} without AuthMethod=CHAP`, key);
        authentication.push({ key, value: v });
      }
      continue;
    }
    if (rule.use === 'LO' && !state.leading && rule.kind !== 'declarative') {
      answer(IRRELEVANT);
      continue;
    }
    if (rule.irrelevantInDiscovery === true && p.sessionType === 'Discovery') {
      answer(IRRELEVANT);
      continue;
    }
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
          return fail(ISCSI_LOGIN_STATUS.INITIATOR_ERROR, `MaxRecvDataSegmentLength ${v} is not in 512..16777215`, key);
        }
        p.initiatorMaxRecvDataSegmentLength = n;
        break;
      }
      case 'SendTargets':
        sendTargets = v;
        break;
      case 'InitiatorAlias':
        p.initiatorAlias = v;
        break;
      case 'SessionType':
      case 'InitiatorName':
      case 'TargetName':
        break; // handled above
      default: {
        if (rule.kind === 'or' || rule.kind === 'and') {
          const b = parseBoolean(v);
          if (b === undefined) {
            answer(REJECT);
            break;
          }
          const mine = targetBoolean(key, config);
          const result = rule.kind === 'or' ? b || mine : b && mine;
          (p as Record<string, unknown>)[BOOLEAN_PARAMETER[key] as string] = result;
          answer(yesNo(result));
          break;
        }
        const n = parseNumber(v);
        const [lo, hi] = rule.range as readonly [number, number];
        if (n === undefined || n < lo || n > hi) {
          answer(REJECT);
          break;
        }
        const mine = targetNumber(key, config);
        let result = rule.kind === 'max' ? Math.max(n, mine) : Math.min(n, mine);
        if (key === 'FirstBurstLength') {
          if (p.initialR2T && !p.immediateData) {
            answer(IRRELEVANT);
            break;
          }
          result = Math.min(result, p.maxBurstLength);
        }
        if (key !== 'iSCSIProtocolLevel') {
          (p as Record<string, unknown>)[NUMERIC_PARAMETER[key] as string] = result;
        }
        answer(String(result));
      }
    }
  }
  // No way around authentication: a target that does not accept AuthMethod=None needs an agreed
  // method before the operational stage (RFC 7143 sections 6.3 and 12.1).
  const needsAuth = !(config.authMethods ?? ['None']).includes('None');
  if (needsAuth && p.authMethod === undefined && ((stage === 'security' && transit) || stage === 'operational')) {
    return fail(ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE, 'authentication required', 'AuthMethod');
  }
  // FirstBurstLength never exceeds MaxBurstLength (RFC 7143 section 13.14).
  if (p.firstBurstLength > p.maxBurstLength) p.firstBurstLength = p.maxBurstLength;

  // The target's declarations.
  if (!ffp && !declaredTpgt && p.sessionType === 'Normal' && p.targetName !== undefined) {
    declaredTpgt = true;
    reply.push({ key: 'TargetPortalGroupTag', value: String(config.targetPortalGroupTag) });
    const alias = config.targets.find((t) => t.name === p.targetName)?.alias;
    if (alias !== undefined) reply.push({ key: 'TargetAlias', value: alias });
  }
  if (!ffp && !declaredMrdsl && stage === 'operational') {
    declaredMrdsl = true;
    const mine = config.maxRecvDataSegmentLength ?? 262_144;
    p.targetMaxRecvDataSegmentLength = mine;
    reply.push({ key: 'MaxRecvDataSegmentLength', value: String(mine) });
  }
  return {
    reply,
    state: {
      parameters: p,
      leading: state.leading,
      negotiated: ffp ? state.negotiated : negotiated,
      rounds: state.rounds + 1,
      declaredMaxRecvDataSegmentLength: declaredMrdsl,
      declaredPortalGroupTag: declaredTpgt,
    },
    authentication,
    ...(sendTargets === undefined ? {} : { sendTargets }),
  };
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
