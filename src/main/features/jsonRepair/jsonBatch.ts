import type { JsonBatchEvent, JsonBatchOutcome, JsonBatchRun } from '../../../shared/domain/jsonJobs.ts'
import type { PlainError, RepairResult, RepairStep } from '../../../shared/domain/jsonRepair.ts'
import { AppError, isAbortError, toErrorInfo } from '../../../shared/ipc/errors.ts'
import { ProgressThrottle } from '../../ollama/progressThrottle.ts'
import { csvInputs, jsonlInputs, type BatchInput } from './batchInputs.ts'
import type { JsonRunner } from './JsonRunner.ts'
import { resolveLimits } from './limits.ts'
import { prepareSchema } from './preparedSchema.ts'

/** One line of the result JSONL, for one input. */
export interface BatchLine {
  line: number
  ok: boolean
  value?: unknown
  errors?: PlainError[]
  step?: RepairStep
  calls: number
}

/**
 * Repairs many inputs against one schema, one after another (the local model answers one at a
 * time anyway), with progress at most ten times a second. A failure of one input (not JSON, too
 * large, over its time limit) is that input's line; only a bad schema stops the batch, before
 * anything runs. Stopping keeps the lines already done and counts the rest as skipped.
 */
export async function runBatch(
  runner: JsonRunner,
  request: JsonBatchRun,
  signal: AbortSignal | undefined,
  onProgress: (event: JsonBatchEvent) => void,
): Promise<JsonBatchOutcome> {
  const inputs = request.format === 'csv' ? csvInputs(request.text) : jsonlInputs(request.text)
  const options = runner.options(request.options)
  await prepareSchema(request.schema, resolveLimits(options.limits), runner.deps.pool, signal)
  if (request.claude) runner.claudeModel()

  const counts = { total: inputs.length, valid: 0, failed: 0 }
  const progress = new ProgressThrottle<JsonBatchEvent>(onProgress)
  const report = (done: number) => progress.push({ type: 'batch', done, ...counts })
  const lines: string[] = []
  report(0)
  try {
    for (const input of inputs) {
      const line = await repairOne(runner, request, input, signal)
      if (!line) break
      lines.push(JSON.stringify(line))
      counts[line.ok ? 'valid' : 'failed']++
      report(lines.length)
    }
  } finally {
    progress.close()
  }
  return { jsonl: lines.length > 0 ? `${lines.join('\n')}\n` : '', ...counts, skipped: inputs.length - lines.length }
}

/** The input's line, or undefined when the batch was stopped before it was done. */
async function repairOne(
  runner: JsonRunner,
  request: JsonBatchRun,
  input: BatchInput,
  signal?: AbortSignal,
): Promise<BatchLine | undefined> {
  if (signal?.aborted) return undefined
  if (input.problem) return { line: input.line, ok: false, errors: [{ path: '', message: input.problem }], calls: 0 }
  let result: RepairResult
  try {
    result = await runner.run({ text: input.text, schema: request.schema, options: request.options, claude: request.claude, signal })
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) return undefined
    // The schema was checked before the batch began; anything else concerns this input alone.
    if (error instanceof AppError && error.code === 'SCHEMA_INVALID') throw error
    return { line: input.line, ok: false, errors: [{ path: '', message: toErrorInfo(error).message }], calls: 0 }
  }
  return result.ok
    ? { line: input.line, ok: true, value: result.value, step: result.step, calls: result.calls }
    : { line: input.line, ok: false, errors: result.errors, calls: result.calls }
}
