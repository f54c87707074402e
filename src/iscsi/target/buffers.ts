/**
 * Write buffers of finished commands, kept for the next commands of the same size: a steady
 * stream of writes then runs without allocating (and faulting in) fresh memory per command.
 */

/** Smallest buffer worth keeping (smaller ones come cheaply from Node's buffer pool). */
const MIN_POOLED = 64 * 1024;

export class BufferPool {
  private readonly free: Map<number, Buffer[]> = new Map();
  private bytes = 0;
  private readonly maxBytes: number;

  /** @param maxBytes bytes kept at most. */
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** A buffer of `n` bytes with unspecified content: the caller overwrites every byte before it reads any. */
  take(n: number): Buffer {
    const b = this.free.get(n)?.pop();
    if (b !== undefined) {
      this.bytes -= n;
      return b;
    }
    return n < MIN_POOLED ? Buffer.allocUnsafe(n) : Buffer.allocUnsafeSlow(n);
  }

  /** Give back a buffer from {@link take} that nothing references any more. */
  give(b: Buffer): void {
    const n = b.length;
    if (n < MIN_POOLED || n > this.maxBytes) return;
    if (this.bytes + n > this.maxBytes) {
      // Full of other sizes: start over with the size in use now.
      this.free.clear();
      this.bytes = 0;
    }
    const list = this.free.get(n);
    if (list === undefined) this.free.set(n, [b]);
    else list.push(b);
    this.bytes += n;
  }

  /** Bytes kept. */
  get size(): number {
    return this.bytes;
  }
}
