/**
 * The public types of the iSCSI initiator: connection and command options, a command's result,
 * and the initiator's error.
 *
 * @packageDocumentation
 */
import type { IscsiChapCredentials } from './options.js';

/** Options of {@link IscsiInitiator.connect}. @remarks Since 0.2.0 */
export interface IscsiInitiatorOptions {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  /** TargetName (required for a normal session). */
  readonly targetName?: string | undefined;
  readonly initiatorName?: string | undefined;
  /** ISID (48 bits; default a random one of type 2 "random"). */
  readonly isid?: number | undefined;
  readonly sessionType?: 'Normal' | 'Discovery' | undefined;
  /** CHAP credentials to log in with. */
  readonly chap?: IscsiChapCredentials | undefined;
  /** Expect mutual CHAP: the target must prove it knows this secret. */
  readonly mutualChap?: IscsiChapCredentials | undefined;
  /** Start in the operational stage (as libiscsi does without CHAP). */
  readonly skipSecurity?: boolean | undefined;
  readonly headerDigest?: boolean | undefined;
  readonly dataDigest?: boolean | undefined;
  readonly initialR2T?: boolean | undefined;
  readonly immediateData?: boolean | undefined;
  /**
   * MaxRecvDataSegmentLength we declare (default 262144); enforced: a PDU from the target with a
   * longer data segment fails the connection (`ScsiCodecError`).
   */
  readonly maxRecvDataSegmentLength?: number | undefined;
  readonly maxBurstLength?: number | undefined;
  readonly firstBurstLength?: number | undefined;
  /** Join an existing session: its TSIH (with the same `isid`); default 0, a new session. */
  readonly tsih?: number | undefined;
  /** Connection ID (default 0). */
  readonly cid?: number | undefined;
  /** First CmdSN to use (default 1; a joining connection continues the session's). */
  readonly cmdSn?: number | undefined;
  /** MaxConnections to offer (default 1). */
  readonly maxConnections?: number | undefined;
  /** Milliseconds to wait for any one answer (default 10000). */
  readonly timeoutMs?: number | undefined;
}

/** The outcome of {@link IscsiInitiator.command}. @remarks Since 0.2.0 */
export interface IscsiCommandResult {
  readonly status: number;
  readonly senseData?: Uint8Array | undefined;
  /** Data-In bytes received (up to the read length asked for). */
  readonly dataIn: Uint8Array;
  readonly residualUnderflow: boolean;
  readonly residualOverflow: boolean;
  readonly residualCount: number;
  /** iSCSI Response code (0 = command completed at target). */
  readonly response: number;
}

/** Options of one {@link IscsiInitiator.command}. @remarks Since 0.2.0 */
export interface IscsiCommandOptions {
  /** Data-out bytes (sets W and the Expected Data Transfer Length unless `expectedLength` is given). */
  readonly dataOut?: Uint8Array | undefined;
  /** Bytes to read (sets R). */
  readonly readLength?: number | undefined;
  /** Override the Expected Data Transfer Length. */
  readonly expectedLength?: number | undefined;
  /** Send as an immediate command. */
  readonly immediate?: boolean | undefined;
  /** Initiator Task Tag to use (default: the next one). */
  readonly itt?: number | undefined;
  /** Answer R2Ts with the data (default true; false leaves the command waiting, for tests). */
  readonly answerR2t?: boolean | undefined;
}

/** Error of the initiator (login failure with its status, timeout, connection loss). @remarks Since 0.2.0 */
export class IscsiInitiatorError extends Error {
  override readonly name = 'IscsiInitiatorError';
  /** Login status class << 8 | detail, for login failures. */
  readonly loginStatus: number | undefined;
  constructor(message: string, loginStatus?: number) {
    super(message);
    this.loginStatus = loginStatus;
  }
}
