import { z } from 'zod'
import { ModelName } from './models.ts'

/** How long the final summary is: each preset names a format and a word limit in the prompts. */
export const SummaryLength = z.enum(['sentence', 'paragraph', 'bullets', 'detailed'])
export type SummaryLength = z.infer<typeof SummaryLength>

/** What a summary is asked for; the hosts add an AbortSignal and a progress callback. */
export const SummaryOptions = z.object({
  model: ModelName,
  length: SummaryLength,
  /** A topic: the summary says what the document says about it. */
  focus: z.string().trim().min(1).max(300).optional(),
  /** The summary's language ("French"); by default the document's own. */
  language: z.string().trim().min(1).max(60).optional(),
  /** The window sent to Ollama; by default 16,384, never more than the model was trained for. */
  numCtx: z.number().int().min(2048).max(1_048_576).optional(),
})
export type SummaryOptions = z.infer<typeof SummaryOptions>

export const SummaryStage = z.enum(['planning', 'map', 'reduce', 'done'])
export type SummaryStage = z.infer<typeof SummaryStage>

export const SummaryProgress = z.object({
  stage: SummaryStage,
  /** The model call in progress within the stage (1-based) and how many the stage has; 0 of 0 while planning. */
  call: z.number().int().min(0),
  calls: z.number().int().min(0),
  /** Prompt tokens sent so far and the whole job's, the latter estimated for the reduce stage until it starts. */
  tokensDone: z.number().int().min(0),
  tokensTotal: z.number().int().min(0),
  /** From the rate observed so far; absent until the first call has finished. */
  etaMs: z.number().min(0).optional(),
})
export type SummaryProgress = z.infer<typeof SummaryProgress>

export const CharRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) })
export type CharRange = z.infer<typeof CharRange>

export const PageSpan = z.object({ first: z.number().int().min(1), last: z.number().int().min(1) })
export type PageSpan = z.infer<typeof PageSpan>

/** One stretch of the document summarized by one map call; `id` is the label the reduce prompts cite ("C3"). */
export const SummaryChunk = z.object({
  id: z.string(),
  range: CharRange,
  pages: PageSpan.optional(),
  /** Titles of the sections the stretch overlaps, in reading order. */
  sections: z.array(z.string()),
  tokens: z.number().int().min(0),
  /** Empty while not summarized yet (a cancelled job). */
  summary: z.string(),
  /** The model ran out of room for the answer even after a retry with more; the summary ends early. */
  cut: z.boolean(),
})
export type SummaryChunk = z.infer<typeof SummaryChunk>

/** A paragraph or bullet of the final summary and the chunks it draws on. */
export const CoveragePart = z.object({
  text: z.string(),
  chunkIds: z.array(z.string()),
  /** The model named no sources for it: it is attributed to every chunk its reduce call read. */
  inferred: z.boolean(),
})
export type CoveragePart = z.infer<typeof CoveragePart>

export const SummaryCoverage = z.object({
  parts: z.array(CoveragePart),
  /** Chunks no part of the final summary draws on: what the summary left out. */
  unreferenced: z.array(z.string()),
})
export type SummaryCoverage = z.infer<typeof SummaryCoverage>

export const SummaryResult = z.object({
  /** The final summary, without source labels; empty when the job stopped before the end. */
  summary: z.string(),
  /** False when cancelled: the chunks summarized so far are kept, the rest have an empty summary. */
  complete: z.boolean(),
  model: z.string(),
  numCtx: z.number().int(),
  /** Tokens of the document with the model's tokenizer (an estimate for models without one). */
  documentTokens: z.number().int().min(0),
  chunks: z.array(SummaryChunk),
  coverage: SummaryCoverage,
  /** Model calls made, retries included. */
  calls: z.number().int().min(0),
  /** Ollama dropped part of a prompt and splitting smaller could not avoid it: some text was not read. */
  truncated: z.boolean(),
  /** Plain-language remarks for the reader, e.g. an answer that stayed cut after a retry. */
  warnings: z.array(z.string()),
})
export type SummaryResult = z.infer<typeof SummaryResult>
