/** The clock and timer the throttle uses; tests pass their own or rely on vitest's fake timers. */
export interface ThrottleTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ProgressThrottleOptions<T> {
  /** At most one value per this many ms; 100 ms keeps a progress bar smooth at ≤ 10 messages a second. */
  intervalMs?: number
  timers?: ThrottleTimers
  /**
   * True when `next` must not replace the waiting `previous` (e.g. a pull's state changed): both are
   * delivered, one interval apart. Otherwise the newer value replaces the waiting one.
   */
  distinct?: (previous: T, next: T) => boolean
}

const systemTimers: ThrottleTimers = {
  // Looked up on every call so vitest's fake timers, installed later, take effect.
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Passes on a fast series of values (a pull reports every ~60 ms per layer) at most once per
 * interval. Values in between are replaced by newer ones unless `distinct` says a transition
 * must be seen; the last one is always delivered, by a trailing timer or by close().
 */
export class ProgressThrottle<T> {
  private readonly forward: (value: T) => void
  private readonly intervalMs: number
  private readonly timers: ThrottleTimers
  private readonly distinct: (previous: T, next: T) => boolean
  private readonly waiting: T[] = []
  private lastForwardAt = -Infinity
  private timer: unknown
  private closed = false

  constructor(forward: (value: T) => void, options: ProgressThrottleOptions<T> = {}) {
    this.forward = forward
    this.intervalMs = options.intervalMs ?? 100
    this.timers = options.timers ?? systemTimers
    this.distinct = options.distinct ?? (() => false)
  }

  push(value: T): void {
    if (this.closed) return
    const last = this.waiting.length - 1
    if (last >= 0 && !this.distinct(this.waiting[last] as T, value)) this.waiting[last] = value
    else this.waiting.push(value)
    this.schedule()
  }

  /** Delivers everything still waiting and ignores anything pushed later. */
  close(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.timer = undefined
    for (const value of this.waiting.splice(0)) this.forward(value)
    this.closed = true
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiting.length === 0) return
    // Timers may fire a little early by the wall clock, so the wait is measured again each time.
    const wait = this.lastForwardAt + this.intervalMs - this.timers.now()
    if (wait > 0) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined
        this.schedule()
      }, wait)
      return
    }
    this.lastForwardAt = this.timers.now()
    this.forward(this.waiting.shift() as T)
    this.schedule()
  }
}
