import type { ChatResult } from '../../../shared/domain/chat.ts'
import { isAbortError, toErrorInfo } from '../../../shared/ipc/errors.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import { judgeAnswer, type AnswerStageOutcome } from './answerCheck.ts'
import { buildRepairPrompt, initialNumPredict, MAX_NUM_CTX, type RepairPromptInput } from './modelPrompt.ts'
import { closer, msSince, type Found, type StageContext } from './repairStage.ts'

export interface ModelStageInput {
  context: StageContext
  ollama: OllamaClient
  model: string
  attempts: number
  text: string
  best: Found | undefined
}

/**
 * The local model, at most `attempts` calls: Ollama's `format` is the schema, the prompt carries the
 * schema, the text, the closest JSON and ajv's errors, at temperature 0. Each answer is judged like
 * the input; an invalid one becomes the closest JSON for the next call, with its own errors. An
 * answer cut off by num_predict is no answer: the next call gets twice the room.
 */
export async function repairWithModel(input: ModelStageInput): Promise<AnswerStageOutcome> {
  const { context, ollama, model } = input
  const signal = context.signal ?? new AbortController().signal
  const promptInput = (closest: Found | undefined): RepairPromptInput => ({
    schema: context.schema.schema,
    text: input.text,
    closest: closest && { value: closest.value, errors: closest.errors },
  })
  let closest = input.best
  let best: Found | undefined
  let numPredict = initialNumPredict(promptInput(closest))
  let calls = 0
  let checked = 0
  for (let attempt = 1; attempt <= input.attempts; attempt++) {
    const started = performance.now()
    const prompt = buildRepairPrompt(promptInput(closest), numPredict)
    if (!prompt) {
      const detail = `The schema and the closest JSON are too long for the model's ${MAX_NUM_CTX.toLocaleString('en-US')}-token window.`
      context.record({ step: 'model', outcome: 'skipped', attempt, detail, ms: 0 })
      break
    }
    context.record({ step: 'model', outcome: 'running', attempt, detail: `Asking ${model} (call ${attempt} of ${input.attempts}).`, ms: 0 })
    let reply: ChatResult
    try {
      calls++
      reply = await ollama.chat(
        {
          model,
          messages: prompt.messages,
          format: context.schema.schema,
          options: { temperature: 0, num_ctx: prompt.numCtx, num_predict: prompt.numPredict },
        },
        signal,
        () => undefined,
      )
    } catch (error) {
      // Cancelling reaches the client first, which reports it as its own error; the caller expects the abort.
      context.signal?.throwIfAborted()
      if (isAbortError(error)) throw error
      const info = toErrorInfo(error)
      context.record({ step: 'model', outcome: 'failed', attempt, detail: info.message, error: info, ms: msSince(started) })
      break
    }
    if (reply.doneReason === 'length') {
      const detail = `The answer was cut off at ${numPredict.toLocaleString('en-US')} tokens, so it was not used.`
      context.record({ step: 'model', outcome: 'failed', attempt, detail, ms: msSince(started) })
      numPredict = Math.min(MAX_NUM_CTX / 2, numPredict * 2)
      continue
    }
    const { found, checked: answerChecks } = await judgeAnswer(reply.content, context, 'model', attempt, started)
    checked += answerChecks
    if (found?.valid) return { winner: found, best, calls, checked }
    if (found) {
      closest = found
      best = closer(best, found)
    }
  }
  return { best, calls, checked }
}
