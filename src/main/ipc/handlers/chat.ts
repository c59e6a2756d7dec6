import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { StreamHandlers } from '../router.ts'

export function chatHandlers(client: () => OllamaClient): StreamHandlers {
  return {
    'chat:send': (request, { signal, emit }) => client().chat(request, signal, (text) => emit({ type: 'token', text })),
  }
}
