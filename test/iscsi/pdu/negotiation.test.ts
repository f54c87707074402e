import { describe, expect, it } from 'vitest';
import {
  ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
  ISCSI_KEY_RULES,
  ISCSI_LOGIN_STATUS,
  type IscsiNegotiationOutcome,
  type IscsiNegotiationStage,
  type IscsiNegotiationState,
  type IscsiOperationalParameters,
  type IscsiTargetNegotiationConfig,
  type IscsiTextPair,
  initialIscsiNegotiationState,
  iscsiSendTargetsReply,
  negotiateIscsiKeys,
} from '../../../src/index.js';

const TARGET = 'iqn.2026-12.org.example:odx';
const CONFIG: IscsiTargetNegotiationConfig = {
  targets: [
    { name: TARGET, alias: 'odx', addresses: ['127.0.0.1:3260,1'] },
    { name: 'iqn.2026-12.org.example:other', addresses: ['127.0.0.1:3261,2', '[::1]:3261,2'] },
  ],
  targetPortalGroupTag: 1,
};
const LOGIN: IscsiTextPair[] = [
  { key: 'InitiatorName', value: 'iqn.2026-12.org.example:host' },
  { key: 'SessionType', value: 'Normal' },
  { key: 'TargetName', value: TARGET },
];

function kv(s: string): IscsiTextPair[] {
  return s === ''
    ? []
    : s.split(' ').map((p) => {
        const i = p.indexOf('=');
        return { key: p.slice(0, i), value: p.slice(i + 1) };
      });
}

/** A first operational-stage request: the login keys plus `extra`. */
function first(
  extra: string,
  config: Partial<IscsiTargetNegotiationConfig> = {},
  stage: IscsiNegotiationStage = 'operational',
  state: IscsiNegotiationState = initialIscsiNegotiationState(true),
): IscsiNegotiationOutcome {
  return negotiateIscsiKeys([...LOGIN, ...kv(extra)], stage, state, { ...CONFIG, ...config });
}

function answer(o: IscsiNegotiationOutcome, key: string): string | undefined {
  return o.reply.find((p) => p.key === key)?.value;
}

type Row = readonly [
  offer: string,
  config: Partial<IscsiTargetNegotiationConfig>,
  reply: string | undefined,
  parameters: Partial<IscsiOperationalParameters>,
];

