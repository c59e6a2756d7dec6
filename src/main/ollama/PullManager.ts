import { isActivePull, normalizeModelName, type PullJob, type PullProgress } from '../../shared/domain/pull.ts'
import { AppError, toErrorInfo, type ErrorInfo } from '../../shared/ipc/errors.ts'
import { formatBytes, formatDuration } from '../../shared/format.ts'
import type { OllamaClient } from './OllamaClient.ts'
import { ProgressThrottle } from './progressThrottle.ts'
import { PullProgressTracker } from './pullProgress.ts'

/** Where the server keeps models and how much room is left there; known only for a server on this machine. */
export interface ModelStorage {
  dir: string
  freeBytes: number
}

export interface PullManagerOptions {
  client: () => OllamaClient
  publish: (job: PullJob) => void
  /** Waits between automatic retries; when they run out the pull fails with the last error. */
  retryDelaysMs?: number[]
  /** No progress line for this long counts as a stalled connection and is retried. */
  stallMs?: number
  /** Pulls downloading at once; Ollama fetches one blob at a time, so more only splits the bandwidth. */
  concurrency?: number
  storage?: () => Promise<ModelStorage | undefined>
  /** Download size when it is known before the server says (the recommended list). */
  knownSize?: (model: string) => number | undefined
}

/** Why a request was aborted by us rather than by the network. */
type StopReason = 'pause' | 'cancel' | 'stall' | 'disk'

interface Entry {
  job: PullJob
  tracker: PullProgressTracker
  throttle: ProgressThrottle<PullJob>
  controller?: AbortController
  stopReason?: StopReason
  diskError?: AppError
  diskChecked: boolean
  stallTimer?: ReturnType<typeof setTimeout>
  retryTimer?: ReturnType<typeof setTimeout>
  /** Consecutive failed tries; a try that made progress resets it. */
  failures: number
}

const NO_SPACE = /no space left on device|not enough space|disk full/i

/**
 * Owns model pulls in main, so they keep going when a window reloads: a queue with one download
 * at a time, pause/resume/cancel, automatic retries that resume from the server's partial files,
 * stall detection, and disk-space checks. Progress is whole-model (all layers) and reaches
 * listeners at most 10 times a second.
 */
export class PullManager {
  private readonly entries = new Map<string, Entry>()
  private readonly options: Required<Omit<PullManagerOptions, 'storage' | 'knownSize'>> & Pick<PullManagerOptions, 'storage' | 'knownSize'>
  private disposed = false

  constructor(options: PullManagerOptions) {
    this.options = { retryDelaysMs: [2_000, 5_000, 10_000, 20_000, 30_000], stallMs: 30_000, concurrency: 1, ...options }
  }

  list(): PullJob[] {
    return [...this.entries.values()].map((e) => ({ ...e.job }))
  }

  /** Across the pulls still under way: the share of their known bytes on disk, for a taskbar bar. */
  overallFraction(): number | undefined {
    const active = [...this.entries.values()].filter((e) => isActivePull(e.job))
    const total = active.reduce((n, e) => n + e.job.progress.totalBytes, 0)
    if (active.length === 0) return undefined
    return total > 0 ? active.reduce((n, e) => n + e.job.progress.completedBytes, 0) / total : 0
  }

  /** Queues a pull (or returns the one already under way, or resumes a paused one) without waiting for it. */
  start(typed: string): PullJob {
    const model = normalizeModelName(typed)
    const existing = this.entries.get(model)
    if (existing && isActivePull(existing.job)) return { ...existing.job }
    if (existing?.job.state === 'paused') return this.resume(model) ?? { ...existing.job }
    existing?.throttle.close()
    const tracker = new PullProgressTracker()
    const job: PullJob = { model, state: 'queued', progress: tracker.snapshot(), attempt: 1 }
    if (model !== typed.trim()) job.requestedAs = typed.trim()
    const entry: Entry = {
      job,
      tracker,
      // A state change is never swallowed by a newer update: the UI and the CLI see every transition.
      throttle: new ProgressThrottle<PullJob>((value) => this.options.publish(value), { distinct: (a, b) => a.state !== b.state }),
      diskChecked: false,
      failures: 0,
    }
    this.entries.delete(model)
    this.entries.set(model, entry)
    this.update(entry, { state: 'queued' })
    this.pump()
    return { ...entry.job }
  }

  /** Stops downloading but keeps the place in the list; the server keeps the partial files. */
  pause(model: string): boolean {
    return this.interrupt(model, 'pause')
  }

  resume(model: string): PullJob | undefined {
    const entry = this.entries.get(model)
    if (entry?.job.state !== 'paused') return undefined
    entry.failures = 0
    this.update(entry, { state: 'queued', error: undefined, attempt: entry.job.attempt + 1 })
    this.pump()
    return { ...entry.job }
  }

