import type { SummaryLength } from '../../../shared/domain/summary.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { TokenCounter } from '../../tokens/tokenCounter.ts'
import { answerWords, partPrompt, wholePrompt, type AnswerKind, type PromptContext } from './summaryPrompts.ts'

/**
 * The window asked of Ollama unless the user chose one: room for a long chunk on a 7B model
 * without the memory of its full 32k, and far above Ollama's own small default.
 */
export const DEFAULT_SUMMARY_NUM_CTX = 16_384

/** Chunks smaller than this make summaries of fragments; a window that leaves less is refused. */
const MIN_CHUNK_TOKENS = 512
/** Room for a chunk's position line ("part 3 of 12 (pages 40–58; sections: …)") beyond the one measured; every prompt is counted whole before it is sent anyway. */
const POSITION_ALLOWANCE = 96
/**
 * Share of the room for text held back when the model's tokenizer is only estimated with Qwen's:
 * models with 32k vocabularies spend up to a quarter more tokens on the same text. What still
 * overflows is caught by the truncation check and split smaller.
 */
const ESTIMATE_MARGIN = 0.25
/** Tokens per word allowed for the answer: English needs about 1.3, other scripts more. */
const TOKENS_PER_WORD = 2
const ANSWER_SLACK = 96
/** A source label as cited ("C12, "), allowed once per chunk a reduce call reads. */
const TOKENS_PER_LABEL = 4

/** num_ctx for a job: the user's choice or the default, never more than the model was trained for (Ollama would clamp it silently). */
export function summaryWindow(requested: number | undefined, contextLength: number | undefined): number {
  return Math.min(requested ?? DEFAULT_SUMMARY_NUM_CTX, contextLength ?? Infinity)
}

/**
 * num_predict for a kind of call: its word limit in tokens with some slack, plus room to cite each
 * of the `labels` chunks a reduce call reads, so a summary that keeps to the limit is never cut.
 */
export function answerRoom(length: SummaryLength, kind: AnswerKind, labels = 0): number {
  return answerWords(length, kind) * TOKENS_PER_WORD + ANSWER_SLACK + labels * TOKENS_PER_LABEL
}

/**
 * Tokens of document text one call can carry: the window minus the largest prompt around the text
 * (whole-document or part) and the larger answer room of the two, less a margin for estimated counts.
 */
export function chunkBudget(numCtx: number, counter: Pick<TokenCounter, 'countChat' | 'textExact'>, context: PromptContext): number {
  const position = { index: 1, count: 1, sections: [] }
  const prompt = Math.max(
    counter.countChat(wholePrompt(context, '')),
    counter.countChat(partPrompt(context, '', position)) + POSITION_ALLOWANCE,
  )
  const answer = Math.max(answerRoom(context.length, 'whole'), answerRoom(context.length, 'part'))
  const room = numCtx - prompt - answer
  const budget = counter.textExact ? room : Math.floor(room * (1 - ESTIMATE_MARGIN))
  if (budget < MIN_CHUNK_TOKENS) {
    throw windowTooSmall(
      `A window of ${numCtx.toLocaleString('en')} tokens leaves too little room for the document once the instructions and the answer are counted.`,
    )
  }
  return budget
}

/** The one remedy for every "does not fit" a summary can meet. */
export function windowTooSmall(message: string): AppError {
  return new AppError({
    code: 'CONTEXT_OVERFLOW',
    message,
    hint: 'Raise the context window (num_ctx), choose a shorter summary length, or use a model with a larger context.',
  })
}
