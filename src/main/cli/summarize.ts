import path from 'node:path'
import { SummaryLength, SummaryOptions } from '../../shared/domain/summary.ts'
import type { FileStatus } from '../../shared/domain/summaryJobs.ts'
import type { ErrorInfo } from '../../shared/ipc/errors.ts'
import { readDocumentFile } from '../features/summarize/documentFile.ts'
import { documentLimitBytes, runSummaryBatch, type BatchFile } from '../features/summarize/SummaryBatch.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { HistoryStore } from '../storage/history/HistoryStore.ts'
import type { SummaryStore } from '../storage/history/SummaryStore.ts'
import { createAppWorkerPool } from '../workers/appWorker.ts'
import type { CommandContext } from './index.ts'
import { SummaryProgressLine } from './summaryProgressLine.ts'

export const SUMMARIZE_USAGE = 'usage: instruct-desk summarize FILE... [-m MODEL] [--length short|medium|long] [--focus TEXT] [--json]'

/** Ctrl-C's conventional exit code (128 + SIGINT). */
const INTERRUPTED = 130

/** The everyday words for lengths, beside the app's own preset names. */
const LENGTH_WORDS: Record<string, SummaryLength> = { short: 'paragraph', medium: 'bullets', long: 'detailed' }

/**
 * `instruct-desk summarize FILE...`: the same batch as the Summarize screen (read ahead, one
 * summary at a time, each saved to the app's history), the summaries on stdout, progress on a
 * terminal's stderr, each failed file's code and message on stderr. Exit 1 when a file failed.
 */
export async function runSummarize(context: CommandContext): Promise<number> {
  const { io, args, settings } = context
  const options = summaryOptions(context)
  if (args.length === 0 || typeof options === 'string') {
    io.err(`instruct-desk: ${typeof options === 'string' ? options : SUMMARIZE_USAGE}`)
    return 2
  }
  const maxBytes = documentLimitBytes(settings.maxDocumentMb)
  const files: BatchFile[] = args.map((file) => ({ name: path.basename(file), read: () => readDocumentFile(file, maxBytes) }))
  const pool = createAppWorkerPool()
  const history = HistoryStore.open(path.join(defaultDataDir(io.env), 'history.sqlite'))
  const controller = new AbortController()
  const stopListening = io.onInterrupt?.(() => controller.abort())
  const progress = io.progress ? new SummaryProgressLine(io.progress, files.length) : undefined
  try {
    const outcome = await runSummaryBatch(
      files,
      options,
      { pool, ollama: context.client, summaries: history.summaries(), maxBytes },
      { signal: controller.signal, onStatus: (status) => progress?.show(status) },
    )
    progress?.clear()
    outcome.files.forEach((status, i) => report(context, args[i] ?? status.name, status, history.summaries(), args.length > 1))
    if (controller.signal.aborted) return INTERRUPTED
    return outcome.files.some((f) => f.stage !== 'done') ? 1 : 0
  } finally {
    stopListening?.()
    history.close()
    await pool.close()
  }
}

/** The options from the flags and the app's settings, or what is wrong with them. */
function summaryOptions({ model, length, focus, settings }: CommandContext): SummaryOptions | string {
  const preset = length === undefined ? settings.summaryLength : (LENGTH_WORDS[length] ?? SummaryLength.safeParse(length).data)
  if (!preset) return `--length takes short, medium or long (or sentence, paragraph, bullets, detailed), not "${length}".`
  const parsed = SummaryOptions.safeParse({
    model: model ?? settings.defaultModel,
    length: preset,
    ...(focus !== undefined && { focus }),
    ...(settings.summaryLanguage && { language: settings.summaryLanguage }),
  })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  return `--${String(issue?.path[0] ?? 'model')}: ${issue?.message ?? 'invalid'}.`
}

/** One file's outcome: its summary (under a heading when there are several files) or JSON line on stdout, its error and notes on stderr. */
function report({ io, json }: CommandContext, file: string, status: FileStatus, summaries: SummaryStore, headed: boolean): void {
  const result = status.summaryId ? summaries.get(status.summaryId)?.result : undefined
  const error: ErrorInfo | undefined =
    status.error ?? (status.stage === 'cancelled' ? { code: 'CANCELLED', message: 'Stopped.' } : undefined)
  if (error) {
    const message = error.message.includes(status.name) ? error.message : `${status.name}: ${error.message}`
    io.err(`instruct-desk: ${error.code}: ${error.hint ? `${message} ${error.hint}` : message}`)
  }
  if (status.stage === 'cancelled' && result) io.err(`${status.name}: the parts summarized before stopping are saved in the app's history.`)
  for (const warning of result?.warnings ?? []) io.err(`${status.name}: ${warning}`)
  if (json) {
    const chunks = (result?.chunks ?? []).map(({ id, range, tokens, summary }) => ({ id, range, tokens, summary }))
    const line = { file, summary: result?.summary ?? '', chunks, calls: result?.calls ?? 0, truncated: result?.truncated ?? false }
    io.out(JSON.stringify({ ...line, errors: error ? [error] : [] }))
  } else if (result?.summary) {
    io.out(headed ? `==> ${file} <==\n${result.summary}\n` : result.summary)
  }
}
