import {
  DEFAULT_REPAIR_ATTEMPTS,
  DEFAULT_REPAIR_MODEL,
  type RepairCandidate,
  type RepairChange,
  type RepairOptions,
  type RepairResult,
  type RepairStep,
  type RepairTrace,
} from '../../../shared/domain/jsonRepair.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { AnswerStageOutcome } from './answerCheck.ts'
import { valueChanges } from './changeList.ts'
import { repairWithClaude, type ClaudeRepair } from './claudeRepair.ts'
import { repairDeterministically } from './deterministicRepair.ts'
import { checkSize, resolveLimits } from './limits.ts'
import { repairWithModel } from './modelRepair.ts'
import { prepareSchema } from './preparedSchema.ts'
import { closer, msSince, type Found, type StageContext } from './repairStage.ts'

export interface RepairDeps {
  pool: AppWorkerPool
  /** The local model's server; without it the model stage is skipped. */
  ollama?: OllamaClient
  /** The last resort, when the user enabled Claude. */
  claude?: ClaudeRepair
}

export interface RepairRunOptions extends RepairOptions {
  signal?: AbortSignal
  /** Each trace entry as it happens, for live progress. */
  onStep?: (entry: RepairTrace) => void
}

/**
 * Text (any model's output) + a JSON Schema → a value ajv validates, or `ok: false` with the closest
 * value and its errors in words. Cheap steps first, the local model only when they fail, Claude
 * last. Throws AppError INPUT_TOO_LARGE, SCHEMA_INVALID or TIME_LIMIT; an AbortError on cancel.
 */
export async function repairJson(text: string, schema: unknown, options: RepairRunOptions, deps: RepairDeps): Promise<RepairResult> {
  const started = performance.now()
  const limits = resolveLimits(options.limits)
  checkSize('text', Buffer.byteLength(text), limits.maxInputBytes)
  const trace: RepairTrace[] = []
  const record = (entry: RepairTrace): void => {
    trace.push(entry)
    options.onStep?.(entry)
  }
  const prepared = await prepareSchema(schema, limits, deps.pool, options.signal)
  const context: StageContext = { pool: deps.pool, schema: prepared, limits, signal: options.signal, record }

  const input = await repairDeterministically(text, context)
  const finish: Finish = { trace, warnings: prepared.warnings, started, candidates: input.candidates }
  if (input.winner) return succeeded(input.winner, input.winner.changes, { calls: 0, checked: input.checked }, finish)
  let best = input.best
  let stages: AnswerStageOutcome = { calls: 0, checked: input.checked }
  const tally = (outcome: AnswerStageOutcome): void => {
    stages = { calls: stages.calls + outcome.calls, checked: stages.checked + outcome.checked }
    best = closer(best, outcome.best)
  }

  if (options.noModel || !deps.ollama) {
    const detail = options.noModel ? 'The local model is turned off for this repair.' : 'No local model is available.'
    record({ step: 'model', outcome: 'skipped', detail, ms: 0 })
  } else {
    const shown = best
    const model = await repairWithModel({
      context,
      ollama: deps.ollama,
      model: options.model ?? DEFAULT_REPAIR_MODEL,
      attempts: options.attempts ?? DEFAULT_REPAIR_ATTEMPTS,
      text,
      best: shown,
    })
    tally(model)
    if (model.winner) return succeeded(model.winner, valueChanges(shown?.value, model.winner.value), stages, finish)
  }

  if (deps.claude) {
    const shown = best
    const claude = await repairWithClaude(deps.claude, text, shown, context)
    tally(claude)
    if (claude.winner) return succeeded(claude.winner, valueChanges(shown?.value, claude.winner.value), stages, finish)
  }

  return {
    ok: false,
    best: best?.value,
    errors: best ? best.errors : [{ path: '', message: 'is not JSON: no JSON value could be read or repaired from the text' }],
    steps: [...new Set<RepairStep>(trace.map((entry) => entry.step))],
    calls: stages.calls,
    ms: msSince(started),
    trace,
    warnings: finish.warnings,
  }
}

interface Finish {
  trace: RepairTrace[]
  warnings: string[]
  started: number
  candidates: RepairCandidate[]
}

function succeeded(winner: Found, changes: RepairChange[], counts: AnswerStageOutcome, finish: Finish): RepairResult {
  return {
    ok: true,
    value: winner.value,
    step: winner.step,
    changes,
    calls: counts.calls,
    attempts: counts.checked,
    ms: msSince(finish.started),
    candidates: finish.candidates,
    candidate: winner.candidate,
    trace: finish.trace,
    warnings: finish.warnings,
  }
}
