import { useCallback, useRef, useState } from 'react'
import type { SummaryOptions } from '../../../../shared/domain/summary.ts'
import type { FileStage, FileStatus } from '../../../../shared/domain/summaryJobs.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf, type TypedStream } from '../../ipc/client.ts'
import type { IncomingFile } from '../../ui/navigation.ts'
import { releaseIncoming, uploadIncoming } from './uploadFile.ts'

/** How many files one run takes: SummarizeRequest's limit. */
export const MAX_BATCH_FILES = 50

/** `loading`: the file's bytes are still on their way to main. */
export type RowStage = 'loading' | FileStage

/** One dropped file as the screen shows it. */
export interface BatchFile {
  key: number
  name: string
  size: number
  /** Bytes sent to main so far. */
  sent: number
  stage: RowStage
  /** Main's latest word on it, once the run has started. */
  status?: FileStatus
  error?: ErrorInfo
  summaryId?: string
}

const FINISHED: ReadonlySet<RowStage> = new Set(['done', 'failed', 'cancelled'])

export function isFinished(stage: RowStage): boolean {
  return FINISHED.has(stage)
}

/**
 * Runs one batch at a time: uploads the files one after another (so only one 1 MB piece is in
 * memory), then summarizes them in one stream. `onStored` hears of each summary main stores,
 * `first` for the batch's first, so the screen can open it.
 */
export function useSummaryBatch(onStored: (id: string, first: boolean) => void) {
  const [files, setFiles] = useState<BatchFile[]>([])
  const [running, setRunning] = useState(false)
  const [skipped, setSkipped] = useState(0)
  const stop = useRef<() => void>(undefined)

  const start = useCallback(
    async (dropped: IncomingFile[], options: SummaryOptions): Promise<void> => {
      const batch = dropped.slice(0, MAX_BATCH_FILES)
      releaseIncoming(dropped.slice(MAX_BATCH_FILES))
      const patch = (key: number, change: Partial<BatchFile>): void =>
        setFiles((list) => list.map((file) => (file.key === key ? { ...file, ...change } : file)))
      setSkipped(dropped.length - batch.length)
      setFiles(batch.map((file, key) => ({ key, name: file.name, size: 'size' in file ? file.size : 0, sent: 0, stage: 'loading' })))
      setRunning(true)

      const abort = new AbortController()
      let stream: TypedStream<'summarize:run'> | undefined
      stop.current = () => {
        abort.abort()
        stream?.cancel()
      }
      const uploaded: { key: number; id: string }[] = []
      const stored = new Set<string>()
      const apply = (status: FileStatus): void => {
        const key = uploaded[status.index]?.key
        if (key === undefined) return
        patch(key, { stage: status.stage, status, error: status.error, summaryId: status.summaryId })
        if (status.summaryId && !stored.has(status.summaryId)) {
          stored.add(status.summaryId)
          onStored(status.summaryId, stored.size === 1)
        }
      }
      // Whatever had not finished when the batch ended early ends with it, as cancelled or with the batch's error.
      const endRest = (cause: ErrorInfo | undefined): void =>
        setFiles((list) =>
          list.map((file) => (isFinished(file.stage) ? file : { ...file, stage: cause ? 'failed' : 'cancelled', error: cause })),
        )

      try {
        for (const [key, file] of batch.entries()) {
          if (abort.signal.aborted) break
          try {
            uploaded.push({ key, id: await uploadIncoming(file, (sent) => patch(key, { sent }), abort.signal) })
            patch(key, { stage: 'waiting' })
          } catch (failure) {
            if (!abort.signal.aborted) patch(key, { stage: 'failed', error: errorInfoOf(failure) })
          }
        }
        if (abort.signal.aborted) {
          for (const { id } of uploaded) void api.invoke('uploads:discard', { id }).catch(() => undefined)
          releaseIncoming(batch)
          endRest(undefined)
          return
        }
        if (uploaded.length === 0) return
        stream = api.stream('summarize:run', { uploads: uploaded.map((u) => u.id), options }, (events) => {
          for (const event of events) apply(event.file)
        })
        const outcome = await stream.result
        outcome.files.forEach(apply)
        endRest(undefined)
      } catch (failure) {
        const info = errorInfoOf(failure)
        // A failure of the whole batch (Ollama stopped, the model is gone) is shown on each file it stopped.
        endRest(info.code === 'CANCELLED' ? undefined : info)
      } finally {
        stop.current = undefined
        setRunning(false)
      }
    },
    [onStored],
  )

  const cancel = useCallback(() => stop.current?.(), [])
  const clear = useCallback(() => {
    setFiles([])
    setSkipped(0)
  }, [])
  return { files, running, skipped, start, cancel, clear }
}
