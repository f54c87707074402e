/**
 * Time source for the copy manager (token timeouts, background copies).
 *
 * @remarks Since 0.1.0
 */
export interface Clock {
  /** Current time in milliseconds (any epoch; only differences matter). Must not go backwards. */
  now(): number;
}

/**
 * A clock that only moves when told to: makes copy-manager tests deterministic.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const cm = new CopyManager({ clock, logicalUnits: [{ blockSize: 512, capacity: 1024n }] });
 * clock.advance(1_000); // one second later
 * ```
 * @remarks Since 0.1.0
 */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  /** Current time in milliseconds. */
  now(): number {
    return this.t;
  }
  /** Move the clock forward by `ms` milliseconds (negative values are ignored). */
  advance(ms: number): void {
    if (ms > 0) this.t += ms;
  }
}

/**
 * The default clock: `Date.now()` (available in every ES runtime).
 *
 * @remarks Since 0.1.0
 */
export const systemClock: Clock = { now: (): number => Date.now() };
