import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { SummaryChunk, SummaryOptions, SummaryProgress, SummaryResult } from '../../../shared/domain/summary.ts'
import { AppError, toErrorInfo } from '../../../shared/ipc/errors.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import { tokenizerFor, warmUp } from '../../tokens/tokenCounter.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import { sourcedParts, unreferenced } from './coverage.ts'
import { mapChunks, type MapState } from './mapChunks.ts'
import { reduceSummaries, type ReduceOutcome } from './reduceSummaries.ts'
import { SummaryCaller } from './summaryCall.ts'
import { answerRoom, chunkBudget, summaryWindow } from './summaryBudget.ts'
import { describePosition, pageText, type PromptContext } from './summaryPrompts.ts'
import { SummaryProgressTracker } from './summaryProgress.ts'

export interface SummarizeDeps {
  ollama: OllamaClient
  pool: AppWorkerPool
}

export interface SummarizeOptions extends SummaryOptions {
  signal?: AbortSignal
  onProgress?: (progress: SummaryProgress) => void
}

/** Planning a few megabytes takes seconds; this only stops a runaway. */
const PLAN_TIME_LIMIT_MS = 300_000

/**
 * Summarizes an extracted document with a local model: one call if it fits the window, else a
 * summary per chunk (map) combined into one (reduce), with the chunks each part of the result came
 * from. Ollama's silent prompt truncation is checked on every call and answered by splitting smaller.
 *
 * Cancelling (the signal) does not throw: it resolves with `complete: false`, the chunks summarized
 * so far and an empty final summary. Other failures throw an AppError: a PartialSummaryError with
 * that same partial result when some chunks were summarized before it.
 */
export async function summarizeDocument(
  document: ExtractedDocument,
  options: SummarizeOptions,
  deps: SummarizeDeps,
): Promise<SummaryResult> {
  if (document.text.trim() === '') {
    throw new AppError({
      code: 'FILE_EMPTY',
      message: `${document.name} has no text to summarize.`,
      hint: 'Choose a file with text in it.',
    })
  }
  const signal = options.signal ?? new AbortController().signal
  const context: PromptContext = { documentName: document.name, length: options.length, focus: options.focus, language: options.language }
  const progress = new SummaryProgressTracker(options.onProgress)
  const state: MapState = { done: [], pending: [], whole: false }
  let numCtx = 0
  let documentTokens = 0
  let caller: SummaryCaller | undefined
  const basics = (chunks: SummaryChunk[]) => ({ model: options.model, numCtx, documentTokens, chunks, calls: caller?.calls ?? 0 })
  try {
    progress.begin('planning', 0, 0)
    const { plan, counter, ...job } = await planJob(document, options, context, deps, signal)
    numCtx = job.numCtx
    documentTokens = plan.tokens
    caller = new SummaryCaller({ ollama: deps.ollama, model: options.model, numCtx, counter, signal })
    state.pending = [...plan.chunks]
    state.whole = plan.chunks.length === 1
    const reduceGuess = plan.chunks.length > 1 ? plan.chunks.length * answerRoom(options.length, 'part') : 0
    progress.expect(plan.tokens + reduceGuess)

    await mapChunks(state, { document, context, caller, counter, progress })
    const chunks = summaryChunks(state)
    const reduced = state.whole ? wholeOutcome(state) : await reduceSummaries(reduceItems(chunks), { context, caller, progress })
    progress.finish()
    const ids = chunks.map((c) => c.id)
    return {
      ...basics(chunks),
      summary: reduced.summary,
      complete: true,
      coverage: { parts: reduced.parts, unreferenced: unreferenced(reduced.parts, ids) },
      truncated: reduced.truncated || state.done.some((d) => d.truncated),
      warnings: warnings(chunks, state, reduced),
    }
  } catch (error) {
    const chunks = summaryChunks(state)
    const partial: SummaryResult = {
      ...basics(chunks),
      summary: '',
      complete: false,
      coverage: { parts: [], unreferenced: chunks.map((c) => c.id) },
      truncated: state.done.some((d) => d.truncated),
      warnings: warnings(chunks, state),
    }
    if (signal.aborted) return partial
    throw state.done.length > 0 ? new PartialSummaryError(error, partial) : error
  }
}

/** A failure after some chunks were summarized (Ollama stopped mid-document): the error, and the work to keep. */
export class PartialSummaryError extends AppError {
  readonly partial: SummaryResult

  constructor(error: unknown, partial: SummaryResult) {
    super(toErrorInfo(error), { cause: error })
    this.partial = partial
  }
}

/** The window for this model, its token counter and the chunk plan (made in the worker pool). */
async function planJob(
  document: ExtractedDocument,
  options: SummarizeOptions,
  context: PromptContext,
  deps: SummarizeDeps,
  signal: AbortSignal,
) {
  const details = await deps.ollama.show(options.model, signal)
  await warmUp()
  const numCtx = summaryWindow(options.numCtx, details.contextLength)
  const counter = tokenizerFor(options.model, details.family)
  const task = { document, budget: chunkBudget(numCtx, counter, context), model: options.model, family: details.family }
  const plan = await deps.pool.run('planSummaryChunks', task, { label: 'planning the summary', timeoutMs: PLAN_TIME_LIMIT_MS, signal })
  return { numCtx, counter, plan }
}

/** Done chunks with their summaries, then the pending ones with none; ids follow reading order. */
function summaryChunks(state: MapState): SummaryChunk[] {
  const entries = [...state.done, ...state.pending.map((chunk) => ({ chunk, summary: '', cut: false }))]
  return entries.map(({ chunk, summary, cut }, i) => ({
    id: `C${i + 1}`,
    range: chunk.range,
    ...(chunk.pages ? { pages: chunk.pages } : {}),
    sections: chunk.sections,
    tokens: chunk.tokens,
    summary,
    cut,
  }))
}

function reduceItems(chunks: SummaryChunk[]) {
  return chunks.map((chunk, i) => ({
    label: chunk.id,
    heading: `${describePosition({ index: i + 1, count: chunks.length, ...chunk })}:`,
    parts: [{ text: chunk.summary, chunkIds: [chunk.id] }],
  }))
}

/** The one call over the whole document already wrote the final summary. */
function wholeOutcome(state: MapState): ReduceOutcome {
  const only = state.done[0]
  const summary = only?.summary ?? ''
  return { summary, parts: sourcedParts(summary, ['C1']), cut: only?.cut ?? false, truncated: false }
}

function warnings(chunks: SummaryChunk[], state: MapState, reduced?: ReduceOutcome): string[] {
  const where = (chunk: SummaryChunk) => `part ${chunk.id.slice(1)}${chunk.pages ? ` (${pageText(chunk.pages)})` : ''}`
  const notes: string[] = []
  if (!state.whole) {
    for (const chunk of chunks.filter((c) => c.cut))
      notes.push(`The notes on ${where(chunk)} were cut short: the model ran out of room for its answer.`)
  }
  state.done.forEach(({ truncated }, i) => {
    const chunk = chunks[i]
    if (truncated && chunk)
      notes.push(`Ollama could not read all of ${where(chunk)}, even split small; some of it may be missing from the summary.`)
  })
  if (reduced?.cut) notes.push('The summary was cut short: the model ran out of room for its answer. A shorter length may help.')
  if (reduced?.truncated) notes.push('Ollama could not read all of the part summaries at once; some may be missing from the final summary.')
  return notes
}
