import { Ollama, type ChatResponse } from 'ollama'
import type { ChatRequest, ChatResult } from '../../shared/domain/chat.ts'
import { modelKind, type InstalledModel, type LoadedModel, type ModelDetails } from '../../shared/domain/models.ts'
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

  /**
   * `headersDeadline`: quick endpoints must answer within headersTimeoutMs. Chat and pull do not
   * get one: Ollama sends their headers only once the model is loaded or the manifest fetched,
   * which can take minutes; the user can stop them, and pulls have their own stall watch.
   */
  private connect(signal: AbortSignal | undefined, withDeadline = true): Ollama {
    const timeoutMs = withDeadline ? this.headersTimeoutMs : undefined
    const boundFetch: typeof fetch = async (input, init) => {
      const headersDeadline = new AbortController()
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => headersDeadline.abort(new DOMException(`No answer within ${timeoutMs / 1000} s`, 'TimeoutError')), timeoutMs)
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
        digest: m.digest || undefined,
        sizeBytes: m.size,
        modifiedAt: new Date(m.modified_at).toISOString(),
        family: m.details?.family || undefined,
        parameterSize: m.details?.parameter_size || undefined,
        quantization: m.details?.quantization_level || undefined,
      }))
    })
  }

  /** Everything the app shows about one model; the context length hides under `<arch>.context_length`. */
  show(model: string, signal?: AbortSignal): Promise<ModelDetails> {
    return this.call(
      'show',
      async () => {
        const shown = await this.connect(signal).show({ model })
        const info = (shown.model_info ?? {}) as unknown as Record<string, unknown>
        const arch = info['general.architecture']
        const contextLength = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined
        return {
          name: model,
          family: shown.details?.family || undefined,
          parameterSize: shown.details?.parameter_size || undefined,
          quantization: shown.details?.quantization_level || undefined,
          contextLength: typeof contextLength === 'number' ? contextLength : undefined,
          capabilities: shown.capabilities ?? [],
          kind: modelKind(model, shown.template ?? ''),
          template: shown.template ?? '',
          parameters: shown.parameters ?? '',
          license: shown.license || undefined,
        }
      },
      model,
    )
  }

  /** Models loaded in memory now. */
  loadedModels(signal?: AbortSignal): Promise<LoadedModel[]> {
    return this.call('ps', async () => {
      const { models } = await this.connect(signal).ps()
      return models.map((m) => {
        // Newer servers report the window each loaded model was given; the client's types predate it.
        const contextLength = (m as { context_length?: unknown }).context_length
        return {
          name: m.name,
          sizeBytes: m.size,
          vramBytes: m.size_vram ?? 0,
          expiresAt: m.expires_at ? new Date(m.expires_at).toISOString() : undefined,
          contextLength: typeof contextLength === 'number' ? contextLength : undefined,
        }
      })
    })
  }

  /** Removes a model; blobs other models still use stay. */
  deleteModel(model: string, signal?: AbortSignal): Promise<void> {
    return this.call(
      'delete',
      async () => {
        await this.connect(signal).delete({ model })
      },
      model,
    )
  }

  /** Pulls a model, reporting every progress line; resolves when Ollama says `success`. */
  pull(model: string, signal: AbortSignal, onLine: (line: PullLine) => void): Promise<void> {
    return this.call(
      'pull',
      async () => {
        const stream = await this.connect(signal, false).pull({ model, stream: true })
        for await (const line of stream) onLine(line)
      },
      model,
    )
  }

  /**
   * Streams a chat reply, calling onToken per content delta and onThinking per delta of a thinking
   * model's reasoning (which comes before the answer); resolves with the final stats.
   */
  chat(
    request: ChatRequest,
    signal: AbortSignal,
    onToken: (text: string) => void,
    onThinking: (text: string) => void = () => {},
  ): Promise<ChatResult> {
    return this.call(
      'chat',
      async () => {
        const stream = await this.connect(signal, false).chat({ ...request, stream: true })
        let content = ''
        let thinking = ''
        let last: ChatResponse | undefined
        for await (const part of stream) {
          if (part.message?.thinking) {
            thinking += part.message.thinking
            onThinking(part.message.thinking)
          }
          if (part.message?.content) {
            content += part.message.content
            onToken(part.message.content)
          }
          last = part
        }
        const nsToMs = (ns: number | undefined) => (ns === undefined ? undefined : Math.round(ns / 1e6))
        return {
          content,
          ...(thinking && { thinking }),
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
