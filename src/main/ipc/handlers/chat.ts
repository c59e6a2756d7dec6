import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { StreamHandlers } from '../router.ts'

/** One-off chats that are not stored (Compare, the CLI's piped prompts). */
export function chatHandlers(client: () => OllamaClient): Pick<StreamHandlers, 'chat:send'> {
  return {
    'chat:send': (request, { signal, emit }) =>
      client().chat(
        request,
        signal,
        (text) => emit({ type: 'token', text }),
        (text) => emit({ type: 'thinking', text }),
      ),
  }
}
