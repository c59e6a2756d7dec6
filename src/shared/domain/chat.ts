import { z } from 'zod'

export const ChatRole = z.enum(['system', 'user', 'assistant'])
export type ChatRole = z.infer<typeof ChatRole>

export const ChatMessage = z.object({
  role: ChatRole,
  content: z.string().max(2_000_000),
})
export type ChatMessage = z.infer<typeof ChatMessage>

export const ChatRequest = z.object({
  model: z.string().min(1).max(200),
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
