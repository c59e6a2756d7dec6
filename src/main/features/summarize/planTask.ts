import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { CharRange } from '../../../shared/domain/summary.ts'
import { tokenizerFor } from '../../tokens/tokenCounter.ts'
import { planChunks, type ChunkPlan } from './chunkPlan.ts'

export interface PlanChunksInput {
  document: ExtractedDocument
  budget: number
  model: string
  family?: string
  range?: CharRange
}

/** Worker task: tokenizing a book is seconds of CPU, so planning runs in the pool with the model's tokenizer. */
export function planChunksTask(input: PlanChunksInput): ChunkPlan {
  return planChunks(input.document, input.budget, tokenizerFor(input.model, input.family), input.range)
}
