/**
 * SCSI exchanges out of a capture: TCP connections to the iSCSI port(s) reassembled per
 * direction, framed into iSCSI PDUs (digests from the login seen, detected by their CRC32C when
 * the login is not in the capture, or assumed absent and said so), and every SCSI Command paired
 * with its Data-Out, R2T, Data-In and response by Initiator Task Tag. No platform API.
 *
 * @see RFC 7143 (iSCSI): sections 11.3-11.8 (SCSI PDUs), 11.12-11.13 (login), 13.1 (digests)
 */
import { ScsiCodecError } from '../errors.js';
import { type CapturePacket, type CaptureWarning, readCapturePackets } from './file.js';
import { tcpSegmentOf } from './net.js';
import { Session, type SessionReader } from './session.js';
import type { CaptureExchange, CaptureReadOptions, CaptureSummary } from './types.js';

const timeOf = (p: { seconds: number; nanoseconds: number }): number => p.seconds + p.nanoseconds / 1e9;

/** The state of one read. */
class ExchangeReader implements SessionReader {
  readonly sessions = new Map<string, Session>();
  readonly connections: Session[] = [];
  readonly done: CaptureExchange[] = [];
  readonly ports: ReadonlySet<number>;
  readonly keepData: (cdb: Uint8Array) => boolean;
  readonly verifyDigests: boolean;
  pdus = 0;
  warnings = 0;
  time = 0;
  private readonly onWarning: ((w: CaptureWarning) => void) | undefined;
  private readonly warnedKinds = new Map<string, number>();

  constructor(options: CaptureReadOptions | undefined) {
    const ports = options?.ports ?? [3260];
    for (const p of ports) {
      if (!Number.isInteger(p) || p < 1 || p > 65535) {
        throw new ScsiCodecError(
          'ERR_FIELD_RANGE',
          'CaptureReadOptions',
          'ports',
          0,
          `port ${String(p)} is not 1..65535`,
        );
      }
    }
    this.ports = new Set(ports);
    this.keepData = options?.keepData ?? (() => true);
    this.verifyDigests = options?.verifyDigests !== false;
    this.onWarning = options?.onWarning;
  }

  warn(frame: number, kind: string, message: string): void {
    this.warnings++;
    this.onWarning?.({ frame, kind, message });
  }

  /** Warn about frames that are not usable, once per kind and reason (then counted). */
  warnOnce(frame: number, kind: string, message: string): void {
    const n = this.warnedKinds.get(message) ?? 0;
    this.warnedKinds.set(message, n + 1);
    if (n === 0) this.warn(frame, kind, message);
  }

  packet(p: CapturePacket): void {
    this.time = timeOf(p);
    const seg = tcpSegmentOf(p.linkType, p.data);
    if ('skip' in seg) {
      if (seg.warn) this.warnOnce(p.frame, 'frame-skipped', `frame ${p.frame}: ${seg.skip}`);
      return;
    }
    const toTarget = this.ports.has(seg.destinationPort);
    if (!toTarget && !this.ports.has(seg.sourcePort)) return;
    const host = (a: string, port: number): string => (a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`);
    const initiator = toTarget ? host(seg.source, seg.sourcePort) : host(seg.destination, seg.destinationPort);
    const target = toTarget ? host(seg.destination, seg.destinationPort) : host(seg.source, seg.sourcePort);
    const key = `${initiator} ${target}`;
    let s = this.sessions.get(key);
    if (s === undefined || ((seg.flags & 0x02) !== 0 && (seg.flags & 0x10) === 0 && s.tcpToTarget.bytes > 0)) {
      if (s !== undefined) this.close(s, p.frame);
      s = new Session(this, this.connections.length, initiator, target);
      this.sessions.set(key, s);
      this.connections.push(s);
    }
    const dir = toTarget ? s.tcpToTarget : s.tcpToInitiator;
    const other = toTarget ? s.tcpToInitiator : s.tcpToTarget;
    if ((seg.flags & 0x10) !== 0) other.ack(seg.acknowledgmentNumber, p.frame);
    dir.segment(seg.sequenceNumber, seg.flags, seg.payload, seg.payloadLength, p.frame);
  }

  close(s: Session, frame: number): void {
    s.tcpToTarget.finish(frame);
    s.tcpToInitiator.finish(frame);
    s.toTarget.end(frame);
    s.toInitiator.end(frame);
    for (const t of [...s.tasks.values()]) s.finish(t, undefined);
  }
}

/**
 * Every SCSI exchange of a pcap or pcapng capture, in the order their status arrived (exchanges
 * with no status in the capture come last). The iterator's return value is a summary.
 *
 * @example
 * ```ts
 * for (const x of readCaptureExchanges(bytes, { onWarning: (w) => console.warn(w.message) })) {
 *   console.log(x.frame, x.lun, x.cdb[0].toString(16), x.status);
 * }
 * ```
 * @throws {ScsiCodecError} for bytes that are not a capture file, a capture whose block
 *   structure is broken, or a link type this reader does not know. Problems inside the traffic
 *   (gaps, bad PDUs, digest mismatches) are warnings, never exceptions.
 * @remarks Since 0.2.0
 */
export function* readCaptureExchanges(
  bytes: Uint8Array,
  options?: CaptureReadOptions,
): Generator<CaptureExchange, CaptureSummary, undefined> {
  const r = new ExchangeReader(options);
  const warn = (w: CaptureWarning): void => r.warn(w.frame, w.kind, w.message);
  let frames = 0;
  let exchanges = 0;
  for (const p of readCapturePackets(bytes, warn)) {
    frames = p.frame;
    r.packet(p);
    if (r.done.length > 0) {
      exchanges += r.done.length;
      const batch = r.done.splice(0);
      yield* batch;
    }
  }
  for (const s of r.connections) r.close(s, frames);
  exchanges += r.done.length;
  yield* r.done.splice(0);
  let retransmitted = 0;
  let gapBytes = 0;
  for (const s of r.connections) {
    retransmitted += s.tcpToTarget.retransmittedSegments + s.tcpToInitiator.retransmittedSegments;
    gapBytes += s.tcpToTarget.gapBytes + s.tcpToInitiator.gapBytes;
  }
  return {
    frames,
    connections: r.connections.map((s) => ({ ...s.conn })),
    pdus: r.pdus,
    exchanges,
    retransmittedSegments: retransmitted,
    gapBytes,
    warnings: r.warnings,
  };
}
