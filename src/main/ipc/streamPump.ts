/**
 * Collects stream events and hands them on at most once per frame (~16 ms), so a model that
 * produces hundreds of tokens a second costs the renderer ~60 messages a second, not hundreds.
 * An event after a quiet frame goes out at once: the first token should not wait for a batch.
 */
export class StreamPump<E> {
  private pending: E[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private closed = false
  private lastFlushAt = -Infinity
  private readonly flushTo: (events: E[]) => void
  private readonly intervalMs: number

  constructor(flushTo: (events: E[]) => void, intervalMs = 16) {
    this.flushTo = flushTo
    this.intervalMs = intervalMs
  }

  push(event: E): void {
    if (this.closed) return
    this.pending.push(event)
    if (this.timer !== undefined) return
    const wait = this.lastFlushAt + this.intervalMs - Date.now()
    if (wait <= 0) return this.flush()
    this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Sends what is pending now; later events start a new frame. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    this.lastFlushAt = Date.now()
    this.flushTo(batch)
  }

  close(): void {
    this.flush()
    this.closed = true
  }
}
