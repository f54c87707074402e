/**
 * The initiator's side of login: the keys it offers in each stage, its CHAP exchange (one-way or
 * mutual), and the settings it takes from the target's answers.
 *
 * @see RFC 7143 sections 6.3, 12.1.3 and 13
 * @packageDocumentation
 * @internal
 */
import type { IscsiTextPair } from '../pdu/index.js';
import { CHAP_MD5, chapResponse, decodeBinaryValue, encodeBinaryValue, newChallenge, sameResponse } from './chap.js';
import { IscsiInitiatorError, type IscsiInitiatorOptions } from './initiator-types.js';
import type { IscsiChapCredentials } from './options.js';

/** What a login sends: the first request's keys, the operational stage's keys, the first stage. */
export interface LoginPlan {
  /** CSG of the first Login Request: 0 (security) or 1 (operational, `skipSecurity` without CHAP). */
  readonly csg: 0 | 1;
  readonly first: readonly IscsiTextPair[];
  readonly operational: readonly IscsiTextPair[];
}

/** The keys of a login; a connection joining a session (`joining`) offers only the connection-scoped ones. */
export function loginPlan(o: IscsiInitiatorOptions, declaredMaxRecv: number, joining: boolean): LoginPlan {
  const sessionType = o.sessionType ?? 'Normal';
  const keys: IscsiTextPair[] = [
    { key: 'InitiatorName', value: o.initiatorName ?? 'iqn.2026-12.org.scsi-odx:initiator' },
    { key: 'SessionType', value: sessionType },
  ];
  if (sessionType === 'Normal') keys.push({ key: 'TargetName', value: o.targetName ?? '' });
  const csg = o.skipSecurity === true && o.chap === undefined ? 1 : 0;
  let operational: IscsiTextPair[] = [
    { key: 'HeaderDigest', value: o.headerDigest === true ? 'CRC32C,None' : 'None' },
    { key: 'DataDigest', value: o.dataDigest === true ? 'CRC32C,None' : 'None' },
    { key: 'InitialR2T', value: o.initialR2T === true ? 'Yes' : 'No' },
    { key: 'ImmediateData', value: o.immediateData === false ? 'No' : 'Yes' },
    { key: 'MaxRecvDataSegmentLength', value: String(declaredMaxRecv) },
    { key: 'MaxBurstLength', value: String(o.maxBurstLength ?? 16776192) },
    { key: 'FirstBurstLength', value: String(o.firstBurstLength ?? 262144) },
    { key: 'MaxOutstandingR2T', value: '1' },
    { key: 'ErrorRecoveryLevel', value: '0' },
    { key: 'MaxConnections', value: String(o.maxConnections ?? 1) },
    { key: 'DefaultTime2Wait', value: '2' },
    { key: 'DefaultTime2Retain', value: '0' },
  ];
  if (joining) {
    // A connection joining a session negotiates only the connection-scoped keys (RFC 7143 section 13).
    const perConnection = new Set(['HeaderDigest', 'DataDigest', 'MaxRecvDataSegmentLength']);
    operational = operational.filter((k) => perConnection.has(k.key));
  }
  const first =
    csg === 0
      ? [...keys, { key: 'AuthMethod', value: o.chap === undefined ? 'None' : 'CHAP,None' }]
      : [...keys, ...operational];
  return { csg, first, operational };
}

/**
 * The initiator's CHAP exchange in the security stage: asks for MD5 (CHAP_A), answers the
 * target's challenge (CHAP_N, CHAP_R) and, for mutual CHAP, sends its own challenge and checks
 * the target's response.
 */
export class InitiatorChap {
  private state: 'start' | 'sent-a' | 'sent-r' | 'done';
  private myChallenge: { identifier: number; challenge: Uint8Array } | undefined;
  private readonly o: IscsiInitiatorOptions;

  constructor(o: IscsiInitiatorOptions) {
    this.o = o;
    this.state = o.chap === undefined ? 'done' : 'start';
  }