// One row per key rule: the offer, the target's config, the answer (undefined: none), the result.
const ROWS: readonly Row[] = [
  ['HeaderDigest=CRC32C,None', {}, 'CRC32C', { headerDigest: 'CRC32C' }],
  ['HeaderDigest=None,CRC32C', {}, 'None', { headerDigest: 'None' }],
  ['HeaderDigest=MD5,CRC32C', {}, 'CRC32C', { headerDigest: 'CRC32C' }],
  ['HeaderDigest=CRC32C', { headerDigests: ['None'] }, 'Reject', { headerDigest: 'None' }],
  ['DataDigest=CRC32C', {}, 'CRC32C', { dataDigest: 'CRC32C' }],
  ['DataDigest=None', { dataDigests: ['CRC32C'] }, 'Reject', { dataDigest: 'None' }],
  ['MaxConnections=8', {}, '1', { maxConnections: 1 }],
  ['MaxConnections=2', { maxConnections: 4 }, '2', { maxConnections: 2 }],
  ['MaxConnections=0', {}, 'Reject', { maxConnections: 1 }],
  ['MaxConnections=65536', {}, 'Reject', { maxConnections: 1 }],
  ['MaxConnections=many', {}, 'Reject', { maxConnections: 1 }],
  ['InitialR2T=Yes', {}, 'Yes', { initialR2T: true }],
  ['InitialR2T=No', {}, 'No', { initialR2T: false }],
  ['InitialR2T=No', { initialR2T: true }, 'Yes', { initialR2T: true }],
  ['InitialR2T=yes', {}, 'Reject', { initialR2T: true }],
  ['ImmediateData=Yes', {}, 'Yes', { immediateData: true }],
  ['ImmediateData=No', {}, 'No', { immediateData: false }],
  ['ImmediateData=Yes', { immediateData: false }, 'No', { immediateData: false }],
  ['MaxRecvDataSegmentLength=65536', {}, '262144', { initiatorMaxRecvDataSegmentLength: 65536 }],
  [
    'MaxRecvDataSegmentLength=0x2000',
    { maxRecvDataSegmentLength: 8192 },
    '8192',
    { initiatorMaxRecvDataSegmentLength: 8192 },
  ],
  ['MaxBurstLength=16776192', {}, '1048576', { maxBurstLength: 1_048_576 }],
  ['MaxBurstLength=512', {}, '512', { maxBurstLength: 512 }],
  ['MaxBurstLength=511', {}, 'Reject', { maxBurstLength: 262_144 }],
  ['MaxBurstLength=16777216', {}, 'Reject', { maxBurstLength: 262_144 }],
  ['FirstBurstLength=65536', {}, '65536', { firstBurstLength: 65536 }],
  ['FirstBurstLength=1048576', {}, '262144', { firstBurstLength: 262_144 }],
  [
    'FirstBurstLength=262144 MaxBurstLength=131072',
    {},
    '131072',
    { firstBurstLength: 131_072, maxBurstLength: 131_072 },
  ],
  ['FirstBurstLength=65536 InitialR2T=Yes ImmediateData=No', {}, 'Irrelevant', { firstBurstLength: 65536 }],
  ['DefaultTime2Wait=0', {}, '2', { defaultTime2Wait: 2 }],
  ['DefaultTime2Wait=10', {}, '10', { defaultTime2Wait: 10 }],
  ['DefaultTime2Wait=3601', {}, 'Reject', { defaultTime2Wait: 2 }],
  ['DefaultTime2Retain=60', {}, '20', { defaultTime2Retain: 20 }],
  ['DefaultTime2Retain=0', {}, '0', { defaultTime2Retain: 0 }],
  ['MaxOutstandingR2T=1', {}, '1', { maxOutstandingR2T: 1 }],
  ['MaxOutstandingR2T=100', {}, '16', { maxOutstandingR2T: 16 }],
  ['MaxOutstandingR2T=0', {}, 'Reject', { maxOutstandingR2T: 1 }],
  ['DataPDUInOrder=No', {}, 'Yes', { dataPduInOrder: true }],
  ['DataPDUInOrder=No', { dataPduInOrder: false }, 'No', { dataPduInOrder: false }],
  ['DataSequenceInOrder=No', { dataSequenceInOrder: false }, 'No', { dataSequenceInOrder: false }],
  ['DataSequenceInOrder=Yes', { dataSequenceInOrder: false }, 'Yes', { dataSequenceInOrder: true }],
  ['ErrorRecoveryLevel=2', {}, '0', { errorRecoveryLevel: 0 }],
  ['ErrorRecoveryLevel=1', { errorRecoveryLevel: 2 }, '1', { errorRecoveryLevel: 1 }],
  ['ErrorRecoveryLevel=3', {}, 'Reject', { errorRecoveryLevel: 0 }],
  ['TaskReporting=ResponseFence,RFC3720', {}, 'RFC3720', {}],
  ['TaskReporting=FastAbort', {}, 'Reject', {}],
  ['iSCSIProtocolLevel=2', {}, '1', {}],
  ['iSCSIProtocolLevel=32', {}, 'Reject', {}],
  ['IFMarker=No', {}, 'No', {}],
  ['OFMarker=Yes', {}, 'No', {}],
  ['OFMarkInt=2048~8192', {}, 'Reject', {}],
  ['IFMarkInt=2048', {}, 'Reject', {}],
  ['X-com.example.Feature=1', {}, 'NotUnderstood', {}],
  ['X#NodeArchitecture=Linux', {}, 'NotUnderstood', {}],
  ['SomeFutureKey=1', {}, 'NotUnderstood', {}],
  ['TargetAlias=me', {}, undefined, {}],
  ['TargetAddress=10.0.0.1', {}, 'Reject', {}],
  ['TargetPortalGroupTag=7', {}, '1', {}],
  ['SendTargets=All', {}, 'Reject', {}],
  ['InitiatorAlias=host', {}, undefined, { initiatorAlias: 'host' }],
];

describe('negotiateIscsiKeys: one row per key rule (leading connection, normal session, operational stage)', () => {
  it.each(ROWS)('%s with %o answers %s', (offer, config, reply, parameters) => {
    const o = first(offer, config);
    expect(o.error).toBeUndefined();
    const key = offer.slice(0, offer.indexOf('='));
    if (key === 'TargetAlias') {
      // The initiator may not send it: Reject, and the target's own TargetAlias declaration follows.
      expect(o.reply.filter((p) => p.key === 'TargetAlias').map((p) => p.value)).toEqual(['Reject', 'odx']);
    } else if (key === 'TargetPortalGroupTag') {
      expect(o.reply.filter((p) => p.key === key).map((p) => p.value)).toEqual(['Reject', '1']);
    } else if (key === 'MaxRecvDataSegmentLength') {
      expect(o.reply.filter((p) => p.key === key).map((p) => p.value)).toEqual([reply]);
    } else {
      expect(answer(o, key)).toBe(reply);
    }
    expect(o.state.parameters).toMatchObject(parameters);
  });
});

