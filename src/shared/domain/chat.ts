import { z } from 'zod'
import { ModelName } from './models.ts'

export const ChatRole = z.enum(['system', 'user', 'assistant'])
export type ChatRole = z.infer<typeof ChatRole>

export const ChatMessage = z.object({
  role: ChatRole,
  content: z.string().max(2_000_000),
})
export type ChatMessage = z.infer<typeof ChatMessage>

export const ChatRequest = z.object({
  model: ModelName,
  messages: z.array(ChatMessage).min(1).max(10_000),
  options: z
    .object({
      num_ctx: z.number().int().positive().optional(),
      temperature: z.number().min(0).max(2).optional(),
    })
    .optional(),
})
export type ChatRequest = z.infer<typeof ChatRequest>

/** Streamed while the reply is generated; the pump batches several into one frame. */
export const ChatEvent = z.object({ type: z.literal('token'), text: z.string() })
export type ChatEvent = z.infer<typeof ChatEvent>

export const ChatResult = z.object({
  content: z.string(),
  doneReason: z.string().optional(),
  promptTokens: z.number().optional(),
  replyTokens: z.number().optional(),
  totalMs: z.number().optional(),
})
export type ChatResult = z.infer<typeof ChatResult>

/** The seed notes' system message: short, and it keeps qwen2.5 on task. */
export const DEFAULT_SYSTEM_PROMPT = 'You are a helpful and concise assistant.'

/**
 * Sent explicitly on every chat: Ollama's own default window is far smaller than qwen2.5's
 * 32,768 tokens and silently drops the oldest turns when exceeded.
 */
export const DEFAULT_NUM_CTX = 8192
