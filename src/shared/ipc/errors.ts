import { z } from 'zod'

/** The closed set of failure codes every host and screen understands. */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'PAYLOAD_TOO_LARGE',
  'DISCONNECTED',
  'INTERNAL',
  'CANCELLED',
  'OLLAMA_NOT_INSTALLED',
  'OLLAMA_NOT_RUNNING',
  'OLLAMA_UNREACHABLE',
  'OLLAMA_BUSY',
  'OLLAMA_ERROR',
  'PORT_IN_USE',
  'DISK_FULL',
  'INSTALL_FAILED',
  'MODEL_NOT_FOUND',
  'CONTEXT_OVERFLOW',
  'MODEL_INCAPABLE',
  'SCHEMA_INVALID',
  'FILE_UNSUPPORTED',
  'FILE_ENCRYPTED',
  'FILE_CORRUPT',
  'FILE_NO_TEXT',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'INPUT_TOO_LARGE',
  'TIME_LIMIT',
  'OUTPUT_CUT',
  'CLAUDE_NOT_CONFIGURED',
  'CLAUDE_AUTH',
  'CLAUDE_RATE_LIMITED',
  'CLAUDE_OVERLOADED',
  'CLAUDE_ERROR',
  'SETTINGS_INVALID',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
  retryable: z.boolean().optional(),
  /** For a rejected form: message per field name, so each can be shown beside its input. */
  fields: z.record(z.string(), z.string()).optional(),
})
export type ErrorInfo = z.infer<typeof ErrorInfo>

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo }

/** An error that already knows how to explain itself to a person. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined
  readonly retryable: boolean | undefined
  readonly fields: Record<string, string> | undefined

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options)
    this.name = 'AppError'
    this.code = info.code
    this.hint = info.hint
    this.retryable = info.retryable
    this.fields = info.fields
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.hint !== undefined) info.hint = this.hint
    if (this.retryable !== undefined) info.retryable = this.retryable
    if (this.fields !== undefined) info.fields = this.fields
    return info
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
}

/** Turns anything thrown into an envelope error without leaking stack traces. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  if (isAbortError(error)) return { code: 'CANCELLED', message: 'The request was cancelled.' }
  const detail = error instanceof Error ? error.message : String(error)
  return {
    code: 'INTERNAL',
    message: `Something went wrong inside Instruct Desk: ${detail}`,
    hint: 'Try again. If it keeps happening, use Settings → Copy diagnostics and report it.',
    retryable: true,
  }
}