describe('negotiateIscsiKeys: Irrelevant and Reject by context', () => {
  it('discovery session: data transfer keys Irrelevant, digests and timers negotiated, no TargetName needed', () => {
    const o = negotiateIscsiKeys(
      kv(
        'InitiatorName=iqn.2026-12.h:1 SessionType=Discovery HeaderDigest=CRC32C MaxBurstLength=4096 InitialR2T=No ImmediateData=No FirstBurstLength=512 MaxConnections=2 MaxOutstandingR2T=2 DataPDUInOrder=No DataSequenceInOrder=No DefaultTime2Wait=5 ErrorRecoveryLevel=1',
      ),
      'operational',
      initialIscsiNegotiationState(true),
      CONFIG,
    );
    expect(o.error).toBeUndefined();
    for (const k of [
      'MaxBurstLength',
      'InitialR2T',
      'ImmediateData',
      'FirstBurstLength',
      'MaxConnections',
      'MaxOutstandingR2T',
      'DataPDUInOrder',
      'DataSequenceInOrder',
    ]) {
      expect([k, answer(o, k)]).toEqual([k, 'Irrelevant']);
      expect(ISCSI_KEY_RULES[k]?.irrelevantInDiscovery).toBe(true);
    }
    expect(answer(o, 'HeaderDigest')).toBe('CRC32C');
    expect(answer(o, 'DefaultTime2Wait')).toBe('5');
    expect(answer(o, 'ErrorRecoveryLevel')).toBe('0');
    expect(answer(o, 'TargetPortalGroupTag')).toBeUndefined();
    expect(o.state.parameters).toMatchObject({
      sessionType: 'Discovery',
      maxBurstLength: 262_144,
      headerDigest: 'CRC32C',
    });
  });
  it('non-leading connection: leading-only keys Irrelevant, connection keys negotiated, CO parameters reset', () => {
    const session: IscsiOperationalParameters = {
      ...ISCSI_DEFAULT_OPERATIONAL_PARAMETERS,
      maxBurstLength: 65536,
      headerDigest: 'CRC32C',
      initiatorMaxRecvDataSegmentLength: 65536,
      authMethod: 'CHAP',
      initiatorName: 'iqn.2026-12.org.example:host',
      targetName: TARGET,
    };
    const st = initialIscsiNegotiationState(false, session);
    expect(st.parameters).toMatchObject({
      headerDigest: 'None',
      initiatorMaxRecvDataSegmentLength: 8192,
      authMethod: undefined,
      maxBurstLength: 65536,
    });
    const o = first(
      'MaxBurstLength=4096 ErrorRecoveryLevel=0 DataDigest=CRC32C MaxRecvDataSegmentLength=4096',
      {},
      'operational',
      st,
    );
    expect(o.error).toBeUndefined();
    expect(answer(o, 'MaxBurstLength')).toBe('Irrelevant');
    expect(answer(o, 'ErrorRecoveryLevel')).toBe('Irrelevant');
    expect(answer(o, 'DataDigest')).toBe('CRC32C');
    expect(o.state.parameters).toMatchObject({ maxBurstLength: 65536, initiatorMaxRecvDataSegmentLength: 4096 });
  });
  it('full feature phase (Text Request): login-only and leading-only keys Reject, ALL keys accepted, SendTargets passed on', () => {
    const login = first('');
    const o = negotiateIscsiKeys(
      kv(
        'MaxBurstLength=4096 HeaderDigest=None MaxRecvDataSegmentLength=4096 InitiatorAlias=h2 SendTargets= X-vendor.Thing=1',
      ),
      'full feature',
      login.state,
      CONFIG,
    );
    expect(o.error).toBeUndefined();
    expect(o.reply).toEqual(kv('MaxBurstLength=Reject HeaderDigest=Reject X-vendor.Thing=NotUnderstood'));
    expect(o.sendTargets).toBe('');
    expect(o.state.parameters).toMatchObject({ initiatorMaxRecvDataSegmentLength: 4096, initiatorAlias: 'h2' });
    // A Text Request may renegotiate what the login did: no "twice" error in full feature phase.
    const again = negotiateIscsiKeys(kv('MaxRecvDataSegmentLength=8192'), 'full feature', o.state, CONFIG);
    expect(again.error).toBeUndefined();
    expect(again.state.parameters.initiatorMaxRecvDataSegmentLength).toBe(8192);
  });
});

