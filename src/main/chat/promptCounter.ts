import type { ChatMessage } from '../../shared/domain/chat.ts'
import { tokenizerFor } from '../tokens/tokenCounter.ts'
import type { PromptCounter } from './ChatService.ts'

/**
 * The prompt as Ollama will render and tokenize it: exact for Qwen 2.5 models (the real tokenizer
 * and Ollama's template), an estimate labelled as such for others.
 */
export const countPrompt: PromptCounter = (model: string, messages: ChatMessage[]) => {
  const counter = tokenizerFor(model)
  return { tokens: counter.countChat(messages), exact: counter.exact }
}
