import type { PlainError, RepairChange, RepairLimits, RepairStep, RepairTrace } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { AppTasks } from '../../workers/appTasks.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { PreparedSchema } from './preparedSchema.ts'

/** What every stage of a repair shares: the pool, the compiled schema, the limits, cancel, and the trace. */
export interface StageContext {
  pool: AppWorkerPool
  schema: PreparedSchema
  limits: RepairLimits
  signal: AbortSignal | undefined
  record: (entry: RepairTrace) => void
}

/** A text that parsed, checked against the schema. */
export interface Found {
  value: unknown
  valid: boolean
  /** The last step the value needed. */
  step: RepairStep
  changes: RepairChange[]
  errors: PlainError[]
  errorCount: number
  /** Index of the input's candidate it came from; none for a model's answer. */
  candidate?: number
}

/** The one with fewer schema errors; the earlier one on a tie. */
export function closer(a: Found | undefined, b: Found | undefined): Found | undefined {
  if (!a || !b) return a ?? b
  return b.errorCount < a.errorCount ? b : a
}

export function msSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}

/**
 * Runs worker tasks against one shared time budget, so a text is done with (or stopped) within the
 * configured limit however many candidates it holds.
 */
export function budgetedRunner(context: StageContext) {
  const budgetMs = context.limits.timeMs
  const deadline = performance.now() + budgetMs
  return async <K extends keyof AppTasks & string>(task: K, input: Parameters<AppTasks[K]>[0], label: string) => {
    const overrun = () =>
      new AppError({
        code: 'TIME_LIMIT',
        message: `Stopped ${label}: repairing this JSON took longer than its ${budgetMs / 1000} s limit.`,
        hint: 'The text or the schema may be unusually large or complex (a pattern that backtracks, say). The limit can be raised in the JSON repair options.',
      })
    const remaining = deadline - performance.now()
    if (remaining <= 0) throw overrun()
    try {
      return await context.pool.run(task, input, { label, timeoutMs: remaining, signal: context.signal })
    } catch (error) {
      throw error instanceof AppError && error.code === 'TIME_LIMIT' ? overrun() : error
    }
  }
}
