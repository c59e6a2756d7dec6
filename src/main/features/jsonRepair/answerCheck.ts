import { repairDeterministically, plural } from './deterministicRepair.ts'
import { msSince, type Found, type StageContext } from './repairStage.ts'

export interface AnswerStageOutcome {
  winner?: Found
  /** The closest of the answers that parsed, when none is valid. */
  best?: Found
  calls: number
  checked: number
}

/**
 * A model's answer goes through the same steps as the input (extraction, jsonrepair, coercion) and
 * ajv; it is never taken on trust. Records one trace entry for it.
 */
export async function judgeAnswer(
  answer: string,
  context: StageContext,
  step: 'model' | 'claude',
  attempt: number,
  started: number,
): Promise<{ found?: Found; checked: number }> {
  const outcome = await repairDeterministically(answer, { ...context, record: () => undefined })
  const found = outcome.winner ?? outcome.best
  const who = step === 'model' ? "The model's answer" : "Claude's answer"
  const entry = { step, attempt, ms: msSince(started) }
  if (!found) context.record({ ...entry, outcome: 'invalid', detail: `${who} holds no JSON.` })
  else if (found.valid) context.record({ ...entry, outcome: 'valid', detail: `${who} fits the schema.` })
  else {
    const detail = `${who} still has ${plural(found.errorCount, 'schema error')}.`
    context.record({ ...entry, outcome: 'invalid', detail, errors: found.errors.slice(0, 10) })
  }
  if (!found) return { checked: outcome.checked }
  const { candidate: _inAnswer, ...judged } = found
  return { found: { ...judged, step }, checked: outcome.checked }
}
