import type { TFunction } from 'i18next'
import type { ClaudeProgress } from '../../../../shared/domain/claude.ts'
import type { JsonBatchEvent, JsonRunEvent } from '../../../../shared/domain/jsonJobs.ts'
import type { RepairTrace } from '../../../../shared/domain/jsonRepair.ts'
import { useStreamRun, type StreamRun } from './useStreamRun.ts'
import type { SchemaStatus } from './useSchemaCheck.ts'

/** A repair's live view: the trace so far. The context is the input, which change offsets point into. */
export type RepairRun = StreamRun<'json:repair', RepairTrace[], { text: string }>

export interface GenerateProgress {
  claude?: ClaudeProgress
  trace: RepairTrace[]
}
export type GenerateRun = StreamRun<'json:generate', GenerateProgress, undefined>

/** A batch's live view: the latest counts. The context is the file's name, for the result's. */
export type BatchRun = StreamRun<'json:batch', JsonBatchEvent | undefined, { fileName: string }>

const NO_TRACE: RepairTrace[] = []
const NO_GENERATION: GenerateProgress = { trace: [] }

function traceOf(events: JsonRunEvent[]): RepairTrace[] {
  return events.flatMap((e) => (e.type === 'trace' ? [e.entry] : []))
}

const foldTrace = (trace: RepairTrace[], events: JsonRunEvent[]): RepairTrace[] => [...trace, ...traceOf(events)]

const foldGeneration = (progress: GenerateProgress, events: JsonRunEvent[]): GenerateProgress => {
  const claude = events.findLast((e) => e.type === 'claude')
  return { claude: claude?.type === 'claude' ? claude.progress : progress.claude, trace: [...progress.trace, ...traceOf(events)] }
}

const foldBatch = (last: JsonBatchEvent | undefined, events: JsonBatchEvent[]): JsonBatchEvent | undefined => events.at(-1) ?? last

/** The three modes' runs, held by the screen so a run goes on while another tab is shown. */
export function useJsonRuns(): { repair: RepairRun; generate: GenerateRun; batch: BatchRun } {
  return {
    repair: useStreamRun('json:repair', NO_TRACE, foldTrace),
    generate: useStreamRun('json:generate', NO_GENERATION, foldGeneration),
    batch: useStreamRun('json:batch', undefined, foldBatch),
  }
}

/** Why the schema cannot be run against yet; a schema still being checked may run (main checks it again). */
export function schemaProblem(status: SchemaStatus, t: TFunction<'json'>): string | undefined {
  if (status.state === 'empty') return t('schema.missing')
  if (status.state === 'invalid') return t('schema.invalid')
  return undefined
}
