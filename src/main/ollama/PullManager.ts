import { normalizeModelName, type PullJob } from '../../shared/domain/pull.ts'
import { toErrorInfo } from '../../shared/ipc/errors.ts'
import type { OllamaClient } from './OllamaClient.ts'
import { ProgressThrottle } from './progressThrottle.ts'
import { PullProgressTracker } from './pullProgress.ts'

interface RunningPull {
  job: PullJob
  controller: AbortController
}

/**
 * Owns model pulls in main, so they keep going when a window reloads. Each pull's progress is
 * whole-model (all layers) and reaches listeners at most 10 times a second.
 */
export class PullManager {
  private readonly pulls = new Map<string, RunningPull>()
  private readonly client: () => OllamaClient
  private readonly publish: (job: PullJob) => void

  constructor(options: { client: () => OllamaClient; publish: (job: PullJob) => void }) {
    this.client = options.client
    this.publish = options.publish
  }

  list(): PullJob[] {
    return [...this.pulls.values()].map((p) => p.job)
  }

  /** Starts a pull (or returns the one already running for that model) without waiting for it. */
  start(typed: string): PullJob {
    const model = normalizeModelName(typed)
    const existing = this.pulls.get(model)
    if (existing?.job.state === 'running') return existing.job
    const tracker = new PullProgressTracker()
    const job: PullJob = { model, state: 'running', progress: tracker.snapshot() }
    if (model !== typed.trim()) job.requestedAs = typed.trim()
    const controller = new AbortController()
    this.pulls.set(model, { job, controller })
    const throttle = new ProgressThrottle<PullJob>((value) => this.publish(value))
    const update = (change: Partial<PullJob>): void => {
      Object.assign(job, change)
      throttle.push({ ...job })
    }
    update({})
    void this.client()
      .pull(model, controller.signal, (line) => {
        tracker.update(line)
        update({ progress: tracker.snapshot() })
      })
      .then(
        () => update({ state: 'done', progress: tracker.snapshot() }),
        (error: unknown) => {
          const cancelled = controller.signal.aborted
          update(cancelled ? { state: 'cancelled' } : { state: 'failed', error: toErrorInfo(error) })
        },
      )
      .finally(() => throttle.close())
    return { ...job }
  }

  cancel(model: string): boolean {
    const pull = this.pulls.get(model)
    if (pull?.job.state !== 'running') return false
    pull.controller.abort()
    return true
  }

  /** Forgets a finished pull so the list shows only what matters; a running one stays. */
  dismiss(model: string): boolean {
    return this.pulls.get(model)?.job.state !== 'running' && this.pulls.delete(model)
  }

  dispose(): void {
    for (const pull of this.pulls.values()) pull.controller.abort()
  }
}
