/**
 * iSCSI text negotiation, target side (RFC 7143 sections 6 and 13): pure functions that answer
 * an initiator's key=value offers, keep the negotiated operational parameters, and report fatal
 * negotiation failures as typed outcomes (never thrown).
 *
 * @packageDocumentation
 */
import { ScsiCodecError } from '../../errors.js';
import type { IscsiTextPair } from './text.js';

/** A digest choice. @see RFC 7143 section 13.1 @remarks Since 0.2.0 */
export type IscsiDigest = 'None' | 'CRC32C';

/** SessionType. @see RFC 7143 section 13.21 @remarks Since 0.2.0 */
export type IscsiSessionType = 'Normal' | 'Discovery';

/** AuthMethod values this layer knows. @see RFC 7143 section 12.1 @remarks Since 0.2.0 */
export type IscsiAuthMethod = 'None' | 'CHAP';

/**
 * The operational parameters of a session and connection, as negotiated (RFC 7143 defaults
 * until then, see {@link ISCSI_DEFAULT_OPERATIONAL_PARAMETERS}).
 *
 * @see RFC 7143 section 13
 * @remarks Since 0.2.0
 */
export interface IscsiOperationalParameters {
  /** HeaderDigest (connection). */
  readonly headerDigest: IscsiDigest;
  /** DataDigest (connection). */
  readonly dataDigest: IscsiDigest;
  readonly maxConnections: number;
  readonly initialR2T: boolean;
  readonly immediateData: boolean;
  /**
   * MaxRecvDataSegmentLength declared by the initiator (connection): the largest data segment
   * the target may send it.
   */
  readonly initiatorMaxRecvDataSegmentLength: number;
  /**
   * MaxRecvDataSegmentLength declared by the target (connection): the largest data segment the
   * target accepts.
   */
  readonly targetMaxRecvDataSegmentLength: number;
  readonly maxBurstLength: number;
  readonly firstBurstLength: number;
  readonly defaultTime2Wait: number;
  readonly defaultTime2Retain: number;
  readonly maxOutstandingR2T: number;
  readonly dataPduInOrder: boolean;
  readonly dataSequenceInOrder: boolean;
  readonly errorRecoveryLevel: number;
  readonly sessionType: IscsiSessionType;
  /** The method chosen in the security stage (undefined until chosen, or without security stage). */
  readonly authMethod?: IscsiAuthMethod | undefined;
  readonly initiatorName?: string | undefined;
  readonly initiatorAlias?: string | undefined;
  readonly targetName?: string | undefined;
}

/**
 * RFC 7143's defaults for every key (what holds when a key is not negotiated). The target's
 * own MaxRecvDataSegmentLength starts at 8192 too: it is declared in the first answer.
 *
 * @see RFC 7143 section 13
 * @remarks Since 0.2.0
 */
export const ISCSI_DEFAULT_OPERATIONAL_PARAMETERS: IscsiOperationalParameters = Object.freeze({
  headerDigest: 'None',
  dataDigest: 'None',
  maxConnections: 1,
  initialR2T: true,
  immediateData: true,
  initiatorMaxRecvDataSegmentLength: 8192,
  targetMaxRecvDataSegmentLength: 8192,
  maxBurstLength: 262144,
  firstBurstLength: 65536,
  defaultTime2Wait: 2,
  defaultTime2Retain: 20,
  maxOutstandingR2T: 1,
  dataPduInOrder: true,
  dataSequenceInOrder: true,
  errorRecoveryLevel: 0,
  sessionType: 'Normal',
});

/**
 * A target known to the negotiation: its name checks TargetName, its alias answers TargetAlias
 * and its addresses answer SendTargets.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiNegotiationTarget {
  /** iSCSI name (iqn., eui. or naa. form). */
  readonly name: string;
  readonly alias?: string | undefined;
  /** TargetAddress values, `address[:port],portal-group-tag` (RFC 7143 section 13.8). */
  readonly addresses: readonly string[];
}

/**
 * What the target offers and accepts. Every numeric limit is the target's own value for the
 * key's selection rule (e.g. MaxBurstLength: the answer is the smaller of this and the offer).
 *
 * @remarks Since 0.2.0
 */
