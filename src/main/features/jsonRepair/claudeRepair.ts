import { isAbortError, toErrorInfo } from '../../../shared/ipc/errors.ts'
import { judgeAnswer, type AnswerStageOutcome } from './answerCheck.ts'
import { problemLine } from './plainErrors.ts'
import { msSince, type Found, type StageContext } from './repairStage.ts'

export interface ClaudeRepairRequest {
  /** The original input. */
  text: string
  schema: object
  /** What is still wrong, one line each ("/priority must be one of: low, medium, high"). */
  problems: string[]
}

/** Supplied by the host when the user enabled Claude: asks it for the JSON and returns its answer text. */
export type ClaudeRepair = (request: ClaudeRepairRequest, signal?: AbortSignal) => Promise<string>

/** The last resort: one call, its answer judged like any other. */
export async function repairWithClaude(
  claude: ClaudeRepair,
  text: string,
  best: Found | undefined,
  context: StageContext,
): Promise<AnswerStageOutcome> {
  const started = performance.now()
  const problems = best ? best.errors.map(problemLine) : ['No JSON could be read from the text.']
  context.record({ step: 'claude', outcome: 'running', attempt: 1, detail: 'Asking Claude.', ms: 0 })
  let answer: string
  try {
    answer = await claude({ text, schema: context.schema.schema, problems }, context.signal)
  } catch (error) {
    // Cancelling reaches the client first, which reports it as its own error; the caller expects the abort.
    context.signal?.throwIfAborted()
    if (isAbortError(error)) throw error
    const info = toErrorInfo(error)
    context.record({ step: 'claude', outcome: 'failed', attempt: 1, detail: info.message, error: info, ms: msSince(started) })
    return { calls: 1, checked: 0 }
  }
  const { found, checked } = await judgeAnswer(answer, context, 'claude', 1, started)
  return found?.valid ? { winner: found, calls: 1, checked } : { best: found, calls: 1, checked }
}
