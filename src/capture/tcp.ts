/**
 * TCP reassembly of one direction of a connection: bytes in sequence order, out-of-order
 * segments held until the hole before them fills, retransmissions and overlaps dropped (counted),
 * and holes that never fill reported as gaps of a known length, never filled in.
 *
 * @see RFC 9293 section 3.4 (sequence numbers)
 */

/** Where reassembled bytes go. @internal */
export interface StreamSink {
  /** The next `bytes` of the stream, completed by frame `frame`. */
  data(bytes: Uint8Array, frame: number): void;
  /** `length` bytes of the stream are missing (not in the capture), noticed at frame `frame`. */
  gap(length: number, frame: number, why: string): void;
}

interface Pending {
  readonly seq: number;
  readonly payload: Uint8Array;
  /** Length on the wire (payload may be shorter when the capture cut the frame). */
  readonly wire: number;
  readonly frame: number;
}

/** Signed distance from `b` to `a` in 32-bit sequence space. */
const rel = (a: number, b: number): number => (a - b) | 0;

/** Most bytes held out of order before the hole before them is declared a gap. */
const MAX_PENDING_BYTES = 32 << 20;

/** One direction's reassembler. @internal */
export class TcpDirection {
  /** Next sequence number expected; undefined until the SYN or the first segment. */
  private next: number | undefined = undefined;
  private readonly pending: Pending[] = [];
  private pendingBytes = 0;
  /** Highest acknowledgment the other side sent for this direction. */
  private acked: number | undefined = undefined;
  /** Whether the stream was picked up without its SYN. */
  midStream = false;
  retransmittedSegments = 0;
  overlappingSegments = 0;
  outOfOrderSegments = 0;
  gapBytes = 0;
  bytes = 0;

  private readonly sink: StreamSink;

  constructor(sink: StreamSink) {
    this.sink = sink;
  }

  /** A segment of this direction. */
  segment(seq: number, flags: number, payload: Uint8Array, wire: number, frame: number): void {
    if ((flags & 0x02) !== 0) {
      // SYN: the stream starts at seq + 1 (a SYN's own data, TCP Fast Open, is not iSCSI's case).
      if (this.next === undefined) this.next = (seq + 1) >>> 0;
      return;
    }
    if ((flags & 0x01) !== 0) this.fin = (seq + wire) >>> 0;
    if (wire === 0) return;
    if (this.next === undefined) {
      this.next = seq;
      this.midStream = true;
    }
    const d = rel(seq, this.next);
    if (d > 0) {
      this.outOfOrderSegments++;
      let i = this.pending.length;
      while (i > 0 && rel((this.pending[i - 1] as Pending).seq, seq) > 0) i--;
      this.pending.splice(i, 0, { seq, payload, wire, frame });
      this.pendingBytes += payload.length;
      if (this.pendingBytes > MAX_PENDING_BYTES) this.fillFirstHole(frame, 'too much data held after a hole');
    } else {
      this.take(seq, payload, wire, frame);
      this.drain();
    }
  }

  /** Sequence number of the FIN, once seen (it takes one sequence number of its own). */
  private fin: number | undefined = undefined;

  /**
   * An acknowledgment from the other side for this direction. When it covers a held segment,
   * the receiver has the bytes of the hole before it, which the capture never showed: that hole
   * is a gap now (before the other side's segment is used: it may answer those bytes).
   */
  ack(ackNumber: number, frame: number): void {
    if (this.acked === undefined || rel(ackNumber, this.acked) > 0) this.acked = ackNumber;
    if (this.pending.length > 0) this.holesAcked(frame);
  }

  private holesAcked(frame: number): void {
    while (this.pending.length > 0 && this.acked !== undefined) {
      const first = this.pending[0] as Pending;
      // An acknowledgment at or past the held segment's start: the bytes before it were received.
      if (rel(this.acked, first.seq) < 0) return;
      this.fillFirstHole(frame, 'acknowledged by the peer but not in the capture');
    }
  }

  /** End of the capture: every hole left is a gap. */
  finish(frame: number): void {
    while (this.pending.length > 0) this.fillFirstHole(frame, 'not in the capture');
    const finAck = this.fin !== undefined && this.acked === (this.fin + 1) >>> 0 && this.next === this.fin;
    if (this.acked !== undefined && this.next !== undefined && rel(this.acked, this.next) > 0 && !finAck) {
      const n = rel(this.acked, this.next);
      this.gapBytes += n;
      this.next = this.acked;
      this.sink.gap(n, frame, 'acknowledged by the peer but not in the capture');
    }
  }

  private fillFirstHole(frame: number, why: string): void {
    const first = this.pending[0] as Pending;
    const n = rel(first.seq, this.next as number);
    if (n > 0) {
      this.gapBytes += n;
      this.next = first.seq;
      this.sink.gap(n, frame, why);
    }
    this.drain();
  }

  private take(seq: number, payload: Uint8Array, wire: number, frame: number): void {
    const next = this.next as number;
    const d = rel(seq, next);
    if (d + wire <= 0) {
      this.retransmittedSegments++;
      return;
    }
    if (d < 0) this.overlappingSegments++;
    const skip = -Math.min(d, 0);
    if (skip < payload.length) {
      const part = skip === 0 ? payload : payload.subarray(skip);
      this.bytes += part.length;
      this.sink.data(part, frame);
    }
    const end = (seq + wire) >>> 0;
    const captured = payload.length;
    this.next = end;
    if (captured < wire) {
      // The capture's snapshot length cut the frame: its tail is a gap of known length.
      const missing = wire - Math.max(captured, skip);
      this.gapBytes += missing;
      this.sink.gap(missing, frame, 'frame cut by the capture snapshot length');
    }
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const p = this.pending[0] as Pending;
      if (rel(p.seq, this.next as number) > 0) return;
      this.pending.shift();
      this.pendingBytes -= p.payload.length;
      this.take(p.seq, p.payload, p.wire, p.frame);
    }
  }
}
