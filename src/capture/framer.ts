/**
 * One direction of an iSCSI connection framed into PDUs: reassembled TCP bytes in, whole PDUs
 * out (to the connection's session, which pairs them into exchanges). Digests come from the
 * login, or are detected by their CRC32C when the login is not in the capture. A gap inside a
 * PDU's data segment leaves a hole in that PDU; a gap that takes a header loses the framing of
 * the direction until a segment starts with a header that checks out. No platform API.
 *
 * @see RFC 7143 (iSCSI): sections 11.2 (PDU format), 13.1 (digests)
 */
import { isScsiCodecError } from '../errors.js';
import { ISCSI_BHS_LENGTH, iscsiPduName } from '../iscsi/pdu/constants.js';
import { crc32c, readIscsiDigest } from '../iscsi/pdu/crc32c.js';
import { decodeIscsiPdu, iscsiPduLength } from '../iscsi/pdu/pdu.js';
import type { IscsiPdu } from '../iscsi/pdu/pdu-types.js';
import type { StreamSink } from './tcp.js';
import type { CaptureConnection } from './types.js';

/** What a framer needs from the capture being read. @internal */
export interface FramerReader {
  /** Capture time of the frame being read, seconds since 1970. */
  readonly time: number;
  /** Whether digests are checked (a mismatch is a warning). */
  readonly verifyDigests: boolean;
  warn(frame: number, kind: string, message: string): void;
}

/**
 * What a framer needs from the connection it frames (the session implements it): the digest
 * settings it reads and, when the login is not in the capture, decides; the open tasks (to
 * find framing again); the other direction's framer; and where whole PDUs go.
 *
 * @internal
 */
export interface FramerSession {
  readonly reader: FramerReader;
  readonly conn: Pick<CaptureConnection, 'stream'> & {
    headerDigest: boolean;
    dataDigest: boolean;
    digestsFrom: CaptureConnection['digestsFrom'];
  };
  /** Open tasks by Initiator Task Tag. */
  readonly tasks: ReadonlyMap<number, unknown>;
  readonly toTarget: Framer;
  readonly toInitiator: Framer;
  /** Frame the PDUs both directions hold, in the order their last bytes were captured. */
  pumpBoth(frame: number): void;
  /** A whole PDU of this connection, dated by the frame of its last byte. */
  pdu(pdu: IscsiPdu, fromInitiator: boolean, frame: number, time: number, holes: string | undefined): void;
}

/**
 * One direction's PDU framer: bytes in, whole PDUs out. A gap inside a PDU's data segment
 * leaves a hole in that PDU (reported; framing goes on by its length); a gap that takes a PDU
 * header loses the framing of this direction (reported) until a segment starts with a header that
 * checks out (resynchronised, reported).
 */
export class Framer implements StreamSink {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /**
   * Which frame brought which bytes: `end` is the buffered-byte count (from the buffer's start)
   * up to which `frame` (at `time`) delivered them. A PDU is dated by the frame of its last byte.
   */
  marks: { end: number; frame: number; time: number }[] = [];

  private mark(n: number, frame: number): void {
    this.marks.push({ end: this.buffered + n, frame, time: this.reader.time });
  }

  /** Frame and time of the byte `n - 1` of the buffer; the marks move to the bytes after it. */
  private dateOf(n: number, frame: number): { frame: number; time: number } {
    const m = this.marks.find((x) => x.end >= n);
    const out = m === undefined ? { frame, time: this.reader.time } : { frame: m.frame, time: m.time };
    this.marks = this.marks.filter((x) => x.end > n).map((x) => ({ ...x, end: x.end - n }));
    return out;
  }
  /** Holes (zero-filled) in the buffered bytes: [start, length] from the buffer's start. */
  private holes: [number, number][] = [];
  private lost = false;
  /** Whether the digest settings are known (from the login, or detected). */
  digestsKnown = false;
  /** Whether the login phase is still on (no digests during login). */
  inLogin = true;
  private sawAny = false;
  private headerChecked = false;
  private dataChecked = false;
  /** End of the stream: decide what cannot be checked any more. */
  private ending = false;