describe('negotiateIscsiKeys: declarations', () => {
  it('TargetPortalGroupTag and TargetAlias once, for a normal session; MaxRecvDataSegmentLength once, in the operational stage', () => {
    const sec = first('AuthMethod=None', {}, 'security');
    expect(sec.reply).toEqual(kv('AuthMethod=None TargetPortalGroupTag=1 TargetAlias=odx'));
    expect(sec.state.parameters.targetMaxRecvDataSegmentLength).toBe(8192);
    const op = negotiateIscsiKeys(kv('MaxBurstLength=65536'), 'operational', sec.state, CONFIG);
    expect(op.reply).toEqual(kv('MaxBurstLength=65536 MaxRecvDataSegmentLength=262144'));
    expect(op.state.parameters.targetMaxRecvDataSegmentLength).toBe(262_144);
    const op2 = negotiateIscsiKeys(kv('DefaultTime2Wait=4'), 'operational', op.state, CONFIG, true);
    expect(op2.reply).toEqual(kv('DefaultTime2Wait=4'));
    expect(negotiateIscsiKeys([], 'operational', op2.state, CONFIG, true).reply).toEqual([]);
  });
});

describe('negotiateIscsiKeys: fatal outcomes', () => {
  const st0 = initialIscsiNegotiationState(true);
  const err = (o: IscsiNegotiationOutcome) => [o.error?.status, o.error?.key];
  it.each([
    [
      'no InitiatorName',
      kv(`SessionType=Normal TargetName=${TARGET}`),
      ISCSI_LOGIN_STATUS.MISSING_PARAMETER,
      'InitiatorName',
    ],
    ['no TargetName in a normal session', kv('InitiatorName=i'), ISCSI_LOGIN_STATUS.MISSING_PARAMETER, 'TargetName'],
    ['an unknown TargetName', kv('InitiatorName=i TargetName=iqn.x:none'), ISCSI_LOGIN_STATUS.NOT_FOUND, 'TargetName'],
    [
      'a bad SessionType',
      kv('InitiatorName=i SessionType=Boot'),
      ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED,
      'SessionType',
    ],
    [
      'a key twice in one request',
      [...LOGIN, ...kv('MaxBurstLength=512 MaxBurstLength=1024')],
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'MaxBurstLength',
    ],
    [
      'MaxRecvDataSegmentLength out of range',
      [...LOGIN, ...kv('MaxRecvDataSegmentLength=511')],
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'MaxRecvDataSegmentLength',
    ],
    [
      'AuthMethod outside the security stage',
      [...LOGIN, ...kv('AuthMethod=None')],
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'AuthMethod',
    ],
  ] as const)('%s', (_, request, status, key) => {
    const o = negotiateIscsiKeys(request, 'operational', st0, CONFIG);
    expect(err(o)).toEqual([status, key]);
    expect(o.reply).toEqual([]);
    expect(o.state).toBe(st0);
  });
  it('discovery refused by the config', () => {
    const o = negotiateIscsiKeys(kv('InitiatorName=i SessionType=Discovery'), 'security', st0, {
      ...CONFIG,
      allowDiscovery: false,
    });
    expect(err(o)).toEqual([ISCSI_LOGIN_STATUS.SESSION_TYPE_NOT_SUPPORTED, 'SessionType']);
  });
  it('a key negotiated twice in one login; declarations may repeat unchanged, not change', () => {
    const a = first('MaxBurstLength=65536');
    expect(err(negotiateIscsiKeys(kv('MaxBurstLength=65536'), 'operational', a.state, CONFIG))).toEqual([
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'MaxBurstLength',
    ]);
    expect(negotiateIscsiKeys(LOGIN, 'operational', a.state, CONFIG).error).toBeUndefined();
    expect(err(negotiateIscsiKeys(kv('InitiatorName=iqn.other'), 'operational', a.state, CONFIG))).toEqual([
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'InitiatorName',
    ]);
    expect(err(negotiateIscsiKeys(kv('SessionType=Discovery'), 'operational', a.state, CONFIG))).toEqual([
      ISCSI_LOGIN_STATUS.INITIATOR_ERROR,
      'SessionType',
    ]);
  });
});

