import { z } from 'zod'

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
})
export type PullProgress = z.infer<typeof PullProgress>
