import type { ChatMessage, ChatResult } from '../../../shared/domain/chat.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { TokenCounter } from '../../tokens/tokenCounter.ts'

/**
 * `answer`: the model read the whole prompt (`cut` when its answer hit num_predict even after a
 * retry with more room). `prompt-cut`: Ollama dropped part of the prompt, so the answer is about
 * less than was sent. `too-long`: prompt plus answer room exceed the window; nothing was sent.
 */
export type CallOutcome = { kind: 'answer' | 'prompt-cut'; content: string; cut: boolean } | { kind: 'too-long' }

export interface SummaryCallerOptions {
  ollama: OllamaClient
  model: string
  numCtx: number
  counter: TokenCounter
  signal: AbortSignal
}

/** Summaries should follow the text, not wander; a little warmth avoids the loops greedy decoding falls into. */
const TEMPERATURE = 0.2
const LENGTH_RETRIES = 1

/** Sends summary prompts with an explicit window and answer room, checking each reply for a cut prompt or a cut answer. */
export class SummaryCaller {
  /** Calls sent, retries included. */
  calls = 0
  private readonly options: SummaryCallerOptions
  private previousPrompt = ''

  constructor(options: SummaryCallerOptions) {
    this.options = options
  }

  /** Tokens of the prompt as Ollama will count it. */
  promptTokens(messages: readonly ChatMessage[]): number {
    return this.options.counter.countChat(messages)
  }

  fits(messages: readonly ChatMessage[], numPredict: number): boolean {
    return this.promptTokens(messages) + numPredict <= this.options.numCtx
  }

  async call(messages: ChatMessage[], numPredict: number): Promise<CallOutcome> {
    const { numCtx, counter } = this.options
    const sent = this.promptTokens(messages)
    if (sent + numPredict > numCtx) return { kind: 'too-long' }
    const rendered = messages.map((m) => `${m.role}\n${m.content}`).join('\n')
    let room = numPredict
    for (let attempt = 0; ; attempt++) {
      const cached = counter.count(rendered.slice(0, commonPrefixLength(rendered, this.previousPrompt)))
      const result = await this.send(messages, room)
      this.previousPrompt = rendered
      const evaluated = result.promptTokens
      if (evaluated !== undefined && promptWasCut({ sent, evaluated, room, numCtx, exact: counter.exact, cached })) {
        return { kind: 'prompt-cut', content: result.content, cut: result.doneReason === 'length' }
      }
      if (result.doneReason !== 'length') return { kind: 'answer', content: result.content, cut: false }
      const more = Math.min(room * 2, numCtx - Math.max(sent, evaluated ?? sent))
      if (attempt >= LENGTH_RETRIES || more <= room) return { kind: 'answer', content: result.content, cut: true }
      room = more
    }
  }

  private send(messages: ChatMessage[], numPredict: number): Promise<ChatResult> {
    const { ollama, model, numCtx, signal } = this.options
    signal.throwIfAborted()
    this.calls++
    return ollama.chat(
      { model, messages, options: { num_ctx: numCtx, num_predict: numPredict, temperature: TEMPERATURE } },
      signal,
      () => {},
    )
  }
}

interface PromptCheck {
  sent: number
  evaluated: number
  room: number
  numCtx: number
  exact: boolean
  /** Tokens this prompt shares with the previous one: servers that report only what they had to evaluate leave them out. */
  cached: number
}

/**
 * Ollama never says it cut a prompt; `prompt_eval_count` is the only trace. More than was counted
 * and leaving less than the answer room: the server's count exceeded ours (a model we can only
 * estimate) and the window overflowed or nearly did. Less than was counted, beyond what a prompt
 * cache and an estimate's error explain: the server kept only part of it (a smaller window than asked).
 */
export function promptWasCut({ sent, evaluated, room, numCtx, exact, cached }: PromptCheck): boolean {
  if (evaluated >= sent) return evaluated + room > numCtx
  const tolerance = cached + (exact ? 0 : Math.max(32, sent * 0.15))
  return sent - evaluated > tolerance
}

function commonPrefixLength(a: string, b: string): number {
  const most = Math.min(a.length, b.length)
  let i = 0
  while (i < most && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}