  private readonly session: FramerSession;
  private readonly fromInitiator: boolean;

  constructor(session: FramerSession, fromInitiator: boolean) {
    this.session = session;
    this.fromInitiator = fromInitiator;
  }

  private get reader(): FramerReader {
    return this.session.reader;
  }

  data(bytes: Uint8Array, frame: number): void {
    if (this.lost) {
      // Bytes arrive a segment at a time: a segment that starts with a header that checks out
      // (see resyncs) is where framing starts again. Said in a warning; nothing is guessed
      // about the bytes in between, which stay missing.
      if (!this.resyncs(bytes)) return;
      this.lost = false;
      this.reader.warn(
        frame,
        'framing-resynchronised',
        `connection ${this.session.conn.stream} (${this.fromInitiator ? 'initiator to target' : 'target to initiator'}): framing found again at frame ${frame}: the segment starts with a ${iscsiPduName((bytes[0] as number) & 0x3f)} header for ${this.fromInitiator ? 'a new task' : 'an open task'}`,
      );
      this.pump(frame);
      return;
    }
    this.mark(bytes.length, frame);
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    this.pump(frame);
  }

  gap(length: number, frame: number, why: string): void {
    const c = this.session.conn;
    const dir = this.fromInitiator ? 'initiator to target' : 'target to initiator';
    this.reader.warn(frame, 'gap', `connection ${c.stream} (${dir}): ${length} bytes missing (${why})`);
    if (this.lost) return;
    const n = this.headerNeed();
    const total = n === undefined ? undefined : this.pduLengthNow();
    if (n === undefined || total === undefined || this.buffered < n || this.buffered + length > total) {
      this.lost = true;
      this.chunks = [];
      this.marks = [];
      this.buffered = 0;
      this.holes = [];
      this.reader.warn(
        frame,
        'framing-lost',
        `connection ${c.stream} (${dir}): a PDU header is in the gap; PDUs are skipped until a segment starts with a header that checks out`,
      );
      return;
    }
    this.holes.push([this.buffered, length]);
    this.mark(length, frame);
    this.chunks.push(new Uint8Array(length));
    this.buffered += length;
    this.pump(frame);
  }

  private digests(): { headerDigest: boolean; dataDigest: boolean } {
    if (this.inLogin) return { headerDigest: false, dataDigest: false };
    const c = this.session.conn;
    return { headerDigest: c.headerDigest, dataDigest: c.dataDigest };
  }

  /** Bytes of the header part (BHS + AHS + header digest), once the BHS is buffered. */
  private headerNeed(): number | undefined {
    if (this.buffered < ISCSI_BHS_LENGTH) return undefined;
    const b = this.peek(ISCSI_BHS_LENGTH);
    return ISCSI_BHS_LENGTH + (b[4] as number) * 4 + (this.digests().headerDigest ? 4 : 0);
  }

