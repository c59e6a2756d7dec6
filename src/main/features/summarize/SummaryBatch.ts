import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { SummaryOptions, SummaryResult } from '../../../shared/domain/summary.ts'
import type { FileStatus, SummarizeOutcome } from '../../../shared/domain/summaryJobs.ts'
import { toErrorInfo, type ErrorCode, type ErrorInfo } from '../../../shared/ipc/errors.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { SummaryStore } from '../../storage/history/SummaryStore.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import { BatchStatuses } from './batchStatuses.ts'
import { PartialSummaryError, summarizeDocument } from './DocumentSummarizer.ts'
import { extractDocument } from './extract/extractDocument.ts'

/** A file of a batch: its name, and its bytes when the batch gets to it (reading may fail, as the file's own error). */
export interface BatchFile {
  name: string
  read(): Promise<Uint8Array>
}

export interface SummaryBatchDeps {
  pool: AppWorkerPool
  ollama: OllamaClient
  summaries: SummaryStore
  /** The largest document read; larger ones fail with FILE_TOO_LARGE. */
  maxBytes: number
}

export interface SummaryBatchRun {
  signal: AbortSignal
  onStatus(status: FileStatus): void
}

/** Settings give the document limit in decimal megabytes, as sizes are shown. */
export function documentLimitBytes(maxDocumentMb: number): number {
  return maxDocumentMb * 1_000_000
}

/**
 * Files read (extracted) ahead of the one being summarized: the pool's two workers stay busy while
 * the model works, and no more than this many extracted texts wait in memory.
 */
const READ_AHEAD = 2

/**
 * Failures that are not the file's: every later file would meet them too (Ollama gone, the model
 * removed), so the batch stops there rather than repeat the error for each.
 */
const BATCH_FAILURES: ReadonlySet<ErrorCode> = new Set(['OLLAMA_NOT_RUNNING', 'OLLAMA_UNREACHABLE', 'MODEL_NOT_FOUND'])

/**
 * Summarizes files one after another with the same options, reading the next ones meanwhile.
 * A file that cannot be read or summarized ends `failed` with its own error and the batch goes
 * on, unless the failure would be every later file's too: then those end `cancelled`, saying
 * which file stopped the batch, and none of them is sent. Each result is stored in history,
 * including the parts done of a file that was cancelled or failed midway; files that had not
 * started end `cancelled`. Never rejects: every failure belongs to a file.
 */
export async function runSummaryBatch(
  files: readonly BatchFile[],
  options: SummaryOptions,
  deps: SummaryBatchDeps,
  run: SummaryBatchRun,
): Promise<SummarizeOutcome> {
  const statuses = new BatchStatuses(
    files.map((f) => f.name),
    run.onStatus,
  )
  const stop = new AbortController()
  const signal = AbortSignal.any([run.signal, stop.signal])
  const reads: Promise<ExtractedDocument | undefined>[] = []
  let ahead = 0
  const readMore = () => {
    while (reads.length < files.length && ahead < READ_AHEAD && !signal.aborted) {
      const index = reads.length
      ahead++
      reads.push(
        readFile(files[index] as BatchFile, index, statuses, deps, signal).then((document) => {
          // A file that failed frees its place at once; a read one when it is summarized.
          if (!document) release()
          return document
        }),
      )
    }
  }
  const release = () => {
    ahead--
    readMore()
  }

  readMore()
  for (let index = 0; index < files.length; index++) {
    const document = await reads[index]
    if (document) {
      release()
      await summarizeFile(document, index, options, statuses, deps, signal)
    }
    statuses.cancelUnfinished(index)
    const { stage, error } = statuses.get(index)
    if (stage === 'failed' && error && BATCH_FAILURES.has(error.code)) {
      stop.abort()
      // The files read ahead settle first, so none of them is marked waiting again afterwards.
      await Promise.all(reads)
      statuses.cancelRest(index + 1, notStarted(files[index]?.name ?? ''))
      break
    }
  }
  return { files: statuses.close() }
}

function notStarted(stoppedAt: string): ErrorInfo {
  return {
    code: 'CANCELLED',
    message: `Not summarized: the batch stopped when ${stoppedAt} failed.`,
    hint: `Nothing of this file was sent to the model. Summarize it again once the problem with ${stoppedAt} is fixed.`,
    retryable: true,
  }
}

async function readFile(
  file: BatchFile,
  index: number,
  statuses: BatchStatuses,
  deps: SummaryBatchDeps,
  signal: AbortSignal,
): Promise<ExtractedDocument | undefined> {
  statuses.update(index, { stage: 'reading' })
  try {
    const bytes = await file.read()
    const document = await extractDocument(bytes, file.name, { maxBytes: deps.maxBytes, signal }, deps.pool)
    const pages = document.pages?.length
    statuses.update(index, { stage: 'waiting', format: document.format, chars: document.text.length, ...(pages ? { pages } : {}) })
    return document
  } catch (error) {
    end(statuses, index, error, signal)
    return undefined
  }
}

async function summarizeFile(
  document: ExtractedDocument,
  index: number,
  options: SummaryOptions,
  statuses: BatchStatuses,
  deps: SummaryBatchDeps,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return
  statuses.update(index, { stage: 'summarizing' })
  try {
    const result = await summarizeDocument(
      document,
      { ...options, signal, onProgress: (progress) => statuses.update(index, { progress }) },
      { ollama: deps.ollama, pool: deps.pool },
    )
    const stage = result.complete ? 'done' : 'cancelled'
    if (!hasWork(result)) return statuses.update(index, { stage })
    statuses.update(index, { stage, summaryId: store(document, options, result, deps) })
  } catch (error) {
    // A failure midway leaves the parts already summarized, kept like those of a cancelled file.
    const summaryId = error instanceof PartialSummaryError ? store(document, options, error.partial, deps) : undefined
    end(statuses, index, error, signal, summaryId)
  }
}

function store(document: ExtractedDocument, options: SummaryOptions, result: SummaryResult, deps: SummaryBatchDeps): string {
  return deps.summaries.add({ fileName: document.name, format: document.format, options, result, pages: document.pages?.length }).id
}

/** A job cancelled before its first part was summarized leaves nothing worth keeping. */
function hasWork(result: SummaryResult): boolean {
  return result.complete || result.chunks.some((c) => c.summary !== '')
}

function end(statuses: BatchStatuses, index: number, error: unknown, signal: AbortSignal, summaryId?: string): void {
  const kept = summaryId ? { summaryId } : {}
  if (signal.aborted) statuses.update(index, { stage: 'cancelled', ...kept })
  else statuses.update(index, { stage: 'failed', error: toErrorInfo(error), ...kept })
}
