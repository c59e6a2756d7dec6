import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk'
import type { ClaudeGeneration } from '../../../shared/domain/claude.ts'
import { formatDuration } from '../../../shared/format.ts'
import { AppError, isAbortError } from '../../../shared/ipc/errors.ts'

export function claudeNotConfigured(): AppError {
  return new AppError({
    code: 'CLAUDE_NOT_CONFIGURED',
    message: 'Claude is not set up: there is no Anthropic API key.',
    hint: 'Add an Anthropic API key in Settings, or outside the desktop app set ANTHROPIC_API_KEY.',
  })
}

/**
 * Claude stopped at the output limit. What it wrote so far stays available as `partial`, so a
 * caller can show it or continue from it; the error itself says how to avoid the cut.
 */
export class OutputCutError extends AppError {
  readonly partial: ClaudeGeneration

  constructor(partial: ClaudeGeneration, maxTokens: number) {
    super({
      code: 'OUTPUT_CUT',
      message: `Claude's answer was cut off at the limit of ${maxTokens} output tokens.`,
      hint: 'Raise the output token limit and try again.',
      retryable: true,
    })
    this.name = 'OutputCutError'
    this.partial = partial
  }
}

/** The stream ended without saying why it stopped: the connection broke after the answer began. */
export function connectionLost(cause?: unknown): AppError {
  return claudeError('The connection to Anthropic broke in the middle of the answer.', cause, { hint: 'Try again.', retryable: true })
}

/** True for a 400 the API gives a request it will not run as sent, e.g. a schema structured outputs cannot take. */
export function isInvalidRequest(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && error.type === 'invalid_request_error'
}

/** How long the server asked us to wait, from `retry-after` (seconds or an HTTP date). */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined
}

function claudeError(message: string, error: unknown, extra: { hint?: string; retryable?: boolean } = {}): AppError {
  return new AppError({ code: 'CLAUDE_ERROR', message, ...extra }, { cause: error })
}

/** The server's own words (never the SDK's message, which may quote more than a person needs). */
function serverMessage(error: APIError): string {
  return error.apiMessage ?? `HTTP ${error.status ?? 'error'}`
}

function mapApiError(error: APIError, model: string | undefined): AppError {
  const status = error.status
  if (status === 401 || status === 403 || error.type === 'authentication_error' || error.type === 'permission_error') {
    return new AppError(
      {
        code: 'CLAUDE_AUTH',
        message: `Anthropic rejected the API key: ${serverMessage(error)}.`,
        hint: 'Replace the key in Settings (outside the desktop app, set ANTHROPIC_API_KEY to a valid key).',
      },
      { cause: error },
    )
  }
  if (status === 429 || error.type === 'rate_limit_error') {
    const wait = retryAfterSeconds(error.headers)
    return new AppError(
      {
        code: 'CLAUDE_RATE_LIMITED',
        message: 'Anthropic is limiting how many requests this API key may make.',
        hint: wait === undefined ? 'Try again in a moment.' : `Try again in ${formatDuration(wait)}.`,
        retryable: true,
      },
      { cause: error },
    )
  }
  if (status === 529 || error.type === 'overloaded_error') {
    return new AppError(
      {
        code: 'CLAUDE_OVERLOADED',
        message: 'Anthropic is overloaded right now.',
        hint: 'Try again in a minute or two.',
        retryable: true,
      },
      { cause: error },
    )
  }
  if (status === undefined) {
    return claudeError(`Claude stopped in the middle of the answer: ${serverMessage(error)}`, error, { retryable: true })
  }
  if (status >= 500) return claudeError(`Anthropic had an internal error: ${serverMessage(error)}`, error, { retryable: true })
  if (status === 404 && model !== undefined) {
    return claudeError(`Anthropic does not offer the model "${model}" to this key: ${serverMessage(error)}`, error, {
      hint: 'Pick a model from the current list; model ids change over time.',
    })
  }
  return claudeError(`Anthropic refused the request: ${serverMessage(error)}`, error)
}

/**
 * Maps whatever a call to Anthropic threw into an AppError a person can act on. Cancelling is not
 * a failure: the caller's abort reason comes back unchanged, so hosts report it as cancelled.
 */
export function mapClaudeError(error: unknown, context: { signal?: AbortSignal | undefined; model?: string | undefined }): unknown {
  if (context.signal?.aborted) return context.signal.reason
  if (error instanceof AppError || isAbortError(error)) return error
  if (error instanceof APIUserAbortError) return new DOMException('The request was cancelled.', 'AbortError')
  if (error instanceof APIConnectionTimeoutError) {
    return claudeError('Anthropic did not answer in time.', error, {
      hint: 'Try again; if it keeps happening, check your connection.',
      retryable: true,
    })
  }
  if (error instanceof APIConnectionError) {
    return claudeError('Could not reach Anthropic. Are you offline?', error, {
      hint: 'Check your internet connection (and any proxy or firewall), then try again.',
      retryable: true,
    })
  }
  if (error instanceof APIError) return mapApiError(error, context.model)
  // What fetch throws when an answer's connection breaks after it started.
  if (error instanceof TypeError && error.message === 'terminated') return connectionLost(error)
  const detail = error instanceof Error ? error.message : String(error)
  return claudeError(`Claude failed: ${detail}`, error, { retryable: true })
}
