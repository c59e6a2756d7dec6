import { Ollama, type ChatResponse } from 'ollama'
import type { ChatRequest, ChatResult } from '../../shared/domain/chat.ts'
import type { InstalledModel } from '../../shared/domain/models.ts'
import { isLoopbackHost } from './hostAddress.ts'
import type { PullLine } from './pullProgress.ts'
import { mapOllamaError, type OllamaEndpoint } from './ollamaErrors.ts'

export interface OllamaClientOptions {
  /** Normalized base URL (see normalizeHost). */
  host: string
  headers?: Record<string, string>
  /** How long to wait for response headers; bodies of streams may take as long as they take. */
  headersTimeoutMs?: number
}

/**
 * The app's only door to Ollama. Each call gets its own `Ollama` instance whose fetch is bound to
 * the call's AbortSignal, so cancelling reaches the HTTP request even before the first byte.
 */
export class OllamaClient {
  readonly host: string
  readonly remote: boolean
  private readonly headers: Record<string, string>
  private readonly headersTimeoutMs: number

  constructor(options: OllamaClientOptions) {
    this.host = options.host
    this.remote = !isLoopbackHost(options.host)
    this.headers = options.headers ?? {}
    this.headersTimeoutMs = options.headersTimeoutMs ?? 10_000
  }

  private connect(signal: AbortSignal | undefined): Ollama {
    const timeoutMs = this.headersTimeoutMs
    const boundFetch: typeof fetch = async (input, init) => {
      const headersDeadline = new AbortController()
      const timer = setTimeout(() => headersDeadline.abort(new DOMException('No answer in time', 'TimeoutError')), timeoutMs)
      const signals = [headersDeadline.signal, ...(signal ? [signal] : []), ...(init?.signal ? [init.signal] : [])]
      try {
        return await fetch(input, { ...init, signal: AbortSignal.any(signals) })
      } finally {
        clearTimeout(timer)
      }
    }
    return new Ollama({ host: this.host, headers: this.headers, fetch: boundFetch })
  }

  private async call<T>(endpoint: OllamaEndpoint, run: () => Promise<T>, model?: string): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw mapOllamaError(error, { endpoint, host: this.host, model, remote: this.remote })
    }
  }

  version(signal?: AbortSignal): Promise<string> {
    return this.call('version', async () => (await this.connect(signal).version()).version)
  }

  listModels(signal?: AbortSignal): Promise<InstalledModel[]> {
    return this.call('tags', async () => {
      const { models } = await this.connect(signal).list()
      return models.map((m) => ({
        name: m.name,
        sizeBytes: m.size,
        modifiedAt: new Date(m.modified_at).toISOString(),
        family: m.details?.family || undefined,
        parameterSize: m.details?.parameter_size || undefined,
        quantization: m.details?.quantization_level || undefined,
      }))
    })
  }

  /** Pulls a model, reporting every progress line; resolves when Ollama says `success`. */
  pull(model: string, signal: AbortSignal, onLine: (line: PullLine) => void): Promise<void> {
    return this.call(
      'pull',
      async () => {
        const stream = await this.connect(signal).pull({ model, stream: true })
        for await (const line of stream) onLine(line)
      },
      model,
    )
  }

  /** Streams a chat reply, calling onToken per content delta; resolves with the final stats. */
  chat(request: ChatRequest, signal: AbortSignal, onToken: (text: string) => void): Promise<ChatResult> {
    return this.call(
      'chat',
      async () => {
        const stream = await this.connect(signal).chat({ ...request, stream: true })
        let content = ''
        let last: ChatResponse | undefined
        for await (const part of stream) {
          if (part.message?.content) {
            content += part.message.content
            onToken(part.message.content)
          }
          last = part
        }
        const nsToMs = (ns: number | undefined) => (ns === undefined ? undefined : Math.round(ns / 1e6))
        return {
          content,
          doneReason: last?.done_reason,
          promptTokens: last?.prompt_eval_count,
          replyTokens: last?.eval_count,
          totalMs: nsToMs(last?.total_duration),
        }
      },
      request.model,
    )
  }
}
