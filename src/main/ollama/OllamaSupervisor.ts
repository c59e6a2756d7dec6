import { EventEmitter } from 'node:events'
import type { OllamaStatus } from '../../shared/domain/ollamaStatus.ts'
import { isLoopbackHost } from './hostAddress.ts'
import type { OllamaServer, ServerState } from './OllamaServer.ts'
import type { OllamaStatusMonitor } from './OllamaStatusMonitor.ts'

export interface SupervisorOptions {
  monitor: OllamaStatusMonitor
  /** A server supervisor for the current host and settings, or undefined when the app must not start one. */
  createServer(host: string): OllamaServer | undefined
  /** Changes whenever the host or any setting `ollama serve` is started with changes. */
  serverKey(): string
}

/** A failure that the next probe may cure on its own (the user installs Ollama): keep trying, unlike a give-up. */
function worthRetryingUnasked(state: ServerState): boolean {
  return state.state === 'failed' && state.error.code === 'OLLAMA_NOT_INSTALLED'
}

/**
 * One status for the status area, from two sources: the monitor's probe (is something answering?)
 * and, for a host on this machine, the server the app runs itself (starting, restarting, gave up).
 * When the probe finds nothing answering, it starts the server; when settings change, it stops
 * the old one (only if the app started it) and starts over.
 */
export class OllamaSupervisor {
  private server: OllamaServer | undefined
  private key = ''
  private stopListening: (() => void) | undefined
  private status: OllamaStatus
  private readonly emitter = new EventEmitter()
  private readonly options: SupervisorOptions
  private readonly unsubscribe: () => void
  private disposed = false

  constructor(options: SupervisorOptions) {
    this.options = options
    this.status = options.monitor.current()
    this.unsubscribe = options.monitor.onChange(() => this.refresh())
  }

  current(): OllamaStatus {
    return this.status
  }

  onChange(listener: (status: OllamaStatus) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  start(): void {
    this.options.monitor.start()
  }

  /** Probes now; starts the server if nothing answers and the app may. */
  async check(): Promise<OllamaStatus> {
    await this.options.monitor.check()
    this.refresh()
    return this.status
  }

  /** After a give-up: the full backoff again, then a fresh probe. */
  async retry(): Promise<OllamaStatus> {
    const server = this.currentServer()
    if (server) await server.retry()
    return this.check()
  }

  /** Settings changed: a server the app started for the old settings stops, and the new ones apply. */
  async reconfigure(): Promise<OllamaStatus> {
    if (this.options.serverKey() !== this.key) await this.replaceServer()
    return this.check()
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.unsubscribe()
    this.options.monitor.stop()
    await this.replaceServer()
  }

  private async replaceServer(): Promise<void> {
    const old = this.server
    this.stopListening?.()
    this.server = undefined
    this.stopListening = undefined
    this.key = ''
    await old?.stop()
  }

  private currentServer(): OllamaServer | undefined {
    if (this.disposed) return undefined
    const key = this.options.serverKey()
    if (this.server && key === this.key) return this.server
    if (this.server) void this.replaceServer()
    const host = this.options.monitor.current().host
    if (!isLoopbackHost(host)) return undefined
    const server = this.options.createServer(host)
    if (!server) return undefined
    this.server = server
    this.key = key
    this.stopListening = server.onChange(() => {
      this.refresh()
      // Up (again): let the probe confirm at once instead of at the next poll.
      if (server.current().state === 'running') void this.options.monitor.check()
    })
    return server
  }

  private refresh(): void {
    const probe = this.options.monitor.current()
    const down = probe.state === 'not-running' || probe.state === 'not-installed'
    const server = down || this.server ? this.currentServer() : undefined
    const state = server?.current()
    if (down && server && state && (['idle', 'adopted', 'stopped'].includes(state.state) || worthRetryingUnasked(state))) {
      void server.ensure()
    }
    this.publish(combine(probe, server?.current()))
  }

  private publish(next: OllamaStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.status)) return
    this.status = next
    this.emitter.emit('change', next)
  }
}

/** The probe says whether something answers; the server state says what the app is doing about it. */
export function combine(probe: OllamaStatus, server: ServerState | undefined): OllamaStatus {
  const host = probe.host
  if (probe.state === 'running') return server?.state === 'running' ? { ...probe, managed: true } : probe
  if (probe.state === 'checking' || probe.state === 'unreachable' || !server) return probe
  switch (server.state) {
    case 'starting':
      return { state: 'starting', host, executable: server.executable }
    case 'restarting':
      return { state: 'restarting', host, attempt: server.attempt, delayMs: server.delayMs, lastExit: server.lastExit }
    case 'failed':
      if (server.error.code === 'OLLAMA_NOT_INSTALLED') return probe
      return { state: 'failed', host, error: server.error, logTail: server.logTail, suggestedPort: server.suggestedPort }
    default:
      return probe
  }
}
