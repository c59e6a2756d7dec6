import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'

/** Where a pull is, from Ollama's status lines; `cleaning` is the optional "removing unused layers" step. */
export const PullPhase = z.enum(['manifest', 'downloading', 'verifying', 'writing', 'cleaning', 'success'])
export type PullPhase = z.infer<typeof PullPhase>

/**
 * One view of a whole pull, summed over all layers rather than the current one. `totalBytes` grows
 * while layers are announced one after another, so `percent` is relative to what is known so far.
 */
export const PullProgress = z.object({
  phase: PullPhase,
  /** Ollama's last status text, e.g. `pulling 2bada8a74506`. */
  status: z.string(),
  completedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  /** Undefined until some layer's size is known. */
  percent: z.number().min(0).max(100).optional(),
  /** Undefined until bytes have been seen arriving over some time. */
  bytesPerSecond: z.number().nonnegative().optional(),
  /** Undefined while the speed is zero or unknown. */
  etaSeconds: z.number().nonnegative().optional(),
  /** Distinct layers (digests) announced so far. */
  layers: z.number().int().nonnegative(),
  currentDigest: z.string().optional(),
  /** Bytes that were already downloaded once but the server no longer had when the pull resumed. */
  redownloadBytes: z.number().int().nonnegative().optional(),
})
export type PullProgress = z.infer<typeof PullProgress>

/**
 * `queued` waits for the one download slot (Ollama fetches one blob at a time, so parallel pulls
 * only split the bandwidth); `retrying` waits out a backoff after a dropped connection or stall;
 * `paused` and `cancelled` both keep the partial download on the server, but only a paused pull
 * stays in the list to be resumed.
 */
export const PullJobState = z.enum(['queued', 'running', 'retrying', 'paused', 'done', 'failed', 'cancelled'])
export type PullJobState = z.infer<typeof PullJobState>

/** States in which a pull still holds a place in the queue and can be paused or cancelled. */
export const ACTIVE_PULL_STATES: readonly PullJobState[] = ['queued', 'running', 'retrying']

export function isActivePull(job: Pick<PullJob, 'state'>): boolean {
  return ACTIVE_PULL_STATES.includes(job.state)
}

/** A pull owned by main: it outlives the window that started it. */
export const PullJob = z.object({
  model: z.string(),
  /** What the user typed, when it had to be corrected (e.g. `qwen2.5-7b-instruct`). */
  requestedAs: z.string().optional(),
  state: PullJobState,
  progress: PullProgress,
  error: ErrorInfo.optional(),
  /** Which try this is: 1 for the first request, more after automatic retries. */
  attempt: z.number().int().positive(),
  /** While `retrying`: when the next try starts (epoch ms), and why the last one stopped. */
  retryAt: z.number().optional(),
  retryReason: z.string().optional(),
  /** Something the user should know that is not an error, e.g. the server threw away a partial download. */
  notice: z.string().optional(),
})
export type PullJob = z.infer<typeof PullJob>

/** Spellings that look right but are not Ollama tags: the first `-` after a known family name is a `:`. */
export function normalizeModelName(typed: string): string {
  const name = typed.trim()
  if (name.includes(':') || name.includes('/')) return name
  const match = /^(qwen[\d.]*|llama[\d.]*|gemma[\d.]*|mistral|phi[\d.]*)-(\d+(?:\.\d+)?b(?:-.+)?)$/i.exec(name)
  return match ? `${match[1]}:${match[2]}`.toLowerCase() : name
}
