import Anthropic from '@anthropic-ai/sdk'
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages'
import type { ClaudeGeneration, ClaudeModel } from '../../../shared/domain/claude.ts'
import { connectionLost, claudeNotConfigured, isInvalidRequest, mapClaudeError, OutputCutError } from './claudeErrors.ts'
import { readMessageStream } from './readMessageStream.ts'
import { REPAIR_SYSTEM, repairPrompt, type RepairPromptInput } from './repairPrompt.ts'

export interface ClaudeClientOptions {
  /**
   * Where the key comes from, asked on every call so a key saved in Settings applies at once. The
   * composition root decides: the secret store in the desktop app, ANTHROPIC_API_KEY elsewhere.
   */
  apiKey: () => string | undefined
  baseURL?: string
  /** Retries of 408/409/429/5xx the SDK makes itself, honoring retry-after (default 2). */
  maxRetries?: number
  timeoutMs?: number
}

export interface GenerateRequest {
  model: string
  prompt: string
  system?: string
  maxTokens: number
}

export interface GenerateOptions {
  signal?: AbortSignal
  onText?: (text: string) => void
}

export interface RepairJsonRequest extends RepairPromptInput {
  model: string
  maxTokens: number
}

type MessageParams = Omit<MessageCreateParamsStreaming, 'stream'>

/**
 * The app's only door to Anthropic, an optional helper: nothing else needs it. Answers are always
 * streamed, so long outputs never hit the SDK's limit on non-streaming calls and cancelling
 * closes the connection at once. No `temperature` is sent, since some models reject any but the default.
 */
export class ClaudeClient {
  private readonly options: ClaudeClientOptions
  private cached: { apiKey: string; sdk: Anthropic } | undefined

  constructor(options: ClaudeClientOptions) {
    this.options = options
  }

  /** Every model the key may use, over all pages, newest first. */
  listModels(signal?: AbortSignal): Promise<ClaudeModel[]> {
    return this.call({ signal }, async () => {
      const models: ClaudeModel[] = []
      for await (const model of this.sdk().models.list({}, { signal })) {
        models.push({ id: model.id, displayName: model.display_name, createdAt: model.created_at })
      }
      return models
    })
  }

  /**
   * One answer to one prompt, streamed through `onText`. A `max_tokens` stop throws
   * `OutputCutError` (code OUTPUT_CUT) whose `partial` holds what arrived.
   */
  generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<ClaudeGeneration> {
    const params: MessageParams = {
      model: request.model,
      max_tokens: request.maxTokens,
      messages: [{ role: 'user', content: request.prompt }],
      ...(request.system ? { system: request.system } : {}),
    }
    return this.call({ signal: options.signal, model: request.model }, () => this.stream(params, options))
  }

  /**
   * Asks Claude to rewrite `text` as JSON for `schema`, with structured outputs on the caller's own
   * schema object. When the API refuses that request (structured outputs do not take every schema
   * or model), it asks once more without them, with the schema in the prompt. Returns the raw
   * answer: the caller validates it.
   */
  repairJson(request: RepairJsonRequest, signal?: AbortSignal): Promise<string> {
    const base = { model: request.model, max_tokens: request.maxTokens, system: REPAIR_SYSTEM }
    return this.call({ signal, model: request.model }, async () => {
      try {
        const structured = await this.stream(
          {
            ...base,
            messages: [{ role: 'user', content: repairPrompt(request, false) }],
            output_config: { format: { type: 'json_schema', schema: request.schema } },
          },
          { signal },
        )
        return structured.text
      } catch (error) {
        if (!isInvalidRequest(error) || signal?.aborted) throw error
      }
      const plain = await this.stream({ ...base, messages: [{ role: 'user', content: repairPrompt(request, true) }] }, { signal })
      return plain.text
    })
  }

  /** One SDK client per key; a new key in Settings gets a new one. */
  private sdk(): Anthropic {
    const apiKey = this.options.apiKey()
    if (!apiKey) throw claudeNotConfigured()
    if (this.cached?.apiKey !== apiKey) {
      const sdk = new Anthropic({
        apiKey,
        baseURL: this.options.baseURL,
        maxRetries: this.options.maxRetries ?? 2,
        timeout: this.options.timeoutMs,
      })
      this.cached = { apiKey, sdk }
    }
    return this.cached.sdk
  }

  private async stream(params: MessageParams, { signal, onText }: GenerateOptions): Promise<ClaudeGeneration> {
    const events = await this.sdk().messages.create({ ...params, stream: true }, { signal })
    const reply = await readMessageStream(events, onText)
    // The SDK ends a stream quietly when it is aborted; the caller must still learn it was stopped.
    signal?.throwIfAborted()
    const { stopReason } = reply
    if (stopReason === null) throw connectionLost()
    if (stopReason === 'max_tokens') throw new OutputCutError({ ...reply, stopReason }, params.max_tokens)
    return { ...reply, stopReason }
  }

  private async call<T>(context: { signal?: AbortSignal | undefined; model?: string }, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw mapClaudeError(error, context)
    }
  }
}