describe('negotiateIscsiKeys: security stage', () => {
  const chap = { authMethods: ['CHAP'] } as const;
  it('AuthMethod is a list choice among the accepted methods', () => {
    expect(answer(first('AuthMethod=CHAP,None', {}, 'security'), 'AuthMethod')).toBe('None');
    const o = first('AuthMethod=None,CHAP', chap, 'security');
    expect(answer(o, 'AuthMethod')).toBe('CHAP');
    expect(o.state.parameters.authMethod).toBe('CHAP');
    expect(first('AuthMethod=SRP,KRB5', chap, 'security').error?.status).toBe(
      ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE,
    );
  });
  it('CHAP keys are passed to the authenticator, never answered; without AuthMethod=CHAP they fail', () => {
    const a = first('AuthMethod=CHAP', chap, 'security');
    const b = negotiateIscsiKeys(kv('CHAP_A=5,7'), 'security', a.state, { ...CONFIG, ...chap });
    expect(b.reply).toEqual([]);
    expect(b.authentication).toEqual(kv('CHAP_A=5,7'));
    const c = negotiateIscsiKeys(kv('CHAP_N=user CHAP_R=0x0102'), 'security', b.state, { ...CONFIG, ...chap }, true);
    expect(c.error).toBeUndefined();
    expect(c.authentication).toEqual(kv('CHAP_N=user CHAP_R=0x0102'));
    expect(first('AuthMethod=None CHAP_A=5', {}, 'security').error?.status).toBe(ISCSI_LOGIN_STATUS.INITIATOR_ERROR);
  });
  it('a target needing authentication refuses to skip it', () => {
    expect(first('', chap, 'operational').error?.status).toBe(ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE);
    const sec = first('', chap, 'security');
    expect(sec.error).toBeUndefined();
    expect(negotiateIscsiKeys([], 'security', sec.state, { ...CONFIG, ...chap }, true).error?.status).toBe(
      ISCSI_LOGIN_STATUS.AUTHENTICATION_FAILURE,
    );
    expect(negotiateIscsiKeys([], 'security', first('', {}, 'security').state, CONFIG, true).error).toBeUndefined();
  });
  it('operational keys in the security stage are answered (leniency)', () => {
    expect(answer(first('AuthMethod=None HeaderDigest=CRC32C', {}, 'security'), 'HeaderDigest')).toBe('CRC32C');
  });
});

describe('iscsiSendTargetsReply', () => {
  const normal = first('').state.parameters;
  const discovery = { ...ISCSI_DEFAULT_OPERATIONAL_PARAMETERS, sessionType: 'Discovery' as const };
  it('All (discovery only), empty (this session target), a name', () => {
    expect(iscsiSendTargetsReply('All', discovery, CONFIG.targets)).toEqual(
      kv(
        `TargetName=${TARGET} TargetAddress=127.0.0.1:3260,1 TargetName=iqn.2026-12.org.example:other TargetAddress=127.0.0.1:3261,2 TargetAddress=[::1]:3261,2`,
      ),
    );
    expect(iscsiSendTargetsReply('All', normal, CONFIG.targets)).toEqual(kv('SendTargets=Reject'));
    expect(iscsiSendTargetsReply('', normal, CONFIG.targets)).toEqual(
      kv(`TargetName=${TARGET} TargetAddress=127.0.0.1:3260,1`),
    );
    expect(iscsiSendTargetsReply('', discovery, CONFIG.targets)).toEqual(kv('SendTargets=Reject'));
    expect(iscsiSendTargetsReply('iqn.2026-12.org.example:other', normal, CONFIG.targets)).toHaveLength(3);
    expect(iscsiSendTargetsReply('iqn.none:x', discovery, CONFIG.targets)).toEqual([]);
  });
});

describe('ISCSI_KEY_RULES', () => {
  it('every numeric rule has a range inside its defaults, every default sits in its range', () => {
    const defaults: Record<string, number> = {
      MaxConnections: 1,
      MaxRecvDataSegmentLength: 8192,
      MaxBurstLength: 262_144,
      FirstBurstLength: 65536,
      DefaultTime2Wait: 2,
      DefaultTime2Retain: 20,
      MaxOutstandingR2T: 1,
      ErrorRecoveryLevel: 0,
      iSCSIProtocolLevel: 1,
    };
    for (const [key, rule] of Object.entries(ISCSI_KEY_RULES)) {
      if (rule.kind === 'min' || rule.kind === 'max' || key === 'MaxRecvDataSegmentLength') {
        const [lo, hi] = rule.range ?? [Number.NaN, Number.NaN];
        const d = defaults[key] as number;
        expect([key, d >= lo && d <= hi]).toEqual([key, true]);
      }
    }
  });
});
