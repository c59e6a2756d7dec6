import { EventEmitter } from 'node:events'
import type { OllamaStatus } from '../../shared/domain/ollamaStatus.ts'
import type { OllamaClient } from './OllamaClient.ts'
import { probeOllama } from './probeOllama.ts'

export interface StatusMonitorOptions {
  client: () => OllamaClient
  findExecutable: () => Promise<string | undefined>
  /** Poll faster while down so "came back" shows within a couple of seconds. */
  upIntervalMs?: number
  downIntervalMs?: number
}

function sameStatus(a: OllamaStatus, b: OllamaStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Keeps one answer to "is Ollama there?" and tells listeners when it changes. Main owns it, so
 * every window and the status area share the same view.
 */
export class OllamaStatusMonitor {
  private status: OllamaStatus
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false
  private inFlight: { host: string; result: Promise<OllamaStatus> } | undefined
  private readonly emitter = new EventEmitter()
  private readonly options: Required<StatusMonitorOptions>

  constructor(options: StatusMonitorOptions) {
    this.options = { upIntervalMs: 5_000, downIntervalMs: 2_000, ...options }
    this.status = { state: 'checking', host: options.client().host }
  }

  current(): OllamaStatus {
    return this.status
  }

  onChange(listener: (status: OllamaStatus) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  /** Probes now (joining a probe of the same host already under way) and returns the fresh status. */
  check(): Promise<OllamaStatus> {
    const host = this.options.client().host
    // A probe of the old host answers for the old host: after a change, wait for it and ask again.
    if (this.inFlight && this.inFlight.host !== host) return this.inFlight.result.then(() => this.check())
    this.inFlight ??= {
      host,
      result: this.probe().finally(() => {
        this.inFlight = undefined
      }),
    }
    return this.inFlight.result
  }

  start(): void {
    if (this.running) return
    this.running = true
    void this.loop()
  }

  stop(): void {
    this.running = false
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }

  private async loop(): Promise<void> {
    const status = await this.check()
    if (!this.running) return
    const delay = status.state === 'running' ? this.options.upIntervalMs : this.options.downIntervalMs
    this.timer = setTimeout(() => void this.loop(), delay)
  }

  private async probe(): Promise<OllamaStatus> {
    const client = this.options.client()
    const { status: next } = await probeOllama(client, this.options.findExecutable, 3_000)
    if (!sameStatus(next, this.status)) {
      this.status = next
      this.emitter.emit('change', next)
    }
    return next
  }
}
