/**
 * What reading the SCSI exchanges of a capture gives: the connections, the exchanges, the
 * options of the read and its summary. No platform API.
 *
 * @see RFC 7143 (iSCSI): sections 11.3-11.8 (SCSI PDUs), 11.12-11.13 (login)
 */
import type { CaptureWarning } from './file.js';

/**
 * One TCP connection to an iSCSI target port, with what its login said.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureConnection {
  /** Connection index in order of first appearance, from 0 (tshark's `tcp.stream`). */
  readonly stream: number;
  /** Initiator's address and port, e.g. `127.0.0.1:51234` or `[::1]:51234`. */
  readonly initiator: string;
  /** Target's address and port. */
  readonly target: string;
  /** InitiatorName from the login, if the capture holds it. */
  readonly initiatorName: string | undefined;
  /** TargetName from the login, if the capture holds it. */
  readonly targetName: string | undefined;
  /** ISID from the login (48 bits). */
  readonly isid: number | undefined;
  /** TSIH the target gave in its final Login Response. */
  readonly tsih: number | undefined;
  /** TargetPortalGroupTag from the login. */
  readonly targetPortalGroupTag: number | undefined;
  /** Header and data digests in use (CRC32C) after the login. */
  readonly headerDigest: boolean;
  readonly dataDigest: boolean;
  /**
   * Where the digest settings come from: the `login` seen, `detected` by a CRC32C that checks out
   * (the login is not in the capture), or `assumed` absent (neither).
   */
  readonly digestsFrom: 'login' | 'detected' | 'assumed';
}

/**
 * One SCSI command and everything that belongs to it.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureExchange {
  readonly connection: CaptureConnection;
  /**
   * I_T nexus as SAM names it for iSCSI: `initiator,i,0xISID -> target,t,0xTPGT`, when the
   * login is in the capture; undefined otherwise.
   */
  readonly nexus: string | undefined;
  /** The 8-byte LUN field of the SCSI Command PDU. */
  readonly lunField: bigint;
  /** The LUN as a number (first level, peripheral or flat space addressing). */
  readonly lun: number;
  readonly initiatorTaskTag: number;
  /** Frame that completed the SCSI Command PDU (as tshark numbers frames). */
  readonly frame: number;
  /** Capture time of that frame, seconds since 1970 (fraction to the capture's resolution). */
  readonly time: number;
  /** The CDB (16 bytes of the BHS plus any extended CDB AHS; trailing BHS padding kept). */
  readonly cdb: Uint8Array;
  readonly read: boolean;
  readonly write: boolean;
  readonly expectedDataTransferLength: number;
  /** Data-Out bytes (immediate, unsolicited and solicited), placed by buffer offset; kept per `keepData`. */
  readonly dataOut: Uint8Array | undefined;
  /** Data-Out bytes seen (also when not kept). */
  readonly dataOutLength: number;
  readonly dataOutPdus: number;
  /** Data-In bytes, placed by buffer offset; kept per `keepData`. */
  readonly dataIn: Uint8Array | undefined;
  readonly dataInLength: number;
  readonly dataInPdus: number;
  /** R2T PDUs seen (and the bytes they asked for). */
  readonly r2ts: number;
  readonly r2tBytes: number;
  /** Frame and time of the status (SCSI Response, or the Data-In with S); undefined if none. */
  readonly responseFrame: number | undefined;
  readonly responseTime: number | undefined;
  /** iSCSI Response code (0 = command completed at target); undefined if no SCSI Response. */
  readonly iscsiResponse: number | undefined;
  /** SAM status; undefined if the capture holds no status. */
  readonly status: number | undefined;
  /** Sense data of the SCSI Response (empty when none). */
  readonly sense: Uint8Array;
  readonly residualCount: number | undefined;
  readonly residualUnderflow: boolean;
  readonly residualOverflow: boolean;
  /** What is wrong or missing (holes in the data, no response in the capture, ...). */
  readonly issues: readonly string[];
}

/** Options of {@link readCaptureExchanges}. @remarks Since 0.2.0 */
export interface CaptureReadOptions {
  /** TCP ports of iSCSI targets (default [3260]). */
  readonly ports?: readonly number[] | undefined;
  /**
   * Which commands' data to keep (default: all). Data is always counted; only kept data is
   * assembled into `dataOut` / `dataIn`.
   */
  readonly keepData?: ((cdb: Uint8Array) => boolean) | undefined;
  /** Check header and data digests (default true): a mismatch is a `digest-mismatch` warning. */
  readonly verifyDigests?: boolean | undefined;
  /** Called for every warning (gaps, fragments, digest mismatches, framing lost, ...). */
  readonly onWarning?: ((w: CaptureWarning) => void) | undefined;
}

/** Counts the iterator returns when done. @remarks Since 0.2.0 */
export interface CaptureSummary {
  readonly frames: number;
  readonly connections: readonly CaptureConnection[];
  readonly pdus: number;
  readonly exchanges: number;
  readonly retransmittedSegments: number;
  readonly gapBytes: number;
  readonly warnings: number;
}
