import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { CountsTokens } from './documentAtoms.ts'
import { planChunks, type PlannedChunk } from './chunkPlan.ts'
import { withoutCitations } from './coverage.ts'
import type { SummaryCaller } from './summaryCall.ts'
import { answerRoom, windowTooSmall } from './summaryBudget.ts'
import { partPrompt, wholePrompt, type PromptContext } from './summaryPrompts.ts'
import type { SummaryProgressTracker } from './summaryProgress.ts'

export interface MappedChunk {
  chunk: PlannedChunk
  summary: string
  /** The answer hit num_predict even after a retry with more room. */
  cut: boolean
  /** Ollama dropped part of the prompt and the chunk was too small to split further. */
  truncated: boolean
}

/** The map stage's work, kept by the caller so a cancelled job still has what was done. */
export interface MapState {
  done: MappedChunk[]
  pending: PlannedChunk[]
  /** One chunk holding the whole document: its one call writes the final summary. */
  whole: boolean
}

export interface MapDeps {
  document: ExtractedDocument
  context: PromptContext
  caller: SummaryCaller
  counter: CountsTokens
  progress: SummaryProgressTracker
}

/** Below this a chunk that Ollama cut is not split further: its pieces would say nothing on their own. */
const MIN_SPLIT_TOKENS = 64

/**
 * Summarizes each pending chunk in order. When a prompt does not fit or Ollama is found to have cut
 * it, the chunk is planned again in halves (at its own structural boundaries) and those are done
 * instead; only a chunk too small to split keeps a cut answer, marked truncated.
 */
export async function mapChunks(state: MapState, deps: MapDeps): Promise<void> {
  const { document, context, caller, counter, progress } = deps
  for (let chunk = state.pending[0]; chunk; chunk = state.pending[0]) {
    const index = state.done.length + 1
    const count = state.done.length + state.pending.length
    progress.begin('map', index, count)
    const text = document.text.slice(chunk.range.start, chunk.range.end)
    const kind = state.whole ? 'whole' : 'part'
    const messages = state.whole ? wholePrompt(context, text) : partPrompt(context, text, { index, count, ...chunk })
    const outcome = await caller.call(messages, answerRoom(context.length, kind))
    if (outcome.kind !== 'answer') {
      const halves = chunk.tokens >= MIN_SPLIT_TOKENS ? planChunks(document, Math.ceil(chunk.tokens / 2), counter, chunk.range).chunks : []
      if (halves.length > 1) {
        state.pending.splice(0, 1, ...halves)
        state.whole = false
        continue
      }
      if (outcome.kind === 'too-long')
        throw windowTooSmall('The summary instructions and the answer leave no room in the context window for the document.')
    }
    state.pending.shift()
    state.done.push({ chunk, summary: withoutCitations(outcome.content), cut: outcome.cut, truncated: outcome.kind === 'prompt-cut' })
    progress.advance(chunk.tokens)
  }
}