  /** Ends the pull; the server keeps the partial files, so pulling the model again continues from them. */
  cancel(model: string): boolean {
    const entry = this.entries.get(model)
    if (entry?.job.state === 'paused') {
      this.update(entry, { state: 'cancelled' })
      return true
    }
    return this.interrupt(model, 'cancel')
  }

  /** Forgets a finished pull so the list shows only what matters; one under way or paused stays. */
  dismiss(model: string): boolean {
    const entry = this.entries.get(model)
    if (!entry || isActivePull(entry.job) || entry.job.state === 'paused') return false
    entry.throttle.close()
    return this.entries.delete(model)
  }

  dispose(): void {
    this.disposed = true
    for (const entry of this.entries.values()) {
      this.clearTimers(entry)
      entry.controller?.abort()
      entry.throttle.close()
    }
  }

  private interrupt(model: string, reason: 'pause' | 'cancel'): boolean {
    const entry = this.entries.get(model)
    if (!entry || !isActivePull(entry.job)) return false
    const state = reason === 'pause' ? 'paused' : 'cancelled'
    if (entry.job.state === 'running') {
      entry.stopReason = reason
      entry.controller?.abort()
    } else {
      this.clearTimers(entry)
      this.update(entry, { state, retryAt: undefined, retryReason: undefined })
      this.pump()
    }
    return true
  }

  /** Every change, state changes too, goes through the throttle: the UI gets at most 10 updates a second. */
  private update(entry: Entry, change: Partial<PullJob>): void {
    Object.assign(entry.job, change)
    entry.throttle.push({ ...entry.job })
  }

  /** Starts queued pulls while there is a free slot; a pull waiting to retry keeps its slot. */
  private pump(): void {
    if (this.disposed) return
    const jobs = [...this.entries.values()]
    let busy = jobs.filter((e) => e.job.state === 'running' || e.job.state === 'retrying').length
    for (const entry of jobs) {
      if (busy >= this.options.concurrency) return
      if (entry.job.state !== 'queued') continue
      busy += 1
      void this.run(entry)
    }
  }

  private async run(entry: Entry): Promise<void> {
    const controller = new AbortController()
    entry.controller = controller
    entry.stopReason = undefined
    entry.diskChecked = false
    entry.diskError = undefined
    this.update(entry, { state: 'running', retryAt: undefined, retryReason: undefined })
    const bytesBefore = entry.job.progress.completedBytes
    try {
      const noRoom = await this.roomFor(entry, this.options.knownSize?.(entry.job.model))
      if (noRoom) throw noRoom
      this.armStallTimer(entry)
      await this.options.client().pull(entry.job.model, controller.signal, (line) => {
        const before = entry.job.progress
        entry.tracker.update(line)
        const progress = entry.tracker.snapshot()
        this.watchForStall(entry, before, progress)
        const notice = progress.redownloadBytes
          ? `Ollama no longer had ${formatBytes(progress.redownloadBytes)} downloaded earlier (it was restarted), so that part is downloading again.`
          : entry.job.notice
        this.update(entry, { progress, notice })
        this.checkRoomWhileRunning(entry, controller)
      })
      this.clearTimers(entry)
      this.update(entry, { state: 'done', progress: entry.tracker.snapshot(), error: undefined })
    } catch (error) {
      this.clearTimers(entry)
      if (entry.job.progress.completedBytes > bytesBefore) entry.failures = 0
      await this.settleFailure(entry, error)
    } finally {
      entry.controller = undefined
      this.pump()
    }
  }

  private async settleFailure(entry: Entry, error: unknown): Promise<void> {
    const reason = entry.stopReason
    if (reason === 'pause') return this.update(entry, { state: 'paused' })
    if (reason === 'cancel' || this.disposed) return this.update(entry, { state: 'cancelled' })
    if (reason === 'disk' && entry.diskError) return this.fail(entry, entry.diskError.toInfo())
    const info = toErrorInfo(error)
    if (info.code === 'DISK_FULL') return this.fail(entry, info)
    if (NO_SPACE.test(info.message)) return this.fail(entry, (await this.serverDiskFull(entry, info.message)).toInfo())
    const stalled = reason === 'stall'
    if ((stalled || info.retryable === true) && entry.failures < this.options.retryDelaysMs.length) {
      return this.scheduleRetry(entry, stalled ? `No new data arrived for ${formatDuration(this.options.stallMs / 1000)}.` : info.message)
    }
    const tries = entry.job.attempt > 1 ? `Gave up after ${entry.job.attempt} tries.` : ''
    this.fail(entry, stalled ? { code: 'OLLAMA_ERROR', message: 'The download stopped making progress.', retryable: true } : info, tries)
  }