  /** Nothing left to exchange (or no CHAP at all). */
  get done(): boolean {
    return this.state === 'done';
  }

  /** The next request may leave the security stage: our response is sent (or there is no CHAP). */
  get mayTransit(): boolean {
    return this.state === 'done' || this.state === 'sent-r';
  }

  /**
   * The keys answering the target's `got`, or undefined once the exchange is over.
   *
   * @throws {IscsiInitiatorError} the target chose another AuthMethod, sent a bad challenge, or
   *   failed mutual CHAP.
   */
  answer(got: readonly IscsiTextPair[]): IscsiTextPair[] | undefined {
    const get = (k: string): string | undefined => got.find((x) => x.key === k)?.value;
    switch (this.state) {
      case 'start':
        if (get('AuthMethod') !== 'CHAP') throw new IscsiInitiatorError(`target chose AuthMethod=${get('AuthMethod')}`);
        this.state = 'sent-a';
        return [{ key: 'CHAP_A', value: String(CHAP_MD5) }];
      case 'sent-a': {
        const pairs = this.response(get);
        this.state = 'sent-r';
        return pairs;
      }
      case 'sent-r':
        this.checkMutual(get);
        this.state = 'done';
        return undefined;
      default:
        return undefined;
    }
  }

  /** CHAP_N and CHAP_R for the target's CHAP_I and CHAP_C (and our challenge, for mutual CHAP). */
  private response(get: (k: string) => string | undefined): IscsiTextPair[] {
    const id = Number(get('CHAP_I'));
    const c = decodeBinaryValue(get('CHAP_C') ?? '');
    if (get('CHAP_A') !== '5' || c === undefined || !(id >= 0 && id <= 255)) {
      throw new IscsiInitiatorError('bad CHAP challenge');
    }
    const chap = this.o.chap as IscsiChapCredentials;
    const pairs: IscsiTextPair[] = [
      { key: 'CHAP_N', value: chap.user },
      { key: 'CHAP_R', value: encodeBinaryValue(chapResponse(id, chap.secret, c)) },
    ];
    if (this.o.mutualChap !== undefined) {
      this.myChallenge = newChallenge();
      pairs.push(
        { key: 'CHAP_I', value: String(this.myChallenge.identifier) },
        { key: 'CHAP_C', value: encodeBinaryValue(this.myChallenge.challenge) },
      );
    }
    return pairs;
  }

  /** For mutual CHAP: the target's CHAP_N and CHAP_R must answer our challenge. */
  private checkMutual(get: (k: string) => string | undefined): void {
    const mutual = this.o.mutualChap;
    const mine = this.myChallenge;
    if (mutual === undefined || mine === undefined) return;
    const rr = decodeBinaryValue(get('CHAP_R') ?? '');
    const expected = chapResponse(mine.identifier, mutual.secret, mine.challenge);
    if (get('CHAP_N') !== mutual.user || rr === undefined || !sameResponse(expected, rr)) {
      throw new IscsiInitiatorError('target failed mutual CHAP');
    }
  }
}

/** What the initiator takes from the keys the target answered (RFC 7143 defaults where it did not). */
export function negotiatedSettings(negotiated: ReadonlyMap<string, string>): {
  targetMaxRecv: number;
  firstBurst: number;
  initialR2T: boolean;
  immediateData: boolean;
  headerDigest: boolean;
  dataDigest: boolean;
} {
  const n = (k: string, d: number): number => {
    const v = negotiated.get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : d;
  };
  return {
    targetMaxRecv: n('MaxRecvDataSegmentLength', 8192),
    firstBurst: n('FirstBurstLength', 65536),
    initialR2T: negotiated.get('InitialR2T') !== 'No',
    immediateData: negotiated.get('ImmediateData') !== 'No',
    headerDigest: negotiated.get('HeaderDigest') === 'CRC32C',
    dataDigest: negotiated.get('DataDigest') === 'CRC32C',
  };
}
