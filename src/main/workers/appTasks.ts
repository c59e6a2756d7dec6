import { planChunksTask } from '../features/summarize/planTask.ts'
import { extractDocumentTask } from '../features/summarize/extract/extractTask.ts'
import { checkJsonValue, compileJsonSchema, findJsonCandidates, parseJsonCandidate } from '../features/jsonRepair/jsonTasks.ts'

/**
 * Every task the app runs in its worker pool, by name. Each feature adds its entries here; the
 * table is imported only inside workers (main imports its type).
 */
export const appTasks = {
  extractDocument: extractDocumentTask,
  planSummaryChunks: planChunksTask,
  compileJsonSchema,
  findJsonCandidates,
  parseJsonCandidate,
  checkJsonValue,
}

export type AppTasks = typeof appTasks