  /** `tries` is a sentence of its own after the error's message, which ends with its own full stop. */
  private fail(entry: Entry, error: ErrorInfo, tries = ''): void {
    const message = tries && !error.message.includes(tries) ? `${error.message} ${tries}` : error.message
    this.update(entry, { state: 'failed', error: { ...error, message } })
  }

  private scheduleRetry(entry: Entry, reason: string): void {
    const delay = this.options.retryDelaysMs[entry.failures] ?? 0
    entry.failures += 1
    this.update(entry, { state: 'retrying', retryAt: Date.now() + delay, retryReason: reason })
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = undefined
      if (entry.job.state !== 'retrying' || this.disposed) return
      // Counted with the try itself, so the published "retrying" keeps the number of the try that failed.
      entry.job.attempt += 1
      void this.run(entry)
    }, delay)
  }

  /**
   * A stall is no new bytes for `stallMs` while downloading. Lines alone prove nothing: the server
   * repeats the same figures every 60 ms whether bytes arrive or not. Once it verifies and writes,
   * it works on its own disk and may stay silent for a long time, so the watch ends there.
   */
  private watchForStall(entry: Entry, before: PullProgress, after: PullProgress): void {
    if (after.phase !== 'manifest' && after.phase !== 'downloading') return this.clearStallTimer(entry)
    if (after.completedBytes > before.completedBytes || after.phase !== before.phase) this.armStallTimer(entry)
  }

  private armStallTimer(entry: Entry): void {
    // Called for every progress line: restarting the existing timer is much cheaper than replacing it.
    if (entry.stallTimer !== undefined) {
      entry.stallTimer.refresh()
      return
    }
    entry.stallTimer = setTimeout(() => {
      entry.stopReason = 'stall'
      entry.controller?.abort()
    }, this.options.stallMs)
  }

  private clearStallTimer(entry: Entry): void {
    if (entry.stallTimer !== undefined) clearTimeout(entry.stallTimer)
    entry.stallTimer = undefined
  }

  private clearTimers(entry: Entry): void {
    this.clearStallTimer(entry)
    if (entry.retryTimer !== undefined) clearTimeout(entry.retryTimer)
    entry.retryTimer = undefined
  }

  /** The error to stop with when the rest of the download cannot fit on the server's disk; undefined when it fits or nobody knows. */
  private async roomFor(entry: Entry, totalBytes: number | undefined): Promise<AppError | undefined> {
    if (totalBytes === undefined || !this.options.storage) return undefined
    entry.diskChecked = true
    const storage = await this.options.storage()
    const needed = totalBytes - entry.job.progress.completedBytes
    return storage && storage.freeBytes < needed ? this.diskFullError(entry, undefined, { storage, needed }) : undefined
  }

  /** Checked once per try, as soon as the big first layer announces its size. */
  private checkRoomWhileRunning(entry: Entry, controller: AbortController): void {
    const { phase, totalBytes } = entry.job.progress
    if (entry.diskChecked || phase !== 'downloading' || totalBytes === 0) return
    void this.roomFor(entry, totalBytes).then((error) => {
      if (!error || entry.controller !== controller) return
      entry.diskError = error
      entry.stopReason = 'disk'
      controller.abort()
    })
  }

  /** The server ran out of room: name the folder and its free space when they can be known (a server on this machine). */
  private async serverDiskFull(entry: Entry, serverText: string): Promise<AppError> {
    const { totalBytes, completedBytes } = entry.job.progress
    const storage = await this.options.storage?.().catch(() => undefined)
    return this.diskFullError(entry, serverText, storage && { storage, needed: Math.max(0, totalBytes - completedBytes) })
  }

  private diskFullError(entry: Entry, serverText?: string, known?: { storage: ModelStorage; needed: number }): AppError {
    const progress = entry.job.progress
    const needed = known?.needed ?? Math.max(0, progress.totalBytes - progress.completedBytes)
    const where = known ? `the models folder ${known.storage.dir}` : "the server's models folder"
    // Free space is worth saying only when it explains the failure (a quota or another disk may be the cause otherwise).
    const free = known && known.storage.freeBytes < needed ? ` (${formatBytes(known.storage.freeBytes)} free)` : ''
    const amount = needed > 0 ? `about ${formatBytes(needed)} more` : 'more space'
    return new AppError({
      code: 'DISK_FULL',
      message: `Not enough disk space to pull ${entry.job.model}: it needs ${amount} in ${where}${free}.`,
      hint: `Free some space there (or delete models you no longer use), then pull again: the part already downloaded is kept.${serverText ? ` Ollama said: ${serverText}` : ''}`,
    })
  }
}
