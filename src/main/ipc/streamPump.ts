/**
 * Collects stream events and hands them on at most 20 messages a second (one per 50 ms), so a model
 * that produces hundreds of tokens a second costs the renderer 20 updates a second, not hundreds.
 * Every update is a render, layout and paint of the growing reply: with a fast stream the window
 * used 80–94% of a core at 60 updates a second, 64–67% at 30 and about 50% at 20 (chat bench), and
 * a busy machine (Ollama on the same CPU) stretches a busy window's frames past 50 ms. Twenty
 * still reads as smooth text.
 * A small allowance (two messages) refills one per interval: after a quiet moment events go out at
 * once — a reply's stored messages and then its first token — instead of waiting for the interval
 * to end. "At once" is the end of the current task, so events pushed together (the user's message
 * and the reply's placeholder) share one message and leave the allowance for the token.
 */
export class StreamPump<E> {
  private pending: E[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private flushQueued = false
  private closed = false
  private allowance = BURST
  private refilledAt = Date.now()
  private readonly flushTo: (events: E[]) => void
  private readonly intervalMs: number

  constructor(flushTo: (events: E[]) => void, intervalMs = INTERVAL_MS) {
    this.flushTo = flushTo
    this.intervalMs = intervalMs
  }

  push(event: E): void {
    if (this.closed) return
    this.pending.push(event)
    if (this.timer !== undefined || this.flushQueued) return
    this.refill()
    if (this.allowance >= 1) {
      this.flushQueued = true
      queueMicrotask(() => {
        this.flushQueued = false
        this.flush()
      })
      return
    }
    this.timer = setTimeout(() => this.flush(), Math.ceil((1 - this.allowance) * this.intervalMs))
  }

  /** Sends what is pending now; later events start a new interval. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    this.refill()
    this.allowance = Math.max(0, this.allowance - 1)
    const batch = this.pending
    this.pending = []
    this.flushTo(batch)
  }

  close(): void {
    this.flush()
    this.closed = true
  }

  private refill(): void {
    const now = Date.now()
    this.allowance = Math.min(BURST, this.allowance + (now - this.refilledAt) / this.intervalMs)
    this.refilledAt = now
  }
}

const BURST = 2
const INTERVAL_MS = 50