  private pduLengthNow(): number | undefined {
    if (this.buffered < ISCSI_BHS_LENGTH) return undefined;
    return iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests());
  }

  /** The first `n` buffered bytes (a view when they lie in one chunk). */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    if (first.length >= n) return first.subarray(0, n);
    // Merge the chunks that cover the first n bytes into one (whole chunks: nothing is split).
    let k = 0;
    let o = 0;
    while (o < n) o += (this.chunks[k++] as Uint8Array).length;
    const merged = new Uint8Array(o);
    o = 0;
    for (let i = 0; i < k; i++) {
      const c = this.chunks[i] as Uint8Array;
      merged.set(c, o);
      o += c.length;
    }
    this.chunks.splice(0, k, merged);
    return merged.subarray(0, n);
  }

  /** Remove and return the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let o = 0;
      while (o < n) {
        const c = this.chunks[0] as Uint8Array;
        const k = Math.min(c.length, n - o);
        out.set(k === c.length ? c : c.subarray(0, k), o);
        o += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    return out;
  }

  pump(frame: number): void {
    while (!this.lost && this.buffered >= ISCSI_BHS_LENGTH) {
      if (!this.sawAny) {
        this.sawAny = true;
        const op = (this.peek(1)[0] as number) & 0x3f;
        // A connection picked up after its login: digests unknown until a PDU shows them.
        if (op !== 0x03 && op !== 0x23 && !this.digestsKnown) this.inLogin = false;
      }
      if (!this.digestsKnown && !this.inLogin) {
        const d = this.detectDigests(frame);
        if (d === 'wait') return;
        if (d === 'decided') {
          // Both directions' held PDUs are framed in the order of the capture.
          this.session.pumpBoth(frame);
          return;
        }
        // A PDU without data: framed with the header digest known, the data digest still open.
        if (!this.step(frame)) return;
        continue;
      }
      if (!this.step(frame)) return;
    }
  }

  /**
   * Frame of the last byte of the next whole PDU, if one is buffered and can be framed (0 when
   * framing it fails: `step` reports that).
   */
  readyFrame(): number | undefined {
    if (this.lost || this.buffered < ISCSI_BHS_LENGTH || (!this.digestsKnown && !this.inLogin)) return undefined;
    let total: number;
    try {
      total = iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests()) as number;
    } catch {
      return 0;
    }
    if (this.buffered < total) return undefined;
    return this.marks.find((x) => x.end >= total)?.frame ?? 0;
  }

  /** Frame and decode the next PDU if it is all there; false if not (or framing is lost). */
  step(frame: number): boolean {
    {
      let total: number;
      try {
        total = iscsiPduLength(this.peek(ISCSI_BHS_LENGTH), this.digests()) as number;
      } catch (e) {
        if (!isScsiCodecError(e)) throw e;
        this.loseFraming(frame, e.message);
        return false;
      }
      if (this.buffered < total) return false;
      const holes = this.holesIn(total);
      const bytes = this.take(total);
      const when = this.dateOf(total, frame);
      this.decode(bytes, when.frame, when.time, holes);
      return true;
    }
  }

  /** Describe (and drop) the holes within the next `total` bytes. */
  private holesIn(total: number): string | undefined {
    if (this.holes.length === 0) return undefined;
    const inside = this.holes.filter(([s]) => s < total);
    this.holes = this.holes.filter(([s]) => s >= total).map(([s, l]) => [s - total, l]);
    if (inside.length === 0) return undefined;
    return inside.map(([s, l]) => `${l} bytes at PDU byte ${s} not in the capture (zero-filled)`).join('; ');
  }

  private decode(bytes: Uint8Array, frame: number, time: number, holes: string | undefined): void {
    const d = this.digests();
    const verify = this.reader.verifyDigests && holes === undefined;
    let pdu: IscsiPdu;
    try {
      pdu = decodeIscsiPdu(bytes, { ...d, verifyDigests: verify, dataView: true });
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      if (e.field === 'headerDigest' || e.field === 'dataDigest') {
        this.reader.warn(frame, 'digest-mismatch', `connection ${this.session.conn.stream}: ${e.message}`);
        try {
          pdu = decodeIscsiPdu(bytes, { ...d, verifyDigests: false, dataView: true });
        } catch (e2) {
          if (!isScsiCodecError(e2)) throw e2;
          this.reader.warn(frame, 'bad-pdu', `connection ${this.session.conn.stream}: ${e2.message}`);
          return;
        }
      } else {
        this.reader.warn(frame, 'bad-pdu', `connection ${this.session.conn.stream}: ${e.message}`);
        return;
      }
    }
    this.session.pdu(pdu, this.fromInitiator, frame, time, holes);
  }

  /**
   * Whether `b` (the start of a segment) starts with a PDU header this direction could send: a
   * known opcode of this direction with the reserved bit 7 of byte 0 clear, a DataSegmentLength
   * below 2^24 and, for the target's PDUs, the Initiator Task Tag of a task still open (or
   * FFFFFFFFh for NOP-In and Asynchronous Message); the initiator's must be a SCSI Command (a new
   * task). With header digests, the CRC32C must check out as well.
   */
  private resyncs(b: Uint8Array): boolean {
    if (b.length < ISCSI_BHS_LENGTH || ((b[0] as number) & 0x80) !== 0) return false;
    const op = (b[0] as number) & 0x3f;
    const itt =
      (((b[16] as number) << 24) | ((b[17] as number) << 16) | ((b[18] as number) << 8) | (b[19] as number)) >>> 0;
    if (this.fromInitiator) {
      if (op !== 0x01 || this.session.tasks.has(itt)) return false;
    } else if (op === 0x25 || op === 0x21 || op === 0x31) {
      if (!this.session.tasks.has(itt)) return false;
    } else return false;
    const d = this.digests();
    if (d.headerDigest) {
      const hdr = ISCSI_BHS_LENGTH + (b[4] as number) * 4;
      if (b.length < hdr + 4 || crc32c(b, 0, 0, hdr) !== readIscsiDigest(b, hdr)) return false;
    }
    this.chunks = [b];
    this.marks = [];
    this.buffered = b.length;
    this.holes = [];
    return true;
  }

  private loseFraming(frame: number, why: string): void {
    this.lost = true;
    this.chunks = [];
    this.marks = [];
    this.buffered = 0;
    this.reader.warn(
      frame,
      'framing-lost',
      `connection ${this.session.conn.stream}: ${why}; PDUs of this direction are skipped until a segment starts with a header that checks out`,
    );
  }

  /**
   * The login is not in the capture: find out whether this connection uses digests by checking
   * the CRC32C where one would be (a match by chance has odds of 1 in 2^32). Returns false while
   * more bytes are needed.
   */
  private detectDigests(frame: number): 'wait' | 'frame-one' | 'decided' {
    const c = this.session.conn;
    const b = this.peek(ISCSI_BHS_LENGTH);
    const ahs = (b[4] as number) * 4;
    const dsl = ((b[5] as number) << 16) | ((b[6] as number) << 8) | (b[7] as number);
    const hdr = ISCSI_BHS_LENGTH + ahs;
    if (!this.headerChecked) {
      if (this.buffered < hdr + 4) {
        if (!this.ending) return 'wait';
        c.headerDigest = false;
      } else {
        const h = this.peek(hdr + 4);
        c.headerDigest = crc32c(h, 0, 0, hdr) === readIscsiDigest(h, hdr);
      }
      this.headerChecked = true;
    }
    if (!this.dataChecked) {
      // A PDU without data cannot tell; framing it does not need to know.
      if (dsl === 0 && !this.ending) return 'frame-one';
      const start = hdr + (c.headerDigest ? 4 : 0);
      const padded = (dsl + 3) & ~3;
      if (dsl === 0 || this.buffered < start + padded + 4) {
        if (!this.ending) return 'wait';
        c.dataDigest = false;
      } else {
        const p = this.peek(start + padded + 4);
        c.dataDigest = crc32c(p, 0, start, start + padded) === readIscsiDigest(p, start + padded);
      }
      this.dataChecked = true;
    }
    this.digestsKnown = true;
    const other = this.fromInitiator ? this.session.toInitiator : this.session.toTarget;
    other.digestsKnown = true;
    other.inLogin = false;
    other.headerChecked = true;
    other.dataChecked = true;
    if (c.headerDigest || c.dataDigest) {
      c.digestsFrom = 'detected';
      this.reader.warn(
        frame,
        'digests-detected',
        `connection ${c.stream}: login not in the capture; header digest ${c.headerDigest ? 'CRC32C' : 'None'}, data digest ${c.dataDigest ? 'CRC32C' : 'None'} (detected: the CRC32C checks out)`,
      );
    } else {
      this.reader.warn(
        frame,
        'digests-assumed',
        `connection ${c.stream}: login not in the capture; no digests assumed (no CRC32C where one would be)`,
      );
    }
    return 'decided';
  }

  /** The connection ends: decide what is still undecided, frame what is buffered, report leftovers. */
  end(frame: number): void {
    if (this.lost) return;
    this.ending = true;
    this.pump(frame);
    if (this.buffered > 0) {
      const dir = this.fromInitiator ? 'initiator to target' : 'target to initiator';
      this.reader.warn(
        frame,
        'partial-pdu',
        `connection ${this.session.conn.stream} (${dir}): the capture ends ${this.buffered} bytes into a PDU`,
      );
      this.chunks = [];
      this.marks = [];
      this.buffered = 0;
    }
  }
}
