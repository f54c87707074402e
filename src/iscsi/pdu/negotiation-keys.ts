/**
 * iSCSI text negotiation (RFC 7143 sections 6 and 13): the operational parameters and their
 * defaults, the rule of every key ({@link ISCSI_KEY_RULES}) and the state and outcome types the
 * negotiation functions in negotiation.ts use.
 *
 * @packageDocumentation
 */
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
 * Where a key may be used (RFC 7143 section 13 introduction):
 * - `LO` leading only: in the login of a session's leading connection;
 * - `IO` initialize only: in any login, never in the full feature phase;
 * - `ALL`: in logins and in Text Requests;
 * - `FFPO`: in Text Requests only.
 *
 * @remarks Since 0.2.0
 */
export type IscsiKeyUse = 'LO' | 'IO' | 'ALL' | 'FFPO';

/**
 * How the answer to an offer is chosen (RFC 7143 section 6.2): `list` the first offered value
 * the target accepts; `min` / `max` the smaller / larger of the offer and the target's value;
 * `or` / `and` the Boolean function; `declarative` no answer; `security` handled by the
 * authenticator (AuthMethod is a list, CHAP_* keys are passed through).
 *
 * @remarks Since 0.2.0
 */
export type IscsiKeyRuleKind = 'list' | 'min' | 'max' | 'or' | 'and' | 'declarative' | 'security';

/**
 * The rule of one text key, as this target applies it.
 *
 * @remarks Since 0.2.0
 */
export interface IscsiKeyRule {
  readonly use: IscsiKeyUse;
  /** Who may send the key (an initiator sending a target-only key gets `Reject`). */
  readonly senders: 'initiator' | 'target' | 'both';
  /** Session-wide or connection-only. */
  readonly scope: 'SW' | 'CO';
  readonly kind: IscsiKeyRuleKind;
  /** The key may appear in the security stage ("Any-Stage"); other non-security keys are operational. */
  readonly anyStage: boolean;
  /** Numeric range (inclusive), for numeric keys. */
  readonly range?: readonly [min: number, max: number];
  /** Answered `Irrelevant` in a discovery session. */
  readonly irrelevantInDiscovery?: true;
  /** RFC 7143 section defining the key. */
  readonly section: string;
}

/** The range of the 24-bit numeric keys. @internal */
export const NUM_24: readonly [number, number] = [512, 0xff_ffff];

/**
 * Every key this target negotiates, with its rule. Keys not listed here (X- and X# extension
 * keys, unknown keys) are answered `NotUnderstood`; the obsoleted marker keys IFMarker and
 * OFMarker are answered `No` and OFMarkInt / IFMarkInt `Reject` (RFC 7143 section 13,
 * obsoleted keys).
 *
 * @see RFC 7143 sections 12 and 13
 * @remarks Since 0.2.0
 */
export const ISCSI_KEY_RULES: Readonly<Record<string, IscsiKeyRule>> = Object.freeze({
  HeaderDigest: { use: 'IO', senders: 'both', scope: 'CO', kind: 'list', anyStage: false, section: '13.1' },
  DataDigest: { use: 'IO', senders: 'both', scope: 'CO', kind: 'list', anyStage: false, section: '13.1' },
  MaxConnections: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: [1, 65535],
    irrelevantInDiscovery: true,
    section: '13.2',
  },
  SendTargets: {
    use: 'FFPO',
    senders: 'initiator',
    scope: 'SW',
    kind: 'declarative',
    anyStage: false,
    section: '13.3',
  },
  TargetName: { use: 'IO', senders: 'initiator', scope: 'SW', kind: 'declarative', anyStage: true, section: '13.4' },
  InitiatorName: { use: 'IO', senders: 'initiator', scope: 'SW', kind: 'declarative', anyStage: true, section: '13.5' },
  TargetAlias: { use: 'ALL', senders: 'target', scope: 'SW', kind: 'declarative', anyStage: true, section: '13.6' },
  InitiatorAlias: {
    use: 'ALL',
    senders: 'initiator',
    scope: 'SW',
    kind: 'declarative',
    anyStage: true,
    section: '13.7',
  },
  TargetAddress: { use: 'ALL', senders: 'target', scope: 'SW', kind: 'declarative', anyStage: true, section: '13.8' },
  TargetPortalGroupTag: {
    use: 'IO',
    senders: 'target',
    scope: 'SW',
    kind: 'declarative',
    anyStage: true,
    section: '13.9',
  },
  InitialR2T: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'or',
    anyStage: false,
    irrelevantInDiscovery: true,
    section: '13.10',
  },
  ImmediateData: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'and',
    anyStage: false,
    irrelevantInDiscovery: true,
    section: '13.11',
  },
  MaxRecvDataSegmentLength: {
    use: 'ALL',
    senders: 'both',
    scope: 'CO',
    kind: 'declarative',
    anyStage: false,
    range: NUM_24,
    section: '13.12',
  },
  MaxBurstLength: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: NUM_24,
    irrelevantInDiscovery: true,
    section: '13.13',
  },
  FirstBurstLength: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: NUM_24,
    irrelevantInDiscovery: true,
    section: '13.14',
  },
  DefaultTime2Wait: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'max',
    anyStage: false,
    range: [0, 3600],
    section: '13.15',
  },
  DefaultTime2Retain: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: [0, 3600],
    section: '13.16',
  },
  MaxOutstandingR2T: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: [1, 65535],
    irrelevantInDiscovery: true,
    section: '13.17',
  },
  DataPDUInOrder: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'or',
    anyStage: false,
    irrelevantInDiscovery: true,
    section: '13.18',
  },
  DataSequenceInOrder: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'or',
    anyStage: false,
    irrelevantInDiscovery: true,
    section: '13.19',
  },
  ErrorRecoveryLevel: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: [0, 2],
    section: '13.20',
  },
  SessionType: { use: 'LO', senders: 'initiator', scope: 'SW', kind: 'declarative', anyStage: true, section: '13.21' },
  TaskReporting: { use: 'LO', senders: 'both', scope: 'SW', kind: 'list', anyStage: false, section: '13.23' },
  iSCSIProtocolLevel: {
    use: 'LO',
    senders: 'both',
    scope: 'SW',
    kind: 'min',
    anyStage: false,
    range: [0, 31],
    section: '13.24',
  },
  AuthMethod: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1' },
  CHAP_A: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1.3' },
  CHAP_I: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1.3' },
  CHAP_C: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1.3' },
  CHAP_N: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1.3' },
  CHAP_R: { use: 'IO', senders: 'both', scope: 'CO', kind: 'security', anyStage: true, section: '12.1.3' },
} satisfies Record<string, IscsiKeyRule>);

/** The iSCSIProtocolLevel this layer implements (RFC 7143). @remarks Since 0.2.0 */
export const ISCSI_PROTOCOL_LEVEL = 1;

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
  /** Keys negotiated or declared so far in this login (RFC 7143 section 6.2: at most once each). */
  readonly negotiated: readonly string[];
  /** Requests answered so far in this login (0 before the first). */
  readonly rounds: number;
  /** The target has declared its MaxRecvDataSegmentLength in this login. */
  readonly declaredMaxRecvDataSegmentLength: boolean;
  /** The target has sent TargetPortalGroupTag (and TargetAlias) in this login. */
  readonly declaredPortalGroupTag: boolean;
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
