import type { RepairFailure, RepairResult, RepairStep } from '../../shared/domain/jsonRepair.ts'
import { problemLine } from '../features/jsonRepair/plainErrors.ts'

/** `--json`'s shape for one repair: the value or the errors, the steps taken and the model calls made. */
export interface RepairSummary {
  ok: boolean
  value?: unknown
  errors?: RepairFailure['errors']
  steps: RepairStep[]
  calls: number
}

export function repairSummary(result: RepairResult): RepairSummary {
  const steps = [...new Set(result.trace.map((entry) => entry.step))]
  return result.ok
    ? { ok: true, value: result.value, steps, calls: result.calls }
    : { ok: false, errors: result.errors, steps, calls: result.calls }
}

/**
 * What stderr says when nothing validates: the steps tried, why a model step could not run, the
 * schema errors in words and the closest value, so the person can fix the input or the schema.
 */
export function failureReport(result: RepairFailure): string {
  const lines = [`No JSON that fits the schema could be made (tried: ${result.steps.join(', ')}; ${result.calls} model calls).`]
  for (const entry of result.trace) {
    if (entry.outcome === 'failed' && entry.error) lines.push(`${stepName(entry.step)} failed: ${entry.error.message}`)
  }
  lines.push('Errors:', ...result.errors.map((error) => `  ${problemLine(error)}`))
  if (result.best !== undefined) lines.push('Closest candidate:', JSON.stringify(result.best, null, 2))
  return lines.join('\n')
}

function stepName(step: RepairStep): string {
  return step === 'model' ? 'The local model' : step === 'claude' ? 'Claude' : `The ${step} step`
}
