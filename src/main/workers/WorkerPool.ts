import { Worker, type Transferable } from 'node:worker_threads'
import { AppError } from '../../shared/ipc/errors.ts'
import type { TaskTable } from './serveTasks.ts'
import type { TaskReply, TaskRequest } from './taskProtocol.ts'

export interface WorkerPoolOptions {
  /** The worker's entry module (one that calls serveTasks). */
  entry: URL
  /** Workers kept at most; they start on first use. */
  size?: number
  /** Heap cap per worker, so one hostile input cannot take the app's memory with it. */
  maxHeapMb?: number
}

export interface RunOptions {
  /** What the task is, for the time-limit message ("repairing the JSON syntax"). */
  label: string
  timeoutMs: number
  signal?: AbortSignal
  transfer?: Transferable[]
}

interface Job {
  request: TaskRequest
  options: RunOptions
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  /** Undone when the job settles: its abort listener and time limit. */
  cleanups: (() => void)[]
}

interface Slot {
  worker: Worker
  job: Job | undefined
}

/**
 * Runs CPU-heavy or untrusted work (file parsing, JSON repair, schema compilation) off the thread
 * that serves the windows. A task that overruns its time limit, is cancelled or crashes its worker
 * takes only that worker down; the next job gets a fresh one.
 */
export class WorkerPool<Tasks extends TaskTable> {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private readonly size: number
  private readonly options: WorkerPoolOptions
  private nextId = 1
  private closed = false

  constructor(options: WorkerPoolOptions) {
    this.options = options
    this.size = Math.max(1, options.size ?? 2)
  }

  run<K extends keyof Tasks & string>(
    task: K,
    input: Parameters<Tasks[K]>[0],
    options: RunOptions,
  ): Promise<Awaited<ReturnType<Tasks[K]>>> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed'))
    if (options.signal?.aborted) return Promise.reject(abortError())
    return new Promise((resolve, reject) => {
      const cleanups: (() => void)[] = []
      const settled = () => cleanups.splice(0).forEach((undo) => undo())
      const job: Job = {
        request: { id: this.nextId++, task, input },
        options,
        resolve: (value) => {
          settled()
          resolve(value as Awaited<ReturnType<Tasks[K]>>)
        },
        reject: (error) => {
          settled()
          reject(error)
        },
        cleanups,
      }
      const onAbort = () => this.abandon(job, abortError())
      options.signal?.addEventListener('abort', onAbort, { once: true })
      cleanups.push(() => options.signal?.removeEventListener('abort', onAbort))
      this.queue.push(job)
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('The worker pool is closed'))
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : undefined)
      if (!slot) return
      const job = this.queue.shift()!
      slot.job = job
      slot.worker.ref()
      const timer = setTimeout(() => this.abandon(job, overrun(job.options)), job.options.timeoutMs)
      job.cleanups.push(() => clearTimeout(timer))
      slot.worker.postMessage(job.request, job.options.transfer ?? [])
    }
  }

  private spawn(): Slot {
    const maxHeapMb = this.options.maxHeapMb ?? 1024
    const worker = new Worker(this.options.entry, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
    const slot: Slot = { worker, job: undefined }
    worker.unref()
    worker.on('message', (reply: TaskReply) => {
      const job = slot.job
      if (!job || job.request.id !== reply.id) return
      slot.job = undefined
      worker.unref()
      if (reply.ok) job.resolve(reply.value)
      else job.reject(new AppError(reply.error))
      this.dispatch()
    })
    worker.on('error', (error) => this.retire(slot, crashed(slot.job?.options, error)))
    worker.on('exit', () => this.retire(slot, crashed(slot.job?.options)))
    this.slots.push(slot)
    return slot
  }

  /** Gives up on a job: unqueued if waiting, else its worker is stopped mid-task. */
  private abandon(job: Job, error: unknown): void {
    const waiting = this.queue.indexOf(job)
    if (waiting >= 0) {
      this.queue.splice(waiting, 1)
      job.reject(error)
      return
    }
    const slot = this.slots.find((s) => s.job === job)
    if (slot) this.retire(slot, error)
  }

  private retire(slot: Slot, error: unknown): void {
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    this.slots.splice(index, 1)
    const job = slot.job
    slot.job = undefined
    void slot.worker.terminate()
    job?.reject(error)
    if (!this.closed) this.dispatch()
  }
}

function abortError(): DOMException {
  return new DOMException('The task was cancelled', 'AbortError')
}

function overrun(options: RunOptions): AppError {
  const seconds = Math.round(options.timeoutMs / 100) / 10
  return new AppError({
    code: 'TIME_LIMIT',
    message: `Stopped ${options.label} after ${seconds} s: it took longer than the limit allows.`,
    hint: 'The input may be unusually large or complex. The limit can be raised in Settings.',
  })
}

function crashed(options: RunOptions | undefined, cause?: Error): AppError {
  const detail = cause?.message ? ` (${cause.message})` : ''
  return new AppError(
    {
      code: 'INTERNAL',
      message: `The background worker stopped while ${options?.label ?? 'working'}${detail}.`,
      hint: 'The input may need more memory than allowed. Try a smaller one.',
      retryable: true,
    },
    { cause },
  )
}
