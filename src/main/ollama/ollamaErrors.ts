import { AppError, isAbortError } from '../../shared/ipc/errors.ts'

/** Which request failed, because the server words the same failure differently per endpoint. */
export type OllamaEndpoint = 'version' | 'tags' | 'show' | 'ps' | 'delete' | 'chat' | 'pull'

interface ResponseErrorLike {
  name: 'ResponseError'
  status_code: number
  error: string
}

function isResponseError(error: unknown): error is ResponseErrorLike {
  return error instanceof Error && error.name === 'ResponseError' && 'status_code' in error
}

function causeCode(error: Error): string {
  return (error as { cause?: { code?: string } }).cause?.code ?? ''
}

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return (
    error.message === 'fetch failed' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET'].includes(causeCode(error))
  )
}

/** The answer had started and the connection broke: the server was there a moment ago. */
function isDroppedStream(error: unknown): boolean {
  return error instanceof Error && error.message === 'terminated' && ['UND_ERR_SOCKET', 'ECONNRESET'].includes(causeCode(error))
}

/**
 * Maps whatever the ollama client threw into an AppError a person can act on. Classification
 * goes by status and endpoint with a loose text match, since the exact wording varies by
 * server version.
 */
export function mapOllamaError(
  error: unknown,
  context: { endpoint: OllamaEndpoint; host: string; model?: string | undefined; remote: boolean },
): AppError {
  if (error instanceof AppError) return error
  // A deadline ran out (ours or a probe's): the server is slow or hung, which is not the user stopping anything.
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new AppError(
      {
        code: context.remote ? 'OLLAMA_UNREACHABLE' : 'OLLAMA_NOT_RUNNING',
        message: `Ollama at ${context.host} did not answer in time.`,
        hint: 'It may be busy loading a model or stuck. Try again in a moment; if it keeps happening, restart Ollama.',
        retryable: true,
      },
      { cause: error },
    )
  }
  if (isAbortError(error)) return new AppError({ code: 'CANCELLED', message: 'Stopped.' }, { cause: error })
  if (context.endpoint === 'pull' && error instanceof Error && /file does not exist|manifest unknown|not found/i.test(error.message)) {
    return new AppError(
      {
        code: 'MODEL_NOT_FOUND',
        message: `There is no model called "${context.model}" in the Ollama library.`,
        hint: `Check the spelling: tags look like qwen2.5:7b-instruct (a colon before the size). Ollama said: ${error.message}`,
      },
      { cause: error },
    )
  }
  if (context.endpoint === 'pull' && isResponseError(error) && error.status_code === 400) {
    return new AppError(
      {
        code: 'MODEL_NOT_FOUND',
        message: `"${context.model}" is not a valid model name.`,
        hint: `Names look like qwen2.5:7b-instruct or namespace/model:tag, without spaces. Ollama said: ${error.error}`,
      },
      { cause: error },
    )
  }
  if (isResponseError(error)) {
    const text = error.error
    if (error.status_code === 404 && /not found/i.test(text) && context.model) {
      return new AppError(
        {
          code: 'MODEL_NOT_FOUND',
          message: `The model "${context.model}" is not installed on ${context.host}.`,
          hint: 'Pull it from the Models screen, or pick an installed model.',
        },
        { cause: error },
      )
    }
    if (error.status_code === 503) {
      return new AppError(
        { code: 'OLLAMA_BUSY', message: `Ollama is busy: ${text}`, hint: 'Your request can be retried in a moment.', retryable: true },
        { cause: error },
      )
    }
    if (error.status_code === 401 || error.status_code === 403) {
      return new AppError(
        {
          code: 'OLLAMA_ERROR',
          message: `Ollama at ${context.host} refused the request (${error.status_code}): ${text || 'no reason given'}`,
          hint: context.remote
            ? 'If the server needs a token, set it in Settings → Access token (the CLI reads OLLAMA_API_KEY), and check the extra headers.'
            : 'A local Ollama refuses requests from origins it does not trust; set OLLAMA_ORIGINS for it or use the desktop app.',
        },
        { cause: error },
      )
    }
    return new AppError({ code: 'OLLAMA_ERROR', message: `Ollama answered ${error.status_code}: ${text}` }, { cause: error })
  }
  if (isDroppedStream(error)) {
    return new AppError(
      {
        code: context.remote ? 'OLLAMA_UNREACHABLE' : 'OLLAMA_NOT_RUNNING',
        message: `The connection to Ollama at ${context.host} was lost in the middle of the answer.`,
        hint: 'Ollama may have stopped or restarted. Try again; what already arrived is kept.',
        retryable: true,
      },
      { cause: error },
    )
  }
  if (isConnectionFailure(error)) {
    return context.remote
      ? new AppError(
          {
            code: 'OLLAMA_UNREACHABLE',
            message: `Could not reach the Ollama server at ${context.host}.`,
            hint: 'Check the address in Settings, your network, and that the server is running.',
            retryable: true,
          },
          { cause: error },
        )
      : new AppError(
          {
            code: 'OLLAMA_NOT_RUNNING',
            message: `Ollama is not running at ${context.host}.`,
            hint: 'Start Ollama, then try again.',
            retryable: true,
          },
          { cause: error },
        )
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new AppError({ code: 'OLLAMA_ERROR', message: `Ollama failed: ${detail}`, retryable: true }, { cause: error })
}