export interface IscsiTargetNegotiationConfig {
  /** The targets this portal serves (TargetName must name one, except in discovery sessions). */
  readonly targets: readonly IscsiNegotiationTarget[];
  /** TargetPortalGroupTag of the portal the connection came through (0-65535). */
  readonly targetPortalGroupTag: number;
  /** AuthMethod values the target accepts (default `['None']`). */
  readonly authMethods?: readonly IscsiAuthMethod[] | undefined;
  /** HeaderDigest values accepted (default both). */
  readonly headerDigests?: readonly IscsiDigest[] | undefined;
  /** DataDigest values accepted (default both). */
  readonly dataDigests?: readonly IscsiDigest[] | undefined;
  /** MaxRecvDataSegmentLength the target declares (default 262144). */
  readonly maxRecvDataSegmentLength?: number | undefined;
  /** Default 1048576. */
  readonly maxBurstLength?: number | undefined;
  /** Default 262144. */
  readonly firstBurstLength?: number | undefined;
  /** Default 1. */
  readonly maxConnections?: number | undefined;
  /** Default 16. */
  readonly maxOutstandingR2T?: number | undefined;
  /** Highest ErrorRecoveryLevel supported (default 0). */
  readonly errorRecoveryLevel?: number | undefined;
  /** The target's InitialR2T value (OR; default `false`: unsolicited data welcome). */
  readonly initialR2T?: boolean | undefined;
  /** The target's ImmediateData value (AND; default `true`). */
  readonly immediateData?: boolean | undefined;
  /** The target's DataPDUInOrder value (OR; default `true`). */
  readonly dataPduInOrder?: boolean | undefined;
  /** The target's DataSequenceInOrder value (OR; default `true`). */
  readonly dataSequenceInOrder?: boolean | undefined;
  /** The target's DefaultTime2Wait (max; default 2). */
  readonly defaultTime2Wait?: number | undefined;
  /** The target's DefaultTime2Retain (min; default 20). */
  readonly defaultTime2Retain?: number | undefined;
  /** Accept discovery sessions (default `true`). */
  readonly allowDiscovery?: boolean | undefined;
}

/** The negotiation stage a request belongs to. @see RFC 7143 section 6.3 @remarks Since 0.2.0 */
export type IscsiNegotiationStage = 'security' | 'operational' | 'full feature';

/**
 * Where a negotiation is: the parameters so far and the bookkeeping the rules need. Start with
 * {@link initialIscsiNegotiationState}; pass each outcome's state to the next call.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiNegotiationState {
  readonly parameters: IscsiOperationalParameters;
  /** True for the leading connection of a new session (TSIH 0): leading-only keys allowed. */
  readonly leading: boolean;
  /** Keys negotiated so far (a key is negotiated once per login or per text exchange). */
  readonly negotiated: readonly string[];
  /** Keys the target offered and awaits the initiator's answer to. */
  readonly pending: readonly string[];
  /** True once the target declared MaxRecvDataSegmentLength etc. */
  readonly declared: boolean;
}

/**
 * A fatal negotiation failure: the Login Response status to send (or, in full feature phase, a
 * reason to Reject / close).
 *
 * @remarks Since 0.2.0
 */
export interface IscsiNegotiationError {
  /** Status-Class << 8 | Status-Detail, one of ISCSI_LOGIN_STATUS. */
  readonly status: number;
  /** The key at fault, if one is. */
  readonly key?: string | undefined;
  readonly message: string;
}

/** The answer to one request's keys. @remarks Since 0.2.0 */
export interface IscsiNegotiationOutcome {
  /** The keys to send back, in order. */
  readonly reply: readonly IscsiTextPair[];
  /** The state to pass to the next call. */
  readonly state: IscsiNegotiationState;
  /**
   * The CHAP keys (CHAP_A, CHAP_I, CHAP_C, CHAP_N, CHAP_R) as received, for the target's
   * authenticator (hashing needs a platform API); they are not answered here.
   */
  readonly authentication: readonly IscsiTextPair[];
  /** SendTargets value, when the request asked for it (answer with {@link iscsiSendTargetsReply}). */
  readonly sendTargets?: string | undefined;
  /** Set when the negotiation failed: send this status (login) and stop. */
  readonly error?: IscsiNegotiationError | undefined;
}

/**
 * The state before a login's first request.
 *
 * @param leading true when the Login Request has TSIH 0 (a new session).
 * @remarks Since 0.2.0
 */
export function initialIscsiNegotiationState(
  leading: boolean,
  parameters: IscsiOperationalParameters = ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
): IscsiNegotiationState {
  return { parameters, leading, negotiated: [], pending: [], declared: false };
}

/**
 * Answer the keys of one Login or Text Request.
 *
 * @param request the request's decoded key=value pairs.
 * @param stage the request's stage (CSG for a Login Request; 'full feature' for a Text Request).
 * @param transit the request has T = 1 and the target will transit (the target then adds its
 *   declarations and offers still needed).
 * @see RFC 7143 sections 6.2, 6.3 and 13
 * @remarks Since 0.2.0
 */
export function negotiateIscsiKeys(
  request: readonly IscsiTextPair[],
  stage: IscsiNegotiationStage,
  state: IscsiNegotiationState,
  config: IscsiTargetNegotiationConfig,
  transit = false,
): IscsiNegotiationOutcome {
  void request;
  void stage;
  void state;
  void config;
  void transit;
  throw new ScsiCodecError('ERR_UNSUPPORTED', 'IscsiNegotiation', undefined, 0, 'not implemented yet');
}

/**
 * The Text Response keys for SendTargets: `All` (discovery sessions only) lists every target
 * with its addresses; an empty value, the session's own target; a name, that target.
 *
 * @see RFC 7143 section 13.3 and appendix C
 * @remarks Since 0.2.0
 */
export function iscsiSendTargetsReply(
  value: string,
  parameters: IscsiOperationalParameters,
  targets: readonly IscsiNegotiationTarget[],
): IscsiTextPair[] {
  void value;
  void parameters;
  void targets;
  throw new ScsiCodecError('ERR_UNSUPPORTED', 'IscsiNegotiation', undefined, 0, 'not implemented yet');
}
