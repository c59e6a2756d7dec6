import { z } from 'zod'

/** A Claude model the account may use, as Anthropic lists it; ids change over time, so the list is read at runtime. */
export const ClaudeModel = z.object({
  id: z.string(),
  displayName: z.string(),
  /** RFC 3339, as the API reports it; the list arrives newest first. */
  createdAt: z.string(),
})
export type ClaudeModel = z.infer<typeof ClaudeModel>

/** A finished answer. `stopReason` is Anthropic's own (`end_turn`, `refusal`, …); a `max_tokens` stop is an OUTPUT_CUT error instead. */
export const ClaudeGeneration = z.object({
  text: z.string(),
  stopReason: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
})
export type ClaudeGeneration = z.infer<typeof ClaudeGeneration>

/** What a screen shows while Claude works on a step: which model, how far it got, and the limit it may reach. */
export const ClaudeProgress = z.object({
  model: z.string(),
  state: z.enum(['waiting', 'writing', 'done']),
  /** Characters of answer received so far. */
  characters: z.number().int().nonnegative(),
  maxTokens: z.number().int().positive(),
})
export type ClaudeProgress = z.infer<typeof ClaudeProgress>
