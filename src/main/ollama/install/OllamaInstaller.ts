import type { InstallJob } from '../../../shared/domain/install.ts'
import { toErrorInfo } from '../../../shared/ipc/errors.ts'
import { installOllama, type InstallOptions } from './installOllama.ts'

/**
 * The managed install as a job main owns: one at a time, cancellable, its progress published to
 * every window, its result kept until the next attempt.
 */
export class OllamaInstaller {
  private job: InstallJob = { state: 'idle' }
  private controller: AbortController | undefined
  private readonly options: Omit<InstallOptions, 'signal' | 'onProgress'>
  private readonly publish: (job: InstallJob) => void
  private readonly installed: (executable: string) => void

  constructor(
    options: Omit<InstallOptions, 'signal' | 'onProgress'>,
    publish: (job: InstallJob) => void,
    installed: (executable: string) => void,
  ) {
    this.options = options
    this.publish = publish
    this.installed = installed
  }

  current(): InstallJob {
    return this.job
  }

  /** Starts an install (the user's click is the consent) unless one is already running. */
  start(): InstallJob {
    if (this.job.state === 'running') return this.job
    const controller = new AbortController()
    this.controller = controller
    this.set({ state: 'running', progress: { phase: 'checksum', receivedBytes: 0 } })
    void installOllama({ ...this.options, signal: controller.signal, onProgress: (progress) => this.set({ ...this.job, progress }) }).then(
      (result) => {
        this.set({ state: 'done', progress: this.job.progress, executable: result.executable, version: result.version })
        this.installed(result.executable)
      },
      (error: unknown) => {
        const info = toErrorInfo(error)
        this.set(info.code === 'CANCELLED' ? { state: 'cancelled' } : { state: 'failed', error: info, progress: this.job.progress })
      },
    )
    return this.job
  }

  cancel(): boolean {
    if (this.job.state !== 'running') return false
    this.controller?.abort()
    return true
  }

  dispose(): void {
    this.controller?.abort()
  }

  private set(job: InstallJob): void {
    this.job = job
    this.publish(job)
  }
}
