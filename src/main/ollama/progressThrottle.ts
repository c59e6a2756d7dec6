/** The clock and timer the throttle uses; tests pass their own or rely on vitest's fake timers. */
export interface ThrottleTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ProgressThrottleOptions {
  /** At most one value per this many ms; 100 ms keeps a progress bar smooth at ≤ 10 messages a second. */
  intervalMs?: number
  timers?: ThrottleTimers
}

const systemTimers: ThrottleTimers = {
  // Looked up on every call so vitest's fake timers, installed later, take effect.
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Passes on the latest of a fast series of values (a pull reports every ~60 ms per layer), at most
 * once per interval. Only the newest value matters, so the ones in between are replaced, never
 * queued; the last one is always delivered, by a trailing timer or by flush().
 */
export class ProgressThrottle<T> {
  private readonly forward: (value: T) => void
  private readonly intervalMs: number
  private readonly timers: ThrottleTimers
  private pending: { value: T } | undefined
  private lastForwardAt = -Infinity
  private timer: unknown
  private closed = false

  constructor(forward: (value: T) => void, options: ProgressThrottleOptions = {}) {
    this.forward = forward
    this.intervalMs = options.intervalMs ?? 100
    this.timers = options.timers ?? systemTimers
  }

  push(value: T): void {
    if (this.closed) return
    this.pending = { value }
    const wait = this.lastForwardAt + this.intervalMs - this.timers.now()
    if (wait <= 0) return this.flush()
    this.timer ??= this.timers.setTimeout(() => {
      this.timer = undefined
      this.flush()
    }, wait)
  }

  /** Delivers the pending value now, if there is one. */
  flush(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.timer = undefined
    const pending = this.pending
    if (!pending) return
    this.pending = undefined
    this.lastForwardAt = this.timers.now()
    this.forward(pending.value)
  }

  /** Delivers the final value and ignores anything pushed later. */
  close(): void {
    this.flush()
    this.closed = true
  }
}
