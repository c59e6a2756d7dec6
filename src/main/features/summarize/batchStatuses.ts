import type { FileStatus } from '../../../shared/domain/summaryJobs.ts'
import type { ErrorInfo } from '../../../shared/ipc/errors.ts'
import { ProgressThrottle } from '../../ollama/progressThrottle.ts'

/**
 * What a batch tells its screen, one whole FileStatus per change. Progress of a file goes out at
 * most ten times a second; a change of stage is never merged away, so every file is seen to
 * start, and to end as done, failed or cancelled.
 */
export class BatchStatuses {
  private readonly statuses: FileStatus[]
  private readonly throttles: ProgressThrottle<FileStatus>[]

  constructor(names: readonly string[], emit: (status: FileStatus) => void) {
    this.statuses = names.map((name, index) => ({ index, name, stage: 'waiting' }))
    this.throttles = this.statuses.map(() => new ProgressThrottle(emit, { distinct: (previous, next) => previous.stage !== next.stage }))
    this.statuses.forEach((status, index) => this.throttles[index]?.push(status))
  }

  get(index: number): FileStatus {
    const status = this.statuses[index]
    if (!status) throw new RangeError(`No file ${index} in this batch`)
    return status
  }

  update(index: number, patch: Partial<Omit<FileStatus, 'index' | 'name'>>): void {
    const status = { ...this.get(index), ...patch }
    this.statuses[index] = status
    this.throttles[index]?.push(status)
  }

  /** A file that has not ended yet ends cancelled. */
  cancelUnfinished(index: number): void {
    const { stage } = this.get(index)
    if (stage !== 'done' && stage !== 'failed' && stage !== 'cancelled') this.update(index, { stage: 'cancelled' })
  }

  /** After a failure that stops the batch: the files from `from` on that did not end on their own end cancelled, with the reason. */
  cancelRest(from: number, reason: ErrorInfo): void {
    for (let index = from; index < this.statuses.length; index++) {
      const { stage } = this.get(index)
      if (stage !== 'done' && stage !== 'failed') this.update(index, { stage: 'cancelled', error: reason })
    }
  }

  /** Sends what is still held back and answers every file's final status. */
  close(): FileStatus[] {
    for (const throttle of this.throttles) throttle.close()
    return [...this.statuses]
  }
}
