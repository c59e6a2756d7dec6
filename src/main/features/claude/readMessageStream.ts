import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages'
import type { ClaudeGeneration } from '../../../shared/domain/claude.ts'

/** A streamed answer as it was read: `stopReason` stays null when the stream ended before `message_delta` said why. */
export type StreamedReply = Omit<ClaudeGeneration, 'stopReason'> & { stopReason: string | null }

/**
 * Folds Anthropic's SSE events into one answer, handing each piece of text on as it arrives.
 * Input tokens come with `message_start`; `message_delta` carries the stop reason and the
 * final output count (and may correct the input count).
 */
export async function readMessageStream(
  events: AsyncIterable<RawMessageStreamEvent>,
  onText?: (text: string) => void,
): Promise<StreamedReply> {
  const reply: StreamedReply = { text: '', stopReason: null, inputTokens: 0, outputTokens: 0 }
  for await (const event of events) {
    if (event.type === 'message_start') {
      reply.inputTokens = event.message.usage.input_tokens
      reply.outputTokens = event.message.usage.output_tokens
    } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      reply.text += event.delta.text
      onText?.(event.delta.text)
    } else if (event.type === 'message_delta') {
      reply.stopReason = event.delta.stop_reason ?? reply.stopReason
      reply.outputTokens = event.usage.output_tokens
      reply.inputTokens = event.usage.input_tokens ?? reply.inputTokens
    }
  }
  return reply
}
