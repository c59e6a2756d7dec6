import { z } from 'zod'
import { ModelName } from './models.ts'

export const ChatRole = z.enum(['system', 'user', 'assistant'])
export type ChatRole = z.infer<typeof ChatRole>

export const ChatMessage = z.object({
  role: ChatRole,
  content: z.string().max(2_000_000),
  /** Base64 images for vision models, as Ollama takes them. */
  images: z.array(z.string().max(16_000_000)).max(8).optional(),
})
export type ChatMessage = z.infer<typeof ChatMessage>

/** The Ollama options a conversation can set; unset ones take the app's defaults. */
export const ChatOptions = z
  .object({
    temperature: z.number().min(0).max(2),
    top_p: z.number().min(0).max(1),
    seed: z.number().int(),
    num_ctx: z.number().int().min(256).max(1_048_576),
    num_predict: z.number().int().min(-2).max(1_048_576),
    stop: z.array(z.string().min(1).max(100)).max(8),
    keep_alive: z.string().max(20),
    /** Whether a thinking model reasons before it answers; unset, Ollama decides (thinking models think). */
    think: z.boolean(),
  })
  .partial()
export type ChatOptions = z.infer<typeof ChatOptions>

export const ChatRequest = z.object({
  model: ModelName,
  messages: z.array(ChatMessage).min(1).max(10_000),
  options: ChatOptions.omit({ keep_alive: true, think: true }).optional(),
  keep_alive: z.string().max(20).optional(),
  think: z.boolean().optional(),
  /** Constrains the reply: `json`, or a JSON Schema the output must follow. */
  format: z.union([z.literal('json'), z.record(z.string(), z.unknown())]).optional(),
})
export type ChatRequest = z.infer<typeof ChatRequest>

/** Streamed while the reply is generated (a thinking model's reasoning first); the pump batches several into one message. */
export const ChatEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), text: z.string() }),
  z.object({ type: z.literal('thinking'), text: z.string() }),
])
export type ChatEvent = z.infer<typeof ChatEvent>

export const ChatResult = z.object({
  content: z.string(),
  /** What a thinking model reasoned before its answer (Ollama's `message.thinking`). */
  thinking: z.string().optional(),
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
